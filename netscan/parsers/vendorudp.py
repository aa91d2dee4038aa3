"""Vendor discovery replies: Hikvision SADP (XML), Dahua DHIP (binary header + JSON), Xiongmai
XMEye / NetSurveillance (DVRIP header + JSON). Layouts in the reference notes, §1.4–1.6."""

from __future__ import annotations

import re
import struct
from typing import Any

from netscan.parsers._util import Fields, Unreadable, add, decode_raw, local, parse_json, parse_loose, parse_xml
from netscan.parsers.framing import DHIP_HEADER, DHIP_MAGIC, XM_HEAD_FLAG, XM_HEADER



def _text(raw: str) -> str:
    """A ``b64:`` raw as the latin-1 text the parsers read (binary-safe), else the text itself."""
    data = decode_raw(raw)
    return data.decode("latin-1") if isinstance(data, bytes) else data


#: A flat SADP element ``<Name>text</Name>`` (the whole message is one level deep).
_SADP_ELEMENT = re.compile(r"<([A-Za-z][\w.-]{0,63})>([^<>]{0,1024})</\1>")


def sadp_fields(raw: str, request: str = "") -> Fields:
    """Every child element of a SADP ProbeMatch/Hello as ``sadp.<Element>``.

    Firmware that pads the datagram (NUL bytes after the closing tag) or writes a stray byte makes
    the XML ill-formed (ethodump-ng reads SADP line by line for that reason): the message is flat,
    so its elements are then read one by one, and ``sadp.malformed`` says so."""
    raw = _text(raw)
    try:
        root = parse_xml(raw)
    except Unreadable as exc:
        head = raw[:65536]
        kind = re.search(r"<(ProbeMatch|Hello|Probe)\b", head)
        # a refused document (DTD, entities) stays refused: only ill-formed ones are read leniently
        # (a comment, ``<!--...-->``, is no declaration: a blog's annotated reply keeps one)
        found = [(name, text.strip()) for name, text in _SADP_ELEMENT.findall(head)[:200] if text.strip()]
        if kind is None or not found or re.search(r"<!(?!--)", head) or str(exc).startswith("xml refused"):
            return {"sadp.unreadable": [str(exc)]}
        lenient: Fields = {}
        add(lenient, "sadp.message", kind.group(1))
        add(lenient, "sadp.malformed", str(exc))
        for name, text in found:
            add(lenient, f"sadp.{name}", text)
        return lenient
    fields: Fields = {}
    add(fields, "sadp.message", local(root.tag))
    if not len(root) and (root.text or "").strip():  # one element cut out of the message: read as itself
        add(fields, f"sadp.{local(root.tag)}", (root.text or "").strip())
    for child in list(root)[:200]:
        if len(child):
            continue
        text = (child.text or "").strip()
        if text:
            add(fields, f"sadp.{local(child.tag)}", text)
    return fields


def _json_tail(raw: str, header_len: int) -> Any:
    body = raw[header_len:]
    i = body.find("{")
    if i < 0:
        raise Unreadable("no json")
    j = body.rfind("}")
    try:
        return parse_json(body[i : j + 1])
    except Unreadable:
        # as a tool or a log printed it: JSON cut off, a Python dict, one log line's payload
        try:
            return parse_loose(body[i:])
        except Unreadable:
            pass
        line_end = body.find("\n", i)
        if 0 <= line_end < j:
            return parse_loose(body[i:line_end].rstrip())
        raise


def dhip_fields(raw: str, request: str = "") -> Fields:
    """Dahua DHIP discovery reply: ``params.deviceInfo`` keys as ``dhip.<Key>``."""
    raw = _text(raw)
    fields: Fields = {}
    header_len = 0
    if len(raw) >= DHIP_HEADER and raw[4:8] == DHIP_MAGIC.decode():
        header_len = DHIP_HEADER
    try:
        doc = _json_tail(raw, header_len)
    except Unreadable as exc:
        return {"dhip.unreadable": [str(exc)]}
    if not isinstance(doc, dict):
        return {"dhip.unreadable": ["json is not an object"]}
    add(fields, "dhip.method", doc.get("method"))
    if isinstance(doc.get("mac"), str):
        add(fields, "dhip.mac", doc["mac"])
    params = doc.get("params")
    info = params.get("deviceInfo") if isinstance(params, dict) else None
    if isinstance(info, dict):
        for k, v in list(info.items())[:200]:
            if isinstance(v, dict):
                for k2, v2 in list(v.items())[:50]:
                    if not isinstance(v2, (dict, list)):
                        add(fields, f"dhip.{k}.{k2}", v2)
            elif not isinstance(v, list):
                add(fields, f"dhip.{k}", str(v).lower() if isinstance(v, bool) else v)
    return fields


def xmeye_fields(raw: str, request: str = "") -> Fields:
    """Xiongmai discovery reply: ``NetWork.NetCommon`` keys as ``xmeye.<Key>``."""
    raw = _text(raw)
    fields: Fields = {}
    header_len = 0
    if len(raw) >= XM_HEADER.size and ord(raw[0]) == XM_HEAD_FLAG:
        try:
            parts = XM_HEADER.unpack(raw[: XM_HEADER.size].encode("latin-1"))
            add(fields, "xmeye.msgid", parts[7])
            header_len = XM_HEADER.size
        except (struct.error, UnicodeEncodeError):
            pass
    try:
        doc = _json_tail(raw, header_len)
    except Unreadable as exc:
        fields["xmeye.unreadable"] = [str(exc)]
        return fields
    if not isinstance(doc, dict):
        return {"xmeye.unreadable": ["json is not an object"]}
    common = doc.get("NetWork.NetCommon")
    if isinstance(common, dict):
        add(fields, "xmeye.reply", "NetWork.NetCommon")  # a search reply (DVRIP message 1531)
    else:
        common = doc
    for k, v in list(common.items())[:200]:
        if not isinstance(v, (dict, list)):
            add(fields, f"xmeye.{k}", str(v).lower() if isinstance(v, bool) else v)
    return fields
