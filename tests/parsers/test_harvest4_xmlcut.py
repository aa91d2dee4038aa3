"""Session 17 harvest4 mechanisms (training material: benchmarks/results/harvest4-harvest-files.txt):
XML that does not parse read with its element paths (netscan/parsers/xmlcut.py), so that a document's
conventions keyed to paths read a body cut at either end; and three documented non-camera APIs
(signatures/fingerprints/noncamera-device-apis.yaml): Yamaha MusicCast getDeviceInfo, Bose SoundTouch
/info, OpenWrt's ubus board record. Each has counter-examples."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers._util import MAX_LOOSE_PAIRS
from netscan.parsers.xmlcut import MAX_OPEN, xml_cut_paths
from netscan.sigdb import SignatureDB

#: python-qnapstats debug output pasted in a thread: the tail of one QDocRoot answer (its start cut
#: away), a log line, then a second answer cut before its end (colinodell/python-qnapstats#54; the
#: corpus file noncameras/qnap-ts-ec1280u_qsmart-debug-qnapstats54.json, shortened).
QNAP_DEBUG = (
    "<firmware><version><![CDATA[4.5.2]]></version><number><![CDATA[1594]]></number></firmware>\n"
    "<hostname><![CDATA[NAS04282D]]></hostname>\n</QDocRoot>\n\n"
    "DEBUG: GET from URL: http://192.168.11.2:8080/cgi-bin/disk/qsmart.cgi?func=all_hd_data\n"
    'DEBUG: Response Text: <?xml version="1.0" encoding="UTF-8" ?>\n<QDocRoot version="1.0">\n'
    "<authPassed><![CDATA[1]]></authPassed><model><modelName><![CDATA[TS-X80U]]></modelName>"
    "<displayModelName><![CDATA[TS-EC1280U]]></displayModelName><sas_model><![CDATA[0]]></sas_model>\n<encryptfsSupp"
)


def _http(body: str, port: int = 8080) -> Observation:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n" + body
    return Observation(ip=None, mac=None, responses=(Response("http", raw, port, "GET /"),))


def test_paths_of_a_cut_document_and_of_one_after_it() -> None:
    got = dict(xml_cut_paths(QNAP_DEBUG))
    # the first answer's start was cut: its end tag names the root of what came before it
    assert got["QDocRoot/firmware/version"] == "4.5.2"
    assert got["QDocRoot/hostname"] == "NAS04282D"
    # the second answer, after its declaration, is read from its own root and is never given the first's
    assert got["QDocRoot/authPassed"] == "1"
    assert got["QDocRoot/model/displayModelName"] == "TS-EC1280U"
    assert not any(k.startswith("QDocRoot/QDocRoot") for k in got)
    assert "encryptfsSupp" not in " ".join(got)  # the element cut mid-tag has no path of its own here


def test_a_cut_qnap_answer_is_read_by_its_conventions(db: SignatureDB) -> None:
    got = identify(_http(QNAP_DEBUG), db)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("QNAP", "TS-EC1280U", "4.5.2", "nas")


def test_variants_two_cut_ancestors_and_a_document_cut_at_its_end() -> None:
    # a synthetic device-information answer whose two outer start tags were cut away
    got = xml_cut_paths("<model>AB-1234</model><firmwareVersion>V1.2.3</firmwareVersion></DeviceInfo></Root>")
    assert got == [("Root/DeviceInfo/model", "AB-1234"), ("Root/DeviceInfo/firmwareVersion", "V1.2.3")]
    # cut at its end: the elements left open are the path of what was read
    got = xml_cut_paths('<Info version="2"><device><name>Front</name><type>X-9</type></device><serial>12')
    assert got == [("Info/device/name", "Front"), ("Info/device/type", "X-9")]


def test_what_is_not_given() -> None:
    # a one-element name is xml_salvage's (no path), an element with children has no value of its own
    assert xml_cut_paths("<a>1</a><b><c>2</c></b>") == [("b/c", "2")]
    # a stray end tag in a text that read nothing before it names nothing
    assert xml_cut_paths("</QDocRoot><x><y>1</y>") == [("x/y", "1")]
    # refused as a whole for a DTD, as the document reader refuses it
    assert xml_cut_paths('<!DOCTYPE a [<!ENTITY e "x">]><a><b>&e;</b>') == []
    # a mismatched end tag closes what it names and the elements left open inside it
    assert xml_cut_paths("<r><a><b>1</b><c>2</a><d>3</d></r>") == [("r/a/b", "1"), ("r/d", "3")]


def test_hostile_depth_and_length_are_capped() -> None:
    deep = "<e>" * 5000 + "<v>1</v>" + "</e>" * 5000
    got = xml_cut_paths(deep + "</cut>")
    assert all(k.count("/") <= MAX_OPEN + 8 for k, _ in got)
    flat = "".join(f"<r><k{i}>{i}</k{i}></r>" for i in range(20000))
    assert len(xml_cut_paths(flat)) <= MAX_LOOSE_PAIRS


def test_fields_keep_the_flat_names_too() -> None:
    f = fields(Response("http", "HTTP/1.1 200 OK\r\n\r\n" + QNAP_DEBUG, 8080, "GET /"))
    assert f["http.xml.displayModelName"] == ["TS-EC1280U"]  # xml_salvage's names are kept
    assert f["http.xml.QDocRoot/model/displayModelName"] == ["TS-EC1280U"]


# ---------------------------------------------------------------- documented non-camera APIs

def test_musiccast_getdeviceinfo_and_a_counter_example(db: SignatureDB) -> None:
    body = ('{"response_code":0,"model_name":"WX-010","destination":"BG","system_id":"06537BB3",'
            '"system_version":2.16,"api_version":2.08,"netmodule_generation":1,"netmodule_version":"1925 "}')
    got = identify(_http(body, 80), db)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("Yamaha", "WX-010", "2.16", "other")
    # an app's or OS's record with a three-part version and a named API level is not MusicCast's answer
    other = identify(_http('{"name":"hub","system_version":"3.1.4","api_version":"v2"}', 80), db)
    assert other.vendor != "Yamaha"


def test_soundtouch_info_and_a_counter_example(db: SignatureDB) -> None:
    body = ('<?xml version="1.0" encoding="UTF-8" ?><info deviceID="000000000000"><name>Kitchen</name>'
            "<type>SoundTouch 10</type><components><component><componentCategory>SCM</componentCategory>"
            "<softwareVersion>27.0.6.46330.5043500 epdbuild</softwareVersion></component></components>"
            "<margeURL>https://streaming.bose.com</margeURL></info>")
    got = identify(_http(body, 8090), db)
    assert (got.vendor, got.model, got.device_type) == ("Bose", "SoundTouch 10", "other")
    # the same record pointed at an owner's own server (a cloud emulation) says nothing of the maker
    emulated = identify(_http(body.replace("https://streaming.bose.com", "http://192.168.1.10:8000"), 8090), db)
    assert emulated.vendor is None and emulated.model != "SoundTouch 10"


def test_openwrt_board_record_and_a_counter_example(db: SignatureDB) -> None:
    board = ('root@OpenWrt:~# ubus call system board\n{\n\t"kernel": "5.4.111",\n\t"hostname": "OpenWrt",\n'
             '\t"model": "Xiaomi Mi Router 4A Gigabit Edition",\n\t"board_name": "xiaomi,mi-router-4a-gigabit",\n'
             '\t"release": {\n\t\t"distribution": "OpenWrt",\n\t\t"version": "21.02.3",\n'
             '\t\t"revision": "r16554-1d4dea6d4f",\n\t\t"target": "ramips/mt7621",\n'
             '\t\t"description": "OpenWrt 21.02.3 r16554-1d4dea6d4f"\n\t}\n}')
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", board, None, "ubus"),)), db)
    assert (got.firmware, got.device_type) == ("21.02.3", "router")
    # a sentence that names an OpenWrt release, without the board record, is not the record
    said = identify(Observation(ip=None, mac=None, responses=(Response("other", '{"description": "OpenWrt 21.02.3 r16554-1d4dea6d4f"}', None, "x"),)), db)
    assert said.device_type != "router"


# ---------------------------------------------------------------- a firmware build id's version

def test_build_id_gives_its_version() -> None:
    from netscan.identify.firmware import firmware_extent

    assert firmware_extent("20200812-091015/v1.8.0@8acf41b0") == "1.8.0"  # Shelly Gen1 "fw" (shelly-homekit#285)
    assert firmware_extent("20231219-134001/1.1.0-g34b5d4f") == "1.1.0"  # Shelly Gen2 fw_id (shelly-exporter#81)
    assert firmware_extent("20220301-120000/0.10.0-beta3-gabc1234") == "0.10.0-beta3"  # synthetic: a beta build
    # an id with no dotted version is kept whole; a path with a date and a version but no commit is not a build id
    assert firmware_extent("20191217-140757/1047-long-id-for-shelly-devices@a0661583") == "20191217-140757/1047-long-id-for-shelly-devices@a0661583"


def test_eufy_lock_codes_are_not_cameras(db: SignatureDB) -> None:
    def one(model: str) -> tuple[str | None, str]:
        body = '{"name": "Front Door", "model": "%s", "hardwareVersion": "P3", "softwareVersion": "1.4.2.8"}' % model
        got = identify(_http(body, 80), db)
        return got.vendor, got.device_type

    assert one("T8520") == ("Eufy", "other")  # a touch and Wi-Fi lock (fuatakgun/eufy_security#993)
    assert one("T8506") == ("Eufy", "other")  # synthetic: another lock code of the same series
    assert one("T8530")[1] != "other"  # the video lock (Video Smart Lock S330) holds a camera: never typed a plain lock
    assert one("T8410") == ("Eufy", "camera")  # an indoor camera's code is not a lock's
