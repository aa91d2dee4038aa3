"""Why a device's type stayed unknown: it said nothing (silent) or said things no signature reads
(unrecognised). Pure: a function of the observation (its recorded exchanges, failed ones
included, and the scan's ``tried`` list) and its identification."""

from __future__ import annotations

from netscan.model import Identification, Observation

#: Lines of the scan's "what was tried" account kept per device.
MAX_TRIED_LINES = 12
#: Services listed in an "unrecognised" note.
MAX_SERVICES = 8


def account(obs: Observation, ident: Identification) -> list[str]:
    """Notes for a device of unknown type (at most an OUI guess at its maker); empty otherwise."""
    if ident.device_type != "unknown":
        return []
    raw_tried = obs.meta.get("tried")
    tried = [str(t) for t in raw_tried[:MAX_TRIED_LINES]] if isinstance(raw_tried, list) else []
    answered = [r for r in obs.responses if r.raw]
    if not answered:
        failed = len(obs.responses)
        if failed:
            head = f"silent: {failed} exchanges got no answer"
        elif obs.open_ports:
            head = "silent: open ports, but no probe applies to them"
        else:
            head = "silent: no open port among those asked and no discovery answer"
        return [head, *tried]
    if any(e.kind == "rule" for e in ident.evidence):
        return []  # signatures read some of it: not unrecognised, only not typed
    services = sorted({f"{r.protocol}/{r.port}" if r.port else r.protocol for r in answered})
    more = f" (+{len(services) - MAX_SERVICES})" if len(services) > MAX_SERVICES else ""
    return [f"unrecognised: answered {', '.join(services[:MAX_SERVICES])}{more}; no signature matched", *tried]
