"""Regenerate netscan/lab/profiles/*.json (the lab's shipped device profiles).

Run: ``python tests/lab/make_profiles.py`` (writes the JSON files; review the diff).

Profiles are written in the observation format plus lab keys (docs/lab.md). The raw responses are
built from the shapes of real devices' replies as published in public material; each profile's
``source`` names it. Serial numbers, MACs (beyond the OUI) and UUIDs are made up. Where a detail is
not established by a public source the profile says so in ``notes``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import json
import sys
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

OUT = Path(__file__).resolve().parents[2] / "netscan" / "lab" / "profiles"

# Public sources: each profile's "sources" names the pages and repository files it was built from.
SRC_US = "https://github.com/julienblitte/UniversalScanner/blob/fb7ae67/UniversalScanner/"
SRC_NMAP = "https://github.com/nmap/nmap/blob/db4aefd/nmap-service-probes"
SRC_RECOG = "https://github.com/rapid7/recog/blob/14fa1a7/xml/"
SRC_ONVIF = "https://github.com/onvif/specs/blob/ae44f9e/doc/Core.xml"
SRC_PROBEXML = "https://app.unpkg.com/onvif@0.6.2/files/test/serverMockup/Probe.xml"
SRC_LOREX = "https://github.com/OpenVisualCloud/Smart-City-Sample/blob/01b2b23/sensor/README.md"
SRC_XET = "https://github.com/sol-vin/xet/blob/5fdf6a0/src/xet/commands/network.cr"
SRC_PYDVR = "https://github.com/OpenIPC/python-dvr/blob/7f4af29/DeviceManager.py"
SRC_NUMEN = "https://github.com/johndoe31415/numenworld-ipcam/blob/master/README.md"
SRC_SADP = "https://github.com/cameronnewman/hikvision-tooling/blob/01508629/internal/sadp/scanner.go"
SRC_HIKMDNS = "https://github.com/128keaton/hikvision-mdns/blob/master/README.md"
SRC_AXIS = "https://developer.axis.com/vapix/device-configuration/basic-device-info-api"
SRC_NUCLEI_HIK = "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/technologies/hikvision-detect.yaml"
SRC_SCRYPTED_HIK = "https://github.com/koush/scrypted/blob/main/plugins/hikvision/src/probe.ts"
SRC_SCRYPTED_AMC = "https://github.com/koush/scrypted/blob/main/plugins/amcrest/src/probe.ts"
SRC_UPNP_IGD = "https://github.com/miniupnp/miniupnp/blob/master/miniupnpd/upnpdescgen.c"

CRLF = "\r\n"


def _h(s: str) -> int:
    """A stable hash (Python's hash() of str changes per process)."""
    return zlib.crc32(s.encode())
DATE = "Mon, 23 Nov 2026 12:00:00 GMT"


def http(status: str, headers: list[tuple[str, str]], body: str = "", version: str = "HTTP/1.1",
         length: bool = True) -> str:
    """A raw HTTP response; Content-Length computed from the latin-1/utf-8 body."""
    hs = list(headers)
    if length:
        n = len(body.encode("utf-8"))
        hs.append(("Content-Length", str(n)))
    return f"{version} {status}{CRLF}" + "".join(f"{k}: {v}{CRLF}" for k, v in hs) + CRLF + body


def rtsp(status: str, headers: list[tuple[str, str]], body: str = "") -> str:
    """A raw RTSP response with CSeq 1 (the emulator echoes the client's CSeq)."""
    hs = [("CSeq", "1")] + list(headers)
    if body:
        hs.append(("Content-Length", str(len(body.encode()))))
    return f"RTSP/1.0 {status}{CRLF}" + "".join(f"{k}: {v}{CRLF}" for k, v in hs) + CRLF + body


def r(protocol: str, raw: str, port: int | None = None, request: str = "") -> dict[str, Any]:
    """One response of the observation format."""
    d: dict[str, Any] = {"protocol": protocol, "port": port, "request": request, "raw": raw}
    return d


SDP = (
    "v=0\r\no=- 1700000000000000 1 IN IP4 {ip}\r\ns=Media Presentation\r\ne=NONE\r\nb=AS:5050\r\nt=0 0\r\n"
    "a=control:rtsp://{ip}:554{path}/\r\nm=video 0 RTP/AVP 96\r\nb=AS:5000\r\na=control:rtsp://{ip}:554{path}/trackID=1\r\n"
    "a=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=420029; packetization-mode=1\r\n"
)

# ---------------------------------------------------------------- ONVIF (SOAP 1.2, ONVIF Core spec)
ENV_OPEN = ('<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" '
            'xmlns:ter="http://www.onvif.org/ver10/error"><env:Body>')
ENV_CLOSE = "</env:Body></env:Envelope>"


def onvif_fault_not_authorized() -> str:
    return (ENV_OPEN + "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized"
            "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">Sender not Authorized</env:Text>"
            "</env:Reason></env:Fault>" + ENV_CLOSE)


#: The moment profiles are recorded at; the emulator answers GetSystemDateAndTime with its own
#: clock plus the profile's ``clock_offset_s`` instead.
RECORDED_AT = datetime(2026, 11, 23, 12, 0, 0, tzinfo=timezone.utc)


def onvif_time(offset_s: int = 0) -> str:
    t = RECORDED_AT + timedelta(seconds=offset_s)
    return (ENV_OPEN + "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
            "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8:00:00</tt:TZ></tt:TimeZone>"
            f"<tt:UTCDateTime><tt:Time><tt:Hour>{t.hour}</tt:Hour><tt:Minute>{t.minute}</tt:Minute><tt:Second>{t.second}</tt:Second></tt:Time>"
            f"<tt:Date><tt:Year>{t.year}</tt:Year><tt:Month>{t.month}</tt:Month><tt:Day>{t.day}</tt:Day></tt:Date></tt:UTCDateTime>"
            "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>" + ENV_CLOSE)


def skew_clock(p: dict[str, Any], offset_s: int) -> dict[str, Any]:
    """Give a profile a wrong clock: recorded answer and live emulator both run ``offset_s`` off."""
    p["clock_offset_s"] = offset_s
    for resp in p["responses"]:
        if resp["protocol"] == "onvif" and resp["request"] == "GetSystemDateAndTime":
            resp["raw"] = onvif_time(offset_s)
    p["expect_findings"] = sorted(set(p.get("expect_findings", [])) | {"clock-skew"})
    return p


#: The smallest well-formed JPEG (SOI, a JFIF APP0 header, EOI): what a snapshot URL starts with.
TINY_JPEG = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def open_snapshot(p: dict[str, Any], port: int, path: str) -> None:
    """A snapshot URL that hands out pictures to anyone (anonymous access switched on)."""
    p["responses"].append(r("http", http("200 OK", [("Content-Type", "image/jpeg"), ("Content-Length", str(len(TINY_JPEG)))],
                                         TINY_JPEG, length=False), port, f"GET {path}"))
    p["expect_findings"] = sorted(set(p.get("expect_findings", [])) | {"snapshot-unauthenticated"})


def onvif_open_media(p: dict[str, Any], port: int, stream_path: str) -> None:
    """A media service that answers GetProfiles and GetStreamUri without credentials (READ_MEDIA
    open to anyone), as many white-label ONVIF stacks ship; the scan asks both and reports it."""
    trt = 'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"'
    profiles = (ENV_OPEN + f'<trt:GetProfilesResponse {trt}><trt:Profiles token="000" fixed="true"><tt:Name>mainStream</tt:Name>'
                "<tt:VideoEncoderConfiguration token=\"000\"><tt:Name>VideoEncoder_1</tt:Name><tt:Encoding>H264</tt:Encoding>"
                "<tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution></tt:VideoEncoderConfiguration>"
                "</trt:Profiles></trt:GetProfilesResponse>" + ENV_CLOSE)
    uri = (ENV_OPEN + f"<trt:GetStreamUriResponse {trt}><trt:MediaUri><tt:Uri>rtsp://{p['ip']}:554{stream_path.replace('&', '&amp;')}</tt:Uri>"
           "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>"
           "<tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>" + ENV_CLOSE)
    p["responses"] += [r("onvif", profiles, port, "GetProfiles"), r("onvif", uri, port, "GetStreamUri")]
    p["expect_findings"] = sorted(set(p.get("expect_findings", [])) | {"onvif-unauthenticated"})


def onvif_caps(ip: str, port: int) -> str:
    base = f"http://{ip}" + (f":{port}" if port != 80 else "")
    return (ENV_OPEN + "<tds:GetCapabilitiesResponse><tds:Capabilities>"
            f"<tt:Device><tt:XAddr>{base}/onvif/device_service</tt:XAddr></tt:Device>"
            f"<tt:Media><tt:XAddr>{base}/onvif/Media</tt:XAddr></tt:Media>"
            f"<tt:Events><tt:XAddr>{base}/onvif/Events</tt:XAddr></tt:Events>"
            "</tds:Capabilities></tds:GetCapabilitiesResponse>" + ENV_CLOSE)


def onvif_info(manufacturer: str, model: str, firmware: str, serial: str, hw: str) -> str:
    return (ENV_OPEN + "<tds:GetDeviceInformationResponse>"
            f"<tds:Manufacturer>{manufacturer}</tds:Manufacturer><tds:Model>{model}</tds:Model>"
            f"<tds:FirmwareVersion>{firmware}</tds:FirmwareVersion><tds:SerialNumber>{serial}</tds:SerialNumber>"
            f"<tds:HardwareId>{hw}</tds:HardwareId></tds:GetDeviceInformationResponse>" + ENV_CLOSE)


def onvif_set(ip: str, port: int, info: str | None) -> list[dict[str, Any]]:
    """ONVIF device service: time and capabilities answered before auth; device info only with ``info``."""
    return [
        r("onvif", onvif_time(), port, "GetSystemDateAndTime"),
        r("onvif", onvif_caps(ip, port), port, "GetCapabilities"),
        r("onvif", info if info else onvif_fault_not_authorized(), port, "GetDeviceInformation"),
    ]


def wsd(ip: str, port: int, uuid: str, scopes: list[str], hello: bool = True) -> list[dict[str, Any]]:
    """WS-Discovery ProbeMatch (and Hello) in the 2005/04 form ONVIF devices use."""
    xaddr = f"http://{ip}" + (f":{port}" if port != 80 else "") + "/onvif/device_service"
    sc = " ".join(scopes)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
            'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
            'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">')
    body = (f"<wsa:EndpointReference><wsa:Address>urn:uuid:{uuid}</wsa:Address></wsa:EndpointReference>"
            f"<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>{sc}</d:Scopes>"
            f"<d:XAddrs>{xaddr}</d:XAddrs><d:MetadataVersion>10</d:MetadataVersion>")
    pm = (head + f"<env:Header><wsa:MessageID>uuid:{uuid[:-4]}a001</wsa:MessageID>"
          "<wsa:RelatesTo>uuid:00000000-0000-0000-0000-000000000000</wsa:RelatesTo>"
          "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
          "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></env:Header>"
          f"<env:Body><d:ProbeMatches><d:ProbeMatch>{body}</d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>")
    out = [r("wsd", pm, 3702, "Probe")]
    if hello:
        he = (head + f"<env:Header><wsa:MessageID>uuid:{uuid[:-4]}b001</wsa:MessageID>"
              "<wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>"
              "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsa:Action>"
              '<d:AppSequence InstanceId="1" MessageNumber="1"/></env:Header>'
              f"<env:Body><d:Hello>{body}</d:Hello></env:Body></env:Envelope>")
        out.append(r("wsd", he, 3702, "Hello"))
    return out


def _scope(value: str) -> str:
    """Percent-encode a scope value: scopes are separated by white space (ONVIF Core, Discovery)."""
    return quote(value, safe="%-_.~+()/")


def onvif_scopes(hardware: str, name: str, mac: str | None = None, location: str = "country/china") -> list[str]:
    hardware, name, location = _scope(hardware), _scope(name), _scope(location)
    s = ["onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/Profile/Streaming",
         "onvif://www.onvif.org/type/Network_Video_Transmitter", f"onvif://www.onvif.org/location/{location}",
         f"onvif://www.onvif.org/hardware/{hardware}", f"onvif://www.onvif.org/name/{name}"]
    if mac:
        s.append(f"onvif://www.onvif.org/MAC/{mac}")
    return s


# ------------------------------------------------------------------------------- Hikvision family
def sadp(uuid: str, model: str, sn: str, mac: str, ip: str, sw: str, dsp: str, activated: bool,
         dtype: int = 20230, oem: str | None = None, analog: int = 0, digital: int = 1, disks: int = 0) -> str:
    """SADP ProbeMatch, fields as in UniversalScanner Hikvision.selftest and hikvision-tooling."""
    x = ('<?xml version="1.0" encoding="UTF-8"?><ProbeMatch>\r\n'
         f"<Uuid>{uuid}</Uuid>\r\n<Types>inquiry</Types>\r\n<DeviceType>{dtype}</DeviceType>\r\n"
         f"<DeviceDescription>{model}</DeviceDescription>\r\n<DeviceSN>{sn}</DeviceSN>\r\n"
         f"<CommandPort>8000</CommandPort>\r\n<HttpPort>80</HttpPort>\r\n<MAC>{mac.replace(':', '-')}</MAC>\r\n"
         f"<IPv4Address>{ip}</IPv4Address>\r\n<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>\r\n"
         "<IPv4Gateway>192.168.1.1</IPv4Gateway>\r\n<IPv6Address>::</IPv6Address>\r\n<IPv6Gateway>::</IPv6Gateway>\r\n"
         "<IPv6MaskLen>64</IPv6MaskLen>\r\n<DHCP>false</DHCP>\r\n"
         f"<AnalogChannelNum>{analog}</AnalogChannelNum>\r\n<DigitalChannelNum>{digital}</DigitalChannelNum>\r\n"
         f"<SoftwareVersion>{sw}</SoftwareVersion>\r\n<DSPVersion>{dsp}</DSPVersion>\r\n"
         "<BootTime>2026-11-20 08:12:41</BootTime>\r\n<Encrypt>true</Encrypt>\r\n<ResetAbility>false</ResetAbility>\r\n"
         f"<DiskNumber>{disks}</DiskNumber>\r\n<Activated>{'true' if activated else 'false'}</Activated>\r\n"
         "<PasswordResetAbility>true</PasswordResetAbility>\r\n<PasswordResetModeSecond>true</PasswordResetModeSecond>\r\n"
         "<SupportSecurityQuestion>true</SupportSecurityQuestion>\r\n"
         "<SupportHCPlatform>true</SupportHCPlatform>\r\n<HCPlatformEnable>false</HCPlatformEnable>\r\n")
    if oem:
        x += f"<OEMInfo>{oem}</OEMInfo>\r\n"
    return x + "</ProbeMatch>\r\n"


def sadp_hello(uuid: str, model: str, sn: str, mac: str, ip: str, sw: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Hello>\r\n'
            f"<Uuid>{uuid}</Uuid>\r\n<Types>hello</Types>\r\n<DeviceDescription>{model}</DeviceDescription>\r\n"
            f"<DeviceSN>{sn}</DeviceSN>\r\n<MAC>{mac.replace(':', '-')}</MAC>\r\n<IPv4Address>{ip}</IPv4Address>\r\n"
            f"<SoftwareVersion>{sw}</SoftwareVersion>\r\n</Hello>\r\n")


def hik_root(server: str = "App-webs/") -> str:
    body = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            "<title></title>\n<script>\nwindow.location.href = \"/doc/page/login.asp?_\" + (new Date()).getTime();\n</script>\n</head>\n<body>\n</body>\n</html>\n")
    return http("200 OK", [("Date", DATE), ("Server", server), ("Content-Type", "text/html"), ("Connection", "close")], body)


def hik_login(server: str = "App-webs/") -> str:
    body = ("<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n"
            "<title></title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/login.css\" />\n</head>\n<body>\n"
            "<div id=\"login\" class=\"login\"></div>\n<div class=\"footer\">&copy;Hikvision Digital Technology Co., Ltd. All Rights Reserved.</div>\n"
            "</body>\n</html>\n")
    return http("200 OK", [("Date", DATE), ("Server", server), ("Content-Type", "text/html"), ("Connection", "close")], body)


def hik_isapi_401(realm: str, server: str = "App-webs/") -> str:
    body = ('<?xml version="1.0" encoding="UTF-8" ?>\n<userCheck>\n<statusValue>401</statusValue>\n'
            "<statusString>Unauthorized</statusString>\n</userCheck>\n")
    return http("401 Unauthorized", [
        ("Date", DATE), ("Server", server), ("Content-Type", "application/xml"), ("Connection", "close"),
        ("WWW-Authenticate", f'Digest qop="auth", realm="{realm}", nonce="4e5468694e7a59354e44557a4f6a6b7a5a544e6a4d7a4d79", stale="FALSE"'),
    ], body)


def hik_isapi_not_activated(server: str = "App-webs/") -> str:
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<ResponseStatus version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n'
            "<requestURL>/ISAPI/System/deviceInfo</requestURL>\n<statusCode>4</statusCode>\n<statusString>Invalid Operation</statusString>\n"
            "<subStatusCode>notActivated</subStatusCode>\n</ResponseStatus>\n")
    return http("401 Unauthorized", [("Date", DATE), ("Server", server), ("Content-Type", "application/xml"), ("Connection", "close")], body)


def hik_rtsp(realm: str, path: str = "/Streaming/Channels/101") -> list[dict[str, Any]]:
    return [
        r("rtsp", rtsp("200 OK", [("Public", "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER"), ("Date", DATE)]), 554, "OPTIONS"),
        r("rtsp", rtsp("401 Unauthorized", [
            ("WWW-Authenticate", f'Digest realm="{realm}", nonce="a8f0e5a1b2c3d4e5f60718293a4b5c6d", stale="FALSE"'),
            ("WWW-Authenticate", f'Basic realm="{realm}"'), ("Date", DATE)]), 554, "DESCRIBE"),
    ]


def hikvision(name: str, model: str, sw: str, build_sw: str, dsp: str, mac: str, suffix: int, activated: bool = True,
              server: str = "App-webs/", kind: str = "camera", oem: str | None = None, brand: str = "Hikvision",
              onvif_name: str = "HIKVISION", realm: str = "IP Camera(C2342)", tls_subject: str | None = None,
              expect_findings: list[str] | None = None, notes: str = "", sn_date: str = "20160401",
              hostname: str | None = None, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    ip = f"192.168.1.{suffix}"
    uuid = f"{_h((name)) % 10**8:08d}-{suffix:04d}-11b2-8000-" + mac.replace(":", "")
    sn = f"{model}{sn_date}AAWR5{_h((model)) % 10**8:08d}"
    fw = f"{sw} {build_sw}"
    sadp_sw = f"{sw}build {build_sw.split()[-1]}"
    responses = [
        r("http", hik_root(server), 80, "GET /"),
        r("http", hik_login(server), 80, "GET /doc/page/login.asp"),
        r("http", hik_isapi_401(realm, server) if activated else hik_isapi_not_activated(server), 80, "GET /ISAPI/System/deviceInfo"),
        *hik_rtsp(realm),
        r("sadp", sadp(uuid.upper(), model, sn, mac, ip, sadp_sw, dsp, activated, oem=oem,
                       analog=0 if kind == "camera" else 0, digital=1 if kind == "camera" else 8,
                       disks=0 if kind == "camera" else 1), 37020, "Probe"),
        r("sadp", sadp_hello(uuid.upper(), model, sn, mac, ip, sadp_sw), 37020, "Hello"),
        *onvif_set(ip, 80, None),
        *wsd(ip, 80, uuid, onvif_scopes(model, onvif_name, location="city/hangzhou")),
        r("mdns", f"_CGI._tcp.local. PTR HIKVISION {model} - {sn[-9:]}._CGI._tcp.local.\n"
                  f"HIKVISION {model} - {sn[-9:]}._CGI._tcp.local. SRV 0 0 80 {sn}.local.\n"
                  f"{sn}.local. A {ip}", 5353, "_CGI._tcp.local."),
    ]
    if tls_subject:
        responses.append(r("https", hik_root(server), 443, "GET /"))
    responses += extra or []
    p: dict[str, Any] = {
        "name": name, "ip": ip, "mac": mac, "ip_suffix": suffix,
        "hostname": hostname or sn, "dhcp_vendor_class": "udhcp 1.20.2",
        "cloud_domains": ["dev.hik-connect.com", "litedev.hik-connect.com"],
        "open_ports": [8000], "responses": responses,
        "expect": {"vendor": "Hikvision", "brand": None if brand == "Hikvision" else brand, "model": model, "firmware": fw, "device_type": kind},
        "expect_findings": ["covered-vendor"] + (expect_findings or []),
        "source": [SRC_US + "Hikvision.selftest", SRC_SADP, SRC_NMAP + " (App-webs, Hikvision-Webs, DNVRS-Webs)",
                   SRC_NUCLEI_HIK, SRC_SCRYPTED_HIK, SRC_HIKMDNS, SRC_ONVIF, SRC_PROBEXML],
    }
    if tls_subject:
        p["tls_subject"] = tls_subject
    if notes:
        p["notes"] = notes
    return p


# ---------------------------------------------------------------------------------- Dahua family
def dhip_json(mac: str, ip: str, model: str, serial: str, version: str, vendor: str, dclass: str = "IPC",
              channels: int = 1, manufacturer: str = "Private") -> str:
    """DHIP client.notifyDevInfo, key order as in captured replies (code search: IPC-HDW1431T1-S4 reply)."""
    d = {"mac": mac, "method": "client.notifyDevInfo", "params": {"deviceInfo": {
        "AlarmInputChannels": 1 if dclass == "IPC" else 4, "AlarmOutputChannels": 1, "DeviceClass": dclass, "DeviceID": "",
        "DeviceType": model, "Find": "BC", "FindVersion": 1, "HttpPort": 80,
        "IPv4Address": {"DefaultGateway": "192.168.1.1", "DhcpEnable": False, "IPAddress": ip, "SubnetMask": "255.255.255.0"},
        "IPv6Address": {"DefaultGateway": None, "DhcpEnable": False, "IPAddress": "/0",
                        "LinkLocalAddress": "fe80::" + mac.replace(":", "")[:4] + ":" + mac.replace(":", "")[4:6] + "ff:fe" + mac.replace(":", "")[6:8] + ":" + mac.replace(":", "")[8:] + "/64"},
        "Init": 2714, "MachineName": serial, "Manufacturer": manufacturer, "Port": 37777,
        "RemoteVideoInputChannels": 0 if dclass == "IPC" else channels, "SerialNo": serial, "UnLoginFuncMask": 1,
        "Vendor": vendor, "Version": version, "VideoInputChannels": channels, "VideoOutputChannels": 0 if dclass == "IPC" else 1}}}
    return json.dumps(d, separators=(",", ":")).replace("/", "\\/") + "\n\x00"


def dahua_http_root(upper: bool = False) -> str:
    body = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8"/>\n<title>WEB SERVICE</title>\n'
            '<script type="text/javascript" src="/jsBase/lib/jquery.js"></script>\n</head>\n<body>\n<div id="login"></div>\n</body>\n</html>\n')
    if upper:
        hs = [("CACHE-CONTROL", "no-cache"), ("CONTENT-TYPE", "text/html"), ("CONNECTION", "close")]
        raw = "HTTP/1.1 200 OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hs) + f"CONTENT-LENGTH: {len(body)}\r\n\r\n" + body
        return raw
    return http("200 OK", [("Cache-Control", "no-cache"), ("Content-Type", "text/html"), ("Connection", "close"),
                           ("X-Frame-Options", "SAMEORIGIN")], body)


def dahua_cgi_401(serial: str) -> str:
    return http("401 Unauthorized", [
        ("WWW-Authenticate", f'Digest realm="Login to {serial}", qop="auth", nonce="1204873953", opaque="4b2a4e8a1f0c3d5e6a7b8c9d0e1f2a3b"'),
        ("Connection", "close"), ("Content-Type", "text/plain")], "Error\r\nNot Authorized\r\n")


def dahua(name: str, model: str, version: str, build: str, mac: str, suffix: int, vendor: str = "General",
          kind: str = "camera", brand: str = "Dahua", onvif_name: str = "Dahua", upper: bool = False,
          expect_findings: list[str] | None = None, channels: int = 1, serial: str | None = None,
          info: tuple[str, str] | None = None, manufacturer: str = "Private", notes: str = "",
          realm_basic: bool = True) -> dict[str, Any]:
    ip = f"192.168.1.{suffix}"
    serial = serial or f"6C0{_h((name)) % 10**6:06d}PAG{suffix:05d}"
    uuid = f"{_h((name)) % 10**8:08d}-{suffix:04d}-11b2-8000-" + mac.replace(":", "")
    dclass = {"camera": "IPC", "nvr": "NVR", "dvr": "XVR"}[kind]
    fw = f"{version}, Build Date {build}"
    responses = [
        r("http", dahua_http_root(upper), 80, "GET /"),
        r("http", dahua_cgi_401(serial), 80, "GET /cgi-bin/magicBox.cgi?action=getSystemInfo"),
        r("rtsp", rtsp("200 OK", [("Server", "Dahua Rtsp Server"),
                                  ("Public", "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER")]), 554, "OPTIONS"),
        r("rtsp", rtsp("401 Unauthorized", [("Server", "Dahua Rtsp Server"),
                                            ("WWW-Authenticate", f'Digest realm="Login to {serial}", nonce="7f3e2b1a0c9d8e7f6a5b4c3d2e1f0a9b"')]), 554, "DESCRIBE"),
        r("dhip", dhip_json(mac, ip, model, serial, version, vendor, dclass, channels, manufacturer), 37810, "DHDiscover.search"),
        *onvif_set(ip, 80, onvif_info(info[0], info[1], fw, serial, "1.00") if info else None),
        *wsd(ip, 80, uuid, onvif_scopes(model, onvif_name, mac.replace(":", ""))),
    ]
    p: dict[str, Any] = {
        "name": name, "ip": ip, "mac": mac, "ip_suffix": suffix, "hostname": serial,
        "dhcp_vendor_class": "udhcp 1.23.2",
        "cloud_domains": ["www.easy4ipcloud.com", "www.dahuaddns.com"],
        "open_ports": [37777], "responses": responses,
        "expect": {"vendor": "Dahua", "brand": None if brand == "Dahua" else brand, "model": model, "firmware": version, "device_type": kind},
        "expect_findings": ["covered-vendor"] + (expect_findings or []),
        "source": ["https://github.com/julienblitte/UniversalScanner/blob/fb7ae67/UniversalScanner/Dahua2.cs",
                   SRC_RECOG + "http_wwwauth.xml (Login to <serial>)", SRC_NMAP + " (Amcrest upper-case headers)",
                   SRC_SCRYPTED_AMC, SRC_ONVIF],
    }
    if notes:
        p["notes"] = notes
    return p


# ----------------------------------------------------------------------------- generic ONVIF camera
def generic(name: str, vendor: str, model: str, firmware: str, mac: str, suffix: int, kind: str = "camera",
            brand: str | None = None, server: str = "", title: str = "", realm: str | None = None,
            rtsp_server: str | None = None, onvif_port: int = 80, info: bool = False, onvif_name: str | None = None,
            serial: str = "", tls_subject: str | None = None, extra: list[dict[str, Any]] | None = None,
            sources: list[str] | None = None, expect_findings: list[str] | None = None, hostname: str | None = None,
            open_ports: list[int] | None = None, vendor_class: str | None = None, notes: str = "",
            rtsp_path: str = "/stream1", cloud: list[str] | None = None, http_extra: list[tuple[str, str]] | None = None,
            expect_brand: str | None = None, wsd_location: str = "country/china") -> dict[str, Any]:
    ip = f"192.168.1.{suffix}"
    uuid = f"{_h((name)) % 10**8:08d}-{suffix:04d}-11e0-8000-" + mac.replace(":", "")
    brand = brand or vendor
    serial = serial or f"{_h((model)) % 10**10:010d}"
    page = f"<html><head><title>{title}</title></head><body><script>location.href='/index.html'</script></body></html>\n"
    hs = ([("Server", server)] if server else []) + [("Content-Type", "text/html"), ("Connection", "close")] + (http_extra or [])
    responses = [r("http", http("200 OK", [("Date", DATE)] + hs, page), 80, "GET /")]
    rh = [("Server", rtsp_server)] if rtsp_server else []
    responses.append(r("rtsp", rtsp("200 OK", rh + [("Public", "OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER")]), 554, "OPTIONS"))
    if realm:
        responses.append(r("rtsp", rtsp("401 Unauthorized", rh + [("WWW-Authenticate", f'Digest realm="{realm}", nonce="0a1b2c3d4e5f60718293a4b5c6d7e8f9"')]), 554, "DESCRIBE"))
    else:
        sdp = SDP.format(ip=ip, path=rtsp_path)
        responses.append(r("rtsp", rtsp("200 OK", rh + [("Content-Type", "application/sdp"), ("Content-Base", f"rtsp://{ip}:554{rtsp_path}/")], sdp), 554, "DESCRIBE"))
    responses += onvif_set(ip, onvif_port, onvif_info(brand, model, firmware, serial, "1.0") if info else None)
    responses += wsd(ip, onvif_port, uuid, onvif_scopes(model, onvif_name or brand.replace(" ", "%20"),
                                                       location=wsd_location))
    if tls_subject:
        responses.append(r("https", http("200 OK", [("Date", DATE)] + hs, page), 443, "GET /"))
    responses += extra or []
    p: dict[str, Any] = {
        "name": name, "ip": ip, "mac": mac, "ip_suffix": suffix, "responses": responses,
        "expect": {"vendor": vendor, "brand": expect_brand, "model": model, "firmware": firmware, "device_type": kind},
        "expect_findings": expect_findings or [],
        "source": (sources or []) + [SRC_ONVIF, SRC_PROBEXML],
    }
    if hostname:
        p["hostname"] = hostname
    if vendor_class:
        p["dhcp_vendor_class"] = vendor_class
    if tls_subject:
        p["tls_subject"] = tls_subject
    if open_ports:
        p["open_ports"] = open_ports
    if cloud:
        p["cloud_domains"] = cloud
    if notes:
        p["notes"] = notes
    return p


def xmeye_json(mac: str, ip_hex: str, sn: str, devtype: int, build: str, hostname: str) -> str:
    """XMEye NetWork.NetCommon discovery reply (fields as listed in xet network.cr / python-dvr)."""
    d = {"NetWork.NetCommon": {"BuildDate": build, "ChannelNum": 4 if devtype == 1 else 1, "DeviceType": devtype,
                               "GateWay": "0x0101A8C0", "HostIP": ip_hex, "HostName": hostname, "HttpPort": 80,
                               "MAC": mac, "MaxBps": 0, "MonMode": "TCP", "NetConnectState": 0, "OtherFunction": "D=2026-11-23 12:00:00 V=2f1c6bb9a1e3f0b",
                               "SN": sn, "SSLPort": 8443, "Submask": "0x00FFFFFF", "TCPMaxConn": 10, "TCPPort": 34567,
                               "TransferPlan": "Quality", "UDPPort": 34568, "UseHSDownLoad": False},
         "Ret": 100, "SessionID": "0x00000000"}
    return json.dumps(d, separators=(", ", " : ")) + "\n"


def profiles() -> list[dict[str, Any]]:
    """Every shipped profile."""
    P: list[dict[str, Any]] = []
    hik_tls = "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN"
    # --- Hikvision and relabels
    P.append(hikvision("hikvision-ds2cd2032-v540", "DS-2CD2032-I", "V5.4.0", "build 160401", "V5.0, build 160329",
                       "c0:56:e3:2a:10:32", 20, expect_findings=["cve:CVE-2017-7921"],
                       notes="Firmware in the CVE-2017-7921 affected range (NVD: V5.2.0 build 140721 to V5.4.0 build 160401)."))
    P.append(hikvision("hikvision-ds2cd2032-v553", "DS-2CD2032-I", "V5.5.3", "build 170725", "V7.0, build 170714",
                       "c0:56:e3:2a:10:33", 21, sn_date="20170801",
                       notes="Patched firmware (after the CVE-2017-7921 fix)."))
    P.append(hikvision("hikvision-ds7608ni-nvr", "DS-7608NI-E2", "V3.4.98", "build 170823", "V5.0, build 170810",
                       "bc:ad:28:7f:60:08", 22, server="DNVRS-Webs", kind="nvr", tls_subject=hik_tls,
                       realm="DS-7608NI-E2", notes="NVR: DNVRS-Webs server and the default DVRNVR certificate (recog x509_subjects)."))
    P.append(hikvision("hikvision-ds2cd2143g0-unactivated", "DS-2CD2143G0-I", "V5.5.82", "build 190120", "V7.3, build 190115",
                       "44:47:cc:3b:41:43", 23, activated=False, sn_date="20190301",
                       expect_findings=["not-activated"],
                       notes="Factory-fresh: SADP Activated=false and ISAPI answers notActivated (https://github.com/koush/scrypted/blob/main/plugins/hikvision/src/probe.ts)."))
    P.append(hikvision("hikvision-ds7204huhi-dvr", "DS-7204HUHI-K1", "V4.0.1", "build 180710", "V5.0, build 180628",
                       "e0:ca:3c:72:04:01", 24, server="DVRDVS-Webs", kind="dvr", realm="DS-7204HUHI-K1",
                       extra=[r("telnet", "\r\n192.0.0.64 login: ", 23, "")],
                       expect_findings=["telnet-open"],
                       notes="Telnet-open DVR: the 192.0.0.64 login prompt (recog telnet_banners.xml)."))
    P.append(hikvision("hilook-ipc-b140h", "IPC-B140H", "V5.5.800", "build 190819", "V7.3, build 190812",
                       "a4:14:37:b1:40:01", 25, brand="HiLook", onvif_name="HiLook", oem="HiLook",
                       notes="HiLook is Hikvision's budget label: same SADP/ISAPI stack [unc: OEMInfo value illustrative]."))
    P.append(hikvision("ezviz-cs-c3n", "CS-C3N-A0-3H2WFRL", "V5.2.7", "build 200331", "V7.3, build 200320",
                       "64:f2:fb:c3:0c:01", 26, brand="EZVIZ", onvif_name="EZVIZ", oem="EZVIZ",
                       notes="EZVIZ (Hikvision subsidiary, own OUI 64:F2:FB) [unc: exact SADP fields of EZVIZ units]."))
    old_default = hikvision("hikvision-ds2cd2132f-v520", "DS-2CD2132F-IS", "V5.2.0", "build 140721", "V5.0, build 140714",
                            "28:57:be:21:32:01", 27, sn_date="20141001", expect_findings=["cve:CVE-2017-7921", "cve:CVE-2017-7923"],
                            notes="Pre-activation firmware (before V5.3.0, 2015) still on the factory admin/12345: "
                                  "`netscan scan --check-default-credentials` makes one Basic-auth attempt on "
                                  "/ISAPI/Security/userCheck and reports default-password. CVE-2017-7921 range starts "
                                  "at V5.2.0 build 140721 (NVD).")
    old_default["login"] = {"request": "GET /ISAPI/Security/userCheck", "user": "admin", "password": "12345",
                            "realm": "DS-2CD2132F-IS",
                            "source": "https://adssystems.pl/poradniki/aktywacja-urzadzen-hikvision/"}
    P.append(old_default)
    # --- Dahua and relabels
    P.append(dahua("dahua-ipc-hfw3441e-vuln", "IPC-HFW3441E-AS", "2.800.0000000.16.R", "2020-06-11", "3c:ef:8c:34:41:01", 30,
                   expect_findings=["cve:CVE-2021-33044", "cve:CVE-2021-33045"],
                   notes="IPC-HX3xxx before 2.800.0000000.29.R.210630 (CVE-2021-33044/33045). Anonymous snapshot "
                         "access left on: /cgi-bin/snapshot.cgi returns a picture without credentials."))
    open_snapshot(P[-1], 80, "/cgi-bin/snapshot.cgi")
    P.append(dahua("dahua-ipc-hfw3441e-patched", "IPC-HFW3441E-AS", "2.800.0000000.31.R", "2021-10-20", "3c:ef:8c:34:41:02", 31,
                   notes="Same model after the fix (build 211020 > 210630)."))
    P.append(dahua("dahua-nvr4108hs", "DHI-NVR4108HS-4KS2", "4.001.0000000.1.R", "2020-11-02", "e0:50:8b:41:08:01", 32,
                   kind="nvr", channels=8, expect_findings=["cve:CVE-2021-33045"],
                   notes="NVR-4xxx before 4.001.0000005.1.R.210713 (CVE-2021-33045)."))
    P.append(dahua("lorex-lnb8973b", "LNB8973B", "2.460.0001.5.R", "2017-08-11", "00:1f:54:2d:3d:1b", 33, vendor="LOREX",
                   brand="Lorex", onvif_name="LOREX", serial="ND021808019141", info=("LOREX", "LNB8973B"),
                   manufacturer="LOREX",
                   notes="GetDeviceInformation values and MAC from a real Lorex unit (Smart-City-Sample README)."))
    P[-1]["source"].insert(0, SRC_LOREX)
    P[-1]["hostname"] = "LNB8973B"
    P.append(dahua("amcrest-ip8m-2496eb", "IP8M-2496EB", "2.800.00AC006.0.R", "2020-01-13", "9c:8e:cd:24:96:01", 34,
                   vendor="Amcrest", brand="Amcrest", onvif_name="Amcrest", upper=True, manufacturer="Amcrest",
                   notes="Amcrest (Dahua platform): upper-case HTTP header names (nmap's Amcrest matches)."))
    # --- other camera makers
    P.append(generic("uniview-ipc322lr3", "Uniview", "IPC322LR3-VSPF28-D", "IPC_G6103-B6103.16.10.B25.201218",
                     "48:ea:63:32:20:01", 40, server="", title="Web Client", realm="e3ad2b3b6c0d9e8f", rtsp_path="/unicast/c1/s0/live",
                     onvif_name="IPC", info=True, expect_findings=["cve:CVE-2021-45039"],
                     extra=[r("http", http("401 Unauthorized", [("WWW-Authenticate", 'Digest realm="e3ad2b3b6c0d9e8f", qop="auth", nonce="c2a1b3"'), ("Content-Length", "0")], "", length=False), 80, "GET /LAPI/V1.0/System/DeviceInfo")],
                     sources=["https://github.com/apache/hertzbeat/blob/master/home/docs/help/uniview.md"],
                     notes="Firmware from the CVE-2021-45039 NVD record; web realm value illustrative [unc]."))
    axis_mac = "ac:cc:8e:7a:1b:2c"
    axis_info = json.dumps({"apiVersion": "1.0", "context": "", "data": {"propertyList": {
        "Brand": "AXIS", "BuildDate": "Jun 13 2023 09:55", "HardwareID": "7C2.1", "ProdFullName": "AXIS M3045-V Network Camera",
        "ProdNbr": "M3045-V", "ProdShortName": "AXIS M3045-V", "ProdType": "Network Camera", "ProdVariant": "",
        "SerialNumber": "ACCC8E7A1B2C", "Soc": "Ambarella S2L", "SocSerialNumber": "00000000-00000000-0000000000000000",
        "Version": "9.80.3.8", "WebURL": "http://www.axis.com"}}}, indent=2)
    P.append(generic("axis-m3045v", "Axis", "M3045-V", "9.80.3.8", axis_mac, 41, brand="AXIS", server="Apache",
                     title="AXIS", realm="AXIS_ACCC8E7A1B2C", rtsp_path="/axis-media/media.amp", onvif_name="AXIS",
                     tls_subject="CN=axis-accc8e7a1b2c,O=Axis Communications AB", hostname="axis-accc8e7a1b2c",
                     vendor_class="AXIS,Fixed Dome Camera,M3045-V,9.80.3.8",
                     extra=[r("http", http("200 OK", [("Content-Type", "application/json"), ("Connection", "close")], axis_info), 80,
                              "POST /axis-cgi/basicdeviceinfo.cgi"),
                            r("mdns", "_axis-video._tcp.local. PTR AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local.\n"
                                      "AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. SRV 0 0 80 axis-accc8e7a1b2c.local.\n"
                                      'AXIS M3045-V - ACCC8E7A1B2C._axis-video._tcp.local. TXT "macaddress=ACCC8E7A1B2C"\n'
                                      "axis-accc8e7a1b2c.local. A 192.168.1.41", 5353, "_axis-video._tcp.local."),
                            r("ssdp", "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://192.168.1.41:49152/rootdesc1.xml\r\n"
                                      "SERVER: Linux/4.9.118-axis1, UPnP/1.0, Portable SDK for UPnP devices/1.8.4\r\nST: upnp:rootdevice\r\n"
                                      "USN: uuid:Upnp-BasicDevice-1_0-ACCC8E7A1B2C::upnp:rootdevice\r\n\r\n", 1900, "M-SEARCH upnp:rootdevice"),
                            r("upnp", '<?xml version="1.0"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0">\n<specVersion><major>1</major><minor>0</minor></specVersion>\n'
                                      "<device>\n<deviceType>urn:axis-com:device:Basic:1</deviceType>\n<friendlyName>AXIS M3045-V - ACCC8E7A1B2C</friendlyName>\n"
                                      "<manufacturer>AXIS</manufacturer>\n<manufacturerURL>http://www.axis.com/</manufacturerURL>\n"
                                      "<modelDescription>AXIS M3045-V Fixed Dome Network Camera</modelDescription>\n<modelName>AXIS M3045-V</modelName>\n"
                                      "<modelNumber>M3045-V</modelNumber>\n<serialNumber>ACCC8E7A1B2C</serialNumber>\n"
                                      "<UDN>uuid:Upnp-BasicDevice-1_0-ACCC8E7A1B2C</UDN>\n<presentationURL>http://192.168.1.41:80/</presentationURL>\n</device>\n</root>\n",
                              49152, "GET /rootdesc1.xml")],
                     sources=[SRC_AXIS, SRC_US + "Axis.selftest", SRC_RECOG + "x509_subjects.xml", SRC_RECOG + "http_servers.xml (Linux/<kernel>-axis)"],
                     notes="basicdeviceinfo answers anonymously by default (VAPIX); realm form from SharpRTSP comments."))
    P.append(generic("hanwha-xnd6080r", "Hanwha Vision", "XND-6080R", "2.21.02_20230522", "e4:30:22:60:80:01", 42, brand="Hanwha Vision",
                     server="", title="Hanwha Techwin", realm="NET-i", onvif_name="Hanwha%20Vision", rtsp_path="/profile2/media.smp",
                     sources=[SRC_RECOG + "html_title.xml", SRC_NMAP + " (realm NET-i)"], notes="Title and RTSP realm as recog/nmap list them."))
    P.append(generic("bosch-videojet-multi-4000", "Bosch", "VIDEOJET multi 4000", "7.10.0095", "00:04:63:40:00:01", 43,
                     kind="encoder", server="VCS-VideoJet-Webserver", title="VIDEOJET multi 4000", realm="Use 'live' as User Name and your password",
                     rtsp_path="/rtsp_tunnel", onvif_name="Bosch", tls_subject="CN=*.myboschcam.net,O=Bosch Sicherheitssysteme",
                     open_ports=[1756],
                     extra=[r("telnet", "Welcome to VIDEOJET multi 4000 7.10.0095 from 192.168.1.43\r\n", 23, "")],
                     sources=[SRC_RECOG + "http_servers.xml", SRC_RECOG + "telnet_banners.xml", SRC_RECOG + "x509_subjects.xml"],
                     expect_findings=["telnet-open"]))
    P.append(generic("vivotek-fd9167-ht", "Vivotek", "FD9167-HT", "FD9167-VVTK-0201a", "00:02:d1:91:67:01", 44, server="Vivotek Network Camera",
                     title="VIVOTEK Inc. FD9167-HT", realm="streaming_server", rtsp_path="/live.sdp",
                     sources=[SRC_NMAP + " (Vivotek Network Camera)"]))
    P.append(generic("reolink-rlc410w", "Reolink", "RLC-410W", "v2.0.0.647_20031201", "ec:71:db:41:0a:01", 45, server="nginx",
                     title="Reolink", realm="LIVE555 Streaming Media", info=True, open_ports=[9000, 1935],
                     rtsp_server="Reolink RTSP Server", onvif_port=8000, rtsp_path="/h264Preview_01_main",
                     cloud=["p2p.reolink.com"], expect_findings=["cve:CVE-2021-40407"],
                     sources=["https://github.com/thirtythreeforty/neolink/blob/master/README.md"],
                     notes="KEV-listed model; firmware string format from Reolink release notes [unc exact build]. "
                           "v2.0.0.647 is inside CVE-2021-40407 (through v3.0.0.136) but after CVE-2019-11001's "
                           "last affected 1.0.227 (NVD), so only the former applies."))
    xm_mac = "00:12:41:8d:5f:01"
    P.append(skew_clock(generic("xiongmai-dvr-ahb7004", "Xiongmai", "AHB7004T-GS-V5", "V4.02.R11.A6420136.10001.130800.0000000",
                     xm_mac, 50, kind="dvr", brand="Xiongmai", server="uc-httpd 1.0.0", title="NETSurveillance WEB", realm=None,
                     rtsp_path="/user=admin&password=&channel=1&stream=0.sdp", info=True, onvif_port=8899, open_ports=[34567, 9530],
                     hostname="LocalHost", cloud=["pub-cfg.secu100.net", "mac.secu100.net", "access-dss.secu100.net"],
                     extra=[r("telnet", "\r\n(none) login: ", 23, ""),
                            r("xmeye", xmeye_json(xm_mac, "0x3201A8C0", "1b3a8f9c2d4e5f60", 1, "2020-08-13 14:27:05", "LocalHost"),
                              34569, "1530")],
                     sources=[SRC_XET, SRC_PYDVR, SRC_NUMEN, SRC_RECOG + "html_title.xml", SRC_RECOG + "telnet_banners.xml"],
                     expect_findings=["telnet-open", "rtsp-unauthenticated", "cve:CVE-2018-17919"],
                     notes="White-label board: the OUI is the board maker's, never Xiongmai's (none registered). DESCRIBE answers "
                           "without credentials. Its clock runs 400 days behind (no NTP), as unattended DVRs' often do."),
                     -400 * 86400))
    P.append(generic("xiongmai-ipc-xm530", "Xiongmai", "IPC-XM530-80X20", "V5.00.R02.000807D8.10010.346632.S.000.",
                     "00:12:41:8d:5f:02", 51, brand="Xiongmai", server="uc-httpd 1.0.0", title="NETSurveillance WEB",
                     realm="Login", info=True, onvif_port=8899, open_ports=[34567, 9530], hostname="LocalHost",
                     cloud=["pub-cfg.secu100.net", "caps.xmcsrv.net"],
                     extra=[r("xmeye", xmeye_json("00:12:41:8d:5f:02", "0x3301A8C0", "8a7c6b5d4e3f2a1b", 2, "2021-03-05 10:11:12", "LocalHost"),
                              34569, "1530")],
                     sources=[SRC_XET, SRC_PYDVR, SRC_NUMEN], expect_findings=["cve:CVE-2018-17919"]))
    onvif_open_media(P[-1], 8899, "/user=admin&password=&channel=1&stream=0.sdp?real_stream")
    P.append(generic("foscam-fi9821p", "Foscam", "FI9821P", "2.11.1.120", "e8:ab:fa:98:21:01", 52, server="",
                     title="IPCam Client", realm="Foscam", rtsp_server="HiIpcam/V100R003 VodServer/1.0.0", info=True, onvif_port=888,
                     rtsp_path="/videoMain", sources=[SRC_RECOG + "rtsp_servers.xml"],
                     notes="E8:AB:FA is ReeCam's OUI (Foscam's ODM) [unc]."))
    P.append(generic("tplink-tapo-c200", "TP-Link", "C200", "1.3.6 Build 230414 Rel.34720n", "50:c7:bf:c2:00:01", 53,
                     brand="tp-link", expect_brand="Tapo", server="", title="", realm="TP-LINK IP-Camera", onvif_port=2020, onvif_name="C200",
                     wsd_location="Hong Kong",
                     tls_subject="CN=TP-LINK IPC,O=TP-LINK,C=CN", hostname="C200", vendor_class="Tapo_C200",
                     open_ports=[8800], sources=["https://github.com/AlexxIT/go2rtc/blob/dc1685e/internal/tapo/README.md",
                                                 "https://github.com/JurajNyiri/HomeAssistant-Tapo-Control/issues/790 (WS-Discovery scopes name/<model>, hardware/<model>, location/Hong Kong)"],
                     notes="ONVIF on 2020, HTTPS API on 443 [unc: certificate subject]. The model is what the camera itself reports (C200, as in its WS-Discovery scopes and the Tapo API), not the marketing name 'Tapo C200'."))
    P.append(generic("ubiquiti-uvc-g3-flex", "Ubiquiti", "UVC-G3-Flex", "4.23.8", "24:5a:4c:a3:f1:01", 54, brand="Ubiquiti",
                     server="lighttpd/1.4.39", title="", realm="UniFi", tls_subject="CN=camera.ubnt.dev",
                     extra=[r("ssh", "SSH-2.0-dropbear_2017.75\r\n", 22, "")], hostname="UVC-G3-Flex",
                     sources=[SRC_RECOG + "x509_subjects.xml", SRC_RECOG + "html_title.xml"]))
    P.append(generic("mobotix-m16", "Mobotix", "M16", "MX-V4.4.2.73", "00:03:c5:16:16:01", 55, server="thttpd/2.19-MX Jan  9 2017",
                     title="Redirect to userimage: /control/userimage.html", realm="MOBOTIX Camera User", rtsp_path="/mobotix.mjpeg",
                     extra=[r("http", http("200 OK", [("Content-Type", "text/html")], "<html><head><title>M16 MOBOTIX</title></head></html>\n"), 80, "GET /control/userimage.html")],
                     sources=[SRC_RECOG + "html_title.xml", SRC_RECOG + "favicons.xml"]))
    P.append(generic("avigilon-h4-bullet", "Avigilon", "2.0C-H4A-BO1-IR", "4.10.0.38", "00:18:85:20:c4:01", 56, server="",
                     title="Avigilon", realm="Avigilon", rtsp_server="AvigilonOnvifNvt/4.10.0.38",
                     tls_subject="CN=AVIGILON-CAMERA-2.0C-H4A-BO1-IR-1234567,OU=Certification Manager,O=Avigilon Corporation",
                     rtsp_path="/defaultPrimary", sources=[SRC_RECOG + "rtsp_servers.xml", SRC_RECOG + "x509_subjects.xml"],
                     notes="Which OUI Avigilon cameras use is not established from a public source."))
    P.append(generic("ipro-wv-s2131l", "i-PRO", "WV-S2131L", "2.60", "00:80:f0:21:31:01", 57, brand="i-PRO", server="HTTPD",
                     title="WV-S2131L Network Camera", realm="Panasonic network device", rtsp_path="/MediaInput/h264",
                     sources=[SRC_NMAP + " (Panasonic HTTPD + <model> Network Camera title)"]))
    P.append(generic("sony-snc-vb770", "Sony", "SNC-VB770", "2.7.2", "08:00:46:77:00:01", 58, server="NetEVI/3.14",
                     title="Sony Network Camera SNC-VB770", realm="Sony Network Camera SNC-VB770",
                     rtsp_server="Linux/2.6.35.14_nl-xarina+ Ze-PRO", rtsp_path="/media/video1",
                     sources=[SRC_NMAP + " (NetEVI)", SRC_RECOG + "rtsp_servers.xml"]))
    P.append(generic("grandstream-gsc3610", "Grandstream", "GSC3610", "1.0.1.49", "00:0b:82:36:10:01", 59, server="",
                     title="Grandstream GSC3610", realm="Grandstream", rtsp_path="/0", info=True, hostname="GSC3610",
                     vendor_class="Grandstream GSC3610 dslforum.org",
                     sources=["https://www.grandstream.com/products/physical-security/ip-cameras/product/gsc3610"],
                     notes="[unc] banner strings; identification relies on ONVIF GetDeviceInformation."))
    P.append(generic("huawei-m2141-10-ei", "Huawei", "M2141-10-EI", "SDC 8.1.0.SPC100", "00:e0:fc:21:41:01", 60,
                     server="", title="HUAWEI IPC", realm="HuaweiSDC", rtsp_path="/LiveMedia/ch1/Media1", onvif_name="HUAWEI",
                     sources=["https://e.huawei.com/en/products/intelligent-vision"], expect_findings=["covered-vendor"],
                     notes="Huawei is a covered entity (NDAA §889); banner strings [unc]."))
    P.append(generic("hipcam-open-rtsp", "Hipcam", "C6F0SgZ3N0P8L0", "V9.1.6.1.10-20160511", "10:a4:be:6f:00:01", 61, brand="Hipcam",
                     server="", title="IPCAM", realm=None, rtsp_server="Hipcam RealServer/V1.0", rtsp_path="/11",
                     cloud=["hzqd.mycamdns.com", "hzusa.mycamdns.com"], expect_findings=["rtsp-unauthenticated"],
                     sources=[SRC_RECOG + "rtsp_servers.xml", "https://github.com/UND-ARC/IPCam/blob/master/meta/about.md"],
                     notes="Open RTSP stream: DESCRIBE answers 200 with SDP without credentials."))
    return P


def non_cameras() -> list[dict[str, Any]]:
    """Router (UPnP IGD mapping a port to a camera), printer, NAS, smart TV, PC."""
    out: list[dict[str, Any]] = []
    igd = ('<?xml version="1.0"?>\r\n<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>'
           "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><friendlyName>Archer C7</friendlyName>"
           "<manufacturer>TP-Link</manufacturer><manufacturerURL>http://www.tp-link.com</manufacturerURL>"
           "<modelDescription>AC1750 Wireless Dual Band Gigabit Router</modelDescription><modelName>Archer C7</modelName>"
           "<modelNumber>5.0</modelNumber><serialNumber>1.0</serialNumber><UDN>uuid:060b7353-fca6-4070-85f4-1fbfb9add62c</UDN>"
           "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><friendlyName>WANDevice</friendlyName>"
           "<manufacturer>TP-Link</manufacturer><modelName>Archer C7</modelName><UDN>uuid:060b7353-fca6-4070-85f4-1fbfb9add62d</UDN>"
           "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType><friendlyName>WANConnectionDevice</friendlyName>"
           "<manufacturer>TP-Link</manufacturer><modelName>Archer C7</modelName><UDN>uuid:060b7353-fca6-4070-85f4-1fbfb9add62e</UDN>"
           "<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
           "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><controlURL>/ctl/IPConn</controlURL>"
           "<eventSubURL>/evt/IPConn</eventSubURL><SCPDURL>/WANIPCn.xml</SCPDURL></service></serviceList>"
           "</device></deviceList></device></deviceList><presentationURL>http://192.168.1.1/</presentationURL></device></root>")
    mapping = ('<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
               's:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>'
               '<u:GetGenericPortMappingEntryResponse xmlns:u="urn:schemas-upnp-org:service:WANIPConnection:1">'
               "<NewRemoteHost></NewRemoteHost><NewExternalPort>8080</NewExternalPort><NewProtocol>TCP</NewProtocol>"
               "<NewInternalPort>80</NewInternalPort><NewInternalClient>192.168.1.20</NewInternalClient><NewEnabled>1</NewEnabled>"
               "<NewPortMappingDescription>HIKVISION_HTTP</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>"
               "</u:GetGenericPortMappingEntryResponse></s:Body></s:Envelope>\r\n")
    mapping2 = mapping.replace("<NewExternalPort>8080<", "<NewExternalPort>554<").replace("<NewInternalPort>80<", "<NewInternalPort>554<").replace("HIKVISION_HTTP", "HIKVISION_RTSP")
    soap_hdr = [("Content-Type", 'text/xml; charset="utf-8"'), ("Connection", "close"), ("Server", "Linux/3.3.8, UPnP/1.0, Portable SDK for UPnP devices/1.6.19"), ("EXT", "")]
    out.append({
        "name": "router-tplink-archer-c7", "ip": "192.168.1.1", "mac": "50:c7:bf:0a:c7:01", "ip_suffix": 2,
        "address_refs": {"192.168.1.20": "hikvision-ds2cd2032-v540"},
        "responses": [
            r("http", http("200 OK", [("Server", "Router Webserver"), ("Content-Type", "text/html"), ("Connection", "close")],
                           "<html><head><title>TL-WR Archer C7</title></head><body>Opening...</body></html>\n"), 80, "GET /"),
            r("ssdp", "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: upnp:rootdevice\r\nUSN: uuid:060b7353-fca6-4070-85f4-1fbfb9add62c::upnp:rootdevice\r\n"
                      "EXT:\r\nSERVER: Linux/3.3.8 UPnP/1.0 Portable SDK for UPnP devices/1.6.19\r\nLOCATION: http://192.168.1.1:1900/igd.xml\r\n\r\n", 1900, "M-SEARCH upnp:rootdevice"),
            r("ssdp", "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=120\r\nLOCATION: http://192.168.1.1:1900/igd.xml\r\n"
                      "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: Linux/3.3.8 UPnP/1.0 Portable SDK for UPnP devices/1.6.19\r\n"
                      "USN: uuid:060b7353-fca6-4070-85f4-1fbfb9add62c::upnp:rootdevice\r\n\r\n", 1900, "NOTIFY"),
            r("upnp", igd, 1900, "GET /igd.xml"),
            r("http", http("200 OK", soap_hdr, mapping), 1900, "POST /ctl/IPConn#GetGenericPortMappingEntry[0]"),
            r("http", http("200 OK", soap_hdr, mapping2), 1900, "POST /ctl/IPConn#GetGenericPortMappingEntry[1]"),
        ],
        "expect": {"vendor": "TP-Link", "brand": None, "model": "Archer C7", "firmware": None, "device_type": "router"},
        "expect_findings": ["upnp-port-forward"],
        "source": [SRC_UPNP_IGD, SRC_US + "SSDP.selftest", "http://upnp.org/specs/gw/UPnP-gw-WANIPConnection-v1-Service.pdf"],
        "notes": "UPnP IGD on port 1900 (TCP) whose port mappings point at the vulnerable Hikvision camera (8080->80, 554->554).",
    })
    out.append({
        "name": "printer-hp-laserjet-m404", "ip": "192.168.1.70", "mac": "3c:d9:2b:40:40:01", "ip_suffix": 70,
        "hostname": "HP3CD92B404001", "dhcp_vendor_class": "Hewlett-Packard JetDirect",
        "open_ports": [9100, 631],
        "responses": [
            r("http", http("200 OK", [("Server", "HP HTTP Server; HP LaserJet Pro M404dn - W1A53A; Serial Number: PHBBB12345; Built: Thu Jul 01, 2021 07:35:18AM {002_2126A}"),
                                      ("Content-Type", "text/html")], "<html><head><title>HP LaserJet Pro M404dn</title></head></html>\n"), 80, "GET /"),
            r("mdns", "_ipp._tcp.local. PTR HP LaserJet Pro M404dn [404001]._ipp._tcp.local.\n"
                      "HP LaserJet Pro M404dn [404001]._ipp._tcp.local. SRV 0 0 631 HP3CD92B404001.local.\n"
                      'HP LaserJet Pro M404dn [404001]._ipp._tcp.local. TXT "ty=HP LaserJet Pro M404dn" "usb_MFG=HP" "usb_MDL=HP LaserJet Pro M404dn" "rp=ipp/print"\n'
                      "HP3CD92B404001.local. A 192.168.1.70", 5353, "_ipp._tcp.local."),
        ],
        "expect": {"vendor": "HP", "brand": None, "model": "LaserJet Pro M404dn", "firmware": None, "device_type": "printer"},
        "expect_findings": [], "source": [SRC_NMAP + " (HP HTTP Server)", "https://developer.apple.com/bonjour/printing-specification/bonjourprinting-1.2.1.pdf"],
    })
    out.append({
        "name": "nas-synology-ds920", "ip": "192.168.1.71", "mac": "00:11:32:92:00:01", "ip_suffix": 71,
        "hostname": "DiskStation", "dhcp_vendor_class": "udhcp 1.30.1",
        "open_ports": [445, 5001],
        "responses": [
            r("http", http("200 OK", [("Server", "nginx"), ("Content-Type", "text/html; charset=\"UTF-8\"")],
                           "<!DOCTYPE html><html><head><title>Synology&nbsp;DiskStation</title></head><body></body></html>\n"), 5000, "GET /"),
            r("ssh", "SSH-2.0-OpenSSH_8.2\r\n", 22, ""),
            r("mdns", "_http._tcp.local. PTR DiskStation._http._tcp.local.\nDiskStation._http._tcp.local. SRV 0 0 5000 DiskStation.local.\n"
                      'DiskStation._http._tcp.local. TXT "vendor=Synology" "model=DS920+" "serial=2050PDN123456" "version_major=7" "version_minor=1" "mac_address=00:11:32:92:00:01"\n'
                      "DiskStation.local. A 192.168.1.71", 5353, "_http._tcp.local."),
        ],
        "expect": {"vendor": "Synology", "brand": None, "model": "DS920+", "firmware": None, "device_type": "nas"},
        "expect_findings": [], "source": ["https://kb.synology.com/en-global/DSM/tutorial/What_network_ports_are_used_by_Synology_services"],
    })
    tv_desc = ('<?xml version="1.0"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>'
               "<device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>[TV] Samsung Q60 Series (55)</friendlyName>"
               "<manufacturer>Samsung Electronics</manufacturer><manufacturerURL>http://www.samsung.com/sec</manufacturerURL>"
               "<modelDescription>Samsung TV DMR</modelDescription><modelName>QE55Q60AAU</modelName><modelNumber>AllShare1.0</modelNumber>"
               "<serialNumber>0AHX3ABR700123</serialNumber><UDN>uuid:ea8f6cde-3e3b-4a53-9f0a-5e1c2a3b4c5d</UDN></device></root>\n")
    out.append({
        "name": "tv-samsung-q60", "ip": "192.168.1.72", "mac": "8c:79:f5:60:00:01", "ip_suffix": 72,
        "hostname": "Samsung", "open_ports": [8001, 8002],
        "responses": [
            r("ssdp", "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: " + DATE + "\r\nEXT:\r\nLOCATION: http://192.168.1.72:9197/dmr\r\n"
                      "SERVER: SHP, UPnP/1.0, Samsung UPnP SDK/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:ea8f6cde-3e3b-4a53-9f0a-5e1c2a3b4c5d::upnp:rootdevice\r\n\r\n",
              1900, "M-SEARCH upnp:rootdevice"),
            r("ssdp", "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://192.168.1.72:9197/dmr\r\n"
                      "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: SHP, UPnP/1.0, Samsung UPnP SDK/1.0\r\nUSN: uuid:ea8f6cde-3e3b-4a53-9f0a-5e1c2a3b4c5d::upnp:rootdevice\r\n\r\n",
              1900, "NOTIFY"),
            r("upnp", tv_desc, 9197, "GET /dmr"),
        ],
        "expect": {"vendor": "Samsung Electronics", "brand": None, "model": "QE55Q60AAU", "firmware": None, "device_type": "tv"},
        "expect_findings": [], "source": [SRC_NMAP + " (Samsung UPnP SDK)"],
    })
    out.append({
        "name": "pc-windows-desktop", "ip": "192.168.1.73", "mac": "f8:b1:56:73:00:01", "ip_suffix": 73,
        "hostname": "DESKTOP-7Q4K2LM", "dhcp_vendor_class": "MSFT 5.0", "open_ports": [135, 139, 445],
        "responses": [r("dhcp", "hostname: DESKTOP-7Q4K2LM\nvendor_class: MSFT 5.0", None, "")],
        "cloud_domains": ["www.msftconnecttest.com", "settings-win.data.microsoft.com"],
        "expect": {"vendor": "Dell", "brand": None, "model": None, "firmware": None, "device_type": "pc"},
        "expect_findings": [], "source": ["https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/dhcp-client-vendor-class"],
        "notes": "Windows PC: only SMB/RPC ports and a DHCP request with vendor class MSFT 5.0.",
    })
    return out


def hostile() -> list[dict[str, Any]]:
    """Devices that try to break the scanner (never the emulator)."""
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
            + "]>\n")
    out: list[dict[str, Any]] = []
    out.append({
        "name": "hostile-malformed", "ip": "192.168.1.80", "mac": "02:4e:53:00:00:80", "ip_suffix": 80, "hostile": True,
        "responses": [
            r("http", "HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\nContent-Length: 99999\r\nContent-Type: text/html\r\n\r\n<html><head><title>trunc", 80, "GET /"),
            r("http", "HTTP/1.1 2", 80, "GET /ISAPI/System/deviceInfo"),
            r("http", "\x00\x01\x02\xff\xfe garbage \r\n\r\n", 80, "*"),
            r("onvif", '<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>Hik', 80, "GetDeviceInformation"),
            r("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: -5\r\nPublic: OPTIONS\r\n", 554, "OPTIONS"),
            r("rtsp", "RTSP/9.9 999\r\n\r\n", 554, "DESCRIBE"),
            r("wsd", "<?xml version='1.0'?><env:Envelope><env:Body><d:ProbeMatches><d:ProbeMatch><d:Scopes>onvif://www.onvif.org/hardware/", 3702, "Probe"),
            r("sadp", "<?xml version=\"1.0\"?><ProbeMatch><DeviceDescription>DS-<</DeviceDescription><SoftwareVersion>", 37020, "Probe"),
            {**r("dhip", "\x20\x00\x00\x00DHIP\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\x7f\x00\x00\x00\x00\xff\xff\xff\x7f\x00\x00\x00\x00{\"mac\":\"02:4e:53\",\"params\":{\"deviceInfo\":[1,2,", 37810, "DHDiscover.search"), "verbatim": True},
            {**r("xmeye", "\xff\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xfb\x05\xff\xff\xff\xff{\"NetWork.NetCommon\" : {\"HostName\" : ", 34569, "1530"), "verbatim": True},
            r("telnet", "\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfa\x18\x01", 23, ""),
        ],
        "expect": {"vendor": "Hikvision", "brand": None, "model": None, "firmware": None, "device_type": "camera"},
        "expect_findings": [], "source": "netscan lab: a Hikvision-looking device with broken firmware; hand-made malformed and truncated replies (RFC 9112 framing errors, cut XML/JSON, binary garbage).",
    })
    out.append({
        "name": "hostile-huge-body", "ip": "192.168.1.81", "mac": "02:4e:53:00:00:81", "ip_suffix": 81, "hostile": True,
        "behaviour": "huge-body", "huge_body_bytes": 50 * 1024 * 1024,
        "responses": [r("http", f"HTTP/1.1 200 OK\r\nServer: Boa/0.94.14rc21\r\nContent-Type: text/html\r\nContent-Length: {50 * 1024 * 1024 + 6}\r\n\r\n<html>", 80, "*")],
        "expect": {"vendor": None, "brand": None, "model": None, "firmware": None, "device_type": "unknown"},
        "expect_findings": [], "source": "netscan lab: a 50 MB HTTP body (the issue's size).",
    })
    out.append({
        "name": "hostile-never-answer", "ip": "192.168.1.82", "mac": "02:4e:53:00:00:82", "ip_suffix": 82, "hostile": True,
        "behaviour": "never-answer", "open_ports": [80, 554, 8000, 37777],
        "responses": [],
        "expect": {"vendor": None, "brand": None, "model": None, "firmware": None, "device_type": "unknown"},
        "expect_findings": [], "source": "netscan lab: accepts TCP connections and never sends a byte.",
    })
    out.append({
        "name": "hostile-slow-drip", "ip": "192.168.1.83", "mac": "02:4e:53:00:00:83", "ip_suffix": 83, "hostile": True,
        "behaviour": "slow-drip",
        "responses": [r("http", http("200 OK", [("Server", "thttpd/2.25b"), ("Content-Type", "text/html")], "<html><head><title>slow</title></head></html>\n" * 8), 80, "*"),
                      r("rtsp", rtsp("200 OK", [("Public", "OPTIONS, DESCRIBE")]), 554, "OPTIONS")],
        "expect": {"vendor": None, "brand": None, "model": None, "firmware": None, "device_type": "unknown"},
        "expect_findings": [], "source": "netscan lab: sends its replies one byte every 0.25 s.",
    })
    esc = "\x1b"
    out.append({
        "name": "hostile-ansi-markup", "ip": "192.168.1.84", "mac": "02:4e:53:00:00:84", "ip_suffix": 84, "hostile": True,
        "hostname": f"cam{esc}[2J{esc}[31m[bold red]PWNED[/bold red]",
        "responses": [
            r("telnet", f"{esc}[2J{esc}[H{esc}[5;31mWARNING{esc}[0m [bold red]rich markup[/] [link=http://evil.example/]click[/link] "
                        f"{esc}]8;;http://evil.example/{esc}\\hyperlink{esc}]8;;{esc}\\ {esc}]0;new window title\x07 <script>alert(1)</script>\r\nlogin: ", 23, ""),
            r("http", http("200 OK", [("Server", f"{esc}[31mApp-webs/{esc}[0m [bold]x[/bold]"), ("Content-Type", "text/html")],
                           f"<html><head><title>{esc}[1;33m[blink]Camera[/blink] &lt;b&gt; <script>alert('x')</script></title></head></html>\n"), 80, "GET /"),
            r("ssh", f"SSH-2.0-{esc}[31mEvil{esc}[0m_[red]ssh[/red]\r\n", 22, ""),
            r("ssdp", f"HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nSERVER: {esc}]0;owned\x07[bold]Linux[/bold]\r\nLOCATION: http://192.168.1.84/desc.xml\r\nUSN: uuid:{esc}[2J::upnp:rootdevice\r\n\r\n", 1900, "M-SEARCH upnp:rootdevice"),
        ],
        "expect": {"vendor": None, "brand": None, "model": None, "firmware": None, "device_type": "unknown"},
        "expect_findings": [], "source": "netscan lab: ANSI CSI/OSC sequences, rich markup and HTML in every banner (STYLE.md §6).",
    })
    out.append({
        "name": "hostile-xml-bomb", "ip": "192.168.1.85", "mac": "02:4e:53:00:00:85", "ip_suffix": 85, "hostile": True,
        "responses": [
            r("onvif", bomb + "<Envelope><Body><GetDeviceInformationResponse><Manufacturer>&lol9;</Manufacturer></GetDeviceInformationResponse></Body></Envelope>", 80, "GetDeviceInformation"),
            r("onvif", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Envelope><Body><GetSystemDateAndTimeResponse>&xxe;</GetSystemDateAndTimeResponse></Body></Envelope>', 80, "GetSystemDateAndTime"),
            r("upnp", bomb + "<root><device><manufacturer>&lol9;</manufacturer></device></root>", 80, "GET /desc.xml"),
            r("ssdp", "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOCATION: http://192.168.1.85:80/desc.xml\r\nSERVER: Linux UPnP/1.0\r\nUSN: uuid:bomb::upnp:rootdevice\r\n\r\n", 1900, "M-SEARCH upnp:rootdevice"),
            r("wsd", bomb + "<Envelope><Body><ProbeMatches><ProbeMatch><Scopes>&lol9;</Scopes><XAddrs>http://192.168.1.85/onvif/device_service</XAddrs></ProbeMatch></ProbeMatches></Body></Envelope>", 3702, "Probe"),
            r("sadp", bomb + "<ProbeMatch><DeviceDescription>&lol9;</DeviceDescription></ProbeMatch>", 37020, "Probe"),
        ],
        "expect": {"vendor": None, "brand": None, "model": None, "firmware": None, "device_type": "unknown"},
        "expect_findings": [], "source": "netscan lab: billion-laughs entity expansion and an external entity (defusedxml must refuse both).",
    })
    return out


def add_certificate(p: dict[str, Any]) -> None:
    """Give a profile with ``tls_subject`` its own certificate: a ``tls`` response (PEM) + ``tls_key``."""
    from netscan.lab.emulator.tlscert import make_pem

    if not p.get("tls_subject") or any(r["protocol"] == "tls" for r in p["responses"]):
        return
    cert_pem, key_pem = make_pem(p["tls_subject"], seed="netscan-lab:" + p["name"])
    p["responses"].append(r("tls", cert_pem, 443, ""))
    p["tls_key"] = key_pem


def add_dhcp(p: dict[str, Any]) -> None:
    """Record the DHCP request the emulator sends from ``hostname``/``dhcp_vendor_class`` as a ``dhcp``
    response, so offline identification sees what a passive listener in the lab hears."""
    if p.get("hostile") or any(x["protocol"] == "dhcp" for x in p["responses"]):
        return
    lines = [f"{k}: {p[key]}" for k, key in (("hostname", "hostname"), ("vendor_class", "dhcp_vendor_class")) if p.get(key)]
    if lines:
        p["responses"].append(r("dhcp", "\n".join(lines), None, ""))


def reachable_expect(p: dict[str, Any]) -> None:
    """Drop ``model``/``firmware`` expectations no recorded response reveals (nothing could reach them)."""
    text = "".join(str(x["raw"]) for x in p["responses"]).replace(" ", "")
    for key in ("model", "firmware"):
        value = p["expect"].get(key)
        if value and value.replace(" ", "") not in text:  # SADP writes "V5.4.0build 160401"
            del p["expect"][key]


def expect_open_onvif(p: dict[str, Any]) -> None:
    """A profile whose ONVIF GetDeviceInformation answers without credentials expects the finding."""
    for resp in p.get("responses", []):
        if resp["protocol"] == "onvif" and resp["request"] == "GetDeviceInformation" and "Fault" not in resp["raw"] \
                and "GetDeviceInformationResponse" in resp["raw"] and not p.get("hostile"):
            p["expect_findings"] = sorted(set(p.get("expect_findings", [])) | {"onvif-unauthenticated"})


def main() -> int:
    """Write every profile as ``<name>.json``; remove stale ones."""
    OUT.mkdir(parents=True, exist_ok=True)
    allp = profiles() + non_cameras() + hostile()
    for p in allp:
        add_certificate(p)
        add_dhcp(p)
        reachable_expect(p)
        expect_open_onvif(p)
    names = set()
    for p in allp:
        names.add(p["name"])
        (OUT / f"{p['name']}.json").write_text(json.dumps(p, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for f in OUT.glob("*.json"):
        if f.stem not in names:
            f.unlink()
    print(f"{len(allp)} profiles written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
