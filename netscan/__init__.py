"""netscan: find, identify and assess the IP cameras, NVRs and DVRs on networks you own."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
