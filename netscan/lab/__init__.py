"""The virtual lab: emulated cameras, NVRs and ordinary hosts in Linux network namespaces.

    state = Lab.up()                       # root needed
    state.run_in_scanner(["nmap", "-sn", state.subnet])
    Lab.down()

See docs/lab.md for the topology, the API and how to write or record a profile.
"""

from __future__ import annotations

from netscan.lab.config import DEFAULT_PREFIX, PROFILES_DIR
from netscan.lab.lab import Lab, run_in_scanner
from netscan.lab.profiles import load_profiles
from netscan.lab.state import Device, LabState

__all__ = ["DEFAULT_PREFIX", "PROFILES_DIR", "Device", "Lab", "LabState", "load_profiles", "run_in_scanner"]
