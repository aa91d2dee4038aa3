"""The engine end to end on loopback (no raw sockets, no discovery): hosts found by TCP connect
ping, ports scanned, openers run, observations round-trip through identify."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "probes"))

from probe_servers import LoopThread, tcp_server, web_handler  # noqa: E402

from netscan.engine import ScanOptions, scan  # noqa: E402
from netscan.identify import identify  # noqa: E402
from netscan.limits import Timeouts  # noqa: E402
from netscan.observations import dumps, load_text  # noqa: E402


def test_scan_loopback_hosts() -> None:
    lt = LoopThread()
    try:
        port, stop = tcp_server(lt, web_handler, host="127.0.0.2")
        events: list[str] = []

        class P:
            def event(self, kind: str, ip: str | None = None, total: int | None = None) -> None:
                events.append(kind)

        t0 = time.monotonic()
        res = scan(ScanOptions(targets=("127.0.0.2-3",), ports=(port,), discovery=False, privileged=False,
                               timeouts=Timeouts(connect=1.0, read=1.0)), P())
        elapsed = time.monotonic() - t0
        stop()
    finally:
        lt.stop()
    assert elapsed < 5
    assert [o.ip for o in res.observations] == ["127.0.0.2", "127.0.0.3"]
    web = res.observations[0]
    assert web.open_ports == (port,)
    reqs = [r.request for r in web.responses]
    assert "GET /" in reqs and "GET /ISAPI/System/deviceInfo" in reqs
    assert res.observations[1].open_ports == () and not res.incomplete
    h = res.run
    assert h.targets == ("127.0.0.2-3",) and h.engine == "netscan" and h.stats.hosts == 2
    assert h.start is not None and h.end is not None and h.start <= h.end
    assert events.count("found") == 2 and events.count("done") == 2 and events[0] == "targets"
    # --save-observations then identify gives the same devices
    again = load_text(dumps(res.observations))
    assert [identify(o).to_dict() for o in again] == [identify(o).to_dict() for o in res.observations]


def test_public_target_refused_before_any_io() -> None:
    import pytest

    from netscan.errors import ScopeError

    with pytest.raises(ScopeError):
        scan(ScanOptions(targets=("1.1.1.1",), discovery=False, privileged=False))
