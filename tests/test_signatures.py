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
    out = capsys.readouterr().out
    assert "all checks passed" in out
    # the field-name conventions (generic.yaml's semantic keys) are counted apart from the rules
    import re

    m = re.search(r"(\d+) field-name conventions with (\d+) examples", out)
    assert m and int(m.group(1)) > 0 and int(m.group(2)) >= int(m.group(1))


def _minisig(tmp_path, extra: str):  # type: ignore[no-untyped-def]
    import shutil
    from pathlib import Path

    root = tmp_path / "sig"
    shutil.copytree(Path(__file__).parent / "identify" / "minisig", root)
    (root / "fingerprints" / "zz-other.yaml").write_text(extra, encoding="utf-8")
    return root


def test_shadowing_is_checked_across_vendor_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A rule in another vendor's file that claims another maker for the same value is reported,
    in both directions when the weights tie."""
    root = _minisig(tmp_path, """\
rules:
  - id: zz-claims-hikvision-server
    field: http.header.server
    pattern: '^Hikvision-Webs$'
    set: {vendor: Dahua}
    examples:
      - {value: Hikvision-Webs, expect: {vendor: Dahua}, source: https://example.org/x}
""")
    problems = check(load_db(root))
    assert any("rule 't-hik-server'" in p and "shadowed by rule zz-other.yaml: 'zz-claims-hikvision-server'" in p for p in problems), problems
    assert any("rule 'zz-claims-hikvision-server'" in p and "'t-hik-server'" in p for p in problems), problems


def test_a_lighter_generic_rule_does_not_shadow(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _minisig(tmp_path, """\
rules:
  - id: zz-any-webs-is-a-recorder
    field: http.header.server
    pattern: '-Webs$'
    set: {device_type: nvr}
    preference: 0.2
    examples:
      - {value: Foo-Webs, expect: {device_type: nvr}, source: https://example.org/x}
""")
    db = load_db(root)
    assert next(r for r in db.rules if r.id == "zz-any-webs-is-a-recorder").extract("Hikvision-Webs") == {"device_type": "nvr"}
    # it contradicts t-hik-server's example (camera), but weighs less: t-hik-server's claim wins
    assert check(db) == []


def test_a_rule_that_matches_its_own_negative_is_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``negatives:`` of a fingerprint rule are look-alikes the rule must not match (with a source)."""
    root = _minisig(tmp_path, """\
rules:
  - id: zz-live-video
    field: rtsp.body
    pattern: 'm=video '
    set: {device_type: camera}
    preference: 0.2
    examples:
      - {value: "m=video 0 RTP/AVP 96", expect: {device_type: camera}, source: https://example.org/x}
    negatives:
      - {value: "m=video 0 RTP/AVP 33", source: https://example.org/satip}
      - {value: "m=audio 0 RTP/AVP 8"}
""")
    problems = check(load_db(root))
    assert any("rule 'zz-live-video' negative 1" in p and "is matched by the rule" in p for p in problems), problems
    assert any("rule 'zz-live-video' negative 2" in p and "needs a 'source'" in p for p in problems), problems
    assert not any("negative 2" in p and "is matched" in p for p in problems), problems


def test_broken_files_are_all_reported_and_refused_for_analysis(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from netscan.errors import SignatureError
    from netscan.sigdb import load_signatures, run_checks

    root = _minisig(tmp_path, "rules:\n  - id: bad\n    field: http.title\n    pattern: '(('\n    examples: [{value: x}]\n")
    (root / "fingerprints" / "zz-worse.yaml").write_text("rules: [\n", encoding="utf-8")
    (root / "vulns").mkdir()
    sig = load_signatures(root, strict=False)
    problems = run_checks(sig)
    assert any("zz-other.yaml: rule 'bad'" in p and "bad pattern" in p for p in problems), problems
    assert any("zz-worse.yaml" in p and "invalid YAML" in p for p in problems), problems
    assert any(r.id == "t-hik-server" for r in sig.db.rules)  # the good rules still load  # type: ignore[union-attr]
    with pytest.raises(SignatureError, match="bad pattern"):
        load_signatures(root)
