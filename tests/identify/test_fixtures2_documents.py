"""Client libraries' recorded answers read whole (fixtures2 lane): a device's answer body kept without its exchange
(a library's fixture file, a ``curl`` without ``-i``, a reply pasted into a thread) is read as the HTTP answer body it
was, so the makers' API conventions written for ``http.xml.*``/``http.json.*``/``http.body`` read it; and a camera's
parameter tree (VAPIX ``param.cgi``'s ``root.Properties.Firmware.Version=...``) is read past three dots. Shapes follow
the libraries' own fixtures (cited per test); every reading is checked against a non-camera's document of the same
shape and against text that only looks like one."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Identification, Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB


def _id(db: SignatureDB, raw: str, protocol: str = "other") -> Identification:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw),)), db)


# maciej-or/hikvision_next tests/fixtures/ISAPI/System.deviceInfo/ipc.xml @b1dc1b94 (the library's recorded answer)
HIK_DEVICEINFO = """<?xml version="1.0" encoding="UTF-8"?>
<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
    <deviceName>yard</deviceName>
    <deviceDescription>IPCamera</deviceDescription>
    <model>DS-2CD2386G2-IU</model>
    <serialNumber>DS-2CD2386G2-IU00000000AAWRJ00000000</serialNumber>
    <firmwareVersion>V5.7.14</firmwareVersion>
    <firmwareReleasedDate>build 231028</firmwareReleasedDate>
    <deviceType>IPCamera</deviceType>
    <manufacturer>hikvision</manufacturer>
</DeviceInfo>"""

# quatanium/foscam-python-lib foscam/foscam.py @6d9c350f: get_dev_info() sends CGIProxy.fcgi?cmd=getDevInfo and reads
# the <CGI_Result> children (productName, serialNo, devName, mac, firmwareVer, hardwareVer)
FOSCAM_DEVINFO = """<CGI_Result>
    <result>0</result>
    <productName>FI9821W</productName>
    <serialNo>0000000000000000</serialNo>
    <devName>Porch</devName>
    <mac>C4D655000000</mac>
    <firmwareVer>1.11.1.18</firmwareVer>
    <hardwareVer>1.13.1.4</hardwareVer>
</CGI_Result>"""


def test_a_bare_isapi_document_is_read_as_the_answer_body(db: SignatureDB) -> None:
    got = _id(db, HIK_DEVICEINFO)
    assert (got.vendor, got.model, got.firmware) == ("Hikvision", "DS-2CD2386G2-IU", "V5.7.14")
    assert got.device_type in VIDEO_TYPES
    f = fields(Response("other", HIK_DEVICEINFO))
    assert f["http.xml.DeviceInfo/model"] == ["DS-2CD2386G2-IU"]


def test_a_bare_foscam_cgi_result_is_read_as_the_answer_body(db: SignatureDB) -> None:
    got = _id(db, FOSCAM_DEVINFO)
    assert (got.vendor, got.model, got.firmware) == ("Foscam", "FI9821W", "1.11.1.18")
    assert got.device_type in VIDEO_TYPES


def test_the_same_body_reads_alike_in_an_exchange_and_bare(db: SignatureDB) -> None:
    exchange = "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + HIK_DEVICEINFO
    whole = _id(db, exchange, "http")
    bare = _id(db, HIK_DEVICEINFO)
    assert (whole.vendor, whole.model, whole.firmware) == (bare.vendor, bare.model, bare.firmware)


def test_text_around_a_document_is_no_bare_document() -> None:
    logged = "2024-01-01 12:00:00 DEBUG answer: " + FOSCAM_DEVINFO
    assert not any(k.startswith("http.") for k in fields(Response("other", logged)))
    page = "<!DOCTYPE html><html><head><title>Login</title></head><body><div>model</div></body></html>"
    # a page is no bare document (no API convention reads its markup); it is read as a page (an HTTP body: its title)
    assert not any(k.startswith(("http.json.", "http.xml.")) for k in fields(Response("other", page)))
    cut = HIK_DEVICEINFO[:200]  # a body cut before its end is left to the fragment readers
    assert "http.xml.DeviceInfo/model" not in fields(Response("other", cut))


def test_a_non_camera_document_stays_a_non_camera(db: SignatureDB) -> None:
    # a router's UPnP description (urn:schemas-upnp-org:device-1-0, as every IGD writes it) and a smart plug's
    # status JSON (Tasmota's "Status" object, arendst/Tasmota's documented Status 0 answer): neither becomes video
    upnp = """<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>0</minor></specVersion>
<device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>Archer C7</friendlyName>
<manufacturer>TP-Link</manufacturer>
<modelName>Archer C7</modelName>
<modelNumber>5.0</modelNumber>
</device>
</root>"""
    got = _id(db, upnp)
    assert got.device_type not in VIDEO_TYPES
    tasmota = ('{"Status":{"Module":1,"DeviceName":"Tasmota","FriendlyName":["Tasmota"],"Topic":"tasmota_1"},'
               '"StatusFWR":{"Version":"12.1.1(tasmota)","BuildDateTime":"2022-08-25T11:33:53","Hardware":"ESP8266EX"}}')
    got = _id(db, tasmota)
    assert got.device_type not in VIDEO_TYPES


# Kane610/axis tests/parameters/test_properties.py @2972ca02 (PROPERTY_RESPONSE, the library's recorded param.cgi
# list of root.Properties) and tests/parameters/test_brand.py (root.Brand.*)
AXIS_PARAMS = """root.Brand.Brand=AXIS
root.Brand.ProdFullName=AXIS M1065-LW Network Camera
root.Brand.ProdNbr=M1065-LW
root.Brand.ProdType=Network Camera
root.Properties.API.HTTP.Version=3
root.Properties.EmbeddedDevelopment.Version=2.16
root.Properties.Firmware.BuildDate=Feb 15 2019 09:42
root.Properties.Firmware.Version=9.10.1
root.Properties.FirmwareManagement.Version=1.0
root.Properties.System.SerialNumber=ACCC12345678"""


def test_a_parameter_tree_path_is_a_key(db: SignatureDB) -> None:
    got = _id(db, AXIS_PARAMS)
    assert (got.vendor, got.model, got.firmware) == ("Axis", "M1065-LW", "9.10.1")
    f = fields(Response("other", AXIS_PARAMS))
    assert f["other.kv.root.Properties.Firmware.Version"] == ["9.10.1"]


def test_the_firmware_is_the_firmware_group_s_version_not_another_api_s(db: SignatureDB) -> None:
    only_apis = "\n".join(line for line in AXIS_PARAMS.splitlines() if ".Firmware." not in line)
    assert _id(db, only_apis).firmware is None


def test_an_oid_is_no_parameter_path() -> None:
    walk = "1.3.6.1.2.1.1.1.0=Linux 4.9\niso.3.6.1.2.1.1.5.0=host\nsysDescr.0.1.2=x\nSNMPv2-MIB.sys.Descr.0=y"
    keys = [k for k in fields(Response("other", walk)) if k.startswith("other.kv.")]
    assert not any(k.startswith(("other.kv.1.3", "other.kv.iso.", "other.kv.sysDescr.0", "other.kv.SNMPv2-MIB.sys")) for k in keys)


def test_a_document_in_one_markdown_code_block_is_bare(db: SignatureDB) -> None:
    # an issue thread's or README's pasted answer: one fenced block, with or without a language word
    for fence in ("```xml\n{}\n```", "```\n{}\n```\n", "~~~\n{}\n~~~"):
        got = _id(db, fence.format(FOSCAM_DEVINFO))
        assert (got.vendor, got.model, got.firmware) == ("Foscam", "FI9821W", "1.11.1.18")
    # a byte-order mark before the declaration (a fixture file saved by a Windows editor)
    got = _id(db, "\ufeff" + HIK_DEVICEINFO)
    assert got.firmware == "V5.7.14"


def test_a_fenced_block_among_prose_is_no_bare_document() -> None:
    text = "The camera answers:\n```xml\n" + FOSCAM_DEVINFO + "\n```\nand then reboots."
    assert "http.xml.CGI_Result/productName" not in fields(Response("other", text))


def test_an_xml_answer_cut_short_keeps_its_elements(db: SignatureDB) -> None:
    cut = HIK_DEVICEINFO[: HIK_DEVICEINFO.index("<firmwareReleasedDate>") + 12]
    got = _id(db, cut)
    assert (got.vendor, got.model, got.firmware) == ("Hikvision", "DS-2CD2386G2-IU", "V5.7.14")
    # a non-camera's cut answer (a printer's) stays a non-camera
    printer = "<?xml version=\"1.0\"?>\n<prdcfgdyn:ProductConfigDyn>\n<dd:MakeAndModel>HP OfficeJet Pro 8730</dd:MakeAndModel>\n<dd:Version><dd:Revision>WBP2CN19"
    assert _id(db, printer).device_type not in VIDEO_TYPES
