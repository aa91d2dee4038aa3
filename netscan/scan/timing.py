"""Per-host timing: how long to wait for this host, when to try again, when to stop asking.

Real DVRs answer their web UI in 0.5-3 s when idle or busy, and often the first request after a
quiet spell is the slow one. So one slow answer never ends the work on a host:

- **Adaptive waits.** The first exchange with a host waits ``Timeouts.read``. Every answer teaches
  the host's service time (time to the first byte of a reply); later waits are 3x the slowest
  seen plus a margin, never below ``Timeouts.read`` and never above ``Timeouts.read_max``.
- **Retries with backoff.** An exchange that got nothing at all before its wait ran out is asked
  again (``Limits.retries`` times) with the wait doubled each time, within ``Timeouts.read_max``.
  An exchange that got part of a reply is not repeated (a tarpit drips, it is not slow).
- **Budgets instead of giving up.** A host gets ``Limits.max_requests_per_host`` requests and
  ``MAX_TIMEOUTS_PER_HOST`` exchanges that end in a timeout; when either is spent it is asked
  nothing more (what it answered is kept). ``Timeouts.host_total`` bounds the wall time.
- **Gentle concurrency.** At most ``Limits.per_host`` connections to one host at a time
  (``engine`` gives every host its own slots inside the global ones).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Exchanges of one host that may end in a timeout (retries included) before it is asked nothing
#: more: a device that never answers costs a few waits, not one per request it could have had.
MAX_TIMEOUTS_PER_HOST = 6
#: Margin added to 3x the slowest service time seen (scheduling jitter, a busier moment).
SERVICE_MARGIN = 0.5
#: How many times the slowest service time seen a later wait allows.
SERVICE_FACTOR = 3.0


@dataclass
class HostTiming:
    """What one host's answers taught: its service time; what it has cost so far."""

    read: float
    """The first wait (Timeouts.read)."""
    read_max: float
    """The longest any wait may become (Timeouts.read_max)."""
    retries: int = 1
    """Extra attempts for an exchange that got nothing (Limits.retries)."""
    max_timeouts: int = MAX_TIMEOUTS_PER_HOST
    service_worst: float = 0.0
    """Slowest time to a reply's first byte seen from this host (seconds)."""
    samples: int = 0
    timeouts: int = 0
    """Exchanges that ran into their wait with nothing received."""
    retried: int = 0
    """Exchanges asked again."""
    waits: list[float] = field(default_factory=list)
    """Every wait granted (for notes and tests)."""

    def answered(self, seconds: float) -> None:
        """A reply started after ``seconds``."""
        self.samples += 1
        self.service_worst = max(self.service_worst, seconds)

    def wait(self, attempt: int = 0) -> float:
        """How long to wait for a reply to start on attempt ``attempt`` (0: the first)."""
        base = self.read
        if self.samples:
            base = max(base, SERVICE_FACTOR * self.service_worst + SERVICE_MARGIN)
        w = min(self.read_max, base * (2.0 ** attempt))
        self.waits.append(w)
        return w

    def timed_out(self) -> None:
        """An exchange ended with nothing received."""
        self.timeouts += 1

    @property
    def exhausted(self) -> bool:
        """The timeout budget is spent: ask nothing more."""
        return self.timeouts >= self.max_timeouts

    def may_retry(self, attempt: int) -> bool:
        """Another attempt after ``attempt`` failed with nothing received?"""
        return attempt < self.retries and not self.exhausted
