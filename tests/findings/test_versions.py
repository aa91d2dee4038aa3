"""Version schemes: real firmware strings parse, order correctly, and anything else is unknown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.sigdb.versions import SCHEMES, compare, parse


@pytest.mark.parametrize(
    ("scheme", "older", "newer"),
    [
        ("hikvision", "V5.4.0 build 160401", "V5.4.0 build 160530"),
        ("hikvision", "V5.4.5 build 160928", "V5.4.5 build 170123"),
        ("hikvision", "V5.5.82build 190220", "V5.5.800 build 210628"),
        ("hikvision", "V4.30.085 build 200916", "V5.2.0 build 140721"),
        ("dahua", "2.800.0000000.16.R.201102", "2.800.0000000.29.R.210630"),
        ("dahua", "V2.800.0000000.5.R, Build Date: 2021-02-08", "2.800.0000000.29.R.210630"),
        ("dahua", "2.622.0000000.31.R", "2.800.0000000.5.R"),
        ("dahua", "V2.622.00AC000.0.R, Build Date: 2019-07-10", "V2.622.00AC000.0.R.20200320"),
        ("axis", "8.40.1", "10.12.114"),
        ("axis", "6.50.2", "6.50.2.3"),
        ("axis", "1.81.040", "1.81.040.1"),
        ("uniview", "B6103.16.10.B25.201218", "B6103.16.10.B25.220126"),
        ("xiongmai", "V5.00.R02.00030678.10010.346332.0000000", "V5.00.R03.00030678.10010.346332.0000000"),
        ("dotted", "v3.0.0.136_20121102", "v3.0.0.494_21073000"),
        ("dotted", "1.41.01", "2.10.02"),
    ],
)
def test_orders_real_versions(scheme: str, older: str, newer: str) -> None:
    a, b = parse(scheme, older), parse(scheme, newer)
    assert a is not None and b is not None
    assert compare(a, b) == -1
    assert compare(b, a) == 1
    assert compare(a, a) == 0


@pytest.mark.parametrize(
    ("scheme", "text"),
    [
        ("hikvision", "build 170123"),
        ("hikvision", "V5"),
        ("hikvision", "Hikvision"),
        ("dahua", "V2.800"),
        ("dahua", "2.800.0000000"),
        ("axis", "9"),
        ("axis", "LFP5.4"),
        ("uniview", "6103.16.10"),
        ("xiongmai", "V5.00"),
        ("dotted", "FullImg-1023-1007-1011-1009"),
        ("dotted", ""),
        ("dotted", "1." + "1" * 500),
        ("nosuchscheme", "1.2.3"),
    ],
)
def test_unparseable_is_unknown(scheme: str, text: str) -> None:
    assert parse(scheme, text) is None


def test_missing_build_is_undecidable_not_equal() -> None:
    # The same release seen without its build date cannot be placed against a build-dated bound.
    a, b = parse("hikvision", "V5.4.0"), parse("hikvision", "V5.4.0 build 160530")
    assert a is not None and b is not None
    assert compare(a, b) is None


def test_different_families_do_not_compare() -> None:
    # Two Uniview platforms, an Amcrest OEM build against a stock Dahua build.
    assert compare(parse("uniview", "B6103.16.10.B25.201218"), parse("uniview", "B5030.16.10.B25.201218")) is None  # type: ignore[arg-type]
    assert compare(parse("dahua", "2.622.00AC000.0.R"), parse("dahua", "2.622.0000000.0.R")) is None  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(scheme=st.sampled_from(sorted(SCHEMES)), text=st.text(max_size=300))
def test_parse_never_raises(scheme: str, text: str) -> None:
    v = parse(scheme, text)
    assert v is None or (v.scheme == scheme and len(v.text) <= 128)


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(st.integers(0, 999), min_size=2, max_size=4),
    b=st.lists(st.integers(0, 999), min_size=2, max_size=4),
)
def test_dotted_compare_is_antisymmetric(a: list[int], b: list[int]) -> None:
    va, vb = parse("dotted", ".".join(map(str, a))), parse("dotted", ".".join(map(str, b)))
    assert va is not None and vb is not None
    c1, c2 = compare(va, vb), compare(vb, va)
    assert c1 is not None and c2 == -c1
