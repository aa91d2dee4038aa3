"""SNMP evidence identifies (signatures/fingerprints/snmp-mibs.yaml, signatures/snmp/sysobjectids.tsv,
netscan/identify/snmp.py): makers' private MIB objects give maker, model and firmware; a maker's video
MIB or product subtree says video; an exact sysObjectID names the product; the Printer-MIB says
printer. Guards: a camera maker's print server and a NAS are no cameras."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.snmp import product_of, table_problems


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    return load_db()


def _ident(raw: str, db):  # type: ignore[no-untyped-def]
    return identify(Observation(None, None, (Response("other", raw, 161, "snmpwalk"),)), db)


def test_hikvision_private_mib_in_a_snmprec(db) -> None:  # type: ignore[no-untyped-def]
    # HIK-DEVICE-MIB deviceType / softwVersion (1.3.6.1.4.1.39165.1.1 / .1.3) under a net-snmp sysObjectID
    rec = ("1.3.6.1.2.1.1.1.0|4|Linux\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10\n"
           "1.3.6.1.4.1.39165.1.1.0|4|DS-2CD2185FWD-I\n1.3.6.1.4.1.39165.1.3.0|4|V5.5.0 build 170725\n")
    ident = _ident(rec, db)
    assert (ident.vendor, ident.model, ident.firmware) == ("Hikvision", "DS-2CD2185FWD-I", "V5.5.0 build 170725")
    assert ident.device_type == "camera"


def test_axis_video_mib_objects_say_video(db) -> None:  # type: ignore[no-untyped-def]
    # AXIS-VIDEO-MIB tempSensorValue (1.3.6.1.4.1.368.4.1.3.1.4): integers only, the subtree is the evidence
    ident = _ident("1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10\n1.3.6.1.4.1.368.4.1.3.1.4.1.1|2|35\n", db)
    assert ident.vendor == "Axis" and ident.device_type == "camera"
    ident = _ident(".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.368.1.1\n", db)
    assert ident.vendor == "Axis" and ident.device_type == "camera"


def test_axis_print_server_is_no_camera(db) -> None:  # type: ignore[no-untyped-def]
    # sysObjectID 1.3.6.1.4.1.368.1: FusionInventory's sysobject.ids lists an AXIS 5400+ print server there,
    # and a print server answers the Printer-MIB (RFC 3805)
    walk = (".1.3.6.1.2.1.1.1.0 = STRING: AXIS 5400+ Network Print Server V6.10\n"
            ".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.368.1\n"
            ".1.3.6.1.2.1.43.5.1.1.17.1 = STRING: \"00408C123456\"\n")
    ident = _ident(walk, db)
    assert ident.vendor == "Axis"
    assert ident.device_type == "printer"


def test_printer_mib_alone_types_printer(db) -> None:  # type: ignore[no-untyped-def]
    ident = _ident("1.3.6.1.2.1.25.3.2.1.2.1|6|1.3.6.1.2.1.25.3.1.5\n1.3.6.1.2.1.43.10.2.1.4.1.1|65|12345\n", db)
    assert ident.device_type == "printer"


def test_nas_mibs_are_no_camera(db) -> None:  # type: ignore[no-untyped-def]
    # SYNOLOGY-SYSTEM-MIB modelName / version (1.3.6.1.4.1.6574.1.5.1 / .3)
    rec = "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10\n1.3.6.1.4.1.6574.1.5.1.0|4|DS918+\n1.3.6.1.4.1.6574.1.5.3.0|4|DSM 6.2-25426\n"
    ident = _ident(rec, db)
    assert (ident.vendor, ident.model, ident.device_type) == ("Synology", "DS918+", "nas")
    assert ident.device_type not in VIDEO_TYPES


def test_exact_sysobjectid_names_the_product(db) -> None:  # type: ignore[no-untyped-def]
    # fusioninventory/sysobject.ids: 2011.2.240.6 Huawei NETWORKING AC6605-26-PWR (also tests/corpus
    # noncameras/huawei-ac6605-26-pwr_snmp-sysdescr-sysobject15.json, whose sysDescr says the same)
    hit = product_of(db, "1.3.6.1.4.1.2011.2.240.6")
    assert hit is not None and hit[1].vendor == "Huawei" and hit[1].model == "AC6605-26-PWR"
    ident = _ident("SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.2011.2.240.6\n", db)
    assert ident.vendor == "Huawei" and ident.device_type not in VIDEO_TYPES
    assert product_of(db, "1.3.6.1.4.1.2011") is None  # a bare enterprise number is signatures/pen's


def test_table_problems_are_reported(tmp_path: Path) -> None:
    import shutil

    root = Path(load_db().root)
    shutil.copytree(root, tmp_path / "sig")
    table = tmp_path / "sig" / "snmp" / "sysobjectids.tsv"
    table.write_text(table.read_text() + "9.9.9\tNo Such Maker\t\t\n1.x\tCisco\t\t\n9.9.8\tCisco\tfridge\t\n")
    problems = table_problems(load_db(tmp_path / "sig"))
    assert len(problems) == 3 and all("sysobjectids.tsv" in p for p in problems)


def test_pen_organisation_names_with_a_suffix(db) -> None:  # type: ignore[no-untyped-def]
    # IANA spells some makers with a word after the name (enterprises.tsv as Debian ships it)
    from netscan.sigdb.pen import pen_vendor, vendor_keys

    keys = vendor_keys(db)
    assert pen_vendor(keys, "HUAWEI Technology Co.,Ltd") == "Huawei"
    assert pen_vendor(keys, "Bosch Sicherheitssysteme Engineering GmbH") == "Bosch"
    assert pen_vendor(keys, "TP-Link Systems Inc.") == "TP-Link"
    assert pen_vendor(keys, "HANWHA CORP./TELECOM") is None  # not Hanwha Vision
    assert pen_vendor(keys, "Thomson Technology Limited") is None
    assert pen_vendor(keys, "Sony Pictures Entertainment") is None
    assert db.pen["2011"][1] == "Huawei" and db.pen["3967"][1] == "Bosch"


def test_nmap_xml_snmp_sysdescr(db) -> None:  # type: ignore[no-untyped-def]
    # nmap's snmp-sysdescr script (scripts/snmp-sysdescr.nse: the sysDescr, then "System uptime: ...");
    # the sysDescr is recog's HP JetDirect example (xml/snmp_sysdescr.xml)
    from netscan.nmapxml import parse_nmap_xml
    from netscan.parsers import fields

    xml = ('<?xml version="1.0"?><nmaprun><host><status state="up"/><address addr="10.0.0.5" addrtype="ipv4"/>'
           '<ports><port protocol="udp" portid="161"><state state="open"/><service name="snmp"/>'
           '<script id="snmp-sysdescr" output="HP ETHERNET MULTI-ENVIRONMENT,ROM A.05.03,JETDIRECT,JD24,EEPROM A.08.49&#xa;'
           '  System uptime: 1d 2h"/></port></ports></host></nmaprun>')
    obs = parse_nmap_xml(xml)[0]
    snmp = [r for r in obs.responses if r.request == "snmp-sysdescr [nmap]"]
    assert len(snmp) == 1 and fields(snmp[0])["snmp.sysDescr"] == ["HP ETHERNET MULTI-ENVIRONMENT,ROM A.05.03,JETDIRECT,JD24,EEPROM A.08.49"]
    ident = identify(obs, db)
    assert ident.vendor == "HP" and ident.device_type == "printer"


def test_camera_makers_mib_subtrees(db) -> None:  # type: ignore[no-untyped-def]
    # MOBOTIX camera MIB (videoMainCurrentFrameRate 1.3.6.1.4.1.21701.2.7.5.1.2), Hanwha Vision nwCam
    # (1.3.6.1.4.1.36849.1.2), both as centreon-plugins read them; integers only: the subtree is the evidence
    ident = _ident("1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10\n1.3.6.1.4.1.21701.2.7.5.1.2.0|2|12\n", db)
    assert ident.vendor == "Mobotix" and ident.device_type == "camera"
    ident = _ident("1.3.6.1.2.1.1.5.0|4|cam-01\n1.3.6.1.4.1.36849.1.2.4.3.0.1|2|1\n", db)
    assert ident.vendor == "Hanwha Vision"
    assert db.pen["36849"][1] == "Hanwha Vision"  # IANA's name without its "# formerly" remark


# Real recordings of etingof/snmpsim-data (snmpsim's public simulation data), as published (values
# hex-encoded where the recorder wrote them so); cut to the lines a test needs where marked.
SNMPSIM = "https://github.com/etingof/snmpsim-data/blob/c6f63e965c8db9bfff1dfd6df8293f9977d9d6f6/data/camera/"
HIKVISION_SNMPREC = """1.3.6.1.4.1.39165.1.1.0|4x|44532d324344344333364657442d4150
1.3.6.1.4.1.39165.1.2.0|4|0
1.3.6.1.4.1.39165.1.3.0|4x|56352e352e3830206275696c6420313930313331
1.3.6.1.4.1.39165.1.4.0|4x|39342d65312d61632d65342d36652d6337
1.3.6.1.4.1.39165.1.5.0|4|1
1.3.6.1.4.1.39165.1.6.0|4|Hikvision
1.3.6.1.4.1.39165.1.7.0|4x|35322050455243454e54
1.3.6.1.4.1.39165.1.20.0|2|1
1.3.6.1.4.1.39165.1.21.0|4x|482e323634
1.3.6.1.4.1.39165.1.29.0|4|ETHERNET
"""  # SNMPSIM + "hikvision.snmprec" (the first lines, then a few; all of its OIDs are HIK-DEVICE-MIB's)
HIKVISION_NVR_SNMPREC = """1.3.6.1.2.1.1.1.0|4x|48696b766973696f6e20636f6d70616e792070726f6475637473
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.50001
1.3.6.1.2.1.1.3.0|67|2178049673
1.3.6.1.2.1.1.4.0|4|
1.3.6.1.4.1.50001.1.2.0|2|8000
1.3.6.1.4.1.50001.1.201.0|4|1000MHZ
"""  # SNMPSIM + "hikvision-network-video-recorder.snmprec" (cut)
SAMSUNG_IPOLIS_SNMPREC = """1.3.6.1.2.1.1.1.0|4x|53414d53554e472069506f6c697320482e323634205072656d69756d204c6576656c2049502043616d657261
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.36849.1.2.64
1.3.6.1.2.1.1.5.0|4x|534e4f2d3730383452
"""  # snmpsim-data data/cameras/samsung-ipolis.snmprec @f2f7f867 (system group, cut)
#: A Linux camera's net-snmp HOST-RESOURCES lists its print queues as hrDevicePrinter (a guard):
#: snmpsim-data data/cameras/semac-ipcam-500.snmprec @f2f7f867 (cut)
SEMAC_IPCAM_SNMPREC = """1.3.6.1.2.1.1.1.0|4x|4c696e757820495043414d20322e362e31385f70726f3530302d646176696e636920233120547565205365702033302031383a34333a32342043535420323031342061726d763574656a6c
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10
1.3.6.1.2.1.1.5.0|4|IPCAM
1.3.6.1.2.1.25.3.2.1.2.1280|6|1.3.6.1.2.1.25.3.1.5
1.3.6.1.2.1.25.3.2.1.2.1281|6|1.3.6.1.2.1.25.3.1.5
1.3.6.1.2.1.25.3.2.1.3.1280|4|hp5
1.3.6.1.2.1.25.3.5.1.1.1280|2|2
"""


def test_snmpsim_data_hikvision_camera(db) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(HIKVISION_SNMPREC, db)
    assert (ident.vendor, ident.model, ident.firmware) == ("Hikvision", "DS-2CD4C36FWD-AP", "V5.5.80 build 190131")
    assert ident.device_type == "camera"


def test_snmpsim_data_hikvision_recorder(db) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(HIKVISION_NVR_SNMPREC, db)
    assert ident.vendor == "Hikvision" and ident.device_type == "nvr"


def test_snmpsim_data_samsung_ipolis_camera(db) -> None:  # type: ignore[no-untyped-def]
    ident = _ident(SAMSUNG_IPOLIS_SNMPREC, db)
    assert ident.vendor == "Hanwha Vision" and ident.device_type == "camera"


def test_hr_device_printer_of_a_camera_is_no_printer(db) -> None:  # type: ignore[no-untyped-def]
    from netscan.parsers import fields

    f = fields(Response("other", SEMAC_IPCAM_SNMPREC, 161, "snmpwalk"))
    assert f["snmp.hrDeviceType"] == ["hrDevicePrinter"]  # read...
    assert _ident(SEMAC_IPCAM_SNMPREC, db).device_type != "printer"  # ...but no printer evidence
