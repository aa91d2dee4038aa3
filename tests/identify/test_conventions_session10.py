"""Makers' streaming-server and API conventions added in session 10 (signatures/fingerprints/conventions-streaming.yaml,
conventions-api.yaml): SDP session names and maker-specific SDP fmtp parameters, and
Hikvision's ISAPI session-login document, read end to end from the shapes a security team holds (a whole RTSP answer,
an SDP alone, an ffprobe header, a pasted body). Values are written after the public material the rules cite
(go2rtc's SDP fixtures of real cameras, a published Uniview-platform capture, Greenbone's Hikvision login NVT), never the test split's; each convention is checked against look-alikes it must not claim."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _sdp(*lines: str) -> str:
    return "\r\n".join(("v=0", *lines)) + "\r\n"


UNIVIEW_DESCRIBE = (
    "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://192.168.1.232/media/video1\r\nContent-Type: application/sdp\r\n\r\n"
    + _sdp("o=- 1001 1 IN IP4 192.168.1.232", "s=VCP IPC Realtime stream", "m=video 0 RTP/AVP 108",
           "a=control:rtsp://192.168.1.232/media/video1/video", "a=rtpmap:108 H265/90000", "a=recvonly",
           "m=application 0 RTP/AVP 107", "a=control:rtsp://192.168.1.232/media/video1/metadata",
           "a=rtpmap:107 vnd.onvif.metadata/90000", "a=fmtp:107 DecoderTag=h3c-v3 RTCP=0", "a=recvonly"))


def test_univiews_rtsp_server_names_uniview_and_a_camera(db: SignatureDB) -> None:
    got = _id(db, Response("rtsp", UNIVIEW_DESCRIBE, 554, "DESCRIBE rtsp://192.168.1.232/media/video1"))
    assert (got.vendor, got.device_type) == ("Uniview", "camera")
    rules = {e.source for e in got.evidence}
    assert {"stream-uniview-vcp-session", "stream-uniview-h3c-decodertag"} <= rules


def test_the_h3c_decoder_tag_alone_names_uniview(db: SignatureDB) -> None:
    body = "m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\na=fmtp:107 DecoderTag=h3c-v3 RTCP=0\r\n"
    assert _id(db, Response("rtsp", body, 554, "DESCRIBE")).vendor == "Uniview"


def test_a_session_name_kept_only_as_an_ffprobe_title_still_names_the_maker(db: SignatureDB) -> None:
    out = ("Input #0, rtsp, from 'rtsp://10.100.2.152':\n  Metadata:\n    title           : VCP IPC Realtime stream\n"
           "  Duration: N/A, start: 0.000000, bitrate: N/A\n"
           "    Stream #0:0: Video: h264 (High), yuvj420p(pc, bt709, progressive), 1920x1080, 10 fps, 90k tbn\n")
    assert _id(db, Response("rtsp", out, 554, "ffprobe")).vendor == "Uniview"


def test_reolinks_session_name_names_reolink(db: SignatureDB) -> None:
    sdp = _sdp("o=- 1680614126554766 1 IN IP4 192.168.0.3", 's=Session streamed by "preview"', "t=0 0",
               "m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000", "a=control:track1")
    assert _id(db, Response("rtsp", sdp, 554, "DESCRIBE")).vendor == "Reolink"


@pytest.mark.parametrize("sdp", [
    # other cameras' and servers' generic session names (go2rtc's recorded SDP fixtures) and LIVE555's own
    _sdp("o=- 91674849066 1 IN IP4 192.168.1.123", "s=RtspServer", "i=live", "t=0 0"),
    _sdp("o=CV-RTSPHandler 1123412 0 IN IP4 192.168.1.22", "s=Camera", "t=0 0"),
    _sdp("o=- 3730506281693 1 IN IP4 172.20.0.215", "s=IP camera Live streaming", "i=stream1", "t=0 0"),
    _sdp("o=- 1721969533379665 1721969533379665 IN IP4 192.168.1.12", "s=Media Presentation", "t=0 0"),
    _sdp("o=- 3725543 1 IN IP4 192.168.201.1", 's=Session streamed by "OnDemandRTSPServer"', "i=H264VideoSMS",
         "a=tool:LIVE555 Streaming Media v2015.07.23"),
])
def test_other_servers_sdps_name_no_maker(db: SignatureDB, sdp: str) -> None:
    got = _id(db, Response("rtsp", sdp, 554, "DESCRIBE"))
    assert got.vendor is None


def test_a_media_server_that_names_its_stream_preview_is_not_read_from_the_stream_name_alone(db: SignatureDB) -> None:
    # the rule is the whole session name LIVE555 writes; a stream merely called "preview" elsewhere is not it
    sdp = _sdp("o=- 1 1 IN IP4 10.0.0.3", 's=Session streamed by "preview2"', "t=0 0")
    assert _id(db, Response("rtsp", sdp, 554, "DESCRIBE")).vendor is None


HIK_CAP = ('<?xml version="1.0" encoding="UTF-8"?>\n<SessionLoginCap>\n<sessionID>14d870aca4245e903d48</sessionID>\n'
           '<challenge>ac6195dfab4e56958527527b49cd29dc</challenge>\n<iterations>100</iterations>\n'
           '<isIrreversible>true</isIrreversible>\n<salt>e5334873d18827f09f34c2c48f343b71</salt>\n</SessionLoginCap>')


def test_hikvisions_session_login_document_names_hikvision_without_its_namespace(db: SignatureDB) -> None:
    got = _id(db, Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + HIK_CAP, 80,
                           "GET /ISAPI/Security/sessionLogin/capabilities?username=admin"))
    assert got.vendor == "Hikvision"
    assert any(e.source == "api-hikvision-session-login-cap" for e in got.evidence)
    # a pasted body alone reads the same
    assert _id(db, Response("http", HIK_CAP, 80, "")).vendor == "Hikvision"


def test_a_login_document_of_another_shape_names_nobody(db: SignatureDB) -> None:
    other = ('<?xml version="1.0"?>\n<LoginCap>\n<challenge>ac6195dfab4e56958527527b49cd29dc</challenge>\n'
             '<iterations>100</iterations>\n</LoginCap>')
    got = _id(db, Response("http", "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + other, 80, "GET /login"))
    assert got.vendor is None


@pytest.mark.parametrize("body", [
    '{"statusCode":4,"statusString":"Invalid Operation","subStatusCode":"notSupport","errorCode":1073741825,'
    '"errorMsg":"notSupport"}',
    '<?xml version="1.0" encoding="UTF-8"?>\n<ResponseStatus version="2.0">\n<statusCode>3</statusCode>\n'
    '<statusString>Device Error</statusString>\n<subStatusCode>deviceError</subStatusCode>\n</ResponseStatus>',
])
def test_hikvisions_response_status_vocabulary_names_hikvision_without_a_path_or_namespace(
        db: SignatureDB, body: str) -> None:
    kind = "json" if body.startswith("{") else "xml"
    raw = f"HTTP/1.1 403 Forbidden\r\nContent-Type: application/{kind}\r\n\r\n{body}"
    got = _id(db, Response("http", raw, 80, "PUT /ISAPI/Event/triggers"))
    assert got.vendor == "Hikvision"
    assert any(e.source.startswith("api-hikvision-response-status-") for e in got.evidence)


@pytest.mark.parametrize("body", [
    # Azure Cosmos DB's diagnostics: capitalised keys, other words
    '{"StoreResult": {"StatusCode": "Created", "SubStatusCode": "Unknown", "LSN": 1766}}',
    # a web API's envelope: an HTTP code, no ISAPI sub-status
    '{"statusCode": 200, "statusString": "OK", "data": {}}',
    # ISAPI's words with a code outside its 1-7 range
    '{"statusCode": 9, "statusString": "OK", "subStatusCode": "ok"}',
])
def test_status_envelopes_of_other_shapes_name_nobody(db: SignatureDB, body: str) -> None:
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{body}"
    assert _id(db, Response("http", raw, 80, "GET /api/status")).vendor is None


def _stream_uri_answer(uri: str, media2: bool) -> str:
    uri = uri.replace("&", "&amp;")
    if media2:
        body = f"<tr2:GetStreamUriResponse><tr2:Uri>{uri}</tr2:Uri></tr2:GetStreamUriResponse>"
    else:
        body = (f"<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>{uri}</tt:Uri><tt:InvalidAfterConnect>false"
                "</tt:InvalidAfterConnect></trt:MediaUri></trt:GetStreamUriResponse>")
    return ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"'
            ' xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tr2="http://www.onvif.org/ver20/media/wsdl"'
            f' xmlns:tt="http://www.onvif.org/ver10/schema"><SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>')


@pytest.mark.parametrize(("uri", "maker"), [
    ("rtsp://192.168.1.20:554/unicast/c1/s0/live", "Uniview"),
    ("rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1", "Hikvision"),
    ("rtsp://192.168.1.123:554/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif", "Dahua"),
    ("rtsp://172.16.5.11/onvif-media/media.amp?profile=profile_1_h264&sessiontimeout=60&streamtype=unicast", "Axis"),
])
@pytest.mark.parametrize("media2", [False, True])
@pytest.mark.parametrize("protocol", ["onvif", "http"])
def test_a_makers_stream_path_in_any_onvif_stream_uri_answer_names_the_maker(
        db: SignatureDB, uri: str, maker: str, media2: bool, protocol: str) -> None:
    # the Media and the Media2 answer, as netscan's ONVIF probe records it and as a SOAP body recorded over HTTP
    xml = _stream_uri_answer(uri, media2)
    raw = xml if protocol == "onvif" else f"HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\n\r\n{xml}"
    got = _id(db, Response(protocol, raw, 80, "GetStreamUri" if protocol == "onvif" else "POST /onvif/media_service"))
    assert got.vendor == maker


@pytest.mark.parametrize("uri", [
    "rtsp://192.168.1.30:554/stream1",  # a path many makers (and restreamers) serve
    "rtsp://192.168.1.30:554/live/ch00_0",
    "rtsp://192.168.1.30:554/media/video1",
])
@pytest.mark.parametrize("media2", [False, True])
def test_generic_paths_in_an_onvif_stream_uri_answer_name_nobody(db: SignatureDB, uri: str, media2: bool) -> None:
    got = _id(db, Response("onvif", _stream_uri_answer(uri, media2), 80, "GetStreamUri"))
    assert got.vendor is None


HIK_OPTIONS = ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, "
               "GET_PARAMETER\r\nDate:  Thu, May 14 2020 16:45:35 GMT\r\n\r\n")


def test_hikvisions_rtsp_method_list_names_hikvision(db: SignatureDB) -> None:
    got = _id(db, Response("rtsp", HIK_OPTIONS, 554, "OPTIONS rtsp://192.168.12.15:554"))
    assert got.vendor == "Hikvision"


def test_tp_links_private_rtsp_method_names_tp_link(db: SignatureDB) -> None:
    raw = ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, "
           "SET_PARAMETER, MULTITRANS\r\nDate: Sun, Apr 28 2024 06:49:17 GMT\r\n\r\n")
    got = _id(db, Response("rtsp", raw, 554, "OPTIONS rtsp://192.168.1.202:554/stream1"))
    assert (got.vendor, got.device_type) == ("TP-Link", "camera")


@pytest.mark.parametrize("public", [
    "OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER",  # LIVE555 and its derivatives
    "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN",  # Hikvision's words, but not its list
    "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER",
])
def test_other_rtsp_method_lists_name_nobody(db: SignatureDB, public: str) -> None:
    raw = f"RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: {public}\r\n\r\n"
    assert _id(db, Response("rtsp", raw, 554, "OPTIONS rtsp://10.0.0.5:554/")).vendor is None


@pytest.mark.parametrize("sdp", [
    # Hikvision's older server's fixed origin and session information, each without its "HIK Media Server" name
    _sdp("o=- 1109162014219182 0 IN IP4 0.0.0.0", "s=Media Presentation", "e=NONE", "t=0 0", "a=control:*"),
    _sdp("o=- 1 1 IN IP4 0.0.0.0", "s=Media Presentation", "i=HIK Media Server Session Description : standard", "e=NONE"),
])
def test_hikvisions_older_server_conventions_name_hikvision(db: SignatureDB, sdp: str) -> None:
    assert _id(db, Response("rtsp", sdp, 554, "DESCRIBE")).vendor == "Hikvision"


def test_hikvisions_rtsp_challenge_layout_names_hikvision_whatever_the_realm(db: SignatureDB) -> None:
    raw = ('RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="b4a38201a73f", '
           'nonce="739ee6c7ea93532ef87d5f319b155537", stale="FALSE"\r\nWWW-Authenticate: Basic realm="b4a38201a73f"\r\n'
           'Date:  Sat, Apr 25 2026 10:00:00 GMT\r\n\r\n')
    got = _id(db, Response("rtsp", raw, 554, "DESCRIBE rtsp://192.168.1.64:554/"))
    assert got.vendor == "Hikvision"
    assert any(e.source == "realm-hikvision-rtsp-challenge-shape" for e in got.evidence)


@pytest.mark.parametrize("challenge", [
    'Digest realm="LIVE555 Streaming Media", nonce="d27defd26f7890e5d3c94353a7e01880"',
    'Digest realm="Streaming Server", nonce="d27defd26f7890e5d3c94353a7e01880", stale="FALSE", algorithm="MD5"',
    'Digest realm="IPCAM", nonce="NOT-HEX", stale="FALSE"',
])
def test_other_rtsp_challenge_layouts_name_nobody(db: SignatureDB, challenge: str) -> None:
    raw = f"RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: {challenge}\r\n\r\n"
    got = _id(db, Response("rtsp", raw, 554, "DESCRIBE rtsp://10.0.0.5:554/"))
    assert got.vendor is None
