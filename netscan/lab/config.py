"""Names, paths, caps and defaults of the virtual lab, each with the reason for its value."""

from __future__ import annotations

import re
from pathlib import Path

#: Every namespace and link the lab creates starts with this, so ``lab down`` can find leftovers.
DEFAULT_PREFIX = "nslab-"
#: A prefix must keep ``<prefix>h<4 digits>`` within the kernel's 15-character interface names.
PREFIX_RE = re.compile(r"^[a-z][a-z0-9]{1,6}-$")

#: Where a running lab keeps its state, emulator pid, log and saved sysctls (tmpfs: gone on reboot,
#: exactly like the namespaces themselves).
RUN_DIR = Path("/run/netscan-lab")

#: The shipped profiles.
PROFILES_DIR = Path(__file__).resolve().parent / "profiles"

#: Candidate lab networks, tried in order; the first that overlaps no route or address of the root
#: namespace and no other running lab wins. All private (RFC 1918), none of the usual home ranges.
CANDIDATE_SUPERNETS: tuple[str, ...] = ("10.213.0.0/16", "10.147.0.0/16", "172.29.0.0/16", "10.89.0.0/16")

#: First host offset used for profile devices without ``ip_suffix``; .1 is the scanner.
FIRST_DEVICE_OFFSET = 10
#: Plain hosts start here (after the profile devices' usual range) when the subnet is a /24.
FIRST_PLAIN_OFFSET = 100

#: Largest lab: a /20 (4,094 addresses) is far beyond what the scale tests need (a /22).
MAX_HOSTS = 4000

#: How long ``Lab.up`` waits for the emulator to report that every service is bound.
EMULATOR_READY_TIMEOUT_S = 30.0
#: How long ``Lab.up`` waits for every service of every device to answer the readiness probe.
READY_TIMEOUT_S = 30.0
#: Device segments: the scanner's first LAN, its second LAN, and the subnet behind the router.
SEGMENTS = ("lan", "lan2", "routed")
#: Longest answer delay a profile may ask for (a real DVR's slowest web UI: issue 12's 0.5-3 s).
MAX_DELAY_S = 10.0

#: How long ``Lab.down`` waits for a process to exit after SIGTERM before SIGKILL.
KILL_GRACE_S = 3.0
#: Cap on any single ``ip``/``sysctl`` command, so a wedged kernel call cannot hang the lab.
COMMAND_TIMEOUT_S = 120.0


def ns_names(prefix: str) -> dict[str, str]:
    """The lab's namespace and link names for ``prefix``."""
    return {
        "scan_ns": f"{prefix}scan",
        "br_ns": f"{prefix}br",
        "dev_ns": f"{prefix}dev",
        "bridge": f"{prefix}br0",
        "scan_if": f"{prefix}s0",
        "scan_peer": f"{prefix}sb",
        "dev_if": f"{prefix}d0",
        "dev_peer": f"{prefix}db",
        # realistic topology: the scanner's second LAN and the router to the routed subnet
        "router_ns": f"{prefix}rt",
        "bridge2": f"{prefix}br1",
        "scan_if2": f"{prefix}s1",
        "scan_peer2": f"{prefix}sc",
        "dev_if2": f"{prefix}d1",
        "dev_peer2": f"{prefix}dc",
        "router_lan": f"{prefix}r0",
        "router_lan_peer": f"{prefix}rb",
        "router_routed": f"{prefix}r1",
        "dev_if3": f"{prefix}d2",
    }


def host_ifname(prefix: str, index: int) -> str:
    """Name of the macvlan of the ``index``-th device host (1-based)."""
    return f"{prefix}h{index}"


def run_dir(prefix: str) -> Path:
    """State directory of the lab with ``prefix``."""
    return RUN_DIR / prefix.rstrip("-")
