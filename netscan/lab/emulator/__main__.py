"""``python -m netscan.lab.emulator --state /run/netscan-lab/<prefix>/state.json``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from netscan.lab.emulator.server import serve


def main() -> int:
    """Parse arguments and run the emulator until SIGTERM."""
    parser = argparse.ArgumentParser(prog="netscan.lab.emulator")
    parser.add_argument("--state", required=True, type=Path)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level, stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    asyncio.run(serve(args.state))
    return 0


if __name__ == "__main__":
    sys.exit(main())
