"""Hostile devices: they send what their profile says, and the emulator survives all of them."""

from __future__ import annotations

from typing import Any

import pytest

from netscan.lab import Lab
from netscan.lab.profiles import served_raw

pytestmark = pytest.mark.lab


def test_huge_body_is_sent_whole(lab: Any, lab_client: Any) -> None:
    d = lab.device("hostile-huge-body")
    (res,) = lab_client([{"op": "tcp", "ip": d.ip, "port": 80, "send": "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                          "max_bytes": 60 * 1024 * 1024, "timeout": 10.0, "total_timeout": 60.0}])
    head = served_raw(d.profile or {}, (d.profile or {})["responses"][0], d.ip)
    assert res["bytes"] == len(head) + 50 * 1024 * 1024
    assert res["data"].startswith(head)


def test_never_answer_and_slow_drip(lab: Any, lab_client: Any) -> None:
    never, drip = lab.device("hostile-never-answer"), lab.device("hostile-slow-drip")
    ops = [{"op": "tcp", "ip": never.ip, "port": p, "send": "GET / HTTP/1.0\r\n\r\n", "timeout": 1.0} for p in never.open_ports]
    ops.append({"op": "tcp", "ip": drip.ip, "port": 80, "send": "GET / HTTP/1.0\r\n\r\n", "timeout": 5.0, "total_timeout": 2.0})
    results = lab_client(ops)
    for res in results[:-1]:
        assert res["error"] == "timeout" and res["bytes"] == 0  # accepted, then silence
    full = served_raw(drip.profile or {}, (drip.profile or {})["responses"][0], drip.ip)
    assert 2 <= results[-1]["bytes"] <= 16 and full.startswith(results[-1]["data"])


def test_malformed_and_markup_replies_are_sent_verbatim(lab: Any, lab_client: Any) -> None:
    ops, want = [], []
    for name in ("hostile-malformed", "hostile-ansi-markup", "hostile-xml-bomb"):
        d = lab.device(name)
        for r in (d.profile or {})["responses"]:
            if r["protocol"] in ("telnet", "ssh"):
                ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "timeout": 0.5})
                want.append((d, r, "raw"))
            elif r["protocol"] in ("http", "upnp") and r["request"].startswith("GET "):
                ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "timeout": 2.0,
                            "send": f"{r['request']} HTTP/1.1\r\nHost: x\r\n\r\n"})
                want.append((d, r, "body" if r["protocol"] == "upnp" else "raw"))
    results = lab_client(ops)
    for (d, r, part), res in zip(want, results):
        expected = served_raw(d.profile or {}, r, d.ip)
        got = res["data"].split("\r\n\r\n", 1)[1] if part == "body" else res["data"]
        assert got == expected, (d.name, r["request"])
    assert any("\x1b[" in res["data"] for res in results)


def test_hostile_udp_replies(lab: Any, lab_client: Any) -> None:
    mal = lab.device("hostile-malformed")
    (dhip,) = lab_client([{"op": "udp", "dest": mal.ip, "port": 37810, "send": '{"method":"DHDiscover.search"}', "timeout": 1.0}])
    assert dhip and dhip[0]["data"] == (mal.profile or {})["responses"][8]["raw"]  # verbatim, lying header and all


def test_emulator_survives_everything(lab: Any, lab_client: Any) -> None:
    """After the hostile exchanges, plus garbage sent to every port, every device still answers."""
    ops = []
    for d in lab.profile_devices:
        for port in d.open_ports:
            ops.append({"op": "tcp", "ip": d.ip, "port": port, "timeout": 0.3,
                        "send": "\x00\xff" * 2000 + "\r\n\r\n" + "GET /" + "A" * 70000 + " HTTP/1.1\r\n\r\n"})
    lab_client(ops, timeout=300)
    garbage = "\xff" * 20 + "\x00" * 50
    lab_client([{"op": "udp", "dest": "255.255.255.255", "port": p, "send": garbage, "timeout": 0.2}
                for p in (3702, 1900, 37020, 37810, 34569, 5353)])
    assert Lab.emulator_alive(lab.prefix)
    hik = lab.device("hikvision-ds2cd2032-v540")
    (res,) = lab_client([{"op": "tcp", "ip": hik.ip, "port": 80, "send": "GET / HTTP/1.0\r\n\r\n"}])
    assert res["data"].startswith("HTTP/1.1 200 OK")
