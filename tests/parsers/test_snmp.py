"""SNMP as tools record it (netscan/parsers/snmp.py, docs/observations.md "SNMP"): snmpsim
recordings, net-snmp walks in every OID spelling, SnmpWalk.exe; standard objects by name, the
private MIB values under ``snmp.oid.*``, standard MIB modules present. Examples are the tools'
documented formats (cited) or published walks."""

from __future__ import annotations

import random

from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers.snmp import MAX_PRIVATE_VALUES, numeric_oid, snmp_fields


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, 161, "snmpwalk"))


#: The example of the snmpsim-data README (https://github.com/etingof/snmpsim-data): OID|TAG|VALUE,
#: ``4x`` = an OCTET STRING written in hex, ``64x`` an IpAddress in hex.
SNMPSIM_README = """1.3.6.1.2.1.1.1.0|4|Linux 2.6.25.5-smp SMP Tue Jun 19 14:58:11 CDT 2007 i686
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10
1.3.6.1.2.1.1.3.0|67|233425120
1.3.6.1.2.1.2.2.1.6.2|4x|00127962f940
1.3.6.1.2.1.4.22.1.3.2.192.21.54.7|64x|c3dafe61
"""


def test_snmprec_system_group() -> None:
    f = _f(SNMPSIM_README)
    assert f["snmp.sysDescr"] == ["Linux 2.6.25.5-smp SMP Tue Jun 19 14:58:11 CDT 2007 i686"]
    assert f["snmp.sysObjectID"] == ["1.3.6.1.4.1.8072.3.2.10"] and f["snmp.enterprise"] == ["8072"]
    assert not any(k.startswith("snmp.oid.") for k in f)  # a MAC in hex is no text


def test_snmprec_hex_text_variation_and_private_values() -> None:
    # snmpsim tags: "4x" hex text, "2:numeric" a variation module after the tag (snmpsim docs)
    rec = ("1.3.6.1.2.1.1.5.0|4x|43616d657261\n"
           "1.3.6.1.2.1.1.3.0|67:numeric|rate=100\n"
           "1.3.6.1.2.1.47.1.1.1.1.13.1|4|AXIS P1435-LE\n"
           "1.3.6.1.4.1.39165.1.1.0|4|DS-2CD2042WD-I\n"
           "1.3.6.1.4.1.39165.1.20.0|2|1\n"
           "1.3.6.1.4.1.1004849.2.1.2.6.0|4x|4950432d484657\n")
    f = _f(rec)
    assert f["snmp.sysName"] == ["Camera"]
    assert f["snmp.entPhysicalModelName"] == ["AXIS P1435-LE"]
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.1"] == ["DS-2CD2042WD-I"]  # a scalar's .0 dropped
    assert f["snmp.oid.1.3.6.1.4.1.1004849.2.1.2.6"] == ["IPC-HFW"]
    assert "snmp.oid.1.3.6.1.4.1.39165.1.20" not in f  # numbers are not read as text
    assert f["snmp.mib"] == ["ENTITY-MIB"]


def test_printer_mib_and_hr_device_type() -> None:
    # RFC 3805 Printer-MIB objects (1.3.6.1.2.1.43) and RFC 2790 hrDeviceType hrDevicePrinter (...25.3.1.5)
    walk = (".1.3.6.1.2.1.25.3.2.1.2.1 = OID: .1.3.6.1.2.1.25.3.1.5\n"
            ".1.3.6.1.2.1.43.5.1.1.17.1 = STRING: \"E73015K5N123456\"\n")
    f = _f(walk)
    assert f["snmp.hrDeviceType"] == ["hrDevicePrinter"]
    assert set(f["snmp.mib"]) == {"HOST-RESOURCES-MIB", "Printer-MIB"}
    assert f["snmp.prtGeneralSerialNumber"] == ["E73015K5N123456"]
    sym = "HOST-RESOURCES-MIB::hrDeviceType.1 = OID: HOST-RESOURCES-TYPES::hrDevicePrinter\n"
    assert _f(sym)["snmp.hrDeviceType"] == ["hrDevicePrinter"]


def test_netsnmp_spellings() -> None:
    walk = ("SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.368.1.1\n"
            "iso.3.6.1.4.1.39165.1.3.0 = STRING: \"V5.4.5 build 170124\"\n"
            "HIK-DEVICE-MIB::deviceType.0 = STRING: DS-2CD2042WD-I\n"
            ".1.3.6.1.2.1.1.5.0 = Hex-STRING: 48 49 4B 00\n"
            "SNMPv2-MIB::sysLocation.0 = Lobby\n")  # -OQ: no type
    f = _f(walk)
    assert f["snmp.sysObjectID"] == ["1.3.6.1.4.1.368.1.1"] and f["snmp.enterprise"] == ["368"]
    assert f["snmp.oid.1.3.6.1.4.1.39165.1.3"] == ["V5.4.5 build 170124"]
    assert f["snmp.obj.HIK-DEVICE-MIB.deviceType"] == ["DS-2CD2042WD-I"]
    assert f["snmp.sysName"] == ["HIK"]
    assert f["snmp.sysLocation"] == ["Lobby"]


def test_snmpwalk_exe() -> None:
    # SnmpWalk.exe (Ireasoning/SNMPSoft) prints "OID=..., Type=..., Value=..."
    f = _f("OID=.1.3.6.1.2.1.1.1.0, Type=OctetString, Value=Hikvision\nOID=.1.3.6.1.2.1.1.2.0, Type=OID, Value=1.3.6.1.4.1.39165.1.1\n")
    assert f["snmp.sysDescr"] == ["Hikvision"] and f["snmp.enterprise"] == ["39165"]


def test_numeric_oid() -> None:
    assert numeric_oid(".1.3.6.1.2.1.1.1.0") == "1.3.6.1.2.1.1.1.0"
    assert numeric_oid("iso.3.6.1.2.1.1.1.0") == "1.3.6.1.2.1.1.1.0"
    assert numeric_oid("SNMPv2-SMI::enterprises.39165.1.1") == "1.3.6.1.4.1.39165.1.1"
    assert numeric_oid("SNMPv2-MIB::sysDescr.0") is None
    assert numeric_oid("1..3") is None


def test_prose_is_not_snmp() -> None:
    f: dict[str, list[str]] = {}
    snmp_fields(f, "a = b\nmodel | price | stock\nx|4|y\nThe system = running: yes\n")
    assert not f


def test_private_values_capped_and_hostile_text() -> None:
    rec = "".join(f"1.3.6.1.4.1.9999.{i}.0|4|value {i}\n" for i in range(MAX_PRIVATE_VALUES * 3))
    f: dict[str, list[str]] = {}
    snmp_fields(f, rec)
    assert sum(1 for k in f if k.startswith("snmp.oid.")) == MAX_PRIVATE_VALUES
    rnd = random.Random(7)
    junk = "".join(rnd.choice("1.|x4 =:\n") for _ in range(200_000))
    snmp_fields({}, junk)  # hostile text: capped, every pattern bounded (no timing asserted here)
    long_oid: dict[str, list[str]] = {}
    snmp_fields(long_oid, "1.3.6.1." + "1." * 100_000 + "|4|x")
    assert not long_oid
