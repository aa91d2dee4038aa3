"""Session 12 "formats4" readers (docs/observations.md "Shapes of raw"; netscan/parsers/records.py):
Java's MessageHeader prints, Wireshark's DNS/mDNS packet details as text, IPP attributes as client
tools print them (python-ipp's debug log, ipptool, listings, names run into their values), SSDP
answers printed as JSON records, a trace that writes ``Status:`` for the status line, an answer
quoted whole below other lines, and zmonvif-probe lines behind a prefix. Each reader has
counter-examples that must stay unread, and hostile inputs that must neither crash nor hang."""

from __future__ import annotations

import time

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.toolout import marked_answer_fields
from netscan.sigdb import SignatureDB


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


def _ident(db: SignatureDB, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, "recorded"),)), db)


# ------------------------------------------------------------------ Java MessageHeader prints

# the shape of HttpURLConnection's DEBUG log (an sbt project's log in a public issue: request and answer prints)
MESSAGE_HEADER_LOG = (
    "[info] 2021/10/23 10:54:33.014 [main] TRACE s.n.w.p.http.HttpURLConnection - KeepAlive stream used: http://10.0.0.5/ISAPI/System/deviceInfo\n"
    "[info] 2021/10/23 10:54:33.013 [main] DEBUG s.n.w.p.http.HttpURLConnection - sun.net.www.MessageHeader@5e3a86248 pairs: "
    "{GET /ISAPI/System/deviceInfo HTTP/1.1: null}{User-Agent: Java/1.8.0_332}{Host: 10.0.0.5}{Accept: text/html, image/gif, *; q=.2}"
    "{Connection: keep-alive}\n"
    "[info] 2021/10/23 10:54:33.015 [main] DEBUG s.n.w.p.http.HttpURLConnection - sun.net.www.MessageHeader@79ca92b95 pairs: "
    "{null: HTTP/1.1 401 Unauthorized}{Date: Sat, 23 Oct 2021 01:54:34 GMT}{Server: App-webs/}"
    '{WWW-Authenticate: Digest realm="DS-2CD2143G0-I", domain="::", qop="auth", nonce="abc", algorithm="MD5", stale="FALSE"}'
    "{Content-Length: 0}\n"
)


def test_message_header_answer_is_read(db: SignatureDB) -> None:
    got = _f(MESSAGE_HEADER_LOG)
    assert got["http.status"] == ["401"]
    assert got["http.header.server"] == ["App-webs/"]
    assert got["http.header.date"] == ["Sat, 23 Oct 2021 01:54:34 GMT"]
    assert got["http.header.www-authenticate"][0].startswith('Digest realm="DS-2CD2143G0-I"')
    dev = _ident(db, MESSAGE_HEADER_LOG)
    assert dev.vendor == "Hikvision"


def test_message_header_jdk11_count_after_a_blank() -> None:
    got = _f("DEBUG s.n.www.protocol.http.HttpURLConnection : sun.net.www.MessageHeader@6d737ab8 3 pairs: "
             "{null: HTTP/1.1 200 OK}{Server: gunicorn/19.9.0}{Content-Length: 0}\n", "http")
    assert got["http.header.server"] == ["gunicorn/19.9.0"]


def test_message_header_request_is_not_an_answer() -> None:
    got = _f("07:52:22.687 DEBUG [HttpURLConnection.writeRequests] - sun.net.www.MessageHeader@16409855 pairs: "
             "{GET /status HTTP/1.1: null}{User-Agent: Java/1.8.0_181}{Host: localhost:35952}{Server-Timing: x}{Connection: keep-alive}\n")
    assert not any(k.startswith("http.header.") for k in got)
    assert "http.status" not in got


# ------------------------------------------------------------------ Wireshark's DNS/mDNS details

MDNS_DETAILS = """Multicast Domain Name System (response)
    Transaction ID: 0x0000
    Flags: 0x8400 Standard query response, No error
    Answers
        _axis-video._tcp.local: type PTR, class IN, AXIS M3045-V - ACCC8E123456._axis-video._tcp.local
            Name: _axis-video._tcp.local
            Type: PTR (domain name PoinTeR) (12)
            Domain Name: AXIS M3045-V - ACCC8E123456._axis-video._tcp.local
    Additional records
        AXIS M3045-V - ACCC8E123456._axis-video._tcp.local: type TXT, class IN, cache flush
            Type: TXT (Text strings) (16)
            TXT Length: 23
            TXT: macaddress=ACCC8E123456
        AXIS M3045-V - ACCC8E123456._axis-video._tcp.local: type SRV, class IN, cache flush, priority 0, weight 0, port 80, target axis-accc8e123456.local
            Service: AXIS M3045-V - ACCC8E123456
            Type: SRV (Server Selection) (33)
            Port: 80
            Target: axis-accc8e123456.local
        axis-accc8e123456.local: type A, class IN, cache flush, addr 192.168.1.90
"""


def test_mdns_details_as_dns_sd_fields(db: SignatureDB) -> None:
    got = _f(MDNS_DETAILS, "mdns")
    assert got["mdns.service"] == ["_axis-video._tcp.local"]
    assert got["mdns.instance"] == ["AXIS M3045-V - ACCC8E123456"]
    assert got["mdns.txt.macaddress"] == ["ACCC8E123456"]
    assert "axis-accc8e123456.local" in got["mdns.hostname"]
    assert "(33)" not in got["mdns.hostname"]  # the detail lines are no presentation-format records
    dev = _ident(db, MDNS_DETAILS, "mdns")
    assert (dev.vendor, dev.model) == ("Axis", "M3045-V")


def test_mdns_summary_lines_in_a_comment() -> None:
    # the record summaries alone, as a comment of a public library keeps them (TRADFRI gateway)
    text = ("// _hap._tcp.local: type PTR, class IN, TRADFRI gateway._hap._tcp.local\n"
            "// TRADFRI gateway._hap._tcp.local: type SRV, class IN, cache flush, priority 0, weight 0, port 80, target TRADFRI-Gateway-b072bf257a41.local\n")
    got = _f(text)
    assert got["mdns.instance"] == ["TRADFRI gateway"]
    assert got["mdns.hostname"] == ["TRADFRI-Gateway-b072bf257a41.local"]


def test_mdns_details_counter_examples() -> None:
    # a record of no DNS-SD service, and prose with the words: no service, no instance
    got = _f("example.com: type A, class IN, addr 93.184.216.34\nThe record: type PTR, class of its own\n")
    assert "mdns.service" not in got and "mdns.instance" not in got
    # a TXT item under an A record is not read as TXT data
    got = _f("host.local: type A, class IN, cache flush, addr 10.0.0.2\n    TXT: model=X1\nother.local: type PTR, class IN, y\n")
    assert "mdns.txt.model" not in got


# ------------------------------------------------------------------ IPP attributes

# python-ipp's parser debug log (pyipp/parser.py parse_attribute's messages) in Home Assistant's log format
PYIPP_LOG = """2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Parsing Attribute at offset 650
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Tag: 0x41
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Name: printer-make-and-model (0x41)
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Value Offset: 682
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Value Length: 21
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Value: HP OfficeJet Pro 8730
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Parsing Attribute at offset 703
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Name: marker-high-levels
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Value: 100
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Name:
2024-09-05 12:43:19.819 DEBUG (MainThread) [pyipp.parser] Attribute Value: 21
"""


def test_pyipp_debug_log(db: SignatureDB) -> None:
    got = _f(PYIPP_LOG)
    assert got["ipp.printer-make-and-model"] == ["HP OfficeJet Pro 8730"]
    assert not any(k.startswith("ipp.marker") for k in got)  # only the attributes that name the printer
    dev = _ident(db, PYIPP_LOG)
    assert (dev.vendor, dev.model, dev.device_type) == ("HP", "OfficeJet Pro 8730", "printer")


def test_ipptool_lines_behind_a_java_log_prefix() -> None:
    # ipp-client-kotlin's attribute log (de.gmuth.ipp.core.IppAttributesGroup), ipptool's "name (syntax) = value"
    text = ("Sep 13, 2024 11:37:31 PM de.gmuth.ipp.core.IppAttributesGroup log\n"
            "INFO:   printer-dns-sd-name (nameWithoutLanguage) = HP ENVY 4520 series [B519A4]\n"
            "Sep 13, 2024 11:37:31 PM de.gmuth.ipp.core.IppAttributesGroup log\n"
            "INFO:   printer-make-and-model (textWithoutLanguage) = HP ENVY 4520 series\n"
            "INFO:   printer-firmware-string-version (1setOf textWithoutLanguage) = CFP1FN2023BR\n")
    got = _f(text)
    assert got["ipp.printer-make-and-model"] == ["HP ENVY 4520 series"]
    assert got["ipp.printer-firmware-string-version"] == ["CFP1FN2023BR"]


def test_ipp_names_run_into_their_values(db: SignatureDB) -> None:
    text = ("attributes-charsetutf-8\nattributes-natural-languageen-us\nprinter-nameEPSON_XP_6000\n"
            "printer-make-and-modelEPSON XP-6000 Series\nprinter-state\x00\x04idle\n")
    got = _f(text)
    assert got["ipp.printer-make-and-model"] == ["EPSON XP-6000 Series"]
    assert got["ipp.printer-name"] == ["EPSON_XP_6000"]
    dev = _ident(db, text)
    assert (dev.vendor, dev.model) == ("Epson", "XP-6000")


def test_ipp_listing_of_name_value_lines() -> None:
    # a reporter's listing of an answer's attributes (python-ipp issue 515's shape)
    got = _f("attributes-charset utf-8\nprinter-name OKI-C822-5E330E\nprinter-make-and-model C822#\n")
    assert got["ipp.printer-make-and-model"] == ["C822#"]


def test_ipp_counter_examples() -> None:
    # one attribute name in prose; two names in a sentence (not first on their lines); longer keywords
    assert not any(k.startswith("ipp.") for k in _f("Please check printer-make-and-model in the answer.\n"))
    assert not any(k.startswith("ipp.") for k in _f("Both printer-make-and-model and printer-info are empty here.\n"))
    got = _f("printer-info-x = 1\nprinter-make-and-model-supported: none\nattributes-charset: utf-8\n")
    assert not any(k.startswith("ipp.") for k in got)
    # a run-together lower-case word is no value (the name is a word of a longer token)
    assert "ipp.printer-info" not in _f("attributes-charset utf-8\nprinter-infobox shown\n")


# ------------------------------------------------------------------ SSDP answers as JSON records

SSDP_JSON = (
    '{"CACHE-CONTROL": "max-age=1800", "EXT": "", "X-User-Agent": "redsonic", '
    '"LOCATION": "http://192.168.1.23:80/upnp_device_desc.xml", "SERVER": "Linux, UPnP/1.0, Private Upnp SDK", '
    '"ST": "upnp:rootdevice", "USN": "uuid:device_3_0-AMC047E538B56EDFEB::upnp:rootdevice", '
    '"_timestamp": "2021-02-25 21:08:18.186648", "_address": "192.168.1.23:47419", "_source": "search"}\n'
    '{"CACHE-CONTROL": "max-age=1800", "X-Device-Info": "Hikvision DS-2CD2143G0-I", '
    '"LOCATION": "http://192.168.1.23:80/upnp_device_desc.xml", "SERVER": "Linux, UPnP/1.0, Private Upnp SDK", '
    '"ST": "urn:schemas-upnp-org:device:Basic:1", "USN": "uuid:x::urn:schemas-upnp-org:device:Basic:1", '
    '"_address": "192.168.1.23:47419"}\n'
)


def test_ssdp_json_records() -> None:
    for proto in ("ssdp", "other"):
        got = _f(SSDP_JSON, proto)
        assert got["ssdp.header.server"] == ["Linux, UPnP/1.0, Private Upnp SDK"]
        assert got["ssdp.header.x-user-agent"] == ["redsonic"]
        assert "ssdp.header._address" not in got and "ssdp.header._timestamp" not in got
        assert got["ssdp.header.x-device-info"] == ["Hikvision DS-2CD2143G0-I"]


def test_ssdp_json_counter_examples() -> None:
    # several hosts: a network's answers
    two = SSDP_JSON + SSDP_JSON.replace("192.168.1.23:47419", "192.168.1.30:56428").replace("Hikvision", "Dahua")
    assert not any(k.startswith("ssdp.header.") for k in _f(two, "other"))
    # a JSON record with one SSDP-like key is no answer
    assert not any(k.startswith("ssdp.header.") for k in _f('{"location": "Paris", "name": "usn"}\n'))


# ------------------------------------------------------------------ a trace with "Status:" for the status line

AIRSCAN_TRACE = """==============================
GET http://192.168.43.161:8080/eSCL/ScannerCapabilities
Host: 192.168.43.161:8080

Status: 200 OK
Server: HP HTTP Server; HP Deskjet 2540 series - A9U22B; Serial Number: CN4B12345; Built:Mon Mar 02, 2015 02:56:46PM {JOL1FN1510AR}
Content-Type: text/xml

<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:MakeAndModel>HP Deskjet 2540 series</pwg:MakeAndModel>
</scan:ScannerCapabilities>

==============================
"""


def test_status_trace_answer(db: SignatureDB) -> None:
    got = _f(AIRSCAN_TRACE)
    assert got["http.status"] == ["200"]
    assert got["http.header.server"][0].startswith("HP HTTP Server; HP Deskjet 2540 series")
    assert "Host" not in "".join(k for k in got if k.startswith("http.header."))  # the request's headers are not the answer's
    dev = _ident(db, AIRSCAN_TRACE)
    assert (dev.vendor, dev.model) == ("HP", "Deskjet 2540")


def test_status_line_without_a_request_is_not_an_answer() -> None:
    got = _f("Job 12\nStatus: 200 OK\nServer: printed by the job\n")
    assert "http.status" not in got


# ------------------------------------------------------------------ an answer quoted whole below other lines

def test_rtsp_answer_below_log_lines(db: SignatureDB) -> None:
    text = ("[rtsp @ 0x55d5c8e0] method DESCRIBE failed: 401 Unauthorized\n"
            "2023-01-01 12:00:00 DEBUG received answer:\n"
            "RTSP/1.0 401 Unauthorized\nCSeq: 2\n"
            'WWW-Authenticate: Digest realm="IP Camera(C6)", nonce="a3f", stale="FALSE"\n'
            "Server: Hipcam RealServer/V1.0\n\n2023-01-01 12:00:01 DEBUG next\n")
    for proto in ("rtsp", "other"):
        got = _f(text, proto)
        assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
        assert got["rtsp.status"] == ["401"]
    assert _ident(db, text, "rtsp").vendor == "Hipcam"


def test_status_line_in_prose_is_not_an_answer() -> None:
    # the transcript reader takes an unmarked answer only when a standard header follows its status line
    got: dict[str, list[str]] = {}
    marked_answer_fields(got, "The camera said\nRTSP/1.0 404 Not Found\nModel: X-100\n")
    assert got == {}
    marked_answer_fields(got, "The camera said\nRTSP/1.0 404 Not Found\nCSeq: 3\nModel: X-100\n")
    assert got["rtsp.header.model"] == ["X-100"] and got["rtsp.status"] == ["404"]


# ------------------------------------------------------------------ zmonvif-probe behind a prefix, cut

def test_zmonvif_line_behind_a_prefix_and_cut(db: SignatureDB) -> None:
    text = ("2024-01-01 10:00:00 zmonvif-probe: http://192.168.0.21/onvif/device_service, 1.2, "
            "(type='NetworkVideoTransmitter', hardware='IPC-HDW4631C-A', name='Dahua', location/country='china'\n")
    got = _f(text, "wsd")
    assert got["wsd.xaddrs"] == ["http://192.168.0.21/onvif/device_service"]
    assert "onvif://www.onvif.org/name/Dahua" in got["wsd.scope"]
    assert "onvif://www.onvif.org/location/country/china" in got["wsd.scope"]
    dev = _ident(db, text, "wsd")
    assert (dev.vendor, dev.model) == ("Dahua", "IPC-HDW4631C-A")


def test_zmonvif_counter_example() -> None:
    # a URL and a version in a sentence, no scope pairs
    got = _f("see https://example.org/x, 1.2, (the manual) for details", "wsd")
    assert "wsd.scope" not in got


# ------------------------------------------------------------------ hostile inputs

def test_hostile_inputs_stay_fast() -> None:
    texts = [
        "sun.net.www.MessageHeader@1 pairs: " + "{null: HTTP/1.1 200 OK}" + "{a: b}" * 50000,
        ("x: type PTR, class IN, " + "a" * 900 + "\n") * 300,
        "printer-make-and-model" * 20000 + "printer-info",
        "Attribute Name: printer-info\n" * 5000,
        '{"USN": "a", "ST": "b"}\n' * 3000,
        "GET http://a/\nStatus: 200 OK\n" * 3000,
        "x\nRTSP/1.0 200 OK\nCSeq: 1\n" * 3000,
        "http://a, 1.2, (" + "k='v', " * 20000,
    ]
    for text in texts:
        start = time.process_time()
        _f(text)
        assert time.process_time() - start < 5.0


def test_every_answer_of_a_client_log_is_read() -> None:
    # live555's RTSPClient log as VLC prints it (cameradar issue 142): each answer after its "Received" line
    text = ("Received 152 new bytes of response data.\nReceived a complete OPTIONS response:\n"
            "RTSP/1.0 200 OK\nCseq: 2\nPublic: OPTIONS, DESCRIBE\n\n"
            "Sending request: DESCRIBE rtsp://10.0.0.9:554/tcp/av0_0 RTSP/1.0\nCSeq: 3\n\n"
            "Received a complete DESCRIBE response:\nRTSP/1.0 401 Unauthorized\nCseq: 3\n"
            'WWW-Authenticate: Digest realm="RTSPD",nonce="x"\nServer: Hipcam RealServer/V1.0\n')
    got = _f(text, "rtsp")
    assert set(got["rtsp.status"]) == {"200", "401"}
    assert got["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    # a text that starts with a message is a sequence the message parser reads: its later answers are not
    seq = "DESCRIBE rtsp://10.0.0.9/x RTSP/1.0\nCSeq: 2\n\nRTSP/1.0 401 Unauthorized\nCSeq: 2\nServer: A\n\nRTSP/1.0 200 OK\nCSeq: 3\nServer: B\n"
    got2: dict[str, list[str]] = {}
    marked_answer_fields(got2, seq)
    assert got2 == {}


# ------------------------------------------------------------------ GetDeviceInformation without its markup

def test_device_information_values_in_schema_order(db: SignatureDB) -> None:
    # the five members of GetDeviceInformationResponse in the order devicemgmt.wsdl requires, one a line
    text = "GetDeviceInformationResponse\nSunell\nSN-IPR57/04ZDN\nV3.2.1.2101\n123456789\nV1.0\n"
    got = _f(text, "onvif")
    assert got["onvif.kv.Manufacturer"] == ["Sunell"] and got["onvif.Manufacturer"] == ["Sunell"]
    assert got["onvif.kv.Model"] == ["SN-IPR57/04ZDN"]
    assert got["onvif.kv.FirmwareVersion"] == ["V3.2.1.2101"]
    dev = _ident(db, text, "onvif")
    assert (dev.vendor, dev.model, dev.firmware) == ("Sunell", "SN-IPR57/04ZDN", "V3.2.1.2101")
    # the XML declaration kept above the values (the renderer stripped the elements only)
    decl = '<?xml version="1.0" encoding="UTF-8"?>\n\nHanwha Techwin\nXNV-6080R\n2.10.02_20221012\nZBP66V2K400123A\nXNV-6080R\n'
    assert _f(decl, "onvif")["onvif.kv.FirmwareVersion"] == ["2.10.02_20221012"]


def test_device_information_order_counter_examples() -> None:
    # a list of models (the first line no maker's name), six values, a value list with a pair
    for text in ("DS-2CD2143G0-I\nDS-2CD2T47G1\nDS-2CD2387G2\nDS-2DE4425IW\nDS-7608NI-K2\n",
                 "Sunell\nSN-IPR57/04ZDN\nV3.2.1.2101\n123456789\nV1.0\nextra 1\n",
                 "Sunell\nModel: SN-IPR57\nV3.2.1.2101\n123456789\nV1.0\n"):
        assert "other.kv.Manufacturer" not in _f(text), text


# ------------------------------------------------------------------ a UPnP description without its markup

UPNP_STRIPPED = """1
0
urn:schemas-upnp-org:device:Basic:1
Front Door
Amcrest
http://www.amcrest.com
IP2M-841B
http://www.amcrest.com
AMC0123456789ABCDEF
uuid:c6f4c0e0-0000-1000-8000-9c8ecd0a1b2c
"""


def test_upnp_description_without_markup(db: SignatureDB) -> None:
    for proto in ("upnp", "other"):
        got = _f(UPNP_STRIPPED, proto)
        assert got["upnp.manufacturer"] == ["Amcrest"]
        assert got["upnp.friendlyName"] == ["Front Door"]
        assert got["upnp.modelName"] == ["IP2M-841B"]
        assert got["upnp.UDN"] == ["uuid:c6f4c0e0-0000-1000-8000-9c8ecd0a1b2c"]
    dev = _ident(db, UPNP_STRIPPED, "upnp")
    assert (dev.brand, dev.model) == ("Amcrest", "IP2M-841B")


def test_upnp_stripped_counter_examples() -> None:
    # no UDN closing the block (a list of device types, a note); two model lines that cannot be told apart
    assert "upnp.manufacturer" not in _f("urn:schemas-upnp-org:device:Basic:1\nFront Door\nAmcrest\nIP2M-841B\n", "other")
    got = _f("urn:schemas-upnp-org:device:Basic:1\nFront Door\nAmcrest\nIP Camera 2\nIP2M-841B\nuuid:abc\n", "other")
    assert "upnp.modelName" not in got and got["upnp.manufacturer"] == ["Amcrest"]


# ------------------------------------------------------------------ onvif-util's camera names

def test_onvif_util_camera_name_is_name_and_hardware_scopes(db: SignatureDB) -> None:
    # libonvif onvif-util -a (its manpage's example): the camera name is the name scope, a blank, the hardware scope
    text = ("  Looking for cameras on the network...\n  Found 3 cameras\n"
            "  192.168.1.18 localhost(TV TV-IP319PI)\n")
    got = _f(text)
    assert "onvif://www.onvif.org/hardware/TV-IP319PI" in got["wsd.scope"]
    assert "onvif://www.onvif.org/name/TV" in got["wsd.scope"]
    assert _ident(db, text).model == "TV-IP319PI"


def test_onvif_util_camera_name_counter_examples() -> None:
    # one word (the hardware scope inside the name, left out), a name without a model code
    for line in ("  192.168.1.11 R2(IPC-model)\n", "  192.168.1.5 (IP Camera)\n"):
        got = _f(line)
        assert not any("/hardware/" in s for s in got.get("wsd.scope", [])), line


# ------------------------------------------------------------------ MQTT console logs under the command line

def test_mqtt_log_below_its_command_line(db: SignatureDB) -> None:
    # mosquitto_sub -v prints "topic payload"; the user's command line pasted above it
    text = ("$ mosquitto_sub -h 10.0.0.2 -t 'homeassistant/#' -v\n"
            'homeassistant/camera/front/config {"name":"front","dev":{"ids":["0xabc"],"mdl":"G4 Bullet","sw":"4.59.32","mf":"Ubiquiti"}}\n')
    got = _f(text)
    assert got["other.json.device.model"] == ["G4 Bullet"]
    assert _ident(db, text).model == "G4 Bullet"


def test_mqtt_prompt_counter_example() -> None:
    # a shell session whose output is no topic line
    got = _f("$ ls /etc/config\nnetwork/interfaces wireless\n")
    assert not any(k.startswith("other.json.device.") for k in got)
    assert "other.kv.interfaces" not in got
