"""The shipped signature database: loads, passes its self-check, and the CLI says so."""

from __future__ import annotations

from netscan.cli import main
from netscan.sigdb import check, load_db


def test_shipped_database_self_check() -> None:
    db = load_db()
    problems = check(db)
    assert problems == [], "\n".join(problems[:50])
    assert len(db.rules) >= 50
    assert all(len(r.examples) >= 1 for r in db.rules)


def test_oui_registry_is_complete_and_mapped() -> None:
    db = load_db()
    assert len(db.oui) > 40000  # MA-L + MA-M + MA-S + IAB
    assert db.lookup_mac("28:57:be:00:00:01")[2] == "Hikvision"
    assert db.lookup_mac("3c:ef:8c:00:00:01")[2] == "Dahua"
    assert db.lookup_mac("ac:cc:8e:00:00:01")[2] == "Axis"
    # substring look-alikes must not map: "Shanghai Dahua Scale Factory" is an MA-M block
    for prefix, (_, org) in db.oui.items():
        if "dahua scale" in org.lower():
            assert db.oui_vendor.get(prefix) is None


def test_covered_vendors() -> None:
    db = load_db()
    for name in ("Hikvision", "Dahua", "Huawei", "ZTE", "Hytera"):
        hit = db.covered_status(name)
        assert hit is not None, name
        assert hit[1]["source"].startswith("http")
    assert db.covered_status("Axis") is None


def test_cli_check_exit_code(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["signatures", "check"]) == 0
    assert "all checks passed" in capsys.readouterr().out
