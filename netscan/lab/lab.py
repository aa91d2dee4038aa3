"""Bring the whole lab up and down: topology (netns.py) plus the emulator daemon."""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from netscan.errors import LabError
from netscan.lab import netns
from netscan.lab.config import (
    DEFAULT_PREFIX, EMULATOR_READY_TIMEOUT_S, FIRST_DEVICE_OFFSET, FIRST_PLAIN_OFFSET,
    MAX_HOSTS, PREFIX_RE, PROFILES_DIR, RUN_DIR, host_ifname, ns_names, run_dir,
)
from netscan.lab.profiles import load_profiles, tcp_ports
from netscan.lab.realism import realistic_mix
from netscan.lab.state import Device, LabState, load_state, save_state

logger = logging.getLogger(__name__)

#: OUIs of ordinary (non-camera) makers for plain hosts, so identification sees a varied LAN:
#: Apple, Samsung, Intel, Dell, HP, Raspberry Pi, Espressif, Amazon, Google, Sonos, Netgear,
#: ASUSTek, Lenovo, Microsoft, Xiaomi, Brother (IEEE MA-L registry).
PLAIN_OUIS: tuple[str, ...] = (
    "3c:22:fb", "8c:85:90", "f4:5c:89", "00:1e:c2", "5c:f9:38", "a4:83:e7",
    "00:16:32", "8c:77:12", "3c:a9:f4", "00:1b:21", "f8:b1:56", "18:66:da",
    "3c:d9:2b", "b8:27:eb", "dc:a6:32", "24:0a:c4", "30:ae:a4", "44:65:0d",
    "f4:f5:d8", "5c:aa:fd", "a0:40:a0", "04:d4:c4", "8c:16:45", "7c:1e:52",
    "64:09:80", "00:1b:a9",
)


def _check_root() -> None:
    if os.geteuid() != 0:
        raise LabError("the lab needs root (network namespaces, links, sysctls)")


def _check_prefix(prefix: str) -> None:
    if not PREFIX_RE.match(prefix):
        raise LabError(f"bad lab prefix {prefix!r}: 2-7 lower-case letters/digits then '-'")


def plain_mac(index: int) -> str:
    """A deterministic, unicast MAC for plain host ``index`` with a varied real OUI."""
    oui = PLAIN_OUIS[index % len(PLAIN_OUIS)]
    tail = hashlib.sha256(f"netscan-lab-{index}".encode()).digest()[:3]
    return oui + ":" + ":".join(f"{b:02x}" for b in tail)


def _assign(
    profiles: list[dict[str, Any]], hosts: int, subnet: ipaddress.IPv4Network, prefix: str
) -> list[Device]:
    """Give every profile device and plain host an address, MAC and interface."""
    base = int(subnet.network_address)
    last = subnet.num_addresses - 2  # highest usable offset
    used = {1}  # the scanner
    devices: list[Device] = []
    wanted = [(p, p.get("ip_suffix")) for p in profiles]
    for p, suffix in wanted:
        if isinstance(suffix, int) and suffix in used:
            raise LabError(f"profile {p['name']}: ip_suffix {suffix} taken twice")
        if isinstance(suffix, int):
            used.add(suffix)
    nxt = FIRST_DEVICE_OFFSET
    index = 0
    macs: set[str] = set()
    for p, suffix in wanted:
        if not isinstance(suffix, int):
            while nxt in used:
                nxt += 1
            suffix = nxt
            used.add(suffix)
        index += 1
        mac = p["mac"].lower()
        macs.add(mac)
        devices.append(Device(
            name=p["name"], ip=str(ipaddress.IPv4Address(base + suffix)), mac=mac, kind="profile",
            ifname=host_ifname(prefix, index), profile={k: v for k, v in p.items() if k != "_path"},
            profile_path=p.get("_path"), open_ports=tuple(tcp_ports(p)), expect=dict(p.get("expect") or {}),
            expect_findings=tuple(p.get("expect_findings") or ()),
            hostile=bool(p.get("hostile") or p.get("behaviour")),
        ))
    off = FIRST_PLAIN_OFFSET if subnet.prefixlen == 24 and hosts + len(used) <= last - FIRST_PLAIN_OFFSET else 2
    for n in range(1, hosts + 1):
        while off in used:
            off += 1
        if off > last:
            raise LabError(f"{hosts} plain hosts do not fit in {subnet}")
        used.add(off)
        index += 1
        mac = plain_mac(n)
        k = n
        while mac in macs:
            k += 100_000
            mac = plain_mac(k)
        macs.add(mac)
        devices.append(Device(
            name=f"host-{n}", ip=str(ipaddress.IPv4Address(base + off)), mac=mac, kind="plain",
            ifname=host_ifname(prefix, index),
        ))
    return devices


def _place(
    devices: list[Device], mix: dict[str, Any] | None, subnet: ipaddress.IPv4Network,
    nets: dict[str, ipaddress.IPv4Network | None],
) -> list[Device]:
    """Apply the timing/segment keys (the profile's own, overridden by the realistic ``mix``) and move
    lan2/routed devices to the same host offset in their own subnet."""
    base = int(subnet.network_address)
    out: list[Device] = []
    plain_no = 0
    for d in devices:
        keys: dict[str, Any] = {}
        if d.kind == "profile":
            p = d.profile or {}
            keys = {k: p[k] for k in ("delay_s", "idle_delay_s", "idle_after_s", "multicast_silent", "segment") if k in p}
            if mix is not None:
                keys.update(mix["profiles"].get(d.name, {}))
        else:
            plain_no += 1
            if mix is not None and plain_no in mix["plain"]:
                keys["segment"] = mix["plain"][plain_no]
        segment = str(keys.get("segment") or "lan")
        ip = d.ip
        if segment != "lan":
            net = nets[segment]
            assert net is not None
            ip = str(ipaddress.IPv4Address(int(net.network_address) + int(ipaddress.IPv4Address(d.ip)) - base))
        delay = keys.get("delay_s")
        out.append(Device(**{
            **d.__dict__, "ip": ip, "segment": segment, "multicast_silent": bool(keys.get("multicast_silent")),
            "delay_s": (0.0, 0.0) if delay is None else ((float(delay),) * 2 if isinstance(delay, (int, float)) else (float(delay[0]), float(delay[1]))),
            "idle_delay_s": float(keys.get("idle_delay_s") or 0.0), "idle_after_s": float(keys.get("idle_after_s") or 0.0),
        }))
    return out


def _resolve_refs(devices: list[Device]) -> list[Device]:
    """Fill ``_lab_refs`` (recorded address -> lab address) of profiles with ``address_refs``."""
    by_name = {d.name: d.ip for d in devices}
    resolved: list[Device] = []
    for d in devices:
        refs = (d.profile or {}).get("address_refs") or {}
        if refs:
            lab_refs = {rec: by_name[name] for rec, name in refs.items() if name in by_name}
            d = Device(**{**d.__dict__, "profile": {**(d.profile or {}), "_lab_refs": lab_refs}})
        resolved.append(d)
    return resolved


def _segments_wanted(devices: list[Device], mix: dict[str, Any] | None) -> set[str]:
    segs = {str((d.profile or {}).get("segment") or "lan") for d in devices if d.kind == "profile"}
    if mix is not None:
        segs |= {str(v.get("segment") or "lan") for v in mix["profiles"].values()}
        segs |= set(mix["plain"].values())
    return segs


#: Emulator daemons this process started, by pid: kept so that ``Lab.down`` in the same process
#: reaps them (no zombie) and no Popen is garbage-collected while its daemon still runs.
_EMULATORS: dict[int, subprocess.Popen[bytes]] = {}


def _start_emulator(prefix: str, dev_ns: str, state_file: Path) -> int:
    rd = run_dir(prefix)
    log = open(rd / "emulator.log", "ab")  # noqa: SIM115 - handed to the daemon
    try:
        proc = subprocess.Popen(
            ["ip", "netns", "exec", dev_ns, sys.executable, "-m", "netscan.lab.emulator", "--state", str(state_file)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, close_fds=True,
            cwd="/",
        )
    finally:
        log.close()
    _EMULATORS[proc.pid] = proc
    (rd / "emulator.pid").write_text(str(proc.pid))
    ready = rd / "ready"
    deadline = time.monotonic() + EMULATOR_READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if ready.exists():
            return proc.pid
        if proc.poll() is not None:
            _EMULATORS.pop(proc.pid, None)
            tail = (rd / "emulator.log").read_text(errors="replace")[-3000:]
            raise LabError(f"the emulator exited ({proc.returncode}) before it was ready:\n{tail}")
        time.sleep(0.05)
    raise LabError("the emulator did not become ready in time")


class Lab:
    """The virtual lab (all methods are class methods: there is one lab per prefix)."""

    @classmethod
    def up(
        cls, profiles_dir: Path | str | None = None, hosts: int = 0, prefix: str = DEFAULT_PREFIX,
        emulator: bool = True, realistic: bool = False, seed: int | None = None, loss_pct: float | None = None,
    ) -> LabState:
        """Bring the lab up (after cleaning any leftovers of a lab with the same prefix).

        Args:
            profiles_dir: directory of ``*.json`` profiles; the shipped ones when None.
            hosts: plain hosts (ARP/ICMP only) to add besides the profile devices.
            prefix: name prefix of everything the lab creates.
            emulator: start the device emulator (False: hosts answer ARP/ICMP only).
            realistic: apply the seeded realistic mix (slow, multicast-silent, routed and second-LAN
                devices, 1 % packet loss; docs/lab.md "Realistic lab").
            seed: seed of the realistic mix (None: the default mix).
            loss_pct: random IP packet loss in the device namespace, percent per direction (None:
                1 with ``realistic``, else 0).

        Returns:
            The state of the running lab (also saved under /run/netscan-lab/).

        Raises:
            LabError: not root, bad profiles, or the kernel refused something (the partial lab
                is taken down again before this is raised).
        """
        _check_root()
        _check_prefix(prefix)
        if not 0 <= hosts <= MAX_HOSTS:
            raise LabError(f"--hosts must be 0..{MAX_HOSTS}")
        t0 = time.monotonic()
        profiles = load_profiles(profiles_dir or PROFILES_DIR)
        cls.down(prefix=prefix)
        rd = run_dir(prefix)
        rd.mkdir(parents=True, exist_ok=True)
        try:
            total = len(profiles) + hosts
            subnet = netns.choose_subnet(max(total, 1), prefix)
            scanner_ip = str(subnet.network_address + 1)
            mix = realistic_mix(profiles, hosts, seed) if realistic else None
            loss = float(loss_pct if loss_pct is not None else (mix["loss_pct"] if mix else 0.0))
            if not 0 <= loss <= 100:
                raise LabError("packet loss must be 0..100 percent")
            if loss > 0 and shutil.which("nft") is None:
                raise LabError("packet loss needs nftables (`apt-get install nftables`; scripts/bootstrap.sh installs it)")
            devices = _assign(profiles, hosts, subnet, prefix)
            wanted = _segments_wanted(devices, mix)
            nets: dict[str, ipaddress.IPv4Network | None] = {"lan": subnet, "lan2": None, "routed": None}
            for seg in ("lan2", "routed"):
                if seg in wanted:
                    nets[seg] = netns.choose_subnet(
                        max(total, 1), prefix, exclude=[x for x in nets.values() if x], plen=subnet.prefixlen)
            devices = _resolve_refs(_place(devices, mix, subnet, nets))
            extra = netns.Extra()
            if nets["lan2"] or nets["routed"]:
                router_ip = None
                if nets["routed"]:
                    used = {int(ipaddress.IPv4Address(d.ip)) for d in devices}
                    top = int(subnet.broadcast_address) - 1
                    while top in used:
                        top -= 1
                    router_ip = str(ipaddress.IPv4Address(top))
                extra = netns.Extra(
                    subnet2=nets["lan2"], scanner_ip2=str(nets["lan2"].network_address + 1) if nets["lan2"] else None,
                    routed=nets["routed"], router_ip=router_ip,
                    routed_gw=str(nets["routed"].network_address + 1) if nets["routed"] else None,
                )
            netns.raise_root_sysctls(total)
            n = ns_names(prefix)
            state = LabState(
                prefix=prefix, scanner_netns=n["scan_ns"], scanner_iface=n["scan_if"], scanner_ip=scanner_ip,
                subnet=str(subnet), device_netns=n["dev_ns"], bridge_netns=n["br_ns"], devices=tuple(devices),
                created=time.time(), realistic=realistic, seed=mix["seed"] if mix else seed, loss_pct=loss,
                scanner_iface2=n["scan_if2"] if extra.subnet2 else None, scanner_ip2=extra.scanner_ip2,
                subnet2=str(extra.subnet2) if extra.subnet2 else None,
                router_netns=n["router_ns"] if extra.routed else None, router_ip=extra.router_ip,
                routed_subnet=str(extra.routed) if extra.routed else None,
            )
            save_state(state)
            specs = [netns.HostSpec(int(d.ifname[len(prefix) + 1:]), d.ip, d.mac, d.segment) for d in devices]
            netns.build(prefix, subnet, scanner_ip, specs, extra)
            netns.set_loss(n["dev_ns"], loss)
            pid = _start_emulator(prefix, n["dev_ns"], rd / "state.json") if emulator else None
            ready_s = 0.0
            if emulator:
                from netscan.lab.readiness import wait_ready  # lazily: the module also runs as __main__

                t_ready = time.monotonic()
                wait_ready(state, rd / "state.json")
                ready_s = time.monotonic() - t_ready
            state = LabState(**{**state.__dict__, "emulator_pid": pid, "up_seconds": time.monotonic() - t0,
                                "ready_seconds": ready_s})
            save_state(state)
            logger.info("lab up: %d devices in %s (%.1f s)", len(devices), subnet, state.up_seconds)
            return state
        except BaseException:
            cls.down(prefix=prefix)
            raise

    @classmethod
    def down(cls, prefix: str = DEFAULT_PREFIX) -> list[str]:
        """Remove everything the lab with ``prefix`` made, also after its process died. Idempotent.

        Returns:
            What was removed (``netns X``, ``link Y``), for the CLI to print.
        """
        _check_root()
        _check_prefix(prefix)
        rd = run_dir(prefix)
        pids: list[int] = []
        pid_file = rd / "emulator.pid"
        try:
            pid = int(pid_file.read_text().strip())
            # our own child cannot have been reused (it stays a zombie until reaped below)
            if pid in _EMULATORS or b"netscan.lab.emulator" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.append(pid)
        except (OSError, ValueError):
            pass
        netns.kill_pids(pids)
        for pid in pids:
            proc = _EMULATORS.pop(pid, None)
            if proc is not None:
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    logger.warning("emulator %d did not exit", pid)
        removed = netns.teardown(prefix)
        netns.restore_sysctls(netns.other_labs_up(prefix))
        if rd.is_dir() and rd.parent == RUN_DIR:
            shutil.rmtree(rd, ignore_errors=True)
        return removed

    @classmethod
    def status(cls, prefix: str = DEFAULT_PREFIX) -> LabState | None:
        """The running lab with ``prefix``, or None when none is up (namespaces gone)."""
        state = load_state(prefix)
        if state is None:
            return None
        if state.scanner_netns not in netns.list_netns(prefix):
            return None
        return state

    @classmethod
    def emulator_alive(cls, prefix: str = DEFAULT_PREFIX) -> bool:
        """Whether the lab's emulator process is running."""
        state = load_state(prefix)
        if state is None or state.emulator_pid is None:
            return False
        try:
            return b"netscan.lab.emulator" in Path(f"/proc/{state.emulator_pid}/cmdline").read_bytes()
        except OSError:
            return False


def run_in_scanner(argv: Sequence[str], prefix: str = DEFAULT_PREFIX, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """Run ``argv`` in the running lab's scanner namespace (``subprocess.run`` keywords apply).

    Raises:
        LabError: no lab is up.
    """
    state = Lab.status(prefix)
    if state is None:
        raise LabError("no lab is up (run `netscan lab up`)")
    return state.run_in_scanner(argv, **kwargs)
