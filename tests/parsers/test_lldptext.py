"""tcpdump -v's decode of LLDP and CDP frames read into the neighbour fields (netscan/parsers/lldptext.py),
and the capability rules that type what announces itself (signatures/fingerprints/noncamera-routers.yaml).
Real printouts: the-tcpdump-group/tcpdump tests/lldp_cdp-ev.out (training corpus,
tests/corpus/noncameras/cisco-*tcpdump*.json); variants constructed in print-lldp.c's and print-cdp.c's words."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.lldptext import neighbour_text_fields
from netscan.sigdb import load_db

#: tcpdump tests/lldp_cdp-ev.out (HEAD 39b50f76), switch S1's CDPv2 frame
CDP = (
    "    1  2010-10-02 03:00:34.141848 00:18:ba:98:68:8f > 01:00:0c:cc:cc:cc, 802.3, length 374: LLC, dsap SNAP (0xaa) "
    "Individual, ssap SNAP (0xaa) Command, ctrl 0x03: oui Cisco (0x00000c), pid CDP (0x2000), length 366: CDPv2, ttl: 180s, "
    "checksum: 0x0bea (unverified), length 366\n"
    "\tDevice-ID (0x0001), value length: 2 bytes: 'S1'\n"
    "\tVersion String (0x0005), value length: 190 bytes: \n"
    "\t  Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), Version 12.2(44)SE, RELEASE SOFTWARE (fc1)\n"
    "\t  Copyright (c) 1986-2008 by Cisco Systems, Inc.\n"
    "\t  Compiled Sat 05-Jan-08 00:15 by weiliu\n"
    "\tPlatform (0x0006), value length: 19 bytes: 'cisco WS-C3560-24TS'\n"
    "\tAddress (0x0002), value length: 13 bytes: IPv4 (1) 0.0.0.0\n"
    "\tPort-ID (0x0003), value length: 16 bytes: 'FastEthernet0/13'\n"
    "\tCapability (0x0004), value length: 4 bytes: (0x00000028): L2 Switch, IGMP snooping\n"
)

#: the same file, switch S2's LLDP frame (older tcpdump's layout: no frame number)
LLDP = (
    "00:19:2f:a7:b2:8d > 01:80:c2:00:00:0e, ethertype LLDP (0x88cc), length 296: LLDP, length 282\n"
    "\tChassis ID TLV (1), length 7\n"
    "\t  Subtype MAC address (4): 00:19:2f:a7:b2:8d\n"
    "\tPort ID TLV (2), length 13\n"
    "\t  Subtype Interface alias (1): Uplink to S1\n"
    "\tTime to Live TLV (3), length 2: TTL 120s\n"
    "\tSystem Name TLV (5), length 12: S2.cisco.com\n"
    "\tSystem Description TLV (6), length 190\n"
    "\t  Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), Version 12.2(44)SE, RELEASE SOFTWARE (fc1)"
    "\\0x0aCopyright (c) 1986-2008 by Cisco Systems, Inc.\\0x0aCompiled Sat 05-Jan-08 00:15 by weiliu\n"
    "\tPort Description TLV (4), length 19: GigabitEthernet0/13\n"
    "\tSystem Capabilities TLV (7), length 4\n"
    "\t  System  Capabilities [Bridge, Router] (0x0014)\n"
    "\t  Enabled Capabilities [Bridge] (0x0004)\n"
    "\tEnd TLV (0), length 0\n"
)


def test_cdp_printout() -> None:
    f: dict[str, list[str]] = {}
    neighbour_text_fields(f, CDP)
    assert f["cdp.device_id"] == ["S1"]
    assert f["cdp.platform"] == ["cisco WS-C3560-24TS"]
    assert f["cdp.port_id"] == ["FastEthernet0/13"]
    assert f["cdp.capabilities"] == ["L2 Switch, IGMP snooping"]
    assert f["cdp.software_version"][0].startswith("Cisco IOS Software, C3560 Software")
    assert f["cdp.software_version"][0].endswith("Compiled Sat 05-Jan-08 00:15 by weiliu")  # its three lines


def test_lldp_printout() -> None:
    f: dict[str, list[str]] = {}
    neighbour_text_fields(f, LLDP)
    assert f["lldp.chassis_mac"] == ["00:19:2f:a7:b2:8d"]
    assert f["lldp.system_name"] == ["S2.cisco.com"]
    assert f["lldp.port_description"] == ["GigabitEthernet0/13"]
    assert f["lldp.capabilities_enabled"] == ["Bridge"]  # enabled, not the system's [Bridge, Router]
    assert f["lldp.system_description"][0].split("\n")[1] == "Copyright (c) 1986-2008 by Cisco Systems, Inc."


def test_no_header_no_fields() -> None:
    f: dict[str, list[str]] = {}
    neighbour_text_fields(f, "\tSystem Name TLV (5), length 12: S2.cisco.com\n\tPlatform (0x06), value length: 3 bytes: 'abc'\n")
    assert f == {}


def test_hostile_printout_is_bounded() -> None:
    text = "LLDP, length 1\n" + "\tSystem Name TLV (5), length 3: x\n" * 50000
    f: dict[str, list[str]] = {}
    neighbour_text_fields(f, text)
    assert len(f.get("lldp.system_name", [])) <= 1  # one distinct value, lines read bounded


def test_switch_is_typed_other_and_named() -> None:
    db = load_db()
    for raw, model in ((CDP, "WS-C3560-24TS"), (LLDP, None)):
        resp = Response("other", raw, None, "passive capture")
        assert {"cdp.platform", "lldp.system_name"} & set(fields(resp))  # read through the parsers' entry
        ident = identify(Observation(ip=None, mac=None, responses=(resp,)), db)
        assert ident.vendor == "Cisco"
        assert ident.device_type == "other"
        assert ident.firmware == "12.2(44)SE"
        if model:
            assert ident.model == model


def test_camera_station_stays_unknown_type() -> None:
    # constructed variant: a station announcing itself (an IP camera's LLDP, capabilities as tcpdump names them)
    raw = ("00:40:8c:aa:bb:cc > 01:80:c2:00:00:0e, ethertype LLDP (0x88cc), length 120: LLDP, length 106\n"
           "\tSystem Name TLV (5), length 12: axis-camera\n"
           "\tSystem Capabilities TLV (7), length 4\n"
           "\t  System  Capabilities [Station Only] (0x0080)\n"
           "\t  Enabled Capabilities [Station Only] (0x0080)\n")
    ident = identify(Observation(ip=None, mac=None, responses=(Response("other", raw, None, "capture"),)), load_db())
    assert ident.device_type != "other"


def test_routeros_system_resource_record() -> None:
    # MikroTik's RouterOS manual, REST API page: the curl example's answer (tests/corpus/noncameras/mikrotik-ccr1016-*)
    body = ('[{"architecture-name":"tile","board-name":"CCR1016-12S-1S+","build-time":"Dec/04/2020 14:19:51",'
            '"cpu":"tilegx","platform":"MikroTik","uptime":"2d20h12m20s","version":"7.1beta4 (development)"}]')
    ident = identify(Observation(ip=None, mac=None, responses=(Response("https", body, 443, "GET /rest/system/resource"),)), load_db())
    assert (ident.vendor, ident.model, ident.firmware, ident.device_type) == ("MikroTik", "CCR1016-12S-1S+", "7.1beta4", "router")


def test_board_name_alone_names_nobody() -> None:
    # constructed counter-example: a board-name without RouterOS's platform member (a SoC's evaluation board)
    body = '{"board-name": "Novatek NA51023 evaluation board", "version": "7.1"}'
    ident = identify(Observation(ip=None, mac=None, responses=(Response("http", body, 80, "GET /info"),)), load_db())
    assert ident.vendor is None and ident.model != "Novatek NA51023 evaluation board"
