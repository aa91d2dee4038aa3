"""How long an emulated device takes to answer (profile keys ``delay_s``, ``idle_delay_s``,
``idle_after_s``; docs/lab.md). One :class:`Timing` per device, shared by its TCP and UDP services,
so a request on any of them wakes the device up."""

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
    last_request: float | None = None
    rng: random.Random = field(default_factory=random.Random)

    @property
    def active(self) -> bool:
        """Whether any delay is configured."""
        return self.delay_s[1] > 0 or self.idle_delay_s > 0

    def next_delay(self, now: float | None = None) -> float:
        """Seconds to wait before answering the request arriving now (and note the request)."""
        if not self.active:
            return 0.0
        now = time.monotonic() if now is None else now
        lo, hi = self.delay_s
        delay = lo if hi <= lo else self.rng.uniform(lo, hi)
        if self.idle_delay_s > 0 and (self.last_request is None or now - self.last_request >= self.idle_after_s):
            delay += self.idle_delay_s
        self.last_request = now
        return delay
