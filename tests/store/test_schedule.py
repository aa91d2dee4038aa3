"""``netscan schedule``: a crontab line cron reads as one entry, systemd units systemd accepts, and
the cron recipes in docs/scheduling.md are single lines."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from contextlib import redirect_stdout
from pathlib import Path

from netscan.cli import main

DOCS = Path(__file__).parents[2] / "docs"


def _run(argv: list[str]) -> tuple[int, str]:
    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = main(argv)
    return rc, buf.getvalue()


def test_cron_line(tmp_path: Path) -> None:
    rc, out = _run(["schedule", "--cron", "--calendar", "*/15 * * * *", "--site", "hq", "--fail-on", "high",
                    "--format", "json", "-o", "/var/lib/netscan/scan-%F.json", "--ports", "+8080", "10.20.0.0/22"])
    assert rc == 0
    lines = [ln for ln in out.splitlines() if ln and not ln.startswith("#")]
    assert len(lines) == 1 and not lines[0].endswith("\\")
    fields = lines[0].split(None, 6)
    assert fields[:6] == ["*/15", "*", "*", "*", "*", "root"]
    cmd = fields[6]
    assert re.search(r"(?<!\\)%", cmd) is None  # every % escaped for cron
    assert "/var/lib/netscan/scan-\\%F.json" in cmd
    for part in ("scan --quiet", "--site hq", "--fail-on high", "--ports +8080", "--format json", "10.20.0.0/22"):
        assert part in cmd
    assert cmd.split()[0].startswith("/")  # an absolute netscan


def test_bad_scan_options_fail_now() -> None:
    assert main(["schedule", "--cron", "--ports", "99999", "10.0.0.0/24"]) == 2
    assert main(["schedule", "--cron", "--calendar", "every night", "10.0.0.0/24"]) == 2
    assert main(["schedule", "--cron", "-o", "relative.json", "10.0.0.0/24"]) == 2


def test_systemd_units_verify(tmp_path: Path) -> None:
    rc, out = _run(["schedule", "--systemd", "--at", "03:05", "--name", "netscan-test", "--site", "hq",
                    "--db", "postgresql://netscan@/inv?host=/run/postgresql", "10.20.0.0/22"])
    assert rc == 0
    service, timer = out.split("# /etc/systemd/system/netscan-test.timer")
    assert "OnCalendar=*-*-* 03:05:00" in timer
    exec_start = next(ln for ln in service.splitlines() if ln.startswith("ExecStart="))
    assert '"postgresql://netscan@/inv?host=/run/postgresql"' in exec_start
    (tmp_path / "netscan-test.service").write_text(service.split("\n", 1)[1])
    (tmp_path / "netscan-test.timer").write_text(timer.split("# install:")[0])
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze (Debian's systemd) checks the units"
    p = subprocess.run([analyze, "verify", "--man=no", str(tmp_path / "netscan-test.service"),
                        str(tmp_path / "netscan-test.timer")], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr


def test_docs_cron_recipes_are_single_lines() -> None:
    text = (DOCS / "scheduling.md").read_text()
    blocks = re.findall(r"```cron\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        for line in block.splitlines():
            if not line or line.startswith("#"):
                continue
            assert not line.rstrip().endswith("\\"), line
            assert len(line.split(None, 6)) == 7, line
            assert re.search(r"(?<!\\)%", line) is None, line


def test_passive_seconds_passed_on() -> None:
    """`schedule --passive-seconds N` gives a scan that listens N seconds; the line parses back as
    the same `netscan scan` options; a bad value fails now."""
    import shlex

    from netscan.cli import build_parser

    rc, out = _run(["schedule", "--cron", "--passive-seconds", "30", "--iface", "eth1", "--site", "hq", "10.20.0.0/22"])
    assert rc == 0
    cmd = next(ln for ln in out.splitlines() if ln and not ln.startswith("#")).split(None, 6)[6]
    argv = shlex.split(cmd)
    argv = argv[argv.index("scan"):]  # after the netscan command (`python -m netscan` under pytest)
    assert argv[:2] == ["scan", "--quiet"] and "--passive-seconds" in argv
    args = build_parser("scan").parse_args(argv)
    assert (args.passive_seconds, args.iface, args.site, args.targets) == (30.0, ["eth1"], "hq", ["10.20.0.0/22"])
    rc, out = _run(["schedule", "--systemd", "--passive-seconds", "2.5", "10.20.0.0/22"])
    exec_start = next(ln for ln in out.splitlines() if ln.startswith("ExecStart="))
    assert rc == 0 and " --passive-seconds 2.5 " in exec_start
    rc, out = _run(["schedule", "--cron", "10.20.0.0/22"])
    assert rc == 0 and "--passive-seconds" not in out
    for bad in ("0", "3601", "-5"):
        assert main(["schedule", "--cron", "--passive-seconds", bad, "10.0.0.0/24"]) == 2
