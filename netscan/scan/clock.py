"""The clock the engine is given: monotonic time and sleeps from the running event loop, the
wall clock for the report header. A test passes a loop with virtual time and a fixed wall."""

from __future__ import annotations

import asyncio
import datetime as _dt
from typing import Protocol


class Clock(Protocol):
    """Time as the engine sees it."""

    def monotonic(self) -> float:
        """Seconds on a clock that only moves forward."""
        ...

    def wall(self) -> str:
        """UTC now as ``YYYY-MM-DDTHH:MM:SSZ`` (report header)."""
        ...


class SystemClock:
    """The event loop's clock (so asyncio sleeps and timeouts agree with it) and the system's UTC."""

    def monotonic(self) -> float:
        """The running loop's time."""
        return asyncio.get_running_loop().time()

    def wall(self) -> str:
        """UTC now, to the second."""
        return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
