"""Every ``netscan ...`` command line shown in README.md and docs/*.md parses with the real argument
parser, and the safe offline ones (``--version``, ``signatures check``, ``identify`` on a file that
ships, ``completion``, ``man``) run and succeed. A failure names the file, the line and the command.

Command lines are taken from fenced code blocks (every line; shell operators, comments and ``sudo``
are understood, so ``sudo netscan scan ... || [ $? -eq 4 ]`` checks the netscan part) and from
inline code spans that start with ``netscan`` (a span naming only a sub-command, such as
`netscan identify` in a sentence, is a mention, not a command line).
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_OPERATORS = {"&&", "||", "|", ";", "&", "(", ")", "<", ">", ">>", "<<", "2>", "|&", ";;"}
#: Words that may stand before the netscan command in a segment.
_PREFIX_WORDS = {"sudo", "exec", "time", "nice", "env", "command", "then", "do", "!", "-E"}


@dataclass(frozen=True)
class Command:
    file: str
    line: int
    text: str
    argv: tuple[str, ...]

    def where(self) -> str:
        return f"{self.file}:{self.line}: `{self.text.strip()}`"


def _segments(text: str) -> list[list[str]]:
    lex = shlex.shlex(text, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    lex.commenters = "#"
    segs: list[list[str]] = [[]]
    for tok in lex:
        if tok in _OPERATORS or set(tok) <= set("&|;()<>"):
            segs.append([])
        else:
            segs[-1].append(tok)
    return [s for s in segs if s]


def _netscan_argv(seg: list[str]) -> tuple[str, ...] | None:
    """The netscan arguments of a shell segment, or None when it does not run netscan."""
    for i, tok in enumerate(seg):
        word = tok.split("=", 1)[1] if re.match(r"^Exec[A-Za-z]*=", tok) else tok  # systemd ExecStart=...
        if word.rsplit("/", 1)[-1] == "netscan" and i + 1 < len(seg):
            before = [t for t in seg[:i] if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", t)]
            # a netscan command stands first, after sudo & co, or after a cron schedule and user
            cron = len(before) >= 6 and all(re.fullmatch(r"[\d*/,\-@a-z]+", t) for t in before[:5])
            if all(t in _PREFIX_WORDS for t in before) or cron or tok.startswith("Exec"):
                return tuple(seg[i + 1:])
    return None


def extract(path: Path) -> list[Command]:
    """Every netscan command line shown in a Markdown file."""
    rel = str(path.relative_to(ROOT))
    out: list[Command] = []
    fenced = False
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            if "netscan" not in line or line.rstrip().endswith("\\"):
                continue
            text = re.sub(r"^\s*\$\s+", "", line)
            try:
                segs = _segments(text)
            except ValueError as exc:
                out.append(Command(rel, n, line, ("<unparseable>", str(exc))))
                continue
            for seg in segs:
                argv = _netscan_argv(seg)
                if argv is not None:
                    out.append(Command(rel, n, line, argv))
            continue
        for span in re.findall(r"`((?:sudo )?netscan [^`]+)`", line):
            words = span.split()
            words = words[1:] if words[0] == "sudo" else words
            if len(words) == 2 and not words[1].startswith("-"):
                continue  # "`netscan identify`": a mention of the sub-command
            argv = _netscan_argv(_segments(span)[0])
            if argv is not None:
                out.append(Command(rel, n, span, argv))
    return out


def all_commands() -> list[Command]:
    return [c for doc in DOCS for c in extract(doc)]


def parse_error(argv: tuple[str, ...]) -> str | None:
    """None when the real parser accepts ``argv``, else its message."""
    from netscan.cli import build_parser

    if argv and argv[0] == "<unparseable>":
        return f"not a shell command line: {argv[1]}"
    if any(t.startswith("[") and len(t) > 1 for t in argv):
        return None  # a usage synopsis ("netscan report [--site S] ..."), not a command line
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(list(argv))
    except SystemExit as exc:
        if exc.code not in (0, None):
            msg = err.getvalue().strip().splitlines()[-1] if err.getvalue().strip() else f"exit {exc.code}"
            m = re.search(r"invalid choice: '([^']*)'", msg)
            if m and re.fullmatch(r"[A-Z][A-Z0-9_]*|…", m.group(1)):
                return None  # a placeholder such as "--format F"
            return msg
    return None


def test_the_extractor_understands_shell() -> None:
    seg = _segments('30 2 * * * root sudo netscan scan -q --fail-on high 10.0.0.0/24 > out.json || [ $? -eq 4 ]  # x')
    assert [_netscan_argv(s) for s in seg][0] == ("scan", "-q", "--fail-on", "high", "10.0.0.0/24")
    assert _netscan_argv(_segments("cd /opt/netscan && ls")[0]) is None
    assert _netscan_argv(_segments("ExecStart=/usr/local/bin/netscan scan 10.0.0.0/24")[0]) == ("scan", "10.0.0.0/24")
    assert parse_error(("scan", "--no-such-option")) is not None
    assert parse_error(("scan", "--format", "json", "10.0.0.0/24")) is None


def test_docs_show_commands() -> None:
    cmds = all_commands()
    assert len(cmds) >= 15, [c.where() for c in cmds]
    assert {"README.md", "docs/scheduling.md", "docs/scanning.md"} <= {c.file for c in cmds}


def test_every_documented_command_line_parses() -> None:
    bad = [f"{c.where()}: {err}" for c in all_commands() if (err := parse_error(c.argv)) is not None]
    assert not bad, "documented command lines the parser rejects:\n" + "\n".join(bad)


def test_no_venv_paths_or_missing_sudo_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/netscan" not in text.replace("ln -s", "").split("Everyday use", 1)[-1]
    assert "](docs/" not in text and "](./" not in text  # the README is also the package description


def _safe(c: Command) -> bool:
    a = c.argv
    if a[:1] in (("--version",), ("completion",), ("man",)) or a[:2] == ("signatures", "check"):
        return True
    if a[:1] == ("identify",):
        files = [x for x in a[1:] if not x.startswith("-") and x.endswith(".json")]
        return bool(files) and all((ROOT / f).is_file() for f in files) and "-o" not in a and "--output" not in a
    return False


def test_safe_offline_commands_run() -> None:
    safe = [c for c in all_commands() if _safe(c)]
    assert any(c.argv[:1] == ("identify",) for c in safe), "the docs should show identify on a file that ships"
    assert any(c.argv[:2] == ("signatures", "check") for c in safe)
    failed = []
    done: set[tuple[str, ...]] = set()
    for c in safe:
        if c.argv in done:
            continue
        done.add(c.argv)
        r = subprocess.run([sys.executable, "-m", "netscan", *c.argv], capture_output=True, text=True, timeout=300,
                           cwd=ROOT, stdin=subprocess.DEVNULL)
        if c.argv[:2] == ("signatures", "check") and r.returncode == 1:
            problems = r.stdout.strip().splitlines()[:-1]
            if problems and all("pattern takes" in p for p in problems):
                continue  # only the regex timing budget, which a loaded machine can miss: the command ran
        if r.returncode not in (0, 4):
            failed.append(f"{c.where()}: exit {r.returncode}: {(r.stderr.strip() or r.stdout.strip())[-300:]}")
    assert not failed, "documented commands that fail:\n" + "\n".join(failed)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_no_planned_features(doc: Path) -> None:
    # "planned" as a promise ("planned", "is planned"), not the planner's "re-planned"
    assert not re.search(r"(?<![-\w])planned\b", doc.read_text(encoding="utf-8"), re.I), f"{doc.name} says 'planned'"


def _nightly_script() -> str:
    text = (ROOT / "docs" / "scheduling.md").read_text(encoding="utf-8")
    m = re.search(r"```sh\n(#!/bin/sh\n# Nightly.*?)```", text, re.S)
    assert m, "docs/scheduling.md: the nightly script is missing"
    return m.group(1)


@pytest.mark.parametrize("status,mails", [(0, []), (4, ["netscan: high findings"]), (1, ["netscan: scan failed"]),
                                          (5, ["netscan: scan failed"])])
def test_the_cron_recipe_mails_on_findings_and_on_errors_only(tmp_path: Path, status: int, mails: list[str]) -> None:
    """Run the documented script with stand-ins for netscan and mail on its PATH: it must mail on
    findings (exit 4) and on errors, and stay silent after a clean night."""
    import os

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "mail.log"
    (bin_dir / "netscan").write_text(f"#!/bin/sh\necho '{{}}' > /dev/null\nexit {status}\n")
    (bin_dir / "mail").write_text(f'#!/bin/sh\nprintf "%s\\n" "$2" >> {log}\ncat > /dev/null\n')
    (bin_dir / "date").write_text("#!/bin/sh\necho 2026-12-06\n")
    for f in bin_dir.iterdir():
        f.chmod(0o755)
    script = _nightly_script().replace("PATH=/usr/local/bin:/usr/bin:/bin", f"PATH={bin_dir}:/usr/bin:/bin")
    script = script.replace("/var/lib/netscan/", f"{tmp_path}/")
    (tmp_path / "scan-2026-12-06.json").write_text("{}")
    r = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True, timeout=30,
                       env={k: v for k, v in os.environ.items() if k != "PATH"} | {"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    got = log.read_text().splitlines() if log.exists() else []
    assert got == mails
