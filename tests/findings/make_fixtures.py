"""Regenerate tests/findings/fixtures/*.json: python tests/findings/make_fixtures.py (certificates are new each run).

Each fixture is one device in the observation format with real-shaped responses (SADP, DHIP, XMEye,
HTTP, RTSP, ONVIF SOAP, UPnP IGD SOAP, TLS PEM) and an ``expect_findings`` list: the exact set of
finding ids (CVE ids for vulnerability findings) ``assess`` must produce for it.
"""
import json
import datetime as dt
from pathlib import Path
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

OUT = Path(__file__).resolve().parent / "fixtures"
OUT.mkdir(parents=True, exist_ok=True)

def name(**kw):
    oids = {"C": NameOID.COUNTRY_NAME, "O": NameOID.ORGANIZATION_NAME, "CN": NameOID.COMMON_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME}
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in kw.items()])

def cert(subject, issuer, nb, na, key, sign_key):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
         .serial_number(x509.random_serial_number()).not_valid_before(nb).not_valid_after(na))
    return b.sign(sign_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()

U = dt.timezone.utc
ca_key = ec.generate_private_key(ec.SECP256R1())
k1 = ec.generate_private_key(ec.SECP256R1())
CA_SIGNED = cert(name(O="Example Corp", CN="cam-lobby.example.internal"), name(O="Example Corp", CN="Example Corp Internal CA"),
                 dt.datetime(2025, 1, 1, tzinfo=U), dt.datetime(2030, 1, 1, tzinfo=U), k1, ca_key)
k2 = ec.generate_private_key(ec.SECP256R1())
HIK_SELF = cert(name(C="CN", O="HIKVISION", CN="192.168.1.65"), name(C="CN", O="HIKVISION", CN="192.168.1.65"),
                dt.datetime(2019, 6, 1, tzinfo=U), dt.datetime(2029, 5, 30, tzinfo=U), k2, k2)
k3 = ec.generate_private_key(ec.SECP256R1())
DAHUA_EXPIRED = cert(name(C="CN", O="General", CN="192.168.1.108"), name(C="CN", O="General", CN="192.168.1.108"),
                     dt.datetime(2019, 5, 1, tzinfo=U), dt.datetime(2022, 5, 1, tzinfo=U), k3, k3)

def http(status, headers, body=""):
    reason = {200: "OK", 302: "Found", 401: "Unauthorized", 404: "Not Found"}[status]
    h = "".join(f"{k}: {v}\r\n" for k, v in headers)
    if body:
        h += f"Content-Length: {len(body.encode('latin-1'))}\r\n"
    return f"HTTP/1.1 {status} {reason}\r\n{h}\r\n{body}"

def rtsp(status, headers, body=""):
    reason = {200: "OK", 401: "Unauthorized"}[status]
    h = "".join(f"{k}: {v}\r\n" for k, v in headers)
    if body:
        h += f"Content-Length: {len(body)}\r\n"
    return f"RTSP/1.0 {status} {reason}\r\n{h}\r\n{body}"

def sadp(model, sn, mac, ip, sw, activated, hc_enable):
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ProbeMatch><Uuid>6F2E1C3A-8B7D-4E21-9A55-0C1D2E3F4A5B</Uuid>"
            "<Types>inquiry</Types><DeviceType>138</DeviceType>"
            f"<DeviceDescription>{model}</DeviceDescription><DeviceSN>{sn}</DeviceSN><CommandPort>8000</CommandPort>"
            f"<HttpPort>80</HttpPort><MAC>{mac.replace(':', '-')}</MAC><IPv4Address>{ip}</IPv4Address>"
            "<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask><IPv4Gateway>192.168.1.1</IPv4Gateway><IPv6Address>::</IPv6Address>"
            "<IPv6Gateway>::</IPv6Gateway><IPv6MaskLen>64</IPv6MaskLen><DHCP>false</DHCP><AnalogChannelNum>0</AnalogChannelNum>"
            f"<DigitalChannelNum>1</DigitalChannelNum><SoftwareVersion>{sw}</SoftwareVersion><DSPVersion>V7.3 build 190107</DSPVersion>"
            "<BootTime>2026-11-01 08:14:02</BootTime><Encrypt>true</Encrypt><ResetAbility>false</ResetAbility><DiskNumber>0</DiskNumber>"
            f"<Activated>{activated}</Activated><PasswordResetAbility>true</PasswordResetAbility><PasswordResetModeSecond>true</PasswordResetModeSecond>"
            f"<SupportHCPlatform>true</SupportHCPlatform><HCPlatformEnable>{hc_enable}</HCPlatformEnable></ProbeMatch>")

def onvif_time(y, mo, d, h, mi, s):
    body = (f"<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
            f"<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8:00:00</tt:TZ></tt:TimeZone>"
            f"<tt:UTCDateTime><tt:Time><tt:Hour>{h}</tt:Hour><tt:Minute>{mi}</tt:Minute><tt:Second>{s}</tt:Second></tt:Time>"
            f"<tt:Date><tt:Year>{y}</tt:Year><tt:Month>{mo}</tt:Month><tt:Day>{d}</tt:Day></tt:Date></tt:UTCDateTime>"
            f"</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>")
    return envelope(body)

def envelope(body):
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
            "xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" xmlns:ter=\"http://www.onvif.org/ver10/error\">"
            f"<env:Body>{body}</env:Body></env:Envelope>")

def onvif_fault():
    return envelope("<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value>"
                    "</env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">Sender not Authorized</env:Text></env:Reason></env:Fault>")

def onvif_devinfo(man, model, fw, sn, hw):
    return envelope(f"<tds:GetDeviceInformationResponse><tds:Manufacturer>{man}</tds:Manufacturer><tds:Model>{model}</tds:Model>"
                    f"<tds:FirmwareVersion>{fw}</tds:FirmwareVersion><tds:SerialNumber>{sn}</tds:SerialNumber>"
                    f"<tds:HardwareId>{hw}</tds:HardwareId></tds:GetDeviceInformationResponse>")

def sdp(server, ip):
    return (f"v=0\r\no=- 1109162014219182 0 IN IP4 {ip}\r\ns={server}\r\ne=NONE\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            "a=control:*\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=video\r\n")

def R(protocol, port, request, raw):
    return {"protocol": protocol, "port": port, "request": request, "raw": raw}

def write(name, obs):
    (OUT / f"{name}.json").write_text(json.dumps(obs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

OBS_AT = "2026-11-23T12:00:00Z"
HIK_LOGIN = ("<!DOCTYPE html>\n<html>\n<head>\n<title></title>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
             "<script>window.location.href = \"doc/page/login.asp?_\" + (new Date()).getTime();</script>\n</head>\n<body>\n</body>\n</html>\n")
DATE = ("Date", "Mon, 23 Nov 2026 12:00:00 GMT")

# A. Hikvision DS-2CD2032F-I on V5.3.0 build 150513: CVE-2017-7921 range, open RTSP, telnet, HTTP only.
ip = "192.168.1.64"
mac = "c0:56:e3:12:34:56"
write("hikvision-ds2cd2032f-i_v5.3.0-exposed", {
    "description": "Hikvision DS-2CD2032F-I on V5.3.0 build 150513 (CVE-2017-7921 range), RTSP open, telnet, HTTP only, clock years off; the gateway forwards ports 8080 and 554 to it.",
    "ip": ip, "mac": mac, "observed_at": OBS_AT, "open_ports": [23, 80, 554, 8000],
    "responses": [
        R("sadp", 37020, "inquiry", sadp("DS-2CD2032F-I", "DS-2CD2032F-I20150601AAWR512345678", mac, ip, "V5.3.0build 150513", "true", "false")),
        R("http", 80, "GET /", http(200, [("Server", "App-webs/"), DATE, ("Content-Type", "text/html")], HIK_LOGIN)),
        R("http", 80, "GET /ISAPI/System/deviceInfo", http(401, [DATE, ("Server", "App-webs/"), ("WWW-Authenticate", 'Digest qop="auth", realm="IP Camera(12345)", nonce="4e5749304e7a5a6c4e5751364e6a59784f44526b4d6a593d", stale="FALSE"')])),
        R("rtsp", 554, "OPTIONS rtsp://192.168.1.64:554/", rtsp(200, [("CSeq", "1"), ("Public", "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER"), DATE])),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.64:554/Streaming/Channels/101", rtsp(200, [("CSeq", "2"), ("Content-Type", "application/sdp"), ("Content-Base", "rtsp://192.168.1.64:554/Streaming/Channels/101/"), DATE], sdp("Media Presentation", ip))),
        R("telnet", 23, "", "\r\n192.0.0.64 login: "),
        R("onvif", 80, "GetSystemDateAndTime", onvif_time(2016, 3, 4, 9, 15, 0)),
    ],
    "expect_findings": ["CVE-2017-7921", "CVE-2017-7923", "rtsp-unauthenticated", "telnet-open", "cleartext-admin", "discovery-serial-exposed", "clock-skew", "covered-vendor", "upnp-port-forward"],
})

# B. Same model, patched and configured well.
write("hikvision-ds2cd2032f-i_v5.4.5-patched", {
    "description": "Hikvision DS-2CD2032F-I on V5.4.5 build 170123: RTSP needs digest auth, HTTP redirects to HTTPS with a CA-signed certificate, clock in sync.",
    "ip": "192.168.1.66", "mac": "c0:56:e3:12:34:66", "observed_at": OBS_AT, "open_ports": [80, 443, 554, 8000],
    "responses": [
        R("sadp", 37020, "inquiry", sadp("DS-2CD2032F-I", "DS-2CD2032F-I20160801AAWR612345678", "c0:56:e3:12:34:66", "192.168.1.66", "V5.4.5build 170123", "true", "false")),
        R("http", 80, "GET /", http(302, [("Location", "https://192.168.1.66/"), ("Server", "App-webs/"), DATE])),
        R("https", 443, "GET /", http(200, [("Server", "App-webs/"), DATE, ("Content-Type", "text/html")], HIK_LOGIN)),
        R("tls", 443, "", CA_SIGNED),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.66:554/Streaming/Channels/101", rtsp(401, [("CSeq", "2"), ("WWW-Authenticate", 'Digest realm="IP Camera(C6612)", nonce="9a0c5c1e8f2d4b7e", stale="FALSE"'), DATE])),
        R("onvif", 80, "GetSystemDateAndTime", onvif_time(2026, 11, 23, 12, 0, 30)),
        R("onvif", 80, "GetDeviceInformation", onvif_fault()),
    ],
    "expect_findings": ["discovery-serial-exposed", "covered-vendor"],
})

# C. Not activated, Hik-Connect on, CVE-2021-36260 range, self-signed HTTPS.
write("hikvision-ds2cd2143g0-i_v5.5.82-not-activated", {
    "description": "Factory-fresh Hikvision DS-2CD2143G0-I on V5.5.82 build 190220 (CVE-2021-36260 range): not activated, Hik-Connect enabled, self-signed HTTPS.",
    "ip": "192.168.1.65", "mac": "c0:56:e3:12:34:65", "observed_at": OBS_AT, "open_ports": [80, 443, 554, 8000],
    "responses": [
        R("sadp", 37020, "inquiry", sadp("DS-2CD2143G0-I", "DS-2CD2143G0-I20190815AAWRD12345678", "c0:56:e3:12:34:65", "192.168.1.65", "V5.5.82build 190220", "false", "true")),
        R("http", 80, "GET /", http(302, [("Location", "https://192.168.1.65/"), ("Server", "webserver"), DATE])),
        R("tls", 443, "", HIK_SELF),
    ],
    "expect_findings": ["not-activated", "CVE-2021-36260", "cloud-p2p", "discovery-serial-exposed", "covered-vendor", "tls-self-signed"],
})

def dhip(model, sn, mac, ip, version):
    body = json.dumps({"mac": mac, "method": "client.notifyDevInfo", "params": {"deviceInfo": {
        "AlarmInputChannels": 1, "AlarmOutputChannels": 1, "DeviceClass": "IPC", "DeviceType": model, "HttpPort": 80,
        "IPv4Address": {"DefaultGateway": "192.168.1.1", "DhcpEnable": False, "IPAddress": ip, "SubnetMask": "255.255.255.0"},
        "MachineName": sn, "Port": 37777, "SerialNo": sn, "Vendor": "Dahua", "Version": version, "VideoInputChannels": 1}}},
        separators=(",", ":"))
    n = len(body)
    import struct
    head = struct.pack("<I4s8sIIII", 0x20, b"DHIP", b"\0" * 8, n, 0, n, 0)
    return head.decode("latin-1") + body

# D. Dahua IPC-HFW3441E-AS on 2.800.0000000.16.R (CVE-2021-33044/33045), ONVIF open, expired cert, DMSS P2P.
write("dahua-ipc-hfw3441e-as_v2.800.16-exposed", {
    "description": "Dahua IPC-HFW3441E-AS on V2.800.0000000.16.R (2020-11-02): both 2021 login bypasses, ONVIF answers GetDeviceInformation anonymously, expired self-signed certificate, Easy4ip P2P look-ups.",
    "ip": "192.168.1.108", "mac": "3c:ef:8c:aa:bb:01", "observed_at": OBS_AT, "open_ports": [80, 443, 554, 37777],
    "responses": [
        R("dhip", 37810, "DHDiscover.search", dhip("IPC-HFW3441E-AS", "7G0ABCDPAZ12345", "3c:ef:8c:aa:bb:01", "192.168.1.108", "2.800.0000000.16.R,build:2020-11-02")),
        R("http", 80, "GET /", http(302, [("Location", "https://192.168.1.108/"), ("CONNECTION", "close"), ("CACHE-CONTROL", "no-cache")])),
        R("tls", 443, "", DAHUA_EXPIRED),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0", rtsp(401, [("CSeq", "2"), ("WWW-Authenticate", 'Digest realm="Login to 7G0ABCDPAZ12345", nonce="1466412131"'), ("Server", "Dahua Rtsp Server")])),
        R("onvif", 80, "GetDeviceInformation", onvif_devinfo("Dahua", "IPC-HFW3441E-AS", "2.800.0000000.16.R, Build Date 2020-11-02", "7G0ABCDPAZ12345", "1.00")),
        R("dns", None, "", "www.easy4ipcloud.com\np2p.easy4ipcloud.com\n"),
    ],
    "expect_findings": ["CVE-2021-33044", "CVE-2021-33045", "onvif-unauthenticated", "tls-expired", "tls-self-signed", "discovery-serial-exposed", "cloud-p2p", "covered-vendor"],
})

# E. Dahua, patched.
write("dahua-ipc-hfw3441e-as_v2.800.35-patched", {
    "description": "Dahua IPC-HFW3441E-AS on V2.800.0000000.35.R: past both fixes, ONVIF protected, CA-signed HTTPS, no cloud.",
    "ip": "192.168.1.109", "mac": "3c:ef:8c:aa:bb:02", "observed_at": OBS_AT, "open_ports": [80, 443, 554, 37777],
    "responses": [
        R("dhip", 37810, "DHDiscover.search", dhip("IPC-HFW3441E-AS", "7G0ABCDPAZ54321", "3c:ef:8c:aa:bb:02", "192.168.1.109", "2.800.0000000.35.R,build:2022-08-16")),
        R("http", 80, "GET /", http(302, [("Location", "https://192.168.1.109/"), ("CONNECTION", "close")])),
        R("tls", 443, "", CA_SIGNED),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.109:554/cam/realmonitor?channel=1&subtype=0", rtsp(401, [("CSeq", "2"), ("WWW-Authenticate", 'Digest realm="Login to 7G0ABCDPAZ54321", nonce="1466412132"'), ("Server", "Dahua Rtsp Server")])),
        R("onvif", 80, "GetDeviceInformation", onvif_fault()),
        R("onvif", 80, "GetSystemDateAndTime", onvif_time(2026, 11, 23, 11, 59, 10)),
    ],
    "expect_findings": ["discovery-serial-exposed", "covered-vendor"],
})

def xm(sn, host, ip_hex):
    body = json.dumps({"NetWork.NetCommon": {"BuildDate": "2019-05-16 10:21:43", "ChannelNum": 1, "DeviceType": 1,
        "GateWay": "0x0101A8C0", "HostIP": ip_hex, "HostName": host, "HttpPort": 80, "MAC": "00:12:41:ab:cd:ef",
        "MonMode": "TCP", "NetConnectState": 0, "OtherFunction": "D=2019-05-16 10:21:43 V=V5.00.R02.00030678.10010.346332.0000000",
        "SN": sn, "SSLPort": 8443, "Submask": "0x00FFFFFF", "TCPMaxConn": 10, "TCPPort": 34567, "TransferPlan": "Quality",
        "UDPPort": 34568, "UseHSDownLoad": False}, "Ret": 100, "SessionID": "0x00000000"}, separators=(",", ":"))
    import struct
    head = struct.pack("<BBHIIBBHI", 0xFF, 1, 0, 0, 0, 0, 0, 1531, len(body))
    return head.decode("latin-1") + body

XM_WEB = ("<html>\n<head>\n<title>NETSurveillance WEB</title>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
          "</head>\n<body>\n</body>\n</html>\n")

# F. Xiongmai with XMEye cloud, telnet, open RTSP, default password accepted (opt-in check).
write("xiongmai-ipc_cloud-default-password", {
    "description": "Xiongmai XMEye camera: cloud look-ups (secu100.net, xmcsrv.net), telnet port open, RTSP open, HTTP only; the opt-in default-credentials check (admin, empty password) succeeded over ONVIF.",
    "ip": "192.168.1.10", "mac": "00:12:41:ab:cd:ef", "observed_at": OBS_AT, "open_ports": [23, 80, 554, 8899, 34567],
    "responses": [
        R("xmeye", 34569, "1530", xm("b0a1c2d3e4f50617", "LocalHost", "0x0A01A8C0")),
        R("http", 80, "GET /", http(200, [("Server", "uc-httpd 1.0.0"), ("Content-Type", "text/html; charset=utf-8")], XM_WEB)),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.10:554/user=admin_password=_channel=1_stream=0.sdp", rtsp(200, [("CSeq", "2"), ("Content-Type", "application/sdp")], sdp("RTSP Session", "192.168.1.10"))),
        R("onvif", 8899, "GetDeviceInformation [default-credentials user=admin]", onvif_devinfo("H264DVR", "XM530_80X20_8M", "V5.00.R02.00030678.10010.346332.0000000", "b0a1c2d3e4f50617", "00030678")),
        R("onvif", 8899, "GetDeviceInformation", onvif_fault()),
        R("dns", None, "", "pub-cfg.secu100.net\naccess-dss.secu100.net\ncaps.xmcsrv.net\n"),
    ],
    "expect_findings": ["CVE-2018-17919", "CVE-2018-17915", "CVE-2018-17917", "default-password", "cloud-p2p", "discovery-serial-exposed", "telnet-open", "cleartext-admin", "rtsp-unauthenticated"],
})

# G. Xiongmai, no cloud, RTSP protected, default password refused.
write("xiongmai-ipc_no-cloud", {
    "description": "Xiongmai XMEye camera with the cloud off and RTSP protected; the default-credentials attempt was refused.",
    "ip": "192.168.1.11", "mac": "00:12:41:ab:cd:f0", "observed_at": OBS_AT, "open_ports": [80, 554, 8899, 34567],
    "responses": [
        R("xmeye", 34569, "1530", xm("b0a1c2d3e4f50618", "LocalHost", "0x0B01A8C0")),
        R("http", 80, "GET /", http(200, [("Server", "uc-httpd 1.0.0"), ("Content-Type", "text/html; charset=utf-8")], XM_WEB)),
        R("rtsp", 554, "DESCRIBE rtsp://192.168.1.11:554/user=admin_password=_channel=1_stream=0.sdp", rtsp(401, [("CSeq", "2"), ("WWW-Authenticate", 'Basic realm="XMEye"')])),
        R("onvif", 8899, "GetDeviceInformation [default-credentials user=admin]", onvif_fault()),
    ],
    "expect_findings": ["CVE-2018-17919", "discovery-serial-exposed", "cleartext-admin"],
})

def igd(i, ext, proto, inner, client, desc):
    return ("HTTP/1.1 200 OK\r\nCONTENT-TYPE: text/xml; charset=\"utf-8\"\r\nSERVER: Linux/4.14 UPnP/1.0 MiniUPnPd/2.2.1\r\n\r\n"
            "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
            "<u:GetGenericPortMappingEntryResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\">"
            f"<NewRemoteHost></NewRemoteHost><NewExternalPort>{ext}</NewExternalPort><NewProtocol>{proto}</NewProtocol>"
            f"<NewInternalPort>{inner}</NewInternalPort><NewInternalClient>{client}</NewInternalClient><NewEnabled>1</NewEnabled>"
            f"<NewPortMappingDescription>{desc}</NewPortMappingDescription><NewLeaseDuration>0</NewLeaseDuration>"
            "</u:GetGenericPortMappingEntryResponse></s:Body></s:Envelope>")

IGD_FAULT = ("HTTP/1.1 500 Internal Server Error\r\nCONTENT-TYPE: text/xml; charset=\"utf-8\"\r\n\r\n"
             "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
             "<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">"
             "<errorCode>713</errorCode><errorDescription>SpecifiedArrayIndexInvalid</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>")

# H. The gateway whose IGD forwards two ports to fixture A.
write("gateway-igd-forwards-to-camera", {
    "description": "Home router (MiniUPnPd) whose UPnP IGD forwards TCP 8080 -> 192.168.1.64:80 and TCP 554 -> 192.168.1.64:554; index 2 answers fault 713.",
    "ip": "192.168.1.1", "mac": "02:00:5e:10:00:01", "observed_at": OBS_AT, "open_ports": [53, 80, 1900],
    "responses": [
        R("ssdp", 1900, "M-SEARCH", "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nUSN: uuid:3addfb3b-2f5e-4b4a-8d4e-0123456789ab::urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nEXT:\r\nSERVER: Linux/4.14 UPnP/1.0 MiniUPnPd/2.2.1\r\nLOCATION: http://192.168.1.1:5000/rootDesc.xml\r\n\r\n"),
        R("upnp", 5000, "GetGenericPortMappingEntry 0", igd(0, 8080, "TCP", 80, "192.168.1.64", "HIKVISION WEB")),
        R("upnp", 5000, "GetGenericPortMappingEntry 1", igd(1, 554, "TCP", 554, "192.168.1.64", "HIKVISION RTSP")),
        R("upnp", 5000, "GetGenericPortMappingEntry 2", IGD_FAULT),
    ],
    "expect_findings": ["upnp-port-forward"],
})
print("ok")
