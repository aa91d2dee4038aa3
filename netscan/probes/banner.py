"""Banner grab for servers that speak first: telnet (23) and SSH (22).

Nothing is sent; whatever arrives within ``timeouts.banner`` is recorded (telnet option
negotiation bytes included, as latin-1). A port that stays silent is recorded with ``timeout``.
"""

from __future__ import annotations

from netscan.model import Response
from netscan.probes.base import HostState, ProbeContext, exchange

#: Port -> observation protocol for first-speaker services.
BANNER_PORTS: dict[int, str] = {23: "telnet", 2323: "telnet", 22: "ssh"}
#: Bytes kept of a banner (a login prompt or an SSH identification line fit easily).
MAX_BANNER = 4096


def _framer(proto: str):  # type: ignore[no-untyped-def]
    if proto == "ssh":
        return lambda buf: b"\n" in buf
    # telnet: a prompt ends with ': ' or '> ' or '# ' after any negotiation
    return lambda buf: buf.rstrip(b" ").endswith((b":", b">", b"#", b"$")) or len(buf) >= MAX_BANNER


class BannerProbe:
    """Read what a telnet or SSH server says on connect."""

    name = "banner"

    def wants(self, port: int, host: HostState) -> bool:
        """Telnet and SSH ports."""
        return port in BANNER_PORTS

    async def run(self, ctx: ProbeContext, host: HostState, port: int) -> list[Response]:
        """Connect and read the banner."""
        proto = BANNER_PORTS[port]
        host.requests += 1
        # the engine's per-host wait when it sets one (a slow device greets slowly too)
        wait = ctx.wait if ctx.wait is not None else ctx.timeouts.banner
        r = await exchange(ctx, host.ip, port, b"", protocol=proto, request="banner", framer=_framer(proto),
                           read_timeout=wait)
        return [r]
