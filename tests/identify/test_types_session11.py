"""Device-type evidence added in session 11 (helper types3): camera firmware stacks that only video
devices run (OpenIPC's Majestic streamer, PPStrong's ppsapp), a ``Model Type`` key read like the other
kind-of-product keys; with counter-examples (other software, other words, other kinds of product)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB


def _ident(db: SignatureDB, raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol=protocol, port=port, raw=raw),)), db)


# ---------------------------------------------------------------- OpenIPC Majestic

@pytest.mark.parametrize("raw", [
    # the streamer's start-up banner, as OpenIPC/firmware#1465 and #1818 quote it
    "majestic[828]: Majestic Ultimate for HiSilicon, version master+6658d61, built on 2024-06-09\n"
    "majestic[828]: Detected Watchdog\nmajestic[828]: HTTP server started on :::80\n",
    "majestic[761]: Majestic Lite for SigmaStar, version master+67ed493, built on 2025-05-09\nmajestic[761]: SENSOR=imx323\n",
    # its module-tagged lines (OpenIPC/firmware#1425)
    "14:18:53  <       majestic> [  client] RtspClient_before@402         RTSP OPTIONS rtsp://10.0.0.58:554/stream=0 CSeq=2\n"
    "14:18:53  <       majestic> [     nal] NalCodec_describe@117         RTSP chn 0 sps_len 0\n",
])
def test_majestic_log_types_a_camera(db: SignatureDB, raw: str) -> None:
    ident = _ident(db, raw)
    assert ident.device_type == "camera"
    assert ident.vendor is None  # the streamer names no hardware maker
    assert any(e.source.startswith("type-openipc-majestic") for e in ident.evidence)


def test_majestic_log_over_http_types_a_camera(db: SignatureDB) -> None:
    raw = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
           "majestic[761]: Majestic Lite for HiSilicon, version master+67ed493, built on 2025-05-09\n"
           "majestic[761]: Loading main configuration: /etc/majestic.yaml\n")
    assert _ident(db, raw, "http", 80).device_type == "camera"


@pytest.mark.parametrize("raw", [
    "Majestic Million top sites list, version 2024-06-09\n",                       # an SEO company's data set
    "Dec  7 05:00:01 nas majestic-backup[1234]: backup of /var/www started\n",     # another program's syslog tag
    "The majestic view from the camera shop [client] was great\n",                # prose
    "14:18:53  <       mediamtx> [  client] RTSP OPTIONS rtsp://10.0.0.58:8554/stream CSeq=2\n",  # another tagged log
])
def test_majestic_counter_examples_say_nothing(db: SignatureDB, raw: str) -> None:
    assert _ident(db, raw).device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- PPStrong ppsapp

@pytest.mark.parametrize("raw", [
    'model | "Speed 3S"\nsoftwareversion | "2.9.7"\nfirmwareversion | "ppstrong-c51-tuya2_laxihub-2.9.7.20201028"\n',
    "firmwareversion: ppstrong-a3-tuya2_doorbell-2.10.5.20210910\n",
])
def test_ppstrong_firmware_id_types_video_gear(db: SignatureDB, raw: str) -> None:
    assert _ident(db, raw).device_type == "camera"


def test_ppsapp_kernel_parameter_types_video_gear(db: SignatureDB) -> None:
    raw = ("HTTP/1.1 200 OK\r\n\r\nmem=37M console=ttyAMA0,115200n8 mtdparts=hi_sfc:192k(bld)ro,64k(env)ro,3136k(sys),"
           "4352k(app),320k(cfg) ppsAppParts=5 ppsWatchInitEnd\n")
    assert _ident(db, raw, "http", 80).device_type == "camera"


@pytest.mark.parametrize("raw", [
    # a HiSilicon board's command line without ppsapp's parameter (any HiSilicon set-top box or router has one)
    "HTTP/1.1 200 OK\r\n\r\nmem=64M console=ttyAMA0,115200 root=/dev/mtdblock2 mtdparts=hi_sfc:256k(boot),64k(env),2m(kernel)\n",
    # the word alone, or a version of something else
    "HTTP/1.1 200 OK\r\n\r\nppstrong support forum: firmware questions\n",
    "HTTP/1.1 200 OK\r\n\r\nppsAppParts is documented nowhere\n",
])
def test_ppstrong_counter_examples_say_nothing(db: SignatureDB, raw: str) -> None:
    assert _ident(db, raw, "http", 80).device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- Model Type key

_JSON = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"

@pytest.mark.parametrize(("raw", "want"), [
    ("Camera Version\nFirmware: 3.1.1.0908\nModel Type: CloudCamera\n", "camera"),   # zsgx1hacks#6's version page
    (_JSON + '{"model_type": "Network Video Recorder"}', "nvr"),
    (_JSON + '{"modelType": "Smart Plug"}', "other"),
])
def test_a_model_type_key_says_what_the_device_is(db: SignatureDB, raw: str, want: str) -> None:
    assert _ident(db, raw, "http" if raw.startswith("HTTP/") else "other", 80).device_type == want


@pytest.mark.parametrize("raw", [
    _JSON + '{"model_type": "Blue Iris camera software"}',     # video software on a PC
    _JSON + '{"cameras": [{"model_type": "IP Camera"}]}',      # a list of other devices (an NVR's or a hub's)
    _JSON + '{"model_type": "2"}',                             # a code, not a kind of product
])
def test_model_type_counter_examples_are_not_cameras(db: SignatureDB, raw: str) -> None:
    assert _ident(db, raw, "http", 80).device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- the video-only maker's default, said as such

_ISAPI_STATUS = ('HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\n\r\n'
                 '<ResponseStatus xmlns="http://www.hikvision.com/ver20/XMLSchema" version="1.0">\n'
                 '<requestURL>/ISAPI/System/IO/inputs/901</requestURL>\n<statusCode>4</statusCode>\n'
                 '<statusString>Invalid Operation</statusString>\n<subStatusCode>invalidOperation</subStatusCode>\n'
                 '</ResponseStatus>')


def test_a_video_only_makers_default_type_is_reported_as_inferred(db: SignatureDB) -> None:
    """An ISAPI error body names Hikvision and nothing says what the device is: camera, as an inference
    that names the maker and the rule (a Hikvision NVR answers the same body)."""
    ident = _ident(db, _ISAPI_STATUS, "http", 80)
    assert (ident.vendor, ident.device_type) == ("Hikvision", "camera")
    inferred = [e for e in ident.evidence if e.kind == "inferred" and e.source == "video-only-maker"]
    assert len(inferred) == 1
    assert "Hikvision" in inferred[0].detail and inferred[0].weight == 0.0
    assert any(e.source in inferred[0].detail for e in ident.evidence if e.kind == "rule")


@pytest.mark.parametrize(("raw", "protocol", "want"), [
    # a model code in its family's grammar says what the device is: no inference
    ("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<DeviceInfo><model>DS-7608NI-K2</model></DeviceInfo>",
     "http", "nvr"),
    # a maker's name alone is no sign of video gear: unknown, and nothing inferred
    ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Hikvision</title></head></html>", "http", "unknown"),
    # a maker that builds non-video things too is not defaulted
    ("HTTP/1.1 200 OK\r\nServer: TP-LINK HTTPD/1.0\r\n\r\n", "http", "unknown"),
])
def test_no_inference_when_evidence_types_the_device_or_names_only_a_maker(
        db: SignatureDB, raw: str, protocol: str, want: str) -> None:
    ident = _ident(db, raw, protocol, 80)
    assert ident.device_type == want
    assert not any(e.source == "video-only-maker" for e in ident.evidence)
