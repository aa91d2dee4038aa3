"""Session 15 "reframe" readers (benchmarks/reframe_robustness.py; docs/observations.md "Shapes other tools
print"): a device's exchange as other tools and client libraries print it -- Go's ``%v`` of decoded JSON
(``map[...]``), ``tshark -V`` packet details (the answer's head, its JSON / text / XML body layer, the SDP inside
RTSP), a body printed below a status code and a header print (``print(r.status_code)``, ``print(r.headers)``,
``print(r.text)``), a runtime's object print above a body (``<Response [200 OK]>``), header mappings as Ruby,
httpx, urllib3 and aiohttp print them, and a JSON record whose headers are [name, value] pairs. Each reader has
counter-examples that must stay unread (a non-camera stays a non-camera), and hostile inputs that must neither
crash nor hang."""

from __future__ import annotations

import time
from pathlib import Path

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.parsers import fields
from netscan.parsers.printed import go_map_docs, powershell_response_fields
from netscan.parsers.toolout import dict_header_fields, dissection_fields
from netscan.sigdb import SignatureDB

DATA = Path(__file__).parent / "reframe_data"


def _f(raw: str, protocol: str = "other", request: str = "recorded") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, request))


def _ident(db: SignatureDB, raw: str, protocol: str = "other", request: str = "recorded"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, request),)), db)


# ------------------------------------------------------------------ Go's %v of a map[string]interface{}

#: ``fmt.Println(m)`` of an Axis basicdeviceinfo answer decoded into ``map[string]interface{}`` (keys sorted).
GO_AXIS = ("map[apiVersion:1.1 context:Axis library data:map[propertyList:map[Architecture:armv7hf Brand:AXIS "
           "BuildDate:Apr 29 2020 06:50 ProdFullName:AXIS M1065-LW Network Camera ProdNbr:M1065-LW ProdType:Network Camera "
           "Version:9.80.1]] method:getAllProperties]")


def test_go_map_print_is_read_as_the_document(db: SignatureDB) -> None:
    docs = go_map_docs(GO_AXIS)
    assert docs[0]["data"]["propertyList"]["ProdFullName"] == "AXIS M1065-LW Network Camera"
    assert docs[0]["data"]["propertyList"]["BuildDate"] == "Apr 29 2020 06:50"
    f = _f(GO_AXIS, "http", "GET /axis-cgi/basicdeviceinfo.cgi")
    assert f["http.json.data.propertyList.ProdNbr"] == ["M1065-LW"]
    ident = _ident(db, GO_AXIS, "http", "GET /axis-cgi/basicdeviceinfo.cgi")
    assert (ident.vendor, ident.model, ident.firmware) == ("Axis", "M1065-LW", "9.80.1")


def test_go_map_print_slices_nested_maps_and_empty_values() -> None:
    got = go_map_docs("[map[cmd:Unknown code:1 error:map[detail:not support rspCode:-9]] map[cmd:GetDevInfo code:0 "
                      "value:map[DevInfo:map[B485:0 exactType:IPC model:RLC-410 name:Front door serial:]]]]")
    assert got and got[0][1]["value"]["DevInfo"] == {"B485": "0", "exactType": "IPC", "model": "RLC-410",
                                                       "name": "Front door", "serial": ""}
    assert go_map_docs("resp: map[a:[1 2 map[b:c]] d:<nil>]") == [{"a": ["1", "2", {"b": "c"}], "d": "<nil>"}]


def test_go_map_counter_examples() -> None:
    assert go_map_docs("map[b:1 a:2]") == []  # fmt sorts a map's keys: unsorted is no map print
    assert go_map_docs("map[Content-Type:[text/html] Server:[App-webs/]]") == []  # an http.Header: the header readers'
    assert go_map_docs("map[only:one]") == []  # one entry says nothing
    assert go_map_docs("bitmap[a:1 b:2]") == []  # not fmt's token
    assert go_map_docs("map[a:1 b:2") == []  # unterminated


def test_go_map_of_a_non_camera_stays_a_non_camera(db: SignatureDB) -> None:
    # a Shelly relay's /shelly answer as a Go client prints it
    raw = "map[auth:false fw:20230913-114008/v1.14.0-gcb84623 mac:A4CF12F45A1B num_outputs:1 type:SHSW-1]"
    assert _ident(db, raw, "http", "GET /shelly").device_type not in VIDEO_TYPES


def test_go_map_hostile_input_is_bounded() -> None:
    t0 = time.perf_counter()
    assert go_map_docs("map[" * 20000) == []
    assert go_map_docs("map[" + " ".join(f"k{i:06d}:v" for i in range(50000)) + "]") == []  # too many entries
    go_map_docs("map[a:" + "x " * 40000 + "]")
    go_map_docs("map[a:" + "[" * 5000 + "]" * 5000 + " b:c]")
    assert time.perf_counter() - t0 < 5


# ------------------------------------------------------------------ tshark -V

def test_tshark_rtsp_answer_with_its_sdp() -> None:
    f: dict[str, list[str]] = {}
    dissection_fields(f, "other", (DATA / "tshark-V_rtsp-sdp.txt").read_text())
    assert f["rtsp.status"] == ["200"]
    assert f["rtsp.header.server"] == ["Hipcam RealServer/V1.0"]
    assert f["rtsp.header.content-type"] == ["application/sdp"]  # the RTSP dissector prints it without its \r\n
    assert f["rtsp.sdp.info"] == ["DS-2CD2032-I"]


def test_tshark_http_answer_with_json_and_text_bodies(db: SignatureDB) -> None:
    f: dict[str, list[str]] = {}
    dissection_fields(f, "other", (DATA / "tshark-V_http-json.txt").read_text())
    assert f["http.json.data.propertyList.ProdNbr"] == ["M1065-LW"]
    assert f["http.json.data.propertyList.Version"] == ["9.80.1"]
    assert "true" in f["http.json.data.propertyList.Soc"]
    g: dict[str, list[str]] = {}
    dissection_fields(g, "other", (DATA / "tshark-V_http-html-401.txt").read_text())
    assert g["http.status"] == ["401"]
    assert g["http.header.server"] == ["App-webs/"]
    assert g["http.title"] == ["Document Error: Unauthorized"]
    assert _ident(db, (DATA / "tshark-V_http-html-401.txt").read_text()).vendor == "Hikvision"


def test_tshark_request_is_not_an_answer() -> None:
    f: dict[str, list[str]] = {}
    dissection_fields(f, "other", (DATA / "tshark-V_http-request.txt").read_text())
    assert not any(k.startswith("http.") for k in f)


def test_tshark_hostile_dissection_is_bounded() -> None:
    t0 = time.perf_counter()
    deep = "Hypertext Transfer Protocol\n    HTTP/1.1 200 OK\\r\\n\nJavaScript Object Notation: application/json\n" + "".join(
        "    " * (i + 1) + ("Object\n" if i % 2 == 0 else "Member: a\n") for i in range(3000))
    f: dict[str, list[str]] = {}
    dissection_fields(f, "other", deep)
    dissection_fields(f, "other", "Hypertext Transfer Protocol\n" * 50000)
    dissection_fields(f, "other", "Real Time Streaming Protocol\n    Response: RTSP/1.0 200 OK\\r\\n\n" + "    X: y\n" * 50000)
    assert time.perf_counter() - t0 < 10


# ------------------------------------------------------------------ a body below a print's preamble

def test_document_below_status_and_header_print(db: SignatureDB) -> None:
    raw = ("200\n{'Content-Type': 'application/json'}\n{\n  \"apiVersion\": \"1.1\",\n  \"data\": {\n    \"propertyList\": {\n"
           "      \"Brand\": \"AXIS\",\n      \"ProdNbr\": \"M1065-LW\",\n      \"Version\": \"9.80.1\"\n    }\n  }\n}\n")
    f = _f(raw, "http", "GET /axis-cgi/basicdeviceinfo.cgi")
    assert f["http.json.data.propertyList.Version"] == ["9.80.1"]
    assert _ident(db, raw, "http", "GET /axis-cgi/basicdeviceinfo.cgi").firmware == "9.80.1"


def test_object_print_above_key_value_lines_is_no_markup() -> None:
    raw = "<Response [200 OK]>\nHeaders({'content-type': 'text/plain'})\nappAutoStart=true\ndeviceType=AD410\n"
    f = _f(raw, "http", "GET /cgi-bin/magicBox.cgi?action=getSystemInfo")
    assert f["http.kv.deviceType"] == ["AD410"]
    assert "http.unreadable" not in f
    # counter-examples: markup that opens with a tag and an attribute, or a tag alone, is still read as XML
    xml = _f('<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n<model>DS-2CD2032-I</model>\n'
             '</DeviceInfo>', "http", "GET /ISAPI/System/deviceInfo")
    assert xml["http.xml.DeviceInfo/model"] == ["DS-2CD2032-I"]
    bare = _f("<root><model>X1</model></root>", "http", "GET /")
    assert bare["http.xml.root/model"] == ["X1"]


# ------------------------------------------------------------------ header mappings

def _headers(text: str, prefix: str = "other") -> dict[str, list[str]]:
    f: dict[str, list[str]] = {}
    dict_header_fields(f, prefix, text)
    return f


def test_header_mapping_prints() -> None:
    ruby = _headers('{"content-type"=>["text/html"], "server"=>["AV-TECH AV787 Video Web Server"]}')  # Net::HTTP to_hash
    assert ruby["http.header.server"] == ["AV-TECH AV787 Video Web Server"]
    assert _headers("{'Server': 'GeoHttpServer'}")["http.header.server"] == ["GeoHttpServer"]  # print(r.headers)
    assert _headers("Headers({'server': 'GeoHttpServer'})")["http.header.server"] == ["GeoHttpServer"]  # httpx
    assert _headers("<CIMultiDictProxy('Server': 'ev-compat')>")["http.header.server"] == ["ev-compat"]  # aiohttp
    rtsp = _headers("{'CSeq': '1', 'Public': 'OPTIONS, DESCRIBE, PLAY', 'Date': 'Thu, May 14 2020 16:45:35 GMT'}")
    assert rtsp["rtsp.header.public"] == ["OPTIONS, DESCRIBE, PLAY"]


def test_header_mapping_counter_examples() -> None:
    assert _headers("{'server': 'pool.ntp.org'}") == {}  # an NTP setting, lower-cased, alone
    assert _headers("{'server': 'pool.ntp.org', 'port': '123'}") == {}
    assert _headers("{'Server': 'X', 'extra': 1}") == {}  # not a mapping of one pair
    assert _headers('{"name"=>["cam"], "model"=>["X"]}') == {}  # a Ruby hash of other members


def test_header_mapping_of_a_non_camera_stays_a_non_camera(db: SignatureDB) -> None:
    ident = _ident(db, "#<Net::HTTPOK 200 OK readbody=true>\n{\"server\"=>[\"nginx/1.4.6 (Ubuntu)\"], \"content-type\"=>[\"text/html\"]}\n",
                   "http", "GET /")
    assert ident.device_type not in VIDEO_TYPES


# ------------------------------------------------------------------ a JSON record with [name, value] header pairs

def test_json_record_with_header_pairs() -> None:
    raw = ('{"request": {"method": "GET", "url": "http://192.168.1.64/"}, "response": {"status_code": 401, "reason": '
           '"Unauthorized", "http_version": "HTTP/1.1", "headers": [["Server", "App-webs/"], ["Content-Type", "text/html"]], '
           '"content": "<html><title>Document Error: Unauthorized</title></html>"}}')
    f = _f(raw)
    assert f["http.header.server"] == ["App-webs/"]
    assert f["http.title"] == ["Document Error: Unauthorized"]


# ------------------------------------------------------------------ PowerShell's list view

PS_VIEW = """StatusCode        : 200
StatusDescription : OK
Content           : <?xml version="1.0" encoding="UTF-8"?> <...
RawContent        : HTTP/1.1 200 OK
                    Content-Type: application/xml
                    Server: App-webs/

                    <?xml version="1.0" encoding="UTF-8"?>
                    <DeviceInfo version="2.0"><deviceType>NVR</deviceType><model>DS-7608NI-I2</model></DeviceInfo>
Forms             : {}
Headers           : {[Content-Type, application/xml], [Server, App-webs/]}
RawContentLength  : 141
"""


def test_powershell_raw_content_is_read_with_its_body(db: SignatureDB) -> None:
    f: dict[str, list[str]] = {}
    powershell_response_fields(f, PS_VIEW)
    assert f["http.status"] == ["200"]
    assert f["http.header.server"] == ["App-webs/"]
    assert "DS-7608NI-I2" in str(f)
    ident = _ident(db, PS_VIEW, "http", "GET /ISAPI/System/deviceInfo")
    assert (ident.vendor, ident.model, ident.device_type) == ("Hikvision", "DS-7608NI-I2", "nvr")


def test_powershell_counter_examples_and_hostile_input() -> None:
    f: dict[str, list[str]] = {}
    powershell_response_fields(f, "RawContent        : {}\nForms : {}")  # no answer in it
    powershell_response_fields(f, "Description       : HTTP/1.1 200 OK is what it said")  # another property
    assert f == {}
    t0 = time.perf_counter()
    powershell_response_fields(f, "RawContent : HTTP/1.1 200 OK\n" + "             X: y\n" * 100000)
    assert time.perf_counter() - t0 < 5


# ------------------------------------------------------------------ nmap's upnp-info

NMAP_UPNP = """PORT     STATE SERVICE
1900/udp open  upnp
| upnp-info:
| 192.168.1.64
|     Server: Linux/2.6 UPnP/1.0 Sony-BDP/2.0
|     Location: http://192.168.1.64:52323/dmr.xml
|       Name: KJ-43X8500G
|       Manufacturer: Sony Corporation
|_      Model Name: KJ-43X8500G
"""


def test_nmap_upnp_info_gives_the_description_elements(db: SignatureDB) -> None:
    f = _f(NMAP_UPNP)
    assert f["upnp.manufacturer"] == ["Sony Corporation"]
    assert f["upnp.modelName"] == ["KJ-43X8500G"]
    assert f["ssdp.header.server"] == ["Linux/2.6 UPnP/1.0 Sony-BDP/2.0"]
    assert _ident(db, NMAP_UPNP).device_type not in VIDEO_TYPES  # a TV stays a non-camera


def test_nmap_upnp_info_of_several_devices_reads_the_first_only() -> None:
    two = NMAP_UPNP.replace("|_      Model Name: KJ-43X8500G", "|       Model Name: KJ-43X8500G\n| 192.168.1.65\n"
                                                                   "|       Name: Other\n|_      Manufacturer: Someone")
    f = _f(two)
    assert f["upnp.manufacturer"] == ["Sony Corporation"]
    assert "upnp.friendlyName" in f and f["upnp.friendlyName"] == ["KJ-43X8500G"]
