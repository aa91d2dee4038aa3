#!/usr/bin/env python3
"""Fragment robustness: does netscan keep a claim when given only the fragment that carries its evidence?

Held-out material is often a fragment of an exchange: one ``Server:`` line, a body without its
headers, a page title, an SDP, a banner, one JSON/XML document, one log line. For every corpus file
of a split this benchmark identifies the full observation, takes each of its correct claims (vendor,
model, firmware, device type: the values that agree with the file's ``expect``), derives fragments
from the raw text of each response and identifies each fragment alone (same protocol, port and
request, no MAC, no other response). A fragment counts for a claim when it holds the claim's evidence
text: the text a fingerprint rule or grammar matched in the response's fields, the value a field
convention read, or the maker's name. Kept = the fragment's answer makes the same claim; contradicted
= it makes a different one (another maker, another model, another type; a non-camera made a camera).

Fragment shapes (docs/accuracy.md "Fragment robustness"):

- ``header-line``   each header line of a message alone (``Server: App-webs/``)
- ``headers``       the header block without its status line
- ``body``          the body alone (after the blank line), same protocol
- ``bare-body``     the body alone as a user pastes it (protocol ``other``: a fixture, ``curl`` without ``-i``)
- ``title``         the page's ``<title>`` text alone (request ``title``, the documented convention)
- ``title-tag``     the ``<title>...</title>`` element alone
- ``sdp``           the SDP alone (from its ``v=0`` line)
- ``line``          each other line of the text that carries evidence (a banner line, a log line)
- ``doc-line``      one line cut out of a JSON or XML document (``<modelName>X</modelName>``)
- ``value``         the raw value of the evidence's header alone (request named for the header)
- ``pasted-header`` the evidence's header as a ``Name: value`` line pasted as ``other``

One member of a JSON or XML document, re-printed the ways tools and people print one (only members whose
value carries evidence; the member's parents are gone or folded into a path), each pasted as ``other``:

- ``dotted-path``   ``device_info.basic_info.device_model = C210`` (a flattened document: the ``flats`` and
                    TypeDoc flatten helpers' ``a.b = v``; Axis's own ``root.Properties.Firmware.Version=5.51.6``)
- ``gron-line``     ``json.device_info.basic_info.device_model = "C210";`` (tomnomnom/gron's assignments)
- ``yaml-line``     ``device_model: C210`` (one line of a YAML print: OpenIPC ipctool's report, OpenIPC/ipctool#25)
- ``table-row``     ``| device_model | C210 |`` (a two-column table row pasted in an issue:
                    mrlt8/docker-wyze-bridge#1036 ``firmware_ver | 4.36.9.139``, guino/ppsapp-rtsp#7)
- ``log-object``    the member's object (its scalar members) printed on one line inside a log line
                    (``... DEBUG (MainThread) [client] Device info: {'device_model': 'C210', ...}`` as
                    TheFab21/ha-samsungtv-smart#3 and reolink_aio's debug log in home-assistant/core#103241 print one)
- ``log-line``      ``16/02/2023 16:23:22 [INFO] device_model: C210`` (a client's log line of one detail: amcrest2mqtt's
                    ``[INFO] Device type: AD110`` lines, dchesterton/amcrest2mqtt#101)
- ``xml-element``   one element ``<modelName>X</modelName>`` of an XML document, also of one written on one line
                    (same protocol and request)

    .venv/bin/python benchmarks/fragment_robustness.py [--split training|test] [--losses] [--json]

``--split test`` prints aggregate counts only (never a file name, a value or a per-file result).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from itertools import islice
from collections.abc import Callable, Iterator
from typing import Any
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import SPLITS, labelled_observations, parser  # noqa: E402

from netscan.identify import identify  # noqa: E402
from netscan.identify.accuracy import answer_matches  # noqa: E402
from netscan.model import VIDEO_TYPES, Identification, Observation, Response  # noqa: E402
from netscan.parsers import fields  # noqa: E402
from netscan.parsers.unwrap import unwrap  # noqa: E402
from netscan.sigdb import SignatureDB, load_db  # noqa: E402
from netscan.sigdb.db import Rule  # noqa: E402
from netscan.parsers._util import Unreadable, local, parse_xml  # noqa: E402

KINDS = ("vendor", "model", "firmware", "device_type")
#: bounds: fragments per response and lines considered per text
MAX_FRAGMENTS = 40
MAX_LINES = 400
MIN_EVIDENCE = 3

_STATUS = re.compile(r"^(?:HTTP|RTSP|SIP)/\d\.\d \d{3}\b|^NOTIFY \* HTTP/1\.1")
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,60}):[ \t]*(.*)$")
_TITLE = re.compile(r"<title[^>]*>(.{1,300}?)</title>", re.I | re.S)


def _text(resp: Response) -> str | None:
    """The response's text as the device sent it (an encoded recording undone), or None (binary)."""
    raw = resp.raw
    if not raw or raw.startswith("b64:"):
        return None
    if raw[:5] not in ("HTTP/", "RTSP/"):
        un = unwrap(raw)
        if un is not None:
            return None if un.startswith("b64:") else un
    return raw


def fragments(resp: Response, text: str) -> Iterator[tuple[str, Response]]:
    """(shape, fragment response) pairs derived from one response's text."""
    proto, port, req = resp.protocol, resp.port, resp.request
    norm = text.replace("\r\n", "\n")
    lines = norm.split("\n")[:MAX_LINES]
    seen: set[tuple[str, str, str]] = set()

    def make(shape: str, raw: str, protocol: str = proto, request: str = req) -> Iterator[tuple[str, Response]]:
        raw = raw.strip("\n")
        if not raw.strip() or raw == text or (protocol, request, raw) in seen:
            return
        seen.add((protocol, request, raw))
        yield shape, Response(protocol=protocol, raw=raw, port=port, request=request)

    head_end = None
    if lines and _STATUS.match(lines[0]):
        try:
            head_end = lines.index("", 1)
        except ValueError:
            head_end = len(lines)
        head = lines[1:head_end]
        for line in head:
            m = _HEADER.match(line)
            if m:
                yield from make("header-line", line)
                name, value = m.group(1), m.group(2).strip()
                if value:
                    yield from make("value", value, request=name.lower())
                    yield from make("pasted-header", f"{name}: {value}", protocol="other", request="")
        if head:
            yield from make("headers", "\n".join(head))
        body = "\n".join(lines[head_end + 1:]) if head_end < len(lines) else ""
        if body.strip():
            yield from make("body", body)
            yield from make("bare-body", body, protocol="other", request="")
    else:
        body = norm
    t = _TITLE.search(body)
    if t and t.group(1).strip():
        yield from make("title", " ".join(t.group(1).split()), request="title")
        yield from make("title-tag", t.group(0))
    v = body.find("v=0\n")
    if v >= 0 and (v == 0 or body[v - 1] == "\n"):
        yield from make("sdp", body[v:])
    start = head_end + 1 if head_end is not None else 0
    document = body.lstrip()[:1] in ("{", "[", "<")
    for line in lines[start:]:
        if line.strip():
            yield from make("doc-line" if document else "line", line.strip())


#: most document members re-printed per response, members of one object printed on a log line, characters of that line
MAX_LEAVES = 12
MAX_OBJECT_MEMBERS = 10
MAX_OBJECT_CHARS = 600
_LOG_PREFIX = "2024-03-01 10:00:00.000 DEBUG (MainThread) [client] Device info: "


def _json_leaves(doc: Any, path: tuple[str, ...] = (), depth: int = 0) -> Iterator[tuple[tuple[str, ...], str, dict[str, str]]]:
    """(path, value, scalar members of the value's object) for each string or number leaf of a JSON document."""
    if depth > 12:
        return
    if isinstance(doc, dict):
        scalars = {str(k): str(v) for k, v in doc.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
        for k, v in doc.items():
            if isinstance(v, (dict, list)):
                yield from _json_leaves(v, (*path, str(k)), depth + 1)
            elif isinstance(v, (str, int, float)) and not isinstance(v, bool):
                yield (*path, str(k)), str(v), scalars
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:50]):
            yield from _json_leaves(v, (*path[:-1], f"{path[-1]}[{i}]") if path else (f"[{i}]",), depth + 1)


def _xml_leaves(root: Any) -> Iterator[tuple[tuple[str, ...], str, dict[str, str]]]:
    """(path of local tag names, text, leaf siblings) for each leaf element of an XML document."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, (local(root.tag),))]
    n = 0
    while stack and n < 2000:
        el, path = stack.pop(0)
        n += 1
        kids = list(el)
        if kids:
            scalars = {local(k.tag): (k.text or "").strip() for k in kids if not len(k) and (k.text or "").strip()}
            for k in kids:
                if len(k):
                    stack.append((k, (*path, local(k.tag))))
                elif (k.text or "").strip():
                    yield (*path, local(k.tag)), (k.text or "").strip(), scalars


def _document_leaves(body: str) -> tuple[str, list[tuple[tuple[str, ...], str, dict[str, str]]]] | None:
    """("json"|"xml", leaves) of a body that is one JSON or XML document, else None."""
    b = body.strip()
    if not b or len(b) > 200_000:
        return None
    if b[0] in "{[":
        try:
            return "json", list(_json_leaves(json.loads(b)))[:5000]
        except (ValueError, RecursionError):
            return None
    if b[0] == "<":
        try:
            return "xml", list(_xml_leaves(parse_xml(b)))
        except Unreadable:
            return None
    return None


def leaf_fragments(resp: Response, text: str, carries: Callable[[str], bool]) -> Iterator[tuple[str, Response]]:
    """(shape, fragment) pairs re-printing each evidence-carrying member of the response's JSON/XML body."""
    norm = text.replace("\r\n", "\n")
    body = norm
    if _STATUS.match(norm.split("\n", 1)[0]):
        _, sep, rest = norm.partition("\n\n")
        body = rest if sep else ""
    got = _document_leaves(body)
    if got is None:
        return
    kind, leaves = got
    seen: set[tuple[str, str]] = set()
    done = 0
    for path, value, scalars in leaves:
        if done >= MAX_LEAVES:
            break
        if not value.strip() or not carries(value) or len(value) > 300:
            continue
        done += 1
        key = path[-1]
        shown = [(k, v) for k, v in scalars.items() if len(v) <= 120][:MAX_OBJECT_MEMBERS]
        if key not in dict(shown):
            shown = [(key, value), *shown[: MAX_OBJECT_MEMBERS - 1]]
        obj = json.dumps(dict(shown)) if kind == "json" else repr(dict(shown))
        out = [("dotted-path", f"{'.'.join(path)} = {value}"),
               ("gron-line", f"json.{'.'.join(path)} = {json.dumps(value)};"),
               ("yaml-line", f"{key}: {value}"),
               ("table-row", f"| {key} | {value} |"),
               ("log-object", (_LOG_PREFIX + obj)[: len(_LOG_PREFIX) + MAX_OBJECT_CHARS]),
               ("log-line", f"16/02/2023 16:23:22 [INFO] {key}: {value}")]
        for shape, raw in out:
            if (shape, raw) not in seen:
                seen.add((shape, raw))
                yield shape, Response(protocol="other", raw=raw, port=resp.port, request="")
        if kind == "xml":
            raw = f"<{key}>{value}</{key}>"
            if ("xml-element", raw) not in seen:
                seen.add(("xml-element", raw))
                yield "xml-element", Response(protocol=resp.protocol, raw=raw, port=resp.port, request=resp.request)


def rule_index(db: SignatureDB) -> tuple[dict[str, Rule], set[str]]:
    """What ``_evidence_texts`` reads of the database: every rule by id, and the ids of the family (any-field) rules."""
    return {r.id: r for r in (*db.rules, *db.any_rules, *db.prefix_rules)}, {r.id for r in db.any_rules}


def _evidence_texts(db: SignatureDB, rules: dict[str, Rule], family: set[str], obs: Observation, ident: Identification,
                    kind: str, value: str) -> set[str]:
    """Texts whose presence in a fragment means it carries evidence of ``kind`` = ``value``: the claimed
    model or firmware itself; for a maker or a type the text a single-field rule matched in the field it
    reads (a rule that ``requires`` other fields needs them too: not one fragment's evidence), the model
    a maker's grammar read (a model implies its maker only through a grammar) and the maker's names."""
    out: set[str] = set()
    responses = [r for r in obs.responses if r.raw]
    for e in ident.evidence:
        got = e.extracted.get(kind)
        if got is None or e.kind != "rule":
            continue
        if not answer_matches(db, kind, got, value):
            continue
        if kind in ("model", "firmware", "vendor"):
            out.add(got)
        if kind in ("model", "firmware"):
            continue
        if "model" in e.extracted and e.source in family:
            out.add(e.extracted["model"])
        rule = rules.get(e.source)
        if rule is None or rule.requires:
            continue
        for r in responses:
            if r.protocol != e.protocol or r.port != e.port:
                continue
            for name, values in fields(r).items():
                if e.source not in family and rule not in db.rules_for_field(name):
                    continue
                for val in values:
                    if isinstance(val, str) and len(val) <= 4000:
                        m = rule.pattern.search(val)
                        if m is not None:
                            hit = m.group(0).strip()
                            out.add(hit if len(hit) >= MIN_EVIDENCE else val.strip())
    if kind == "vendor":
        v = db.vendor(value)
        if v is not None:
            out.update((v.name, *v.aliases))
    # (a number alone, a status code or a length a rule read beside its real evidence, is no evidence text)
    return {t for t in out if len(t.strip()) >= MIN_EVIDENCE and (kind in ("model", "firmware") or any(c.isalpha() for c in t))}


def _carries(texts: set[str], raw: str) -> str | None:
    """The first evidence text ``raw`` holds (casefolded; a short word only as a word), or None."""
    low = raw.casefold()
    for t in sorted(texts):
        tl = t.casefold()
        if len(tl) <= 5 and tl.isalpha():
            if re.search(rf"(?<![a-z0-9]){re.escape(tl)}(?![a-z0-9])", low):
                return t
        elif tl in low:
            return t
    return None


def correct_claims(db: SignatureDB, ident: Identification, expect: dict[str, object]) -> dict[str, str]:
    """The kinds (KINDS) whose answer in ``ident`` is the labelled one, with the answer: the claims a variant must keep."""
    claims: dict[str, str] = {}
    for kind in KINDS:
        got, want = getattr(ident, kind), expect.get(kind)
        if got is not None and got != "unknown" and want is not None and answer_matches(db, kind, got, want):
            claims[kind] = str(got)
    return claims


def run(split: Path, db: SignatureDB) -> dict[str, object]:
    rules, family = rule_index(db)
    kept: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    contradicted: Counter[tuple[str, str]] = Counter()
    false_cameras = 0
    losses: list[dict[str, str]] = []
    files = 0
    fragments_tried = 0
    for path, obs, expect in labelled_observations(split):
        files += 1
        ident = identify(obs, db)
        claims = correct_claims(db, ident, expect)
        if not claims:
            continue
        texts = {k: _evidence_texts(db, rules, family, obs, ident, k, v) for k, v in claims.items()}
        for resp in obs.responses:
            text = _text(resp)
            if text is None:
                continue
            def carries(value: str, texts: dict[str, set[str]] = texts) -> bool:
                return any(_carries(t, value) is not None for t in texts.values())
            cut = islice(fragments(resp, text), MAX_FRAGMENTS)
            for shape, frag in (*cut, *leaf_fragments(resp, text, carries)):
                via = {k: _carries(texts[k], frag.raw) for k in claims}
                relevant = [k for k in claims if via[k] is not None]
                if not relevant:
                    continue
                fragments_tried += 1
                fi = identify(Observation(ip=None, mac=None, responses=(frag,)), db)
                if expect.get("device_type") not in VIDEO_TYPES and fi.device_type in VIDEO_TYPES:
                    false_cameras += 1
                    losses.append({"file": str(path.relative_to(split)), "kind": "false-camera", "shape": shape,
                                   "want": str(expect.get("device_type")), "got": fi.device_type, "via": "",
                                   "protocol": frag.protocol, "request": frag.request, "fragment": frag.raw[:160]})
                for kind in relevant:
                    want = claims[kind]
                    got = getattr(fi, kind)
                    total[(kind, shape)] += 1
                    same = got is not None and answer_matches(db, kind, got, want)
                    if same:
                        kept[(kind, shape)] += 1
                        continue
                    if got is not None and got != "unknown":
                        contradicted[(kind, shape)] += 1
                    losses.append({"file": str(path.relative_to(split)), "kind": kind, "shape": shape, "want": want,
                                   "got": str(got), "via": str(via[kind]), "protocol": frag.protocol, "request": frag.request,
                                   "fragment": frag.raw[:160]})
    def table(key_index: int) -> dict[str, dict[str, float]]:
        names = sorted({k[key_index] for k in total})
        out: dict[str, dict[str, float]] = {}
        for name in names:
            t = sum(v for k, v in total.items() if k[key_index] == name)
            kk = sum(v for k, v in kept.items() if k[key_index] == name)
            c = sum(v for k, v in contradicted.items() if k[key_index] == name)
            out[name] = {"kept": kk, "of": t, "rate": round(kk / t, 4) if t else 1.0, "contradicted": c}
        return out
    t_all = sum(total.values())
    k_all = sum(kept.values())
    return {"files": files, "fragments": fragments_tried, "checks": t_all, "kept": k_all,
            "retention": round(k_all / t_all, 4) if t_all else 1.0, "contradicted": sum(contradicted.values()),
            "false_cameras": false_cameras, "by_kind": table(0), "by_shape": table(1), "losses": losses}


def main(argv: list[str]) -> int:
    ap = parser(__doc__, prog="fragment_robustness.py", paragraph=True)
    ap.add_argument("--split", default="training", choices=list(SPLITS))
    ap.add_argument("--losses", action="store_true", help="list each loss (training only)")
    ap.add_argument("--group", action="store_true", help="count losses by kind, shape and protocol (training only)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    db = load_db()
    out = run(SPLITS[args.split], db)
    losses = out.pop("losses")
    assert isinstance(losses, list)
    if args.split == "training":
        if args.losses:
            out["losses"] = losses
        if args.group:
            g = Counter(f"{d['kind']} {d['shape']} {d['protocol']}" for d in losses)
            out["loss_groups"] = dict(g.most_common(40))
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
