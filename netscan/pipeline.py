"""The analysis half of the pipeline, shared by ``scan``, ``identify`` and ``demo``:
observations -> identifications -> findings -> one :class:`~netscan.model.Report`. Pure (``now``
passed in)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from netscan import findings
from netscan.discovery import NAMES as DISCOVERY_NAMES
from netscan.identify import identify
from netscan.identify.account import account
from netscan.model import Counts, Device, Observation, Report, ScanHeader, Service, iso_time
from netscan.report.meta import header_versions
from netscan.sigdb.signatures import default_signatures, load_signatures


#: Protocols whose replies come over UDP (every discovery protocol of the registry, DNS, DHCP): their
#: ports are not open TCP ports.
_DISCOVERY_PROTOCOLS = frozenset({"dns", "dhcp", *DISCOVERY_NAMES})


def _services(obs: Observation) -> tuple[Service, ...]:
    seen: dict[tuple[str, int | None], Service] = {}
    for r in obs.responses:
        if r.error and not r.raw:
            continue
        key = (r.protocol, r.port)
        if key not in seen:
            seen[key] = Service(r.protocol, r.port)
    return tuple(seen.values())


def _open_ports(obs: Observation) -> tuple[int, ...]:
    answered = {r.port for r in obs.responses if r.port and not r.error and r.protocol not in _DISCOVERY_PROTOCOLS}
    return tuple(sorted(set(obs.open_ports) | answered))


def analyse(
    observations: list[Observation],
    *,
    signatures: str | Path | None = None,
    now: dt.datetime,
    header: ScanHeader | None = None,
) -> Report:
    """Identify every device and assess its findings; return the report.

    ``header`` says how the observations were made (command, input, the active scan's run); the
    analysis adds the time it ran and the counts, which are built here and nowhere else. Devices
    come out by address, each device's responses are analysed in ``Response.sort_key`` order and
    its findings by ``Finding.sort_key``: the report does not depend on the order observations or
    responses arrived in.
    """
    sig = load_signatures(signatures) if signatures else default_signatures()
    db, vulns = sig.db, sig.vulns
    assert db is not None and vulns is not None
    # One order for everything downstream (devices by address, responses by port and protocol), so
    # the same observations in any order -- two scans of an unchanged network -- give the same report.
    ordered = sorted((o.canonical() for o in observations), key=lambda o: o.sort_key)
    del observations  # a caller that hands its list over (netscan identify) lets each device's raw data go once analysed
    context = findings.network_context(ordered)
    pending: list[Observation | None] = list(ordered)
    del ordered
    devices: list[Device] = []
    for i in range(len(pending)):
        obs, pending[i] = pending[i], None
        assert obs is not None
        ident = identify(obs, db)
        fl = findings.assess(ident, obs, vulns, now=now, context=context)
        devices.append(Device(identification=ident, open_ports=_open_ports(obs), services=_services(obs),
                              findings=tuple(fl), notes=tuple(account(obs, ident))))
    head = header or ScanHeader(command="analyse")
    head = replace(head, generated=head.generated or iso_time(now.astimezone(dt.timezone.utc).replace(microsecond=0)),
                   counts=Counts.of(devices), **header_versions(signatures))
    return Report(scan=head, devices=tuple(devices))
