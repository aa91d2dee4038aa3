"""Makers named by registries and by their names as tokens (helper "tokens", session 9): IEEE registrants
and IANA enterprise numbers of makers that were not mapped, a system OID written outside an SNMP walk, and a
retail label reported as the brand. Each case has a counter-example that must name nobody or stay a non-camera."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.pen import pen_vendor, vendor_keys

DB = load_db()


def _ident(raw: str, protocol: str = "other", mac: str | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=mac, responses=(Response(protocol=protocol, port=None, request="cli", raw=raw),)), DB)


def test_unmapped_ieee_registrants_of_video_makers_now_name_them() -> None:
    # IEEE registry (signatures/oui/registry.tsv): 8CAE89 Y-cam Solutions Ltd, 74AB93 Blink by Amazon,
    # 00162F Geutebrück GmbH, 000D40 Verint Loronix Video Solutions, 0050C2790 GE Security-Kampro
    assert DB.oui_vendor.get("8CAE89") == "Y-cam"
    assert DB.oui_vendor.get("74AB93") == "Blink"
    assert DB.oui_vendor.get("00162F") == "Geutebrück"
    assert DB.oui_vendor.get("000D40") == "Verint"
    assert DB.oui_vendor.get("0050C2790") == "Kampro"
    assert DB.oui_vendor.get("0023B6") == "Honeywell"  # SECURITE COMMUNICATIONS / HONEYWELL
    assert DB.oui_vendor.get("34885D") == "Logitech"  # Logitech Far East
    assert DB.oui_vendor.get("A44C62") == "HIKMICRO"  # Hangzhou Microimage Software Co., Ltd
    assert DB.oui_vendor.get("0090AA") == "IndigoVision"  # INDIGO ACTIVE VISION SYSTEMS LIMITED
    assert DB.oui_vendor.get("001BFE") == "Zavio"
    assert DB.oui_vendor.get("0CCAFB") == "TP Vision"  # the Philips TVs' maker, not a camera maker
    # HIKMICRO and HuaRay belong to the covered groups through their parents
    assert DB.vendor("HIKMICRO").parent == "Hikvision" and DB.vendor("HuaRay").parent == "Dahua"  # type: ignore[union-attr]


def test_network_makers_named_by_oui_are_never_cameras() -> None:
    for prefix, maker in (("000FE2", "H3C"), ("000E8F", "Sercomm")):
        assert DB.oui_vendor.get(prefix) == maker
        got = identify(Observation(ip=None, mac=f"{prefix[:2]}:{prefix[2:4]}:{prefix[4:6]}:01:02:03", responses=()), DB)
        assert got.vendor == maker and got.device_type not in VIDEO_TYPES


def test_chip_and_module_makers_stay_unmapped() -> None:
    # the SoC and Wi-Fi module makers build no device: their blocks name nobody
    for prefix in ("D03110", "3CB53D", "14C9CF"):  # Ingenic, Goke, SigmaStar (IEEE)
        assert DB.oui.get(prefix) is not None and not DB.oui_vendor.get(prefix)


def test_enterprise_numbers_of_new_makers_and_three_letter_names() -> None:
    assert DB.pen.get("25506", ("", ""))[1] == "H3C"  # IANA "H3C": a three-letter canonical name, whole
    assert DB.pen.get("872", ("", ""))[1] == "AVM"  # "AVM GmbH"
    assert DB.pen.get("4881", ("", ""))[1] == "Ruijie"
    assert DB.pen.get("28106", ("", ""))[1] == "Geutebrück"
    keys = vendor_keys(DB)
    assert pen_vendor(keys, "CellVision AS") is None  # not Cellvision Systems, Inc.
    assert pen_vendor(keys, "Sentryl Software, Inc.") is None
    assert pen_vendor(keys, "Compro Computer Services, Inc") is None
    assert pen_vendor(keys, "H3 Communications") is None


def test_system_oid_written_by_a_cli_names_the_enterprise() -> None:
    got = _ident("Sysname: core-sw1\nSystem OID: 1.3.6.1.4.1.25506.11.1.136\n")
    assert got.vendor == "H3C" and got.device_type not in VIDEO_TYPES
    assert _ident('{"sysObjectId": ".1.3.6.1.4.1.30065.1.3011.7048.427.3648"}').vendor == "Arista"
    # an unregistered number, an OID outside the enterprises arc, another key: nobody
    assert _ident("System OID: 1.3.6.1.4.1.99999999.1\n").vendor is None
    assert _ident("System OID: 1.3.6.1.2.1.1\n").vendor is None
    assert _ident("Object: 1.3.6.1.4.1.25506.1\n").vendor is None


def test_names_that_are_also_words_name_nobody() -> None:
    mn = DB.maker_names
    assert mn is not None
    assert mn.find("Blink") is None  # a word, and Chromium's engine
    assert mn.find("Sentry") is None  # only "Sentry 360" is the camera maker
    assert mn.find("Sentry360 Fisheye") == "Sentry 360"
    assert mn.find("Y-cam Bullet") == "Y-cam"
    # a name glued to a product code (CamelCase to a capital) is still the name; an all-capitals run is not
    assert mn.find("TapoC200") == "Tapo" and mn.find("ReolinkE1") == "Reolink"
    # (session 11: a name of five or more letters glued to a video product word that ends the word is the name,
    # ``Reolinkcam``; glued to other letters it is not)
    assert mn.find("ACTIONS") is None and mn.find("Reolinking") is None and mn.find("Reolinkcam") == "Reolink"
    # three characters with a digit are no word (H3C); three letters are (HPE, LTS: never searched)
    assert mn.find("H3C Comware Platform Software") == "H3C"
    assert mn.find("LTS release") is None and mn.find("H3CX") is None


def test_retail_label_reported_as_brand_even_as_vendor() -> None:
    # ONVIF Manufacturer of a camera label whose builder is not known (home-assistant/core#63399)
    got = _ident("Manufacturer: EYEPLUS\nModel: EYEPLUS_DEV\nFirmwareVersion: 5.6.1.1127\n", protocol="onvif")
    assert got.vendor == "EYEPLUS" and got.brand == "EYEPLUS"
    # a maker (not a label) named the same way is never also its own brand
    got = _ident("Manufacturer: Uniview\nModel: IPC2122LB-SF28K-A\n", protocol="onvif")
    assert got.brand is None
    # a relabel with a known builder stays maker + label (vendor Hikvision, brand EZVIZ)
    assert DB.vendor("EYEPLUS").label and not DB.vendor("Hikvision").label  # type: ignore[union-attr]


def test_parent_company_and_licensed_label_kept_apart() -> None:
    # a Hue bridge: the UPnP manufacturer is the maker (Signify), the bridge's name the label (Philips)
    upnp = ("<root><device><manufacturer>Signify</manufacturer><friendlyName>Philips hue (192.168.1.2)</friendlyName>"
            "<modelName>Philips hue bridge 2015</modelName></device></root>")
    got = _ident(upnp, protocol="upnp")
    assert got.vendor == "Signify" and got.brand == "Philips" and got.device_type not in VIDEO_TYPES
    # IEEE: Signify's block names Signify, a Philips Electronics block Philips
    assert DB.oui_vendor.get("001788") == "Signify"  # Philips Lighting BV
    # a label the device names alone stands as vendor and brand; an unknown retailer's word names nobody
    got = _ident("Manufacturer: onn.\n", protocol="onvif")
    assert got.brand == "onn."


def test_eufy_serial_names_the_maker_not_the_model_or_type() -> None:
    # homebridge-eufy#862 (training): a PoE NVR's record, its serial in Eufy's scheme (model code + 11)
    got = _ident('{"uniqueId": "T8N0052025190549", "serialNumber": "T8N0052025190549"}')
    assert got.vendor == "Eufy" and got.brand == "Eufy" and got.serial == "T8N0052025190549"
    assert got.model is None and got.device_type == "unknown"  # a serial names no model or type
    # the same shape under another letter, a masked serial, a longer token: nobody
    assert _ident('{"serialNumber": "TB0052025190549A"}').vendor is None
    assert _ident('{"serialNumber": "T8419*******"}').serial is None  # masked: only the model grammar reads its code
    assert _ident('{"serialNumber": "T8N0052025190549AB"}').vendor is None


def test_camera_makers_of_a_public_camera_database_with_their_own_blocks() -> None:
    # iSpy's camera database lists these makers; the IEEE registry holds their blocks
    for prefix, maker in (("0002F1", "Pinetron"), ("001BC7", "StarVedia"), ("4C917A6", "OpenEye"), ("001A3F", "Intelbras")):
        assert DB.oui_vendor.get(prefix) == maker
    keys = vendor_keys(DB)
    assert pen_vendor(keys, "Pinetron Co.,Ltd") == "Pinetron"
    assert pen_vendor(keys, "Planex Technologies S.A.") is None  # another company than Planex Communications


def _page(body: str):  # type: ignore[no-untyped-def]
    raw = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol="http", port=80, request="GET /", raw=raw),)), DB)


def test_a_web_uis_copyright_holder_is_a_label_claim() -> None:
    got = _page("<p>&copy; 2023 Reolink. All Rights Reserved.</p>")
    assert got.vendor == "Reolink" and got.device_type == "unknown"  # a name never types the device
    # a relabel's pages keep the label: the label is the brand, its builder the maker
    got = _page("<p>Copyright \u00a9 Lorex Technology Inc.</p>")
    assert got.vendor == "Dahua" and got.brand == "Lorex"
    # software projects and foundations, and unknown holders, name nobody
    assert _page("<p>Copyright (C) 2007-2020 the FFmpeg developers</p>").vendor is None
    assert _page("/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors */").vendor is None
    assert _page("<footer>Copyright 2021 Acme Widgets Ltd.</footer>").vendor is None
    # a maker's name elsewhere in a page (a link, a help text) is not a copyright notice
    assert _page('<a href="https://www.reolink.com/">Reolink support</a>').vendor is None


def test_private_mib_objects_walked_without_a_sysobjectid_name_the_enterprise() -> None:
    walk = 'SNMPv2-SMI::enterprises.25506.2.6.1.1.1.1.2.1 = STRING: "S5120-28C-EI"\n'
    got = _ident(walk, protocol="snmp")
    assert got.vendor == "H3C" and got.device_type not in VIDEO_TYPES
    # a management stack's own MIB (net-snmp's UCD-SNMP-MIB, 2021) names nobody
    assert _ident("SNMPv2-SMI::enterprises.2021.4.5.0 = INTEGER: 1024\n", protocol="snmp").vendor is None
    # with a sysObjectID, the sysObjectID's enterprise speaks, not the walked subtrees
    both = "SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.8072.3.2.10\n" + walk
    assert not any(e.detail.startswith("SNMP private-MIB") for e in _ident(both, protocol="snmp").evidence)
