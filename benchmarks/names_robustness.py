#!/usr/bin/env python3
"""Name robustness: is a maker's name taken in the other real forms and places it is written, and never where the
text only mentions the maker (issue 11, the "name token present but not taken" group)?

Built from TRAINING files only (tests/corpus; the test split is never read) and from public name forms:

- ``forms`` -- for every training file whose vendor is right as recorded and whose vendor claim rests on a name
  token (the answer loses the maker when its names are removed, as benchmarks/perturb_robustness.py ``nomaker``
  removes them), each occurrence of the maker's name as a name is replaced by another real form of the SAME maker:
  the name in capitals and in lower case (``HIKVISION`` in a Server header, ``hikvision`` in a host name), its
  spellings with and without the blank or hyphen of a two-part name (``TP-LINK``, ``TP Link``, ``tplink``), and,
  where the name stands in a company slot (after ``manufacturer``, ``vendor``, ``copyright``, ``O=``...), the
  maker's registered names as the IEEE registry writes them (``Hangzhou Hikvision Digital Technology Co.,Ltd.``,
  ``ZHEJIANG DAHUA TECHNOLOGYCO.,LTD``, ``TP-LINK TECHNOLOGIES CO.,LTD.``: signatures/oui/registry.tsv, the IEEE
  MA-L/MA-M/MA-S registries, https://standards-oui.ieee.org/) and its ``legal`` name (signatures/vendors). The
  answer must keep the maker (and the label, when the file records one). Every other training file with the
  maker's name as a name is measured too (``forms-any``: a form must never cost a claim other evidence holds).
- ``contexts`` -- fragments that place one real form of a maker in one real place makers write it, each place's
  shape from a public specification (docs/accuracy.md lists them): a web page's copyright footer, a page's
  ``<meta name="author">``, a link and a support e-mail address on the maker's domain, a certificate subject's
  ``O=``, a UPnP description's ``manufacturer``/``manufacturerURL``, an SSDP ``SERVER`` product token, an SNMP
  ``sysContact`` and ``sysDescr``, a DNS-SD instance name. For every maker of the training labels that the
  signatures know with a legal name or a domain. The answer must name the maker.
- ``decoys`` -- the same places, and every non-camera training file's own text, with words that MENTION a maker
  without being its device: ``compatible with <maker> cameras``, ``<maker>-to-ONVIF bridge``, a home-automation
  integration's ``<maker>`` component logging on its host, a reseller's line, a CVE sentence. The answer must not
  name the mentioned maker, and a non-camera must stay a non-camera.

    .venv/bin/python benchmarks/names_robustness.py             # retention per part and kind
    .venv/bin/python benchmarks/names_robustness.py --losses    # and every loss, one a line
    .venv/bin/python benchmarks/names_robustness.py --json OUT
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, add_json, add_signatures, failed, labelled_records, parser, pct, write_json  # noqa: E402
from perturb_robustness import _NAME, VIDEO, _canon, _family, _texts, drop_names  # noqa: E402

from netscan.identify import identify  # noqa: E402
from netscan.identify.accuracy import _same_maker  # noqa: E402
from netscan.observations import from_dict  # noqa: E402
from netscan.sigdb import SignatureDB, load_db  # noqa: E402
from netscan.sigdb.names import normalise_name  # noqa: E402

REGISTRY = ROOT / "signatures" / "oui" / "registry.tsv"
#: A company slot: words before a name that say a company stands there (a manufacturer field, a copyright line, a
#: certificate's organisation), on the same line within 40 characters.
_COMPANY_SLOT = re.compile(r"(?i)(?:manufacturer|vendor|company|copyright|\u00a9|&copy;|\(c\)|organi[sz]ation|made by|\bO\s?=|\bmaker)[^\n]{0,40}$")
MAX_LEGAL = 4  # registered names per maker drawn (the most frequent spellings first)


def answer(db: SignatureDB, d: dict[str, Any]) -> dict[str, Any]:
    ident = identify(from_dict(d), db)
    return {"vendor": ident.vendor, "brand": ident.brand, "device_type": ident.device_type}


def registered(db: SignatureDB) -> dict[str, list[str]]:
    """Canonical maker -> its registered names as the IEEE registry writes them (most blocks first): the names its
    ``oui_registrants`` list, and registrants that hold the maker's name as a word and open with its legal name's
    first word, a registration place (``ZHEJIANG DAHUA TECHNOLOGYCO.,LTD``; never ``Shanghai Dahua Scale Factory``)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    want: dict[str, str] = {}
    words: dict[str, tuple[str, set[str]]] = {}
    for v in db.vendors.values():
        for r in v.oui_registrants:
            want[r] = v.name
        if v.legal:
            first = normalise_name(v.legal).split()[:1]
            words[v.name] = (normalise_name(v.name), set(first) - set(normalise_name(v.name).split()))
    for raw in REGISTRY.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 3:
            continue
        reg = parts[2].strip()
        key = normalise_name(reg)
        maker = want.get(key)
        if maker is None:
            for name, (nm, extra) in words.items():
                if nm and f" {nm} " in f" {key} " and key.split()[0] in extra:
                    maker = name
                    break
        if maker is not None:
            counts[maker][reg] += 1
    return {m: [r for r, _ in sorted(c.items(), key=lambda x: -x[1])][:MAX_LEGAL] for m, c in counts.items()}


#: How an occurrence of a name is written otherwise: in capitals, in lower case, a two-part name (``TP-Link``,
#: ``Samsung Electronics``) with its blank or hyphen changed or dropped.
SPELLINGS = ("upper", "lower", "spaced", "hyphen", "joined", "joined-lower")


def spelled(written: str, how: str) -> str:
    """``written`` (a name as the text writes it) written the ``how`` way (``SPELLINGS``); "" when that is no change."""
    parts = re.split(r"[ \-]", written)
    two = len(parts) == 2 and all(parts)
    out = {"upper": written.upper(), "lower": written.lower(),
           "spaced": " ".join(parts) if two else "", "hyphen": "-".join(parts) if two else "",
           "joined": "".join(parts) if two else "", "joined-lower": "".join(parts).lower() if two else ""}[how]
    return "" if out == written else out


def domains(db: SignatureDB, maker: str) -> list[str]:
    v = db.vendor(maker)
    if v is None:
        return []
    return [a.lower() for a in v.aliases if re.fullmatch(r"[A-Za-z0-9-]{2,30}(?:\.[A-Za-z]{2,6}){1,2}", a)]


def _subst(d: dict[str, Any], names: list[str], form: Any, company_only: bool) -> tuple[dict[str, Any], int]:
    """``d`` with each occurrence of ``names`` as a name (``_NAME``; in a company slot only, with ``company_only``)
    replaced by ``form(occurrence)`` (a string: that string), where that is not empty; and how many were replaced."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pat = re.compile(_NAME.format(f"(?:{alts})"), re.IGNORECASE)
    out = json.loads(json.dumps(d))
    n = 0
    for r in out.get("responses", []):
        if not isinstance(r, dict) or not isinstance(r.get("raw"), str):
            continue
        text = r["raw"]

        def repl(m: re.Match[str], text: str = text) -> str:
            nonlocal n
            if company_only and _COMPANY_SLOT.search(text[max(0, m.start() - 60): m.start()]) is None:
                return m.group(0)
            new = form if isinstance(form, str) else form(m.group(0))
            if not new:
                return m.group(0)
            n += 1
            return str(new)

        r["raw"] = pat.sub(repl, text)
    return out, n


def part_forms(db: SignatureDB) -> list[dict[str, Any]]:
    legal = registered(db)
    out: list[dict[str, Any]] = []
    for path, d in labelled_records():
        e = d["expect"]
        vendor = e.get("vendor")
        if not vendor:
            continue
        base = answer(db, d)
        if not _same_maker(db, base["vendor"], vendor):
            continue
        makers = _family(db, e.get("brand")) | _family(db, vendor) or {str(vendor)}
        named = _canon(db, e.get("brand")) or _canon(db, vendor) or str(vendor)
        v = db.vendor(named)
        names = sorted({n for k in makers for vv in [db.vendor(k)] if vv for n in (vv.name, *vv.aliases)} | {str(vendor)})
        names = [n for n in names if "." not in n]  # domains are conventions (perturb's nomaker keeps them too)
        rests = not _same_maker(db, answer(db, drop_names(d, names, ""))["vendor"], vendor)
        kind = "forms" if rests else "forms-any"
        forms: list[tuple[str, Any]] = [(how, lambda w, how=how: spelled(w, how)) for how in SPELLINGS]
        forms += [("legal", f) for f in dict.fromkeys(([v.legal] if v and v.legal else []) + legal.get(v.name if v else named, [])) if f]
        for how, form in forms:
            changed, n = _subst(d, names, form, company_only=how == "legal")
            if n == 0:
                continue
            got = answer(db, changed)
            ok = _same_maker(db, got["vendor"], vendor) and (not e.get("brand") or _same_maker(db, got["brand"] or got["vendor"], e["brand"]))
            out.append({"part": kind, "kind": how, "path": path, "maker": named, "form": form if isinstance(form, str) else how, "ok": ok,
                        "why": "" if ok else f"vendor {got['vendor']!r} brand {got['brand']!r}"})
    return out


def _http(body: str, server: str = "") -> dict[str, Any]:
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + (f"Server: {server}\r\n" if server else "") + "\r\n"
    return {"protocol": "http", "port": 80, "request": "GET /", "raw": head + body}


def _page(inner: str, title: str = "Login") -> str:
    return f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><div id=\"login\"></div>{inner}</body></html>"


def contexts(name: str, legal: str, domain: str) -> list[tuple[str, dict[str, Any]]]:
    """One fragment per place (module docstring); the shapes: HTML 4.01 / WHATWG ``meta name=author``, RFC 5280 subject
    attributes as openssl prints them, UPnP Device Architecture 1.0 2.3 (manufacturer, manufacturerURL) and 1.1.2
    (SERVER: OS/version UPnP/1.0 product/version), RFC 1213 sysContact / sysDescr in net-snmp's snmpwalk output,
    RFC 6763 instance names."""
    token = re.sub(r"[^A-Za-z0-9]", "", name)
    out = [
        ("copyright-footer", {"responses": [_http(_page(f"<div class=\"footer\">Copyright &copy; 2019 {legal} All rights reserved.</div>"))]}),
        ("copyright-short", {"responses": [_http(_page(f"<p class=\"copyright\">\u00a9 2019 {name}</p>"))]}),
        ("meta-author", {"responses": [_http(f"<html><head><meta name=\"author\" content=\"{name}\"><title>Login</title></head><body></body></html>")]}),
        ("cert-o", {"responses": [{"protocol": "tls", "port": 443, "raw": f"Subject: C=CN, ST=State, L=City, O={legal}, CN=192.168.1.64\n"}]}),
        ("upnp-manufacturer", {"responses": [{"protocol": "upnp", "port": 49152, "request": "GET /description.xml",
                                              "raw": "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
                                                     f"<friendlyName>Device</friendlyName><manufacturer>{legal}</manufacturer>"
                                                     + (f"<manufacturerURL>http://www.{domain}</manufacturerURL>" if domain else "")
                                                     + "</device></root>"}]}),
        ("ssdp-server", {"responses": [{"protocol": "ssdp", "port": 1900, "raw": f"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nSERVER: Linux/3.10, UPnP/1.0, {token}/1.0\r\nST: upnp:rootdevice\r\n\r\n"}]}),
        ("snmp-sysdescr", {"responses": [{"protocol": "snmp", "port": 161, "raw": f".1.3.6.1.2.1.1.1.0 = STRING: \"{name} Network Device\"\n"}]}),
        ("mdns-instance", {"responses": [{"protocol": "mdns", "port": 5353, "raw": f"_http._tcp.local. PTR {name} Device._http._tcp.local.\n"}]}),
    ]
    if domain:
        out += [
            ("support-email", {"responses": [_http(_page(f"<p>Support: <a href=\"mailto:support@{domain}\">support@{domain}</a></p>"))]}),
            ("maker-link", {"responses": [_http(_page(f"<a href=\"https://www.{domain}/\" target=\"_blank\">Help</a>"))]}),
            ("snmp-syscontact", {"responses": [{"protocol": "snmp", "port": 161, "raw": f".1.3.6.1.2.1.1.4.0 = STRING: \"support@{domain}\"\n"}]}),
        ]
    return out


def decoys(name: str) -> list[tuple[str, str]]:
    """Words that mention a maker without being its device (module docstring), as page text or log lines."""
    return [
        ("compatible-with", f"Compatible with {name} cameras and NVRs"),
        ("bridge", f"{name}-to-ONVIF bridge"),
        ("integration", f"2024-05-01 10:00:01 INFO (MainThread) [homeassistant.components.{name.lower().replace(' ', '_').replace('-', '_')}] Setting up {name.lower()}"),
        ("reseller", f"Authorized {name} reseller - shop {name} security products online"),
        ("cve", f"CVE-2021-36260: command injection in the web server of some {name} products"),
    ]


def _maker_list(db: SignatureDB) -> list[str]:
    out = []
    for _path, d in labelled_records():
        v = _canon(db, d["expect"].get("vendor"))
        if v and d["expect"].get("device_type") in VIDEO and v not in out:
            out.append(v)
    return sorted(out, key=str.lower)


def part_contexts(db: SignatureDB) -> list[dict[str, Any]]:
    legal = registered(db)
    out: list[dict[str, Any]] = []
    for maker in _maker_list(db):
        v = db.vendor(maker)
        if v is None:
            continue
        dom = (domains(db, maker) or [""])[0]
        leg = (legal.get(maker) or [v.legal or ""])[0] or (v.legal or "")
        if not leg and not dom:
            continue
        for where, d in contexts(v.name, leg or v.name, dom):
            got = answer(db, {"ip": None, "mac": None, **d})
            ok = _same_maker(db, got["vendor"], maker)
            out.append({"part": "contexts", "kind": where, "path": "-", "maker": maker, "form": leg if "copyright-f" in where or where in ("cert-o", "upnp-manufacturer") else v.name,
                        "ok": ok, "why": "" if ok else f"vendor {got['vendor']!r}"})
    return out


def part_decoys(db: SignatureDB) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    makers = [m for m in ("Hikvision", "Dahua", "Reolink", "Axis", "Amcrest", "Uniview") if db.vendor(m)]
    # the decoy as a fragment: page text, a log line
    for maker in makers:
        for kind, text in decoys(maker):
            for shape, d in (("page", {"responses": [_http(_page(f"<p>{text}</p>", title="Shop"))]}),
                             ("log", {"responses": [{"protocol": "other", "port": None, "raw": text + "\n"}]})):
                got = answer(db, {"ip": None, "mac": None, **d})
                ok = not _same_maker(db, got["vendor"], maker) and got["device_type"] not in VIDEO
                out.append({"part": "decoys", "kind": f"{kind}/{shape}", "path": "-", "maker": maker, "form": text, "ok": ok,
                            "why": "" if ok else f"vendor {got['vendor']!r} type {got['device_type']!r}"})
    # the decoy inside every non-camera training file's own text (an HTML body's end, else a line of its own)
    for path, d in labelled_records():
        e = d["expect"]
        if e.get("device_type") in VIDEO or not e.get("device_type"):
            continue
        base = answer(db, d)
        if base["device_type"] in VIDEO:
            continue
        for maker in makers[:2]:
            if _same_maker(db, e.get("vendor"), maker) or maker.lower() in _texts(d).lower():
                continue
            for kind, text in decoys(maker):
                changed = json.loads(json.dumps(d))
                r = next((x for x in changed.get("responses", []) if isinstance(x, dict) and isinstance(x.get("raw"), str)
                          and ("</body>" in x["raw"] or (x.get("protocol") == "other" and x["raw"].lstrip()[:1] not in ("{", "[", "<")))), None)
                if r is None:
                    continue  # (a protocol's header block or a document: a line added there is a field, not a mention)
                raw = r["raw"]
                r["raw"] = raw.replace("</body>", f"<p>{text}</p></body>", 1) if "</body>" in raw else raw.rstrip("\n") + "\n" + text + "\n"
                got = answer(db, changed)
                ok = not _same_maker(db, got["vendor"], maker) and got["device_type"] not in VIDEO
                out.append({"part": "decoys-training", "kind": kind, "path": path, "maker": maker, "form": text, "ok": ok,
                            "why": "" if ok else f"vendor {got['vendor']!r} type {got['device_type']!r}"})
    return out


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    per: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in results:
        for k in (r["kind"].split("/")[0], "all"):
            per[r["part"]][k][0] += r["ok"]
            per[r["part"]][k][1] += 1
    return {p: {k: v for k, v in sorted(kinds.items())} for p, kinds in per.items()}


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--losses", action="store_true", help="list every loss (training files only)")
    add_json(ap, "write the figures and losses as JSON")
    ap.add_argument("--part", choices=("forms", "contexts", "decoys"), action="append", help="only these parts")
    add_signatures(ap)
    args = ap.parse_args(argv)
    db = load_db(args.signatures)
    parts = args.part or ["forms", "contexts", "decoys"]
    results: list[dict[str, Any]] = []
    for p, fn in (("forms", part_forms), ("contexts", part_contexts), ("decoys", part_decoys)):
        if p in parts:
            results += fn(db)
    s = summary(results)
    for part, kinds in s.items():
        print(f"{part:<16} " + ", ".join(f"{k} {pct(*v)}" for k, v in kinds.items()))
    if args.losses:
        for r in results:
            if not r["ok"]:
                print(f"loss\t{r['part']}\t{r['kind']}\t{r['maker']}\t{r['path']}\t{r['form']!r}\t{r['why']}")
    if args.json:
        write_json(args.json, {"summary": s, "losses": failed(results)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
