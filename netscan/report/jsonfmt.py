"""JSON and JSON Lines reports (JSON escapes every control character, so they are safe as is)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render_json(doc: Mapping[str, Any]) -> str:
    """The whole document as indented JSON."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_jsonl(doc: Mapping[str, Any]) -> str:
    """One line for the scan header (``{"scan": ...}``), then one line per device."""
    lines = [json.dumps({"scan": doc.get("scan", {})}, ensure_ascii=False)]
    lines += [json.dumps(d, ensure_ascii=False) for d in doc.get("devices", [])]
    return "\n".join(lines) + "\n"
