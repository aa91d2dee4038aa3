"""Passive capture from files: every protocol read, the formats (pcap, pcapng, gzip, stdin), damaged
input, hostile frames, and ``--save-observations`` then ``identify`` giving the same devices."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.capture import read_captures
from netscan.capture.collect import Collector
from netscan.capture.decode import Decoder
from netscan.lab.emulator.mdns import MdnsRecords
from netscan.lab.emulator.packets import dhcp_request, dhip_packet, dns_query, gratuitous_arp, xmeye_packet
from netscan.lab.pcapgen import lldp_frame, pcap_header, pcap_record, tcp_frame, udp_frame, write_pcap
from netscan.parsers import fields

NETSCAN = str(Path(sys.executable).with_name("netscan"))
GW = "00:11:22:00:00:01"
HIK, HIK_IP = "c0:56:e3:2a:10:32", "10.77.0.20"
DAH, DAH_IP = "3c:ef:8c:11:22:33", "10.77.0.21"
XM, XM_IP = "00:12:41:8d:5f:01", "10.77.0.22"
AXIS, AXIS_IP = "ac:cc:8e:7a:1b:2c", "10.77.0.23"
TPL, TPL_IP = "50:c7:bf:01:02:03", "10.77.0.24"
UBNT, UBNT_IP = "24:5a:4c:01:02:03", "10.77.0.25"
SW = "00:1b:54:00:00:99"
WEB, WEB_IP = "00:40:8c:12:34:56", "10.77.0.26"
DHCP_ONLY = "44:19:b6:77:66:55"

SADP_HELLO = (b'<?xml version="1.0" encoding="UTF-8"?><Hello><Uuid>79432871-0020-11B2-8000-C056E32A1032</Uuid>'
              b"<Types>hello</Types><DeviceType>20230</DeviceType><DeviceDescription>DS-2CD2032-I</DeviceDescription>"
              b"<DeviceSN>DS-2CD2032-I20160401AAWR502162143</DeviceSN><MAC>c0-56-e3-2a-10-32</MAC>"
              b"<IPv4Address>10.77.0.20</IPv4Address><SoftwareVersion>V5.4.0build 160530</SoftwareVersion>"
              b"<Activated>true</Activated></Hello>")
DHIP_NOTIFY = (b'{"mac":"3c:ef:8c:11:22:33","method":"client.notifyDevInfo","params":{"deviceInfo":{"DeviceClass":"IPC",'
               b'"DeviceType":"IPC-HFW3441E-AS","SerialNo":"6G0A1B2PAZ12345","Vendor":"Dahua","Version":"2.800.0000000.16.R"}}}')
XM_REPLY = (b'{"NetWork.NetCommon" : {"BuildDate" : "2020-08-13 14:27:05", "ChannelNum" : 4, "DeviceType" : 1, '
            b'"HostIP" : "0x1600320A", "HostName" : "LocalHost", "HttpPort" : 80, "MAC" : "00:12:41:8d:5f:01", '
            b'"SN" : "1b3a8f9c2d4e5f60", "TCPPort" : 34567, "UDPPort" : 34568}, "Ret" : 100, "SessionID" : "0x00000000"}')
WSD_HELLO = ('<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
             'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">'
             '<e:Header><a:MessageID>urn:uuid:{mid}</a:MessageID><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action>'
             '</e:Header><e:Body><d:Hello><a:EndpointReference><a:Address>urn:uuid:1</a:Address></a:EndpointReference>'
             '<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/hardware/DS-2CD2032-I '
             'onvif://www.onvif.org/name/HIKVISION</d:Scopes><d:XAddrs>http://10.77.0.20/onvif/device_service</d:XAddrs>'
             '</d:Hello></e:Body></e:Envelope>')
AXIS_MDNS = ('_axis-video._tcp.local. PTR AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local.\n'
             'AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. TXT "macaddress=ACCC8E7A1B2C"\n')


def _cert(cn: str) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Axis Communications AB")])
    now = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def _tls_server_flight(der: bytes) -> bytes:
    hello = bytes([2]) + (38).to_bytes(3, "big") + b"\x03\x03" + b"\x11" * 32 + b"\x00" + b"\xc0\x2f" + b"\x00"
    certs = len(der).to_bytes(3, "big") + der
    cmsg = bytes([11]) + (len(certs) + 3).to_bytes(3, "big") + len(certs).to_bytes(3, "big") + certs
    done = b"\x0e\x00\x00\x00"
    return b"".join(b"\x16\x03\x03" + len(m).to_bytes(2, "big") + m for m in (hello, cmsg, done))


def _cdp_frame(mac: str) -> bytes:
    def tlv(t: int, v: bytes) -> bytes:
        return struct.pack("!HH", t, len(v) + 4) + v

    addr = struct.pack("!I", 1) + b"\x01\x01\xcc" + struct.pack("!H", 4) + bytes([10, 77, 0, 30])
    pdu = b"\x02\xb4\x00\x00" + tlv(1, b"core-sw1") + tlv(2, addr) + tlv(3, b"GigabitEthernet0/1") + \
        tlv(5, b"Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11") + tlv(6, b"cisco WS-C2960-24TT-L")
    llc = b"\xaa\xaa\x03\x00\x00\x0c\x20\x00" + pdu
    return b"\x01\x00\x0c\xcc\xcc\xcc" + bytes.fromhex(mac.replace(":", "")) + struct.pack("!H", len(llc)) + llc


def lan_packets() -> list[tuple[float, bytes]]:
    """A small camera LAN: every protocol passive mode reads, plus noise it must ignore."""
    t = 1_700_000_000.0
    pk: list[tuple[float, bytes]] = []

    def add(frame: bytes) -> None:
        pk.append((t + len(pk) * 0.01, frame))

    add(gratuitous_arp(HIK, HIK_IP))
    add(dhcp_request(HIK, HIK_IP, "DS-2CD2032-I20160401AAWR502162143", "udhcp 1.20.2", 1))
    add(dhcp_request(DHCP_ONLY, "10.77.0.40", "HIKVISION-NEW", "udhcp 1.19.4", 2))  # joins when ARP tells its address
    add(udp_frame(HIK, "01:00:5e:7f:ff:fa", HIK_IP, "239.255.255.250", 37020, 37020, SADP_HELLO))
    for mid in ("a", "b", "c"):  # WS-Discovery Hello, three times: the same answer, kept once
        add(udp_frame(HIK, "01:00:5e:7f:ff:fa", HIK_IP, "239.255.255.250", 3702, 3702, WSD_HELLO.replace("{mid}", mid).encode()))
    add(udp_frame(HIK, GW, HIK_IP, "10.77.0.1", 40001, 53, dns_query("dev.hik-connect.com", 3)))
    add(udp_frame(HIK, GW, HIK_IP, "10.77.0.1", 40002, 53, dns_query("www.example.org", 4)))  # not a cloud name: ignored
    add(udp_frame(DAH, "ff:ff:ff:ff:ff:ff", DAH_IP, "255.255.255.255", 37810, 37810, dhip_packet(DHIP_NOTIFY)))
    add(udp_frame(XM, "ff:ff:ff:ff:ff:ff", XM_IP, "255.255.255.255", 34569, 34569, xmeye_packet(XM_REPLY, 1531)))
    ann = MdnsRecords("axis-accc8e7a1b2c", AXIS_IP, AXIS_MDNS).announcement()
    assert ann is not None
    add(udp_frame(AXIS, "01:00:5e:00:00:fb", AXIS_IP, "224.0.0.251", 5353, 5353, ann))
    add(udp_frame(TPL, "ff:ff:ff:ff:ff:ff", TPL_IP, "255.255.255.255", 20002, 20002, b"\x02\x00\x00\x01" + b"\x00" * 12 + b'{"model":"Tapo C200"}'))
    add(udp_frame(UBNT, "ff:ff:ff:ff:ff:ff", UBNT_IP, "255.255.255.255", 10001, 10001, b"\x01\x00\x00\x0a\x02\x00\x06" + bytes.fromhex("245a4c010203")))
    add(lldp_frame(SW, "access-sw3", "Ubiquiti UniFi Switch US-8-60W, 6.5.59", "10.77.0.31"))
    add(_cdp_frame("00:1b:54:00:00:98"))
    ssdp = (b"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nLOCATION: http://10.77.0.1:1900/rootDesc.xml\r\n"
            b"NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: Linux/3.4 UPnP/1.0 TP-LINK/Archer C7\r\n\r\n")
    add(udp_frame(GW, "01:00:5e:7f:ff:fa", "10.77.0.1", "239.255.255.250", 1900, 1900, ssdp))
    # HTTP: the request (client -> camera) then the response
    add(tcp_frame("00:00:00:00:00:09", WEB, "10.77.0.9", WEB_IP, 51000, 80, 500, b"GET /axis-cgi/basicdeviceinfo.cgi HTTP/1.1\r\nHost: x\r\n\r\n"))
    body = b"HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.59\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n" + b'{"apiVersion":"1.0"}'
    add(tcp_frame(WEB, "00:00:00:00:00:09", WEB_IP, "10.77.0.9", 80, 51000, 9000, body))
    rtsp = b"RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"IP Camera(21539)\"\r\n\r\n"
    add(tcp_frame(HIK, "00:00:00:00:00:09", HIK_IP, "10.77.0.9", 554, 51002, 1, rtsp))
    flight = _tls_server_flight(_cert("axis-accc8e7a1b2c"))
    half = len(flight) // 2  # the certificate spans two segments
    add(tcp_frame(AXIS, "00:00:00:00:00:09", AXIS_IP, "10.77.0.9", 443, 51003, 100, flight[:half]))
    add(tcp_frame(AXIS, "00:00:00:00:00:09", AXIS_IP, "10.77.0.9", 443, 51003, 100 + half, flight[half:]))
    # video: RTP over UDP, never decoded
    for i in range(200):
        add(udp_frame(HIK, "00:00:00:00:00:09", HIK_IP, "10.77.0.9", 50000, 6970, b"\x80\x60" + i.to_bytes(2, "big") + b"\x00" * 1200))
    # a public address answering SSDP (a cloud server on a SPAN port): not reported by default
    add(udp_frame(GW, "00:00:00:00:00:09", "8.8.4.4", "10.77.0.9", 1900, 40000, b"HTTP/1.1 200 OK\r\nSERVER: x\r\n\r\n"))
    add(gratuitous_arp(DHCP_ONLY, "10.77.0.40"))
    return pk


@pytest.fixture(scope="module")
def lan_pcap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("cap") / "lan.pcap"
    with p.open("wb") as f:
        write_pcap(f, lan_packets())
    return p


def _by_ip(result: Any) -> dict[str | None, Any]:
    return {o.ip if o.ip else o.mac: o for o in result.observations}


def test_every_protocol_becomes_a_response(lan_pcap: Path) -> None:
    res = read_captures([str(lan_pcap)])
    obs = _by_ip(res)
    protos = {ip: sorted({r.protocol for r in o.responses}) for ip, o in obs.items()}
    assert protos[HIK_IP] == ["dhcp", "dns", "rtsp", "sadp", "wsd"]
    assert len([r for r in obs[HIK_IP].responses if r.protocol == "wsd"]) == 1  # repeats kept once
    assert [fields(r)["dns.query"] for r in obs[HIK_IP].responses if r.protocol == "dns"] == [["dev.hik-connect.com"]]
    assert obs[HIK_IP].mac == HIK and 554 in obs[HIK_IP].open_ports
    assert protos[DAH_IP] == ["dhip"] and obs[DAH_IP].mac == DAH
    assert protos[XM_IP] == ["xmeye"]
    assert protos[AXIS_IP] == ["mdns", "tls"]
    assert protos[TPL_IP] == ["tplink"] and protos[UBNT_IP] == ["ubnt"]
    assert protos["10.77.0.31"] == ["lldp"] and obs["10.77.0.31"].mac == SW
    assert protos["10.77.0.30"] == ["cdp"]
    assert protos["10.77.0.1"] == ["ssdp"]
    assert protos["10.77.0.40"] == ["dhcp"] and obs["10.77.0.40"].mac == DHCP_ONLY
    assert "8.8.4.4" not in obs and "10.77.0.9" not in obs  # public; a client that only asked
    http = [r for r in obs[WEB_IP].responses if r.protocol == "http"]
    assert http[0].request == "GET /axis-cgi/basicdeviceinfo.cgi" and http[0].port == 80
    tls = fields(next(r for r in obs[AXIS_IP].responses if r.protocol == "tls"))
    assert tls["tls.cn"] == ["axis-accc8e7a1b2c"]
    lldp = fields(obs["10.77.0.31"].responses[0])
    assert lldp["lldp.system_name"] == ["access-sw3"] and lldp["lldp.chassis_mac"] == [SW]
    cdp = fields(obs["10.77.0.30"].responses[0])
    assert cdp["cdp.platform"] == ["cisco WS-C2960-24TT-L"] and cdp["cdp.device_id"] == ["core-sw1"]
    assert res.run.stats.probes_sent == 0 and res.run.engine == "passive"
    # the 200 RTP packets never reached the decoder: the BPF filter dropped them inside libpcap
    assert res.capture["packets_read"] < 40


def _netscan(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([NETSCAN, *args], input=stdin, capture_output=True, timeout=120)


def _devices(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(doc["devices"], key=lambda d: (d["ip"] or "", d["mac"] or ""))


def test_identification_and_save_then_identify(lan_pcap: Path, tmp_path: Path) -> None:
    saved = tmp_path / "obs.json"
    p = _netscan("passive", "--pcap", str(lan_pcap), "--format", "json", "--save-observations", str(saved))
    assert p.returncode == 0, p.stderr.decode()
    doc = json.loads(p.stdout)
    assert doc["scan"]["command"] == "passive" and doc["scan"]["engine"] == "passive"
    dev = {d["ip"]: d for d in doc["devices"]}
    hik = dev[HIK_IP]
    assert (hik["vendor"], hik["model"]) == ("Hikvision", "DS-2CD2032-I") and hik["firmware"]
    assert any(f["id"] == "cloud-p2p" for f in hik["findings"])
    assert dev[DAH_IP]["vendor"] == "Dahua" and dev[DAH_IP]["model"] == "IPC-HFW3441E-AS"
    assert any(f["id"] == "discovery-serial-exposed" for f in dev[XM_IP]["findings"])  # read from the XMEye reply
    assert dev[AXIS_IP]["vendor"] == "Axis"
    again = _netscan("identify", str(saved), "--format", "json")
    assert again.returncode == 0, again.stderr.decode()
    assert _devices(json.loads(again.stdout)) == _devices(doc)


def test_pcapng_gzip_and_stdin_read_the_same(lan_pcap: Path, tmp_path: Path) -> None:
    base = {k: sorted(r.protocol for r in o.responses) for k, o in _by_ip(read_captures([str(lan_pcap)])).items()}
    ng = tmp_path / "lan.pcapng"
    subprocess.run(["editcap", "-F", "pcapng", str(lan_pcap), str(ng)], check=True, capture_output=True)
    gz = tmp_path / "lan.pcapng.gz"
    gz.write_bytes(gzip.compress(ng.read_bytes()))
    for path in (ng, gz):
        got = {k: sorted(r.protocol for r in o.responses) for k, o in _by_ip(read_captures([str(path)])).items()}
        assert got == base, path
    p = _netscan("passive", "--pcap", "-", "--format", "json", stdin=gzip.compress(lan_pcap.read_bytes()))
    assert p.returncode == 0, p.stderr.decode()
    assert {d["ip"] or d["mac"] for d in json.loads(p.stdout)["devices"]} == set(base)


def test_damaged_inputs_are_counted_never_fatal(lan_pcap: Path, tmp_path: Path) -> None:
    data = lan_pcap.read_bytes()
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(data[: len(data) * 2 // 3 + 7])  # ends inside a record
    junk = tmp_path / "junk.pcap"
    junk.write_bytes(b"this is not a capture" * 10)
    res = read_captures([str(junk), str(cut), str(tmp_path / "missing.pcap")])
    assert HIK_IP in _by_ip(res)  # what came before the cut is kept
    assert res.capture["inputs_unreadable"] >= 2
    assert any("junk.pcap" in n for n in res.notes) and any("missing.pcap" in n for n in res.notes)
    p = _netscan("passive", "--pcap", str(junk), "--format", "json")
    assert p.returncode == 2 and p.stderr.decode().count("\n") == 1  # nothing readable: one line, usage error
    p = _netscan("passive", "--pcap", str(junk), str(lan_pcap), "--format", "json")
    assert p.returncode == 0 and "junk.pcap" in p.stderr.decode()


def test_snaplen_cut_frames(tmp_path: Path) -> None:
    frame = udp_frame(DAH, "ff:ff:ff:ff:ff:ff", DAH_IP, "255.255.255.255", 37810, 37810, dhip_packet(DHIP_NOTIFY))
    p = tmp_path / "snap.pcap"
    with p.open("wb") as f:
        f.write(pcap_header(snaplen=96))
        f.write(pcap_record(1.0, frame[:96], wire_len=len(frame)))
        f.write(pcap_record(1.1, gratuitous_arp(HIK, HIK_IP)[:30], wire_len=42))
    res = read_captures([str(p)])
    assert res.capture["inputs_unreadable"] == 0
    assert res.capture["packets_malformed"] >= 1


@settings(max_examples=400, deadline=None)
@given(st.binary(min_size=0, max_size=400), st.sampled_from([1, 113, 276, 101]))
def test_hostile_frames_never_raise(data: bytes, link: int) -> None:
    dec = Decoder(Collector(), ("hik-connect.com",))
    dec.frame(link, data, 1.0)
    # and with a valid Ethernet/IPv4/UDP prefix on every port we read, so the payload parsers run
    for port in (67, 68, 53, 5353, 1900, 3702, 37020, 37810, 34569, 20002, 10001):
        dec.frame(1, udp_frame(HIK, GW, HIK_IP, "10.77.0.1", port, port, data), 1.0)
    for port in (80, 443):
        dec.frame(1, tcp_frame(HIK, GW, HIK_IP, "10.77.0.1", port, 5000, 1, b"HTTP/1.1 " + data), 1.0)
        dec.frame(1, tcp_frame(HIK, GW, HIK_IP, "10.77.0.1", port, 5000, 1, b"\x16\x03\x03" + data), 1.0)
    dec.flush()
    for o in dec.c.observations():
        for r in o.responses:
            assert isinstance(fields(r), dict)


def test_random_frames_in_a_file(tmp_path: Path) -> None:
    rnd = random.Random(13)
    pk = [(1.0 + i, bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 300)))) for i in range(300)]
    p = tmp_path / "random.pcap"
    with p.open("wb") as f:
        write_pcap(f, pk + lan_packets())
    res = read_captures([str(p)])
    assert HIK_IP in _by_ip(res)


def test_live_needs_capture_rights_or_says_so() -> None:
    # capsh (libcap2-bin, installed by scripts/bootstrap.sh) drops the capture capability as root
    p = subprocess.run(["capsh", "--drop=cap_net_raw,cap_net_admin", "--", "-c",
                        f"{NETSCAN} passive --iface lo --seconds 1"], capture_output=True, timeout=60)
    assert p.returncode == 6, p.stderr.decode()
    err = p.stderr.decode()
    assert err.count("\n") == 1 and "capture rights" in err and "nothing was sent" in err


def test_dhcp_client_repeating_itself_is_one_response(tmp_path: Path) -> None:
    """A client's DHCP messages differ by transaction id and elapsed time each round (and a
    DISCOVER precedes the REQUEST): what it says of itself is one response, counted once."""
    mac = "50:c7:bf:c2:00:99"
    frames = [dhcp_request(mac, "10.77.0.99", "C200", "Tapo_C200", xid) for xid in (0x1111, 0x2222, 0x3333)]
    discover = bytearray(frames[0])
    i = discover.index(b"\x35\x01\x03")
    discover[i + 2] = 1  # the same client's DISCOVER
    frames.append(bytes(discover))
    frames.append(dhcp_request(mac, "10.77.0.99", "C200-renamed", "Tapo_C200", 0x4444))  # a new name is news
    pcap = tmp_path / "dhcp.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, [(1_700_000_000 + 30 * n, fr) for n, fr in enumerate(frames)])
    obs = read_captures([str(pcap)]).observations
    assert len(obs) == 1 and obs[0].ip == "10.77.0.99"
    names = [fields(r)["dhcp.hostname"] for r in obs[0].responses if r.protocol == "dhcp"]
    assert names == [["C200"], ["C200-renamed"]]
