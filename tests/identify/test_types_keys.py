"""A key that says its value is a camera's model, make or firmware types the record a camera
(families/types.yaml type-key-camera-model); a list of other devices, a photo's EXIF camera, a value
that is no model and a non-camera's own keys say nothing."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _type(db: SignatureDB, raw: str) -> str:
    return identify(Observation(None, None, (Response(protocol="other", port=None, raw=raw),)), db).device_type


@pytest.mark.parametrize("raw", [
    "Camera make and model: Acme XB-2000\nVersion: 0.12.1\n",          # an issue form's field (Frigate's camera support form)
    "Camera manufacturer and model: Acme XB-2000\n",                    # Moonfire NVR's bug template
    '{"camera_model": "XB-2000", "uptime": 1234}',                      # a client's own record of one camera
    "Camera firmware: V2.3.1 build 220101\n",
])
def test_a_camera_model_key_types_a_camera(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) == "camera"


@pytest.mark.parametrize("raw", [
    "Camera Model Name               : Canon EOS 5D Mark III\n",        # ExifTool: the still camera that took a photo
    '{"cameras": [{"camera_model": "XB-2000"}], "model": "NAS-4000"}',  # a NAS's or an NVR software's camera list
    "Camera make and model: null\n",
    "camera model: the one in the hallway\n",                           # no model number
    '{"camera_fps": "10.1", "detection_fps": "3.0"}',                   # NVR software's stats: no model key
])
def test_no_camera_from_other_keys(db: SignatureDB, raw: str) -> None:
    assert _type(db, raw) not in VIDEO_TYPES
