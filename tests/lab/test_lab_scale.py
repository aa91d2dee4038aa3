"""`lab up --hosts 1000`: ready within the lab's own limits, every host answers ARP, and `lab down`
leaves nothing. How long it takes is benchmarks/lab_timings.py's business, not an assertion here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sub_prefix

from netscan.lab import Lab
from netscan.lab.config import READY_TIMEOUT_S, run_dir
from netscan.lab.netns import list_netns, list_root_links

pytestmark = pytest.mark.lab

PREFIX = sub_prefix("bx")
LABCLIENT = Path(__file__).resolve().parent / "labclient.py"


def test_thousand_hosts_up_and_gone(lab: object) -> None:  # runs beside the session lab on purpose
    try:
        state = Lab.up(hosts=1000, prefix=PREFIX)
        # recorded, and every service answered within the lab's own readiness limit
        assert 0 < state.ready_seconds <= READY_TIMEOUT_S and state.up_seconds >= state.ready_seconds
        assert len(state.devices) == 1000 + len(state.profile_devices)
        ips = [d.ip for d in state.devices]
        proc = state.run_in_scanner([sys.executable, str(LABCLIENT)], capture_output=True, text=True, timeout=120,
                                    input=json.dumps([{"op": "arp", "iface": state.scanner_iface, "ips": ips, "timeout": 3}]))
        (got,) = json.loads(proc.stdout)
        assert got == {d.ip: d.mac for d in state.devices}
        assert len({d.mac[:8] for d in state.plain_hosts}) >= 20  # varied OUIs
    finally:
        Lab.down(prefix=PREFIX)
    assert list_netns(PREFIX) == []
    assert list_root_links(PREFIX) == []
    every = subprocess.run(["ip", "-all", "netns", "exec", "ip", "-o", "link"], capture_output=True, text=True, timeout=60)
    assert PREFIX not in every.stdout
    assert not run_dir(PREFIX).exists()
