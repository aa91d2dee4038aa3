"""Make device-supplied strings harmless before they reach a terminal or an HTML page.

rich's ``Text`` strips only a few control codes, so ESC/CSI/OSC sequences in device banners would
reach the terminal; a plain ``str`` given to ``console.print`` is parsed as markup. Every device
string therefore goes through ``visible()`` into a ``Text`` (never a markup f-string), and through
``html.escape`` for the HTML report.
"""

from __future__ import annotations

import html
import re

#: C0 controls, DEL and C1 controls (U+0080-U+009F), bidi overrides, isolates and marks that can disguise
#: text, and invisible characters (zero-width space and joiners, word joiner and invisible operators, the byte
#: order mark) that hide text or make two different values look the same, and the Unicode line and paragraph
#: separators: the same set the JSON writer escapes (netscan/report/jsonfmt.py UNSAFE, less the surrogates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
#: Longest device string shown in a table cell.
MAX_CELL = 200


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(value: object, limit: int = MAX_CELL) -> str:
    """Device string -> printable text: control characters shown as ``\\xNN``, length capped."""
    if value is None:
        return ""
    text = str(value)
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ") if len(text) < 10000 else text[:10000]
    text = _CONTROL.sub(_escape, text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def html_text(value: object, limit: int = 2000) -> str:
    """Device string -> escaped HTML text (control characters made visible first)."""
    return html.escape(visible(value, limit), quote=True)
