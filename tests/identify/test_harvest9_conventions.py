"""harvest9's field conventions: Xiongmai FirmwareInfo's NET_UPGRADE_FILE release, HIK-DEVICE-MIB's manufacturer
object holding a product class, an LLDP system description searched for maker names as a sysDescr is.
Real values from the cited sources; one synthetic variant each."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.db import SignatureDB


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, protocol: str, raw: str, port: int | None = None, request: str = "") -> Identification:
    return identify(Observation(None, None, (Response(protocol, raw, port, request),)), db)


#: https://github.com/digoo-rev/bb-m1 (cramfs-root-2/FirmwareInfo)
FIRMWAREINFO = """PRODUCT_NAME=XM510_RA50X10-C-S_WIFIXM712DSSRPSRPS_VIDEOCloudStorage_NetIP_General_HeiYing_V1.000.00.0.R
CHIP_ID=XM510
DEVICE_ID=RA50X10-C-S
VSP=General
NET_UPGRADE_FILE=General_IPC_XM510_RA50X10-C-S_WIFIXM712.712.Nat.dss_V5.00.R02.20190430_all.bin
BURN_FILE=upall_General_IPC_XM510_RA50X10-C-S_WIFIXM712.712.Nat.dss.20190430.bin
"""


def test_firmwareinfo_release(db: SignatureDB) -> None:
    i = _id(db, "other", FIRMWAREINFO)
    assert i.firmware == "V5.00.R02.20190430"
    assert i.device_type == "camera"


def test_firmwareinfo_synthetic_console_print(db: SignatureDB) -> None:
    # the same file printed over telnet, another reseller code and release
    raw = ("# cat /mnt/custom/FirmwareInfo\nCHIP_ID=HI3516EV200\nDEVICE_ID=85H30AI\nVSP=Acme\n"
           "NET_UPGRADE_FILE=Acme_IPC_HI3516EV200_85H30AI_S38.Nat.dss.OnvifS.HIK_V5.00.R02.20200507_all.bin\n")
    assert _id(db, "telnet", raw, 23, "cat").firmware == "V5.00.R02.20200507"


def test_firmwareinfo_recorder_image_not_a_camera(db: SignatureDB) -> None:
    raw = "CHIP_ID=HI3520D\nVSP=General\nNET_UPGRADE_FILE=General_NBD80N32RA-KL_V4.03.R11.20190101_all.bin\nX=1\n"
    assert _id(db, "other", raw).firmware is None  # not an IPC image: left unread


def test_hik_manufacturer_class(db: SignatureDB) -> None:
    # https://github.com/HeinleinSupport/check_mk_extensions/issues/138
    raw = ('1.3.6.1.4.1.39165.1.1.0 = "TV-IP1319PI" [ASN_OCTET_STR]\n'
           '1.3.6.1.4.1.39165.1.6.0 = "IPcamera" [ASN_OCTET_STR]\n')
    assert _id(db, "snmp", raw, 161, "snmpwalk").device_type == "camera"
    # a Hikvision-built agent keeps its maker's name there (snmpsim-data camera/hikvision.snmprec): no class from it
    maker = "1.3.6.1.4.1.39165.1.6.0|4|Hikvision\n1.3.6.1.4.1.39165.1.7.0|4|52 PERCENT\n"
    assert _id(db, "snmp", maker, 161, "snmpwalk").vendor == "Hikvision"


def test_lldp_system_description_names_maker(db: SignatureDB) -> None:
    raw = ("12:00:00.000000 LLDP, length 120\n\tSystem Name TLV (5), length 8: phone-12\n"
           "\tSystem Description TLV (6), length 40\n\t  Lync Phone Edition - POLYCOM_CX600_Rev-5\n"
           "\tSystem Capabilities TLV (7), length 4\n\t  System  Capabilities [Telephone] (0x0020)\n"
           "\t  Enabled Capabilities [Telephone] (0x0020)\n")
    i = _id(db, "other", raw)
    assert i.vendor == "Polycom"
    assert i.device_type == "other"
