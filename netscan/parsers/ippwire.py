"""An IPP message as it was on the wire: the binary encoding of RFC 8010 section 3, read by its lengths.

A printer's answer to Get-Printer-Attributes (RFC 8011 4.2.5) is kept by client libraries as the bytes it
sent (a test data file such as go-mfp's ``Kyocera-ECOSYS-M2040dn-Printer-Attributes.ipp``, a capture's
body). Recorded as text, those bytes arrive latin-1-decoded (docs/observations.md "raw"); a print of them
that drops the encoding (``printer-make-and-modelHP ...``) is read by netscan/parsers/records.py, but in
the bytes themselves a value runs into the next attribute's value tag, which is a printable character
(octetString is ``0x30``, ``0``; textWithoutLanguage ``0x41``, ``A``): only the lengths tell where a value
ends. This module reads them.

The layout (RFC 8010 3.1.1-3.1.7): version-number (two bytes, major 1 or 2), operation-id or status-code
(two bytes), request-id (four bytes), then attribute groups, each a begin-attribute-group tag (0x01
operation, 0x02 job, 0x04 printer, 0x05 unsupported, 0x06 subscription, 0x07 event notification, 0x08
resource, 0x09 document, 0x0A system) followed by attributes, and the end-of-attributes tag 0x03. An
attribute is a value tag (one byte, 0x10-0xFF), a two-byte name length, the name, a two-byte value length
and the value; a further value of the same attribute has a name length of zero. Collections (begCollection
0x34 ... endCollection 0x37, members named by memberAttrName 0x4A) are stepped over. Text values are read
from the tags whose value is a string (RFC 8010 3.9: textWithoutLanguage 0x41, nameWithoutLanguage 0x42,
keyword 0x44, uri 0x45, uriScheme 0x46, charset 0x47, naturalLanguage 0x48, mimeMediaType 0x49), the
language-tagged forms (0x35, 0x36: a language, then the text, each with a two-byte length) and
octetString 0x30 when its bytes are printable (printer-firmware-version, PWG 5100.13 6.9.34, is an
octetString that printers fill with text).

Hostile input: every length is checked against the bytes left; at most ``MAX_WIRE_BYTES`` bytes,
``MAX_ATTRIBUTES`` attributes and ``MAX_VALUE_BYTES`` bytes a value are read; a message that breaks its own
layout before its first attribute is not IPP, one that breaks it later keeps what was read before.
"""

from __future__ import annotations

import re

#: Bytes of a message looked at (a printer's full attribute list is tens of kilobytes).
MAX_WIRE_BYTES = 1024 * 1024
#: Attributes (with their further values) read from one message.
MAX_ATTRIBUTES = 8192
#: Longest value kept (RFC 8011 caps text at 1023 octets; a URI at 1023).
MAX_VALUE_BYTES = 4096
#: Deepest collection nesting stepped over.
MAX_DEPTH = 16

#: begin-attribute-group tags (RFC 8010 3.5.1; 0x08-0x0A from PWG 5100.18/5100.22 and RFC 3995).
_GROUP_TAGS = frozenset({0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A})
_END_TAG = 0x03
#: Value tags whose value is a string as it stands.
_STRING_TAGS = frozenset({0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49})
_WITH_LANGUAGE = frozenset({0x35, 0x36})
_OCTET_STRING = 0x30
_BEG_COLLECTION = 0x34
_END_COLLECTION = 0x37
_MEMBER_NAME = 0x4A
_EXTENSION = 0x7F


def _u16(data: bytes, i: int) -> int:
    return (data[i] << 8) | data[i + 1]


def _printable(value: bytes) -> str | None:
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text and all(c.isprintable() for c in text) else None


def _text(tag: int, value: bytes) -> str | None:
    if tag in _STRING_TAGS:
        return value.decode("utf-8", "replace")
    if tag in _WITH_LANGUAGE and len(value) >= 4:
        lang = _u16(value, 0)
        if 2 + lang + 2 <= len(value):
            size = _u16(value, 2 + lang)
            start = 4 + lang
            if start + size <= len(value):
                return value[start : start + size].decode("utf-8", "replace")
        return None
    if tag == _OCTET_STRING:
        return _printable(value)
    return None


def looks_like_ipp(data: bytes) -> bool:
    """True when ``data`` starts as an IPP message: version 1.x or 2.x, then after the eight-byte header the
    operation attributes group (RFC 8010 3.1.1: every request and response starts with it)."""
    return len(data) >= 12 and data[0] in (1, 2) and data[1] <= 2 and data[8] == 0x01 and data[9] >= 0x10


#: The parallel 1setOf attributes that describe each firmware component (PWG 5100.13 6.9.33-6.9.35:
#: printer-firmware-name[i] is the component whose versions are printer-firmware-string-version[i] and
#: printer-firmware-version[i]).
_FIRMWARE_NAME = "printer-firmware-name"
_FIRMWARE_VERSIONS = ("printer-firmware-string-version", "printer-firmware-version")
#: A component name that stands for the whole device's firmware (Kyocera's "System", Xerox's
#: "FirmwareVersion"); the others name one interpreter or protocol (IPP, JPEG, PDF, URF).
_MAIN_FIRMWARE = re.compile(r"(?i)(?:system|main|device|printer|controller|main[ _-]?controller|(?:main[ _-]?|system[ _-]?)?firmware(?:[ _-]?version)?)")


def _main_component(values: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The firmware versions of the whole device: with one component named, its versions; with several,
    those at the index of the one whose name stands for the device's firmware; none when no name does
    (a version list of interpreters says nothing of the firmware)."""
    names = [v for k, v in values if k == _FIRMWARE_NAME]
    if len(names) <= 1:
        return values
    main = next((n for n, v in enumerate(names) if v is not None and _MAIN_FIRMWARE.fullmatch(v.strip())), None)
    out: list[tuple[str, str | None]] = []
    seen = {k: 0 for k in _FIRMWARE_VERSIONS}
    for k, v in values:
        if k in seen:
            index = seen[k]
            seen[k] += 1
            if index != main:
                continue
        out.append((k, v))
    return out


def ipp_wire_attributes(data: bytes) -> list[tuple[str, str]] | None:
    """(name, value) for every text value of an IPP message's attributes, in order (a further value of a
    1setOf under its attribute's name), collection members left out, the firmware versions only of the
    component that is the device's own (``_main_component``); None when ``data`` is not an IPP message
    (``looks_like_ipp``) or breaks its layout before its first attribute."""
    values = _read(data)
    if values is None:
        return None
    return [(k, v) for k, v in _main_component(values) if v is not None]


def _read(data: bytes) -> list[tuple[str, str | None]] | None:
    """Every value of the message's attributes outside collections, in order: its text, or None for a
    value that is no text (an integer, a range, bytes that are not printable)."""
    if not looks_like_ipp(data):
        return None
    data = data[:MAX_WIRE_BYTES]
    out: list[tuple[str, str | None]] = []
    i = 8
    n = len(data)
    name = ""
    depth = 0
    read = 0
    while i < n and read < MAX_ATTRIBUTES:
        tag = data[i]
        if tag == _END_TAG:
            break
        if tag in _GROUP_TAGS and depth == 0:
            i += 1
            name = ""
            continue
        if tag < 0x10:
            break  # a delimiter the standard does not define: the rest is not read
        if tag == _EXTENSION:
            break  # a four-byte extension tag (RFC 8010 3.5.2): no printer attribute uses one
        if i + 3 > n:
            break
        name_len = _u16(data, i + 1)
        j = i + 3 + name_len
        if j + 2 > n:
            break
        value_len = _u16(data, j)
        k = j + 2 + value_len
        if k > n:
            break
        read += 1
        if name_len:
            name = data[i + 3 : j].decode("ascii", "replace")
        value = data[j + 2 : k]
        i = k
        if tag == _BEG_COLLECTION:
            depth += 1
            if depth > MAX_DEPTH:
                break
            continue
        if tag == _END_COLLECTION:
            depth = max(0, depth - 1)
            continue
        if depth or tag == _MEMBER_NAME or not name or value_len > MAX_VALUE_BYTES:
            continue
        text = _text(tag, value)
        out.append((name, text if text is not None and text.strip() else None))
    return out if read else None


def ipp_wire_text(text: str) -> list[tuple[str, str]] | None:
    """``ipp_wire_attributes`` of a recording's text: the bytes stored latin-1-decoded (each character one
    byte); None when a character is no byte (the text is not such a recording) or it is no IPP message."""
    if not text or text[0] not in ("\x01", "\x02"):
        return None
    head = text[: min(len(text), MAX_WIRE_BYTES)]
    try:
        data = head.encode("latin-1")
    except UnicodeEncodeError:
        return None
    return ipp_wire_attributes(data)
