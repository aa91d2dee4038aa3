"""The element paths of XML that does not parse (an answer cut at either end, two answers pasted in
one log, a body inside a debug line).

``xml_salvage`` (parsers/_util.py) reads such text element by element and names each text-only
element by its own name (``<prefix>.xml.version``). A document's conventions are keyed to paths
(``QDocRoot/authPassed``, ``QDocRoot/firmware/version``: the names ``xml_leaves`` gives a document
that parses), so this walks the tags in order, keeps the elements that are open, and names each
text-only element by its path from the outermost element the text shows. A text cut at its start
shows end tags whose start tags were cut away (``...<version>4.5.2</version></firmware>...</QDocRoot>``):
such an end tag names an ancestor of everything read since the text (or the last ``<?xml``
declaration) began, and is put in front of those paths. Only paths of two or more elements are
given: a one-element name is ``xml_salvage``'s already.

Everything a device sends is hostile: the text read is capped (``MAX_PARSE_BYTES``), so are the
tags walked, the depth kept and the paths given; a tag's attributes are never read here.
"""

from __future__ import annotations

import re

from netscan.parsers._util import MAX_LOOSE_PAIRS, MAX_PARSE_BYTES

#: A tag (start, end or empty-element; an optional namespace prefix dropped), an XML declaration,
#: a CDATA section, a comment, or a processing instruction: the tokens walked.
_TOKEN = re.compile(
    r"<(?P<end>/)?(?:[A-Za-z_][\w.-]{0,60}:)?(?P<name>[A-Za-z_][\w.-]{0,60})(?:\s[^<>]{0,400})?(?P<empty>/)?>"
    r"|<!\[CDATA\[.{0,512}?\]\]>|<!--.{0,400}?-->|<\?(?P<decl>xml\b)?[^<>]{0,200}\?>",
    re.S,
)
#: One CDATA section and nothing else: a text-only element's value written so.
_ONE_CDATA = re.compile(r"<!\[CDATA\[([^<>\]]{1,512})\]\]>")
#: At most this many tags are walked, this many elements kept open, this many paths given.
MAX_TAGS = 4000
MAX_OPEN = 32
MAX_ANCESTORS = 8


def xml_cut_paths(text: str) -> list[tuple[str, str]]:
    """(``Root/a/leaf`` path, text) of every text-only element of XML that does not parse whose path
    has two elements or more, in document order (see the module's note)."""
    text = text[:MAX_PARSE_BYTES]
    if "<!" in text and ("<!ENTITY" in text or "<!DOCTYPE" in text):
        return []  # refused as a whole for its declarations (as xml_salvage)
    entries: list[tuple[list[str], str]] = []
    floating: list[int] = []  # entries whose outermost element is not known yet (since the text or a declaration began)
    ancestors = 0  # end tags put in front since then
    names: list[str] = []  # the elements open, outermost first
    starts: list[int] = []  # where each one's text begins (the end of its start tag)
    parents: list[bool] = []  # whether each one has a child element
    for n, m in enumerate(_TOKEN.finditer(text)):
        if n >= MAX_TAGS:
            break
        name = m.group("name")
        if name is None:
            if m.group("decl"):
                floating, names, starts, parents, ancestors = [], [], [], [], 0  # a new document
            continue
        if m.group("empty"):
            if parents:
                parents[-1] = True
            continue
        if not m.group("end"):
            if parents:
                parents[-1] = True
            if len(names) < MAX_OPEN:
                names.append(name)
                starts.append(m.end())
                parents.append(False)
            continue
        if names and names[-1] == name:
            names.pop()
            start = starts.pop()
            if not parents.pop() and len(entries) < MAX_LOOSE_PAIRS:
                value = text[start : m.start()].strip()
                if "<" in value:
                    one = _ONE_CDATA.fullmatch(value)
                    value = one.group(1).strip() if one else ""
                if value:
                    floating.append(len(entries))
                    entries.append(([*names, name], value))
        elif not names and floating and ancestors < MAX_ANCESTORS:
            ancestors += 1  # the end tag of an element whose start was cut away: the ancestor of all read so far
            for i in floating:
                entries[i][0].insert(0, name)
        elif name in names:
            while names[-1] != name:
                names.pop()  # elements left open inside it (malformed): closed with it
                starts.pop()
                parents.pop()
            names.pop()
            starts.pop()
            parents.pop()
    return [("/".join(path), value) for path, value in entries if len(path) >= 2]
