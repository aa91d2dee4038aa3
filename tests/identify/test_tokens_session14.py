"""Makers' names as tokens (helper "tokens7", session 14): camera makers and labels of iSpy's camera database
(signatures/vendors/cameras-catalogs.yaml) with their IEEE blocks and IANA numbers, the corpus makers' names in
Chinese, and product lines and apps tied to one maker (Uniarch, Hik-ProConnect, Omada, Nest Cam, QVR Pro, V380).
Each case has a counter-example: a word, a phrase or a look-alike company that must name nobody, and a non-camera
that must stay one."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.pen import pen_vendor, vendor_keys

DB = load_db()
MN = DB.maker_names


def _ident(raw: str, protocol: str = "other", port: int | None = None, request: str = "a recorded text"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request=request, raw=raw),)), DB)


# ---------------------------------------------------------------- iSpy's camera makers and labels


@pytest.mark.parametrize("field, value, maker", [
    ("http.title", "EasyN IP Camera", "EasyN"),
    ("rtsp.sdp.session", "Maginon IPC-100", "Maginon"),
    ("http.header.www-authenticate", 'Basic realm="NEO Coolcam"', "NEO Coolcam"),
    ("http.title", "szneo.com", "NEO Coolcam"),                      # the maker's own domain
    ("other.banner", "StarDot NetCam SC", "StarDot"),
    ("http.title", "Loftek CXS 2200", "Loftek"),
    ("http.title", "INTELLINET Network Camera", "Intellinet"),
    ("http.title", "PLANET Technology ICA-4200", "PLANET Technology"),  # the longer name is searched
    ("http.title", "Vicon Security IQeye", "Vicon Industries"),        # (its own alias before the IQeye product name)
    ("http.title", "AirLink101 SkyIPCam", "AirLink101"),
    ("http.title", "Sunba PTZ camera", "Sunba"),
    ("http.title", "3SVISION N3011", "3S Vision"),
])
def test_a_catalog_makers_name_in_a_short_field_names_it(field: str, value: str, maker: str) -> None:
    assert MN.find_in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("http.title", "Planet Earth live stream"),        # Planet: a word (read in manufacturer fields only)
    ("http.title", "Hawking radiation demo"),          # a surname
    ("other.banner", "signal at -30 dB power"),         # "DB Power" is no alias
    ("http.title", "macro video of a bee"),             # "Macro-Video" is a phrase
    ("http.title", "level one support"),                # "Level One" is no alias
    ("http.title", "Watashi no kamera"),                # Japanese "I"
    ("http.title", "approximately 30 fps"),             # Appro only as a whole word
    ("http.title", "Easy N steps"),                     # "Easy-N" is no alias
    ("http.title", "Vicon Motion Systems Vantage"),     # the motion-capture company: Vicon alone names nobody
    ("http.title", "aver the truth"),                   # AVer: a word
])
def test_words_phrases_and_look_alikes_name_nobody(field: str, value: str) -> None:
    assert MN.find_in(field, value) is None


@pytest.mark.parametrize("raw, maker", [
    ("manufacturer: Planet\nmodel: ICA-4200\n", "PLANET Technology"),
    ("manufacturer: AVer\nmodel: SF1311H-R\n", "AVer Information"),
    ("manufacturer: Hawking\nmodel: HNC290G\n", "Hawking Technology"),
])
def test_a_word_name_is_read_in_a_manufacturer_field(raw: str, maker: str) -> None:
    dev = _ident(raw)
    assert dev.vendor == maker


def test_a_catalog_maker_of_network_gear_stays_a_non_camera() -> None:
    dev = _ident("PLANET Technology GS-4210-24P2S 24-Port Managed Gigabit Switch\n")
    assert dev.vendor == "PLANET Technology"
    assert dev.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")
    dev = _ident("manufacturer: Visonic\nmodel: PowerMaster-30\n")
    assert dev.vendor == "Visonic"
    assert dev.device_type not in ("camera", "nvr", "dvr", "doorbell", "encoder")


# ---------------------------------------------------------------- IEEE blocks and IANA numbers


@pytest.mark.parametrize("prefix, maker", [
    ("0030F4", "StarDot"), ("00116B", "LevelOne"), ("7076F0", "LevelOne"), ("000FC9", "Allnet"), ("3C4937", "Digitus"),
    ("000CF6", "Sitecom"), ("002675", "Aztech"), ("003004", "Leadtek"), ("000C0C", "Appro Technology"),
    ("00126C", "Visonic"), ("000718", "iCanTek"), ("000BE2", "Lumenera"),
    ("44EA54", "Nanit"),           # UDISENSE DBA NANIT: the baby-monitor maker under its legal name
    ("E8B723", "Vatilon"),         # a label's own block (Shenzhen Vatilon Electronics)
])
def test_catalog_makers_own_ieee_blocks(prefix: str, maker: str) -> None:
    assert DB.oui_vendor.get(prefix) == maker


@pytest.mark.parametrize("prefix", [
    "0010EC",      # Embedded Planet
    "0012FC",      # PLANET System Co.
    "182012",      # Aztech Associates
    "083C035",     # LEADTEK BIOMED
    "0050C29AC",   # Questek Australia
    "0025FF",      # CreNova Multimedia (not the Crenova camera label, which netscan does not list)
])
def test_look_alike_registrants_name_nobody_new(prefix: str) -> None:
    assert DB.oui_vendor.get(prefix) not in ("PLANET Technology", "Aztech", "Leadtek", "Questek")
    assert DB.oui_vendor.get(prefix) is None


def test_catalog_makers_iana_numbers_and_look_alikes() -> None:
    assert DB.pen.get("16528", ("", ""))[1] == "Leadtek"
    assert DB.pen.get("43908", ("", ""))[1] == "Hawking Technology"
    assert DB.pen.get("50053", ("", ""))[1] == "AVer Information"
    keys = vendor_keys(DB)
    for org in ("Level One Communications, Inc.", "IntelliNet Technologies, Inc.", "Planet Technologies NV", "@Planet Ltd",
                "AirLink Technology, Inc."):
        assert pen_vendor(keys, org) is None, org
    assert "943" not in DB.pen and "11553" not in DB.pen


# ---------------------------------------------------------------- makers' Chinese names


@pytest.mark.parametrize("name, maker", [
    ("大华", "Dahua"), ("宇视", "Uniview"), ("萤石", "EZVIZ"), ("乐橙", "Imou"), ("雄迈", "Xiongmai"), ("普联", "TP-Link"),
    ("小米", "Xiaomi"), ("米家", "Xiaomi"), ("华为", "Huawei"), ("中兴", "ZTE"), ("海能达", "Hytera"), ("科达", "Kedacom"),
    ("佳能", "Canon"), ("爱普生", "Epson"), ("群晖", "Synology"), ("威联通", "QNAP"), ("华硕", "ASUS"), ("中维世纪", "Jovision"),
    ("小蚁", "YI"), ("创米", "Imilab"), ("涂鸦智能", "Tuya"),
])
def test_a_makers_chinese_name_in_a_manufacturer_field(name: str, maker: str) -> None:
    got = DB.vendor(name)
    assert got is not None and got.name == maker
    dev = _ident(f"manufacturer: {name}\nmodel: X100\n")
    assert maker in (dev.vendor, dev.brand)          # (EZVIZ, Imou: a brand, its parent or builder the vendor)


def test_short_chinese_names_are_not_looked_for_in_text_but_long_ones_are() -> None:
    assert MN.find_in("http.title", "浙江大华 网络摄像机") == "Dahua"          # four characters: searched in CJK text
    assert MN.find_in("http.title", "中兴通讯 路由器") == "ZTE"
    assert MN.find_in("http.title", "伟大华夏") is None                         # 大华 inside another word: not searched
    assert MN.find_in("http.title", "小米粥") is None                           # millet porridge
    assert MN.find_in("http.title", "涂鸦墙") is None                           # a graffiti wall (涂鸦 alone is no alias)


# ---------------------------------------------------------------- product lines and apps of one maker


@pytest.mark.parametrize("field, value, maker", [
    ("http.title", "Uniarch IPC-B122-PF28", "Uniview"),
    ("other.banner", "added to Hik-ProConnect", "Hikvision"),
    ("other.banner", "Hik-Partner Pro 5.2", "Hikvision"),
    ("http.title", "Omada Controller", "TP-Link"),
    ("http.title", "Nest Cam IQ Outdoor", "Google"),
    ("http.title", "QVR Pro Client", "QNAP"),
    ("other.banner", "V380 Pro", "Macro-Video"),
])
def test_a_makers_product_line_or_app_names_it(field: str, value: str, maker: str) -> None:
    assert MN.find_in(field, value) == maker


@pytest.mark.parametrize("field, value", [
    ("http.title", "Nest"),                   # the bare word: manufacturer fields only
    ("http.title", "a bird nest"),
    ("http.title", "Omadan"),                 # only the whole word
    ("http.title", "QVR"),                    # three letters: only the line's two-word names
])
def test_product_line_counter_examples(field: str, value: str) -> None:
    assert MN.find_in(field, value) is None


def test_kasa_cam_is_the_kasa_label_and_tp_link_builds_it() -> None:
    dev = _ident("manufacturer: Kasa Cam\nmodel: KC100\n")
    assert dev.brand == "Kasa" and dev.vendor == "TP-Link"


def test_a_mac_in_a_labels_own_block_names_the_label_and_a_baby_monitor_makers_block_its_maker() -> None:
    dev = identify(Observation(ip=None, mac="E8:B7:23:12:34:56", responses=()), DB)
    assert dev.brand == "Vatilon" or dev.vendor == "Vatilon"
    dev = identify(Observation(ip=None, mac="44:EA:54:12:34:56", responses=()), DB)
    assert dev.vendor == "Nanit"
