"""Session 13 (hostile5): nmap XML is read one ``<host>`` at a time (a large file never becomes one
element tree: ElementTree spends about 30 bytes per byte of markup), with its nesting, tag length and
per-host size capped; the answers are those of the whole-tree reading."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netscan import nmapxml
from netscan.errors import UsageError
from netscan.nmapxml import _host, parse_nmap_xml

LAB_XML = Path(__file__).resolve().parent / "data" / "nmap" / "lab-sV-scripts.xml"
HOST = ('<host><status state="up"/><address addr="10.0.0.{i}" addrtype="ipv4"/><ports><port protocol="tcp" portid="80">'
        '<state state="open"/><service name="http" product="Hikvision IP camera httpd"/></port></ports></host>')


def _tree(text: str | bytes, where: str = "nmap-xml") -> list[object]:
    """The whole-tree reading (netscan before session 13)."""
    root = DET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    if root.tag != "nmaprun":
        raise ValueError(root.tag)
    out = [_host(h, f"{where}#host{i}") for i, h in enumerate(root.findall("host"))]
    return [o for o in out if o is not None]


def test_lab_file_reads_as_the_whole_tree_did() -> None:
    data = LAB_XML.read_bytes()
    assert parse_nmap_xml(data, "x") == _tree(data, "x")
    assert parse_nmap_xml(data.decode("utf-8"), "x") == _tree(data.decode("utf-8"), "x")
    assert len(parse_nmap_xml(data)) == 18


PIECES = ['<nmaprun>', '</nmaprun>', '<host>', '</host>', '<address addr="10.0.0.1" addrtype="ipv4"/>',
          '<address addr="AA:BB:CC:00:11:22" addrtype="mac"/>', '<ports>', '</ports>', '<port protocol="tcp" portid="80">',
          '<port portid="x">', '</port>', '<state state="open"/>', '<status state="down"/>',
          '<service name="http" servicefp="SF-Port80-TCP:%r(GetRequest,1,&quot;HTTP/1.1\\x20200&quot;)" product="Hik"/>',
          '<script id="http-title" output="t"><elem key="title">x</elem></script>', '<hostscript>', '</hostscript>',
          '<script id="banner" output="b"/>', '<cpe>cpe:/h:x</cpe>', 'text', '&amp;', '<!-- c -->', '<?pi x?>', '<x><host>', '</x>']


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_same_answers_as_the_whole_tree_on_generated_documents(text: str) -> None:
    try:
        want: object = _tree(text)
    except Exception:  # noqa: BLE001 - malformed or not nmap XML: refused either way
        want = UsageError
    try:
        got: object = parse_nmap_xml(text)
    except UsageError:
        got = UsageError
    assert got == want, text


def test_deep_nesting_is_refused_at_once() -> None:
    text = "<nmaprun>" + "<a>" * 100_000 + "</a>" * 100_000 + "</nmaprun>"
    with pytest.raises(UsageError, match="nested too deeply"):
        parse_nmap_xml(text)
    # nmap's own depth (script tables in tables) is far below the cap
    nested = "<table>" * 20 + "<elem>x</elem>" + "</table>" * 20
    ok = HOST.format(i=1).replace("</port>", f'<script id="x" output="y">{nested}</script></port>')
    assert len(parse_nmap_xml(f"<nmaprun>{ok}</nmaprun>")) == 1


def test_wrong_root_is_refused_before_the_rest_is_read() -> None:
    with pytest.raises(UsageError, match=r"root element <html>, expected <nmaprun>"):
        parse_nmap_xml("<html>" + "<p>x</p>" * 1000 + "<unclosed>")  # refused at the first tag, not at the end


def test_a_tag_of_megabytes_is_refused() -> None:
    attrs = " ".join(f'a{i}="x"' for i in range(nmapxml.MAX_TAG_BYTES // 8 + 10))
    with pytest.raises(UsageError, match="without a '>'"):
        parse_nmap_xml(f"<nmaprun><host {attrs}/></nmaprun>")
    long_value = "<nmaprun>" + HOST.format(i=1).replace('product="', 'product="' + "x" * (nmapxml.MAX_TAG_BYTES - 1000)) + "</nmaprun>"
    assert len(parse_nmap_xml(long_value)) == 1  # a long value under the cap is read


def test_an_overlong_host_keeps_its_first_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nmapxml, "MAX_HOST_COST", 5000)
    flood = "".join(f'<port protocol="tcp" portid="{p}"><state state="open"/><service name="x"/></port>' for p in range(1000, 1300))
    text = "<nmaprun>" + HOST.format(i=1).replace("</ports>", flood + "</ports>") + HOST.format(i=2) + "</nmaprun>"
    first, second = parse_nmap_xml(text)
    assert first.ip == "10.0.0.1" and 80 in first.open_ports and len(first.open_ports) < 50
    assert second.ip == "10.0.0.2" and second.open_ports == (80,)  # the next host is read whole


def test_many_hosts_each_read() -> None:
    text = "<nmaprun>" + "".join(HOST.format(i=i % 250) for i in range(5000)) + "</nmaprun>"
    obs = parse_nmap_xml(text.encode())
    assert len(obs) == 5000 and obs[4999].meta["source"] == "nmap-xml#host4999"


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><nmaprun>&b;</nmaprun>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><nmaprun><host>&x;</host></nmaprun>',
])
def test_entities_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="XML refused"):
        parse_nmap_xml(text)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_stream_that_is_no_xml_is_refused_at_its_first_bytes(device: str) -> None:
    # read as it is parsed: neither device is read to the 256 MiB cap first
    with open(device, "rb") as fh:
        # random bytes fail at a random early position and in more than one way (a first byte of '<' reads on): only the
        # refusal and how little was read are fixed
        with pytest.raises(UsageError, match=r"not nmap XML"):
            nmapxml.read_nmap_xml(fh, device)
        assert fh.tell() <= nmapxml._FEED


def test_a_stream_is_capped_while_it_is_read() -> None:
    import io

    data = ("<nmaprun>" + HOST.format(i=1) * 50 + "</nmaprun>").encode()
    assert len(nmapxml.read_nmap_xml(io.BytesIO(data), "s")) == 50
    with pytest.raises(UsageError, match="input too large"):
        nmapxml.read_nmap_xml(io.BytesIO(data), "s", limit=len(data) - 1)

    class Failing(io.RawIOBase):
        def readinto(self, b: object) -> int:
            raise OSError(5, "Input/output error")

    with pytest.raises(UsageError, match="cannot read: Input/output error"):
        nmapxml.read_nmap_xml(Failing(), "s")  # type: ignore[arg-type]


def test_stream_and_text_readings_agree() -> None:
    import io

    data = LAB_XML.read_bytes()
    assert nmapxml.read_nmap_xml(io.BytesIO(data), "x") == parse_nmap_xml(data, "x")
    assert [o.ip for o in nmapxml.load_nmap_xml(LAB_XML)] == [o.ip for o in parse_nmap_xml(data)]
