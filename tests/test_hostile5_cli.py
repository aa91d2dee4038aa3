"""Session 13 (hostile5): what a user passes to ``netscan identify`` is checked: every refusal is one
line on stderr starting with ``netscan:`` and exit 2 (docs/exit-codes.md), control and invisible
characters in a quoted path or value are written escaped, an ``-o`` that is the input file is refused
(the recorded observations or nmap XML are never replaced by the report), and ``-o /dev/stdout`` of a
pipeline writes to the pipe."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAB_XML = ROOT / "tests" / "data" / "nmap" / "lab-sV-scripts.xml"


def _run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "netscan", *args], capture_output=True, timeout=120, cwd=cwd,
                          input=stdin, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _one_line_error(r: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    err = r.stderr.decode("utf-8")
    assert r.returncode == code, (r.returncode, err)
    assert err.count("\n") == 1 and err.startswith("netscan: "), err
    assert "Traceback" not in err
    for bad in ("\x1b", "\u202e", "\x00", "\r"):
        assert bad not in err, repr(err)
    return err


@pytest.mark.parametrize("args", [
    ("identify", "--format", "xml", "obs.json"),
    ("identify", "--from", "pcap", "obs.json"),
    ("identify",),
    ("identify", "obs.json", "--bogus"),
    ("identify", "obs.json", "--fail-on", "urgent"),
    ("identify", "obs.json", "--sort", "\x1b[2J"),
    ("bogus-command",),
])
def test_argument_errors_are_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "obs.json").write_text('{"ip": "10.0.0.1", "responses": []}')
    err = _one_line_error(_run(*args, cwd=tmp_path))
    assert "--help" in err and "usage:" not in err


@pytest.mark.parametrize("name", ["a\nb.json", "evil\x1b[31m\u202e.json", "tab\there.json"])
def test_a_path_with_control_characters_is_quoted_escaped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x00binary")
    err = _one_line_error(_run("identify", name, cwd=tmp_path))
    assert "NUL byte" in err
    err = _one_line_error(_run("identify", "--from", "nmap-xml", name, cwd=tmp_path))
    assert "not nmap XML" in err
    err = _one_line_error(_run("identify", "missing-" + name, cwd=tmp_path))
    assert "no such file" in err


@pytest.mark.parametrize("args", [
    ("--from", "nmap-xml", "{dir}"), ("--from", "nmap-xml", "/dev/null"), ("--from", "nmap-xml", "{bin}"),
    ("--from", "nmap-xml", "{dir}/missing.xml"), ("{dir}",), ("/dev/null",), ("{bin}",),
    ("--from", "nmap-xml", "{html}"), ("--now", "yesterday", "{obs}"), ("--signatures", "/dev/null", "{obs}"),
    ("{obs}", "-o", "{dir}"), ("{obs}", "-o", ""), ("{obs}", "-o", "{dir}/no/such/dir/r.json"),
])
def test_unusable_inputs_and_outputs_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "page.html").write_text("<html><body>not nmap</body></html>")
    (tmp_path / "obs.json").write_text('{"ip": "10.0.0.1", "responses": []}')
    subs = {"dir": str(tmp_path), "bin": str(tmp_path / "bin.dat"), "html": str(tmp_path / "page.html"),
            "obs": str(tmp_path / "obs.json")}
    _one_line_error(_run("identify", *(a.format(**subs) for a in args), cwd=tmp_path))


def test_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    xml = tmp_path / "scan.xml"
    xml.write_bytes(LAB_XML.read_bytes())
    (tmp_path / "link.xml").symlink_to(xml)
    os.link(xml, tmp_path / "hard.xml")
    for inp, out in (("scan.xml", "scan.xml"), ("link.xml", "scan.xml"), ("scan.xml", "hard.xml")):
        err = _one_line_error(_run("identify", "--from", "nmap-xml", inp, "-o", "r.html", "-o", out, cwd=tmp_path))
        assert "is the input file" in err
        assert xml.read_bytes() == LAB_XML.read_bytes()  # nothing stored is lost
        assert not (tmp_path / "r.html").exists()  # refused before anything is written
    obs = tmp_path / "obs.json"
    obs.write_text('{"ip": "10.0.0.1", "responses": [{"protocol": "http", "port": 80, "raw": "HTTP/1.1 200 OK"}]}')
    before = obs.read_bytes()
    _one_line_error(_run("identify", "obs.json", "-o", "obs.json", cwd=tmp_path))
    assert obs.read_bytes() == before
    # stdin redirected from the file (< scan.xml) is the file: -o /dev/stdin or its name would replace it
    for out in ("/dev/stdin", "/dev/fd/0", "scan.xml"):
        with open(xml, "rb") as fh:
            r = subprocess.run([sys.executable, "-m", "netscan", "identify", "--from", "nmap-xml", "-", "-o", out], stdin=fh,
                               capture_output=True, timeout=120, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert "is the input file (stdin)" in _one_line_error(r)
        assert xml.read_bytes() == LAB_XML.read_bytes()
    # a device node as both is read and written in place, as the shell would
    r = _run("identify", "-", "-o", "/dev/null", cwd=tmp_path, stdin=before)
    assert r.returncode == 0, r.stderr
    assert Path("/dev/null").exists() and not Path("/dev/null").is_file()


def test_dev_stdout_of_a_pipeline_is_the_pipe(tmp_path: Path) -> None:
    # /dev/stdout -> /proc/self/fd/1 -> "pipe:[N]", which is no file name: the pipe is written
    for target in ("/dev/stdout", "/dev/fd/1"):
        r = _run("identify", "--from", "nmap-xml", str(LAB_XML), "-o", target, "--format", "csv", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith(b"ip,mac,vendor") and b"10.213.3.22" in r.stdout
    assert Path("/dev/stdout").is_symlink()  # never replaced


def test_nmap_xml_from_stdin_and_fifo(tmp_path: Path) -> None:
    data = LAB_XML.read_bytes()
    r = _run("identify", "--from", "nmap-xml", "-", "--format", "jsonl", cwd=tmp_path, stdin=data)
    assert r.returncode == 0 and r.stdout.count(b"\n") == 19, r.stderr  # the scan line, then 18 devices
    fifo = tmp_path / "scan.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "netscan", "identify", "--from", "nmap-xml", str(fifo), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        with open(fifo, "wb") as fh:
            fh.write(data)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0 and out.count(b"\n") == 19, err
    r = _run("identify", "--from", "nmap-xml", "-", cwd=tmp_path, stdin=b"<html/>")
    assert "expected <nmaprun>" in _one_line_error(r)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root (CI runs as root)")
@pytest.mark.parametrize(("kind", "dev", "why"), [
    (stat.S_IFBLK, (7, 250), "block device"),  # a loop device node: a disk
    (stat.S_IFCHR, (1, 1), "kernel memory device"),  # /dev/mem
    (stat.S_IFCHR, (1, 11), "kernel memory device"),  # /dev/kmsg
])
def test_a_disk_or_kernel_memory_node_is_never_written(tmp_path: Path, kind: int, dev: tuple[int, int], why: str) -> None:
    node = tmp_path / "node"
    os.mknod(node, kind | 0o600, os.makedev(*dev))
    (tmp_path / "obs.json").write_text('{"ip": "10.0.0.1", "responses": []}')
    err = _one_line_error(_run("identify", "obs.json", "-o", str(node), cwd=tmp_path))
    assert why in err
    from netscan.cli.outfile import write_text

    with pytest.raises(PermissionError):
        write_text(str(node), "report")  # a node that appeared after the check
    assert stat.S_ISBLK(node.stat().st_mode) or stat.S_ISCHR(node.stat().st_mode)


def test_no_file_is_created_under_dev(tmp_path: Path) -> None:
    (tmp_path / "obs.json").write_text('{"ip": "10.0.0.1", "responses": []}')
    for absent in ("/dev/h5-no-such-disk", "/dev/pts/h5-no-such-terminal"):
        err = _one_line_error(_run("identify", "obs.json", "-o", absent, cwd=tmp_path))
        assert "no such device" in err and not os.path.lexists(absent)
    from netscan.cli.outfile import write_text

    with pytest.raises(OSError):
        write_text("/dev/h5-no-such-disk", "report")
    assert not os.path.lexists("/dev/h5-no-such-disk")
    # /dev/shm is a file system for files
    out = f"/dev/shm/h5-report-{os.getpid()}.json"
    try:
        r = _run("identify", "obs.json", "-o", out, cwd=tmp_path)
        assert r.returncode == 0 and Path(out).read_text().startswith("{")
    finally:
        if os.path.lexists(out):
            os.unlink(out)


def test_saved_observations_and_a_report_may_not_share_a_file(tmp_path: Path) -> None:
    # checked before a scan sends anything (plan_outputs); here called directly: no scan is run
    import argparse

    from netscan.cli.run_output import plan_outputs
    from netscan.errors import UsageError

    (tmp_path / "link.json").symlink_to(tmp_path / "a.json")
    for out, saved in (("a.json", "a.json"), ("link.json", "a.json")):
        args = argparse.Namespace(output=[str(tmp_path / out), str(tmp_path / "r.html")], format=None,
                                  save_observations=str(tmp_path / saved))
        with pytest.raises(UsageError, match="also an -o report file"):
            plan_outputs(args, default="table")
    ok = argparse.Namespace(output=[str(tmp_path / "r.json")], format=None, save_observations=str(tmp_path / "obs.json"))
    assert [o.fmt for o in plan_outputs(ok, default="table")] == ["json"]
