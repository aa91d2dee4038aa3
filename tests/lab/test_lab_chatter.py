"""Unsolicited traffic: what a passive listener in the scanner namespace hears."""

from __future__ import annotations

from typing import Any

import pytest

from netscan.lab.emulator.chatter import cloud_domains, dhcp_fields

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def heard(lab: Any, lab_client: Any) -> list[dict[str, Any]]:
    """Twenty seconds of traffic on the scanner's interface: the emulator chatters every 8 s, so this
    holds two whole rounds even when a round starts late or runs slowly on a loaded machine."""
    (frames,) = lab_client([{"op": "sniff", "iface": lab.scanner_iface, "duration": 20.0}])
    return frames


def test_gratuitous_arp_from_every_device(lab: Any, heard: list[dict[str, Any]]) -> None:
    garp = {(f["src_mac"], f["spa"]) for f in heard if f.get("kind") == "arp" and f["spa"] == f["tpa"]}
    for d in lab.profile_devices:
        assert (d.mac, d.ip) in garp, d.name


def test_dhcp_requests_carry_hostname_and_vendor_class(lab: Any, heard: list[dict[str, Any]]) -> None:
    dhcp = {f["src_mac"]: f["payload"] for f in heard if f.get("dport") == 67}
    want = [d for d in lab.profile_devices if any(dhcp_fields(d.profile or {}))]
    assert len(want) >= 15
    for d in want:
        payload = dhcp[d.mac]
        hostname, vendor = dhcp_fields(d.profile or {})
        if hostname:
            assert "\x0c" + chr(len(hostname.encode("latin-1", "replace"))) + hostname in payload, d.name
        if vendor:
            assert "\x3c" + chr(len(vendor)) + vendor in payload, d.name
    pc = lab.device("pc-windows-desktop")
    assert "MSFT 5.0" in dhcp[pc.mac] and "DESKTOP-7Q4K2LM" in dhcp[pc.mac]


def test_discovery_announcements(lab: Any, heard: list[dict[str, Any]]) -> None:
    def payloads(port: int, src: str) -> list[str]:
        return [f["payload"] for f in heard if f.get("dport") == port and f.get("src") == src]

    hik = lab.device("hikvision-ds2cd2032-v540")
    assert any("discovery/Hello" in p for p in payloads(3702, hik.ip))
    assert any(p.startswith("<?xml") and "<Hello>" in p for p in payloads(37020, hik.ip))
    assert any(p.startswith("NOTIFY * HTTP/1.1") for p in payloads(1900, lab.device("router-tplink-archer-c7").ip))
    assert any(p.startswith("NOTIFY * HTTP/1.1") for p in payloads(1900, lab.device("tv-samsung-q60").ip))
    assert any("_axis-video" in p for p in payloads(5353, lab.device("axis-m3045v").ip))


def test_cloud_lookups_reach_the_scanner(lab: Any, heard: list[dict[str, Any]]) -> None:
    for name in ("xiongmai-dvr-ahb7004", "dahua-ipc-hfw3441e-vuln", "hikvision-ds2cd2032-v540", "hipcam-open-rtsp"):
        d = lab.device(name)
        queries = [f["payload"] for f in heard if f.get("dport") == 53 and f.get("src") == d.ip]
        for domain in cloud_domains(d.profile or {}):
            wire = "".join(chr(len(p)) + p for p in domain.split("."))
            assert any(wire in q for q in queries), (name, domain)
    assert all(f.get("dst") == lab.scanner_ip for f in heard if f.get("dport") == 53)
