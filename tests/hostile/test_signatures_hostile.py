"""`netscan signatures check` and the signature loader against hostile signature files: patterns that
backtrack catastrophically, YAML alias bombs, wrong types, bytes that are not UTF-8. Each is named
by file and rule, in one line; nothing hangs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netscan.errors import SignatureError
from netscan.sigdb import load_db
from netscan.sigdb.db import DEFAULT_SIGNATURES_DIR
from netscan.sigdb.regexsafe import nested_quantifier, time_patterns
from netscan.sigdb.yamlsafe import load_yaml_text

ONE = str(Path(__file__).resolve().parent.parent / "corpus" / "dahua" / "ipc-hdw5421s_dhip.json")

RULE = """rules:
  - id: hostile-test-rule
    description: test
    field: {field}
    pattern: '{pattern}'
    set: {{device_type: camera}}
{extra}    examples:
      - value: 'aaab'
        expect: {{device_type: camera}}
"""


def _sigdir(tmp_path: Path, text: str | bytes, name: str = "zz-hostile.yaml") -> Path:
    d = tmp_path / "sig"
    shutil.copytree(DEFAULT_SIGNATURES_DIR, d, symlinks=False)
    p = d / "fingerprints" / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return d


def _check(d: Path, *cmd: str) -> subprocess.CompletedProcess[str]:
    args = list(cmd) or ["signatures", "check"]
    return subprocess.run([sys.executable, "-m", "netscan", *args, "--signatures", str(d)], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"^(\w*\s?)*$", r"(a|aa)*b", r"^(?:x|y+){2,}$"])
def test_nested_quantifiers_refused(tmp_path: Path, pattern: str) -> None:
    assert nested_quantifier(pattern)
    d = _sigdir(tmp_path, RULE.format(field="http.title", pattern=pattern, extra=""))
    for cmd in (["signatures", "check"], ["identify", ONE]):
        r = _check(d, *cmd)  # refused before any matching: a catastrophic pattern would hang, and fail on the timeout
        out = r.stdout + r.stderr
        assert r.returncode == 1 and "Traceback" not in out, out
        assert "zz-hostile.yaml: rule 'hostile-test-rule'" in out and "backtrack" in out


def test_safe_repeats_accepted() -> None:
    for p in (r"^(?P<firmware>\d+(?:\.\d+){1,3})$", r"(a|b)*c", r"(\.\d+)*", r"(?>a+)+", r"(a++)+", r"[\w-]+( [\w-]+)*"):
        assert not nested_quantifier(p), p
    db = load_db()
    assert not [r.id for r in db.rules if nested_quantifier(r.pattern.pattern, r.pattern.flags & ~re.UNICODE)]


def test_slow_pattern_timed_and_reported(tmp_path: Path) -> None:
    """Not nested, but polynomial on a 64 KiB body: found by timing, reported, killed in bounded time."""
    problems = time_patterns([("x.yaml: rule 'slow'", re.compile(r"a*a*a*b"), 65536),
                              ("x.yaml: rule 'fine'", re.compile(r"^Server: (\S+)"), 65536)])
    assert len(problems) == 1 and problems[0].startswith("x.yaml: rule 'slow'"), problems  # it returned: killed


def test_shipped_patterns_within_budget() -> None:
    r = subprocess.run([sys.executable, "-m", "netscan", "signatures", "check"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "all checks passed" in r.stdout


def test_yaml_alias_bomb_refused_fast(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)) + "rules: *u\n"
    with pytest.raises(SignatureError, match="aliases are not allowed"):  # refused, never expanded
        load_yaml_text(bomb, "bomb.yaml")
    d = _sigdir(tmp_path, bomb)
    r = _check(d)
    assert r.returncode == 1 and "zz-hostile.yaml: YAML aliases are not allowed" in r.stdout + r.stderr, r.stdout + r.stderr


@pytest.mark.parametrize(("extra", "needle"), [
    ("    weight: high\n", "'weight' must be a number"),
    ("    weight: [1]\n", "'weight' must be a number"),
    ("    preference: {a: 1}\n", "'preference' must be a number"),
    ("    preference: .nan\n", "'preference' must be a finite number"),
    ("    weight: true\n", "'weight' must be a number"),
])
def test_wrong_types_named(tmp_path: Path, extra: str, needle: str) -> None:
    d = _sigdir(tmp_path, RULE.format(field="http.title", pattern="^x", extra=extra))
    r = _check(d)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "Traceback" not in out and "internal error" not in out, out
    lines = [ln for ln in out.splitlines() if "zz-hostile.yaml: rule 'hostile-test-rule'" in ln]
    assert len(lines) == 1 and needle in lines[0], out


def test_non_utf8_yaml_named(tmp_path: Path) -> None:
    text = RULE.format(field="http.title", pattern="^x", extra="").encode().replace(b"description: test", b"description: t\xffst")
    d = _sigdir(tmp_path, text)
    r = _check(d)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "internal error" not in out, out
    assert "zz-hostile.yaml: not UTF-8 (byte 0xff at offset" in out


def test_missing_signature_dir_is_usage(tmp_path: Path) -> None:
    r = _check(tmp_path / "missing")
    assert r.returncode == 2 and r.stderr.strip().splitlines() == [f"netscan: --signatures: {tmp_path / 'missing'}: no such directory"]
