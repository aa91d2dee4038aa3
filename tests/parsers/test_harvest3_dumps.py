"""Session 16 harvest3 mechanisms (training material: benchmarks/results/harvest3-harvest-files.txt):
a hex dump whose publisher masked identifying bytes as ``XX`` (netscan/parsers/unwrap.py), a discovery answer's
dump recorded as ``other`` with the port it came from read by that port's discovery protocol
(netscan/parsers/__init__.py), and ASUSTOR ADM's DNS-SD announcement (signatures/fingerprints/noncamera-nas.yaml)
kept apart from the Vivotek model grammar. Each has counter-examples."""

from __future__ import annotations

import base64

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.unwrap import unwrap
from netscan.sigdb import SignatureDB


def _printable(chunk: bytes) -> str:
    return "".join(chr(c) if 32 <= c < 127 else "." for c in chunk)


def wireshark_hex(data: bytes, masked: range = range(0)) -> str:
    """Wireshark's "Copy as Hex Dump" (``0000   3c 3f ...   <?...``), the bytes at ``masked`` offsets written
    ``XX`` in the hex column and ``X`` in the ASCII column, as a publisher hides an identifier."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        cells = ["XX" if off + i in masked else f"{b:02x}" for i, b in enumerate(chunk)]
        text = "".join("X" if off + i in masked else _printable(bytes([b])) for i, b in enumerate(chunk))
        out.append(f"{off:04x}   {' '.join(cells):<47}   {text}")
    return "\n".join(out)


#: A SADP ProbeMatch (Hikvision's discovery answer on udp/37020), shortened; the serial is what gets masked.
SADP = (b'<?xml version="1.0" encoding="UTF-8"?>\r\n<ProbeMatch><Uuid>1D5E2B3A-0000-0000-0000-000000000000</Uuid>\r\n'
        b"<Types>inquiry</Types>\r\n<DeviceType>139783</DeviceType>\r\n<DeviceDescription>DS-2CD2022WD-I</DeviceDescription>\r\n"
        b"<DeviceSN>DS-2CD2022WD-I20150630AAWR512345678</DeviceSN>\r\n<SoftwareVersion>V5.3.3build 150630</SoftwareVersion>\r\n"
        b"</ProbeMatch>")
_SN = SADP.index(b"<DeviceSN>") + len(b"<DeviceSN>")
MASKED = range(_SN, _SN + 35)


def _other(raw: str, port: int | None) -> Response:
    return Response("other", raw, port, "recorded")


def test_masked_bytes_keep_the_dump_whole() -> None:
    text = unwrap(wireshark_hex(SADP, MASKED))
    assert text is not None and "<SoftwareVersion>V5.3.3build 150630</SoftwareVersion>" in text
    assert "<DeviceSN>" + "X" * 35 + "</DeviceSN>" in text
    # a binary packet keeps its length: each masked byte is one byte
    data = bytes(range(64))
    got = unwrap(wireshark_hex(data, range(10, 14)))
    assert got is not None and base64.b64decode(got[4:]) == data[:10] + b"XXXX" + data[14:]


def test_masked_counter_examples() -> None:
    # X's that are not a whole byte cell, or a line that is no dump, stay unread
    assert unwrap("0000   XXX 3c 3f\n0010   3c 3f 78\n") is None
    assert unwrap("0000   XX XX XX XX\n0004   XX XX XX XX\n") is None  # a run starts at a real byte (no dump tell)
    assert unwrap("Serial: XX XX XX\nModel: 12 34\n") is None


def test_a_dumped_answer_is_read_by_its_port(db: SignatureDB) -> None:
    f = fields(_other(wireshark_hex(SADP, MASKED), 37020))
    assert f.get("sadp.DeviceDescription") == ["DS-2CD2022WD-I"] and f.get("sadp.SoftwareVersion") == ["V5.3.3build 150630"]
    got = identify(Observation(ip=None, mac=None, responses=(_other(wireshark_hex(SADP, MASKED), 37020),)), db)
    assert (got.vendor, got.model, got.device_type) == ("Hikvision", "DS-2CD2022WD-I", "camera")


def test_port_reading_counter_examples() -> None:
    dump = wireshark_hex(SADP, MASKED)
    # no port, or a port no discovery protocol answers from: the dump is only unwrapped
    for port in (None, 8080):
        assert not any(k.startswith("sadp.") for k in fields(_other(dump, port)))
    # the same answer recorded as text (not a dump) is not re-routed by its port
    assert not any(k.startswith("sadp.") for k in fields(_other(SADP.decode(), 37020)))
    # a dump on a discovery port that is not that protocol's answer adds none of its fields
    other = wireshark_hex(b"HELLO WORLD, this is a plain banner line\r\n")
    assert not any(k.startswith(("sadp.", "mdns.", "dhip.")) for k in fields(_other(other, 37020)))


def _mdns_dig(service: str, model: str, version: str) -> Observation:
    raw = (f"{service}. 10 IN PTR Fileservers.{service}.\n"
           f'Fileservers.{service}. 10 IN TXT "model={model}" "version={version}"\n')
    return Observation(ip=None, mac=None, responses=(Response("mdns", raw, 5353, "recorded"),))


def test_asustor_adm_announcement_is_a_nas(db: SignatureDB) -> None:
    got = identify(_mdns_dig("_ASUSTOR_ADM._tcp.local", "AS6404T", "3.2.1.RKU4"), db)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("ASUSTOR", "AS6404T", "3.2.1.RKU4", "nas")
    got = identify(_mdns_dig("_ASUSTOR_ADM._tcp.local", "AS5304T", "4.3.3.RC92"), db)
    assert got.vendor == "ASUSTOR" and got.device_type == "nas"


def test_asustor_counter_examples(db: SignatureDB) -> None:
    # the TXT keys without ADM's service type name no maker from the model alone
    got = identify(_mdns_dig("_http._tcp.local", "AS6404T", "3.2.1.RKU4"), db)
    assert got.vendor != "ASUSTOR" and got.device_type not in ("camera", "nvr")
    # Vivotek's AS line (AS5336E) is still Vivotek's
    got = identify(_mdns_dig("_http._tcp.local", "AS5336E", "1.0"), db)
    assert got.vendor == "Vivotek"


def test_tplink_router_line_is_a_router_not_a_camera(db: SignatureDB) -> None:
    from tests.identify.familyclaims import family_claims

    for value, model in (("TL-WR841N", "TL-WR841N"), ("ipos/7.0 UPnP/1.0 TL-WR940N/1.0", "TL-WR940N"), ("TL-WDR4300", "TL-WDR4300")):
        claims = [(c.get("vendor"), c.get("model"), c.get("device_type")) for c in family_claims(db, value) if c.get("vendor")]
        assert claims == [("TP-Link", model, "router")], (value, claims)
    # TP-Link's access points, switches, adapters and cameras are not routers
    for value in ("TL-WA801N", "TL-SG3428", "TL-WN722N", "TL-IPC44GW"):
        assert all(c.get("device_type") != "router" for c in family_claims(db, value)), value


def test_nmap_table_router_is_not_renamed_by_one_port_guess(db: SignatureDB) -> None:
    # nmap's guess for one port ("Huawei HG8245T modem http config") against the page title and two other ports
    table = ("PORT      STATE SERVICE VERSION\n80/tcp    open  http    TP-LINK WR841N WAP http config\n|_http-title: TL-WR841N\n"
             "1900/tcp  open  upnp    ipOS upnpd (TP-LINK TL-WR841N WAP 11.0; UPnP 1.0)\n"
             "49152/tcp open  http    Huawei HG8245T modem http config\n")
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", table, None, "nmap"),)), db)
    assert (got.vendor, got.model, got.device_type) == ("TP-Link", "TL-WR841N", "router")


WSDISCOVER = ("\nDiscovered:\n\n address: 192.168.56.109:{port}\n  - onvif://www.onvif.org/name/C720\n"
              "  - onvif://www.onvif.org/hardware/C720\n  - onvif://www.onvif.org/type/NetworkVideoTransmitter\n")


def test_wsdiscover_address_is_the_xaddr_netloc(db: SignatureDB) -> None:
    f = fields(Response("other", WSDISCOVER.format(port=2020), None, "wsdiscover"))
    assert f.get("wsd.netloc") == ["192.168.56.109:2020"]
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", WSDISCOVER.format(port=2020), None, "wsdiscover"),)), db)
    assert (got.vendor, got.brand, got.model, got.device_type) == ("TP-Link", "Tapo", "C720", "camera")


def test_wsdiscover_address_counter_examples(db: SignatureDB) -> None:
    # another ONVIF port names no Tapo; an "address:" line outside a wsdiscover print is no XAddr
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", WSDISCOVER.format(port=80), None, "wsdiscover"),)), db)
    assert got.brand != "Tapo"
    text = " address: 10.0.0.5:2020\n  - onvif://www.onvif.org/hardware/C720\n"
    assert "wsd.netloc" not in fields(Response("other", text, None, "x"))


def test_ztag_ftp_greetings(db: SignatureDB) -> None:
    def ftp(banner: str) -> tuple[str | None, str | None, str | None]:
        got = identify(Observation(ip=None, mac=None, responses=(Response("other", banner, 21, "banner"),)), db)
        return got.vendor, got.model, got.device_type

    assert ftp("220 NetworkSpace2 FTP Server [10.0.1.50]\r\n") == ("LaCie", "NetworkSpace2", "nas")
    assert ftp("220 P-660RU-T1v2 FTP version 1.0 ready at Tue Jan 04 06:59:11 2000\r\n") == ("ZyXEL", "P-660RU-T1v2", "router")
    assert ftp("220 Welcome to Seagate Central Shared Storage FTP service.\r\n")[0::2] == ("Seagate", "nas")
    assert ftp("220 Network-Camera FTP server (GNU inetutils 1.4.2) ready.\r\n")[2] == "camera"
    # the same daemons under other host names say nothing of a maker or a camera
    assert ftp("220 myhost FTP server (GNU inetutils 1.4.2) ready.\r\n")[2] != "camera"
    assert ftp("220 P-2602HW FTP version 1.0 ready at Tue Jan 04 06:59:11 2000\r\n")[1] != "P-2602HW"  # not the P-660 line
    assert ftp("220 Welcome to the Central FTP service.\r\n")[0] != "Seagate"


def test_hid_vertx_discovery_answer(db: SignatureDB) -> None:
    answer = "discovered;096;00:06:8E:01:02:03;VertX_EVO_V2000;192.168.1.20;1;V2-V2000;3.6.3.101;07/27/2017;"
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", answer, 4070, "discover;013;"),)), db)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("HID", "V2000", "3.6.3.101", "other")
    # the search itself, or another maker's semicolon record, is no answer
    for text in ("discover;013;", "found;096;00:06:8E:01:02:03;host;192.168.1.20;1;V2-V2000;3.6.3.101;"):
        got = identify(Observation(ip=None, mac=None, responses=(Response("other", text, 4070, "x"),)), db)
        assert got.vendor != "HID"


#: Vivotek's udp/10000 discovery answer (type, length, value records), as wue-iot-note's dump shows it.
VIVOTEK_10000 = base64.b64decode("AvXddgMBEUlCOTM2MC1WVlRLLTAyMjNiAgYAAtGXZHADBKn+CCoEJAYCPSIWArsBCAJlbgkISUI5MzYwLUgQBAMAggAKAQAXAwEBgQUEAAAAAA==")


def test_binary_answer_strings(db: SignatureDB) -> None:
    f = fields(Response("other", "b64:" + base64.b64encode(VIVOTEK_10000).decode(), 10000, "x"))
    assert f.get("other.strings") == ["IB9360-VVTK-0223b", "IB9360-H"]
    got = identify(Observation(ip=None, mac=None, responses=(Response("other", wireshark_hex(VIVOTEK_10000), 10000, "x"),)), db)
    assert (got.vendor, got.model, got.firmware, got.device_type) == ("Vivotek", "IB9360-H", "IB9360-VVTK-0223b", "camera")
    # padding, masked runs and short runs are no strings
    junk = b"\x00\x01XXXXXXXXXX\x02\x03abc\x04" + b"\xff" * 8 + b"     \x00"
    assert "other.strings" not in fields(Response("other", "b64:" + base64.b64encode(junk).decode(), None, "x"))


def test_model_inside_a_firmware_string(db: SignatureDB) -> None:
    from netscan.identify.collect import _model_inside_firmware

    fw_only = _model_inside_firmware(db.family_matches("IB9360-VVTK-0223b"))
    assert [got.get("model") for _, got in fw_only if got.get("vendor") == "Vivotek"] == [None, None]
    assert {got.get("firmware") for _, got in fw_only} == {None, "IB9360-VVTK-0223b"}
    # a model written on its own is kept, also next to a firmware string
    assert any(got.get("model") == "FD9389-EHV-V2" for _, got in _model_inside_firmware(db.family_matches("FD9389-EHV-V2")))


def test_advantech_adam_module_name(db: SignatureDB) -> None:
    def strings_of(text: str) -> tuple[str | None, str | None, str | None]:
        data = b"MADA\x00\x00\x00\x83" + text.encode() + b"\x00\x00"
        got = identify(Observation(ip=None, mac=None, responses=(Response("other", "b64:" + base64.b64encode(data).decode(), 5048, "x"),)), db)
        return got.vendor, got.model, got.device_type

    assert strings_of("ADAM6060 Digital I/O Module") == ("Advantech", "ADAM6060", "other")
    assert strings_of("ADAM6060 firmware image")[0] != "Advantech"


def test_xiongmai_board_name_runs_on(db: SignatureDB) -> None:
    def models(value: str) -> set[str | None]:
        return {got.get("model") for rule, got in db.family_matches(value) if rule.id == "family-xiongmai-board"}

    assert models("XM530_50X50-WG_8M") == {"XM530_50X50-WG_8M"}
    assert models("HI3516EV300_85H50AI") == {"HI3516EV300_85H50AI"}
    # a sentence after the board name is not part of it
    assert models("XM530_50X50 - WG camera, 8M sensor") == {"XM530_50X50"}
