"""Build and tear down the lab's namespaces and links with iproute2 (``ip -batch``).

Nothing here touches the root namespace's interfaces or routes: every link is created inside its
namespace. The only root-namespace changes are two sysctls raised for big labs (saved, and put
back by :func:`restore_sysctls`).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from netscan.errors import LabError
from netscan.lab.config import (
    CANDIDATE_SUPERNETS, COMMAND_TIMEOUT_S, KILL_GRACE_S, RUN_DIR, host_ifname, ns_names,
)

logger = logging.getLogger(__name__)

#: Sysctls of a namespace whose hosts answer ARP only for their own address, from their own MAC.
DEVICE_NS_SYSCTLS: dict[str, str] = {
    "net.ipv4.conf.all.arp_ignore": "1",
    "net.ipv4.conf.default.arp_ignore": "1",
    "net.ipv4.conf.all.arp_announce": "2",
    "net.ipv4.conf.default.arp_announce": "2",
    # lab-lessons.md: the per-host source rules make every cloned ARP walk the rule list unless
    # reverse-path checks are skipped (14 ms -> 1.4 ms per ARP at 1,015 hosts).
    "net.ipv4.conf.all.rp_filter": "0",
    "net.ipv4.conf.default.rp_filter": "0",
    "net.ipv4.conf.all.accept_local": "1",
    "net.ipv4.conf.default.accept_local": "1",
    "net.ipv6.conf.all.disable_ipv6": "1",
    "net.ipv6.conf.default.disable_ipv6": "1",
    # one socket joins each discovery group on every emulated device's interface
    "net.ipv4.igmp_max_memberships": "4096",
}
#: Sysctls of the scanner and bridge namespaces.
OTHER_NS_SYSCTLS: dict[str, str] = {
    "net.ipv6.conf.all.disable_ipv6": "1",
    "net.ipv6.conf.default.disable_ipv6": "1",
    "net.ipv4.conf.all.rp_filter": "0",
    "net.ipv4.conf.default.rp_filter": "0",
}
#: Root sysctls raised for big labs (shared by all namespaces; restored on down).
ROOT_SYSCTLS = (
    "net.ipv4.neigh.default.gc_thresh1",
    "net.ipv4.neigh.default.gc_thresh2",
    "net.ipv4.neigh.default.gc_thresh3",
    "net.core.netdev_max_backlog",
)


@dataclass(frozen=True)
class HostSpec:
    """One macvlan host to create."""

    index: int
    ip: str
    mac: str
    segment: str = "lan"


def run(argv: Sequence[str], *, input_text: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command with a time cap; raise LabError when ``check`` and it fails."""
    try:
        proc = subprocess.run(
            list(argv), input=input_text, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LabError(f"{argv[0]} failed: {exc}") from exc
    if check and proc.returncode != 0:
        raise LabError(f"{' '.join(argv[:6])} failed ({proc.returncode}): {proc.stderr.strip()[:2000]}")
    return proc


def ip_batch(netns: str | None, lines: Iterable[str]) -> None:
    """Run iproute2 commands in one process (``ip [-n NS] -batch -``)."""
    text = "\n".join(lines) + "\n"
    argv = ["ip"] + (["-n", netns] if netns else []) + ["-batch", "-"]
    run(argv, input_text=text)


def set_sysctls(netns: str, values: dict[str, str]) -> None:
    """Set sysctls inside a namespace (one ``sh``; /proc/sys/net is per namespace; no procps needed)."""
    script = "; ".join(
        f"echo {v} > /proc/sys/{k.replace('.', '/')} 2>/dev/null || echo {k} >&2" for k, v in values.items()
    )
    proc = run(["ip", "netns", "exec", netns, "sh", "-c", script], check=False)
    if proc.stderr.strip():
        # igmp_max_memberships and disable_ipv6 may be missing on some kernels: report, go on
        logger.warning("sysctls not set in %s: %s", netns, " ".join(proc.stderr.split())[:500])


def list_netns(prefix: str) -> list[str]:
    """Namespaces whose name starts with ``prefix``."""
    proc = run(["ip", "netns", "list"], check=False)
    names = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    return [n for n in names if n.startswith(prefix)]


def list_root_links(prefix: str) -> list[str]:
    """Links in the root namespace whose name starts with ``prefix`` (should never exist)."""
    proc = run(["ip", "-o", "link", "show"], check=False)
    out = []
    for line in proc.stdout.splitlines():
        parts = line.split(":", 2)
        if len(parts) >= 2:
            name = parts[1].strip().split("@")[0]
            if name.startswith(prefix):
                out.append(name)
    return out


def _root_networks() -> list[ipaddress.IPv4Network]:
    nets: list[ipaddress.IPv4Network] = []
    for argv in (["ip", "-4", "route", "show", "table", "all"], ["ip", "-4", "-o", "addr", "show"]):
        for line in run(argv, check=False).stdout.splitlines():
            for tok in line.split():
                if tok[0].isdigit():
                    try:
                        nets.append(ipaddress.ip_network(tok, strict=False))  # type: ignore[arg-type]
                    except ValueError:
                        continue
    return [n for n in nets if isinstance(n, ipaddress.IPv4Network) and n.prefixlen > 0]


def _other_lab_subnets(own_prefix: str) -> list[ipaddress.IPv4Network]:
    out: list[ipaddress.IPv4Network] = []
    if not RUN_DIR.is_dir():
        return out
    for state in RUN_DIR.glob("*/state.json"):
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
            if data.get("prefix") != own_prefix:
                for key in ("subnet", "subnet2", "routed_subnet"):
                    if data.get(key):
                        out.append(ipaddress.IPv4Network(data[key]))
        except (OSError, ValueError, KeyError):
            continue
    return out


def prefixlen_for(hosts: int) -> int:
    """Smallest prefix length (at most /24) whose subnet holds ``hosts`` plus the scanner."""
    for plen in (24, 23, 22, 21, 20):
        if hosts + 1 <= 2 ** (32 - plen) - 2 - 1:
            return plen
    raise LabError(f"too many hosts for a lab: {hosts}")


def choose_subnet(
    hosts: int, prefix: str, exclude: Sequence[ipaddress.IPv4Network] = (), plen: int | None = None,
) -> ipaddress.IPv4Network:
    """A private subnet for the lab that collides with nothing in the root namespace or another lab
    (nor with ``exclude``: the lab's other subnets)."""
    plen = plen or prefixlen_for(hosts)
    taken = _root_networks() + _other_lab_subnets(prefix) + list(exclude)
    for supernet in CANDIDATE_SUPERNETS:
        for cand in ipaddress.IPv4Network(supernet).subnets(new_prefix=plen):
            if not any(cand.overlaps(t) for t in taken):
                return cand
    raise LabError("no free private subnet for the lab")


@dataclass(frozen=True)
class Extra:
    """The realistic topology's optional parts: the scanner's second LAN and the routed subnet."""

    subnet2: ipaddress.IPv4Network | None = None
    scanner_ip2: str | None = None
    routed: ipaddress.IPv4Network | None = None
    router_ip: str | None = None
    """The router's address in the scanner's first LAN."""
    routed_gw: str | None = None
    """The router's address in the routed subnet (the routed devices' gateway)."""


def build(
    prefix: str, subnet: ipaddress.IPv4Network, scanner_ip: str, hosts: Sequence[HostSpec], extra: Extra = Extra(),
) -> None:
    """Create the namespaces, the bridge(s), the veths and one macvlan per host (plus the router and
    the scanner's second LAN when ``extra`` asks for them)."""
    n = ns_names(prefix)
    plen = subnet.prefixlen
    namespaces = [n["scan_ns"], n["br_ns"], n["dev_ns"]] + ([n["router_ns"]] if extra.routed else [])
    for ns in namespaces:
        run(["ip", "netns", "add", ns])
    set_sysctls(n["scan_ns"], OTHER_NS_SYSCTLS)
    set_sysctls(n["br_ns"], OTHER_NS_SYSCTLS)
    set_sysctls(n["dev_ns"], DEVICE_NS_SYSCTLS)
    if extra.routed:
        set_sysctls(n["router_ns"], {**OTHER_NS_SYSCTLS, "net.ipv4.ip_forward": "1"})
    # Bridge namespace: the bridge, and both veths created straight into their namespaces.
    # mcast_snooping off: devices' multicast (Hello, NOTIFY) must reach the scanner port even
    # though the scanner never joins those groups.
    ip_batch(n["br_ns"], [
        "link set lo up",
        f"link add {n['bridge']} type bridge stp_state 0 forward_delay 0 mcast_snooping 0",
        f"link add {n['scan_peer']} type veth peer name {n['scan_if']} netns {n['scan_ns']}",
        f"link add {n['dev_peer']} type veth peer name {n['dev_if']} netns {n['dev_ns']}",
        f"link set {n['scan_peer']} master {n['bridge']}",
        f"link set {n['dev_peer']} master {n['bridge']}",
        f"link set {n['bridge']} up",
        f"link set {n['scan_peer']} up",
        f"link set {n['dev_peer']} up",
    ])
    if extra.subnet2:
        # the scanner's second LAN: a second bridge, the scanner's second interface, a second
        # parent link in the device namespace for the lan2 hosts
        ip_batch(n["br_ns"], [
            f"link add {n['bridge2']} type bridge stp_state 0 forward_delay 0 mcast_snooping 0",
            f"link add {n['scan_peer2']} type veth peer name {n['scan_if2']} netns {n['scan_ns']}",
            f"link add {n['dev_peer2']} type veth peer name {n['dev_if2']} netns {n['dev_ns']}",
            f"link set {n['scan_peer2']} master {n['bridge2']}",
            f"link set {n['dev_peer2']} master {n['bridge2']}",
            f"link set {n['bridge2']} up",
            f"link set {n['scan_peer2']} up",
            f"link set {n['dev_peer2']} up",
        ])
    if extra.routed:
        # the router: one leg on the scanner's first LAN (a port of the bridge), one towards the
        # routed hosts' parent link in the device namespace; it forwards unicast only (no
        # multicast routing, no proxy ARP) and has no route anywhere else
        ip_batch(n["br_ns"], [
            f"link add {n['router_lan_peer']} type veth peer name {n['router_lan']} netns {n['router_ns']}",
            f"link set {n['router_lan_peer']} master {n['bridge']}",
            f"link set {n['router_lan_peer']} up",
        ])
        ip_batch(n["router_ns"], [
            "link set lo up",
            f"link add {n['router_routed']} type veth peer name {n['dev_if3']} netns {n['dev_ns']}",
            f"addr add {extra.router_ip}/{plen} dev {n['router_lan']}",
            f"addr add {extra.routed_gw}/{extra.routed.prefixlen} dev {n['router_routed']}",
            f"link set {n['router_lan']} up",
            f"link set {n['router_routed']} up",
        ])
    # Scanner: one address in the lab subnet, loopback, and no route anywhere else. Limited
    # broadcast and multicast get routes on the lab link itself (discovery tools that do not bind
    # to an interface still work; neither route leaves the lab link).
    ip_batch(n["scan_ns"], [
        "link set lo up",
        f"addr add {scanner_ip}/{plen} dev {n['scan_if']}",
        f"link set {n['scan_if']} up",
        f"route add 255.255.255.255/32 dev {n['scan_if']} src {scanner_ip}",
        f"route add 224.0.0.0/4 dev {n['scan_if']} src {scanner_ip}",
    ])
    scan_lines = []
    if extra.subnet2:
        scan_lines += [f"addr add {extra.scanner_ip2}/{extra.subnet2.prefixlen} dev {n['scan_if2']}",
                       f"link set {n['scan_if2']} up"]
    if extra.routed:
        scan_lines.append(f"route add {extra.routed} via {extra.router_ip} dev {n['scan_if']}")
    if scan_lines:
        ip_batch(n["scan_ns"], scan_lines)
    # Device namespace: one macvlan (VEPA) per host with its own MAC and address, and a source
    # rule per host so that replies leave through the host's own interface with its own MAC.
    lines = ["link set lo up", f"link set {n['dev_if']} up"]
    if extra.subnet2:
        lines.append(f"link set {n['dev_if2']} up")
    if extra.routed:
        lines.append(f"link set {n['dev_if3']} up")
    parents = {"lan": (n["dev_if"], subnet), "lan2": (n["dev_if2"], extra.subnet2), "routed": (n["dev_if3"], extra.routed)}
    for h in hosts:
        ifn = host_ifname(prefix, h.index)
        table = 1000 + h.index
        parent, net = parents[h.segment]
        if net is None:
            raise LabError(f"host {h.ip} is on segment {h.segment}, which this lab does not have")
        lines += [
            f"link add {ifn} link {parent} address {h.mac} type macvlan mode vepa",
            f"addr add {h.ip}/{net.prefixlen} dev {ifn} noprefixroute",
            f"link set {ifn} up",
            f"route add {net} dev {ifn} src {h.ip} table {table}",
            f"rule add from {h.ip} lookup {table} pref {table}",
        ]
        if h.segment == "routed":
            # the way back to the scanner's first LAN is through the router
            lines.append(f"route add {subnet} via {extra.routed_gw} dev {ifn} onlink src {h.ip} table {table}")
    lan_hosts = [h for h in hosts if h.segment == "lan"]
    if lan_hosts:
        # unsourced traffic (none expected) goes out through the first host
        lines.append(f"route add {subnet} dev {host_ifname(prefix, lan_hosts[0].index)} src {lan_hosts[0].ip}")
    ip_batch(n["dev_ns"], lines)


def set_loss(netns: str, pct: float) -> None:
    """Drop ``pct`` percent of the IP packets entering and leaving the namespace's links (each
    direction, loopback exempt) with nftables' ``numgen random`` (this kernel has no netem)."""
    if pct <= 0:
        return
    per_10k = max(1, min(10_000, round(pct * 100)))
    ruleset = (
        "table inet netscan_lab_loss {\n"
        " chain in { type filter hook prerouting priority raw; policy accept;\n"
        f'  iifname "lo" accept\n  numgen random mod 10000 < {per_10k} drop\n }}\n'
        " chain out { type filter hook output priority raw; policy accept;\n"
        f'  oifname "lo" accept\n  numgen random mod 10000 < {per_10k} drop\n }}\n'
        "}\n"
    )
    run(["ip", "netns", "exec", netns, "nft", "-f", "-"], input_text=ruleset)


def _read_sysctl(key: str) -> str | None:
    try:
        return Path("/proc/sys/" + key.replace(".", "/")).read_text().strip()
    except OSError:
        return None


def _write_sysctl(key: str, value: str) -> None:
    try:
        Path("/proc/sys/" + key.replace(".", "/")).write_text(value)
    except OSError as exc:
        logger.warning("could not set %s=%s: %s", key, value, exc)


def raise_root_sysctls(hosts: int) -> None:
    """Raise the shared neighbour-table thresholds and backlog for a lab of ``hosts`` hosts.

    Both are shared by every namespace, and a broadcast ARP is cloned to every macvlan (a sweep of
    a /24 over 60 hosts is ~15,000 frames), so even small labs raise them. The first lab up saves
    the originals in RUN_DIR/sysctl-originals.json; values are only ever raised while labs run.
    """
    saved_path = RUN_DIR / "sysctl-originals.json"
    if not saved_path.exists():
        originals = {k: v for k in ROOT_SYSCTLS if (v := _read_sysctl(k)) is not None}
        saved_path.parent.mkdir(parents=True, exist_ok=True)
        saved_path.write_text(json.dumps(originals), encoding="utf-8")
    # both ends of every pair (scanner and device namespaces) hold an entry per host
    n = max(hosts, 256)
    wanted = {
        "net.ipv4.neigh.default.gc_thresh1": 4 * n,
        "net.ipv4.neigh.default.gc_thresh2": 8 * n,
        "net.ipv4.neigh.default.gc_thresh3": 16 * n,
        "net.core.netdev_max_backlog": 64 * n,
    }
    for key, value in wanted.items():
        cur = _read_sysctl(key)
        if cur is not None and cur.isdigit() and int(cur) < value:
            _write_sysctl(key, str(value))


def restore_sysctls(other_labs_up: bool) -> None:
    """Put back the root sysctls saved by :func:`raise_root_sysctls`, once no other lab is up."""
    saved_path = RUN_DIR / "sysctl-originals.json"
    if other_labs_up:
        return
    try:
        originals = json.loads(saved_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for key, value in originals.items():
        if key in ROOT_SYSCTLS and str(value).isdigit():
            _write_sysctl(key, str(value))
    saved_path.unlink(missing_ok=True)


def other_labs_up(prefix: str) -> bool:
    """Whether a lab with another prefix still has namespaces."""
    proc = run(["ip", "netns", "list"], check=False)
    if not RUN_DIR.is_dir():
        return False
    for state in RUN_DIR.glob("*/state.json"):
        try:
            other = json.loads(state.read_text(encoding="utf-8"))["prefix"]
        except (OSError, ValueError, KeyError):
            continue
        if other != prefix and f"{other}scan" in proc.stdout.split():
            return True
    return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie still answers kill(0): treat it as gone
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def kill_pids(pids: Iterable[int]) -> None:
    """SIGTERM the given processes, wait a little, SIGKILL those still alive (bounded)."""
    pids = [p for p in set(pids) if p > 1 and p != os.getpid()]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            continue
    deadline = time.monotonic() + KILL_GRACE_S
    while time.monotonic() < deadline and any(_pid_alive(p) for p in pids):
        time.sleep(0.05)
    for pid in pids:
        if _pid_alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                continue


def netns_pids(netns: str) -> list[int]:
    """Processes running inside a namespace (the lab's emulator and ``lab run`` commands)."""
    proc = run(["ip", "netns", "pids", netns], check=False)
    return [int(x) for x in proc.stdout.split() if x.isdigit()]


def teardown(prefix: str) -> list[str]:
    """Kill what runs in the lab's namespaces and delete them and any stray link; returns what was removed."""
    removed: list[str] = []
    namespaces = list_netns(prefix)
    pids: list[int] = []
    for ns in namespaces:
        pids += netns_pids(ns)
    kill_pids(pids)
    for ns in namespaces:
        if run(["ip", "netns", "del", ns], check=False).returncode == 0:
            removed.append(f"netns {ns}")
    for link in list_root_links(prefix):
        if run(["ip", "link", "del", link], check=False).returncode == 0:
            removed.append(f"link {link}")
    return removed
