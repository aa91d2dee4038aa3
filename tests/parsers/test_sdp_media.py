"""The streams an SDP offers (netscan/parsers/http.py ``sdp_fields``, netscan/parsers/shapes.py
``ffmpeg_fields``): ``rtsp.sdp.media`` per ``m=`` section and ``rtsp.sdp.streams`` for the whole offer,
read from TRAINING corpus files as recorded."""

from __future__ import annotations

from pathlib import Path

from netscan.model import Response
from netscan.observations import load_path
from netscan.parsers import fields

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _fields(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for obs in load_path(CORPUS / name):
        for resp in obs.responses:
            for k, v in fields(resp).items():
                out.setdefault(k, []).extend(v)
    return out


def test_rtpmap_names_each_stream() -> None:
    f = _fields("beward/beward_sdp-erlyvideo.json")
    assert f["rtsp.sdp.media"] == ["video H264/90000", "audio PCMA/8000/1"]
    assert f["rtsp.sdp.streams"] == ["video H264/90000, audio PCMA/8000/1"]


def test_a_static_payload_type_without_rtpmap_is_named_by_rfc_3551() -> None:
    # ZoneMinder#911: "m=audio 0 RTP/AVP 0" and no a=rtpmap for it
    f = _fields("white-label/camera-live2-sdp_zmc-log-zoneminder911.json")
    assert f["rtsp.sdp.streams"] == ["video H264/90000, audio PCMU/8000"]


def test_ffprobe_stream_lines_are_the_offered_streams() -> None:
    # frigate#4667: ffprobe's summary of an RTSP input
    f = _fields("white-label/asecam-4k-poe-camera_ffprobe-frigate4667.json")
    assert f["rtsp.sdp.media"] == ["video H264/90000", "audio PCMU/8000"]
    assert f["rtsp.sdp.session"] == ["HTMS"]  # the Metadata block is still read


def test_an_rtpmap_of_another_payload_does_not_rename_the_stream() -> None:
    sdp = "v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:97 PCMA/8000\r\n"
    raw = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n" + sdp
    f = fields(Response(protocol="rtsp", port=554, request="DESCRIBE", raw=raw))
    assert f["rtsp.sdp.media"] == ["video"]


def test_many_media_sections_are_capped() -> None:
    sdp = "v=0\r\ns=x\r\n" + "".join(f"m=audio 0 RTP/AVP 0\r\na=control:t{i}\r\n" for i in range(50))
    raw = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n" + sdp
    f = fields(Response(protocol="rtsp", port=554, request="DESCRIBE", raw=raw))
    assert len(f["rtsp.sdp.media"]) <= 8


def test_an_sdp_cut_inside_its_first_stream_names_it_by_its_fmtp() -> None:
    # rtsptoweb#224: the log shows the SDP from an H.264 fmtp line on (RFC 6184 parameters)
    f = _fields("tplink/tapo-c200_rtsp-rtsptoweb224.json")
    assert f["rtsp.sdp.streams"] == ["video H264/90000, audio PCMA/8000"]


def test_an_fmtp_after_the_first_media_line_adds_no_stream() -> None:
    sdp = "v=0\r\ns=x\r\nm=audio 0 RTP/AVP 0\r\na=fmtp:96 packetization-mode=1\r\n"
    raw = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\n" + sdp
    f = fields(Response(protocol="rtsp", port=554, request="DESCRIBE", raw=raw))
    assert f["rtsp.sdp.streams"] == ["audio PCMU/8000"]
