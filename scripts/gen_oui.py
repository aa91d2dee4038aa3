#!/usr/bin/env python3
"""Regenerate signatures/oui/registry.tsv from the IEEE registry as packaged by Debian (ieee-data).

Usage: python3 scripts/gen_oui.py [/usr/share/ieee-data] [--ma-l-txt PATH/oui.txt]
       [--oui-data PATH/index.json] [--aiooui PATH/oui.data]
(install it with `apt-get install ieee-data`, or `apt-get download ieee-data && dpkg -x ...`).

Debian's ieee-data in bookworm is the 2022-08-27 snapshot. Newer copies of the registry are laid
over it, in the order given, each replacing the organisation of the prefixes it lists:
- `--ma-l-txt`: IEEE's own MA-L text file (oui.txt, "XX-XX-XX   (hex)  Organization" lines), for
  example the one netaddr ships (`pip download netaddr==1.3.0 --no-deps`, then unzip:
  netaddr/eui/oui.txt, 2024);
- `--oui-data`: the npm package oui-data's index.json (`npm pack oui-data@2.1.9`, published
  2026-08-26): MA-L (6 hex digits), MA-M (7) and MA-S (9) prefixes, each mapped to the registry's
  organisation and address lines (the first line is the organisation);
- `--aiooui`: the PyPI package aiooui's oui.data (`pip download aiooui==0.1.11 --no-deps`, 2026-09):
  MA-L only, a binary table (magic ``OUI1``, count, sorted uint32 keys, uint32 name offsets, names).
The header names every source, and the snapshot it gives is the newest source's date (the date
``--snapshot`` passes, else the ieee-data date).

Reads MA-L (oui.csv), MA-M (mam.csv), MA-S (oui36.csv) and IAB (iab.csv) and writes one line per
assignment: hex prefix (6, 7 or 9 digits), registry, organisation name, and, for a block that a newer
copy names otherwise than the copy before it (an acquisition or a renamed company: ARRIS -> CommScope,
Bosch Security Systems B.V. -> IQSIGHT B.V.), a fourth column with the name it had before: devices
made before the rename carry the block under their maker's old name. Lookup is longest-prefix;
mapping a registrant to a canonical vendor happens at load time from `oui_registrants` in
signatures/vendors/*.yaml, so vendor edits never require regenerating this file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import struct
import sys
from pathlib import Path

FILES = (("oui.csv", "MA-L"), ("mam.csv", "MA-M"), ("oui36.csv", "MA-S"), ("iab.csv", "IAB"))


def _key(org: str) -> str:
    """An organisation name compared without case, punctuation or spaces (a re-spelled name is no rename)."""
    return "".join(c for c in org.casefold() if c.isalnum())


def _read_ieee_txt(path: Path) -> dict[str, str]:
    """IEEE's registry text format: ``AA-BB-CC   (hex)\t\tOrganization``."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if "(hex)" not in line:
                continue
            left, _, org = line.partition("(hex)")
            prefix = left.strip().replace("-", "").upper()
            if len(prefix) == 6 and org.strip():
                out[prefix] = " ".join(org.split())
    return out


def _read_oui_data(path: Path) -> dict[str, tuple[str, str]]:
    """npm oui-data's index.json: prefix (6, 7 or 9 hex digits) -> organisation + address lines."""
    kinds = {6: "MA-L", 7: "MA-M", 9: "MA-S"}
    out: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    for prefix, text in data.items():
        prefix = str(prefix).strip().upper()
        org = " ".join(str(text).split("\n", 1)[0].split())
        if len(prefix) in kinds and org and all(c in "0123456789ABCDEF" for c in prefix):
            kind = "IAB" if len(prefix) == 9 and prefix.startswith(("0050C2", "40D855")) else kinds[len(prefix)]
            out[prefix] = (kind, org)
    return out


def _read_aiooui(path: Path) -> dict[str, str]:
    """aiooui's oui.data: b"OUI1", count n, n sorted uint32 keys, n uint32 offsets into a blob of
    newline-terminated names (all little-endian)."""
    data = path.read_bytes()
    magic, n = struct.unpack_from("<4sI", data, 0)
    if magic != b"OUI1":
        raise SystemExit(f"{path}: not an aiooui oui.data file")
    keys = struct.unpack_from(f"<{n}I", data, 8)
    offsets = struct.unpack_from(f"<{n}I", data, 8 + 4 * n)
    blob = 8 + 8 * n
    out: dict[str, str] = {}
    for key, off in zip(keys, offsets):
        start = blob + off
        end = data.index(b"\n", start)
        org = " ".join(data[start:end].decode("utf-8", "replace").split())
        if org:
            out[f"{key:06X}"] = org
    return out


def _option(args: list[str], name: str) -> Path | None:
    if name not in args:
        return None
    i = args.index(name)
    value = Path(args[i + 1])
    del args[i : i + 2]
    return value


def main() -> int:
    args = sys.argv[1:]
    overlay = _option(args, "--ma-l-txt")
    oui_data = _option(args, "--oui-data")
    aiooui = _option(args, "--aiooui")
    snapshot = args.pop(args.index("--snapshot") + 1) if "--snapshot" in args else ""
    if "--snapshot" in args:
        args.remove("--snapshot")
    src = Path(args[0] if args else "/usr/share/ieee-data")
    out = Path(__file__).resolve().parent.parent / "signatures" / "oui" / "registry.tsv"
    rows: dict[str, tuple[str, str]] = {}
    extra = ""
    for name, registry in FILES:
        with open(src / name, newline="", encoding="utf-8", errors="replace") as fh:
            for rec in csv.DictReader(fh):
                prefix = rec["Assignment"].strip().upper()
                org = " ".join(rec["Organization Name"].split())
                if prefix and org:
                    rows[prefix] = (registry, org.replace("\t", " "))
    formers: dict[str, str] = {}

    def lay(prefix: str, registry: str, org: str) -> None:
        """A newer copy's row; a renamed block keeps the name it had before (``formers``)."""
        org = org.replace("\t", " ")
        old = rows.get(prefix)
        if old is not None and _key(old[1]) != _key(org):
            formers[prefix] = old[1]
        rows[prefix] = (registry, org)

    if overlay is not None:
        newer = _read_ieee_txt(overlay)
        for prefix, org in newer.items():
            lay(prefix, "MA-L", org)
        extra += f"; MA-L overlaid with {len(newer)} entries from {overlay.name} ({overlay.parent.parent.name})"
    if oui_data is not None:
        records = _read_oui_data(oui_data)
        for prefix, (registry, org) in records.items():
            lay(prefix, registry, org)
        extra += f"; MA-L/MA-M/MA-S overlaid with {len(records)} entries from npm oui-data ({oui_data.name})"
    if aiooui is not None:
        names = _read_aiooui(aiooui)
        for prefix, org in names.items():
            lay(prefix, "MA-L", org)
        extra += f"; MA-L overlaid with {len(names)} entries from PyPI aiooui ({aiooui.name})"
    if formers:
        extra += f"; {len(formers)} renamed blocks keep their former registrant in a fourth column"
    stamp = (src / ".lastupdate").read_text().strip() if (src / ".lastupdate").exists() else ""
    when = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date().isoformat() if stamp.isdigit() else "unknown"
    base = "Debian ieee-data"
    if snapshot:
        base = f"Debian ieee-data {when} and newer copies"
        when = snapshot
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# IEEE OUI registry (MA-L, MA-M, MA-S, IAB) from {base}, snapshot {when}{extra}.\n")
        fh.write("# Generated by scripts/gen_oui.py - do not edit.\n")
        for prefix in sorted(rows):
            registry, org = rows[prefix]
            former = formers.get(prefix)
            fh.write(f"{prefix}\t{registry}\t{org}\t{former}\n" if former else f"{prefix}\t{registry}\t{org}\n")
    print(f"wrote {len(rows)} assignments to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
