"""Each protocol answers, from the scanner namespace, exactly as its profile says."""

from __future__ import annotations

import json
import re
import ssl
import struct
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography import x509

from netscan.lab.emulator.tcp import live_clock
from netscan.lab.profiles import served_raw, tcp_ports
from netscan.lab.state import Device

pytestmark = pytest.mark.lab

_CSEQ = re.compile(r"(?im)^(CSeq:[ \t]*)(\S+)")


def _normal(lab: Any) -> list[Device]:
    return [d for d in lab.profile_devices if not d.hostile]


def _target(request: str) -> tuple[str, str]:
    method, _, target = request.partition(" ")
    return method, target.split("#", 1)[0]


def test_http_https_upnp_replies_are_the_profile_raw(lab: Any, lab_client: Any) -> None:
    ops, want = [], []
    for d in _normal(lab):
        p = d.profile or {}
        for r in p["responses"]:
            if r["protocol"] not in ("http", "https", "upnp") or not r["request"].startswith("GET /"):
                continue
            method, target = _target(r["request"])
            tls = r["protocol"] == "https"
            ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "tls": tls,
                        "send": f"{method} {target} HTTP/1.1\r\nHost: {d.ip}\r\nConnection: close\r\n\r\n"})
            want.append((d, r))
    assert len(ops) >= 40
    results = lab_client(ops)
    for (d, r), res in zip(want, results):
        expected = served_raw(d.profile or {}, r, d.ip)
        if r["protocol"] == "upnp":
            assert res["data"].startswith("HTTP/1.1 200 OK"), d.name
            assert res["data"].split("\r\n\r\n", 1)[1] == expected, d.name
        else:
            assert res["data"] == expected, (d.name, r["request"])


def test_https_certificate_resembles_the_vendor(lab: Any, lab_client: Any) -> None:
    devs = [d for d in _normal(lab) if (d.profile or {}).get("tls_subject")]
    assert len(devs) >= 5
    results = lab_client([{"op": "tcp", "ip": d.ip, "port": 443, "tls": True,
                           "send": f"GET / HTTP/1.1\r\nHost: {d.ip}\r\n\r\n"} for d in devs])
    for d, res in zip(devs, results):
        cert = x509.load_der_x509_certificate(bytes.fromhex(res["cert_der_hex"]))
        subject = (d.profile or {})["tls_subject"]
        cn = subject.split(",")[0].split("=", 1)[1]
        assert cert.subject.rfc4514_string().count(cn) == 1, (d.name, cert.subject.rfc4514_string())
        assert cert.subject == cert.issuer  # self-signed, as device certificates are
        recorded = next(r["raw"] for r in (d.profile or {})["responses"] if r["protocol"] == "tls")
        assert ssl.DER_cert_to_PEM_cert(bytes.fromhex(res["cert_der_hex"])) == recorded  # served exactly


def test_rtsp_options_and_describe(lab: Any, lab_client: Any) -> None:
    ops, want = [], []
    for d in _normal(lab):
        p = d.profile or {}
        for r in p["responses"]:
            if r["protocol"] != "rtsp":
                continue
            path = "/Streaming/Channels/101" if r["request"] == "DESCRIBE" else ""
            url = f"rtsp://{d.ip}:{r['port']}{path or '/'}"
            ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "timeout": 1.0,
                        "send": f"{r['request']} {url} RTSP/1.0\r\nCSeq: 17\r\nUser-Agent: netscan-test\r\n\r\n"})
            want.append((d, r))
    results = lab_client(ops)
    describe_200 = set()
    for (d, r), res in zip(want, results):
        expected = _CSEQ.sub(lambda m: m.group(1) + "17", served_raw(d.profile or {}, r, d.ip), count=1)
        assert res["data"] == expected, (d.name, r["request"])
        if r["request"] == "DESCRIBE" and res["data"].startswith("RTSP/1.0 200"):
            describe_200.add(d.name)
    # the open stream answers DESCRIBE without credentials; Hikvision sends its realm
    assert "hipcam-open-rtsp" in describe_200
    hik = next(res["data"] for (d, r), res in zip(want, results) if d.name == "hikvision-ds2cd2032-v540" and r["request"] == "DESCRIBE")
    assert hik.startswith("RTSP/1.0 401") and 'realm="IP Camera(C2342)"' in hik


def test_rtsp_keeps_the_connection_for_several_requests(lab: Any, lab_client: Any) -> None:
    d = lab.device("hikvision-ds2cd2032-v540")
    two = (f"OPTIONS rtsp://{d.ip}/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"
           f"DESCRIBE rtsp://{d.ip}/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 2\r\n\r\n")
    (res,) = lab_client([{"op": "tcp", "ip": d.ip, "port": 554, "send": two, "timeout": 1.0}])
    assert res["data"].count("RTSP/1.0 ") == 2 and "CSeq: 2" in res["data"]


def _clock_in(body: str) -> datetime:
    f = {k: int(re.search(rf"<(?:\w+:)?{k}>(\d+)<", body).group(1)) for k in ("Year", "Month", "Day", "Hour", "Minute", "Second")}  # type: ignore[union-attr]
    return datetime(f["Year"], f["Month"], f["Day"], f["Hour"], f["Minute"], f["Second"], tzinfo=timezone.utc)


def test_onvif_actions_and_faults(lab: Any, lab_client: Any) -> None:
    ops, want = [], []
    for d in _normal(lab):
        for r in (d.profile or {})["responses"]:
            if r["protocol"] != "onvif":
                continue
            body = (f'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
                    f'<tds:{r["request"]} xmlns:tds="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>')
            ops.append({"op": "tcp", "ip": d.ip, "port": r["port"],
                        "send": f"POST /onvif/device_service HTTP/1.1\r\nHost: {d.ip}\r\nContent-Type: application/soap+xml\r\n"
                                f"Content-Length: {len(body)}\r\n\r\n{body}"})
            want.append((d, r))
    assert len(ops) >= 60
    results = lab_client(ops)
    faults = 0
    for (d, r), res in zip(want, results):
        head, _, body = res["data"].partition("\r\n\r\n")
        recorded = served_raw(d.profile or {}, r, d.ip)
        if r["request"] == "GetSystemDateAndTime":
            # the device reports its own clock (now + the profile's offset), not the recording time
            offset = int((d.profile or {}).get("clock_offset_s") or 0)
            assert body == live_clock(recorded, offset, _clock_in(body) - timedelta(seconds=offset)), d.name
            skew = abs((_clock_in(body) - datetime.now(timezone.utc)).total_seconds() - offset)
            assert skew < 120, (d.name, skew)
        else:
            assert body == recorded, (d.name, r["request"])
        if "NotAuthorized" in body:
            faults += 1
            assert head.startswith("HTTP/1.1 400"), d.name
        else:
            assert head.startswith("HTTP/1.1 200"), d.name
    assert faults >= 15  # most devices refuse GetDeviceInformation without credentials
    lorex = next(res["data"] for (d, r), res in zip(want, results) if d.name == "lorex-lnb8973b" and r["request"] == "GetDeviceInformation")
    assert "<tds:Manufacturer>LOREX</tds:Manufacturer>" in lorex and "2.460.0001.5.R, Build Date 2017-08-11" in lorex


def test_banners_and_sdk_ports(lab: Any, lab_client: Any) -> None:
    ops, want = [], []
    for d in _normal(lab):
        p = d.profile or {}
        for r in p["responses"]:
            if r["protocol"] in ("telnet", "ssh"):
                ops.append({"op": "tcp", "ip": d.ip, "port": r["port"], "timeout": 0.5})
                want.append((d, r))
    banner_results = lab_client(ops)
    for (d, r), res in zip(want, banner_results):
        assert res["data"] == served_raw(d.profile or {}, r, d.ip), d.name
    assert any(r["raw"].endswith("192.0.0.64 login: ") for _d, r in want)
    sdk = [(d, port) for d in _normal(lab) for port in tcp_ports(d.profile or {}) if port in (8000, 37777, 34567)]
    assert {port for _d, port in sdk} == {8000, 37777, 34567}
    results = lab_client([{"op": "tcp", "ip": d.ip, "port": port, "timeout": 0.3} for d, port in sdk])
    for (d, port), res in zip(sdk, results):
        assert res["error"] in (None, "timeout"), (d.name, port, res)


def test_wsdiscovery_probe_multicast(lab: Any, lab_client: Any) -> None:
    probe = ('<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
             'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
             'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><e:Header><w:MessageID>uuid:6a1f0c4e-0000-4000-8000-000000000001</w:MessageID>'
             '<w:To e:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>'
             '<w:Action e:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></e:Header>'
             '<e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></e:Body></e:Envelope>')
    (replies,) = lab_client([{"op": "udp", "dest": "239.255.255.250", "port": 3702, "send": probe, "timeout": 1.5}])
    by_ip = {x["src"]: x["data"] for x in replies}
    expected = [d for d in _normal(lab) if any(r["protocol"] == "wsd" for r in (d.profile or {})["responses"])]
    assert len(expected) >= 20
    for d in expected:
        data = by_ip[d.ip]
        assert "uuid:6a1f0c4e-0000-4000-8000-000000000001</wsa:RelatesTo>" in data
        assert f"http://{d.ip}" in data and (d.profile or {})["ip"] not in data
        assert "onvif://www.onvif.org/hardware/" in data


def test_ssdp_and_upnp_description(lab: Any, lab_client: Any) -> None:
    msearch = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: upnp:rootdevice\r\n\r\n"
    (replies,) = lab_client([{"op": "udp", "dest": "239.255.255.250", "port": 1900, "send": msearch, "timeout": 1.5}])
    by_ip = {x["src"]: x["data"] for x in replies}
    router = lab.device("router-tplink-archer-c7")
    assert {router.ip, lab.device("tv-samsung-q60").ip, lab.device("axis-m3045v").ip} <= set(by_ip)
    loc = re.search(r"(?im)^LOCATION:\s*http://([\d.]+):(\d+)(/\S*)", by_ip[router.ip])
    assert loc and loc.group(1) == router.ip
    soap = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            '<u:GetGenericPortMappingEntry xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">'
            "<NewPortMappingIndex>{i}</NewPortMappingIndex></u:GetGenericPortMappingEntry></s:Body></s:Envelope>")
    ops = [{"op": "tcp", "ip": router.ip, "port": int(loc.group(2)), "send": f"GET {loc.group(3)} HTTP/1.1\r\nHost: x\r\n\r\n"}]
    for i in range(3):
        body = soap.format(i=i)
        ops.append({"op": "tcp", "ip": router.ip, "port": int(loc.group(2)),
                    "send": "POST /ctl/IPConn HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n"
                            "SOAPAction: \"urn:schemas-upnp-org:service:WANIPConnection:1#GetGenericPortMappingEntry\"\r\n"
                            f"Content-Length: {len(body)}\r\n\r\n{body}"})
    desc, m0, m1, m2 = lab_client(ops)
    assert "InternetGatewayDevice:1" in desc["data"] and "/ctl/IPConn" in desc["data"]
    camera = lab.device("hikvision-ds2cd2032-v540")
    assert f"<NewInternalClient>{camera.ip}</NewInternalClient>" in m0["data"] and "<NewExternalPort>8080<" in m0["data"]
    assert f"<NewInternalClient>{camera.ip}</NewInternalClient>" in m1["data"]
    assert "SpecifiedArrayIndexInvalid" in m2["data"]


def test_sadp_dhip_xmeye_discovery(lab: Any, lab_client: Any) -> None:
    sadp_probe = '<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>0D4A2C1E-1111-2222-3333-444455556666</Uuid><Types>inquiry</Types></Probe>'
    dhip_body = '{"method":"DHDiscover.search","params":{"mac":"","uni":1}}'
    dhip = struct.pack("<I4s8sI4sI4s", 0x20, b"DHIP", b"\0" * 8, len(dhip_body), b"\0" * 4, len(dhip_body), b"\0" * 4).decode("latin-1") + dhip_body
    xm = struct.pack("<BBHIIBBHI", 0xFF, 0, 0, 0, 0, 0, 0, 1530, 0).decode("latin-1")
    sadp_r, dhip_r, xm_r = lab_client([
        {"op": "udp", "dest": "239.255.255.250", "port": 37020, "send": sadp_probe, "timeout": 1.5},
        {"op": "udp", "dest": "255.255.255.255", "port": 37810, "send": dhip, "timeout": 1.5},
        {"op": "udp", "dest": "255.255.255.255", "port": 34569, "send": xm, "bind_port": 34569, "timeout": 1.5},
    ])
    normal = {d.ip: d for d in _normal(lab)}
    sadp_by = {x["src"]: x["data"] for x in sadp_r if x["src"] in normal}
    hik = [d for d in normal.values() if (d.expect or {}).get("vendor") == "Hikvision"]
    assert len(hik) >= 7 and {d.ip for d in hik} == set(sadp_by)
    for d in hik:
        data = sadp_by[d.ip]
        assert "<Uuid>0D4A2C1E-1111-2222-3333-444455556666</Uuid>" in data
        assert f"<MAC>{d.mac.replace(':', '-')}</MAC>" in data and f"<IPv4Address>{d.ip}</IPv4Address>" in data
    assert "<Activated>false</Activated>" in sadp_by[lab.device("hikvision-ds2cd2143g0-unactivated").ip]
    dh = {x["src"]: x["data"] for x in dhip_r if x["src"] in normal}
    dahua = [d for d in normal.values() if (d.expect or {}).get("vendor") == "Dahua"]
    assert len(dahua) >= 5 and {d.ip for d in dahua} == set(dh)
    for d in dahua:
        pkt = dh[d.ip].encode("latin-1")
        assert pkt[4:8] == b"DHIP" and struct.unpack_from("<I", pkt, 16)[0] == len(pkt) - 32
        info = json.loads(pkt[32:].rstrip(b"\x00\n"))
        assert info["mac"] == d.mac and info["params"]["deviceInfo"]["IPv4Address"]["IPAddress"] == d.ip
        assert info["params"]["deviceInfo"]["DeviceType"] == d.expect["model"]
    xmb = {x["src"]: x["data"] for x in xm_r if x["src"] in normal}
    xiong = [d for d in normal.values() if (d.expect or {}).get("vendor") == "Xiongmai"]
    assert len(xiong) == 2 and {d.ip for d in xiong} == set(xmb)
    for d in xiong:
        pkt = xmb[d.ip].encode("latin-1")
        assert struct.unpack_from("<H", pkt, 14)[0] == 1531
        common = json.loads(pkt[20:])["NetWork.NetCommon"]
        a, b, c, e = (int(x) for x in d.ip.split("."))
        assert common["HostIP"] == "0x%02X%02X%02X%02X" % (e, c, b, a) and common["MAC"] == d.mac


def _mdns_query(name: str) -> str:
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.strip(".").split(".")) + b"\x00"
    return (struct.pack("!HHHHHH", 0, 0, 1, 0, 0, 0) + q + struct.pack("!HH", 12, 1)).decode("latin-1")


def test_mdns_answers_from_each_device(lab: Any, lab_client: Any) -> None:
    """Legacy-unicast and multicast (QM) queries are answered from the device's own address."""
    from zeroconf import DNSIncoming

    axis, printer, nas = lab.device("axis-m3045v"), lab.device("printer-hp-laserjet-m404"), lab.device("nas-synology-ds920")
    legacy_axis, legacy_ipp, qm_http = lab_client([
        {"op": "udp", "dest": "224.0.0.251", "port": 5353, "send": _mdns_query("_axis-video._tcp.local"), "timeout": 1.0},
        {"op": "udp", "dest": "224.0.0.251", "port": 5353, "send": _mdns_query("_ipp._tcp.local"), "timeout": 1.0},
        {"op": "udp", "dest": "224.0.0.251", "port": 5353, "send": _mdns_query("_http._tcp.local"), "timeout": 1.0,
         "bind_port": 5353, "join": "224.0.0.251", "bind_ip": lab.scanner_ip},
    ])
    assert [x["src"] for x in legacy_axis] == [axis.ip]
    msg = DNSIncoming(legacy_axis[0]["data"].encode("latin-1"))
    names = {r.name for r in msg.answers()}
    assert "AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local." in names
    addrs = [r for r in msg.answers() if r.type == 1]
    assert addrs and addrs[0].address == bytes(int(x) for x in axis.ip.split("."))
    assert [x["src"] for x in legacy_ipp] == [printer.ip]
    assert nas.ip in {x["src"] for x in qm_http}
