"""Records printed as ``key=value`` lists by the JVM's and similar ``toString`` conventions.

A Java or Kotlin program logs a device's details with the standard printers, not as JSON:

- ``java.util.AbstractMap.toString``: ``{friendlyName=[LG] webOS TV, manufacturer=LG Electronics., modelName=LG TV}``
  (https://docs.oracle.com/javase/8/docs/api/java/util/AbstractMap.html#toString--: "key=value" mappings
  separated by ", " in braces);
- a Kotlin data class's / Lombok ``@ToString``'s print: ``DeviceInfo(model=X, firmware=1.2.3)``
  (https://kotlinlang.org/docs/data-classes.html, https://projectlombok.org/features/ToString);
- a Java record's print: ``DeviceInfo[model=X, firmware=1.2.3]``
  (https://docs.oracle.com/en/java/javase/16/docs/api/java.base/java/lang/Record.html#toString()).

Media servers, openHAB/jUPnP bindings and Android apps print UPnP descriptions and API answers so in logs
that users paste into issue threads. ``java_map_pairs`` returns the pairs of such prints (a print cut
before its closing bracket is read to the end of its line); the caller files them as the structured
members they were.
"""

from __future__ import annotations

import re

#: Pairs taken from one text.
MAX_PAIRS = 64
#: Text searched (a log excerpt's first part).
MAX_SCAN_CHARS = 20000

_KEY = r"[A-Za-z_][\w.-]{0,40}"
#: The opening of a print: ``{`` or a class name and ``(`` / ``[``, then the first ``key=``.
_OPEN = re.compile(r"(?:(?<![\w$])\{|(?<![\w$])[A-Z][\w$]{1,60}[(\[])(?=" + _KEY + r"=)")
#: The ", " before the next ``key=`` of the same print.
_NEXT = re.compile(r", (?=" + _KEY + r"=)")
_PAIR = re.compile(r"(" + _KEY + r")=(.*)", re.S)
_CLOSERS = {"{": "}", "(": ")", "[": "]"}


def java_map_pairs(text: str) -> list[tuple[str, str]]:
    """The ``key=value`` pairs of every ``toString``-style print in ``text`` (see the module): at least two pairs
    separated by ``", "`` make a print; values keep their inner text, one pair of enclosing quotes is dropped."""
    out: list[tuple[str, str]] = []
    if "=" not in text:
        return out
    pos = 0
    scan = text[:MAX_SCAN_CHARS]
    while len(out) < MAX_PAIRS:
        m = _OPEN.search(scan, pos)
        if m is None:
            break
        closer = _CLOSERS[scan[m.end() - 1]]
        line_end = scan.find("\n", m.end())
        if line_end < 0:
            line_end = len(scan)
        body = scan[m.end():line_end]
        close = _closing(body, closer)
        if close is not None:
            body = body[:close]
        items = _NEXT.split(body)
        pos = m.end()
        if len(items) < 2:
            continue
        for item in items:
            pair = _PAIR.match(item)
            if pair is None:
                break
            value = pair.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            if value and value.lower() != "null":
                out.append((pair.group(1), value[:512]))
            if len(out) >= MAX_PAIRS:
                break
        pos = m.end() + len(body)
    return out


def _closing(body: str, closer: str) -> int | None:
    """Where the print's own closing bracket is: the first ``closer`` not inside a value's brackets."""
    depth = 0
    opener = {"}": "{", ")": "(", "]": "["}[closer]
    for i, ch in enumerate(body):
        if ch == opener:
            depth += 1
        elif ch == closer:
            if depth == 0:
                return i
            depth -= 1
    return None
