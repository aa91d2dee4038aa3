"""Options as nmap and rich-CLI users expect them: -v/-q/--no-color after the sub-command, one
engine name, lab/demo --prefix, the version fields (JSON header, HTML footer, --version),
completion scripts and the man page generated from the parser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netscan.cli import build_parser, main
from netscan.cli.exitcodes import ExitCode

ROOT = Path(__file__).parents[2]
PROFILE = str(ROOT / "netscan" / "lab" / "profiles" / "hikvision-ds2cd2032-v540.json")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netscan", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=env, stdin=subprocess.DEVNULL)


def _parse(*argv: str) -> object:
    args = build_parser().parse_args(list(argv))
    args.verbose = int(getattr(args, "verbose", 0)) + int(getattr(args, "verbose_sub", 0))
    return args


def test_verbosity_and_quiet_before_or_after_the_subcommand() -> None:
    assert _parse("-v", "scan").verbose == 1  # type: ignore[attr-defined]
    assert _parse("scan", "-v").verbose == 1  # type: ignore[attr-defined]
    assert _parse("-v", "scan", "-vv", "10.0.0.1").verbose == 3  # type: ignore[attr-defined]
    assert _parse("scan", "-q").quiet is True and _parse("-q", "scan").quiet is True  # type: ignore[attr-defined]
    assert _parse("scan").quiet is False  # type: ignore[attr-defined]
    assert _parse("identify", "x.json", "--no-color").no_color is True  # type: ignore[attr-defined]
    assert _parse("lab", "up", "-v").verbose == 1  # type: ignore[attr-defined]
    assert _parse("signatures", "check", "-q").quiet is True  # type: ignore[attr-defined]


def test_engine_names() -> None:
    assert _parse("scan", "--engine", "netscan").engine == "netscan"  # type: ignore[attr-defined]
    assert _parse("scan", "--engine", "native").engine == "netscan"  # type: ignore[attr-defined]  # old name, hidden
    assert _parse("demo", "--engine", "native").engine == "netscan"  # type: ignore[attr-defined]
    assert _parse("demo").engine == "netscan"  # type: ignore[attr-defined]
    r = _run("scan", "--engine", "bogus", "10.0.0.1")
    assert r.returncode == ExitCode.USAGE and "choose from 'netscan', 'nmap'" in r.stderr
    assert "native" not in _run("scan", "--help").stdout


def test_lab_prefix_before_or_after_the_action_and_demo_prefix() -> None:
    assert _parse("lab", "--prefix", "a-", "up").prefix == "a-"  # type: ignore[attr-defined]
    assert _parse("lab", "up", "--prefix", "b-").prefix == "b-"  # type: ignore[attr-defined]
    assert _parse("lab", "status", "--prefix", "c-").prefix == "c-"  # type: ignore[attr-defined]
    assert _parse("lab", "down", "--prefix", "d-").prefix == "d-"  # type: ignore[attr-defined]
    assert _parse("lab", "--prefix", "e-", "down").prefix == "e-"  # type: ignore[attr-defined]
    assert _parse("lab", "run", "--prefix", "f-", "--", "true").prefix == "f-"  # type: ignore[attr-defined]
    assert _parse("demo", "--prefix", "g-").prefix == "g-"  # type: ignore[attr-defined]
    assert _parse("demo", "--lab-prefix", "h-").prefix == "h-"  # type: ignore[attr-defined]  # the old name


def test_version_fields_everywhere() -> None:
    r = _run("--version")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("netscan 0.") and lines[1] == "report schema 1"
    assert re.fullmatch(r"signatures \d{4}\.\d{2}\.\d{2}(\.\d+)? \(\d{4}-\d{2}-\d{2}, sha256:[0-9a-f]{16}\)", lines[2])
    doc = json.loads(_run("identify", PROFILE).stdout)
    head = doc["scan"]
    assert head["schema_version"] == 1 and head["netscan_version"] == lines[0].split()[1]
    assert head["signatures"]["version"] == lines[2].split()[1]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", head["signatures"]["date"])
    html = _run("identify", "--format", "html", PROFILE).stdout
    footer = re.search(r'<footer id="versions">(.*?)</footer>', html, re.S)
    assert footer and f"netscan {head['netscan_version']}" in footer.group(1)
    assert head["signatures"]["version"] in footer.group(1) and "report schema 1" in footer.group(1)
    jl = json.loads(_run("identify", "--format", "jsonl", PROFILE).stdout.splitlines()[0])
    assert jl["scan"]["schema_version"] == 1


def test_another_signature_directory_has_its_own_digest(tmp_path: Path) -> None:
    from netscan.report.meta import signatures_version

    copy = tmp_path / "sigs"
    shutil.copytree(ROOT / "signatures", copy)
    assert signatures_version(copy) == signatures_version()
    (copy / "eol.yaml").write_text((copy / "eol.yaml").read_text() + "\n# local edit\n")
    assert signatures_version(copy)["digest"] != signatures_version()["digest"]


def test_hosts_only_table_has_mac_vendor_and_no_device_summary() -> None:
    from netscan.report import render

    def oui(org: str) -> list[dict[str, object]]:
        return [{"kind": "oui", "source": "X", "detail": "", "extracted": {"registrant": org}}]

    doc = {"scan": {"command": "scan", "hosts_only": True, "targets": ["10.0.0.0/24"], "counts": {"addresses": 253, "hosts": 2}},
           "devices": [{"ip": "10.0.0.2", "mac": "28:57:be:00:00:01", "evidence": oui("Hangzhou Hikvision Digital "
                        "Technology Co.,Ltd."), "open_ports": []},
                       {"ip": "10.0.0.3", "mac": "00:1b:21:00:00:01", "evidence": oui("Intel Corporate"), "open_ports": []}]}
    out = render(doc, "table", width=100)
    assert "MAC vendor" in out and "Hangzhou Hikvision" in out and "Intel Corporate" in out
    assert "2 hosts up of 253 addresses" in out
    assert "devices" not in out and "cameras/recorders" not in out


def test_completion_scripts_work(tmp_path: Path) -> None:
    bash = _run("completion", "bash").stdout
    script = tmp_path / "netscan.bash"
    script.write_text(bash)

    def complete(*words: str) -> list[str]:
        line = " ".join(["netscan", *words])
        cmd = (f"source {script}; COMP_WORDS=(netscan {' '.join(words)}); COMP_CWORD={len(words)}; "
               f"COMP_LINE='{line}'; COMP_POINT={len(line)}; _shtab_netscan; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
        return r.stdout.split()

    assert "scan" in complete("sc")
    assert "--format" in complete("scan", "--for")
    assert {"json", "html", "table"} <= set(complete("scan", "--format", ""))
    assert "--prefix" in complete("lab", "up", "--pre")
    assert "--sort" in complete("identify", "--so")
    zsh = _run("completion", "zsh").stdout
    assert zsh.startswith("#compdef netscan")
    if shutil.which("zsh"):
        zfile = tmp_path / "_netscan"
        zfile.write_text(zsh)
        r = subprocess.run(["zsh", "-n", str(zfile)], capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
        # installed in $fpath (as the README says) and loaded by compinit; or eval'd from .zshrc
        r = subprocess.run(["zsh", "-fc", f"fpath=({tmp_path} $fpath); autoload -U compinit; compinit -u -D; "
                            "print -r -- $_comps[netscan]"], capture_output=True, text=True, timeout=30)
        assert r.stdout.strip() == "_netscan", r.stdout + r.stderr
        r = subprocess.run(["zsh", "-fc", f"autoload -U compinit; compinit -u -D; eval \"$(cat {zfile})\"; "
                            "print -r -- $_comps[netscan]"], capture_output=True, text=True, timeout=30)
        assert r.stdout.strip() == "_shtab_netscan", r.stdout + r.stderr
    else:  # CI and bootstrap install zsh; without it only bash is checked
        pytest.fail("zsh is not installed (scripts/bootstrap.sh installs it)")


def test_man_page_renders_without_warnings(tmp_path: Path) -> None:
    page = _run("man").stdout
    assert page.startswith(".TH NETSCAN")
    for needle in ("EXIT STATUS", "netscan scan", "\\-\\-exclude\\-file", "\\-\\-only", "completion"):
        assert needle in page, needle
    if shutil.which("groff"):
        src = tmp_path / "netscan.1"
        src.write_text(page)
        r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", str(src)], capture_output=True, text=True, timeout=30)
        assert r.returncode == 0 and r.stderr.strip() == "", r.stderr[:2000]


def test_main_in_process_accepts_flags_after_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["identify", "--format", "csv", "-q", "--no-color", PROFILE]) == 0
    assert "Hikvision" in capsys.readouterr().out
