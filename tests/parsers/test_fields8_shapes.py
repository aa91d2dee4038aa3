"""Key/value lines in two more layouts (session 17, lane fields8; netscan/parsers/shapes.py ``_split_pair``): a hash
print's arrow between key and value (PHP's print_r ``[Model] => X``: https://www.php.net/manual/en/function.print-r.php;
Ruby's Hash#inspect ``"model" => "X"`` / ``:model => "X"``: https://docs.ruby-lang.org/en/master/Hash.html; Perl's
Data::Dumper ``'model' => 'X'``; netscan/parsers/console.py reads the quoted and bracketed ones, the line reader now
also takes a bare key's arrow instead of leaving its ``>`` in the value), and dotted leaders without a colon
(``Firmware version ........ 1.34``, as device utilities print their info pages), each read end to end, with
look-alikes that must stay unread. Also: a log line's date and time are cut only at the line's start (a version's
dotted digits later in a ``[key] => V5.4.5 build 170123`` line are no date)."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.shapes import _split_pair
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


# a PHP script's print_r of an ONT's device-info record, as its README shows the script's output (the layout of
# https://www.php.net/manual/en/function.print-r.php; values as a Huawei ONT's TR-098 DeviceInfo gives them)
PRINT_R = """Parsed Data:
Array
(
    [DeviceInfo] => Array
        (
            [Device] => Array
                (
                    [Path] => InternetGatewayDevice.DeviceInfo
                    [FirmwareVersion] => 2F7D.G
                    [SoftwareVersion] => V5R021C10S244
                    [Model] => EG8010Hv6-10
                    [Description] => OptiXstar EG8010Hv6-10 GPON Terminal
                )
        )
)
"""


def test_print_r_pairs() -> None:
    f = fields(Response("other", PRINT_R))
    assert f.get("other.kv.Model") == ["EG8010Hv6-10"]
    assert f.get("other.kv.SoftwareVersion") == ["V5R021C10S244"]


def test_print_r_record_identifies(db: SignatureDB) -> None:
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", PRINT_R),)), db)
    assert got.model == "EG8010Hv6-10"


@pytest.mark.parametrize(("line", "pair"), [
    ("[firmware] => V5.5.0", ("firmware", "V5.5.0")),
    ('"model" => "DS-2CD2042WD-I",', ("model", "DS-2CD2042WD-I")),       # Ruby / Perl, a trailing comma
    (":model => \"X1\"", ("model", "X1")),                                  # a Ruby symbol key
    ("'manufacturer' => 'Hikvision'", ("manufacturer", "Hikvision")),
    ("Manufacturer .......... Axis", ("Manufacturer", "Axis")),
    ("Firmware version ....................... 1.34", ("Firmware version", "1.34")),
    ("Model . . . . . M3045-V", ("Model", "M3045-V")),
    ("Firmware . . . . v9.80.1", ("Firmware", "v9.80.1")),
])
def test_pairs(line: str, pair: tuple[str, str]) -> None:
    assert _split_pair(line) == pair


@pytest.mark.parametrize("line", [
    "[0] => Array",                      # an array index is no key
    "Waiting... done",                   # an ellipsis and a word
    "I tried ... nothing worked",        # a sentence
    "Loading.... please wait",
    "note: x => y",                      # a log level's note
])
def test_look_alikes(line: str) -> None:
    assert _split_pair(line) is None


def test_dotted_leaders_identify(db: SignatureDB) -> None:
    raw = "Device information\nManufacturer .......... Axis\nModel ......... M3045-V\nFirmware .......... 9.80.1\n"
    got = identify(Observation(ip=None, mac=None, responses=(Response("telnet", raw),)), db)
    assert (got.vendor, got.model, got.firmware) == ("Axis", "M3045-V", "9.80.1")


def test_bare_key_arrow_leaves_no_mark_in_the_value() -> None:
    f = fields(Response("other", "model => DS-2CD2042WD-I\nfirmware => V5.5.0\nmanufacturer => Hikvision\n"))
    assert f.get("other.kv.firmware") == ["V5.5.0"]


def test_version_digits_are_no_log_date() -> None:
    f = fields(Response("other", "Array\n(\n    [firmwareVersion] => V5.4.5 build 170123\n)\n"))
    assert f.get("other.kv.firmwareVersion") == ["V5.4.5 build 170123"]
    # a real log lead at the line's start is still cut (amcrest2mqtt's "[INFO] Device type: AD110" lines)
    g = fields(Response("other", "16/02/2023 16:23:22 [INFO] Device type: AD110\nline two\n"))
    assert g.get("other.kv.DeviceType") == ["AD110"]
