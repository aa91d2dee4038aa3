#!/usr/bin/env python3
"""Type robustness: does a training video device keep a video type, and a training non-camera stay off one, when
its text is varied the way the world varies it (issue 11, session 15)?

Built from TRAINING files only (tests/corpus; the test split is never read). For every training file with a type
label this benchmark identifies it as recorded and names the evidence that typed it (``basis``: the evidence
source that extracted the answer's type, or the inference that did: ``model-product-line``, ``model-kind-words``,
``video-only-maker``, ``rtsp-server-port-554``). Then it varies the file:

- ``nomaker``        the maker's and brand's names (and aliases) removed, MAC dropped (benchmarks/perturb_robustness.py
                     ``drop_names``: paths, host names and tokens holding a name are conventions and stay);
- ``model``          the labelled model replaced by another real model of the same maker from the catalogs' ``fit``
                     half (perturb's ``model_pool``: the maker's video products for a video device, same series
                     first; the maker's ``other``-kind products (switches, routers, NAS...) for a non-camera);
- ``model-nomaker``  both at once;
- ``fragment``       each fragment of each response (benchmarks/fragment_robustness.py ``fragments``: header lines,
                     bodies, titles, SDPs, lines) alone -- for a video device only the fragments that carry the
                     type's evidence text, for a non-camera every fragment.

A video device's case is kept when the answer's type is a video type (``kind`` also counts whether it is the
labelled kind: nvr stays nvr); a video device untyped as recorded is listed with its evidence (``untyped``). A
non-camera's case is a FALSE CAMERA when the answer's type is a video type: the hard constraint is 0.

    .venv/bin/python benchmarks/type_robustness.py                 # figures
    .venv/bin/python benchmarks/type_robustness.py --losses        # and each training loss, one a line
    .venv/bin/python benchmarks/type_robustness.py --json OUT      # figures and losses as JSON
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import add_json, failed, labelled_records, parser, seeded_rng, write_json  # noqa: E402
from fragment_robustness import _carries, _evidence_texts, _text, fragments, rule_index  # noqa: E402
from grammar_recall import UNSEEN, catalog  # noqa: E402
from perturb_robustness import (  # noqa: E402
    _PLAIN, MIN_LEN, _canon, _family, _occurs, draw_tier, drop_names, model_pool, styled, substitute,
)

from netscan.identify import identify  # noqa: E402
from netscan.model import VIDEO_TYPES, Identification, Observation  # noqa: E402
from netscan.observations import from_dict  # noqa: E402
from netscan.sigdb import SignatureDB, load_db  # noqa: E402

#: fragments tried per response (a non-camera's every fragment; a video device's carrying the type's evidence)
MAX_FRAGMENTS = 40
#: how a typed answer's type was reached when no rule extracted it (resolve.py's inferences)
INFERRED = ("model-product-line", "model-kind-words", "video-only-maker", "rtsp-server-port-554")


def other_pool(db: SignatureDB) -> dict[str, list[tuple[str, bool]]]:
    """Canonical maker -> (model, True) for the catalogs' fit-half ``other``-kind models (a maker's switches,
    routers, NAS, printers): the next non-camera of the maker."""
    out: dict[str, dict[str, bool]] = defaultdict(dict)
    for e in catalog():
        if e.kind != "other" or e.half != "fit" or e.catalog in UNSEEN or not _PLAIN.fullmatch(e.model):
            continue
        out[_canon(db, e.maker) or e.maker][e.model] = True
    return {k: sorted(v.items()) for k, v in out.items()}


def basis(ident: Identification) -> str:
    """The evidence that gave the answer its type: the first rule that extracted it, else the inference."""
    want = ident.device_type
    for e in ident.evidence:
        if e.extracted.get("device_type") == want:
            if e.kind == "inferred" or e.source in INFERRED:
                return f"inferred:{e.source}"
            return f"{e.kind}:{e.source}"
    return "none"


def _ident(d: dict[str, Any], db: SignatureDB) -> Identification:
    return identify(from_dict(d), db)


def run(db: SignatureDB, seed: int, per_file: int) -> dict[str, Any]:
    video_models = model_pool(db)
    other_models = other_pool(db)
    rules, family = rule_index(db)
    results: list[dict[str, Any]] = []
    untyped: list[dict[str, Any]] = []
    bases: Counter[str] = Counter()
    counted = Counter[str]()
    for name, d in labelled_records():
        e = d["expect"]
        want = e.get("device_type")
        if not want:
            continue
        video = want in VIDEO_TYPES
        side = "video" if video else "non-camera"
        counted[side] += 1
        ident = _ident(d, db)
        if video and ident.device_type not in VIDEO_TYPES:
            untyped.append({"path": name, "want": want, "got": ident.device_type, "vendor": ident.vendor, "model": ident.model,
                            "sources": sorted({x.source for x in ident.evidence if x.kind != "oui"})[:12]})
            continue
        if not video and ident.device_type in VIDEO_TYPES:
            results.append({"path": name, "side": side, "kind": "as-recorded", "new": "", "ok": False, "got": ident.device_type})
            continue
        if video:
            bases[basis(ident)] += 1
        vendor = e.get("vendor")
        makers = (_family(db, e.get("brand")) | _family(db, vendor)) if vendor else set()
        maker = _canon(db, e.get("brand")) or _canon(db, vendor) or str(vendor or "")
        names = {n for k in makers for v in [db.vendor(k)] if v for n in (v.name, *v.aliases)}
        names |= {str(x) for x in (vendor, e.get("brand")) if x}
        model = e.get("model")
        text = "\n".join(str(r.get("raw", "")) for r in d.get("responses", []) if isinstance(r, dict))
        variants: list[tuple[str, str, str, dict[str, Any]]] = []
        keep = model if isinstance(model, str) else ""
        if names:
            variants.append(("nomaker", "", "-", drop_names(d, sorted(names), keep)))
        if isinstance(model, str) and len(model) >= MIN_LEN and _occurs(model, text):
            pools = video_models if video else other_models
            pool = [(styled(m, model), firm) for k in ([maker] + sorted(makers - {maker})) for m, firm in pools.get(k, ())]
            pool = [(m, firm) for m, firm in dict.fromkeys(pool) if m.upper() != model.upper() and not _occurs(m, text)]
            tier, draw = draw_tier(model, pool)
            rng = seeded_rng(name, "type-model", seed)
            for new in rng.sample(draw, min(per_file, len(draw))):
                changed = substitute(d, model, new)
                variants.append(("model", new, tier, changed))
                if names:
                    variants.append(("model-nomaker", new, tier, drop_names(changed, sorted(names), new)))
        for kind, new, tier, changed in variants:
            got = _ident(changed, db)
            ok = (got.device_type in VIDEO_TYPES) if video else (got.device_type not in VIDEO_TYPES)
            results.append({"path": name, "side": side, "kind": kind, "new": new, "tier": tier, "ok": ok, "got": got.device_type,
                            "same_kind": got.device_type == want})
        obs = from_dict(d)
        texts = _evidence_texts(db, rules, family, obs, ident, "device_type", ident.device_type) if video else set()
        for resp in obs.responses:
            raw = _text(resp)
            if raw is None:
                continue
            for n, (shape, frag) in enumerate(fragments(resp, raw)):
                if n >= MAX_FRAGMENTS:
                    break
                if video and _carries(texts, frag.raw) is None:
                    continue
                fi = identify(Observation(ip=None, mac=None, responses=(frag,)), db)
                ok = (fi.device_type in VIDEO_TYPES) if video else (fi.device_type not in VIDEO_TYPES)
                results.append({"path": name, "side": side, "kind": f"fragment:{shape}", "new": frag.raw[:120], "ok": ok,
                                "got": fi.device_type, "same_kind": fi.device_type == want})
    return {"results": results, "untyped": untyped, "bases": dict(bases.most_common()), "files": dict(counted)}


def summary(out: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, dict[str, list[int]]] = {"video": defaultdict(lambda: [0, 0, 0]), "non-camera": defaultdict(lambda: [0, 0, 0])}
    for r in out["results"]:
        kind = "fragment" if r["kind"].startswith("fragment:") else r["kind"]
        row = table[r["side"]][kind]
        row[0] += r["ok"]
        row[1] += 1
        row[2] += bool(r.get("same_kind"))
    video = {k: {"kept_video": v[0], "of": v[1], "rate": round(v[0] / v[1], 4) if v[1] else 1.0, "same_kind": v[2]}
             for k, v in sorted(table["video"].items())}
    nonc = {k: {"false_cameras": v[1] - v[0], "of": v[1]} for k, v in sorted(table["non-camera"].items())}
    return {
        "files": out["files"],
        "video_untyped_as_recorded": len(out["untyped"]),
        "video_type_basis": out["bases"],
        "video": video,
        "non_camera": nonc,
        "non_camera_false_cameras": sum(v["false_cameras"] for v in nonc.values()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--seed", type=int, default=15, help="seed of the draws (default 15)")
    ap.add_argument("--per-file", type=int, default=3, help="models drawn per file (default 3, at most 5)")
    ap.add_argument("--losses", action="store_true", help="list every loss and untyped video device (training only)")
    add_json(ap, "write the figures, losses and untyped list as JSON")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    db = load_db()
    out = run(db, args.seed, max(1, min(args.per_file, 5)))
    s = summary(out)
    s["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(s, indent=1))
    losses = failed(out["results"])
    if args.losses:
        for u in out["untyped"]:
            print(f"untyped\t{u['path']}\t{u['want']} -> {u['got']}\tvendor {u['vendor']!r} model {u['model']!r}\t{','.join(u['sources'])}")
        for r in losses:
            print(f"loss\t{r['side']}\t{r['kind']}\t{r['path']}\t{r['new'][:80]!r} [{r.get('tier', '-')}]\t-> {r['got']}")
    if args.json:
        write_json(args.json, {**s, "untyped": out["untyped"], "losses": losses})
    return 0


if __name__ == "__main__":
    sys.exit(main())
