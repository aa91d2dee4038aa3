"""Makers' names as tokens (helper "tokens4", session 12): an SDP read from any tool's output is a token source like
an RTSP answer's, an SSDP answer's USN, a maker's short name (HP, LG, UNV) opening a field that names the device
first, the company name of the DLNA AV info headers, product names that belong to one maker (BRAVIA, bizhub), and
the IEEE blocks of printer, TV, router and smart-home makers that named nobody. Each case has a counter-example
that must name nobody, name another maker, or stay a non-camera."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.parsers import fields
from netscan.sigdb import load_db

DB = load_db()
MN = DB.maker_names


def _in(field: str, value: str) -> str | None:
    assert MN is not None
    return MN.find_in(field, value)


def _ident(raw: str, protocol: str = "http", port: int | None = 80, request: str = "GET / HTTP/1.1"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request=request, raw=raw),)), DB)


# ---------------------------------------------------------------- SDP lines from any reader

@pytest.mark.parametrize("field, value, maker", [
    ("other.sdp.session", "Session streamed by Grandstream", "Grandstream"),
    ("other.sdp.session", "reolink", "Reolink"),                  # plain, lower-case
    ("sip.sdp.email", "support@dahuatech.com", "Dahua"),          # inside an e-mail domain
    ("telnet.sdp.origin", "- 1 1 IN IP4 axis-00408ca51334.local", "Axis"),
])
def test_sdp_lines_of_any_reader_are_token_sources(field: str, value: str, maker: str) -> None:
    assert _in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("other.sdp.session", "Session streamed by LIVE555 Streaming Media"),   # a library named after its maker, used by many
    ("other.sdp.tool", "GStreamer"),
    ("other.sdp.session", "Happytime RTSP Session"),
    ("other.sdp.attr", "x-qt-text-nam:Hikvision"),                          # an attribute that is no name field
])
def test_libraries_and_other_sdp_fields_name_nobody(field: str, value: str) -> None:
    assert _in(field, value) is None


def test_an_sdp_inside_a_json_tool_answer_names_its_maker_but_never_types_the_device() -> None:
    # go2rtc's stream info carries the camera's SDP as a string value (netscan/parsers/keyvals.py)
    raw = ('{"streams": {"cam": {"sdp": "v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=Session streamed by Grandstream\\r\\n'
           'm=video 0 RTP/AVP 96\\r\\na=rtpmap:96 H264/90000\\r\\n"}}}')
    resp = Response(protocol="other", port=1984, request="GET /api/streams", raw=raw)
    assert fields(resp).get("other.sdp.session") == ["Session streamed by Grandstream"]
    assert identify(Observation(ip=None, mac=None, responses=(resp,)), DB).vendor == "Grandstream"


# ---------------------------------------------------------------- SSDP USN

def test_a_usn_names_its_maker_but_a_uuid_names_nobody() -> None:
    # Roku's ECP devices answer with a USN of their own scheme (uuid:roku:ecp:<serial>); WeMo's with its URN domain
    assert _in("ssdp.header.usn", "uuid:roku:ecp:P0A070000007::upnp:rootdevice") == "Roku"
    assert _in("ssdp.header.usn", "uuid:Socket-1_0-221239K11002F6::urn:Belkin:device:controllee:1") == "Belkin"
    assert _in("ssdp.header.usn", "uuid:2f402f80-da50-11e1-9b23-001788682e5b::upnp:rootdevice") is None
    assert _in("ssdp.header.usn", "uuid:upnp-Basic_gateway-1_0-00E0FC123456::upnp:rootdevice") is None
    assert MN is not None and not MN.applies("ssdp.header.location")


def test_no_maker_name_is_spelled_in_hex_digits_alone() -> None:
    # a UUID (and a MAC in its tail) is hex: as long as no name is, a UUID can never name a maker
    assert MN is not None
    assert not [k for k in MN.by_key if all(c in "0123456789abcdef" for c in k)]


# ---------------------------------------------------------------- short names opening a device's own description

@pytest.mark.parametrize("field, value, maker", [
    # HP JetDirect print servers' sysDescr (recog's snmp_sysdescr.xml:
    # https://github.com/rapid7/recog/blob/main/xml/snmp_sysdescr.xml)
    ("snmp.sysDescr", "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012", "HP"),
    # avahi-browse's service name of an HP printer (ippusbxd issue 11, a training file's shape)
    ("other.kv.ServiceName", "HP OfficeJet Pro 8730 [08C229]", "HP"),
    ("mdns.txt.ty", "HP Color LaserJet MFP M281fdw", "HP"),
    ("mdns.instance", "LG webOS TV", "LG Electronics"),
    ("wsd.name", "UNV", "Uniview"),
    ("snmp.sysDescr", "ZTE ZXA10 C300", "ZTE"),
    ("snmp.sysDescr", "HP-UX host1 B.11.31 U 9000/800", "HP"),   # HP's own Unix
    ("mdns.instance", "OKI-C822-5E330E", "OKI"),                   # an OKI printer's name (python-ipp issue 515)
    ("snmp.prtGeneralPrinterName", "HP Color LaserJet MFP M477fdw", "HP"),   # RFC 3805's printer name
])
def test_a_short_name_opening_a_device_description_names_its_maker(field: str, value: str, maker: str) -> None:
    assert _in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("snmp.sysDescr", "Linux HP 3.10.0"),        # not opening the value
    ("snmp.sysDescr", "hp thing"),               # not as the maker writes it
    ("snmp.sysDescr", "HPX-100 controller"),     # a longer word
    ("snmp.sysDescr", "UPS SNMP Agent"),         # no maker's short name
    ("wsd.name", "IPC"),
    ("http.title", "HP Support Assistant"),      # a field not listed for short names (a page may be about other devices)
    ("snmp.sysLocation", "LG floor 2"),
])
def test_short_names_elsewhere_or_in_other_spellings_name_nobody(field: str, value: str) -> None:
    assert _in(field, value) is None


def test_a_short_name_never_types_the_device() -> None:
    got = _ident("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n\r\n", protocol="ssdp", port=1900)
    assert got.vendor is None
    raw = "Service Type: _ipp._tcp\nService Name: HP OfficeJet Pro 8730 [08C229]\nDomain Name: local\n"
    got = _ident(raw, protocol="other", port=5353, request="avahi-browse -r _ipp._tcp")
    assert got.vendor == "HP" and got.device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- DLNA AV info headers

# a BRAVIA TV's SSDP answer as Sony's TVs send it (the SonyAPILib notes and go-ssdp fixtures quote the same shape;
# Universal Media Server's BraviaW.conf quotes its X-AV-Client-Info twin)
_BRAVIA = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT: \r\nLOCATION: http://192.168.1.100:52323/dmr.xml\r\n"
           "SERVER: Linux/2.6 UPnP/1.0 KDL-40CX520/1.7\r\nST: urn:schemas-upnp-org:service:ConnectionManager:1\r\n"
           "USN: uuid:00000000-0000-1010-8000-000000000000::urn:schemas-upnp-org:service:ConnectionManager:1\r\n"
           "X-AV-Server-Info: av=5.0; cn=\"Sony Corporation\"; mn=\"BRAVIA KDL-40CX520\"; mv=\"1.7\";\r\n\r\n")


def test_the_dlna_company_name_parameter_is_a_manufacturer_field() -> None:
    f = fields(Response(protocol="ssdp", port=1900, request="M-SEARCH", raw=_BRAVIA))
    assert f["ssdp.header.x-av-server-info.cn"] == ["Sony Corporation"]
    assert f["ssdp.header.x-av-server-info.mn"] == ["BRAVIA KDL-40CX520"]
    got = _ident(_BRAVIA, protocol="ssdp", port=1900)
    assert got.vendor == "Sony" and got.device_type not in VIDEO_TYPES
    assert any(e.source == "manufacturer-field" for e in got.evidence)
    # the same header in a UPnP HTTP reply, where only Server and the realm are searched for names
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nServer: Linux/2.6 UPnP/1.0 KDL-50W705B/1.7\r\n"
            "X-AV-Server-Info: av=5.0; cn=\"Sony Corporation\"; mn=\"BRAVIA KDL-50W705B\"; mv=\"1.7\";\r\n\r\n<s:Envelope/>")
    assert _ident(http, port=52323).vendor == "Sony"


def test_other_headers_two_letter_parameters_are_not_read() -> None:
    f = fields(Response(protocol="ssdp", port=1900, request="M-SEARCH",
                        raw="HTTP/1.1 200 OK\r\nX-Cert: cn=\"Hikvision\"; mn=\"x\"\r\n\r\n"))
    assert "ssdp.header.x-cert.cn" not in f


# ---------------------------------------------------------------- product words

@pytest.mark.parametrize("value, maker", [("BRAVIA KDL-40CX520", "Sony"), ("KONICA bizhub C368", "Konica Minolta"),
                                          ("bizhub C227", "Konica Minolta")])
def test_a_product_line_of_one_maker_names_it(value: str, maker: str) -> None:
    assert _in("upnp.friendlyName", value) == maker


@pytest.mark.parametrize("value", ["Braviary", "bizhubs", "mybizhub"])
def test_product_words_inside_other_words_name_nobody(value: str) -> None:
    assert _in("upnp.friendlyName", value) is None


# ---------------------------------------------------------------- IEEE blocks

@pytest.mark.parametrize("registrant, maker", [
    ("Oki Electric Industry Co., Ltd.", "OKI"),
    ("KYOCERA CORPORATION", "Kyocera"),
    ("KONICA MINOLTA HOLDINGS, INC.", "Konica Minolta"),
    ("FUJIFILM Business Innovation Corp.", "FUJIFILM Business Innovation"),
    ("TCL King Electrical Appliances(Huizhou)Co.,Ltd", "TCL"),
    ("Shenzhen TCL New Technology Co., Ltd", "TCL"),
    ("MERCUSYS TECHNOLOGIES CO., LTD.", "Mercusys"),
    ("Vestel Elektronik San ve Tic. A.S.", "Vestel"),
    ("SONY Visual Products Inc.", "Sony"),
    ("Sony Home Entertainment&Sound Products Inc", "Sony"),
    ("tado GmbH", "tado"),
    ("Withings", "Withings"),
    ("Dyson Limited", "Dyson"),
    ("SKY UK LIMITED", "Sky UK"),
    ("2Wire Inc", "2Wire"),
    ("ADB Broadband Italia", "ADB Broadband"),
    ("Mist Systems, Inc.", "Mist Systems"),
    ("Universal Electronics, Inc.", "Universal Electronics"),
])
def test_blocks_of_lan_device_makers_name_them(registrant: str, maker: str) -> None:
    prefixes = [p for p, (_kind, org) in DB.oui.items() if org == registrant]
    assert prefixes, registrant
    assert {DB.oui_vendor.get(p) for p in prefixes} == {maker}


@pytest.mark.parametrize("registrant", ["OKI DENKI BOHSAI CO.,LTD.", "Oki Seatec Co., Ltd.", "KYOCERA Display Corporation",
                                        "TCL Yuxin Zhixing Technology (Huizhou) Co.,Ltd", "tcloud intelligence",
                                        "Sony Honda Mobility Inc.", "Universal Electronics BV",
                                        "Baltic Latvian Universal Electronics LLC"])
def test_look_alike_registrants_stay_unmapped(registrant: str) -> None:
    prefixes = [p for p, (_kind, org) in DB.oui.items() if org == registrant]
    assert prefixes, registrant
    assert {DB.oui_vendor.get(p) for p in prefixes} == {None}


def test_mercusys_is_a_tp_link_brand_and_no_camera_maker_by_name() -> None:
    v = DB.vendor("MERCUSYS")
    assert v is not None and v.name == "Mercusys" and v.parent == "TP-Link"
    assert _ident("HTTP/1.1 200 OK\r\nServer: Mercusys\r\n\r\n").device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- product and OS names of one maker

@pytest.mark.parametrize("field, value, maker", [
    ("mdns.instance", "HP LaserJet Pro M404dn", "HP"),
    ("upnp.modelName", "OfficeJet Pro 9010 series", "HP"),
    ("mdns.txt.ty", "Canon PIXMA TS8350", "Canon"),
    ("http.title", "imageRUNNER ADVANCE C5535", "Canon"),
    ("mdns.txt.ty", "EcoTank ET-2850", "Epson"),
    ("snmp.sysDescr", "Xerox VersaLink C405 Multifunction Printer", "Xerox"),
    ("mdns.txt.ty", "ECOSYS M2540dn", "Kyocera"),
    ("http.title", "DiskStation - Synology DiskStation", "Synology"),
    ("dhcp.hostname", "Johns-iPhone", "Apple"),
    ("upnp.friendlyName", "Fire TV Stick 4K", "Amazon"),
    ("http.title", "Nighthawk AX6 router", "Netgear"),
    ("snmp.sysDescr", "RouterOS RB4011iGS+", "MikroTik"),
])
def test_a_product_line_or_os_of_one_maker_names_it(field: str, value: str, maker: str) -> None:
    assert _in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("http.title", "Workforce management"),      # Epson's WorkForce line is left out: a common phrase
    ("http.title", "Echo server"),               # Amazon's Echo is left out: a word
    ("dhcp.hostname", "iphoneography"),          # a longer word
    ("http.title", "Phaser effect settings"),    # Xerox's Phaser is left out: a word
    ("other.sdp.session", "Android TV stream"),  # an OS many makers ship
])
def test_product_words_of_common_use_are_left_out(field: str, value: str) -> None:
    assert _in(field, value) is None


def test_a_product_word_never_types_a_device_a_camera() -> None:
    got = _ident("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>HP LaserJet Pro M404dn</title></head></html>")
    assert got.vendor == "HP" and got.device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- a printer's host name inside its IPP URI

@pytest.mark.parametrize("value, maker", [
    ("ipp://EPSON1A2B3C.local:631/ipp/print", "Epson"),          # Epson's default host name: EPSON + the MAC's tail
    ("ipp://Canon_MG5700_series.local:631/ipp/print", "Canon"),
])
def test_a_printer_uri_names_the_printer_maker_by_its_host_name(value: str, maker: str) -> None:
    assert _in("other.kv.Get-Printer-Attributes.printer-uri", value) == maker
    assert _in("http.json.printer-uri-supported", value) == maker


@pytest.mark.parametrize("value", [
    "ipp://cups.local:631/printers/Canon_MG5700",   # a CUPS server's queue: the server answers, not the printer
    "ipps://printserver:443/classes/Epson_floor2",
    "ipp://192.168.1.5/ipp/print",
    "ipp://HP1860.local:631/ipp/print",             # HP's two letters glued to digits that are no MAC: a word's part
])
def test_a_queue_uri_or_an_address_names_nobody(value: str) -> None:
    assert _in("other.kv.printer-uri-supported", value) is None


def test_the_registered_chinese_name_of_reolink() -> None:
    # its Chinese site's privacy policy names the company (https://reolink.com.cn/privacy-policy-2021/)
    assert _in("http.title", "深圳睿联技术股份有限公司") == "Reolink"
    assert _in("http.title", "睿联") is None     # two CJK characters are a word


def test_an_snmp_system_name_is_a_host_name() -> None:
    # a printer's default host name is its maker's name and the MAC's tail (EPSON1A2B3C), as in DHCP and DNS-SD
    assert _in("snmp.sysName", "EPSON1A2B3C") == "Epson"
    assert _in("snmp.sysName", "router1") is None
    assert _in("snmp.sysName", "KMBT_C364") is None
    # words that are short names stay words there: sysName is no field a short name may open
    assert _in("snmp.sysName", "HP 4th floor") is None


# ---------------------------------------------------------------- a short name glued to the MAC's hex digits as a host name

@pytest.mark.parametrize("field, value, maker", [
    ("dhcp.hostname", "HP09AAFB", "HP"),                                     # Metasploit's wsdd_query printout (PR 9256)
    ("mdns.hostname", "HP18602408C229.local", "HP"),                         # ippusbxd issue 11
    ("other.kv.printer-uri-supported", "ipp://HP18602408C229.local:631/ipp/print", "HP"),
    ("other.kv.Hostname", "HP09AAFB", "HP"),
    ("snmp.sysName", "HPE12345", "HP"),                                      # HP and E12345, not HPE and five digits
])
def test_a_short_name_and_the_mac_digits_as_a_host_name_name_the_maker(field: str, value: str, maker: str) -> None:
    assert _in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("dhcp.hostname", "HP09AAF"),          # five hex digits: no MAC tail
    ("dhcp.hostname", "HP09aafb"),         # not as the maker writes it
    ("dhcp.hostname", "my-HP09AAFB"),      # not the label's start
    ("dhcp.hostname", "HPC09AAFB"),
    ("http.title", "HP09AAFB"),            # not a host-name field
])
def test_other_host_names_name_nobody(field: str, value: str) -> None:
    assert _in(field, value) is None
