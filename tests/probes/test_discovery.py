"""Discovery probes against UDP responders on loopback (unicast destinations; no multicast leaves
the machine): framing of each request, adaptive waits, reply filtering and caps."""

from __future__ import annotations

import base64

import asyncio
import json
import struct
import time

from netscan.limits import Limits, Timeouts
from netscan.parsers import fields
from netscan.probes import dhip, mdns, sadp, ssdp, udp, wsd, xmeye
from netscan.probes.base import ProbeContext
from probe_servers import LoopThread, udp_server

LINK = udp.Link(ifname=None, address="127.0.0.1")
QUICK = Timeouts(discovery_min=0.2, discovery_quiet=0.15, discovery_max=2.0)


def run_discovery(spec: udp.DiscoverySpec, port: int, timeouts: Timeouts = QUICK) -> list[tuple[str, object]]:
    spec.bind_port, spec.join = 0, False
    ctx = ProbeContext(limits=Limits(), timeouts=timeouts)
    return asyncio.run(udp.discover(ctx, spec, LINK, destinations=[("127.0.0.1", port)]))  # type: ignore[return-value]


def test_wsd_probe_and_match(loop_thread: LoopThread) -> None:
    match = (b'<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
             b'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Body><d:ProbeMatches><d:ProbeMatch>'
             b"<d:Scopes>onvif://www.onvif.org/hardware/DS-2CD2032-I onvif://www.onvif.org/name/HIKVISION</d:Scopes>"
             b"<d:XAddrs>http://127.0.0.1/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>")
    port, server, stop = udp_server(loop_thread, lambda d: match if b"<d:Probe>" in d and b"discovery/Probe<" in d else None)
    try:
        out = run_discovery(wsd.spec(), port)
    finally:
        stop()
    assert len(out) == 1  # two probes per round, two rounds, identical replies deduplicated
    src, resp = out[0]
    assert src == "127.0.0.1" and resp.protocol == "wsd"  # type: ignore[attr-defined]
    assert "onvif://www.onvif.org/hardware/DS-2CD2032-I" in fields(resp)["wsd.scope"]  # type: ignore[arg-type]
    assert b"NetworkVideoTransmitter" in server.received[0] and b"tds:Device" in server.received[1]


def test_sadp_inquiry(loop_thread: LoopThread) -> None:
    def reply(d: bytes) -> bytes | None:
        if b"<Types>inquiry</Types>" not in d:
            return None
        uuid = d.split(b"<Uuid>")[1].split(b"</Uuid>")[0]
        return (b"<?xml version=\"1.0\"?><ProbeMatch><Uuid>" + uuid + b"</Uuid><Types>inquiry</Types>"
                b"<DeviceDescription>DS-7608NI-K2</DeviceDescription><SoftwareVersion>V4.22.005</SoftwareVersion></ProbeMatch>")

    port, _server, stop = udp_server(loop_thread, reply)
    try:
        out = run_discovery(sadp.spec(), port)
    finally:
        stop()
    assert fields(out[0][1])["sadp.DeviceDescription"] == ["DS-7608NI-K2"]  # type: ignore[arg-type]


def test_dhip_framing(loop_thread: LoopThread) -> None:
    seen: list[bytes] = []

    def reply(d: bytes) -> bytes | None:
        seen.append(d)
        body = json.dumps({"method": "client.notifyDevInfo", "params": {"deviceInfo": {"DeviceType": "IPC-HDW2431T", "Version": "2.800"}}}).encode()
        return dhip.frame(body)

    port, _server, stop = udp_server(loop_thread, reply)
    try:
        out = run_discovery(dhip.spec(), port)
    finally:
        stop()
    head = struct.unpack("<I4sQIIII", seen[0][:32])
    assert head[0] == 0x20 and head[1] == b"DHIP" and head[3] == len(seen[0]) - 32 == head[5]
    assert json.loads(seen[0][32:])["method"] == "DHDiscover.search"
    assert fields(out[0][1])["dhip.DeviceType"] == ["IPC-HDW2431T"]  # type: ignore[arg-type]


def test_xmeye_search(loop_thread: LoopThread) -> None:
    def reply(d: bytes) -> bytes | None:
        if struct.unpack("<BBHIIBBHI", d[:20])[7] != 1530:
            return None
        body = json.dumps({"NetWork.NetCommon": {"HostName": "LocalHost", "SN": "abc", "DeviceType": 1}, "Ret": 100}).encode()
        return struct.pack("<BBHIIBBHI", 0xFF, 1, 0, 0, 0, 0, 0, 1531, len(body)) + body

    port, _server, stop = udp_server(loop_thread, reply)
    try:
        out = run_discovery(xmeye.spec(), port)
    finally:
        stop()
    f = fields(out[0][1])  # type: ignore[arg-type]
    assert f["xmeye.SN"] == ["abc"] and f["xmeye.msgid"] == ["1531"]


def test_ssdp_msearch_and_location(loop_thread: LoopThread) -> None:
    rep = (b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://127.0.0.1:49152/desc.xml\r\n"
           b"SERVER: Linux/3.0 UPnP/1.0 IpCam/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:1::upnp:rootdevice\r\n\r\n")
    port, server, stop = udp_server(loop_thread, lambda d: rep if d.startswith(b"M-SEARCH") else None)
    try:
        out = run_discovery(ssdp.spec(), port)
    finally:
        stop()
    assert b'MAN: "ssdp:discover"' in server.received[0]
    assert ssdp.location(out[0][1].raw) == "http://127.0.0.1:49152/desc.xml"  # type: ignore[attr-defined]


def test_mdns_query_and_presentation(loop_thread: LoopThread) -> None:
    from zeroconf import DNSAddress, DNSOutgoing, DNSPointer, DNSService, DNSText
    from zeroconf.const import _CLASS_IN, _FLAGS_AA, _FLAGS_QR_RESPONSE, _TYPE_A, _TYPE_PTR, _TYPE_SRV, _TYPE_TXT

    inst = "AXIS M5014 - ACCC8E3C0419._axis-video._tcp.local."
    r = DNSOutgoing(_FLAGS_QR_RESPONSE | _FLAGS_AA, True)
    r.add_answer_at_time(DNSPointer("_axis-video._tcp.local.", _TYPE_PTR, _CLASS_IN, 120, inst), 0)
    r.add_answer_at_time(DNSText(inst, _TYPE_TXT, _CLASS_IN, 120, b"\x17macaddress=ACCC8E3C0419"), 0)
    r.add_answer_at_time(DNSService(inst, _TYPE_SRV, _CLASS_IN, 120, 0, 0, 80, "axis-accc8e3c0419.local."), 0)
    r.add_answer_at_time(DNSAddress("axis-accc8e3c0419.local.", _TYPE_A, _CLASS_IN, 120, bytes([127, 0, 0, 1])), 0)
    packet = r.packets()[0]
    port, server, stop = udp_server(loop_thread, lambda d: packet)
    try:
        out = run_discovery(mdns.spec(), port)
    finally:
        stop()
    raw = out[0][1].raw  # type: ignore[attr-defined]
    assert raw.startswith("b64:") and base64.b64decode(raw[4:]) == packet  # recorded as it came
    f = fields(out[0][1])  # type: ignore[arg-type]
    assert "AXIS M5014 - ACCC8E3C0419" in f["mdns.instance"]
    assert f["mdns.txt.macaddress"] == ["ACCC8E3C0419"] and f["mdns.hostname"] == ["axis-accc8e3c0419.local"]
    assert b"_axis-video" in server.received[0] and b"_onvif" in server.received[0]


def test_waits_adapt_and_are_capped(loop_thread: LoopThread) -> None:
    # Silent peer: returns after discovery_min (+ quiet): not before the minimum (load can only
    # stretch it), and before its own cap (a wait that ran to the cap would take all of it).
    port, _s, stop = udp_server(loop_thread, lambda d: None)
    try:
        t0 = time.monotonic()
        t = Timeouts(discovery_min=0.3, discovery_quiet=0.2, discovery_max=600)
        assert run_discovery(wsd.spec(), port, t) == []
        assert t.discovery_min - 0.05 < time.monotonic() - t0 < t.discovery_max
    finally:
        stop()


def test_reply_flood_is_capped(loop_thread: LoopThread, monkeypatch: object) -> None:
    counter = iter(range(10**9))
    port, _s, stop = udp_server(loop_thread, lambda d: b"<ProbeMatch>%d</ProbeMatch>" % next(counter))
    import netscan.probes.udp as u

    old = u.MAX_DISCOVERY_REPLIES
    u.MAX_DISCOVERY_REPLIES = 3
    try:
        out = run_discovery(wsd.spec(), port)
    finally:
        u.MAX_DISCOVERY_REPLIES = old
        stop()
    assert len(out) == 3
