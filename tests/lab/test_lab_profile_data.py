"""The shipped profiles and the emulator's pure parts (no root, no network)."""

from __future__ import annotations

import json
import struct
from collections import Counter

import pytest

from netscan.lab import PROFILES_DIR, load_profiles
from netscan.lab.emulator import packets
from netscan.lab.emulator.mdns import parse_records
from netscan.lab.emulator.tcp import DeviceContext, http_reply, match_response, rtsp_reply
from netscan.lab.emulator.udp import UdpDevice, reply
from netscan.lab.profiles import check_profile, served_raw, substitute_address, xmeye_hex_ip
from netscan.model import DEVICE_TYPES, VIDEO_TYPES

PROFILES = load_profiles(PROFILES_DIR)
BY_NAME = {p["name"]: p for p in PROFILES}


def test_profiles_cover_the_issue() -> None:
    kinds = Counter(p["expect"]["device_type"] for p in PROFILES)
    video = sum(n for k, n in kinds.items() if k in VIDEO_TYPES)
    assert video >= 20
    assert sum(n for k, n in kinds.items() if k in {"router", "printer", "nas", "tv", "pc"}) >= 5
    vendors = {p["expect"]["vendor"] for p in PROFILES}
    for v in ("Hikvision", "Dahua", "Uniview", "Axis", "Hanwha Vision", "Bosch", "Vivotek", "Reolink", "Xiongmai",
              "Foscam", "TP-Link", "Ubiquiti", "Mobotix", "Avigilon", "i-PRO", "Sony", "Grandstream", "Huawei"):
        assert v in vendors, v
    brands = {p["expect"]["brand"] for p in PROFILES}
    assert {"HiLook", "EZVIZ", "Lorex", "Amcrest"} <= brands
    behaviours = {p.get("behaviour") for p in PROFILES}
    assert {"huge-body", "never-answer", "slow-drip"} <= behaviours
    assert BY_NAME["hikvision-ds2cd2032-v540"]["expect"]["firmware"] == "V5.4.0 build 160401"
    assert "cve:CVE-2017-7921" in BY_NAME["hikvision-ds2cd2032-v540"]["expect_findings"]
    assert "cve:CVE-2017-7921" not in BY_NAME["hikvision-ds2cd2032-v553"]["expect_findings"]


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_profile_is_well_formed(name: str) -> None:
    p = BY_NAME[name]
    assert check_profile({k: v for k, v in p.items() if k != "_path"}) == []
    assert p.get("source"), "every profile cites where its responses come from"
    assert p["expect"]["device_type"] in DEVICE_TYPES
    if not p.get("hostile") and not p.get("behaviour"):
        assert p["responses"] or p.get("open_ports")


def test_profiles_round_trip_through_the_observation_format() -> None:
    """Profiles are observations: the lead's loader (when present) reads them without loss."""
    from netscan.observations import load_text
    for p in PROFILES:
        obs = load_text(json.dumps({k: v for k, v in p.items() if k != "_path"}))
        assert obs[0].mac == p["mac"]
        assert len(obs[0].responses) == len(p["responses"])


def test_check_profile_rejects_bad_input() -> None:
    assert check_profile([]) != []
    assert any("mac" in e for e in check_profile({"name": "x1", "mac": "zz", "responses": []}))
    assert any("multicast" in e for e in check_profile({"name": "x1", "mac": "01:00:5e:00:00:01", "responses": []}))
    assert any("behaviour" in e for e in check_profile({"name": "x1", "mac": "02:00:00:00:00:01", "behaviour": "explode"}))
    assert any("port" in e for e in check_profile({"name": "x1", "mac": "02:00:00:00:00:01",
                                                   "responses": [{"protocol": "http", "raw": "x"}]}))


def test_address_substitution_is_exact() -> None:
    assert substitute_address("http://192.168.1.6/ 192.168.1.64 192.168.1.6:80", "192.168.1.6", "10.0.0.9") == \
        "http://10.0.0.9/ 192.168.1.64 10.0.0.9:80"
    assert xmeye_hex_ip("192.168.1.10") == "0x0A01A8C0"
    p = BY_NAME["hikvision-ds2cd2032-v540"]
    http_r = next(r for r in p["responses"] if r["protocol"] == "http")
    assert served_raw(p, http_r, "10.9.9.9") == http_r["raw"]  # HTTP bodies come back byte for byte
    wsd_r = next(r for r in p["responses"] if r["protocol"] == "wsd")
    assert "10.9.9.9" in served_raw(p, wsd_r, "10.9.9.9") and p["ip"] not in served_raw(p, wsd_r, "10.9.9.9")


def test_match_response_prefers_the_exact_target() -> None:
    cands = [{"request": "GET /"}, {"request": "GET /a?x=1"}, {"request": "GET /a"}, {"request": "*"}]
    assert match_response(cands, "GET", "/a?x=1") is cands[1]
    assert match_response(cands, "GET", "/a?y=2") is cands[2]
    assert match_response(cands, "GET", "http://h:80/") is cands[0]
    assert match_response(cands, "POST", "/zzz") is cands[3]
    assert match_response([{"request": "OPTIONS"}], "DESCRIBE", "/x") is None


def test_http_and_rtsp_replies() -> None:
    p = BY_NAME["hikvision-ds2cd2032-v540"]
    dev = DeviceContext(name=p["name"], ip="10.0.0.20", profile=p)
    assert http_reply(dev, 80, "GET", "/doc/page/login.asp", b"").startswith(b"HTTP/1.1 200 OK")
    assert b"404" in http_reply(dev, 80, "GET", "/nope", b"")[:20]
    soap = b'<s:Envelope xmlns:s="x"><s:Body><tds:GetSystemDateAndTime/></s:Body></s:Envelope>'
    out = http_reply(dev, 80, "POST", "/onvif/device_service", soap)
    assert out.startswith(b"HTTP/1.1 200") and b"GetSystemDateAndTimeResponse" in out
    out = http_reply(dev, 80, "POST", "/onvif/device_service", soap.replace(b"GetSystemDateAndTime", b"GetDeviceInformation"))
    assert out.startswith(b"HTTP/1.1 400") and b"NotAuthorized" in out
    out = http_reply(dev, 80, "POST", "/onvif/device_service", soap.replace(b"GetSystemDateAndTime", b"Reboot"))
    assert b"ActionNotSupported" in out
    rt = rtsp_reply(dev, 554, "DESCRIBE", "rtsp://10.0.0.20:554/Streaming/Channels/101", "42")
    assert rt.startswith(b"RTSP/1.0 401") and b"CSeq: 42\r\n" in rt and b'realm="IP Camera(C2342)"' in rt


def test_udp_replies_echo_request_ids() -> None:
    hik = BY_NAME["hikvision-ds2cd2032-v540"]
    dev = UdpDevice(name=hik["name"], ip="10.1.2.3", ifindex=5, profile=hik)
    out = reply("wsd", dev, b"<a:MessageID>urn:uuid:feed</a:MessageID><d:Probe/>")
    assert out is not None and b"<wsa:RelatesTo>urn:uuid:feed</wsa:RelatesTo>" in out and b"http://10.1.2.3/onvif" in out
    assert reply("wsd", dev, b"<d:ProbeMatches/>") is None
    out = reply("sadp", dev, b"<Probe><Uuid>U-1</Uuid><Types>inquiry</Types></Probe>")
    assert out is not None and b"<Uuid>U-1</Uuid>" in out and b"<IPv4Address>10.1.2.3<" in out
    dh = BY_NAME["dahua-ipc-hfw3441e-vuln"]
    ddev = UdpDevice(name=dh["name"], ip="10.1.2.4", ifindex=6, profile=dh)
    pkt = reply("dhip", ddev, b'{"method":"DHDiscover.search"}')
    assert pkt is not None and pkt[4:8] == b"DHIP"
    (blen,) = struct.unpack_from("<I", pkt, 16)
    assert blen == len(pkt) - 32
    body = json.loads(pkt[32:].rstrip(b"\x00\n"))
    assert body["mac"] == dh["mac"] and body["params"]["deviceInfo"]["IPv4Address"]["IPAddress"] == "10.1.2.4"
    xm = BY_NAME["xiongmai-dvr-ahb7004"]
    xdev = UdpDevice(name=xm["name"], ip="10.1.2.5", ifindex=7, profile=xm)
    probe = packets.xmeye_packet(b"", 1530)
    out = reply("xmeye", xdev, probe)
    assert out is not None and packets.xmeye_msg_id(out) == 1531
    assert json.loads(out[20:])["NetWork.NetCommon"]["HostIP"] == xmeye_hex_ip("10.1.2.5")
    assert reply("xmeye", xdev, packets.xmeye_packet(b"", 1000)) is None


def test_packets_are_well_formed() -> None:
    arp = packets.gratuitous_arp("c0:56:e3:00:00:01", "10.0.0.5")
    assert len(arp) == 42 and arp[12:14] == b"\x08\x06" and arp[28:32] == arp[38:42]
    frame = packets.dhcp_request("c0:56:e3:00:00:01", "10.0.0.5", "cam-1", "udhcp 1.20.2", 7)
    ip_hdr = frame[14:34]
    assert packets._checksum(ip_hdr) == 0  # a valid header sums to zero
    assert b"\x0c\x05cam-1" in frame and b"\x3c\x0cudhcp 1.20.2" in frame
    q = packets.dns_query("dev.hik-connect.com", 1)
    assert b"\x03dev\x0bhik-connect\x03com\x00" in q


def test_mdns_records_parse() -> None:
    specs = parse_records(
        "_axis-video._tcp.local. PTR AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local.\n"
        "AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. SRV 0 0 80 axis-accc8e7a1b2c.local.\n"
        'AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. TXT "macaddress=ACCC8E7A1B2C" "x=a b"\n'
        "garbage line\n")
    assert len(specs) == 1
    s = specs[0]
    assert s.type_ == "_axis-video._tcp.local." and s.port == 80 and s.properties == {"macaddress": "ACCC8E7A1B2C", "x": "a b"}


def test_expected_findings_name_known_finding_types() -> None:
    from netscan.findings.catalogue import FINDING_TYPES

    for p in PROFILES:
        for fid in p.get("expect_findings", []):
            kind = fid.split(":", 1)[0]
            assert kind in FINDING_TYPES, f"{p['name']}: {fid}"
            if kind == "cve":
                assert fid.startswith("cve:CVE-")


def test_timing_fixed_range_and_idle() -> None:
    import random

    from netscan.lab.emulator.timing import Timing

    assert Timing().next_delay("tcp/80", 0.0) == 0.0
    fixed = Timing(delay_s=(0.7, 0.7))
    assert fixed.next_delay("tcp/80", 0.0) == 0.7 and fixed.next_delay("tcp/80", 100.0) == 0.7
    ranged = Timing(delay_s=(0.3, 3.0), rng=random.Random(1))
    got = [ranged.next_delay("tcp/80", float(i)) for i in range(50)]
    assert all(0.3 <= x <= 3.0 for x in got) and max(got) - min(got) > 1.0
    idle = Timing(delay_s=(0.1, 0.1), idle_delay_s=2.5, idle_after_s=20.0)
    assert idle.next_delay("tcp/80", 0.0) == pytest.approx(2.6)  # the very first request
    assert idle.next_delay("tcp/80", 5.0) == pytest.approx(0.1)  # awake
    assert idle.next_delay("tcp/80", 24.9) == pytest.approx(0.1)  # 19.9 s idle: still awake
    assert idle.next_delay("tcp/80", 45.0) == pytest.approx(2.6)  # 20.1 s idle: slow again
    assert idle.next_delay("tcp/554", 46.0) == pytest.approx(2.6)  # each service has its own idle clock
    assert idle.next_delay("udp/wsd", 46.5) == pytest.approx(2.6)
    assert idle.next_delay("tcp/80", 47.0) == pytest.approx(0.1)


def test_realism_keys_are_checked() -> None:
    from netscan.lab.profiles import check_realism_keys

    assert check_realism_keys({"delay_s": 1.5, "idle_delay_s": 2, "idle_after_s": 30, "multicast_silent": True,
                               "segment": "routed"}) == []
    assert check_realism_keys({"delay_s": [0.5, 3.0]}) == []
    for bad in ({"delay_s": -1}, {"delay_s": [3, 1]}, {"delay_s": "slow"}, {"delay_s": 99}, {"idle_delay_s": -2},
                {"multicast_silent": "yes"}, {"segment": "vlan7"}):
        assert check_realism_keys(bad), bad
    base = {"name": "x-cam", "mac": "00:11:22:33:44:55", "responses": []}
    assert check_profile({**base, "segment": "lan2", "delay_s": [0.1, 0.2]}) == []
    assert check_profile({**base, "segment": "mars"})


def test_realistic_mix_meets_issue_12() -> None:
    from netscan.lab.realism import realistic_mix

    mix = realistic_mix(PROFILES, 40)
    entries = mix["profiles"]
    hostile = {p["name"] for p in PROFILES if p.get("hostile") or p.get("behaviour")}
    assert not hostile & set(entries)  # hostile devices keep their own behaviour
    assert sum(e["multicast_silent"] for e in entries.values()) >= len(PROFILES) / 4
    def worst(e: dict) -> float:
        d = e.get("delay_s", 0)
        return (d[1] if isinstance(d, list) else d) + e.get("idle_delay_s", 0)
    assert sum(worst(e) > 0 for e in entries.values()) >= 8 and 2.9 <= max(map(worst, entries.values())) <= 3.0
    assert sum(e["segment"] == "routed" for e in entries.values()) >= 3
    assert sum(e["segment"] == "lan2" for e in entries.values()) >= 2
    assert mix["loss_pct"] == 1.0 and "routed" in mix["plain"].values()


def test_docs_count_the_shipped_profiles() -> None:
    """docs/lab.md's profile count stays true as profiles are added."""
    import re
    from pathlib import Path

    from netscan.model import VIDEO_TYPES

    text = (Path(__file__).resolve().parents[2] / "docs" / "lab.md").read_text(encoding="utf-8")
    m = re.search(r"\((\d+): (\d+) cameras/NVRs/DVRs/encoders, (\d+)\s+ordinary devices, (\d+) hostile\)", text)
    assert m, "docs/lab.md no longer states the profile count"
    hostile = sum(bool(p.get("hostile") or p.get("behaviour")) for p in PROFILES)
    video = sum((p.get("expect") or {}).get("device_type") in VIDEO_TYPES for p in PROFILES
                if not (p.get("hostile") or p.get("behaviour")))
    got = (len(PROFILES), video, len(PROFILES) - hostile - video, hostile)
    assert tuple(int(x) for x in m.groups()) == got, f"docs/lab.md counts {m.groups()}, the shipped profiles are {got}"
