"""Makers' names as tokens (helper "tokens2", session 10): spellings with a space or hyphen inside the name,
native-script (CJK) names, domains that are not the name, the word boundary before a name, an SSDP answer's own
headers, a Chinese copyright notice, and the IEEE blocks of consumer and carrier makers. Each case has a
counter-example that must name nobody (or stay a non-camera)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.names import normalise_name, vendor_key

DB = load_db()
MN = DB.maker_names


def _find(value: str) -> str | None:
    assert MN is not None
    return MN.find(value)


def _ident(raw: str, protocol: str = "http", mac: str | None = None, port: int | None = 80):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=mac, responses=(Response(protocol=protocol, port=port, request="GET / HTTP/1.1", raw=raw),)), DB)


@pytest.mark.parametrize("value, maker", [
    ("HIK VISION", "Hikvision"),
    ("Hik-Vision DS-2CD2042WD-I", "Hikvision"),
    ("hik_vision", "Hikvision"),
    ("Xiong Mai NVR", "Xiongmai"),
    ("DAHUA TECHNOLOGY CO.,LTD", "Dahua"),
    ("DahuaTech", "Dahua"),
])
def test_spellings_with_a_space_or_hyphen_inside_the_name(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", ["Hikvisionary", "Hik", "Vision Pro", "Dahuasecurityx"])
def test_a_name_inside_a_longer_word_or_a_part_of_a_name_names_nobody(value: str) -> None:
    assert _find(value) is None


@pytest.mark.parametrize("value, maker", [
    # the makers' registered names in Chinese (annual reports, their Chinese sites), inside other CJK text
    ("海康威视网络摄像机", "Hikvision"),
    ("版权所有：浙江大华技术股份有限公司", "Dahua"),
    ("浙江宇视科技有限公司", "Uniview"),
    ("天地伟业", "Tiandy"),
    ("深圳市同为数码科技股份有限公司", "TVT"),
    ("杭州雄迈信息技术有限公司", "Xiongmai"),
])
def test_native_script_names(value: str, maker: str) -> None:
    assert _find(value) == maker


def test_native_script_lookups_and_short_names_that_stay_words() -> None:
    assert DB.vendor("天地伟业技术有限公司").name == "Tiandy"  # type: ignore[union-attr]
    assert DB.vendor("杭州海康威视数字技术股份有限公司").name == "Hikvision"  # type: ignore[union-attr]
    assert vendor_key("海康 威视") == "海康威视" and normalise_name("Geutebrück GmbH") == "geutebr ck gmbh"
    # two characters are a word of the language (大华 is also a bank's name, 大华银行): never searched
    assert _find("大华银行") is None
    assert _find("华为") is None


@pytest.mark.parametrize("value, maker", [
    ("support@dahuatech.com", "Dahua"),
    ("https://www.hik-connect.com/", "Hikvision"),
    ("tvt.net.cn", "TVT"),
    ("e=support@nightowlsp.com", "Night Owl"),
    ("eye4.cn", "VStarcam"),
    ("HCNetSDK V6.1.9.4", "Hikvision"),
])
def test_domains_and_sdk_names_that_are_not_the_name(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", [
    "TVT",  # three letters are a word: only its domain or longer names are searched
    "hik-connector",  # a name that runs on into a longer word
    "tvt.net.cnx",
])
def test_domain_look_alikes_name_nobody(value: str) -> None:
    assert _find(value) is None


@pytest.mark.parametrize("value", ["y-axis", "X-Axis scale", "z-Axis", "string", "Boscher"])
def test_a_single_letter_and_a_hyphen_before_a_name_is_not_the_name(value: str) -> None:
    assert _find(value) is None


def test_names_after_other_separators_are_still_names() -> None:
    assert _find("AXIS M1065-LW") == "Axis"
    assert _find("cam-axis-01") == "Axis"  # a host name's word after a longer word and a hyphen
    assert _find("x Hikvision") == "Hikvision"


def test_ssdp_headers_beyond_server_name_their_maker_but_not_urls_or_uuids() -> None:
    assert MN is not None
    assert MN.applies("ssdp.header.st") and MN.applies("ssdp.header.nt") and MN.applies("ssdp.header.x-user-agent")
    assert not MN.applies("ssdp.header.location")
    # the USN is read since session 12 (tokens4): it is the UDN (read as upnp.UDN) and the search target, and a
    # UUID's hex digits spell no maker's name (tests/identify/test_tokens_session12.py)
    assert MN.applies("ssdp.header.usn") and _find("uuid:2f402f80-da50-11e1-9b23-001788682e5b::upnp:rootdevice") is None
    assert not MN.applies("ssdp.header.bootid.upnp.org")
    # a WeMo's answer to netdisco's search (its discoverable finds WeMo devices by this search target,
    # netdisco/discoverables/belkin_wemo.py): the URN domain is Belkin's; location and USN as WeMo devices write them
    raw = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=86400\r\nLOCATION: http://192.168.1.20:49153/setup.xml\r\n"
           "SERVER: Unspecified, UPnP/1.0, Unspecified\r\nST: urn:Belkin:service:manufacture:1\r\n"
           "USN: uuid:Socket-1_0-SERIAL::urn:Belkin:service:manufacture:1\r\n\r\n")
    got = _ident(raw, protocol="ssdp", port=1900)
    assert got.vendor == "Belkin" and got.device_type not in VIDEO_TYPES
    # the UPnP forum's own URN domain names nobody
    assert _find("urn:schemas-upnp-org:device:WANConnectionDevice:1") is None


def test_a_chinese_copyright_notice_names_its_holder_as_a_label_never_a_type() -> None:
    body = "<html><body><div>版权所有 (C), 2001-2015, 杭州海康威视数字技术股份有限公司</div></body></html>"
    got = _ident("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body)
    assert got.vendor == "Hikvision" and got.device_type not in VIDEO_TYPES
    body = "<html><body><div>Copyright © 2013 杭州海康威视数字技术股份有限公司 All rights reserved.</div></body></html>"
    assert _ident("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body).vendor == "Hikvision"
    # an unknown holder names nobody
    body = "<html><body><div>版权所有 © 2020 深圳市某某电子有限公司</div></body></html>"
    assert _ident("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body).vendor is None


@pytest.mark.parametrize("prefix, maker", [
    ("0009BF", "Nintendo"),
    ("00041F", "Sony Interactive Entertainment"),
    ("040986", "Arcadyan"),
    ("00CB7A", "Vantiva"),
    ("000378", "HUMAX"),
])
def test_consumer_and_carrier_makers_by_their_blocks_are_never_cameras(prefix: str, maker: str) -> None:
    assert DB.oui_vendor.get(prefix) == maker
    got = identify(Observation(ip=None, mac=f"{prefix[:2]}:{prefix[2:4]}:{prefix[4:6]}:01:02:03", responses=()), DB)
    assert got.vendor == maker and got.device_type not in VIDEO_TYPES


def test_chip_makers_blocks_stay_unmapped_and_covered_status_is_inherited() -> None:
    assert DB.oui.get("083A8D") is not None and not DB.oui_vendor.get("083A8D")  # Espressif: a chip, not a device
    assert DB.vendor("Sony Interactive Entertainment").parent == "Sony"  # type: ignore[union-attr]
    assert DB.vendor("萤石网络").name == "EZVIZ"  # type: ignore[union-attr]


def test_a_mac_written_with_separators_is_read_whatever_its_digits() -> None:
    from netscan.identify.collect import _mac_tokens

    assert _mac_tokens("00:09:18:12:34:56") == ("00:09:18:12:34:56",)
    assert _mac_tokens("cam 00-09-18-12-34-56") == ("00-09-18-12-34-56",)
    # a bare run of twelve decimal digits is a number (a serial, a time stamp), not a MAC; three groups are a time
    assert _mac_tokens("000918123456") == () and _mac_tokens("12:30:45") == ()
    # an SDP session name that is the device's MAC (000918: Samsung Techwin, now Hanwha Vision)
    sdp = ("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 1 1 IN IP4 192.168.1.10\r\ns=00:09:18:12:34:56\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n")
    got = identify(Observation(ip=None, mac=None, responses=(Response(protocol="rtsp", port=554, request="DESCRIBE rtsp://x/ RTSP/1.0", raw=sdp),)), DB)
    assert got.vendor == "Hanwha Vision"
    sdp = sdp.replace("s=00:09:18:12:34:56", "s=000918123456")
    got = identify(Observation(ip=None, mac=None, responses=(Response(protocol="rtsp", port=554, request="DESCRIBE rtsp://x/ RTSP/1.0", raw=sdp),)), DB)
    assert got.vendor is None


@pytest.mark.parametrize("value, maker", [
    ("Crestron Electronics CP4", "Crestron"),
    ("Blackmagic Design Web Presenter", "Blackmagic Design"),
    ("LEGRAND intercom", "Legrand"),
    ("SHARP Corporation", "Sharp"),  # the longer name is no word
    ("Neato Robotics D7", "Neato Robotics"),
])
def test_other_equipment_makers_are_named(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", ["Sharp", "Pioneer Square", "Kingston upon Thames", "Whirlpool bath", "neato", "1 Gigabyte", "owlet"])
def test_maker_names_that_are_words_or_places_name_nobody_alone(value: str) -> None:
    assert _find(value) is None


def test_other_equipment_makers_in_a_manufacturer_field_are_labels_and_never_cameras() -> None:
    got = identify(Observation(ip=None, mac=None, responses=(Response(
        protocol="upnp", port=1900, request="GET /description.xml",
        raw="<root><device><manufacturer>Sharp Corporation</manufacturer><modelName>LC-60UE30U</modelName></device></root>"),)), DB)
    assert got.vendor == "Sharp" and got.device_type not in VIDEO_TYPES
    assert DB.oui_vendor.get("001CEE") == "Sharp" and DB.oui_vendor.get("000B5D") == "Fujitsu"


def test_baby_monitor_makers_and_camera_labels() -> None:
    assert _find("Hubble Connected") == "Binatone" and _find("Hubble Space Telescope") is None
    assert DB.oui_vendor.get("B8B94E") == "iBaby" and DB.oui_vendor.get("000AE2") == "Binatone"
    assert _find("Defender Cameras") == "Defender" and _find("Microsoft Defender") is None and _find("Defender") is None
    assert _find("北京汉邦高科数字技术股份有限公司") == "Hanbang" and _find("珠海安联锐视科技股份有限公司") == "Raysharp"
    # a retail label named in an ONVIF Manufacturer field is the brand, and names no type by itself
    got = identify(Observation(ip=None, mac=None, responses=(Response(
        protocol="onvif", port=80, request="GetDeviceInformation", raw="Manufacturer: JENNOV\nFirmwareVersion: 1.0.2\n"),)), DB)
    assert got.brand == "Jennov"


def test_an_alias_that_is_only_a_legal_form_is_a_problem() -> None:
    from netscan.sigdb.db import alias_is_legal_form

    # an unquoted "[IDIS Co., Ltd., idisglobal.com]" YAML list splits into "IDIS Co." and "Ltd."
    assert alias_is_legal_form("Ltd.") and alias_is_legal_form("Co., Ltd") and alias_is_legal_form("Inc")
    assert not alias_is_legal_form("IDIS Co., Ltd.") and not alias_is_legal_form("Sony Corporation")
    assert DB.vendor("Ltd.") is None and DB.vendor("IDIS Co., Ltd.").name == "IDIS"  # type: ignore[union-attr]
    assert not any(alias_is_legal_form(a) for v in DB.vendors.values() for a in v.aliases)


def test_a_split_alias_list_is_reported_when_loading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    from pathlib import Path

    shutil.copytree(Path(DB.root), tmp_path / "sig")
    f = tmp_path / "sig" / "vendors" / "cameras-stacks.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("aliases: ['IDIS Co., Ltd.', idisglobal.com]",
                                                      "aliases: [IDIS Co., Ltd., idisglobal.com]"), encoding="utf-8")
    problems = load_db(tmp_path / "sig").problems
    assert any("'Ltd.'" in p and "IDIS" in p for p in problems)


def test_dns_sd_make_and_model_keys_and_the_upnp_model_url_are_read() -> None:
    assert MN is not None
    # Bonjour printing's make-and-model keys (ty, product, usb_MFG/usb_MDL) and Cast's md are the device's own;
    # a user-set friendly name (fn) and other keys are not read
    for name in ("mdns.txt.ty", "mdns.txt.product", "mdns.txt.usb_MFG", "mdns.txt.md", "upnp.modelURL"):
        assert MN.applies(name), name
    for name in ("mdns.txt.fn", "mdns.txt.rp", "upnp.presentationURL", "mdns.txt.note"):
        assert not MN.applies(name), name
    raw = ('EPSON ET-2750 Series._ipp._tcp.local. TXT "ty=EPSON ET-2750 Series" "rp=ipp/print"\n')
    got = identify(Observation(ip=None, mac=None, responses=(Response(protocol="mdns", port=5353, request="_ipp._tcp.local", raw=raw),)), DB)
    assert got.vendor == "Epson" and got.device_type not in VIDEO_TYPES


def test_more_registration_places_are_cut_from_company_names() -> None:
    from netscan.sigdb.names import short_company_name

    assert short_company_name("Kunshan Foo Electronics Co., Ltd.") == "Foo"
    assert short_company_name("Hsinchu Bar Technology Inc.") == "Bar"
    # a place alone stays as written; a place that is all that is left after the legal form is kept
    assert short_company_name("Harbin") == "Harbin" and short_company_name("Taizhou Co., Ltd.") == "Taizhou"


def test_a_hardware_or_os_cpe_names_its_maker_an_application_cpe_nobody() -> None:
    assert MN is not None and MN.applies("nmap.cpe") and MN.applies("other.kv.cpe") and MN.applies("other.kv.product")
    assert _find("cpe:/h:hikvision:ds-2cd2032-i") == "Hikvision"
    assert _find("cpe:2.3:o:cisco:ios:15.1:*:*:*:*:*:*:*") == "Cisco"
    # an application's maker is not the device's (TP-Link's firmware CPE is an application CPE in NVD's naming)
    assert _find("cpe:/a:tp-link:tl-wr740n_firmware") is None and _find("cpe:2.3:a:dahua:smartpss:*") is None
    assert _find("cpe:/o:linux:linux_kernel") is None
    # nmap -oX service lines as netscan's nmap-XML reader records them
    got = identify(Observation(ip=None, mac=None, responses=(Response(
        protocol="other", port=80, request="nmap-service",
        raw="service: http\nproduct: Hikvision IP camera httpd\ncpe: cpe:/h:hikvision:ds-2cd2032-i"),)), DB)
    assert got.vendor == "Hikvision"
