"""Console transcripts as people paste them (docs/observations.md "Shapes of raw"): what a shell
session on the device says about the device, and a reporter's one-line note ahead of a log.

- Shell prompts. A shell prints its prompt before every command, and the default prompts carry the
  machine's host name: bash's Debian/Ubuntu default ``\\u@\\h:\\w\\$`` (``root@IPC:~#``), the Red Hat /
  BusyBox style ``[\\u@\\h \\W]\\$`` (``[root@DS-2CD2042WD ~]#``, also ``[root@host:~]#``), and the
  getty line ``<host> login:`` that a serial console prints (util-linux agetty's and BusyBox getty's
  issue prompt). On a camera or recorder the host name is the factory default, which makers write
  as their name or the model (``axis-00408c...``, ``IPC``, ``DS-2CD...``): ``<prefix>.prompt.host``,
  read like a DHCP host name (signatures/families/generic.yaml ``maker_names``, the family grammars).
  A prompt is the CLIENT's when the session ran a network client from it (``curl``, ``wget``,
  ``ffprobe``, ``nmap``, ``python``...: the user's own computer talking to the device) -- its host
  is not read; after a remote login (``telnet``, ``ssh``, ``nc``, a serial terminal such as
  ``picocom``/``minicom``/``screen``) only the prompts that follow are the device's. A transcript whose
  device prompts name two different hosts names none.
- A reporter's note. A log (time-stamped or levelled lines, or a transcript with a status line)
  under a first line that is not part of it -- ``Camera: Reolink E1 Pro, firmware v3.0.0.2356``,
  ``Hikvision DS-2CD2143G0-I V5.5.80`` -- is a reporter's one-line identity note:
  ``<prefix>.note`` (read for a maker's name and by the family grammars, as a short text field). A
  caption (``Logs:``), a command line, a URL, a request line or a Markdown fence is no note.

Pure and bounded: at most ``MAX_CONSOLE_LINES`` lines of ``MAX_CONSOLE_CHARS`` characters are read;
each pattern is anchored and made of bounded classes (linear time on hostile text).
"""

from __future__ import annotations

import re

from netscan.parsers._util import Fields, add

MAX_CONSOLE_CHARS = 256 * 1024
MAX_CONSOLE_LINES = 4000
MAX_PROMPT_LINE = 2048
#: Longest note line.
MAX_NOTE_CHARS = 160

#: ``user@host:path# cmd`` (bash's Debian default prompt; ``$`` for a user, ``#`` for root).
_PROMPT_COLON = re.compile(r"^[ \t]{0,4}([a-z_][a-z0-9_.-]{0,31})@([A-Za-z0-9][A-Za-z0-9_.-]{0,62}):(?:[~/][^\s#$>]{0,200})?[ \t]?[#$][ \t]?(.{0,1000})$")
#: ``[user@host path]# cmd`` / ``[user@host:path]# cmd`` (Red Hat's and many BusyBox builds' PS1).
_PROMPT_BRACKET = re.compile(r"^[ \t]{0,4}\[([a-z_][a-z0-9_.-]{0,31})@([A-Za-z0-9][A-Za-z0-9_.-]{0,62})(?:[ :][^\]\s]{0,200})?\][ \t]?[#$][ \t]?(.{0,1000})$")
#: ``<host> login:`` (getty's prompt on a serial console).
_LOGIN = re.compile(r"^[ \t]{0,4}([A-Za-z0-9][A-Za-z0-9_.-]{0,62}) login:[ \t]?(.{0,200})$")
#: Host names that name no machine (unset, a container's id is caught by being hex only).
_NO_HOST = frozenset({"localhost", "none", "(none)", "unknown", "host", "hostname", "default"})
_HEX_ID = re.compile(r"[0-9a-f]{12}|[0-9a-f]{64}")
#: Commands by which a session logs in to another machine: the prompts after them are that machine's.
_REMOTE_LOGIN = frozenset({"telnet", "ssh", "nc", "ncat", "netcat", "socat", "minicom", "picocom", "screen", "cu", "plink",
                           "putty", "microcom", "tio", "dbclient", "rlogin", "adb", "kermit"})
#: Network clients and interpreters: a prompt that runs one is the user's own machine talking to the device.
_CLIENTS = frozenset({"curl", "wget", "ffprobe", "ffmpeg", "ffplay", "nmap", "masscan", "zgrab2", "nuclei", "httpx", "http", "https",
                      "python", "python2", "python3", "node", "npm", "npx", "go", "java", "docker", "podman", "gst-launch-1.0",
                      "gst-discoverer-1.0", "gst-play-1.0", "vlc", "cvlc", "mpv", "mplayer", "openrtsp", "onvif-cli", "onvif-util",
                      "snmpwalk", "snmpget", "snmpbulkwalk", "arp-scan", "tcpdump", "tshark", "wireshark", "ping", "traceroute",
                      "dig", "nslookup", "avahi-browse", "wsdiscover", "hass", "ha", "pip", "pip3", "git", "make", "cargo",
                      "sudo", "ssh-keygen", "scp", "rsync", "ftp", "tftp", "lftp", "openssl", "ipcam", "neolink", "go2rtc",
                      "frigate", "homebridge", "zmonvif-probe.pl", "zmu"})


def _command(rest: str) -> str:
    """The program a prompt line runs (its first word, a path's last part), lower-cased."""
    words = rest.split()
    if not words:
        return ""
    word = words[0]
    if word in ("sudo", "exec", "busybox", "time", "env") and len(words) > 1:
        word = words[1]
    return word.rsplit("/", 1)[-1].lower()


def _usable_host(host: str) -> bool:
    h = host.strip(".").lower()
    return len(h) >= 3 and h not in _NO_HOST and _HEX_ID.fullmatch(h) is None and not h.isdigit()


def _prompt(line: str) -> tuple[str, str] | None:
    """(host, command) of a prompt line, or None."""
    if "@" in line[:300]:
        m = _PROMPT_COLON.match(line) or _PROMPT_BRACKET.match(line)
        if m is not None:
            return m.group(2), m.group(3)
    if " login:" in line[:80]:
        g = _LOGIN.match(line)
        if g is not None:
            return g.group(1), ""
    return None


def prompt_hosts(text: str) -> list[str]:
    """The host name of the device's shell prompts in a console transcript (see module docstring):
    one name, or none when the transcript's device prompts name several or the prompts are a client's."""
    prompts: list[tuple[str, str]] = []
    for line in text[:MAX_CONSOLE_CHARS].split("\n", MAX_CONSOLE_LINES)[:MAX_CONSOLE_LINES]:
        if "@" not in line and " login:" not in line:
            continue
        p = _prompt(line[:MAX_PROMPT_LINE].rstrip("\r"))
        if p is not None:
            prompts.append(p)
    if not prompts:
        return []
    last_login = max((i for i, (_, cmd) in enumerate(prompts) if _command(cmd) in _REMOTE_LOGIN), default=-1)
    session = prompts[last_login + 1 :]
    clients = {host.lower() for host, cmd in prompts if _command(cmd) in _CLIENTS}
    hosts: list[str] = []
    for host, _ in session:
        if host.lower() in clients or not _usable_host(host):
            continue
        if all(host.lower() != h.lower() for h in hosts):
            hosts.append(host)
    return hosts if len(hosts) == 1 else []


# ------------------------------------------------------------------ a reporter's note ahead of a log

#: A line that a log or transcript is made of: a time stamp or level first, or a status line.
_LOG_LINE = re.compile(
    r"^[ \t]{0,4}(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}|\[?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}[ ,]|\[?\d{1,2}:\d{2}:\d{2}"
    r"|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}|\[ {0,8}\d{1,6}\.\d{3,6}\]|\d{2}-\d{2} \d{2}:\d{2}"
    r"|\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|ERR|TRACE|TRC|DBG|WRN|CRITICAL|FATAL)\b|(?:HTTP|RTSP)/\d)"
)
#: What a note may not be: a caption, a command, a URL, a request, a fence, a header of an answer.
_NOT_NOTE = re.compile(
    r"(?i)(?:://|^\s*(?:[$#>%]|```|~~~|<|\{|\[|\||(?:GET|POST|PUT|HEAD|OPTIONS|DESCRIBE|SETUP|PLAY|TEARDOWN)\s)"
    r"|^\s*(?:server|www-authenticate|content-type|content-length|cseq|date|connection|user-agent|authorization)\s*:)"
)
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s+|\*\*|__)")


def note_line(text: str) -> str | None:
    """A reporter's one-line note on top of a log (see module docstring), or None."""
    head = text[:16384].split("\n", 14)[:14]
    lines = [ln.rstrip("\r") for ln in head if ln.strip()]
    if len(lines) < 3:
        return None
    first = lines[0].strip()
    if _LOG_LINE.match(first) is not None or _prompt(first) is not None:
        return None
    note = _HEADING.sub("", first).strip().strip("*_").strip()
    if not (3 <= len(note) <= MAX_NOTE_CHARS) or note.endswith(":") or _NOT_NOTE.search(note) is not None:
        return None
    if not any(c.isalpha() for c in note) or not any(c.isdigit() or c.isupper() for c in note):
        return None
    rest = lines[1:12]
    logged = sum(_LOG_LINE.match(ln) is not None for ln in rest)
    if logged < 2 or logged * 2 < len(rest):
        return None
    return note


def console_fields(fields: Fields, prefix: str, text: str) -> None:
    """``<prefix>.prompt.host`` and ``<prefix>.note`` of a console transcript or a log (module docstring)."""
    if "\n" not in text:
        return
    if "@" in text or " login:" in text:
        for host in prompt_hosts(text):
            add(fields, f"{prefix}.prompt.host", host)
    note = note_line(text)
    if note is not None:
        add(fields, f"{prefix}.note", note)
