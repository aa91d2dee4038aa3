#!/usr/bin/env python3
"""Substitution robustness: does identification follow a training file's model and firmware when they are
replaced by OTHER real values of the same maker, or does it recognise the exact strings of the corpus (issue 11)?

For every training corpus file (tests/corpus; the test split is never read) whose label gives a model and/or a
firmware that occurs literally in its raw text, and which identification gets right as recorded:

- ``model``: each occurrence of the model is replaced by another real model of the same maker, drawn from the
  public product catalogs of benchmarks/data/grammar_catalogs*.txt -- only their ``fit`` half as
  benchmarks/grammar_recall.py defines it, never the threads catalog, so grammar_recall's held-out half stays
  clean -- preferring one of the same series (same letters and first digit: another DS-2CD camera for a DS-2CD
  camera, another NVR for an NVR). The answer must follow: model = the new value, vendor unchanged.
- ``firmware``: each occurrence of the firmware is replaced by another real version string of the same maker in
  the same written shape (digits swapped, separators and words kept: ``V5.7.17`` for ``V5.5.0``, ``1.3.5 Build
  230426 Rel.65257n`` for another TP-Link build), drawn from benchmarks/data/perturb_firmware.txt (public
  sources, listed there), then from the other training files' labels of that maker. The answer must follow:
  firmware = the new value, vendor unchanged.
- ``nomaker``: the maker's and the brand's names (and aliases) are removed from the text and the MAC address
  dropped, the model kept (video devices whose model the text gives). The vendor must still be the maker: drawn
  ``grammar`` where a family grammar names the maker from the bare model (a loss there is a reader's), else
  ``no-grammar`` (a loss there says the grammar does not know the maker's family).
- ``lower``: the model written in lower case wherever the text gives it (``ds-2cd2032-i``: how reporters, host
  names and URLs write codes); the answer's model must be the model (compared case-blind), vendor unchanged.
- ``model-nomaker``: both at once, the next device of the family written without its maker's name (an ONVIF
  ``Model``, a fragment): model = the new value and the vendor the maker, from the grammar alone.

Every draw is seeded by the file's path and ``--seed``; ``--per-file`` substitutes are drawn per kind.

    .venv/bin/python benchmarks/perturb_robustness.py                 # per-maker and per-claim follow rates
    .venv/bin/python benchmarks/perturb_robustness.py --losses        # and the training losses, one a line
    .venv/bin/python benchmarks/perturb_robustness.py --json OUT      # figures as JSON
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import add_json, add_signatures, failed, labelled_records, parser, pct, seeded_rng, write_json  # noqa: E402
from grammar_recall import UNSEEN, Entry, catalog  # noqa: E402

from netscan.identify import identify  # noqa: E402
from netscan.identify.accuracy import _same, _same_maker  # noqa: E402
from netscan.identify.resolve import makers_of  # noqa: E402
from netscan.model import VIDEO_TYPES as VIDEO  # noqa: E402
from netscan.observations import from_dict  # noqa: E402
from netscan.sigdb import SignatureDB, load_db  # noqa: E402

FIRMWARE_DATA = Path(__file__).resolve().parent / "data" / "perturb_firmware.txt"
MIN_LEN = 3  # shorter values (a "C1", a "2") are too easy to find inside other words to swap safely
_WORD = r"(?:(?<![A-Za-z0-9])|(?<=%2[0-9A-F])){}(?:(?![A-Za-z0-9])|(?=%2[0-9A-F]))"  # %20 (a URL's space) bounds a word
#: A maker's name as a name (a word between spaces, quotes, ``=``, ``:``, tags), not inside a path, host name or token
#: (``/axis-cgi/``, ``www.hikvision.com``, ``Hikvision-Webs``): those are conventions, which stay.
_NAME = r"(?:(?<![\w\-/.@])|(?<=%20)){}(?![\w\-/@]|\.\w)"
#: A catalog model usable as a substitute: a model number (letters and at least one digit, 4+ characters, inner
#: hyphens, no spaces, no trailing hyphen).
_PLAIN = re.compile(r"(?=[^ ]*\d)(?=[^ ]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-+/]{2,}[A-Za-z0-9]")


@dataclass(frozen=True)
class Case:
    path: str
    kind: str  # model | firmware | nomaker
    old: str
    new: str
    maker: str
    tier: str  # how the substitute was chosen (series, maker; public, training; -)


def _canon(db: SignatureDB, name: object) -> str | None:
    v = db.vendor(str(name)) if name else None
    return v.name if v else None


def _family(db: SignatureDB, name: str | None) -> set[str]:
    """The canonical names a label stands for: itself and who builds it (Tapo -> TP-Link, EZVIZ -> Hikvision)."""
    v = db.vendor(name) if name else None
    if v is None:
        return set()
    return {v.name, *makers_of(db, v)}


def series(model: str) -> str:
    """A model's series: its upper-cased text up to and including the first digit (DS-2, IPC-H, M1 -> M1)."""
    m = re.match(r"[^0-9]*[0-9]", model.upper())
    return m.group(0) if m else model.upper()


def letters(model: str) -> str:
    m = re.match(r"[^0-9]*", model.upper())
    return m.group(0) if m else ""


def shape(value: str) -> str:
    """A version string's written shape: every run of up to three digits one ``9`` (5.7.3 and 5.7.17 are one
    shape), a longer run (a build date, a build number) its length, every other character kept (case folded)."""
    return re.sub(r"\d+", lambda m: "9" if len(m.group(0)) <= 3 else f"<{len(m.group(0))}>", value).casefold()


#: Catalogs of users' free-form names (iSpy's source list: "DS-2D", "8CHDcdVR"): drawn only when the product
#: catalogs (netbox device types, ch-bas files, client libraries' tables) hold no model of the maker's series.
LOOSE = frozenset({"grammar_catalogs_ispy.txt"})


def model_pool(db: SignatureDB) -> dict[str, list[tuple[str, bool]]]:
    """Canonical maker -> (model, from a product catalog) for the camera catalogs' fit-half models of that maker
    (never the threads catalog). A model two makers' sections list, or that a family grammar names for another
    maker, is left out: the catalogs are not sure of it."""
    entries: list[Entry] = catalog()
    listed: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.kind == "camera":
            listed[e.model.upper()].add(_canon(db, e.maker) or e.maker)
    # a model the held-out half or the unseen catalog holds under any maker's name (Panasonic's and i-PRO's
    # sections list one WV- code each, hashed apart) is never drawn
    held = {e.model.upper() for e in entries if e.half != "fit" or e.catalog in UNSEEN}
    out: dict[str, dict[str, bool]] = defaultdict(dict)
    for e in entries:
        if e.kind != "camera" or e.half != "fit" or e.catalog in UNSEEN or e.model.upper() in held:
            continue
        if len(listed[e.model.upper()]) > 1 or not _PLAIN.fullmatch(e.model):
            continue  # a model two makers' sections list says neither maker for sure; a catalog's free-form name
            # ("qv-2010", "DS-2CD3145F-") is no model number a device writes
        maker = _canon(db, e.maker) or e.maker
        own = _family(db, maker) or {maker}
        if any(_canon(db, {**r.set, **g}.get("vendor")) not in (None, *own) for r, g in db.family_matches(e.model)):
            continue
        out[maker][e.model] = out[maker].get(e.model, False) or e.catalog not in LOOSE
    return {k: sorted(v.items()) for k, v in out.items()}


def firmware_pool(db: SignatureDB) -> dict[str, list[str]]:
    """Canonical maker -> public real version strings (benchmarks/data/perturb_firmware.txt)."""
    out: dict[str, list[str]] = defaultdict(list)
    maker = ""
    for raw in FIRMWARE_DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            maker = _canon(db, line[1:].partition("]")[0]) or line[1:].partition("]")[0]
            continue
        value = line.split("\t")[0].strip()
        if maker and value:
            out[maker].append(value)
    return out


def styled(new: str, like: str) -> str:
    """``new`` written in ``like``'s case: a catalog's "ipc2333" for an upper-case label reads IPC2333."""
    if like.upper() == like:
        return new.upper()
    if like.lower() == like:
        return new.lower()
    return new


def _texts(d: dict[str, Any]) -> str:
    return "\n".join(str(r.get("raw", "")) for r in d.get("responses", []) if isinstance(r, dict))


def _occurs(value: str, text: str) -> bool:
    return re.search(_WORD.format(re.escape(value)), text, re.IGNORECASE) is not None


def substitute(d: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``d`` with every whole-word occurrence of ``old`` in its responses' raw text replaced by ``new``, in the
    occurrence's case (an upper-cased or lower-cased occurrence gets the new value upper- or lower-cased)."""
    pat = re.compile(_WORD.format(re.escape(old)), re.IGNORECASE)

    def repl(m: re.Match[str]) -> str:
        got = m.group(0)
        if got == old:
            return new
        if got == old.upper():
            return new.upper()
        if got == old.lower():
            return new.lower()
        return new

    out = json.loads(json.dumps(d))
    for r in out.get("responses", []):
        if isinstance(r, dict) and isinstance(r.get("raw"), str):
            r["raw"] = pat.sub(repl, r["raw"])
    return out


def lowered(d: dict[str, Any], model: str) -> dict[str, Any]:
    """``d`` with every whole-word occurrence of ``model`` (in any case) written in lower case."""
    pat = re.compile(_WORD.format(re.escape(model)), re.IGNORECASE)
    out = json.loads(json.dumps(d))
    for r in out.get("responses", []):
        if isinstance(r, dict) and isinstance(r.get("raw"), str):
            r["raw"] = pat.sub(lambda m: m.group(0).lower(), r["raw"])
    return out


def drop_names(d: dict[str, Any], names: list[str], keep: str) -> dict[str, Any]:
    """``d`` without the occurrences of ``names`` as names (outside occurrences of ``keep``; a path, host name or
    token holding one is a convention and stays) and without its MAC address."""
    out = json.loads(json.dumps(d))
    out["mac"] = None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pat = re.compile(_NAME.format(f"(?:{alts})"), re.IGNORECASE)
    guard = re.compile(_WORD.format(re.escape(keep)), re.IGNORECASE) if keep else None
    for r in out.get("responses", []):
        if not isinstance(r, dict) or not isinstance(r.get("raw"), str):
            continue
        text = r["raw"]
        spans = [m.span() for m in guard.finditer(text)] if guard else []
        r["raw"] = pat.sub(lambda m, spans=spans: m.group(0) if any(a <= m.start() < b for a, b in spans) else "", text)
    return out


#: How a substitute model is drawn, best first: a product catalog's model of the same series (letters and first
#: digit), any catalog's of the series, a product catalog's with the same letters, a product catalog's of the
#: maker, any catalog's of the maker.
TIERS = ("series", "series-loose", "letters", "maker", "maker-loose")


def draw_tier(model: str, pool: list[tuple[str, bool]]) -> tuple[str, list[str]]:
    """The first tier of ``TIERS`` with a candidate in ``pool`` ((model, from a product catalog) pairs), and its
    candidates; ("-", []) when the pool is empty."""
    for tier in TIERS:
        keep = [
            m for m, firm in pool
            if (firm or tier.endswith("-loose"))
            and (series(m) == series(model) if tier.startswith("series") else letters(m) == letters(model) if tier == "letters" else True)
        ]
        if keep:
            return tier, list(dict.fromkeys(keep))
    return "-", []


def _answer(db: SignatureDB, d: dict[str, Any]) -> dict[str, Any]:
    ident = identify(from_dict(d), db)
    return {"vendor": ident.vendor, "brand": ident.brand, "model": ident.model, "firmware": ident.firmware}


def _grammar_names(db: SignatureDB, model: str, makers: set[str]) -> bool:
    for rule, got in db.family_matches(model):
        merged = {**rule.set, **got}
        if _canon(db, merged.get("vendor")) in makers or _canon(db, merged.get("brand")) in makers:
            return True
    return False


def run(db: SignatureDB, seed: int, per_file: int) -> dict[str, Any]:
    models = model_pool(db)
    public_fw = firmware_pool(db)
    corpus = labelled_records()
    training_fw: dict[str, set[str]] = defaultdict(set)
    for _name, d in corpus:
        e = d["expect"]
        if e.get("firmware") and e.get("vendor"):
            training_fw[_canon(db, e["vendor"]) or str(e["vendor"])].add(str(e["firmware"]))
    results: list[dict[str, Any]] = []
    skipped: dict[str, int] = defaultdict(int)
    for name, d in corpus:
        e = d["expect"]
        vendor = e.get("vendor")
        if not vendor:
            continue
        text = _texts(d)
        base = _answer(db, d)
        if not _same_maker(db, base["vendor"], vendor):
            skipped["vendor wrong as recorded"] += 1
            continue
        makers = _family(db, e.get("brand")) | _family(db, vendor) or {str(vendor)}
        maker = _canon(db, e.get("brand")) or _canon(db, vendor) or str(vendor)
        cases: list[Case] = []
        model = e.get("model")
        names = {n for k in makers for v in [db.vendor(k)] if v for n in (v.name, *v.aliases)}
        names |= {str(vendor), *([str(e["brand"])] if e.get("brand") else [])}
        video = e.get("device_type") in VIDEO  # the catalogs list the makers' video products
        if isinstance(model, str) and len(model) >= MIN_LEN and video and _occurs(model, text):
            if not _same(base["model"], model):
                skipped["model wrong as recorded"] += 1
            else:
                pool = [(styled(m, model), firm) for k in ([maker] + sorted(makers - {maker})) for m, firm in models.get(k, ())]
                pool = [(m, firm) for m, firm in dict.fromkeys(pool) if m.upper() != model.upper() and not _occurs(m, text)]
                tier, draw = draw_tier(model, pool)
                rng = seeded_rng(name, "model", seed)
                for new in rng.sample(draw, min(per_file, len(draw))):
                    cases.append(Case(name, "model", model, new, maker, tier))
                    cases.append(Case(name, "model-nomaker", model, new, maker, tier))
                if not draw:
                    skipped["model: no catalog model of the maker"] += 1
                if model.lower() != model:
                    cases.append(Case(name, "lower", model, model.lower(), maker, "-"))
                known = _grammar_names(db, model, makers)
                cases.append(Case(name, "nomaker", model, "", maker, "grammar" if known else "no-grammar"))
        fw = e.get("firmware")
        if isinstance(fw, str) and len(fw) >= MIN_LEN and _occurs(fw, text):
            if not _same(base["firmware"], fw):
                skipped["firmware wrong as recorded"] += 1
            else:
                key = _canon(db, vendor) or str(vendor)
                pub = [v for v in dict.fromkeys(public_fw.get(key, []) + public_fw.get(maker, [])) if shape(v) == shape(fw) and v != fw]
                own = [v for v in sorted(training_fw.get(key, ())) if shape(v) == shape(fw) and v != fw and v not in pub]
                tier, draw = ("public", pub) if pub else ("training", own)
                rng = seeded_rng(name, "firmware", seed)
                for new in rng.sample(draw, min(per_file, len(draw))):
                    cases.append(Case(name, "firmware", fw, new, key, tier))
                if not draw:
                    skipped["firmware: no other version of the same shape"] += 1
        for c in cases:
            if c.kind == "nomaker":
                got = _answer(db, drop_names(d, sorted(names), c.old))
                ok = _same_maker(db, got["vendor"], vendor)
                why = "" if ok else f"vendor {got['vendor']!r}"
            else:
                changed = substitute(d, c.old, c.new) if c.kind != "lower" else lowered(d, c.old)
                if c.kind == "model-nomaker":
                    changed = drop_names(changed, sorted(names), c.new)
                got = _answer(db, changed)
                key = "firmware" if c.kind == "firmware" else "model"
                follows = _same(got[key], c.new)
                vendor_kept = _same_maker(db, got["vendor"], vendor)
                ok = follows and vendor_kept
                why = "" if ok else "; ".join(
                    x for x in (
                        "" if follows else f"{key} {got[key]!r}",
                        "" if vendor_kept else f"vendor {got['vendor']!r}",
                    ) if x)
            results.append({**c.__dict__, "ok": ok, "why": why})
    return {"results": results, "skipped": dict(skipped)}


def summary(out: dict[str, Any]) -> dict[str, Any]:
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_maker: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    per_tier: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in out["results"]:
        per_tier[f"{r['kind']}/{r['tier']}"][0] += r["ok"]
        per_tier[f"{r['kind']}/{r['tier']}"][1] += 1
        per_kind[r["kind"]][0] += r["ok"]
        per_kind[r["kind"]][1] += 1
        per_maker[r["maker"]][r["kind"]][0] += r["ok"]
        per_maker[r["maker"]][r["kind"]][1] += 1
    return {
        "per_kind": dict(per_kind),
        "per_tier": dict(sorted(per_tier.items())),
        "per_maker": {m: dict(v) for m, v in sorted(per_maker.items(), key=lambda x: x[0].lower())},
        "skipped": out["skipped"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--seed", type=int, default=14, help="seed of the draws (default 14)")
    ap.add_argument("--per-file", type=int, default=3, help="substitutes drawn per file and kind (default 3, at most 5)")
    ap.add_argument("--losses", action="store_true", help="list every loss (training files only)")
    add_json(ap, "write the figures and losses as JSON")
    add_signatures(ap)
    args = ap.parse_args(argv)
    per_file = max(1, min(args.per_file, 5))
    db = load_db(args.signatures)
    out = run(db, args.seed, per_file)
    s = summary(out)
    kinds = ("model", "firmware", "nomaker", "model-nomaker", "lower")
    print(f"{'maker':<22} " + " ".join(f"{k:>16}" for k in kinds))
    for m, row in s["per_maker"].items():
        print(f"{m:<22} " + " ".join(f"{pct(*row.get(k, [0, 0])):>16}" for k in kinds))
    print(f"{'all':<22} " + " ".join(f"{pct(*s['per_kind'].get(k, [0, 0])):>16}" for k in kinds))
    print("by draw: " + ", ".join(f"{k} {pct(*v)}" for k, v in s["per_tier"].items()))
    print("not measured: " + ", ".join(f"{k} {v}" for k, v in sorted(s["skipped"].items())))
    if args.losses:
        for r in out["results"]:
            if not r["ok"]:
                new = {"nomaker": "(names removed)", "model-nomaker": f"{r['new']!r} (names removed)"}.get(r["kind"], repr(r["new"]))
                print(f"loss\t{r['kind']}\t{r['path']}\t{r['old']!r} -> {new} [{r['tier']}]\t{r['why']}")
    if args.json:
        write_json(args.json, {**s, "losses": failed(out["results"])})
    return 0


if __name__ == "__main__":
    sys.exit(main())
