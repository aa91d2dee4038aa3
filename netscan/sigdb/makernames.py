"""Makers named by their name: two vendor-agnostic conventions of signatures/families/generic.yaml.

- ``maker_names``: a maker's name or alias (from signatures/vendors) written as a word in a short
  text field -- an SDP session name (``s=D-Link DCS-2121``), a page title, a ``Server`` header, a
  Digest realm, a banner, a host name (``axis-00408ca51334``) -- names that maker. Every vendor in
  signatures/vendors is covered at once; names too common as words are listed under ``ignore``.
- ``manufacturer_fields``: a field whose *name* says it holds the manufacturer (ONVIF
  ``Manufacturer``, UPnP ``manufacturer``, JSON ``vendor``/``brand``...). A known name is a label
  (the name on the box, counted towards its maker through ``built_by``, like the per-vendor label
  rules); an unknown name, not a placeholder such as ``General`` or ``ONVIF`` nor only a company's
  legal-form or line-of-business words (``Technology``, ``Co., Ltd.``), is what the device
  says its maker is, claimed at a weight that any other evidence outweighs.

Both only fill gaps: identification skips them for a field that a fingerprint rule already read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from netscan.errors import SignatureError
from netscan.sigdb.names import CJK_CHARS, is_company_word, normalise_name, short_company_name, vendor_key

if TYPE_CHECKING:
    from netscan.sigdb.db import SignatureDB

#: Weight of a maker named in free text: a name is weaker than a rule written for the field.
NAME_PREFERENCE = 0.35
#: Weight of a known manufacturer named in a manufacturer field (a label: counts 0.8 towards its maker).
MANUFACTURER_PREFERENCE = 0.5
#: Weight of an unknown manufacturer name: only when nothing else names a maker.
UNKNOWN_MANUFACTURER_PREFERENCE = 0.2
#: Shortest name (letters and digits) looked for in free text: shorter ones (HP, LG, DW) are words; a
#: three-character name with a digit (H3C) is looked for too (``_searchable``).
MIN_NAME_CHARS = 4
#: Longest value searched for names (prose and markup are not read).
MAX_NAME_VALUE = 256
#: The end of a copyright notice after its holder.
_RESERVED = re.compile(r"(?i)[\s.,;]{0,3}all\s{1,3}rights\s{1,3}reserved.{0,40}$")
#: The rest of a question, right after a name (``... cameras?``): no full stop or exclamation mark before its ``?``.
_QUESTION = re.compile(r"[^.!?\n]{0,80}\?")
_UNKNOWN_NAME = re.compile(r"^(?=.{2,40}$)[A-Za-z][A-Za-z0-9 .,&'()+-]*$")
#: The words of a name as searched: runs of Latin letters and digits, or of CJK letters.
_NAME_TOKEN = re.compile(f"[0-9A-Za-z]+|[{CJK_CHARS}]+")
#: Endings of an alias that is a domain (``hik-connect.com``, ``tvt.net.cn``): a name; other dotted aliases
#: without a space are abbreviations (``Inc.``).
_DOMAIN_ENDS = (".com", ".net", ".org", ".cn", ".de", ".io", ".tv", ".co", ".jp", ".kr", ".tw", ".uk", ".eu", ".cc", ".me",
                ".info", ".biz", ".us", ".ca", ".au", ".it", ".fr", ".nl", ".se", ".hk", ".in", ".ru", ".pl", ".es", ".ch")
#: A make-and-model value: the maker's words, then one model code of capitals and digits (as
#: families/generic.yaml semantic-model-make-and-model reads the model).
_TRAILING_MODEL = re.compile(r"^((?:[A-Za-z][A-Za-z0-9.&-]{1,20} ){0,2}[A-Za-z][A-Za-z0-9.&-]{1,20}) (?=[A-Z0-9./()+-]{0,39}\d)(?=[A-Z0-9./()+-]{0,39}[A-Z])[A-Z0-9][A-Z0-9./()+-]{2,39}$")
#: A word of a label's name in a make value.
_LABEL_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'+.-]*")
#: Words between a label's name and its maker's ("Vatilon by Hikvision", "Annke (Hikvision OEM)").
_LABEL_JOINERS = frozenset({"by", "from", "made", "oem", "odm", "aka", "rebranded", "rebrand", "relabelled", "relabeled",
                            "of", "is", "a", "an", "the", "and", "or", "maybe", "probably", "likely", "actually", "real", "really"})
#: Words that describe a product, never a label's name ("IP camera Hikvision", "4K PoE Dahua").
_NOT_A_LABEL = frozenset({"ip", "camera", "cameras", "cam", "ipcam", "ipc", "nvr", "dvr", "xvr", "doorbell", "ptz", "poe", "wifi",
                          "wi-fi", "wireless", "outdoor", "indoor", "security", "cctv", "network", "bullet", "dome", "turret",
                          "4k", "1080p", "720p", "5mp", "4mp", "8mp", "2mp", "3mp", "hd", "uhd", "mini", "smart", "my", "unknown",
                          "generic", "chinese", "china", "cheap", "no-name", "noname", "clone", "old", "new", "original"})


#: Most field names whose pattern answer is kept per memo.
_MEMO_NAMES = 100_000


def _memo_search(memo: dict[str, bool], pattern: re.Pattern[str] | None, name: str) -> bool:
    """Whether ``pattern`` (None: nothing matches) finds a match in the field ``name``, kept in ``memo`` (bounded)."""
    hit = memo.get(name)
    if hit is None:
        hit = pattern is not None and pattern.search(name) is not None
        if len(memo) < _MEMO_NAMES:
            memo[name] = hit
    return hit


@dataclass
class MakerNames:
    """``maker_names``: which fields are searched, and one alternation of every maker name."""

    fields: re.Pattern[str]
    pattern: re.Pattern[str] | None
    by_key: dict[str, str]
    weight: float
    examples: tuple[dict[str, Any], ...]
    platforms: frozenset[str] = frozenset()
    """Keys of names that are a platform's (a camera SoC maker's SDK): found first, the value names nobody."""
    skip_values: re.Pattern[str] | None = None
    """Values that name nobody whatever names they hold (an application CPE names a software's maker)."""
    short_fields: re.Pattern[str] | None = None
    """Fields whose value may open with a maker's short name (``short_fields``): a sysDescr, a printer's
    device description or service name (``HP ETHERNET MULTI-ENVIRONMENT``, ``HP OfficeJet Pro 8730``)."""
    short_pattern: re.Pattern[str] | None = None
    """A short name (two or three characters, written in capitals: ``HP``, ``LG``, ``UNV``) that opens a value
    and ends at its end, a blank, ``_``, ``/`` or ``-`` (``HP-UX``, ``OKI-C822-5E330E``)."""
    short_by_alias: dict[str, str] = field(default_factory=dict)
    host_fields: re.Pattern[str] | None = None
    """Host-name fields (``host_fields``), where a short name glued to the MAC address's hex digits is a printer's or
    a device's default host name (``HP09AAFB``, ``HP18602408C229``: HP and the MAC's last three or all six bytes)."""
    host_pattern: re.Pattern[str] | None = None
    ignored: frozenset[str] = frozenset()
    """Keys of the names ``ignore`` lists (words too common to look for in free text)."""
    company_fields: re.Pattern[str] | None = None
    """Fields that hold a company's whole name (``company_fields``: a certificate subject's organisation): a known
    maker's name there is read whole (:meth:`company`), a short one (``TVT CO.,LTD``) too."""
    mention_before: re.Pattern[str] | None = None
    """Words that end right before a name that is only mentioned (``compatible with``, ``integrations.``): matched
    against the text before the name, at its end (``mentions.before``)."""
    mention_after: re.Pattern[str] | None = None
    """Words right after a name that is only mentioned (``-to-ONVIF``, `` reseller``): matched at the name's end
    (``mentions.after``). A value that mentions a maker so names nobody: it talks about the maker's devices."""
    _seen: dict[str, str | None] = field(default_factory=dict, repr=False)
    _kinds: dict[str, tuple[bool, bool, bool]] = field(default_factory=dict, repr=False)
    """Per field name: (searched for names as words, may open with a short name, a host name)."""
    _company: dict[str, bool] = field(default_factory=dict, repr=False)
    """``company_field``'s answers per field name (bounded)."""

    def company_field(self, name: str) -> bool:
        """True when the field ``name`` holds a company's whole name (``company_fields``)."""
        return _memo_search(self._company, self.company_fields, name)

    def applies(self, name: str) -> bool:
        """True when the field ``name`` is searched for maker names."""
        return (self.fields.search(name) is not None or (self.short_fields is not None and self.short_fields.search(name) is not None)
                or (self.host_fields is not None and self.host_fields.search(name) is not None))

    def find_in(self, name: str, value: str) -> str | None:
        """The maker named in the value of the field ``name``: a name as a word where the field is searched
        (:meth:`find`), else a short name opening the value where the field may open with one (``short_fields``)."""
        kinds = self._kinds.get(name)
        if kinds is None:
            kinds = (self.fields.search(name) is not None,
                     self.short_pattern is not None and self.short_fields is not None and self.short_fields.search(name) is not None,
                     self.host_pattern is not None and self.host_fields is not None and self.host_fields.search(name) is not None)
            if len(self._kinds) < 100_000:
                self._kinds[name] = kinds
        hit = self.find(value) if kinds[0] else None
        if hit is None and kinds[1] and self.short_pattern is not None:
            m = self.short_pattern.match(value.lstrip())
            if m is not None:
                hit = self.short_by_alias.get(m.group(1))
        if hit is None and kinds[2] and self.host_pattern is not None and len(value) <= MAX_NAME_VALUE:
            m = self.host_pattern.search(value)
            if m is not None:
                hit = self.short_by_alias.get(m.group(1))
        return hit

    def company(self, db: SignatureDB, value: str) -> str | None:
        """The known maker a value that is one company's whole name names (``TVT CO.,LTD``, ``Hanwha Techwin Co.,Ltd.``:
        the name and legal-form words, an "All rights reserved." after it cut), as :meth:`SignatureDB.vendor` reads a
        name; None for an ignored word's maker (``Google Inc.``: a script library's notice in a device's page) or for
        anything else."""
        v = _RESERVED.sub("", value[:MAX_NAME_VALUE]).strip(" \t.,;:-")
        if not v or not v[:1].isalnum():
            return None
        got = db.vendor(v)
        if got is None or vendor_key(got.name) in self.ignored or vendor_key(short_company_name(v)) in self.ignored:
            return None
        return got.name

    def mentioned(self, value: str, start: int, end: int) -> bool:
        """True when the name at ``value[start:end]`` is only mentioned (``mention_before`` / ``mention_after``). A
        question about it (``Is the firmware compatible with ASECAM cameras?``) is its owner's: the name stays."""
        if self.mention_after is not None and end < len(value) and self.mention_after.match(value, end) is not None:
            return True
        if self.mention_before is None or start == 0 or self.mention_before.search(value, max(0, start - 48), start) is None:
            return False
        return _QUESTION.match(value, end) is None

    def find_at(self, value: str) -> tuple[str, int] | None:
        """The canonical vendor whose name occurs first in ``value`` (as :meth:`find` reads it) and
        where its name starts; None when no known name does."""
        if self.pattern is None or len(value) > MAX_NAME_VALUE:
            return None
        for m in self.pattern.finditer(value):
            key = vendor_key(m.group(0))
            if key in self.platforms or self.mentioned(value, m.start(), m.end()):
                return None
            hit = self.by_key.get(key)
            if hit is not None:
                return hit, m.start()
        return None

    def find(self, value: str) -> str | None:
        """The canonical vendor whose name occurs first in ``value`` (as a word), or None."""
        if self.pattern is None or len(value) > MAX_NAME_VALUE:
            return None
        if value in self._seen:
            return self._seen[value]
        hit = None
        for m in self.pattern.finditer(value) if self.skip_values is None or not self.skip_values.search(value) else ():
            key = vendor_key(m.group(0))
            if key in self.platforms:
                break  # the SoC / SDK maker's name: what follows describes its parts, not the device's maker
            if self.mentioned(value, m.start(), m.end()):
                break  # a name only mentioned (``compatible with Hikvision``): the value is about the maker's devices
            hit = self.by_key.get(key)
            if hit is not None:
                break
        if len(self._seen) < 100_000:
            self._seen[value] = hit
        return hit


@dataclass(frozen=True)
class ManufacturerFields:
    """``manufacturer_fields``: the field-name convention and the placeholder names."""

    key: re.Pattern[str]
    placeholders: frozenset[str]
    weight: float
    unknown_weight: float
    examples: tuple[dict[str, Any], ...]
    components: re.Pattern[str] | None = None
    """Field paths inside a component's sub-object (``chip.vendor``, ``cpu.model``): they name the
    component's maker or model, not the device's."""
    make_and_model: re.Pattern[str] | None = None
    """Fields that hold the maker and the model together (a form's "Camera make and model"): the
    maker is the value without its last word when that word is a model code (``make_part``)."""
    _in_component: dict[str, bool] = field(default_factory=dict, repr=False, compare=False, hash=False)
    """``in_component``'s answers per field name (names repeat across responses and devices; bounded)."""

    def applies(self, name: str) -> bool:
        """True when the field ``name`` holds the device's manufacturer."""
        return (self.key.search(name) is not None or self.is_make_and_model(name)) and not self.in_component(name)

    def is_make_and_model(self, name: str) -> bool:
        """True when ``name`` holds the maker and the model together."""
        return self.make_and_model is not None and self.make_and_model.search(name) is not None

    def make_part(self, name: str, value: str) -> str:
        """The maker's part of a field value: in a make-and-model field the words before a trailing
        model code (``SV3C SV-B01POE-1080P-L`` -> ``SV3C``; no code at the end: nothing), elsewhere
        the value itself."""
        if not self.is_make_and_model(name):
            return value
        m = _TRAILING_MODEL.match(value.strip())
        return m.group(1) if m else ""

    def label_before(self, db: SignatureDB, value: str) -> str | None:
        """A label's own name written before its maker's in a make value (``Vatilon (Hikvision)``,
        ``Annke by Hikvision``, ``Zosi / Xiongmai OEM``): the words before the first known maker name,
        joiners (by, from, made, OEM...) and brackets dropped, when they read as one name of one to
        three words that netscan does not know (a known one is found as a name itself) and are no
        registration place (``Hangzhou Hikvision``), legal-form word, placeholder or product word; None
        otherwise."""
        mn = db.maker_names
        v = value.strip()
        if mn is None or not v or len(v) > MAX_NAME_VALUE:
            return None
        found = mn.find_at(v)
        if found is None or found[1] == 0:
            return None
        words = _LABEL_WORD.findall(v[: found[1]])
        while words and words[-1].casefold() in _LABEL_JOINERS:
            words.pop()
        if not 1 <= len(words) <= 3 or not words[0][:1].isalpha():
            return None
        keys = [w.casefold() for w in words]
        if any(k in _LABEL_JOINERS or k in _NOT_A_LABEL or is_company_word(k) for k in keys):
            return None
        label = " ".join(words)
        if normalise_name(label) in self.placeholders or db.vendor(label) is not None or _UNKNOWN_NAME.match(label) is None:
            return None
        return label

    def in_component(self, name: str) -> bool:
        """True when ``name`` lies inside a component's sub-object."""
        return _memo_search(self._in_component, self.components, name)

    def claim(self, db: SignatureDB, value: str, name: str = "") -> tuple[str, bool] | None:
        """(name, known) for a manufacturer value of the field ``name``: the canonical vendor when
        known, else the value as written when it reads as a name and is no placeholder; None otherwise.
        In a make-and-model field only the maker's part is read (``make_part``)."""
        v = self.make_part(name, value).strip()
        if not v or normalise_name(v) in self.placeholders:
            return None
        known = db.vendor(v)
        if known is not None:
            return known.name, True
        named = db.maker_names.find(v) if db.maker_names is not None else None
        if named is not None:  # a legal name around a known maker's name: "Milesight Technology Co.,Ltd."
            return named, True
        if _UNKNOWN_NAME.match(v) is None or not any(c.isalpha() for c in v[:3]):
            return None
        # nothing but a company's legal-form, line-of-business and place words ("Technology", "Co., Ltd.",
        # "Shenzhen Digital Technology"): the tail of a name white-label firmware left blank, no maker's name
        if all(is_company_word(w.casefold()) for w in _NAME_TOKEN.findall(v)):
            return None
        # a registered company name: the name its labels use ("Shenzhen TVT Digital Technology Co., Ltd." -> TVT)
        short = short_company_name(v)
        known = db.vendor(short) if short != v else None
        if known is not None:
            return known.name, True
        if normalise_name(short) in self.placeholders:
            return None
        # a one-word name one typing slip from one known name of six letters or more ("Sonof" for Sonoff): a
        # manufacturer field holds a maker's name, so the slip names that maker (SignatureDB.misspelled_vendor)
        spelled = db.misspelled_vendor(short)
        if spelled is not None:
            return spelled.name, True
        return short, False


def _searchable(key: str) -> bool:
    """A name long enough to look for as a word: at least MIN_NAME_CHARS letters and digits, or three
    with a digit among letters (``H3C``: no word of any language, unlike ``HPE``, ``LTS`` or ``DW``)."""
    return len(key) >= MIN_NAME_CHARS or (len(key) == 3 and any(c.isdigit() for c in key) and sum(c.isalpha() for c in key) >= 2)


def _examples(data: dict[str, Any], where: str) -> tuple[dict[str, Any], ...]:
    examples = data.get("examples")
    if not isinstance(examples, list) or not examples or len(examples) > 20:
        raise SignatureError(f"{where}: needs 1 to 20 examples")
    return tuple(examples)


def _field_pattern(data: Any, key: str, where: str) -> re.Pattern[str]:
    """The compiled pattern over field names at ``data[key]``; a SignatureError naming ``where``."""
    if not isinstance(data, dict) or not isinstance(data.get(key), str):
        raise SignatureError(f"{where} needs '{key}' (a pattern over field names)")
    try:
        return re.compile(data[key])
    except re.error as exc:
        raise SignatureError(f"{where} '{key}': bad pattern: {exc}") from None


#: Characters other than an ASCII letter's two cases that it matches case-insensitively (U+0130, U+0131: ``i``;
#: KELVIN SIGN: ``k``; LONG S: ``s``); tests/test_makernames_speed.py checks this against every code point.
_CASE_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _first_class(first: str) -> str:
    """``first`` (a name's first character, lower-cased) as what matches it in a case-insensitive pattern:
    for an ASCII letter or digit, a case-sensitive class of every character it matches case-insensitively;
    any other character as it is."""
    if not (first.isascii() and first.isalnum()):
        return re.escape(first)
    chars = {first, first.upper(), *_CASE_EXTRA.get(first, "")}
    return "(?-i:[" + "".join(sorted(chars)) + "])"


def load_maker_names(db: SignatureDB, data: Any, where: str) -> MakerNames:
    """Compile ``maker_names`` against the vendors already loaded in ``db``."""
    fields = _field_pattern(data, "fields", f"{where}: maker_names")
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise SignatureError(f"{where}: maker_names 'ignore' must be a list")
    ignored = {vendor_key(str(x)) for x in ignore}
    platforms = data.get("platforms") or []
    if not isinstance(platforms, list):
        raise SignatureError(f"{where}: maker_names 'platforms' must be a list")
    platform_keys = frozenset(vendor_key(str(x)) for x in platforms)
    by_key: dict[str, str] = {}
    # one alternative per distinct spelling (an alias written with other spaces or hyphens than the name,
    # "Hik-Vision" beside "Hikvision", is a spelling of its own), each vendor key naming one vendor
    alternatives: dict[str, str] = {}
    for v in db.vendors.values():
        for alias in (v.name, *v.aliases, *v.product_words):
            key = vendor_key(alias)
            if key in ignored or not any(c.isalpha() for c in key) or not _searchable(key):
                continue
            tokens = [re.escape(t) for t in _NAME_TOKEN.findall(alias)]
            if not tokens:
                continue
            spelled = r"[\s_.-]?".join(tokens)
            if key in platform_keys:
                alternatives.setdefault(spelled.casefold(), spelled)
                continue
            if "." in alias and " " not in alias and not alias.endswith(_DOMAIN_ENDS):
                continue  # "Inc." style abbreviations; domains (hikvision.com, ui.com) are names
            by_key.setdefault(key, v.name)
            alternatives.setdefault(spelled.casefold(), spelled)
    ordered = sorted(alternatives.values(), key=len, reverse=True)
    # grouped by first character (every alternative starts with a letter or digit, matched case-insensitively),
    # longest first within a group as before: at a word start only the names beginning with that character are
    # tried, so the pattern's cost grows with the names sharing a first letter, not with the whole vendor list
    groups: dict[str, list[str]] = {}
    for alt in ordered:
        groups.setdefault(alt[0].lower(), []).append(alt)
    # (a group's first character, when an ASCII letter or digit, is written as the class of every character it
    # matches case-insensitively, matched case-sensitively: the regular expression engine tests a branch that
    # opens with a plain class in one step and goes to the next branch, where a case-insensitive letter enters
    # the branch first; the same characters match)
    grouped = [f"{_first_class(first)}(?:{'|'.join(a[1:] for a in alts)})" if len(alts) > 1
               else _first_class(first) + alts[0][1:] for first, alts in groups.items()]
    # a name starts after a non-letter, but not after a single letter and a hyphen (``y-axis``, ``x-axis``: an
    # axis of a chart, not Axis); it ends at a non-letter, or where a CamelCase word or code begins
    # (``HikvisionRtspServer``, ``ReolinkStreaming``, a host name ``TapoC200``): the name's last letter lower
    # case, the next an upper-case letter; an all-capitals run (``ACTIONS``) is one word and names nobody.
    # A name in a CJK script has no spaces around it in its own language: it is found inside other CJK text.
    # Three more joins of a name to the text around it, all for names of five or more letters (a shorter name
    # written so is too often part of a word: AXIS in AXISBANK, ACTi in ACTIVE2), two of them by case:
    # - a CamelCase word before it (``IPCamHikvision``, ``myDahua``: two lower-case letters, then the name
    #   written with a capital and lower-case letters);
    # - an all-capitals name glued to an all-capitals model code (``HIKVISIONDS-2CD2032``, ``VIVOTEKFD9387``,
    #   ``DAHUAIPC-HFW``): the name's last five letters capitals, then at most three capitals and a hyphen or
    #   two digits;
    # - in any case, a name glued to a video product word that ends the word (``hikvisionnvr``, ``reolinkcam``,
    #   ``DAHUAIPC``: host names, SSIDs, device names).
    pattern = (re.compile(r"(?i)(?:(?<![A-Za-z0-9])(?<!(?<![A-Za-z0-9])[A-Za-z]-)|(?-i:(?=[A-Z][a-z]{4})(?<=[a-z]{2})))(?:"
                          + "|".join(grouped)
                          + r")(?:(?![A-Za-z])|(?-i:(?<=[a-z])(?=[A-Z]))|(?-i:(?<=[A-Z]{5})(?=[A-Z]{0,3}(?:-[0-9A-Z]|[0-9]{2})))"
                          r"|(?<=[A-Za-z]{5})(?=(?:cams?|camera|ipcam|ipc|nvr|dvr|xvr|ptz|doorbell)(?![A-Za-z])))")
               if ordered else None)
    weight = float(data.get("weight", 1.0)) * NAME_PREFERENCE
    skip = _field_pattern(data, "skip_values", f"{where}: maker_names") if "skip_values" in data else None
    # short names (HP, LG, UNV, ZTE: too short to look for as a word anywhere) open a value of a field that
    # names the device first (a sysDescr, a printer's description): only as the maker writes them, in capitals
    short_fields = _field_pattern(data, "short_fields", f"{where}: maker_names") if "short_fields" in data else None
    short_by_alias: dict[str, str] = {}
    for v in db.vendors.values():
        for alias in (v.name, *v.aliases):
            key = vendor_key(alias)
            if (2 <= len(key) <= 3 and not _searchable(key) and key not in ignored and re.fullmatch(r"[A-Z0-9]{2,3}", alias)
                    and any(c.isalpha() for c in alias)):
                short_by_alias.setdefault(alias, v.name)
    short_pattern = (re.compile(r"(" + "|".join(sorted(map(re.escape, short_by_alias), key=len, reverse=True)) + r")(?:$|[\s_/-])")
                     if short_fields is not None and short_by_alias else None)
    # a host label that is a short name glued to six or twelve capital hex digits (the MAC's tail or all of it), at the
    # value's start or after a URI's "//", and ends the label
    host_fields = _field_pattern(data, "host_fields", f"{where}: maker_names") if "host_fields" in data else None
    host_pattern = (re.compile(r"(?:^|//)(" + "|".join(sorted(map(re.escape, short_by_alias), key=len, reverse=True))
                               + r")(?:[0-9A-F]{12}|[0-9A-F]{6})(?=$|[.:/])")
                    if host_fields is not None and short_by_alias else None)
    mentions = data.get("mentions") or {}
    if not isinstance(mentions, dict):
        raise SignatureError(f"{where}: maker_names 'mentions' must be a mapping (before, after)")
    before = _field_pattern(mentions, "before", f"{where}: maker_names mentions") if "before" in mentions else None
    after = _field_pattern(mentions, "after", f"{where}: maker_names mentions") if "after" in mentions else None
    company = _field_pattern(data, "company_fields", f"{where}: maker_names") if "company_fields" in data else None
    return MakerNames(ignored=frozenset(ignored), company_fields=company, mention_before=before, mention_after=after, fields=fields, pattern=pattern, by_key=by_key, weight=weight, examples=_examples(data, f"{where}: maker_names"),
                      platforms=platform_keys, skip_values=skip, short_fields=short_fields, short_pattern=short_pattern,
                      short_by_alias=short_by_alias, host_fields=host_fields, host_pattern=host_pattern)


def load_manufacturer_fields(data: Any, where: str) -> ManufacturerFields:
    """Compile ``manufacturer_fields``."""
    key = _field_pattern(data, "key", f"{where}: manufacturer_fields")
    placeholders = data.get("placeholders") or []
    if not isinstance(placeholders, list):
        raise SignatureError(f"{where}: manufacturer_fields 'placeholders' must be a list")
    components = _field_pattern(data, "components", f"{where}: manufacturer_fields") if "components" in data else None
    make_and_model = _field_pattern(data, "make_and_model", f"{where}: manufacturer_fields") if "make_and_model" in data else None
    return ManufacturerFields(
        components=components,
        make_and_model=make_and_model,
        key=key,
        placeholders=frozenset(normalise_name(str(p)) for p in placeholders),
        weight=float(data.get("weight", 1.0)) * MANUFACTURER_PREFERENCE,
        unknown_weight=float(data.get("unknown_weight", 1.0)) * UNKNOWN_MANUFACTURER_PREFERENCE,
        examples=_examples(data, f"{where}: manufacturer_fields"),
    )


def name_problems(db: SignatureDB) -> list[str]:
    """Every example of both conventions gives exactly its expected claim."""
    out: list[str] = []
    mn = db.maker_names
    if mn is not None:
        for n, ex in enumerate(mn.examples):
            tag = f"families/generic.yaml: maker_names example {n + 1}"
            if not isinstance(ex, dict) or not str(ex.get("source", "")).startswith(("http://", "https://")):
                out.append(f"{tag}: needs a 'source' URL")
                continue
            fname, value = str(ex.get("field", "")), str(ex.get("value", ""))
            named = mn.find_in(fname, value)
            wanted = (ex.get("expect") or {}).get("vendor")
            canon = db.vendor(wanted) if wanted else None
            if named != (canon.name if canon is not None else wanted):
                out.append(f"{tag}: {fname}={value[:60]!r} names {named!r} but expects {wanted!r}")
    mf = db.manufacturer
    if mf is not None:
        for n, ex in enumerate(mf.examples):
            tag = f"families/generic.yaml: manufacturer_fields example {n + 1}"
            if not isinstance(ex, dict) or not str(ex.get("source", "")).startswith(("http://", "https://")):
                out.append(f"{tag}: needs a 'source' URL")
                continue
            fname, value = str(ex.get("field", "")), str(ex.get("value", ""))
            got = mf.claim(db, value, fname) if mf.applies(fname) else None
            label = mf.label_before(db, mf.make_part(fname, value)) if got is not None and got[1] else None
            expect = ex.get("expect") or {}
            want: tuple[str, bool] | None = None
            if expect.get("brand"):
                known = db.vendor(str(expect["brand"]))
                want = (known.name if known else str(expect["brand"]), True)
            elif expect.get("vendor"):
                want = (str(expect["vendor"]), False)
            if got != want:
                out.append(f"{tag}: {fname}={value[:60]!r} gives {got} but expects {want}")
            if label != (expect.get("label") or None):
                out.append(f"{tag}: {fname}={value[:60]!r} gives the label {label!r} but expects {expect.get('label')!r}")
    return out


#: A product's name of two words or more without a digit, each capitalised (``Loco M XW``, ``Nanostation M XW``: the
#: name a device tree's ``model`` property gives after the maker's name -- OpenWrt's DTS files write "<Maker> <Model>",
#: and ``ubus call system board`` reports it): one word after the maker's name (``Sonos One``, ``Netatmo Doorbell``)
#: stays the product's name as sold.
_NAMED_LINE = re.compile(r"[A-Z][A-Za-z0-9+!-]{0,19}(?: [A-Z][A-Za-z0-9+!-]{0,19}){1,3}")
#: A product name that goes on with a device-class word after the maker's name (``Wyze Cam v3``, ``Ring Video
#: Doorbell 2``, ``Nest Cam IQ``, ``Apple TV 4K``: pyatv's scan prints the model so,
#: https://github.com/postlund/pyatv/issues/1688): the maker's name is part of the name as sold, not a prefix to a code.
_CLASS_WORD_FIRST = re.compile(r"(?i)(?:cam|camera|doorbell|video|chime|floodlight|spotlight|stick|bulb|plug|tv|hub|speaker|bridge|display)\b")
#: A maker's name joined to a model code of its own dashed shape by a dash or an underscore
#: (``Hikvision-DS-2CD2143G0-I``, ``Reolink_RLC-410``: a host name's or a file name's spelling): the code
#: after it. A code without a dash after the maker's name is the maker's own code (Wyze's ``WYZE_CAKP2JFUS``).
_JOINED = re.compile(r"([A-Za-z][A-Za-z0-9&.]{1,30})[-_]((?=[^ ]{0,47}\d)(?=[^ ]{0,47}[A-Za-z])[A-Za-z0-9][A-Za-z0-9._/()+]{0,23}-[A-Za-z0-9][A-Za-z0-9._/()+-]{0,40})")


#: A token that may be a maker's name glued to a code (``HIKVISIONDS-2CD2143G0-I``, ``DahuaIPC-HDW2431T-AS``, ``AXISM1054``:
#: markup taken out of a page without a blank, a logo's text run on): letters, then a capital or a digit, and a digit later.
_GLUE_CANDIDATE = re.compile(r"[A-Za-z]{4,20}[A-Z0-9][A-Za-z0-9._/()+-]{1,40}")
_GLUE_LETTERS = re.compile(r"[A-Za-z]+")
#: At most this many tokens' answers are kept in ``SignatureDB.glue_memo`` (tokens repeat across devices).
MAX_GLUE_MEMO = 1 << 14


def glued_maker(db: SignatureDB, token: str) -> tuple[str, str] | None:
    """(maker's name, code) of one token that is a known maker's name with a code glued on
    (``HIKVISIONDS-2CD2143G0-I`` -> ("HIKVISION", "DS-2CD2143G0-I")), the longest such name first; None for
    any other token. The caller keeps the split only when the maker's own grammar reads the code after it
    (``glued_family_matches``): a maker's code that begins with its name (Wyze's ``WYZEC1-JZ``) is not split."""
    if len(token) > 60 or not _GLUE_CANDIDATE.fullmatch(token) or not any(c.isdigit() for c in token):
        return None
    memo = db.glue_memo()
    key = ("token", token)
    if key in memo:
        hit: tuple[str, str] | None = memo[key]
        return hit
    found: tuple[str, str] | None = None
    run = _GLUE_LETTERS.match(token)
    letters = run.group(0) if run else ""
    for k in range(min(len(letters), 20), 3, -1):
        rest = token[k:]
        if rest[:1].isupper() or rest[:1].isdigit():
            if any(c.isdigit() for c in rest) and db.vendor(token[:k]) is not None:
                found = (token[:k], rest)
                break
    if len(memo) < MAX_GLUE_MEMO:
        memo[key] = found
    return found


def glued_family_matches(db: SignatureDB, token: str,
                         matches: Callable[[str], Iterable[tuple[Any, dict[str, str]]]] | None = None) -> list[tuple[Any, dict[str, str]]]:
    """The family grammar hits (``matches``, by default ``SignatureDB.family_matches``) on a token whose maker's
    name is glued to its code (``glued_maker``), read with a blank between the two, that name that same maker
    (as the vendor, or as the brand where the name is a label's) and read the whole code; nothing for any other token."""
    glued = glued_maker(db, token)
    if glued is None:
        return []
    name, rest = glued
    maker = db.vendor(name)
    out = []
    for rule, got in (matches or db.family_matches)(f"{name} {rest}"):
        named = {v.name for v in (db.vendor(got.get("vendor")), db.vendor(got.get("brand"))) if v is not None}
        if maker is not None and maker.name in named and got.get("model") == rest:
            out.append((rule, got))  # (a label's grammar names the label as the brand: ``AmcrestIP4M-1041B``)
    return out


#: A maker's or label's name after a model, in brackets or after "by"/"from" (``C200 (Tapo)``, ``RLC-410 by Reolink``).
_MAKER_AFTER = re.compile(r"(?:\s{0,2}[(\[]([A-Za-z][A-Za-z0-9 &.-]{1,30})[)\]]|\s{1,2}(?i:by|from)\s{1,2}([A-Za-z][A-Za-z0-9 &.-]{1,30}))$")


def model_without_maker(db: SignatureDB, model: str) -> str:
    """A model value that starts with its maker's name (``HP LaserJet P2015 Series``, a product-name
    field; ``Hikvision-DS-2CD2143G0-I``, joined by a dash or an underscore to one code) without that
    name, when a model number (a digit) follows; the value itself otherwise (``Roku Stick`` names a
    product line, not a number: kept; ``Wyze Cam v3``, a device-class word after the maker's name,
    is the product's name as sold: kept); the maker's own name (not an alias: ``Chromecast Audio``) before a
    product's name of several capitalised words (``Ubiquiti Loco M XW``, ``_NAMED_LINE``) is dropped too; a
    maker's name glued to a code its own grammar reads (``HIKVISIONDS-2CD2143G0-I``, ``glued_family_matches``)
    is dropped too."""
    tail = _MAKER_AFTER.search(model)
    if tail is not None and tail.start() > 0 and db.vendor(tail.group(1) or tail.group(2)) is not None:
        model = model[: tail.start()].rstrip()  # "DS-2CD2143G0-I (Hikvision)", "C200 (Tapo)", "RLC-410 by Reolink"
    words = model.split(" ", 2)
    for n in (1, 2):
        if len(words) <= n:
            break
        rest = " ".join(words[n:]).strip()
        head = " ".join(words[:n])
        v = db.vendor(head)
        if v is not None and any(c.isdigit() for c in rest):
            return model if _CLASS_WORD_FIRST.match(rest) else rest
        if (v is not None and head.casefold() == v.name.casefold() and _NAMED_LINE.fullmatch(rest) is not None
                and _CLASS_WORD_FIRST.match(rest) is None and not is_company_word(normalise_name(rest.split(" ", 1)[0]))):
            return rest  # the maker's own name before a product's name of several words (a device tree's "Ubiquiti Loco M XW"),
            # not before the rest of the company's name ("Ubiquiti Networks Device": names.is_company_word)
    if len(words) == 1:
        m = _JOINED.fullmatch(model)
        if m is not None and db.vendor(m.group(1)) is not None:
            return m.group(2)
        glued = glued_family_matches(db, model)
        if glued:
            return glued[0][1]["model"]
    return model
