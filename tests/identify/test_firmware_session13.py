"""Firmware extraction added by firmware6 (session 13): a maker's firmware scheme in a reporter's paragraph
(netscan/identify/lines.py, sentences of a line too long to read whole), Xiongmai's scheme as its ONVIF server
reports it (``..ONVIF 16.12`` run on), a reporter's "is running / on <version>" idiom and version keys named
``firmware_name`` (signatures/families/generic.yaml); counter-examples for each: a kernel's, an app's or a hardware
version, a date, an IP address, a model number's digits must not become the firmware."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.lines import read_lines
from netscan.model import Observation, Response
from netscan.sigdb import load_db


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(db, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, None, ""),)), db)


_FILL = ("I have spent the whole weekend trying every setting the web page offers, reading the forum threads and "
         "resetting the unit twice, with no luck at all so far. The support line told me to wait for an update and "
         "to write down everything the unit shows. ")


@pytest.mark.parametrize("raw, fw", [
    # Dahua's scheme (with Amcrest's build date) in one sentence of a long paragraph (rroller/dahua#134's layout)
    (_FILL + "It looks like the maker pushed a new firmware to the doorbell (the 1.000.0000000.7.R.210220), and mine came with it.",
     "1.000.0000000.7.R.210220"),
    (_FILL + "Now it runs V2.800.0000000.16.R and the stream drops every hour.", "V2.800.0000000.16.R"),
])
def test_scheme_in_a_paragraph_sentence(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    assert len(raw) > 256
    assert _ident(db, raw).firmware == fw
    assert _ident(db, raw).vendor == "Dahua"


def test_paragraph_sentences_claim_no_model(db) -> None:  # type: ignore[no-untyped-def]
    # a paragraph's model codes are left to the prose reader; only firmware hits come out of the sentence pass
    raw = _FILL + "My old DS-2CD2042WD-I camera on V5.5.0 build 170725 still works fine after all these years."
    hits = read_lines(raw, db.family_matcher())
    assert hits and all("model" not in h.got and "device_type" not in h.got for h in hits)
    assert {h.got.get("firmware") for h in hits} == {"V5.5.0 build 170725"}


@pytest.mark.parametrize("raw", [
    # no maker's scheme: a kernel's version, a date, an address, a model's digits
    _FILL + "The kernel is Linux 4.9.37 and the date reads 2021.11.16 on the OSD.",
    _FILL + "It answers on 192.168.1.108 and its label says IPC-HFW2431S-S-S2.",
    # a sentence setting another device against the reporter's (CONTRAST) names another device's firmware
    _FILL + "Unlike the old one on 2.800.0000000.16.R, this one has no web page.",
])
def test_paragraph_counter_examples(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert len(raw) > 256
    assert _ident(db, raw).firmware is None


def test_paragraph_longer_than_the_bound_is_not_read(db) -> None:  # type: ignore[no-untyped-def]
    raw = _FILL * 40 + "Now it runs V2.800.0000000.16.R and the stream drops."
    assert len(raw) > 4096
    assert all("firmware" not in h.got for h in read_lines(raw, db.family_matcher()))


@pytest.mark.parametrize("raw, fw", [
    # Xiongmai's ONVIF server runs its own version on after two dots (KostasEreksonas' Besder investigation)
    ("Firmware Version: V5.00.R02.00030747.10010.349f17..ONVIF 16.12", "V5.00.R02.00030747.10010.349f17"),
    ("The current version of the camera is V5.00.R02.000659N7.10010.140d00..ONVIF 16.12", "V5.00.R02.000659N7.10010.140d00"),
    ("V5.00.R02.000529B2.10010.040600.0020000", "V5.00.R02.000529B2.10010.040600.0020000"),
])
def test_xiongmai_scheme_onvif_form(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(db, raw)
    assert ident.firmware == fw


def test_xiongmai_scheme_not_cut_inside_lettered_parts(db) -> None:  # type: ignore[no-untyped-def]
    # a version that runs on in lettered parts is not the six-part form cut short
    got = {g.get("firmware") for _, g in db.family_matches("V5.00.R02.000807D8.10010.346632.S.000.")}
    assert "V5.00.R02.000807D8.10010.346632" not in got


@pytest.mark.parametrize("raw, fw", [
    ("I have the NVR S4 Max which is now running 1.3.3.4 and the latest firmware breaks the integration.", "1.3.3.4"),
    ("The app says they're on v2.1.32 without an available update. Is that firmware too old?", "v2.1.32"),
    ("But it just works with this one. this is version v3.10.68", "v3.10.68"),
    ("My camera is currently on firmware 5.5.61 and will not stream.", "5.5.61"),
])
def test_running_idiom(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == fw


@pytest.mark.parametrize("raw", [
    "The latest version is 1.2.4 but mine will not update",            # the version offered, not the one running
    "A new version is 1.2.4 but mine will not update",
    "The app is on 3.2.1 and the integration is running 2.0.5; firmware unknown",  # an app's, an integration's
    "HA is running 2023.12.3 and the camera is on 192.168.1.20, firmware unknown",  # a calendar release, an address
    "The NVR is now running 1.3.3.4 and still drops the cameras",      # no firmware or version word in the text
    "The kernel is 4.9.37 and the firmware is unknown",                # a kernel's version
    "The hardware version is on 4.30 and the firmware is unknown",     # a two-part number
])
def test_running_idiom_counter_examples(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware is None


def test_firmware_name_beside_a_revision_counter(db) -> None:  # type: ignore[no-untyped-def]
    # Netatmo's home-status module (pyatmo fixtures): the readable version beside the counter
    raw = '{"type": "NOC", "firmware_name": "3.2.0", "firmware_revision": 3002000, "wifi_strength": 60}'
    assert _ident(db, raw).firmware == "3.2.0"


@pytest.mark.parametrize("raw, fw", [
    ('{"type": "NOC", "firmware_revision": 3002000}', "3002000"),               # alone, the counter still stands
    ('{"firmware_name": "Prusa-Firmware 3.14.1 based on Marlin", "firmware_version": "3.14.1"}', "3.14.1"),  # a name
])
def test_firmware_name_counter_examples(db, raw: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware == fw


@pytest.mark.parametrize("raw, vendor, fw", [
    ("**Device Model Number**: TS-431\n**QTS Version**: 4.3.4.0569 Build 20180501", "QNAP", "4.3.4.0569 Build 20180501"),
    ('{"data": {"model": "DS3615xs", "version": "5967", "version_string": "DSM 5.2-5967 Update 9"}}', "Synology",
     "DSM 5.2-5967 Update 9"),
    ('{"data": {"model": "DS920+", "version_string": "DSM 7.2.1-69057"}}', "Synology", "DSM 7.2.1-69057"),
])
def test_nas_firmware_schemes(db, raw: str, vendor: str, fw: str) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(db, raw)
    assert (ident.vendor, ident.firmware) == (vendor, fw)
    assert ident.device_type == "nas"


@pytest.mark.parametrize("value", [
    "1.0.2 Build 200915 Rel.085940",   # TP-Link's scheme
    "V5.5.0 build 170725",             # Hikvision's
    "4.3.4.0569",                      # four parts without QNAP's build date
    "7.2-64570",                       # a version and build without Synology's system name
    "DSM 7.x",
])
def test_nas_firmware_schemes_counter_examples(db, value: str) -> None:  # type: ignore[no-untyped-def]
    makers = {got.get("vendor") for _, got in db.family_matches(value)}
    assert not makers & {"QNAP", "Synology"}


def test_firmware_read_as_in_a_controller_log(db) -> None:  # type: ignore[no-untyped-def]
    raw = ("2022-10-20T01:02:04.016Z ACCESSORY_INFORMATION.HARDWARE_REVISION (aid: 1) was read to be '1.0.0'\n"
           "2022-10-20T01:02:04.016Z ACCESSORY_INFORMATION.FIRMWARE_REVISION (aid: 1) was read to be '8.10.67'")
    assert _ident(db, raw).firmware == "8.10.67"


@pytest.mark.parametrize("raw", [
    "ACCESSORY_INFORMATION.HARDWARE_REVISION (aid: 1) was read to be '1.0.0'",   # the hardware revision
    "ACCESSORY_INFORMATION.FIRMWARE_REVISION (aid: 1) was read to be 'unknown'",  # no version
])
def test_firmware_read_as_counter_examples(db, raw: str) -> None:  # type: ignore[no-untyped-def]
    assert _ident(db, raw).firmware is None
