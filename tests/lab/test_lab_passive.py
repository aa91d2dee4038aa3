"""Passive discovery in the lab: a capture taken in the scanner namespace while the devices chatter,
read by ``netscan passive --pcap``, identifies every device that announces itself as its
announcements allow; ``--iface`` live mode hears the same devices; and while it listens, the
scanner's interface sends nothing at all (tcpdump on the outbound direction counts zero)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from netscan.identify import identify
from netscan.lab.emulator.chatter import cloud_domains, dhcp_fields
from netscan.lab.profiles import served_raw
from netscan.observations import from_dict

pytestmark = pytest.mark.lab

ROOT = Path(__file__).parents[2]
#: Seconds listened: the emulator chatters every 8 s, so every device speaks at least once.
LISTEN_S = 11.0
#: What a device says unasked (chatter.py): the responses of these (protocol, request) kinds.
ANNOUNCED = {("wsd", "Hello"), ("ssdp", "NOTIFY"), ("sadp", "Hello")}


def _announcements(dev: Any) -> list[dict[str, Any]]:
    """The profile's responses the device sends unasked, as a passive listener records them."""
    p = dev.profile or {}
    out = []
    for r in p.get("responses", []):
        kind = (r.get("protocol"), str(r.get("request", "")).split(" ")[0])
        if kind in ANNOUNCED or r.get("protocol") == "mdns" or (r.get("protocol") == "dhip" and not r.get("verbatim")):
            out.append({**r, "raw": served_raw(p, r, dev.ip)})
    hostname, vendor = dhcp_fields(p)
    if hostname or vendor:
        out.append({"protocol": "dhcp", "raw": "\n".join(x for x in (f"hostname: {hostname}" if hostname else "",
                                                                      f"vendor_class: {vendor}" if vendor else "") if x)})
    names = cloud_domains(p)
    if names:
        out.append({"protocol": "dns", "raw": "\n".join(names)})
    return out


def _popen_in_scanner(lab: Any, argv: list[str], **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["ip", "netns", "exec", lab.scanner_netns, *argv], **kw)


def _sh(*argv: str) -> None:
    subprocess.run(list(argv), check=True, capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def listen_port(lab: Any) -> Any:
    """A listening port on the lab bridge, as a SPAN/mirror port is: its own namespace, an interface
    with no address and IPv6 off, so the kernel itself never answers anything there. Whatever
    leaves it was sent by the program listening on it."""
    from netscan.lab.config import ns_names

    n = ns_names(lab.prefix)
    ns, outer, inner = f"{lab.prefix}plisten", f"{lab.prefix}pl0", f"{lab.prefix}pl1"
    subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=30)  # a leftover of an aborted run
    _sh("ip", "netns", "add", ns)
    try:
        _sh("ip", "netns", "exec", ns, "sh", "-c",
            "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6")
        _sh("ip", "-n", lab.bridge_netns, "link", "add", outer, "type", "veth", "peer", "name", inner, "netns", ns)
        _sh("ip", "-n", lab.bridge_netns, "link", "set", outer, "master", n["bridge"], "up")
        _sh("ip", "-n", ns, "link", "set", inner, "up")
        yield ns, inner
    finally:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def heard(lab: Any, listen_port: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One listening window: a full tcpdump capture in the scanner namespace (the issue's set-up),
    and on the listening port a live ``netscan passive`` with a tcpdump of everything it sends."""
    ns, port = listen_port
    tmp = tmp_path_factory.mktemp("passive")
    pcap, out_pcap = tmp / "lab.pcap", tmp / "sent.pcap"
    live_json = tmp / "live.json"
    full = _popen_in_scanner(lab, ["tcpdump", "-i", lab.scanner_iface, "-n", "-s", "0", "-U", "-w", str(pcap)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sent = subprocess.Popen(["ip", "netns", "exec", ns, "tcpdump", "-i", port, "-n", "-Q", "out", "-U", "-w", str(out_pcap)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)  # both captures armed before netscan starts
        live = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-m", "netscan", "passive", "--iface", port,
                               "--seconds", str(LISTEN_S), "--format", "json", "--output", str(live_json)],
                              capture_output=True, text=True, timeout=120, cwd=str(ROOT))
        time.sleep(0.5)
    finally:
        for p in (full, sent):
            p.send_signal(signal.SIGINT)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
    assert live.returncode == 0, live.stderr[-2000:]
    offline = subprocess.run([sys.executable, "-m", "netscan", "passive", "--pcap", str(pcap), "--format", "json",
                              "--save-observations", str(tmp / "obs.json")],
                             capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert offline.returncode == 0, offline.stderr[-2000:]
    count = subprocess.run(["tcpdump", "-n", "-r", str(out_pcap)], capture_output=True, text=True, timeout=60)
    return {"pcap": json.loads(offline.stdout), "live": json.loads(live_json.read_text()), "sent": count.stdout,
            "obs": tmp / "obs.json"}


def test_every_announcing_device_identified_from_the_capture(lab: Any, heard: dict[str, Any]) -> None:
    devices = {d["ip"]: d for d in heard["pcap"]["devices"]}
    problems = []
    announcing = 0
    for dev in lab.profile_devices:
        got = devices.get(dev.ip)
        if got is None:
            problems.append(f"{dev.name}: not heard at all (it sends a gratuitous ARP every round)")
            continue
        if got["mac"] != dev.mac:
            problems.append(f"{dev.name}: mac {got['mac']} != {dev.mac}")
        said = _announcements(dev)
        if not said:
            continue
        announcing += 1
        want = identify(from_dict({"ip": dev.ip, "mac": dev.mac, "responses": said})).to_dict()
        for key in ("vendor", "model", "firmware"):
            if want[key] and got[key] != want[key]:
                problems.append(f"{dev.name}: {key} {got[key]!r}, its announcements say {want[key]!r}")
    assert announcing >= 25
    assert not problems, "\n".join(problems)


def test_known_devices_from_their_announcements(lab: Any, heard: dict[str, Any]) -> None:
    devices = {d["ip"]: d for d in heard["pcap"]["devices"]}
    hik = devices[lab.device("hikvision-ds2cd2032-v540").ip]
    assert (hik["vendor"], hik["model"]) == ("Hikvision", "DS-2CD2032-I") and hik["firmware"]
    assert any(f["id"] == "cloud-p2p" for f in hik["findings"])  # its Hik-Connect look-ups
    dahua = devices[lab.device("dahua-ipc-hfw3441e-vuln").ip]
    assert dahua["vendor"] == "Dahua" and dahua["model"] and dahua["firmware"]  # DHIP notifyDevInfo
    axis = devices[lab.device("axis-m3045v").ip]
    assert axis["vendor"] == "Axis"  # mDNS and the DHCP vendor class
    # its P2P relay look-ups (signatures/cloud.yaml keeps them) are a hint that agrees with its OUI: the
    # cloud-p2p finding, and weak maker evidence that never types the device by itself
    reolink = devices[lab.device("reolink-rlc410w").ip]
    assert reolink["vendor"] == "Reolink"
    assert any(f["id"] == "cloud-p2p" for f in reolink["findings"])
    assert any(e["source"] == "cloud-dns-reolink-p2p" for e in reolink["evidence"])


def test_live_mode_hears_the_same_devices(lab: Any, heard: dict[str, Any]) -> None:
    live = {d["ip"]: d for d in heard["live"]["devices"]}
    pcap = {d["ip"]: d for d in heard["pcap"]["devices"]}
    profile_ips = {d.ip for d in lab.profile_devices}
    assert profile_ips <= set(live), sorted(profile_ips - set(live))
    for ip in profile_ips:
        assert (live[ip]["vendor"], live[ip]["model"]) == (pcap[ip]["vendor"], pcap[ip]["model"]), ip
    assert heard["live"]["scan"]["counts"]["probes_sent"] == 0


def test_netscan_sent_nothing_while_listening(heard: dict[str, Any]) -> None:
    # tcpdump -Q out on the listening port over the whole live run: not one frame left it
    assert heard["sent"].strip() == "", heard["sent"][:2000]
    assert heard["live"]["scan"]["capture"]["packets_read"] > 50  # and it did hear the lab


def test_saved_observations_identify_the_same(heard: dict[str, Any]) -> None:
    p = subprocess.run([sys.executable, "-m", "netscan", "identify", str(heard["obs"]), "--format", "json"],
                       capture_output=True, text=True, timeout=120, cwd=str(ROOT))
    assert p.returncode == 0, p.stderr[-2000:]

    def key(doc: dict[str, Any]) -> list[Any]:
        return sorted(({k: d[k] for k in ("ip", "mac", "vendor", "model", "firmware", "device_type", "findings")}
                       for d in doc["devices"]), key=lambda d: (d["ip"] or "", d["mac"] or ""))

    assert key(json.loads(p.stdout)) == key(heard["pcap"])
