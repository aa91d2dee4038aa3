"""Wire up every device's services, report readiness, and run until SIGTERM."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import signal
import socket
from pathlib import Path
from typing import Any

from netscan.lab.emulator.chatter import Chatter
from netscan.lab.emulator.tcp import MAX_HEAD_BYTES, ConnectionCounter, DeviceContext, make_handler
from netscan.lab.emulator.timing import Timing
from netscan.lab.emulator.tlscert import make_cert, server_context, write_pem
from netscan.lab.emulator.udp import DiscoveryServer, UdpDevice, mdns_records
from netscan.lab.profiles import tcp_ports
from netscan.lab.state import LabState

logger = logging.getLogger(__name__)

#: TLS handshake cap per connection.
TLS_HANDSHAKE_TIMEOUT_S = 10.0


def _tls_ports(profile: dict[str, Any]) -> set[int]:
    ports = {int(r["port"]) for r in profile.get("responses", []) if r.get("protocol") in ("https", "tls") and r.get("port")}
    ports.update(int(p) for p in profile.get("https_ports", []) or [])
    return ports


async def serve(state_path: Path) -> None:
    """Run the emulator for the lab described by ``state_path`` (writes ``ready`` beside it)."""
    state = LabState.from_dict(json.loads(state_path.read_text(encoding="utf-8")))
    rundir = state_path.parent
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    limits = ConnectionCounter()
    servers: list[asyncio.Server] = []
    udp_devices: list[UdpDevice] = []
    internal_ips = frozenset(d.ip for d in state.devices)
    for dev in state.profile_devices:
        profile = dev.profile or {}
        tls_ports = _tls_ports(profile)
        # seeded per device, so a realistic lab's delays repeat from run to run
        timing = Timing(delay_s=dev.delay_s, idle_delay_s=dev.idle_delay_s, idle_after_s=dev.idle_after_s,
                        rng=random.Random(f"{state.seed}:{dev.name}"))
        ctx = DeviceContext(name=dev.name, ip=dev.ip, profile=profile, behaviour=profile.get("behaviour"), tls_ports=tls_ports,
                            timing=timing, internal_ips=internal_ips)
        ssl_ctx = None
        if tls_ports:
            # the profile's own certificate (a "tls" response + "tls_key") is served exactly, so a
            # scan records the same PEM; otherwise one is made from "tls_subject"
            pem = next((str(r["raw"]) for r in profile.get("responses", []) if r.get("protocol") == "tls"), None)
            if pem and profile.get("tls_key"):
                cert, key = write_pem(pem, str(profile["tls_key"]), rundir / "certs", dev.name)
            else:
                cert, key = make_cert(str(profile.get("tls_subject") or f"CN={dev.name}"), rundir / "certs", dev.name)
            try:
                ssl_ctx = server_context(cert, key)
            except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
                logger.error("bad certificate for %s: %s; using a generated one", dev.name, exc)
                cert, key = make_cert(str(profile.get("tls_subject") or f"CN={dev.name}"), rundir / "certs", dev.name)
                ssl_ctx = server_context(cert, key)
        for port in tcp_ports(profile):
            kwargs: dict[str, Any] = {}
            if port in tls_ports and ssl_ctx is not None:
                kwargs = {"ssl": ssl_ctx, "ssl_handshake_timeout": TLS_HANDSHAKE_TIMEOUT_S}
            try:
                srv = await asyncio.start_server(
                    make_handler(ctx, port, limits), host=dev.ip, port=port, limit=MAX_HEAD_BYTES,
                    reuse_address=True, backlog=256, **kwargs,
                )
            except OSError as exc:
                logger.error("cannot listen on %s:%d (%s): %s", dev.ip, port, dev.name, exc)
                continue
            servers.append(srv)
        udp_devices.append(UdpDevice(name=dev.name, ip=dev.ip, ifindex=socket.if_nametoindex(dev.ifname), profile=profile,
                                     multicast_silent=dev.multicast_silent, timing=timing))

    for udev in udp_devices:  # build mDNS answers now, not on the first query
        if any(r.get("protocol") == "mdns" for r in udev.profile.get("responses", [])):
            mdns_records(udev)
    discovery = DiscoveryServer(udp_devices)
    discovery.start(loop)
    chatter = Chatter(
        udp_devices, [(d.ifname, d.mac, d.ip) for d in state.plain_hosts], discovery, resolver=state.scanner_ip,
        interval=float(os.environ.get("NETSCAN_LAB_CHATTER_INTERVAL", "8")),
    )
    for dev in state.profile_devices:
        chatter.set_ifname(dev.name, dev.ifname)

    (rundir / "ready").write_text(f"{len(servers)} tcp listeners, {len(discovery.sockets)} udp sockets\n")
    logger.info("emulator ready: %d devices, %d TCP listeners", len(udp_devices), len(servers))

    tasks = [asyncio.create_task(chatter.run(stop))]
    await stop.wait()
    logger.info("emulator stopping")
    for srv in servers:
        srv.close()
    discovery.close(loop)
    for t in tasks:
        t.cancel()
    chatter.close()
