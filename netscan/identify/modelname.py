"""What of a claimed model value is the model: the product code a maker's own API reports.

Every model claim, whichever rule or field-name convention read it, goes through ``model_extent``
before it is weighed (netscan/identify/resolve.py), as firmware claims go through
``firmware_extent``. The convention (docs/signatures.md "Model values"):

- a device-class phrase is no model: ``IP Camera``, ``Network Camera``, ``HD IP Camera``, ``1080P
  IPC``, ``NVR``, ``Network Video Recorder``, ``WiFi Camera``, ``IPCAM`` (white-label ONVIF answers
  and UPnP descriptions put these in their Model/modelName field: ``model_generic``), nor is a value of
  another kind in a model field (a version ``V5.5.80``, an IPv4 or MAC address, a UUID, a serial number or
  an id: a client library's record may hold the serial where a model belongs);
- a device-class phrase after a model code is the code's description, not the code: Axis's
  ``ProdFullName`` ``M1054 Network Camera`` is the ``ProdNbr`` ``M1054``, Tapo's ``device_info``
  ``C200 1.0 IPC`` is the ``device_model`` ``C200``;
- a bare dotted hardware version after a code is the hardware revision (Tapo's ``device_name``
  ``C200 1.0``: model ``C200``, ``hw_version`` ``1.0``); a generation written with a ``V``
  (``FI9821P V2``, ``Wyze Cam v3``) names another product and is kept;
- a market/region code in brackets at the end (TP-Link's ``KP115(US)``, ``C520WS(EU)``: python-kasa
  and TP-Link's own download pages name the product without it) is dropped; a one-letter hardware
  revision in brackets (Hikvision's ``DS-KV8213-WME1(C)``, ``DS-N308(C)``) and a maker's port or
  variant suffix after a slash (``DS-7608NI-I2/8P``) are the maker's model and kept;
- a firmware version of three parts or more written after the model (``HI3518E_50H10L_S39 V4.02.R11``,
  ``E1 Pro (firmware v3.0.0.1889)``) is the firmware's, not the model's;
- a camera SoC's part number as the whole value (``Hi3518``, ``Hi3516EV300``, ``GK7205V300``, ``SSC335``,
  ``AK3918EV300``, ``RV1126``: the chip makers' codes, ``soc_part_numbers`` of
  signatures/fingerprints/stacks-soc.yaml, the database's ``soc_parts``) is the
  platform's, not the device's model (a reporter's ``Reolink E1 Pro camera (Hi3518)`` names the chip in
  brackets); a SoC code joined to a board code (Xiongmai's ``HI3516EV300_85H50AI``) is a model and kept;
- a parenthesised note of several words after a blank at the end (``E1 Zoom (the white one)``: a form's
  answer) is the writer's; one word in brackets may be the maker's (a revision ``DS-KV8213-WME1(C)``, AVM's
  ``FRITZ!Box 6360 Cable (um)``) and is kept;
- a processor's name as /proc/cpuinfo's ``model name`` gives it (``ARMv7 Processor rev 5 (v7l)``, ``Intel(R) Core(TM)
  i5-8250U CPU @ 1.60GHz``) is the platform's CPU, not the device's model;
- a hardware id after the model and a colon (``DS-2CD2042WD-I: 0x0``: a copied line that kept ONVIF's
  HardwareId after the model) is the hardware's;
- a code repeated in brackets after itself (``UDMPRO (UDMPRO)``: a tool printing a device's display name and its model
  code side by side when both are the code, https://github.com/Crosstalk-Solutions/unifi-toolkit/issues/89) is the
  code once;
- a label word left in the value (``Model: XYZ-100``, ``XYZ-100 model``) and one pair of quotes or brackets around the whole value, trailing punctuation and a closing bracket
  the value did not open (a discovery tool's ``ip host(MAKER MODEL)``) are the writer's, not the model's.

Case is kept as written (the comparison of two models is case-blind; a family grammar is matched on
the upper-case spelling of a lower-case code: netscan/identify/collect.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netscan.sigdb.db import SignatureDB
    from netscan.sigdb.socparts import SocMatch

#: Words that qualify a device class without naming a product (resolution, link, placement, form).
_QUALIFIER = (
    r"(?:hd|full[ -]?hd|fhd|uhd|ultra[ -]?hd|[2-8]k|\d{3,4}p|\d{1,2}(?:\.\d)?\s?(?:mp|megapixels?)|ip|network|net|wifi|wi-fi|wireless|wlan|lan"
    r"|poe|smart|mini|indoor|outdoor|home|security|surveillance|cctv|ptz|dome|bullet|turret|box|speed\s?dome|web|digital|onvif"
    r"|h\.?26[45]\+?|cloud|p2p|hybrid|analog(?:ue)?|video|megapixel|color|colour|night\s?vision|ir|panoramic|fisheye|thermal|generic|standard|new)"
)
#: Nouns that name a class of video device (never one product).
_CLASS = (
    r"(?:cameras?|cams?|ipcams?|ipcameras?|ipcs?|webcams?|nvrs?|dvrs?|xvrs?|hvrs?|nvs|dvs|(?:video\s)?recorders?|network\s?video\s?recorders?"
    r"|digital\s?video\s?recorders?|video\s?servers?|(?:video\s)?encoders?|devices?|ip\s?devices?|systems?)"
)
#: A whole value that is a device-class phrase: qualifiers, then a class noun (``HD IP Camera``).
_GENERIC = re.compile(rf"(?i)(?:{_QUALIFIER}[\s_-]?){{0,4}}{_CLASS}")
_QUALIFIER_ONLY = re.compile(rf"(?i){_QUALIFIER}")
#: Placeholders that stand where a model is not known, and values of another kind that a model field or a
#: loose reader can hold: a version (``V5.5.80``, ``2.800.0000000.16.R``), an IPv4 or MAC address, a UUID.
_PLACEHOLDER = re.compile(
    r"(?i)n/?a|none|null|nil|unknown|undefined|default|generic|model|string|test|-+|\?+|0+|\*+|x+"
    # an operating system's name where the product is not known (an inventory agent's MODEL "Linux" of a net-snmp agent)
    r"|linux|unix|windows|embedded linux"
    r"|v?\d{1,4}(?:\.\d{1,8}){1,4}(?:[._-](?:\d{1,10}|[a-z])){0,3}"
    r"|[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    # a MAC written bare (``ACCC8E000000``: hex letters and digits, twelve), a number of nine digits or more (an id,
    # a timestamp), and one unbroken run of sixteen letters and digits or more holding six digits (a serial:
    # Uniview's ``210235C3EN3190000000``, Eufy's ``T8200P0000000000``): an identifier in a model field
    r"|(?=[0-9a-f]{0,11}[a-f])(?=[0-9a-f]{0,11}\d)[0-9a-f]{12}|\d{9,}|(?=(?:[a-z]*\d){6})[a-z0-9]{16,}"
)

#: A model code: one token with a letter and a digit.
_CODE = r"(?=[^\s]{0,47}\d)(?=[^\s]{0,47}[A-Za-z])[A-Za-z0-9][A-Za-z0-9._/()+#-]{1,47}"
#: A code followed by a device-class phrase and/or a bare dotted hardware version (``M1054 Network Camera``,
#: ``C200 1.0 IPC``, ``C200 1.0``).
_CODE_THEN_CLASS = re.compile(
    rf"(?i)({_CODE})(?:\s+\d{{1,2}}\.\d{{1,2}})?\s+(?:{_QUALIFIER}[\s_-]?){{0,4}}{_CLASS}|({_CODE})\s+\d{{1,2}}\.\d{{1,2}}"
)

#: Market/region codes makers append in brackets (ISO 3166-1 alpha-2 codes in use as TP-Link, Kasa,
#: Tapo, Deco and Xiaomi market suffixes, plus EU/UK, and TP-Link's ``UN``, its universal market: python-kasa's
#: fixtures ``KL430(UN)_2.0_1.0.8.json``, ``KL60(UN)_1.0_1.1.4.json``). A one-letter bracket is a hardware revision.
_REGIONS = frozenset(
    "US EU UK GB AU NZ CA JP CN KR TW HK IN BR MX RU DE FR IT ES NL PL TR ZA SG MY TH VN UN".split()
)
_TAIL_REGION = re.compile(r"\s?[(\[]([A-Z]{2})[)\]]$")

#: A firmware version after the model in one value (``HI3518E_50H10L_S39 V4.02.R11``, ``E1 Pro (firmware
#: v3.0.0.1889)``, ``C200 v1 1.1.18``): a version of three parts or more, with an optional firmware word, a
#: bracket, a separator before it and a ``build`` after it. A two-part number is left (``Box 2.0``).
#: (Linear: the blanks before the separator and after it cannot trade characters, and a search does not
#: start again inside a run of blanks; ``\s*[,/;]?\s*`` was cubic in a run of blanks inside a value:
#: a recog rule's model of 2,000 characters took about 100 s.)
_TAIL_FIRMWARE = re.compile(
    r"(?i)(?<!\s)\s*(?:[,/;]\s*)?[(\[]?(?:(?:firmware|fw|sw|software|version|ver\.?)\s?:?\s?)?v?\d{1,4}\.[0-9a-z]{1,8}\.[0-9a-z]{1,8}(?:[._-][0-9a-z]{1,10}){0,4}"
    r"(?:,?\s?build\s?\d{4,8})?[)\]]?$"
)

#: A label word the writer left in the value (``Model: XYZ-100``, ``XYZ-100 model``, Chinese ``型号``).
_LABEL_WORD = re.compile(r"(?i)^(?:model|modell|mod[eè]le|modelo|\u578b\u53f7)(?:\s{0,2}[:#=.\uff1a-]\s{0,2}|\s{1,2})(?=\S{0,47}\d)(?=\S{0,47}[A-Za-z])|\s{1,2}model$")

#: A parenthesised note of several words after a blank at the end of a value.
_TAIL_NOTE = re.compile(r"(?<=\S)\s{1,3}\([^()\s]{1,30}\s[^()]{1,50}\)$")

#: A maker's variant suffix after a slash written apart from the code by a reporter (``DS-7616NI-K2 / 16P``: Hikvision's
#: PoE-port count, which its ISAPI reports glued, ``DS-7616NI-K2/16P``).
_SPACED_SLASH_VARIANT = re.compile(r"(?<=[A-Za-z0-9)]) / (?=\d{1,2}P$)")

#: A hardware id after the model and a colon (``DS-2CD2042WD-I: 0x0``, ``E1 Zoom: 88``: a copied ``Model:`` line that
#: kept ONVIF's HardwareId or ISAPI's hardwareVersion after the model).
_TAIL_HARDWARE_ID = re.compile(r"(?<=[A-Za-z0-9)]):\s{1,2}(?:0[xX][0-9A-Fa-f]{1,8}|\d{1,6})$")

#: A processor's name, as /proc/cpuinfo's ``model name`` gives it (Linux on ARM prints ``<cpu name> rev <n> (<elf
#: platform>)``: ``ARMv7 Processor rev 5 (v7l)``; on x86 the CPUID brand string: ``Intel(R) Core(TM) i5-8250U CPU @
#: 1.60GHz``, ``AMD Ryzen 5 3600 6-Core Processor``): the platform's CPU, never the device's model.
_CPU_NAME = re.compile(
    r"(?i)(?:[\w()+.-]{1,24}\s){0,6}(?:processor|cpu)(?:\s{1,2}rev\s{1,2}\d{1,3}(?:\s{1,2}\([\w.-]{1,12}\))?|\s{1,2}@\s{0,2}\d{1,2}(?:\.\d{1,3})?\s?[gm]hz)?"
    r"|(?:[\w()+.-]{1,24}\s{1,4}){1,6}@\s{0,2}\d{1,2}(?:\.\d{1,3})?\s?[gm]hz|[\w-]{2,24}\s{1,2}rev\s{1,2}\d{1,3}\s{1,2}\(v\d[a-z]{0,2}\)")

#: A code followed by the same code in brackets (``UDMPRO (UDMPRO)``, ``M1054 [M1054]``): compared case-blind.
_REPEATED = re.compile(r"(?i)(\S{2,48})\s{1,3}[(\[]\1[)\]]")

#: Pairs a writer puts around a whole value.
_WRAP = {'"': '"', "'": "'", "`": "`", "(": ")", "[": "]", "<": ">", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}


def model_generic(value: str) -> bool:
    """True for a value that names a class of device or stands where a model is not known (``IP
    Camera``, ``NVR``, ``1080P HD IPC``, ``N/A``): no model."""
    v = value.strip()
    return not v or _GENERIC.fullmatch(v) is not None or _PLACEHOLDER.fullmatch(v) is not None


def model_qualifier(value: str) -> bool:
    """True for a word that qualifies a device class without naming a product (``1080P``, ``4K``, ``5MP``,
    ``H.265``, ``PoE``): no model code, whatever its letters and digits."""
    return _QUALIFIER_ONLY.fullmatch(value.strip()) is not None


def _unwrapped(v: str) -> str:
    """``v`` without pairs of quotes or brackets around all of it (none inside)."""
    while len(v) > 2:
        close = _WRAP.get(v[0])
        if close is None or v[-1] != close or v[0] in v[1:-1] or close in v[1:-1]:
            break
        v = v[1:-1].strip()
    return v


#: Values up to this long are memoised (the same values come back device after device); longer ones,
#: rare and often hostile, are worked out each time, so the cache stays small (at most ~4 MB).
MODEL_MEMO_MAX_CHARS = 256


def model_extent(value: str, db: SignatureDB | None = None) -> str:
    """The model of a claimed model value (the module docstring's convention): an empty string when
    the value names no model (``model_generic``). ``db`` (default: the shipped database) gives the SoC
    part numbers (``db.soc_parts``)."""
    if db is None:
        from netscan.sigdb.db import default_db  # noqa: PLC0415 (the callers in identify pass theirs)

        db = default_db()
    soc = db.soc_parts.match if db.soc_parts is not None else None
    if len(value) <= MODEL_MEMO_MAX_CHARS:
        return _model_extent_memo(value, soc)
    return _model_extent(value, soc)


@lru_cache(maxsize=1 << 14)
def _model_extent_memo(value: str, soc: SocMatch | None) -> str:
    # (keyed on the part numbers' ``SocMatch``, one per pattern in a process: the memo never holds a database)
    return _model_extent(value, soc)


def _model_extent(value: str, soc: SocMatch | None) -> str:
    v = _unwrapped(value.strip())
    while v[-1:] in (")", "]") and v.count(v[-1]) > v.count("(" if v[-1] == ")" else "["):
        v = v[:-1].rstrip()  # a bracket the model did not open
    v = v.rstrip(".,;:").rstrip()
    if v[-1:] in (")", "]") and v[:1] not in ("(", "["):
        rep = _REPEATED.fullmatch(v)
        if rep is not None:
            v = rep.group(1)
    m = _TAIL_HARDWARE_ID.search(v)
    if m is not None and any(c.isalpha() for c in v[: m.start()]) and any(c.isdigit() for c in v[: m.start()]):
        v = v[: m.start()].rstrip()
    if soc is not None and soc.whole(v):
        return ""  # the chip's code, not the device's model
    if _CPU_NAME.fullmatch(v) is not None:
        return ""  # the processor's name (/proc/cpuinfo), not the device's model
    m = _TAIL_NOTE.search(v)
    if m is not None:
        v = v[: m.start()].rstrip()
    m = _TAIL_REGION.search(v)
    if m and m.group(1) in _REGIONS and m.start() > 0:
        v = v[: m.start()].rstrip()
    v = _LABEL_WORD.sub("", v).strip() or v
    m = _TAIL_FIRMWARE.search(v)
    if m and m.start() > 0 and any(c.isalpha() for c in v[: m.start()]):
        v = v[: m.start()].rstrip(" ,/;")
    if " / " in v:
        v = _SPACED_SLASH_VARIANT.sub("/", v)
    if model_generic(v):
        return ""
    m = _CODE_THEN_CLASS.fullmatch(v)
    if m:
        v = m.group(1) or m.group(2)
        if _QUALIFIER_ONLY.fullmatch(v):
            return ""  # a resolution before a class word (``1080P IP Camera``, ``5MP 2.0``) is no code
    return v
