"""Every finding type has a docs/findings.md entry; every exit code is in docs/exit-codes.md."""

from __future__ import annotations

import re
from pathlib import Path

from netscan.cli.exitcodes import ExitCode
from netscan.findings import FINDING_TYPES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_finding_type_is_documented() -> None:
    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### `([a-z0-9-]+)`", text, re.M))
    assert set(FINDING_TYPES) <= headings
    for fid in FINDING_TYPES:
        section = text.split(f"### `{fid}`", 1)[1].split("\n### ", 1)[0]
        for part in ("**What it means**", "**Why it matters**", "**How to fix it**"):
            assert part in section, (fid, part)


def test_every_exit_code_is_documented() -> None:
    text = (DOCS / "exit-codes.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \| `{code.name}` \|", text, re.M), code
