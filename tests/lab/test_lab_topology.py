"""The lab's topology: every host answers ARP/ICMP as its profile says, and nothing leaves the lab."""

from __future__ import annotations

import ipaddress
import os
import select
import subprocess
import time
from typing import Any

import pytest

from netscan.lab.config import EMULATOR_READY_TIMEOUT_S, READY_TIMEOUT_S
from netscan.lab import Lab
from netscan.lab.netns import list_netns, list_root_links

pytestmark = pytest.mark.lab


def test_every_device_answers_arp_with_its_mac(lab: Any, lab_client: Any) -> None:
    want = {d.ip: d.mac for d in lab.devices}
    (got,) = lab_client([{"op": "arp", "iface": lab.scanner_iface, "ips": sorted(want), "src_ip": lab.scanner_ip}])
    assert got == want


def test_unused_addresses_stay_silent(lab: Any, lab_client: Any) -> None:
    net = ipaddress.ip_network(lab.subnet)
    used = {d.ip for d in lab.devices} | {lab.scanner_ip}
    free = [str(a) for a in list(net.hosts())[:60] if str(a) not in used][:10]
    (got,) = lab_client([{"op": "arp", "iface": lab.scanner_iface, "ips": free, "timeout": 0.5}])
    assert got == {}


def test_every_device_answers_icmp(lab: Any, lab_client: Any) -> None:
    ips = [d.ip for d in lab.devices]
    (got,) = lab_client([{"op": "ping", "ips": ips}])
    assert got == {ip: True for ip in ips}


def test_scanner_has_no_route_out(lab: Any) -> None:
    routes = lab.run_in_scanner(["ip", "-4", "route", "show", "table", "all"], capture_output=True, text=True).stdout
    assert "default" not in routes
    for line in routes.splitlines():
        dest = line.split()[0]
        if dest in ("local", "broadcast", "multicast"):
            continue
        assert dest in (lab.subnet, "255.255.255.255", "224.0.0.0/4"), line
    out = lab.run_in_scanner(["ip", "route", "get", "8.8.8.8"], capture_output=True, text=True)
    assert out.returncode != 0 and "unreachable" in out.stderr.lower()
    links = lab.run_in_scanner(["ip", "-o", "link"], capture_output=True, text=True).stdout
    names = sorted(line.split(":")[1].strip().split("@")[0] for line in links.splitlines())
    assert names == sorted(["lo", lab.scanner_iface])


def test_names_carry_the_prefix(lab: Any) -> None:
    assert sorted(list_netns(lab.prefix)) == sorted([lab.scanner_netns, lab.bridge_netns, lab.device_netns])
    assert list_root_links(lab.prefix) == []
    assert all(d.ifname.startswith(lab.prefix) for d in lab.devices)


def _start_tcpdump(iface: str, bpf: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(["tcpdump", "-i", iface, "-n", "-l", "-p", bpf], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    deadline = time.monotonic() + 10
    buf = b""
    while time.monotonic() < deadline and b"listening on" not in buf:
        r, _, _ = select.select([proc.stderr], [], [], 0.5)
        if r:
            buf += os.read(proc.stderr.fileno(), 4096)
        if proc.poll() is not None:
            break
    assert b"listening on" in buf, buf
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate(timeout=10)
    return out.decode(errors="replace")


def test_no_lab_packet_reaches_the_root_namespace(lab: Any, lab_client: Any) -> None:
    """Capture in the root namespace (all interfaces, and eth0 on its own) while the lab is busy."""
    macs = [d.mac for d in lab.devices[:40]]
    # "any" captures cooked frames (no MACs): addresses plus the camera discovery ports
    # (loopback excluded: unit tests on 127.0.0.0/8 may use the discovery ports at the same time, and
    # loopback traffic never leaves the machine)
    bpf_any = (f"not net 127.0.0.0/8 and (net {lab.subnet} or udp port 3702 or udp port 37020 or udp port 37810"
               " or udp port 34569)")
    bpf = f"net {lab.subnet} or " + " or ".join(f"ether host {m}" for m in macs)
    root_any = _start_tcpdump("any", bpf_any)
    has_eth0 = os.path.exists("/sys/class/net/eth0")
    root_eth0 = _start_tcpdump("eth0", bpf) if has_eth0 else None
    # positive control: the same filter in the scanner namespace does see the traffic
    control = subprocess.Popen(["ip", "netns", "exec", lab.scanner_netns, "tcpdump", "-i", lab.scanner_iface, "-n", "-l",
                                "-c", "20", bpf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        ips = [d.ip for d in lab.devices]
        lab_client([
            {"op": "arp", "iface": lab.scanner_iface, "ips": ips},
            {"op": "ping", "ips": ips},
            {"op": "udp", "dest": "255.255.255.255", "port": 37810, "send": '{"method":"DHDiscover.search"}', "timeout": 1},
            {"op": "udp", "dest": "239.255.255.250", "port": 3702, "send": "<a:MessageID>x</a:MessageID><d:Probe/>", "timeout": 1},
            {"op": "tcp", "ip": lab.device("hikvision-ds2cd2032-v540").ip, "port": 80, "send": "GET / HTTP/1.0\r\n\r\n"},
            {"op": "sniff", "iface": lab.scanner_iface, "duration": 9.0},  # one round of device chatter
        ])
    finally:
        leaked_any = _stop(root_any)
        leaked_eth0 = _stop(root_eth0) if root_eth0 else ""
        try:
            seen, _ = control.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            control.kill()
            seen, _ = control.communicate(timeout=10)
    assert leaked_any.strip() == "", leaked_any[:2000]
    assert leaked_eth0.strip() == "", leaked_eth0[:2000]
    assert len(seen.decode(errors="replace").splitlines()) >= 10  # the filter does match lab traffic


def test_status_reports_the_running_lab(lab: Any) -> None:
    st = Lab.status(lab.prefix)
    assert st is not None and st.subnet == lab.subnet and len(st.devices) == len(lab.devices)
    assert Lab.emulator_alive(lab.prefix)
    # recorded, and within the lab's own readiness limits (its speed is a benchmark's business)
    assert 0 < lab.up_seconds < EMULATOR_READY_TIMEOUT_S + READY_TIMEOUT_S
