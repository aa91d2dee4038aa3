#!/usr/bin/env python3
"""Key-convention robustness: does identification keep a claim when the structured record that carries it writes
the claim's key the way ANOTHER real device API or client library writes the same field (issue 11)?

For every training corpus file (tests/corpus; the test split is never read) that identification gets right as
recorded, each claim (model, firmware, vendor) whose value a structured record of the raw text holds under an identity
key -- a JSON or Python-dict member (``"model": "X"``, ``'fw_ver': 'Y'``), an XML element (``<model>X</model>``,
SOAP, UPnP), a ``key=value`` or ``key: value`` line (Dahua CGI, Axis param.cgi, a tool's print) -- is re-written:

- ``rename``  every such key of the claim is replaced by a key another real convention uses for the same field,
              drawn from benchmarks/data/keys_vocabulary.txt (ONVIF, ISAPI, UPnP, VAPIX, Dahua CGI, Reolink, Kasa/Tapo,
              UniFi Protect, Home Assistant's device registry and MQTT discovery, openHAB, OCF, Matter, GenICam, IPP,
              HomeKit, Exif, Imou, Wyze, Eufy, EZVIZ; each with its public source). The claim must survive.
- ``recase``  the same key in the other casings client libraries and CGI parameters write (camelCase, snake_case,
              PascalCase, kebab-case, UPPER_SNAKE, flat lower case as airOS's devmodel/fwversion or Vivotek's
              system_info_modelname, flat upper case). The claim must survive.
- ``prefix``  the same key after a word that says it is the device's own, in the key's style (devModel, device_model,
              productModel, sysModel, hwModel; deviceFirmwareVersion, current_fw_ver, running_sw_version).
- ``decoy``   a non-identity key of the same kind written beside the claim's key with a real value of its kind (an
              app's, an API's, a protocol's, a schema's, a web UI's or the hardware's version; a client phone's, a
              disk's, a sensor's, a lens's model; a disk's, a sensor's, a chip's maker). The claim must stay what it
              was: the decoy must not be taken.
- ``wrap``    a JSON document holding the key nested under the envelopes real APIs put a device's record in (Tapo's
              ``result.device_info.basic_info``, Reolink's ``value.DevInfo``, Kasa's ``system.get_sysinfo``, a REST
              ``data``, Dahua RPC's ``params``). The claim must survive.
- ``pairs``   the JSON object holding the key written as a list of ``{"name": key, "value": value}`` property records
              (ONVIF SimpleItem Name/Value, as JSON clients serialise them; ``{"key": ..., "value": ...}`` tags), or
              the XML element as a property element (``<SimpleItem Name="Model" Value="X"/>``,
              ``<param name="model">X</param>``). The claim must survive.

A UPnP device description (its element names are fixed by its schema) and a maker's discovery protocol's answer
(TP-Link 20002/UDP, DHIP, DVRIP, SADP: one shape each) get decoys only; ``wrap`` and ``pairs`` re-nest only API and
client documents (http, https, other). Every variant also requires that a non-camera stays a non-camera (a video type on a device recorded as another kind
is a loss). Draws are seeded by the file's path and ``--seed``.

    .venv/bin/python benchmarks/keys_robustness.py               # per-kind and per-claim retention
    .venv/bin/python benchmarks/keys_robustness.py --losses      # and the training losses, one a line
    .venv/bin/python benchmarks/keys_robustness.py --json OUT    # figures as JSON
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import add_json, add_signatures, failed, labelled_records, parser, pct, seeded_rng, write_json  # noqa: E402

from netscan.identify import identify  # noqa: E402
from netscan.identify.accuracy import _same, _same_maker  # noqa: E402
from netscan.model import VIDEO_TYPES as VIDEO  # noqa: E402
from netscan.observations import from_dict  # noqa: E402
from netscan.sigdb import SignatureDB, load_db  # noqa: E402

VOCABULARY = Path(__file__).resolve().parent / "data" / "keys_vocabulary.txt"
CLAIMS = ("model", "firmware", "vendor")

#: A JSON or Python-dict member whose value is a string: ``"key": "value"`` / ``'key': 'value'``.
_JSON_MEMBER = re.compile(r"""(?P<q>["'])(?P<key>[A-Za-z_][\w\-.:]{0,48}?)(?P=q)(?P<sep>[ \t]{0,4}:[ \t]{0,4})(?P<vq>["'])(?P<val>(?:(?!(?P=vq))[^\\\r\n]){1,200})(?P=vq)""")
#: An XML element holding text: ``<ns:key attrs>value</ns:key>``.
_XML_ELEMENT = re.compile(r"<(?P<ns>[A-Za-z_][\w.-]{0,30}:)?(?P<key>[A-Za-z_][\w.-]{0,48})(?P<attrs>\s[^<>]{0,200})?>(?P<val>[^<>]{1,200})</(?P=ns)?(?P=key)\s*>")
#: A ``key=value`` / ``key: value`` line (a dotted prefix such as ``root.Brand.`` kept).
_KV_LINE = re.compile(r"(?m)^(?P<pre>[ \t]{0,8}(?:[A-Za-z][\w\-\[\]]{0,30}\.){0,4})(?P<key>[A-Za-z][\w\-]{0,40}(?: [A-Za-z][\w\-]{0,20}){0,2})(?P<sep>[ \t]{0,4}[=:][ \t]{0,4})(?P<val>[^\s:=][^\r\n]{0,200}?)[ \t]*(?=\r?$)")
#: Keys that hold each claim (the claim-bearing keys this benchmark re-writes).
CLASS_KEY = {
    "model": re.compile(r"(?i)^(?!.*(?:desc|url|year|list|count|num$|_?id$))(?:.*model.*|mdl|mnmo|prodnbr|device[_-]?type|product[_-]?(?:name|code)?)$"),
    "firmware": re.compile(r"(?i)^(?!.*(?:hard|hw|boot|web|app|api|plugin|sdk|schema|protocol|encoder|latest|new)).*(?:firm|fw|soft|sw|mnfv|version|ver|rev).*$"),
    "vendor": re.compile(r"(?i)^(?:.*(?:manufact|vendor|brand|mfr|mfg).*|make|mf|mnmn|oem)$"),
}
SCHEMA_BOUND = frozenset({"upnp", "tplink", "dhip", "xmeye", "sadp"})
#: Responses whose documents are an API's or a client's (re-nested by ``wrap`` and ``pairs``).
API_PROTOCOLS = frozenset({"http", "https", "other"})
_HEADER_NAMES = frozenset({"server", "www-authenticate", "content-type", "user-agent", "location", "x-powered-by"})


@dataclass(frozen=True)
class Hit:
    kind: str  # json | xml | kv
    start: int
    end: int
    key: str
    match: re.Match[str]


def vocabulary() -> dict[str, list[tuple[str, ...]]]:
    """Section -> entries (key, source) or, for decoys, (key, value, source)."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    section = ""
    for raw in VOCABULARY.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line[1:].partition("]")[0]
            continue
        out[section].append(tuple(line.split("\t")))
    return out


def _words(key: str) -> list[str]:
    parts = re.split(r"[_\-. ]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key))
    return [p.lower() for p in parts if p]


def recasings(key: str) -> list[str]:
    """``key`` in the casings client libraries write: camel, snake, Pascal, kebab, UPPER_SNAKE (the ones that differ)."""
    w = _words(key)
    if not w:
        return []
    forms = [w[0] + "".join(x.title() for x in w[1:]), "_".join(w), "".join(x.title() for x in w), "-".join(w), "_".join(w).upper(),
             "".join(w), "".join(w).upper()]  # (flat: CGI parameters write devmodel, fwversion, modelname; FIRMWAREVERSION)
    return [f for f in dict.fromkeys(forms) if f != key]


#: Prefixes device APIs put before an identity key to say it is the device's own (devModel, device_model, productModel,
#: sysModel, hwModel; deviceFirmwareVersion, sysVersion, currentFirmwareVersion, running_sw_version): ISAPI's and
#: GenICam's Device*, Tapo's device_model, Synology's sys_version, UniFi's hardware/firmware split, Cisco's running image.
PREFIXES = {
    "model": ("dev", "device", "product", "sys", "hw", "camera", "unit"),
    "firmware": ("dev", "device", "product", "sys", "current", "running", "camera", "main"),
    "vendor": ("device", "product", "camera", "system"),
}

ALL_PREFIXES = frozenset(p for ps in PREFIXES.values() for p in ps) | {"hardware", "system", "prod", "cam", "ipc", "nvr", "dvr"}


def prefixed(prefix: str, key: str) -> str:
    """``key`` with ``prefix`` in front, written in the key's own style (camelCase, snake_case, PascalCase, kebab-case,
    UPPER_SNAKE)."""
    w = _words(key)
    if "_" in key:
        return f"{prefix.upper()}_{key}" if key.isupper() else f"{prefix}_{key}"
    if "-" in key:
        return f"{prefix}-{key}"
    if key.isupper() and len(key) > 1:
        return f"{prefix.upper()}_{key}"
    if key[:1].isupper():
        return prefix.title() + key
    return prefix + "".join(x.title() for x in w) if w else key


def _value_pattern(value: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(value) + r"(?![A-Za-z0-9])", re.I)


def find_hits(text: str, claim: str, wanted: Callable[[str], bool]) -> list[Hit]:
    """The structured members of ``text`` whose key is one of ``claim``'s and whose value ``wanted`` accepts."""
    out: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in (("json", _JSON_MEMBER), ("xml", _XML_ELEMENT), ("kv", _KV_LINE)):
        for m in pat.finditer(text):
            key = m.group("key")
            if kind == "kv" and (key.lower() in _HEADER_NAMES or "::" in m.group(0)):
                continue
            if not CLASS_KEY[claim].match(key) or not wanted(m.group("val")):
                continue
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            out.append(Hit(kind, m.start(), m.end(), key, m))
    return sorted(out, key=lambda h: h.start)


def _splice(text: str, hits: list[Hit], render: Callable[[Hit], str]) -> str:
    out, at = [], 0
    for h in hits:
        out.append(text[at:h.start])
        out.append(render(h))
        at = h.end
    out.append(text[at:])
    return "".join(out)


def renamed(h: Hit, new: str) -> str:
    m = h.match
    if h.kind == "json":
        return f"{m['q']}{new}{m['q']}{m['sep']}{m['vq']}{m['val']}{m['vq']}"
    if h.kind == "xml":
        ns = m["ns"] or ""
        return f"<{ns}{new}{m['attrs'] or ''}>{m['val']}</{ns}{new}>"
    return f"{m['pre']}{new}{m['sep']}{m['val']}"


def with_decoy(h: Hit, key: str, value: str, before: bool = False) -> str:
    """The member ``h`` with a decoy member written after it (or, ``before``, ahead of it: a reader that takes the
    first value it meets must not take the decoy either)."""
    m = h.match
    if h.kind == "json":
        decoy = f"{m['q']}{key}{m['q']}{m['sep']}{m['vq']}{value}{m['vq']}"
        return f"{decoy}, {m.group(0)}" if before else f"{m.group(0)}, {decoy}"
    if h.kind == "xml":
        ns = m["ns"] or ""
        decoy = f"<{ns}{key}>{value}</{ns}{key}>"
        return f"{decoy}{m.group(0)}" if before else f"{m.group(0)}{decoy}"
    if before:
        return f"{m['pre']}{key}{m['sep']}{value}\n{m.group(0)}"
    return f"{m.group(0)}\n{m['pre']}{key}{m['sep']}{value}"


def as_property(h: Hit, form: int) -> str:
    m = h.match
    if h.kind != "xml":
        return m.group(0)
    ns = m["ns"] or ""
    if form == 0:
        return f'<{ns}SimpleItem Name="{m["key"]}" Value="{m["val"]}"/>'
    return f'<{ns}param name="{m["key"]}">{m["val"]}</{ns}param>'


#: Envelopes real APIs put a device's record in (outermost first).
ENVELOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("https://github.com/JurajNyiri/pytapo", ("result", "device_info", "basic_info")),
    ("https://github.com/starkillerOG/reolink_aio", ("value", "DevInfo")),
    ("https://github.com/python-kasa/python-kasa", ("system", "get_sysinfo")),
    ("https://github.com/ItsNotGoodName/ipcmanview", ("params",)),
    ("https://github.com/uilibs/uiprotect", ("data",)),
)
#: Property-record conventions: (name key, value key).
PAIRS = (("name", "value"), ("key", "value"), ("Name", "Value"))


def _json_body(raw: str) -> tuple[str, Any] | None:
    """(head, document) of a text whose body (after a blank line, or the whole text) is a JSON object or array."""
    for sep in ("\r\n\r\n", "\n\n"):
        if sep in raw:
            head, _, body = raw.partition(sep)
            head += sep
            break
    else:
        head, body = "", raw
    b = body.strip()
    if b[:1] not in ("{", "["):
        return None
    try:
        doc = json.loads(b)
    except ValueError:
        return None
    return head, doc


def _find_owner(obj: Any, key: str, value_ok: Callable[[str], bool], depth: int = 0) -> tuple[Any, Any] | None:
    """(parent container, key or index in it) of the first object holding ``key`` with an accepted string value."""
    if depth > 30:
        return None
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)):
                if isinstance(v, dict) and isinstance(v.get(key), str) and value_ok(v[key]):
                    return obj, k
                got = _find_owner(v, key, value_ok, depth + 1)
                if got is not None:
                    return got
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            if isinstance(v, dict) and isinstance(v.get(key), str) and value_ok(v[key]):
                return obj, i
            got = _find_owner(v, key, value_ok, depth + 1)
            if got is not None:
                return got
    return None


def _answer(db: SignatureDB, d: dict[str, Any]) -> dict[str, Any]:
    ident = identify(from_dict(d), db)
    return {"vendor": ident.vendor, "brand": ident.brand, "model": ident.model, "firmware": ident.firmware,
            "device_type": ident.device_type}


def _texts(d: dict[str, Any]) -> list[tuple[int, str]]:
    return [(i, r["raw"]) for i, r in enumerate(d.get("responses", []))
            if isinstance(r, dict) and isinstance(r.get("raw"), str) and not r["raw"].startswith("b64:")]


def _with_raw(d: dict[str, Any], raws: dict[int, str]) -> dict[str, Any]:
    out = json.loads(json.dumps(d))
    for i, raw in raws.items():
        out["responses"][i]["raw"] = raw
    return out


def _maker_names(db: SignatureDB, vendor: str, brand: str | None) -> list[str]:
    names: set[str] = set()
    for n in (vendor, brand):
        v = db.vendor(n) if n else None
        if v is not None:
            names |= {v.name, *v.aliases}
        elif n:
            names.add(n)
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def run(db: SignatureDB, seed: int, per_file: int) -> dict[str, Any]:
    vocab = vocabulary()
    results: list[dict[str, Any]] = []
    skipped: dict[str, int] = defaultdict(int)
    for name, d in labelled_records():
        e = d["expect"]
        if not e.get("vendor"):
            continue
        texts = _texts(d)
        if not texts:
            continue
        base = _answer(db, d)
        if not _same_maker(db, base["vendor"], e["vendor"]):
            skipped["vendor wrong as recorded"] += 1
            continue
        video = e.get("device_type") in VIDEO
        for claim in CLAIMS:
            if claim == "vendor":
                names = _maker_names(db, str(e["vendor"]), e.get("brand"))
                pats = [_value_pattern(n) for n in names]

                def wanted(v: str, pats: list[re.Pattern[str]] = pats) -> bool:
                    return any(p.search(v) for p in pats)
                ok_now = True
            else:
                want = e.get(claim)
                if not isinstance(want, str) or len(want) < 2:
                    continue
                pat = _value_pattern(want)

                def wanted(v: str, pat: re.Pattern[str] = pat) -> bool:
                    return pat.search(v) is not None
                ok_now = _same(base[claim], want)
            per_text = {i: find_hits(t, claim, wanted) for i, t in texts}
            per_text = {i: h for i, h in per_text.items() if h}
            if not per_text:
                continue
            # a UPnP device description's element names are fixed by its schema (UPnP DA 2.0 section 2.3), and a maker's
            # discovery protocol's answer (TP-Link's 20002/UDP, Dahua's DHIP, Xiongmai's DVRIP, Hikvision's SADP) has one
            # shape: no device writes them otherwise, so their records are only given decoys (a client that re-keys
            # their values writes another protocol's record, which the other files test)
            decoy_text = per_text
            per_text = {i: h for i, h in per_text.items() if d["responses"][i].get("protocol") not in SCHEMA_BOUND}
            if not ok_now:
                skipped[f"{claim} wrong as recorded"] += 1
                continue
            keys = sorted({h.key for hs in per_text.values() for h in hs})
            raw_of = dict(texts)
            variants: list[tuple[str, str, dict[str, Any], str | None]] = []  # (kind, what, observation, decoy value)
            present = {m.group("key").lower() for _, t in texts for p in (_JSON_MEMBER, _XML_ELEMENT, _KV_LINE) for m in p.finditer(t)}
            # (a key the text already holds is another field of the record: renaming onto it would make two)
            pool = [k for k, *_ in vocab.get("model" if claim == "model" else "firmware" if claim == "firmware" else "maker", [])
                    if k.lower() not in present and _words(k) not in [_words(x) for x in keys]]
            rng = seeded_rng(name, f"rename-{claim}", seed)
            for new in rng.sample(pool, min(per_file, len(pool))) if per_text else ():
                raws = {i: _splice(raw_of[i], hs, lambda h, new=new: renamed(h, new)) for i, hs in per_text.items()}
                variants.append(("rename", f"{'/'.join(keys)} -> {new}", _with_raw(d, raws), None))
            forms = {k: recasings(k) for k in sorted({h.key for hs in per_text.values() for h in hs})}
            for n in range(min((len(v) for v in forms.values()), default=0)):  # every casing (at most seven)
                pick = {k: v[n] for k, v in forms.items()}
                raws = {i: _splice(raw_of[i], hs, lambda h, pick=pick: renamed(h, pick[h.key])) for i, hs in per_text.items()}
                variants.append(("recase", ", ".join(f"{k} -> {v}" for k, v in pick.items()), _with_raw(d, raws), None))
            fixes = PREFIXES["model" if claim == "model" else "firmware" if claim == "firmware" else "vendor"]
            rng = seeded_rng(name, f"prefix-{claim}", seed)
            for pre in rng.sample(fixes, min(2, len(fixes))) if per_text else ():
                pick = {k: prefixed(pre, k) for k in {h.key for hs in per_text.values() for h in hs}}
                if any(" " in k or set(_words(k)[:1]) & ALL_PREFIXES or v.lower() in present for k, v in pick.items()):
                    continue  # a label, a key that already starts with such a word, or a prefixed key the record holds
                raws = {i: _splice(raw_of[i], hs, lambda h, pick=pick: renamed(h, pick[h.key])) for i, hs in per_text.items()}
                variants.append(("prefix", ", ".join(f"{k} -> {v}" for k, v in pick.items()), _with_raw(d, raws), None))
            decoys = vocab.get("decoy-" + ("model" if claim == "model" else "firmware" if claim == "firmware" else "maker"), [])
            rng = seeded_rng(name, f"decoy-{claim}", seed)
            for n, (dk, dv, *_) in enumerate(rng.sample(decoys, min(per_file, len(decoys)))):
                before = n % 2 == 1  # every other decoy ahead of the claim's key
                raws = {i: _splice(raw_of[i], hs[:1], lambda h, dk=dk, dv=dv, before=before: with_decoy(h, dk, dv, before))
                        for i, hs in decoy_text.items()}
                variants.append(("decoy", f"{dk}={dv} {'before' if before else 'after'} {'/'.join(keys)}", _with_raw(d, raws), dv))
            # nesting: JSON documents re-wrapped, records as property lists; XML elements as property elements
            for i, hs in per_text.items():
                if d["responses"][i].get("protocol") not in API_PROTOCOLS:
                    continue  # a discovery protocol's own document (DHIP, DVRIP) has one shape: not re-nested
                if any(h.kind == "json" for h in hs):
                    parsed = _json_body(raw_of[i])
                    if parsed is None:
                        continue
                    head, doc = parsed
                    src, env = ENVELOPES[seeded_rng(name, f"wrap-{claim}-{i}", seed).randrange(len(ENVELOPES))]
                    wrapped: Any = doc
                    for part in reversed(env):
                        wrapped = {part: wrapped}
                    variants.append(("wrap", f"under {'.'.join(env)}", _with_raw(d, {i: head + json.dumps(wrapped, indent=1)}), None))
                    key = next(h.key for h in hs if h.kind == "json")
                    holder = doc if isinstance(doc, dict) and isinstance(doc.get(key), str) and wanted(doc[key]) else None
                    owner = None if holder is not None else _find_owner(doc, key, wanted)
                    record = holder if holder is not None else owner[0][owner[1]] if owner is not None else None
                    if isinstance(record, dict):
                        nk, vk = PAIRS[seeded_rng(name, f"pairs-{claim}-{i}", seed).randrange(len(PAIRS))]
                        listed = [{nk: k, vk: v} for k, v in record.items()]
                        if owner is None:
                            new_doc: Any = listed
                        else:
                            new_doc = json.loads(json.dumps(doc))
                            target = _find_owner(new_doc, key, wanted)
                            assert target is not None
                            target[0][target[1]] = listed
                        variants.append(("pairs", f"{{{nk}, {vk}}} records", _with_raw(d, {i: head + json.dumps(new_doc, indent=1)}), None))
                xml = [h for h in hs if h.kind == "xml"]
                if xml:
                    form = seeded_rng(name, f"pairs-xml-{claim}-{i}", seed).randrange(2)
                    variants.append(("pairs", ["SimpleItem Name/Value", "param name"][form],
                                     _with_raw(d, {i: _splice(raw_of[i], xml, lambda h, form=form: as_property(h, form))}), None))
            for kind, what, obs, decoy in variants:
                got = _answer(db, obs)
                if claim == "vendor":
                    kept = _same_maker(db, got["vendor"], e["vendor"])
                else:
                    kept = _same(got[claim], base[claim])
                false_camera = not video and got["device_type"] in VIDEO and e.get("device_type") is not None
                ok = kept and not false_camera
                why = "; ".join(x for x in (
                    "" if kept else f"{claim} {got[claim]!r}" + (" (the decoy)" if decoy and _same(got[claim], decoy) else ""),
                    "" if not false_camera else f"false camera {got['device_type']!r}") if x)
                protos = "+".join(sorted({str(d["responses"][i].get("protocol")) for i in decoy_text}))
                results.append({"path": name, "claim": claim, "kind": kind, "what": what, "ok": ok, "why": why, "protocol": protos})
    return {"results": results, "skipped": dict(skipped)}


def summary(out: dict[str, Any]) -> dict[str, Any]:
    per: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    total = [0, 0]
    for r in out["results"]:
        per[r["kind"]][r["claim"]][0] += r["ok"]
        per[r["kind"]][r["claim"]][1] += 1
        total[0] += r["ok"]
        total[1] += 1
    return {"per_kind": {k: dict(v) for k, v in per.items()}, "all": total, "skipped": out["skipped"],
            "files": len({r["path"] for r in out["results"]})}


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--seed", type=int, default=15, help="seed of the draws (default 15)")
    ap.add_argument("--per-file", type=int, default=3, help="keys drawn per file, claim and kind (default 3, at most 6)")
    ap.add_argument("--losses", action="store_true", help="list every loss (training files only)")
    add_json(ap, "write the figures and losses as JSON")
    add_signatures(ap)
    args = ap.parse_args(argv)
    db = load_db(args.signatures)
    out = run(db, args.seed, max(1, min(args.per_file, 6)))
    s = summary(out)
    kinds = ("rename", "recase", "prefix", "decoy", "wrap", "pairs")
    print(f"{'claim':<10} " + " ".join(f"{k:>16}" for k in kinds))
    for claim in CLAIMS:
        print(f"{claim:<10} " + " ".join(f"{pct(*s['per_kind'].get(k, {}).get(claim, [0, 0])):>16}" for k in kinds))
    print(f"all: {pct(*s['all'])} over {s['files']} files")
    print("not measured: " + ", ".join(f"{k} {v}" for k, v in sorted(s["skipped"].items())))
    if args.losses:
        for r in out["results"]:
            if not r["ok"]:
                print(f"loss\t{r['kind']}\t{r['claim']}\t{r['protocol']}\t{r['path']}\t{r['what']}\t{r['why']}")
    if args.json:
        write_json(args.json, {**s, "losses": failed(out["results"])})
    return 0


if __name__ == "__main__":
    sys.exit(main())
