"""Retail labels with no builder published (helper "tokens5", session 12): a form's or configuration's make
value naming one is the brand (and stands as the vendor while nothing names a maker); a maker other evidence
names takes the vendor and the label stays the brand. Counter-examples: a label's name inside another word,
used as an ordinary word or surname, or too short to look for as a word, names nobody; a label that also sells
other things types nothing by its name alone."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db

DB = load_db()
MN = DB.maker_names


def _ident(raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol=protocol, port=port, request="x", raw=raw),)), DB)


@pytest.mark.parametrize("raw, label", [
    ('{"name": "Camera", "manufacturer": "Jawa", "model": "Z_22047", "firmwareRevision": "1.70"}', "Jawa"),
    ("brand: wistino\nmodel: Other\nprotocol: rtsp\nport: 554\n", "Wistino"),
    ('{"brand": "LSC", "model": "Video Doorbell"}', "LSC"),
    ('{"manufacturer": "Chacon", "model": "FI02"}', "Chacon"),
    ('{"manufacturer": "OWSOO", "model": "XY-R9820-F4"}', "OWSOO"),
])
def test_a_make_field_naming_a_retail_label_is_the_brand(raw: str, label: str) -> None:
    got = _ident(raw)
    assert got.brand == label
    assert got.vendor == label  # no builder named: the label stands as the vendor


@pytest.mark.parametrize("raw, maker, label", [
    ("Manufacturer: OWSOO\nModel: DS-2CD2042WD-I\nFirmwareVersion: V5.4.5 build 170124\n", "Hikvision", "OWSOO"),
    ("Manufacturer: Chacon\nModel: IPC-HDW1230S\n", "Dahua", "Chacon"),
])
def test_a_maker_named_by_other_evidence_takes_the_vendor_and_the_label_stays_the_brand(raw: str, maker: str, label: str) -> None:
    got = _ident(raw, "onvif", 80)
    assert (got.vendor, got.brand) == (maker, label)


def test_labels_found_in_short_text_by_their_names() -> None:
    assert MN is not None
    assert MN.find("OWSOO camera") == "OWSOO" and MN.find("Wistino") == "Wistino"
    assert MN.find("LSC Smart Connect doorbell") == "LSC"


@pytest.mark.parametrize("value", [
    "LSC", "LSCX",                              # three letters: never searched as a bare word
    "Chacon", "Maria Chacon", "Chaconne",       # a surname and a longer word
    "Jawa", "Jawa Motorcycles", "Javanese",     # an ordinary word (Java's island, the motorcycle maker)
    "wistinoviani", "owsoon",                   # inside another word
])
def test_label_names_as_words_or_inside_words_name_nobody(value: str) -> None:
    assert MN is not None
    assert MN.find(value) is None


@pytest.mark.parametrize("raw", ["<title>Maria Chacon photography</title>", "<title>Jawa 350 motorcycle club</title>"])
def test_a_page_title_using_the_word_names_nobody(raw: str) -> None:
    got = _ident(raw, "http", 80)
    assert got.vendor is None and got.brand is None and got.device_type not in VIDEO_TYPES


@pytest.mark.parametrize("label", ["Chacon", "LSC", "OWSOO", "Jawa"])
def test_labels_that_sell_other_things_type_nothing_by_their_name(label: str) -> None:
    got = _ident(f'{{"manufacturer": "{label}", "model": "X100"}}')
    assert got.device_type not in VIDEO_TYPES


# ------------------------------------------------ EverFocus's /cgi-bin/rtspStreamOvf/<stream> path
# (iSpy's camera URL table lists it under EverFocus only; VisioForge's EverFocus guide writes it with a doubled slash)


def _describe(base: str) -> Response:
    sdp = ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Media Presentation\r\nt=0 0\r\n"
           f"a=control:{base}\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:{base}/track1\r\n")
    head = f"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: {base}/\r\nContent-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n"
    return Response("rtsp", head + sdp, 554, f"DESCRIBE {base} RTSP/1.0")


def _rules(raw: Response) -> tuple[str | None, set[str]]:
    got = identify(Observation(ip=None, mac=None, responses=(raw,)), DB)
    return got.vendor, {e.source for e in got.evidence}


@pytest.mark.parametrize("base", ["rtsp://192.168.1.90:554//cgi-bin/rtspStreamOvf/0", "rtsp://192.168.1.90/cgi-bin/rtspStreamOvf/1"])
def test_everfocus_stream_path_in_the_devices_answer_names_everfocus(base: str) -> None:
    vendor, rules = _rules(_describe(base))
    assert vendor == "EverFocus" and "path-everfocus-rtspstreamovf-rtsp-url" in rules


def test_everfocus_stream_path_a_client_asked_for_names_everfocus() -> None:
    line = "[ffmpeg] Input #0, rtsp, from 'rtsp://admin:***@10.0.0.8:559/cgi-bin/rtspStreamOvf/1':\n"
    vendor, rules = _rules(Response("rtsp", line, None, "ffmpeg -i rtsp://admin:***@10.0.0.8:559/cgi-bin/rtspStreamOvf/1"))
    assert vendor == "EverFocus" and "path-everfocus-rtspstreamovf-client-url" in rules


@pytest.mark.parametrize("base", [
    "rtsp://10.0.0.5:554/streaming/channels/0",       # EverFocus's newer path, shared with other makers
    "rtsp://10.0.0.5:8554/everfocus/rtspStreamOvf1",  # a restreamer path named after the camera
    "rtsp://10.0.0.5/cgi-bin/rtspStreamOvf/main.jpg",  # not the stream index the convention ends with
])
def test_look_alikes_of_the_everfocus_path_do_not_match_it(base: str) -> None:
    _vendor, rules = _rules(_describe(base))
    assert not any(r.startswith("path-everfocus-") for r in rules)


# ------------------------------------------------ a manufacturer value of company words only names nobody
# (a BESDER camera answered ONVIF GetDeviceInformation with Manufacturer "Technology", Model "IPC":
# https://github.com/bartbutenaers/node-red-contrib-multipart-stream-decoder/issues/1)


@pytest.mark.parametrize("value", ["Technology", "Co., Ltd.", "Shenzhen Digital Technology", "Electronics Inc"])
def test_a_manufacturer_field_of_company_words_only_names_nobody(value: str) -> None:
    raw = '{"Manufacturer": "%s", "Model": "IPC", "FirmwareVersion": "13.01.00.44"}' % value
    got = _ident(raw, "onvif")
    assert got.vendor is None and got.brand is None


@pytest.mark.parametrize("value, maker", [
    ("Acmevision Technology", "Acmevision"),               # an unknown name before the company words is kept
    ("Shenzhen Acmevision Technology Co., Ltd.", "Acmevision"),
    ("Security", "Security"),                               # not a legal-form or line-of-business word
])
def test_a_name_among_company_words_is_still_read(value: str, maker: str) -> None:
    raw = '{"Manufacturer": "%s", "Model": "IPC"}' % value
    assert _ident(raw, "onvif").vendor == maker
