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


def _nmap_line(line: str) -> dict[str, object]:
    n = _script("import_nmap")
    e = n.parse_line(line)
    assert e is not None
    return e  # type: ignore[no-any-return]


def test_a_video_devices_own_daemon_version_is_its_firmware() -> None:
    """nmap names the product of a camera's FTP/telnet greeting after the daemon ("Axis $1 Network
    Camera ftpd") and gives the camera's firmware as its v/ (nmap-service-probes line 698): that capture
    becomes the firmware group. A program's own version -- after a ``Server:`` product token, after
    "FTP Server v", or a template that names a program -- does not."""
    n = _script("import_nmap")
    # nmap-service-probes (db4aefd) lines 698, 704, 4698: the device's greeting, its version after its name
    axis = _nmap_line(r"match ftp m|^220 AXIS ([\w._ -]+) Network Camera ([\w._-]+ \(\w+ \d+ \d+\)) ready\.\r\n| p/Axis $1 Network Camera ftpd/ v/$2/ d/webcam/ cpe:/h:axis:$1_network_camera/")
    assert n.device_daemon_version(axis) == 2
    assert n.capture_plan(axis) == {1: "model", 2: "firmware"}
    video_server = _nmap_line(r"match ftp m|^220 AXIS ([+\d]+) Video Server ?(\d\S+) (.*?) ready\.| p/AXIS $1 Video Server ftpd/ v/$2/ i/$3/")
    assert n.device_daemon_version(video_server) == 2
    dvtel = _nmap_line(r"match telnet m|^\xff\xfe\x01\r\n\r\n\*{59}\r\n\*\s*DVTel (DVT-\w+) - ([\w._-]+)\s*\*\r\n| p/DVTel $1 security camera telnetd/ v/$2/ d/webcam/ cpe:/h:dvtel:$1/")
    assert n.device_daemon_version(dvtel) == 2
    # lines 1043, 1062, 9773, 8146: an FTP program's version, a Server token's, a template naming a program
    prnet = _nmap_line(r"match ftp m|^220 PrNET FTP server \(PrNET FTP ([\d.]+)\) ready\.\r\n| p/Panasonic WV-NP1000 webcam ftpd/ v/$1/ d/webcam/ cpe:/h:panasonic:wv-np1000/a")
    assert n.device_daemon_version(prnet) is None
    edvr = _nmap_line(r"match ftp m|^ftpd - accept the connection from [\d.]+\n220-eDVR FTP Server v([\d.]+) \(c\)Copyright WebGate Inc\. \w+-\w+\r\n220-Welcome to (DS\w+)\r\n| p/WebGate $2 eDVR camera ftpd/ v/$1/ d/webcam/")
    assert n.device_daemon_version(edvr) is None
    gen5th = _nmap_line(r"match http m|^HTTP/1\.0 307 Temporary Redirect\r\n(?:[^\r\n]+\r\n)*?Server: gen5th/([\d.]+)\r\n|s p/Sony Network Camera httpd/ v/$1/ d/webcam/")
    assert n.device_daemon_version(gen5th) is None
    netevi = _nmap_line(r"match http m|^HTTP/1\.1 \d\d\d .*\r\nWWW-Authenticate: Basic realm=\"Sony Network Camera (SNC-\w+)\"\r\nContent-Type: text/html\r\nServer: NetEVI/([\d.]+)\r\n| p/Sony webcam $1 http config/ v/NetEVI httpd $2/ d/webcam/ cpe:/h:sony:webcam_$1/a")
    assert n.device_daemon_version(netevi) is None
    # not video gear, or video software on a computer: never
    assert n.device_daemon_version(_nmap_line(r"match telnet m|^BusyBox v([\d.]+) | p/BusyBox telnetd/ v/$1/")) is None
    assert n.device_daemon_version(_nmap_line(r"match http m|^HTTP/1\.0 200 OK\r\nServer: Motion/([\d.]+)\r\n| p/Motion Camera httpd/ v/$1/ d/webcam/")) is None


def test_shipped_nmap_file_names_the_axis_ftp_firmware() -> None:
    import json
    import re

    doc = json.loads((ROOT / "signatures" / "fingerprints" / "nmap-probes-video.yaml").read_text(encoding="utf-8"))
    rules = {r["id"]: r for r in doc["rules"]}
    rx = re.compile(rules["nmap-axis-1-network-camera-ftpd-l696"]["pattern"], re.I)
    m = rx.search("220 Axis P1344 Network Camera 5.40.9.2 (Jan 01 2013) ready.")
    assert m is not None and m.group("firmware") == "5.40.9.2" and m.group("model") == "P1344"
    assert "(?P<firmware>" not in rules["nmap-webgate-2-edvr-camera-ftpd-l1062"]["pattern"]  # the FTP server's own version
