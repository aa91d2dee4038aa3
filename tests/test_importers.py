"""The fingerprint importers (scripts/import_recog.py, scripts/import_nmap.py) ship no pattern that
comes near `netscan signatures check`'s time budget: a loaded CI machine must not fail the check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_slow_imported_patterns_are_dropped() -> None:
    r = _script("import_recog")
    # nmap-service-probes line 8427 as converted: quadratic on a long run of spaces in a title
    slow = {"field": "http.header.server", "pattern": "^NetPort Software ([\\w._-]+)$", "flags": ["dotall"],
            "requires": {"http.title": "^\\s*([^-<\\r\\n]+) - VSX 8000\\s*$"}}
    why = r.too_slow(slow)
    assert why and why.startswith("slow: http.title pattern"), why
    fine = {"field": "http.header.server", "pattern": "^NetPort Software ([\\w._-]+)$", "flags": ["dotall"],
            "requires": {"http.title": "^\\s*(?P<hostname>[-\\w_.]+) - VSX 8000\\s*$"}}
    assert r.too_slow(fine) is None


def test_shipped_imported_files_have_no_slow_pattern() -> None:
    import json

    r = _script("import_recog")
    for name in ("nmap-probes-video.yaml", "recog-banners.yaml"):
        doc = json.loads((ROOT / "signatures" / "fingerprints" / name).read_text(encoding="utf-8"))
        assert not [rule["id"] for rule in doc["rules"] if r.too_slow(rule)], name


def test_software_only_rule_does_not_cover_a_device_type_rule() -> None:
    """The GoAhead software rule (no vendor, no device type) must not hide nmap's rule that types
    `GoAhead-Webs` with the realm `CameraServer` as a camera: re-running the import keeps that rule."""
    r = _script("import_recog")
    db = r.existing_db(keep=("recog-",))
    rule = {"field": "http.header.server", "pattern": "^GoAhead-Webs$",
            "requires": {"http.header.www-authenticate": '^Basic realm=\\"CameraServer\\"$'},
            "set": {"device_type": "camera"},
            "examples": [{"fields": {"http.header.server": "GoAhead-Webs",
                                     "http.header.www-authenticate": 'Basic realm="CameraServer"'}}]}
    conv = r.Converted(None, rule, None, "camera")
    assert r.covered_by(db, conv, ["GoAhead-Webs"]) is None
    # the same server typed as nothing is still covered by the software rule
    plain = r.Converted(None, {**rule, "set": {}}, None, "")
    assert r.covered_by(db, plain, ["GoAhead-Webs"])


def test_video_software_on_a_computer_is_a_server() -> None:
    """nmap types Blue Iris (Windows NVR software) d/webcam; the host running it is a server, not a
    camera. Camera hardware with "IP webcam" in its product name stays a camera."""
    n = _script("import_nmap")

    def line(p: str, d: str = "", o: str = "") -> dict[str, object]:
        return {"info": {"p": p, "d": d, "o": o}}

    assert n.wanted(line("Blue Iris camera webserver", d="webcam")) == "server"
    assert n.wanted(line("IP Webcam httpd", o="Android")) == "server"
    assert n.wanted(line("Yawcam webcam viewer httpd")) == "server"
    assert n.wanted(line("D-Link AirLink IP webcam http config", d="webcam")) == "camera"
    assert n.wanted(line("Hikvision DVR http config")) == "dvr"


def test_shipped_nmap_file_types_blue_iris_as_server() -> None:
    import json

    doc = json.loads((ROOT / "signatures" / "fingerprints" / "nmap-probes-video.yaml").read_text(encoding="utf-8"))
    types = {r["id"]: r["set"].get("device_type") for r in doc["rules"]}
    assert types["nmap-blue-iris-camera-webserver-l10324"] == "server"
    assert types["nmap-d-link-airlink-ip-webcam-http-config-l8132"] == "camera"
