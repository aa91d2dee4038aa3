"""Session 14's hostile inputs for the formats6 readers (netscan/parsers/printed.py): a value each new reader
takes out of a print (an easysnmp repr, a gosnmp byte list, a C# record, a PHP var_dump, a Nikto report, a
recorded fixture, a string literal holding an answer) reaches every report escaped; a payload written as a
literal's escapes (``\\x1b``, ``\\u202e``) is undone by the reader and must still not reach a report raw."""

from __future__ import annotations

import json

import pytest

from netscan.model import Response
from netscan.parsers import fields
from tests.hostile.reports import reports

#: Rich markup, an ANSI colour, HTML, a bidi override, a spreadsheet formula, a zero-width space and a bidi isolate.
EVIL = "[bold]B[/bold]\x1b[31m<script>alert(1)</script>\u202e=cmd /C calc!A0\u200b\u2066"
#: Its printable part: a byte list that is not printable text is not read as a string (gosnmp's reader).
PRINTABLE_EVIL = "[bold]B[/bold]<script>alert(1)</script>=cmd /C calc!A0"
#: The same payload as a Python/JSON literal writes it (the readers undo the escapes).
EVIL_ESCAPED = "[bold]B[/bold]\\x1b[31m<script>alert(1)</script>\\u202e=cmd /C calc!A0\\u200b\\u2066"


ANSWERS = {
    "easysnmp": ("snmp", f"<SNMPVariable value='Hikvision DS-2CD2143G0-I {EVIL_ESCAPED}' (oid='sysDescr', oid_index='0', snmp_type='OCTETSTR')>",
                 "snmp.sysDescr"),
    "gosnmp": ("snmp", "{Name:.1.3.6.1.2.1.1.1.0 Type:OctetString Value:[" + " ".join(str(b) for b in f"Axis {PRINTABLE_EVIL}".encode()) + "]}",
               "snmp.sysDescr"),
    "csharp-record": ("other", f"DeviceInformation {{ Manufacturer = Uniview, Model = IPC3612LB {EVIL} }}", "other.kv.Model"),
    "php-var-dump": ("other", f'array(2) {{\n  ["model"]=>\n  string(9) "X{EVIL}"\n  ["firmware"]=>\n  string(5) "1.0.2"\n}}\n', "other.kv.model"),
    "nikto": ("other", f"- Nikto v2.1.6\n+ Target IP:          10.0.0.2\n+ Server: App-webs/{EVIL}\n", "http.header.server"),
    "fixture": ("other", json.dumps([{"scope": "http://10.0.0.2:80", "path": "/", "status": 200, "response": "",
                                      "rawHeaders": ["Server", f"App-webs/{EVIL}", "Content-Type", "text/html"]}]), "http.header.server"),
    "literal-answer": ("other", f"load      = 'HTTP/1.1 401 Unauthorized\\r\\nServer: App-webs/{EVIL_ESCAPED}\\r\\n\\r\\n'\n",
                       "http.header.server"),
}


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_values_of_the_formats6_readers_are_escaped_in_every_report(name: str) -> None:
    protocol, raw, field = ANSWERS[name]
    read = fields(Response(protocol=protocol, port=80, raw=raw))
    assert any("alert(1)" in v and ("\u202e" in v or name == "gosnmp") for v in read.get(field, [])), read  # precondition: the reader took the payload
    for fmt, text in reports(protocol, raw).items():
        text.encode("utf-8")
        for bad in ("\x00", "\u202e", "\u200b", "\u2066", "\x1b[31m"):
            assert bad not in text, (fmt, bad)
        if fmt != "table-color":
            assert "\x1b" not in text, fmt
    out = reports(protocol, raw)
    assert "<script>alert" not in out["html"]
    json.loads(out["json"])
    for line in out["csv"].splitlines():
        for cell in line.split(","):
            assert cell[:1] not in ("=", "+", "@"), cell
