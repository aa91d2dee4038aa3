"""How long an emulated device takes to answer (profile keys ``delay_s``, ``idle_delay_s``,
``idle_after_s``; docs/lab.md). One :class:`Timing` per device; each of its services (a TCP port,
a UDP discovery protocol) has its own idle clock, as a DVR's web server is slow on its first
request after idle however recently its discovery daemon answered."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field


@dataclass
class Timing:
    """Answer delay of one device: uniform(min, max) per answer, plus ``idle_delay_s`` for the first
    request after ``idle_after_s`` seconds without one (the device's very first request included)."""

    delay_s: tuple[float, float] = (0.0, 0.0)
    idle_delay_s: float = 0.0
    idle_after_s: float = 0.0
    last_request: dict[str, float] = field(default_factory=dict)
    """Time of each service's last request (``tcp/80``, ``udp/wsd``)."""
    rng: random.Random = field(default_factory=random.Random)

    @property
    def active(self) -> bool:
        """Whether any delay is configured."""
        return self.delay_s[1] > 0 or self.idle_delay_s > 0

    def next_delay(self, service: str = "", now: float | None = None) -> float:
        """Seconds to wait before answering the request to ``service`` arriving now (and note it)."""
        if not self.active:
            return 0.0
        now = time.monotonic() if now is None else now
        lo, hi = self.delay_s
        delay = lo if hi <= lo else self.rng.uniform(lo, hi)
        last = self.last_request.get(service)
        if self.idle_delay_s > 0 and (last is None or now - last >= self.idle_after_s):
            delay += self.idle_delay_s
        self.last_request[service] = now
        return delay
