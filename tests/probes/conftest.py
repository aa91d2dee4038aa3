"""Fixtures: real servers on loopback for probe tests (implementations in probe_servers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from probe_servers import hostile, loop_thread, rtsp, tls_web, web  # noqa: E402,F401
