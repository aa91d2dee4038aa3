"""Makers' names as tokens (helper "tokens6", session 13): a manufacturer field's one-slip misspelling of a known
maker's name, camera makers' product-line and app names, and new makers and labels. Each case has a
counter-example that must name nobody, name another maker, or stay a non-camera."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.names import one_edit_keys

DB = load_db()


def _ident(raw: str, protocol: str = "other", port: int | None = None, request: str = "a recorded text"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request=request, raw=raw),)), DB)


# ---------------------------------------------------------------- a manufacturer field's typing slip

def test_one_slip_keys_keep_the_first_letter_and_make_only_doubling_and_swap_slips() -> None:
    keys = one_edit_keys("sonoff")
    assert "sonof" in keys and "sonofff" in keys and "snooff" in keys
    assert "osnoff" not in keys and "ssonoff" not in keys                      # the first letter is kept
    assert "sonofx" not in keys and "zonoff" not in keys and "sonaff" not in keys  # nothing added, changed
    assert "sonoff" not in keys


@pytest.mark.parametrize("typed, maker", [
    ("Sonof", "Sonoff"),        # a camera-database contribution's brand (StrixCamDB issue 17: the maintainer mapped it to Sonoff)
    ("Phillips", "Philips"),    # a letter written twice
    ("Amcerst", "Amcrest"),     # neighbours swapped
    ("Reolnik", "Reolink"),
])
def test_a_manufacturer_fields_one_slip_names_the_maker(typed: str, maker: str) -> None:
    got = DB.misspelled_vendor(typed)
    assert got is not None and got.name == maker
    dev = _ident(f"brand: {typed}\nmodel: X100\n")
    assert maker in (dev.vendor, dev.brand)          # (Amcrest: a label, its maker Dahua the vendor)


@pytest.mark.parametrize("name", [
    "Hivision",     # an IEEE registrant (Hivision Co., Ltd.): a letter dropped from Hikvision, another company
    "Genvision",    # Shanghai Genvision Industries: a letter changed from GeoVision
    "Redlink",      # Beijing Redlink: one letter changed from Reolink
    "Boscam",       # an FPV brand: the first letter changed from Foscam
    "Telink",       # a Bluetooth chip maker: one edit from TP-Link's key
    "Brothers",     # Brother is a word: never matched by a slip
    "Sonny",        # Sony is too short to match a slip
    "Sonoff",       # the name itself is no slip of itself
])
def test_other_companies_one_edit_away_are_no_slips(name: str) -> None:
    assert DB.misspelled_vendor(name) is None


def test_a_slip_inside_a_longer_value_or_in_free_text_names_nobody() -> None:
    assert DB.misspelled_vendor("Sonof Smart Home") is None          # several words: a name netscan does not know
    dev = _ident("the camera said Sonof on its box\n")
    assert dev.vendor is None


# ---------------------------------------------------------------- product lines, apps and clients of one maker

MN = DB.maker_names


@pytest.mark.parametrize("field, value, maker", [
    ("http.title", "4 MP ColorVu Fixed Turret Network Camera", "Hikvision"),   # its full-colour line
    ("http.title", "HikCentral Professional", "Hikvision"),                    # its VMS
    ("other.banner", "iVMS-4500 HD", "Hikvision"),                             # its phone client
    ("http.title", "HiLookVision Station", "HiLook"),                          # the label's client: the label
    ("other.banner", "gDMSS Plus", "Dahua"),                                   # DMSS's Android build
    ("other.banner", "SmartPSS Lite", "Dahua"),                                # its PC client
    ("other.banner", "added in the iCSee app", "Xiongmai"),                    # the XM platform's phone app
    ("rtsp.sdp.encoding", "MxPEG", "Mobotix"),                                 # its own codec
    ("http.title", "VAPIX Library", "Axis"),                                   # its HTTP API
    ("http.header.www-authenticate", 'Digest realm="iPOLiS"', "Hanwha Vision"),  # Samsung Techwin's line
    ("upnp.modelName", "HDHomeRun CONNECT QUATRO", "SiliconDust"),             # a TV tuner maker's product
])
def test_a_makers_own_product_app_or_client_name_names_it(field: str, value: str, maker: str) -> None:
    assert MN is not None and MN.find_in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("http.title", "MyColorVuMeter"),          # inside another word
    ("rtsp.sdp.encoding", "MJPEG"),            # the codec every maker sends
    ("http.title", "ONVIF Device"),            # the standard, not a maker
    ("http.title", "Indianapolis"),            # 'polis' inside a word
    ("other.banner", "DMS server"),            # a shorter word than the app's
    ("other.banner", "I see the stream"),      # English, not the app
    ("http.title", "Central Station"),         # HikCentral's second half alone
    ("http.title", "Smart PSS"),               # the words apart
])
def test_ordinary_words_near_those_names_name_nobody(field: str, value: str) -> None:
    assert MN is not None and MN.find_in(field, value) is None


def test_a_product_word_is_no_manufacturer() -> None:
    # a manufacturer field holding a product line is not read as the maker's name (docs/signatures.md product_words)
    assert DB.vendor("ColorVu") is None and DB.vendor("MxPEG") is None and DB.vendor("VAPIX") is None


# ---------------------------------------------------------------- new makers and labels

def test_empiretech_is_a_dahua_label() -> None:
    # "one is rebranded as an EmpireTech DB2X-WP" (a Dahua VTO2311R-WP): https://github.com/rroller/dahua/issues/308
    dev = _ident("manufacturer: EmpireTech\nmodel: DB2X-WP\n")
    assert (dev.vendor, dev.brand) == ("Dahua", "EmpireTech")
    # 'Empire' alone is another name: unknown, never the label
    other = _ident("manufacturer: Empire\nmodel: X1\n")
    assert other.brand is None and other.vendor != "Dahua"


def test_fisotech_is_a_label_without_a_known_builder() -> None:
    dev = _ident("brand: Fisotech\nmodel: AHD-4CH\n")
    assert dev.vendor == "Fisotech" and dev.brand == "Fisotech"


def test_silicondust_by_its_block_is_no_camera() -> None:
    dev = identify(Observation(ip=None, mac="00:18:DD:01:02:03", responses=(
        Response(protocol="upnp", port=80, request="GET /device.xml",
                 raw='<root><device><manufacturer>Silicondust</manufacturer><modelName>HDHomeRun CONNECT QUATRO</modelName>'
                     '</device></root>'),)), DB)
    assert dev.vendor == "SiliconDust" and dev.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


# ---------------------------------------------------------------- video makers nmap-service-probes names

@pytest.mark.parametrize("field, value, maker", [
    ("http.header.server", "Mango DSP HTTP Stack", "Mango DSP"),
    ("telnet.banner", "***\r\n*DVTel DVT-9540E - 4.3.2*\r\n***\r\nMain Menu", "DVTel"),
    ("other.banner", "220 IPCamera FtpServer(www.maygion.com),do NOT change firmware unless you know what you are doing!", "Maygion"),
    ("telnet.banner", "Product of HUACAM\r\n  \r\n\r\nUsername:", "Huacam"),
])
def test_a_video_makers_banner_names_it(field: str, value: str, maker: str) -> None:
    assert MN is not None and MN.find_in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("http.header.server", "Mango/1.0"),                 # a fruit, another server
    ("telnet.banner", "DVT login:"),                     # the model prefix alone
    ("http.title", "Micros Systems POS"),                # another company's word
    ("other.banner", "220 IPCamera FtpServer ready"),    # the clone banner without the maker's domain
])
def test_their_look_alikes_name_nobody(field: str, value: str) -> None:
    assert MN is not None and MN.find_in(field, value) is None


def test_their_ieee_blocks_name_them() -> None:
    assert DB.oui_vendor.get("00AD63") == "Dedicated Micros"
    assert DB.oui_vendor.get("0050C22A8") == "DVTel"
    assert DB.oui_vendor.get("0050C2397") == "Mango DSP"


# ---------------------------------------------------------------- camera labels of ContaCam's camera list

@pytest.mark.parametrize("name", ["Dekco", "FalconEye", "HiKam", "JideTech", "Kucam", "Sumpple", "Uokoo", "Yudor", "Srihome"])
def test_a_camera_labels_make_value_is_the_label(name: str) -> None:
    dev = _ident(f"brand: {name}\nmodel: X1\n")
    assert dev.vendor == name and dev.brand == name


@pytest.mark.parametrize("name", ["Floureon", "Digoo", "7Links"])
def test_a_gadget_label_names_no_camera_by_its_name(name: str) -> None:
    # labels that also sell other gadgets (not video_only): the name alone types nothing
    dev = _ident(f"brand: {name}\nmodel: X1\n")
    assert dev.brand == name and dev.device_type == "unknown"


def test_labels_are_found_as_words_only() -> None:
    assert MN is not None
    assert MN.find_in("http.title", "Kucam IP Camera") == "Kucam"
    assert MN.find_in("http.title", "Hikamasa setup") is None        # inside a longer word
    assert MN.find_in("http.title", "Yudoraki") is None


# ---------------------------------------------------------------- a relabel said in words

def _prose(text: str):  # type: ignore[no-untyped-def]
    return _ident(text)


def test_rebranded_as_a_known_label_names_the_label_and_its_maker() -> None:
    dev = _prose("I have two doorbells, both are Dahua VTO2311R-WP models and use the same Dahua firmware, "
                 "but one is rebranded as an EmpireTech DB2X-WP. The rebranded one is not recognized.\n")
    assert (dev.vendor, dev.brand) == ("Dahua", "EmpireTech")
    # a Hikvision-built label: its one builder is the maker even where the text names no maker
    dev = _prose("My camera is actually a Hikvision board sold as an Annke camera, it works fine with the app.\n")
    assert (dev.vendor, dev.brand) == ("Hikvision", "ANNKE")


@pytest.mark.parametrize("text", [
    "The kit is sold as a bundle with two cameras and a recorder, nothing else to say about it.\n",   # no label
    "The firmware was rebranded as Hikvision on the update page, which confused me a lot.\n",          # a maker, no label
    "My doorbell is sold as Swann in Australia, the box says so, and it works with the app.\n",        # a label without a known builder
])
def test_other_as_phrases_name_no_relabel(text: str) -> None:
    dev = _prose(text)
    assert not (dev.brand and dev.vendor and dev.brand != dev.vendor)   # never a maker and a label from the phrase


def test_their_iana_enterprise_numbers_name_them() -> None:
    # scripts/gen_pen.py re-run after adding them: DVTEL Inc. 10067, Mango DSP, Inc. 39155 (IANA registry)
    assert DB.pen.get("10067", ("", ""))[1] == "DVTel"
    assert DB.pen.get("39155", ("", ""))[1] == "Mango DSP"
    assert "10068" not in DB.pen or DB.pen["10068"][1] != "DVTel"


# ---------------------------------------------------------------- Brother's print-server node names

@pytest.mark.parametrize("field, value", [
    ("mdns.hostname", "BRN008077310107.local"),     # wired: BRN and the whole MAC
    ("dhcp.hostname", "BRW30055C8F7A21"),           # wireless: BRW
    ("mdns.instance", "BRN_310107_P1"),             # the print server's service name
    ("http.title", "BRAdmin Professional 3"),       # its management utility
])
def test_brothers_node_names_name_brother(field: str, value: str) -> None:
    assert MN is not None and MN.find_in(field, value) == "Brother"


@pytest.mark.parametrize("field, value", [
    ("dhcp.hostname", "BRNX-laptop"),               # BRN not followed by the MAC's hex digits
    ("mdns.hostname", "BRNO-office"),               # a city's name (Brno)
    ("mdns.hostname", "brn008077310107"),           # only as Brother writes it, in capitals
    ("http.title", "Brother of mine"),              # the word stays ignored in free text
])
def test_look_alikes_of_brothers_node_names_name_nobody(field: str, value: str) -> None:
    assert MN is not None and MN.find_in(field, value) is None


# ---------------------------------------------------------------- CCTV makers' own IEEE blocks

@pytest.mark.parametrize("oui, maker", [
    ("347F63", "Concept Pro"), ("8C1F64DF5", "Concept Pro"), ("882364", "Watchnet"), ("BC34000", "Redvision"),
    ("00140C", "GKB CCTV"), ("001BCC", "Kingtek"), ("0021DB", "Santachi"), ("280C2D", "Qualvision"),
    ("70B3D5E00", "Jeaway"), ("8C1F649A7", "Nihon Bouhan Camera"), ("7006923", "BOSSCCTV"),
])
def test_a_cctv_makers_own_block_names_it(oui: str, maker: str) -> None:
    assert DB.oui_vendor.get(oui) == maker


def test_their_neighbours_and_ordinary_words_name_nobody() -> None:
    assert DB.oui_vendor.get("8C1F64DF6") != "Concept Pro"     # the next MA-S block is another company's
    assert MN is not None
    assert MN.find_in("http.title", "Concept Store") is None   # one word of the name
    assert MN.find_in("http.title", "Red Vision Camera") is None
    assert MN.find_in("http.title", "Boss Audio") is None
    assert MN.find_in("http.title", "Redvision VIDEOVISION PTZ") == "Redvision"


# ---------------------------------------------------------------- printer and recorder labels; a label's blocks

def test_infotec_is_a_ricoh_label() -> None:
    # a Ricoh Aficio 2232C answering as infotec under Ricoh's enterprise number (https://github.com/apple/cups/issues/4990)
    raw = ('iso.3.6.1.2.1.1.1.0 = STRING: "infotec  ISC 2432 1.21 / infotec Network Printer C model"\n'
           'iso.3.6.1.2.1.1.2.0 = OID: iso.3.6.1.4.1.367.1.1\n')
    dev = _ident(raw, protocol="snmp", port=161, request="snmpwalk")
    assert (dev.vendor, dev.brand) == ("Ricoh", "infotec")
    assert dev.device_type not in ("camera", "nvr", "dvr")


def test_ohwoai_is_a_recorder_label() -> None:
    dev = _ident("brand: Ohwoai\nmodel: K8208-W\n")
    assert dev.vendor == "Ohwoai" and dev.brand == "Ohwoai"


def test_a_labels_name_matches_no_same_named_registrant() -> None:
    # INFOTEC LTD (000D9A) only shares the label's name; Swann's own registered blocks stay Swann's
    assert DB.oui_vendor.get("000D9A") is None
    assert DB.oui_vendor.get("0C0EC14") == "Swann" and DB.oui_vendor.get("BC51FE") == "Swann"
    # a maker's own listed block is unchanged
    assert DB.oui_vendor.get("000074") == "Ricoh"


# ---------------------------------------------------------------- a component's maker in a joined key

def test_a_cpu_vendor_key_names_the_cpus_maker_not_the_devices() -> None:
    raw = '{"data": {"cpu_family": "RTD1296", "cpu_vendor": "Realtek", "model": "DS218play", "firmware_ver": "DSM 6.2.3-25426"}}'
    dev = _ident(raw, protocol="http", port=5000, request="GET /webapi/entry.cgi")
    assert dev.vendor != "Realtek"
    mf = DB.manufacturer
    assert mf is not None
    assert not mf.applies("http.json.data.cpu_vendor") and not mf.applies("http.json.soc_manufacturer_name")
    # the device's own maker keys are still read
    assert mf.applies("http.json.data.vendor") and mf.applies("http.json.device_vendor") and mf.applies("http.json.camera_brand")
