"""``python -m netscan.capture.feed [FILE]``: copy a capture (FILE, or stdin) to stdout,
decompressing gzip. libpcap reads the other end of the pipe.

A separate process because libpcap's read holds the interpreter lock while it waits on the pipe:
a feeding thread in the same process would never get to write (a deadlock)."""

from __future__ import annotations

import gzip
import io
import sys
from typing import BinaryIO

_CHUNK = 1 << 16


def main(argv: list[str]) -> int:
    """Copy; exit 0, or 1 with one line on stderr when the input cannot be read to the end."""
    out = sys.stdout.buffer
    try:
        src: io.BufferedReader = open(argv[0], "rb") if argv else sys.stdin.buffer  # type: ignore[assignment]  # noqa: SIM115
        stream: BinaryIO = gzip.GzipFile(fileobj=src) if src.peek(2)[:2] == b"\x1f\x8b" else src  # type: ignore[assignment]
        while chunk := stream.read(_CHUNK):
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        return 0  # the reader stopped early (it had what it needed, or gave up on the data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
