"""SNMP values as MIB browsers and SNMP libraries print them (netscan/parsers/snmpprint.py): iReasoning's
``Name/OID: ...; Value (Type): ...`` rows, ``OID = "value" [ASN_TYPE]`` lines, MIB-browser table rows.
Real examples are quoted from public issue threads and scripts (cited); one synthetic variant each."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.snmpprint import snmp_value_lines
from netscan.sigdb import load_db


def _f(raw: str) -> dict[str, list[str]]:
    return fields(Response("snmp", raw, 161, "snmpwalk"))


#: https://github.com/HeinleinSupport/check_mk_extensions/issues/138 (the reporter's listing, first lines)
ASN_LINES = """1.3.6.1.4.1.39165.1.1.0 = "TV-IP1319PI" [ASN_OCTET_STR]
1.3.6.1.4.1.39165.1.2.0 = "0" [ASN_OCTET_STR]
1.3.6.1.4.1.39165.1.3.0 = "V5.5.3 build 200714" [ASN_OCTET_STR]
1.3.6.1.4.1.39165.1.6.0 = "IPcamera" [ASN_OCTET_STR]
1.3.6.1.4.1.39165.1.12.0 = "0" [ASN_INTEGER]
"""

#: https://github.com/centreon/centreon-plugins/issues/1736 (the description's OID lines)
ROWS = """.1.3.6.1.4.1.39165.1.7.0\tcpuPercent.0\t= '62 PERCENT'  OctetString\t
.1.3.6.1.4.1.39165.1.8.0\tdiskSize.0\t       = '117.8 GB'  OctetString
"""

#: https://github.com/fusioninventory/sysobject.ids/issues/63 (issue description)
IREASONING = "Name/OID: .1.3.6.1.4.1.714.1.2.6.2.1.0; Value (OctetString): 651A4C6JV72"


def test_asn_type_lines_read_as_a_walk() -> None:
    f = _f(ASN_LINES)
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.1"] == ["TV-IP1319PI"]
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.3"] == ["V5.5.3 build 200714"]
    assert "39165.1" in f["snmp.subtree"]


def test_asn_lines_identify_model_firmware_and_class() -> None:
    d = identify(Observation(None, None, (Response("snmp", ASN_LINES, 161, "snmpwalk"),)), load_db())
    assert d.model == "TV-IP1319PI"
    assert d.firmware == "V5.5.3 build 200714"
    assert d.device_type == "camera"


def test_mib_browser_rows() -> None:
    f = _f(ROWS)
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.7"] == ["62 PERCENT"]
    assert f["snmp.subtree"] == ["39165.1"]


def test_ireasoning_row() -> None:
    f = _f(IREASONING)
    assert f["snmp.oid.1.3.6.1.4.1.714.1.2.6.2.1"] == ["651A4C6JV72"]


def test_ireasoning_named_rows_in_comments() -> None:
    # comment lines of a monitoring script (sites of iReasoning copies: a '#' before the label), and the
    # label cut off before a MIB::object name (Observium's G6 module docstring)
    text = ("#Name/OID: .1.3.6.1.2.1.1.1.0; Value (OctetString): KONICA MINOLTA bizhub C35P\n"
            " G6-FACTORY-MIB::factoryArticleNumber.0; Value (OctetString): MS440210M-G6+\n")
    f = _f(text)
    assert f["snmp.sysDescr"] == ["KONICA MINOLTA bizhub C35P"]
    assert f["snmp.obj.G6-FACTORY-MIB.factoryArticleNumber"] == ["MS440210M-G6+"]


def test_synthetic_variants() -> None:
    # a time-stamped log prefix before the [ASN_] line, an IpAddress and a TimeTicks iReasoning row
    text = ("14/03/2018 17:25:42 (177 ms) : 1.3.6.1.2.1.1.5.0 = \"cam-\\\"lobby\\\"\" [ASN_OCTET_STR]\n"
            "Name/OID: sysUpTime.0; Value (TimeTicks): 27 hours 41 minutes 59 seconds (9971967)\n"
            "Name/OID: .1.3.6.1.4.1.5504.2.5.41.1.3.2.1.1.3.11.1; Value (IpAddress): 10.0.0.1\n")
    lines = snmp_value_lines(text)
    assert lines is not None
    assert '1.3.6.1.2.1.1.5.0 = STRING: "cam-\\"lobby\\""' in lines
    assert "IpAddress: 10.0.0.1" in lines
    assert "sysUpTime.0 = Timeticks: 9971967" in lines  # the ticks in brackets, not the "27" hours
    assert _f(text)["snmp.sysName"] == ['cam-"lobby"']


def test_other_shapes_left_alone() -> None:
    assert snmp_value_lines("Value (OctetString) is what the browser shows\nkey = 'x'  OctetString\n") is None
    assert snmp_value_lines('1.3.6.1.2.1.1.1.0 = "x" [ASN_NOT_A_TYPE]\n') is None
