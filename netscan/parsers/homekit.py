"""HomeKit accessory databases (HAP ``/accessories`` JSON) as clients save and print them.

A HomeKit accessory answers ``GET /accessories`` with its attribute database: a list of
accessories, each a list of services, each a list of characteristics ``{"type": <UUID>, "value": ...}``.
Clients keep it (Home Assistant's homekit_controller diagnostics and test fixtures, aiohomekit,
homebridge and HAP-NodeJS debug dumps). The characteristic's *meaning* is its type UUID, not a key
name, so the generic JSON reader sees only ``...characteristics.value`` lists. This reader pairs each
type with its value and names the Apple-defined ones (HAP specification R2, "Apple-defined
characteristics/services"; the same table in HAP-NodeJS src/lib/definitions and aiohomekit
model/characteristics/characteristic_types.py and model/services/service_types.py):

- ``homekit.kv.Manufacturer`` (0x20), ``.kv.Model`` (0x21), ``.kv.Name`` (0x23),
  ``.kv.SerialNumber`` (0x30), ``.kv.FirmwareRevision`` (0x52), ``.kv.HardwareRevision`` (0x53):
  the accessory-information service, read by the field-name conventions like any ``kv`` field;
- ``homekit.service``: the Apple-defined services present (``CameraRTPStreamManagement`` 0x110,
  ``Doorbell`` 0x121, ``Television`` 0xD8, ...), which say what the accessory is
  (fingerprints/generalise-homekit.yaml).

Recognised by the Apple UUID base ``-0000-1000-8000-0026BB765291`` (or the short forms HAP clients
print, ``"type": "3E"``, only inside a ``characteristics`` list); the text may be cut anywhere (a
characteristic is read when its object is complete). Linear: one pass over brace-free objects, capped.
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

APPLE_BASE = "0026BB765291"

#: Apple-defined characteristic types of the accessory-information service -> kv key.
CHARACTERISTICS = {
    0x20: "Manufacturer",
    0x21: "Model",
    0x23: "Name",
    0x30: "SerialNumber",
    0x52: "FirmwareRevision",
    0x53: "HardwareRevision",
}

#: Apple-defined service types that say what an accessory is (and the information service).
SERVICES = {
    0x3E: "AccessoryInformation",
    0x110: "CameraRTPStreamManagement",
    0x111: "CameraControl",
    0x204: "CameraRecordingManagement",
    0x21A: "CameraOperatingMode",
    0x121: "Doorbell",
    0xD8: "Television",
    0xD9: "InputSource",
    0x112: "Microphone",
    0x113: "Speaker",
    0x43: "Lightbulb",
    0x49: "Switch",
    0x47: "Outlet",
    0x4A: "Thermostat",
    0x45: "LockMechanism",
    0x41: "GarageDoorOpener",
    0x85: "MotionSensor",
    0x80: "ContactSensor",
    0x8A: "TemperatureSensor",
    0xB7: "Fan",
    0xBB: "AirPurifier",
    0x8C: "WindowCovering",
    0x7E: "SecuritySystem",
    0x228: "SmartSpeaker",
}

MAX_OBJECTS = 2000
MAX_TEXT = 262_144

#: a JSON object without nested objects (a characteristic; lists such as perms stay inside)
_FLAT_OBJECT = re.compile(r"\{[^{}]{0,4000}\}")
_FULL_UUID = r"0000(?P<full>[0-9A-Fa-f]{4})-0000-1000-8000-0026[Bb][Bb]765291"
_TYPE = re.compile(r"[\"']type[\"']\s?:\s?[\"'](?:" + _FULL_UUID + r"|(?P<short>[0-9A-Fa-f]{1,4}))[\"']")
_SERVICE_TYPE = re.compile(r"[\"']type[\"']\s?:\s?[\"']" + _FULL_UUID + r"[\"']")
_VALUE = re.compile(r"[\"']value[\"']\s?:\s?(?:\"(?P<dq>[^\"\\]{0,256})\"|'(?P<sq>[^'\\]{0,256})'|(?P<bare>[-0-9.]{1,32}))")


def is_homekit(text: str) -> bool:
    """Cheap gate: the Apple UUID base, or a ``characteristics`` list with short types."""
    return APPLE_BASE in text or APPLE_BASE.lower() in text or ('"characteristics"' in text and '"iid"' in text)


_AID = re.compile(r"[\"']aid[\"']\s?:")
_SERVICES_KEY = re.compile(r"[\"']services[\"']\s?:")


def _own_accessory(text: str) -> str:
    """The first accessory's part of the dump, or ``""`` when that cannot be told.

    A bridge (homebridge, Home Assistant's HomeKit bridge, Scrypted, a maker's hub) lists its own
    accessory (aid 1) and then the accessories it bridges (aid 2, 3...): their cameras or
    televisions are not the answering device. With one accessory the whole text is read; with
    several, only the text before the second ``aid`` when the first ``aid`` opens its accessory."""
    aids = [m.start() for m in _AID.finditer(text)]
    if len(aids) <= 1:
        return text
    services = _SERVICES_KEY.search(text)
    if services is not None and aids[0] < services.start() < aids[1]:
        return text[:aids[1]]
    return ""


def homekit_fields(fields: Fields, text: str) -> None:
    """Add ``homekit.kv.*`` and ``homekit.service`` for a HomeKit accessory database in ``text``."""
    text = _own_accessory(text[:MAX_TEXT])
    if not text:
        return
    full_base = APPLE_BASE in text or APPLE_BASE.lower() in text
    for n, m in enumerate(_FLAT_OBJECT.finditer(text)):
        if n >= MAX_OBJECTS:
            break
        obj = m.group(0)
        t = _TYPE.search(obj)
        if t is None or (t.group("short") is not None and full_base):
            continue  # short types only where the dump uses no full UUIDs (a client's short print)
        code = int(t.group("full") or t.group("short"), 16)
        key = CHARACTERISTICS.get(code)
        if key is None:
            continue
        v = _VALUE.search(obj)
        if v is None:
            continue
        value = (v.group("dq") if v.group("dq") is not None else v.group("sq") if v.group("sq") is not None
                 else v.group("bare") or "").strip()
        if value:
            add(fields, f"homekit.kv.{key}", value)
    if full_base:
        for n, m in enumerate(_SERVICE_TYPE.finditer(text)):
            if n >= MAX_OBJECTS:
                break
            name = SERVICES.get(int(m.group("full"), 16))
            if name is not None:
                add(fields, "homekit.service", name)
