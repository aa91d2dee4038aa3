"""The type-robustness benchmark (benchmarks/type_robustness.py): its helpers name the evidence that typed an answer,
draw a non-camera's substitute models only from the catalogs' fit half of the maker's non-video products, and count a
video type on a non-camera's variant as a false camera."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB



@pytest.fixture(scope="module")
def types(bench: ModuleType, benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_module("type_robustness")  # bench: grammar_recall, imported first (conftest)


def test_basis_names_the_inference_or_the_rule(types: ModuleType, db: SignatureDB) -> None:
    options = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n"
    inferred = identify(Observation(ip=None, mac=None, responses=(Response("rtsp", options, 554, "OPTIONS"),)), db)
    assert types.basis(inferred) == "inferred:rtsp-server-port-554"
    ruled = identify(Observation(ip=None, mac=None, responses=(Response("http", "<deviceType>IPDome</deviceType>", 80, ""),)), db)
    assert types.basis(ruled) == "rule:type-hik-devicetype-bare-camera"
    nothing = identify(Observation(ip=None, mac=None, responses=(Response("other", "hello", None, ""),)), db)
    assert types.basis(nothing) == "none"


def test_other_pool_draws_only_the_fit_half_of_non_video_products(types: ModuleType, bench: ModuleType, db: SignatureDB) -> None:
    pool = types.other_pool(db)
    assert pool, "the catalogs list makers' non-video products"
    allowed = {e.model for e in bench.catalog() if e.kind == "other" and e.half == "fit" and e.catalog not in bench.UNSEEN}
    drawn = {m for models in pool.values() for m, _ in models}
    assert drawn and drawn <= allowed
    held = {e.model for e in bench.catalog() if e.kind == "other" and e.half != "fit"}
    assert not (drawn & held - allowed)


def test_summary_counts_false_cameras_and_kept_video(types: ModuleType) -> None:
    out = {"results": [
        {"side": "video", "kind": "nomaker", "ok": True, "same_kind": True},
        {"side": "video", "kind": "fragment:line", "ok": False, "same_kind": False},
        {"side": "non-camera", "kind": "fragment:line", "ok": False},
        {"side": "non-camera", "kind": "model", "ok": True},
    ], "untyped": [{"path": "x"}], "bases": {"rule:x": 1}, "files": {"video": 1, "non-camera": 1}}
    s = types.summary(out)
    assert s["video"]["nomaker"] == {"kept_video": 1, "of": 1, "rate": 1.0, "same_kind": 1}
    assert s["video"]["fragment"]["kept_video"] == 0
    assert s["non_camera"]["fragment"] == {"false_cameras": 1, "of": 1}
    assert s["non_camera_false_cameras"] == 1 and s["video_untyped_as_recorded"] == 1
