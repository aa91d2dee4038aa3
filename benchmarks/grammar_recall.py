"""Recall of the family grammars (signatures/families) on public product catalogs no rule was written from.

For each maker of benchmarks/data/grammar_catalogs*.txt: what fraction of its real model numbers a family
grammar names with the right maker, in two shapes -- the bare model number (an ONVIF ``Model``, a UPnP
``modelNumber``) and the model after the maker's name (a title, a banner) -- and how many models of other
makers' gear (switches, routers, PDUs, printers: kind ``other``) a grammar claims for another maker or calls
a camera. A claim for another maker on a model the catalogs also list under that maker (iSpy lists D-Link's
DCS-930 in its TP-LINK section too) is counted apart as cross-listed: the catalogs disagree, and the grammar
agrees with one of them. Only ``SignatureDB.family_matches`` is run (the grammar pass of identification), so the figure is
the grammars' own, not the other evidence of a response.

Every model is put in one of two halves by a hash of maker and model: ``fit`` (grammars may be written
from its misses, which ``--misses`` lists) and ``held-out`` (reported as counts only: never list its misses
while writing grammars, so its recall says how the grammars hold on models nobody wrote them from).

    .venv/bin/python benchmarks/grammar_recall.py            # table, both halves
    .venv/bin/python benchmarks/grammar_recall.py --misses   # the fit half's misses (never the threads catalog's) and every false claim
    .venv/bin/python benchmarks/grammar_recall.py --json OUT # figures as JSON
    .venv/bin/python benchmarks/grammar_recall.py --catalog grammar_catalogs_threads.txt  # one catalog alone
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import add_json, add_signatures, parser, pct, write_json  # noqa: E402

from netscan.sigdb.db import SignatureDB, load_db  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
CATALOGS = (
    "grammar_catalogs.txt",
    "grammar_catalogs_ispy.txt",
    "grammar_catalogs_clients.txt",
    "grammar_catalogs_chbas.txt",
    "grammar_catalogs_threads.txt",
    "grammar_catalogs_other.txt",
    "grammar_catalogs_provision.txt",
    "grammar_catalogs_own_other.txt",
    "grammar_catalogs_models8.txt",
    "grammar_catalogs_models9.txt",
)
#: Catalogs no grammar is written from, in either half: ``--misses`` never lists their models (their recall is
#: reported, as counts, like the held-out half's).
UNSEEN = frozenset({"grammar_catalogs_threads.txt"})
#: Device types that say "video product": a grammar claiming one of these for a look-alike is a false camera.
VIDEO_TYPES = frozenset({"camera", "nvr", "dvr", "doorbell", "encoder"})


@dataclass(frozen=True)
class Entry:
    maker: str
    kind: str  # camera (the maker's video products) or other
    model: str
    source: str
    catalog: str = ""

    @property
    def half(self) -> str:
        digest = hashlib.sha256(f"{self.maker.lower()}|{self.model.upper()}".encode()).digest()
        return "fit" if digest[0] % 2 == 0 else "held-out"


def read_catalog(path: Path) -> Iterator[Entry]:
    maker = kind = source = ""
    per_line = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            name, _, rest = line[1:].partition("]")
            parts = rest.split()
            maker, kind, source = name.strip(), parts[0], parts[1]
            per_line = len(parts) > 2 and parts[2] == "lines"
            continue
        for model in [line] if per_line else line.split():
            yield Entry(maker, kind, model, source, path.name)


def catalog(names: tuple[str, ...] = CATALOGS) -> list[Entry]:
    seen: set[tuple[str, str]] = set()
    out: list[Entry] = []
    for name in names:
        for e in read_catalog(DATA / name):
            key = (e.maker.lower(), e.model.upper())
            if key not in seen:
                seen.add(key)
                out.append(e)
    return out


def canonical(db: SignatureDB, name: str | None) -> str | None:
    v = db.vendor(name)
    return v.name if v else None


def claims(db: SignatureDB, value: str) -> list[dict[str, str]]:
    """What the family grammars say about ``value``: one mapping per grammar that matched and names a
    maker or a device type."""
    out = []
    for rule, got in db.family_matches(value):
        merged = {**rule.set, **got}
        if merged.get("vendor") or merged.get("brand") or merged.get("device_type"):
            merged["rule"] = rule.id
            out.append(merged)
    return out


def names_maker(db: SignatureDB, maker: str, claim: dict[str, str]) -> bool:
    want = canonical(db, maker) or maker
    v = db.vendor(want)
    makers = {want} | set(v.built_by if v else ())
    return canonical(db, claim.get("vendor")) in makers or canonical(db, claim.get("brand")) == want


def other_maker(db: SignatureDB, maker: str, claim: dict[str, str]) -> bool:
    got = canonical(db, claim.get("vendor"))
    return got is not None and not names_maker(db, maker, claim)


def listed_makers(entries: list[Entry]) -> dict[str, set[str]]:
    """Model number (upper case) -> the makers whose camera sections list it: a catalog that lists one model
    under two makers (iSpy's TP-LINK section holds D-Link's DCS-930) says both."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.kind == "camera":
            out[e.model.upper()].add(e.maker)
    return out


def cross_listed(db: SignatureDB, listed: dict[str, set[str]], e: Entry, claim: dict[str, str]) -> bool:
    """A claim for another maker on a model the catalogs also list under that maker: the catalogs disagree
    with each other, and the grammar agrees with one of them (counted apart, not as a wrong maker)."""
    return any(m != e.maker and names_maker(db, m, claim) for m in listed.get(e.model.upper(), ()))


def measure(db: SignatureDB, entries: list[Entry]) -> dict[str, object]:
    recall: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])  # (maker, half, shape) -> hits, n
    misses: list[tuple[str, str, str]] = []
    wrong_maker: list[tuple[str, str, str, str, str]] = []
    cross: list[tuple[str, str, str, str, str]] = []
    false_video: list[tuple[str, str, str, str, str]] = []
    listed = listed_makers(entries)
    other_n = 0
    for e in entries:
        shapes = {"bare": e.model, "branded": f"{e.maker} {e.model}"}
        if e.kind == "camera":
            for shape, value in shapes.items():
                hit = any(names_maker(db, e.maker, c) for c in claims(db, value))
                cell = recall[(e.maker, e.half, shape)]
                cell[0] += hit
                cell[1] += 1
                if not hit and shape == "branded" and e.half == "fit" and e.catalog not in UNSEEN:
                    misses.append((e.maker, e.model, e.half))
            for shape, value in shapes.items():
                for c in claims(db, value):
                    if other_maker(db, e.maker, c):
                        row = (e.maker, e.model, shape, str(c.get("vendor")), c["rule"])
                        (cross if cross_listed(db, listed, e, c) else wrong_maker).append(row)
            continue
        other_n += 1
        for shape, value in shapes.items():
            for c in claims(db, value):
                if other_maker(db, e.maker, c):
                    wrong_maker.append((e.maker, e.model, shape, str(c.get("vendor")), c["rule"]))
                elif c.get("device_type", "camera" if c.get("vendor") else "") in VIDEO_TYPES:
                    false_video.append((e.maker, e.model, shape, str(c.get("device_type", "camera")), c["rule"]))
    return {
        "recall": recall,
        "misses": misses,
        "wrong_maker": wrong_maker,
        "cross_listed": cross,
        "false_video": false_video,
        "other_n": other_n,
    }


def summary(result: dict[str, object]) -> dict[str, object]:
    recall = result["recall"]
    assert isinstance(recall, dict)
    makers = sorted({k[0] for k in recall}, key=lambda m: (m.lower(), m))  # case-insensitive, then as written: UNIVIEW and Uniview in one order on every run
    table = {}
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for m in makers:
        row = {}
        for half in ("fit", "held-out"):
            for shape in ("bare", "branded"):
                h, n = recall.get((m, half, shape), [0, 0])
                row[f"{half}/{shape}"] = [h, n]
                totals[(half, shape)][0] += h
                totals[(half, shape)][1] += n
        table[m] = row
    wrong = result["wrong_maker"]
    cross = result["cross_listed"]
    false_video = result["false_video"]
    assert isinstance(wrong, list) and isinstance(cross, list) and isinstance(false_video, list)
    return {
        "makers": table,
        "total": {f"{h}/{s}": v for (h, s), v in totals.items()},
        "lookalikes": result["other_n"],
        "wrong_maker_claims": len(wrong),
        "cross_listed_claims": len(cross),
        "false_video_claims": len(false_video),
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("--misses", action="store_true", help="list the fit half's misses and every false claim")
    add_json(ap, "write the figures as JSON")
    add_signatures(ap)
    ap.add_argument("--catalog", metavar="NAME", choices=CATALOGS, action="append",
                    help="measure only this catalog of benchmarks/data (repeatable; the threads catalog is the one no "
                         "grammar was written from)")
    args = ap.parse_args(argv)
    db = load_db(args.signatures)
    entries = catalog(tuple(args.catalog) if args.catalog else CATALOGS)
    result = measure(db, entries)
    s = summary(result)
    print(f"{'maker':<16} {'fit bare':>16} {'fit branded':>16} {'held-out bare':>16} {'held-out branded':>17}")
    makers = s["makers"]
    assert isinstance(makers, dict)
    for m, row in makers.items():
        cells = [pct(*row[k]) for k in ("fit/bare", "fit/branded", "held-out/bare", "held-out/branded")]
        print(f"{m:<16} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {cells[3]:>17}")
    tot = s["total"]
    assert isinstance(tot, dict)
    cells = [pct(*tot.get(k, [0, 0])) for k in ("fit/bare", "fit/branded", "held-out/bare", "held-out/branded")]
    print(f"{'all':<16} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {cells[3]:>17}")
    print(
        f"look-alikes (other makers' gear): {s['lookalikes']}; claims naming another maker: "
        f"{s['wrong_maker_claims']} (and {s['cross_listed_claims']} on models the catalogs also list under the claimed "
        f"maker); look-alikes called a video product: {s['false_video_claims']}"
    )
    if args.misses:
        for maker, model, _half in result["misses"]:  # type: ignore[attr-defined]
            print(f"miss (fit)\t{maker}\t{model}")
        for row in result["wrong_maker"]:  # type: ignore[attr-defined]
            print("wrong maker\t" + "\t".join(row))
        for row in result["cross_listed"]:  # type: ignore[attr-defined]
            print("cross-listed\t" + "\t".join(row))
        for row in result["false_video"]:  # type: ignore[attr-defined]
            print("false video\t" + "\t".join(row))
    if args.json:
        write_json(args.json, s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
