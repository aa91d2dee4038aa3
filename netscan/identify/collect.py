"""Gather evidence and claims from an observation: the OUI and every matching rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from operator import methodcaller
from functools import lru_cache, partial
from typing import NamedTuple

from netscan.identify.firmware import firmware_key_share, glued_v
from netscan.identify.keymakers import os_release_vendor
from netscan.identify.lines import LINE_DISCOUNT, WEAK_SOURCE, LineHit, lower_code_matches, platform_board, read_lines
from netscan.identify.prose import PROSE_SOURCE, PROSE_WEIGHT, ProseHit, prose_text, read_prose
from netscan.identify.snmp import claim_product
from netscan.model import Evidence, Observation, Response
from netscan.parsers import fields as parse_fields
from netscan.parsers.snmp import ENTERPRISES, numeric_oid
from netscan.sigdb.db import (ANY_FIELD_MAX_CHARS, MEMO_MAX_CHARS, OUI_PREFERENCE, FieldPlan, Rule, SemanticRule, SignatureDB,
                              any_field_applies, memo_key)
from netscan.sigdb.makernames import glued_family_matches, model_without_maker
from netscan.sigdb.othersoftware import OtherSoftware

#: A rule is reported at most this many times per device (a flood of identical values stops here).
MAX_HITS_PER_RULE = 4
#: A field-name convention's claim keeps this share of its weight per level of nesting below
#: ``<protocol>.<kind>.<key>``.
SEMANTIC_NESTING_DISCOUNT = 0.85
#: ... and a claim read inside a component's sub-object (``chip.model``, ``disk.firmware``) this share.
COMPONENT_DISCOUNT = 0.3
#: The long-text line pass keeps its results for at most this many texts of at most this many
#: characters (at most 32 MiB of kept text on a hostile stream of distinct long texts).
LINE_MEMO_MAX_TEXTS = 2048
LINE_MEMO_MAX_CHARS = 16_384


#: A field of a structured document (JSON, XML, key-value lines) that lies inside a recorder's list
#: of the cameras it takes: its channels or proxied cameras (ISAPI ``InputProxyChannelList``,
#: ``channels``, ``ipcs``, Dahua's ``RemoteDevice`` table). The models, firmware and product words
#: there are the cameras', not the recorder's: neither the family grammars nor the field-name
#: conventions read them. Measured and left out: ``cameras`` (a client's or a bridge's record of ONE
#: camera lists it under that word as often as an NVR lists its cameras), and the envelope words
#: ``devices``/``list``/``items``/``results`` (some APIs wrap the device's own record in them).
_OTHER_DEVICES = re.compile(
    r"^[a-z]{2,8}\.(?:json|xml|kv)(?=\.).{0,240}?[./](?i:channels|chans|ipcs|ipc[_-]?list|remote[_-]?devices?"
    r"|input[_-]?proxy[_-]?channels?(?:[_-]?list)?|[a-z]{0,24}channel[_-]?list)(?:\[\d{1,4}\])?[./]"
)


@lru_cache(maxsize=1 << 16)
def in_other_devices(name: str) -> bool:
    """True for a field inside a list of other devices (``_OTHER_DEVICES``). Field names repeat
    across responses and devices: the answer is kept per name."""
    return _OTHER_DEVICES.match(name) is not None


class Claim(NamedTuple):
    """One statement about the device: ``key`` (vendor, brand, model...) is ``value``, with weight.
    (A named tuple: immutable like a frozen dataclass, and made several times faster -- a device
    yields dozens.)"""

    key: str
    value: str
    weight: float
    evidence: int
    """Index into the evidence list."""
    label: bool = False
    """True when the value is the name on the box (an OEM customises it), not the maker."""


def _mac_is_local(mac: str) -> bool:
    try:
        return bool(int(mac.replace("-", ":").split(":")[0], 16) & 0x02)
    except (ValueError, IndexError):
        return False


#: A MAC address inside a name (``axis-00408ca51334``, ``D021F996BEA5_0``, ``AA:BB:CC:DD:EE:FF``).
_MAC_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{12}|(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})(?![0-9A-Za-z])")
_HEX_LETTER = re.compile(r"[A-Fa-f]")
_DIGIT = re.compile(r"\d")
_MAC_VALUE = re.compile(r"^([0-9A-Fa-f]{2})[:-]?([0-9A-Fa-f]{2})[:-]?([0-9A-Fa-f]{2})")


@lru_cache(maxsize=1 << 14)
def _mac_tokens(value: str) -> tuple[str, ...]:
    """The MAC-address tokens in a name (``_MAC_TOKEN``), kept per value (names repeat across devices): one
    written with separators (``00:12:34:56:78:90``) whatever its digits, a bare run of twelve only when it
    holds a hex letter and a digit (a run of decimal digits is a number, a serial or a time)."""
    return tuple(t for t in (m.group(0) for m in _MAC_TOKEN.finditer(value))
                 if len(t) == 17 or (_HEX_LETTER.search(t) and _DIGIT.search(t)))


def _reported_mac(db: SignatureDB, name: str, values: list[str]) -> tuple[str, str, str] | None:
    """A MAC the device reports about itself in a field (``mac``, ``MACAddress``...): its OUI
    names the network chip's registrant, like the MAC seen on the wire (same weight)."""
    for value in values[:2]:
        m = _MAC_VALUE.match(value.strip())
        if not m:
            continue
        prefix = "".join(m.groups()).upper()
        if prefix == "000000" or _mac_is_local(prefix[:2]):
            continue
        hexdigits = re.sub(r"[^0-9A-Fa-f]", "", value)
        hit = db.lookup_mac(hexdigits) if len(hexdigits) == 12 else None
        if hit is None:
            reg = db.oui.get(prefix)
            hit = (prefix, reg[1], db.oui_vendor.get(prefix)) if reg else None
        if hit is not None and hit[2]:
            return hit[0], hit[1], hit[2]
    return None


def _claim_reported_mac(hit: tuple[str, str, str], where: str, resp: Response, claims: list[Claim],
                        evidence: list[Evidence]) -> None:
    """A MAC the device gave about itself (``where`` says in what): its registrant as OUI evidence."""
    prefix, registrant, vendor = hit
    evidence.append(
        Evidence(kind="oui", source=prefix, detail=f"{where}: IEEE registrant {registrant}",
                 extracted={"registrant": registrant, "vendor": vendor}, weight=OUI_PREFERENCE,
                 protocol=resp.protocol, port=resp.port)
    )
    claims.append(Claim("vendor", vendor, OUI_PREFERENCE, len(evidence) - 1))


#: The field of an SNMP sysObjectID's IANA enterprise number (netscan.parsers.shapes).
ENTERPRISE_FIELD = "snmp.enterprise"
#: A key that holds the device's SNMP system object identifier outside an SNMP walk: a CLI's or an
#: inventory tool's ``System OID: 1.3.6.1.4.1.25506.1.1`` / ``sysObjectID = ...`` line, a JSON or XML
#: ``sysObjectId`` (key words joined by the text readers: ``SystemOID``, ``SystemObjectID``).
_SYSOID_KEY = re.compile(r"(?i)\.(?:kv|json|xml)\.(?:[^ ]{0,120}[./])?(?:sys(?:tem)?_?(?:object_?id(?:entifier)?|oid)|snmp_?(?:sys_?)?oid)$")
_SYSOID_TAILS = ("id", "Id", "ID", "oid", "OID", "Oid", "ier", "IER")
#: A web UI's copyright notice (``Copyright © 2017 Hangzhou Hikvision Digital Technology Co., Ltd.``,
#: ``&copy; Reolink``, Chinese firmware's ``版权所有 ©2015 杭州海康威视数字技术股份有限公司``): the holder is whoever put
#: the firmware's pages out under their name -- the maker or, on a relabel, the label. Years, "by" and the sign
#: are skipped; the holder runs to markup or a line's end.
_COPYRIGHT = re.compile(
    r"(?i)(?:copyright|&copy;|\u00a9|\u7248\u6743\u6240\u6709)[\s:\uff1a]{0,3}(?:(?:&copy;|\u00a9|\(c\))[\s,]{0,3})?"
    r"(?:(?:19|20)\d\d(?:\s{0,2}[-\u2013,~]\s{0,2}(?:(?:19|20)\d\d|\d\d))?(?:,?\s{1,3}|(?=[\u4e00-\u9fff])))?(?:by\s{1,3})?"
    r"([A-Za-z\u4e00-\u9fff][^<>\n\"{}|;]{1,80})")
#: Where a body's copyright notice is looked for, and how many notices are read.
MAX_COPYRIGHT_CHARS = 64 * 1024
MAX_COPYRIGHT_NOTICES = 3
#: A copyright holder counts as a label (the name a relabel's pages keep), below a manufacturer field.
COPYRIGHT_PREFERENCE = 0.35


@lru_cache(maxsize=1 << 16)
def _sysoid_key(name: str) -> bool:
    """A field name that holds a system object identifier (``_SYSOID_KEY``), kept per name."""
    return _SYSOID_KEY.search(name) is not None


#: What the field loop of ``collect`` does with a field for its name alone (bits), kept per name in
#: ``_name_kinds`` (at most ``MAX_NAME_KINDS`` names: names repeat across responses and devices).
_SYSOID, _SUBTREE, _BODY, _UNREADABLE, _ENTERPRISE, _ONE_CAMERA = 1, 2, 4, 8, 16, 32
MAX_NAME_KINDS = 1 << 16
_name_kinds: dict[str, int] = {}


def _name_kind(name: str) -> int:
    """The ``_name_kinds`` bits of a field name: a sysObjectID key (``_sysoid_key``), an SNMP walk's
    private subtrees, an HTTP body (its copyright notice), a field of what was not read (or only in
    part), the enterprise number of a sysObjectID."""
    kind = ((_SYSOID if name.endswith(_SYSOID_TAILS) and _sysoid_key(name) else 0)
            | (_SUBTREE if name == "snmp.subtree" else 0)
            | (_BODY if name in ("http.body", "https.body") else 0)
            | (_UNREADABLE if name.endswith((".unreadable", ".malformed")) else 0)
            | (_ENTERPRISE if name == ENTERPRISE_FIELD else 0)
            | (_ONE_CAMERA if name.endswith(_CAMERA_MODEL_TAILS) and _CAMERA_LIST_MODEL.match(name) else 0))
    if len(_name_kinds) < MAX_NAME_KINDS:
        _name_kinds[name] = kind
    return kind


#: A model key of the members of a ``cameras`` list in a document (``other.json.cameras.model``: the list's
#: index is not part of a field's name). A client's or a bridge's configuration describes each camera it
#: serves there (Homebridge camera-ffmpeg's ``cameras`` entries carry manufacturer, model, serialNumber and
#: firmwareRevision: homebridge-plugins/homebridge-camera-ffmpeg pull 309), as a recorder lists its cameras.
#: The same key one level deeper, in a map keyed by each member's name (``cameras.front_door.model``), and in a
#: list or map of channels, devices or accessories a client's configuration keeps (Scrypted's device ``info``
#: with model, manufacturer and firmware: koush/scrypted issue 285; Home Assistant's device registry entries
#: with manufacturer, model and sw_version; Homebridge accessories): read only when its record also holds a
#: maker key and a firmware key (a device's own description, not a recorder's channel entry) and the document
#: has that one member. A cloud API's or a client library's list of the account's devices (Imou's ``deviceList``
#: records with deviceModel, version and brand: user2684/imouapi's tests/const.py; EZVIZ's ``deviceInfos``) is read
#: the same way.
_CAMERA_LIST_MODEL = re.compile(
    r"^(?P<root>[a-z]{2,8}\.(?:json|xml|kv)\.(?:[^ ]{0,120}[./])?(?P<list>(?i:cameras|cams|channels|devices|accessories"
    r"|device[_-]?list|device[_-]?infos)))[./]"
    r"(?:(?P<key>[^./ \[\]]{1,40})[./])?(?i:model|model[_-]?name|camera[_-]?model|device[_-]?model|product[_-]?model)$")
#: A cloud account's list of its devices (``deviceList``, ``device_list``, ``deviceInfos``): its records describe the
#: account's own devices (a maker's cloud names no maker in them: TP-Link's getDeviceList records carry deviceModel
#: and fwVer, Imou's deviceModel and version).
_ACCOUNT_LIST = re.compile(r"(?i)device[_-]?list|device[_-]?infos")
#: A record's maker and firmware keys (the last part of a field's name). ``_FIRMWARE_KEY``: a key named for the
#: firmware or software (``firmwareVersion``, ``fw_ver``, ``swVersion``, ``currentFirmwareVersion``, OCF's ``mnfv``:
#: benchmarks/keys_robustness.py's prefix and rename kinds); a record's firmware key is one of them or a
#: plain ``version`` (``deviceVersion``), which ``_firmware_beside`` reads as the application's beside a named one.
_RECORD_MAKER = re.compile(r"(?i)manufacturer|make|vendor|brand")
_FIRMWARE_KEY_WORDS = (r"(?:(?:dev(?:ice)?|sys(?:tem)?|cur(?:rent)?|running|installed|main|product|camera|unit)[_-]?)?"  # the device's own
                       r"(?:firmware(?:[_-]?(?:version|revision|rev|ver))?|fw[_-]?(?:version|ver)?|sw[_-]?version|software[_-]?(?:version|revision))"
                       r"|mnfv")  # (after a word naming the device itself: currentFirmwareVersion, dev_fw_ver; OCF's mnfv)
_FIRMWARE_KEY = re.compile(f"(?i){_FIRMWARE_KEY_WORDS}")
_RECORD_FIRMWARE = re.compile(f"(?i){_FIRMWARE_KEY_WORDS}|(?:device[_-]?|main[_-]?sw[_-]?)?version")
_CAMERA_MODEL_TAILS = ("model", "Model", "MODEL", "name", "Name", "NAME")
#: A list of one camera stands for the device the document describes; its claim keeps this share of the
#: model convention's weight, below the document's own top-level model.
ONE_CAMERA_DISCOUNT = 0.5
#: What a model field holding the maker's name and a bare generation number ("Roku 4", "Roku 3": a line and its
#: generation, as Roku's ECP device-info model-name gives it beside the model-number 4400X; roku-remote's mock
#: mockResponses/query-device-info.js) is left once the maker's name is gone: one or two digits are no model code.
#: The value is kept whole (the product's name as sold) at this share of the field's weight, below a model-number
#: code of the same record (semantic-model-number-code).
_GENERATION_ONLY = re.compile(r"\d{1,2}")
LINE_GENERATION_SHARE = 0.75


class _Records(NamedTuple):
    """A response's fields filed for ``_one_record``: per record path (a name up to and with its last ``.`` or
    ``/``) the keys under it, and per list's root (``_CAMERA_LIST_MODEL``'s ``root``) how many model values its
    members hold."""

    keys: dict[str, list[str]]
    members: dict[str, int]


#: The last response's fields and, from the second of its model keys on, their ``_Records`` (a response's model keys
#: are looked up one after the other: a list of many members is filed in one pass over its fields, not one pass per
#: model key; a response with one such key is read as before). One tuple, replaced whole (threads); the fields are
#: kept with it, so their id is not reused while it is kept.
_last_records: tuple[object, _Records | None] = (None, None)


def _records(f: dict[str, list[str]]) -> _Records | None:
    """The ``_Records`` of ``f`` when it is the fields of the last call's (None the first time: the caller reads
    the fields itself)."""
    global _last_records
    last = _last_records
    if last[0] is not f:
        _last_records = (f, None)
        return None
    if last[1] is not None:
        return last[1]
    keys: dict[str, list[str]] = {}
    members: dict[str, int] = {}
    for n, vs in f.items():
        cut = max(n.rfind("."), n.rfind("/"))
        keys.setdefault(n[: cut + 1], []).append(n[cut + 1:])
        if n.endswith(_CAMERA_MODEL_TAILS):
            other = _CAMERA_LIST_MODEL.match(n)
            if other is not None:
                root = other.group("root")
                members[root] = members.get(root, 0) + len(vs)
    got = _Records(keys, members)
    _last_records = (f, got)
    return got


def _one_record(name: str, f: dict[str, list[str]]) -> bool:
    """True when the model key ``name`` (``_CAMERA_LIST_MODEL``) is that of the only member of its list or map: a
    ``cameras`` list's member as it is; a member of a map of cameras, or of a list of channels, devices or
    accessories, when its record also holds a maker key and a firmware key and no other member has a model."""
    m = _CAMERA_LIST_MODEL.match(name)
    if m is None:
        return False
    if m.group("key") is None and m.group("list").lower() in ("cameras", "cams"):
        return True
    cut = max(name.rfind("."), name.rfind("/"))
    records = _records(f)
    if records is None:
        parent = name[: cut + 1]  # the record's path, its separator kept
        keys = [n[cut + 1:] for n in f if n.startswith(parent) and "." not in n[cut + 1:] and "/" not in n[cut + 1:]]
    else:
        keys = records.keys.get(name[: cut + 1], [])  # (the names whose last separator ends that path)
    account_list = _ACCOUNT_LIST.fullmatch(m.group("list")) is not None  # a cloud account's list names no maker
    if not (account_list or any(_RECORD_MAKER.fullmatch(k) for k in keys)) or not any(_RECORD_FIRMWARE.fullmatch(k) for k in keys):
        return False
    root = m.group("root")
    if records is not None:
        return records.members.get(root, 0) == 1
    members = 0
    for n, vs in f.items():
        if n.startswith(root) and n.endswith(_CAMERA_MODEL_TAILS):
            other = _CAMERA_LIST_MODEL.match(n)
            if other is not None and other.group("root") == root:
                members += len(vs)
                if members > 1:
                    return False
    return members == 1


def _claim_one_camera(db: SignatureDB, name: str, value: str, resp: Response, claims: list[Claim],
                      evidence: list[Evidence]) -> None:
    """The model of the only member of a ``cameras`` list (one value under the list's model key): the camera
    the document describes. A list of two cameras or more is other devices' and says nothing (the field-name
    conventions leave every ``cameras`` list alone)."""
    rule = next((r for r in db.semantic_rules if r.id == "semantic-model"), None)
    got = rule.extract_value(_unquoted(value)) if rule is not None else None
    if rule is None or got is None or platform_board(got["model"]):
        return
    weight = rule.weight * ONE_CAMERA_DISCOUNT
    evidence.append(Evidence(kind="rule", source=rule.id, detail=f"the model of the only camera a document lists ({name})",
                             extracted=dict(got), weight=weight, protocol=resp.protocol, port=resp.port))
    claims.append(Claim("model", got["model"], weight, len(evidence) - 1))


def _claim_enterprise(db: SignatureDB, values: list[str], resp: Response, claims: list[Claim], evidence: list[Evidence],
                      *, weight: float = OUI_PREFERENCE, what: str = "SNMP sysObjectID") -> None:
    """The maker an SNMP agent's sysObjectID names: the organisation its IANA enterprise number was
    assigned to (netscan.sigdb.pen), when that is a known vendor; weighed like an OUI (a registry
    names who registered the number, and white-label agents keep their maker's)."""
    for value in values[:MAX_ENTERPRISES_READ]:
        hit = db.pen.get(value.strip())
        if hit is None:
            continue
        org, vendor = hit
        evidence.append(Evidence(kind="rule", source="iana-enterprise-number",
                                 detail=f"{what} under enterprise {value} (IANA: {org})",
                                 extracted={"vendor": vendor}, weight=weight, protocol=resp.protocol, port=resp.port))
        claims.append(Claim("vendor", vendor, weight, len(evidence) - 1))
        return


#: How many enterprise numbers of one field are looked up (a walk's private subtrees, in walk order).
MAX_ENTERPRISES_READ = 8
#: A walk's private-MIB subtree without a sysObjectID: the agent implements that enterprise's MIB, which
#: is its maker's as a rule, but an agent may carry a chip maker's or a management stack's MIB beside it.
SUBTREE_PREFERENCE = 0.2


def _claim_copyright(db: SignatureDB, values: list[str], resp: Response, claims: list[Claim], evidence: list[Evidence]) -> None:
    """The known maker or label a device's web page names as its copyright holder, as a label claim
    (netscan.sigdb.makernames: the first name in the holder; software projects, ignored words and
    unknown holders name nobody)."""
    mn = db.maker_names
    if mn is None or not values:
        return
    body = values[0][:MAX_COPYRIGHT_CHARS]
    if "opyright" not in body and "OPYRIGHT" not in body and "\u00a9" not in body and "&copy;" not in body and "\u7248\u6743" not in body:
        return
    for m in islice(_COPYRIGHT.finditer(body), MAX_COPYRIGHT_NOTICES):  # (the first notices only: no search past them)
        named = mn.find(m.group(1).strip()) or mn.company(db, m.group(1))  # (a holder written whole: "TVT CO.,LTD")
        if named is None:
            continue
        evidence.append(Evidence(kind="rule", source="copyright-holder", detail=f"the page's copyright holder: {m.group(1).strip()[:80]}",
                                 extracted={"vendor": named}, weight=COPYRIGHT_PREFERENCE, protocol=resp.protocol, port=resp.port))
        claims.append(Claim("vendor", named, COPYRIGHT_PREFERENCE, len(evidence) - 1, label=True))
        return


def _enterprise_numbers(values: list[str]) -> list[str]:
    """The IANA enterprise numbers of system object identifiers written as text (``1.3.6.1.4.1.25506.1.1``,
    ``.1.3.6.1.4.1...``, ``SNMPv2-SMI::enterprises.25506...``, ``iso.3.6.1.4.1...``)."""
    out: list[str] = []
    for value in values[:2]:
        words = value.split()
        num = numeric_oid(words[0]) if words else None
        if num is not None and num.startswith(ENTERPRISES):
            out.append(num[len(ENTERPRISES):].split(".", 1)[0])
    return out


_MONTHS = frozenset({"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"})
#: The head of a BSD syslog line (RFC 3164 section 4.1.2, as journalctl and syslogd print it): ``Jun 20 01:30:45
#: raspberrypi homebridge[1218]:``; its HOSTNAME is the machine that logged the line (the controller running a
#: plugin, a Raspberry Pi), never the device the line is about: it is taken out before maker names are looked for.
_SYSLOG_HOST = re.compile(r"(?m)^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d )[\w.-]{1,64} (?=[\w./-]{1,48}(?:\[\d{1,10}\])?: )")


def _named_maker(db: SignatureDB, name: str, values: list[str], manufacturer_field: bool, protocol: str, port: int | None,
                 claims: list[Claim], evidence: list[Evidence]) -> None:
    """A maker named by its name in a field no fingerprint rule read (netscan.sigdb.makernames):
    in a manufacturer field (a label when the name is known, the device's own word when not), or
    as a word in a short text field."""
    for value in values[:4]:
        if manufacturer_field and db.manufacturer is not None:
            got = db.manufacturer.claim(db, value, name)
            if got is None:
                continue
            maker, known = got
            if not known and any(c.value == maker and evidence[c.evidence].source == "manufacturer-field" for c in claims):
                return  # the same unknown name in a second spelling of the field (onvif.Manufacturer, onvif.xml...)
            weight = db.manufacturer.weight if known else db.manufacturer.unknown_weight
            what = "a manufacturer field names a known maker or brand" if known else "a manufacturer field names a maker netscan does not know"
            # a label's own name before its maker's ("Vatilon (Hikvision)"): the label is the brand
            label = db.manufacturer.label_before(db, db.manufacturer.make_part(name, value)) if known else None
            extracted = {"vendor": maker, "brand": label} if label else {"vendor": maker}
            evidence.append(Evidence(kind="rule", source="manufacturer-field", detail=f"{what} ({name})", extracted=extracted,
                                     weight=weight, protocol=protocol, port=port))
            claims.append(Claim("vendor", maker, weight, len(evidence) - 1, label=known))
            if label:
                claims.append(Claim("brand", label, weight, len(evidence) - 1))
            return
        if db.maker_names is not None and not manufacturer_field:
            if value[:3] in _MONTHS and value[3:4] == " ":
                value = _SYSLOG_HOST.sub(r"\1", value)  # a syslog line's host is the logging machine's name, not the device's
            maker_name = db.maker_names.find_in(name, value)
            if maker_name is None and db.maker_names.company_field(name):
                maker_name = db.maker_names.company(db, value)  # a company's whole name (a certificate's O=)
            if maker_name is None:
                continue
            evidence.append(Evidence(kind="rule", source="maker-name", detail=f"a maker's name in {name}", extracted={"vendor": maker_name},
                                     weight=db.maker_names.weight, protocol=protocol, port=port))
            claims.append(Claim("vendor", maker_name, db.maker_names.weight, len(evidence) - 1))
            return


def _maker_before_model(db: SignatureDB, name: str, model: str, bare: str, resp: Response, claims: list[Claim],
                        evidence: list[Evidence]) -> None:
    """The maker whose name a model field's value starts with (``Reolink E1 Zoom``, ``Hik DS-2CD2042WD-I``: a form's
    model answer with the maker's short name first; ``model_without_maker`` took it off the model), as a maker's
    name in a text field names it (signatures/families/generic.yaml ``maker_names``), unless the response's
    claims already name it."""
    mn = db.maker_names
    head = model[: len(model) - len(bare)].strip(" -_") if model.endswith(bare) else ""
    v = db.vendor(head) if head else None
    if mn is None or v is None:
        return
    if any(c.key in ("vendor", "brand") and c.value.casefold() == v.name.casefold() for c in claims):
        return
    evidence.append(Evidence(kind="rule", source="maker-name", detail=f"a maker's name before the model in {name}", extracted={"vendor": v.name},
                             weight=mn.weight, protocol=resp.protocol, port=resp.port))
    claims.append(Claim("vendor", v.name, mn.weight, len(evidence) - 1))


def _rule_hit(rule: Rule, detail: str, got: dict[str, str], resp: Response, claims: list[Claim], evidence: list[Evidence],
              *, labels: bool) -> None:
    """Record what one rule read: its evidence, and a claim per value (with ``labels``, a rule that
    claims a label turns its vendor into a brand)."""
    evidence.append(Evidence(kind="rule", source=rule.id, detail=detail, extracted=dict(got), weight=rule.weight,
                             protocol=resp.protocol, port=resp.port))
    idx = len(evidence) - 1
    for key, val in got.items():
        label = labels and rule.claims == "label" and key == "vendor"
        claims.append(Claim("brand" if label else key, val, rule.weight, idx, label=label))


def _maker_read(db: SignatureDB, claims: list[Claim], start: int) -> bool:
    """True when a rule's claims from ``start`` on name a maker (a vendor, or a label netscan knows: a
    label it does not know is dropped by resolve, and the field is then read as a manufacturer field)
    or a software stack (GStreamer, MiniDLNA...: its maker is not the device's)."""
    return any(c.key == "software" or (c.key in ("vendor", "brand") and (not c.label or db.vendor(c.value) is not None))
               for c in claims[start:])


def collect(obs: Observation, db: SignatureDB, *, exhaustive: bool = False) -> tuple[list[Claim], list[Evidence]]:
    """Evidence and claims for one observation.

    Rules are run only where they can match (each field's gate or literals, the family grammars'
    first-character index) and match results are kept per field value (``SignatureDB.field_matches``,
        ``family_matches``, ``semantic_match``); a field value in which nothing matched is passed over the
    next time (``quiet_values``: a hook added to the field loop below must set ``said`` when it reads
    something in the value). ``exhaustive`` runs every rule of a field on every value without any of
    that: the plain reference path, slower, with the same result (tests/identify/test_collect_paths.py)."""
    claims: list[Claim] = []
    evidence: list[Evidence] = []
    other = db.other_software
    if obs.mac:
        if _mac_is_local(obs.mac):
            evidence.append(Evidence(kind="oui", source="locally-administered", detail="locally administered MAC: says nothing about the maker"))
        else:
            hit = db.lookup_mac(obs.mac)
            if hit is not None:
                prefix, registrant, vendor = hit
                extracted = {"registrant": registrant}
                if vendor:
                    extracted["vendor"] = vendor
                evidence.append(
                    Evidence(
                        kind="oui",
                        source=prefix,
                        detail=f"IEEE registrant of {prefix}: {registrant} (snapshot {db.oui_snapshot})",
                        extracted=extracted,
                        weight=OUI_PREFERENCE if vendor else 0.0,
                    )
                )
                if vendor:
                    claims.append(Claim("vendor", vendor, OUI_PREFERENCE, len(evidence) - 1))
    quiet = None if exhaustive else db.quiet_values()
    os_marks = db.os_release.marks if db.os_release is not None else {}
    for resp in obs.responses:
        f = parse_fields(resp)
        hits: dict[str, int] = {}
        resp_start = len(claims)
        # a maker's name as an os-release vendor key's prefix (netscan/identify/keymakers.py; which fields make an
        # os-release record: signatures/families/fields-conventions.yaml); the record's first key is looked up here
        # so that a response with none costs no call
        proto = "http" if resp.protocol == "https" else resp.protocol
        marks = os_marks.get(proto)
        if marks is not None and marks[0] in f:
            keyed = os_release_vendor(db, f, proto, resp, evidence)
            if keyed is not None:
                claims.append(Claim("vendor", keyed, evidence[-1].weight, len(evidence) - 1))
        long_texts: list[tuple[str, str]] = []
        for name, values in f.items():
            if (len(values[0]) if len(values) == 1 else max(map(len, values[:4]), default=0)) > ANY_FIELD_MAX_CHARS and _long_text_field(name, f):
                long_texts.extend((name, v) for v in values[:4] if len(v) > ANY_FIELD_MAX_CHARS)
            kind = _name_kinds.get(name)
            if kind is None:
                kind = _name_kind(name)
            if kind:
                if kind & _SYSOID and ENTERPRISE_FIELD not in f:
                    _claim_enterprise(db, _enterprise_numbers(values), resp, claims, evidence)
                if kind & _SUBTREE and ENTERPRISE_FIELD not in f:
                    _claim_enterprise(db, [v.split(".", 1)[0] for v in values], resp, claims, evidence,
                                      weight=SUBTREE_PREFERENCE, what="SNMP private-MIB objects walked (no sysObjectID)")
                if kind & _BODY:
                    _claim_copyright(db, values, resp, claims, evidence)
                if kind & _ONE_CAMERA and len(values) == 1 and _one_record(name, f):
                    _claim_one_camera(db, name, values[0], resp, claims, evidence)
            if quiet is not None and len(values) == 1 and (name, values[0] if len(values[0]) <= MEMO_MAX_CHARS else memo_key(values[0])) in quiet:
                continue  # nothing reads anything in this value (found when it was first read)
            if kind & _UNREADABLE:  # malformed: read only in part (the rest is still used)
                detail = "; ".join(values)[:200]
                evidence.append(
                    Evidence(kind="unreadable", source=resp.protocol, detail=detail if name.endswith(".unreadable") else f"read in part: {detail}",
                             protocol=resp.protocol, port=resp.port)
                )
                continue
            if kind & _ENTERPRISE:
                _claim_enterprise(db, values, resp, claims, evidence)
                claim_product(db, f.get("snmp.sysObjectID", []), resp, claims, evidence)  # netscan/identify/snmp.py
                continue
            plan = db.plan_for_field(name)
            if not plan.active:
                if quiet is not None and len(values) == 1:
                    db.remember_quiet(name, values[0])
                continue
            field_rules, semantic, any_applies, mac_field = plan.rules, plan.semantic, plan.any_applies, plan.mac_field
            if (semantic or any_applies) and in_other_devices(name):
                semantic, any_applies = (), False  # another device's model, firmware or product words
            claimed_before = len(claims)
            matched = _field_matches(db, plan, name, values) if not exhaustive else _field_matches_exhaustive(plan, values)
            said = bool(matched) or plan.names or plan.manufacturer or mac_field
            for pos, got in matched.items():
                rule = field_rules[pos]
                if hits.get(rule.id, 0) >= MAX_HITS_PER_RULE or (rule.requires and not rule.requires_ok(f)):
                    continue
                if "firmware" in got and db.other_software is not None and (
                        db.other_software.key(name) or any(_labelled_other(db, v, got["firmware"]) for v in values[:4] if got["firmware"] in v)):
                    # a rule that reads a firmware scheme in any field (PPStrong's id) under another software's key or label
                    # (a web UI's, the latest offered): not the firmware, as for the family grammars below
                    got = {k: v for k, v in got.items() if k != "firmware"}
                    if not got:
                        continue
                hits[rule.id] = hits.get(rule.id, 0) + 1
                _rule_hit(rule, rule.description, got, resp, claims, evidence, labels=True)
                if "model" in got and _LOWER_CODE.fullmatch(got["model"]):
                    _lower_case_code(db, got["model"], name, resp, hits, claims, evidence, exhaustive)
            # a field a rule already read for a maker or a software stack is not searched for maker names
            if (plan.names or plan.manufacturer) and not _maker_read(db, claims, claimed_before):
                _named_maker(db, name, values, plan.manufacturer, resp.protocol, resp.port, claims, evidence)
            if plan.names and not obs.mac and not hits.get("reported-mac"):
                tokens = [t for v in values[:4] if len(v) <= 256 for t in _mac_tokens(v)]
                named = _reported_mac(db, name, tokens) if tokens else None
                if named is not None:
                    hits["reported-mac"] = 1
                    _claim_reported_mac(named, f"MAC in a name the device gave ({name})", resp, claims, evidence)
            reported = _reported_mac(db, name, values) if mac_field and not obs.mac else None
            if reported is not None and not hits.get("reported-mac"):
                hits["reported-mac"] = 1
                _claim_reported_mac(reported, f"MAC reported by the device in {name}", resp, claims, evidence)
            if semantic:
                firsts = [_unquoted(v) for v in values[:4]]
                found = None if exhaustive else [db.semantic_matches(plan, value) for value in firsts]
                if found is not None and all(map(_nothing_read, found)):
                    semantic = ()  # no convention read anything in these values: nothing below to do
            if semantic:
                # the device's own model sits near the top of a document; a disk's or a
                # sub-device's deeper down: each level of nesting weighs a little less
                nesting = max(0, name.count(".") + name.count("/") - 2)
                sweight_factor = SEMANTIC_NESTING_DISCOUNT ** nesting
                if db.manufacturer is not None and db.manufacturer.in_component(name):
                    sweight_factor *= COMPONENT_DISCOUNT  # a chip's or a disk's model, not the device's
                for j, srule in enumerate(semantic) if found is None else _read_by(semantic, found):
                    for k, value in enumerate(firsts):
                        sgot = srule.extract_value(value) if found is None else found[k][j]
                        if sgot is not None and "firmware" in sgot and other is not None:
                            # another software's or a part's version, by its key or its label (families/generic.yaml other_software)
                            # (the conventions' keys leave offered versions out themselves: latestFirmwareVersion)
                            sgot = None if other.key(name, offers=False) else _own_firmware(srule, value, sgot, other)
                        if sgot is None:
                            continue
                        if "firmware" in sgot and _firmware_beside(name, f):
                            continue  # a record's plain version beside its firmwareVersion is an application's (UniFi Protect's NVR record)
                        if "firmware" in sgot and srule.max_chars is not None:  # (free text: a V run together with its label)
                            fw = glued_v(sgot["firmware"], value, db.family_matches if not exhaustive else partial(_family_matches_exhaustive, db))
                            if fw != sgot["firmware"]:
                                sgot = {**sgot, "firmware": fw}
                        if "model" in sgot and platform_board(sgot["model"]):
                            continue  # an evaluation board's name (a boot loader's, a device tree's): the SoC maker's board
                        line_generation = False
                        if "model" in sgot and not name.startswith("upnp."):  # (a UPnP modelName is the product's name as sold)
                            bare = model_without_maker(db, sgot["model"])
                            if bare != sgot["model"]:
                                _maker_before_model(db, name, sgot["model"], bare, resp, claims, evidence)
                                if _GENERATION_ONLY.fullmatch(bare) is not None:
                                    bare, line_generation = sgot["model"], True  # "Roku 4": the maker's line and its generation
                            sgot = {**sgot, "model": _without_hardware_id(bare)}
                        if "model" in sgot and _LOWER_CODE.fullmatch(sgot["model"]):
                            _lower_case_code(db, sgot["model"], name, resp, hits, claims, evidence, exhaustive)
                        said = True
                        sweight = srule.weight * sweight_factor
                        if line_generation:
                            sweight *= LINE_GENERATION_SHARE
                        if "firmware" in sgot:
                            sweight *= firmware_key_share(name)  # a software/system key yields to a firmware key (netscan/identify/firmware.py)
                        evidence.append(
                            Evidence(kind="rule", source=srule.id, detail=f"{srule.description} ({name})", extracted=dict(sgot),
                                     weight=sweight, protocol=resp.protocol, port=resp.port)
                        )
                        for key, val in sgot.items():
                            claims.append(Claim(key, val, sweight, len(evidence) - 1))
                        if "firmware" in sgot and not any_applies:
                            # a version read out of bulk text: the maker's scheme names the maker
                            # there too (short fields are searched by the family grammars below)
                            _firmware_scheme(db, sgot["firmware"], name, resp.protocol, resp.port, hits, claims, evidence,
                                             exhaustive)
                        break
            if any_applies:
                other_key = other is not None and other.key(name)
                # a text as written (a banner, a body, a title): a code in it written in lower case is read upper-cased;
                # a structured field under another key (a JSON ``comment``) is not the model's (``_lower_case_code``)
                free_text = name.endswith(_FREE_TEXT_FIELDS)
                for value in values:
                    family = db.family_matches(value) if not exhaustive else _family_matches_exhaustive(db, value)
                    if not family and len(value) <= MAX_GLUED_VALUE_CHARS:
                        family = _glued(db, value, exhaustive)  # a maker's name glued to its code (HIKVISIONDS-2CD2143G0-I)
                    if free_text and len(value) <= ANY_FIELD_MAX_CHARS and not any("model" in got for _, got in family):  # a code in lower case (``hanwha xnp-6550rh``)
                        family = (*family, *lower_code_matches(value, db.family_matcher(partial(_family_matches_exhaustive, db) if exhaustive else None)))
                    if family:  # (most values: no grammar read anything)
                        family = _model_inside_firmware(family)
                    for rule, got in family:
                        said = True
                        if "firmware" in got and (other_key or (other is not None and other.before(value, got["firmware"]))):
                            # a web UI's, a plug-in's, the hardware's version in the maker's scheme: not the firmware
                            got = {k: v for k, v in got.items() if k != "firmware"}
                            if not got.get("vendor"):
                                continue
                        if hits.get(rule.id, 0) >= MAX_HITS_PER_RULE:
                            continue
                        hits[rule.id] = hits.get(rule.id, 0) + 1
                        _rule_hit(rule, f"{rule.description} (in {name})", got, resp, claims, evidence, labels=False)
            if not said and quiet is not None and len(values) == 1:
                db.remember_quiet(name, values[0])
        if long_texts:
            _claim_lines(db, long_texts, resp, claims, evidence, hits, resp_start, exhaustive)
        prose = _prose_fields(f)
        for name in prose:
            _claim_prose(db, name, f[name][0], resp, claims, evidence, hits, resp_start, exhaustive)
        if not prose and _reporter_text(resp.raw, f):
            # a reporter's words around a protocol's document (an issue quoting an ONVIF client's session): no reader
            # keeps them as a field, the prose reader reads the recorded text itself
            _claim_prose(db, f"{resp.protocol}.text", resp.raw, resp, claims, evidence, hits, resp_start, exhaustive)
    return claims, evidence


def _model_inside_firmware(family: Sequence[tuple[Rule, dict[str, str]]]) -> list[tuple[Rule, dict[str, str]]]:
    """A maker's firmware string that starts with the model's code (Vivotek's ``IB9360-VVTK-0223b``, ``<model>-VVTK-
    <version>``): the model grammar's reading of the same string's start is the firmware's, not a model the device
    reports, and is dropped (its maker and type stay); a model read elsewhere in the value is kept."""
    firmwares = [got["firmware"] for _, got in family if got.get("firmware")]
    if not firmwares or not any(got.get("model") for _, got in family):
        return list(family)
    out: list[tuple[Rule, dict[str, str]]] = []
    for rule, got in family:
        model = got.get("model")
        if model and not got.get("firmware") and any(fw.startswith(model + "-") for fw in firmwares):
            got = {k: v for k, v in got.items() if k != "model"}
        out.append((rule, got))
    return out


def _prose_fields(f: dict[str, list[str]]) -> list[str]:
    """The fields that hold a reporter's text as written: a fragment's banner (a text pasted as the answer
    of no protocol), a fragment's body (netscan.identify.prose)."""
    # (the names ending either way are picked out in C: no Python-level test per field of the response)
    return [name for name in filter(_BANNER_OR_BODY, f) if (name.endswith(".banner") or f.get(name[: -len("body")] + "shape"))
            and prose_text(f[name][0])]


_BANNER_OR_BODY = methodcaller("endswith", (".banner", ".body"))


#: A recorded text that opens with a reporter's sentence: a capital letter, words, a blank within its first 40 characters.
_SENTENCE_START = re.compile(r"[A-Z][a-z']{0,20}[ \t][A-Za-z]")


def _reporter_text(raw: str, f: dict[str, list[str]]) -> bool:
    """True for a recorded text of a protocol whose readers found a document or lines in it but kept no banner or body,
    that opens with a sentence (``Anyone else experienced this with Hikvision cameras?`` above a pasted session):
    the words around what the readers took are a reporter's."""
    return (_SENTENCE_START.match(raw) is not None and not any(k.endswith((".banner", ".body")) for k in f)
            and prose_text(raw))


def _claim_prose(db: SignatureDB, name: str, text: str, resp: Response, claims: list[Claim], evidence: list[Evidence],
                 hits: dict[str, int], start: int, exhaustive: bool) -> None:
    """What a reporter's text says the device is (netscan.identify.prose): each claim the response's fields did
    not already make; a grammar's at ``LINE_DISCOUNT`` of its weight, a maker's name at the maker-names weight,
    a model or firmware a maker's name or a form's label confirms at ``PROSE_WEIGHT`` (names only: never a type)."""
    found: tuple[ProseHit, ...]
    if exhaustive:
        found = read_prose(text, db, lambda v: _family_matches_exhaustive(db, v))
    else:  # a pure function of the text on the fast path: kept like the line pass's answers
        memo = db.prose_memo()
        kept = memo.get(text)
        if kept is None:
            kept = read_prose(text, db, lambda v: db.family_matches(v, keep=False))
            if len(text) <= LINE_MEMO_MAX_CHARS and len(memo) < LINE_MEMO_MAX_TEXTS:
                memo[text] = kept
        found = kept
    for hit in found:
        said = {(c.key, c.value.casefold()) for c in claims[start:]}
        if all((k, v.casefold()) in said for k, v in hit.got.items() if k in ("vendor", "brand", "model", "firmware")):
            continue  # the fields already said it
        line = hit.line if len(hit.line) <= 120 else hit.line[:117] + "..."
        if hit.rule is not None:
            rule = hit.rule
            if hits.get(rule.id, 0) >= MAX_HITS_PER_RULE:
                continue
            hits[rule.id] = hits.get(rule.id, 0) + 1
            weight = rule.weight * LINE_DISCOUNT
            source = rule.id if hit.strong else WEAK_SOURCE
            detail = f"{rule.description} ({rule.id}, in a reporter's words in {name}: {line})"
        elif hit.how == "maker-name":
            if db.maker_names is None:
                continue
            weight, source, detail = db.maker_names.weight, "maker-name", f"a maker's name before a model in a reporter's words ({name}: {line})"
        else:
            weight, source = PROSE_WEIGHT, PROSE_SOURCE
            detail = f"a model or firmware a maker's name or a form's label confirms in a reporter's words ({name}: {line})"
        evidence.append(Evidence(kind="rule", source=source, detail=detail, extracted=dict(hit.got), weight=weight,
                                 protocol=resp.protocol, port=resp.port))
        idx = len(evidence) - 1
        for k, v in hit.got.items():
            claims.append(Claim(k, v, weight, idx))


#: Values longer than this are not searched for a maker's name glued to a code (titles, names, model fields are short).
MAX_GLUED_VALUE_CHARS = 256
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/()+-]{5,59}")


#: A value that holds a token of letters run on into a capital or a digit with a digit later (what ``_glued`` looks at).
_MAY_BE_GLUED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{4,20}[A-Z0-9][A-Za-z._/()+-]{0,40}\d")
#: ``_glued``'s answers per value are kept on the fast path (``SignatureDB.glue_memo``), at most this many.
MAX_GLUED_MEMO = 1 << 14


def _glued(db: SignatureDB, value: str, exhaustive: bool) -> tuple[tuple[Rule, dict[str, str]], ...]:
    """Family grammar hits on the tokens of a short value whose maker's name is glued to the code
    (netscan/sigdb/makernames.py ``glued_family_matches``: the maker's own grammar must read the code)."""
    memo = db.glue_memo()
    if not exhaustive:
        hit: tuple[tuple[Rule, dict[str, str]], ...] | None = memo.get(value)
        if hit is not None:
            return hit
    found: tuple[tuple[Rule, dict[str, str]], ...] = ()
    if _MAY_BE_GLUED.search(value) is not None:
        out: list[tuple[Rule, dict[str, str]]] = []
        matches = (lambda v: _family_matches_exhaustive(db, v)) if exhaustive else None
        for m in islice(_TOKEN.finditer(value), 8):
            out.extend(glued_family_matches(db, m.group(0).rstrip("._/+-"), matches))
        found = tuple(out)
    if not exhaustive and len(memo) < MAX_GLUED_MEMO:
        memo[value] = found
    return found


#: Fields that hold a text as written (where ``lower_code_matches`` reads a code written in lower case).
_FREE_TEXT_FIELDS = (".banner", ".body", ".title")


#: A model code written in lower case only (``ds-2cd2143g0-i``: a reporter's or a host name's spelling), one token.
_LOWER_CODE = re.compile(r"(?=[^A-Z]{3,48}$)(?=.{0,47}\d)(?=.{0,47}[a-z])[a-z0-9][a-z0-9._/()+-]+")


def _lower_case_code(db: SignatureDB, model: str, name: str, resp: Response, hits: dict[str, int], claims: list[Claim],
                     evidence: list[Evidence], exhaustive: bool) -> None:
    """A model field's code written in lower case: the family grammars (written in the makers' own upper-case
    spelling) read its upper-case spelling, when the whole code is in a maker's shape (a grammar that
    reads only part of it names nothing)."""
    upper = model.upper()
    for rule, got in db.family_matches(upper) if not exhaustive else _family_matches_exhaustive(db, upper):
        if got.get("model") != upper or hits.get(rule.id, 0) >= MAX_HITS_PER_RULE:
            continue
        hits[rule.id] = hits.get(rule.id, 0) + 1
        _rule_hit(rule, f"{rule.description} (in {name}, written in lower case)", got, resp, claims, evidence, labels=False)


#: A model code followed by a hardware id a copied line kept after it (``DS-2CD2042WD-I 0x0``, ``IPC-HDW4631C-A 88``,
#: ONVIF's HardwareId or ISAPI's hardwareVersion beside the model): the code is the model.
_MODEL_THEN_ID = re.compile(r"^((?=[^ ]{0,47}\d)(?=[^ ]{0,47}[A-Za-z])[A-Za-z][A-Za-z0-9._/()+-]{2,47}) (?:0[xX][0-9A-Fa-f]{1,8}|\d{1,6})$")


def _without_hardware_id(model: str) -> str:
    """A model value without the hardware id after its code (``_MODEL_THEN_ID``); the value as it is
    otherwise (``E1 Pro``, ``Doorbell 2``, ``LaserJet 1018``: words, or a number that follows a word)."""
    if " " not in model:
        return model
    m = _MODEL_THEN_ID.match(model)
    return m.group(1) if m else model


#: Quotes a value may keep around it when a reader takes a quoted literal whole (``"V5.4.0"``, a typographic
#: ``“DS-2CD2042WD-I”``, ``'1.2.3'``): opening quote -> closing quote.
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "`": "`"}


#: A label's version or firmware word, or its colon or equals sign, right before a value (``Web Version: ``, ``MCU fw=``).
_LABEL_END = re.compile(r"(?i)(?:ver(?:sion)?|firmware|fw|rev(?:ision)?|release)?[\s\"'*]{0,4}[:=\uff1a]?[\s\"'*]{0,4}$")


def _labelled_other(db: SignatureDB, value: str, version: str) -> bool:
    """True when ``version`` follows another software's label in ``value`` written as a label (a version or firmware word,
    or a colon: ``Web Version: X``, ``MCU firmware X``), not a product phrase that merely ends in a part's word (an Axis
    greeting's ``Video Encoder 5.50.2``)."""
    other = db.other_software
    if other is None or not other.before(value, version):
        return False
    at = value.find(version)
    head = value[max(0, at - 40):at]
    m = _LABEL_END.search(head)
    return m is not None and m.start() < len(head) and bool(re.search(r"(?i)ver|firmware|fw|rev|release|[:=\uff1a]", head[m.start():]))


def _firmware_beside(name: str, f: dict[str, list[str]]) -> bool:
    """True when ``name`` is a record's plain ``version`` and the same record also has a key named for its firmware:
    that one says the firmware, the plain version is the application's (uiprotect's NVR record: version
    1.21.0-beta.3 is Protect's, firmwareVersion 2.3.10 the console's)."""
    parent, dot, last = name.rpartition(".")
    if not dot or last.lower() not in ("version", "ver"):
        return False
    record = parent + "."
    return any(n.startswith(record) and _FIRMWARE_KEY.fullmatch(n, len(record)) is not None for n in f)


def _unquoted(value: str) -> str:
    """A field value without one pair of quotes around all of it (the field-name conventions read the
    value inside); a value with the quote inside it too, or without a pair, is returned as it is."""
    if len(value) < 3:
        return value
    v = value.strip()
    close = _QUOTES.get(v[:1])
    if close is None or len(v) < 3 or v[-1] != close or close in v[1:-1] or v[:1] in v[1:-1]:
        return value
    return v[1:-1].strip()


def _read_by(semantic: Sequence[SemanticRule], found: list[tuple[dict[str, str] | None, ...]]) -> list[tuple[int, SemanticRule]]:
    """(position, convention) of the conventions of ``semantic`` that read something in one of the values
    (``found``: ``SignatureDB.semantic_matches`` per value); the others have nothing to claim."""
    if len(found) == 1:
        return [(j, semantic[j]) for j, got in enumerate(found[0]) if got is not None]
    return [(j, srule) for j, srule in enumerate(semantic) if any(row[j] is not None for row in found)]


def _nothing_read(row: tuple[dict[str, str] | None, ...]) -> bool:
    """True when no convention read anything in a value (``SignatureDB.semantic_matches``: all None)."""
    return row.count(None) == len(row)


def _long_text_field(name: str, f: dict[str, list[str]]) -> bool:
    """A field whose long values the line pass reads: one family grammars read (a banner, a value, a
    header), or the body of a fragment (a log or transcript pasted as the answer; a complete
    exchange's body is a page or a document, read by the structured readers)."""
    if name.endswith(".body"):
        return bool(f.get(name[: -len("body")] + "shape"))
    return any_field_applies(name)


def _claim_lines(db: SignatureDB, texts: list[tuple[str, str]], resp: Response, claims: list[Claim],
                 evidence: list[Evidence], hits: dict[str, int], start: int, exhaustive: bool) -> None:
    """Family grammars on the lines of the response's long texts (netscan.identify.lines): each hit
    that adds what the response's fields did not already say (``start``: its first claim), at
    ``LINE_DISCOUNT`` of its grammar's weight."""
    memo = db.line_memo()
    other = db.other_software
    for name, text in texts:
        found: tuple[LineHit, ...]
        if exhaustive:
            found = read_lines(text, db.family_matcher(partial(_family_matches_exhaustive, db)))
        else:
            kept = memo.get(text)
            if kept is None:
                kept = read_lines(text, db.family_matcher(keep=False))
                if len(text) <= LINE_MEMO_MAX_CHARS and len(memo) < LINE_MEMO_MAX_TEXTS:
                    memo[text] = kept
            found = kept
        for hit in found:
            rule = hit.rule
            got = hit.got
            if "firmware" in got and other is not None and other.before(hit.line, got["firmware"]):
                got = {k: v for k, v in got.items() if k != "firmware"}  # another software's version (netscan/sigdb/othersoftware.py)
            said = {(c.key, c.value.casefold()) for c in claims[start:]}
            new = [k for k, v in got.items() if k in ("vendor", "model", "firmware") and (k, v.casefold()) not in said]
            if not new or (("model" in got or "firmware" in got) and new == ["vendor"]):
                continue  # the fields already said it
            if hits.get(rule.id, 0) >= MAX_HITS_PER_RULE:
                continue
            hits[rule.id] = hits.get(rule.id, 0) + 1
            weight = rule.weight * LINE_DISCOUNT
            source = rule.id if hit.strong else WEAK_SOURCE
            line = hit.line if len(hit.line) <= 120 else hit.line[:117] + "..."
            evidence.append(Evidence(kind="rule", source=source, detail=f"{rule.description} ({rule.id}, in a line of {name}: {line})",
                                     extracted=dict(got), weight=weight, protocol=resp.protocol, port=resp.port))
            idx = len(evidence) - 1
            for key, val in got.items():
                claims.append(Claim(key, val, weight, idx))


#: How many versions labelled as another software's a text convention passes over in one value.
_OTHER_SOFTWARE_SKIPS = 4


def _own_firmware(srule: SemanticRule, value: str, got: dict[str, str], other: OtherSoftware) -> dict[str, str] | None:
    """``got`` (what a firmware convention read in ``value``) unless its version follows another software's
    label (``MCU firmware version: 1.0.3``, ``Web Version: V4.0.1``; families/generic.yaml ``other_software``):
    then the convention's next reading after that version, when there is one (``Firmware Version: V5.5.0``
    further on), else None."""
    start = 0
    for _ in range(_OTHER_SOFTWARE_SKIPS):
        version = got["firmware"]
        if not other.before(value, version, start):
            return got
        at = value.find(version, start)
        start = at + len(version)
        if start >= len(value):
            return None
        nxt = srule.extract_value(value[start:])
        if nxt is None or "firmware" not in nxt:
            return None
        got = nxt
    return None


def _firmware_scheme(db: SignatureDB, version: str, name: str, protocol: str, port: int | None, hits: dict[str, int],
                     claims: list[Claim], evidence: list[Evidence], exhaustive: bool = False) -> None:
    """Family firmware grammars on a version taken out of free text (``semantic-firmware-in-text``)."""
    for rule, got in db.family_matches(version) if not exhaustive else _family_matches_exhaustive(db, version):
        if hits.get(rule.id, 0) >= MAX_HITS_PER_RULE or "firmware" not in got:
            continue
        hits[rule.id] = hits.get(rule.id, 0) + 1
        evidence.append(Evidence(kind="rule", source=rule.id, detail=f"{rule.description} (in {name})", extracted=dict(got),
                                 weight=rule.weight, protocol=protocol, port=port))
        for key, val in got.items():
            claims.append(Claim(key, val, rule.weight, len(evidence) - 1))


def _field_matches(db: SignatureDB, plan: FieldPlan, name: str, values: list[str]) -> dict[int, dict[str, str]]:
    """Position in ``plan.rules`` -> what the rule extracts from the first of ``values`` it matches,
    ascending by position (the rules' reading order): the gated, memoised path."""
    if len(values) == 1:
        return dict(db.field_matches(plan, name, values[0]))
    found: dict[int, dict[str, str]] = {}
    for value in values:
        for pos, got in db.field_matches(plan, name, value):
            if pos not in found:
                found[pos] = got
    return dict(sorted(found.items()))


def _field_matches_exhaustive(plan: FieldPlan, values: list[str]) -> dict[int, dict[str, str]]:
    """The same as ``_field_matches`` by running every rule of the field on every value (no gate,
    literal or memo): the reference the fast path is tested against (tests/identify/test_collect_paths.py)."""
    found: dict[int, dict[str, str]] = {}
    for pos, rule in enumerate(plan.rules):
        for value in values:
            got = rule.extract(value)
            if got is not None:
                found[pos] = got
                break
    return found


def _family_matches_exhaustive(db: SignatureDB, value: str) -> list[tuple[Rule, dict[str, str]]]:
    """``db.family_matches(value)`` by running every family grammar on the value (no first-character
    index, digit test or memo); only the documented limits of what family grammars read apply."""
    if not db.any_rules or len(value) > ANY_FIELD_MAX_CHARS or len(value) < 3 or value.isdigit():
        return []
    out = []
    for rule in db.any_rules:
        got = rule.extract(value)
        if got is not None:
            out.append((rule, got))
    return out
