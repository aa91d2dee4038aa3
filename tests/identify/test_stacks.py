"""Device type from vendor-independent conventions (signatures/fingerprints/stacks-*.yaml and the
non-camera conventions in noncamera-*.yaml): a live video RTSP answer makes a camera whoever made it;
streaming servers, TV tuners, renderers, routers and smart plugs that speak the same protocols are
typed as what they are and never called cameras. Values are the training material the rules cite."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _type(db: SignatureDB, *responses: Response) -> str:
    return identify(Observation(ip=None, mac=None, responses=responses), db).device_type


SANYO_SDP = ("v=0\no=- 15007197427132687974 15007197427562184703 IN IP4 213.88.16.13\ns=Media presentation\n"
             "c=IN IP4 0.0.0.0\nb=AS:1950\nt=0 0\nm=video 0 RTP/AVP 100\nb=AS:1950\na=framerate:25.0\n"
             "a=control:trackID=1\na=rtpmap:100 H264/90000\n")
DARWIN_SDP = ("v=0\no=StreamingServer 3485077701 1211414520000 IN IP4 129.85.244.160\ns=/evolution/coyne.mov\n"
              "c=IN IP4 0.0.0.0\nb=AS:876\nt=0 0\na=control:*\na=range:npt=0-3973.80667\nm=video 0 RTP/AVP 96\n"
              "b=AS:734\na=rtpmap:96 H264/90000\na=control:trackID=1\n")
SATIP_SDP = ("v=0\r\no=- 0000000001 0000000001 IN IP4 192.168.1.10\r\ns=SatIPServer:1 1,0,0\r\nt=0 0\r\n"
             "m=video 0 RTP/AVP 33\r\nc=IN IP4 0.0.0.0\r\na=control:stream=1\r\n"
             "a=fmtp:33 ver=1.0;src=1;tuner=1,240,1,15,11836,h,dvbs2,8psk,off,0.35,27500,34;pids=0\r\na=sendonly\r\n")
FFMPEG_SDP = ("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
              "a=tool:libavformat 58.29.100\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n")


def test_a_live_video_sdp_alone_does_not_make_a_camera(db: SignatureDB) -> None:
    """Phone apps and restreamers describe live video too: an SDP alone types nothing (the Sanyo
    camera's SDP with a session name of no convention)."""
    plain = SANYO_SDP.replace("s=Media presentation", "s=Stream")
    assert _type(db, Response("rtsp", plain, 554, "DESCRIBE")) == "unknown"


def test_the_camera_firmware_session_name_is_a_weak_camera_hint(db: SignatureDB) -> None:
    """"Media Presentation", the session name camera and recorder firmware writes
    (types-video.yaml), types the same SDP camera; a typed non-camera still wins over it."""
    assert _type(db, Response("rtsp", SANYO_SDP, 554, "DESCRIBE")) == "camera"
    ffmpeg_named = FFMPEG_SDP.replace("s=No Name", "s=Media Presentation")
    got = _type(db, Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n" + ffmpeg_named,
                             554, "DESCRIBE"))
    assert got == "server"


def test_an_rtsp_server_that_asks_for_credentials_is_a_weak_camera_hint(db: SignatureDB) -> None:
    got = _type(db, Response("rtsp", "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"x\", nonce=\"1\"\r\n\r\n", 554, "DESCRIBE"))
    assert got == "camera"
    # a server that can stream says nothing by that alone: a media server on a PC lists the same
    # methods (tests/corpus/noncameras/node-rtsp-rtmp-server_rtsp-options-rootencoder-log-110.json); on 8554
    # (only on 554, RTSP's privileged port, is an otherwise untyped server taken as video gear: resolve.py)
    got = _type(db, Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY\r\n\r\n", 8554, "OPTIONS"))
    assert got == "unknown"
    assert _type(db, Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n", 8554, "OPTIONS")) == "unknown"


@pytest.mark.parametrize(("sdp", "want"), [(DARWIN_SDP, None), (SATIP_SDP, "tv"), (FFMPEG_SDP, "server")])
def test_streaming_servers_and_tv_tuners_are_not_cameras(db: SignatureDB, sdp: str, want: str | None) -> None:
    status = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n" + sdp
    got = _type(db, Response("rtsp", status, 554, "DESCRIBE"))
    assert got not in VIDEO_TYPES
    if want is not None:
        assert got == want


def test_onvif_transmitter_scope_is_a_camera(db: SignatureDB) -> None:
    wsd = ('<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" '
           'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><e:Body><d:ProbeMatches><d:ProbeMatch>'
           '<d:Types>tds:Device</d:Types><d:Scopes>onvif://www.onvif.org/type/Network_Video_Transmitter '
           'onvif://www.onvif.org/location/</d:Scopes></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>')
    assert _type(db, Response("wsd", wsd, 3702)) == "camera"


def _upnp(device_type: str, extra: str = "") -> Response:
    return Response("upnp", ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
                             f"<deviceType>{device_type}</deviceType>{extra}</device></root>"), 49000)


@pytest.mark.parametrize(("device_type", "want"), [
    ("urn:dslforum-org:device:InternetGatewayDevice:1", "router"),
    ("urn:schemas-upnp-org:device:ZonePlayer:1", "other"),
    ("urn:schemas-upnp-org:device:MediaRenderer:1", "tv"),
    ("urn:ses-com:device:SatIPServer:1", "tv"),
    ("urn:schemas-upnp-org:device:tvdevice:1", "tv"),
])
def test_upnp_device_types_of_non_cameras(db: SignatureDB, device_type: str, want: str) -> None:
    assert _type(db, _upnp(device_type)) == want


def test_a_non_camera_stays_typed_when_it_also_answers_rtsp(db: SignatureDB) -> None:
    """A SAT>IP cable router answers RTSP too: its own type wins over the weak RTSP hint."""
    got = _type(db, _upnp("urn:ses-com:device:SatIPServer:1"),
                Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", 554, "OPTIONS"))
    assert got == "tv"


def test_tasmota_status_is_a_smart_plug_not_a_camera(db: SignatureDB) -> None:
    body = ('{"Status":{"Module":1,"FriendlyName":"Sonoff","Topic":"sonoff"},'
            '"StatusFWR":{"Version":"5.12.0","BuildDateTime":"2018-02-14T17:22:04","Boot":6,"Core":"2_4_0","SDK":"2.1.0(deb1901)"}}')
    ident = identify(Observation(ip=None, mac=None, responses=(Response("http", body, 80, "GET /cm?cmnd=status%200"),)), db)
    assert ident.device_type == "other"
    assert ident.firmware == "5.12.0"


def test_a_camera_soc_in_a_short_field_makes_a_camera_without_naming_a_maker(db: SignatureDB) -> None:
    ipctool = "sdk: Hi3518_MPP_V1.0.B.0  (Nov 19 2015, 16:37:04)\n"
    ident = identify(Observation(ip=None, mac=None, responses=(Response("other", ipctool, 23),)), db)
    assert ident.device_type == "camera"
    assert ident.vendor is None  # the SoC maker is not the device maker
    magicbox = "appAutoStart=true\r\ndeviceType=AD410\r\nprocessor=SSC339\r\n"
    assert _type(db, Response("http", magicbox, 80, "GET /cgi-bin/magicBox.cgi?action=getSystemInfo")) in VIDEO_TYPES


@pytest.mark.parametrize("value", ["Hi3798MV200", "hi3520dv400", "rv1126", "GK7205"])
def test_other_socs_and_partial_numbers_say_nothing(db: SignatureDB, value: str) -> None:
    assert _type(db, Response("other", f"board: {value}\n", 23)) == "unknown"


def test_an_nvr_soc_is_no_camera(db: SignatureDB) -> None:
    """HiSilicon's NVR SoC (Hi3536) types a recorder (stacks-nvr-soc), never a camera."""
    assert _type(db, Response("other", "board: hi3536dv100\n", 23)) == "nvr"


def test_a_rule_for_every_field_does_not_read_bodies(db: SignatureDB) -> None:
    """``field: '*'`` reads the short fields family grammars read, not a page body."""
    page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>" + "x" * 300 + " ssc339 " + "</body></html>"
    assert _type(db, Response("http", page, 80, "GET /")) == "unknown"
    rules = db.rules_for_field("http.body")
    assert not any(r.id == "stacks-camera-soc" for r in rules)
    assert any(r.id == "stacks-camera-soc" for r in db.rules_for_field("other.kv.sdk"))


def _nmap(text: str) -> Response:
    return Response("other", "Nmap scan report for 192.0.2.10\nHost is up (0.0047s latency).\nPORT   STATE SERVICE VERSION\n" + text, None)


@pytest.mark.parametrize(("text", "want"), [
    ("21/tcp open  ftp     BusyBox ftpd (D-Link DCS-932L IP-Cam camera)\n", "camera"),
    ("80/tcp open  http    GoAhead WebServer\nDevice type: webcam|general purpose\n", "camera"),
    ("80/tcp open  http    Verizon FIOS Actiontec http config\nDevice type: general purpose\nService Info: Device: broadband router\n", "router"),
    ("9100/tcp open jetdirect?\nDevice type: printer\n", "printer"),
    ("80/tcp open  http    GoAhead WebServer\nDevice type: general purpose\n", "pc"),
])
def test_nmaps_own_device_classification(db: SignatureDB, text: str, want: str) -> None:
    assert _type(db, _nmap(text)) == want


def test_an_rtsp_401_without_headers_is_the_weak_camera_hint(db: SignatureDB) -> None:
    assert _type(db, Response("rtsp", "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n", 554, "OPTIONS")) == "camera"
