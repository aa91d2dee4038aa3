"""Make device-supplied strings harmless before they reach a terminal or an HTML page.

rich's ``Text`` strips only a few control codes, so ESC/CSI/OSC sequences in device banners would
reach the terminal; a plain ``str`` given to ``console.print`` is parsed as markup. Every device
string therefore goes through ``visible()`` into a ``Text`` (never a markup f-string), and through
``html.escape`` for the HTML report.
"""

from __future__ import annotations

import html
import re

#: DEL, C1 controls (U+0080-U+009F) and the invisible format characters that change how text reads or
#: hide it: bidi marks, embeddings, overrides and isolates, zero-width spaces and joiners, the word joiner
#: and invisible operators, line/paragraph separators, the byte order mark (a regex class body). Every
#: report format makes these inert: shown escaped here, written as ``\\uXXXX`` by netscan/report/jsonfmt.py.
INVISIBLE = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
#: C0 controls (but tab and newline, replaced by blanks first) and the invisible characters.
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{INVISIBLE}]")
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
    text = text[:10000] if len(text) > 10000 else text  # (a longer text kept its line breaks and tabs)
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    text = _CONTROL.sub(_escape, text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def html_text(value: object, limit: int = 2000) -> str:
    """Device string -> escaped HTML text (control characters made visible first)."""
    return html.escape(visible(value, limit), quote=True)
