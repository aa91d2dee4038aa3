"""Conflict resolution: turn weighted claims into one Identification.

- An OUI names the registrant of the network chip's MAC block (weight 0.3); protocol evidence
  (SADP, DHIP, device-info documents, firmware banners) outweighs it.
- A *label* (ONVIF Manufacturer, UPnP manufacturer, a brand with ``built_by``) names the brand. It
  counts towards the maker only through the brand's ``built_by`` entry, at reduced weight, and is
  reported as ``brand`` when the maker differs: a Dahua-built camera calling itself Lorex is
  vendor Dahua, brand Lorex. A retail label whose builder is not known (``label: true`` in
  signatures/vendors: a consumer camera brand over white-label boards) is reported as the brand
  even when it also stands as the vendor, and yields the vendor to a maker that other evidence names
  more strongly than a registry entry does (a Hue bridge: vendor Signify, brand Philips).
- Independent agreeing claims combine as a noisy-OR, ``1 - prod(1 - w)``.
- Model and firmware claims from evidence that names another maker are discounted; a firmware claim
  that is a placeholder word (``unknown``, ``N/A``, ``latest``...), an all-zero version or holds no
  digit is dropped (``firmware_sane``).
- A software stack named in a value (``software``: a streaming or web server, a media library) is
  evidence of what the device runs, never of who made it: it claims no maker, and it is not the
  protocol evidence that lets a video-only maker's name default the type to camera (GStreamer serves
  Axis cameras and PCs alike).
- A name the device looked up (DNS: a maker's cloud, P2P or DDNS service) is a *hint*: the maker's
  phone app looks up the same names, so a hint weighs at most ``HINT_WEIGHT``, adds only to a maker
  that other evidence names (when any does), names a maker alone only when every hint agrees on
  one, and never says what the device is (no type, and no video-only default to camera).
- Device type: a specific video type (nvr, dvr, doorbell, encoder) beats the generic "camera";
  a non-video type (router, printer, nas...) beats "camera" unless video evidence is clearly stronger;
  a video-only maker with protocol evidence defaults to camera; an OUI alone says nothing about type.
  When nothing says what the device is, or only that default does, the chosen model's product line does:
  a family grammar (signatures/families ``device_type``) of the resolved maker, its brand, one of its own
  brands or another maker the evidence names that reads the whole model ("Amcrest AD110" is a doorbell, "Tapo C220" a camera), if the model was
  read from more than one line of a long text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import islice
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from netscan.identify.collect import Claim
from netscan.identify.lines import WEAK_SOURCE
from netscan.identify.firmware import firmware_extent, firmware_shape_share
from netscan.identify.prose import PROSE_SOURCE
from netscan.identify.modelname import model_extent
from netscan.model import VIDEO_TYPES, CoveredStatus, Evidence, Identification, Observation
from netscan.parsers import fields as parse_fields
from netscan.sigdb.db import SignatureDB
from netscan.sigdb.makernames import model_without_maker

#: A brand counts towards its maker at this fraction of its own weight.
BRAND_TO_MAKER = 0.8
#: A model/firmware claim from evidence naming another maker keeps this fraction of its weight.
FOREIGN_DISCOUNT = 0.3
#: A brand is reported only with at least this score.
MIN_BRAND_SCORE = 0.25
#: A retail label (``label: true``) yields the vendor to a maker named with at least this score: more than
#: an OUI or enterprise number alone (0.3), as much as a manufacturer field or a rule.
LABEL_YIELDS_TO = 0.45
_SPECIFIC_VIDEO = ("nvr", "dvr", "doorbell", "encoder")
#: Evidence that only names a maker (netscan.sigdb.makernames): it never makes a device video gear.
#: Evidence that names a maker without saying what the device is: a name in text, a manufacturer
#: field, the registrant of the SNMP agent's enterprise number (a camera maker's print servers and
#: switches carry the same number), a web page's copyright holder, a short model code in a line of a long
#: text (netscan.identify.lines), a model or firmware read from a reporter's words (netscan.identify.prose).
_NAME_ONLY = frozenset({"maker-name", "manufacturer-field", "iana-enterprise-number", "copyright-holder", WEAK_SOURCE, PROSE_SOURCE})
#: Fields whose rules name a maker and never say what the device is, not even through a video-only maker's
#: name: the HTTP API paths a client used (fingerprints/conventions-urls.yaml) are served by the maker's
#: non-video products too (a Hikvision alarm panel answers ISAPI, a Dahua access controller its CGI).
NO_TYPE_FIELDS = ("http.client-url",)
#: Evidence of these protocols is a hint (names a device looked up: a phone app looks them up too).
HINT_PROTOCOLS = frozenset({"dns"})
#: A hint's claim weighs at most this much.
HINT_WEIGHT = 0.15


def _is_hint(e: Evidence) -> bool:
    return e.protocol in HINT_PROTOCOLS


def _is_software(e: Evidence) -> bool:
    """Evidence that names only a software stack (``software``, perhaps a generic type); a rule that
    also sets ``vendor`` says the software only ships on that maker's devices (HIK Media Server)."""
    return "software" in e.extracted and "vendor" not in e.extracted and "brand" not in e.extracted


def makers_of(db: SignatureDB, v: Any) -> tuple[str, ...]:
    """Who builds a brand's devices: ``built_by``, or the parent when both only make video gear
    (HiLook, EZVIZ -> Hikvision; Imou -> Dahua), not for a parent that is a conglomerate."""
    if v.built_by:
        return tuple(v.built_by)
    if v.parent and v.video_only:
        p = db.vendor(v.parent)
        if p is not None and p.video_only:
            return (p.name,)
    return ()


def _is_label(db: SignatureDB, name: str) -> bool:
    """A retail label (signatures/vendors ``label: true``): reported as the brand even when, no
    builder being known, it also stands as the vendor (vendor EYEPLUS, brand EYEPLUS)."""
    v = db.vendor(name)
    return v is not None and v.label


def _noisy_or(weights: list[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - max(0.0, min(w, 0.99))
    return 1.0 - p


class _Scores:
    def __init__(self) -> None:
        self.weights: dict[str, list[float]] = defaultdict(list)
        self.display: dict[str, tuple[float, str]] = {}

    def add(self, value: str, weight: float) -> None:
        key = value.casefold().strip()
        if not key:
            return
        self.weights[key].append(weight)
        best = self.display.get(key)
        if best is None or weight > best[0]:
            self.display[key] = (weight, value.strip())

    def ranked(self) -> list[tuple[str, float]]:
        if not self.weights:
            return []
        out = [(self.display[k][1], _noisy_or(ws)) for k, ws in self.weights.items()]
        if len(out) > 1:
            out.sort(key=self._rank)
        return out

    def _rank(self, t: tuple[str, float]) -> tuple[float, float]:
        return (-t[1], -self.display[t[0].casefold().strip()][0])

    def best(self) -> tuple[str | None, float]:
        if not self.weights:
            return (None, 0.0)
        r = self.ranked()
        return r[0] if r else (None, 0.0)


def resolve(obs: Observation, claims: list[Claim], evidence: list[Evidence], db: SignatureDB) -> Identification:
    """Resolve claims into an Identification (see the module docstring for the rules)."""
    evidence = list(evidence)
    makers = _Scores()
    brands = _Scores()
    ev_maker: dict[int, set[str]] = defaultdict(set)
    inferred: dict[str, str] = {}

    maker_claims: list[Claim] = []
    hints: list[Claim] = []
    for c in claims:
        if c.key in ("vendor", "brand"):
            (hints if _is_hint(evidence[c.evidence]) else maker_claims).append(c)
    if hints:
        maker_claims += _usable_hints(db, hints, maker_claims)
    for c in maker_claims:
        v = db.vendor(c.value)
        if v is None:
            if c.key == "vendor" and not c.label:
                makers.add(c.value, c.weight)
                ev_maker[c.evidence].add(c.value.casefold())
            elif c.key == "brand" and not c.label:
                brands.add(c.value, c.weight)
            continue
        built_by = makers_of(db, v)
        if built_by:
            brands.add(v.name, c.weight)
            for m in built_by:
                makers.add(m, c.weight * BRAND_TO_MAKER)
                ev_maker[c.evidence].add(m.casefold())
                inferred[v.name] = m
        elif c.key == "vendor" and not c.label:
            makers.add(v.name, c.weight)
            ev_maker[c.evidence].add(v.name.casefold())
            if v.label:  # a retail label's name is the name on the box, whoever built it
                brands.add(v.name, c.weight)
        else:  # a label or brand naming a maker itself
            brands.add(v.name, c.weight)
            makers.add(v.name, c.weight * BRAND_TO_MAKER)
            ev_maker[c.evidence].add(v.name.casefold())

    ranked = makers.ranked()
    if len(ranked) > 1 and _is_label(db, ranked[0][0]):
        # a retail label stands as the vendor only while no maker is named by more than a registry entry
        maker = next((i for i, (n, sc) in enumerate(ranked) if sc >= LABEL_YIELDS_TO and not _is_label(db, n)), None)
        if maker is not None:
            ranked.insert(0, ranked.pop(maker))
    vendor, vscore = ranked[0] if ranked else (None, 0.0)
    runner = ranked[1][1] if len(ranked) > 1 else 0.0

    brand: str | None = None
    # a retail label is the brand before a maker named in a label field (Philips before Signify)
    for name, score in sorted(brands.ranked(), key=lambda t: not _is_label(db, t[0])):
        if vendor is not None and name.casefold() == vendor.casefold() and not _is_label(db, name):
            continue
        if score >= MIN_BRAND_SCORE:
            brand = name
        break

    for b, m in inferred.items():
        if b == brand and m == vendor:
            bv = db.vendor(b)
            evidence.append(
                Evidence(
                    kind="oem",
                    source=b,
                    detail=f"{b} devices are built by {m}",
                    extracted={"brand": b, "vendor": m, "reference": (bv.built_by_source if bv else "") or ("parent" if bv and bv.parent else "")},
                    weight=0.0,
                )
            )

    accepted = {x.casefold() for x in (vendor, brand) if x}

    def weight_of(c: Claim) -> float:
        names = ev_maker.get(c.evidence)
        if names and accepted and not (names & accepted):
            return c.weight * FOREIGN_DISCOUNT
        return c.weight

    per_key: dict[str, _Scores] = defaultdict(_Scores)
    for c in claims:
        if c.key == "device_type" and _is_hint(evidence[c.evidence]):
            continue  # a looked-up name never says what the device is
        if c.key == "firmware" and not firmware_sane(c.value):
            continue  # a placeholder word or a non-version is no firmware, whichever rule read it
        if c.key in ("model", "firmware", "serial", "hostname", "device_type"):
            value = model_extent(c.value, db) if c.key == "model" else firmware_extent(c.value) if c.key == "firmware" else c.value
            # a bare revision number yields to a version in dotted parts (netscan/identify/firmware.py)
            per_key[c.key].add(value, weight_of(c) * (firmware_shape_share(value) if c.key == "firmware" else 1.0))

    _merge_maker_prefixed(db, per_key["model"])
    _merge_short_forms(per_key["model"])
    _merge_version_prefix(per_key["firmware"])
    model = per_key["model"].best()[0]
    firmware = _tidy_firmware(per_key["firmware"].best()[0])
    serial = per_key["serial"].best()[0]
    hostname = per_key["hostname"].best()[0]
    device_type, by_maker = _device_type(per_key["device_type"], vendor, db, evidence, brand)
    if by_maker is not None:
        # say so: no evidence said what the device is; the maker's catalogue (video only) and the
        # protocol evidence naming it did, and "camera" stands for any of its video devices
        vo_maker, vo_basis = by_maker
        evidence.append(Evidence(
            kind="inferred", source="video-only-maker",
            detail=(f"{vo_maker} makes only video-surveillance equipment (signatures/vendors: video_only) and protocol "
                    f"evidence ({vo_basis}) names it; nothing says which kind of video device it is (camera, recorder, "
                    "doorbell), so camera is assumed"),
            extracted={"device_type": "camera"}, weight=0.0))
    if model and (device_type == "unknown" or by_maker is not None) and _model_read_from_a_field(model, claims, evidence):
        # nothing said what the device is (or only the maker's catalogue did): the maker's model grammar
        # for the product line of the model already chosen does (signatures/families: device_type)
        named = tuple(n for n, _ in ranked[1:4]) + tuple(n for n, _ in brands.ranked()[:3])
        typed = _type_of_model(db, model, vendor, brand, named)
        if typed is not None:
            # the video-only maker's camera default gives way to the model's product line
            evidence[:] = [e for e in evidence if not (e.kind == "inferred" and e.source == "video-only-maker")]
            device_type, line = typed
            evidence.append(Evidence(
                kind="inferred", source="model-product-line",
                detail=(f"the model {model} is in the shape of {line} (signatures/families), a product line of "
                        f"{device_type} devices; nothing else says what the device is"),
                extracted={"device_type": device_type}, weight=0.0))
    if model and (device_type == "unknown" or by_maker is not None) and not any(e.source == "model-product-line" for e in evidence):
        # nothing typed the device (or only the maker's catalogue did): the words right after the chosen model in
        # the text do when they name a kind of video device ("PVC2300 POE Video Camera", "HB613-P 3 MP camera";
        # families/types.yaml type-after-model-*, with their guards)
        phrased = _kind_after_model(db, obs, model)
        if phrased is not None:
            evidence[:] = [e for e in evidence if not (e.kind == "inferred" and e.source == "video-only-maker")]
            device_type, phrase = phrased
            evidence.append(Evidence(
                kind="inferred", source=MODEL_KIND_SOURCE,
                detail=(f"the text names the model {model} followed by {phrase.strip()[:60]!r}, words that say {device_type} "
                        "(signatures/families/types.yaml type-after-model-*); nothing else says what the device is"),
                extracted={"device_type": device_type}, weight=0.0))
    if device_type == "unknown" and vendor is None and not any(_is_software(e) for e in evidence):
        # nothing typed the device and nothing named its maker (a named maker that is not video-only also
        # builds NAS, routers, PCs: no guess then): an RTSP server on RTSP's privileged port is video gear
        served = _rtsp_server_on_rtsp_port(obs)
        if served is not None:
            device_type = "camera"
            evidence.append(Evidence(
                kind="inferred", source="rtsp-server-port-554",
                detail=(f"the device's RTSP server is on port {RTSP_PORT} ({served}), the privileged port RFC 2326 assigns to RTSP "
                        "(appliance firmware: cameras, recorders, encoders; PC and phone streaming software listens on high "
                        "ports); nothing else says what the device is"),
                extracted={"device_type": "camera"}, weight=0.0, protocol="rtsp", port=RTSP_PORT))
    if model and device_type in VIDEO_TYPES and " " in model:
        # video gear's model is its code: a maker's name in front of one code ("AXIS P1311" as a UPnP modelName or
        # a discovery name gives it) is the maker's, as the field conventions' model claims already drop it; a
        # product name of words ("Wyze Cam v3", "Ring Video Doorbell 2") is kept whole
        bare = model_without_maker(db, model)
        if bare != model and " " not in bare.strip() and any(c.isalpha() for c in bare):
            model = bare.strip()

    confidence = vscore * (1.0 - 0.5 * runner) if vendor else 0.0
    return Identification(
        ip=obs.ip,
        mac=obs.mac,
        vendor=vendor,
        brand=brand,
        model=model,
        firmware=firmware,
        device_type=device_type,
        confidence=round(confidence, 3),
        covered=_covered(db, vendor, brand, evidence),
        evidence=tuple(evidence),
        serial=serial,
        hostname=hostname,
    )


def _hint_makers(db: SignatureDB, c: Claim) -> set[str]:
    """The makers a vendor/brand claim counts towards (its maker, or its brand's builder)."""
    v = db.vendor(c.value)
    if v is None:
        return {c.value.casefold()}
    return {m.casefold() for m in (makers_of(db, v) or (v.name,))}


def _usable_hints(db: SignatureDB, hints: list[Claim], others: list[Claim]) -> list[Claim]:
    """The hint claims (looked-up names) that count, at most ``HINT_WEIGHT`` each: those for a maker
    other evidence names, or, when nothing else names one, all of them if they agree on one maker."""
    named: set[str] = set()
    for c in others:
        if not c.label or db.vendor(c.value) is not None:
            named |= _hint_makers(db, c)
    if named:
        keep = [c for c in hints if _hint_makers(db, c) & named]
    else:
        makers = set().union(*(_hint_makers(db, c) for c in hints))
        keep = hints if len(makers) == 1 else []
    return [Claim(c.key, c.value, min(c.weight, HINT_WEIGHT), c.evidence, c.label) for c in keep]


#: Words devices and tools put where a version is not known or not given (a field's placeholder).
_FIRMWARE_PLACEHOLDER = re.compile(
    r"(?i)[\s\"'`(\[]*(?:unknown|unkown|none|n/?a|null|nil|undefined|undef|default|latest|current|newest|new|tbd|todo"
    r"|not ?available|not ?set|no ?version|version|firmware|x{2,}|[-?*.]{1,8}|0{1,8}(?:\.0{1,8}){0,4})[\s\"'`)\].,;]*"
)


#: A version someone masked before publishing it: a part made only of x, * or # (``5.x.x``,
#: ``V2.800.XXXXXXX.0.R``, ``1.0.***``) or a redaction word anywhere. No firmware scheme has such
#: a part; a reporter hides a value this way.
_FIRMWARE_MASKED = re.compile(
    r"(?i)(?:^|[._\-\s:/(\[])(?:x+|\*+|#+)(?=$|[._\-\s:/)\]])|redacted|censored|obfuscated|hidden|removed|masked"
)


@lru_cache(maxsize=1 << 14)  # (the same versions come back device after device: kept per value)
def firmware_sane(value: str) -> bool:
    """False for a value that cannot be a firmware version: a placeholder word (``unknown``, ``N/A``,
    ``null``, ``default``, ``latest``, ``xxx``, dashes), an all-zero version, text with no digit, or a
    masked version (a part made only of x/*/#, or a redaction word)."""
    v = value.strip()
    if not v or len(v) > 128 or not any(ch.isdigit() for ch in v):
        return False
    return _FIRMWARE_PLACEHOLDER.fullmatch(v) is None and _FIRMWARE_MASKED.search(v) is None


_GLUED_BUILD = re.compile(r"(?<=\d)\s*build\s*(?=\d)", re.I)


def _merge_maker_prefixed(db: SignatureDB, scores: _Scores) -> None:
    """A model claimed both with its maker's name in front and without it (UPnP's modelName
    ``AXIS M3045-V`` and modelNumber ``M3045-V``, a discovery name and a model field) is one model:
    the claims of the prefixed spelling count for the bare one (``model_without_maker``: the maker's
    name, then a model number with a digit)."""
    if len(scores.weights) < 2:
        return
    for key in list(scores.weights):
        bare = model_without_maker(db, scores.display[key][1])
        bare_key = bare.casefold().strip()
        if bare_key != key and bare_key in scores.weights:
            scores.weights[bare_key].extend(scores.weights.pop(key))
            del scores.display[key]


#: A model code without the letters its maker writes before it (``b1300`` for ``GL-B1300``: GL.iNet's system info
#: gives ``model`` in the short form and ``board_info.model`` in the full one, gli4py tests/fixtures/system_info.json):
#: one code of letters then digits, no dash in it, and the full form's one to four letters and a dash before it.
_SHORT_FORM = re.compile(r"(?=[a-z0-9]{3,24}$)[a-z]{0,6}\d[a-z0-9]*")
_FORM_PREFIX = re.compile(r"[a-z]{1,4}-")


def _merge_short_forms(scores: _Scores) -> None:
    """A model claimed both in its full form and without its leading letters and dash (``GL-B1300`` and ``b1300``) is
    one model: the claims of the short form count for the full one (shown as its claims write it). A code with a dash
    in it is never taken for a short form (``IPC-HFW2431S`` beside ``DH-IPC-HFW2431S`` is left alone)."""
    if len(scores.weights) < 2:
        return
    for key in list(scores.weights):
        if _SHORT_FORM.fullmatch(key) is None:
            continue
        longer = [k for k in scores.weights if len(k) > len(key) + 1 and k.endswith(key)
                  and _FORM_PREFIX.fullmatch(k[: len(k) - len(key)]) is not None]
        if len(longer) == 1:
            scores.weights[longer[0]].extend(scores.weights.pop(key))
            del scores.display[key]


#: What a firmware string adds after a shorter reading of it: more dotted, dashed or underscored parts (Dahua/Amcrest's
#: ``.R.20210712``, Reolink's ``_23062003``) or Hikvision's ``build <yymmdd>`` (also after a comma).
_VERSION_MORE = re.compile(r"(?:[._-][0-9a-z]{1,16}){1,4}|,? ?build ?\d{6,8}")


def _merge_version_prefix(scores: _Scores) -> None:
    """A firmware claimed whole (a field's value: ``1.000.00AC008.1.R.20210712``) and as a shorter reading of the same
    string (a family grammar whose extent ends early: ``1.000.00AC008.1``; a rule that reads Hikvision's version
    without its build) is one firmware, written as the device writes it: the shorter claim's weight counts for the
    whole string (docs/signatures.md "Label conventions of a firmware string"). Only when one longer claim extends
    it by more version parts or a build number; a bracketed tail (TP-Link's ``(4555)``) is no extension."""
    if len(scores.weights) < 2:
        return
    for short in sorted(scores.weights, key=len):
        longer = [k for k in scores.weights if k != short and k.startswith(short) and _VERSION_MORE.fullmatch(k, len(short))]
        if len(longer) == 1:
            scores.weights[longer[0]].extend(scores.weights.pop(short))
            del scores.display[short]


def _tidy_firmware(fw: str | None) -> str | None:
    """One spelling per version: SADP's ``V5.4.0build 160401`` and ISAPI's ``V5.4.0`` +
    ``build 160401`` are both shown as ``V5.4.0 build 160401``."""
    if not fw:
        return fw
    return _GLUED_BUILD.sub(lambda m: f" {m.group(0).strip()} ", fw, count=1)


def _device_type(scores: _Scores, vendor: str | None, db: SignatureDB, evidence: list[Evidence],
                 brand: str | None) -> tuple[str, tuple[str, str] | None]:
    """The device type, and when it is only inferred from a video-only maker's name (no evidence said what
    the device is), that maker and the protocol evidence that named it."""
    ranked = dict((k.casefold(), s) for k, s in scores.ranked())
    video = {k: s for k, s in ranked.items() if k in VIDEO_TYPES}
    other = {k: s for k, s in ranked.items() if k not in VIDEO_TYPES and k != "unknown"}
    best_other = max(other.items(), key=lambda t: t[1]) if other else None
    best_video: tuple[str, float] | None = None
    specific = [(k, s) for k, s in video.items() if k in _SPECIFIC_VIDEO and s >= 0.4]
    if specific:
        best_video = max(specific, key=lambda t: t[1])
        best_video = (best_video[0], max(video.values()))
    elif video:
        best_video = max(video.items(), key=lambda t: t[1])
    if best_video and best_other:
        # a non-camera must never be called a camera: video wins only when clearly stronger
        return (best_video[0] if best_video[1] > best_other[1] + 0.2 else best_other[0]), None
    if best_video:
        return best_video[0], None
    if best_other:
        return best_other[0], None
    v = db.vendor(vendor)
    if (v is None or not v.video_only) and brand:  # a maker's video-only brand (TP-Link's VIGI)
        v = db.vendor(brand)
    # a maker's name alone (in a title, a banner, a manufacturer field) is no sign of video gear:
    # another company's product may carry the same word
    if v is not None and v.video_only:
        untyped = db.rule_ids_reading(NO_TYPE_FIELDS)
        basis = next((e.source for e in evidence if e.kind == "rule" and e.source not in _NAME_ONLY and e.source not in untyped
                      and not _is_software(e) and not _is_hint(e)), None)
        if basis is not None:
            return "camera", (v.name, basis)
    return "unknown", None


def _model_read_from_a_field(model: str, claims: list[Claim], evidence: list[Evidence]) -> bool:
    """Whether a claim of the chosen model came from more than a code in one line of a long text (a short code
    there names a model at most, never what the device is: netscan/identify/lines.py) or a name in text."""
    want = model.casefold()
    return any(c.key == "model" and evidence[c.evidence].source not in _NAME_ONLY and want in c.value.casefold()
               for c in claims)


def _type_of_model(db: SignatureDB, model: str, vendor: str | None, brand: str | None,
                   named: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The device type of the product line a chosen model belongs to, and that line's rule id: a family grammar
    of the resolved maker (or brand) that reads the whole model, as written or after the maker's or the brand's
    name (a brand's lines are written after it: "Amcrest AD110", "Tapo C220"). None without a maker, or when
    the lines that read it disagree."""
    if vendor is None or len(model) > 64:
        return None
    names = list(dict.fromkeys(n for n in (brand, vendor, *db.own_brands(vendor), *named) if n))
    makers = {n.casefold() for n in names}
    want = model.casefold().strip()
    found: dict[str, str] = {}
    for value in (model, *(f"{n} {model}" for n in names)):
        for rule, got in db.family_matches(value, keep=False):
            kind = got.get("device_type")
            if not kind or (got.get("model") or "").casefold().strip() != want:
                continue
            if not ({(got.get("vendor") or "").casefold(), (got.get("brand") or "").casefold()} & makers):
                continue
            found.setdefault(kind, rule.id)
    return next(iter(found.items())) if len(found) == 1 else None


#: Evidence source of a type read from the words after the chosen model (``_kind_after_model``).
MODEL_KIND_SOURCE = "model-kind-words"
#: The field name under which those words are judged by families/types.yaml (its ``type-after-model-*`` entries).
MODEL_KIND_FIELD = "phrase.model-kind-words"
#: At most this many characters of each response, this many places where the model is written, this many
#: characters after it.
_KIND_TEXT_MAX = 64 * 1024
_KIND_PLACES_MAX = 20
_KIND_PHRASE_MAX = 96


@lru_cache(maxsize=1 << 10)
def _model_token(want: str) -> re.Pattern[str]:
    """The model ``want`` as a whole token (not inside a longer code), in any case (``_kind_after_model``)."""
    return re.compile(r"(?<![\w-])" + re.escape(want) + r"(?![\w-])", re.I)


def _token_places(token: re.Pattern[str], want: str, text: str) -> Iterator[re.Match[str]]:
    """``token.finditer(text)`` (``token`` from ``_model_token(want)``), found faster where both are ASCII: the
    lower-cased text is searched for the lower-cased model (a substring search, where the pattern's look-behind
    makes the regular expression try every position) and the pattern is tried at each place found (an ASCII
    character matches another ignoring case exactly when their lower cases are equal; the same places, in order)."""
    if not (want.isascii() and text.isascii()):
        yield from token.finditer(text)
        return
    low, needle = text.lower(), want.lower()
    at = low.find(needle)
    while at >= 0:
        m = token.match(text, at)
        if m is None:
            at = low.find(needle, at + 1)
        else:
            yield m
            at = low.find(needle, m.end())


def _kind_after_model(db: SignatureDB, obs: Observation, model: str) -> tuple[str, str] | None:
    """The kind of video device the words right after the chosen model say (``type-after-model-*`` of
    families/types.yaml on the rest of the model's line), and those words; None when no place says one, or
    places disagree. The model must stand as a whole token (not inside a longer code)."""
    want = model.strip()
    if len(want) < 3 or len(want) > 64:
        return None
    plan = db.plan_for_field(MODEL_KIND_FIELD)
    rules = [i for i, r in enumerate(plan.semantic) if r.id.startswith("type-after-model-")]
    if not rules:
        return None
    token = _model_token(want)
    kinds: dict[str, str] = {}
    places = 0
    for r in obs.responses:
        text = (r.raw or "")[:_KIND_TEXT_MAX]
        for m in _token_places(token, want, text):
            places += 1
            if places > _KIND_PLACES_MAX:
                break
            phrase = text[m.end():m.end() + _KIND_PHRASE_MAX].split("\n", 1)[0]
            got = db.semantic_matches(plan, phrase)
            for i in rules:
                hit = got[i]
                if hit and hit.get("device_type"):
                    kinds.setdefault(hit["device_type"], phrase)
        if places > _KIND_PLACES_MAX:
            break
    return next(iter(kinds.items())) if len(kinds) == 1 else None


#: The port RFC 2326 (section 3.2) assigns to RTSP: below 1024, so only a privileged process binds it.
RTSP_PORT = 554


#: An RTSP URL's port (RFC 2326 section 3.2: absent means 554), after any credentials and the host.
_RTSP_URL_PORT = re.compile(r"^rtsp://(?:[^/@\s]{0,256}@)?(?:\[[0-9A-Fa-f:.]{2,64}\]|[^/:@\s]{1,253})(?::(\d{1,5}))?(?:[/?]|$)", re.I)


def _rtsp_server_on_rtsp_port(obs: Observation) -> str | None:
    """What shows that the device's RTSP server listens on port 554, or None: a status line it wrote on
    554 in an answer recorded with its headers (``CSeq``, which RFC 2326 section 12.17 and RFC 7826 section
    18.20 require in every response: a status line alone, quoted in a log or a sentence, may be a relay's or a
    SAT>IP tuner's, which RFC-mandated 554 serves too), or a URL of its own stream (SDP ``a=control``,
    ``Content-Base``, ``RTP-Info``: ``rtsp.url``) on 554, written or by default. A client's URL alone (its
    configuration) does not count."""
    for r in obs.responses:
        if r.protocol != "rtsp":
            continue
        f = parse_fields(r)
        status = f.get("rtsp.status")
        if status and r.port == RTSP_PORT and f.get("rtsp.header.cseq"):
            return f"status {status[0]}"
        for url in f.get("rtsp.url", ())[:16]:
            m = _RTSP_URL_PORT.match(url)
            if m and m.group(1) in (None, str(RTSP_PORT)):
                return f"its stream URL {url[:80]}"
    return None


def _covered(db: SignatureDB, vendor: str | None, brand: str | None, evidence: list[Evidence]) -> CoveredStatus | None:
    for who, role in ((vendor, "maker"), (brand, "brand")):
        hit = db.covered_status(who)
        if hit is None:
            continue
        carrier, status = hit
        names = {x.casefold() for x in (vendor, brand, carrier.name) if x}
        # (the first ten such pieces of evidence: the rest are not looked at)
        basis = list(islice((e.source for e in evidence
                             if e.kind in ("rule", "oui", "oem") and e.weight >= 0 and (e.extracted.get("vendor") or "").casefold() in names), 10))
        source = status.get("source")
        return CoveredStatus(
            lists=tuple(str(x) for x in status.get("lists", [])),
            entity=carrier.name,
            via=role if carrier.name == who else f"{role} {who} is a subsidiary/affiliate of {carrier.name}",
            maker=vendor,
            label=brand,
            source=str(source) if source is not None else None,
            evidence=tuple(basis),
        )
    return None
