"""Passive capture benchmark: ``netscan passive --pcap`` against ``tshark -r FILE -Y FILTER`` on the
same generated camera-LAN capture, side by side in one run (issue 13).

The capture (written streaming, so generating it costs no memory either): about 90% RTP video
(cameras streaming to an NVR over UDP), 7% TCP (RTSP-interleaved video, HTTP polling, ACKs) and 3%
discovery and housekeeping from the lab's device profiles: gratuitous ARP, DHCP requests,
WS-Discovery Hello, SSDP NOTIFY, SADP Hello, DHIP notifyDevInfo, mDNS announcements, cloud DNS
look-ups, LLDP, and HTTP responses. tshark gets a display filter for the same protocols.

Measured: wall time of each tool on the same file (page cache warmed first), netscan's peak RSS at
1M and 4M packets (flat memory: the 4M run must stay within 1.3x of the 1M run), and whether every
announcing device was found with the identification its announcements carry.

    .venv/bin/python benchmarks/passive.py [--packets 1000000] [--big 4000000] [--keep DIR]

Writes benchmarks/results/passive-<UTC time>.json and prints a summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netscan.identify import identify  # noqa: E402
from netscan.lab.emulator.chatter import cloud_domains, dhcp_fields  # noqa: E402
from netscan.lab.emulator.mdns import MdnsRecords  # noqa: E402
from netscan.lab.config import PROFILES_DIR as PROFILES  # noqa: E402
from netscan.lab.emulator.packets import dhcp_request, dhip_packet, dns_query, gratuitous_arp, to_bytes  # noqa: E402
from netscan.lab.pcapgen import lldp_frame, pcap_header, pcap_record, tcp_frame, udp_frame  # noqa: E402
from netscan.lab.profiles import load_profiles, served_raw  # noqa: E402
from netscan.observations import from_dict  # noqa: E402
from netscan.parsers.framing import dhip_body  # noqa: E402

#: tshark display filter for what netscan reads.
TSHARK_FILTER = (
    "arp || dhcp || dns || mdns || ssdp || lldp || cdp || http.response || rtsp.response || "
    "tls.handshake.type == 11 || udp.port in {3702, 37020, 37810, 34569, 20002, 10001}"
)
NVR_MAC, NVR_IP = "00:0c:29:00:00:01", "10.50.0.2"
GW_MAC, GW_IP = "00:0c:29:00:00:fe", "10.50.0.1"
SUBNET = "10.50.0."
#: Cameras streaming video (RTP) to the NVR.
STREAMS = 24
RTP_PAYLOAD = 1316  # 7 MPEG-TS cells: a typical RTP video datagram


def _devices() -> list[dict[str, Any]]:
    """The lab's device profiles on the benchmark subnet (x.10 upward)."""
    out = []
    for i, prof in enumerate(p for p in load_profiles(PROFILES) if not p.get("hostile")):
        prof = dict(prof)
        prof["bench_ip"] = f"{SUBNET}{10 + i}"
        out.append(prof)
    return out


def announcements(prof: dict[str, Any]) -> list[bytes]:
    """The frames a device sends unasked (as the lab emulator's chatter sends them)."""
    ip, mac = prof["bench_ip"], str(prof["mac"]).lower()
    frames = [gratuitous_arp(mac, ip)]
    hostname, vendor = dhcp_fields(prof)
    if hostname or vendor:
        frames.append(dhcp_request(mac, ip, hostname, vendor, random.getrandbits(32)))
    for r in prof.get("responses", []):
        proto, req = r.get("protocol"), str(r.get("request", "")).split()[:1]
        raw = to_bytes(served_raw(prof, r, ip))
        if proto == "wsd" and req == ["Hello"]:
            frames.append(udp_frame(mac, "01:00:5e:7f:ff:fa", ip, "239.255.255.250", 3702, 3702, raw))
        elif proto == "ssdp" and req == ["NOTIFY"]:
            frames.append(udp_frame(mac, "01:00:5e:7f:ff:fa", ip, "239.255.255.250", 1900, 1900, raw))
        elif proto == "sadp" and req == ["Hello"]:
            frames.append(udp_frame(mac, "01:00:5e:7f:ff:fa", ip, "239.255.255.250", 37020, 37020, raw))
        elif proto == "dhip" and not r.get("verbatim"):
            frames.append(udp_frame(mac, "01:00:5e:7f:ff:fb", ip, "239.255.255.251", 37810, 37810, dhip_packet(dhip_body(raw))))
    mdns = "\n".join(served_raw(prof, r, ip) for r in prof.get("responses", []) if r.get("protocol") == "mdns")
    if mdns:
        ann = MdnsRecords(str(prof.get("name", "dev")), ip, mdns).announcement()
        if ann:
            frames.append(udp_frame(mac, "01:00:5e:00:00:fb", ip, "224.0.0.251", 5353, 5353, ann))
    for name in cloud_domains(prof):
        frames.append(udp_frame(mac, GW_MAC, ip, GW_IP, 40000 + random.randrange(20000), 53, dns_query(name, random.getrandbits(16))))
    return frames


def expected(prof: dict[str, Any]) -> dict[str, Any]:
    """What the device's announcements identify (vendor, model, firmware)."""
    said = []
    for r in prof.get("responses", []):
        kind = (r.get("protocol"), str(r.get("request", "")).split(" ")[0])
        if kind in {("wsd", "Hello"), ("ssdp", "NOTIFY"), ("sadp", "Hello")} or r.get("protocol") == "mdns" or (
                r.get("protocol") == "dhip" and not r.get("verbatim")):
            said.append({**r, "raw": served_raw(prof, r, prof["bench_ip"])})
    hostname, vendor = dhcp_fields(prof)
    if hostname or vendor:
        said.append({"protocol": "dhcp", "raw": f"hostname: {hostname or ''}\nvendor_class: {vendor or ''}"})
    if cloud_domains(prof):
        said.append({"protocol": "dns", "raw": "\n".join(cloud_domains(prof))})
    ident = identify(from_dict({"ip": prof["bench_ip"], "mac": prof["mac"], "responses": said})).to_dict()
    return {k: ident[k] for k in ("vendor", "model", "firmware")}


def generate(path: Path, packets: int, seed: int = 13) -> dict[str, Any]:
    """Write the capture; returns what is in it."""
    rnd = random.Random(seed)
    random.seed(seed)
    devs = _devices()
    chatter = [f for d in devs for f in announcements(d)]
    chatter.append(lldp_frame("00:1b:54:00:00:99", "access-sw1", "Cisco IOS Software, C2960 Software", f"{SUBNET}250"))
    http = [tcp_frame(d["mac"], NVR_MAC, d["bench_ip"], NVR_IP, 80, 50000 + i, 1000,
                      b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")  # polling answers that name no maker
            for i, d in enumerate(devs)]
    cams = devs[:STREAMS]
    seq = [0] * STREAMS
    tcp_seq = [1] * STREAMS
    counts = {"rtp": 0, "tcp": 0, "discovery": 0}
    t = 1_700_000_000.0
    payload = bytes(rnd.getrandbits(8) for _ in range(RTP_PAYLOAD))
    rtp_templates = [udp_frame(c["mac"], NVR_MAC, c["bench_ip"], NVR_IP, 50000 + 2 * i, 6970 + 2 * i, b"\x80\x60" + b"\0" * 10 + payload)
                     for i, c in enumerate(cams)]
    with path.open("wb") as f:
        f.write(pcap_header())
        ci = hi = 0
        for n in range(packets):
            t += 0.0001
            slot = n % 100
            if slot < 90:
                k = n % STREAMS
                seq[k] = (seq[k] + 1) & 0xFFFF
                fr = rtp_templates[k]
                frame = fr[:42] + b"\x80\x60" + seq[k].to_bytes(2, "big") + fr[46:]
                counts["rtp"] += 1
            elif slot < 97:
                k = n % STREAMS
                c = cams[k]
                if slot == 96 and n % 1000 == 96:  # now and then an HTTP response
                    frame = http[hi % len(http)]
                    hi += 1
                elif slot % 2:
                    frame = tcp_frame(c["mac"], NVR_MAC, c["bench_ip"], NVR_IP, 554, 40000 + k, tcp_seq[k],
                                      b"$\x00\x05\x40" + payload[:1300])
                    tcp_seq[k] += 1304
                else:
                    frame = tcp_frame(NVR_MAC, c["mac"], NVR_IP, c["bench_ip"], 40000 + k, 554, 1, b"", flags=0x10, ack=tcp_seq[k])
                counts["tcp"] += 1
            else:
                frame = chatter[ci % len(chatter)]
                ci += 1
                counts["discovery"] += 1
            f.write(pcap_record(t, frame))
    # every device announces (at least its gratuitous ARP); each must be found, identified as its
    # announcements allow
    return {"packets": packets, "bytes": path.stat().st_size, "composition": counts,
            "devices": [{"ip": d["bench_ip"], "mac": str(d["mac"]).lower(), "name": d.get("name"), **expected(d)} for d in devs]}


def _run(cmd: list[str], stdout: BinaryIO | int = subprocess.DEVNULL) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS (MB) and exit code of one command.

    CPU time is reported beside wall time: on a shared machine the wall clock also counts the
    time other processes held the CPU."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.monotonic() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _warm(path: Path) -> None:
    with path.open("rb") as f:
        while f.read(1 << 22):
            pass


def measure(path: Path, info: dict[str, Any], with_tshark: bool) -> dict[str, Any]:
    """Run netscan (and tshark) on one capture."""
    netscan = str(Path(sys.executable).with_name("netscan"))
    _warm(path)
    out = path.with_suffix(".json")
    with out.open("wb") as f:
        secs, cpu, rss, rc = _run([netscan, "passive", "--pcap", str(path), "--format", "json", "-q"], stdout=f)
    doc = json.loads(out.read_text()) if rc in (0, 4) else {"devices": []}
    got = {d["ip"]: d for d in doc["devices"]}
    missing = []
    for d in info["devices"]:
        g = got.get(d["ip"])
        if g is None or g["mac"] != d["mac"] or any(d[k] and g[k] != d[k] for k in ("vendor", "model", "firmware")):
            missing.append(d["name"])
    res: dict[str, Any] = {
        "packets": info["packets"], "bytes": info["bytes"], "composition": info["composition"],
        "netscan": {"seconds": round(secs, 3), "cpu_seconds": round(cpu, 3), "peak_rss_mb": round(rss, 1), "exit": rc,
                    "packets_read": doc.get("scan", {}).get("counts", {}).get("packets_read")},
        "devices_expected": len(info["devices"]), "devices_found": len(info["devices"]) - len(missing), "missing": missing,
    }
    if with_tshark:
        tshark = shutil.which("tshark")
        assert tshark, "tshark not installed (scripts/bootstrap.sh installs it)"
        _warm(path)
        tsecs, tcpu, trss, trc = _run([tshark, "-n", "-r", str(path), "-Y", TSHARK_FILTER, "-T", "fields", "-e", "frame.number"])
        assert trc == 0, f"tshark failed ({trc}); filter: {TSHARK_FILTER}"
        res["tshark"] = {"seconds": round(tsecs, 3), "cpu_seconds": round(tcpu, 3), "peak_rss_mb": round(trss, 1), "exit": trc,
                         "filter": TSHARK_FILTER}
        res["speedup_vs_tshark"] = round(tsecs / secs, 2) if secs else None
        res["cpu_speedup_vs_tshark"] = round(tcpu / cpu, 2) if cpu else None
    return res


def compare_readers(path: Path) -> dict[str, Any]:
    """CPU seconds of each candidate reader walking the same capture (the choice of pcapy-ng).

    Each walks every packet the way the passive decoder needs: pcapy-ng hands over only what the
    BPF filter admits (and, for comparison, everything); dpkt and scapy yield every packet to
    Python. A library that is not installed is reported as such."""
    from netscan.capture.source import bpf_filter

    def pcapy_walk(flt: str | None) -> int:
        import pcapy  # type: ignore[import-not-found]

        cap = pcapy.open_offline(str(path))
        if flt:
            cap.setfilter(flt)
        n = 0
        while True:
            _, meta = cap.next_batch(4096)
            if not meta:
                return n
            n += len(meta) // 16

    def dpkt_walk() -> int:
        import dpkt  # type: ignore[import-not-found]

        n = 0
        with path.open("rb") as f:
            for _, buf in dpkt.pcap.Reader(f):
                if buf[12:14] == b"\x08\x00" and buf[23] == 17:
                    n += 1
        return n

    def scapy_walk() -> int:
        from scapy.utils import RawPcapReader

        n = 0
        for buf, _ in RawPcapReader(str(path)):
            if buf[12:14] == b"\x08\x00" and buf[23] == 17:
                n += 1
        return n

    out: dict[str, Any] = {}
    for name, fn in (("pcapy-ng next_batch + BPF", lambda: pcapy_walk(bpf_filter())),
                     ("pcapy-ng next_batch, no filter", lambda: pcapy_walk(None)),
                     ("dpkt pcap.Reader", dpkt_walk), ("scapy RawPcapReader", scapy_walk)):
        try:
            _warm(path)
            c0 = time.process_time()
            fn()
            out[name] = round(time.process_time() - c0, 3)
        except ImportError:
            out[name] = "not installed"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--big", type=int, default=4_000_000, help="second, larger capture for the memory check (0: skip)")
    ap.add_argument("--keep", metavar="DIR", help="keep the captures here")
    ap.add_argument("--readers-only", type=int, metavar="N", help="only compare the pcap readers on an N-packet capture")
    a = ap.parse_args()
    if a.readers_only:
        with tempfile.TemporaryDirectory(prefix="netscan-bench-") as d:
            generate(Path(d) / "r.pcap", a.readers_only)
            readers = {"packets": a.readers_only, "cpu_seconds": compare_readers(Path(d) / "r.pcap")}
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out = ROOT / "benchmarks" / "results" / f"passive-readers-{stamp}.json"
        out.write_text(json.dumps(readers, indent=1) + "\n")
        print(json.dumps(readers, indent=1))
        return 0
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="netscan-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.monotonic()
        info = generate(tmp / "small.pcap", a.packets)
        gen_s = time.monotonic() - t0
        small = measure(tmp / "small.pcap", info, with_tshark=True)
        result: dict[str, Any] = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                                  "generate_seconds": round(gen_s, 1), "small": small}
        if a.big:
            big_info = generate(tmp / "big.pcap", a.big)
            (tmp / "small.pcap").unlink(missing_ok=True)
            big = measure(tmp / "big.pcap", big_info, with_tshark=False)
            result["big"] = big
            result["memory_ratio_big_vs_small"] = round(big["netscan"]["peak_rss_mb"] / small["netscan"]["peak_rss_mb"], 3)
        result["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                             "tshark": subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]}
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "benchmarks" / "results" / f"passive-{stamp}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    s = result["small"]
    print(f"{s['packets']} packets: netscan {s['netscan']['seconds']} s wall / {s['netscan']['cpu_seconds']} s CPU "
          f"({s['netscan']['peak_rss_mb']} MB), tshark {s['tshark']['seconds']} s / {s['tshark']['cpu_seconds']} s CPU "
          f"-> {s['speedup_vs_tshark']}x wall, {s['cpu_speedup_vs_tshark']}x CPU; devices {s['devices_found']}/{s['devices_expected']}")
    if "big" in result:
        b = result["big"]
        print(f"{b['packets']} packets: netscan {b['netscan']['seconds']} s wall / {b['netscan']['cpu_seconds']} s CPU "
              f"({b['netscan']['peak_rss_mb']} MB); "
              f"memory {result['memory_ratio_big_vs_small']}x of the small run; devices {b['devices_found']}/{b['devices_expected']}")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
