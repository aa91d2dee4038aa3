"""CPU time and memory of identifying observations whose one reply is a crafted 10 MB text aimed at a
reader (docs/budgets.md: identification and findings under 1 s of CPU per device whatever it sent).

    .venv/bin/python benchmarks/hostile_inputs.py [--mb 10] [--repeat 2] [--only NAME,...]

Each case is one device with one crafted reply of about ``--mb`` MB, as the ``http`` answer
(with and without a status line) and as an ``other`` banner: hex dumps (xxd, hexdump -C, offsets
that restart, endless lines), base64 (nested, wrapped, 10 MB), percent-encoding, UTF-16 (odd length,
lone surrogates), HTML-escaped documents and entity runs, Go's \\u003c escapes, XML in JSON strings,
JSON nested a million deep, shell prompts, a note over a log, many short lines, two-column copies,
``Key: value`` items, page cells, ``key => value`` prints, Chinese labels, certificate text,
namespace floods; and one device whose observation is as large but made of the 24 costliest kinds
(24 replies of a 24th of the size each); with ``--nmap-mb``, crafted nmap XML files (empty elements,
deep nesting, a tag of many attributes, many hosts, one host with every port, a huge fingerprint,
floods of script output and text) through ``netscan identify --from nmap-xml`` (exit, CPU, peak RSS).
Per case: the smallest CPU time (``time.process_time``) of ``--repeat`` runs of
``analyse`` (parsing cache cleared: every run parses), then ``netscan identify`` of a JSON Lines file
of every case (files under 300 MB) in a child process (its CPU time and peak RSS). Results:
benchmarks/results/hostile-inputs-<timestamp>.json, with the machine's load before and after.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netscan.model import Observation, Response  # noqa: E402
from netscan.parsers import _cached_fields  # noqa: E402
from netscan.pipeline import analyse  # noqa: E402

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
#: Per-device CPU budget (docs/budgets.md "Per device").
BUDGET_S = 1.0
#: Largest JSON Lines file handed to ``netscan identify`` at once (its limit is 512 MiB).
CHUNK_BYTES = 300_000_000
#: ``netscan identify`` in a child that reports its own peak RSS (the parent's fork would count otherwise).
_CHILD = ("import resource, sys\nfrom netscan.cli import main\nrc = main(sys.argv[1:])\n"
          "sys.stderr.write(f'peak_rss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\nsys.exit(rc)")
HTTP = (b"HTTP/1.1 200 OK\r\nServer: Webs\r\nContent-Type: text/xml\r\n\r\n"
        b"<DeviceInfo><model>DS-2CD2042WD</model><firmwareVersion>V5.4.0</firmwareVersion></DeviceInfo>")


def _xxd(data: bytes) -> str:
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        hx = " ".join(chunk[i : i + 2].hex() for i in range(0, len(chunk), 2))
        lines.append(f"{off:08x}: {hx:<39}  {''.join(chr(c) if 32 <= c < 127 else '.' for c in chunk)}")
    return "\n".join(lines)


def _hexdump_c(data: bytes) -> str:
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        a, b = " ".join(f"{c:02x}" for c in chunk[:8]), " ".join(f"{c:02x}" for c in chunk[8:])
        lines.append(f"{off:08x}  {a}  {b}  |{''.join(chr(c) if 32 <= c < 127 else '.' for c in chunk)}|")
    return "\n".join(lines)


def _fit(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters."""
    return (unit * (size // max(len(unit), 1) + 1))[:size]


def cases(size: int) -> dict[str, Callable[[], str]]:
    """Crafted replies of about ``size`` characters, built when asked for (name -> builder)."""
    nested = HTTP
    for _ in range(8):
        nested = base64.b64encode(nested)
    deep = '"<x>v</x>"'
    for _ in range(12):
        deep = json.dumps({"body": json.loads(deep)}) if deep[:1] == "{" else json.dumps({"body": deep})
    return {
        "xxd-dump": lambda: _xxd(HTTP + b"A" * (size * 10 // 44)),
        "hexdump-C": lambda: _hexdump_c((HTTP * (size // 3 // len(HTTP) + 1))[: size * 10 // 48]),
        "dump-offsets-restart": lambda: _fit("00000000: 4854 5450 2f31 2e31 2032 3030 204f 4b0d  HTTP/1.1 200 OK.\n", size),
        "dump-endless-lines": lambda: _fit("00000000: " + "4854 " * 20000 + "\n", size),
        "base64-nested-8": lambda: nested.decode(),
        "base64": lambda: base64.b64encode(HTTP + b"x=y\n" * (size * 3 // 16)).decode(),
        "base64-wrapped": lambda: base64.encodebytes(HTTP * (size * 3 // 4 // len(HTTP))).decode(),
        "percent": lambda: "".join(f"%{c:02X}" for c in (HTTP + _fit("\nk=v", size // 3).encode())),
        "percent-nested": lambda: _fit("%253C%253Fxml%2520", size),
        "utf16-odd": lambda: "\xff\xfe" + _fit(HTTP.decode(), size // 2).encode("utf-16-le").decode("latin-1") + "A",
        "utf16-lone-surrogates": lambda: "\xff\xfe" + _fit("\x00\xd8A\x00", size),
        "nul": lambda: "\x00" * size,
        "html-entity-run": lambda: "&lt;a&gt;" + _fit("&amp;amp;amp;amp;lt;", size),
        "html-escaped-xml": lambda: html.escape("<DeviceInfo>" + _fit("<model>DS-2CD</model>", size // 2) + "</DeviceInfo>"),
        "go-escaped-markup": lambda: _fit("log: \\u003cmodel\\u003eX\\u003c/model\\u003e ", size),
        "xml-in-json-leaves": lambda: json.dumps({f"k{i}": f"<DeviceInfo><model>DS-{i}</model></DeviceInfo>" for i in range(size // 48)}),
        "xml-in-json-deep-tags": lambda: json.dumps({"a": "<a>" * (size // 14) + "x" + "</a>" * (size // 14)}),
        "json-escaped-json-12": lambda: deep,
        "json-nesting": lambda: "[" * (size // 2) + "]" * (size // 2),
        "json-nesting-cut": lambda: '{"a": ' + "[1, " * (size // 4),
        "prompts": lambda: _fit("root@IPC-cam01:~# ls -l /mnt/mtd\n", size),
        "prompt-one-long-line": lambda: "root@IPC:~# " + "x" * size,
        "prompt-at-flood": lambda: _fit("a@" * 1000 + "\n", size),
        "login-flood": lambda: _fit("host login: " + "x" * 300 + "\n", size),
        "note-over-log": lambda: "Camera: Hikvision DS-2CD2143G0-I V5.5.80\n" + _fit("2024-01-01 12:00 INFO x\n", size),
        "short-lines": lambda: "a\n" * (size // 2),
        "empty-lines": lambda: "\n" * size,
        "columns-tab": lambda: _fit("Label\tValue\n", size),
        "columns-gap": lambda: _fit("Label a b c" + " " * 59 + "v" * 400 + "\n", size),
        "colon-items": lambda: _fit("Brand: X, Model: Y, Firmware: Z, " * 2000 + "\n", size),
        "colon-braced": lambda: "{" + _fit("a: b, ", size) + "}",
        "cells": lambda: _fit("<td>Model: X</td>", size),
        "br-lines": lambda: _fit("\nKey name: " + "\t" * 8 + "v" * 199 + "\t" * 8, size) + "<br>",
        "arrows": lambda: _fit("[key] => value\n", size),
        "arrows-unterminated": lambda: _fit(' [' + "a " * 20 + '=> "' + "x" * 300, size),
        "cjk-labels": lambda: _fit("型号：" + "X" * 300 + "\n", size),
        "certificate-text": lambda: "Subject: CN=a\nIssuer: CN=b\nValidity\nsubject=" + _fit("/CN=x", size),
        "s-client-dn": lambda: "subject=" + _fit("/a=", size) + "\nissuer=/b=b\n",
        "xmlns-flood": lambda: '<a xmlns="http://a">' + "</b>" + _fit(' xmlns:x="urn:' + "y" * 190 + '"', size),
        # the readers of session 12/13: netscan/parsers/records.py, netscan/identify/prose.py, netscan/parsers/snmp.py
        "message-header-flood": lambda: "sun.net.www.MessageHeader@5e3a8624 9 pairs: " + _fit("{Server: x}{" + "k" * 199 + ": ", size),
        "message-header-prints": lambda: _fit("sun.net.www.MessageHeader@5e3a8624 2 pairs: {null: HTTP/1.1 200 OK}{Server: a}\n", size),
        "ipp-attribute-names": lambda: _fit("printer-make-and-model printer-info printer-name (1setOf textWithoutLanguage) = ", size),
        "pyipp-pairs": lambda: _fit("Attribute Name: printer-make-and-model (0x41)\nAttribute Value: HP " + "x" * 900 + "\n", size),
        "status-trace-flood": lambda: _fit("GET http://a/" + "b" * 500 + "\nStatus: 200 OK\nServer: " + "s" * 1500 + "\n", size),
        "devinfo-order": lambda: "GetDeviceInformationResponse\n" + _fit("Manufacturer: A\nModel: B-1\n", size),
        "upnp-stripped-lines": lambda: _fit("urn:schemas-upnp-org:device:Basic:1\nuuid:1\nhttp://a/\nIP Camera\n", size),
        "prose-form-labels": lambda: _fit("### Your device model\n\n**Model:** DS-2CD2143G0-I `model` \"X1\"\n", size),
        "prose-maker-sentences": lambda: _fit("I have a Hikvision DS-2CD2143G0-I and a Dahua IPC-HDW2431T-AS; unlike the Axis M1054. ", size),
        "prose-quotes": lambda: _fit('"Hikvision DS-2CD2143G0-I" \u201cAxis M1054\u201d \'Reolink RLC-810A\' ', size),
        "snmp-walk-lines": lambda: _fit('.1.3.6.1.2.1.1.1.0 = STRING: "Hikvision DS-2CD2042WD"\n', size),
        "snmp-long-oids": lambda: _fit(".1" + ".1" * 127 + " = STRING: x\n", size),
        "snmprec-lines": lambda: _fit("1.3.6.1.2.1.1.1.0|4x|" + "41" * 100 + "\n", size),
        "tcpdump-snmp": lambda: _fit('GetResponse(12) .1.3.6.1.2.1.1.1.0="' + "x" * 100 + '" ', size),
        "fusion-devices": lambda: _fit("<DEVICE><DESCRIPTION>Brother HL</DESCRIPTION>", size) + "<AUTHSNMP>1</AUTHSNMP></DEVICE>",
        # formats5's netscan/parsers/wirerec.py (packet tools' and client libraries' records)
        "tshark-json-records": lambda: json.dumps([{"_source": {"layers": {"http": {"HTTP/1.1 200 OK\\r\\n": {"http.response.code": "200"},
                                                                                       "http.server": "Hik", "Server: x\\r\\n": ""}}}}] * (size // 120)),
        "tshark-json-in-cap": lambda: json.dumps([{"_source": {"layers": {"http": {"http.server": "Hik", "Server: x\\r\\n": ""}}}}] * (500_000 // 90)),
        "tshark-json-deep": lambda: '[{"_source": {"layers": {"http": ' + '{"a": ' * (size // 7) + "1" + "}" * (size // 7) + "}}]",
        "pdml-fields": lambda: '<pdml><packet><proto name="http">' + _fit('<field name="http.server" show="Hik"/>', size),
        "js-header-objects": lambda: _fit("{ server: 'Hik', 'www-authenticate': 'Digest', " + "a: 'b', " * 300 + "}\n", size),
        "masscan-banners": lambda: _fit("banner tcp 80 10.0.0.7 1600000000 http HTTP/1.1 200 OK\\x0d\\x0aServer: a\\x0d\\x0a\n", size),
        "burp-items": lambda: '<items burpVersion="1"><item><host>a</host>' + _fit('<response base64="true"><![CDATA[SFRUUC8xLjEgMjAwIE9LDQo=]]></response>', size),
        "curl-trace-blocks": lambda: _fit("<= Recv header, 17 bytes (0x11)\n0000: 48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d HTTP/1.1 200 OK.\n", size),
        "ngrep-packets": lambda: _fit("T 10.0.0.7:80 -> 10.0.0.1:5000 [AP]\n  HTTP/1.1 200 OK..Server: Hik....\n", size),
        "mitmdump-answers": lambda: _fit("<< 200 OK 12b\n    Server: Hik\n    Content-Type: x\n", size),
        "escaped-quotes": lambda: _fit('HTTP/1.1 200 OK\\r\nX-A: ' + '=\\"' * 1000 + "\\r\n", size),
    }


_NMAP_HOST = ('<host><status state="up"/><address addr="10.0.0.{i}" addrtype="ipv4"/><ports><port protocol="tcp" portid="80">'
              '<state state="open"/><service name="http" product="Hikvision IP camera httpd"/></port></ports></host>')


#: Like _CHILD, but the peak is the process's own high-water mark (VmHWM): ru_maxrss carries the
#: parent's peak across fork and exec, and the parent has just built the file.
_CHILD_HWM = ("import sys\nfrom netscan.cli import main\nrc = main(sys.argv[1:])\n"
              "hwm = [ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM:')]\n"
              "sys.stderr.write(f'peak_rss_kb {hwm[0] if hwm else 0}\\n')\nsys.exit(rc)")


def nmap_cases(size: int) -> dict[str, Callable[[], bytes]]:
    """Crafted nmap XML files of about ``size`` bytes for ``netscan identify --from nmap-xml`` (name -> builder)."""
    def fit(unit: str) -> str:  # whole units only: the file stays well-formed
        return unit * max(1, size // len(unit))
    port = '<port protocol="tcp" portid="{p}"><state state="open"/><service name="http"/></port>'
    return {
        "nmap-empty-elements": lambda: ("<nmaprun>" + fit("<a/>") + "</nmaprun>").encode(),
        "nmap-deep-nesting": lambda: ("<nmaprun>" + "<a>" * (size // 7) + "</a>" * (size // 7) + "</nmaprun>").encode(),
        "nmap-many-attributes": lambda: ("<nmaprun><host " + fit(' a="x"').replace(' a=', ' a{}=').format(*range(size // 6 + 1))
                                         .rsplit(" ", 1)[0] + "/></nmaprun>").encode(),
        "nmap-many-hosts": lambda: ("<nmaprun>" + "".join(_NMAP_HOST.format(i=i % 250) for i in range(size // len(_NMAP_HOST))) + "</nmaprun>").encode(),
        "nmap-one-host-many-ports": lambda: ("<nmaprun>" + _NMAP_HOST.format(i=1).replace(
            "</ports>", "".join(port.format(p=p % 65536) for p in range(size // 80)) + "</ports>") + "</nmaprun>").encode(),
        "nmap-huge-servicefp": lambda: ("<nmaprun>" + _NMAP_HOST.format(i=1).replace(
            'product="', 'servicefp="SF-Port80-TCP:%r(GetRequest,1,&quot;HTTP/1.1\\x20200\\r\\nServer:\\x20' + "x" * min(size, 4_000_000) + '&quot;)" product="')
            + "</nmaprun>").encode(),
        "nmap-script-output-flood": lambda: ("<nmaprun>" + _NMAP_HOST.format(i=1).replace(
            "</port>", fit('<script id="banner" output="' + "Hikvision DS-2CD2042WD " * 40 + '"/>') + "</port>") + "</nmaprun>").encode(),
        "nmap-text-flood": lambda: ("<nmaprun>" + _NMAP_HOST.format(i=1).replace("</host>", fit("a&amp;") + "</host>") + "</nmaprun>").encode(),
    }


def run_nmap(size: int, only: set[str] | None) -> list[dict[str, object]]:
    """``netscan identify --from nmap-xml`` of each crafted file in a child: exit code, CPU time, peak RSS."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in nmap_cases(size).items():
            if only and name not in only:
                continue
            path = Path(tmp) / f"{name}.xml"
            path.write_bytes(build())
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.monotonic()
            r = subprocess.run([sys.executable, "-c", _CHILD_HWM, "identify", "--from", "nmap-xml", str(path), "--format", "json",
                                "-o", str(path) + ".json"], capture_output=True, text=True, cwd=ROOT)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            rss = [line for line in r.stderr.splitlines() if line.startswith("peak_rss_kb ")]
            err = [line for line in r.stderr.splitlines() if line.startswith("netscan:")]
            rows.append({"case": name, "bytes": path.stat().st_size, "exit": r.returncode, "message": err[0] if err else "",
                         "wall_s": round(time.monotonic() - t, 2),
                         "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
                         "peak_rss_mb": round(int(rss[-1].split()[1]) / 1024, 1) if rss else None})
            print(f"{rows[-1]['cpu_s']:8.2f} s {rows[-1]['peak_rss_mb']:>8} MB  exit {r.returncode}  {name}", file=sys.stderr, flush=True)
            path.unlink()
    return rows


def _observations(name: str, raw: str) -> list[Observation]:
    return [
        Observation(ip="10.0.0.2", mac=None, responses=(Response(protocol="http", port=80, raw=raw),)),
        Observation(ip="10.0.0.3", mac=None, responses=(Response(protocol="http", port=80, raw="HTTP/1.1 200 OK\r\n\r\n" + raw),)),
        Observation(ip="10.0.0.4", mac=None, responses=(Response(protocol="other", port=9000, raw=raw),)),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of each crafted reply (MB)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", help="comma-separated case names")
    ap.add_argument("--no-cli", action="store_true", help="skip the netscan identify run")
    ap.add_argument("--nmap-mb", type=float, default=0.0,
                    help="also run netscan identify --from nmap-xml on crafted nmap XML files of this size (MB)")
    ap.add_argument("--nmap-only", action="store_true", help="only the nmap XML files (with --nmap-mb)")
    args = ap.parse_args()
    if args.nmap_mb and args.nmap_only:
        only_n = set(args.only.split(",")) if args.only else None
        nmap_rows = run_nmap(int(args.nmap_mb * 1_000_000), only_n)
        doc = {"benchmark": "hostile_inputs", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
               "nmap_xml_bytes": int(args.nmap_mb * 1_000_000), "load": os.getloadavg()[0], "nmap_xml": nmap_rows}
        out = ROOT / "benchmarks" / "results" / f"hostile-inputs-nmap-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
        out.write_text(json.dumps(doc, indent=1) + "\n")
        print(f"written to {out}", file=sys.stderr)
        return 0
    size = int(args.mb * 1_000_000)
    only = set(args.only.split(",")) if args.only else None
    load_before = round(os.getloadavg()[0], 2)
    analyse(_observations("warm-up", HTTP.decode()), now=NOW)  # the signature database loads once, not in a case's time
    rows = []
    tmp = tempfile.TemporaryDirectory()
    chunks: list[Path] = []
    out_fh = None
    for name, build in cases(size).items():
        if only and name not in only:
            continue
        raw = build()
        obs = _observations(name, raw)
        for o, shape in zip(obs, ("http", "http+status", "banner")):
            best = float("inf")
            for _ in range(args.repeat):
                _cached_fields.cache_clear()
                t = time.process_time()
                analyse([o], now=NOW)
                best = min(best, time.process_time() - t)
            rows.append({"case": name, "as": shape, "chars": len(o.responses[0].raw), "cpu_s": round(best, 4)})
            print(f"{best:8.3f} s  {name:24s} {shape:12s} {len(o.responses[0].raw):>10} chars", file=sys.stderr, flush=True)
            if not args.no_cli:  # JSON Lines files kept under the observation file limit (MAX_FILE_BYTES)
                if out_fh is None or out_fh.tell() > CHUNK_BYTES:
                    if out_fh is not None:
                        out_fh.close()
                    chunks.append(Path(tmp.name) / f"hostile-{len(chunks)}.jsonl")
                    out_fh = chunks[-1].open("w", encoding="utf-8", errors="surrogatepass")
                out_fh.write(json.dumps({"ip": o.ip, "responses": [{"protocol": r.protocol, "port": r.port, "raw": r.raw}
                                                                    for r in o.responses]}) + "\n")
        del raw, obs
    if out_fh is not None:
        out_fh.close()
    # one device of the same size that sent the costliest 24 kinds at once (a scan keeps 24 replies a
    # host): 24 replies of size/24 characters, an observation of --mb in all
    all_in_one: dict[str, object] | None = None
    worst = sorted({str(r["case"]) for r in rows}, key=lambda c: -max(float(str(r["cpu_s"])) for r in rows if r["case"] == c))[:24]
    if worst:
        built = cases(size // 24)
        responses = tuple(Response(protocol="http", port=8000 + i, raw=built[c]()) for i, c in enumerate(worst))
        best = float("inf")
        for _ in range(args.repeat):
            _cached_fields.cache_clear()
            t = time.process_time()
            analyse([Observation(ip="10.0.0.9", mac=None, responses=responses)], now=NOW)
            best = min(best, time.process_time() - t)
        all_in_one = {"case": "every-reply-at-once", "as": "http", "replies": len(responses),
                      "chars": sum(len(r.raw) for r in responses), "cpu_s": round(best, 4)}
        print(f"{best:8.3f} s  one device, {len(responses)} crafted replies, {all_in_one['chars']} chars", file=sys.stderr, flush=True)
        del responses, built
    result: dict[str, object] = {
        "benchmark": "hostile_inputs", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "reply_chars": size, "repeat": args.repeat, "budget_cpu_s_per_device": BUDGET_S,
        "slowest": max(rows, key=lambda r: float(str(r["cpu_s"]))) if rows else None,
        "over_budget": [r for r in rows if float(str(r["cpu_s"])) > BUDGET_S],
        "one_device_every_reply": all_in_one,
        "peak_rss_mb_in_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if chunks:
        cli = {"devices": len(rows), "files": len(chunks), "file_mb": 0.0, "exits": [], "wall_s": 0.0, "cpu_s": 0.0, "peak_rss_mb": 0.0}
        for path in chunks:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.monotonic()
            r = subprocess.run([sys.executable, "-c", _CHILD_HWM, "identify", str(path), "--format", "json", "-o", str(path) + ".json"],
                               capture_output=True, text=True, cwd=ROOT)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            rss = [line for line in r.stderr.splitlines() if line.startswith("peak_rss_kb ")]
            cli["file_mb"] = round(float(str(cli["file_mb"])) + path.stat().st_size / 1e6, 1)
            cli["exits"].append(r.returncode)  # type: ignore[attr-defined]
            cli["wall_s"] = round(float(str(cli["wall_s"])) + time.monotonic() - t, 2)
            cli["cpu_s"] = round(float(str(cli["cpu_s"])) + after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
            if rss:
                cli["peak_rss_mb"] = max(float(str(cli["peak_rss_mb"])), round(int(rss[-1].split()[1]) / 1024, 1))
            path.unlink()
        result["cli"] = cli
    tmp.cleanup()
    if args.nmap_mb:
        result["nmap_xml"] = run_nmap(int(args.nmap_mb * 1_000_000), only)
    result["load_before"] = load_before
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["cases"] = rows
    out = ROOT / "benchmarks" / "results" / f"hostile-inputs-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "cases"}, indent=1, ensure_ascii=False))
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
