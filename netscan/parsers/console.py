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


#: A shell prompt in front of a command: ``# ``, ``$ ``, ``% `` (BusyBox's ``/ # ``, ``~ $ ``), behind a
#: ``user@host:path``, a ``[user@host path]`` or a path; zsh's ``➜  ~ `` (oh-my-zsh's default theme).
_SHELL_PROMPT = re.compile(
    r"^[ \t]{0,4}(?:\u279c[ \t]{1,3}[^\s]{1,60}[ \t]{1,3}"
    r"|(?:\[[^\]\n]{1,120}\]|[a-z_][a-z0-9_.-]{0,31}@[A-Za-z0-9][A-Za-z0-9_.-]{0,62}(?::[^\s#$%]{0,120})?|[~/][^\s#$%]{0,120})?"
    r"[ \t]?[#$%][ \t]{1,4})")
#: A command that prints one key's value (the key path its last word): ``cat /proc/device-tree/model``, ``getprop
#: ro.product.model``, ``nvram get model``, ``uci get system.@system[0].model``, ``fw_printenv -n model``, and a device
#: tool's ``get <key>`` (SiliconDust's ``hdhomerun_config <id> get /sys/hwmodel``).
_GETTER = re.compile(
    r"(?:sudo[ \t]{1,4})?(?:cat[ \t]{1,4}(?P<path>/[\w./@\[\]-]{1,200})"
    r"|(?:getprop|nvram[ \t]{1,4}get|uci[ \t]{1,4}(?:-q[ \t]{1,4})?get|fw_printenv[ \t]{1,4}-n)[ \t]{1,4}(?P<key>[\w./@\[\]-]{1,120})"
    r"|[\w.-]{1,40}(?:[ \t]{1,4}[\w.:-]{1,40}){0,3}[ \t]{1,4}get[ \t]{1,4}(?P<res>/[\w./-]{1,120}))[ \t]{0,4}")
#: The key a getter must name: the device's model (``model``, ``hwmodel``, ``board_model``, ``model_name``, ``product_model``).
_MODEL_KEY = re.compile(r"(?i)(?:[a-z]{1,12}[_-]?)?model(?:[_-]?(?:name|number|id))?")
#: An evaluation board's name (a SoC maker's device tree ``model``): the platform's, never the device's.
_DEMO_BOARD = re.compile(r"(?i)(?<![a-z0-9])(?:(?:demo|eval(?:uation)?|reference|development|dev)[ _-]?(?:board|kit)|evb)(?![a-z])")


def getter_answers(text: str) -> list[tuple[str, str]]:
    """(key, value) of the commands of a console transcript that print one model key's value (``_GETTER``: a shell
    prompt, then ``cat /proc/device-tree/model``, ``getprop ro.product.model``, ``hdhomerun_config <id> get
    /sys/hwmodel``...) and of their answer: exactly one line of at most 80 characters before the next prompt or the
    end. A client's own machine (a prompt that ran a network client before) is not told apart here: such commands
    read the local machine's files, so the transcript's device is the one the prompt runs on; an evaluation board's
    name (``Hisilicon HI3516DV300 DEMO Board``) is the SoC's, not kept."""
    out: list[tuple[str, str]] = []
    lines = text[:MAX_CONSOLE_CHARS].split("\n", MAX_CONSOLE_LINES)[:MAX_CONSOLE_LINES]
    for i, line in enumerate(lines):
        if "odel" not in line and "ODEL" not in line:
            continue
        p = _SHELL_PROMPT.match(line)
        if p is None:
            continue
        g = _GETTER.fullmatch(line.rstrip("\r"), p.end())
        if g is None:
            continue
        path = g.group("path") or g.group("key") or g.group("res") or ""
        key = re.split(r"[/.]", path.rstrip("/"))[-1]
        if not _MODEL_KEY.fullmatch(key):
            continue
        answer: list[str] = []
        for nxt in lines[i + 1 : i + 4]:
            value = nxt.strip().strip("\x00").strip()
            if not value or value in ("#", "$", "%") or value.startswith("```") or _SHELL_PROMPT.match(nxt) is not None:
                break
            answer.append(value)
        if len(answer) == 1 and len(answer[0]) <= 80 and _DEMO_BOARD.search(answer[0]) is None:
            out.append((key, answer[0]))
            if len(out) >= 8:
                break
    return out


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
    clients = _client_hosts(prompts)
    hosts: list[str] = []
    for host, _ in session:
        if host.lower() in clients or not _usable_host(host):
            continue
        if all(host.lower() != h.lower() for h in hosts):
            hosts.append(host)
    return hosts if len(hosts) == 1 else []


def _client_hosts(prompts: list[tuple[str, str]]) -> set[str]:
    """Hosts (lower-cased) of the prompts that are the user's own machine: those that ran a network
    client, and those before the last remote login."""
    last_login = max((i for i, (_, cmd) in enumerate(prompts) if _command(cmd) in _REMOTE_LOGIN), default=-1)
    out = {host.lower() for host, cmd in prompts if _command(cmd) in _CLIENTS}
    out.update(host.lower() for host, _ in prompts[: last_login + 1])
    return out


def without_client_prompts(text: str) -> str:
    """``text`` with the prompts of the user's own machine (see ``_client_hosts``) cut to ``$ ``: a
    banner field that is a client's console transcript does not name the client's host as the device."""
    lines = text[:MAX_CONSOLE_CHARS].split("\n", MAX_CONSOLE_LINES)
    prompts = [(i, p) for i, ln in enumerate(lines[:MAX_CONSOLE_LINES]) if "@" in ln and (p := _prompt(ln[:MAX_PROMPT_LINE].rstrip("\r"))) is not None]
    if not prompts:
        return text
    clients = _client_hosts([p for _, p in prompts])
    changed = False
    for i, (host, cmd) in prompts:
        if host.lower() in clients:
            lines[i] = "$ " + cmd
            changed = True
    return "\n".join(lines) if changed else text


# ------------------------------------------------------------------ a reporter's note ahead of a log

#: A line that a log or transcript is made of: a time stamp or level first, or a status line.
_LOG_LINE = re.compile(
    r"^[ \t]{0,4}(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}|\[?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}[ ,]|\[?\d{1,2}:\d{2}:\d{2}"
    r"|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}|\[ {0,8}\d{1,6}\.\d{3,6}\]|\d{2}-\d{2} \d{2}:\d{2}"
    r"|\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|ERR|TRACE|TRC|DBG|WRN|CRITICAL|FATAL)\b|(?:HTTP|RTSP)/\d"
    r"|\[[a-z][\w-]{0,30} @ (?:0x)?[0-9a-fA-F]{4,16}\]"  # ffmpeg's av_log prefix: [rtsp @ 0x55d0c4a1b2c0]
    r"|\[[A-Za-z][\w .:/-]{0,40}\](?!\())"  # a logger's or plugin's tag: [Hikvision], [rtsp] (not a Markdown link)
    r"|\{\"[\w.@-]{1,40}\":"  # a JSON Lines record (zap, pino, go2rtc's JSON output)
    r"|Traceback \(most recent call last\):|  File \"|[A-Za-z_][\w.]{0,60}(?:Error|Exception): "  # a Python traceback
)
#: What a note may not be: a caption, a command, a URL, a request, a fence, a header of an answer.
_NOT_NOTE = re.compile(
    r"(?i)(?:://|^\s*(?:[$#>%]|```|~~~|<|\{|\[|\||(?:GET|POST|PUT|HEAD|OPTIONS|DESCRIBE|SETUP|PLAY|TEARDOWN)\s)"
    r"|^\s*(?:server|www-authenticate|content-type|content-length|cseq|date|connection|user-agent|authorization)\s*:)"
)
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s+|\*\*|__)")


def note_line(text: str) -> str | None:
    """A reporter's one-line note on top of a log (see module docstring), or None."""
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start, start + 1024)
    if nl < 0:
        return None
    first = text[start:nl].strip()
    if first[:1] in "{[<|`$%" or _LOG_LINE.match(first) is not None or "://" in first:
        return None  # (the usual case: the text starts as a document, a log or a transcript)
    head = text[:16384].split("\n", 14)[:14]
    lines = [ln.rstrip("\r") for ln in head if ln.strip()]
    if len(lines) < 3 or _prompt(first) is not None:
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
    """``<prefix>.prompt.host`` and ``<prefix>.note`` of a console transcript or a log (module docstring), and the
    one-line answers of commands that read a model key (``getter_answers``) as ``<prefix>.kv.<key>``."""
    if "\n" not in text:
        return
    if "@" in text or " login:" in text:
        for host in prompt_hosts(text):
            add(fields, f"{prefix}.prompt.host", host)
    if ("odel" in text or "ODEL" in text) and ("# " in text or "$ " in text or "\u279c" in text or "% " in text):
        for key, value in getter_answers(text):
            add(fields, f"{prefix}.kv.{key}", value)
    note = note_line(text)
    if note is not None:
        add(fields, f"{prefix}.note", note)


def column_fields(fields: Fields, prefix: str, text: str) -> None:
    """``<prefix>.kv.<Label>`` of a two-column copy and of Chinese labels (see ``column_pairs``, ``cjk_label_pairs``)."""
    from netscan.parsers.shapes import norm_key  # noqa: PLC0415 (shapes imports the SNMP reader: kept off this module's import)

    if "\t" in text or "   " in text:
        for label, value in column_pairs(text):
            key = norm_key(label)
            if key:
                add(fields, f"{prefix}.kv.{key}", value)
    if ": " in text and _TWO_ITEMS.search(text, 0, 65536) is not None:
        from netscan.parsers.toolout import put_first  # noqa: PLC0415 (toolout imports this module)

        n = 0
        for ln in text[:65536].split("\n", 400)[:400]:
            if ln.count(": ") < 2 or "://" in ln:
                continue
            pairs = colon_pairs_in_line(ln)
            for key, value in pairs:
                k = norm_key(key)
                if k:
                    put_first(fields, f"{prefix}.kv.{k}", [value])  # before a line reader's value that ran on past it
            n += len(pairs)
            if n >= 64:
                break
    if "<" in text and (": " in text or ":\t" in text) and ("</" in text or "<br" in text or "<BR" in text):
        from netscan.parsers.toolout import put_first  # noqa: PLC0415 (toolout imports this module)

        grouped: dict[str, list[str]] = {}
        for key, value in cell_pairs(text):
            k = norm_key(key)
            if k and value not in grouped.setdefault(k, []):
                grouped[k].append(value)
        for k, values in grouped.items():
            put_first(fields, f"{prefix}.kv.{k}", values)  # before a line reader's value that kept the tags
    if "=>" in text:
        for key, value in arrow_pairs(text):
            k = norm_key(key)
            if k:
                add(fields, f"{prefix}.kv.{k}", value)
    if not text.isascii():  # (isascii: a flag of the string, no scan) labels in other languages and scripts (netscan/parsers/labels.py)
        from netscan.parsers.labels import local_label_pairs  # noqa: PLC0415 (labels imports _util only; kept beside its use)

        for key, value in local_label_pairs(text):
            add(fields, f"{prefix}.kv.{key}", value)


# ------------------------------------------------------------------ a page copied as columns

#: A label (1-5 words, a letter first) and its value separated by a tab, or by a gap of blanks.
_TAB_PAIR = re.compile(r"^[ \t]{0,8}([A-Za-z][\w./()#-]{0,40}(?: [\w./()#-]{1,24}){0,4}):?\t[ \t]{0,40}([^\s:=].{0,300})$")
_GAP_PAIR = re.compile(r"^[ \t]{0,8}([A-Za-z][\w./()#-]{0,40}(?: [\w./()#-]{1,24}){0,4}):? {2,60}([^\s:=].{0,300})$")
#: Fewest pairs of a column layout, and the share of the text's lines they must be.
MIN_COLUMN_PAIRS = 3


def column_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) of a two-column layout a browser or a console tool gives when a device page or
    a table is copied as text: ``Model<TAB>DS-2CD2142FWD-I`` (a table's cells copied), or the value
    column aligned by blanks (``Model            DS-2CD2142FWD-I``). Read when at least
    ``MIN_COLUMN_PAIRS`` lines and two in three of the non-empty lines are such pairs; with blanks,
    when the values of most of them start in the same column (an aligned table, not prose)."""
    lines = [ln.rstrip("\r") for ln in text[:65536].split("\n", 400)[:400] if ln.strip()]
    if len(lines) < MIN_COLUMN_PAIRS:
        return []
    for rx, aligned in ((_TAB_PAIR, False), (_GAP_PAIR, True)):
        if not aligned and "\t" not in text:
            continue
        pairs: list[tuple[str, str, int]] = []
        misses = 0
        sep = "\t" if not aligned else "  "
        for ln in lines:
            m = rx.match(ln) if sep in ln else None
            if m is not None and ": " not in m.group(1):
                pairs.append((m.group(1).strip().rstrip(":"), m.group(2).strip(), m.start(2)))
            else:
                misses += 1
                if misses * 3 > len(lines):
                    break  # fewer than two lines in three can be pairs
        if len(pairs) < MIN_COLUMN_PAIRS or len(pairs) * 3 < len(lines) * 2:
            continue
        if len({label.lower() for label, _, _ in pairs}) * 10 < len(pairs) * 9:
            continue  # a first column that repeats is a table of records (netstat, ps), not labels
        if aligned:
            columns: dict[int, int] = {}
            for _, _, col in pairs:
                columns[col] = columns.get(col, 0) + 1
            if max(columns.values()) * 3 < len(pairs) * 2:
                continue
        return [(label, value) for label, value, _ in pairs]
    return []


# ------------------------------------------------------------------ several "Key: value" pairs to a line

#: One ``Key: value`` item of a line that lists several (``Brand: Reolink, Model: RLC-410, Firmware: v3.0``,
#: a YAML flow mapping ``{model: X, firmware: Y}``): a key of 1-3 words, its value up to the next separator.
_COLON_ITEM = re.compile(r"([A-Za-z][\w.-]{0,30}(?: [A-Za-z][\w.-]{0,20}){0,2}):[ \t]{1,4}([^,;|{}\[\]\r\n]{1,160}?)[ \t]{0,4}(?=[,;|}][ \t]{0,4}[A-Za-z]|[,;|}]?[ \t]{0,4}$)")
#: Two items on one line: the tell of ``colon_pairs_in_line`` (one search instead of a look at every line).
_TWO_ITEMS = re.compile(r": [^\r\n:]{1,160}?[,;|][ \t]{0,4}[A-Za-z][^\r\n:]{0,60}: ")
_ITEM_SEP = re.compile(r"[ \t]{0,4}[,;|][ \t]{0,4}")


def colon_pairs_in_line(line: str) -> list[tuple[str, str]]:
    """(key, value) of a line that is two or more ``Key: value`` items separated by ``,``, ``;`` or
    ``|`` (a reporter's summary line, a YAML flow mapping in braces); nothing for a line that is not
    made of such items only (prose with a colon)."""
    s = line.strip()
    braced = True
    if s[:1] == "{" and s[-1:] == "}":
        s = s[1:-1].strip()
    elif s.count("{") == 1 and s.endswith("}") and s.index("{") > 0 and s[: s.index("{")].rstrip().endswith(":"):
        s = s[s.index("{") + 1 : -1].strip()  # "device: {model: X, firmware: Y}"
    else:
        braced = False  # a summary line: its keys are capitalised labels (prose has lower-case words before a colon)
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(s) and len(out) < 16:
        m = _COLON_ITEM.match(s, pos)
        if m is None or "://" in m.group(2) or not (braced or m.group(1)[:1].isupper()):
            return []
        out.append((m.group(1), m.group(2).strip()))
        pos = m.end()
        sep = _ITEM_SEP.match(s, pos)
        if sep is None or sep.end() == pos:
            break
        pos = sep.end()
    return out if len(out) >= 2 and pos >= len(s.rstrip(",;| ")) else []


# ------------------------------------------------------------------ one "Key: value" per element of a page

#: An element whose whole text is one ``Key: value`` (a page that renders one field per table cell,
#: list item or paragraph: ``<tr><td>Model: IPC-T281H-MU</td></tr>``), or a line ended by ``<br>``.
_CELL = re.compile(r"<(td|th|li|p|div|span|dd|dt|label|b)(?:\s[^<>]{0,200})?>[ \t]{0,8}([A-Za-z][^<>:\r\n]{0,40}):[ \t]{1,8}([^<>\r\n]{1,200}?)[ \t]{0,8}</\1>", re.I)
_BR_LINE = re.compile(r"(?:^|>|\\n|\n)[ \t]{0,8}([A-Za-z][^<>:\r\n]{0,40}):[ \t]{1,8}([^<>\r\n]{1,200}?)[ \t]{0,8}<br[ \t]{0,4}/?>", re.I)
_CELL_KEY = re.compile(r"[A-Za-z][\w.()#/-]{0,30}(?: [\w.()#/-]{1,20}){0,3}")


def cell_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of elements whose text is one ``Key: value`` (``<td>Model: X</td>``, ``<li>``,
    ``<p>``...) and of ``Key: value<br>`` lines: a page that renders one field per element, also when
    the page is held in a JSON string or a log line. Keys of 1-4 words."""
    out: list[tuple[str, str]] = []
    rxs = ([_CELL] if "</" in text else []) + ([_BR_LINE] if "<br" in text or "<BR" in text or "<Br" in text else [])
    for rx in rxs:
        for m in rx.finditer(text, 0, min(len(text), 262144)):
            key, value = m.group(m.lastindex - 1 if m.lastindex else 1), m.group(m.lastindex or 2)
            if _CELL_KEY.fullmatch(key.strip()) and value.strip():
                out.append((key.strip(), value.strip()))
                if len(out) >= 64:
                    return out
    return out


# ------------------------------------------------------------------ "key => value" prints

#: ``[key] => value`` (PHP's print_r), ``'key' => 'value'`` (Perl's Data::Dumper), ``"key"=>"value"``
#: (Ruby's Hash#inspect before 3.4): a key, ``=>``, a quoted or bare value.
_ARROW_PAIR = re.compile(
    r"""(?:^|(?<=[\s{,(]))(?:\[([A-Za-z_][\w .-]{0,40})\]|"([A-Za-z_][\w .-]{0,40})"|'([A-Za-z_][\w .-]{0,40})'|([A-Za-z_][\w.-]{0,40}))"""
    r"""[ \t]{0,4}=>[ \t]{0,4}(?:"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})'|([^\s,}\])\r\n][^,}\]\r\n]{0,255}))""",
    re.M,
)


def arrow_pairs(text: str) -> list[tuple[str, str]]:
    """(key, value) of ``key => value`` pairs (PHP print_r, Perl Data::Dumper, Ruby inspect); a value
    that opens a nested array (``Array``, ``{``, ``[``) is not read."""
    out: list[tuple[str, str]] = []
    for m in _ARROW_PAIR.finditer(text, 0, min(len(text), 262144)):
        key = next(g for g in m.groups()[:4] if g is not None).strip()
        value = next((g for g in m.groups()[4:] if g is not None), "").strip()
        if value and value not in ("Array", "Object", "stdClass Object") and not value.endswith("Object"):
            out.append((key, value))
            if len(out) >= 64:
                break
    return out


# ------------------------------------------------------------------ labels in Chinese

#: Labels of Chinese device pages and tools (Hikvision's and Dahua's Chinese web UIs and SADP/ConfigTool,
#: vendor manuals) and the field names the conventions read for them.
CJK_LABELS = {
    "型号": "Model", "设备型号": "Model", "产品型号": "Model", "設備型號": "Model", "型號": "Model",
    "固件版本": "FirmwareVersion", "软件版本": "FirmwareVersion", "主控版本": "FirmwareVersion", "系统版本": "FirmwareVersion",
    "固件": "Firmware", "韌體版本": "FirmwareVersion", "軟體版本": "FirmwareVersion",
    "厂商": "Manufacturer", "制造商": "Manufacturer", "生产厂商": "Manufacturer", "厂家": "Manufacturer", "製造商": "Manufacturer",
    "序列号": "SerialNumber", "设备序列号": "SerialNumber", "序號": "SerialNumber",
    "设备类型": "DeviceType", "設備類型": "DeviceType", "硬件版本": "HardwareVersion", "设备名称": "DeviceName",
}
_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
_CJK_PAIR = re.compile(r"^[ \t|*-]{0,8}([\u4e00-\u9fff]{2,6})[ \t*]{0,4}[:：=|\t][ \t|]{0,8}([^\s|].{0,200}?)[ \t|]{0,8}$")


def cjk_label_pairs(text: str) -> list[tuple[str, str]]:
    """(field name, value) of ``<Chinese label>：<value>`` lines (full-width or ASCII colon, ``=``,
    a tab, a Markdown table's bar) whose label ``CJK_LABELS`` knows."""
    out: list[tuple[str, str]] = []
    for ln in text[:65536].split("\n", 400)[:400]:
        m = _CJK_PAIR.match(ln.rstrip("\r"))
        if m is not None and m.group(1) in CJK_LABELS:
            out.append((CJK_LABELS[m.group(1)], m.group(2).strip()))
            if len(out) >= 32:
                break
    return out
