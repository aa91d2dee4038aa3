"""``netscan lab up|status|down|run``: the virtual lab of emulated cameras (docs/lab.md)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

from netscan.cli.exitcodes import ExitCode
from netscan.errors import LabError


def register(subparsers: Any) -> None:
    """Add the ``lab`` sub-command and its actions."""
    p = subparsers.add_parser("lab", help="start, inspect or stop the virtual lab (needs root)",
                              description="The virtual lab: emulated cameras, NVRs and plain hosts in network namespaces.")
    prefix_help = "name prefix of the lab's namespaces and links (default nslab-); before or after the action"
    p.add_argument("--prefix", default=None, help=prefix_help)
    sub = p.add_subparsers(dest="lab_action", metavar="ACTION")
    up = sub.add_parser("up", help="bring the lab up (replaces a lab already up)")
    up.add_argument("--profiles", metavar="DIR", default=None, help="directory of *.json profiles (default: the shipped ones)")
    up.add_argument("--hosts", metavar="N", type=int, default=0, help="plain hosts (ARP/ICMP only) to add")
    up.add_argument("--realistic", action="store_true",
                    help="slow, multicast-silent, routed and second-LAN devices, 1%% packet loss (docs/lab.md)")
    up.add_argument("--seed", type=int, default=None, metavar="N", help="seed of the --realistic mix (default: a fixed one)")
    up.add_argument("--loss", type=float, default=None, metavar="PCT",
                    help="random IP packet loss at the devices, percent per direction (default: 1 with --realistic, else 0)")
    up.add_argument("--json", action="store_true", help="print the lab state as JSON")
    st = sub.add_parser("status", help="show the running lab")
    st.add_argument("--json", action="store_true", help="print the lab state as JSON")
    sub.add_parser("down", help="remove everything the lab made (also after a crash)")
    run = sub.add_parser("run", help="run a command inside the scanner namespace: lab run -- CMD ...")
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="the command and its arguments")
    for action in (up, st, sub.choices["down"], run):
        # after the action too (`lab up --prefix X`); absent there, the value given before it stands
        action.add_argument("--prefix", default=argparse.SUPPRESS, help=prefix_help)
    p.set_defaults(func=main, lab_action=None)


def _summary(state: Any, alive: bool) -> str:
    lines = [
        f"lab prefix      {state.prefix}",
        f"subnet          {state.subnet}",
        f"scanner netns   {state.scanner_netns}  (iface {state.scanner_iface}, {state.scanner_ip})",
        f"devices         {len(state.profile_devices)} emulated, {len(state.plain_hosts)} plain hosts",
        f"emulator        pid {state.emulator_pid} {'running' if alive else 'NOT running'}",
        f"up in           {state.up_seconds:.1f} s (every service answering)",
    ]
    if state.scanner_iface2:
        lines.append(f"second LAN      {state.subnet2}  (scanner iface {state.scanner_iface2}, {state.scanner_ip2})")
    if state.routed_subnet:
        lines.append(f"routed subnet   {state.routed_subnet}  via router {state.router_ip} (netns {state.router_netns})")
    if state.realistic or state.loss_pct:
        lines.append(f"realistic       {'seed ' + str(state.seed) if state.realistic else 'no'}, "
                     f"{state.loss_pct:g}% packet loss each way")
    lines += ["", f"{'ip':<16}{'mac':<19}{'name':<36}behaviour"]
    for d in state.profile_devices:
        how = []
        if d.segment != "lan":
            how.append(d.segment)
        if d.multicast_silent:
            how.append("multicast-silent")
        if d.delay_s[1] > 0:
            how.append(f"delay {d.delay_s[0]:g}" + (f"-{d.delay_s[1]:g}" if d.delay_s[1] != d.delay_s[0] else "") + " s")
        if d.idle_delay_s:
            how.append(f"+{d.idle_delay_s:g} s after {d.idle_after_s:g} s idle")
        lines.append(f"{d.ip:<16}{d.mac:<19}{d.name:<36}{', '.join(how)}".rstrip())
    if state.plain_hosts:
        first, last = state.plain_hosts[0], state.plain_hosts[-1]
        lines.append(f"{'':<16}{'':<19}+ {len(state.plain_hosts)} plain hosts {first.ip} .. {last.ip}")
    lines.append("")
    lines.append(f"scan from the scanner namespace:  netscan lab run -- <command>   (e.g. nmap -sn {' '.join(state.scan_targets)})")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """Dispatch a lab action; returns the exit code."""
    from netscan.lab import DEFAULT_PREFIX, Lab

    prefix = args.prefix or DEFAULT_PREFIX
    action = args.lab_action
    if action is None:
        sys.stderr.write("usage: netscan lab {up,status,down,run} ...\n")
        return int(ExitCode.USAGE)
    if os.geteuid() != 0:
        sys.stderr.write("netscan: the lab needs root (network namespaces); try sudo\n")
        return int(ExitCode.NEEDS_ROOT)
    try:
        if action == "up":
            state = Lab.up(profiles_dir=args.profiles, hosts=args.hosts, prefix=prefix, realistic=args.realistic,
                           seed=args.seed, loss_pct=args.loss)
            print(json.dumps(state.to_dict(), indent=1) if args.json else _summary(state, Lab.emulator_alive(prefix)))
            return int(ExitCode.OK)
        if action == "status":
            current = Lab.status(prefix)
            if current is None:
                print("no lab is up")
                return int(ExitCode.ERROR)
            print(json.dumps(current.to_dict(), indent=1) if args.json else _summary(current, Lab.emulator_alive(prefix)))
            return int(ExitCode.OK)
        if action == "down":
            removed = Lab.down(prefix=prefix)
            print("removed: " + (", ".join(removed) if removed else "nothing (no lab was up)"))
            return int(ExitCode.OK)
        if action == "run":
            cmd = list(args.cmd)
            if cmd and cmd[0] == "--":
                cmd = cmd[1:]
            if not cmd:
                sys.stderr.write("usage: netscan lab run -- CMD [ARGS...]\n")
                return int(ExitCode.USAGE)
            running = Lab.status(prefix)
            if running is None:
                sys.stderr.write("netscan: no lab is up (run `netscan lab up`)\n")
                return int(ExitCode.ERROR)
            try:
                proc = subprocess.run(["ip", "netns", "exec", running.scanner_netns, *cmd], check=False)
            except KeyboardInterrupt:
                return int(ExitCode.INTERRUPTED)
            return proc.returncode
    except LabError as exc:
        sys.stderr.write(f"netscan: lab: {exc}\n")
        return int(ExitCode.ERROR)
    sys.stderr.write(f"netscan: unknown lab action {action!r}\n")
    return int(ExitCode.USAGE)
