"""SNMP agents' answers heard passively (UDP 161, RFC 3416 messages) and read from ``snmp``
responses: a capture file through ``netscan passive`` to identification, the community string never
stored; malformed and hostile messages never raise."""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
from pathlib import Path

from netscan.lab.pcapgen import udp_frame, write_pcap
from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers.snmp import ber_varbinds, walk_text

NETSCAN = str(Path(sys.executable).with_name("netscan"))
COMMUNITY = b"s3cret-community"


def _tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + body


def _oid(text: str) -> bytes:
    arcs = [int(a) for a in text.split(".")]
    out = bytes([arcs[0] * 40 + arcs[1]])
    for v in arcs[2:]:
        enc = [v & 0x7F]
        v >>= 7
        while v:
            enc.insert(0, (v & 0x7F) | 0x80)
            v >>= 7
        out += bytes(enc)
    return out


def _value(v: object) -> bytes:
    if isinstance(v, bytes):
        return _tlv(0x04, v)
    if isinstance(v, int):
        return _tlv(0x02, v.to_bytes(4, "big", signed=True))
    return _tlv(0x06, _oid(str(v)))


def message(varbinds: list[tuple[str, object]], pdu: int = 0xA2, version: int = 1) -> bytes:
    """An SNMP v1/v2c message (RFC 3416 PDU layout) with the given variable bindings."""
    vbl = b"".join(_tlv(0x30, _tlv(0x06, _oid(o)) + _value(v)) for o, v in varbinds)
    body = _tlv(0x02, b"\x07") + _tlv(0x02, b"\x00") + _tlv(0x02, b"\x00") + _tlv(0x30, vbl)
    return _tlv(0x30, _tlv(0x02, bytes([version])) + _tlv(0x04, COMMUNITY) + _tlv(pdu, body))


CAMERA = [("1.3.6.1.2.1.1.1.0", b"Linux"), ("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.8072.3.2.10"),
          ("1.3.6.1.4.1.39165.1.1.0", b"DS-2CD2142FWD-I"), ("1.3.6.1.4.1.39165.1.3.0", b"V5.5.82 build 190220"),
          ("1.3.6.1.4.1.39165.1.20.0", 1)]
PRINTER = [("1.3.6.1.2.1.1.1.0", b"HP ETHERNET MULTI-ENVIRONMENT,ROM A.05.03,JETDIRECT,JD24,EEPROM A.08.49"),
           ("1.3.6.1.2.1.25.3.2.1.2.1", "1.3.6.1.2.1.25.3.1.5"), ("1.3.6.1.2.1.43.5.1.1.17.1", b"CNB7GCV48M")]


def test_ber_message_read_and_written_as_a_walk() -> None:
    vbs = ber_varbinds(message(CAMERA))
    assert vbs[1] == ("1.3.6.1.2.1.1.2.0", "oid", "1.3.6.1.4.1.8072.3.2.10")
    assert vbs[4] == ("1.3.6.1.4.1.39165.1.20.0", "int", "1")
    text = walk_text(vbs)
    assert '.1.3.6.1.4.1.39165.1.1.0 = STRING: "DS-2CD2142FWD-I"' in text and "s3cret" not in text
    f = fields(Response("snmp", "b64:" + base64.b64encode(message(CAMERA)).decode(), 161, "get-response"))
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.1"] == ["DS-2CD2142FWD-I"] and f["snmp.enterprise"] == ["8072"]
    assert ber_varbinds(message(CAMERA, pdu=0xA0)) == []  # a GetRequest carries no agent's values
    assert ber_varbinds(message(CAMERA, version=3)) == []  # not a v3 message's layout
    assert fields(Response("snmp", CAMERA_WALK, 161, "snmpwalk"))["snmp.sysDescr"] == ["Linux"]


CAMERA_WALK = ".1.3.6.1.2.1.1.1.0 = STRING: Linux\n"


def test_hostile_messages_never_raise() -> None:
    rnd = random.Random(11)
    good = message(CAMERA)
    for _ in range(3000):
        data = bytearray(good)
        for _ in range(rnd.randint(1, 6)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        cut = bytes(data[: rnd.randint(0, len(data))])
        for blob in (bytes(data), cut, bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 80)))):
            walk_text(ber_varbinds(blob))
            fields(Response("snmp", "b64:" + base64.b64encode(blob).decode(), 161, "x"))
    deep = _tlv(0x30, _tlv(0x02, b"\x01") + _tlv(0x04, b"c") + _tlv(0xA2, b"\x02\x01\x00" * 3 + _tlv(0x30, b"\x30\x84\xff\xff\xff\xff")))
    assert ber_varbinds(deep) == []


def test_passive_capture_identifies_and_keeps_no_community(tmp_path: Path) -> None:
    cam, cam_ip, prn, prn_ip, mgr, mgr_ip = "c0:56:e3:2a:10:40", "10.77.1.20", "2c:76:8a:41:9f:6e", "10.77.1.30", "00:00:00:00:00:09", "10.77.1.9"
    t = 1_700_000_000.0
    frames = [
        udp_frame(mgr, cam, mgr_ip, cam_ip, 40000, 161, message(CAMERA, pdu=0xA0)),  # the manager's request: not read
        udp_frame(cam, mgr, cam_ip, mgr_ip, 161, 40000, message(CAMERA)),
        udp_frame(prn, mgr, prn_ip, mgr_ip, 161, 40001, message(PRINTER)),
    ]
    pcap = tmp_path / "snmp.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(t + i, fr) for i, fr in enumerate(frames)])
    saved = tmp_path / "obs.json"
    p = subprocess.run([NETSCAN, "passive", "--pcap", str(pcap), "--format", "json", "--save-observations", str(saved)],
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    dev = {d["ip"]: d for d in json.loads(p.stdout)["devices"]}
    cam_dev = dev[cam_ip]
    assert (cam_dev["vendor"], cam_dev["model"], cam_dev["firmware"]) == ("Hikvision", "DS-2CD2142FWD-I", "V5.5.82 build 190220")
    assert cam_dev["device_type"] == "camera"
    assert dev[prn_ip]["vendor"] == "HP" and dev[prn_ip]["device_type"] == "printer"
    assert mgr_ip not in dev or dev[mgr_ip]["vendor"] is None
    stored = saved.read_text()
    assert "s3cret" not in stored and base64.b64encode(COMMUNITY).decode()[:12] not in stored
    assert '"protocol": "snmp"' in stored
