"""Device records whose layout is a protocol's or a management plane's documented convention
(signatures/fingerprints/conventions-device-records.yaml): a UniFi controller's device record, a DMTF
Redfish resource, Network UPS Tools' variables, an IEEE 1284 device ID's class in IPP; and a maker that
answers with its company's name (Riello's RPS S.p.A.). Real examples are the training files the rules
cite; each has a synthetic variant with other values, and look-alikes that must not match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.sigdb import SignatureDB

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _ident(db: SignatureDB, raw: str, protocol: str = "http", port: int | None = 443) -> tuple[object, ...]:
    obs = Observation(ip="10.0.0.9", mac=None, responses=(Response(protocol=protocol, port=port, request="GET /", raw=raw),))
    i = identify(obs, db)
    return (i.vendor, i.model, i.device_type)


def _rules(db: SignatureDB, raw: str, protocol: str, port: int | None) -> set[str]:
    obs = Observation(ip="10.0.0.9", mac=None, responses=(Response(protocol=protocol, port=port, request="GET /", raw=raw),))
    return {e.source for e in identify(obs, db).evidence}


def _corpus(db: SignatureDB, rel: str) -> tuple[object, ...]:
    r = json.loads((CORPUS / rel).read_text(encoding="utf-8"))["responses"][0]
    return _ident(db, r["raw"], r["protocol"], r["port"])


@pytest.mark.parametrize(("rel", "want"), [
    ("ubiquiti/ubiquiti-usg-ugw3_controller-device-json-unpoller-example.json", ("Ubiquiti", "UGW3", "router")),
    ("ubiquiti/ubiquiti-uap-u7pg2_controller-device-json-unpoller-example.json", ("Ubiquiti", "U7PG2", "other")),
    ("noncameras/supermicro-sys-821ge-tnhr_redfish-computersystem-go-literal-gofish.json", ("Supermicro", "SYS-821GE-TNHR", "server")),
    ("noncameras/riello-sentinel-sdl-6000_nut-snmp-ups-dump-nut-ddl.json", ("Riello", "UM6K6007XX", "other")),
])
def test_real_records(db: SignatureDB, rel: str, want: tuple[object, ...]) -> None:
    assert _corpus(db, rel) == want


def test_synthetic_unifi_dream_machine(db: SignatureDB) -> None:
    raw = json.dumps({"_id": "x1", "adopted": True, "cfgversion": "0123abcd0123abcd", "inform_url": "http://10.1.2.3:8080/inform",
                      "model": "UDMPRO", "type": "udm", "version": "1.12.22.4309", "mac": "00:11:22:33:44:55"})
    vendor, _, kind = _ident(db, raw)
    assert (vendor, kind) == ("Ubiquiti", "router")


def test_inform_path_must_be_the_adoption_endpoint(db: SignatureDB) -> None:
    raw = json.dumps({"cfgversion": "0123abcd0123abcd", "inform_url": "http://10.1.2.3/inform/callback", "type": "usw", "model": "X1"})
    assert not {"unifi-controller-device-record", "unifi-controller-record-network-gear"} & _rules(db, raw, "http", 443)


def test_synthetic_redfish_manager(db: SignatureDB) -> None:
    raw = json.dumps({"@odata.type": "#Manager.v1_10_0.Manager", "@odata.id": "/redfish/v1/Managers/1", "ManagerType": "BMC",
                      "FirmwareVersion": "1.2.3"})
    assert _ident(db, raw)[2] == "server"


def test_redfish_service_root_says_nothing(db: SignatureDB) -> None:
    raw = json.dumps({"@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot", "RedfishVersion": "1.6.0"})
    assert "redfish-computer-system" not in _rules(db, raw, "http", 443)


def test_synthetic_upsc_print(db: SignatureDB) -> None:
    raw = "battery.charge: 54\ndevice.mfr: Acme Power\ndevice.model: PowerBox 2000\ndriver.name: usbhid-ups\nups.status: OB DISCHRG\n"
    assert _ident(db, raw, "other", None)[2] == "other"


def test_status_words_not_nuts_are_not_read(db: SignatureDB) -> None:
    raw = "driver.name: usbhid-ups\nups.status: online and fine\n"
    assert "nut-ups-status" not in _rules(db, raw, "other", None)
    assert "nut-ups-status" in _rules(db, "driver.name: usbhid-ups\nups.status: OL CHRG\n", "other", None)


def test_device_id_class_long_spelling(db: SignatureDB) -> None:
    raw = "printer-make-and-model = Acme LaserBox 9000\nprinter-device-id = MANUFACTURER:Acme;MODEL:LaserBox 9000;CLASS:PRINTER;\n"
    assert _ident(db, raw, "other", 631)[2] == "printer"


def test_device_id_other_class_is_no_printer(db: SignatureDB) -> None:
    raw = "printer-make-and-model = Acme ScanBox 1\nprinter-device-id = MFG:Acme;MDL:ScanBox 1;CLS:PRINTERS-LIKE;\n"
    assert "ipp-device-id-class-printer" not in _rules(db, raw, "other", 631)
