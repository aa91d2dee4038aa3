"""Observations + signature database -> Identification. Pure: no I/O, no clock.

Evidence is gathered from the MAC's IEEE registrant and from every rule that matches a field of
every response. Claims are then resolved (``netscan.identify.resolve``): who built the device
(vendor), whose name is on it (brand), model, firmware and device type, each with its weight.
"""

from __future__ import annotations

from netscan.identify.collect import collect
from netscan.identify.resolve import resolve
from netscan.model import Identification, Observation
from netscan.sigdb import SignatureDB
from netscan.sigdb.db import default_db

__all__ = ["identify", "identify_all"]


def identify(observation: Observation, db: SignatureDB | None = None) -> Identification:
    """Identify one device from its recorded responses. Never raises on device data."""
    db = db or default_db()
    claims, evidence = collect(observation, db)
    return resolve(observation, claims, evidence, db)


def identify_all(observations: list[Observation], db: SignatureDB | None = None) -> list[Identification]:
    """Identify many devices; the result order follows the input."""
    db = db or default_db()
    return [identify(o, db) for o in observations]
