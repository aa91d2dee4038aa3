"""Loading and compiling signatures/: vendors, OUIs, fingerprint rules (error policy:
netscan.sigdb.files)."""

from __future__ import annotations

import contextvars
import gc
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

try:  # CPython's own BLAKE2 (hashlib would load OpenSSL's libcrypto: ~3.5 MiB more resident memory)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

from netscan.discovery import REGISTRY as DISCOVERY_REGISTRY
from netscan.errors import SignatureError
from netscan.model import DEVICE_TYPES
from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR, load_yaml, signatures_root
from netscan.sigdb.firstchars import end_strings, first_and_start_strings
from netscan.sigdb.gate import MIN_RULES, FieldGate, gate_text, literals_in, rule_literals, without_lookahead
from netscan.sigdb.regexsafe import compile_parsed, nested_quantifier
from netscan.sigdb.makernames import MakerNames, ManufacturerFields, load_maker_names, load_manufacturer_fields
from netscan.sigdb.osrelease import OsRelease, load_os_release
from netscan.sigdb.othersoftware import OtherSoftware, load_other_software
from netscan.sigdb.socparts import SocParts, soc_match
from netscan.sigdb.pen import load_pen
from netscan.sigdb.names import normalise_name, one_edit_keys, short_company_name, vendor_key

#: What a rule may extract or set.
#: ``software`` names a software stack (a streaming or web server, a media library) the device runs: evidence
#: of what it runs, never of who made it (fingerprints/conventions-software.yaml).
EXTRACT_KEYS: frozenset[str] = frozenset({"vendor", "brand", "model", "firmware", "device_type", "serial", "hostname", "software"})

#: Default weight of a claim by the field it came from, when neither file nor rule sets one.
#: Vendor discovery protocols and device-info documents are the firmware describing itself;
#: banners and titles are shared by OEM stacks; DNS look-ups and titles are the weakest.
#: Each discovery protocol's fields (``<name>.``) weigh what its registry entry says (netscan/discovery.py);
#: no other prefix here starts with a discovery protocol's name, so their order does not matter.
FIELD_PREFERENCE: tuple[tuple[str, float], ...] = (
    *((f"{p.name}.", p.weight) for p in DISCOVERY_REGISTRY),
    ("dvrip.", 0.9),
    ("http.xml.", 0.85), ("http.json.", 0.85), ("http.kv.", 0.85),
    ("onvif.", 0.8),
    ("tls.", 0.7),
    ("http.header.server", 0.6), ("rtsp.header.server", 0.6), ("upnp.", 0.6),
    ("http.header.www-authenticate", 0.55), ("rtsp.header.www-authenticate", 0.55),
    ("telnet.", 0.5), ("ssh.", 0.5), ("other.", 0.5),
    ("http.title", 0.4), ("http.body", 0.4), ("dns.", 0.4), ("dhcp.", 0.4),
)
#: Weight of the maker claim an OUI makes: it names who registered the network chip's MAC block.
OUI_PREFERENCE = 0.3
#: Shortest vendor name or alias (letters) a misspelling is matched to (``SignatureDB.misspelled_vendor``):
#: ``Sonoff`` (a manufacturer field's ``Sonof``), never ``Axis`` or ``Sony``.
MIN_SPELLED_KEY = 6

_FLAGS = {"ignorecase": re.I, "multiline": re.M, "dotall": re.S}


def field_preference(name: str) -> float:
    """Default weight for claims read from the named field."""
    for prefix, pref in FIELD_PREFERENCE:
        if name.startswith(prefix):
            return pref
    return 0.5


@dataclass(frozen=True)
class Vendor:
    """A canonical manufacturer or brand."""

    name: str
    legal: str | None = None
    aliases: tuple[str, ...] = ()
    oui_registrants: tuple[str, ...] = ()
    covered: dict[str, Any] | None = None
    parent: str | None = None
    built_by: tuple[str, ...] = ()
    built_by_source: str | None = None
    video_only: bool = False
    label: bool = False
    """A retail label: the name on the box, whose devices an OEM the name does not tell builds (a
    consumer camera brand over white-label boards). Named by evidence, it is the device's ``brand``
    even where no other maker is known and the label also stands as the vendor."""
    product_words: tuple[str, ...] = ()
    """Names of the maker's own product lines (``FLEXIDOME``, ``Sarix``, ``WizSense``): found in free text they
    name the maker (``maker_names``), but they are no name of the maker itself, so a model value that starts with
    one keeps it (``FLEXIDOME indoor 5100i IR``) and a manufacturer field holding one is not the maker's name."""
    file: str = ""


@dataclass(frozen=True)
class Rule:
    """One compiled fingerprint rule."""

    id: str
    description: str
    field: str
    pattern: re.Pattern[str]
    weight: float
    claims: str
    set: dict[str, str]
    requires: tuple[tuple[str, re.Pattern[str]], ...]
    examples: tuple[dict[str, Any], ...]
    file: str
    index: int
    negatives: tuple[dict[str, Any], ...] = ()
    """Look-alike values (other makers' product codes, routers, printers, a streaming server's
    answer) that no family grammar may claim (``negatives:`` of a family entry), or that a
    fingerprint rule must not match (``negatives:`` of a rule); the self-check runs them."""

    def extract(self, value: str) -> dict[str, str] | None:
        """Match one field value; return what the rule extracts (set + named groups) or None."""
        m = self.pattern.search(value)
        if m is None:
            return None
        out = dict(self.set)
        for k, v in m.groupdict().items():
            if v is not None and k in EXTRACT_KEYS and v.strip():
                out[k] = v.strip()
        return out

    def requires_ok(self, fields: dict[str, list[str]]) -> bool:
        """True when every ``requires`` field has a value matching its pattern (a JSON/XML body
        field also under a longer path: the same object wrapped in an envelope)."""
        return all(any(p.search(v) for v in _values_of(fields, name)) for name, p in self.requires)


_BODY_PATHS = (("http.json.", "."), ("http.xml.", "/"), ("onvif.xml.", "/"))
#: The rules of a field no rule reads (one list, never changed: ``SignatureDB._rule_parts``).
_NO_RULES: list[Rule] = []
#: A set of rules' gating (``SignatureDB._rules_and_gating``): a FieldGate (many rules), else per rule its literals
#: (``()`` when none has one), and the rules themselves (kept with it: the ids of a key are not reused).
_Gating = tuple[FieldGate | None, tuple[str | tuple[str, ...] | None, ...], tuple[Rule, ...]]


def _shorter_paths(name: str, deepest: Mapping[str, int] | None = None) -> list[str]:
    """``http.json.a.b.c`` -> ``http.json.b.c``, ``http.json.c`` (XML paths split on ``/``). With
    ``deepest`` (a body prefix -> the most parts a path under it has among the names wanted): only
    the paths of at most that many parts (the longer ones cannot be among those names)."""
    for prefix, sep in _BODY_PATHS:
        if name.startswith(prefix):
            tail = name[len(prefix):]
            # (bounded: split at the last ``deepest`` separators only, the rest of the name kept whole)
            parts = tail.split(sep) if deepest is None else tail.rsplit(sep, deepest.get(prefix, 0))
            return [prefix + sep.join(parts[i:]) for i in range(1, len(parts))]
    return []


def _deepest_paths(names: Iterator[str] | list[str]) -> dict[str, int]:
    """Per body prefix of ``_BODY_PATHS``, the most parts a path under it has among ``names``."""
    out: dict[str, int] = {}
    for name in names:
        for prefix, sep in _BODY_PATHS:
            if name.startswith(prefix):
                out[prefix] = max(out.get(prefix, 0), name.count(sep, len(prefix)) + 1)
                break
    return out


def _body_tails(by_field: Mapping[str, list[Rule]]) -> dict[str, dict[str, list[Rule]]]:
    """Per body prefix of ``_BODY_PATHS``, the rule fields under it by the path after the prefix (the
    rules' own lists, so that a rule added to one later is read)."""
    out: dict[str, dict[str, list[Rule]]] = {}
    for name, rules in by_field.items():
        for prefix, _sep in _BODY_PATHS:
            if name.startswith(prefix):
                out.setdefault(prefix, {})[name[len(prefix):]] = rules
                break
    return out


def _values_of(fields: dict[str, list[str]], name: str) -> list[str]:
    """Values of ``name``; for a JSON/XML body field absent as such, those of the fields that end
    with its path (the same object under an envelope)."""
    got = fields.get(name)
    if got is not None:
        return got
    for prefix, sep in _BODY_PATHS:
        if name.startswith(prefix):
            tail = sep + name[len(prefix):]
            return [v for k, vs in fields.items() if k.startswith(prefix) and k.endswith(tail) for v in vs]
    return []


@dataclass(frozen=True)
class SemanticRule:
    """A field-name convention (signatures/families/generic.yaml)."""

    id: str
    description: str
    key: re.Pattern[str]
    extracts: str
    value: re.Pattern[str]
    weight: float
    examples: tuple[dict[str, Any], ...]
    file: str
    constant: str | None = None
    """When set, the claim is this constant (e.g. device_type ``dvr``) rather than the value."""
    max_chars: int | None = None
    """Only the first ``max_chars`` of a value are read (free text: bodies, banners)."""
    hints: tuple[str, ...] = ()
    """Lower-case words one of which the value must contain before ``value`` is searched (speed)."""

    def extract(self, name: str, value: str) -> dict[str, str] | None:
        """``{extracts: value}`` when the field name and the value fit, else None."""
        if self.key.search(name) is None:
            return None
        return self.extract_value(value)

    def extract_value(self, value: str, lower: str | None = None) -> dict[str, str] | None:
        """Like ``extract`` for a field whose name is already known to fit. A ``value`` pattern with
        a group named for what the rule extracts (``(?P<firmware>...)``) takes that part of the value
        (a version written in a banner, a title, a log line), read in the first ``max_chars``.
        ``lower``: the ASCII value stripped and lower-cased, at least as far as this rule reads it (several
        conventions reading one value share it, ``SignatureDB.semantic_matches``)."""
        v = value.strip()
        if not v:
            return None
        if self.max_chars is not None and len(v) > self.max_chars:
            v = v[: self.max_chars]
        if self.hints:
            low = v.lower() if lower is None else lower[: len(v)]
            if not any(map(low.__contains__, self.hints)):
                return None
        m = self.value.search(v)
        if m is None:
            return None
        if self.constant is not None:
            return {self.extracts: self.constant}
        part = m.groupdict().get(self.extracts) if self.value.groupindex else None
        return {self.extracts: part if part else v}


@dataclass(frozen=True)
class FieldPlan:
    """What reads one field name (``SignatureDB.plan_for_field``)."""

    rules: list[Rule]
    semantic: tuple[SemanticRule, ...]
    any_applies: bool
    """Family grammars read the field."""
    mac_field: bool
    """The field holds a MAC address the device reports about itself."""
    names: bool = False
    """Maker names are looked for in the field (``maker_names``)."""
    manufacturer: bool = False
    """The field is named for the manufacturer (``manufacturer_fields``)."""
    active: bool = False
    """Anything at all reads the field (computed once, when the plan is made)."""
    gate: FieldGate | None = None
    """For a field many rules read: which of them can match a value (netscan.sigdb.gate)."""
    literals: tuple[str | tuple[str, ...] | None, ...] = ()
    """For a field few rules read (no gate): each rule's required literal (lower-cased), or the literals
    one of which it requires, None when it has none (netscan.sigdb.gate.rule_literals); a rule whose
    literal is absent (none of whose literals is present) is not run."""
    semantic_set: int = -1
    """The number of ``semantic`` among the distinct sets of field-name conventions (fields whose names
    fit the same keys share it: ``SignatureDB.semantic_matches`` is kept per set and value)."""

    def rules_for(self, values: list[str]) -> list[Rule]:
        """The rules that may match one of ``values``, in reading order (all of them without a gate)."""
        if self.gate is None:
            return self.rules
        return [self.rules[i] for i in self.gate.candidates(values)]

    def candidates(self, value: str) -> list[int] | range:
        """Positions in ``rules`` (ascending) of the rules that may match ``value``."""
        if self.gate is not None:
            return self.gate.candidates((value,))
        if not self.literals:
            return range(len(self.rules))
        low = gate_text(value)
        return [i for i, lit in enumerate(self.literals) if lit is None or (lit in low if lit.__class__ is str else literals_in(lit, low))]


#: How many of a field name's last characters the field-name keys are filed by (``_KeyIndex``).
TAIL = 3


class _KeyIndex:
    """The field-name keys of the conventions filed by the strings their matches can end with
    (``firstchars.end_strings``: the last ``TAIL`` characters; a key whose end cannot be told is tried
    for every name), and per key the conventions that read it: a name is tried only against the keys
    whose end strings it ends with (``tried``), and its conventions are gathered from the keys found
    (``SignatureDB._make_plan``)."""

    __slots__ = ("by_end", "every", "open", "_rules_of_key", "_by_string", "_lengths", "_always", "_tried")

    def __init__(self, strings: list[frozenset[str] | None], key_of: list[int]) -> None:
        # (a key's end characters, for a name whose last TAIL characters are not all ASCII: the last
        # character of each of its end strings, or none told when one is empty)
        ends = [None if e is None or "" in e else frozenset(t[-1] for t in e) for e in strings]
        self.every = tuple(range(len(ends)))
        self.open = tuple(i for i, e in enumerate(ends) if e is None)
        chars = {c for e in ends if e is not None for c in e}
        self.by_end = {c: tuple(i for i, e in enumerate(ends) if e is None or c in e) for c in chars}
        rules_of_key: list[list[int]] = [[] for _ in ends]
        for j, k in enumerate(key_of):
            rules_of_key[k].append(j)
        self._rules_of_key = tuple(tuple(js) for js in rules_of_key)
        by_string: dict[str, list[int]] = {}
        for i, e in enumerate(strings):
            if e is not None and "" not in e:
                for t in e:
                    by_string.setdefault(t, []).append(i)
        self._by_string = {t: frozenset(ids) for t, ids in by_string.items()}
        self._lengths = tuple(sorted({len(t) for t in by_string}))
        self._always = frozenset(i for i, e in enumerate(strings) if e is None or "" in e)
        self._tried: dict[str, tuple[int, ...]] = {}

    def tried(self, name: str) -> tuple[int, ...]:
        """The keys (ascending) that can match ``name``: those one of whose end strings it ends with,
        and those whose end cannot be told. Kept per last ``TAIL`` characters (all the look-up reads)."""
        tail = name[-TAIL:]
        hit = self._tried.get(tail)
        if hit is None:
            hit = self._tried_by(tail)
            if len(self._tried) < 50_000:
                self._tried[tail] = hit
        return hit

    def _tried_by(self, tail: str) -> tuple[int, ...]:
        last = tail[-1:]
        if not last.isascii() or last == "\n":  # (``$`` matches before a final newline: not told)
            return self.every
        if not tail.isascii():  # (a non-ASCII letter can match an ASCII one case-insensitively)
            return self.by_end.get(last, self.open)
        got = set(self._always)
        by_string = self._by_string
        for n in self._lengths:
            if n <= len(tail):
                ids = by_string.get(tail[-n:])
                if ids is not None:
                    got |= ids
        return tuple(sorted(got))

    def rules_of(self, found: list[int], rules: list[SemanticRule]) -> tuple[SemanticRule, ...]:
        """The conventions (in their own order) whose key is one of ``found``."""
        if not found:
            return ()
        if len(found) == 1:
            return tuple(rules[j] for j in self._rules_of_key[found[0]])
        return tuple(rules[j] for j in sorted(j for k in found for j in self._rules_of_key[k]))


_K = TypeVar("_K")
_V = TypeVar("_V")


def _keep(memo: dict[_K, _V], key: _K, hit: _V) -> _V:
    """Remember ``hit`` under ``key`` (a ``memo_key``, never a long text) unless the memo is full
    (bounded memory on a hostile stream of distinct values); return it."""
    if len(memo) < MEMO_MAX_ENTRIES:
        memo[key] = hit
    return hit


#: The last long value ``memo_key`` digested and its digest (one value is looked up in several memos
#: in a row: the field's rules, its conventions, the quiet set). One tuple, replaced whole (threads).
_last_digest: tuple[str, bytes] = ("", b"")


def memo_key(value: str) -> str | bytes:
    """What a value is kept under in the match memos: the value itself up to ``MEMO_MAX_CHARS``
    characters, else a BLAKE2b digest (32 bytes) of its UTF-8 text. A long value seen again (the same
    page or banner from every device of a model) is then not run through the rules again, and the memo
    holds 32 bytes of it, not the text (a ``str`` key never equals a ``bytes`` one)."""
    global _last_digest
    if len(value) <= MEMO_MAX_CHARS:
        return value
    last = _last_digest
    if last[0] is value:
        return last[1]
    digest = blake2b(value.encode("utf-8", "surrogatepass"), digest_size=32).digest()
    _last_digest = (value, digest)
    return digest


#: The family grammar hits of a value: (rule, what it extracts) pairs.
FamilyHits = Sequence[tuple["Rule", dict[str, str]]]


@dataclass(frozen=True, slots=True)
class FamilyMatcher:
    """What the line readers (netscan.identify.lines) read a text with, handed out by ``SignatureDB.family_matcher``:
    ``match`` gives the family grammar hits of a value; ``soc`` (the database's ``SocParts.whole``, None without
    one) tells a SoC's part number written as a whole value (a lower-case token led by one is the chip SDK's
    writing, not a device's code)."""

    match: Callable[[str], FamilyHits]
    soc: Callable[[str], bool] | None = None

    def __call__(self, value: str) -> FamilyHits:
        return self.match(value)


@dataclass
class SignatureDB:
    """Compiled signatures: look-ups used by identify() and the findings stage."""

    vendors: dict[str, Vendor] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    rules_by_field: dict[str, list[Rule]] = field(default_factory=dict)
    prefix_rules: list[Rule] = field(default_factory=list)
    any_rules: list[Rule] = field(default_factory=list)
    """Vendor-family grammar rules (signatures/families): a model number or firmware string in
    its maker's shape, searched in every field (see ``any_field_applies``)."""
    semantic_rules: list[SemanticRule] = field(default_factory=list)
    """Fields whose *name* says what the value is (``*.modelName``, ``*.firmwareVersion``...):
    the value is the model or firmware whoever made the device; no maker is claimed."""
    maker_names: MakerNames | None = None
    """A maker's name as a word in a short text field (families/generic.yaml ``maker_names``)."""
    manufacturer: ManufacturerFields | None = None
    """Fields named for the manufacturer (families/generic.yaml ``manufacturer_fields``)."""
    other_software: OtherSoftware | None = None
    """Words labelling another software's or a part's version (families/generic.yaml ``other_software``)."""
    soc_parts: SocParts | None = None
    """A SoC's part number as a whole value (fingerprints/stacks-soc.yaml ``soc_part_numbers``): no model."""
    os_release: OsRelease | None = None
    """The field names of an os-release record (families/fields-conventions.yaml ``os_release``)."""
    any_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """``any_rules`` filed by the characters their match can start with (netscan.sigdb.firstchars):
    at a token start only the grammars filed under its character are tried."""
    any_anywhere: tuple[int, ...] = ()
    any_starts: tuple[frozenset[str] | None, ...] = ()
    """Per ``any_rules`` grammar, strings of at most two characters one of which its match starts with, or
    None (netscan.sigdb.firstchars.start_strings): at a token start only the grammars that can begin with
    the two characters there are tried."""
    _any_two: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    any_start: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?<![A-Za-z0-9_-]).", re.S), repr=False)
    """A token start whose character ``any_index`` files grammars under (``_index_families``): the
    other token starts have no candidates, so the search in C skips them."""
    """``any_rules`` whose first character cannot be told: searched in every value."""
    _by_name: dict[str, FieldPlan] = field(default_factory=dict, repr=False)
    _prefilter_seen: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False)
    _field_memo: dict[tuple[str, str | bytes], tuple[tuple[int, dict[str, str]], ...]] = field(default_factory=dict, repr=False)
    _family_memo: dict[str, tuple[tuple[Rule, dict[str, str]], ...]] = field(default_factory=dict, repr=False)
    _semantic_memo: dict[tuple[str, str | bytes], dict[str, str] | None] = field(default_factory=dict, repr=False)
    _semantic_sets: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _semantic_set_memo: dict[tuple[int, str | bytes], tuple[dict[str, str] | None, ...]] = field(default_factory=dict, repr=False)
    _hinted_sets: dict[int, tuple[bool, int | None]] = field(default_factory=dict, repr=False)
    _quiet: set[tuple[str, str | bytes]] = field(default_factory=set, repr=False)
    _line_memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _glue_memo: dict[object, Any] = field(default_factory=dict, repr=False)
    _own_brands: dict[str, tuple[str, ...]] | None = field(default=None, repr=False)
    _prose_memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _spelled: dict[str, str] | None = field(default=None, repr=False)
    _ids_reading: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)
    _semantic_key_cache: tuple[list[re.Pattern[str]], list[int], list[re.Pattern[str] | None]] | None = field(default=None, repr=False)
    _semantic_key_ends: list[frozenset[str] | None] = field(default_factory=list, repr=False)
    _semantic_by_end: _KeyIndex | None = field(default=None, repr=False)
    _prefix_groups: tuple[int, tuple[tuple[str, tuple[int, ...]], ...], tuple[str, ...],
                          dict[tuple[tuple[int, ...] | None, bool], list[Rule]]] = field(default=(-1, (), (), {}), repr=False)
    _name_index: tuple[ManufacturerFields | None, _KeyIndex | None] = field(default=(None, None), repr=False)
    _deepest: tuple[tuple[int, int], dict[str, int], dict[str, dict[str, list[Rule]]]] = field(default=((0, -1), {}, {}), repr=False)
    _gates: dict[tuple[int, ...], _Gating] = field(default_factory=dict, repr=False)
    _composed: dict[tuple[tuple[int, int], ...], tuple[list[Rule], _Gating, tuple[list[Rule], ...]]] = field(default_factory=dict, repr=False)
    oui: dict[str, tuple[str, str]] = field(default_factory=dict)
    oui_vendor: Mapping[str, str] = field(default_factory=dict)
    oui_snapshot: str = ""
    pen: dict[str, tuple[str, str]] = field(default_factory=dict)
    """IANA enterprise number -> (organisation, canonical vendor) (netscan/sigdb/pen.py)."""
    snmp_products: dict[str, Any] | None = None
    """Exact sysObjectID -> product, read when first needed (netscan/sigdb/snmp.py)."""
    root: Path = DEFAULT_SIGNATURES_DIR
    problems: list[str] = field(default_factory=list)
    """What could not be loaded (``file: item: what``); the items concerned were skipped."""

    def vendor(self, name: str | None) -> Vendor | None:
        """Resolve a name or alias (any case/punctuation) to a canonical Vendor."""
        if not name:
            return None
        canon = self.aliases.get(normalise_name(name))
        if canon is None and len(name) <= 120:
            # a registered company name around a known name ("Zhuhai Raysharp Technology Co.,Ltd" -> Raysharp)
            short = short_company_name(name)
            if short != name:
                canon = self.aliases.get(normalise_name(short))
        return self.vendors.get(canon) if canon else None

    def plan_for_field(self, name: str) -> FieldPlan:
        """What reads the field ``name``: its rules, the field-name conventions whose key fits,
        whether family grammars and maker names read it. Field names repeat across devices:
        computed once per name."""
        hit = self._by_name.get(name)
        return self._make_plan(name) if hit is None else hit

    def _make_plan(self, name: str) -> FieldPlan:
        """``plan_for_field`` of a name not planned yet (apart: the look-up above makes no closure cells)."""
        applies = any_field_applies(name)
        # field-name conventions read by name, bulk fields included (a body's "Firmware version: ..."
        # text rule caps what it reads)
        keys, _, quick = self._semantic_keys()
        index = self._semantic_by_end
        assert index is not None  # (made with the keys)
        # (rules sharing a key: one search; a key's cheaper necessary conditions first: the name ends
        # with a string its end-anchored matches can end with -- only the keys filed under the name's
        # last characters are tried (``_KeyIndex``) --, then ``quick``)
        found = [i for i in index.tried(name) if ((q := quick[i]) is None or q.search(name) is not None) and keys[i].search(name) is not None]
        semantic = index.rules_of(found, self.semantic_rules)
        rules, gating = self._rules_and_gating(name)
        any_applies = applies and bool(self.any_rules) and _USER_NAMED.search(name) is None
        mf = self.manufacturer
        # (MAC_FIELD, the manufacturer key and make-and-model names are end-anchored: a name that ends
        # with no string a match of one can end with is not searched with it)
        ends = self._name_ends(mf).tried(name)
        mac_field = 0 in ends and MAC_FIELD.search(name) is not None
        manufacturer = mf is not None and (1 in ends or 2 in ends) and mf.applies(name)
        # (a component's sub-object -- chip.model: a SoC maker's part -- names no maker of the device)
        mn = self.maker_names
        names = mn is not None and mn.applies(name) and not (mf is not None and mf.in_component(name))
        hit = FieldPlan(rules=rules, semantic=semantic, any_applies=any_applies, mac_field=mac_field, names=names,
                        manufacturer=manufacturer,
                        active=bool(rules or semantic or any_applies or mac_field or names or manufacturer),
                        gate=gating[0],
                        literals=gating[1],
                        semantic_set=self._semantic_sets.setdefault(tuple(r.id for r in semantic), len(self._semantic_sets)))
        if len(self._by_name) < 100_000:
            self._by_name[name] = hit
        return hit

    def _semantic_keys(self) -> tuple[list[re.Pattern[str]], list[int], list[re.Pattern[str] | None]]:
        """The distinct field-name patterns of ``semantic_rules`` (several conventions share one: the
        type words of families/types.yaml read the same fields), per rule the index of its own, and per
        pattern a quicker one that every name it matches also matches, or None (``without_lookahead``).
        Beside them (``_semantic_by_end``, ``_KeyIndex``): the keys filed by the strings their matches can
        end with (``firstchars.end_strings``), and (``_semantic_key_ends``) per pattern the characters a
        match can end with, or None."""
        got = self._semantic_key_cache
        if got is None or len(got[1]) != len(self.semantic_rules):
            keys: list[re.Pattern[str]] = []
            where: dict[tuple[str, int], int] = {}
            key_of: list[int] = []
            for r in self.semantic_rules:
                k = (r.key.pattern, int(r.key.flags))
                if k not in where:
                    where[k] = len(keys)
                    keys.append(r.key)
                key_of.append(where[k])
            got = self._semantic_key_cache = (keys, key_of, [without_lookahead(k) for k in keys])
            index = self._semantic_by_end = _KeyIndex([end_strings(k.pattern, k.flags, TAIL) for k in keys], key_of)
            self._semantic_key_ends = [None if i in index.open else frozenset(c for c, ids in index.by_end.items() if i in ids)
                                       for i in index.every]
        return got

    def _name_ends(self, mf: ManufacturerFields | None) -> _KeyIndex:
        """MAC_FIELD (0), ``mf``'s key (1) and make-and-model pattern (2) filed by the strings their
        matches can end with (``_KeyIndex``); made once per ``mf``."""
        owner, index = self._name_index
        if owner is not mf or index is None:
            pats: list[re.Pattern[str] | None] = [MAC_FIELD, None, None]
            if mf is not None:
                pats[1:] = [mf.key, mf.make_and_model]
            strings = [frozenset() if p is None else end_strings(p.pattern, p.flags, TAIL) for p in pats]
            index = _KeyIndex(strings, [0, 1, 2])
            self._name_index = (mf, index)
        return index

    def rule_ids_reading(self, names: tuple[str, ...]) -> frozenset[str]:
        """The ids of the rules that read exactly the named fields (made once per tuple of names)."""
        got = self._ids_reading.get(names)
        if got is None:
            got = self._ids_reading[names] = frozenset(r.id for n in names for r in self.rules_by_field.get(n, ()))
        return got

    def _rules_and_gating(self, name: str) -> tuple[list[Rule], _Gating]:
        """``rules_for_field(name)`` and its gating (a FieldGate, or per rule its literals), both made once per
        set of parts the rules are put together from (``_rule_parts``): most names share a few sets (every '*'
        rule, a prefix's, a body path's), and the parts are looked up without building the list again."""
        parts = self._rule_parts(name)
        key = tuple((id(p), len(p)) for p in parts)  # (the parts are kept with the entry: their ids are not reused)
        got = self._composed.get(key)
        if got is None:
            rules = parts[0] if len(parts) == 1 else [r for p in parts for r in p]
            # (many sets of parts are the same rules -- every '*' rule, a prefix's --: their gate once)
            rule_ids = tuple(map(id, rules))
            gating = self._gates.get(rule_ids)
            if gating is None:
                gated = len(rules) >= MIN_RULES
                literals = () if gated else tuple(rule_literals(r.pattern.pattern, r.pattern.flags) for r in rules)
                # (the rules are kept with it: their ids, the key, are not reused while it is kept)
                gating = self._gates[rule_ids] = (FieldGate(rules) if gated else None,
                                                  literals if any(lit is not None for lit in literals) else (), tuple(rules))
            got = (rules, gating, parts)
            if len(self._composed) < 10_000:
                self._composed[key] = got
        return got[0], got[1]

    def rules_for_field(self, name: str) -> list[Rule]:
        """Rules reading the named field (exact, then ``prefix*`` rules). A JSON or XML body field
        is also read by the rules of its shorter paths: the same object wrapped in an envelope
        (``http.json.result.model`` is read by a rule for ``http.json.model``; an RPC ``result``,
        a log's wrapper, a SOAP body)."""
        parts = self._rule_parts(name)
        return list(parts[0]) if len(parts) == 1 else [r for p in parts for r in p]

    def _rule_parts(self, name: str) -> tuple[list[Rule], ...]:
        """The lists ``rules_for_field(name)`` is put together from, in order (at least one, perhaps empty):
        the name's own rules, those of its shorter body paths (longest first), the ``prefix*`` rules it is
        read by. The lists are the database's own: read-only."""
        by_field = self.rules_by_field
        exact = by_field.get(name, _NO_RULES)
        parts: list[list[Rule]] = [exact] if exact else []
        deep_key, deepest, tails = self._deepest
        if deep_key != (id(by_field), len(by_field)):  # (made once: the rules' fields do not change after loading)
            deepest = _deepest_paths(list(by_field))
            tails = _body_tails(by_field)
            self._deepest = ((id(by_field), len(by_field)), deepest, tails)
        # (``_shorter_paths`` looked up: only the cuts a rule field under the prefix can be, no path built)
        for prefix, sep in _BODY_PATHS:
            if name.startswith(prefix):
                wanted = tails.get(prefix)
                if wanted:
                    tail = name[len(prefix):]
                    cuts: list[int] = []
                    end = len(tail)
                    for _ in range(deepest.get(prefix, 0)):
                        end = tail.rfind(sep, 0, end)
                        if end < 0:
                            break
                        cuts.append(end)
                    for cut in reversed(cuts):  # (longest path first)
                        more = wanted.get(tail[cut + 1:])
                        if more:
                            parts.append(more)
                break
        if not self.prefix_rules:
            return tuple(parts) if parts else (_NO_RULES,)
        # a rule for every field (``field: '*'``) reads the fields family grammars read: no bulk
        # text (bodies, hex, header names), ports or status codes
        applies = any_field_applies(name)  # (a pure function of the name: once, not once per '*' rule)
        prefix_rules = self.prefix_rules
        count, groups, some, extras = self._prefix_groups
        if count != len(prefix_rules):  # (made once: the rules' distinct prefixes, each tested once per name)
            by_prefix: dict[str, list[int]] = {}
            for i, r in enumerate(prefix_rules):
                by_prefix.setdefault(r.field[:-1], []).append(i)
            groups = tuple((p, tuple(ids)) for p, ids in by_prefix.items())
            some = tuple(p for p, _ids in groups if p)
            extras = {}
            self._prefix_groups = (count, groups, some, extras) = (len(prefix_rules), groups, some, extras)
        # (the '*' rules read every name: the prefixes a name starts with, if any but those, looked up one
        # by one; the rules of each set of prefixes, with or without the '*' ones, made once)
        matched = tuple(g for g, (p, _ids) in enumerate(groups) if name.startswith(p)) if some and name.startswith(some) else None
        extra = extras.get((matched, applies))
        if extra is None:
            found = matched if matched is not None else tuple(g for g, (p, _ids) in enumerate(groups) if not p)
            hits = sorted(i for g in found for i in groups[g][1])  # (the rules' own order)
            extra = extras[(matched, applies)] = [r for r in map(prefix_rules.__getitem__, hits) if applies or r.field != "*"]
        if extra:
            parts.append(extra)
        return tuple(parts) if parts else (_NO_RULES,)

    def field_matches(self, plan: FieldPlan, name: str, value: str) -> tuple[tuple[int, dict[str, str]], ...]:
        """The rules of ``plan`` (the plan of field ``name``) that match ``value``: their positions in
        ``plan.rules`` (ascending) with what each extracts (``Rule.extract``; ``requires`` is not
        checked here). Only the candidates of the plan's gate or literals are run; the result is
        kept per field name and value (values repeat across devices and responses). Treat the
        extracted mappings as read-only."""
        key = (name, memo_key(value))
        hit = self._field_memo.get(key)
        if hit is None:
            rules = plan.rules
            found = []
            for i in plan.candidates(value):
                got = rules[i].extract(value)
                if got is not None:
                    found.append((i, got))
            hit = _keep(self._field_memo, key, tuple(found))
        return hit

    def family_matches(self, value: str, *, keep: bool = True) -> tuple[tuple[Rule, dict[str, str]], ...]:
        """The family grammar rules that match ``value`` (``any_field_rules``) with what each extracts,
        kept per value (not with ``keep=False``: the lines of a log rarely repeat). Treat the
        extracted mappings as read-only."""
        hit = self._family_memo.get(value)
        if hit is None:
            found = []
            for rule in self.any_field_rules(value, keep=keep):
                got = rule.extract(value)
                if got is not None:
                    found.append((rule, got))
            hit = _keep(self._family_memo, value, tuple(found)) if keep and len(value) <= MEMO_MAX_CHARS else tuple(found)
        return hit

    def family_matcher(self, match: Callable[[str], FamilyHits] | None = None, *, keep: bool = True) -> FamilyMatcher:
        """``match`` (default: ``family_matches`` with ``keep``) with this database's SoC part numbers
        (``soc_parts``), for the line readers (netscan.identify.lines)."""
        if match is None:
            match = self.family_matches if keep else partial(self.family_matches, keep=False)
        return FamilyMatcher(match, self.soc_parts.whole if self.soc_parts is not None else None)

    def line_memo(self) -> dict[str, Any]:
        """Results of the long-text line pass, per text (netscan.identify.lines; bounded by the caller)."""
        return self._line_memo

    def own_brands(self, vendor: str) -> tuple[str, ...]:
        """A maker's own product brands (vendors whose ``parent`` is also their ``built_by``: TP-Link's Tapo, Kasa
        and VIGI), indexed on first use."""
        if self._own_brands is None:
            index: dict[str, list[str]] = {}
            for v in self.vendors.values():
                if v.parent and v.parent.casefold() in {b.casefold() for b in v.built_by}:
                    index.setdefault(v.parent.casefold(), []).append(v.name)
            self._own_brands = {k: tuple(sorted(n)) for k, n in index.items()}
        return self._own_brands.get(vendor.casefold(), ())

    def misspelled_vendor(self, name: str) -> Vendor | None:
        """The one vendor whose name or alias ``name`` misspells by one typing slip (netscan.sigdb.names ``one_edit_keys``:
        a doubled letter written once, a letter written twice or two neighbours swapped, never the first letter;
        no letter dropped, added or changed elsewhere), for a one-word name of at least
        five letters naming no vendor itself; only names and aliases of at least six letters are matched (a
        shorter one is one edit from too many words). None when no vendor, or more than one, is that near."""
        if self._spelled is None:
            index: dict[str, str] = {}
            # (only names looked for as words: a name too common as a word -- Brother, Defender -- is one edit
            # from other words too: "Brothers")
            searched = self.maker_names.by_key if self.maker_names is not None else {}
            for v in self.vendors.values():
                for alias in (v.name, *v.aliases):
                    key = vendor_key(alias)
                    if len(key) >= MIN_SPELLED_KEY and key.isalpha() and "." not in alias and key in searched:
                        index[key] = v.name if index.get(key, v.name) == v.name else ""
            self._spelled = index
        key = vendor_key(name)
        if not MIN_SPELLED_KEY - 1 <= len(key) <= 40 or not key.isalpha() or len(normalise_name(name).split()) != 1:
            return None
        found = {c for k in one_edit_keys(key) if (c := self._spelled.get(k)) is not None}
        if len(found) != 1 or "" in found:
            return None
        return self.vendors.get(found.pop())

    def prose_memo(self) -> dict[str, Any]:
        """What a reporter's text says, per text (netscan.identify.prose ``read_prose`` on collect's fast path;
        bounded by the caller)."""
        return self._prose_memo

    def glue_memo(self) -> dict[object, Any]:
        """Where a maker's name is glued to a code, per token and per short value (netscan.sigdb.makernames
        ``glued_maker``, netscan.identify.collect ``_glued``; bounded by the callers)."""
        return self._glue_memo

    def semantic_match(self, rule: SemanticRule, value: str) -> dict[str, str] | None:
        """``rule.extract_value(value)``, kept per rule and value. Treat the mapping as read-only."""
        return self._semantic_match(rule, value, memo_key(value))

    def _semantic_match(self, rule: SemanticRule, value: str, vkey: str | bytes, lower: str | None = None) -> dict[str, str] | None:
        key = (rule.id, vkey)
        try:
            return self._semantic_memo[key]
        except KeyError:
            pass
        return _keep(self._semantic_memo, key, rule.extract_value(value, lower))

    def semantic_matches(self, plan: FieldPlan, value: str) -> tuple[dict[str, str] | None, ...]:
        """``semantic_match`` of each of ``plan.semantic`` (in order) on ``value``, kept per set of
        conventions and value: one look-up where a field is read by a dozen (the type words of
        families/types.yaml). Treat the mappings as read-only."""
        vkey = memo_key(value)
        key = (plan.semantic_set, vkey)
        hit = self._semantic_set_memo.get(key)
        return self._semantic_set_match(plan, value, key) if hit is None else hit

    def _semantic_set_match(self, plan: FieldPlan, value: str, key: tuple[int, str | bytes]) -> tuple[dict[str, str] | None, ...]:
        """``semantic_matches`` not kept yet (apart: the look-up above makes no closure cells). Where several of the
        conventions look for their hint words, an ASCII value is lower-cased once for all of them, as far as the
        furthest reads (``SemanticRule.extract_value``'s ``lower``)."""
        rules = plan.semantic
        shared = self._hinted_sets.get(plan.semantic_set)
        if shared is None:
            hinted = [r for r in rules if r.hints]
            reach = None if any(r.max_chars is None for r in hinted) else max((r.max_chars or 0 for r in hinted), default=0)
            shared = self._hinted_sets[plan.semantic_set] = (len(hinted) > 1, reach)
        lower = None
        if shared[0]:
            v = value.strip()
            if shared[1] is not None:
                v = v[: shared[1]]
            if v.isascii():  # (an ASCII text's lower case is its characters' own, so a cut of it is the cut's)
                lower = v.lower()
        return _keep(self._semantic_set_memo, key, tuple(self._semantic_match(r, value, key[1], lower) for r in rules))

    def warm(self, fields: tuple[str, ...] = ()) -> None:
        """Do ahead the work identification would do on first use: compile the family grammars and
        the field-name conventions (every identification runs them) and make the plans (gates) of
        ``fields``. For a thread that has the CPU while a scan waits on the network (cli/scan.py);
        the results are the same whether or not this ran."""
        for rule in self.any_rules:
            rule.pattern.search("")
        for srule in self.semantic_rules:
            srule.key.search("")
            srule.value.search("")
        for name in fields:
            self.plan_for_field(name)

    def quiet_values(self) -> set[tuple[str, str | bytes]]:
        """(field name, value) pairs in which nothing reads anything: no rule, family grammar or
        field-name convention matches, and the field is not one maker names or MACs are looked for
        in (``remember_quiet``; a value longer than ``MEMO_MAX_CHARS`` is under its ``memo_key``;
        read-only for callers)."""
        return self._quiet

    def remember_quiet(self, name: str, value: str) -> None:
        """Note that nothing reads anything in ``value`` of field ``name`` (bounded)."""
        if len(self._quiet) < MEMO_MAX_ENTRIES:
            self._quiet.add((name, memo_key(value)))

    def prefilter_cache(self) -> dict[str, tuple[Rule, ...]]:
        """Values already run through the family prefilter (read-only for callers)."""
        return self._prefilter_seen

    def any_field_rules(self, value: str, *, keep: bool = True) -> tuple[Rule, ...]:
        """The family grammar rules whose shape occurs in ``value``: at each token start (a character
        not preceded by a letter, digit, ``_`` or ``-``: every family grammar starts there) only the
        grammars that can begin with that character are tried (``any_index``). Values longer than
        ANY_FIELD_MAX_CHARS are prose or markup."""
        if not self.any_rules or len(value) > ANY_FIELD_MAX_CHARS or len(value) < 3 or value.isdigit():
            return ()
        hit = self._prefilter_seen.get(value)
        if hit is None:
            hit = ()
            if _DIGIT.search(value) is not None:  # every grammar holds a digit
                found: set[int] = set()
                index = self.any_index
                rules = self.any_rules
                narrowed = self._any_two
                for m in self.any_start.finditer(value):
                    cands = index.get(m.group())
                    if cands:
                        pos = m.start()
                        # (of the grammars filed under the first character, those that can begin with the
                        # first two: ``any_starts``; kept per pair of characters)
                        two = value[pos:pos + 2]
                        got = narrowed.get(two)
                        if got is None:
                            got = self._narrow_any(two, cands)
                        for i in got:
                            if i not in found and rules[i].pattern.match(value, pos) is not None:
                                found.add(i)
                for i in self.any_anywhere:
                    if rules[i].pattern.search(value) is not None:
                        found.add(i)
                hit = tuple(rules[i] for i in sorted(found))
            if keep and len(self._prefilter_seen) < 200_000:
                self._prefilter_seen[value] = hit
        return hit

    def _narrow_any(self, two: str, cands: tuple[int, ...]) -> tuple[int, ...]:
        """The grammars of ``cands`` (filed under ``two[0]``) one of whose ``any_starts`` ``two`` starts with
        (all of them when ``two`` is one character or not ASCII: a non-ASCII character can match an ASCII
        letter case-insensitively); kept per ``two``, bounded."""
        got = cands
        starts = self.any_starts
        if len(two) == 2 and two.isascii() and len(starts) == len(self.any_rules):
            first = two[0]
            got = tuple(i for i in cands if (s := starts[i]) is None or two in s or first in s)
        if len(self._any_two) < 20_000:
            self._any_two[two] = got
        return got

    def lookup_mac(self, mac: str) -> tuple[str, str, str | None] | None:
        """Longest-prefix IEEE match: (prefix, registrant, canonical vendor or None)."""
        hexdigits = re.sub(r"[^0-9A-Fa-f]", "", mac).upper()
        if len(hexdigits) != 12:
            return None
        for n in (9, 7, 6):
            hit = self.oui.get(hexdigits[:n])
            if hit is not None:
                return hexdigits[:n], hit[1], self.oui_vendor.get(hexdigits[:n])
        return None

    def covered_status(self, name: str | None) -> tuple[Vendor, dict[str, Any]] | None:
        """The covered-list entry of a vendor or of its parent chain, with the entity that carries it."""
        seen: set[str] = set()
        v = self.vendor(name)
        while v is not None and v.name not in seen:
            seen.add(v.name)
            if v.covered:
                return v, v.covered
            v = self.vendor(v.parent) if v.parent else None
        return None


def _as_tuple(v: Any, where: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return tuple(v)
    raise SignatureError(f"{where}: expected a string or a list of strings")


def _load_vendors(db: SignatureDB, root: Path) -> None:
    files = sorted((root / "vendors").glob("*.yaml")) if (root / "vendors").is_dir() else []
    if (root / "vendors.yaml").exists():
        files.insert(0, root / "vendors.yaml")
    for path in files:
        try:
            data = load_yaml(path) or {}
            entries = data.get("vendors") if isinstance(data, dict) else None
            if not isinstance(entries, list):
                raise SignatureError(f"{path.name}: expected a top-level 'vendors' list")
        except SignatureError as exc:
            db.problems.append(str(exc))
            continue
        for i, e in enumerate(entries):
            try:
                _load_vendor(db, path, i, e)
            except SignatureError as exc:
                db.problems.append(str(exc))
    for v in db.vendors.values():
        for plain in v.aliases:
            if alias_is_legal_form(plain):  # ``[IDIS Co., Ltd.]`` unquoted in a YAML list is two aliases, one "Ltd."
                db.problems.append(f"{v.file}: alias {plain!r} of {v.name!r} is only a legal form (quote a name with commas)")
        for alias in (v.name, v.legal, *v.aliases):
            if not alias:
                continue
            key = normalise_name(alias)
            other = db.aliases.get(key)
            if other is not None and other != v.name:
                db.problems.append(f"{v.file}: alias {alias!r} of {v.name!r} already names {other!r}")
                continue
            db.aliases[key] = v.name
    for v in db.vendors.values():
        for word in v.product_words:
            other = db.aliases.get(normalise_name(word))
            if other is not None and other != v.name:
                db.problems.append(f"{v.file}: product word {word!r} of {v.name!r} is a name of {other!r}")
        for ref in (*v.built_by, *([v.parent] if v.parent else [])):
            if ref not in db.vendors:
                db.problems.append(f"{v.file}: vendor {v.name!r} refers to unknown vendor {ref!r}")


def _load_vendor(db: SignatureDB, path: Path, i: int, e: Any) -> None:
    where = f"{path.name}: vendors[{i}]"
    if not isinstance(e, dict) or not isinstance(e.get("name"), str):
        raise SignatureError(f"{where}: each vendor needs a 'name'")
    name = e["name"]
    where = f"{path.name}: vendor {name!r}"
    if name in db.vendors:
        raise SignatureError(f"{where}: defined twice (also in {db.vendors[name].file})")
    covered = e.get("covered")
    if covered is not None and (not isinstance(covered, dict) or not covered.get("lists") or not covered.get("source")):
        raise SignatureError(f"{where}: 'covered' needs 'lists' and 'source'")
    v = Vendor(
        name=name,
        legal=_opt_str(e.get("legal"), where, "legal"),
        aliases=_as_tuple(e.get("aliases"), where),
        oui_registrants=tuple(normalise_name(r) for r in _as_tuple(e.get("oui_registrants"), where)),
        covered=covered,
        parent=_opt_str(e.get("parent"), where, "parent"),
        built_by=_as_tuple(e.get("built_by"), where),
        built_by_source=_opt_str(e.get("built_by_source"), where, "built_by_source"),
        video_only=bool(e.get("video_only", False)),
        label=bool(e.get("label", False)),
        product_words=_as_tuple(e.get("product_words"), where),
        file=path.name,
    )
    db.vendors[name] = v


def _load_oui(db: SignatureDB, root: Path) -> None:
    path = root / "oui" / "registry.tsv"
    if not path.exists():
        db.problems.append("oui/registry.tsv: missing (run scripts/gen_oui.py)")
        return
    # Registrant names are compared without spaces ("AV TECH CORPORATION" is "avtech corporation"):
    # a vendor's listed registrants by the longest leading run of the registrant's words; a vendor
    # that lists none by its name, legal name or an alias, legal-form words dropped on both sides.
    registrants: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for v in db.vendors.values():
        for r in v.oui_registrants:
            registrants.setdefault(r.replace(" ", ""), v.name)
        # (a retail label lists the blocks it registered itself: its devices carry their builder's blocks, so a
        # registrant that only shares a label's name -- INFOTEC LTD beside Ricoh's infotec label -- names nobody)
        if not v.oui_registrants and not v.label:
            for alias in (v.name, v.legal, *v.aliases):
                key = registrant_key(alias)
                if len(key) >= 4:
                    by_name.setdefault(key, v.name)
    oui = db.oui
    formers: dict[str, str] = {}
    # one string object per block kind and one (kind, registrant) tuple per registrant, shared by its blocks
    # (4 kinds and some 34,000 registrants over 58,000 rows: repeated strings were a third of a loaded
    # database). Rows come sorted by prefix: a kind is the previous row's nearly always (a string compare,
    # no hashing); a registrant is looked up by name, its one hash per row.
    kind = ""
    kinds: dict[str, str] = {}
    by_registrant: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                if "snapshot" in line and not db.oui_snapshot:
                    db.oui_snapshot = line.split("snapshot", 1)[1].split(";")[0].strip(" .\n")
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            if parts[1] != kind:
                kind = kinds.setdefault(parts[1], parts[1])
            if len(parts) == 4 and parts[3]:
                # a renamed block (scripts/gen_oui.py): the name it had before is the maker of the devices
                # made before the rename, and is shown beside the current one
                formers[parts[0]] = parts[3]
                oui[parts[0]] = (kind, f"{parts[2]} (formerly {parts[3]})")
            elif len(parts) == 3:
                pair = by_registrant.get(parts[2])
                if pair is None or pair[0] is not kind:
                    pair = by_registrant[parts[2]] = (kind, parts[2])
                oui[parts[0]] = pair
    db.oui_vendor = OuiVendors(oui, registrants, by_name, formers)


def _registrant_vendor(org: str, registrants: dict[str, str], by_name: dict[str, str]) -> str | None:
    """The vendor an IEEE registrant is: the exact registrant or the longest leading run of its words
    that a vendor lists, else a vendor's name, legal name or alias without legal-form words."""
    tokens = normalise_name(org).split()
    for k in range(len(tokens), 0, -1):
        vendor = registrants.get("".join(tokens[:k]))
        if vendor is not None:
            return vendor
    return by_name.get(registrant_key(org))


_UNSET = object()


class OuiVendors(Mapping[str, str]):
    """OUI prefix -> canonical vendor of its registrant (``SignatureDB.oui_vendor``), worked out
    the first time a prefix is looked up: a scan looks up a few hundred of the 49,000 prefixes,
    and naming every registrant at load time was half of the signature database's load time.
    Iterating or taking the length works out every prefix."""

    def __init__(self, oui: dict[str, tuple[str, str]], registrants: dict[str, str], by_name: dict[str, str],
                 formers: dict[str, str] | None = None) -> None:
        self._oui = oui
        self._formers = formers or {}
        self._registrants = registrants
        self._by_name = by_name
        self._known: dict[str, str | None] = {}
        self._complete = False

    def _vendor(self, prefix: str) -> str | None:
        got = self._known.get(prefix, _UNSET)
        if got is _UNSET:
            reg = self._oui.get(prefix)
            got = None
            if reg is not None:
                # a renamed block: its current registrant when that names a maker, else the former one (the
                # maker the devices in the field were made by: Bosch Security Systems B.V. before IQSIGHT B.V.)
                former = self._formers.get(prefix)
                current = reg[1][: -len(f" (formerly {former})")] if former is not None else reg[1]
                got = _registrant_vendor(current, self._registrants, self._by_name)
                if got is None and former is not None:
                    got = _registrant_vendor(former, self._registrants, self._by_name)
            self._known[prefix] = got
        return got  # type: ignore[return-value]

    def get(self, prefix: str, default: Any = None) -> Any:
        got = self._vendor(prefix)
        return default if got is None else got

    def __getitem__(self, prefix: str) -> str:
        got = self._vendor(prefix)
        if got is None:
            raise KeyError(prefix)
        return got

    def __contains__(self, prefix: object) -> bool:
        return isinstance(prefix, str) and self._vendor(prefix) is not None

    def _all(self) -> dict[str, str]:
        if not self._complete:
            for prefix in self._oui:
                self._vendor(prefix)
            self._complete = True
        return {k: v for k, v in self._known.items() if v is not None}

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


#: Legal-form words of company names (IEEE registrants, vendors' legal names): dropped before a
#: registrant is compared with a vendor's name.
_LEGAL_FORMS = frozenset({
    "co", "ltd", "inc", "corp", "corporation", "limited", "llc", "gmbh", "ag", "ab", "bv", "b", "v", "sa", "s", "a", "spa",
    "p", "srl", "kft", "oy", "pty", "pvt", "pte", "plc", "company", "incorporated", "kk", "nv", "as", "aps", "sdn", "bhd",
})


def alias_is_legal_form(alias: str) -> bool:
    """True when a name is nothing but legal-form words (``Ltd.``, ``Co., Ltd``, ``Inc``): never a company's name."""
    words = normalise_name(alias).split()
    return bool(words) and all(w in _LEGAL_FORMS for w in words)


def registrant_key(name: str | None) -> str:
    """A company name without legal-form words, spaces or punctuation: ``AV TECH CORPORATION`` and
    ``AVTECH Corporation`` are both ``avtech``."""
    return "".join(t for t in normalise_name(name).split() if t not in _LEGAL_FORMS)


class LazyPattern:
    """A rule's regular expression compiled the first time it is used: the shipped database (checked
    whole by ``netscan signatures check`` and the test suite) holds some 1,700 patterns, and a scan uses
    a few dozen of them, so compiling every one at start-up (about half of the load time) is waste.
    Behaves as the ``re.Pattern`` it stands for; ``pattern`` and ``flags`` need no compiling."""

    __slots__ = ("pattern", "flags", "_rx")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags if flags & re.ASCII else flags | re.UNICODE  # as re.compile reports a str pattern's
        self._rx: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
        return rx

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        return self._get().search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        return self._get().match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | None:
        return self._get().fullmatch(string, *args)

    def __getattr__(self, name: str) -> Any:  # match, finditer, groupindex, ...: the compiled pattern's
        return getattr(self._get(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


#: Set by ``load_db(lazy=True)`` while it loads: patterns are then checked for syntax-independent
#: problems only and compiled on first use (see LazyPattern).
_LAZY: contextvars.ContextVar[bool] = contextvars.ContextVar("netscan_sigdb_lazy", default=False)
_GROUP_NAME = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


def group_names(pattern: re.Pattern[str]) -> set[str]:
    """The named groups of a rule pattern, without compiling a lazy one."""
    if isinstance(pattern, LazyPattern):
        return set(_GROUP_NAME.findall(pattern.pattern))
    return set(pattern.groupindex)


#: Set by ``load_db`` (not lazy) while it loads: the patterns compiled so far by pattern and flags (one compile
#: and one check for a pattern several rules share), and the family grammars' first characters and start strings
#: read from their parse trees as they are compiled, which ``_index_families`` files them by
#: (netscan.sigdb.regexsafe.compile_parsed: each pattern parsed once; no tree kept).
_COMPILING: contextvars.ContextVar[tuple[dict[tuple[str, int], re.Pattern[str]],
                                          dict[tuple[str, int], tuple[frozenset[str] | None, frozenset[str] | None]]] | None] = (
    contextvars.ContextVar("netscan_sigdb_compiling", default=None))


def _compile(pattern: Any, flags: Any, where: str, family: bool = False) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise SignatureError(f"{where}: 'pattern' must be a non-empty string")
    f = 0
    for name in _as_tuple(flags, where):
        if name not in _FLAGS:
            raise SignatureError(f"{where}: unknown flag {name!r}")
        f |= _FLAGS[name]
    if _LAZY.get():
        lazy: Any = LazyPattern(pattern, f)
        return lazy  # type: ignore[no-any-return]
    loading = _COMPILING.get()
    key = (pattern, int(f))
    if loading is not None:
        seen = loading[0].get(key)
        if seen is not None:
            return seen
    try:
        compiled, tree = compile_parsed(pattern, f)
    except (re.error, OverflowError, RecursionError) as exc:
        raise SignatureError(f"{where}: bad pattern: {exc}") from None
    if nested_quantifier(pattern, f, tree):
        raise SignatureError(f"{where}: pattern can backtrack catastrophically (a repeated group that itself "
                             f"repeats, e.g. (a+)+ or (a|ab)*): {pattern[:80]!r}; make the iterations unambiguous")
    if loading is not None:
        loading[0][key] = compiled
        if family:
            loading[1][(pattern, compiled.flags)] = first_and_start_strings(pattern, compiled.flags, 2, tree)
    return compiled


def _number(value: Any, where: str, key: str) -> float:
    """A signature file's number (weight, preference): a real number, named when it is not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SignatureError(f"{where}: '{key}' must be a number, not {type(value).__name__} {str(value)[:40]!r}")
    if value != value or value in (float("inf"), float("-inf")):
        raise SignatureError(f"{where}: '{key}' must be a finite number")
    return float(value)


def _opt_str(value: Any, where: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise SignatureError(f"{where}: '{key}' must be a string, not {type(value).__name__}")


def _load_rules(db: SignatureDB, root: Path) -> None:
    seen: dict[str, str] = {}
    fdir = root / "fingerprints"
    for path in sorted(fdir.glob("*.yaml")) if fdir.is_dir() else []:
        try:
            data = load_yaml(path) or {}
            if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
                raise SignatureError(f"{path.name}: expected a mapping with a 'rules' list")
        except SignatureError as exc:
            db.problems.append(str(exc))
            continue
        for i, r in enumerate(data["rules"]):
            try:
                _load_rule(db, path, i, r, data.get("field"), data.get("preference"), seen)
            except SignatureError as exc:
                db.problems.append(str(exc))
        if "soc_part_numbers" in data:
            try:
                db.soc_parts = _load_soc_parts(data["soc_part_numbers"], f"fingerprints/{path.name}: soc_part_numbers")
            except SignatureError as exc:
                db.problems.append(str(exc))


def _load_soc_parts(data: Any, where: str) -> SocParts:
    """A file's ``soc_part_numbers`` (netscan.sigdb.socparts): its pattern and flags read as a rule's (``_compile``),
    its examples and negatives kept for ``netscan signatures check``."""
    if not isinstance(data, dict):
        raise SignatureError(f"{where}: must be a mapping")
    examples, negatives = data.get("examples"), data.get("negatives") or []
    if not isinstance(examples, list) or not examples or not isinstance(negatives, list):
        raise SignatureError(f"{where}: needs a list of examples (and a list of negatives)")
    return SocParts(soc_match(_compile(data.get("pattern"), data.get("flags"), where)), tuple(examples), tuple(negatives))


def _load_rule(db: SignatureDB, path: Path, i: int, r: Any, file_field: Any, file_pref: Any, seen: dict[str, str]) -> None:
    if not isinstance(r, dict) or not isinstance(r.get("id"), str):
        raise SignatureError(f"{path.name}: rules[{i}] needs an 'id'")
    rid = r["id"]
    where = f"{path.name}: rule {rid!r}"
    if rid in seen:
        raise SignatureError(f"{where}: duplicate id (also in {seen[rid]})")
    seen[rid] = path.name
    fname = r.get("field", file_field)
    if not isinstance(fname, str) or not fname:
        raise SignatureError(f"{where}: no 'field' (set it on the rule or the file)")
    claims = r.get("claims", "maker")
    if claims not in ("maker", "label"):
        raise SignatureError(f"{where}: 'claims' must be maker or label")
    sets = r.get("set") or {}
    if not isinstance(sets, dict) or any(k not in EXTRACT_KEYS for k in sets):
        raise SignatureError(f"{where}: 'set' keys must be among {sorted(EXTRACT_KEYS)}")
    sets = {k: str(v) for k, v in sets.items()}
    if "device_type" in sets and sets["device_type"] not in DEVICE_TYPES:
        raise SignatureError(f"{where}: unknown device_type {sets['device_type']!r}")
    for key in ("vendor", "brand"):
        if key in sets and db.vendor(sets[key]) is None:
            raise SignatureError(f"{where}: {key} {sets[key]!r} is not in signatures/vendors")
    pattern = _compile(r.get("pattern"), r.get("flags"), where)
    bad = group_names(pattern) - EXTRACT_KEYS
    if bad:
        raise SignatureError(f"{where}: unknown named groups {sorted(bad)}")
    pref = r.get("preference", file_pref)
    pref = _number(pref, where, "preference") if pref is not None else field_preference(fname)
    weight = _number(r.get("weight", 1.0), where, "weight") * pref
    if not 0 < weight <= 1:
        raise SignatureError(f"{where}: weight x preference must be in (0, 1]")
    req = r.get("requires") or {}
    if not isinstance(req, dict):
        raise SignatureError(f"{where}: 'requires' must map field -> pattern")
    requires = tuple((str(k), _compile(v, r.get("flags"), f"{where} requires {k}")) for k, v in req.items())
    examples = r.get("examples")
    if not isinstance(examples, list) or not examples:
        raise SignatureError(f"{where}: needs at least one example")
    if len(examples) > 20:
        raise SignatureError(f"{where}: more than 20 examples; move some to tests/corpus")
    negatives = r.get("negatives") or []
    if not isinstance(negatives, list) or len(negatives) > 20:
        raise SignatureError(f"{where}: 'negatives' must be a list of at most 20 look-alikes")
    rule = Rule(
        id=rid,
        description=str(r.get("description", "")),
        field=fname,
        pattern=pattern,
        weight=weight,
        claims=claims,
        set=sets,
        requires=requires,
        examples=tuple(examples),
        file=path.name,
        index=i,
        negatives=tuple(negatives),
    )
    db.rules.append(rule)
    if fname.endswith("*"):
        db.prefix_rules.append(rule)
    else:
        db.rules_by_field.setdefault(fname, []).append(rule)


#: Fields family grammars never read: bulk text (a grammar would find shapes in prose and
#: scripts), encodings, and fields that say nothing about the device.
_ANY_SKIP_SUFFIXES = (".body", ".hex", ".header-names", ".port", ".status", ".shape", ".unreadable", ".error",
                      ".msgid", ".msg_type", ".method", ".action", ".path", ".tls", ".uptime")


#: A DNS-SD service instance name printed by a tool under its own label ('Service Name: ...', 'instance_name'):
#: RFC 6763 section 4.1.1 makes it the user's to choose, so a model shape in it may be a name the user typed;
#: its default shape (the make and model, then the MAC's last six hex digits in brackets) is read by the
#: semantic rule semantic-model-dns-sd-printer-instance (signatures/families/generic.yaml). Family grammars
#: do not read it (maker names and rules still do).
_USER_NAMED = re.compile(r"\.(?:kv|json|xml)\.(?:[^ ]{0,200}[./])?(?i:service[_-]?name|instance[_-]?name)$")


def any_field_applies(name: str) -> bool:
    """True when family grammar rules read the field ``name``."""
    return not name.endswith(_ANY_SKIP_SUFFIXES) and not name.startswith(("http.header.date", "http.header.content-", "rtsp.header.cseq", "http.header.set-cookie"))


_DIGIT = re.compile(r"\d")
#: Where a family grammar's match can start: a character not preceded by a letter, digit, ``_`` or
#: ``-`` (the left boundary every model and firmware grammar is wrapped in, _BOUNDARY_L, _FW_BOUNDARY_L).
_TOKEN_START = re.compile(r"(?<![A-Za-z0-9_-]).", re.S)
#: A field in which a device reports its own MAC address.
MAC_FIELD = re.compile(r"(?:^|[./_])(?:mac|MAC|Mac|macAddress|MACAddress|MacAddress|mac_address|hwaddr|HWaddr"
                       r"|mac_addr|macaddr|macAddr|MacAddr|ethaddr|mac_prefix|macPrefix|MacPrefix|oui|OUI)$")
"""A field that holds a MAC address the device reports about itself, or its first three octets (a camera
list's ``mac_prefix``, an ``oui`` key; U-Boot's ``ethaddr``)."""
#: Fields that a network scan's probes give in nearly every network and that many rules read
#: (``SignatureDB.warm``: their gates are made while the scan waits on the network).
SCAN_FIELDS = ("http.header.server", "http.title", "http.header.www-authenticate", "rtsp.header.server",
               "rtsp.header.www-authenticate", "tls.subject", "tls.issuer", "onvif.Model", "ssh.banner", "telnet.banner")
#: Longest field value family grammars read.
ANY_FIELD_MAX_CHARS = 256
#: Match results are kept under the value itself for values up to this long (``SignatureDB.field_matches``),
#: under a digest of it for longer ones (``memo_key``)...
MEMO_MAX_CHARS = 2048
#: ... and for at most this many (field, value) pairs per kind.
MEMO_MAX_ENTRIES = 200_000
#: Default weight of a family grammar claim: a shape is weaker than a field that says what it is.
FAMILY_MODEL_PREFERENCE = 0.5
FAMILY_FIRMWARE_PREFERENCE = 0.45
_BOUNDARY_L = r"(?<![A-Za-z0-9_-])"
#: A model ends before a letter, digit or ``_``, except a ``_`` that starts a MAC-address tail: one to six pairs of
#: hex digits (at least one a digit) ending the token, as devices write a Digest/Basic realm or an access point's
#: name as ``<model>_<last octets of the MAC>`` (D-Link's ``Basic realm="DCS-932L_68"``, Greenbone's D-Link DCS
#: detection: https://github.com/qweasader/gbn/blob/402cfacacc59971625214f09d382b8767cac2578/gb_dlink_dcs_http_detect.nasl). Without it a grammar either missed the code or, where the code
#: has a ``-`` inside, backtracked to the part before it (``IPC-T1234-ABC_1a2b3c`` read as ``IPC-T1234``).
#: A tail of letters (``IPC_388M``, Xiongmai's ``HI3516EV300_85H50AI``) or of more than 12 hex digits still
#: joins the token.
_MAC_TAIL = r"_(?=[A-Fa-f]{0,11}\d)(?:[0-9A-Fa-f]{2}){1,6}(?![A-Za-z0-9_])"
_BOUNDARY_R = rf"(?![A-Za-z0-9]|_(?!{_MAC_TAIL[1:]}))"
#: A firmware string is a token of its value ("Firmware: V5.5.0 build 170725", a banner, a log line):
#: not the tail of a longer version or word, nor followed by more of a version.
_FW_BOUNDARY_L = r"(?<![A-Za-z0-9_.-])"
_FW_BOUNDARY_R = r"(?![A-Za-z0-9_]|\.\d)"


def _family_rule(db: SignatureDB, path: Path, i: int, kind: str, r: Any, vendor: str, seen: dict[str, str]) -> Rule:
    if not isinstance(r, dict) or not isinstance(r.get("id"), str):
        raise SignatureError(f"families/{path.name}: {kind}[{i}] needs an 'id'")
    rid = r["id"]
    where = f"families/{path.name}: {kind} {rid!r}"
    if rid in seen:
        raise SignatureError(f"{where}: duplicate id (also in {seen[rid]})")
    seen[rid] = f"families/{path.name}"
    grammar = r.get("grammar")
    if not isinstance(grammar, str) or not grammar or "(?P<" in grammar:
        raise SignatureError(f"{where}: 'grammar' must be a pattern without named groups")
    sets: dict[str, str] = {"vendor": vendor}
    for key in ("brand", "device_type"):
        if r.get(key) is not None:
            sets[key] = str(r[key])
    if sets.get("device_type", "camera") not in DEVICE_TYPES:
        raise SignatureError(f"{where}: unknown device_type {sets['device_type']!r}")
    if "brand" in sets and db.vendor(sets["brand"]) is None:
        raise SignatureError(f"{where}: brand {sets['brand']!r} is not in signatures/vendors")
    if kind == "models":
        tail = r.get("serial_tail")
        if tail is not None and (not isinstance(tail, str) or not tail or "(?P<" in tail):
            raise SignatureError(f"{where}: 'serial_tail' must be a pattern without named groups")
        # a maker whose serial numbers start with the model (``serial_tail``: what follows it there) ends the model before it
        right = f"(?:{_BOUNDARY_R}|(?={tail}))" if tail else _BOUNDARY_R
        text = f"{_BOUNDARY_L}(?P<model>{grammar}){right}"
        pref = FAMILY_MODEL_PREFERENCE
    else:
        text = f"{_FW_BOUNDARY_L}(?P<firmware>{grammar}){_FW_BOUNDARY_R}"
        pref = FAMILY_FIRMWARE_PREFERENCE
        if not r.get("names_maker", True):
            sets.pop("vendor")
    pattern = _compile(text, r.get("flags"), where, family=True)
    examples = r.get("examples")
    if not isinstance(examples, list) or not examples or len(examples) > 20:
        raise SignatureError(f"{where}: needs 1 to 20 examples")
    negatives = r.get("negatives") or []
    if not isinstance(negatives, list) or len(negatives) > 20:
        raise SignatureError(f"{where}: 'negatives' must be a list of at most 20 look-alikes")
    return Rule(
        id=rid,
        description=str(r.get("description", f"{vendor} {kind[:-1]} grammar")),
        field="*",
        pattern=pattern,
        weight=float(r.get("weight", 1.0)) * pref,
        claims="maker",
        set=sets,
        requires=(),
        examples=tuple(examples),
        file=f"families/{path.name}",
        index=i,
        negatives=tuple(negatives),
    )


#: Weight of a field-name convention: it names the model or firmware, never the maker.
SEMANTIC_PREFERENCE = 0.25


def _load_semantic(db: SignatureDB, path: Path, data: dict[str, Any], seen: dict[str, str]) -> None:
    entries = data.get("semantic") or []
    if not isinstance(entries, list):
        raise SignatureError(f"families/{path.name}: 'semantic' must be a list")
    for i, r in enumerate(entries):
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            raise SignatureError(f"families/{path.name}: semantic[{i}] needs an 'id'")
        where = f"families/{path.name}: semantic {r['id']!r}"
        if r["id"] in seen:
            raise SignatureError(f"{where}: duplicate id")
        seen[r["id"]] = f"families/{path.name}"
        if r.get("extracts") not in ("model", "firmware", "serial", "hostname", "device_type"):
            raise SignatureError(f"{where}: 'extracts' must be model, firmware, serial, hostname or device_type")
        constant = r.get("set")
        if r["extracts"] == "device_type" and constant not in DEVICE_TYPES:
            raise SignatureError(f"{where}: a device_type convention needs 'set' to a device type")
        examples = r.get("examples")
        if not isinstance(examples, list) or not examples or len(examples) > 20:
            raise SignatureError(f"{where}: needs 1 to 20 examples")
        db.semantic_rules.append(
            SemanticRule(
                id=r["id"],
                description=str(r.get("description", "")),
                key=_compile(r.get("key"), None, where),
                extracts=r["extracts"],
                value=_compile(r.get("value", "."), None, where),
                weight=float(r.get("weight", 1.0)) * SEMANTIC_PREFERENCE,
                examples=tuple(examples),
                file=f"families/{path.name}",
                constant=str(constant) if constant is not None else None,
                max_chars=int(r["max_chars"]) if r.get("max_chars") is not None else None,
                hints=tuple(str(h).lower() for h in r.get("hints") or ()),
            )
        )


def _load_families(db: SignatureDB, root: Path) -> None:
    """signatures/families/*.yaml: each maker's model-number and firmware grammars (docs/signatures.md).
    A file or entry that cannot be read is a problem in ``db.problems``, like any other signature file."""
    fdir = root / "families"
    seen = {r.id: r.file for r in db.rules}
    for path in sorted(fdir.glob("*.yaml")) if fdir.is_dir() else []:
        try:
            data = load_yaml(path) or {}
            if isinstance(data, dict) and "semantic" in data and data.get("vendor") is None:
                _load_semantic(db, path, data, seen)
                if "maker_names" in data:
                    db.maker_names = load_maker_names(db, data["maker_names"], f"families/{path.name}")
                if "manufacturer_fields" in data:
                    db.manufacturer = load_manufacturer_fields(data["manufacturer_fields"], f"families/{path.name}")
                if "other_software" in data:
                    db.other_software = load_other_software(data["other_software"], f"families/{path.name}")
                if "os_release" in data:
                    db.os_release = load_os_release(data["os_release"], f"families/{path.name}: os_release")
                continue
            if not isinstance(data, dict) or not isinstance(data.get("vendor"), str):
                raise SignatureError(f"families/{path.name}: expected a mapping with a 'vendor'")
            v = db.vendor(data["vendor"])
            if v is None:
                raise SignatureError(f"families/{path.name}: vendor {data['vendor']!r} is not in signatures/vendors")
        except SignatureError as exc:
            db.problems.append(str(exc))
            continue
        for kind in ("models", "firmware"):
            entries = data.get(kind) or []
            if not isinstance(entries, list):
                db.problems.append(f"families/{path.name}: '{kind}' must be a list")
                continue
            for i, r in enumerate(entries):
                try:
                    rule = _family_rule(db, path, i, kind, r, v.name, seen)
                except SignatureError as exc:
                    db.problems.append(str(exc))
                    continue
                db.rules.append(rule)
                db.any_rules.append(rule)
    _index_families(db)


def _index_families(db: SignatureDB) -> None:
    """File every family grammar under the characters its match can start with (``any_index``)."""
    index: dict[str, list[int]] = {}
    anywhere: list[int] = []
    starts: list[frozenset[str] | None] = []
    loading = _COMPILING.get()
    read = loading[1] if loading is not None else {}
    for i, rule in enumerate(db.any_rules):
        got = read.get((rule.pattern.pattern, rule.pattern.flags))
        chars, two = got if got is not None else first_and_start_strings(rule.pattern.pattern, rule.pattern.flags, 2)
        starts.append(two)
        if chars is None:
            anywhere.append(i)
            continue
        for c in chars:
            index.setdefault(c, []).append(i)
    db.any_index = {c: tuple(v) for c, v in index.items()}
    db.any_anywhere = tuple(anywhere)
    db.any_starts = tuple(None if s is None or "" in s else s for s in starts)
    db._any_two = {}
    if index:
        # (the character first, then the look-behind over it and the one before: a pattern that starts with a class
        # is searched in C from one character of the class to the next, not tried at every position)
        db.any_start = re.compile("[" + "".join(re.escape(c) for c in sorted(index)) + r"](?<![A-Za-z0-9_-].)", re.S)


def load_db(path: str | Path | None = None, *, lazy: bool = False) -> SignatureDB:
    """Load and compile the signature database (default: the copy shipped in the package).

    Problems are collected in ``SignatureDB.problems`` (netscan.sigdb.files); SignatureError only
    when the directory does not exist. ``lazy``: rule patterns are compiled when first used and not
    checked for catastrophic backtracking here; only for the shipped database (``default_db``), which
    ``netscan signatures check`` and the tests load eagerly and check whole."""
    root = signatures_root(path)
    # the cyclic garbage collector paused while the database is built: loading makes some hundred thousand
    # objects that all live on, and each collection it would set off walks all of them again for nothing
    # (a tenth of a load's time); it runs as before once the database is made
    collecting = gc.isenabled()
    gc.disable()
    try:
        db = _build_db(root, lazy)
    finally:
        if collecting:
            gc.enable()
    return db


def _build_db(root: Path, lazy: bool) -> SignatureDB:
    """``load_db``'s database of the signatures under ``root``."""
    db = SignatureDB(root=root)
    token = _LAZY.set(lazy)
    compiling = _COMPILING.set(None if lazy else ({}, {}))
    try:
        _load_vendors(db, root)
        _load_oui(db, root)
        load_pen(db, root)
        _load_rules(db, root)
        _load_families(db, root)
    finally:
        _COMPILING.reset(compiling)
        _LAZY.reset(token)
    # the field-name conventions' keys and their index (every identification plans fields with them;
    # making them parses some 30 patterns): with the database, not on the first identification
    db._semantic_keys()
    db._name_ends(db.manufacturer)
    return db


_DEFAULT_LOCK = threading.Lock()
_DEFAULT: list[SignatureDB] = []


def default_db() -> SignatureDB:
    """The shipped database, loaded once per process (thread-safe: the scan pre-loads it in a
    thread while probes run, and a probe asking for it meanwhile waits for that load)."""
    if not _DEFAULT:
        with _DEFAULT_LOCK:
            if not _DEFAULT:
                _DEFAULT.append(load_db(lazy=True))
    return _DEFAULT[0]


def oui_registrants(macs: list[str | None], root: str | Path | None = None) -> dict[str, tuple[str, str]]:
    """MAC -> (prefix, IEEE registrant) of the longest matching prefix, reading only the OUI
    registry: the quick look-up for host discovery (``scan --hosts-only``), which needs no rules."""
    wanted: dict[str, list[str]] = {}
    for mac in macs:
        hexdigits = re.sub(r"[^0-9A-Fa-f]", "", mac or "").upper()
        if len(hexdigits) == 12:
            for n in (9, 7, 6):
                wanted.setdefault(hexdigits[:n], []).append(mac or "")
    out: dict[str, tuple[str, str]] = {}
    if not wanted:
        return {}
    path = (Path(root) if root else DEFAULT_SIGNATURES_DIR) / "oui" / "registry.tsv"
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                prefix, _, rest = line.partition("\t")
                hits = wanted.get(prefix)
                if hits is None or line.startswith("#"):
                    continue
                org, _, former = rest.rstrip("\n").partition("\t")[2].partition("\t")
                if former:
                    org = f"{org} (formerly {former})"
                for mac in hits:
                    if len(prefix) > len(out.get(mac, ("", ""))[0]):
                        out[mac] = (prefix, org)
    except OSError:
        return {}
    return out
