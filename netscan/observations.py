"""Read and write the observation format (docs/observations.md). Pure on text.

A file holds one observation object or a list of them. Unknown top-level keys (a corpus file's
``source`` and ``expect``, a lab profile's extras) are kept in ``Observation.meta``. ``observed_at``
becomes ``Observation.observed_at``; a response's ``auth`` object (or, in older files, the
`` [authenticated]`` / `` [default-credentials user=…]`` tag at the end of its ``request``) becomes
``Response.auth``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def load_text(text: str, where: str = "input") -> list[Observation]:
    """Parse observations from JSON text (one object or a list; JSON Lines also accepted)."""
    text = text.strip()
    if not text:
        raise UsageError(f"{where}: empty input")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # JSON Lines: one observation per line
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1:
            try:
                data = [json.loads(ln) for ln in lines]
            except json.JSONDecodeError:
                raise UsageError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        else:
            raise UsageError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and "devices" in data and "responses" not in data:
        # a netscan report with embedded observations is not an observations file
        raise UsageError(f"{where}: this is a scan report, not observations (use --save-observations)")
    items = data if isinstance(data, list) else [data]
    return [from_dict(item, f"{where}[{i}]") for i, item in enumerate(items)]


def load_path(path: str | Path) -> list[Observation]:
    """Read observations from a file; ``-`` is not handled here (the CLI reads stdin)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(f"{p}: file too large ({size} bytes)")
        text = p.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise UsageError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{p}: is a directory") from None
    except PermissionError:
        raise UsageError(f"{p}: permission denied") from None
    return load_text(text, str(p))


def dumps(observations: list[Observation], indent: int | None = 1) -> str:
    """Serialise observations to JSON text (a list), the format ``identify`` reads back."""
    return json.dumps([o.to_dict() for o in observations], indent=indent, ensure_ascii=False) + "\n"
