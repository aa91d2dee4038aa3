"""A parsed view of one observation: each response with its fields (netscan.parsers.fields)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from netscan.model import Observation, Response
from netscan.parsers import Fields, fields


@dataclass(frozen=True)
class Parsed:
    """One recorded response and the fields parsed from it."""

    response: Response
    fields: Fields

    @property
    def protocol(self) -> str:
        """The response's protocol."""
        return self.response.protocol

    def first(self, name: str) -> str | None:
        """First value of a field, or None."""
        vals = self.fields.get(name)
        return vals[0] if vals else None

    def all(self, name: str) -> list[str]:
        """Every value of a field."""
        return list(self.fields.get(name) or ())

    def prefixed(self, prefix: str) -> Iterator[tuple[str, str]]:
        """(name, value) of every field whose name starts with ``prefix``."""
        for k, vals in self.fields.items():
            if k.startswith(prefix):
                for v in vals:
                    yield k, v

    def where(self) -> str:
        """``http port 80 GET /x`` for evidence lines."""
        r = self.response
        port = f" port {r.port}" if r.port is not None else ""
        req = f" {r.request}" if r.request else ""
        return f"{r.protocol}{port}{req}"[:200]


def parse_observation(observation: Observation) -> list[Parsed]:
    """Every response that carries data, parsed (failed exchanges are skipped)."""
    out = []
    for r in observation.responses:
        if r.error and not r.raw:
            continue
        out.append(Parsed(r, fields(r)))
    return out
