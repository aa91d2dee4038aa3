"""CLI behaviour: bad input gets one clear line and a documented exit code, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netscan.cli import main
from netscan.cli.exitcodes import ExitCode

MINI = str(Path(__file__).parent.parent / "identify" / "minisig")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netscan", *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_missing_file_is_usage_error() -> None:
    r = _run("identify", "/nonexistent/obs.json")
    assert r.returncode == ExitCode.USAGE
    assert r.stderr.strip().splitlines() == ["netscan: /nonexistent/obs.json: no such file"]
    assert "Traceback" not in r.stderr


def test_bad_json_and_bad_protocol(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = _run("identify", str(bad))
    assert r.returncode == ExitCode.USAGE and "not valid JSON" in r.stderr and "Traceback" not in r.stderr
    bad.write_text(json.dumps({"ip": "1.2.3.4", "mac": None, "responses": [{"protocol": "gopher", "raw": ""}]}))
    r = _run("identify", str(bad))
    assert r.returncode == ExitCode.USAGE and "unknown protocol 'gopher'" in r.stderr


def test_unknown_option_is_usage() -> None:
    r = _run("identify", "--format", "xml", "x.json")
    assert r.returncode == ExitCode.USAGE and "Traceback" not in r.stderr


def test_identify_stdin_all_formats() -> None:
    obs = json.dumps({"ip": "10.0.0.5", "mac": "28:57:be:00:00:01", "responses": [
        {"protocol": "http", "port": 80, "request": "GET /", "raw": "HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\n\r\n"}]})
    r = _run("identify", "--signatures", MINI, "-", stdin=obs)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    dev = doc["devices"][0]
    assert (dev["vendor"], dev["device_type"]) == ("Hikvision", "camera")
    assert dev["covered"]["lists"] == ["NDAA-889", "FCC-covered-list"]
    for fmt in ("table", "jsonl", "csv", "html"):
        r = _run("identify", "--signatures", MINI, "--format", fmt, "-", stdin=obs)
        assert r.returncode == 0 and "Hikvision" in r.stdout


def test_output_file_written_atomically(tmp_path: Path) -> None:
    obs = tmp_path / "o.json"
    obs.write_text(json.dumps([{"ip": "10.0.0.7", "mac": "28:57:be:aa:bb:cc", "responses": []}]))
    out = tmp_path / "report.json"
    assert main(["identify", "--signatures", MINI, "-o", str(out), str(obs)]) == 0
    assert json.loads(out.read_text())["devices"][0]["vendor"] == "Hikvision"
    assert main(["identify", "--signatures", MINI, "-o", str(tmp_path / "nodir" / "r.json"), str(obs)]) == ExitCode.USAGE


def test_program_exit_is_main_exit(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """``netscan identify`` as a program (netscan.cli.entry: its process ends without the
    interpreter's teardown) exits with main's code and writes what main writes, to a file and to a
    pipe."""
    corpus = Path(__file__).parent.parent / "corpus" / "hikvision"
    obs = tmp_path / "obs.json"
    obs.write_text(json.dumps([json.loads(p.read_text()) for p in sorted(corpus.glob("*.json"))[:3]]))
    args = ["identify", "--format", "json", "--now", "2026-12-06T00:00:00Z", "--fail-on", "low", str(obs)]
    want_code = main([*args[:-1], "--output", str(tmp_path / "a.json"), str(obs)])
    want_out = main(args)
    printed = capsys.readouterr().out
    r = _run(*args[:-1], "--output", str(tmp_path / "b.json"), str(obs))
    assert r.returncode == want_code and r.stderr == ""
    assert (tmp_path / "b.json").read_text() == (tmp_path / "a.json").read_text()
    r = _run(*args)
    assert r.returncode == want_out and r.stdout == printed
