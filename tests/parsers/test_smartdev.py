"""TP-Link 20002/9999, Ubiquiti 10001 and Xiongmai DVRIP replies: the bytes as sent (``b64:``) and
the JSON fragments people publish. Frames are built from the documented layouts
(/work/shared/reference §1.6-1.7; python-kasa's transports for the TP-Link header and XOR)."""

from __future__ import annotations

import base64
import json
import struct

from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers._util import decode_raw

DISCOVERY = {"error_code": 0, "result": {"device_model": "C110(EU)", "device_type": "SMART.IPCAMERA",
                                          "firmware_version": "1.4.3 Build 240919 Rel.70035n", "mac": "98-25-4A-00-00-00"}}


def b64(data: bytes) -> str:
    return "b64:" + base64.b64encode(data).decode()


def xor_autokey(plain: bytes) -> bytes:
    key, out = 171, bytearray()
    for b in plain:
        key ^= b
        out.append(key)
    return bytes(out)


def test_decode_raw() -> None:
    assert decode_raw("b64:AAE=") == b"\x00\x01"
    assert decode_raw("plain text") == "plain text"


def test_tplink_20002_frame() -> None:
    payload = json.dumps(DISCOVERY).encode()
    header = struct.pack(">BBHHBBII", 2, 0, 1, len(payload), 0x11, 0, 0x12345678, 0)
    f = fields(Response("tplink", b64(header + payload), 20002, "discovery"))
    assert f["tplink.result.device_model"] == ["C110(EU)"]
    assert f["tplink.result.device_type"] == ["SMART.IPCAMERA"]


def test_tplink_json_fragment_and_9999_xor() -> None:
    f = fields(Response("tplink", json.dumps(DISCOVERY), 20002, "discovery"))
    assert f["tplink.result.firmware_version"] == ["1.4.3 Build 240919 Rel.70035n"]
    sysinfo = json.dumps({"system": {"get_sysinfo": {"model": "HS107(US)", "sw_ver": "1.0.8 Build 190430 Rel.112211"}}}).encode()
    udp = fields(Response("tplink", b64(xor_autokey(sysinfo)), 9999, "get_sysinfo"))
    assert udp["tplink.system.get_sysinfo.model"] == ["HS107(US)"]
    tcp = fields(Response("tplink", b64(struct.pack(">I", len(sysinfo)) + xor_autokey(sysinfo)), 9999, "get_sysinfo"))
    assert tcp["tplink.system.get_sysinfo.sw_ver"] == ["1.0.8 Build 190430 Rel.112211"]


def test_tplink_garbage_is_unreadable() -> None:
    assert "tplink.unreadable" in fields(Response("tplink", b64(b"\x02\x00garbage"), 20002, "discovery"))


def tlv(t: int, v: bytes) -> bytes:
    return struct.pack(">BH", t, len(v)) + v


def test_ubnt_tlv_reply() -> None:
    body = (tlv(0x02, bytes.fromhex("245a4c112233") + bytes([10, 0, 0, 7])) + tlv(0x03, b"UVC.S2L.v4.23.8.67.0eafe4f.200414.1414")
            + tlv(0x0B, b"UVC-G3-Flex") + tlv(0x0C, b"UVC G3 Flex") + tlv(0x0A, struct.pack(">I", 3600)) + tlv(0x17, b"\x01"))
    f = fields(Response("ubnt", b64(struct.pack(">BBH", 1, 0, len(body)) + body), 10001, "discovery-v1"))
    assert f["ubnt.mac"] == ["24:5a:4c:11:22:33"] and f["ubnt.ip"] == ["10.0.0.7"]
    assert f["ubnt.firmware"] == ["UVC.S2L.v4.23.8.67.0eafe4f.200414.1414"]
    assert f["ubnt.product"] == ["UVC G3 Flex"] and f["ubnt.hostname"] == ["UVC-G3-Flex"]
    assert f["ubnt.config_status"] == ["default"] and f["ubnt.uptime"] == ["3600"]
    # truncated TLVs stop cleanly; a non-ubnt datagram is unreadable
    assert "ubnt.firmware" not in fields(Response("ubnt", b64(struct.pack(">BBH", 1, 0, 40) + body[:5]), 10001, ""))
    assert "ubnt.unreadable" in fields(Response("ubnt", b64(b"\x07\x00\x00\x00"), 10001, ""))


def test_dvrip_reply_with_header_and_fragment() -> None:
    doc = {"Name": "SystemInfo", "Ret": 100, "SystemInfo": {"DeviceModel": "HI3516EV300_85H50AI",
                                                            "SoftWareVersion": "V5.00.R02.000529B2.10010.040600.0020000"}}
    payload = json.dumps(doc).encode() + b"\n\x00"
    header = struct.pack("<BBxxIIBBHI", 0xFF, 1, 0x1234, 1, 0, 0, 1021, len(payload))
    f = fields(Response("dvrip", b64(header + payload), 34567, "SystemInfo"))
    assert f["dvrip.msgid"] == ["1021"]
    assert f["dvrip.SystemInfo.DeviceModel"] == ["HI3516EV300_85H50AI"]
    frag = fields(Response("dvrip", json.dumps(doc), 34567, "SystemInfo"))
    assert frag["dvrip.SystemInfo.SoftWareVersion"] == ["V5.00.R02.000529B2.10010.040600.0020000"]
