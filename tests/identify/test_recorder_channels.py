"""A recorder's list of the cameras it takes (its channels) is not the recorder: the cameras' models,
firmware and camera words there are not read (netscan/identify/collect.py ``_OTHER_DEVICES``), and a
Hikvision-platform InputProxy channel list says the device is an NVR (types-video.yaml)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.collect import in_other_devices
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


#: /ISAPI/ContentMgmt/InputProxy/channels as hikvision_next reads it (InputProxyChannelList /
#: InputProxyChannel / sourceInputPortDescriptor with the proxied camera's model and firmware).
_INPUT_PROXY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<InputProxyChannelList version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n'
    "<InputProxyChannel version=\"2.0\"><id>1</id><name>Camera 01</name><sourceInputPortDescriptor>"
    "<proxyProtocol>HIKVISION</proxyProtocol><ipAddress>192.168.254.2</ipAddress><managePortNo>8000</managePortNo>"
    "<model>DS-2CD2143G0-I</model><firmwareVersion>V5.5.82</firmwareVersion></sourceInputPortDescriptor></InputProxyChannel>\n"
    "<InputProxyChannel version=\"2.0\"><id>2</id><name>Camera 02</name><sourceInputPortDescriptor>"
    "<proxyProtocol>HIKVISION</proxyProtocol><ipAddress>192.168.254.3</ipAddress>"
    "<model>DS-2CD2043G0-I</model><firmwareVersion>V5.5.82</firmwareVersion></sourceInputPortDescriptor></InputProxyChannel>\n"
    "</InputProxyChannelList>"
)


def _http(path: str, body: str, ctype: str = "application/xml") -> Response:
    return Response(protocol="http", port=80, request=f"GET {path}", raw=f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n{body}")


def test_an_nvr_channel_list_is_an_nvr_not_its_cameras(db: SignatureDB) -> None:
    obs = Observation(ip="192.0.2.10", mac=None, responses=(_http("/ISAPI/ContentMgmt/InputProxy/channels", _INPUT_PROXY),))
    ident = identify(obs, db)
    assert ident.device_type == "nvr"
    assert ident.model is None and ident.firmware is None  # the cameras' models and firmware are theirs
    assert ident.vendor == "Hikvision"  # from the ISAPI namespace, not from the cameras' model numbers


def test_a_json_channel_list_names_no_model(db: SignatureDB) -> None:
    body = '{"channels": [{"id": 1, "model": "IPC-HDW2431T-AS-S2", "firmware": "2.800.0000000.25.R"}]}'
    ident = identify(Observation(ip="192.0.2.11", mac=None, responses=(_http("/api/channels", body, "application/json"),)), db)
    assert (ident.model, ident.firmware, ident.device_type) == (None, None, "unknown")


@pytest.mark.parametrize("name", [
    "http.xml.InputProxyChannelList/InputProxyChannel/sourceInputPortDescriptor/model",
    "http.json.channels.model",
    "http.json.result.ipcs.firmware",
    "http.kv.table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_0.DeviceType",
    "other.json.data.ChannelList.0.model",
])
def test_fields_inside_a_recorders_camera_list(name: str) -> None:
    assert in_other_devices(name)


@pytest.mark.parametrize("name", [
    "http.xml.DeviceInfo/model",
    "http.json.result.device_info.basic_info.device_model",
    "http.json.devices.model",  # some APIs wrap the device's own record in "devices" (left read, measured)
    "http.json.cameras.model",  # a client's record of one camera (left read, measured)
    "http.xml.StreamingChannel/Video/videoCodecType",
    "rtsp.sdp.session",
])
def test_the_devices_own_fields(name: str) -> None:
    assert not in_other_devices(name)


@pytest.mark.parametrize(("video_in", "dig", "want"), [
    (1, 0, "camera"),  # a camera's own input (the Xiongmai firmware scheme says camera)
    (2, 0, "camera"),  # two local inputs: a dual-lens camera as well as a small recorder: not read
    (4, 0, "dvr"),
    (8, 8, "nvr"),  # a hybrid recorder takes IP cameras: nvr, as the other channel-count rules say
    (0, 16, "nvr"),
])
def test_xiongmai_systeminfo_channel_counts(db: SignatureDB, video_in: int, dig: int, want: str) -> None:
    body = ('{"Name": "SystemInfo", "Ret": 100, "SystemInfo": {"VideoInChannel": %d, "DigChannel": %d, '
            '"SoftWareVersion": "V4.02.R11.00000117.10001.131900"}}' % (video_in, dig))
    obs = Observation(ip="192.0.2.12", mac=None, responses=(Response(protocol="other", port=34567, request="SystemInfo", raw=body),))
    assert identify(obs, db).device_type == want
