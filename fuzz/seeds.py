"""Seed corpora for the fuzz targets, from tests/corpus and the lab profiles (every recorded raw
response, routed to the target of its protocol) and the regression inputs kept in tests/.

    python fuzz/seeds.py OUTDIR     # writes OUTDIR/<target>/<n>
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "corpus", ROOT / "netscan" / "lab" / "profiles")
REGRESSIONS = ROOT / "tests" / "hostile" / "fuzz_regressions"
FAMILY = {
    "http": ("http", "rtsp", "https"), "xml": ("onvif", "wsd", "sadp", "upnp"), "vendorjson": ("dhip", "xmeye"),
    "discovery": ("ssdp", "mdns", "dns", "dhcp"), "tls": ("tls",), "banner": ("telnet", "ssh", "other"), "snmp": ("snmp",),
}
#: SNMP answer shapes the snmp reader knows (the corpus holds few SNMP answers): an snmpwalk, an
#: snmprec file, a Windows walk, a tcpdump decode, FusionInventory XML, quoted OID pairs, and a BER
#: message as a capture records it (``b64:``).
SNMP_SEEDS = (
    '.1.3.6.1.2.1.1.1.0 = STRING: "Hikvision DS-2CD2042WD"\n.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.39165.1.1\n'
    'SNMPv2-MIB::sysName.0 = STRING: cam\n.1.3.6.1.2.1.47.1.1.1.1.13.1 = Hex-STRING: 44 53 2D 32\n',
    "1.3.6.1.2.1.1.1.0|4|Axis M1054\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.368.4\n1.3.6.1.2.1.1.5.0|4x|63616d\n",
    "OID=.1.3.6.1.2.1.1.1.0, Type=OctetString, Value=Bosch FLEXIDOME\n",
    'IP 10.0.0.2.161 > 10.0.0.1.4000:  { SNMPv2c { GetResponse(478) R=1  .1.3.6.1.2.1.1.1.0="Dahua IPC" } }\n',
    "<DEVICE><INFO><DESCRIPTION>Brother HL-L2350DW</DESCRIPTION></INFO><AUTHSNMP>1</AUTHSNMP></DEVICE>",
    '{"1.3.6.1.2.1.1.1.0": "Ubiquiti UniFi", "1.3.6.1.2.1.1.5.0": "ap"}',
)
SNMP_BER = bytes.fromhex("302902010104067075626c6963a21c020101020100020100301130" "0f06082b060102010101000403417865")

#: nmap XML files (the ``nmapxml`` target's seeds: each file, and each of its hosts alone).
NMAP_XML = ROOT / "tests" / "data" / "nmap"


def _files() -> list[Path]:
    out: list[Path] = []
    for src in SOURCES:
        out += sorted(src.rglob("*.json"))
    return out


def seeds() -> dict[str, list[bytes]]:
    """Target name -> seed inputs (in the byte layout fuzz/targets.py reads)."""
    by: dict[str, list[bytes]] = {name: [] for name in (*FAMILY, "report", "pipeline", "nmapxml")}
    by["snmp"] += [b"\x00\x01" + t.encode("latin-1") for t in (*SNMP_SEEDS, "b64:" + base64.b64encode(SNMP_BER).decode())]
    for path in sorted(NMAP_XML.glob("*.xml")):
        data = path.read_bytes()
        by["nmapxml"].append(b"\x01" + data)  # an odd first byte: the bytes as they are
        for host in data.split(b"<host")[1:]:
            by["nmapxml"].append(b"\x00<nmaprun><host" + host.split(b"</host>")[0] + b"</host></nmaprun>")
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
