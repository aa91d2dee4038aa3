"""Allow ``python -m netscan``."""

from netscan.cli import entry

entry()
