"""Discovery and control replies of TP-Link smart devices (UDP 20002 and the legacy 9999),
Ubiquiti devices (UDP 10001 TLV) and Xiongmai DVRIP/Sofia (TCP 34567). Hostile-input safe.

Each parser accepts the bytes as sent (``raw`` = ``b64:`` + base64, see docs/observations.md) and
also the fragments people publish: the JSON payload alone (python-kasa fixtures, DVRIP tools'
logs), a hex dump is not guessed at.

- TP-Link 20002: a 16-byte header (version 2, type, op code, payload length, flags, serial, CRC)
  then JSON, ``{"result": {"device_model": ..., "device_type": "SMART.IPCAMERA", ...}}``.
  Fields: ``tplink.<json path>`` (``tplink.result.device_model``).
- TP-Link 9999 (legacy Kasa): the JSON is "autokey" XOR-scrambled (key 171, then each cipher byte);
  TCP frames carry a 4-byte length first. Fields: ``tplink.system.get_sysinfo.model`` ...
- Ubiquiti 10001: version (1), command (1), length (2), then TLVs type (1) length (2) value.
  Fields: ``ubnt.mac``, ``ubnt.ip``, ``ubnt.firmware``, ``ubnt.hostname``, ``ubnt.product`` (0x0C),
  ``ubnt.essid``, ``ubnt.model`` (0x14 v1, 0x15 v2), ``ubnt.version``, ``ubnt.mgmt_port``,
  ``ubnt.config_status`` (``default`` or ``managed``), ``ubnt.tlv.<type>`` for the rest (TLV meanings
  as nmap's ubiquiti-discovery.nse decodes them).
- DVRIP: 20-byte header (0xFF, version, session, sequence, message id at offset 14, length at 16)
  then JSON. Fields: ``dvrip.msgid`` and ``dvrip.<json path>`` (``dvrip.SystemInfo.SoftWareVersion``,
  ``dvrip.DeviceType``...).
"""

from __future__ import annotations

import struct
from typing import Any

from netscan.parsers._util import Fields, Unreadable, add, json_leaves, parse_json, parse_loose, raw_bytes

MAX_JSON = 256 * 1024


def _json_from(data: bytes) -> Any:
    start = min((i for i in (data.find(b"{"), data.find(b"[")) if i >= 0), default=-1)
    if start < 0:
        raise Unreadable("no json")
    end = max(data.rfind(b"}"), data.rfind(b"]"))
    if end <= start:
        end = start + MAX_JSON  # no closing bracket: a payload cut off (parse_loose closes it)
    text = data[start : end + 1][:MAX_JSON].decode("utf-8", "replace")
    try:
        return parse_json(text)
    except Unreadable:
        # as a tool or a log printed it: JSON cut off, a Python dict (docs/observations.md "Shapes of raw")
        rest = data[start : start + MAX_JSON].decode("utf-8", "replace")
        try:
            return parse_loose(rest)
        except Unreadable:
            nl = rest.find("\n")
            if nl > 0:
                return parse_loose(rest[:nl].rstrip())
            raise


def _xor_autokey(data: bytes) -> bytes:
    key = 171
    out = bytearray()
    for b in data[:MAX_JSON]:
        out.append(key ^ b)
        key = b
    return bytes(out)


def tplink_fields(raw: str, request: str = "") -> Fields:
    """TP-Link smart-device replies (20002 discovery, 9999 legacy) as ``tplink.<json path>``."""
    fields: Fields = {}
    data = raw_bytes(raw)
    doc: Any = None
    candidates: list[bytes] = []
    stripped = data.lstrip()
    if stripped[:1] in (b"{", b"["):
        candidates.append(stripped)  # a fragment: the JSON payload alone
    else:
        if len(data) > 16 and data[0] == 2:  # 20002 framing: header then JSON in clear
            add(fields, "tplink.msg_type", data[1])
            candidates.append(data[16:])
        candidates.append(_xor_autokey(data))  # 9999 over UDP
        if len(data) > 4:
            candidates.append(_xor_autokey(data[4:]))  # 9999 over TCP (length prefix)
        if b"{" in data[:4096] and data[:256].isascii() and data[:1].isalnum():
            candidates.append(data)  # the payload after a log line's prefix
    for c in candidates:
        try:
            doc = _json_from(c)
            break
        except Unreadable:
            continue
    if doc is None:
        return {"tplink.unreadable": ["no json payload"]}
    json_leaves(doc, fields, _tplink_envelope(doc))
    return fields


#: Members of the 20002 discovery reply's ``result`` object and of the 9999 ``system.get_sysinfo`` object
#: (python-kasa's fixtures, tests/fixtures/smart*/ and iot/): a payload pasted without its envelope is read
#: under the envelope's path, as the whole reply is.
_DISCOVERY_RESULT_KEYS = frozenset({"device_model", "device_type", "device_id", "mgt_encrypt_schm", "obd_src", "factory_default",
                                    "is_support_iot_cloud", "is_reset_wifi", "encrypt_type", "protocol_version"})
_SYSINFO_KEYS = frozenset({"sw_ver", "hw_ver", "mic_type", "oemId", "hwId", "deviceId", "mic_mac", "feature", "led_off"})


def _tplink_envelope(doc: Any) -> str:
    """The path prefix of a TP-Link payload's leaves: ``tplink.`` for a whole reply, the envelope's path for
    the members of its ``result`` / ``system.get_sysinfo`` object pasted without it."""
    if not isinstance(doc, dict) or any(k in doc for k in ("result", "system", "error_code")):
        return "tplink."
    keys = set(doc)
    if len(keys & _DISCOVERY_RESULT_KEYS) >= 1 and "sw_ver" not in keys:
        return "tplink.result."
    if len(keys & _SYSINFO_KEYS) >= 1:
        return "tplink.system.get_sysinfo."
    return "tplink."


_UBNT_NAMES = {
    0x03: "firmware",
    0x0B: "hostname",
    0x0C: "product",
    0x0D: "essid",
    0x14: "model",
    0x15: "model",
    0x16: "version",
}


def ubnt_fields(raw: str, request: str = "") -> Fields:
    """Ubiquiti discovery reply (UDP 10001): TLVs as ``ubnt.*`` fields."""
    fields: Fields = {}
    data = raw_bytes(raw)
    if len(data) < 4 or data[0] not in (1, 2):
        return {"ubnt.unreadable": ["not a ubiquiti discovery reply"]}
    add(fields, "ubnt.version_proto", data[0])
    add(fields, "ubnt.command", data[1])
    (length,) = struct.unpack(">H", data[2:4])
    body = data[4 : 4 + length]
    pos = 0
    for _ in range(256):
        if pos + 3 > len(body):
            break
        typ = body[pos]
        (ln,) = struct.unpack(">H", body[pos + 1 : pos + 3])
        val = body[pos + 3 : pos + 3 + ln]
        pos += 3 + ln
        if typ == 0x01 and len(val) == 6:
            add(fields, "ubnt.mac", ":".join(f"{b:02x}" for b in val))
        elif typ == 0x02 and len(val) == 10:
            add(fields, "ubnt.mac", ":".join(f"{b:02x}" for b in val[:6]))
            add(fields, "ubnt.ip", ".".join(str(b) for b in val[6:]))
        elif typ == 0x0A and len(val) == 4:
            add(fields, "ubnt.uptime", struct.unpack(">I", val)[0])
        elif typ == 0x17 and 1 <= len(val) <= 4:  # one byte on most devices, four on UniFi Protect cameras
            add(fields, "ubnt.config_status", "default" if any(val) else "managed")
        elif typ == 0x0F and len(val) == 4:
            add(fields, "ubnt.mgmt_port", struct.unpack(">I", val)[0] & 0xFFFF)
        elif typ in _UBNT_NAMES:
            text = val.decode("utf-8", "replace").strip("\x00 ")
            if text:
                add(fields, f"ubnt.{_UBNT_NAMES[typ]}", text)
        else:
            add(fields, f"ubnt.tlv.{typ:02x}", val[:64].hex())
    if len(fields) <= 2:
        return {"ubnt.unreadable": ["no TLVs"]}
    return fields


_DVRIP_HEADER = struct.Struct("<BBxxIIBBHI")


def dvrip_fields(raw: str, request: str = "") -> Fields:
    """Xiongmai DVRIP/Sofia reply (TCP 34567) as ``dvrip.<json path>``."""
    fields: Fields = {}
    data = raw_bytes(raw)
    payload = data
    if len(data) >= 20 and data[0] == 0xFF:
        _h, _ver, _session, _seq, _tot, _cur, msgid, length = _DVRIP_HEADER.unpack(data[:20])
        add(fields, "dvrip.msgid", msgid)
        payload = data[20 : 20 + length] if length else data[20:]
    try:
        doc = _json_from(payload)
    except Unreadable as exc:
        fields["dvrip.unreadable"] = [str(exc)]
        return fields
    json_leaves(doc, fields, "dvrip.")
    return fields
