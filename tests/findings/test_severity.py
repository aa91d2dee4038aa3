"""summarise() and severity_at_least(): the numbers behind the summary and --fail-on."""

from __future__ import annotations

import pytest

from netscan.findings import severity_at_least, summarise
from netscan.model import Finding


def F(sev: str) -> Finding:
    return Finding(id="x", severity=sev, title="t")


def test_summarise_counts_every_level() -> None:
    assert summarise([F("high"), F("high"), F("low")]) == {"critical": 0, "high": 2, "medium": 0, "low": 1, "info": 0}
    assert summarise([]) == {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}
    assert summarise([F("high").to_dict()]) ["high"] == 1  # report documents carry dicts


@pytest.mark.parametrize(
    ("sevs", "level", "want"),
    [
        (["medium"], "critical", False),
        (["medium"], "high", False),
        (["medium"], "medium", True),
        (["medium"], "low", True),
        (["critical"], "low", True),
        (["info"], "low", False),
        ([], "low", False),
    ],
)
def test_threshold(sevs: list[str], level: str, want: bool) -> None:
    assert severity_at_least([F(s) for s in sevs], level) is want


def test_unknown_level() -> None:
    with pytest.raises(ValueError):
        severity_at_least([], "severe")
