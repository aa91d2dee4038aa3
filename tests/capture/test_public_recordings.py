"""Discovery datagrams recorded from real devices and published (each file in tests/capture/public
cites repository, commit, path and lines), put on the wire as the device sends them and read back by
the passive path: ``read_captures`` and the ``netscan passive --pcap`` command.

Each file holds the text exactly as published (``published``) and says how it becomes a datagram
(``published_as``, ``framing``): a Python bytes literal is evaluated, a comment prefix is removed,
a JSON body gets the protocol's binary header, a SOAP Body gets an envelope (``envelope``). The
assertions are what the device said (``expect``): its address and MAC, maker, model, firmware and
serial as the recording states them.

Protocols covered here: Hikvision SADP, WS-Discovery ProbeMatches (Hikvision, and a no-name gSOAP
camera) and Hello (an ESP32-CAM), Xiongmai XMEye (UDP 34569) search replies, Ubiquiti UDP 10001 replies, a white-label Dahua
DHIP announcement, and LLDP / CDP frames of real switches (whole Ethernet frames as captured). The older recordings of tests/corpus (DHIP, mDNS, SSDP, DNS, TP-Link 20002)
are read the same way by tests/capture/test_public_packets.py.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netscan.capture import read_captures
from netscan.identify import identify
from netscan.lab.pcapgen import udp_frame, write_pcap
from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers._util import encode_raw
from netscan.parsers.framing import dhip_packet, xmeye_packet

PUBLIC = Path(__file__).resolve().parent / "public"
FILES = sorted(p.name for p in PUBLIC.glob("*.json"))
NETSCAN = str(Path(sys.executable).with_name("netscan"))
#: Ethernet destination of a unicast reply (the prober); multicast / broadcast map from the address.
PROBER_MAC = "00:00:5e:00:53:02"
_PORT: dict[str, int | None] = {"sadp": 37020, "wsd": 3702, "xmeye": 34569, "ubnt": 10001, "dhip": 37810, "lldp": None, "cdp": None}
_LINK_LAYER = ("lldp", "cdp")


def _load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((PUBLIC / name).read_text(encoding="utf-8"))
    return doc


def payload(rec: dict[str, Any]) -> bytes:
    """The datagram's payload: the published text made into what the device sends (``framing``)."""
    pub: str = rec["published"]
    form = rec["published_as"]
    if form == "python-bytes":
        data = ast.literal_eval(pub)
        assert isinstance(data, bytes)
        return data
    if form == "go-bytes":  # a Go []byte literal: 0x.. items, nothing else but commas and blanks
        assert re.fullmatch(r"(?:\s*0x[0-9a-fA-F]{2},)*\s*(?:0x[0-9a-fA-F]{2},?)?\s*", pub), "not a plain byte slice"
        return bytes(int(h, 16) for h in re.findall(r"0x([0-9a-fA-F]{2})", pub))
    if form == "text-with-comment-prefix":
        pub = "\n".join(re.sub(r"^# ?", "", line) for line in pub.split("\n"))
    else:
        assert form == "text", form
    if "envelope" in rec:
        pub = rec["envelope"]["before"] + pub + rec["envelope"]["after"]
    body = pub.encode("utf-8")
    if rec["protocol"] == "xmeye":
        return xmeye_packet(body, 1531)  # the search reply (request 1530)
    if rec["protocol"] == "dhip":
        return dhip_packet(body)
    return body


def _dst_mac(ip: str) -> str:
    a = [int(x) for x in ip.split(".")]
    if ip == "255.255.255.255":
        return "ff:ff:ff:ff:ff:ff"
    if a[0] >= 224:
        return f"01:00:5e:{a[1] & 0x7F:02x}:{a[2]:02x}:{a[3]:02x}"
    return PROBER_MAC


def frame(rec: dict[str, Any]) -> bytes:
    if rec["protocol"] in _LINK_LAYER:
        return payload(rec)  # a whole Ethernet frame as captured
    w = rec["wire"]
    return udp_frame(w["src_mac"], _dst_mac(w["dst_ip"]), w["src_ip"], w["dst_ip"], w["sport"], w["dport"], payload(rec))


def test_recordings_found_and_cited() -> None:
    assert len(FILES) >= 12, FILES
    protocols = {_load(n)["protocol"] for n in FILES}
    assert {"sadp", "wsd", "xmeye", "ubnt", "lldp", "cdp"} <= protocols
    for name in FILES:
        src = _load(name)["source"]
        assert re.fullmatch(r"[0-9a-f]{40}", src["commit"]), name
        assert src["url"] == f"https://github.com/{src['repo']}/blob/{src['commit']}/{src['path']}#L{src['lines'].replace('-', '-L')}"


@pytest.mark.parametrize("name", FILES)
def test_recorded_datagram_read_from_the_wire(name: str, tmp_path: Path) -> None:
    rec = _load(name)
    expect = rec["expect"]
    pcap = tmp_path / "dev.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000.0, frame(rec)), (1_700_000_030.0, frame(rec))])  # announced twice
    res = read_captures([str(pcap)])
    assert res.capture["packets_malformed"] == 0
    assert [o.ip for o in res.observations] == [expect["ip"]]
    obs = res.observations[0]
    assert obs.mac == expect["mac"]
    # one response however often it was heard, recorded as the device sent it
    assert [(r.protocol, r.port, r.request) for r in obs.responses] == [(rec["protocol"], _PORT[rec["protocol"]], expect["request"])]
    got = identify(obs).to_dict()
    for key in ("vendor", "model", "firmware", "serial", "device_type"):
        if key in expect:
            assert got[key] == expect[key], (name, key, got[key])
    said = fields(obs.responses[0])
    for key, values in expect.get("fields", {}).items():
        assert said.get(key) == values, (name, key, said.get(key))
    if "software_contains" in expect:
        assert expect["software_contains"] in said["cdp.software_version"][0]


def test_passive_command_reads_every_recording(tmp_path: Path) -> None:
    """All recordings in one capture, read by the command line: one device each, as recorded."""
    pcap = tmp_path / "public.pcap"
    recs = [_load(n) for n in FILES]
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000.0 + i, frame(r)) for i, r in enumerate(recs)])
    p = subprocess.run([NETSCAN, "passive", "--pcap", str(pcap), "--format", "json"], capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    devices = {d["ip"] or d["mac"]: d for d in json.loads(p.stdout)["devices"]}
    wanted = {r["expect"]["ip"] or r["expect"]["mac"] for r in recs}
    assert set(devices) == wanted
    for r in recs:
        d, e = devices[r["expect"]["ip"] or r["expect"]["mac"]], r["expect"]
        assert d["mac"] == e["mac"]
        if e.get("vendor"):  # several recordings of one device merge: the richest claim must hold
            assert d["vendor"] == e["vendor"], (r["device"], d["vendor"])
        if e.get("model"):
            assert d["model"] == e["model"], (r["device"], d["model"])
        if e.get("firmware"):
            assert d["firmware"] == e["firmware"], (r["device"], d["firmware"])


def _fields(name: str) -> dict[str, list[str]]:
    rec = _load(name)
    data = payload(rec)
    raw = encode_raw(data) if rec["protocol"] == "ubnt" else data.decode("latin-1")
    return fields(Response(protocol=rec["protocol"], raw=raw))


def test_parsers_read_what_real_firmware_writes() -> None:
    """The parsers, from the recorded bytes, on the quirks real devices have and lab replies had not."""
    # gSOAP camera: ReplyTo carries an Address of its own; the device's is the EndpointReference's
    assert _fields("ipcam-631ga_wsd.json")["wsd.address"] == ["urn:uuid:2419d68a-2dd2-21b2-a205-X2018101811779"]
    # UniFi Protect camera: TLV 0x17 (default / managed) is four bytes long, not one
    g4 = _fields("ubiquiti-uvc-g4-pro_ubnt.json")
    assert g4["ubnt.config_status"] == ["managed"] and "ubnt.tlv.17" not in g4
    assert g4["ubnt.mac"] == ["e0:63:da:00:5e:08"] and g4["ubnt.ip"] == ["192.168.212.1"]
    # XMEye search reply: the reply kind is a field, so the protocol itself can name the maker
    besder = _fields("besder-ipc_xmeye.json")
    assert besder["xmeye.reply"] == ["NetWork.NetCommon"] and besder["xmeye.msgid"] == ["1531"]
    assert besder["xmeye.MAC"] == ["00:12:31:08:bb:97"] and besder["xmeye.SN"] == ["41e6853ada5e9323"]
    sadp = _fields("hikvision-ds-2cd2385g1-i_sadp.json")
    assert sadp["sadp.MAC"] == ["58-50-ed-1f-e3-85"] and sadp["sadp.SoftwareVersion"] == ["V5.6.2build 190701"]


def test_stated_mac_binds_only_the_address_it_names(tmp_path: Path) -> None:
    """A unicast reply's MAC is taken from its words only when they name the sender's own address:
    the Hikvision reply sent from 192.168.1.1 (its XAddr says 192.168.1.17) binds no MAC."""
    rec = _load("hikvision-ds-2cd2145fwd-i_wsd.json")
    rec["wire"] = {**rec["wire"], "src_ip": "192.168.1.1"}
    pcap = tmp_path / "other.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000.0, frame(rec))])
    obs = read_captures([str(pcap)]).observations
    assert [(o.ip, o.mac) for o in obs] == [("192.168.1.1", None)]


def test_wsd_action_after_a_long_namespace_table(tmp_path: Path) -> None:
    """gSOAP firmware writes its whole namespace table (about 45 declarations, 3 KB; more with
    vendor extensions) into the Envelope start tag, before the Action: a reply whose Action starts
    past 4 KB is still read. The 631GA reply with declarations added until it does."""
    rec = _load("ipcam-631ga_wsd.json")
    extra = " ".join(f'xmlns:ext{i}="http://www.onvif.org/ver10/ext{i}/wsdl"' for i in range(80))
    rec["published"] = rec["published"].replace("<SOAP-ENV:Envelope ", f"<SOAP-ENV:Envelope {extra} ", 1)
    assert payload(rec).index(b"/discovery/ProbeMatches") > 4096
    pcap = tmp_path / "long.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000.0, frame(rec))])
    obs = read_captures([str(pcap)]).observations
    assert [(o.ip, [r.request for r in o.responses]) for o in obs] == [("192.168.1.1", ["ProbeMatch"])]
    assert identify(obs[0]).to_dict()["model"] == "631GA"


def test_sadp_padded_with_nul_bytes_still_read(tmp_path: Path) -> None:
    """A SADP reply padded with NUL bytes after </ProbeMatch> (a fixed-size firmware buffer) is not
    well-formed XML; the flat elements are still read. The real DS-2CD2385G1-I reply, padded."""
    rec = _load("hikvision-ds-2cd2385g1-i_sadp.json")
    padded = payload(rec) + b"\x00" * 64
    raw = padded.decode("latin-1")
    f = fields(Response(protocol="sadp", raw=raw))
    assert f["sadp.malformed"] and f["sadp.DeviceDescription"] == ["DS-2CD2385G1-I"]
    assert f["sadp.message"] == ["ProbeMatch"] and f["sadp.MAC"] == ["58-50-ed-1f-e3-85"]
    w = rec["wire"]
    pcap = tmp_path / "padded.pcap"
    with pcap.open("wb") as fh:
        write_pcap(fh, [(1_700_000_000.0, udp_frame(w["src_mac"], _dst_mac(w["dst_ip"]), w["src_ip"], w["dst_ip"], w["sport"], w["dport"], padded))])
    got = identify(read_captures([str(pcap)]).observations[0]).to_dict()
    assert (got["vendor"], got["model"], got["firmware"]) == ("Hikvision", "DS-2CD2385G1-I", "V5.6.2 build 190701")
