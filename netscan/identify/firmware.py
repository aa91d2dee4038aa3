"""The extent of a firmware version: what of a field's or a line's value is the version itself.

A firmware field often holds more than the version: a release date or a build in brackets after a
blank (``5.1.0 (2021-01-01)``, ``2.4.1.0 (Build 20181212)``, RouterOS's ``6.48.6 (long-term)``), a date
after a dash (``V1.3.0.0 - 2019/01/01``), the next ``Key: value`` pair of a line that holds several
(``v1.0.12 Hardware: v2.0.0``, Dahua's ``2.800.0000000.16.R, Build Date: 2019-01-04``), a cut
pretty-print's dangling ``Build`` or an ellipsis, and a firmware word the value starts with
(``FW 3.2.1``). Those are dropped, whoever wrote the value; what a
maker's scheme writes inside the version is kept: Hikvision's ``V5.5.0 build 170725``, TP-Link's
``1.0.2 Build 200915 Rel.085940`` and its glued ``Rel.37726n(4555)``, a build date after the word
``build`` (``V3.0.2.1 build 2020-05-05 14:10:20``), Reolink's ``v3.0.0.2356_23062003``.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: A version: digits with a dot or an underscore somewhere (``5.1.0``, ``V2.800.0000000.16.R``, ``1029_16061700``).
_HAS_VERSION = re.compile(r"\d[._]\d|\d\.[A-Za-z]")

#: A bracketed remark after a blank at the end: a date or a build number, a release channel
#: (``(long-term)``, ``(beta)``, ``(R1)``). Other words in brackets (``(ONVIF Device Manager)``: the
#: software the version belongs to) are left alone.
_TAIL_BRACKET = re.compile(
    r"\s+[(\[](?:[^()\[\]a-zA-Z]{0,12}\d[^()\[\]a-zA-Z]{0,20}"
    r"|(?i:build|rel|release|date|built)[^()\[\]]{0,30}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ ,.]{1,2}\d[^()\[\]]{0,20}"
    r"|(?i:stable|beta|alpha|latest|current|long-term|lts|testing|test|official|release candidate|rc\d{0,2}|r\d{1,3}|final|hotfix))"
    r"[)\]]\s*$"
)

#: A calendar date after a blank or a dash at the end, with no ``build`` word before it
#: (``- 2019/01/01``, `` 2021-01-01``, `` Jan  9 2024``).
_TAIL_DATE = re.compile(
    r"(?<![Bb]uild)(?<![Bb]uild:)(?<![Bb]uild )\s*(?:\s[-\u2013\u2014]\s*|\s)"
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)

#: The next ``Key: value`` / ``Key=value`` pair of the same line (a label of one to three words,
#: capitalised or snake/camel case, then a colon or an equals sign), after a blank, a comma or a bar.
_TAIL_PAIR = re.compile(r"(?:\s*[,;|]\s*|\s+)(?:[A-Za-z][A-Za-z_]{1,24}(?:[ -][A-Za-z][A-Za-z_]{0,24}){0,2})\s?[:=](?!\d).*$")

#: A value cut where it was published: an ellipsis, or a dangling build/release word without its number.
_TAIL_CUT = re.compile(r"(?:\s*(?:\.{3,}|\u2026)|\s+(?i:build|rel\.?|release)|\s*,\s*(?i:build)(?:\s?(?i:date))?)\s*$")

#: A build date after a comma: Dahua's ``2.800.0000000.16.R,build:2019-10-09`` /
#: ``2.460.0001.5.R, Build Date 2017-08-11`` (the label convention drops it, docs/accuracy.md).
_TAIL_COMMA_BUILD = re.compile(r"\s*,\s*(?i:build)(?:\s?(?i:date))?\b.*$")

#: A firmware label the value itself starts with (``FW 3.2.1``, ``Firmware: V5.5.0``).
_HEAD_LABEL = re.compile(r"^(?i:firmware|fw|software|sw)(?:[ _-]?(?i:version|ver)\.?)?\s*[:=]?\s*(?=[Vv]?\d)")


@lru_cache(maxsize=1 << 14)
def firmware_extent(value: str) -> str:
    """``value`` without what follows the version in it (see the module's docstring); the value as
    given when nothing is to be dropped or when dropping would leave no version."""
    v = value.strip()
    if len(v) > 160 or not _HAS_VERSION.search(v):
        return v
    for _ in range(3):
        before = v
        head = _HEAD_LABEL.match(v)
        if head is not None and head.end() < len(v):
            v = v[head.end():]
        for tail in (_TAIL_COMMA_BUILD, _TAIL_PAIR, _TAIL_BRACKET, _TAIL_DATE, _TAIL_CUT):
            m = tail.search(v)
            if m is None or m.start() == 0:
                continue
            cut = v[: m.start()].rstrip(" \t,;|-\u2013\u2014")
            if _HAS_VERSION.search(cut):
                v = cut
        cut = v.rstrip("_-")  # no version ends in a dash or an underscore (a trailing dot is kept: Xiongmai's V5 strings may end so)
        if cut != v and _HAS_VERSION.search(cut):
            v = cut
        if v == before:
            break
    return v


#: Words naming software or a part of the device that is not its firmware, as they label a version:
#: the web UI and its browser plug-in (Hikvision's device page lists ``Firmware Version``, ``Encoding
#: Version``, ``Web Version``, ``Plugin Version``), a phone or PC client, the kernel and boot loader,
#: the hardware, a radio or micro-controller module, an SDK or library, the version an update offers.
_OTHER_SOFTWARE = (
    r"web|webui|web ?ui|ui|gui|plugin|plug-in|ocx|activex|encoding|encoder|codec|dsp|app|apps|application|client"
    r"|viewer|player|kernel|linux|u-?boot|boot|bootloader|loader|hardware|hw|pcb|board|mcu|wifi|wi-fi|wlan|ble"
    r"|bluetooth|zigbee|modem|radio|lte|sdk|library|lib|driver|integration|component|onvif|api|protocol"
    r"|latest|newest|new|available|upgrade|update|target|required|minimum|recommended"
)

#: A label of another software's version ending right before a version in the same line
#: (``Web Version: ``, ``Plugin Version V``, ``WEB版本：``, ``hw_ver=``).
_OTHER_LABEL_BEFORE = re.compile(
    rf"(?i)(?<![a-z0-9])(?:{_OTHER_SOFTWARE})[ _\-\xa0]?(?:(?:version|ver|vers|rev|revision)\.?|版本)?"
    r"[ \t\xa0]{0,4}(?:[:=\uff1a]|\s[-\u2013]\s)?[ \t\xa0]{0,4}[\"'`(]?$"
)

#: A field whose name says it holds another software's or a part's version (``WebVersion``,
#: ``plugin_version``, ``hw_ver``, ``kernelVersion``, ``latestFirmware``): never the device's firmware.
_OTHER_KEY = re.compile(
    rf"(?:^|[./_ -]|(?<=[a-z])(?=[A-Z]))(?i:{_OTHER_SOFTWARE})(?:(?=[A-Z_ .-])|$)"
    r"(?=.{0,40}?(?i:ver|rev|firm|fw|soft|sw|build)|$)"
)


def other_software_before(text: str, version: str) -> bool:
    """True when ``version`` is written in ``text`` (one value or line) right after another
    software's label: a web UI's, a plug-in's, a client's, the kernel's, the hardware's
    (``Web Version: V4.0.1 build 180313``): a version in a maker's firmware scheme that is not the
    device's firmware."""
    i = text.find(version)
    if i <= 0:
        return False
    line_start = text.rfind("\n", 0, i) + 1
    return _OTHER_LABEL_BEFORE.search(text[max(line_start, i - 48): i]) is not None


@lru_cache(maxsize=1 << 16)
def other_software_key(name: str) -> bool:
    """True for a field whose last name part labels another software's or a part's version
    (``http.kv.WebVersion``, ``other.kv.PluginVersion``, ``json.hw_ver``)."""
    last = re.split(r"[./]", name)[-1]
    return _OTHER_KEY.search(last) is not None
