"""``python -m netscan.capture.feed [FILE]``: copy a capture (FILE, or stdin) to stdout,
decompressing gzip. libpcap reads the other end of the pipe.

A separate process because libpcap's read holds the interpreter lock while it waits on the pipe:
a feeding thread in the same process would never get to write (a deadlock)."""

from __future__ import annotations

import gzip
import sys

_CHUNK = 1 << 16


def main(argv: list[str]) -> int:
    """Copy; exit 0, or 1 with one line on stderr when the input cannot be read to the end."""
    out = sys.stdout.buffer
    try:
        src = open(argv[0], "rb") if argv else sys.stdin.buffer  # noqa: SIM115
        head = src.read(2)
        if head == b"\x1f\x8b":
            stream = gzip.GzipFile(fileobj=_Prefixed(head, src))
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
        else:
            out.write(head)
            while chunk := src.read(_CHUNK):
                out.write(chunk)
        out.flush()
    except BrokenPipeError:
        return 0  # the reader stopped early (it had what it needed, or gave up on the data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


class _Prefixed:
    """A byte stream with already-read bytes put back in front."""

    def __init__(self, head: bytes, rest: object) -> None:
        self.head = head
        self.rest = rest

    def read(self, n: int = -1) -> bytes:
        rest = self.rest.read  # type: ignore[attr-defined]
        if not self.head:
            return bytes(rest(n))
        if n is None or n < 0:
            out, self.head = self.head + rest(), b""
            return out
        out, self.head = self.head[:n], self.head[n:]
        if len(out) < n:
            out += rest(n - len(out))
        return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
