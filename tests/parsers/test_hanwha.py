"""Hanwha (Wisenet) UDP 7701 discovery: the ``hanwha`` parser on the reply a real SND-6083 gave
(julienblitte/UniversalScanner UniversalScanner/Hanwha.cs, its comment; re-encoded here at the
layout's offsets) and on hostile input, the search the probe sends, the emulator's answer and a
capture read passively."""

from __future__ import annotations

import base64
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.identify import identify
from netscan.lab.emulator.udp import UdpDevice, reply
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.hanwha import hanwha_fields
from netscan.probes import hanwha


def snd6083(ip: str = "172.16.125.55") -> bytes:
    p = bytearray(262)
    p[0] = 0x0B
    for off, size, text in ((19, 18, "00:16:6C:7D:75:6E"), (37, 16, ip), (53, 16, "255.255.0.0"), (69, 16, "172.16.0.1"),
                            (109, 10, "SND-6083"), (133, 39, f"http://{ip}/index.htm")):
        p[off:off + size] = text.encode().ljust(size, b"\0")
    p[105:107] = b"\xe2\x50"  # bytes of the real answer whose meaning is not documented
    return bytes(p)


def b64(data: bytes) -> str:
    return "b64:" + base64.b64encode(data).decode()


def test_reply_fields_and_identification() -> None:
    f = hanwha_fields(b64(snd6083()))
    assert f == {"hanwha.message": ["reply"], "hanwha.mac": ["00:16:6C:7D:75:6E"], "hanwha.ip": ["172.16.125.55"],
                 "hanwha.mask": ["255.255.0.0"], "hanwha.gateway": ["172.16.0.1"], "hanwha.model": ["SND-6083"],
                 "hanwha.url": ["http://172.16.125.55/index.htm"]}
    dev = identify(Observation("172.16.125.55", None, (Response("hanwha", b64(snd6083()), 7701, hanwha.REQUEST),)))
    assert (dev.vendor, dev.model, dev.device_type) == ("Hanwha Vision", "SND-6083", "camera")


def test_search_and_garbage_name_no_device() -> None:
    assert hanwha_fields(b64(hanwha.probe())) == {"hanwha.message": ["search"]}
    dev = identify(Observation("10.0.0.9", None, (Response("hanwha", b64(hanwha.probe()), 7701, hanwha.REQUEST),)))
    assert dev.vendor is None
    assert "hanwha.unreadable" in hanwha_fields(b64(snd6083()[:60]))
    assert "hanwha.unreadable" in hanwha_fields("")
    bad = bytearray(snd6083())
    bad[109:119] = b"\x1b[31mX\x07\0\0\0\0"  # terminal escapes are no model
    assert "hanwha.model" not in hanwha_fields(b64(bytes(bad)))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"\x0b", b"\x01"]))
def test_never_raises(tail: bytes, head: bytes) -> None:
    for raw in (b64(head + tail), (head + tail).decode("latin-1")):
        out = fields(Response("hanwha", raw, 7701, hanwha.REQUEST))
        assert all(isinstance(v, list) for v in out.values())


def test_probe_and_emulator() -> None:
    q = hanwha.probe()
    assert len(q) == 262 and q[0] == 1 and not any(q[1:])
    assert hanwha.is_reply(snd6083()) and not hanwha.is_reply(q)
    sp = hanwha.spec()
    assert (sp.port, sp.group, sp.broadcast, sp.protocol) == (7701, None, True, "hanwha")
    dev = UdpDevice(name="h", ip="10.9.0.42", ifindex=0,
                    profile={"responses": [{"protocol": "hanwha", "port": 7701, "request": hanwha.REQUEST, "raw": b64(snd6083())}]})
    out = reply("hanwha", dev, q)
    assert out is not None and hanwha_fields(b64(out))["hanwha.ip"] == ["10.9.0.42"]
    assert hanwha_fields(b64(out))["hanwha.url"] == ["http://10.9.0.42/index.htm"]
    assert reply("hanwha", dev, snd6083()) is None


def test_passive_capture(tmp_path: Path) -> None:
    from netscan.capture import read_captures
    from netscan.lab.pcapgen import udp_frame, write_pcap

    mac, ip = "00:16:6c:7d:75:6e", "10.77.0.55"
    frames = [(1.0, udp_frame("00:00:00:00:00:09", "ff:ff:ff:ff:ff:ff", "10.77.0.9", "255.255.255.255", 40000, 7701, hanwha.probe())),
              (1.1, udp_frame(mac, "00:00:00:00:00:09", ip, "10.77.0.9", 7701, 40000, snd6083(ip)))]
    pcap = tmp_path / "h.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, frames)
    obs = {o.ip: o for o in read_captures([str(pcap)]).observations}
    assert [(r.protocol, r.port) for r in obs[ip].responses] == [("hanwha", 7701)]
    assert "10.77.0.9" not in obs or not obs["10.77.0.9"].responses
    dev = identify(obs[ip])
    assert (dev.vendor, dev.model) == ("Hanwha Vision", "SND-6083")
