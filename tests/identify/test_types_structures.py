"""Device type without a maker (signatures/fingerprints/types-video.yaml, noncamera-vms.yaml and the
video-software words of families/types.yaml): recorders told by the channels their discovery answer
counts, vendor-neutral camera conventions, and recording or bridge software typed as a server, never
as a camera. Each case is a whole response as the probe or tool records it."""

from __future__ import annotations

import json

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, *responses: Response) -> tuple[str | None, str]:
    got = identify(Observation(None, None, responses), db)
    return got.vendor, got.device_type


def _sadp(analog: int, digital: int) -> Response:
    raw = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ProbeMatch>\n<Types>inquiry</Types>\n"
           "<DeviceSN>XX-0000-0000000000000000</DeviceSN>\n<CommandPort>8000</CommandPort>\n"
           f"<AnalogChannelNum>{analog}</AnalogChannelNum>\n<DigitalChannelNum>{digital}</DigitalChannelNum>\n"
           "</ProbeMatch>\n")
    return Response("sadp", raw, 37020, "")


def _dhip(local: int, remote: int) -> Response:
    info = {"DeviceClass": "X", "HttpPort": 80, "VideoInputChannels": local, "RemoteVideoInputChannels": remote,
            "Vendor": "General", "SerialNo": "ABC123"}
    return Response("dhip", json.dumps({"method": "client.notifyDevInfo", "params": {"deviceInfo": info}}), 37810, "")


@pytest.mark.parametrize(("analog", "digital", "want"), [(0, 16, "nvr"), (4, 5, "dvr"), (8, 0, "dvr")])
def test_sadp_channel_counts_tell_a_recorder(db: SignatureDB, analog: int, digital: int, want: str) -> None:
    assert _ident(db, _sadp(analog, digital))[1] == want


def test_sadp_single_channel_says_nothing(db: SignatureDB) -> None:
    """A camera and a (non-video) indoor station both count their one channel: no type from that."""
    assert _ident(db, _sadp(1, 0))[1] not in ("nvr", "dvr")
    assert _ident(db, _sadp(0, 1))[1] not in ("nvr", "dvr")


@pytest.mark.parametrize(("local", "remote", "want"), [(0, 64, "nvr"), (8, 8, "nvr"), (16, 0, "dvr")])
def test_dhip_channel_counts_tell_a_recorder(db: SignatureDB, local: int, remote: int, want: str) -> None:
    assert _ident(db, _dhip(local, remote))[1] == want


def test_dhip_single_channel_says_nothing(db: SignatureDB) -> None:
    assert _ident(db, _dhip(1, 0))[1] not in ("nvr", "dvr")


@pytest.mark.parametrize("raw", [
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Frigate</title></head></html>",
    "HTTP/1.1 200 OK\r\nServer: BlueServer/5.9.9.98\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>ZM - Login</title></head></html>",
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Home Assistant</title></head></html>",
])
def test_recording_and_bridge_software_is_a_server(db: SignatureDB, raw: str) -> None:
    vendor, dtype = _ident(db, Response("http", raw, 80, "GET /"))
    assert dtype == "server"
    assert vendor is None


def test_software_named_in_a_log_line_is_not_the_host(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Camera (via Frigate)</title></head></html>"
    assert _ident(db, Response("http", raw, 80, "GET /"))[1] != "server"


def test_frigate_stats_and_zoneminder_paths(db: SignatureDB) -> None:
    stats = json.dumps({"front": {"camera_fps": 5.0, "detection_fps": 0.0}, "detection_fps": 1.5,
                        "service": {"uptime": 1234, "version": "0.12.1"}})
    assert _ident(db, Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + stats, 5000,
                               "GET /api/stats"))[1] == "server"
    assert _ident(db, Response("http", "HTTP/1.1 401 Unauthorized\r\nServer: Apache\r\n\r\n", 80,
                               "GET /zm/api/host/getVersion.json"))[1] == "server"


def test_a_bridge_camera_stream_is_a_server_not_a_camera(db: SignatureDB) -> None:
    """A restreamer answering with gortsplib and a camera-like SDP session name stays a server."""
    raw = ("RTSP/1.0 200 OK\r\nCSeq: 2\r\nServer: gortsplib\r\nContent-Type: application/sdp\r\n\r\n"
           "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Media Presentation\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
           "a=rtpmap:96 H264/90000\r\n")
    dtype = _ident(db, Response("rtsp", raw, 8554, "DESCRIBE"))[1]
    assert dtype == "server"
    assert dtype not in VIDEO_TYPES


@pytest.mark.parametrize(("resp", "want"), [
    (Response("http", "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
              "<device><deviceType>urn:schemas-upnp-org:device:DigitalSecurityCamera:1</deviceType></device></root>",
              80, "GET /description.xml"), "camera"),
    (Response("upnp", "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceType>"
              "urn:schemas-upnp-org:device:DigitalSecurityCamera:1</deviceType></device></root>", 1900, ""), "camera"),
    (Response("http", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 80,
              "GET /cgi-bin/hi3510/param.cgi?cmd=getserverinfo"), "camera"),
])
def test_vendor_neutral_camera_conventions(db: SignatureDB, resp: Response, want: str) -> None:
    vendor, dtype = _ident(db, resp)
    assert vendor is None
    assert dtype == want
