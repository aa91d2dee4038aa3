"""Family grammars on the lines of long texts: logs, console transcripts, banners, boot logs.

Family grammars (signatures/families) read field values of at most ``ANY_FIELD_MAX_CHARS``
characters: a longer value is prose or markup, where a grammar would find shapes by chance. A log
or console transcript is long too, but it is made of short lines, and a model code in one of them
(a bridge's start-up line naming a camera ``[WYZE_CAKP2JFUS]``, a kernel line naming the device's
own model) is the device's word. Such a text is read line by line here, with guards:

- at most ``MAX_LINES`` lines, each of at most ``ANY_FIELD_MAX_CHARS`` characters (a longer line is
  a data dump or a paragraph: skipped); a JSON document or markup is left to the structured readers
  (they keep the keys, and so the difference between a device and a list of devices);
- a client's words are not the device's: request lines (``GET /path``, ``DESCRIBE rtsp://...``,
  curl's ``> `` lines, ``User-Agent:``/``Authorization:``) are skipped, and URLs are blanked before
  the grammars run (a path a client asked for names what the user believed the device was);
- the platform is not the device: a line labelled for the boot loader, the board, the SoC, the CPU,
  the sensor, memory or flash (``Board: ISVP (Ingenic XBurst T31 SoC)``, ``DRAM: 64 MiB``), or naming
  an evaluation board or the build tools (``Model: Hisilicon HI3516DV300 DEMO Board``, ``Linux
  version ... (gcc version ...)``) is skipped; a kernel command line or a message that merely
  mentions flash is read;
- a sentence that sets a model against the reporter's own (``unlike``, ``instead of``, ``compared to``,
  ``switched from``, ``replaced``: ``CONTRAST``) names another device: skipped;
- a line naming two models or more is a list (a compatibility list, an NVR's channels): skipped;
  a text naming more than one model (a model and a part of it, such as a serial number built on it, count once) is a list
  of devices: none of them is claimed as the model, only the maker when every hit agrees on one;
- a line too long to read whole (a paragraph: a reporter's description typed as one line) is read by its
  sentences for a maker's firmware scheme only (``Amcrest pushed a new firmware to the AD410 (the
  1.000.0000000.7.R.210220)``): a firmware grammar is a maker's numbering (Dahua's
  ``<major>.<3 digits>.<7 digits>.<n>.R``, Xiongmai's ``V5.00.R02...``), not a shape found by chance; what the
  sentence says of models and types is left to the prose reader;
- a hit weighs ``LINE_DISCOUNT`` of its grammar's weight (a line of a log is weaker evidence than a
  field that holds one value), and says what the device is (its grammar's ``device_type``) only when
  the text names one model and the token is a strong one (``strong_token``): a short code alone in
  a long text (``T8419``, ``C200``) names a maker and a model, never a type.

Pure: the caller passes the matcher (the memoised ``SignatureDB.family_matches`` or the plain
reference), and the results are kept per text by the caller's database (``line_memo``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from netscan.sigdb.db import ANY_FIELD_MAX_CHARS, FamilyHits, FamilyMatcher, Rule

#: A long text is read for at most this many lines (a boot log's first screens hold the board and
#: the device's model; a transcript's start-up lines come first).
MAX_LINES = 1000
#: ... and at most this many characters of it (responses are capped earlier; a bound of its own).
MAX_TEXT_CHARS = 256_000
#: A line hit keeps this share of its grammar's weight (a model grammar's 0.5 becomes 0.3: an OUI's
#: weight, less than any field that says what it holds).
LINE_DISCOUNT = 0.6
#: A model token that may say what the device is: at least this many characters, with a separator.
STRONG_MIN_CHARS = 8
#: Evidence source of a hit that names a maker and a model but not what the device is (resolve reads
#: it like a maker's name: never a device type, never the video-only maker's default to camera).
WEAK_SOURCE = "family-grammar-in-line"

_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]{1,15}://\S*")
_REQUEST = re.compile(
    r"(?:^|[\s\"'(\[>])(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|DESCRIBE|SETUP|PLAY|PAUSE|TEARDOWN|ANNOUNCE|RECORD"
    r"|GET_PARAMETER|SET_PARAMETER|M-SEARCH|SUBSCRIBE)\s+(?:/|\*|[A-Za-z][A-Za-z0-9+.-]{1,15}://)"
)
_CLIENT_LINE = re.compile(r"(?i)^\W{0,4}(?:>\s|user-agent\s*[:=]|authorization\s*[:=]|proxy-authorization\s*[:=])")
#: Words of a line's label that say it is about the platform rather than the device (boot loader,
#: board, chip, memory, flash), as U-Boot and the kernel label their lines (``Board: ...``, ``CPU: ...``,
#: ``DRAM: ...``, ``SPI Nor: ...``); read in the label only, so a kernel command line or a message that
#: merely mentions flash is still read.
_PLATFORM_LABEL = re.compile(
    r"(?i)(?<![a-z0-9])(?:u-?boot|spl|boot ?loader|board(?:[ _-]?(?:info|id|name|type))?|soc|cpu\d?|processor|chip(?:set|[ _-]?id)?"
    r"|sensor|dram|sdram|ddr\d?|lpddr\d?|flash|nand|nor|spi|e?mmc|sdk|mpp|evb)(?![a-z])"
)
#: Words that mark a line about the build tools anywhere in it (``Linux version ... (gcc version ...)``).
_TOOLS = re.compile(r"(?i)(?<![a-z0-9])(?:gcc|toolchain|compiler|buildroot)(?![a-z])")
#: A log line's prefixes (time stamps, ``[...]`` groups, syslog priorities) before its label.
_PREFIX = re.compile(r"(?:\s*(?:\[[^\]]{0,60}\]|<\d{1,3}>|\d{1,4}[-/.:]\d{1,2}[-/.:]\d{1,4}(?:[T ][\d:.,]+)?))*\s*")
#: A line's label: a few words before ``:`` or ``=``.
_LABEL = re.compile(r"([A-Za-z][\w .()/-]{0,40}?)\s*[:=]")
#: An evaluation or reference board's name: the SoC maker's board, never the device's model.
_BOARD_NAME = re.compile(r"(?i)(?<![a-z0-9])(?:(?:demo|eval(?:uation)?|reference|development|dev)[ _-]?(?:board|kit)|evb)(?![a-z])")
_DIGIT = re.compile(r"\d")
#: Words of a sentence that set a device against the reporter's own (``unlike the DS-2CD2042WD-I, mine ...``,
#: ``I switched from a Reolink RLC-410``): the model it names is another device's.
CONTRAST = re.compile(
    r"(?i)(?<![a-z])(?:unlike|instead of|rather than|compared (?:to|with)|similar to|other than|versus|switched from"
    r"|used to (?:have|own|use)|replac(?:e|ed|ing))(?![a-z])")
_JSON_START = re.compile(r"\s*(?:\{|\[\s*[\[{\"\]])")
#: A paragraph line is read for firmware schemes when it is at most this long (a reporter's paragraph; a longer
#: line is a data dump) ...
PARAGRAPH_MAX_CHARS = 4096
#: ... by its sentences: a stop, a question or exclamation mark, a semicolon or a colon, then a blank.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class LineHit:
    """A family grammar's match in one line of a long text, as it may be claimed."""

    rule: Rule
    got: dict[str, str]
    """What is claimed (the grammar's extraction, less ``model``/``device_type`` where a guard says so)."""
    line: str
    strong: bool
    """True when the hit may say what the device is (``device_type`` kept in ``got``)."""


def lead(text: str, n: int) -> str:
    """``text.lstrip()[:n]`` without a copy of a long text's whole (a body is read this way for every response)."""
    window = text[:256].lstrip()
    return (window if len(window) >= n or len(text) <= 256 else text.lstrip())[:n]


def structured(text: str) -> bool:
    """True for a JSON document or markup: the structured readers read it, keys and all."""
    return lead(text, 1) == "<" or _JSON_START.match(text) is not None


def strong_token(model: str) -> bool:
    """A model token long and shaped enough to stand for a product line alone (``DS-7616NI-K2``,
    ``WYZE_CAKP2JFUS``): ``STRONG_MIN_CHARS`` characters or more, letters and digits, a ``-``/``_``."""
    return (len(model) >= STRONG_MIN_CHARS and ("-" in model or "_" in model)
            and any(c.isdigit() for c in model) and any(c.isalpha() for c in model))


@lru_cache(maxsize=1 << 14)  # (kept per value: models repeat across devices)
def platform_board(value: str) -> bool:
    """True for an evaluation or reference board's name (``Hisilicon HI3516DV300 DEMO Board``,
    ``Rockchip RV1126 EVB DDR3 V13 Board``): what a boot loader or device tree calls the SoC maker's
    board, not the device's model."""
    return _BOARD_NAME.search(value) is not None


def _candidate(raw: str) -> str | None:
    """The line as the grammars read it (URLs blanked), or None when it is too short or too long or
    holds no digit (every family grammar holds one)."""
    line = raw.strip()
    if len(line) < 3 or len(line) > ANY_FIELD_MAX_CHARS or _DIGIT.search(line) is None:
        return None
    return _URL.sub(" ", line) if "://" in line else line


def _platform(line: str) -> bool:
    """True for a line about the platform: its label (or, without one, its first two words) names the
    boot loader, the board, the chip, memory or flash; or it names an evaluation board or build tools."""
    if _BOARD_NAME.search(line) is not None or _TOOLS.search(line) is not None:
        return True
    m = _PREFIX.match(line)
    rest = line[m.end():] if m else line
    label = _LABEL.match(rest)
    head = label.group(1) if label else " ".join(rest.split()[:2])
    return _PLATFORM_LABEL.search(head) is not None


def _guarded(raw: str) -> bool:
    """True for a client's line (a request, curl's ``> ``, a client header) or a line about the platform."""
    line = raw.strip()
    return _CLIENT_LINE.match(line) is not None or _REQUEST.search(line) is not None or _platform(line)


def text_lines(text: str) -> list[str]:
    """The lines of ``text`` the grammars may read (guards above), URLs blanked."""
    out: list[str] = []
    for raw in text[:MAX_TEXT_CHARS].splitlines()[:MAX_LINES]:
        line = _candidate(raw)
        if line is not None and not _guarded(raw):
            out.append(line)
    return out


def _distinct(models: list[str]) -> list[str]:
    """Models that differ: a model and a part of it (a serial number built on the model, a series
    code inside the full code: ``H6c`` in ``CS-H6c-R101-1G2WF``) count once, as the longer."""
    keys = sorted({m.casefold() for m in models}, key=len, reverse=True)
    kept: list[str] = []
    for k in keys:
        if not any(k in x for x in kept):
            kept.append(k)
    return kept


Matcher = Callable[[str], FamilyHits]


def _paragraph_firmware(raw: str, matcher: Matcher) -> list[tuple[Rule, dict[str, str], str]]:
    """The firmware-scheme hits of a paragraph's sentences (the module docstring): only hits that read a firmware,
    and of them the maker, brand and firmware (never a model or a type: a code in prose is the prose reader's)."""
    out: list[tuple[Rule, dict[str, str], str]] = []
    for part in _SENTENCE_END.split(raw.strip()):
        sentence = _candidate(part)
        if sentence is None or _guarded(part) or CONTRAST.search(sentence) is not None:
            continue
        for rule, got in matcher(sentence):
            if "firmware" in got:
                out.append((rule, {k: v for k, v in got.items() if k in ("vendor", "brand", "firmware")}, sentence))
    return out


#: A model code written in lower case in a text (``ds-2cd2032-i``, ``rlc-810a``, ``wyze_cakp2jfus``: how reporters,
#: host names and file names write a code): a letter, then parts joined by ``-``/``_`` (or a short letter prefix run
#: into digits: ``vto2000a``), no upper-case letter, and not inside a path, a host name, an address or an escape
#: (``/x/ds-2cd``, ``cam.ds-2cd``, ``a@b``, ``\x20http-equiv``).
_LOWER_TOKEN = re.compile(r"(?<![\\\w./@-])(?:[a-z][a-z0-9]{0,19}(?:[-_][a-z0-9]{1,15}){1,5}|[a-z]{1,6}\d[a-z0-9]{3,14})(?![\w/@-]|\.\w)")
#: Cheap pre-check: a lower-case letter and a digit side by side or joined by ``-``/``_``.
_LOWER_HINT = re.compile(r"[a-z][-_]?\d|\d[-_]?[a-z]")
#: A part of a code: letters and digits mixed (``2cd2032``, ``810a``, ``cakp2jfus``) or three digits at least (``rlc-410``);
#: a token without one (``utf-8``, ``is_2k`` has one, ``col-md-6`` has none) is no model code.
_CODE_PART = re.compile(r"(?:^|[-_])(?:[a-z]+\d|\d+[a-z]|\d{3})")
#: Hexadecimal only (a hash, a UUID, an address: ``f848b1e2``, ``da389c2c-3251-...``): no model code.
_HEX_ONLY = re.compile(r"[0-9a-f_-]+")
#: Where a lower-case token's first part ends.
_FIRST_PART = re.compile(r"[-_]")
#: At most this many lower-case tokens of one value are read.
MAX_LOWER_TOKENS = 4


def lower_code_matches(value: str, matcher: FamilyMatcher) -> list[tuple[Rule, dict[str, str]]]:
    """Family grammar hits on the codes of ``value`` written in lower case only: the grammars (written in the makers'
    own upper-case spelling) read each such token's upper-case spelling, and a hit counts only when the grammar
    reads the whole token (a grammar that reads a part of it names nothing), as for a model field written in lower
    case (netscan/identify/collect.py ``_lower_case_code``). At most ``MAX_LOWER_TOKENS`` tokens, each with a part
    that mixes letters and digits or holds three digits, and not hexadecimal only. A token whose first part is a
    chip's part number (the matcher's ``soc``: the database's SoC part numbers) is the chip's SDK writing (a kernel
    module ``hi3536dv100_adec``, a build config ``hi3516ev300_lite``), naming the platform, not a device: not read."""
    if _LOWER_HINT.search(value) is None:
        return []
    match, soc = matcher.match, matcher.soc
    out: list[tuple[Rule, dict[str, str]]] = []
    n = 0
    for m in _LOWER_TOKEN.finditer(value):
        token = m.group(0)
        if _CODE_PART.search(token) is None or _HEX_ONLY.fullmatch(token) is not None:
            continue
        if soc is not None and soc(_FIRST_PART.split(token, 1)[0]):
            continue
        n += 1
        if n > MAX_LOWER_TOKENS:
            break
        upper = token.upper()
        out.extend((rule, got) for rule, got in match(upper) if got.get("model") == upper)
    return out


def read_lines(text: str, matcher: FamilyMatcher) -> tuple[LineHit, ...]:
    """The family grammar hits of a long text, guarded (see the module docstring), read with ``matcher``
    (``SignatureDB.family_matcher``)."""
    if structured(text):
        return ()
    match = matcher.match
    found: list[tuple[Rule, dict[str, str], str]] = []
    for raw in text[:MAX_TEXT_CHARS].splitlines()[:MAX_LINES]:
        line = _candidate(raw)
        if line is None:
            if ANY_FIELD_MAX_CHARS < len(raw) <= PARAGRAPH_MAX_CHARS:
                found.extend(_paragraph_firmware(raw, match))
            continue
        hits = list(match(line))
        if not any("model" in got for _, got in hits):  # (a firmware scheme's hit leaves the line's lower-case code to read)
            hits.extend(lower_code_matches(line, matcher))
        if not hits or _guarded(raw) or CONTRAST.search(line) is not None:  # (the guards run only where a grammar matched)
            continue  # (a sentence that sets the model against the reporter's own names another device)
        if len(_distinct([got["model"] for _, got in hits if "model" in got])) > 1:
            continue  # a line naming several models is a list
        found.extend((rule, got, line) for rule, got in hits)
    if not found:
        return ()
    models = _distinct([got["model"] for _, got, _ in found if "model" in got])
    if len(models) > 1:
        # a list of devices: none is the model; the maker only when every hit names the same one
        makers = {got.get("vendor") for _, got, _ in found}
        if len(makers) != 1 or None in makers:
            return ()
        rule, got, line = found[0]
        return (LineHit(rule, {"vendor": got["vendor"]}, line, False),)
    out = []
    for rule, got, line in found:
        strong = "model" in got and strong_token(got["model"])
        claim = dict(got) if strong else {k: v for k, v in got.items() if k != "device_type"}
        out.append(LineHit(rule, claim, line, strong))
    return tuple(out)
