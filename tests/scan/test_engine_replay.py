"""The engine's scheduler driven by recorded answers on a virtual clock (no sockets): slow hosts,
a host that times out first and answers on the retry, a silent host, a host silent to multicast,
a host found only by discovery. Devices replay lab profiles' recorded responses."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay import Device, run_replay

from netscan.identify import identify
from netscan.model import Observation
from netscan.observations import from_dict

FIELDS = ("vendor", "model", "firmware", "device_type")


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing may touch the network: a socket connect or send fails the test."""
    def refuse(*_a: Any, **_k: Any) -> None:
        raise AssertionError("the replay engine opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)


def _offered(d: Device) -> dict[str, Any]:
    active = [r for r in d.data["responses"] if r["protocol"] not in ("dhcp", "dns")]
    return identify(from_dict({"ip": d.ip, "mac": d.mac, "responses": active, "open_ports": d.data.get("open_ports") or []})).to_dict()


def _by_ip(result: Any) -> dict[str, Observation]:
    return {o.ip: o for o in result.observations}


def test_slow_and_retried_and_multicast_silent_hosts_identified_as_fast_ones() -> None:
    devices = [
        Device("hikvision-ds2cd2032-v540", "10.9.0.10"),                                     # instant
        Device("hikvision-ds2cd2032-v553", "10.9.0.11", delay=1.5),                           # slow
        Device("dahua-ipc-hfw3441e-vuln", "10.9.0.12", delay=0.8, first_delay=3.5),           # slow first request after idle
        Device("axis-m3045v", "10.9.0.13", delay=2.8, multicast_silent=True),                 # slow every time, multicast-silent
        Device("xiongmai-dvr-ahb7004", "10.9.0.14", delay=0.5, multicast_silent=True),        # DVR ignoring multicast
        Device("uniview-ipc322lr3", "10.9.0.15", lost_connects=1),                            # its first connection never comes up
    ]
    result, probes, elapsed = run_replay(devices)
    obs = _by_ip(result)
    for d in devices:
        assert d.ip in obs, d.profile
        got = identify(obs[d.ip]).to_dict()
        want = _offered(d)
        diff = {k: (want[k], got[k]) for k in FIELDS if want[k] not in (None, "unknown") and want[k] != got[k]}
        assert not diff, (d.profile, diff, obs[d.ip].meta.get("tried"))
        # gentle: never more than per_host exchanges in flight with one device
        assert d.max_active <= 4
    # the host slow on its first request was waited for on that connection: answered, not asked twice
    dahua = obs["10.9.0.12"]
    assert any(r.request == "GET /" and r.raw.startswith("HTTP/") for r in dahua.responses)
    assert not any("attempt" in t or "no answer" in t for t in dahua.meta.get("tried", []))
    # a connection that never came up was tried again on a fresh one, and answered
    unv = obs["10.9.0.15"]
    assert any("answered on attempt 2" in t for t in unv.meta["tried"]), unv.meta.get("tried")
    assert result.run.stats.retries == 1
    # multicast-silent devices were asked by unicast, and their own protocol answered
    assert ("discover-wsd", "unicast") in probes.sent
    assert any(r.protocol == "xmeye" for r in obs["10.9.0.14"].responses)
    # a slow device costs scan time, bounded by its own slowness (virtual seconds)
    assert elapsed < 60


def test_silent_host_reported_with_what_was_tried() -> None:
    devices = [Device("hikvision-ds2cd2032-v540", "10.9.0.10"),
               Device("dahua-nvr4108hs", "10.9.0.20", silent=True)]
    result, _probes, elapsed = run_replay(devices)
    silent = _by_ip(result)["10.9.0.20"]
    ident = identify(silent)
    assert ident.device_type == "unknown" or ident.model is None
    tried = silent.meta["tried"]
    assert any("no answer" in t for t in tried)
    assert any("wsd unicast" in t for t in tried)
    # silence is recorded as such: every exchange is a timeout, no answer text
    assert silent.responses and all(r.error == "timeout" and not r.raw for r in silent.responses)
    # and it cannot hold the scan: its waits are bounded by the timeout budget
    assert elapsed < 40


def test_service_that_accepts_and_never_answers_costs_one_wait() -> None:
    """A device whose ports accept connections and never answer costs one wait per exchange
    (``Timeouts.read``, 4 s, no second request: TCP resends what was lost), asked at most
    ``MAX_TIMEOUTS_PER_HOST`` times; the other hosts are worked on meanwhile and finish first."""
    from netscan.limits import Timeouts
    from netscan.scan.timing import MAX_TIMEOUTS_PER_HOST

    read = Timeouts().read
    devices = [Device("hikvision-ds2cd2032-v540", "10.9.0.10"),
               Device("dahua-ipc-hfw3441e-vuln", "10.9.0.11", delay=0.5),
               Device("tplink-tapo-c200", "10.9.0.20", silent=True)]
    result, probes, elapsed = run_replay(devices)
    silent = _by_ip(result)["10.9.0.20"]
    waits = [t for t in silent.meta["tried"] if "connected, no answer in" in t]
    assert waits and all(f"in {read:.1f} s" in t and "attempts" not in t for t in waits), silent.meta["tried"]
    assert result.run.stats.retries == 0
    timed_out = [r for r in silent.responses if r.error == "timeout" and r.protocol not in
                 ("wsd", "ssdp", "mdns", "sadp", "dhip", "xmeye", "tplink", "ubnt")]
    assert 0 < len(timed_out) <= MAX_TIMEOUTS_PER_HOST
    # its first-stage ports are waited on at once: the host costs one wait, then the unicast
    # discovery its multicast silence is owed (as long as a slow DVR takes to answer it)
    from netscan.engine import UNICAST_MAX, UNICAST_SLOW_QUIET

    assert probes.done_at["10.9.0.20"] <= 0.2 + read + UNICAST_SLOW_QUIET + UNICAST_MAX, probes.done_at
    # the others are not held up by it
    for ip in ("10.9.0.10", "10.9.0.11"):
        assert probes.done_at[ip] < read, probes.done_at
        assert identify(_by_ip(result)[ip]).model


def test_discovery_only_host_found_and_enriched() -> None:
    """A camera that answers no ARP (and has no open ports found by the sweep) but answers
    WS-Discovery: found by multicast, its ONVIF endpoint asked at the XAddrs it announced."""
    cam = Device("hikvision-ds2cd2032-v540", "10.9.0.30", arp=False)
    result, probes, _ = run_replay([cam])
    obs = _by_ip(result)
    assert "10.9.0.30" in obs
    assert any(r.protocol == "wsd" for r in obs["10.9.0.30"].responses)
    assert any(kind == "onvif" and where.startswith("10.9.0.30") for kind, where in probes.sent)
    assert identify(obs["10.9.0.30"]).vendor == "Hikvision"


def test_replay_is_deterministic() -> None:
    def once() -> list[Any]:
        devs = [Device("dahua-ipc-hfw3441e-vuln", "10.9.0.12", delay=0.8, first_delay=3.0),
                Device("axis-m3045v", "10.9.0.13", delay=2.8, multicast_silent=True)]
        res, _, elapsed = run_replay(devs)
        return [o.to_dict() for o in res.observations] + [round(elapsed, 3)]

    assert once() == once()


def test_report_tells_silent_from_unrecognised() -> None:
    import datetime as dt

    from netscan.model import Response
    from netscan.pipeline import analyse

    devices = [Device("dahua-nvr4108hs", "10.9.0.20", silent=True)]
    result, _probes, _ = run_replay(devices)
    odd = Observation("10.9.0.21", None, (Response("http", "HTTP/1.1 200 OK\r\nServer: qqq/0.1\r\n\r\nhello", 80, "GET /"),), (80,))
    report = analyse([*result.observations, odd], now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    doc = report.to_dict()
    by = {d["ip"]: d for d in doc["devices"]}
    assert by["10.9.0.20"]["notes"][0].startswith("silent:")
    assert any("wsd unicast" in n for n in by["10.9.0.20"]["notes"])
    assert by["10.9.0.21"]["notes"][0].startswith("unrecognised: answered http/80")
    from netscan.report.table import render_table

    text = render_table(report, width=200)
    assert "unknown (silent)" in text and "unknown (unrecognised)" in text
