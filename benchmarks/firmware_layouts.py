#!/usr/bin/env python3
"""Firmware layout robustness: is a device's firmware read, whole and as labelled, when the text that carries it is
written in ANOTHER real layout than the training file's, with no maker named (issue 11; session 16, firmware7)?

Every distinct firmware label of the training split (tests/corpus ``expect.firmware``; the test split is never read)
is written into each layout below -- the shapes device APIs, discovery answers, client libraries, tool exports and
reporters give a firmware in (ONVIF GetDeviceInformation, ISAPI deviceInfo, SADP, VAPIX param.cgi, Reolink GetDevInfo,
Kasa get_sysinfo, UniFi Protect, Home Assistant's device registry, HomeKit's accessory information, Go ``%+v``, Python,
JavaScript and PHP prints, ``Key: value`` lines, HTML two-cell rows and definition lists, Markdown tables, CSV / TSV /
blank-aligned exports, an SNMP sysDescr, a telnet greeting, an issue form, a reporter's sentence, a query string, a
Chinese page's label) -- beside a neutral model ``X1`` and no maker, and identified. A layout's case is kept when the
answer is the label (the scorer's comparison: netscan/identify/accuracy.py ``_same``). ``decoy`` layouts put the same
value under another software's or a part's label or key (web UI, plug-in, kernel, app, MCU, hardware, the latest
offered version): the value must NOT be answered.

    .venv/bin/python benchmarks/firmware_layouts.py               # per-layout kept counts
    .venv/bin/python benchmarks/firmware_layouts.py --losses      # and each loss
    .venv/bin/python benchmarks/firmware_layouts.py --json OUT    # figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from netscan.identify import identify
from netscan.identify.accuracy import _same
from netscan.model import Observation, Response
from netscan.sigdb import load_db

ROOT = Path(__file__).resolve().parent.parent

#: (name, protocol, template): ``{V}`` is the firmware. Sources: the layouts the readers document (docs/observations.md)
#: and the conventions' own sources (ONVIF Core spec GetDeviceInformation; Hikvision ISAPI deviceInfo; Axis VAPIX
#: param.cgi Properties.Firmware.Version; Reolink GetDevInfo firmVer; python-kasa get_sysinfo sw_ver; uiprotect
#: firmwareVersion; Home Assistant device registry sw_version; HAP FirmwareRevision).
LAYOUTS: tuple[tuple[str, str, str], ...] = (
    ("onvif-xml", "onvif", "<tds:GetDeviceInformationResponse><tds:Manufacturer>ACME</tds:Manufacturer><tds:Model>X1</tds:Model>"
                           "<tds:FirmwareVersion>{V}</tds:FirmwareVersion><tds:SerialNumber>123</tds:SerialNumber></tds:GetDeviceInformationResponse>"),
    ("isapi-xml", "http", "<DeviceInfo><deviceName>cam</deviceName><model>X1</model><firmwareVersion>{V}</firmwareVersion></DeviceInfo>"),
    ("sadp-xml", "other", "<ProbeMatch><DeviceType>X1</DeviceType><SoftwareVersion>{V}</SoftwareVersion></ProbeMatch>"),
    ("vapix-param", "http", "root.Brand.ProdNbr=X1\nroot.Properties.Firmware.Version={V}\n"),
    ("reolink-json", "http", '[{"cmd": "GetDevInfo", "code": 0, "value": {"DevInfo": {"model": "X1", "firmVer": "{V}"}}}]'),
    ("kasa-json", "http", '{"system": {"get_sysinfo": {"model": "X1", "sw_ver": "{V}", "hw_ver": "1.0"}}}'),
    ("protect-json", "http", '{"type": "X1", "firmwareVersion": "{V}"}'),
    ("ha-registry", "other", '{"model": "X1", "sw_version": "{V}", "hw_version": null}'),
    ("hap-lines", "other", "Model: X1\nFirmware Revision: {V}\n"),
    ("go-struct", "other", "{Model:X1 FirmwareVersion:{V}}"),
    ("python-dict", "other", "{'Model': 'X1', 'FirmwareVersion': '{V}', 'SerialNumber': '123'}"),
    ("js-object", "other", "{ model: 'X1', firmwareVersion: '{V}' }"),
    ("php-print-r", "other", "Array\n(\n    [model] => X1\n    [firmware] => {V}\n)"),
    ("kv-lines", "other", "Model: X1\nFirmware Version: {V}\n"),
    ("yaml", "other", "model: X1\nfirmware_version: {V}\n"),
    ("html-row", "http", "<table><tr><td>Model</td><td>X1</td></tr><tr><td>Firmware Version</td><td>{V}</td></tr></table>"),
    ("html-dl", "http", "<dl><dt>Model</dt><dd>X1</dd><dt>Firmware</dt><dd>{V}</dd></dl>"),
    ("markdown-table", "other", "| Model | Firmware |\n|---|---|\n| X1 | {V} |"),
    ("csv-export", "other", "IP Address,Device Type,Software Version\n192.168.1.64,X1,{V}"),
    ("tsv-export", "other", "IP Address\tDevice Type\tSoftware Version\n192.168.1.64\tX1\t{V}"),
    ("aligned-table", "other", "IP              Model     Firmware\n192.168.1.64    X1        {V}"),
    ("snmp-sysdescr", "other", "SNMPv2-MIB::sysDescr.0 = STRING: IP Camera X1, Firmware Version {V}"),
    ("telnet-greeting", "telnet", "X1 IP Camera firmware {V} ready"),
    ("issue-form", "other", "**Camera model**: X1\n\n**Firmware version**: {V}\n"),
    ("sentence", "other", "My X1 camera is running firmware {V} and the stream drops every night."),
    ("query-string", "other", "GET /cgi-bin/report?firmware={V}&model=X1 HTTP/1.1"),
    ("chinese-label", "other", "型号：X1\n固件版本：{V}\n"),
    ("log-line", "other", "2023-01-01 12:00:00 INFO camera X1 firmware={V} serial=123"),
)

#: The value under another software's or a part's label or key: never the firmware.
DECOYS: tuple[tuple[str, str, str], ...] = (
    ("decoy-web", "other", "Model: X1\nWeb Version: {V}\n"),
    ("decoy-plugin", "other", "Model: X1\nPlugin version: {V}\n"),
    ("decoy-kernel", "other", "Model: X1\nKernel version: {V}\n"),
    ("decoy-app", "other", '{"model": "X1", "app_version": "{V}"}'),
    ("decoy-mcu", "other", "Model: X1\nMCU firmware version: {V}\n"),
    ("decoy-hardware", "http", '{"model": "X1", "hw_ver": "{V}"}'),
    ("decoy-latest", "http", '{"model": "X1", "latestFirmwareVersion": "{V}"}'),
)


def labels() -> list[str]:
    """The distinct firmware labels of the training split, sorted."""
    seen: set[str] = set()
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for obj in data if isinstance(data, list) else [data]:
            fw = (obj.get("expect") or {}).get("firmware") if isinstance(obj, dict) else None
            if isinstance(fw, str) and fw.strip():
                seen.add(fw)
    return sorted(seen)


def run(losses: bool) -> dict[str, Any]:
    db = load_db()
    kept: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    lost: list[str] = []
    values = labels()
    for name, protocol, template in LAYOUTS + DECOYS:
        decoy = name.startswith("decoy-")
        for v in values:
            # an export quotes a cell holding its separator (RFC 4180), as spreadsheets and discovery tools write it
            raw = template.replace("{V}", f'"{v}"' if name == "csv-export" and "," in v else v)
            request = "GET /" if protocol == "http" else ""
            got = identify(Observation(None, None, (Response(protocol, raw, 80 if protocol == "http" else None, request),)), db).firmware
            ok = not _same(got, v) if decoy else _same(got, v)
            total[name] += 1
            kept[name] += ok
            if not ok and losses:
                lost.append(f"{name}: {v!r} -> {got!r}")
    layouts = {n: f"{kept[n]}/{total[n]}" for n, _, _ in LAYOUTS}
    decoys = {n: f"{kept[n]}/{total[n]}" for n, _, _ in DECOYS}
    out: dict[str, Any] = {
        "values": len(values),
        "layouts_kept": sum(kept[n] for n, _, _ in LAYOUTS),
        "layouts_total": sum(total[n] for n, _, _ in LAYOUTS),
        "decoys_refused": sum(kept[n] for n, _, _ in DECOYS),
        "decoys_total": sum(total[n] for n, _, _ in DECOYS),
        "per_layout": layouts,
        "per_decoy": decoys,
    }
    if losses:
        out["losses"] = lost
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--losses", action="store_true", help="list each loss")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON to OUT")
    args = ap.parse_args(argv)
    out = run(args.losses)
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
