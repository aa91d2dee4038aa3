"""The table for large reports (more than LARGE_REPORT devices, written line by line): the same
devices in the same order as the rich table (--sort within its groups, --only), worst findings
first, and the same summary line."""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path
from typing import Any

import pytest

from netscan.cli.outfile import Output
from netscan.cli.output import emit_all
from netscan.model import Report
from netscan.report import plaintable, render, write
from netscan.report.order import ONLY, SORT_KEYS
from tests.store.helpers import device, finding, report

IP = re.compile(r"^\s*(10\.\d+\.\d+\.\d+)\s")


def _devices(n: int) -> list[dict[str, Any]]:
    """Cameras, NVRs, routers, unidentified hosts and plain (MAC-vendor-only) hosts, addresses out of
    numeric order, findings of every severity on some."""
    out = []
    sev = ["critical", "high", "medium", "low", "info"]
    for i in range(n):
        kind = i % 5
        ip = f"10.{i % 3}.{(i * 7) % 250}.{1 + i % 200}"
        fl = [finding(f"f{j}", sev[(i + j) % 5], title=f"t{i}") for j in range(i % 3)]
        if kind == 4:  # a plain host: address and MAC vendor only
            d = device(ip, f"00:40:8c:00:{i // 256 % 256:02x}:{i % 256:02x}", vendor=None, model=None, firmware=None,
                       device_type="unknown")
            d["open_ports"] = []
        else:
            d = device(ip, None, vendor=["Axis", "Hikvision", None, "Dahua"][kind], findings=fl,
                       device_type=["camera", "router", "unknown", "nvr"][kind], firmware=None if kind == 2 else "1.0",
                       model=None if kind == 2 else f"M{i % 13}")
            if d["vendor"] in ("Hikvision", "Dahua"):
                d["covered"] = {"covered": True, "lists": ["NDAA-889"], "entity": d["vendor"]}
        out.append(d)
    return out


def _ips(text: str) -> list[str]:
    """The device rows' addresses, in order (up to the findings)."""
    body = text.split("\nFindings", 1)[0]
    return [m.group(1) for line in body.splitlines() if (m := IP.match(line))]


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("only", (None, *ONLY))
def test_same_order_as_the_rich_table(monkeypatch: pytest.MonkeyPatch, sort: str, only: str | None) -> None:
    rep = Report.from_dict(report(_devices(60)))
    rich = render(rep, "table", width=250, sort=sort, only=only)
    monkeypatch.setattr(plaintable, "LARGE_REPORT", 10)
    buf = io.StringIO()
    write(rep, "table", buf, width=250, sort=sort, only=only)
    plain = buf.getvalue()
    assert plain.startswith("Devices (")  # the large-report renderer wrote it
    assert _ips(plain) == _ips(rich) and len(_ips(plain)) > 5
    assert plain.rstrip().splitlines()[-1] == rich.rstrip().splitlines()[-1]  # the same summary line


def test_sort_on_a_large_report(tmp_path: Path) -> None:
    """Above LARGE_REPORT devices, through the CLI's outputs: --sort severity puts the worst first."""
    doc = report(_devices(plaintable.LARGE_REPORT + 50))
    out = tmp_path / "big.txt"
    emit_all(doc, [Output(str(out), "table")], argparse.Namespace(sort="severity", only=None))
    lines = out.read_text().splitlines()
    assert lines[0] == f"Devices ({plaintable.LARGE_REPORT + 50})"
    rows = lines[3:3 + plaintable.LARGE_REPORT + 50]
    worst = [r.split()[-1] for r in rows]
    assert worst[:10] == ["critical"] * 10
    video = [i for i, r in enumerate(rows) if " camera " in r or " nvr " in r]
    assert video == list(range(len(video)))  # cameras and recorders first
    ranks = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4, "0": 9}
    group = [ranks[w] for w in worst[:len(video)]]
    assert group == sorted(group)  # worst first within the group
    by_ip = tmp_path / "ip.txt"
    emit_all(doc, [Output(str(by_ip), "table")], argparse.Namespace(sort=None, only=None))
    assert by_ip.read_text() != out.read_text()
