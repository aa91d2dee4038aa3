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
from collections.abc import Callable, Iterable, Mapping
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
    r"|(?i:stable|beta|alpha|latest|current|long-term|lts|testing|test|official|release candidate|rc\d{0,2}|r\d{1,3}|final|hotfix"
    r"|up[ -]to[ -]date|newest|most recent|latest version|current version|installed|running))"
    r"[)\]]\s*$"
)

#: A calendar date after a blank or a dash at the end, with no ``build`` word before it
#: (``- 2019/01/01``, `` 2021-01-01``, `` Jan  9 2024``).
_TAIL_DATE = re.compile(
    r"(?<![Bb]uild)(?<![Bb]uild:)(?<![Bb]uild )\s*(?:\s[-\u2013\u2014]\s*|\s)"
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?,?\s+\d{4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)

#: A firmware code without dotted parts (Epson's ``YB30IB``, a letters-and-digits build name): one token holding a
#: letter and a digit. A calendar date after it (``YB30IB 30 Nov 2018``) is its release date, not part of it.
_CODE_TOKEN = re.compile(r"(?=[^\s]{0,23}\d)(?=[^\s]{0,23}[A-Za-z])[A-Za-z0-9][A-Za-z0-9_.-]{3,23}")

#: The next ``Key: value`` / ``Key=value`` pair of the same line (a label of one to three words,
#: capitalised or snake/camel case, then a colon or an equals sign), after a blank, a comma or a bar.
_TAIL_PAIR = re.compile(r"(?:\s*[,;|]\s*|\s+)(?:[A-Za-z][A-Za-z_]{1,24}(?:[ -][A-Za-z][A-Za-z_]{0,24}){0,2})\s?[:=](?!\d).*$")

#: A writer's words after a blank (``5.20.3 this is the latest``, ``5.5.0 123456 bytes downloaded``): a lower-case word of
#: two letters or more (perhaps after a bare count) that no scheme writes -- a scheme's own words stay (``build``, ``rel``,
#: ``release``, ``update``, ``patch``, ``beta``...; Xiongmai's and Dahua's lettered parts are inside the version).
_TAIL_WORDS = re.compile(
    r"(?:\s+\d{1,8})?\s+(?!(?:build|rel|release|rev|revision|update|patch|hotfix|beta|alpha|rc|sp|lts|stable|final)\b)"
    r"[a-z]{2,}(?:[\s.,;:!?'\"].*)?$"
)

#: The next parameter of a URL's query string or a form's body (``firmware=5.5.0&model=X``: a client's log prints the
#: request it sent).
_TAIL_QUERY = re.compile(r"&(?:amp;)?[A-Za-z_][A-Za-z0-9_.\-\[\]]{0,40}=.*$")

#: A value cut where it was published: an ellipsis, or a dangling build/release word without its number.
_TAIL_CUT = re.compile(r"(?:\s*(?:\.{3,}|\u2026)|\s+(?i:build|rel\.?|release)|\s*,\s*(?i:build)(?:\s?(?i:date))?)\s*$")

#: A build date after a comma: Dahua's ``2.800.0000000.16.R,build:2019-10-09`` /
#: ``2.460.0001.5.R, Build Date 2017-08-11`` (the label convention drops it, docs/signatures.md "Label conventions").
#: A build *number* after a comma is the scheme's own and stays (Hikvision recorders' ONVIF ``V4.21.100, build 200307``,
#: as ``V5.5.0 build 170725`` does): only a calendar date (with its separators) after a comma and ``build`` goes, and
#: ``Build Date`` with or without the comma (``V4.001.0000007.1 Build Date 27-08-2021``).
_TAIL_COMMA_BUILD = re.compile(
    r"(?:\s*,\s*(?i:build)\s{0,2}[:=]?\s{0,2}(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
    r"|(?:\s*,\s*|\s+)(?i:build)\s?(?i:date)\b).*$"
)

#: A writer's words after a comma: a comma, a blank and a word in lower case (``5.20.3, this is most recent available..``,
#: ``V5.3.0 build 220623, but I am not getting``). No scheme writes a comma and a lower-case word into its version (a
#: build word after the comma is the scheme's: ``V4.21.100, build 200307``; Dahua's ``, Build Date`` is dropped above).
_TAIL_COMMA_WORDS = re.compile(r"\s*,\s+(?!(?:build|rel|release|rev|revision|r\d)\b)[a-z]{2,}(?:[\s.,;:!?].*)?$")

#: A firmware label the value itself starts with (``FW 3.2.1``, ``Firmware: V5.5.0``).
_HEAD_LABEL = re.compile(r"^(?i:firmware|fw|software|sw)(?:[ _-]?(?i:version|ver)\.?)?\s*[:=]?\s*(?=[Vv]?\d)")
#: An operating system's name the value starts with (``tvOS 14.7``, ``webOS 4.10.0``, ``RouterOS 6.48.6``: a word ending in
#: ``OS``, as pyatv's ``atvremote scan`` prints ``Model/SW: Apple TV 4, tvOS 14.7 build 18M60``,
#: https://github.com/postlund/pyatv/issues/1526): the version after it is the firmware; the OS's own build id after
#: ``build`` (letters inside: ``18M60``) goes with the name. A name that is no ``...OS`` word stays (Synology's
#: ``DSM 7.0-41890`` is written so on its own pages).
_HEAD_OS = re.compile(r"^[A-Za-z][A-Za-z-]{0,14}(?:OS|os)\s{1,2}(?=[Vv]?\d{1,4}[._]\d)")
_OS_BUILD = re.compile(r"\s{1,2}\(?(?i:build)\s{1,2}\d{1,3}[A-Za-z]\d{1,5}[a-z]?\)?$")

#: An update written with an arrow (``5.5.0 -> 5.7.3``, ``V1.0 => V1.1``): the version before it is the old one, the
#: firmware the device runs is after it.
_HEAD_OLD = re.compile(r"^[Vv]?\d[^\s<>]{0,60}\s{0,2}(?:->|=>|\u2192|\u279c)\s{0,2}(?=[Vv]?\d)")
#: A table's cell bar, a label's separator or an inline-code backtick left before the version
#: (``Main Firmware Version : | 1.01.00.36``, ```1.2.3` ``).
_HEAD_SEPARATOR = re.compile(r"^[|:=`]+\s*(?=[Vv]?\d)")

#: A plain numbered version (dotted numbers, perhaps after a ``V``, perhaps with Dahua's closing ``.R`` / ``.T`` or a
#: ``build`` number) with a full stop after it: a sentence's or a line's closing stop (``Firmware version: 1.2.3.``,
#: ``... on firmware V5.5.61.``), not the version's. A scheme with lettered parts may end in a dot and keeps it
#: (Xiongmai's ``V5.00.R02.000807D8.10010.346632.S.000.``).
_SENTENCE_STOP = re.compile(r"[Vv]?\d{1,4}(?:\.\d{1,8}){1,5}(?:\.[RT])?(?:[ _](?i:build)[ _]?\d{4,8})?\.")

#: Characters no firmware scheme writes, which end a version wherever they follow it: control characters,
#: Unicode format characters (bidi overrides, zero-width marks), markup (``<``, ``>``, ``{``, ``}``, a square
#: bracket glued to the version: ``V5.7[bold]``, Markdown's inline-code backtick: ``V5.7.3` ``), a backslash, and CJK text (a Chinese device page's label
#: value runs to the end of its line: ``固件版本：V5.7.3 build 221129（最新）``).
_NOT_IN_A_VERSION = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff<>{}\\`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|(?<=\S)\["
)


#: A firmware build id "<yyyymmdd>-<hhmmss>/<version>" with the build's commit after it (Mongoose OS builds, as
#: Shelly devices report them: Gen1 ``fw`` "20200812-091015/v1.8.0@8acf41b0", Gen2+ ``fw_id``
#: "20231219-134001/1.1.0-g34b5d4f" beside ``ver`` "1.1.0", shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Shelly/):
#: the version is the firmware; an id with no dotted version ("20191217-140757/1047-long-id@a0661583") is kept whole.
_BUILD_ID = re.compile(r"\d{8}-\d{6}/[Vv]?(?P<version>\d{1,3}\.\d{1,3}\.\d{1,4}(?:-(?:beta|rc)\d{1,3})?)(?:@[0-9a-f]{6,40}|-g[0-9a-f]{6,40})")


@lru_cache(maxsize=1 << 14)
def firmware_extent(value: str) -> str:
    """``value`` without what follows the version in it (see the module's docstring); the value as
    given when nothing is to be dropped or when dropping would leave no version."""
    v = value.strip()
    build = _BUILD_ID.fullmatch(v)
    if build is not None:
        return build.group("version")
    os_name = _HEAD_OS.match(v)
    if os_name is not None:
        v = _OS_BUILD.sub("", v[os_name.end():])
    old = _HEAD_OLD.match(v)
    if old is not None:
        v = v[old.end():]
    sep = _HEAD_SEPARATOR.match(v)
    if sep is not None:
        v = v[sep.end():]
    junk = _NOT_IN_A_VERSION.search(v)
    if junk is not None and junk.start() > 0:
        cut = v[: junk.start()].rstrip(" \t,;|-\u2013\u2014:=")
        if _HAS_VERSION.search(cut):
            v = cut
    if len(v) > 160:
        return v
    if not _HAS_VERSION.search(v):
        date = _TAIL_DATE.search(v)
        if date is not None and _CODE_TOKEN.fullmatch(v[: date.start()].rstrip(" \t,;|-\u2013\u2014")):
            return v[: date.start()].rstrip(" \t,;|-\u2013\u2014")
        return v
    for _ in range(3):
        before = v
        head = _HEAD_LABEL.match(v)
        if head is not None and head.end() < len(v):
            v = v[head.end():]
        for tail in (_TAIL_COMMA_BUILD, _TAIL_COMMA_WORDS, _TAIL_QUERY, _TAIL_PAIR, _TAIL_BRACKET, _TAIL_DATE, _TAIL_CUT, _TAIL_WORDS):
            m = tail.search(v)
            if m is None or m.start() == 0:
                continue
            if tail is _TAIL_WORDS and v.count("(", 0, m.start()) > v.count(")", 0, m.start()):
                continue  # words inside a bracket the version opened are the bracket's (``(ONVIF Device Manager)``)
            cut = v[: m.start()].rstrip(" \t,;|-\u2013\u2014")
            if _HAS_VERSION.search(cut):
                v = cut
        cut = v.rstrip("_-")  # no version ends in a dash or an underscore (a trailing dot is kept: Xiongmai's V5 strings may end so)
        if cut != v and _HAS_VERSION.search(cut):
            v = cut
        if _SENTENCE_STOP.fullmatch(v):
            v = v[:-1]
        if v == before:
            break
    return v


# Which version is the device's rather than another software's or a part's (a web UI's, a plug-in's, the
# hardware's): signatures/families/generic.yaml ``other_software``, read by netscan/sigdb/othersoftware.py.


# Which of two versions one record gives is the firmware (docs/signatures.md "Which version, and how much of it").

#: A bare revision counter: digits alone, perhaps after a ``V`` (Matter's Basic Information cluster gives
#: ``SoftwareVersion`` as a number, 12, beside ``SoftwareVersionString`` "1.2.3"; Zigbee's ``ApplicationVersion``
#: beside ``SWBuildID``). Beside a version written in dotted parts it is the record's counter, not its version.
_BARE_NUMBER = re.compile(r"[Vv]?\d{1,12}")

#: A bare number's claim keeps this fraction of its weight: alone it still stands (Sony's SDP ``FirmVer=010202``,
#: DoorBird's ``FIRMWARE`` "000125"), beside a version-shaped claim of the same standing it yields.
BARE_NUMBER_SHARE = 0.5


@lru_cache(maxsize=1 << 12)
def firmware_shape_share(value: str) -> float:
    """The share of its weight a firmware claim of ``value`` (already cut to its extent) keeps:
    ``BARE_NUMBER_SHARE`` for a bare number, 1.0 for any other version."""
    return BARE_NUMBER_SHARE if _BARE_NUMBER.fullmatch(value.strip()) else 1.0


#: The last part of a field name that names the software or the system rather than the firmware: ``softwareVersion``,
#: ``sw_ver``, ``SoftwareRevision``, ``systemVersion``, ``sys_ver``, ``os_version``, ``SystemFirmwareVersion``.
_SOFTWARE_KEY = re.compile(r"(?:^|[_ -]|(?<=[a-z])(?=[A-Z]))(?i:soft(?:ware)?|sw|sys(?:tem)?|os)[ _-]?(?:(?i:ver|rev|rel|str|firm|fw|image)|$)")
_LAST_PART = re.compile(r"[./]")

#: A field-name convention's firmware claim from a software- or system-named key keeps this share of its weight:
#: a tie-break only. Where a record gives both, the key named for the firmware is the firmware image and the
#: software key an application running in it (PPStrong's table: ``softwareversion`` 2.9.7 is ppsapp's,
#: ``firmwareversion`` ppstrong-c51-tuya2_laxihub-2.9.7.20201028 the image's, guino/ppsapp-rtsp#7; UniFi
#: Protect's NVR record: ``version`` is the application's, ``firmwareVersion`` the console's, uilibs/uiprotect
#: sample_nvr.json). Alone, a software key is read at (almost) full weight, as before.
SOFTWARE_KEY_SHARE = 0.9


@lru_cache(maxsize=1 << 12)
def firmware_key_share(name: str) -> float:
    """The share of its weight a field-name convention's firmware claim from field ``name`` keeps:
    ``SOFTWARE_KEY_SHARE`` when the name's last part names the software or the system, else 1.0."""
    last = _LAST_PART.split(name)[-1]
    return SOFTWARE_KEY_SHARE if _SOFTWARE_KEY.search(last) else 1.0


#: A firmware word run together with a ``V`` and the version (``FirmwareV5.40.9.2``, ``SoftwareVersionV2.800.0000000.16.R``,
#: ``FWV1.2.3``): the text convention reads the ``V`` as the label's (``Firmware V.``), not the version's.
_GLUED_V = re.compile(r"(?<=[A-Za-z])[Vv]$")


def glued_v(version: str, text: str, family: Callable[[str], Iterable[tuple[object, Mapping[str, str]]]]) -> str:
    """``version`` as read out of ``text``; with the ``V`` run together with the label before it put back when the
    maker's scheme always writes it: a family firmware grammar reads the version with the ``V`` and none reads it
    without (Hikvision's ``V5.5.0 build 170725``, Xiongmai's ``V4.02.R11...``). A scheme that writes no ``V`` or
    an optional one (Axis ``5.40.9.2``, Dahua ``2.800.0000000.16.R``: the training labels write it without) is
    left without it. ``family`` gives the family grammars' readings of a value (``SignatureDB.family_matches``)."""
    i = text.find(version)
    if i < 2 or _GLUED_V.search(text, 0, i) is None:
        return version
    with_v = text[i - 1] + version

    def read(value: str) -> set[str]:
        return {got["firmware"] for _, got in family(value) if "firmware" in got}

    return with_v if with_v in read(with_v) and version not in read(version) else version
