"""Session 11 "formats3" readers (docs/observations.md "Shapes of raw"): pipe tables without the
outer pipes (several columns, or no separator row at all), Markdown rows of alternating keys and
values, an HTTP/RTSP answer inside an ``other`` text
(PowerShell ``Invoke-WebRequest``, Wireshark "Follow TCP Stream", an answer saved to a file), and
PowerShell's header dictionary. Each reader has counter-examples that must stay unread, and hostile
inputs that must neither crash nor hang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.keyvals import pipe_table_pairs
from netscan.parsers.shapes import table_pairs
from netscan.sigdb import SignatureDB

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


def _ident(db: SignatureDB, raw: str, protocol: str = "other"):  # type: ignore[no-untyped-def]
    return identify(Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, "recorded"),)), db)


def _corpus_raw(rel: str) -> tuple[str, str]:
    doc = json.loads((CORPUS / rel).read_text(encoding="utf-8"))
    r = doc["responses"][0]
    return r["protocol"], r["raw"]


# ------------------------------------------------------------------ pipe tables without outer pipes


def test_separator_less_value_table_from_an_app(db: SignatureDB) -> None:
    # guino/ppsapp-rtsp#7: a camera's device values copied as `key | "value"` rows, no header, no separator
    proto, raw = _corpus_raw("white-label/speed-3s-camera_device-values-table-ppsapp-rtsp7.json")
    f = _f(raw, proto)
    assert f["other.kv.model"] == ["Speed 3S"]  # the quotes are the app's, not the value's
    assert f["other.kv.firmwareversion"] == ["ppstrong-c51-tuya2_laxihub-2.9.7.20201028"]
    assert _ident(db, raw, proto).model == "Speed 3S"


def test_separator_less_rows_need_a_block_of_values() -> None:
    # two rows are not a dump; prose and shell pipelines have no digits or quotes in their "values"
    assert pipe_table_pairs("foo | bar\nbaz | qux\n") == []
    assert pipe_table_pairs("cat log | grep rtsp\nps | grep onvif\nls | sort\n") == []
    assert pipe_table_pairs("model | X1\nfw | 1.2\n") == []
    text = "model | \"Q-Cam 7\"\nfirmware | \"2.1.7\"\nhardware | \"H1\"\n"
    assert pipe_table_pairs(text) == [("model", "Q-Cam 7"), ("firmware", "2.1.7"), ("hardware", "H1")]
    # a key with blanks is a sentence, not a key: the block stops there
    assert pipe_table_pairs("the camera | says 1\nand then | 2\nsomething | 3\n") == []


def test_wide_pipe_table_without_outer_pipes() -> None:
    # a GitHub comment's table (GFM spec "Tables (extension)": the outer pipes are optional)
    text = "Model | Firmware | IP address\n--- | :---: | ---\nQ-Cam 7 | 2.1.7 build 1 | 10.0.0.2\n"
    assert pipe_table_pairs(text) == [("Model", "Q-Cam 7"), ("Firmware", "2.1.7 build 1"), ("IPAddress", "10.0.0.2")]
    f = _f(text)
    assert f["other.kv.Model"] == ["Q-Cam 7"] and f["other.kv.Firmware"] == ["2.1.7 build 1"]
    # one-letter column names are no names; a row of another width is not read under the header
    assert pipe_table_pairs("a | b | c\n--|--|--\n1 | 2 | 3\n") == []
    assert pipe_table_pairs("Model | Firmware | IP\n--- | --- | ---\nQ-Cam 7 | 2.1.7\n") == []
    # the header row above a separator is never a separator-less pair
    rows = "model | \"A1\"\nfw | \"1.2.3\"\nhw | \"2\"\nName | Value\n--- | ---\nModel | X-100\n"
    assert ("Name", "Value") not in pipe_table_pairs(rows) and ("Model", "X-100") in pipe_table_pairs(rows)


def test_alternating_key_value_markdown_rows(db: SignatureDB) -> None:
    # a device's details two to a row, the table's only row (a copied "device information" page)
    one = "| Model | Q-Cam 7 | Firmware | 2.1.7 build 1 |"
    assert table_pairs(one) == [("Model", "Q-Cam 7"), ("Firmware", "2.1.7 build 1")]
    assert _ident(db, one).firmware == "2.1.7 build 1"
    two = "| Model: | Q-Cam 7 | Firmware: | 2.1.7 |\n| IP | 10.0.0.2 | MAC | aa:bb:cc:dd:ee:ff |\n"
    assert ("MAC", "aa:bb:cc:dd:ee:ff") in table_pairs(two) and ("Model", "Q-Cam 7") in table_pairs(two)


def test_alternating_rows_counter_examples() -> None:
    # a four-column header row over its separator is a header
    head = "| Model | Firmware | IP | MAC |\n|---|---|---|---|\n| Q-Cam 7 | 2.1.7 | 10.0.0.2 | aa |\n"
    assert table_pairs(head) == [("Model", "Q-Cam 7"), ("Firmware", "2.1.7"), ("IP", "10.0.0.2"), ("MAC", "aa")]
    # a header row without a separator: its "values" hold no digit
    assert table_pairs("| Model | Firmware | IP | MAC |") == []
    # a data row: its "keys" are model codes, not words
    assert table_pairs("| DS-2CD2142 | V5.5.0 | IPC-HDW4300C | 2.420 |") == []


# ------------------------------------------------------------------ an exchange inside an `other` text


def test_status_line_answer_recorded_as_other(db: SignatureDB) -> None:
    raw = 'HTTP/1.1 401 Unauthorized\nServer: Hikvision-Webs\nWWW-Authenticate: Digest realm="DS-2CD2142FWD-I"\n\n'
    f = _f(raw)
    assert f["http.status"] == ["401"] and f["http.header.server"] == ["Hikvision-Webs"]
    assert _ident(db, raw).device_type == "camera"


def test_powershell_invoke_webrequest_print() -> None:
    # PowerShell's default list view of Invoke-WebRequest's answer (learn.microsoft.com Invoke-WebRequest;
    # layout as in gist markekraus/a550800e29547c9a6cbbe34bacca3274): RawContent's status line after its
    # label, the headers below it, the Headers dictionary cut by the console with "..."
    raw = ("StatusCode        : 401\nStatusDescription : Unauthorized\nContent           : \n"
           "RawContent        : HTTP/1.1 401 Unauthorized\n                    Server: Boa/0.94.14rc21\n"
           '                    WWW-Authenticate: Basic realm="NVR-X42"\n                    Content-Length: 0\n\n'
           'Headers           : {[Server, Boa/0.94.14rc21], [WWW-Authenticate, Basic realm="NVR-X42"], [Date, Fri, 20 Apr 2018 19:40:01 GMT]...}\n'
           "RawContentLength  : 0\n")
    f = _f(raw)
    assert f["http.status"] == ["401"]
    assert f["http.header.server"] == ["Boa/0.94.14rc21"]
    assert f["http.header.www-authenticate"] == ['Basic realm="NVR-X42"']
    headers_only = "Headers           : {[Server, Boa/0.94.14rc21], [Date, Fri, 20 Apr 2018 19:40:01 GMT]...}\n"
    g = _f(headers_only)
    assert g["http.header.server"] == ["Boa/0.94.14rc21"]
    assert g["http.header.date"] == ["Fri, 20 Apr 2018 19:40:01 GMT"]


def test_follow_tcp_stream_text() -> None:
    # Wireshark's "Follow TCP Stream" as ASCII (Wireshark User's Guide, "Following Protocol Streams"):
    # the client's request, then the device's answer
    raw = ("GET / HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: curl/7.81.0\r\n\r\nHTTP/1.1 200 OK\r\nServer: lighttpd/1.4.35\r\n"
           "Content-Type: text/html\r\n\r\n<html><head><title>Q-Cam 7 login</title></head></html>")
    f = _f(raw)
    assert f["http.status"] == ["200"]
    assert f["http.title"] == ["Q-Cam 7 login"]
    assert f["http.header.server"] == ["lighttpd/1.4.35"]  # the answer's, not the request's headers
    assert "http.header.user-agent" not in f


def test_rtsp_answer_with_sdp_in_a_log() -> None:
    raw = ("client log:\nRTSP/1.0 200 OK\nCSeq: 2\nServer: Rtsp Server/3.0\nContent-Type: application/sdp\n\n"
           "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=Media Presentation\ni=Q-Cam 7\nt=0 0\nm=video 0 RTP/AVP 96\n")
    f = _f(raw)
    assert f["rtsp.status"] == ["200"] and f["rtsp.sdp.info"] == ["Q-Cam 7"]
    assert "rtsp.body" not in f  # the body's own values are the banner readers'


#: openRTSP's log of a DESCRIBE (LIVE555's RTSPClient: "Received a complete DESCRIBE response:"), every
#: line a tab in, as posted in scottlamb/retina#17 (jlpoolen's comment of 2021-08-25), cut after the first m= line
OPENRTSP = ("\tSending request: DESCRIBE rtsp://192.168.1.48:554/h264Preview_01_main RTSP/1.0\n\tCSeq: 4\n"
            "\tUser-Agent: ./openRTSP (LIVE555 Streaming Media v2021.08.24)\n\tAccept: application/sdp\n\n"
            "\tReceived 890 new bytes of response data.\n\tReceived a complete DESCRIBE response:\n\tRTSP/1.0 200 OK\n"
            "\tCSeq: 4\n\tDate: Wed, Aug 25 2021 02:21:10 GMT\n\tContent-Base: rtsp://192.168.1.48/h264Preview_01_main/\n"
            "\tContent-Type: application/sdp\n\tContent-Length: 717\n\n\tv=0\n\to=- 1629795645777963 1 IN IP4 192.168.1.48\n"
            '\ts=Session streamed by "preview"\n\ti=h264Preview_01_main\n\tt=0 0\n\ta=tool:LIVE555 Streaming Media v2013.04.08\n'
            "\tm=video 0 RTP/AVP 96\n")


@pytest.mark.parametrize("protocol", ["other", "rtsp"])
def test_openrtsp_log_with_an_indented_sdp(protocol: str) -> None:
    f = _f(OPENRTSP, protocol)
    assert f["rtsp.status"] == ["200"]
    assert f["rtsp.header.content-base"] == ["rtsp://192.168.1.48/h264Preview_01_main/"]
    assert f["rtsp.sdp.session"] == ['Session streamed by "preview"']  # the body after the blank line, dedented
    assert f["rtsp.sdp.tool"] == ["LIVE555 Streaming Media v2013.04.08"]


def test_indented_answer_ends_at_its_block() -> None:
    # wget -S: the server response two blanks in, then wget's own unindented line; no body is invented
    raw = ("HTTP request sent, awaiting response... \n  HTTP/1.1 401 Unauthorized\n  Server: webserver\n"
           "  Content-Length: 0\nUsername/Password Authentication Failed.\n\n  v=0\n  s=not the answer's\n")
    f = _f(raw, "http")
    assert f["http.status"] == ["401"] and f["http.header.server"] == ["webserver"]
    assert "http.sdp.session" not in f


@pytest.mark.parametrize("raw", [
    "The camera says HTTP/1.1 is fine and 200 is ok",
    "see RFC 2326: RTSP/1.0 is the version\n",
    "HTTP/2 works\nServer: nothing",
])
def test_no_exchange_without_a_status_line(raw: str) -> None:
    f = _f(raw)
    assert not any(k.startswith(("http.", "rtsp.")) for k in f), f


def test_exchange_only_for_other_texts() -> None:
    # a telnet greeting quoting a status line stays a greeting (the device typed it, no exchange)
    f = _f("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n", "telnet")
    assert "http.status" not in f


# ------------------------------------------------------------------ Go fmt prints (pkg.go.dev/fmt "Printing")


def test_go_http_response_print() -> None:
    # fmt.Println of an *http.Response: &{Status StatusCode Proto ProtoMajor ProtoMinor Header ...}; the
    # Header is a map[string][]string printed map[k:[v] ...] in sorted key order
    raw = ('resp: &{401 Unauthorized 401 HTTP/1.1 1 1 map[Content-Length:[0] Server:[Q-Cam-Webs] '
           'Www-Authenticate:[Digest realm="QCAM-77", nonce="abc"]] {} 0 [] false false map[] 0xc000190000 <nil>}\n')
    f = _f(raw)
    assert f["http.status"] == ["401"]
    assert f["http.header.server"] == ["Q-Cam-Webs"]
    assert f["http.header.www-authenticate"] == ['Digest realm="QCAM-77", nonce="abc"']


def test_go_header_lines() -> None:
    # a loop printing each key of an http.Header with its slice (as in curl/curl#3385: "User-Agent: [curl/7.54.0]")
    f = _f("Content-Type: [text/html]\nServer: [App-webs/]\nDate: [Mon, 01 Jan 2024 10:00:00 GMT]\n")
    assert f["http.header.server"] == ["App-webs/"] and f["http.header.date"] == ["Mon, 01 Jan 2024 10:00:00 GMT"]


def test_go_struct_print(db: SignatureDB) -> None:
    # fmt's %+v of a flat struct: {Field:value Field:value}; a value runs to the next field name
    raw = "device info: {Manufacturer:QCam Model:QC-7700 FirmwareVersion:2.1.7 build 200101 SerialNumber:123456 HardwareId:88}\n"
    f = _f(raw)
    assert f["other.kv.FirmwareVersion"] == ["2.1.7 build 200101"]
    assert f["other.kv.Model"] == ["QC-7700"]
    ident = _ident(db, raw)
    assert (ident.model, ident.firmware) == ("QC-7700", "2.1.7 build 200101")


@pytest.mark.parametrize("raw", [
    "map[a:[1] b:[2]]",                                   # a map of other slices: no header name
    "map[Server:[x]]",                                    # one entry is no print of headers
    "Server: [x]\nnothing else\n",                        # one line is no run
])
def test_go_header_counter_examples(raw: str) -> None:
    f = _f(raw)
    assert not any(k.startswith("http.header.") for k in f), f


@pytest.mark.parametrize("raw", [
    "{Model:X}",                                          # one field is no struct print
    "{model:X fw:1.2.3}",                                 # unexported names: not read
    '{"Model": "X", "Fw": "1"}',                          # JSON is the JSON readers'
    "{Outer:{Model:X Fw:1.2.3}}",                         # a nested struct is not flat
])
def test_go_struct_counter_examples(raw: str) -> None:
    from netscan.parsers.toolout import go_struct_pairs

    assert go_struct_pairs(raw) == []


# ------------------------------------------------------------------ hostile inputs


@pytest.mark.parametrize("raw", [
    "|" * 200_000,
    "a | b\n" * 100_000,
    ("| K | 1 " * 5000) + "|\n",
    "Model | " + " | ".join(["Col"] * 5000) + "\n" + " | ".join(["--"] * 5001) + "\n",
    "k | \"" + "x" * 300 + "\"\n" * 3,
    "RawContent : HTTP/1.1 200 OK\n" + "Server: x\n" * 50_000,
    "HTTP/1.1 200 OK\n" * 50_000,
    "Headers : {" + "[Server, x], " * 20_000 + "...}",
    '{"model": "A", "version": "' + "1." * 50_000 + '1"}',
    '{"model": "A", "version": "1.2.3' + "\udcff" + '"}',
    "map[" + "Server:[x] " * 20_000 + "]",
    "map[Server:[" + "[" * 50_000,
    "{" + "Model:x " * 50_000 + "}",
    "{A:b " * 50_000,
])
def test_hostile_inputs_never_crash(raw: str) -> None:
    for proto in ("other", "http"):
        f = _f(raw, proto)
        assert isinstance(f, dict)
        assert not any(k.endswith(".unreadable") and "parser error" in " ".join(v) for k, v in f.items()), f.get(f"{proto}.unreadable")
