"""Session 17, harvest6: readers and conventions written from network and inventory tools' records
(tests/corpus, benchmarks/results/harvest6-harvest-files.txt): a tool's print recorded against SNMP that
holds no walk, a DHCP server's or decoder's option lines, a tool's print of a decoded Ubiquiti discovery
answer, HP's printer names, a company field, DSM's synoinfo ``unique``. Each is checked on the published
record it was written from, on a variant in another spelling, and on counter-examples that must stay unread."""

from __future__ import annotations

import json
from pathlib import Path

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _f(raw: str, protocol: str = "other", port: int | None = None) -> dict[str, list[str]]:
    return fields(Response(protocol, raw, port, "recorded"))


def _ident(db: SignatureDB, raw: str, protocol: str = "other", port: int | None = None):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, port, "recorded"),)), db)


def _corpus_raw(rel: str) -> tuple[str, str, int | None]:
    doc = json.loads((CORPUS / rel).read_text(encoding="utf-8"))
    r = doc["responses"][0]
    return r["protocol"], r["raw"], r["port"]


# ------------------------------------------------------------------ a tool's print recorded against SNMP

def test_snmp_tool_json_is_read_as_text(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("hp/hp-laserjet-pro-mfp-m225dw_printer-scanner-snmp-json.json")
    f = _f(raw, proto, port)
    assert f["other.json.Data.sysObjectID"] == ["1.3.6.1.4.1.11.2.3.9.1"]
    got = _ident(db, raw, proto, port)
    assert (got.vendor, got.model, got.device_type) == ("HP", "LaserJet Pro MFP M225dw", "printer")


def test_snmp_tool_sentence_is_read_as_text(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("hp/hp-laserjet-cm1415fn_printer-snmp-levels-printout.json")
    got = _ident(db, raw, proto, port)
    assert (got.vendor, got.model, got.device_type) == ("HP", "LaserJet CM1415fn", "printer")


def test_snmp_tool_print_variant() -> None:
    # another tool's key-value print of what it read, under other keys
    f = _f("host 10.0.0.9\nsysObjectID: 1.3.6.1.4.1.2435.2.3.9.1\nprinter: Brother HL-L2350DW series\n", "snmp", 161)
    assert f["other.kv.sysObjectID"] == ["1.3.6.1.4.1.2435.2.3.9.1"]


def test_snmp_walk_is_not_read_twice() -> None:
    walk = 'SNMPv2-MIB::sysDescr.0 = STRING: "HP ETHERNET MULTI-ENVIRONMENT"\nSNMPv2-MIB::sysName.0 = STRING: NPI5D217D\n'
    f = _f(walk, "snmp", 161)
    assert "snmp.sysDescr" in f
    assert not any(k.startswith("other.") for k in f)


def test_snmp_tool_print_hostile() -> None:
    f = _f("{" * 5000 + "\n" + "x=" * 20000, "snmp", 161)
    assert isinstance(f, dict)


# ------------------------------------------------------------------ DHCP option lines in a log or a decoder's print

def test_dnsmasq_log_options(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("noncameras/espressif-esp32-device_dnsmasq-dhcp-log-esp-idf6786.json")
    f = _f(raw, proto, port)
    assert f["dhcp.vendor_class"] == ["espressif"]
    assert f["dhcp.hostname"] == ["espressif"]
    assert _ident(db, raw, proto, port).device_type != "camera"


def test_dnsmasq_syslog_prefix_and_decoder_lines() -> None:
    f = _f("Jun  8 10:01:02 gw dnsmasq-dhcp[1234]: 2712345678 vendor class: udhcp 1.30.1\n", "dhcp", 67)
    assert f["dhcp.vendor_class"] == ["udhcp 1.30.1"]
    g = _f("    Vendor class identifier: MSFT 5.0\n    Host Name: cam-7\n", "dhcp", 67)
    assert g["dhcp.vendor_class"] == ["MSFT 5.0"]
    assert g["dhcp.hostname"] == ["cam-7"]


def test_dhcp_other_keys_stay_their_own() -> None:
    f = _f("requested options: 1:netmask, 3:router\nvendor: nobody\n", "dhcp", 67)
    assert "dhcp.vendor_class" not in f
    assert "dhcp.hostname" not in f


# ------------------------------------------------------------------ a tool's print of a Ubiquiti discovery answer

def test_printed_ubnt_answer(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("ubiquiti/ubiquiti-aircam_ubnt-discovery-printout-ubiquiti-probing.json")
    f = _f(raw, proto, port)
    assert f["ubnt.product"] == ["AirCam"]
    got = _ident(db, raw, proto, port)
    assert (got.vendor, got.model, got.firmware, got.device_type) == (
        "Ubiquiti", "AirCam", "AirCam.GM8126.v3.1.4.39.7e42364.160301.0153", "camera")


def test_printed_ubnt_table_radio(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("ubiquiti/ubiquiti-nanostation-loco-m5_ubnt-discovery-table-node-ubnt-discovery.json")
    got = _ident(db, raw, proto, port)
    assert (got.vendor, got.model, got.device_type) == ("Ubiquiti", "NanoStation loco M5", "router")


def test_printed_ubnt_variant_labels(db: SignatureDB) -> None:
    raw = "Hostname: gate\nPlatform: AirCam Dome\nFirmware: AirCam.GM8126.v3.2.1.1.2f4e6a0.170101.0101\n"
    got = _ident(db, raw, "other", 10001)
    assert (got.vendor, got.model, got.device_type) == ("Ubiquiti", "AirCam Dome", "camera")


def test_ubnt_labels_need_the_discovery_port() -> None:
    raw = "PRODUCT: AirCam\nVERSION: AirCam.GM8126.v3.1.4.39.7e42364.160301.0153\n"
    assert not any(k.startswith("ubnt.") for k in _f(raw, "other", 8080))
    assert not any(k.startswith("ubnt.") for k in _f(raw, "other", None))


# ------------------------------------------------------------------ HP printer names, company field, DSM synoinfo

def test_hp_printer_grammar_keeps_the_product_line(db: SignatureDB) -> None:
    got = _ident(db, "Printer found: HP OfficeJet Pro 9015e at 10.0.0.4\n")
    assert (got.vendor, got.model, got.device_type) == ("HP", "OfficeJet Pro 9015e", "printer")
    assert _ident(db, "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD149\n").model is None


def test_company_title_and_synoinfo_unique(db: SignatureDB) -> None:
    proto, raw, port = _corpus_raw("synology/synology-ds414j_version-synoinfo-files-salt18943.json")
    got = _ident(db, raw, proto, port)
    assert (got.vendor, (got.model or "").upper(), got.device_type) == ("Synology", "DS414J", "nas")
    other = _ident(db, 'unique="synology_apollolake_ds918+"\n', "other", 22)
    assert (other.vendor, other.model, other.device_type) == ("Synology", "ds918+", "nas")
    assert _ident(db, 'unique="synology_apollolake_918+"\n', "other", 22).model is None


def test_hp_grammar_leaves_a_dns_sd_instance_name_to_the_user(db: SignatureDB) -> None:
    # RFC 6763 4.1.1: the instance name is the user's; printed under its label, family grammars do not read it
    assert _ident(db, "Service Type: _ipp._tcp\nService Name: HP LaserJet Pro M404n\nDomain Name: local\n").model is None
    # the same name elsewhere in the answer still names the model
    got = _ident(db, "Service Name: Office\nPrinter: HP LaserJet Pro M404n\n")
    assert (got.vendor, got.model) == ("HP", "LaserJet Pro M404n")
