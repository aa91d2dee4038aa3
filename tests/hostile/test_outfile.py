"""``-o FILE`` follows shell redirection semantics, infers the format, allows several outputs, is
checked before any scanning, and never loses a finished report (issues 15 and 16)."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from netscan.cli.exitcodes import ExitCode
from netscan.cli.outfile import plan, write_stream
from netscan.errors import UsageError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ONE = str(CORPUS / "dahua" / "ipc-hdw5421s_dhip.json")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netscan", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_symlink_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = _run("identify", ONE, "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["devices"][0]["model"] == "IPC-HDW5421S"
    # a dangling link creates its target, as `>` does
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "new.json")
    assert _run("identify", ONE, "-o", str(dangling)).returncode == 0
    assert dangling.is_symlink() and json.loads((tmp_path / "new.json").read_text())["devices"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root (CI runs as root)")
def test_device_node_is_written_in_place(tmp_path: Path) -> None:
    # a private copy of /dev/null (same major/minor): the old atomic rename replaced such a node
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    r = _run("identify", ONE, "-o", str(node))
    assert r.returncode == 0, r.stderr
    st = os.lstat(node)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)
    assert not [p for p in tmp_path.iterdir() if p.name != "null"]  # no temporary file left
    # and the real /dev/null stays a device too
    r = _run("identify", ONE, "-o", "/dev/null")
    assert r.returncode == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = _run("identify", ONE, "-o", str(fifo), "--format", "jsonl")
    reader.join(30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"IPC-HDW5421S" in got[0]


def test_regular_file_replaced_atomically_keeping_mode(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert _run("identify", ONE, "-o", str(out)).returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert out.read_text().startswith("ip,mac,vendor")  # .csv -> CSV


def test_format_from_extension_and_several_outputs(tmp_path: Path) -> None:
    names = ["r.json", "r.jsonl", "r.csv", "r.html", "r.txt"]
    args = [a for n in names for a in ("-o", str(tmp_path / n))]
    r = _run("identify", ONE, *args)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert json.loads((tmp_path / "r.json").read_text())["devices"][0]["model"] == "IPC-HDW5421S"
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    assert "scan" in json.loads(lines[0]) and json.loads(lines[1])["model"] == "IPC-HDW5421S"
    assert (tmp_path / "r.csv").read_text().startswith("ip,mac,vendor")
    assert (tmp_path / "r.html").read_text().lstrip().lower().startswith("<!doctype html")
    txt = (tmp_path / "r.txt").read_text()
    assert "IPC-HDW5421S" in txt and "{" not in txt.splitlines()[0]
    # --format wins for a single output; an unknown extension takes --format or the default
    assert plan(["x.html"], "json", "json")[0].fmt == "json"
    assert plan(["x.out"], None, "table")[0].fmt == "table"
    assert [o.fmt for o in plan(["a.json", "b.out"], "csv", "table")] == ["json", "csv"]
    assert plan(["-"], None, "json")[0].path is None
    with pytest.raises(UsageError):
        plan(["a.json", "a.json"], None, "json")


def test_unwritable_output_refused_before_scanning(tmp_path: Path) -> None:
    """A listener on loopback stands for a device: with a bad -o, nothing may connect to it."""
    srv = socket.socket()
    srv.bind(("127.0.0.2", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    port = srv.getsockname()[1]
    try:
        for bad in ("/", str(tmp_path / "missing" / "x.json"), str(tmp_path / ("y" * 300))):
            r = _run("scan", "127.0.0.2", "-p", str(port), "-q", "--no-discovery", "--unprivileged", "-o", str(tmp_path / "ok.json"), "-o", bad)
            assert r.returncode == ExitCode.USAGE, r.stderr
            assert r.stderr.count("\n") == 1 and r.stderr.startswith("netscan: -o: cannot write")
        r = _run("scan", "127.0.0.2", "-p", str(port), "-q", "--no-discovery", "--unprivileged", "--save-observations", "/")
        assert r.returncode == ExitCode.USAGE and "--save-observations" in r.stderr
        with pytest.raises(socket.timeout):
            srv.accept()  # nothing was scanned
        assert not (tmp_path / "ok.json").exists()
    finally:
        srv.close()


def test_finished_scan_saved_when_output_fails(tmp_path: Path) -> None:
    """The scan runs; writing its report then fails (a full disk: /dev/full): the report is saved
    elsewhere and the message says where."""
    srv = socket.socket()
    srv.bind(("127.0.0.2", 0))
    srv.listen(8)
    port = srv.getsockname()[1]
    try:
        r = _run("scan", "127.0.0.2", "-p", str(port), "-q", "--no-discovery", "--unprivileged", "-o", "/dev/full", "-o", str(tmp_path / "ok.csv"),
                 env={"XDG_STATE_HOME": str(tmp_path / "state")})
    finally:
        srv.close()
    assert r.returncode == ExitCode.ERROR, r.stderr
    msg = [ln for ln in r.stderr.strip().splitlines() if "WARNING" not in ln]
    assert len(msg) == 1 and "cannot write /dev/full" in msg[0] and "saved to" in msg[0], r.stderr
    saved = Path(msg[0].rsplit("saved to ", 1)[1])
    doc = json.loads(saved.read_text())
    assert doc["devices"][0]["ip"] == "127.0.0.2" and port in doc["devices"][0]["open_ports"]
    assert "127.0.0.2" in (tmp_path / "ok.csv").read_text()  # the other output was still written
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_interrupt_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "big.json"
    out.write_text("previous report")

    def produce(fh):  # type: ignore[no-untyped-def]
        fh.write("x" * 1_000_000)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_stream(str(out), produce)
    assert [p.name for p in tmp_path.iterdir()] == ["big.json"]
    assert out.read_text() == "previous report"


def test_interrupt_while_writing_cli(tmp_path: Path) -> None:
    """A real Ctrl-C while a large report is written: no hidden partial file stays behind."""
    import signal
    import time

    obs = json.loads(Path(ONE).read_text())
    many = []
    for i in range(3000):
        o = json.loads(json.dumps(obs))
        o["ip"] = f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"
        many.append(o)
    src = tmp_path / "many.json"
    src.write_text(json.dumps(many))
    outdir = tmp_path / "out"
    outdir.mkdir()
    for delay in (0.8, 1.2, 1.6, 2.0, 2.5):
        p = subprocess.Popen([sys.executable, "-m", "netscan", "identify", str(src), "-o", str(outdir / "r.json")],
                             stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=120)
        assert "Traceback" not in err
        assert [q.name for q in outdir.iterdir() if q.name != "r.json"] == [], list(outdir.iterdir())


def test_observations_rescued_when_analysis_fails(tmp_path: Path) -> None:
    """The scan completes; the analysis then fails (a broken signature file): the observations are
    saved and the message says where, so `netscan identify` can redo the analysis later."""
    import shutil

    from netscan.sigdb.files import DEFAULT_SIGNATURES_DIR

    sig = tmp_path / "sig"
    shutil.copytree(DEFAULT_SIGNATURES_DIR, sig)
    (sig / "fingerprints" / "zz-broken.yaml").write_text("rules: [{id: x, field: http.title, pattern: '(', examples: [{value: a}]}]\n")
    srv = socket.socket()
    srv.bind(("127.0.0.2", 0))
    srv.listen(8)
    port = srv.getsockname()[1]
    try:
        r = _run("scan", "127.0.0.2", "-p", str(port), "-q", "--no-discovery", "--unprivileged", "--signatures", str(sig),
                 "-o", str(tmp_path / "r.json"), env={"XDG_STATE_HOME": str(tmp_path / "state")})
    finally:
        srv.close()
    assert r.returncode == ExitCode.ERROR, r.stderr
    saved_line = next(ln for ln in r.stderr.splitlines() if "observations were saved to" in ln)
    saved = Path(saved_line.split("saved to ", 1)[1].split(" ")[0])
    assert saved.parent == tmp_path / "state" / "netscan"
    again = _run("identify", str(saved), "--format", "jsonl")
    assert again.returncode == 0 and '"127.0.0.2"' in again.stdout, again.stderr
