"""Seed corpora for the fuzz targets, from tests/corpus and the lab profiles (every recorded raw
response, routed to the target of its protocol) and the regression inputs kept in tests/.

    python fuzz/seeds.py OUTDIR     # writes OUTDIR/<target>/<n>
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "corpus", ROOT / "netscan" / "lab" / "profiles")
REGRESSIONS = ROOT / "tests" / "hostile" / "fuzz_regressions"
FAMILY = {
    "http": ("http", "rtsp", "https"), "xml": ("onvif", "wsd", "sadp", "upnp"), "vendorjson": ("dhip", "xmeye"),
    "discovery": ("ssdp", "mdns", "dns", "dhcp"), "tls": ("tls",), "banner": ("telnet", "ssh", "other"),
}


def _files() -> list[Path]:
    out: list[Path] = []
    for src in SOURCES:
        out += sorted(src.rglob("*.json"))
    return out


def seeds() -> dict[str, list[bytes]]:
    """Target name -> seed inputs (in the byte layout fuzz/targets.py reads)."""
    by: dict[str, list[bytes]] = {name: [] for name in (*FAMILY, "report", "pipeline")}
    for path in _files():
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError):
            continue
        by["report"].append(b"\x02" + text.encode("utf-8")[:200_000])
        items = data if isinstance(data, list) else [data]
        chunks = []
        for item in items:
            for r in (item.get("responses") or []) if isinstance(item, dict) else []:
                proto, raw = r.get("protocol"), r.get("raw")
                if not isinstance(raw, str) or not raw:
                    continue
                body = b"\x01" + raw.encode("latin-1", "replace")[:65536]
                for fam, protos in FAMILY.items():
                    if proto in protos:
                        by[fam].append(bytes([protos.index(proto)]) + body)
                from netscan.model import PROTOCOLS

                if proto in PROTOCOLS:
                    chunks.append(bytes([sorted(PROTOCOLS).index(proto)]) + body[:8192])
        if chunks:
            by["pipeline"].append(b"\x00\x00".join(chunks[:8]))
    for name in by:
        d = REGRESSIONS / name
        if d.is_dir():
            by[name] += [p.read_bytes() for p in sorted(d.iterdir()) if p.is_file()]
    return by


def write(outdir: Path) -> dict[str, int]:
    """Write the seeds under ``outdir/<target>/``; returns counts."""
    counts = {}
    for name, items in seeds().items():
        d = outdir / name
        d.mkdir(parents=True, exist_ok=True)
        for data in items:
            (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
        counts[name] = len(items)
    return counts


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
