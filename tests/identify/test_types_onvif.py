"""Device type from ONVIF answers without a maker (signatures/fingerprints/types-video.yaml): a complete
SOAP answer is read like a cut one (the rules name a leaf, the answer gives its whole path), a media
profile's schema-complete video encoder, PTZ coordinate spaces and service, and video-analytics event
topics say camera; a restreamer's bare ONVIF emulation, an access controller's events and a client's
request say nothing."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _soap(body: str, ns: str = "") -> str:
    return ('HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\n\r\n'
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" '
            'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" '
            f'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"{ns}><s:Body>{body}</s:Body></s:Envelope>')


def _type(db: SignatureDB, action: str, raw: str) -> str:
    obs = Observation("192.0.2.20", None, (Response(protocol="onvif", port=80, request=action, raw=raw),))
    return identify(obs, db).device_type


#: A complete GetProfiles answer as camera firmware writes it (the video source token, a schema-complete encoder).
_CAMERA_PROFILES = _soap(
    '<trt:GetProfilesResponse><trt:Profiles token="Profile_1" fixed="true"><tt:Name>mainStream</tt:Name>'
    '<tt:VideoSourceConfiguration token="VideoSourceConfig_1"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount>'
    '<tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>'
    '<tt:VideoEncoderConfiguration token="VideoEncoder_1"><tt:Name>VideoEncoder_1</tt:Name><tt:UseCount>1</tt:UseCount>'
    '<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution>'
    '<tt:Quality>6</tt:Quality><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>'
    '<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>50</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>'
    '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port>'
    '<tt:TTL>0</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout>'
    '</tt:VideoEncoderConfiguration></trt:Profiles></trt:GetProfilesResponse>')

#: go2rtc's GetProfiles answer (pkg/onvif/server.go @159d9425): a bare encoder, a numeric source token.
_GO2RTC_PROFILES = _soap(
    '<trt:GetProfilesResponse><trt:Profiles token="front" fixed="true"><trt:Name>front</trt:Name>'
    '<trt:VideoEncoderConfiguration token="0"><trt:Name>front</trt:Name><trt:Encoding>H264</trt:Encoding>'
    '<trt:Resolution><trt:Width>1920</trt:Width><trt:Height>1080</trt:Height></trt:Resolution>'
    '<trt:RateControl><trt:FrameRateLimit>29.97003</trt:FrameRateLimit><trt:BitrateLimit>5000</trt:BitrateLimit></trt:RateControl>'
    '</trt:VideoEncoderConfiguration><trt:VideoSourceConfiguration token="0"><trt:Name>front</trt:Name>'
    '<trt:SourceToken>0</trt:SourceToken><trt:Bounds x="0" y="0" width="1920" height="1080"></trt:Bounds>'
    '</trt:VideoSourceConfiguration></trt:Profiles></trt:GetProfilesResponse>')


def test_a_complete_answer_is_read_by_leaf_rules(db: SignatureDB) -> None:
    """The fields of a complete answer carry the whole path; the rules that name a leaf still read them."""
    f = fields(Response(protocol="onvif", port=80, request="GetProfiles", raw=_CAMERA_PROFILES))
    assert f["onvif.xml.GetProfilesResponse/Profiles/VideoSourceConfiguration/SourceToken"] == ["VideoSource_1"]
    ids = {r.id for r in db.rules_for_field("onvif.xml.GetProfilesResponse/Profiles/VideoSourceConfiguration/SourceToken")}
    assert "type-onvif-video-source-token" in ids
    assert _type(db, "GetProfiles", _CAMERA_PROFILES) == "camera"


def test_a_schema_complete_encoder_alone_types_a_camera(db: SignatureDB) -> None:
    raw = _CAMERA_PROFILES.replace("<tt:SourceToken>VideoSource_1</tt:SourceToken>", "<tt:SourceToken>1</tt:SourceToken>")
    assert _type(db, "GetProfiles", raw) == "camera"
    # the same encoder without the elements the schema requires (Quality, SessionTimeout) says nothing
    bare = raw.replace("<tt:Quality>6</tt:Quality>", "").replace("<tt:SessionTimeout>PT60S</tt:SessionTimeout>", "")
    assert _type(db, "GetProfiles", bare) == "unknown"


def test_an_audio_encoder_is_no_camera(db: SignatureDB) -> None:
    raw = _soap('<trt:GetAudioEncoderConfigurationsResponse><trt:Configurations token="a0"><tt:Name>audio</tt:Name>'
                '<tt:UseCount>1</tt:UseCount><tt:Encoding>G711</tt:Encoding><tt:Bitrate>64</tt:Bitrate><tt:SampleRate>8</tt:SampleRate>'
                '<tt:SessionTimeout>PT60S</tt:SessionTimeout></trt:Configurations></trt:GetAudioEncoderConfigurationsResponse>')
    assert _type(db, "GetAudioEncoderConfigurations", raw) == "unknown"


def test_a_restreamers_profiles_are_no_camera(db: SignatureDB) -> None:
    assert _type(db, "GetProfiles", _GO2RTC_PROFILES) not in VIDEO_TYPES


def test_ptz_spaces_type_a_camera(db: SignatureDB) -> None:
    raw = _soap('<tptz:GetNodesResponse xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl"><tptz:PTZNode token="PTZNODE_1">'
                '<tt:Name>PTZ</tt:Name><tt:SupportedPTZSpaces><tt:ContinuousZoomVelocitySpace>'
                '<tt:URI>http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace</tt:URI>'
                '<tt:XRange><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:XRange></tt:ContinuousZoomVelocitySpace></tt:SupportedPTZSpaces>'
                '<tt:MaximumNumberOfPresets>255</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported>'
                '</tptz:PTZNode></tptz:GetNodesResponse>')
    assert _type(db, "GetNodes", raw) == "camera"
    # the PTZ service declared on an answer's envelope says the same
    ns = ' xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl"'
    time_answer = _soap('<tds:GetSystemDateAndTimeResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl">'
                        '<tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType></tds:SystemDateAndTime>'
                        '</tds:GetSystemDateAndTimeResponse>', ns)
    assert _type(db, "GetSystemDateAndTime", time_answer) == "camera"
    assert _type(db, "GetSystemDateAndTime", time_answer.replace(ns, "")) == "unknown"


def test_a_clients_ptz_request_is_no_camera(db: SignatureDB) -> None:
    """A client's ContinuousMove request names the space in an attribute and declares the PTZ namespace itself."""
    raw = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" '
           'xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body><tptz:ContinuousMove><tptz:ProfileToken>Profile_1</tptz:ProfileToken>'
           '<tptz:Velocity><tt:PanTilt x="0.5" y="0" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace"/>'
           '</tptz:Velocity></tptz:ContinuousMove></s:Body></s:Envelope>')
    assert _type(db, "ContinuousMove", raw) == "unknown"


@pytest.mark.parametrize(("topic", "want"), [
    ("tns1:RuleEngine/CellMotionDetector/Motion", "camera"),
    ("tns1:VideoSource/MotionAlarm", "camera"),
    ("tns1:AccessControl/AccessGranted/Credential", "unknown"),
    ("tns1:Device/Trigger/DigitalInput", "unknown"),
    ("tns1:Media/ConfigurationChanged", "unknown"),
])
def test_event_topics(db: SignatureDB, topic: str, want: str) -> None:
    raw = _soap('<tev:PullMessagesResponse><tev:CurrentTime>2024-01-01T00:00:00Z</tev:CurrentTime>'
                '<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">'
                f'{topic}</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2024-01-01T00:00:00Z" PropertyOperation="Changed">'
                '<tt:Data><tt:SimpleItem Name="State" Value="true"/></tt:Data></tt:Message></wsnt:Message>'
                '</wsnt:NotificationMessage></tev:PullMessagesResponse>')
    assert _type(db, "PullMessages", raw) == want


@pytest.mark.parametrize(("rules", "modules", "want"), [("true", "true", "camera"), ("false", "false", "unknown"), ("true", "false", "unknown")])
def test_an_analytics_capability_types_a_camera(db: SignatureDB, rules: str, modules: str, want: str) -> None:
    raw = _soap('<tds:GetCapabilitiesResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Capabilities>'
                '<tt:Analytics><tt:XAddr>http://192.0.2.20/onvif/analytics_service</tt:XAddr>'
                f'<tt:RuleSupport>{rules}</tt:RuleSupport><tt:AnalyticsModuleSupport>{modules}</tt:AnalyticsModuleSupport></tt:Analytics>'
                '<tt:Device><tt:XAddr>http://192.0.2.20/onvif/device_service</tt:XAddr></tt:Device>'
                '</tds:Capabilities></tds:GetCapabilitiesResponse>')
    assert _type(db, "GetCapabilities", raw) == want
