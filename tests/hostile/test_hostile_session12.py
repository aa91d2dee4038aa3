"""Session 12's hostile inputs (helper hostile4): values read by this session's new readers (tcpdump's SNMP
decode, FusionInventory XML, IEEE 1284 device IDs in private MIB objects, the Printer/UPS MIB columns, DLNA
AV info headers) reach every report escaped, and the slow inputs found are handled with the same answers
(their CPU time is measured by benchmarks/fuzz_regressions.py and benchmarks/pattern_timing.py; the inputs
themselves are in tests/hostile/fuzz_regressions/, replayed by test_fuzz.py)."""

from __future__ import annotations

import json

import pytest

from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers.snmp import _FUSION_HINT, snmp_fields
from tests.hostile.reports import reports

#: Rich markup, an ANSI colour, HTML, a bidi override, a spreadsheet formula, a NUL, a lone surrogate,
#: a zero-width space and a bidi isolate.
EVIL = "[bold]B[/bold]\x1b[31m<script>alert(1)</script>\u202e=cmd /C calc!A0\x00\ud800\u200b\u2066"


#: (protocol, answer, the field the reader puts the value in): each new reader's shape with EVIL in a value.
NEW_READER_ANSWERS = {
    "tcpdump-snmp": ("other", f'IP 10.0.0.2.161 > 10.0.0.1.4000:  {{ SNMPv2c {{ GetResponse(478) R=1  '
                              f'.1.3.6.1.2.1.1.1.0="Hikvision DS-2CD2143G0-I {EVIL}" .1.3.6.1.2.1.1.5.0="cam{EVIL}" }} }}\n',
                     "snmp.sysDescr"),
    "device-id-private-object": ("snmp", f'.1.3.6.1.4.1.2435.2.3.9.1.1.7.0 = STRING: "MFG:Brother;MDL:HL-L2350DW {EVIL};CLS:PRINTER;"\n',
                                 "snmp.kv.MDL"),
    "printer-mib-name": ("snmp", f'.1.3.6.1.2.1.43.5.1.1.16.1 = STRING: "HP LaserJet {EVIL}"\n', "snmp.prtGeneralPrinterName"),
    "ups-mib-model": ("snmp", f'.1.3.6.1.2.1.33.1.1.1.0 = STRING: "APC"\n.1.3.6.1.2.1.33.1.1.2.0 = STRING: "Smart-UPS {EVIL}"\n',
                      "snmp.upsIdentModel"),
    "dlna-av-server-info": ("http", f'HTTP/1.1 200 OK\r\nX-AV-Server-Info: av=5.0; cn="Sony {EVIL}"; mn="BRAVIA {EVIL}";\r\n\r\n',
                            "http.header.x-av-server-info.mn"),
}


@pytest.mark.parametrize("name", sorted(NEW_READER_ANSWERS))
def test_values_of_this_sessions_readers_are_escaped_in_every_report(name: str) -> None:
    protocol, raw, field = NEW_READER_ANSWERS[name]
    read = fields(Response(protocol=protocol, port=80, raw=raw))
    # precondition: the reader took the value, payload and all, out of the answer (the lone surrogate made U+FFFD)
    assert any("alert(1)" in v and "\u202e" in v and "\ud800" not in v for v in read.get(field, [])), read
    out = reports(protocol, raw)
    for fmt, text in out.items():
        text.encode("utf-8")  # no lone surrogate
        for bad in ("\x00", "\u202e", "\u200b", "\u2066", "\x1b[31m"):
            assert bad not in text, (fmt, bad)
        if fmt != "table-color":
            assert "\x1b" not in text, fmt
    assert "<script>alert" not in out["html"]
    json.loads(out["json"])
    for line in out["csv"].splitlines():
        for cell in line.split(","):
            assert cell[:1] not in ("=", "+", "@"), cell  # no cell a spreadsheet would run


def test_fusioninventory_values_written_as_character_references_are_escaped() -> None:
    # the reader unescapes the XML's character references: a bidi override, an ESC or a zero-width space
    # written as &#x...; reaches the fields as the character itself, and no report may carry it
    refs = "&#x1b;[31m&#x202e;=cmd /C calc!A0&#0;&#xd800;&#x200b;&#x2066;"
    raw = (f'<?xml version="1.0" encoding="UTF-8" ?>\n<REQUEST><CONTENT><DEVICE>\n<AUTHSNMP>1</AUTHSNMP>\n'
           f"<DESCRIPTION>Hikvision DS-2CD2143G0-I {refs}</DESCRIPTION>\n<SNMPHOSTNAME>=HYPERLINK(1){refs}</SNMPHOSTNAME>\n"
           "</DEVICE></CONTENT></REQUEST>\n")
    got: dict[str, list[str]] = {}
    snmp_fields(got, raw)
    assert any("\u202e" in v for v in got["snmp.sysDescr"]), got  # precondition: the references were read as characters
    for fmt, text in reports("other", raw).items():
        text.encode("utf-8")
        for bad in ("\x00", "\u202e", "\u200b", "\u2066", "\x1b[31m"):
            assert bad not in text, (fmt, bad)


def test_fusioninventory_device_after_thousands_of_empty_device_tags() -> None:
    # _FUSION_HINT scanned 4,000 characters after every <DEVICE> (a text of 32,000 tags took 0.6 s of CPU per
    # call; fuzz_regressions/pipeline/slow-fusion-many-device-tags): the gap it allows may no longer cross
    # another <DEVICE>, which finds the same devices (the nearest <DEVICE> before an <AUTHSNMP> is the one to find)
    device = "<DEVICE><AUTHSNMP>1</AUTHSNMP><DESCRIPTION>Brother NC-6400h, Firmware Ver.1.11</DESCRIPTION></DEVICE>"
    assert _FUSION_HINT.search("<DEVICE>" * 3000 + device) is not None
    # the hint found is the nearest <DEVICE> before the <AUTHSNMP> (the old gap ran from the first one on)
    hint = _FUSION_HINT.search("<DEVICE><DEVICE><AUTHSNMP>")
    assert hint is not None and hint.start() == len("<DEVICE>")
    assert _FUSION_HINT.search("<DEVICE>" * 3000 + device.replace("<AUTHSNMP>", "<AUTHSNMPX", 1)) is None
    got: dict[str, list[str]] = {}
    snmp_fields(got, "<DEVICE>" * 3 + device)  # (the reader reads the first MAX_FUSION_DEVICES tags' devices)
    assert got.get("snmp.sysDescr") == ["Brother NC-6400h, Firmware Ver.1.11"]
    # counter-example: an <AUTHSNMP> more than 4,000 characters after the last <DEVICE> is no FusionInventory device
    far: dict[str, list[str]] = {}
    snmp_fields(far, "<DEVICE>" + " " * 4100 + "<AUTHSNMP>1</AUTHSNMP><DESCRIPTION>Brother NC-6400h</DESCRIPTION></DEVICE>")
    assert "snmp.sysDescr" not in far


def test_zmonvif_line_with_many_urls_is_read_as_before() -> None:
    # formats4's zmonvif reader searches each line (a log's prefix allowed) with a 4,000-character lazy tail:
    # from every URL of a line of 8,000 characters of ' http://a, 1.1, (' it took 4,000 steps per URL (0.35 s
    # of CPU per call on 256K of such lines, 0.05 s now; fuzz_regressions/banner/slow-zmonvif-many-urls). A match
    # is at most ZM_LINE_MAX characters long and ends at the line's end, so the search starts that far from the
    # end: the same matches
    import re

    from netscan.parsers.toolout import _ZM_LINE, ZM_LINE_MAX, discovery_tool_fields

    line = "2023-01-01 zmonvif-probe.pl: http://10.0.0.2/onvif/device_service, 1.2, (name='Cam', hardware='DS-2CD2143G0-I')"
    got: dict[str, list[str]] = {}
    discovery_tool_fields(got, line)
    assert got["wsd.xaddrs"] == ["http://10.0.0.2/onvif/device_service"]
    assert "onvif://www.onvif.org/hardware/DS-2CD2143G0-I" in got["wsd.scope"]
    # the window finds what the whole line's search finds, wherever the line's URLs are
    unanchored = re.compile(_ZM_LINE.pattern)
    for n in (1, 2, 50, 300, 600):
        for tail in ("", "a='b')", "x" * 3990 + ")", "x" * 4010):
            text = (" http://a, 1.1, (" * n) + tail
            whole = unanchored.search(text)
            windowed = _ZM_LINE.search(text, max(0, len(text) - ZM_LINE_MAX))
            assert (whole and whole.groups()) == (windowed and windowed.groups()), (n, len(tail))
    # counter-example: a line whose pairs run past 4,000 characters is no zmonvif line
    far: dict[str, list[str]] = {}
    discovery_tool_fields(far, "http://10.0.0.2/onvif/device_service, 1.2, (" + "a" * 4100)
    assert "wsd.xaddrs" not in far
