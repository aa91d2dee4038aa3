"""SNMP evidence across makers (session 12, lane snmp2): the IANA enterprise numbers of the non-camera
makers that share cameras' networks (checked against a second copy of the registry), look-alike
registrants kept apart, and the makers' private MIB objects read for maker, model, firmware and type."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.pen import pen_vendor, vendor_keys


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(raw: str, db, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response(protocol, raw, 161, "snmpwalk"),)), db)


def test_enterprise_numbers_of_network_neighbours(db) -> None:  # type: ignore[no-untyped-def]
    # IANA: 318 American Power Conversion, 850 Tripp Lite, 10642 Zebra Technologies, 2385 SHARP Corporation
    assert db.pen["850"][1] == "Tripp Lite"
    assert db.pen["10642"][1] == "Zebra Technologies"
    assert db.pen["2385"][1] == "Sharp"
    walk = ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.850.1\n"
    ident = _ident(walk, db)
    assert ident.vendor == "Tripp Lite" and ident.device_type not in VIDEO_TYPES


def test_look_alike_registrants_name_nobody(db) -> None:  # type: ignore[no-untyped-def]
    keys = vendor_keys(db)
    assert pen_vendor(keys, "SHARP Corporation") == "Sharp"
    assert pen_vendor(keys, "S-Sharp Corporation") is None  # its "S" reads as a legal-form word
    assert pen_vendor(keys, "Hitron Technology Inc.") == "Hitron"
    assert pen_vendor(keys, "HiTRON SYSTEMS Inc.") is None  # the Korean CCTV maker, not the cable-modem maker
    assert "50047" not in db.pen and "52328" not in db.pen


def _fields(raw: str) -> dict[str, list[str]]:
    from netscan.parsers.snmp import snmp_response_fields

    return snmp_response_fields(raw)


def _hex(text: str) -> str:
    return "_".join(f"{b:02x}" for b in text.encode())


def test_tcpdump_snmp_decode_hex_string(db) -> None:  # type: ignore[no-untyped-def]
    # tcpdump print-snmp.c: an OCTET STRING that is not printable (CR LF inside) is written as hex bytes
    descr = "Cisco IOS Software, C1700 Software (C1700-ADVSECURITYK9-M), Version 12.3(11)YZ2, RELEASE SOFTWARE (fc2)\r\nTechnical Support"
    text = ("10:00:00.1 IP mgr > dev:  GetRequest(28)  .1.3.6.1.2.1.1.1.0\n"
            f"10:00:00.2 IP dev > mgr:  GetResponse(200)  .1.3.6.1.2.1.1.1.0={_hex(descr)} .1.3.6.1.2.1.1.5.0=\"core-rtr\"\n")
    f = _fields(text)
    assert f["snmp.sysDescr"][0].startswith("Cisco IOS Software, C1700") and "\r" not in f["snmp.sysDescr"][0]
    assert f["snmp.sysName"] == ["core-rtr"]
    ident = _ident(text, db)
    assert ident.vendor == "Cisco" and ident.firmware == "12.3(11)YZ2" and ident.device_type not in VIDEO_TYPES


def test_tcpdump_request_alone_says_nothing() -> None:
    # a request's bindings carry no values (NULL): nothing is read
    assert "snmp.sysDescr" not in _fields("10:00:00.1 IP mgr > dev:  GetBulk(27)  N=0 M=10 .1.3.6.1.2.1.1.1\n")


def test_fusioninventory_discovery_description_is_sysdescr(db) -> None:  # type: ignore[no-untyped-def]
    xml = ("<REQUEST><CONTENT><DEVICE><AUTHSNMP>1</AUTHSNMP>"
           "<DESCRIPTION>Brother NC-8300h, Firmware Ver.1.05  (10.02.15),MID 8C5-F05</DESCRIPTION>"
           "<MANUFACTURER>Hewlett-Packard</MANUFACTURER><MODEL>HP LaserJet 4050 Series</MODEL>"
           "<SNMPHOSTNAME>BRN_PRN1</SNMPHOSTNAME></DEVICE></CONTENT></REQUEST>")
    f = _fields(xml)
    assert f["snmp.sysDescr"] == ["Brother NC-8300h, Firmware Ver.1.05 (10.02.15),MID 8C5-F05"]
    assert f["snmp.sysName"] == ["BRN_PRN1"]
    assert not any("Hewlett" in v for vs in f.values() for v in vs)  # the agent's own lookup is not read
    ident = _ident(xml, db)
    assert ident.vendor == "Brother" and ident.device_type == "printer"


def test_computer_inventory_description_is_no_sysdescr() -> None:
    # an agent's local (computer) inventory has DESCRIPTION elements too, with no AUTHSNMP
    xml = "<REQUEST><CONTENT><DEVICE><DESCRIPTION>Brother printer driver</DESCRIPTION></DEVICE></CONTENT></REQUEST>"
    assert "snmp.sysDescr" not in _fields(xml)


def test_ieee1284_device_id_in_a_private_object(db) -> None:  # type: ignore[no-untyped-def]
    walk = '.1.3.6.1.4.1.2435.2.3.9.1.1.7.0 = STRING: "MFG:Brother;CMD:PJL,PCL,PCLXL;MDL:MFC-L2710DW series;CLS:PRINTER;"\n'
    ident = _ident(walk, db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Brother", "MFC-L2710DW", "printer")
    scanner = '.1.3.6.1.4.1.9999.1.1.0 = STRING: "MFG:Acme;MDL:Scan 9;CLS:SCANNER;"\n'
    assert _ident(scanner, db).device_type != "printer"


def test_printer_mib_interpreters_name_their_maker(db) -> None:  # type: ignore[no-untyped-def]
    walk = ('.1.3.6.1.2.1.43.15.1.1.5.1.1 = STRING: "Kyocera PostScript"\n'
            '.1.3.6.1.2.1.43.15.1.1.5.1.2 = STRING: "HP PCL 6"\n')
    ident = _ident(walk, db)
    assert ident.vendor == "Kyocera" and ident.device_type == "printer"
    hp_emulation = '.1.3.6.1.2.1.43.15.1.1.5.1.2 = STRING: "HP PCL 5e"\n'
    assert _ident(hp_emulation, db).vendor != "HP"


def test_printer_name_and_ups_mib(db) -> None:  # type: ignore[no-untyped-def]
    ident = _ident('.1.3.6.1.2.1.43.5.1.1.16.1 = STRING: "RICOH IM C3000"\n', db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Ricoh", "IM C3000", "printer")
    ups = ('.1.3.6.1.2.1.33.1.1.1.0 = STRING: "EATON"\n.1.3.6.1.2.1.33.1.1.2.0 = STRING: "5PX 1500"\n'
           '.1.3.6.1.2.1.33.1.1.3.0 = STRING: "INV: 01.14.0019"\n')
    ident = _ident(ups, db)
    assert ident.model == "5PX 1500" and ident.device_type == "other"


def test_makers_private_objects_in_an_oid_value_dump(db) -> None:  # type: ignore[no-untyped-def]
    # {oid: value} dumps with no field names: the MIB says what each object is
    dump = '{"1.3.6.1.4.1.14988.1.1.7.4.0": "7.12.1", "1.3.6.1.4.1.14988.1.1.7.3.0": "HFD0AB1C2D3"}'
    ident = _ident(dump, db)
    assert (ident.vendor, ident.firmware, ident.device_type) == ("MikroTik", "7.12.1", "router")
    ups = '{"1.3.6.1.4.1.318.1.1.1.1.1.1.0": "Smart-UPS X 3000", "1.3.6.1.4.1.318.1.1.1.1.2.1.0": "UPS 15.0"}'
    ident = _ident(ups, db)
    assert ident.vendor == "Schneider Electric" and ident.firmware == "UPS 15.0" and ident.device_type not in VIDEO_TYPES
    unifi = '{"1.3.6.1.4.1.41112.1.6.3.3.0": "U6-Lite", "1.3.6.1.4.1.41112.1.6.3.6.0": "6.5.62.14788"}'
    ident = _ident(unifi, db)
    assert (ident.vendor, ident.model, ident.firmware) == ("Ubiquiti", "U6-Lite", "6.5.62.14788")
    # another maker's object of the same shape under another enterprise names nobody of these
    other = '{"1.3.6.1.4.1.99999.1.1.7.4.0": "7.12.1"}'
    assert _ident(other, db).vendor != "MikroTik"


def test_sysdescr_line_words_then_model_code(db) -> None:  # type: ignore[no-untyped-def]
    for descr, want in (("Synology DiskStation DS918+", ("Synology", "DS918+")),
                        ("Ubiquiti UniFi Switch US-8-60W", ("Ubiquiti", "US-8-60W")),
                        ("RouterOS CCR1009-7G-1C-1S+", ("MikroTik", "CCR1009-7G-1C-1S+"))):
        ident = _ident(f'.1.3.6.1.2.1.1.1.0 = STRING: "{descr}"\n', db)
        assert (ident.vendor, ident.model) == want and ident.device_type not in VIDEO_TYPES
    ricoh = ('.1.3.6.1.2.1.1.1.0 = STRING: "RICOH MP C3004 1.02 / RICOH Network Printer C model / '
             'RICOH Network Scanner C model"\n')
    ident = _ident(ricoh, db)
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("Ricoh", "MP C3004", "1.02", "printer")
    for descr in ("EPSON Built-in 11b/g/n Print Server", "Linux nas 4.4.59+ #25426 SMP", "Microsoft Windows Server 2019"):
        got = _ident(f'.1.3.6.1.2.1.1.1.0 = STRING: "{descr}"\n', db).model
        assert got is None or got not in ("11b/g/n", "2019"), descr


def test_boot_parameters_and_ups_manufacturer_name_makers(db) -> None:  # type: ignore[no-untyped-def]
    boot = '.1.3.6.1.2.1.25.1.4.0 = STRING: "BOOT_IMAGE=/boot/vmlinuz root=/dev/sda1 ro Synology"\n'
    assert _ident(boot, db).vendor == "Synology"
    plain = '.1.3.6.1.2.1.25.1.4.0 = STRING: "BOOT_IMAGE=/boot/vmlinuz root=UUID=0f1e ro quiet"\n'
    assert _ident(plain, db).vendor is None
    ups = '.1.3.6.1.2.1.33.1.1.1.0 = STRING: "EATON"\n.1.3.6.1.2.1.33.1.1.2.0 = STRING: "5PX 1500"\n'
    ident = _ident(ups, db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Eaton", "5PX 1500", "other")


def test_dot11_product_version_is_the_stations_firmware(db) -> None:  # type: ignore[no-untyped-def]
    rec = ("1.2.840.10036.3.1.2.1.2.5|4|Ubiquiti Networks, Inc.\n1.2.840.10036.3.1.2.1.3.5|4|NanoStation M5\n"
           "1.2.840.10036.3.1.2.1.4.5|4|XW.ar934x.v6.1.7.32555.180907.1632\n")
    ident = _ident(rec, db)
    assert (ident.vendor, ident.firmware) == ("Ubiquiti", "XW.ar934x.v6.1.7.32555.180907.1632")
    assert ident.device_type not in VIDEO_TYPES
    cisco = "1.2.840.10036.3.1.2.1.4.1|4|12.4(25d)JA1\n"
    ident = _ident(cisco, db)
    assert ident.firmware == "12.4(25d)JA1" and ident.vendor != "Ubiquiti"
