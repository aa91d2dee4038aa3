"""Session 18, harvest7: readers and value conventions written from the lane's fresh training files.

Each mechanism is tested on the real text it was written from (tests/corpus, cited) and on a minimal
synthetic variant that no corpus file holds, plus a case it must leave alone.
"""

from __future__ import annotations

from netscan.identify import identify
from netscan.identify.firmware import firmware_extent
from netscan.identify.modelname import model_extent
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.keyvals import pipe_table_pairs
from netscan.parsers.shapes import compound_pairs, inline_pairs
from netscan.sigdb import SignatureDB
from netscan.sigdb.makernames import model_without_maker


def _obs(raw: str, protocol: str = "other", port: int | None = None) -> Observation:
    return Observation(ip=None, mac=None, responses=[Response(protocol=protocol, port=port, request="", raw=raw)])


# --- key="value" pairs whose quotes are backslash-escaped (markup printed inside a string literal)

SONOS_ESCAPED = (  # tests/corpus/noncameras/sonos_zonegroupstate-escaped-attributes-sonos-cli6.json (bencevans/sonos-cli#6)
    'nfiguration=\\"1\\" SoftwareVersion=\\"45.1-56150\\" MinCompatibleVersion=\\"44.0-00000\\" BootSeq=\\"51\\"'
    ' Location=\\"http://192.168.0.25:1400/xml/device_description.xml\\" ZoneName=\\"H\u00e1l\u00f3\\"\n'
)


def test_escaped_quotes_real_zone_group_state() -> None:
    pairs = dict(inline_pairs(SONOS_ESCAPED))
    assert pairs["SoftwareVersion"] == "45.1-56150"
    assert pairs["Location"] == "http://192.168.0.25:1400/xml/device_description.xml"
    assert all(not v.startswith("\\") for v in pairs.values())


def test_escaped_quotes_synthetic_and_firmware_read() -> None:
    text = 'device model=\\"XYZ-100\\" firmwareVersion=\\"2.4.1\\" serial=\\"A1\\"\n'
    assert inline_pairs(text) == [("model", "XYZ-100"), ("firmwareVersion", "2.4.1"), ("serial", "A1")]
    ident = identify(_obs(text), _db())
    assert ident.firmware == "2.4.1"


def test_plain_pairs_unchanged() -> None:
    assert inline_pairs("manufacturer=ACME model='C-1' sw=1.0\n") == [("manufacturer", "ACME"), ("model", "C-1"), ("sw", "1.0")]
    assert inline_pairs("path=C:\\x key=\\\\ other=1\n") == [("path", "C:\\x"), ("other", "1")]  # a bare value never starts with a backslash


# --- separator-less pipe rows whose key is a label of words

SONOFF_TABLE = (  # tests/corpus/threads/gk-200mp2c-camera_hack-info-table-sonoff-hack79.json (roleoroleo/sonoff-hack#79)
    "Hi,\n\nFirmware Version | 0.1.1\nBase Version | V0525.1.276build20201103\nModel | GK-200MP2C\n\n"
    "Username and password are empty. I use this link:\n"
)


def test_pipe_rows_with_word_labels_real() -> None:
    assert pipe_table_pairs(SONOFF_TABLE) == [("FirmwareVersion", "0.1.1"), ("BaseVersion", "V0525.1.276build20201103"),
                                            ("Model", "GK-200MP2C")]
    assert identify(_obs(SONOFF_TABLE), _db()).model == "GK-200MP2C"


def test_pipe_rows_with_word_labels_synthetic() -> None:
    text = "Hardware Version | 1.0\nSoftware Build Version | 2.3.4\nDevice Model | AB-12\n"
    assert dict(pipe_table_pairs(text)) == {"HardwareVersion": "1.0", "SoftwareBuildVersion": "2.3.4", "DeviceModel": "AB-12"}


def test_pipe_prose_and_pipelines_are_not_rows() -> None:
    assert pipe_table_pairs("cat /proc/version | grep Linux\nps w | grep onvif\ndmesg | tail\n") == []
    # three label rows but no value with a digit or quotes: a list of words, not a device's values
    assert pipe_table_pairs("Front Door | yes\nBack Door | no\nGarage Side | maybe\n") == []
    # words in lower case are a sentence's, not a label
    assert pipe_table_pairs("the camera | says 1\nand then | 2\nsomething else | 3\n") == []


# --- a compound label and a value of as many parts

PYATV_SCAN = (  # tests/corpus/noncameras/apple-tv-4k_atvremote-scan-results-pyatv1688.json (postlund/pyatv#1688)
    "Scan Results\n========================================\n       Name: Apple TV Wohnzimmer\n"
    "   Model/SW: Apple TV 4K, tvOS 15.3\n    Address: 192.168.178.XX\n        MAC: 6C:4A:85:XX:XX:XX\n"
)


def test_compound_label_real_scan_printout() -> None:
    assert compound_pairs("Model/SW", "Apple TV 4K, tvOS 15.3") == [("Model", "Apple TV 4K"), ("SW", "tvOS 15.3")]
    f = fields(Response(protocol="mdns", port=5353, request="", raw=PYATV_SCAN))
    assert f["mdns.kv.Model"] == ["Apple TV 4K"] and f["mdns.kv.SW"] == ["tvOS 15.3"]
    ident = identify(_obs(PYATV_SCAN, "mdns", 5353), _db())
    assert (ident.model, ident.firmware, ident.device_type) == ("Apple TV 4K", "15.3", "tv")


def test_compound_label_synthetic_and_one_answer() -> None:
    assert compound_pairs("Hardware / Firmware", "rev B, 1.0.3") == [("Hardware", "rev B"), ("Firmware", "1.0.3")]
    assert compound_pairs("Manufacturer/Model", "Reolink RLC-510A") == []  # one answer to both
    assert compound_pairs("IP/Port/Path", "10.0.0.1, 80, /x") == []  # three names: not read
    assert compound_pairs("Model", "A, B") == []


# --- firmware values that start with an operating system's name

def test_os_name_before_version_real() -> None:
    # tests/corpus/noncameras/apple-tv-4_atvremote-scan-printout-pyatv1526.json: "tvOS 14.7 build 18M60"
    assert firmware_extent("tvOS 14.7 build 18M60") == "14.7"
    assert firmware_extent("tvOS 17.0") == "17.0"


def test_os_name_before_version_synthetic_and_kept() -> None:
    assert firmware_extent("EdgeOS 2.0.9") == "2.0.9"
    assert firmware_extent("RouterOS 6.48.6 (long-term)") == "6.48.6"
    assert firmware_extent("DSM 7.0-41890") == "DSM 7.0-41890"  # no ...OS word: Synology writes its version so
    assert firmware_extent("V5.5.0 build 170725") == "V5.5.0 build 170725"  # a numeric build is the scheme's own


def test_sw_key_is_a_firmware_key() -> None:
    # a bare SW label holding an OS name and its version (the session's starting rules read neither)
    ident = identify(_obs("Name: Den\nSW: tvOS 3.1.4\nAddress: 192.0.2.1\n"), _db())
    assert ident.firmware == "3.1.4"


# --- model values

def test_code_repeated_in_brackets_real_and_synthetic() -> None:
    # tests/corpus/noncameras/ubiquiti-udmpro_toolkit-debug-info-unifi-toolkit89.json: "Model: UDMPRO (UDMPRO)"
    assert model_extent("UDMPRO (UDMPRO)", _db()) == "UDMPRO"
    assert model_extent("ab-123 [AB-123]", _db()) == "ab-123"
    assert model_extent("DS-KV8213-WME1(C)", _db()) == "DS-KV8213-WME1(C)"  # a revision in brackets stays
    assert model_extent("AB-123 (AB-124)", _db()) == "AB-123 (AB-124)"  # two codes: not a repeat


def test_class_word_after_maker_keeps_product_name() -> None:
    db = _db()
    assert model_without_maker(db, "Apple TV 4K") == "Apple TV 4K"  # tests/corpus/noncameras/apple-tv-4k_...pyatv1688.json
    assert model_without_maker(db, "Apple TV 4") == "Apple TV 4"
    assert model_without_maker(db, "Sonos Speaker 2") == "Sonos Speaker 2"  # synthetic: a class word after the maker
    assert model_without_maker(db, "Hikvision DS-2CD2143G0-I") == "DS-2CD2143G0-I"  # a code after the maker: the code


_DB: list[SignatureDB] = []


def _db() -> SignatureDB:
    if not _DB:
        from netscan.sigdb import load_db  # noqa: PLC0415

        _DB.append(load_db())
    return _DB[0]


# --- families of non-camera makers (signatures/families/asus.yaml, lg.yaml) and Sonos player ids
#     (signatures/fingerprints/conventions-player-ids.yaml)

def test_asus_router_grammar_real_texts() -> None:
    db = _db()
    # tests/corpus/noncameras/asus-rt-ax56u-v2_kernel-log-title-fancyss33286.json: the model glued to the maker's Chinese name
    ident = identify(_obs("华硕RT-AX56U_V2，使用fancyss_hnd_lite_3.2.5存在崩溃重启的现象\n\nMay  5 13:05:09 kernel: init rtk switch\n"), db)
    assert (ident.vendor, ident.model, ident.device_type) == ("ASUS", "RT-AX56U_V2", "router")
    # tests/corpus/noncameras/asus-rt-be88u_merlin-version-sentence-asusmerlin60.json
    ident = identify(_obs("Its a brand new RT-BE88U router that was only just flashed with Asus Merlin 3006.102.2_2, factory reset."), db)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("ASUS", "RT-BE88U", "3006.102.2_2", "router")
    assert ident.device_type not in ("camera", "nvr", "dvr")


def test_asus_router_grammar_synthetic_and_negative() -> None:
    db = _db()
    ident = identify(_obs("Model: GT-AX6000\nFirmware: 3.0.0.4.388_22525\n"), db)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("ASUS", "GT-AX6000", "3.0.0.4.388_22525", "router")
    assert identify(_obs("Model: RT-5\n"), db).vendor is None


def test_lg_tv_grammar_real_and_synthetic() -> None:
    db = _db()
    # tests/corpus/noncameras/lg-50um7600pta_firmware-webos-otaid-lines-root-my-webos-tv2.json
    ident = identify(_obs("Worked fine on my tv:\nLG 50UM7600PTA (50 UM7600PTAg)\nFirmware version = 05.40.20\nwebOS 4.10.0\n"), db)
    assert (ident.model, ident.firmware, ident.device_type) == ("50UM7600PTA", "05.40.20", "tv")
    assert ident.vendor is not None and "LG" in ident.vendor
    ident = identify(_obs("modelName: 65UK6300PUE\n"), db)
    assert (ident.model, ident.device_type) == ("65UK6300PUE", "tv")
    assert identify(_obs("modelName: 55US57\n"), db).device_type != "tv"  # another maker's two-digit series


def test_sonos_player_id_real_and_synthetic() -> None:
    db = _db()
    # tests/corpus/noncameras/sonos_zonegroupstate-js-object-sonos-web32.json
    text = ("             { '$': \n                { UUID: 'RINCON_B8E937D5824E01400',\n"
            "                  Location: 'http://10.30.2.52:1400/xml/device_description.xml',\n"
            "                  SoftwareVersion: '45.1-56150',\n")
    ident = identify(_obs(text, "upnp", 1400), db)
    assert (ident.vendor, ident.firmware) == ("Sonos", "45.1-56150")
    assert identify(_obs("zone player uuid:RINCON_000E58A1B2C301400\n"), db).vendor == "Sonos"
    assert identify(_obs("Icon: x-rincon-roomicon:living\n"), db).vendor is None


def test_router_lookalike_of_camera_grammars_is_asus_router() -> None:
    # test_family_grammars_grammar3.py kept RT-AC68U as a look-alike no camera grammar may claim; it is ASUS's router
    ident = identify(_obs("Model: RT-AC68U\n"), _db())
    assert (ident.vendor, ident.model, ident.device_type) == ("ASUS", "RT-AC68U", "router")


def test_openipc_sdp_origin_says_camera() -> None:
    db = _db()
    # tests/corpus/threads/openipc-camera_ffplay-trace-sdp-majestic-openipc-firmware2098.json: ffplay's trace of the SDP
    sdp = "v=0\r\no=OpenIPC 0 0 IN IP4 0.0.0.0\r\ns=Majestic\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
    answer = "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s" % (len(sdp), sdp)
    assert identify(_obs(answer, "rtsp", 8554), db).device_type == "camera"  # (not the privileged RTSP port, which says camera alone)
    synthetic = sdp.replace("o=OpenIPC 0 0 IN IP4 0.0.0.0", "o=OpenIPC 1712345678 1 IN IP4 192.168.1.10")
    answer = "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s" % (len(synthetic), synthetic)
    assert identify(_obs(answer, "rtsp", 8554), db).device_type == "camera"
    anonymous = sdp.replace("o=OpenIPC", "o=-").replace("s=Majestic", "s=Session")
    answer = "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s" % (len(anonymous), anonymous)
    assert identify(_obs(answer, "rtsp", 8554), db).device_type != "camera"
