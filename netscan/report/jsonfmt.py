"""JSON and JSON Lines reports.

``json.dumps(ensure_ascii=False)`` escapes C0 controls but writes C1 controls (U+009B acts as CSI
on many terminals), bidi overrides/isolates (U+202A-202E, U+2066-2069) and lone surrogates raw.
Every such character is written as a ``\\uXXXX`` escape instead: the JSON decodes to the same
text, and a terminal (JSON is the default format, also on a terminal) or an editor shows it inert.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from netscan.report.safe import INVISIBLE

#: Characters written as ``\\uXXXX``: DEL, C1 controls and the invisible format characters (``INVISIBLE``),
#: and UTF-16 surrogates (a lone one cannot be encoded at all).
UNSAFE = re.compile(f"[{INVISIBLE}\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"


def dumps(obj: Any, indent: int | None = None) -> str:
    """``json.dumps`` with the unsafe characters escaped (still valid JSON, same decoded value)."""
    text = json.dumps(obj, indent=indent, ensure_ascii=False)
    return text if text.isascii() else UNSAFE.sub(_escape, text)


def _devices(doc: Any) -> Iterable[Any]:
    return doc.get("devices", []) if isinstance(doc, Mapping) else []


def iter_json(doc: Mapping[str, Any]) -> Iterator[str]:
    """The whole document as indented JSON, in pieces (one per device): memory stays flat."""
    rest = {k: v for k, v in doc.items() if k != "devices"}
    yield "{\n"
    for k, v in rest.items():
        yield "  " + dumps(k) + ": " + dumps(v, indent=2).replace("\n", "\n  ") + ",\n"
    yield '  "devices": ['
    first = True
    for d in _devices(doc):
        yield ("\n    " if first else ",\n    ") + dumps(d, indent=2).replace("\n", "\n    ")
        first = False
    yield ("\n  ]\n}\n" if not first else "]\n}\n")


def iter_jsonl(doc: Mapping[str, Any]) -> Iterator[str]:
    """One line for the scan header (``{"scan": ...}``); for a report compared with the previous
    scan (it has ``changes``, even none), one line ``{"changes": [...]}``; then one line per device.
    Every key of the JSON document but ``devices`` is one line, in the JSON report's order."""
    yield dumps({"scan": doc.get("scan", {})}) + "\n"
    changes = doc.get("changes")
    if changes is not None:
        yield dumps({"changes": list(changes)}) + "\n"
    for d in _devices(doc):
        yield dumps(d) + "\n"


def render_json(doc: Mapping[str, Any]) -> str:
    """The whole document as indented JSON."""
    return "".join(iter_json(doc))


def render_jsonl(doc: Mapping[str, Any]) -> str:
    """One line for the scan header (``{"scan": ...}``), one for the ``changes`` when the report
    has them, then one line per device (:func:`iter_jsonl`)."""
    return "".join(iter_jsonl(doc))


def write_json(doc: Mapping[str, Any], out: TextIO) -> None:
    """Stream ``render_json(doc)`` to ``out``."""
    for piece in iter_json(doc):
        out.write(piece)


def write_jsonl(doc: Mapping[str, Any], out: TextIO) -> None:
    """Stream ``render_jsonl(doc)`` to ``out``."""
    for piece in iter_jsonl(doc):
        out.write(piece)
