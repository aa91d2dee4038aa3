"""TVT LAN discovery: the ``tvt`` parser on the two reply forms and on hostile input, the requests the
probe sends, the lab emulator's answers, and a capture read passively. The replies below are
written here after the layouts public client code documents (dannielperez/pytvt
src/pytvt/discovery.py and tests/test_discovery.py; dannielperez/tvt-iptool-linux src/discovery.c
and tests/test-parser.c); no real capture of a TVT device is public."""

from __future__ import annotations

import base64
import socket
import struct
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.identify import identify
from netscan.lab.emulator.udp import TVT_ST, UdpDevice, reply
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.tvt import tvt_fields
from netscan.probes import tvt

XML = ("<multicastSearchResult>\n  <tcpIp>\n    <devName>NVR-Front</devName>\n    <ipAddr>192.168.1.50</ipAddr>\n"
       "    <mask>255.255.255.0</mask>\n    <macAddr>58:5B:69:11:22:33</macAddr>\n  </tcpIp>\n"
       "  <port>\n    <dataPort>9008</dataPort>\n    <httpPort>80</httpPort>\n  </port>\n"
       "  <productInfo>\n    <devName>NVR</devName>\n    <productModel>TD-3332B4</productModel>\n"
       "    <productSeries>N9000</productSeries>\n    <softwareVer>V5.2.0</softwareVer>\n"
       "    <kernelVer>3.18.20</kernelVer>\n  </productInfo>\n</multicastSearchResult>")
REPLY = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" + XML


def l2_reply(name: bytes = b"Loading Dock", typ: int = 4, ip: bytes = bytes([192, 168, 50, 20])) -> bytes:
    p = bytearray(140)
    p[0:12] = struct.pack("<4sII", b"MHED", 0x00010008, 2)
    p[0x0C:0x0C + len(name)] = name
    p[0x20:0x26] = bytes.fromhex("585b69112233")
    p[0x26:0x28] = struct.pack("<H", 9008)
    p[0x28:0x2C] = ip
    p[0x2C:0x30] = bytes([255, 255, 255, 0])
    p[0x30:0x34] = bytes([192, 168, 50, 1])
    p[0x3C:0x3E] = struct.pack("<H", 80)
    p[0x40:0x44] = struct.pack("<I", typ)
    return bytes(p)


def b64(data: bytes) -> str:
    return "b64:" + base64.b64encode(data).decode()


def ident(*responses: Response) -> dict[str, object]:
    dev = identify(Observation(ip="192.168.1.50", mac=None, responses=tuple(responses)))
    return {k: getattr(dev, k) for k in ("vendor", "brand", "model", "firmware", "device_type")}


def test_xml_reply_with_and_without_its_header_block() -> None:
    for raw in (REPLY, XML, "b64:" + base64.b64encode(REPLY.encode()).decode()):
        f = tvt_fields(raw)
        assert f["tvt.message"] == ["multicastSearchResult"]
        assert f["tvt.productInfo.productModel"] == ["TD-3332B4"]
        assert f["tvt.productInfo.softwareVer"] == ["V5.2.0"]
        assert f["tvt.productInfo.productSeries"] == ["N9000"]
        assert f["tvt.tcpIp.devName"] == ["NVR-Front"] and f["tvt.productInfo.devName"] == ["NVR"]  # sections kept apart
        assert f["tvt.tcpIp.macAddr"] == ["58:5B:69:11:22:33"] and f["tvt.port.dataPort"] == ["9008"]
        assert "tvt.malformed" not in f


def test_xml_reply_identifies_maker_model_firmware_and_type() -> None:
    got = ident(Response("tvt", REPLY, 1900, tvt.REQUEST))
    assert got == {"vendor": "TVT", "brand": None, "model": "TD-3332B4", "firmware": "V5.2.0", "device_type": "nvr"}
    ipc = REPLY.replace("TD-3332B4", "TD-9443E3-A").replace("N9000", "TVT_IPC")
    assert ident(Response("tvt", ipc, 1900, tvt.REQUEST))["device_type"] == "camera"
    dvr = REPLY.replace("TD-3332B4", "TD-2104TS").replace("N9000", "DVR")
    assert ident(Response("tvt", dvr, 1900, tvt.REQUEST))["device_type"] == "dvr"


def test_storage_decoder_keyboard_are_no_video_type() -> None:
    for series in ("TVT_STORAGE", "TVT_DECODER", "TVT_NETKEYBOARD"):
        raw = REPLY.replace("TD-3332B4", "X-1000").replace("N9000", series)
        got = ident(Response("tvt", raw, 1900, tvt.REQUEST))
        assert got["vendor"] == "TVT" and got["device_type"] in ("unknown", "other"), (series, got)


def test_cut_reply_is_read_element_by_element() -> None:
    f = tvt_fields(REPLY[: REPLY.index("<softwareVer>") + 20])  # a datagram cut short
    assert f["tvt.malformed"] and f["tvt.message"] == ["multicastSearchResult"]
    assert f["tvt.productInfo.productModel"] == ["TD-3332B4"] and f["tvt.tcpIp.devName"] == ["NVR-Front"]
    assert "tvt.productInfo.softwareVer" not in f  # the cut element is not half-read


def test_hostile_xml_is_refused_or_capped() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<multicastSearchResult><tcpIp><devName>&b;</devName></tcpIp></multicastSearchResult>")
    assert "tvt.unreadable" in tvt_fields(bomb)
    xxe = '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><multicastSearchResult><a>&x;</a></multicastSearchResult>'
    assert "tvt.unreadable" in tvt_fields(xxe)
    flood = "<multicastSearchResult><productInfo>" + "<x>1</x>" * 50_000 + "</productInfo></multicastSearchResult>"
    assert len(tvt_fields(flood)) < 10
    huge = "<multicastSearchResult><tcpIp><devName>" + "A" * 3_000_000 + "</devName></tcpIp></multicastSearchResult>"
    assert len(max(tvt_fields(huge).get("tvt.tcpIp.devName", [""]), key=len)) <= 2048
    assert tvt_fields("<other/>") == {"tvt.unreadable": ["no multicastSearchResult"]}


def test_layer2_reply_and_request() -> None:
    f = tvt_fields(b64(l2_reply()))
    assert f["tvt.message"] == ["MHED reply"] and f["tvt.l2.deviceType"] == ["IPC"]
    assert f["tvt.l2.name"] == ["Loading Dock"] and f["tvt.l2.mac"] == ["58:5b:69:11:22:33"]
    assert f["tvt.l2.ip"] == ["192.168.50.20"] and f["tvt.l2.gateway"] == ["192.168.50.1"]
    assert f["tvt.l2.dataPort"] == ["9008"] and f["tvt.l2.httpPort"] == ["80"]
    assert ident(Response("tvt", b64(l2_reply(typ=2)), 23456, tvt.L2_REQUEST))[
        "device_type"] == "nvr"
    got = ident(Response("tvt", b64(l2_reply()), 23456, tvt.L2_REQUEST))
    assert (got["vendor"], got["device_type"]) == ("TVT", "camera")
    # the search request itself (a tool's, seen passively) names no device
    req = tvt_fields(b64(tvt.l2_search()))
    assert req["tvt.message"] == ["MHED search"] and not any(k.startswith("tvt.l2.ip") for k in req)
    assert ident(Response("tvt", b64(tvt.l2_search()), 23456, tvt.L2_REQUEST))["vendor"] is None
    assert "tvt.unreadable" in tvt_fields(b64(l2_reply()[:40]))  # a cut reply


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([b"", b"MHED", b"<multicastSearchResult>", b"HTTP/1.1 200 OK\r\n\r\n<multicastSearchResult"]))
def test_never_raises(tail: bytes, head: bytes) -> None:
    data = head + tail
    for raw in (b64(data), data.decode("latin-1")):
        out = fields(Response("tvt", raw, 1900, tvt.REQUEST))
        assert all(isinstance(v, list) for v in out.values())


def test_requests_are_as_the_clients_send_them() -> None:
    m = tvt.msearch()
    assert m.startswith(b"M-SEARCH * HTTP/1.1\r\n") and b"\r\nST:" + TVT_ST + b"\r\n" in m
    assert b'Man:"ssdp:discover"' in m and m.endswith(b"\r\n\r\n")
    s = tvt.l2_search()
    assert len(s) == 140 and s[:12] == b"MHED\x08\x00\x01\x00\x01\x00\x00\x00" and not any(s[12:])
    assert tvt.is_reply(REPLY.encode()) and tvt.is_reply(l2_reply())
    assert not tvt.is_reply(s) and not tvt.is_reply(m) and not tvt.is_reply(b"HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n\r\n")
    sp, l2 = tvt.spec(), tvt.l2_spec()
    assert (sp.port, sp.group, sp.protocol) == (1900, "239.255.255.250", "tvt")
    assert (l2.port, l2.group, l2.join_group, l2.bind_port, l2.join) == (23456, "234.55.55.55", "234.55.55.56", 23456, True)


PROFILE = {"name": "tvt-test", "ip": "192.168.1.50", "responses": [
    {"protocol": "tvt", "port": 1900, "request": tvt.REQUEST, "raw": REPLY},
    {"protocol": "tvt", "port": 23456, "request": tvt.L2_REQUEST, "raw": b64(l2_reply(typ=2, ip=bytes([192, 168, 1, 50])))},
]}


def test_emulator_answers_like_the_device() -> None:
    dev = UdpDevice(name="tvt-test", ip="10.9.0.77", ifindex=0, profile=PROFILE)
    xml = reply("ssdp", dev, tvt.msearch())
    assert xml is not None and b"<ipAddr>10.9.0.77</ipAddr>" in xml and b"TD-3332B4" in xml
    assert reply("ssdp", dev, b'M-SEARCH * HTTP/1.1\r\nMAN: "ssdp:discover"\r\nST: ssdp:all\r\n\r\n') is None
    l2 = reply("tvt", dev, tvt.l2_search())
    assert l2 is not None and l2[0x28:0x2C] == socket.inet_aton("10.9.0.77") and tvt.is_reply(l2)
    assert reply("tvt", dev, l2_reply()) is None  # another device's reply is no search


def test_passive_capture_reads_both_forms(tmp_path: Path) -> None:
    from netscan.capture import read_captures
    from netscan.lab.pcapgen import udp_frame, write_pcap

    mac, ip = "58:5b:69:11:22:33", "10.77.0.50"
    frames = [
        (1.0, udp_frame("00:00:00:00:00:09", "01:00:5e:7f:ff:fa", "10.77.0.9", "239.255.255.250", 40000, 1900, tvt.msearch())),
        (1.1, udp_frame(mac, "00:00:00:00:00:09", ip, "10.77.0.9", 1900, 40000, REPLY.replace("192.168.1.50", ip).encode())),
        (1.2, udp_frame("00:00:00:00:00:09", "01:00:5e:37:37:37", "10.77.0.9", "234.55.55.55", 23456, 23456, tvt.l2_search())),
        (1.3, udp_frame(mac, "01:00:5e:37:37:38", ip, "234.55.55.56", 23456, 23456, l2_reply(typ=2))),
    ]
    pcap = tmp_path / "tvt.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, frames)
    obs = {o.ip: o for o in read_captures([str(pcap)]).observations}
    o = obs[ip]
    assert sorted((r.protocol, r.port) for r in o.responses) == [("tvt", 1900), ("tvt", 23456)]
    assert o.mac == mac
    assert "10.77.0.9" not in obs or not any(r.protocol == "tvt" for r in obs["10.77.0.9"].responses)  # searches are no device
    dev = identify(o)
    assert (dev.vendor, dev.model, dev.firmware, dev.device_type) == ("TVT", "TD-3332B4", "V5.2.0", "nvr")


def test_planner_asks_tvt_by_unicast_when_silent_or_only_the_layer2_reply_came() -> None:
    from netscan.scan.planner import plan
    from netscan.sigdb.db import default_db
    from netscan.sigdb.requests import load_book

    db = default_db()
    book = load_book(db.root)

    def obs(*rs: Response, mac: str | None = None, ports: tuple[int, ...] = ()) -> Observation:
        return Observation("10.0.0.5", mac, tuple(rs), ports)

    # silent to multicast: TVT's OUI or its SDK port 6036 ask the XML search directly
    assert "tvt" in plan(obs(mac="58:5b:69:00:00:01", ports=(9008,)), db, book).unicast
    assert "tvt" in plan(obs(ports=(6036,)), db, book).unicast
    assert "tvt" not in plan(obs(mac="00:11:22:33:44:55", ports=(80,)), db, book).unicast
    # the Layer-2 reply came (no model in it), the XML one did not: the XML search, by unicast, once
    l2 = Response("tvt", b64(l2_reply(typ=2)), 23456, tvt.L2_REQUEST)
    assert plan(obs(l2, ports=(6036,)), db, book).unicast == ("tvt",)
    asked = Response("tvt", "", 1900, "unicast probe", error="timeout")
    assert "tvt" not in plan(obs(l2, asked, ports=(6036,)), db, book).unicast
    both = Response("tvt", REPLY, 1900, tvt.REQUEST)
    assert "tvt" not in plan(obs(l2, both), db, book).unicast
