"""Session 10 "formats2" readers (docs/observations.md "Shapes of raw", "Encoded recordings"):
hex dumps, GStreamer RTSP message dumps, UTF-16 text, base64 and percent-encoded recordings
(netscan/parsers/unwrap.py), shell prompts and a reporter's note ahead of a log
(netscan/parsers/console.py). Each layout is written from the cited tool's documentation or source;
every reader has counter-examples that must stay unread."""

from __future__ import annotations

import base64

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.parsers.console import note_line, prompt_hosts
from netscan.parsers.unwrap import unwrap
from netscan.sigdb import SignatureDB

#: An RTSP 401 answer as a recorder's server sends it (header names as RFC 2326 spells them).
RTSP_401 = (b"RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nServer: Rtsp Server/3.0\r\n"
            b'WWW-Authenticate: Digest realm="DS-2CD2142FWD-I", nonce="5f1e2d3c"\r\n\r\n')


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


def _obs(raw: str, protocol: str = "other") -> Observation:
    return Observation(ip=None, mac=None, responses=(Response(protocol, raw, None, "recorded"),))


# ------------------------------------------------------------------ hex dumps, one writer each


def _printable(chunk: bytes) -> str:
    return "".join(chr(c) if 32 <= c < 127 else "." for c in chunk)


def xxd(data: bytes) -> str:
    """vim's xxd default: ``%08x:`` offset, 8 groups of 2 bytes, two blanks, the ASCII column (xxd(1))."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        groups = " ".join(chunk[i : i + 2].hex() for i in range(0, len(chunk), 2))
        out.append(f"{off:08x}: {groups:<39}  {_printable(chunk)}")
    return "\n".join(out)


def hexdump_c(data: bytes) -> str:
    """``hexdump -C`` (util-linux hexdump(1) "Canonical hex+ASCII display"): two blanks after the
    eighth byte, the ASCII column between bars."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        left = " ".join(f"{b:02x}" for b in chunk[:8])
        right = " ".join(f"{b:02x}" for b in chunk[8:])
        out.append(f"{off:08x}  {left:<23}  {right:<23}  |{_printable(chunk)}|")
    return "\n".join(out)


def wireshark_hex(data: bytes) -> str:
    """Wireshark's "Copy > ...as Hex Dump" of the packet bytes pane: a 4-digit offset, three blanks,
    16 bytes, three blanks, the ASCII column (Wireshark User's Guide, "The Packet Bytes Pane")."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        out.append(f"{off:04x}   {hexes:<47}   {_printable(chunk)}")
    return "\n".join(out)


def tcpdump_x(data: bytes) -> str:
    """``tcpdump -X`` (tcpdump(1)): a tab, ``0x%04x:``, two blanks, 8 groups of 2 bytes, the ASCII column."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        groups = " ".join(chunk[i : i + 2].hex() for i in range(0, len(chunk), 2))
        out.append(f"\t0x{off:04x}:  {groups:<39}  {_printable(chunk)}")
    return "\n".join(out)


def gst_dump_mem(data: bytes) -> str:
    """GLib/GStreamer ``gst_util_dump_mem``: ``%08x (%p): %-48.48s %-16.16s`` (gstutils.c)."""
    out = []
    for off in range(0, len(data), 16):
        chunk = data[off : off + 16]
        hexes = "".join(f"{b:02x} " for b in chunk)
        out.append(f"{off:08x} (0x55d0c4a1b{off:03x}): {hexes:<48} {_printable(chunk):<16}")
    return "\n".join(out)


def _ipv4_tcp(payload: bytes) -> bytes:
    """An IPv4 + TCP segment carrying ``payload`` (RFC 791 / RFC 9293 header layouts, no options)."""
    total = 20 + 20 + len(payload)
    ip = bytes([0x45, 0, total >> 8, total & 255, 0, 0, 0x40, 0, 64, 6, 0, 0, 192, 168, 1, 64, 192, 168, 1, 2])
    tcp = bytes([0x02, 0x2A, 0x9C, 0x40, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0, 100, 0, 0, 0, 0])
    return ip + tcp + payload


def test_every_dump_writer_gives_back_the_answer() -> None:
    for dump in (xxd(RTSP_401), hexdump_c(RTSP_401), wireshark_hex(RTSP_401), tcpdump_x(RTSP_401), gst_dump_mem(RTSP_401)):
        f = _f(dump, "rtsp")
        assert f["rtsp.status"] == ["401"], dump
        assert f["rtsp.header.server"] == ["Rtsp Server/3.0"], dump
        assert f["rtsp.header.www-authenticate"][0].startswith('Digest realm="DS-2CD2142FWD-I"'), dump


def test_a_captured_frame_is_cut_to_its_payload() -> None:
    # tcpdump -X prints the IP and TCP headers before the payload; Wireshark's copy of a frame adds Ethernet
    frame = _ipv4_tcp(RTSP_401)
    summary = "15:20:53.123456 IP 192.168.1.64.554 > 192.168.1.2.40000: Flags [P.], seq 1:100, ack 1, win 100, length 100\n"
    f = _f(summary + tcpdump_x(frame), "rtsp")
    assert f["rtsp.header.server"] == ["Rtsp Server/3.0"]
    ether = bytes(6) + bytes(6) + b"\x08\x00"
    assert _f(wireshark_hex(ether + frame), "rtsp")["rtsp.header.server"] == ["Rtsp Server/3.0"]


def test_a_dump_names_the_device_end_to_end(db: SignatureDB) -> None:
    got = identify(_obs(hexdump_c(RTSP_401), "rtsp"), db)
    assert got.vendor == "Hikvision" and got.model == "DS-2CD2142FWD-I"


def test_a_dump_of_a_binary_packet_is_its_bytes() -> None:
    data = bytes(range(0, 64))
    assert unwrap(xxd(data)) == "b64:" + base64.b64encode(data).decode()
    # ... but a binary dump inside other text is left as it is
    assert unwrap("captured on eth0:\n" + xxd(data) + "\nend") is None


def test_what_is_no_dump_stays_as_it_is() -> None:
    # numbers in columns, an offset that does not start at zero, one line alone
    assert unwrap("2023  12 34 56\n2024  9a bc de\n") is None
    assert unwrap("0000  12 34 56 78\n0010  9a bc de f0\n") is None  # the offsets do not follow the bytes
    assert unwrap("00000010: 4854 5450 2f31 2e31  HTTP/1.1\n00000020: 2034 3031 2055 6e61   401 Una\n") is None
    assert unwrap("00000000: 4854 5450 2f31 2e31 2034 3031 2055 6e61  HTTP/1.1 401 Una") is None
    assert unwrap("Date:  Mon, 01 Jan 2024 00:00:00 GMT\nServer:  x\n") is None
    # an answer recorded whole is read as it is: a dump in its body is the body's
    f = _f("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + xxd(b"RTSP/1.0 200 OK\r\nServer: X\r\n\r\n"), "http")
    assert f["http.status"] == ["200"] and "http.header.server" not in f


# ------------------------------------------------------------------ GStreamer RTSP message dumps

#: ``gst_rtsp_message_dump`` (GStreamer gst-libs/gst/rtsp/gstrtspmessage.c), as rtspsrc prints a
#: DESCRIBE and its answers with ``debug=true``.
GST_TRANSCRIPT = """RTSP request message 0x7ffc8a3e1b40
 request line:
   method: 'DESCRIBE'
   uri:    'rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0'
   version: '1.0'
 headers:
   key: 'Accept', value: 'application/sdp'
   key: 'CSeq', value: '2'
 body:
RTSP response message 0x7ffc8a3e1a90
 status line:
   code:   '401'
   reason: 'Unauthorized'
   version: '1.0'
 headers:
   key: 'CSeq', value: '2'
   key: 'WWW-Authenticate', value: 'Digest realm="Login to 4L0123PAZ12345", nonce="abc"'
 body: length 0
"""


def test_gstreamer_message_dump_is_read_as_the_exchange() -> None:
    sdp = b"v=0\r\no=- 2 2 IN IP4 0.0.0.0\r\ns=Media Server\r\nt=0 0\r\n"
    answer = ("RTSP response message 0x7ffc8a3e1a90\n status line:\n   code:   '200'\n   reason: 'OK'\n   version: '1.0'\n"
              " headers:\n   key: 'CSeq', value: '3'\n   key: 'Content-Type', value: 'application/sdp'\n"
              f" body: length {len(sdp)}\n" + gst_dump_mem(sdp) + "\n")
    f = _f(GST_TRANSCRIPT + answer, "rtsp")
    assert f["rtsp.status"] == ["401"]
    assert f["rtsp.header.www-authenticate"][0].startswith('Digest realm="Login to 4L0123PAZ12345"')
    assert f["rtsp.sdp.session"] == ["Media Server"]
    # the request is the client's: its URL is a client URL, never an answer
    assert f["rtsp.client-url"] == ["rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0"]
    request_only = GST_TRANSCRIPT.split("RTSP response message")[0]
    g = _f(request_only, "rtsp")
    assert "rtsp.status" not in g and "rtsp.header.accept" not in g


# ------------------------------------------------------------------ UTF-16, base64, percent-encoding


def test_utf16_text_is_decoded() -> None:
    # PowerShell 5.1 writes UTF-16LE with a byte-order mark for ">" and Out-File (about_Character_Encoding)
    text = "StatusCode        : 200\r\nRawContent        : HTTP/1.1 200 OK\r\n                    Server: Rtsp Server/3.0\r\n"
    raw = ("\ufeff" + text).encode("utf-16-le").decode("latin-1")
    assert unwrap(raw) == text
    assert unwrap(text.encode("utf-16-be").decode("latin-1")) == text
    # binary with NUL bytes is no UTF-16 text
    assert unwrap("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09" * 4) is None


def test_base64_and_percent_encoded_recordings() -> None:
    xml = "<DeviceInfo><model>DS-2CD2142FWD-I</model><firmwareVersion>V5.4.5</firmwareVersion></DeviceInfo>"
    b64 = base64.b64encode(xml.encode()).decode()
    assert unwrap(b64) == xml
    assert unwrap("\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))) == xml  # wrapped as base64(1) prints it
    assert _f(b64, "http")["http.xml.DeviceInfo/model"] == ["DS-2CD2142FWD-I"]
    assert unwrap("HTTP%2F1.1%20401%20Unauthorized%0D%0AServer%3A%20Rtsp%20Server%2F3.0%0D%0A%0D%0A") == (
        "HTTP/1.1 401 Unauthorized\r\nServer: Rtsp Server/3.0\r\n\r\n")
    # counter-examples: a serial number, a base64 of prose, a token, a URL with a few escapes
    for value in ("DS2CD2142FWDI20170405AAWR", base64.b64encode(b"hello world, a sentence of prose").decode(),
                  "YWJjZGVmZ2hpamtsbW5vcA==", "rtsp://admin:p%40ss%21word%23@192.168.1.2/stream1"):
        assert unwrap(value) is None, value


# ------------------------------------------------------------------ shell prompts


def test_prompt_host_of_a_device_console() -> None:
    # bash's Debian default PS1 '\u@\h:\w\$ ' and the Red Hat / BusyBox '[\u@\h \W]\$ '; the
    # bracketed form with a colon as Xiaomi-Dafang-Hacks' shell prints it (its issue 33, training)
    assert prompt_hosts("root@IPC-HFW1230S:~# cat /proc/version\nLinux version 3.10\nroot@IPC-HFW1230S:~# ps\n") == ["IPC-HFW1230S"]
    assert prompt_hosts("[root@DS-2CD2042WD ~]# uname -a\nLinux DS-2CD2042WD 3.0.8 armv7l\n") == ["DS-2CD2042WD"]
    assert prompt_hosts("[root@DAFANG_ChR:~]# cat /var/log/messages\nboa: server version Boa/0.94\n") == ["DAFANG_ChR"]
    # getty's prompt on a serial console (util-linux agetty(8): '<host> login: ')
    assert prompt_hosts("Starting kernel ...\nWelcome to HiLinux.\nHI3518EV200 login: root\nPassword:\n") == ["HI3518EV200"]


def test_prompts_that_are_not_the_device() -> None:
    # the user's own computer running a client against the device
    assert prompt_hosts("pi@raspberrypi:~ $ ffprobe rtsp://192.168.1.64/\nInput #0, rtsp\npi@raspberrypi:~ $ ls\n") == []
    assert prompt_hosts("user@laptop:~$ curl -v http://192.168.1.64/\n< HTTP/1.1 200 OK\n") == []
    # after a remote login only the remote's prompts count
    text = ("user@laptop:~$ telnet 192.168.1.10\nTrying 192.168.1.10...\n(none) login: root\nPassword:\n"
            "[root@Hikvision ~]# cat /proc/cpuinfo\nProcessor : ARMv7\n")
    assert prompt_hosts(text) == ["Hikvision"]
    # two hosts, unset and container names: none
    assert prompt_hosts("root@hostA:~# ls\nbin\nroot@hostB:~# ls\nbin\n") == []
    assert prompt_hosts("(none) login: root\nlocalhost login: root\n") == []
    assert prompt_hosts("root@3f4a5b6c7d8e:/# ls\n") == []
    # an e-mail address or a user@host in prose is no prompt
    assert prompt_hosts("Contact support@example.com: the camera rebooted\nsecond line\n") == []


def test_prompt_host_names_the_maker(db: SignatureDB) -> None:
    # the maker's name in the device's default host name, heading a long console log
    log = "[root@Hikvision ~]# cat /proc/version\nLinux version 3.0.8 (root@build) #2 PREEMPT\n" + "".join(
        f"    {n} root      0 SW   [kworker/{n}]\n" for n in range(40))
    assert len(log) > 256
    got = identify(_obs(log), db)
    assert got.vendor == "Hikvision"
    client = "pi@raspberrypi:~ $ ffprobe rtsp://192.168.1.64/\n" + "".join(f"  line {n} of ffprobe's output\n" for n in range(40))
    assert "other.prompt.host" not in _f(client)


# ------------------------------------------------------------------ a reporter's note on top of a log


def test_note_ahead_of_a_log() -> None:
    log = ("2024-03-01 10:00:00.123 DEBUG (MainThread) [custom_components.x] connecting\n"
           "2024-03-01 10:00:01.456 ERROR (MainThread) [custom_components.x] timeout\n"
           "2024-03-01 10:00:02.789 DEBUG (MainThread) [custom_components.x] retry\n")
    assert note_line("Reolink RLC-410 firmware v3.0.0.136_20121102\n" + log) == "Reolink RLC-410 firmware v3.0.0.136_20121102"
    assert note_line("**Camera: Hikvision DS-2CD2143G0-I**\n" + log) == "Camera: Hikvision DS-2CD2143G0-I"
    assert note_line("09:31:32.579 TRC [rtsp] client response:\nRTSP/1.0 200 OK\n10:00:00 INF x\n") is None
    # captions, commands, URLs, fences and lone logs are no note
    for first in ("Logs:", "$ go2rtc -c go2rtc.yaml", "http://192.168.1.64/ISAPI/System/deviceInfo", "```",
                  "GET /ISAPI/System/deviceInfo HTTP/1.1", "here is the log", "Server: App-webs/"):
        assert note_line(first + "\n" + log) is None, first
    assert note_line(log) is None
    # ffmpeg's av_log prefix ([rtsp @ 0x...]) and a logger's tag start log lines too
    ff = ("[rtsp @ 0x55d0c4a1b2c0] method DESCRIBE failed: 401 Unauthorized\n[rtsp @ 0x55d0c4a1b2c0] retrying\n"
          "[in#0 @ 0x55d0c4a1b300] Error opening input\n")
    assert note_line("Hikvision DS-2CD2143G0-I V5.5.80\n" + ff) == "Hikvision DS-2CD2143G0-I V5.5.80"
    jl = '{"level":"error","ts":1,"msg":"dial failed"}\n{"level":"info","ts":2,"msg":"retry"}\n'
    assert note_line("Amcrest IP8M-2496E, firmware V2.800.00AC006.0.R\n" + jl) == "Amcrest IP8M-2496E, firmware V2.800.00AC006.0.R"
    tb = 'Traceback (most recent call last):\n  File "/usr/lib/x.py", line 1, in <module>\n    foo()\nValueError: bad\n'
    assert note_line("Reolink RLC-810A\n" + tb) == "Reolink RLC-810A"
    assert note_line("Links\n[docs](https://example.com)\n[issue](https://example.com/1)\n[pr](https://example.com/2)\n") is None
    # a note over prose (not a log) is no note
    assert note_line("Reolink RLC-410\nI bought it last year.\nIt stopped working.\n") is None


def test_note_names_the_device(db: SignatureDB) -> None:
    log = "".join(f"2024-03-01 10:00:{n:02d}.123 DEBUG (MainThread) [custom_components.x] poll {n}\n" for n in range(20))
    got = identify(_obs("Hikvision DS-2CD2143G0-I\n" + log), db)
    assert got.vendor == "Hikvision" and got.model == "DS-2CD2143G0-I"
    assert identify(_obs(log), db).vendor is None


# ------------------------------------------------------------------ escaped quotes of a printed answer


def test_escaped_quotes_of_an_answer_printed_in_a_string() -> None:
    # go2rtc's trace prints the answer inside a quoted string (AlexxIT/go2rtc pkg/rtsp, logfmt values)
    raw = ('10:00:00.001 TRC [rtsp] read response="RTSP/1.0 401 Unauthorized\\r\\nCSeq: 1\\r\\n'
           'WWW-Authenticate: Digest realm=\\"IP Camera(C6N12)\\", nonce=\\"x\\"\\r\\n\\r\\n"')
    assert _f(raw, "rtsp")["rtsp.header.www-authenticate"] == ['Digest realm="IP Camera(C6N12)", nonce="x"']


# ------------------------------------------------------------------ a page copied as columns, Chinese labels


def test_two_column_copies() -> None:
    from netscan.parsers.console import column_pairs

    # a device page's table copied from a browser: cells separated by a tab
    tab = "Device Name\tIPCamera\nDevice Type\tIP Camera\nModel\tDS-2CD2142FWD-I\nFirmware Version\tV5.4.5 build 170123\n"
    f = _f(tab, "http")
    assert f["http.kv.Model"] == ["DS-2CD2142FWD-I"] and f["http.kv.FirmwareVersion"] == ["V5.4.5 build 170123"]
    # a console tool's aligned columns
    aligned = "Device Name      IPCamera\nModel            DS-2CD2142FWD-I\nSerial No.       DS-2CD2142FWD-I20170405AAWR\n"
    assert ("Model", "DS-2CD2142FWD-I") in column_pairs(aligned)
    # counter-examples: prose with double blanks, a table of records (ps, netstat), /proc/cpuinfo's ': '
    assert column_pairs("The camera  works.\nIt  stopped after an update.\nNow  it  reboots.\n") == []
    assert column_pairs("tcp        0      0 0.0.0.0:80   LISTEN\ntcp        0      0 0.0.0.0:554  LISTEN\n"
                        "tcp        0      0 0.0.0.0:8000 LISTEN\n") == []
    assert all(not v.startswith(":") for _, v in column_pairs("Processor\t: ARMv7\nBogoMIPS\t: 199.06\nHardware\t: X\n"))


def test_chinese_labels(db: SignatureDB) -> None:
    # the labels of Hikvision's and Dahua's Chinese device pages ("设备型号" device model, "主控版本"
    # main control version), full-width or ASCII colon
    text = "设备类型：IPC\n设备型号：DS-2CD2142FWD-I\n主控版本：V5.4.5 build 170123\n"
    f = _f(text, "http")
    assert f["http.kv.Model"] == ["DS-2CD2142FWD-I"] and f["http.kv.FirmwareVersion"] == ["V5.4.5 build 170123"]
    got = identify(_obs(text, "http"), db)
    assert got.vendor == "Hikvision" and got.firmware == "V5.4.5 build 170123"
    # a label it does not know, and prose, give nothing
    assert not any(k.startswith("http.kv.") for k in _f("备注：家里的摄像头\n这是一个测试\n第三行\n", "http"))


# ------------------------------------------------------------------ markup escaped or held in strings


def test_go_escaped_markup_in_a_log() -> None:
    # Go's encoding/json writes <, > and & as \u003c, \u003e, \u0026 (HTML-safe by default)
    raw = ('2024/01/01 10:00:00 response body: \\u003c?xml version=\\"1.0\\"?\\u003e\\u003cDeviceInfo\\u003e'
           "\\u003cmodel\\u003eDS-2CD2142FWD-I\\u003c/model\\u003e\\u003cfirmwareVersion\\u003eV5.4.5\\u003c/firmwareVersion\\u003e")
    f = _f(raw, "http")
    assert f["http.xml.model"] == ["DS-2CD2142FWD-I"] and f["http.xml.firmwareVersion"] == ["V5.4.5"]
    # a JSON document is left to the JSON parser (which undoes the escapes itself)
    doc = '{"a": "\\u003cb\\u003e", "c": "\\u003cd\\u003e", "e": "x"}'
    assert unwrap(doc) is None


def test_xml_held_in_a_json_string() -> None:
    raw = '{"status": 200, "body": "<DeviceInfo><model>DS-2CD2142FWD-I</model><firmwareVersion>V5.4.5</firmwareVersion></DeviceInfo>"}'
    f = _f(raw, "http")
    assert f["http.xml.model"] == ["DS-2CD2142FWD-I"]
    # an HTML page held in a string is no device document
    page = '{"page": "<html><head><title>x</title></head><body><td>DS-2CD2142FWD-I</td></body></html>"}'
    assert "http.xml.td" not in _f(page, "http")


# ------------------------------------------------------------------ certificates as openssl and nmap print them

#: ``openssl s_client -connect host:443`` (OpenSSL 3.x: apps/lib/s_cb.c prints ``depth=``, the
#: ``Certificate chain`` with `` 0 s:`` / ``   i:``, and the server certificate's ``subject=`` / ``issuer=``).
S_CLIENT = """CONNECTED(00000003)
depth=0 C = CN, ST = ZJ, L = HZ, O = Hikvision, OU = Hikvision, CN = 192.168.1.64
verify error:num=18:self-signed certificate
---
Certificate chain
 0 s:C = CN, ST = ZJ, L = HZ, O = Hikvision, OU = Hikvision, CN = 192.168.1.64
   i:C = CN, ST = ZJ, L = HZ, O = Hikvision, OU = Hikvision, CN = 192.168.1.64
---
Server certificate
subject=C = CN, ST = ZJ, L = HZ, O = Hikvision, OU = Hikvision, CN = 192.168.1.64
issuer=C = CN, ST = ZJ, L = HZ, O = Hikvision, OU = Hikvision, CN = 192.168.1.64
---
"""


def test_s_client_output_is_read_as_the_certificate() -> None:
    for proto in ("tls", "other", "https"):
        f = _f(S_CLIENT, proto)
        assert f["tls.o"] == ["Hikvision"], proto
        assert f["tls.subject"] == ["CN=192.168.1.64,OU=Hikvision,O=Hikvision,L=HZ,ST=ZJ,C=CN"], proto
        assert f["tls.self_signed"] == ["true"], proto
    # OpenSSL 1.0's one-line names, and nmap's ssl-cert script output (long attribute names, '/')
    old = "subject=/C=CN/ST=ZJ/O=Dahua/CN=IPC\nissuer=/C=CN/ST=ZJ/O=Dahua/CN=IPC\n"
    assert _f(old, "tls")["tls.subject"] == ["CN=IPC,O=Dahua,ST=ZJ,C=CN"]
    nmap = ("443/tcp open  ssl/http\n| ssl-cert: Subject: commonName=192.168.1.64/organizationName=Hikvision/countryName=CN\n"
            "| Issuer: commonName=192.168.1.64/organizationName=Hikvision/countryName=CN\n")
    assert _f(nmap)["tls.o"] == ["Hikvision"]
    # a chain's second certificate is the issuer's, not the server's
    chain = "Certificate chain\n 0 s:CN = cam.example\n   i:O = Example CA, CN = Example Issuing CA\n 1 s:O = Example CA, CN = Example Issuing CA\n   i:O = Example CA, CN = Example Root\n"
    f = _f(chain, "tls")
    assert f["tls.subject"] == ["CN=cam.example"] and f["tls.self_signed"] == ["false"]
    assert len(f["tls.issuer"]) == 1 and "Example Issuing CA" in f["tls.issuer"][0]
    # prose that mentions a subject is no certificate
    assert "tls.subject" not in _f("The subject=camera issue is that the issuer=me\nsecond line\n")


def test_socat_verbose_transcript() -> None:
    # socat -v (socat(1)): each transfer behind a "> date length=..." / "< date ..." line, a CR written
    # out as \r before the line's real LF
    raw = ("> 2024/01/01 10:00:00.123456  length=40 from=0 to=39\nDESCRIBE rtsp://192.168.1.108/ RTSP/1.0\\r\nCSeq: 2\\r\n\\r\n"
           "< 2024/01/01 10:00:00.223456  length=90 from=0 to=89\nRTSP/1.0 401 Unauthorized\\r\nCSeq: 2\\r\n"
           "Server: Rtsp Server/3.0\\r\n\\r\n")
    f = _f(raw, "rtsp")
    assert f["rtsp.status"] == ["401"] and f["rtsp.header.server"] == ["Rtsp Server/3.0"]


def test_html_escaped_documents() -> None:
    # a JSON answer shown HTML-escaped (a page's <pre>, a forum's code block), numeric references too
    raw = '{&quot;deviceType&quot;:&quot;IPC&quot;,&quot;model&quot;:&quot;IPC-HDW4631C-A&quot;}'
    assert _f(raw, "http")["http.json.model"] == ["IPC-HDW4631C-A"]
    assert _f("&#60;model&#62;IPC-HDW4631C-A&#60;/model&#62;", "http")["http.xml.model"] == ["IPC-HDW4631C-A"]
    # an HTML page's own references (attribute values beside real quotes) are not undone
    page = '<html><body><div data-x="{&quot;a&quot;:&quot;b&quot;,&quot;c&quot;:&quot;d&quot;}">x</div></body></html>'
    assert unwrap(page) is None
    assert unwrap('<div class="x" title="&quot;a&quot; &quot;b&quot;">y</div>\nline two') is None


def test_a_clients_prompt_in_a_banner_names_nobody(db: SignatureDB) -> None:
    # the user's Raspberry Pi running ffprobe: its host name is not the device's maker
    raw = ("pi@raspberrypi:~ $ ffprobe rtsp://192.168.1.64/\nInput #0, rtsp, from 'rtsp://192.168.1.64/':\n"
           "  Metadata:\n    title           : Media Presentation\npi@raspberrypi:~ $ ls\n")
    assert "raspberrypi" not in _f(raw)["other.banner"][0]
    assert identify(_obs(raw), db).vendor is None
    # the device's own prompt stays in the banner (a short one is read as it is)
    assert _f("[root@Hikvision ~]# ls\nbin etc\n")["other.banner"] == ["[root@Hikvision ~]# ls\nbin etc"]


def test_several_colon_pairs_on_a_line() -> None:
    from netscan.parsers.console import colon_pairs_in_line

    # a reporter's summary line and a YAML flow mapping (YAML 1.2 "flow mappings")
    f = _f("Brand: Reolink, Model: RLC-410, Firmware: v3.0.0.136_20121102")
    assert f["other.kv.Brand"] == ["Reolink"] and f["other.kv.Model"] == ["RLC-410"]
    assert f["other.kv.Firmware"] == ["v3.0.0.136_20121102"]
    assert colon_pairs_in_line("device: {model: RLC-410, firmware: v3.0.0.136}") == [("model", "RLC-410"), ("firmware", "v3.0.0.136")]
    assert colon_pairs_in_line("Model: DS-2CD2142FWD-I; Firmware: V5.4.5 build 170123") == [
        ("Model", "DS-2CD2142FWD-I"), ("Firmware", "V5.4.5 build 170123")]
    # prose with colons, one pair, a header with a date, URLs: none
    assert colon_pairs_in_line("Note: the camera reboots, and then: nothing works") == []
    assert colon_pairs_in_line("Date: Mon, 01 Jan 2024 00:00:00 GMT") == []
    assert colon_pairs_in_line("url: rtsp://x/1, backup: rtsp://x/2") == []


def test_one_field_per_element_of_a_page() -> None:
    from netscan.parsers.console import cell_pairs

    # a driver's device-information page held in a JSON string of its log (the SmartThings Edge ONVIF
    # driver's info event, training corpus hikvision-ipc-t281h-mu_edge-onvif-driver-info-log-edgeonvif2):
    # one "Key: value" per table cell, the page's line ends written \\n
    raw = ('2022-11-25T05:16:28.295599751+00:00 INFO ONVIF Video Camera V1.3  emitting event: {"state":{"value":"<!DOCTYPE html>'
           '\\n<table>\\n<tr><td>IP addr: 10.1.1.9</td></tr>\\n<tr><td>Model: IPC-T281H-MU</td></tr>\\n'
           '<tr><td>FirmwareVersion: V5.7.1 build 220610</td></tr>\\n<tr><td>Manufacturer: HIKVISION</td></tr>\\n</table>')
    f = _f(raw)
    assert f["other.kv.Model"] == ["IPC-T281H-MU"] and f["other.kv.Manufacturer"] == ["HIKVISION"]
    assert f["other.kv.FirmwareVersion"] == ["V5.7.1 build 220610"]
    assert cell_pairs("Model: DS-2CD2142FWD-I<br>\nFirmware Version: V5.4.5<br>") == [("Model", "DS-2CD2142FWD-I"), ("Firmware Version", "V5.4.5")]
    # an element of prose or of a style sheet is no field
    assert cell_pairs("<p>Note that the camera reboots when: it is cold</p>") == []
    assert cell_pairs("<td>https://192.168.1.64/ISAPI</td>") == []


def test_namespace_of_xml_that_does_not_parse() -> None:
    # a device document pasted inside a GitHub <details> block with a Markdown fence: the XML does not
    # parse whole; its namespace is the device's vocabulary, not a URL a client used
    raw = ('<details><summary>deviceInfo</summary>\n\n```xml\n<?xml version="1.0" encoding="UTF-8"?>\n'
           '<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n<model>DS-2CD2142FWD-I</model>\n'
           '</DeviceInfo>\n```\n</details>')
    f = _f(raw, "http")
    assert f["http.xmlns"] == ["http://www.hikvision.com/ver20/XMLSchema"]
    assert "http.client-url" not in f
    # a URL a client's log names is still a client URL
    assert _f("2024-01-01 10:00:00 GET http://192.168.1.64/ISAPI/System/deviceInfo failed: timeout\nsecond line\n", "http")[
        "http.client-url"] == ["http://192.168.1.64/ISAPI/System/deviceInfo"]


def test_arrow_pairs_and_bold_labels() -> None:
    # PHP print_r (php.net/print_r), Perl Data::Dumper, Ruby Hash#inspect
    php = ("Array\n(\n    [deviceName] => IPCamera\n    [model] => DS-2CD2142FWD-I\n"
           "    [firmwareVersion] => V5.4.5 build 170123\n    [channels] => Array\n        (\n        )\n)\n")
    f = _f(php)
    assert f["other.kv.model"] == ["DS-2CD2142FWD-I"] and f["other.kv.firmwareVersion"] == ["V5.4.5 build 170123"]
    assert "other.kv.channels" not in f
    perl = "$VAR1 = {\n          'model' => 'DS-2CD2142FWD-I',\n          'firmware' => 'V5.4.5'\n        };\n"
    assert _f(perl)["other.kv.model"] == ["DS-2CD2142FWD-I"]
    # a Markdown list of bold labels, the colon after the emphasis
    g = _f("- **Model**: DS-2CD2142FWD-I\n- **Firmware**: V5.4.5 build 170123\n")
    assert g["other.kv.Model"] == ["DS-2CD2142FWD-I"] and g["other.kv.Firmware"] == ["V5.4.5 build 170123"]


def test_a_dump_behind_log_prefixes() -> None:
    # GStreamer's GST_MEMDUMP lines: the debug log's prefix, then "%08x: " and the bytes (gstinfo.c)
    prefix = "0:00:01.234567890 12345 0x55d5c4a0 MEMDUMP rtspsrc gstrtspsrc.c:6060:gst_rtspsrc_loop:<rtspsrc0> "
    lines = []
    for off in range(0, len(RTSP_401), 16):
        chunk = RTSP_401[off : off + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        lines.append(f"{prefix}{off:08x}: {hexes:<47}  {_printable(chunk)}")
    f = _f("\n".join(lines), "rtsp")
    assert f["rtsp.status"] == ["401"] and f["rtsp.header.server"] == ["Rtsp Server/3.0"]
    # numbers behind a prefix that do not run as offsets are no dump
    assert unwrap("12:00:01 INFO id 0000 12 34 ok\n12:00:02 INFO id 0000 56 78 ok\n") is None
