"""Session 13 (hostile5): device-controlled strings read by this session's readers (Java MessageHeader
prints, IPP attribute prints, Status:-line traces, UPnP descriptions without markup, a reporter's prose,
SNMP, nmap XML's service matches, fingerprints and script output) and the values a user's observation
file gives (ip, mac) reach every report inert, checked end to end through ``netscan identify`` and the
HTML report in headless Chromium."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netscan.model import Observation, Response
from netscan.pipeline import analyse
from netscan.report import render
from netscan.report.safe import html_text, visible

ROOT = Path(__file__).resolve().parent.parent
#: Rich markup, an ANSI colour, an OSC 8 hyperlink, HTML, a bidi override, spreadsheet formulas, a NUL,
#: a lone surrogate, a zero-width space, a bidi isolate, a C1 CSI and a carriage return.
EVIL = ("[bold]B[/bold]\x1b[31m\x1b]8;;http://x\x1b\\<script>alert(1)</script>\u202e=cmd /C calc!A0\x00\ud800\u200b"
        "\u2066\x9b2J\r\n@SUM(1)")
BAD = ("\x00", "\x1b", "\u202e", "\u200b", "\u2066", "\x9b", "\r")
RAWS = {
    "http": ("http", f"HTTP/1.1 200 OK\r\nServer: {EVIL}\r\n\r\n<DeviceInfo><deviceName>{EVIL}</deviceName>"
                     f"<model>DS-2CD2042WD{EVIL}</model><firmwareVersion>V5.4.0 {EVIL}</firmwareVersion></DeviceInfo>"),
    "message-header": ("other", f"sun.net.www.MessageHeader@5e3a8624 3 pairs: {{null: HTTP/1.1 200 OK}}{{Server: {EVIL}}}"
                                f"{{X-Model: {EVIL}}}"),
    "ipp": ("other", f"printer-make-and-model (textWithoutLanguage) = HP {EVIL}\n"
                     f"printer-firmware-string-version (textWithoutLanguage) = {EVIL}\n"),
    "status-trace": ("other", f"GET http://10.0.0.9/ISAPI/System/deviceInfo\nStatus: 200 OK\nServer: {EVIL}\nContent-Type: text/xml\n"),
    "prose": ("other", f"### Your device model\n\nHikvision DS-2CD2143G0-I {EVIL}\n\n### Firmware\n\nV5.5.80 {EVIL}\n\n"
                       f"I have a Hikvision DS-2CD2143G0-I camera {EVIL} and it fails."),
    "snmp": ("snmp", f'.1.3.6.1.2.1.1.1.0 = STRING: "Hikvision DS-2CD2042WD {EVIL}"\n.1.3.6.1.2.1.1.5.0 = STRING: "{EVIL}"\n'),
    "upnp-stripped": ("other", f"urn:schemas-upnp-org:device:Basic:1\n{EVIL}\nHikvision\nDS-2CD2042WD {EVIL}\n"),
}


def _observations() -> list[dict[str, object]]:
    obs: list[dict[str, object]] = [{"ip": f"10.0.0.{i + 1}", "mac": "00:11:22:33:44:55",
                                     "responses": [{"protocol": p, "port": 80, "raw": raw}]}
                                    for i, (p, raw) in enumerate(RAWS.values())]
    obs.append({"ip": EVIL, "mac": EVIL, "responses": [{"protocol": "other", "port": 1, "raw": EVIL, "request": EVIL,
                                                        "error": EVIL, "source": EVIL}]})
    return obs


def _nmap_xml() -> str:
    ev = html.escape(EVIL.replace("\x00", "").replace("\ud800", "").replace("\x1b", "").replace("\r", ""), quote=True)
    ev = ev.replace("\n", "&#10;").replace("\x9b", "&#x9b;")
    fp = f"HTTP/1.1\\x20200\\x20OK\\r\\nServer:\\x20{ev}\\x1b[2J\\r\\n\\r\\n&lt;title&gt;{ev}&lt;/title&gt;"
    return (f'<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.0.0.9" addrtype="ipv4"/>'
            f'<address addr="00:11:22:33:44:55" addrtype="mac" vendor="{ev}"/><ports><port protocol="tcp" portid="80">'
            f'<state state="open"/><service name="http" product="Hikvision {ev}" version="{ev}" extrainfo="{ev}" devicetype="webcam" '
            f'servicefp="SF-Port80-TCP:V=7.94%r(GetRequest,40,&quot;{fp}&quot;);"><cpe>cpe:/h:{ev}</cpe></service>'
            f'<script id="http-title" output="{ev}"><elem key="title">{ev}</elem></script>'
            f'<script id="http-headers" output="Server: {ev}&#10;X-Model: DS-2CD2042WD {ev}"/>'
            f'<script id="banner" output="{ev}"/><script id="snmp-sysdescr" output="Hikvision DS-2CD2042WD {ev}"/>'
            f"</port></ports></host></nmaprun>")


def _check(fmt: str, text: str) -> None:
    text.encode("utf-8")  # no lone surrogate
    for bad in BAD:
        assert bad not in text, (fmt, hex(ord(bad)), text[max(0, text.find(bad) - 80): text.find(bad) + 20])
    assert "<script>alert" not in text or fmt != "html"
    if fmt == "csv":
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    if fmt == "json":
        json.loads(text)
    if fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)


@pytest.mark.parametrize("source", ["observations", "nmap-xml"])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "html"])
def test_hostile_strings_are_inert_in_every_format_end_to_end(tmp_path: Path, source: str, fmt: str) -> None:
    if source == "nmap-xml":
        (tmp_path / "in").write_text(_nmap_xml(), encoding="utf-8")
    else:
        (tmp_path / "in").write_text(json.dumps(_observations()), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "netscan", "identify", "--from", source, "in", "--format", fmt, "-o", f"out.{fmt}"],
                       capture_output=True, timeout=120, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    text = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
    assert "alert(1)" in text or source == "nmap-xml" or fmt in ("table", "csv")  # precondition: the payload got through
    _check(fmt, text)


def test_the_readers_took_the_payload_and_the_coloured_table_is_inert() -> None:
    obs = [Observation(ip=str(o["ip"]), mac=str(o["mac"]), responses=tuple(
        Response(protocol=str(r["protocol"]), port=r["port"], raw=str(r["raw"])) for r in o["responses"]))  # type: ignore[attr-defined]
        for o in _observations()]
    doc = analyse(obs, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    dumped = json.dumps([d.identification.__dict__ for d in doc.devices], default=str)
    assert "alert(1)" in dumped  # precondition: device text reached the identification
    colour = render(doc, "table", color=True)
    for bad in BAD[:1] + BAD[2:]:
        assert bad not in colour
    assert "\x1b]8;;" not in colour and "\x1b[31m" not in colour  # our colours only: no device escape sequence


def test_a_long_value_keeps_no_line_break_or_tab() -> None:
    # a device string of more than 10,000 characters kept its line breaks and tabs before session 13
    long = ("Model:\tX\r\n=cmd " * 3000)
    for limit in (200, 1000, 2000):
        out = visible(long, limit)
        assert "\n" not in out and "\t" not in out and "\r" not in out
    assert "\n" not in html_text(long) and "=cmd" in html_text(long)


def test_html_sort_keys_of_a_hostile_address_are_escaped() -> None:
    obs = [Observation(ip=EVIL, mac=None, responses=(Response(protocol="other", port=1, raw="x"),))]
    page = render(analyse(obs, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)), "html")
    for bad in BAD:
        assert bad not in page, hex(ord(bad))
    assert 'data-sort="9-[bold]B[/bold]\\x1b[31m' in page


def test_hostile_html_report_in_chromium(tmp_path: Path) -> None:
    from tests.report.chromium import Chromium

    (tmp_path / "in.json").write_text(json.dumps(_observations()), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "netscan", "identify", "in.json", "-o", "r.html"], capture_output=True, timeout=120,
                       cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    with Chromium(tmp_path) as browser:
        browser.open((tmp_path / "r.html").as_uri())
        assert browser.evaluate("document.title") == "netscan report"
        assert browser.evaluate("document.querySelectorAll('script').length") == 1  # ours alone
        assert browser.evaluate("document.querySelectorAll('b,strong').length") == browser.evaluate(
            "document.querySelectorAll('.card b').length")  # no markup of a device's making
        text = browser.evaluate("document.body.innerText")
        assert "<script>alert(1)</script>" in text and "\\x1b[31m" in text and "\\u202e" in text
        attrs = browser.evaluate("Array.from(document.querySelectorAll('[data-sort]')).map(e => e.getAttribute('data-sort')).join('')")
        for bad in BAD:
            assert bad not in text and bad not in attrs
        assert not browser.console_errors()
