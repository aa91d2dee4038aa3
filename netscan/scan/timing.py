"""Per-host timing: how long to wait for this host, when to try again, when to stop asking.

Real DVRs answer their web UI in 0.5-3 s when idle or busy, and often the first request after a
quiet spell is the slow one. So one slow answer never ends the work on a host:

- **One patient wait per connection.** Once a connection is up, the reply is waited for
  ``Timeouts.read`` (4 s) on that connection. Every answer teaches the host's service time (time
  to the first byte of a reply); later waits are 3x the slowest seen plus a margin, never below
  ``Timeouts.read`` and never above ``Timeouts.read_max``.
- **Retries where a retry can help.** An exchange whose connection never came up (the SYN or
  its answer lost, a device too busy to accept) is tried again on a fresh connection
  (``Limits.retries`` times). An exchange whose connection came up and that then heard nothing is
  not repeated: TCP already resends a lost request or reply, so a second request would reach the
  same busy service and cost a second wait. One wait of 4 s covers a service that answers within
  4 s of the request, which the former "2 s, then a retry with 4 s" covered too, and a service
  that never answers costs 4 s instead of 6 s. An exchange that got part of a reply is not
  repeated either (a tarpit drips, it is not slow).
- **Side ports sized by the host's own pace.** ``GET /`` on an open port that may speak something
  else (a vendor SDK port such as 8000) waits as long as this host's answers take (3x the slowest
  seen plus the margin, at least ``SIDE_WAIT_MIN``), at most ``Timeouts.banner``; it is sent once
  the host has answered something (or its other first-stage exchanges are over), so that pace is
  known. A camera whose web port answers in 20 ms does not hold its work a whole second for an
  SDK port that never answers HTTP.
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
#: The shortest wait for ``GET /`` on a side port (a vendor SDK port) of a host that answers fast.
SIDE_WAIT_MIN = 0.5


@dataclass
class HostTiming:
    """What one host's answers taught: its service time; what it has cost so far."""

    read: float
    """The wait for a reply before the host has answered anything (Timeouts.read)."""
    read_max: float
    """The longest any wait may become (Timeouts.read_max)."""
    retries: int = 1
    """Extra connection attempts for an exchange whose connection never came up (Limits.retries)."""
    max_timeouts: int = MAX_TIMEOUTS_PER_HOST
    service_worst: float = 0.0
    """Slowest time to a reply's first byte seen from this host (seconds)."""
    samples: int = 0
    timeouts: int = 0
    """Exchanges that ran into their wait (or their connect timeout) with nothing received."""
    retried: int = 0
    """Exchanges tried again on a fresh connection."""
    waits: list[float] = field(default_factory=list)
    """Every wait granted (for notes and tests)."""

    def answered(self, seconds: float) -> None:
        """A reply started after ``seconds``."""
        self.samples += 1
        self.service_worst = max(self.service_worst, seconds)

    def wait(self) -> float:
        """How long to wait, once connected, for a reply to start."""
        base = self.read
        if self.samples:
            base = max(base, SERVICE_FACTOR * self.service_worst + SERVICE_MARGIN)
        w = min(self.read_max, base)
        self.waits.append(w)
        return w

    def side_wait(self, longest: float) -> float:
        """How long to wait for a reply on a side port (one that may speak something else first):
        this host's pace (3x its slowest answer plus the margin, at least ``SIDE_WAIT_MIN``), at
        most ``longest``; ``longest`` before it has answered anything."""
        if not self.samples:
            return longest
        return min(longest, max(SIDE_WAIT_MIN, SERVICE_FACTOR * self.service_worst + SERVICE_MARGIN))

    def timed_out(self) -> None:
        """An exchange ended with nothing received."""
        self.timeouts += 1

    @property
    def exhausted(self) -> bool:
        """The timeout budget is spent: ask nothing more."""
        return self.timeouts >= self.max_timeouts

    def may_retry(self, attempt: int, connected: bool) -> bool:
        """Another attempt after attempt ``attempt`` (0: the first) got nothing? Only when its
        connection never came up (``connected`` False) and the budgets allow."""
        return not connected and attempt < self.retries and not self.exhausted
