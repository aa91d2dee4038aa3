"""Discovery payloads recorded from real devices, published with their sources (the corpus files
under tests/corpus cite each one), put on the wire as the devices send them and read back by
``netscan passive --pcap``: the capture path identifies each device exactly as the recorded
response itself does, and as the corpus expects.

One file per vendor protocol where a public recording of a real device exists:
- Dahua DHIP: tests/corpus/dahua/ipc-hdw5421s_dhip.json (Phenomite/AMP-Research, a device's reply
  on UDP 37810) and vto2000a_dhip.json (rroller/dahua, a VTO2000A's discovery reply)
- Hikvision mDNS: tests/corpus/hikvision/ds-2cd2955fwd-is_mdns.json and ds-2cd2722fwd-izs_mdns_a.json
  (128keaton/hikvision-mdns test/cameras.json, answers of real cameras)
- Axis mDNS: tests/corpus/axis/axis-m5014-mdns.json (julienblitte/UniversalScanner Axis.selftest)
- SSDP: tests/corpus/router/igd-ssdp-wanconnectiondevice.json (zmap/ztag), roku/roku-ssdp.json (rapid7/recog)
- Xiongmai cloud look-ups: tests/corpus/xiongmai/numenworld-ncv-i536a_dns.json (johndoe31415/numenworld-ipcam:
  the names a NCV-I536A camera resolved at boot)
- TP-Link 20002: every tests/corpus/tplink/kasa-*.json whose ``tplink`` response is a 20002
  discovery reply (python-kasa tests/fixtures, the ``discovery_result`` its authors recorded from
  real Tapo cameras, plugs, bulbs and hubs). The fixtures hold the reply's JSON decoded; it is sent
  byte for byte after the 16-byte version-2 header python-kasa's discover.py strips (the header's
  serial and CRC are not recorded, so they are made here). Fixtures holding a legacy port-9999
  ``system.get_sysinfo`` reply instead (kasa-ep10, hs107, kl120, kp115) are left out: the passive
  path reads 20002 only.
- Cleartext HTTP and RTSP answers (``TCP_FILES``): real devices' answers from the corpus, sent as TCP
  segments after the request line, as a SPAN port sees them.
Recordings of SADP, WS-Discovery, XMEye (UDP 34569) and Ubiquiti 10001 datagrams, which the corpus does
not hold, are in tests/capture/public and read by tests/capture/test_public_recordings.py. The one
cited XMEye payload here, xiongmai/hi3516ev300_85h50ai_dvrip-systeminfo.json, is an authenticated
DVRIP SystemInfo reply over TCP 34567, which passive capture does not read.
"""

from __future__ import annotations

import binascii
import json
import struct
from pathlib import Path
from typing import Any

import pytest

from netscan.capture import read_captures
from netscan.identify import identify
from netscan.lab.emulator.mdns import MdnsRecords
from netscan.lab.emulator.packets import dhip_packet, dns_query, to_bytes
from netscan.lab.pcapgen import tcp_frame, udp_frame, write_pcap
from netscan.observations import from_dict

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = [
    "dahua/ipc-hdw5421s_dhip.json",
    "dahua/vto2000a_dhip.json",
    "hikvision/ds-2cd2955fwd-is_mdns.json",
    "hikvision/ds-2cd2722fwd-izs_mdns_a.json",
    "axis/axis-m5014-mdns.json",
    "router/igd-ssdp-wanconnectiondevice.json",
    "roku/roku-ssdp.json",
    "xiongmai/numenworld-ncv-i536a_dns.json",
]


def _is_20002_reply(path: Path) -> bool:
    doc = json.loads(path.read_text(encoding="utf-8"))
    obs = doc[0] if isinstance(doc, list) else doc
    return any(r["protocol"] == "tplink" and json.loads(r["raw"]).get("result") for r in obs["responses"])


TPLINK_FILES = sorted(f"tplink/{p.name}" for p in (CORPUS / "tplink").glob("kasa-*.json") if _is_20002_reply(p))
_TPLINK_HEADER = struct.Struct(">BBHHBBII")
IP = "192.168.77.40"
GW = "00:00:5e:00:53:01"


def _frames(obs: dict[str, Any], mac: str) -> list[bytes]:
    """The recorded responses as the datagrams the device sends."""
    out = []
    for r in obs["responses"]:
        proto, raw = r["protocol"], r["raw"]
        if proto == "dhip":
            body = to_bytes(raw)
            out.append(udp_frame(mac, "01:00:5e:7f:ff:fb", IP, "239.255.255.251", 37810, 37810,
                                 body if body[4:8] == b"DHIP" else dhip_packet(body)))
        elif proto == "mdns":
            packet = MdnsRecords("dev", IP, raw).announcement()
            assert packet is not None
            out.append(udp_frame(mac, "01:00:5e:00:00:fb", IP, "224.0.0.251", 5353, 5353, packet))
        elif proto == "ssdp":
            out.append(udp_frame(mac, GW, IP, "192.168.77.2", 1900, 40000, to_bytes(raw)))
        elif proto == "dns":
            for i, name in enumerate(line.split()[0] for line in raw.splitlines() if line.strip()):
                out.append(udp_frame(mac, GW, IP, "192.168.77.1", 40000 + i, 53, dns_query(name, i)))
        elif proto == "tplink":
            out.append(udp_frame(mac, GW, IP, "192.168.77.2", 20002, 40000, _tplink_datagram(raw.encode())))
    return out


def _tplink_datagram(payload: bytes) -> bytes:
    """The recorded JSON after the 20002 header (version 2, payload length, serial, CRC-32)."""
    head = bytearray(_TPLINK_HEADER.pack(2, 0, 1, len(payload), 0x11, 0, 0x12345678, 0x5A6B7C8D) + payload)
    head[12:16] = binascii.crc32(head).to_bytes(4, "big")
    return bytes(head)


@pytest.mark.parametrize("name", FILES)
def test_recorded_device_read_from_the_wire(name: str, tmp_path: Path) -> None:
    doc = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    obs = doc[0] if isinstance(doc, list) else doc
    assert obs.get("source") or any(r.get("source") for r in obs["responses"])  # every payload is cited
    mac = (obs.get("mac") or "00:00:5e:00:53:40").lower()
    frames = _frames(obs, mac)
    assert frames, name
    pcap = tmp_path / "dev.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000 + i, fr) for i, fr in enumerate(frames)])
    res = read_captures([str(pcap)])
    heard = [o for o in res.observations if o.ip == IP]
    assert len(heard) == 1, [o.ip for o in res.observations]
    got = identify(heard[0]).to_dict()
    direct = identify(from_dict({**obs, "ip": IP, "mac": mac})).to_dict()
    for key in ("vendor", "model", "firmware", "device_type"):
        assert got[key] == direct[key], (name, key, got[key], direct[key])
    expect = obs.get("expect") or {}
    for key in ("vendor", "model", "firmware"):
        if expect.get(key):
            assert got[key] == expect[key], (name, key)


def test_tplink_recordings_found() -> None:
    assert len(TPLINK_FILES) >= 50, TPLINK_FILES  # the glob did find python-kasa's fixtures
    assert "tplink/kasa-c210.json" in TPLINK_FILES


@pytest.mark.parametrize("name", TPLINK_FILES)
def test_recorded_tplink_reply_read_from_the_wire(name: str, tmp_path: Path) -> None:
    """python-kasa's recorded 20002 discovery replies, sent from UDP 20002 as the device does."""
    obs = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    replies = [r for r in obs["responses"] if r["protocol"] == "tplink"]
    assert all(r.get("source") for r in replies)  # every payload is cited
    mac = "00:00:5e:00:53:41"
    pcap = tmp_path / "dev.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000, fr) for fr in _frames({"responses": replies}, mac)])
    res = read_captures([str(pcap)])
    heard = [o for o in res.observations if o.ip == IP]
    assert len(heard) == 1, [o.ip for o in res.observations]
    assert [r.protocol for r in heard[0].responses] == ["tplink"]
    got = identify(heard[0]).to_dict()
    # the device as its discovery reply alone identifies it (other recorded answers need a login)
    direct = identify(from_dict({"ip": IP, "mac": mac, "responses": replies})).to_dict()
    for key in ("vendor", "model", "firmware", "device_type"):
        assert got[key] == direct[key], (name, key, got[key], direct[key])
    expect = obs["expect"]
    assert got["vendor"] == expect["vendor"] and got["model"] == expect["model"], (name, got)
    assert got["device_type"] == expect["device_type"], (name, got["device_type"])
    if any("firmware_version" in r["raw"] for r in replies):  # cameras' replies carry it, plugs' do not
        assert got["firmware"] and got["firmware"].startswith(expect["firmware"]), (name, got["firmware"])
    else:
        assert got["firmware"] is None, (name, got["firmware"])


#: Cleartext HTTP and RTSP answers of real devices in the corpus (each file cites its source), from a
#: single request to a long page: ISAPI deviceInfo (Hikvision cameras, NVR), Dahua/Amcrest RTSP
#: realms, an Axis basicdeviceinfo JSON, a Foscam DESCRIBE with SDP, Samsung/Hanwha and TP-Link RTSP,
#: and an HP printer's 13.9 KB home page (ten segments, of which the capture filter admits the first:
#: its title is there).
TCP_FILES = [
    "hikvision/ds-2cd2146g2-isu_v5.7.17_isapi.json",
    "hikvision/ds-7616ni-k2_nvr_isapi.json",
    "hikvision/hikvision-camera_rtsp-realm-c1214.json",
    "dahua/amcrest-camera_rtsp-realm.json",
    "dahua/amcrest-ip4m-1041b_magicbox.json",
    "axis/axis-m1065-lw_9.80.1.json",
    "foscam/foscam-c1_rtsp-describe.json",
    "hanwha/samsung-snb-2000-rtsp.json",
    "tplink/tplink-ipc_rtsp-realm_scrypted.json",
    "hp/laserjet-400-m401dn.json",
]
MSS = 1460


def _on_the_wire(responses: list[dict[str, Any]], mac: str) -> list[bytes]:
    """Each answer on its own TCP connection: the client's request line, then the answer in
    MSS-sized segments from the device's port, as a SPAN port sees an exchange."""
    out = []
    client, client_mac = "192.168.77.2", "00:00:5e:00:53:02"
    for n, r in enumerate(responses):
        port, cport = int(r["port"]), 50000 + n
        method, _, rest = r["request"].partition(" ")
        target = rest.split(" ")[0] or "/"
        proto = "RTSP/1.0" if r["protocol"] == "rtsp" else "HTTP/1.1"
        req = f"{method} {target} {proto}\r\nCSeq: 1\r\n\r\n".encode()
        out.append(tcp_frame(client_mac, mac, client, IP, cport, port, 1000, req))
        body = r["raw"].encode("utf-8")
        for i in range(0, len(body), MSS):
            out.append(tcp_frame(mac, client_mac, IP, client, port, cport, 5000 + i, body[i : i + MSS]))
    return out


def _exchanges(obs: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in obs["responses"] if r["protocol"] in ("http", "rtsp") and r["raw"].startswith(("HTTP/1.", "RTSP/1.0"))]


@pytest.mark.parametrize("name", TCP_FILES)
def test_recorded_http_rtsp_answer_read_from_tcp(name: str, tmp_path: Path) -> None:
    """The passive reader reassembles a real device's cleartext answer from TCP segments, keeps the
    request line it saw, and identification reads it as it reads the recorded answer itself."""
    doc = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    obs = doc[0] if isinstance(doc, list) else doc
    answers = _exchanges(obs)
    assert answers and all(r.get("source") or obs.get("source") for r in answers), name
    mac = "00:00:5e:00:53:43"
    pcap = tmp_path / "tcp.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000 + i / 1000, fr) for i, fr in enumerate(_on_the_wire(answers, mac))])
    res = read_captures([str(pcap)])
    heard = [o for o in res.observations if o.ip == IP]
    assert len(heard) == 1, [o.ip for o in res.observations]
    got_responses = sorted(heard[0].responses, key=lambda r: r.port or 0)
    assert len(got_responses) == len(answers)
    for got, want in zip(got_responses, sorted(answers, key=lambda r: int(r["port"]))):
        assert got.protocol == want["protocol"] and got.port == int(want["port"])
        assert got.request.split(" ")[0] == want["request"].split(" ")[0]
        sent = want["raw"].encode("utf-8")
        # the capture filter admits the segment that starts an answer, not the ones after it
        assert got.raw.encode("latin-1") == sent[:MSS] and got.truncated is (b"\r\n\r\n" not in sent[:MSS])
    want_id = identify(from_dict({"ip": IP, "mac": None, "responses": [
        {"protocol": r["protocol"], "raw": r["raw"], "port": r["port"], "request": r["request"]} for r in answers]})).to_dict()
    got_id = identify(heard[0]).to_dict()
    for key in ("vendor", "brand", "model", "firmware", "device_type"):
        assert got_id[key] == want_id[key], (name, key, got_id[key], want_id[key])
    expect = obs.get("expect") or {}
    for key in ("vendor", "model", "firmware"):
        if expect.get(key):
            assert got_id[key] == expect[key], (name, key)
