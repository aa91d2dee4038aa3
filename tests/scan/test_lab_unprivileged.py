"""Without raw sockets, every host still gets the chosen port set: in the lab, an unprivileged scan
(``--unprivileged`` as root, and root with every capability dropped, as in a locked-down
container) reports the telnet devices' ``telnet-open`` findings, and ``--ports`` is honoured.
The note says plainly why and what such a scan cannot see."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.lab
ROOT = Path(__file__).parents[2]


def _telnet_devices(lab: Any) -> set[str]:
    """Devices whose own recorded responses earn a ``telnet-open`` finding (what they offer)."""
    import datetime as dt

    from netscan.observations import from_dict
    from netscan.pipeline import analyse

    obs = [from_dict({"ip": d.ip, "mac": d.mac, "responses": (d.profile or {}).get("responses", []),
                      "open_ports": (d.profile or {}).get("open_ports") or []}) for d in lab.profile_devices]
    return _telnet_open(analyse(obs, now=dt.datetime.now(dt.timezone.utc)).to_dict())


def _scan(lab: Any, tmp: Path, *extra: str, wrap: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    out = tmp / f"report{len(list(tmp.iterdir()))}.json"
    p = lab.run_in_scanner([*wrap, sys.executable, "-m", "netscan", "scan", "--quiet", "--format", "json", "--output",
                            str(out), *extra, lab.subnet], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert p.returncode in (0, 4), p.stderr[-3000:]
    return json.loads(out.read_text()), p.stderr


def _telnet_open(doc: dict[str, Any]) -> set[str]:
    return {d["ip"] for d in doc["devices"] if any(f["id"] == "telnet-open" for f in d["findings"])}


def test_unprivileged_scan_finds_telnet(lab: Any, tmp_path: Path) -> None:
    want = _telnet_devices(lab)
    assert len(want) >= 3
    doc, err = _scan(lab, tmp_path, "--unprivileged")
    assert doc["scan"]["privileged"] is False
    assert _telnet_open(doc) == want
    # every profile device was found by the TCP ping or multicast discovery, and fully scanned
    found = {d["ip"]: d for d in doc["devices"]}
    for dev in lab.profile_devices:
        ports = set((dev.profile or {}).get("open_ports") or [])
        if dev.ip in found and ports & {22, 23, 1935}:
            assert ports & {22, 23, 1935} <= set(found[dev.ip]["open_ports"]), dev.name
    notes = " ".join(doc["scan"]["notes"])
    if os.geteuid() == 0:
        assert "--unprivileged:" in notes and "not running as root" not in notes
    assert "not seen" in notes and "MAC" in notes
    # --ports is honoured in this mode too: 80 and 23 are scanned; SSH and RTMP, which only the port
    # scan finds (enrichment may still ask a device's announced or vendor ports), are not
    doc, _ = _scan(lab, tmp_path, "--unprivileged", "--no-discovery", "--ports", "80,23")
    assert _telnet_open(doc) == want
    assert not any({22, 1935} & set(d["open_ports"]) for d in doc["devices"])


def test_root_without_capabilities_still_scans_every_port(lab: Any, tmp_path: Path) -> None:
    """uid 0 with an empty capability bounding set (no CAP_NET_RAW): raw sockets fail, the scan falls
    back to connect scans and still scans the whole port set."""
    want = _telnet_devices(lab)
    doc, err = _scan(lab, tmp_path, wrap=("setpriv", "--bounding-set=-all", "--inh-caps=-all"))
    assert _telnet_open(doc) == want
    assert any("no permission for raw sockets" in n for n in doc["scan"]["notes"]), doc["scan"]["notes"]
