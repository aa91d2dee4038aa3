"""Weak-matcher check: no camera rule may fire on a recorded non-camera or on a generic decoy.

In the spirit of nuclei-templates' weak-matcher CI (templates are run against a honeypot and any hit
is flagged): every rule that would make a device a camera (it sets or extracts a video device type,
or names a maker that builds only video gear) is run against every field of every response of the
non-camera corpus (routers, printers, NAS, TVs, PCs, web servers) and of a few permissive decoys.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.identify.resolve import NO_TYPE_FIELDS
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.observations import load_path
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db
from netscan.sigdb.db import Rule

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _is_camera_rule(db: SignatureDB, rule: Rule) -> bool:
    """A rule whose claims alone could make a device video equipment."""
    if rule.field in NO_TYPE_FIELDS and not rule.set.get("device_type") and "device_type" not in rule.pattern.groupindex:
        return False  # names a maker only: resolve never types a device from these fields (NO_TYPE_FIELDS)
    if rule.set.get("device_type") in VIDEO_TYPES:
        return True
    if rule.set.get("device_type") not in (None, "", "unknown"):
        return False  # it says the device is something else (a video maker's alarm panel or NAS line)
    if "device_type" in rule.pattern.groupindex:
        return True  # extracted type: treat as possibly video
    for key in ("vendor", "brand"):
        v = db.vendor(rule.set.get(key))
        if v is not None and v.video_only:
            return True
    for ex in rule.examples:
        expect = ex.get("expect") if isinstance(ex, dict) else None
        if isinstance(expect, dict):
            if expect.get("device_type") in VIDEO_TYPES:
                return True
            v = db.vendor(expect.get("vendor"))
            if v is not None and v.video_only and rule.claims == "maker":
                return True
    return False


def _non_camera_corpus() -> list[tuple[Path, Observation]]:
    out: list[tuple[Path, Observation]] = []
    for path in sorted(CORPUS.rglob("*.json")):
        for obs in load_path(path):
            expect = obs.meta.get("expect") or {}
            # a file that states no kind of device is not a non-camera
            if expect.get("device_type") and expect["device_type"] not in VIDEO_TYPES:
                out.append((path, obs))
    return out


def _camera_hits(db: SignatureDB, obs: Observation) -> list[str]:
    camera_rules = [r for r in db.rules if _is_camera_rule(db, r)]
    hits: list[str] = []
    for resp in obs.responses:
        f = fields(resp)
        for rule in camera_rules:
            names = [n for n in f if n == rule.field or (rule.field.endswith("*") and n.startswith(rule.field[:-1]))]
            for name in names:
                for value in f[name]:
                    if rule.extract(value) is not None and rule.requires_ok(f):
                        hits.append(f"{rule.id} ({rule.file}) matched {name}={value[:80]!r}")
    return hits


def test_there_is_a_non_camera_corpus() -> None:
    corpus = _non_camera_corpus()
    assert len(corpus) >= 12
    types = {obs.meta["expect"]["device_type"] for _, obs in corpus}
    assert {"router", "printer", "nas", "tv", "pc", "server"} <= types


def test_there_are_camera_rules_to_check(db: SignatureDB) -> None:
    camera_rules = [r for r in db.rules if _is_camera_rule(db, r)]
    assert len(camera_rules) >= 50
    # the generic web-server rules must not count as camera rules
    assert not any(r.id.startswith("generic-") for r in camera_rules)


@pytest.mark.parametrize("path_obs", _non_camera_corpus(), ids=lambda po: str(po[0].relative_to(CORPUS)))
def test_no_camera_rule_fires_on_a_non_camera(db: SignatureDB, path_obs: tuple[Path, Observation]) -> None:
    path, obs = path_obs
    hits = _camera_hits(db, obs)
    assert hits == [], f"{path.name}: camera rules fired on a non-camera:\n" + "\n".join(hits)
    ident = identify(obs, db)
    assert ident.device_type not in VIDEO_TYPES, f"{path.name} identified as {ident.device_type}"


def _http(raw_headers: str, body: str = "", request: str = "GET /") -> Response:
    return Response(protocol="http", port=80, request=request, raw=f"HTTP/1.1 200 OK\r\n{raw_headers}\r\n\r\n{body}")


#: Permissive or generic answers that real cameras share with everything else.
DECOYS: dict[str, list[Response]] = {
    "empty-200": [_http("Content-Length: 0")],
    "generic-servers": [
        _http("Server: Apache"),
        _http("Server: nginx"),
        _http("Server: lighttpd/1.4.35"),
        _http("Server: Microsoft-IIS/10.0"),
        _http("Server: mini_httpd/1.19 19dec2003"),
    ],
    "generic-realms": [
        Response(protocol="http", port=80, request="GET /", raw='HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Login"\r\n\r\n'),
        Response(protocol="http", port=80, request="GET /", raw='HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Restricted", nonce="abc"\r\n\r\n'),
    ],
    "reflecting-honeypot": [
        _http("Content-Type: text/html", "<html><head><title>Index</title></head><body>/axis-cgi/param.cgi /onvif/device_service</body></html>",
              request="GET /axis-cgi/param.cgi"),
        _http("Content-Type: text/plain", "root.Brand.ProdNbr=\nroot.Brand.Brand=\n", request="GET /axis-cgi/param.cgi"),
    ],
    "generic-ssh-ftp": [
        Response(protocol="ssh", port=22, raw="SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n"),
        Response(protocol="ssh", port=22, raw="SSH-2.0-dropbear_2019.78\r\n"),
        Response(protocol="other", port=21, raw="220 (vsFTPd 3.0.3)\r\n"),
        Response(protocol="other", port=21, raw="220 ProFTPD Server (ProFTPD Default Installation) [127.0.0.1]\r\n"),
    ],
    "video-software": [  # recording, restreaming and bridge software on a PC, a NAS or a container
        _http("Content-Type: text/html", "<html><head><title>Frigate</title></head></html>"),
        _http("Server: BlueServer/5.9.9.98"),
        _http("Content-Type: text/html", "<html><head><title>ZM - Login</title></head></html>"),
        _http("Content-Type: text/html", "<html><head><title>motionEye</title></head></html>"),
        _http("Content-Type: text/html", "<html><head><title>Scrypted</title></head></html>"),
        Response(protocol="rtsp", port=8554, request="OPTIONS",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, GET_PARAMETER, TEARDOWN\r\n"
                     "Server: gortsplib\r\n\r\n"),
    ],
    # RTSP answers of streaming software and tuners whose SDP offers video with non-camera audio, or
    # camera-grade G.711 audio with no video (types-video.yaml: type-sdp-video-with-g711-audio)
    "streaming-sdp-aac": [  # an FFmpeg-written session (restreamers, phone encoder apps): AAC beside H.264
        Response(protocol="rtsp", port=8554, request="DESCRIBE",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n"
                     "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\nt=0 0\r\na=tool:libavformat 58.29.100\r\n"
                     "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:streamid=0\r\n"
                     "m=audio 0 RTP/AVP 97\r\nb=AS:128\r\na=rtpmap:97 MPEG4-GENERIC/44100/2\r\n"
                     "a=fmtp:97 profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3; config=121056E500\r\n"
                     "a=control:streamid=1\r\n",
                 source="https://github.com/FFmpeg/FFmpeg/blob/master/libavformat/sdp.c"),
    ],
    "satip-tuner-sdp": [  # a SAT>IP server's DESCRIBE answer (SAT>IP specification 1.2.2, section 3.5.7): one MPEG-TS stream
        Response(protocol="rtsp", port=554, request="DESCRIBE",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 4\r\nContent-Type: application/sdp\r\nContent-Base: rtsp://192.168.128.5/\r\n\r\n"
                     "v=0\r\no=- 534863118 534863118 IN IP4 192.168.128.5\r\ns=SatIPServer:1 4\r\nt=0 0\r\n"
                     "m=video 0 RTP/AVP 33\r\nc=IN IP4 0.0.0.0\r\na=control:stream=1\r\n"
                     "a=fmtp:33 ver=1.0;src=1;tuner=1,240,1,7,12402,v,dvbs,,off,,27500,34;pids=0,16,50,201,301\r\na=sendonly\r\n",
                 source="https://www.satip.info/sites/satip/files/resource/satip_specification_version_1_2_2.pdf"),
    ],
    "media-server-ulaw-audio": [  # LIVE555 Media Server on a PC streaming a u-law .wav file: G.711 without video
        Response(protocol="rtsp", port=8554, request="DESCRIBE",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n"
                     "v=0\r\no=- 1700000000000000 1 IN IP4 192.168.1.10\r\n"
                     "s=WAV Audio, streamed by the LIVE555 Media Server\r\ni=test.wav\r\nt=0 0\r\n"
                     "a=tool:LIVE555 Streaming Media v2023.01.19\r\na=type:broadcast\r\na=control:*\r\na=range:npt=0-30.000\r\n"
                     "m=audio 0 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\nb=AS:64\r\na=control:track1\r\n",
                 source="http://www.live555.com/mediaServer/"),
    ],
    "webrtc-gateway-sdp": [  # a WebRTC answer (browser, restreamer gateway): video and a data channel, no ONVIF metadata
        Response(protocol="rtsp", port=8554, request="DESCRIBE",
                 raw="RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n"
                     "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                     "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 VP8/90000\r\n"
                     "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=sctp-port:5000\r\n",
                 source="https://www.rfc-editor.org/rfc/rfc8841"),
    ],
    "restreamer-onvif-services": [  # go2rtc answering GetServices as an ONVIF device: device and media services only
        Response(protocol="onvif", port=1984, request="GetServices",
                 raw='HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\n\r\n'
                     '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
                     '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
                     '<tds:GetServicesResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl">'
                     '<tds:Service><tds:Namespace>http://www.onvif.org/ver10/device/wsdl</tds:Namespace>'
                     '<tds:XAddr>http://192.0.2.1:1984/onvif/device_service</tds:XAddr></tds:Service>'
                     '<tds:Service><tds:Namespace>http://www.onvif.org/ver10/media/wsdl</tds:Namespace>'
                     '<tds:XAddr>http://192.0.2.1:1984/onvif/media_service</tds:XAddr></tds:Service>'
                     '</tds:GetServicesResponse></s:Body></s:Envelope>',
                 source="https://github.com/AlexxIT/go2rtc/blob/159d9425a732eedef06a9dd797ec6a284339a1b6/pkg/onvif/server.go"),
    ],
    "restreamer-onvif-profiles": [  # go2rtc answering GetProfiles: a bare encoder (no Quality/SessionTimeout), token "0"
        Response(protocol="onvif", port=1984, request="GetProfiles",
                 raw='HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\n\r\n'
                     '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
                     '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
                     '<trt:GetProfilesResponse xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">'
                     '<trt:Profiles token="front" fixed="true"><trt:Name>front</trt:Name>'
                     '<trt:VideoEncoderConfiguration token="0"><trt:Name>front</trt:Name><trt:Encoding>H264</trt:Encoding>'
                     '<trt:Resolution><trt:Width>1920</trt:Width><trt:Height>1080</trt:Height></trt:Resolution>'
                     '<trt:RateControl><trt:FrameRateLimit>29.97003</trt:FrameRateLimit><trt:BitrateLimit>5000</trt:BitrateLimit>'
                     '</trt:RateControl></trt:VideoEncoderConfiguration>'
                     '<trt:VideoSourceConfiguration token="0"><trt:Name>front</trt:Name><trt:SourceToken>0</trt:SourceToken>'
                     '<trt:Bounds x="0" y="0" width="1920" height="1080"></trt:Bounds></trt:VideoSourceConfiguration>'
                     '</trt:Profiles></trt:GetProfilesResponse></s:Body></s:Envelope>',
                 source="https://github.com/AlexxIT/go2rtc/blob/159d9425a732eedef06a9dd797ec6a284339a1b6/pkg/onvif/server.go"),
    ],
    "access-controller-onvif-events": [  # an ONVIF Profile C access controller's PullMessages: door and credential topics
        Response(protocol="onvif", port=80, request="PullMessages",
                 raw='HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n'
                     '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" '
                     'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tt="http://www.onvif.org/ver10/schema" '
                     'xmlns:tdc="http://www.onvif.org/ver10/doorcontrol/wsdl" xmlns:tmd="http://www.onvif.org/ver10/deviceIO/wsdl"><s:Body>'
                     '<tev:PullMessagesResponse><tev:CurrentTime>2024-01-01T00:00:00Z</tev:CurrentTime>'
                     '<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">'
                     'tns1:AccessControl/AccessGranted/Credential</wsnt:Topic></wsnt:NotificationMessage>'
                     '<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">'
                     'tns1:Door/State/DoorPhysicalState</wsnt:Topic></wsnt:NotificationMessage>'
                     '</tev:PullMessagesResponse></s:Body></s:Envelope>',
                 source="https://www.onvif.org/specs/srv/access/ONVIF-AccessControl-Service-Spec.pdf"),
    ],
    "onvif-client-request-only": [  # a client's GetImagingSettings request (it declares the imaging namespace itself)
        Response(protocol="onvif", port=80, request="GetImagingSettings",
                 raw='<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
                     'xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl"><s:Body>'
                     '<timg:GetImagingSettings><timg:VideoSourceToken>0</timg:VideoSourceToken></timg:GetImagingSettings>'
                     '</s:Body></s:Envelope>',
                 source="https://www.onvif.org/specs/srv/img/ONVIF-Imaging-Service-Spec.pdf"),
    ],
    "generic-upnp-renderer": [
        Response(protocol="ssdp", port=1900, request="M-SEARCH",
                 raw="HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nSERVER: Linux/5.10 UPnP/1.0 MiniDLNA/1.3.0\r\n\r\n"),
    ],
}


@pytest.mark.parametrize("name", sorted(DECOYS))
def test_decoys_are_not_cameras(db: SignatureDB, name: str) -> None:
    obs = Observation(ip="192.0.2.1", mac=None, responses=tuple(DECOYS[name]))
    hits = _camera_hits(db, obs)
    assert hits == [], f"decoy {name}: camera rules fired:\n" + "\n".join(hits)
    ident = identify(obs, db)
    assert ident.device_type not in VIDEO_TYPES
    v = db.vendor(ident.vendor)
    assert v is None or not v.video_only, f"decoy {name} attributed to {ident.vendor}"


def test_a_camera_still_wins_over_its_generic_web_server(db: SignatureDB) -> None:
    """The weak server rules must not turn a real camera into a server."""
    obs = Observation(
        ip="192.0.2.2",
        mac=None,
        responses=(
            _http("Server: lighttpd/1.4.35"),
            Response(protocol="other", port=21, raw="220 AXIS 221 Network Camera 4.45.1 (Mar 11 2008) ready.\r\n"),
        ),
    )
    ident = identify(obs, db)
    assert (ident.vendor, ident.device_type, ident.model) == ("Axis", "camera", "221")


def _describe(sdp: str, server: str = "", port: int = 8554) -> Response:
    """A DESCRIBE answer; on 8554 by default, so that only the SDP can type the device (an untyped RTSP server
    on 554, RTSP's own port, is taken as video gear: test_an_untyped_rtsp_server_on_554_is_video_gear)."""
    head = f"RTSP/1.0 200 OK\r\nCSeq: 3\r\n{server}Content-Type: application/sdp\r\n\r\n"
    return Response(protocol="rtsp", port=port, request="DESCRIBE", raw=head + sdp.replace("\n", "\r\n"))


#: The SDP of a Beward camera's live stream (erlyvideo's sdp_tests.erl @0067f026): H.264 and G.711 A-law.
_CAMERA_SDP = (
    "v=0\no=- 1275067839203788 1 IN IP4 0.0.0.0\ns=Session streamed by \"nessyMediaServer\"\ni=h264\nt=0 0\n"
    "a=tool:LIVE555 Streaming Media v2008.04.09\na=type:broadcast\na=control:*\na=range:npt=0-\n"
    "m=video 0 RTP/AVP 99\nc=IN IP4 0.0.0.0\na=rtpmap:99 H264/90000\na=control:track1\n"
    "m=audio 7878 RTP/AVP 8\na=rtpmap:8 PCMA/8000/1\na=control:track2\n"
)


def test_live_video_with_g711_audio_types_a_camera(db: SignatureDB) -> None:
    """A camera's live SDP (video and its microphone's G.711) types the device, and names no maker."""
    obs = Observation(ip="192.0.2.3", mac=None, responses=(_describe(_CAMERA_SDP),))
    ident = identify(obs, db)
    assert (ident.vendor, ident.device_type) == (None, "camera")
    # the same offer with AAC audio (streaming software) says nothing
    aac = _CAMERA_SDP.replace("a=rtpmap:8 PCMA/8000/1", "a=rtpmap:8 MPEG4-GENERIC/16000/1").replace("RTP/AVP 8\n", "RTP/AVP 97\n")
    assert identify(Observation(ip="192.0.2.3", mac=None, responses=(_describe(aac),)), db).device_type == "unknown"


def test_a_restreamer_passing_a_cameras_audio_stays_a_server(db: SignatureDB) -> None:
    """A restreamer (docker-wyze-bridge's rtsp-simple-server answers 'Server: gortsplib', training file
    noncameras/docker-wyze-bridge-rtsp-server_options-gortsplib-wyze-bridge110.json) relays a camera's
    G.711 audio and ONVIF metadata track as they came: its own server evidence outweighs the camera hints."""
    relayed = _CAMERA_SDP + "m=application 0 RTP/AVP 107\na=rtpmap:107 vnd.onvif.metadata/90000\na=control:track3\n"
    obs = Observation(ip="192.0.2.4", mac=None, responses=(_describe(relayed, server="Server: gortsplib\r\n"),))
    assert identify(obs, db).device_type == "server"


def test_an_onvif_metadata_track_types_a_camera(db: SignatureDB) -> None:
    """ONVIF's metadata stream (ONVIF Streaming Specification 5.2) beside a video stream with AAC audio."""
    sdp = ("v=0\ns=Session\nt=0 0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
           "m=application 0 RTP/AVP 107\na=rtpmap:107 vnd.onvif.metadata/90000\n")
    assert identify(Observation(ip="192.0.2.5", mac=None, responses=(_describe(sdp),)), db).device_type == "camera"


def test_an_envelope_declaring_the_imaging_service_types_a_camera(db: SignatureDB) -> None:
    """gSOAP camera firmware declares its whole namespace table on an answer (home-assistant/core#92308's
    camera, training file white-label/camhipro-5mp-ptz_onvif-deviceinfo-bytes-ha92308.json)."""
    raw = ('HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n<?xml version="1.0" encoding="UTF-8"?>'
           '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" '
           'xmlns:timg="http://www.onvif.org/ver20/imaging/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl">'
           '<s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime/></tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>')
    obs = Observation(ip="192.0.2.6", mac=None, responses=(Response(protocol="onvif", port=80, request="GetSystemDateAndTime", raw=raw),))
    assert identify(obs, db).device_type == "camera"


@pytest.mark.parametrize("service", [
    "<tds:Service><tds:Namespace>http://www.onvif.org/ver20/imaging/wsdl</tds:Namespace>"
    "<tds:XAddr>http://192.0.2.7/onvif/imaging_service</tds:XAddr></tds:Service>",
    "<tds:Capabilities><tt:Imaging><tt:XAddr>http://192.0.2.7/onvif/imaging_service</tt:XAddr></tt:Imaging></tds:Capabilities>",
])
def test_a_listed_imaging_service_types_a_camera(db: SignatureDB, service: str) -> None:
    """The Imaging service a GetServices answer lists or a GetCapabilities answer points at (ONVIF Core,
    device management; go2rtc's restreamer lists device and media only: decoy restreamer-onvif-services)."""
    action = "GetServices" if "Namespace" in service else "GetCapabilities"
    raw = ('HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n'
           '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
           f'<tds:{action}Response xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">'
           f'{service}</tds:{action}Response></s:Body></s:Envelope>')
    obs = Observation(ip="192.0.2.7", mac=None, responses=(Response(protocol="onvif", port=80, request=action, raw=raw),))
    assert identify(obs, db).device_type == "camera"


def test_an_untyped_rtsp_server_on_554_is_video_gear(db: SignatureDB) -> None:
    """An RTSP server on 554, the privileged port RFC 2326 assigns to RTSP, that nothing else types and nothing
    names a maker of, is taken as video gear (resolve.py: rtsp-server-port-554); on 8554 (restreamers, PC and
    phone software) it stays unknown; a typed non-camera on 554 (a SAT>IP tuner, a restreamer naming itself)
    keeps its type; a maker that also builds non-video things is not guessed at."""
    options = ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, "
               "SET_PARAMETER\r\n\r\n")
    on_554 = identify(Observation(ip="192.0.2.8", mac=None, responses=(Response("rtsp", options, 554, "OPTIONS"),)), db)
    assert on_554.device_type == "camera"
    assert any(e.source == "rtsp-server-port-554" and e.kind == "inferred" for e in on_554.evidence)
    on_8554 = identify(Observation(ip="192.0.2.8", mac=None, responses=(Response("rtsp", options, 8554, "OPTIONS"),)), db)
    assert on_8554.device_type == "unknown"
    # a client's request alone (no status line from the device) says nothing
    request = Response("rtsp", "OPTIONS rtsp://192.0.2.8:554/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: ffmpeg\r\n\r\n", 554, "")
    assert identify(Observation(ip="192.0.2.8", mac=None, responses=(request,)), db).device_type == "unknown"
    # typed non-cameras on 554 keep their type
    for decoy in ("satip-tuner-sdp",):
        assert identify(Observation(ip="192.0.2.1", mac=None, responses=tuple(DECOYS[decoy])), db).device_type not in VIDEO_TYPES
    gortsplib = Response("rtsp", options.replace("\r\n\r\n", "\r\nServer: gortsplib\r\n\r\n"), 554, "OPTIONS")
    assert identify(Observation(ip="192.0.2.9", mac=None, responses=(gortsplib,)), db).device_type not in VIDEO_TYPES
    # the device's own stream URL (Content-Base, a=control) says where its server listens: 554 by default
    for base, want in (("rtsp://192.0.2.8/live/ch00_0/", "camera"), ("rtsp://admin:pw@192.0.2.8:554/live/", "camera"),
                       ("rtsp://192.0.2.8:8554/live/", "unknown"), ("rtsp://rtsp://192.0.2.8:554/x/", "unknown")):
        headers = Response("rtsp", f"CSeq: 2\r\nContent-Base: {base}\r\nContent-Type: application/sdp\r\n\r\n", None, "DESCRIBE")
        assert identify(Observation(ip="192.0.2.8", mac=None, responses=(headers,)), db).device_type == want, base
    # a client's URL alone is its configuration, not the device's answer
    client = Response("rtsp", "DESCRIBE rtsp://192.0.2.8/live RTSP/1.0\r\nCSeq: 2\r\nUser-Agent: Lavf58\r\n\r\n", None, "")
    assert identify(Observation(ip="192.0.2.8", mac=None, responses=(client,)), db).device_type == "unknown"
    # a named streaming stack that PCs run as well (ZLMediaKit listens on 554 by default) stands the guess down
    zlm = Response("rtsp", options.replace("\r\n\r\n", "\r\nServer: ZLMediaKit(git hash:a226794,branch:master,build time:Sep 22 2022 01:57:44)\r\n\r\n"),
                   554, "OPTIONS")
    assert identify(Observation(ip="192.0.2.11", mac=None, responses=(zlm,)), db).device_type == "unknown"
    helix = Response("rtsp", options.replace("\r\n\r\n", "\r\nServer: Helix Mobile Server Version 14.3.0.283 (linux-rhel5-x86_64)\r\n\r\n"), 554, "OPTIONS")
    assert identify(Observation(ip="192.0.2.10", mac=None, responses=(helix,)), db).device_type not in VIDEO_TYPES


@pytest.mark.parametrize("raw", [
    "RTSP/1.0 404 Not Found",
    "RTSP/1.0 200 OK",
    "2023-02-04 23:07:33.142686231  RTSP/1.0 200 OK",
])
def test_a_status_line_alone_on_554_is_no_video_gear(db: SignatureDB, raw: str) -> None:
    """A status line without the headers every RTSP answer carries (CSeq: RFC 2326 section 12.17) is a line quoted
    from a log or a sentence: SAT>IP tuners (minisatip answers 404 on 554, the SAT>IP port) and relays write the same
    line (benchmarks/type_robustness.py found both as fragments of training non-cameras). The recorded answer, with
    its CSeq, still counts (test_an_untyped_rtsp_server_on_554_is_video_gear)."""
    alone = identify(Observation(ip="192.0.2.12", mac=None, responses=(Response("rtsp", raw, 554, "DESCRIBE"),)), db)
    assert alone.device_type == "unknown"
    recorded = Response("rtsp", raw.split("  ")[-1] + "\r\nCSeq: 3\r\n\r\n", 554, "DESCRIBE")
    assert identify(Observation(ip="192.0.2.12", mac=None, responses=(recorded,)), db).device_type == "camera"
