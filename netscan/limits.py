"""Every cap and default of active scanning, as named constants, plus the Limits/Timeouts objects.

The defaults are deliberately gentle per host (many DVRs crash under parallel connection floods)
and fast overall (every host is worked on at the same time). docs/scanning.md documents them.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- what to probe ---------------------------------------------------------------------------

#: Default TCP ports: web, RTSP, vendor SDK/control ports, ONVIF alternates, RTMP, telnet/ssh.
#: 80/443/8080/8443 web UI and ISAPI/CGI; 554/8554 RTSP; 8000 Hikvision SDK (Reolink ONVIF);
#: 8899 Xiongmai ONVIF; 37777 Dahua DVRIP; 34567 Xiongmai DVRIP; 1935 RTMP (Reolink);
#: 5000 Synology Surveillance / various NVR web; 9000 Reolink Baichuan; 2020 Tapo ONVIF;
#: 7001 web of some NVRs; 81/88 alternate camera web ports; 23/22 telnet/ssh (Mirai exposure);
#: 6036 TVT/Provision-ISR recorder SDK (pytvt, https://github.com/dannielperez/pytvt/blob/af4b19c92becf63809978f933791ed42113442a8/README.md):
#: a recorder behind a router never hears TVT's multicast search, and this open port is what
#: makes the planner ask it by unicast.
#: Sources: docs/scanning.md (table); nmap-services (https://github.com/nmap/nmap/blob/db4aefd/nmap-services);
#: go2rtc's ONVIF/Tapo notes (https://github.com/AlexxIT/go2rtc/blob/master/internal/onvif/README.md);
#: OpenIPC python-dvr (https://github.com/OpenIPC/python-dvr/blob/7f4af29/dvrip.py) for the Xiongmai ports.
DEFAULT_PORTS: tuple[int, ...] = (
    80, 443, 554, 8000, 8080, 8443, 8554, 8899, 37777, 34567, 1935, 5000, 9000,
    23, 22, 81, 88, 2020, 7001, 6036,
)

#: The port set used for "TCP connect ping" of routed targets (no ARP across routers).
PING_PORTS: tuple[int, ...] = (80, 443, 554, 8000, 37777, 34567)

#: Refuse target lists that expand to more addresses than this (a /16); a typo such as /8 should
#: not start a multi-day scan.
MAX_TARGET_HOSTS = 65_536

# --- pacing ----------------------------------------------------------------------------------

#: Global packets/connection attempts per second. A /22 ARP sweep plus its port scan fits in a few
#: seconds at this rate; 10,000 SYNs of 74 bytes are 6 Mbit/s, nothing for a LAN. Per-device
#: gentleness comes from DEFAULT_PER_HOST, not from this.
DEFAULT_RATE = 10_000.0

#: Concurrent TCP connections to one host. Cheap DVRs (Xiongmai/HiSilicon) have crashed under
#: dozens of parallel connections; 4 keeps every port of one device busy without a flood.
DEFAULT_PER_HOST = 4

#: Concurrent TCP connections overall (file descriptors, kernel connection tracking).
DEFAULT_GLOBAL_CONNECTIONS = 512

#: ARP requests are sent back to back within the rate; silent addresses are asked this many times
#: in all (lost broadcasts under load are normal on a busy /22).
DEFAULT_ARP_TRIES = 2

#: Enrichment requests per host (HTTP paths, RTSP, ONVIF actions, UPnP) — bounded so a device that
#: advertises 40 services does not receive 40 requests.
MAX_REQUESTS_PER_HOST = 24

#: UPnP IGD GetGenericPortMappingEntry indices asked at most.
MAX_PORT_MAPPINGS = 32

# --- sizes -----------------------------------------------------------------------------------

#: Largest reply kept per exchange; longer ones are truncated (and marked so).
MAX_RESPONSE_BYTES = 256 * 1024

#: Largest UDP datagram read.
MAX_DATAGRAM = 65_535

#: Discovery replies kept per protocol (a hostile device spraying replies cannot grow memory).
MAX_DISCOVERY_REPLIES = 8_192

#: Response header block cap (HTTP/RTSP) before we give up on framing.
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Timeouts:
    """How long to wait, in seconds. Waits adapt to replies; these are upper bounds."""

    connect: float = 1.5
    """TCP connect (a filtered port costs this once; replies on a LAN take < 5 ms)."""
    read: float = 4.0
    """How long to wait, once connected, for a reply to start before the host has answered
    anything (a camera's web server answers in milliseconds to ~1 s, a DVR in 0.5-3 s when busy or
    on its first request after idle). One wait on the connection, no second request: TCP resends
    what was lost (netscan/scan/timing.py). Later waits adapt to the host's own answers."""
    read_max: float = 8.0
    """The longest any wait for one reply may grow to (3x the slowest answer a host gave)."""
    banner: float = 1.0
    """Wait for a banner from a server that speaks first (telnet, ssh)."""
    arp_quiet: float = 0.1
    """ARP: the longest silence after the last reply that ends a round (it is shorter when replies come
    fast: 4x their pace, at least 50 ms; see probes/arp.py); then the silent are asked again."""
    arp_max: float = 3.0
    """ARP: hard cap for the whole sweep."""
    discovery_min: float = 1.0
    """Multicast discovery: listen at least this long (devices delay replies at random: SSDP
    up to MX = 1 s, WS-Discovery up to APP_MAX_DELAY = 0.5 s)."""
    discovery_quiet: float = 0.3
    """Multicast discovery: then stop once quiet this long."""
    discovery_max: float = 4.0
    """Multicast discovery: hard cap."""
    host_total: float = 30.0
    """Everything for one host (a tarpit cannot hold the scan longer than this)."""
    scan_total: float = 600.0
    """The whole scan."""


@dataclass(frozen=True)
class Limits:
    """Pacing and concurrency of a scan."""

    rate: float = DEFAULT_RATE
    """Packets/connection attempts per second, all hosts together."""
    per_host: int = DEFAULT_PER_HOST
    """Concurrent connections to one host."""
    connections: int = DEFAULT_GLOBAL_CONNECTIONS
    """Concurrent connections overall."""
    retries: int = 1
    """Extra attempts for an exchange whose connect timed out (not for a refused one, nor for one
    that connected and then heard nothing)."""
    arp_tries: int = DEFAULT_ARP_TRIES
    """ARP requests per silent address, in all."""
    max_requests_per_host: int = MAX_REQUESTS_PER_HOST
    """Enrichment requests per host."""
