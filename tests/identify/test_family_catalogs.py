"""The family grammars against the public catalogs of benchmarks/grammar_recall.py: no grammar may claim
another maker's product (a switch, router, PDU, printer of the netbox device-type library) for a camera
maker, or call one a video product; the catalogs read as documented."""

from __future__ import annotations

from types import ModuleType


from netscan.sigdb import SignatureDB







def test_catalogs_read_with_sources_and_both_halves(bench: ModuleType) -> None:
    entries = bench.catalog()
    assert len({(e.maker, e.model) for e in entries}) == len(entries)
    assert all(e.source.startswith("https://github.com/") for e in entries)
    cameras = [e for e in entries if e.kind == "camera"]
    others = [e for e in entries if e.kind == "other"]
    assert len(cameras) > 1000 and len(others) > 1000
    halves = {e.half for e in cameras}
    assert halves == {"fit", "held-out"}
    # the half is a function of maker and model only
    e = cameras[0]
    assert bench.Entry(e.maker, "other", e.model, "x").half == e.half


def test_no_grammar_claims_a_lookalike(bench: ModuleType, db: SignatureDB) -> None:
    wrong = []
    for e in bench.catalog():
        if e.kind != "other":
            continue
        for value in (e.model, f"{e.maker} {e.model}"):
            for c in bench.claims(db, value):
                if bench.other_maker(db, e.maker, c):
                    wrong.append((e.maker, e.model, "names", c.get("vendor"), c["rule"]))
                elif c.get("device_type", "camera" if c.get("vendor") else "") in bench.VIDEO_TYPES:
                    wrong.append((e.maker, e.model, "video", c.get("device_type"), c["rule"]))
    assert wrong == []


def test_a_relabel_counts_for_its_brand_and_its_maker(bench: ModuleType, db: SignatureDB) -> None:
    # an Amcrest code is claimed for Dahua with the Amcrest brand: right for the catalog maker Amcrest
    got = bench.claims(db, "IP8M-2493EW-AI-V3")
    assert any(bench.names_maker(db, "Amcrest", c) for c in got)
    assert not any(bench.names_maker(db, "Hikvision", c) for c in got)
