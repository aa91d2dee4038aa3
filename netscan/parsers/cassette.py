"""HTTP exchanges recorded as a vcrpy cassette (docs/observations.md "Shapes of raw").

Client libraries record their tests' HTTP traffic with vcrpy (and its ports: VCR.py's YAML
"interactions" format, https://vcrpy.readthedocs.io/en/latest/advanced.html): a YAML document whose
``interactions`` list holds, for each exchange, the ``request`` (method, uri, headers, body) and the
``response`` (``status: {code, message}``, ``headers: {Name: [values]}``, ``body: {string: ...}``). A
cassette is several answers of one device; read as one text, its YAML quoting hides each answer's
body from the body readers. This reader recognises the layout (nothing of the device) and returns
each answer as the HTTP message it was on the wire, with the URI the client asked.

Bounded: the text is capped, aliases are refused (netscan.sigdb.yamlsafe), at most
``MAX_INTERACTIONS`` answers are returned, and only the documented keys are read.
"""

from __future__ import annotations

import re
from typing import Any

from netscan.errors import SignatureError
from netscan.parsers._util import MAX_PARSE_BYTES
from netscan.sigdb.yamlsafe import load_yaml_text

MAX_INTERACTIONS = 32
MAX_HEADER_VALUES = 64
#: A cassette starts with its ``interactions:`` key (vcrpy writes it first, then ``version:``).
_START = re.compile(r"\A(?:---[ \t]*\r?\n)?interactions:[ \t]*\r?\n")


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else ""


def cassette_exchanges(raw: str) -> list[tuple[str, str]] | None:
    """``[(request uri, response as HTTP text), ...]`` of a vcrpy cassette, or None when ``raw`` is not
    one (or is not readable YAML)."""
    if _START.match(raw) is None or "response:" not in raw:
        return None
    try:
        doc = load_yaml_text(raw[:MAX_PARSE_BYTES], "cassette")
    except (SignatureError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("interactions"), list):
        return None
    out: list[tuple[str, str]] = []
    for item in doc["interactions"][:MAX_INTERACTIONS]:
        if not isinstance(item, dict) or not isinstance(item.get("response"), dict):
            continue
        raw_request = item.get("request")
        request: dict[str, Any] = raw_request if isinstance(raw_request, dict) else {}
        response: dict[str, Any] = item["response"]
        raw_status = response.get("status")
        status: dict[str, Any] = raw_status if isinstance(raw_status, dict) else {}
        code = status.get("code")
        if not isinstance(code, int) or not 100 <= code <= 599:
            continue
        lines = [f"HTTP/1.1 {code} {_text(status.get('message'))}".rstrip()]
        raw_headers = response.get("headers")
        headers: dict[Any, Any] = raw_headers if isinstance(raw_headers, dict) else {}
        for name, values in list(headers.items())[:MAX_HEADER_VALUES]:
            for v in (values if isinstance(values, list) else [values])[:8]:
                text = " ".join((str(v) if isinstance(v, (int, float)) else _text(v)).split())  # folded lines joined
                if isinstance(name, str) and name.strip() and ":" not in name and text:
                    lines.append(f"{name.strip()}: {text}")
        body = response.get("body")
        body_text = _text(body.get("string")) if isinstance(body, dict) else _text(body)
        out.append((_text(request.get("uri")), "\r\n".join(lines) + "\r\n\r\n" + body_text))
    return out or None
