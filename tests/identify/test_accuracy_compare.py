"""How benchmarks/corpus_accuracy.py compares an answer with a corpus label."""

from __future__ import annotations

import json
from pathlib import Path

from netscan.identify.accuracy import _same, _same_maker, evaluate
from netscan.sigdb import load_db


def test_vendor_label_and_answer_compared_as_makers() -> None:
    db = load_db()
    assert _same_maker(db, "Samsung Electronics", "Samsung")  # an alias of the same maker
    assert _same_maker(db, "Hanwha Vision", "Samsung Techwin")  # the maker's former name
    assert not _same_maker(db, "Samsung Electronics", "Hanwha Vision")  # two makers
    assert not _same_maker(db, "Hikvision", "Dahua")
    assert _same_maker(db, "Some Maker", "some maker ")  # unknown names: compared as written
    assert not _same_maker(db, None, "Samsung")
    assert _same_maker(db, None, None)


def test_brand_label_and_its_builder_compared_as_one_maker() -> None:
    db = load_db()
    # resolve answers a relabel as maker + brand (vendor Hikvision, brand EZVIZ): a label naming the
    # brand as the vendor names the same maker through signatures/vendors' relations
    assert _same_maker(db, "Hikvision", "EZVIZ")  # a video-only subsidiary of a video-only parent
    assert _same_maker(db, "Dahua", "Lorex")  # built_by
    assert _same_maker(db, "Hikvision", "HiLook")
    assert not _same_maker(db, "Motorola Solutions", "Avigilon")  # a conglomerate parent is not the maker
    assert not _same_maker(db, "Amazon", "Ring")
    assert not _same_maker(db, "Dahua", "EZVIZ")  # another group
    assert not _same_maker(db, "Lorex", "Amcrest")  # two brands of one builder are two labels
    assert _same_maker(db, "Anker", "Eufy")  # a retail label (label: true) and its owner
    assert not _same_maker(db, "Anker", "Swann")


def test_other_keys_compared_as_written() -> None:
    assert _same("DS-2CD2032-I", "ds-2cd2032-i")
    assert not _same("HiWatch", "Hikvision")  # a brand is its own label, not its maker


def test_cameras_not_typed_video_are_counted_apart_from_cameras_without_vendor(tmp_path: Path) -> None:
    plain = {"ip": None, "mac": None, "responses": [{"protocol": "other", "port": None, "raw": "hello there"}]}
    (tmp_path / "a.json").write_text(json.dumps({**plain, "expect": {"device_type": "camera"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({**plain, "expect": {"device_type": "printer"}}), encoding="utf-8")
    acc = evaluate(tmp_path, load_db())
    assert acc.cameras == 1 and acc.non_camera == 1
    assert acc.cameras_missed == ["a.json"]
    assert acc.cameras_not_video == ["a.json"]
    assert acc.as_dict()["cameras_not_video"] == ["a.json"]


def test_a_file_stating_no_kind_of_device_is_neither_camera_nor_non_camera(tmp_path: Path) -> None:
    plain = {"ip": None, "mac": None, "responses": [{"protocol": "other", "port": None, "raw": "hello there"}]}
    (tmp_path / "a.json").write_text(json.dumps({**plain, "expect": {"vendor": "Hanwha Vision"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({**plain, "expect": {"device_type": "router"}}), encoding="utf-8")
    acc = evaluate(tmp_path, load_db())
    assert acc.cameras == 0 and acc.non_camera == 1
