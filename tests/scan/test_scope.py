"""The scope guard and target parsing (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netscan.errors import ScopeError, UsageError
from netscan.scope import allowed_without_flag, in_scope, parse_scope_text, parse_target, resolve_targets


def addrs(*targets: str, **kw: object) -> list[str]:
    return list(resolve_targets(targets, **kw).addresses())  # type: ignore[arg-type]


def test_cidr_range_and_single() -> None:
    assert addrs("192.168.1.0/30") == ["192.168.1.1", "192.168.1.2"]
    assert addrs("10.0.0.10-12") == ["10.0.0.10", "10.0.0.11", "10.0.0.12"]
    assert addrs("10.0.0.250-10.0.1.1")[-1] == "10.0.1.1"
    assert addrs("172.16.5.5") == ["172.16.5.5"]
    assert addrs("10.0.0.1", "10.0.0.0/30", "10.0.0.2") == ["10.0.0.1", "10.0.0.2"]  # merged, no duplicates
    assert resolve_targets(["10.1.0.0/24"]).size == 254


def test_public_refused_unless_allowed() -> None:
    with pytest.raises(ScopeError, match="--allow-public"):
        resolve_targets(["8.8.8.8"])
    with pytest.raises(ScopeError):
        resolve_targets(["192.168.1.0/24", "11.0.0.0/30"])
    with pytest.raises(ScopeError):  # 172.32 is outside 172.16/12
        resolve_targets(["172.31.255.254-172.32.0.1"])
    assert addrs("8.8.8.8", allow_public=True) == ["8.8.8.8"]


def test_link_local_ula_loopback_allowed() -> None:
    assert addrs("169.254.1.1") == ["169.254.1.1"]
    assert addrs("fd00::1") == ["fd00::1"]
    assert addrs("fe80::1") == ["fe80::1"]
    assert addrs("127.0.0.1") == ["127.0.0.1"]
    assert not allowed_without_flag("2001:db8::1") and not allowed_without_flag("1.1.1.1")


def test_scope_file_narrows_targets() -> None:
    scope = parse_scope_text("# mine\n10.0.0.0/30\n\n10.0.0.8/31  # lab\n")
    ts = resolve_targets(["10.0.0.0/24"], scope=scope)
    assert list(ts.addresses()) == ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.8", "10.0.0.9"]
    assert ts.dropped == 254 - 5
    with pytest.raises(ScopeError, match="scope file"):
        resolve_targets(["10.9.0.0/24"], scope=scope)
    assert in_scope("10.0.0.9", scope, False) and not in_scope("10.0.0.10", scope, False)
    # A scope file does not make public space scannable without the flag.
    with pytest.raises(ScopeError):
        resolve_targets(["8.8.8.8"], scope=parse_scope_text("8.8.8.0/24"))


def test_bad_input_is_a_usage_error() -> None:
    for bad in ("camera.local", "10.0.0.5-3", "10.0.0.0/33", "10.0.0.1-300", ""):
        with pytest.raises(UsageError):
            resolve_targets([bad]) if bad else parse_target(bad)
    with pytest.raises(UsageError, match="narrow"):
        resolve_targets(["10.0.0.0/8"])
    with pytest.raises(UsageError):
        parse_scope_text("not-a-cidr\n")


@given(st.ip_addresses(v=4))
def test_guard_agrees_with_membership(ip: object) -> None:
    text = str(ip)
    try:
        got = addrs(text)
        assert got == [text] and allowed_without_flag(text)
    except ScopeError:
        assert not allowed_without_flag(text)
