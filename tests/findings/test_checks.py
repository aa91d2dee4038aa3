"""Single checks, one response at a time: each fires on what it is about and stays quiet on the
near misses (credentials asked, redirect to HTTPS, SOAP fault, clock in sync...)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.findings import Context, assess, load_vulns
from netscan.findings.context import network_context, parse_mapping
from netscan.model import PROTOCOLS, Identification, Observation, Response

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
VDB = load_vulns()


def cam(vendor: str | None = "Hikvision", model: str | None = None, firmware: str | None = None,
        brand: str | None = None, covered: dict | None = None, device_type: str = "camera") -> Identification:  # type: ignore[type-arg]
    return Identification(ip="10.0.0.5", mac=None, vendor=vendor, brand=brand, model=model, firmware=firmware,
                          device_type=device_type, confidence=0.9, covered=covered)


def ids(responses: list[Response], ident: Identification | None = None, ports: tuple[int, ...] = (),
        ctx: Context | None = None) -> list[str]:
    obs = Observation(ip="10.0.0.5", mac=None, responses=tuple(responses), open_ports=ports)
    return sorted(f.cve or f.id for f in assess(ident or cam(), obs, VDB, NOW, ctx))


SDP = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Session\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"


def rtsp(status: str, extra: str = "", body: str = "") -> str:
    return f"RTSP/1.0 {status}\r\nCSeq: 2\r\n{extra}Content-Length: {len(body)}\r\n\r\n{body}"


def test_rtsp_describe() -> None:
    ok = Response("rtsp", rtsp("200 OK", "Content-Type: application/sdp\r\n", SDP), 554, "DESCRIBE rtsp://x/1")
    assert "rtsp-unauthenticated" in ids([ok])
    asked = Response("rtsp", rtsp("401 Unauthorized", 'WWW-Authenticate: Digest realm="x", nonce="1"\r\n'), 554, "DESCRIBE rtsp://x/1")
    options = Response("rtsp", rtsp("200 OK", "Public: OPTIONS, DESCRIBE\r\n"), 554, "OPTIONS rtsp://x/")
    with_creds = Response("rtsp", rtsp("200 OK", "Content-Type: application/sdp\r\n", SDP), 554, "DESCRIBE rtsp://x/1 [authenticated]")
    assert "rtsp-unauthenticated" not in ids([asked, options, with_creds])


def http(status: str, headers: str = "", body: str = "") -> str:
    return f"HTTP/1.1 {status}\r\n{headers}Content-Length: {len(body)}\r\n\r\n{body}"


def test_snapshot_and_device_info() -> None:
    jpeg = Response("http", http("200 OK", "Content-Type: image/jpeg\r\n", "\xff\xd8\xff\xe0\x00\x10JFIF"), 80,
                    "GET /ISAPI/Streaming/channels/101/picture")
    info = Response("http", http("200 OK", "Content-Type: text/plain\r\n",
                                 "deviceType=IPC-HFW3441E-AS\r\nserialNumber=7G0ABCDPAZ12345\r\n"), 80,
                    "GET /cgi-bin/magicBox.cgi?action=getSystemInfo")
    got = ids([jpeg, info])
    assert "snapshot-unauthenticated" in got and "device-info-unauthenticated" in got
    denied = Response("http", http("401 Unauthorized", 'WWW-Authenticate: Digest realm="x"\r\n'), 80,
                      "GET /ISAPI/Streaming/channels/101/picture")
    favicon = Response("http", http("200 OK", "Content-Type: image/x-icon\r\n", "\x00\x00\x01\x00"), 80, "GET /favicon.ico")
    login_page = Response("http", http("200 OK", "Content-Type: text/html\r\n", "<html><title>Login</title></html>"), 80,
                          "GET /ISAPI/System/deviceInfo")
    got = ids([denied, favicon, login_page])
    assert "snapshot-unauthenticated" not in got and "device-info-unauthenticated" not in got


def env(body: str) -> str:
    return ('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" '
            f'xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body>{body}</s:Body></s:Envelope>')


def test_onvif_severity_follows_the_action() -> None:
    uri = Response("onvif", env("<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>rtsp://10.0.0.5/1</tt:Uri>"
                                "</trt:MediaUri></trt:GetStreamUriResponse>"), 80, "GetStreamUri")
    obs = Observation(ip="10.0.0.5", mac=None, responses=(uri,))
    (f,) = [f for f in assess(cam(), obs, VDB, NOW) if f.id == "onvif-unauthenticated"]
    assert f.severity == "high" and "rtsp://10.0.0.5/1" in f.evidence[0]
    fault = Response("onvif", env('<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason>'
                                  '<s:Text xml:lang="en">Sender not Authorized</s:Text></s:Reason></s:Fault>'), 80, "GetStreamUri")
    pre_auth = Response("onvif", env("<tds:GetHostnameResponse><tds:HostnameInformation><tt:Name>cam</tt:Name>"
                                     "</tds:HostnameInformation></tds:GetHostnameResponse>"), 80, "GetHostname")
    assert "onvif-unauthenticated" not in ids([fault, pre_auth])


def test_management_plane() -> None:
    assert "telnet-open" in ids([], ports=(23,))
    assert "ftp-open" in ids([Response("other", "220 AXIS 221 Network Camera 4.45.1 ready.", 21, "")])
    plain = Response("http", http("200 OK", "Content-Type: text/html\r\n", "<html></html>"), 80, "GET /")
    assert "cleartext-admin" in ids([plain])
    assert "cleartext-admin" not in ids([plain], ports=(443,))
    redirect = Response("http", http("302 Found", "Location: https://10.0.0.5/\r\n"), 80, "GET /")
    assert "cleartext-admin" not in ids([redirect, plain])
    # Routers and PCs are not judged on their management plane.
    assert ids([plain], cam(vendor="MikroTik", device_type="router"), ports=(23,)) == []


def test_clock_threshold() -> None:
    def t(mi: int, s: int) -> Response:
        return Response("onvif", env(
            "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:UTCDateTime><tt:Time>"
            f"<tt:Hour>12</tt:Hour><tt:Minute>{mi}</tt:Minute><tt:Second>{s}</tt:Second></tt:Time><tt:Date>"
            "<tt:Year>2026</tt:Year><tt:Month>11</tt:Month><tt:Day>23</tt:Day></tt:Date></tt:UTCDateTime>"
            "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>"), 80, "GetSystemDateAndTime")
    assert "clock-skew" not in ids([t(4, 59)])
    assert "clock-skew" in ids([t(5, 1)])


def test_vendor_state() -> None:
    sadp = Response("sadp", "<ProbeMatch><DeviceDescription>DS-2CD2143G0-I</DeviceDescription>"
                            "<Activated>true</Activated><HCPlatformEnable>false</HCPlatformEnable></ProbeMatch>", 37020)
    assert ids([sadp]) == []
    not_act = Response("http", http("401 Unauthorized", "Content-Type: application/xml\r\n",
                                    "<userCheck><statusValue>401</statusValue><subStatusCode>notActivated</subStatusCode></userCheck>"),
                       80, "GET /ISAPI/Security/userCheck")
    assert "not-activated" in ids([not_act])
    dns = Response("dns", "ntp.example.org\nwww.hik-connect.com\n")
    assert "cloud-p2p" in ids([dns])
    assert "cloud-p2p" not in ids([Response("dns", "ntp.example.org\nhik-connect.com.evil.example\n")])


def test_covered_relabel_names_label_and_maker() -> None:
    covered = {"covered": True, "lists": ["NDAA-889", "FCC-covered-list"], "entity": "Dahua", "via": "maker",
               "maker": "Dahua", "label": "Lorex", "source": "https://www.acq.osd.mil/dpap/dars/section889.html",
               "evidence": ["dahua-dhip-notify", "dahua-rtsp-server"]}
    obs = Observation(ip="10.0.0.5", mac=None)
    (f,) = assess(cam(vendor="Dahua", brand="Lorex", covered=covered), obs, VDB, NOW)
    assert f.id == "covered-vendor" and "Lorex" in f.title and "Dahua" in f.title
    assert any("dahua-dhip-notify" in e for e in f.evidence)
    assert assess(cam(vendor="Axis", covered=None), obs, VDB, NOW) == []


def test_end_of_life() -> None:
    obs = Observation(ip="10.0.0.5", mac=None)
    got = [f.id for f in assess(cam(vendor="AVTECH", model="AVM1203"), obs, VDB, NOW)]
    assert "end-of-life" in got and "cve" in got
    assert [f.id for f in assess(cam(vendor="AVTECH", model="AVM2000"), obs, VDB, NOW)] == []


IGD = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
       '<u:GetGenericPortMappingEntryResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">'
       "<NewRemoteHost></NewRemoteHost><NewExternalPort>{ext}</NewExternalPort><NewProtocol>TCP</NewProtocol>"
       "<NewInternalPort>80</NewInternalPort><NewInternalClient>{ip}</NewInternalClient><NewEnabled>{en}</NewEnabled>"
       "<NewPortMappingDescription>cam</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>"
       "</u:GetGenericPortMappingEntryResponse></s:Body></s:Envelope>")


def test_port_mappings() -> None:
    gw = Observation(ip="10.0.0.1", mac=None, responses=(
        Response("upnp", IGD.format(ext=8080, ip="10.0.0.5", en=1), 5000, "GetGenericPortMappingEntry 0"),
        Response("upnp", IGD.format(ext=8081, ip="10.0.0.6", en=0), 5000, "GetGenericPortMappingEntry 1"),
        Response("upnp", "<not xml", 5000, "GetGenericPortMappingEntry 2"),
        Response("upnp", IGD.format(ext="x", ip="10.0.0.7", en=1), 5000, "GetGenericPortMappingEntry 3"),
    ))
    ctx = network_context([gw])
    assert len(ctx.port_mappings) == 2
    assert "upnp-port-forward" in ids([], ctx=ctx)
    assert ctx.mappings_to("10.0.0.6") == []  # disabled mapping
    assert parse_mapping("<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", None) is None  # defusedxml refuses


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(PROTOCOLS)), st.text(max_size=400),
                          st.sampled_from(["", "DESCRIBE rtsp://x/", "GetDeviceInformation", "GET /ISAPI/System/deviceInfo",
                                           "GetGenericPortMappingEntry 0", "GetSystemDateAndTime",
                                           "GET / [default-credentials user=admin]"])),
                max_size=6))
def test_hostile_responses_never_crash(rs: list[tuple[str, str, str]]) -> None:
    responses = [Response(p, raw, 80, req) for p, raw, req in rs]
    obs = Observation(ip="10.0.0.5", mac=None, responses=tuple(responses), open_ports=(23,))
    ctx = network_context([obs])
    for f in assess(cam(model="DS-2CD2032F-I", firmware="\x1b[31mV5.3.0 build 150513"), obs, VDB, NOW, ctx):
        assert all(len(e) <= 400 for e in f.evidence)


def test_huge_body_is_bounded() -> None:
    big = Response("http", http("200 OK", "Content-Type: text/plain\r\n", "deviceType=" + "A" * 5_000_000), 80,
                   "GET /cgi-bin/magicBox.cgi?action=getSystemInfo")
    obs = Observation(ip="10.0.0.5", mac=None, responses=(big,))
    fs = assess(cam(), obs, VDB, NOW)
    assert all(len(e) <= 400 for f in fs for e in f.evidence)


@pytest.mark.parametrize("naive", [True, False])
def test_now_may_be_naive(naive: bool) -> None:
    now = datetime(2026, 11, 23, 12, 0) if naive else NOW
    assert assess(cam(), Observation(ip=None, mac=None), VDB, now) == []
