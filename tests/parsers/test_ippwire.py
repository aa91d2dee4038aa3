"""An IPP message kept as its bytes is read by its lengths (netscan/parsers/ippwire.py): the values end where
the encoding says, not at the next printable tag byte; the firmware is the device's own component's; a
truncated or foreign message gives what it held and never fails. Real messages: go-mfp's recorded
Get-Printer-Attributes answers (training files); a synthetic message built by hand shows the reader
follows the layout of RFC 8010, not these files."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.ippwire import ipp_wire_attributes, ipp_wire_text, looks_like_ipp
from netscan.sigdb import load_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "noncameras"


def _raw(name: str) -> str:
    return str(json.loads((CORPUS / name).read_text(encoding="utf-8"))["responses"][0]["raw"])


def _attr(tag: int, name: str, value: bytes) -> bytes:
    n = name.encode("ascii")
    return bytes([tag]) + struct.pack(">H", len(n)) + n + struct.pack(">H", len(value)) + value


def _message(*groups: tuple[int, bytes]) -> bytes:
    body = b"".join(bytes([tag]) + attrs for tag, attrs in groups)
    return b"\x02\x00" + b"\x00\x00" + b"\x00\x00\x00\x07" + body + b"\x03"


def _synthetic() -> bytes:
    operation = _attr(0x47, "attributes-charset", b"utf-8") + _attr(0x48, "attributes-natural-language", b"en")
    printer = (
        _attr(0x41, "printer-make-and-model", b"Acme LaserBox 9000")
        + _attr(0x30, "printer-firmware-version", b"\x01\x02")  # octetString that is no text
        + _attr(0x42, "printer-firmware-name", b"PDL")
        + _attr(0x42, "", b"Main Firmware")
        + _attr(0x41, "printer-firmware-string-version", b"3.1")
        + _attr(0x41, "", b"AB12.001.7")
        + _attr(0x34, "media-col-default", b"")  # a collection: its members are stepped over
        + _attr(0x4A, "", b"media-size")
        + _attr(0x41, "", b"inside")
        + _attr(0x37, "", b"")
        + _attr(0x41, "printer-device-id", b"MANUFACTURER:Acme;MODEL:LaserBox 9000;CLASS:PRINTER;")
    )
    return _message((0x01, operation), (0x04, printer))


def test_kyocera_firmware_ends_where_its_length_says() -> None:
    values = dict(ipp_wire_text(_raw("kyocera-ecosys-m2040dn_ipp-printer-attributes-binary-go-mfp.json")) or [])
    assert values["printer-firmware-string-version"] == "2S0_2000.001.828"  # the next tag byte is "0"
    assert values["printer-make-and-model"] == "ECOSYS M2040dn"


def test_xerox_firmware_is_the_device_components_version() -> None:
    pairs = ipp_wire_text(_raw("xerox-b235_ipp-printer-attributes-binary-go-mfp.json")) or []
    versions = [v for k, v in pairs if k == "printer-firmware-string-version"]
    assert versions == ["MXLSG.230.090"]  # not IPP's 2.0, JPEG's 1.02...
    assert ("printer-make-and-model", "Xerox(R) B235 MFP") in pairs


def test_a_recorded_answer_identifies_the_printer() -> None:
    raw = _raw("kyocera-ecosys-m2040dn_ipp-printer-attributes-binary-go-mfp.json")
    obs = Observation(ip=None, mac=None, responses=(Response(protocol="other", port=631, request="IPP", raw=raw),))
    ident = identify(obs, load_db())
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("Kyocera", "ECOSYS M2040dn", "2S0_2000.001.828", "printer")


def test_synthetic_message_by_the_layout() -> None:
    pairs = ipp_wire_attributes(_synthetic()) or []
    assert ("printer-make-and-model", "Acme LaserBox 9000") in pairs
    assert [v for k, v in pairs if k == "printer-firmware-string-version"] == ["AB12.001.7"]
    assert all(v != "inside" for _, v in pairs)  # a collection member is not an attribute of the printer
    raw = _synthetic().decode("latin-1")
    f = fields(Response(protocol="other", port=631, request="IPP", raw=raw))
    assert f["ipp.printer-device-id"] == ["MANUFACTURER:Acme;MODEL:LaserBox 9000;CLASS:PRINTER"]


def test_no_main_component_no_firmware() -> None:
    printer = (_attr(0x42, "printer-firmware-name", b"IPP") + _attr(0x42, "", b"PDF")
               + _attr(0x41, "printer-firmware-string-version", b"2.0") + _attr(0x41, "", b"1.7"))
    pairs = ipp_wire_attributes(_message((0x01, _attr(0x47, "attributes-charset", b"utf-8")), (0x04, printer))) or []
    assert not [v for k, v in pairs if k == "printer-firmware-string-version"]


def test_hostile_and_foreign_bytes() -> None:
    good = _synthetic()
    for cut in range(0, len(good), 7):
        ipp_wire_attributes(good[:cut])  # never raises
    assert ipp_wire_attributes(good[:20]) is None  # broken before its first whole attribute
    assert not looks_like_ipp(b"HTTP/1.1 200 OK\r\n\r\n")
    assert ipp_wire_text("GET / HTTP/1.1") is None
    assert ipp_wire_text("\x02\x00" + "\u20ac" * 20) is None  # a character that is no byte
    huge = b"\x02\x00\x00\x00\x00\x00\x00\x01\x01" + _attr(0x41, "printer-info", b"x" * 60000)
    assert ipp_wire_attributes(huge) == []  # a value over the cap is not kept
