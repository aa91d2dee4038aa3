"""A device's answer a program keeps as one multi-line string literal of its source code.

Client libraries keep recorded answers in their tests as constants (docs/observations.md "Shapes of raw"):
Go's raw strings (``var body = `{...}` ``, ``data: `...`,``, ``return `...` ``), JavaScript's and
TypeScript's template literals (``module.exports = `...`;``), Python's, Kotlin's, Java's, Swift's and C#'s
triple-quoted strings and text blocks (three double or single quotes on each side: ``X = '''...'''``,
Kotlin's ``val xml = <three quotes>...<three quotes>.trimIndent()``), Rust's raw
strings (``r#"..."#``), C++'s (``R"(...)"``, ``R"xml(...)xml"``), C#'s verbatim strings (``@"..."``, a quote
doubled inside) and the heredocs of PHP, Ruby and shells (``<<<XML`` / ``<<~XML`` / ``<<EOF`` ... the
word alone on a line). The recording then holds the declaration around the answer. ``raw_literal(raw)``
returns the literal's text when the text is such a declaration: a short head of code (a name and ``=``,
``:``, ``(``, ``,`` or ``return``) before the opening delimiter, the closing delimiter after it, and a
literal that is most of the text and starts as a message, markup, JSON or ``key=value`` / ``Key: value``
lines. A literal with escapes (JavaScript's template literal, Python's non-raw triple quotes) has them
undone; the raw forms are taken as they stand.

Recognised by the layout of the source code alone, never by what the answer names. Bounded: at most
``MAX_LITERAL_CHARS`` characters are looked at, the head is at most ``MAX_HEAD_CHARS`` characters on at most
``MAX_HEAD_LINES`` lines, and every pattern is anchored and made of bounded classes.
"""

from __future__ import annotations

import re

from netscan.parsers._util import DECODED_LOOK

#: Characters of a recording looked at.
MAX_LITERAL_CHARS = 512 * 1024
#: Longest code before the opening delimiter (``func onResponse() string {\n\treturn ``, ``const X = ``).
MAX_HEAD_CHARS = 400
MAX_HEAD_LINES = 4
#: Share of the recording's non-blank characters the literal must hold (the rest is its declaration).
MIN_SHARE = 0.5
#: Shortest literal taken.
MIN_LITERAL_CHARS = 24

#: The code before a literal ends with an assignment, a member's colon, a call's parenthesis, a list's comma,
#: ``return`` or an arrow (``=>``), and perhaps the name of a C#/Java type or a Python prefix before the quote.
_HEAD_END = re.compile(r"(?:=|:|\(|,|\breturn|=>|\+)[ \t]*(?:\n[ \t]*)?$")
_OPENERS = re.compile(
    r'(?P<triple>[rRbBuUfF]{0,2}(?P<q3>"""|\'\'\'))'
    r'|(?P<rust>r(?P<hashes>#{0,4})")'
    r'|(?P<cpp>R"(?P<delim>[A-Za-z0-9_]{0,16})\()'
    r'|(?P<verbatim>@")'
    r'|(?P<heredoc><<(?:<|~|-)?[ \t]{0,2}(?P<hq>["\']?)(?P<word>[A-Z][A-Z0-9_]{0,20})(?P=hq)[ \t]*\r?\n)'
    r'|(?P<tick>`)'
)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt0\\'\"`$])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "0": "\x00", "\\": "\\", "'": "'", '"': '"', "`": "`", "$": "$"}


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] in "xu" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _SIMPLE.get(e, e)

    return _ESCAPE.sub(one, text)


def _close(text: str, m: re.Match[str]) -> tuple[str, int] | None:
    """The literal's text and the index after its closing delimiter, or None when it is not closed."""
    start = m.end()
    if m.group("triple"):
        q = m.group("q3")
        end = text.find(q, start)
        if end < 0:
            return None
        body = text[start:end]
        prefix = m.group("triple")[: -3].lower()
        return (body if "r" in prefix else _unescape(body)), end + 3
    if m.group("rust") is not None:
        closing = '"' + m.group("hashes")
        end = text.find(closing, start)
        return (text[start:end], end + len(closing)) if end >= 0 else None
    if m.group("cpp") is not None:
        closing = ")" + m.group("delim") + '"'
        end = text.find(closing, start)
        return (text[start:end], end + len(closing)) if end >= 0 else None
    if m.group("verbatim"):
        i = start
        while True:
            end = text.find('"', i)
            if end < 0:
                return None
            if text[end + 1 : end + 2] == '"':
                i = end + 2
                continue
            return text[start:end].replace('""', '"'), end + 1
    if m.group("heredoc"):
        word = m.group("word")
        word_line = re.compile(r"^[ \t]{0,16}" + word + r"\b", re.M)
        end_m = word_line.search(text, start)
        if end_m is None:
            return None
        return text[start : end_m.start()], end_m.end()
    # a backtick: Go's raw string (no escapes) or a JavaScript template literal (\` and \\ escaped)
    i = start
    while True:
        end = text.find("`", i)
        if end < 0:
            return None
        if end > start and text[end - 1] == "\\" and (end - start < 2 or text[end - 2] != "\\"):
            i = end + 1
            continue
        body = text[start:end]
        return (_unescape(body) if "\\`" in body or "\\\\" in body else body), end + 1


def raw_literal(raw: str) -> str | None:
    """The answer held by one string literal of a source-code declaration (module docstring), or None."""
    text = raw[:MAX_LITERAL_CHARS]
    lead = text.lstrip()
    if not lead or lead[0] in "<{[" or lead.startswith(("HTTP/", "RTSP/", "```")):
        return None  # a document as it stands, or a Markdown block (netscan/parsers/unwrap.py reads those)
    m = _OPENERS.search(text, 0, MAX_HEAD_CHARS + 16)
    while m is not None and m.group("tick") and text.startswith("``", m.start()):
        m = _OPENERS.search(text, m.start() + 3, MAX_HEAD_CHARS + 16)  # a Markdown fence is no literal
    if m is None:
        return None
    head = text[: m.start()]
    if len(head) > MAX_HEAD_CHARS or head.count("\n") >= MAX_HEAD_LINES or not head.strip():
        return None
    if m.group("heredoc") is None and _HEAD_END.search(head.rstrip(" \t@$")) is None:
        return None
    closed = _close(text, m)
    if closed is None:
        return None
    body, _ = closed
    inner = body.strip("\r\n")
    if len(inner.strip()) < MIN_LITERAL_CHARS or DECODED_LOOK.match(inner) is None:
        return None
    total = sum(1 for c in text if not c.isspace())
    if total and sum(1 for c in inner if not c.isspace()) < MIN_SHARE * total:
        return None
    return inner
