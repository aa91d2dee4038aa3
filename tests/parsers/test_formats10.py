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
