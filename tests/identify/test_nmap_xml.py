"""``netscan identify --from nmap-xml``: nmap XML -> observations -> the same identification.

``tests/data/nmap/lab-sV-scripts.xml`` was produced by real nmap 7.93 run inside a lab scanner
namespace (``netscan lab run -- nmap -Pn -n -T4 -sV --version-light -p 21,23,80,443,554,8000,34567
--script http-title,http-headers,http-server-header,rtsp-methods,ssl-cert,banner -oX ...``) against
18 emulated devices; the live test below re-runs nmap against the session lab.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netscan.errors import UsageError
from netscan.identify import identify
from netscan.model import VIDEO_TYPES
from netscan.nmapxml import load_nmap_xml, parse_nmap_xml, servicefp_replies
from netscan.sigdb import load_db

LAB_XML = Path(__file__).resolve().parent.parent / "data" / "nmap" / "lab-sV-scripts.xml"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netscan", *args], capture_output=True, text=True, timeout=120)


def test_every_host_becomes_an_observation() -> None:
    obs = load_nmap_xml(LAB_XML)
    assert len(obs) == 18
    by_ip = {o.ip: o for o in obs}
    nvr = by_ip["10.213.3.22"]
    assert nvr.mac == "bc:ad:28:7f:60:08"
    assert 80 in nvr.open_ports
    kinds = {(r.protocol, r.request.split(" [")[0]) for o in obs for r in o.responses}
    # servicefp replies, -sV matches and script output all arrive as responses
    assert any(req.endswith("GetRequest") or req == "GetRequest" for _, req in kinds)
    assert ("other", "nmap-service") in kinds
    assert ("http", "title") in kinds
    assert any(p == "tls" for p, _ in kinds)
    assert any(p == "rtsp" for p, _ in kinds)


def test_lab_nmap_xml_identifies_makers_types_and_relabels() -> None:
    db = load_db()
    got = {o.ip: identify(o, db) for o in load_nmap_xml(LAB_XML)}
    assert got["10.213.3.22"].vendor == "Hikvision" and got["10.213.3.22"].device_type == "nvr"
    assert got["10.213.3.24"].device_type == "dvr"
    assert got["10.213.3.33"].vendor == "Dahua" and got["10.213.3.33"].brand == "Lorex"
    assert got["10.213.3.34"].vendor == "Dahua" and got["10.213.3.34"].brand == "Amcrest"
    assert got["10.213.3.43"].vendor == "Bosch" and got["10.213.3.43"].firmware == "7.10.0095"
    assert got["10.213.3.44"].model == "FD9167-HT"
    # non-cameras stay non-cameras
    assert got["10.213.3.70"].device_type == "printer"
    for ip in ("10.213.3.70", "10.213.3.71", "10.213.3.73"):
        assert got[ip].device_type not in VIDEO_TYPES


def test_cli_same_formats_as_observations() -> None:
    out = _cli("identify", "--from", "nmap-xml", str(LAB_XML), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert len(report["devices"]) == 18
    assert any(d["covered"] for d in report["devices"])  # Hikvision/Dahua are on the covered lists
    assert any(d["findings"] for d in report["devices"])
    csv = _cli("identify", "--from", "nmap-xml", str(LAB_XML), "--format", "csv")
    assert csv.returncode == 0 and "10.213.3.22" in csv.stdout


def test_servicefp_unescapes_nmap_escapes() -> None:
    fp = r'SF-Port554-TCP:V=7.93%I=7%r(RTSPRequest,4C,"RTSP/1\.0\x20401\x20Unauthorized\r\nWWW-Authenticate:\x20Digest\x20realm=\"IP\x20Camera\(C2875\)\"\r\n\r\n");'
    [(probe, reply)] = servicefp_replies(fp)
    assert probe == "RTSPRequest"
    assert reply == 'RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="IP Camera(C2875)"\r\n\r\n'


def test_hostile_or_foreign_xml_is_a_clear_error() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><nmaprun>&b;</nmaprun>'
    with pytest.raises(UsageError):
        parse_nmap_xml(bomb)
    with pytest.raises(UsageError):
        parse_nmap_xml(b"<root/>")
    with pytest.raises(UsageError):
        parse_nmap_xml(b"not xml at all")
    out = _cli("identify", "--from", "nmap-xml", "/nonexistent/scan.xml")
    assert out.returncode != 0 and "Traceback" not in out.stderr


def test_live_nmap_in_the_lab(lab: Any, tmp_path: Path) -> None:
    """Real nmap inside the lab's scanner namespace, its XML straight into identification."""
    names = {"hikvision-ds7608ni-nvr", "printer-hp-laserjet-m404"}
    targets = {d.name: d.ip for d in lab.devices if d.name in names}
    assert set(targets) == names
    xml = tmp_path / "scan.xml"
    proc = lab.run_in_scanner(
        ["nmap", "-Pn", "-n", "-T4", "-sV", "--version-light", "-p", "80,554", "--script", "http-title,http-headers",
         "--host-timeout", "60s", "-oX", str(xml), *targets.values()],
        timeout=150,
    )
    assert proc.returncode == 0, proc.stderr
    db = load_db()
    got = {o.ip: identify(o, db) for o in load_nmap_xml(xml)}
    nvr = got[targets["hikvision-ds7608ni-nvr"]]
    assert nvr.vendor == "Hikvision" and nvr.device_type in VIDEO_TYPES
    assert got[targets["printer-hp-laserjet-m404"]].device_type not in VIDEO_TYPES
