"""Session 11's hostile inputs (helper hostile3): values read by this session's readers reach every
report escaped, and the slow inputs found are handled (their CPU time is measured by
benchmarks/fuzz_regressions.py and benchmarks/pattern_timing.py; the inputs themselves are in
tests/hostile/fuzz_regressions/, replayed by test_fuzz.py)."""

from __future__ import annotations

import json

import pytest

from netscan.model import Response
from netscan.parsers import fields
from tests.hostile.reports import reports

#: Rich markup, an ANSI colour, HTML, a bidi override, a spreadsheet formula, a NUL and a lone surrogate.
EVIL = "[bold]B[/bold]\x1b[31m<script>alert(1)</script>\u202e=cmd /C calc!A0\x00\ud800"


#: Answers in the shapes this session's readers read (netscan/parsers/keyvals.py pipe tables,
#: shapes.py alternating Markdown rows, toolout.py Go and PowerShell prints), each with EVIL in a value:
#: (protocol, answer, the field the reader puts the value in, whether the value is the firmware's).
NEW_READER_ANSWERS = {
    "pipe-rows": ("other", f'manufacturer | "Hikvision"\nmodel | "DS-2CD2143G0-I"\nfirmware | "V5.4.5 {EVIL}"\n', "other.kv.firmware", True),
    "pipe-columns": ("other", f"Model | Firmware | IP\n--- | --- | ---\nDS-2CD2143G0-I | V5.4.5 {EVIL} | 10.0.0.2\n", "other.kv.Firmware", True),
    "markdown-alternating": ("other", f"| Model | DS-2CD2143G0-I | Firmware | V5.4.5 {EVIL} |\n", "other.kv.Firmware", True),
    "go-struct": ("other", f"{{Manufacturer:Hikvision Model:DS-2CD2143G0-I FirmwareVersion:V5.4.5 {EVIL} SerialNumber:1}}\n",
                  "other.kv.FirmwareVersion", True),
    "powershell-headers": ("other", f"StatusCode        : 401\nHeaders           : {{[Server, App-webs/ {EVIL}], [Date, x]}}\n",
                           "http.header.server", False),
}


@pytest.mark.parametrize("name", sorted(NEW_READER_ANSWERS))
def test_values_of_this_sessions_readers_are_escaped_in_every_report(name: str) -> None:
    protocol, raw, field, firmware = NEW_READER_ANSWERS[name]
    read = fields(Response(protocol=protocol, port=80, raw=raw))
    # precondition: the reader took the value, payload and all, out of the answer (the lone surrogate made U+FFFD)
    assert any("alert(1)" in v and "\u202e" in v and "\ud800" not in v for v in read.get(field, [])), read
    out = reports(protocol, raw)
    for fmt, text in out.items():
        text.encode("utf-8")  # no lone surrogate
        assert "\x00" not in text and "\u202e" not in text, fmt
        assert "\x1b[31m" not in text, fmt
        if fmt != "table-color":
            assert "\x1b" not in text, fmt
    assert "<script>alert" not in out["html"]
    device = json.loads(out["json"])["devices"][0]
    if firmware:
        assert device["model"] == "DS-2CD2143G0-I"
        assert device["firmware"].startswith("V5.4.5") and "alert" not in device["firmware"]  # cut at the version's extent
    for line in out["csv"].splitlines():
        for cell in line.split(","):
            assert cell[:1] not in ("=", "+", "@"), cell  # no cell a spreadsheet would run


def test_model_extent_of_values_with_a_run_of_blanks() -> None:
    # the firmware-after-the-model pattern began with \s*[,/;]?\s*: cubic in a run of blanks inside a value
    # (a recog rule's model from a WWW-Authenticate realm of 2,000 characters took about 100 s; 4,000 blanks
    # would pass pytest's timeout). Same answers, linear (benchmarks/pattern_timing.py; the slow input is
    # fuzz_regressions/pipeline/slow-model-value-blank-run)
    from netscan.identify.modelname import model_extent

    value = "NetVanta" + " " * 4000 + "1238 PoE"
    assert model_extent(value) == value
    assert model_extent("HI3518E_50H10L_S39" + " " * 4000 + "V4.02.R11") == "HI3518E_50H10L_S39"
    assert model_extent("E1 Pro ," + "\t" * 4000 + "v3.0.0.1889") == "E1 Pro"
    assert model_extent("A1" + " ," * 3000 + " 1.2.3") == "A1"
    assert model_extent("C200 ;  ; v1.1.18") == "C200"
