"""Read and write the observation format (docs/observations.md). Pure on text.

A file holds one observation object or a list of them. Unknown top-level keys (a corpus file's
``source`` and ``expect``, a lab profile's extras) are kept in ``Observation.meta``. ``observed_at``
becomes ``Observation.observed_at``; a response's ``auth`` object (or, in older files, the
`` [authenticated]`` / `` [default-credentials user=…]`` tag at the end of its ``request``) becomes
``Response.auth``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO

from netscan.errors import UsageError
from netscan.model import PROTOCOLS, Auth, Observation, Response, parse_time
from netscan.parsers._util import clean_text

#: A single observations file larger than this is refused (a scan of a /16 stays far below).
MAX_FILE_BYTES = 512 * 1024 * 1024

_KNOWN = {"ip", "mac", "responses", "open_ports"}


def _response(d: Any, where: str) -> Response:
    if not isinstance(d, dict):
        raise UsageError(f"{where}: a response must be an object")
    proto = d.get("protocol")
    if not isinstance(proto, str) or proto not in PROTOCOLS:
        raise UsageError(f"{where}: unknown protocol {proto!r} (one of {', '.join(sorted(PROTOCOLS))})")
    raw = d.get("raw", "")
    if not isinstance(raw, str):
        raise UsageError(f"{where}: 'raw' must be a string")
    port = d.get("port")
    if port is not None and (not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535):
        raise UsageError(f"{where}: 'port' must be an integer 0-65535 or null")
    request = d.get("request") or ""
    if not isinstance(request, str):
        raise UsageError(f"{where}: 'request' must be a string")
    err = d.get("error")
    src = d.get("source")
    auth = Auth.from_dict(d["auth"]) if "auth" in d else None
    if "auth" in d and auth is None:
        raise UsageError(f"{where}: 'auth' must be an object with a known 'kind'")
    return Response(
        protocol=proto,
        raw=clean_text(raw),
        port=port,
        request=clean_text(request),
        error=clean_text(str(err)) if err else None,
        truncated=bool(d.get("truncated", False)),
        source=clean_text(str(src)) if src else None,
        auth=auth,
    )


def from_dict(d: Any, where: str = "observation") -> Observation:
    """Build an Observation from a decoded JSON object, with a clear error when it is malformed."""
    if not isinstance(d, dict):
        raise UsageError(f"{where}: an observation must be a JSON object")
    ip = d.get("ip")
    mac = d.get("mac")
    if ip is not None and not isinstance(ip, str):
        raise UsageError(f"{where}: 'ip' must be a string or null")
    if mac is not None and not isinstance(mac, str):
        raise UsageError(f"{where}: 'mac' must be a string or null")
    responses = d.get("responses", [])
    if not isinstance(responses, list):
        raise UsageError(f"{where}: 'responses' must be a list")
    ports = d.get("open_ports", [])
    if not isinstance(ports, list) or not all(isinstance(p, int) for p in ports):
        raise UsageError(f"{where}: 'open_ports' must be a list of integers")
    meta = {k: v for k, v in d.items() if k not in _KNOWN}
    observed_at = parse_time(meta.get("observed_at"))
    if observed_at is not None:
        del meta["observed_at"]  # an unreadable value stays in meta, as written
    return Observation(
        ip=clean_text(ip) if ip else ip,
        mac=clean_text(mac.lower()) if mac else None,
        responses=tuple(_response(r, f"{where}.responses[{i}]") for i, r in enumerate(responses)),
        open_ports=tuple(sorted(set(ports))),
        meta=meta,
        observed_at=observed_at,
    )


def _decode_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise UsageError(f"{where}: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise UsageError(f"{where}: not valid JSON ({str(exc).split(';')[0]})") from None


def load_text(text: str, where: str = "input") -> list[Observation]:
    """Parse observations from JSON text (one object or a list; JSON Lines also accepted)."""
    holder = [text]
    del text
    return _load(holder, where)


def _load(holder: list[str], where: str) -> list[Observation]:
    """``load_text`` on ``holder[0]``, which it drops as soon as it is parsed: the text of a large
    file, its decoded JSON and the observations are never all in memory at once (JSON Lines are
    converted line by line; a JSON list item by item, each dict released once converted)."""
    text = holder.pop()
    start = len(text) - len(text.lstrip())
    if start == len(text):
        raise UsageError(f"{where}: empty input")
    try:
        data = _decode_json(text, where)
    except json.JSONDecodeError as exc:
        nl = text.find("\n", start)
        if nl < 0 or _NON_BLANK.search(text, nl) is None:  # one line: not JSON Lines either
            raise UsageError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        return _load_lines(text, where, exc)
    del text
    if isinstance(data, dict) and "devices" in data and "responses" not in data:
        # a netscan report with embedded observations is not an observations file
        raise UsageError(f"{where}: this is a scan report, not observations (use --save-observations)")
    items = data if isinstance(data, list) else [data]
    del data
    out: list[Observation] = []
    try:
        for i in range(len(items)):
            item, items[i] = items[i], None
            out.append(from_dict(item, f"{where}[{i}]"))
    except RecursionError:
        raise UsageError(f"{where}: JSON nested too deeply") from None
    return out


def _load_lines(text: str, where: str, first: json.JSONDecodeError) -> list[Observation]:
    """JSON Lines: one observation per non-blank line, converted as it is read."""
    out: list[Observation] = []
    n = 0
    pos, end = 0, len(text)
    while pos < end:  # str.find, not io.StringIO (which copies the text at 4 bytes a character)
        nl = text.find("\n", pos)
        nl = end if nl < 0 else nl
        line = text[pos:nl]
        pos = nl + 1
        if not line.strip():
            continue
        try:
            item = _decode_json(line, where)
        except json.JSONDecodeError:
            raise UsageError(f"{where}: not valid JSON ({first.msg} at line {first.lineno})") from None
        try:
            out.append(from_dict(item, f"{where}[{n}]"))
        except RecursionError:
            raise UsageError(f"{where}: JSON nested too deeply") from None
        n += 1
    if n < 2:
        raise UsageError(f"{where}: not valid JSON ({first.msg} at line {first.lineno})")
    return out


_NON_BLANK = re.compile(r"\S")

#: Bytes read at a time from a file or stdin.
_CHUNK = 1 << 20


def read_bytes_capped(fh: BinaryIO, where: str, limit: int = MAX_FILE_BYTES, refuse_nul: bool = True) -> bytearray:
    """Read at most ``limit`` bytes from a binary stream (a file, a pipe, a device such as
    /dev/zero). Refuses more than ``limit`` bytes and, with ``refuse_nul``, NUL bytes (never part
    of JSON text: /dev/zero stops at the first chunk); read errors such as EIO become a UsageError."""
    buf = bytearray()
    try:
        while True:
            chunk = fh.read(min(_CHUNK, limit + 1 - len(buf)))
            if not chunk:
                break
            nul = chunk.find(0) if refuse_nul else -1
            if nul >= 0:
                raise UsageError(f"{where}: not JSON text (NUL byte at offset {len(buf) + nul})")
            buf += chunk
            if len(buf) > limit:
                raise UsageError(f"{where}: input too large (more than {limit} bytes)")
    except OSError as exc:
        raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
    return buf  # a bytearray: no second copy of up to 512 MiB


def read_capped(fh: BinaryIO, where: str, limit: int = MAX_FILE_BYTES) -> str:
    """``read_bytes_capped`` decoded as UTF-8 (bad bytes replaced)."""
    return read_bytes_capped(fh, where, limit).decode("utf-8", errors="replace")  # the bytes are freed at once


def stdin_binary(stream: Any = None) -> BinaryIO:
    """The binary stdin, or UsageError when stdin is closed."""
    stream = sys.stdin if stream is None else stream
    raw = getattr(stream, "buffer", stream)
    if raw is None or getattr(raw, "closed", False) or not hasattr(raw, "read"):
        raise UsageError("stdin: closed (nothing to read)")
    return raw  # type: ignore[no-any-return]


def load_stdin(stream: Any = None) -> list[Observation]:
    """Read observations from stdin (``identify -``), within the size cap."""
    return _load([read_capped(stdin_binary(stream), "stdin")], "stdin")


def load_path(path: str | Path) -> list[Observation]:
    """Read observations from a file; ``-`` is not handled here (the CLI reads stdin)."""
    p = Path(path)
    try:
        fh = open(p, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise UsageError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{p}: is a directory") from None
    except PermissionError:
        raise UsageError(f"{p}: permission denied") from None
    except OSError as exc:
        raise UsageError(f"{p}: cannot open: {exc.strerror or exc}") from None
    with fh:
        try:
            size = os.fstat(fh.fileno()).st_size
        except OSError:
            size = 0
        if size > MAX_FILE_BYTES:
            raise UsageError(f"{p}: file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        holder = [read_capped(fh, str(p))]
    return _load(holder, str(p))


def dumps(observations: list[Observation], indent: int | None = 1) -> str:
    """Serialise observations to JSON text (a list), the format ``identify`` reads back."""
    return json.dumps([o.to_dict() for o in observations], indent=indent, ensure_ascii=False) + "\n"
