"""Session 7 "formats" readers and model-field selection (docs/observations.md): each example is
written from the cited tool documentation, MIB or source, or from a training-corpus shape."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.toolout import log_prefix_text
from netscan.sigdb import SignatureDB


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


# ------------------------------------------------------------------ IEEE802dot11-MIB resource table

#: dot11ResourceInfoTable columns (IEEE802dot11-MIB, 1.2.840.10036.3.1.2.1.{2,3,4}: manufacturer's
#: name, product name, product version), as Observium's airos poller prints them in its comment
#: (pgmillon/observium includes/polling/os/airos.inc.php) and as an snmpsim recording spells them.
DOT11_WALK = ("IEEE802dot11-MIB::dot11manufacturerProductName.5 = STRING: NanoBridge M5\n"
              "IEEE802dot11-MIB::dot11manufacturerProductVersion.5 = STRING: XM.ar7240.v5.5.2.14175.120816.1340\n")
DOT11_SNMPREC = ("1.3.6.1.2.1.1.1.0|4|Linux 2.6.32.29 #1 mips\n"
                 "1.2.840.10036.3.1.2.1.2.5|4|Ubiquiti Networks, Inc.\n"
                 "1.2.840.10036.3.1.2.1.3.5|4|NanoBridge M5\n")


def test_dot11_product_name_in_walks_and_snmprec() -> None:
    for raw in (DOT11_WALK, DOT11_SNMPREC, "iso.2.840.10036.3.1.2.1.3.5 = STRING: \"NanoBridge M5\"\n",
                "1.2.840.10036.3.1.2.1.3.5|4|NanoBridge M5\n1.2.840.10036.3.1.2.1.4.5|4|XM.v5.5.2\n"):
        f = _f(raw)
        assert f["snmp.dot11manufacturerProductName"] == ["NanoBridge M5"], raw
    assert _f(DOT11_SNMPREC)["snmp.dot11manufacturerName"] == ["Ubiquiti Networks, Inc."]
    # another table of the same MIB (dot11StationConfigTable's dot11DesiredSSID) is not a product name
    assert "snmp.dot11manufacturerProductName" not in _f("1.2.840.10036.1.1.1.9.5|4|NanoBridge M5\n1.3.6.1.2.1.1.5.0|4|x\n")


# ------------------------------------------------------------------ UPnP modelName vs modelNumber


def _upnp(name: str, number: str | None, maker: str = "Acme") -> Observation:
    num = f"<modelNumber>{number}</modelNumber>" if number is not None else ""
    raw = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
           "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>x</friendlyName>"
           f"<manufacturer>{maker}</manufacturer><modelName>{name}</modelName>{num}<UDN>uuid:1</UDN></device></root>")
    return Observation(ip=None, mac=None, responses=(Response("upnp", raw, None, "GET description"),))


def test_upnp_model_code_wins_over_a_line_name(db: SignatureDB) -> None:
    # UPnP Device Architecture 1.0 section 2.1; fillings as in the training corpus (hyconet4j's TV
    # descriptions, Linksys WAG200G, Sonos): a line name or a description in modelName, the code in
    # modelNumber -> the code; a product name in modelName and a short internal code -> the name
    assert identify(_upnp("Panasonic VIErA", "TH-55GX850"), db).model == "TH-55GX850"
    assert identify(_upnp("Wireless-G ADSL Home Gateway", "WAG200G"), db).model == "WAG200G"
    assert identify(_upnp("Sonos One", "S13"), db).model == "Sonos One"
    assert identify(_upnp("Sonos PLAY:1", "S12"), db).model == "Sonos PLAY:1"
    # a model code in modelName stays the model, whatever modelNumber holds
    assert identify(_upnp("TL-WR740N", "4.0"), db).model == "TL-WR740N"
    assert identify(_upnp("QE55Q60AAU", "AllShare1.0"), db).model == "QE55Q60AAU"
    assert identify(_upnp("FRITZ!Box 7530", "avme"), db).model == "FRITZ!Box 7530"
    # a version or a build date in modelNumber is no model code
    assert identify(_upnp("gmediarender", "2015-05-06_aa3d02c"), db).model == "gmediarender"
    assert identify(_upnp("Media Renderer", "V2.1.3"), db).model == "Media Renderer"


# ------------------------------------------------------------------ XML with its markup stripped


def test_stripped_xml_under_a_caption_or_a_declaration(db: SignatureDB) -> None:
    # ONVIF GetDeviceInformationResponse's elements (Manufacturer, Model, FirmwareVersion, SerialNumber,
    # HardwareId: ONVIF Core Specification 8.3.1) as a page shows them once the tags are gone, under a
    # reporter's caption, or with the XML declaration left in
    values = "Dahua\nIPC-HDW1230S\n2.622.0000000.31.R\n1G0123PAZ000123\n00\n"
    for raw in ("Response:\n" + values, "When I call GetDeviceInformation I get this back\n" + values,
                '<?xml version="1.0" encoding="UTF-8"?>\n' + values):
        dev = identify(Observation(ip=None, mac=None, responses=(Response("http", raw, None, ""),)), db)
        assert (dev.vendor, dev.model, dev.firmware) == ("Dahua", "IPC-HDW1230S", "2.622.0000000.31.R"), raw
    # prose stays prose: a caption is dropped only above at least four value lines
    assert "http.line" not in _f("When I call it I get this back\nsome words here\n2 more\n", "http")
    assert "http.line" not in _f("I tried this:\nthen it failed with a long error message here\nand again 2 times\nok\nyes\n", "http")


# ------------------------------------------------------------------ headers logged by Java/Kotlin clients


def test_header_prints_of_ktor_objects_and_brackets() -> None:
    realm = 'Digest realm="DS-2CD2142FWD-I", qop="auth"'
    prints = (
        # ktorio/ktor Headers.kt: HeadersImpl.toString() = "Headers ${entries()}" (name=[values] entries)
        f"Headers [Server=[Hikvision-Webs], WWW-Authenticate=[{realm}]]",
        # a Kotlin data class / Lombok print per header, and a Java record's
        f"[Pair(first=Server, second=Hikvision-Webs), Pair(first=WWW-Authenticate, second={realm})]",
        f"[Header(name=Server, value=Hikvision-Webs), Header(name=WWW-Authenticate, value={realm})]",
        f"[Header[name=Server, value=Hikvision-Webs], Header[name=WWW-Authenticate, value={realm}]]",
        # each header in its own brackets
        f"[Server: Hikvision-Webs][WWW-Authenticate: {realm}]",
    )
    for raw in prints:
        f = _f(raw, "http")
        assert f["http.header.server"][0] == "Hikvision-Webs", raw
        assert f["http.header.www-authenticate"][0] == realm, raw
    # one header a line: OkHttp's Headers is an Iterable<Pair<String, String>> (square/okhttp Headers.kt),
    # each Kotlin Pair printing as "(first, second)"; component objects, bracketed entries, map entries
    for raw in ("(Server, Hikvision-Webs)\n(Content-Type, text/html)\n", "Pair(first=Server, second=Hikvision-Webs)\nPair(first=Date, second=Mon, 01 Jan 2024)\n",
                "[Server: Hikvision-Webs]\n[Content-Length: 0]\n", "Server=[Hikvision-Webs]\nContent-Length=[0]\n"):
        assert _f(raw, "http")["http.header.server"][0] == "Hikvision-Webs", raw
    assert not any(k.startswith("http.header.") for k in _f("(a, b)\n(c, d)\n", "http"))
    # one entry, or no known header name, is no header print
    assert "http.header.server" not in _f("[Pair(first=Server, second=Hikvision-Webs)]", "http")
    assert "http.header.colour" not in _f("[Pair(first=colour, second=red), Pair(first=size, second=2)] Server", "http")


def test_okhttp_logging_interceptor_and_apache_wire_log() -> None:
    # square/okhttp HttpLoggingInterceptor.kt: "<-- {code} {message} {url} ({ms}ms)", then "Name: value"
    # lines, then "<-- END HTTP"; on Android behind logcat's "D/OkHttp: " prefix
    lines = ["<-- 401 Unauthorized http://192.168.1.64/ISAPI/System/deviceInfo (35ms)", "Date: Mon, 01 Jan 2024 00:00:00 GMT",
             "Server: App-webs/", 'WWW-Authenticate: Digest qop="auth", realm="IP Camera(C6591)"', "<-- END HTTP"]
    for prefix in ("", "D/OkHttp: ", "2024-01-01 10:00:00.123 12345-12400/app I/okhttp.OkHttpClient: "):
        f = _f("\n".join(prefix + ln for ln in lines), "http")
        assert f["http.status"] == ["401"] and f["http.header.server"][0] == "App-webs/", prefix
        assert f["http.header.www-authenticate"][0] == 'Digest qop="auth", realm="IP Camera(C6591)"', prefix
    # Apache HttpClient 4 wire log (org.apache.http.wire): each line quoted, CR LF written as [\r][\n]
    wire = ('DEBUG org.apache.http.wire - http-outgoing-0 << "HTTP/1.1 401 Unauthorized[\\r][\\n]"\n'
            'DEBUG org.apache.http.wire - http-outgoing-0 << "Server: Hikvision-Webs[\\r][\\n]"\n'
            'DEBUG org.apache.http.wire - http-outgoing-0 << "WWW-Authenticate: Digest realm=\\"DS-2CD2142FWD-I\\"[\\r][\\n]"\n')
    f = _f(wire, "http")
    assert f["http.header.server"] == ["Hikvision-Webs"]
    assert f["http.header.www-authenticate"] == ['Digest realm="DS-2CD2142FWD-I"']
    # a request line of the interceptor ("--> GET url") is no answer
    assert "http.status" not in _f("--> GET http://192.168.1.64/ (0-byte body)\nServer: x\n--> END GET", "http")


# ------------------------------------------------------------------ logs with per-line prefixes


def test_log_prefixes_with_source_locations_and_levels() -> None:
    logs = (
        # a device's own log: time stamp, level, source location in brackets
        "[2023-01-01 12:00:00][INFO][sys_main.c:123] system version: V5.5.0\n[2023-01-01 12:00:01][INFO][sys_main.c:124] device model: X1-200\n",
        # google/glog's prefix (glog README "Lyyyymmdd hh:mm:ss.uuuuuu threadid file:line] msg", month and day only before 0.7)
        "I0101 12:00:00.123456  1234 main.cc:123] system version: V5.5.0\nI0101 12:00:00.123501  1234 main.cc:124] device model: X1-200\n",
        # Android logcat -v threadtime (developer.android.com logcat: date time PID TID priority tag: message)
        "01-01 12:00:00.123  1234  1234 I CamSdk: system version: V5.5.0\n01-01 12:00:00.124  1234  1234 D CamSdk: device model: X1-200\n",
        # a bare source location after the stamp, and in angle brackets
        "2023-01-01 12:00:00 main.c:123: system version: V5.5.0\n2023-01-01 12:00:00 cfg.c:45: device model: X1-200\n",
        "2023-01-01 12:00:00 <dvr_sys.c:88> system version: V5.5.0\n2023-01-01 12:00:00 <dvr_sys.c:89> device model: X1-200\n",
        # the kernel's printk time
        "[    1.234567] system version: V5.5.0\n[    2.345678] device model: X1-200\n",
        # no time stamp: the level first; Python logging's default format LEVEL:logger:message
        "[INFO][sys_cfg.c:120] system version: V5.5.0\n[INFO][sys_cfg.c:121] device model: X1-200\n",
        "INFO:onvif.client:system version: V5.5.0\nINFO:onvif.client:device model: X1-200\n",
    )
    for raw in logs:
        f = _f(raw, "http")
        assert f.get("http.kv.systemVersion") == ["V5.5.0"] and f.get("http.kv.deviceModel") == ["X1-200"], raw
    # a message that starts with a small number keeps it; plain key/value lines are no log
    assert log_prefix_text("2023-01-01 12:00:00 INFO 2 cameras found\n2023-01-01 12:00:01 INFO model: X") == "2 cameras found\nmodel: X"
    assert log_prefix_text("Device: cam\nModel: X\n") is None


# ------------------------------------------------------------------ ONVIF scopes in discovery tools' output


def test_scope_uris_in_tool_output(db: SignatureDB) -> None:
    # python-wsdiscovery's wsdiscover (andreikop/python-ws-discovery wsdiscovery/cmdline.py: "Discovered:",
    # " address: <netloc>", then "  - <scope>" a line, the value as Scope.__repr__ prints it)
    wsdiscover = ("\nDiscovered:\n\n address: 192.168.1.20:80\n  - onvif://www.onvif.org/type/video_encoder\n"
                  "  - onvif://www.onvif.org/name/Acme Vision\n  - onvif://www.onvif.org/hardware/AV-IPC200\n")
    f = _f(wsdiscover, "http")
    assert f["wsd.scope"] == ["onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/name/Acme Vision",
                              "onvif://www.onvif.org/hardware/AV-IPC200"]
    # several scopes on one line, URL-encoded as devices send them (ONVIF Core 7.3.2.2)
    line = ("Scopes: onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/HIKVISION%20DS-2CD2142FWD-I "
            "onvif://www.onvif.org/hardware/DS-2CD2142FWD-I")
    assert "onvif://www.onvif.org/name/HIKVISION DS-2CD2142FWD-I" in _f(line, "other")["wsd.scope"]
    dev = identify(Observation(ip=None, mac=None, responses=(Response("http", line, None, ""),)), db)
    assert (dev.vendor, dev.model) == ("Hikvision", "DS-2CD2142FWD-I")
    assert "wsd.scope" not in _f("see https://www.onvif.org/profiles/ for scopes\nnothing here\n", "http")


# ------------------------------------------------------------------ JSON behind markup, tables of JSON


def test_json_behind_tags_and_tables_inside_markup() -> None:
    doc = '{"deviceInfo": {"manufacturer": "Acme", "deviceModel": "AC-IPC200", "firmwareVersion": "V2.1.0"}}'
    for raw in (f"<pre>{doc}</pre>", f"<html><body><pre>\n{doc}\n</pre></body></html>", f"<br>{doc}"):
        f = _f(raw, "http")
        assert f["http.json.deviceInfo.deviceModel"] == ["AC-IPC200"], raw
    # a script's object is no document
    assert "http.json.model" not in _f('<script>var x = {"model": "AC-IPC200"}</script>', "http")
    # a JSON document pasted as a key/value Markdown table (quoted cells), with or without markup around it
    table = '| Field | Value |\n|---|---|\n| "manufacturer" | "Acme" |\n| "model" | "AC-IPC200", |\n'
    for raw in (table, f"<details><summary>deviceInfo</summary>\n\n{table}\n</details>", '<p>| "manufacturer" | "Acme" |\n| "model" | "AC-IPC200" |</p>'):
        f = _f(raw, "http")
        assert f["http.kv.manufacturer"] == ["Acme"] and f["http.kv.model"] == ["AC-IPC200"], raw


# ------------------------------------------------------------------ discovery-tool lines, MQTT device blocks


def test_discovery_tool_line_alone_and_its_closing_bracket(db: SignatureDB) -> None:
    # libonvif onvif-util -a: "<ip> <host name>(<camera name>)", one line alone as a recorded banner
    line = "192.168.1.12 ipcam(HIKVISION DS-2CD2042WD-I)"
    assert _f(line)["wsd.name"] == ["HIKVISION DS-2CD2042WD-I"]
    dev = identify(Observation(ip=None, mac=None, responses=(Response("other", line, None, ""),)), db)
    assert (dev.vendor, dev.model) == ("Hikvision", "DS-2CD2042WD-I")  # not "DS-2CD2042WD-I)"


def test_mqtt_discovery_device_block_under_its_long_name() -> None:
    # Home Assistant MQTT discovery (homeassistant/components/mqtt/abbreviations.py DEVICE_ABBREVIATIONS):
    # the device block's short keys are expanded whether the block is named "dev" or "device"
    log = ('homeassistant/camera/cam1/config {"name": "Cam", "device": {"ids": ["cam1"], "mf": "Acme", "mdl": "AC-IPC200", "sw": "V2.1.0"}}\n'
           'homeassistant/sensor/cam1/motion/config {"name": "Motion", "device": {"ids": ["cam1"]}}\n')
    f = _f(log)
    assert f["other.json.device.model"] == ["AC-IPC200"] and f["other.json.device.manufacturer"] == ["Acme"]


# ------------------------------------------------------------------ maker prefix, series word


def test_model_with_and_without_its_makers_name_is_one_model(db: SignatureDB) -> None:
    # Axis's UPnP description (AXIS modelName "AXIS M3045-V", modelNumber "M3045-V"): one model, the bare one
    dev = identify(_upnp("AXIS M3045-V", "M3045-V", maker="AXIS"), db)
    assert (dev.vendor, dev.model) == ("Axis", "M3045-V")
    # a product name without a model number after the maker's name stays whole
    assert identify(_upnp("Sonos One", "S13", maker="Sonos, Inc."), db).model == "Sonos One"


def test_device_id_series_word() -> None:
    from netscan.parsers.shapes import device_id_pairs

    # IEEE 1284 device IDs as HP and Epson print them (MDL:... series): the model without the family word
    assert ("MDL", "DeskJet 4530") in device_id_pairs("MFG:HP;MDL:DeskJet 4530 series;CMD:PCL,PJL;")
    assert ("MDL", "Photosmart Series") in device_id_pairs("MFG:HP;MDL:Photosmart Series;")  # no number: kept


def test_model_number_code_beside_a_line_name_outside_upnp(db: SignatureDB) -> None:
    # Roku ECP /query/device-info (ctalkington/python-rokuecp tests/fixtures/device-info-stick.xml):
    # model-name "Roku Stick" (the line), model-number "3500X" (the model)
    raw = ("<device-info><vendor-name>Roku</vendor-name><model-name>Roku Stick</model-name>"
           "<model-number>3500X</model-number><software-version>10.0.0</software-version></device-info>")
    dev = identify(Observation(ip=None, mac=None, responses=(Response("http", raw, None, "GET /query/device-info"),)), db)
    assert dev.model == "3500X"
    # a line name alone is still the model
    raw2 = raw.replace("<model-number>3500X</model-number>", "")
    assert identify(Observation(ip=None, mac=None, responses=(Response("http", raw2, None, "GET /query/device-info"),)), db).model == "Roku Stick"
