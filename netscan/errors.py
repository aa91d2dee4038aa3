"""The netscan exception tree, by who is at fault.

    NetscanError
    ├── UsageError        the user: bad arguments, unreadable input files
    │   └── ScopeError    the user: a target outside the networks they may scan
    ├── SignatureError    our data: a broken file under signatures/
    ├── LabError          the lab: namespaces could not be built or torn down
    ├── StoreError        the inventory: database unreachable, locked or not netscan's
    └── CaptureError      the host: a live capture could not start (bad interface, link type)
        └── NoCaptureRights   no root / CAP_NET_RAW for a live capture (exit 6; nothing is sent)

A failed network exchange is not an exception: probes record it as ``Response.error``
(``timeout``, ``refused``, ``reset``, ``too-large``…) and go on.
"""

from __future__ import annotations


class NetscanError(Exception):
    """Root of every error netscan raises on purpose."""


class UsageError(NetscanError):
    """The user asked for something that cannot be done as asked."""


class ScopeError(UsageError):
    """A target lies outside the networks the user may scan."""


class SignatureError(NetscanError):
    """A signature file is invalid (our bug, reported with file and rule id)."""


class LabError(NetscanError):
    """The virtual lab could not be brought up or taken down."""


class CaptureError(NetscanError):
    """A capture could not be started (bad interface, unsupported link type)."""


class NoCaptureRights(CaptureError):
    """The process may not open a packet socket (needs root or CAP_NET_RAW)."""


class StoreError(NetscanError):
    """The inventory database could not be opened, read or written."""
