"""Device-type evidence that must survive as a fragment, and must not turn a non-camera's fragment into a camera
(benchmarks/type_robustness.py, session 15)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB


def _type(db: SignatureDB, raw: str, protocol: str = "http", port: int | None = 80) -> str:
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, port, ""),)), db).device_type


@pytest.mark.parametrize(("raw", "want"), [
    ("<deviceType>IPDome</deviceType>", "camera"),
    ("<deviceType>IPCamera</deviceType>", "camera"),
    ("<deviceType>HybirdNVR</deviceType>", "nvr"),
])
def test_the_isapi_devicetype_line_alone_keeps_its_kind(db: SignatureDB, raw: str, want: str) -> None:
    """One line of an ISAPI deviceInfo document, its DeviceInfo parent cut off (types.yaml type-hik-devicetype-bare-*)."""
    assert _type(db, raw) == want
    assert _type(db, raw, "other", None) == want


@pytest.mark.parametrize("raw", [
    "<deviceType>SecurityCP</deviceType>",  # Hikvision's alarm panel
    "<deviceType>ACS</deviceType>",  # its access-control terminal
    "<deviceType>Gateway</deviceType>",
    "<deviceType>VIS</deviceType>",  # video intercom: door stations and indoor stations (monitors) alike
    "<root><device><deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType></device></root>",  # UPnP: a URN
    '{"deviceList": [{"deviceType": "IPDome"}]}',  # a cloud account's list of other devices
])
def test_other_devicetype_values_and_lists_say_no_video_kind(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES


@pytest.mark.parametrize("line", [
    "2023-09-20 14:42:27.984 | DEBUG    | doorbell:__init__:46 - Setting up doorbell: interfone",
    "2023-09-20 14:42:27.984 | DEBUG    | doorbell:authenticate:53 - Logging into doorbell",
])
def test_a_client_log_line_from_its_doorbell_module_says_no_doorbell(db: SignatureDB, line: str) -> None:
    """A line of a client's log whose code location is a module named doorbell (loguru's default format): the client
    calls every device it drives a doorbell -- here a Hikvision access terminal (training
    noncameras/hikvision-ds-k1t342_addon-log-hikvision-addons148.json, a fragment benchmarks/type_robustness.py made a
    doorbell)."""
    assert _type(db, line, "other", None) not in VIDEO_TYPES
    # the device's own product text still says doorbell
    assert _type(db, "Setting up doorbell: Hikvision video doorbell DS-KV6113", "other", None) == "doorbell"


_ZEEP_CAPABILITIES = """{
    'Analytics': None,
    'Device': {
        'XAddr': 'http://192.168.1.10/onvif/device_service',
    },
    'Imaging': {
        'XAddr': 'http://192.168.1.10/onvif/imaging_service'
    },
    'Media': {
        'XAddr': 'http://192.168.1.10/onvif/media_service',
    }
}"""


def test_a_printed_getcapabilities_with_an_imaging_service_says_camera(db: SignatureDB) -> None:
    """zeep's printout of GetCapabilities (the same fact as the Imaging namespace in the SOAP answer)."""
    assert _type(db, _ZEEP_CAPABILITIES, "onvif", 80) == "camera"
    assert _type(db, _ZEEP_CAPABILITIES, "other", None) == "camera"
    # device and media services alone: what go2rtc's ONVIF server (a restreamer) lists
    restreamer = _ZEEP_CAPABILITIES.replace("'Imaging'", "'Events'")
    assert _type(db, restreamer, "onvif", 80) not in VIDEO_TYPES
    # a list of other devices (a VMS's camera list) says nothing about the device answering
    listed = '{"devices": [{"Imaging": {"XAddr": "http://192.168.1.64/onvif/imaging_service"}}]}'
    assert _type(db, listed, "other", None) not in VIDEO_TYPES


@pytest.mark.parametrize(("imaging", "want_video"), [("true", True), ("false", False)])
def test_home_assistants_onvif_diagnostics_imaging_capability(db: SignatureDB, imaging: str, want_video: bool) -> None:
    """Home Assistant's ONVIF diagnostics (diagnostics.py: device / capabilities, models.py Capabilities)."""
    raw = ('{"data": {"device": {"info": {"manufacturer": "Acme", "model": "X1"}, '
           f'"capabilities": {{"snapshot": true, "events": true, "ptz": true, "imaging": {imaging}}}}}}}}}')
    assert (_type(db, raw, "other", None) in VIDEO_TYPES) is want_video
