"""ARP and ICMP sweeps over a throw-away pair of network namespaces (``nsdev-`` prefix, always
deleted). The sweep runs inside the scanner namespace; nothing touches the root namespace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest

HOSTS = 40
#: The sweep's cap in this test (Timeouts.arp_max): long, so that only the adaptive end is fast.
ARP_MAX = 30.0


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=check)


@pytest.fixture
def nspair() -> Iterator[tuple[str, str]]:
    if os.geteuid() != 0:
        pytest.fail("this test needs root (CI runs as root)")
    tag = uuid.uuid4().hex[:6]
    a, b = f"nsdev-a{tag}", f"nsdev-b{tag}"
    try:
        sh("ip", "netns", "add", a)
        sh("ip", "netns", "add", b)
        # veth created inside namespace a, peer moved straight into b: nothing in the root namespace.
        sh("ip", "-n", a, "link", "add", "s0", "type", "veth", "peer", "name", "d0", "netns", b)
        sh("ip", "-n", a, "addr", "add", "10.250.0.1/24", "dev", "s0")
        sh("ip", "-n", a, "link", "set", "s0", "up")
        batch = "".join(f"addr add 10.250.0.{i}/24 dev d0\n" for i in range(2, 2 + HOSTS))
        subprocess.run(["ip", "-n", b, "-batch", "-"], input=batch, text=True, check=True, timeout=30)
        sh("ip", "-n", b, "link", "set", "d0", "up")
        sh("ip", "-n", b, "link", "set", "lo", "up")
        yield a, b
    finally:
        sh("ip", "netns", "del", a, check=False)
        sh("ip", "netns", "del", b, check=False)


SCRIPT = r"""
import asyncio, json, sys, time
from netscan.probes import arp, icmp
from netscan.probes.base import ProbeContext
from netscan.limits import Limits, Timeouts
ARP_MAX = float(sys.argv[1])
async def main():
    ctx = ProbeContext(limits=Limits(), timeouts=Timeouts(arp_max=ARP_MAX))
    targets = [f"10.250.0.{i}" for i in range(2, 255)]
    t0 = time.monotonic()
    found = []
    res = await arp.sweep(ctx, "s0", "10.250.0.1", targets, on_found=lambda ip, mac: found.append(ip))
    t1 = time.monotonic()
    pinged = await icmp.sweep(ctx, [f"10.250.0.{i}" for i in range(2, 12)] + ["10.250.0.200"])
    print(json.dumps({"found": res.found, "streamed": found, "sent": res.sent, "arp_s": t1 - t0,
                      "ping": sorted(pinged)}))
asyncio.run(main())
"""


def test_arp_sweep_finds_every_host_fast(nspair: tuple[str, str]) -> None:
    a, b = nspair
    mac = sh("ip", "-n", b, "-j", "link", "show", "d0").stdout
    dmac = json.loads(mac)[0]["address"]
    out = subprocess.run(["ip", "netns", "exec", a, sys.executable, "-c", SCRIPT, str(ARP_MAX)], capture_output=True,
                         text=True, timeout=60, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    want = {f"10.250.0.{i}" for i in range(2, 2 + HOSTS)}
    assert set(r["found"]) == want and set(r["streamed"]) == want
    assert set(r["found"].values()) == {dmac}
    # silent addresses asked once more, never more
    assert r["sent"] <= 253 + (253 - HOSTS)
    # the sweep ends once replies stop (adaptive quiet), before its own cap (how fast: benchmarks/)
    assert r["arp_s"] < ARP_MAX
    assert set(r["ping"]) == {f"10.250.0.{i}" for i in range(2, 12)}
    print(r["arp_s"], r["sent"])
