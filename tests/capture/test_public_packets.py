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
No public recording of a real device's SADP Hello, WS-Discovery Hello, TP-Link 20002 or Ubiquiti
10001 datagram was found; those paths are covered by tests/capture/test_capture.py and the lab.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netscan.capture import read_captures
from netscan.identify import identify
from netscan.lab.emulator.mdns import MdnsRecords
from netscan.lab.emulator.packets import dhip_packet, dns_query, to_bytes
from netscan.lab.pcapgen import udp_frame, write_pcap
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
    return out


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
