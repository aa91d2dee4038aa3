#!/usr/bin/env python3
"""Import camera/NVR/DVR fingerprints (and those of the look-alike non-cameras that share their
stacks) from Rapid7's recog database into netscan's signature format.

Usage: python3 scripts/import_recog.py GIT_DIR [--commit SHA] [--out signatures/fingerprints] [--report]

GIT_DIR is a clone (bare is fine) of https://github.com/rapid7/recog; the XML files are read with
``git show``. Writes ``recog-*.yaml`` (a generated file: edit this script's tables and re-run, not
the output). Nothing here runs at scan time.

What is taken: a fingerprint whose ``hw.device``/``os.device`` is video gear (IP camera, DVR, video
encoder...), or a router, access point, modem, NAS, printer, media device, video-conferencing unit
(the non-cameras that run the same embedded stacks), or whose vendor is a maker netscan knows as
video-only. Each keeps recog's own examples (converted, checked against the converted pattern) and
cites the XML file at the commit read. A fingerprint an existing hand-written rule already covers
(same field, same vendor, every example) is left out: one home per fact. A fingerprint claiming a
video device whose pattern also matches a generic embedded web server's banner is left out (it
would call a router a camera).

Recog patterns are Ruby regular expressions: ``^``/``$`` are line anchors (Python MULTILINE),
recog's ``REG_MULTILINE`` is Ruby's dot-matches-newline (Python DOTALL), ``\\h`` is a hex digit.
Capture positions become named groups (model, firmware, serial, hostname).
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPO_URL = "https://github.com/rapid7/recog/blob/{commit}/xml/{file}"

#: recog file -> (netscan field, output file, id tag)
FILES: dict[str, tuple[str, str, str]] = {
    "http_servers.xml": ("http.header.server", "recog-http.yaml", "srv"),
    "html_title.xml": ("http.title", "recog-http.yaml", "title"),
    "http_wwwauth.xml": ("http.header.www-authenticate", "recog-http.yaml", "auth"),
    "http_cookies.xml": ("http.header.set-cookie", "recog-http.yaml", "cookie"),
    "rtsp_servers.xml": ("rtsp.header.server", "recog-rtsp.yaml", "rtsp"),
    "ssh_banners.xml": ("ssh.banner", "recog-banners.yaml", "ssh"),
    "telnet_banners.xml": ("telnet.banner", "recog-banners.yaml", "telnet"),
    "ftp_banners.xml": ("other.banner", "recog-banners.yaml", "ftp"),
    "x509_subjects.xml": ("tls.subject", "recog-tls.yaml", "x509s"),
    "x509_issuers.xml": ("tls.issuer", "recog-tls.yaml", "x509i"),
    "dhcp_vendor_class.xml": ("dhcp.vendor_class", "recog-dhcp.yaml", "dhcp"),
    # SNMPv2-MIB sysDescr.0 as snmpwalk output and nmap's snmp-sysdescr script give it (snmp.sysDescr)
    "snmp_sysdescr.xml": ("snmp.sysDescr", "recog-snmp.yaml", "snmp"),
}

#: Ruby-anchored prefixes of the recorded form of a field: netscan keeps the FTP reply code and the
#: SSH protocol version that recog's callers strip.
LEADING = {"other.banner": r"(?:220[ -])?", "ssh.banner": r"(?:SSH-[\d.]+-)?"}

#: recog device names -> netscan device_type
DEVICE_TYPES: dict[str, str] = {
    "IP Camera": "camera", "Web Cam": "camera", "DVR": "dvr", "Video Encoder": "encoder",
    "Cloud Network Video Recorder": "nvr", "NVR": "nvr", "Video Decoder": "other",
    "Router": "router", "Broadband Router": "router", "WAP": "router", "Cable Modem": "router",
    "DSL Modem": "router", "ADSL Modem": "router", "DOCSIS Cable Modem": "router", "WLAN Repeater": "router",
    "ADSL Router": "router", "Powerline": "router",
    "Printer": "printer", "Multifunction Device": "printer", "Print Server": "printer", "Scanner": "printer",
    "Copier": "printer",
    "NAS": "nas", "Storage": "nas", "Storage Appliance": "nas",
    "Smart TV": "tv", "Media Player": "tv", "Media Receiver": "tv", "AV Receiver": "tv", "IPTV": "tv",
    "Media Server": "other", "Video Conferencing": "other", "Network Audio": "other", "Wireless Presenter": "other",
    "Display Controller": "other", "Audio Encoder": "other",
    # network gear, embedded appliances and other look-alikes: never a camera
    "Switch": "router", "Firewall": "router", "VPN": "router", "Wireless Controller": "router",
    "Security Appliance": "router", "SD-WAN Appliance": "router", "Network Appliance": "router",
    "VoIP": "other", "VoIP Gateway": "other", "SIP Gateway": "other", "SIP Device": "other", "VoIP Adapter": "other",
    "Lights Out Management": "server", "Power Device": "other", "UPS": "other", "PDU": "other",
    "Device Server": "other", "Network Management Device": "other", "KVM": "other", "Access Control": "other",
    "Alarm Panel": "other", "Building Automation": "other", "PLC": "other", "HMI Controller": "other",
    "Sensor": "other", "Monitoring": "other", "Environment Control": "other", "Multiplexer": "other",
    "Desktop": "pc", "Laptop": "pc", "Thin Client": "pc", "Hypervisor": "server",
}
#: Makers whose recog "DVR" is a television set-top recorder, not a surveillance DVR.
TV_DVR_MAKERS = {"Tivo", "NAGRA", "ADB", "Eltex", "Humax", "DirecTV", "Motorola", "Arris", "Cisco"}
VIDEO = {"camera", "dvr", "nvr", "encoder", "doorbell"}

#: recog vendor spellings -> netscan canonical names (where an alias in signatures/vendors does not do it)
VENDOR_MAP: dict[str, str] = {
    "Hangzhou Hikvision Digital Technology": "Hikvision",
    "Zhejiang Dahua Technology": "Dahua",
    "Samsung": "Samsung Electronics",
    "Samsung Techwin": "Hanwha Vision",
    "Hanwha Techwin": "Hanwha Vision",
    "Axis Communications": "Axis",
    "Western Digital": "Western Digital",
    "HP": "HP",
    "Hewlett-Packard": "HP",
    "LG": "LG Electronics",
    "Panasonic": "i-PRO",
    "Nuuo": "NUUO",
    "Shenzhen Reecam Tech. Ltd.": "Reecam",
    "2N Telekomunikace": "2N",
}

#: Vendors recog names that are not camera makers under the same name in netscan
#: (e.g. "Panasonic" printers are not i-PRO): mapped only for video devices.
VIDEO_ONLY_MAP = {"Panasonic"}

#: recog product values that are descriptions rather than model numbers
GENERIC_PRODUCTS = re.compile(r"^(?:IP Camera|Camera|Network Camera|DVR|NVR|Router|Printer|NAS|Web Cam|Firmware|"
                              r"[A-Za-z ]+ Series|Linux|Embedded Linux|VxWorks|.*\bOS\b.*)$", re.I)

#: Banners of generic embedded web servers and stacks that cameras share with routers, NAS, printers:
#: a rule claiming a video device must not match any of them.
GENERIC_DECOYS: dict[str, tuple[str, ...]] = {
    "http.header.server": (
        "GoAhead-Webs", "GoAhead-http", "GoAhead-Webs/2.5.0", "Boa/0.94.13", "Boa/0.94.14rc21", "thttpd/2.25b 29dec2003",
        "mini_httpd/1.19 19dec2003", "lighttpd/1.4.35", "lighttpd", "Apache", "nginx", "httpd", "Web Server", "webserver",
        "uhttpd", "micro_httpd", "Mbedthis-Appweb/2.4.2", "Allegro-Software-RomPager/4.06", "RomPager/4.07 UPnP/1.0",
        "Linux/2.x UPnP/1.0 Avtech/1.0", "WebServer", "HTTPD", "Embedded HTTP Server.", "Server", "Microsoft-IIS/8.5",
        "Apache/2.4.29 (Ubuntu)", "nginx/1.18.0", "JAWS/1.0", "Webs", "cpe", "DNVRS-Webs-Router",
    ),
    "rtsp.header.server": ("GStreamer RTSP server", "Live555", "LIVE555 Streaming Media v2013.02.11", "Wowza Streaming Engine"),
    "http.title": ("Login", "Web Client", "index", "Index", "Home", "Welcome", "Router", "Web Server", "Document Error: Unauthorized",
                   "401 Unauthorized", "404 Not Found", "Login Page", "Main Page"),
    "http.header.www-authenticate": ('Basic realm="index.html"', 'Basic realm="Login"', 'Digest realm="Login to device"',
                                     'Basic realm="WebServer"', 'Basic realm="Default"', 'Basic realm="admin"'),
    "telnet.banner": ("login:", "Login:", "(none) login:", "Password:", "localhost login:", "BusyBox v1.20.2 (2015-01-01) built-in shell (ash)"),
    "other.banner": ("220 FTP server ready", "220 (vsFTPd 2.3.4)", "220 Welcome", "220 ProFTPD 1.3.5 Server"),
    "ssh.banner": ("SSH-2.0-dropbear_2014.63", "SSH-2.0-OpenSSH_7.4", "dropbear", "SSH-2.0-dropbear"),
}


@dataclass
class Candidate:
    file: str
    field: str
    out: str
    tag: str
    description: str
    pattern: str
    flags: list[str]
    params0: dict[str, str]
    captures: dict[int, str]
    examples: list[tuple[str, dict[str, str]]]
    index: int
    notes: list[str] = field(default_factory=list)


def git_show(git_dir: str, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def read_recog(git_dir: str, commit: str, name: str) -> list[Candidate]:
    fname, out, tag = FILES[name]
    root = ET.fromstring(git_show(git_dir, commit, f"xml/{name}"))
    cands = []
    for i, fp in enumerate(root.iter("fingerprint")):
        desc = " ".join((fp.findtext("description") or "").split())
        params0: dict[str, str] = {}
        caps: dict[int, str] = {}
        for p in fp.iter("param"):
            pos = int(p.get("pos") or 0)
            if pos == 0:
                if p.get("value") is not None:
                    params0[p.get("name") or ""] = p.get("value") or ""
            else:
                caps[pos] = p.get("name") or ""
        exs = []
        for ex in fp.iter("example"):
            if ex.get("_filename"):
                continue
            text = ex.text or ""
            if ex.get("_encoding") == "base64":
                try:
                    text = base64.b64decode(text).decode("utf-8")
                except (ValueError, UnicodeDecodeError):
                    continue
            attrs = {k: v for k, v in ex.attrib.items() if not k.startswith("_")}
            exs.append((text, attrs))
        flags = [f.strip() for f in (fp.get("flags") or "").split(",") if f.strip()]
        cands.append(Candidate(name, fname, out, tag, desc, fp.get("pattern") or "", flags, params0, caps, exs, i))
    return cands


# --- Ruby -> Python regular expressions -------------------------------------------------------


def capture_opens(pattern: str) -> list[int]:
    """Index of the '(' of each capturing group, in order."""
    out = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):
                j = pattern.find(":]", i + 2)
                i = j + 2 if j >= 0 else i + 1
                continue
            if c == "]":
                in_class = False
            i += 1
            continue
        if c == "[":
            in_class = True
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            continue
        if c == "(":
            if not pattern.startswith("(?", i):
                out.append(i)
            elif pattern.startswith(("(?<", "(?P<", "(?'"), i) and not pattern.startswith(("(?<=", "(?<!"), i):
                out.append(-1 - i)  # a named group: Ruby numbering differs
        i += 1
    return out


_POSIX = {"alpha": "A-Za-z", "digit": "0-9", "alnum": "A-Za-z0-9", "space": r"\s", "upper": "A-Z", "lower": "a-z",
          "xdigit": "0-9A-Fa-f", "punct": r"!-/:-@\[-`{-~", "print": r"\x20-\x7e"}


def ruby_to_python(pattern: str) -> str | None:
    """Rewrite the Ruby-only constructs recog uses; None when something has no Python equivalent."""
    if re.search(r"\\[pPkgGK]|\(\?[a-z]*-?[a-z]*x|\\z(?!\w)", pattern) and "\\z" not in pattern:
        return None
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            if d == "h":
                out.append("[0-9A-Fa-f]")
            elif d == "H":
                out.append("[^0-9A-Fa-f]")
            elif d == "z":
                out.append(r"\Z")
            elif d == "Z":
                out.append(r"(?=\n?\Z)")
            elif d in "pPkgGKR":
                return None
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and pattern.startswith("[:", i):
            j = pattern.find(":]", i + 2)
            name = pattern[i + 2:j] if j > 0 else ""
            if name not in _POSIX:
                return None
            out.append(_POSIX[name])
            i = j + 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def literal_of(pattern: str) -> str | None:
    """The text a pattern without any operator matches (``^D-Link MiniAVServer$``), else None:
    recog fingerprints without an example are given their own literal, nothing invented."""
    body = pattern[1:] if pattern.startswith("^") else pattern
    body = body[:-1] if body.endswith("$") and not body.endswith("\\$") else body
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            if body[i + 1].isalnum():
                return None
            out.append(body[i + 1])
            i += 2
            continue
        if ch in ".^$*+?()[]{}|":
            return None
        out.append(ch)
        i += 1
    return "".join(out) or None


CAPTURE_KEYS = {
    "hw.product": "model", "hw.model": "model", "os.product": "model",
    "os.version": "firmware", "hw.serial_number": "serial", "host.name": "hostname",
}


def name_groups(pattern: str, names: dict[int, str]) -> str | None:
    """Turn capture ``pos`` N into ``(?P<name>`` for the positions in ``names``."""
    opens = capture_opens(pattern)
    if any(o < 0 for o in opens):
        return None if names else pattern
    for pos, name in sorted(names.items(), key=lambda t: -opens[t[0] - 1] if t[0] - 1 < len(opens) else 0):
        if pos - 1 >= len(opens):
            return None
        at = opens[pos - 1]
        pattern = pattern[:at] + f"(?P<{name}>" + pattern[at + 1:]
    return pattern


# --- selection and mapping ---------------------------------------------------------------------


def load_vendors() -> Any:
    from netscan.sigdb.db import SignatureDB, _load_vendors

    db = SignatureDB(root=ROOT / "signatures")
    _load_vendors(db, ROOT / "signatures")
    return db


def canon_vendor(db: Any, name: str | None, video: bool) -> str | None:
    if not name:
        return None
    if name in VIDEO_ONLY_MAP and not video:
        return None
    mapped = VENDOR_MAP.get(name, name)
    v = db.vendor(mapped)
    return v.name if v is not None else None


def classify(c: Candidate, vdb: Any) -> tuple[str | None, str | None, str | None]:
    """(device_type, recog vendor, canonical vendor) of a candidate; device_type None = not taken."""
    p = c.params0
    hw_t, os_t = DEVICE_TYPES.get(p.get("hw.device", "")), DEVICE_TYPES.get(p.get("os.device", ""))
    if hw_t:
        raw = p.get("hw.vendor") or p.get("os.vendor")
        dtype = hw_t
    elif os_t:
        raw = p.get("os.vendor") or p.get("hw.vendor")
        dtype = os_t
    else:
        raw = p.get("hw.vendor") or p.get("os.vendor") or p.get("service.vendor")
        v = vdb.vendor(VENDOR_MAP.get(raw or "", raw or "")) if raw else None
        if v is None or not v.video_only:
            return None, raw, None
        return "", raw, v.name
    if dtype == "dvr" and raw in TV_DVR_MAKERS:
        dtype = "tv"
    text = f"{c.description} {p.get('hw.product', '')}"
    if dtype in VIDEO and re.search(r"\bintercom|door ?station|doorbell", text, re.I):
        dtype = "doorbell"
    elif dtype in ("dvr", "camera") and re.search(r"\bNVR\b|Network Video Recorder", text):
        dtype = "nvr"
    return dtype, raw, canon_vendor(vdb, raw, dtype in VIDEO)


def survey(git_dir: str, commit: str) -> None:
    vdb = load_vendors()
    for name in FILES:
        for c in read_recog(git_dir, commit, name):
            dtype, raw, vendor = classify(c, vdb)
            if dtype is None:
                continue
            print(f"{name}\t{dtype or '-'}\t{raw}\t{vendor}\t{c.pattern[:70]}\t{c.description[:50]}")


# --- conversion --------------------------------------------------------------------------------

_OS_NOT_FIRMWARE = re.compile(r"^(?:Linux|Embedded Linux|VxWorks|Windows.*|FreeBSD|NetBSD|OpenBSD|QNX|ThreadX|Nucleus|"
                              r"eCos|uClinux|Android|iOS|Cisco IOS|JunOS|RouterOS|Unix)$", re.I)


def norm_value(fname: str, text: str) -> str:
    """An example as netscan records the field (title: unescaped, whitespace collapsed)."""
    if fname == "http.title":
        return " ".join(html.unescape(text).split())
    if fname.endswith(".banner"):
        return text.strip("\r\n\x00 ")
    return text


def capture_names(c: Candidate) -> dict[int, str]:
    p = c.params0
    out: dict[int, str] = {}
    used: set[str] = set()
    os_firmware = not _OS_NOT_FIRMWARE.match(p.get("os.product", "")) and p.get("os.family", "") not in ("Linux", "Windows")
    for pos, pname in sorted(c.captures.items()):
        key = CAPTURE_KEYS.get(pname)
        if key is None:
            continue
        if pname == "os.product" and ("hw.product" in c.captures.values() or "hw.model" in c.captures.values()
                                      or not p.get("os.device")):
            continue
        if pname == "os.version" and not os_firmware:
            continue
        if key in used:
            continue
        used.add(key)
        out[pos] = key
    return out


@dataclass
class Converted:
    cand: Candidate
    rule: dict[str, Any]
    vendor: str | None
    dtype: str


#: recog patterns rewritten by hand: (file, description) -> Python pattern. recog's "Generic IP
#: Cameras" repeats a group of optional words ({1,5}?) that regexsafe rejects and accepts a lone
#: "Network" or "Wireless": the rewrite requires the word camera (or dome) at the end.
_GENERIC_CAMERA_WORDS = (r"(?:(?:Cube|Mini Dome|Dome|Day/Night|PAN/Tilt|PANTilt|POE|IR|HD|H\.264|Surveillance|With|Wired|"
                         r"Wireless N|Wireless|Network|Internet)[ _-])*+(?:IP[\s_-]?)?(?:Cameras?|Dome)[\s_]*\d*(?: Login)?")
OVERRIDES: dict[tuple[str, str], str] = {
    ("http_servers.xml", "Generic IP Cameras"): f"(?i)^{_GENERIC_CAMERA_WORDS}$",
    ("http_wwwauth.xml", "Generic IP Cameras"): f'(?i)^(?:Basic|Digest) realm="{_GENERIC_CAMERA_WORDS}"',
}


#: recog fingerprints left out on purpose: (file, pattern) -> why
SKIP: dict[tuple[str, str], str] = {
    ("http_servers.xml", "^HTTP/1\\.0$"): "a Server header of bare 'HTTP/1.0' is sent by many embedded servers, not only HP printers",
}


def convert(c: Candidate, dtype: str, vendor: str | None, commit: str) -> tuple[Converted | None, str]:
    from netscan.errors import SignatureError
    from netscan.sigdb.db import _compile

    if (c.file, c.pattern) in SKIP:
        return None, "skipped: " + SKIP[(c.file, c.pattern)]
    names = capture_names(c)
    named = name_groups(c.pattern, names)
    if named is None:
        return None, "capture positions cannot be named"
    py = OVERRIDES.get((c.file, c.description)) or ruby_to_python(named)
    if py is None:
        return None, "Ruby-only regex construct"
    lead = LEADING.get(c.field)
    if lead and py.startswith("^"):
        py = "^" + lead + py[1:]
    # Ruby's ^ and $ are line anchors: the same for one-line fields, MULTILINE for banners
    flags = ["multiline"] if c.field.endswith(".banner") else []
    if "REG_ICASE" in c.flags:
        flags.append("ignorecase")
    if "REG_MULTILINE" in c.flags:
        flags.append("dotall")
    try:
        rx = _compile(py, flags, c.description)
    except SignatureError as exc:
        return None, f"pattern rejected: {exc}"
    sets: dict[str, str] = {}
    if vendor:
        sets["vendor"] = vendor
    if dtype:
        sets["device_type"] = dtype
    prod = c.params0.get("hw.product") or c.params0.get("hw.model") or ""
    if "model" not in names.values() and re.search(r"\d", prod) and not GENERIC_PRODUCTS.match(prod) and "{" not in prod:
        sets["model"] = prod
    if not sets:
        return None, "claims nothing netscan reads"
    examples = []
    for text, attrs in c.examples:
        value = norm_value(c.field, text)
        if not value:
            continue
        m = rx.search(value)
        if m is None:
            continue
        got = dict(sets)
        for k, v in m.groupdict().items():
            if v is not None and v.strip():
                got[k] = v.strip()
        ok = True
        for pos, key in names.items():
            want = attrs.get(c.captures[pos])
            if want is not None and got.get(key) != want.strip():
                ok = False
        if not ok:
            continue
        ex: dict[str, Any] = {"value": value, "expect": got,
                              "source": REPO_URL.format(commit=commit, file=c.file)}
        examples.append(ex)
        if len(examples) >= 20:
            break
    if not examples and not c.examples:
        lit = literal_of(c.pattern)
        if lit is not None and rx.search(lit):
            got = dict(sets)
            examples.append({"value": lit, "expect": got, "source": REPO_URL.format(commit=commit, file=c.file)})
    if not examples:
        return None, "no example matches the converted pattern"
    if dtype in VIDEO or (vendor and not dtype):
        for decoy in GENERIC_DECOYS.get(c.field, ()):
            if rx.search(decoy):
                return None, f"matches the generic banner {decoy!r}"
    rule: dict[str, Any] = {
        "id": "",
        "description": f"{c.description} (recog {c.file})",
        "field": c.field,
        "pattern": py,
        **({"flags": flags} if flags else {}),
        "set": sets,
        "examples": examples,
    }
    return Converted(c, rule, vendor, dtype), ""


# --- one home per fact, and the output ---------------------------------------------------------

#: Default preference of imported rules per field: a little under the hand-written rules of the same
#: field (netscan.sigdb.db.FIELD_PREFERENCE), so a curated rule wins where both speak.
IMPORT_DISCOUNT = 0.9


def existing_db(keep: tuple[str, ...] = ()) -> Any:
    """The signature database without the generated ``recog-*``/``nmap-*`` files (those whose name
    starts with one of ``keep`` stay)."""
    import shutil
    import tempfile

    from netscan.sigdb import load_db

    tmp = Path(tempfile.mkdtemp(prefix="hrg-sig-"))
    shutil.copytree(ROOT / "signatures", tmp / "signatures")
    for f in (tmp / "signatures" / "fingerprints").glob("*.yaml"):
        if f.name.startswith(("recog-", "nmap-")) and not f.name.startswith(keep or ("\0",)):
            f.unlink()
    db = load_db(tmp / "signatures")
    shutil.rmtree(tmp)
    return db


def covered_by(db: Any, conv: Converted, values: list[str] | None = None) -> str | None:
    """The id of an existing rule that already says this (every example, same vendor), or a
    ``conflict:`` note when one says something else about an example."""
    fname = conv.rule["field"]
    same: set[str] = set()
    for value in values if values is not None else [ex["value"] for ex in conv.rule["examples"]]:
        hit = None
        for r in db.rules_for_field(fname):
            got = r.extract(value)
            if got is None:
                continue
            theirs = db.vendor(got.get("vendor") or got.get("brand"))
            if theirs is None:
                # A deliberate vendor-less rule (white-label stacks) says it already, but only when it
                # says what the new rule says: a stack rule that names the software only does not cover
                # a rule that makes a device type out of the same server and a further header (requires).
                if r.weight >= 0.2:
                    theirs_type = got.get("device_type")
                    if not conv.dtype or theirs_type == conv.dtype:
                        hit = r.id
                        break
                    if theirs_type:
                        return f"conflict: {r.id} says {theirs_type}"
                continue
            mine = db.vendor(conv.vendor) if conv.vendor else None
            if (mine is None or theirs.name == mine.name or theirs.name in mine.built_by or mine.name in theirs.built_by
                    or theirs.parent == mine.name or mine.parent == theirs.name):
                hit = r.id
                break
            return f"conflict: {r.id} says {theirs.name}"
        if hit is None:
            return None
        same.add(hit)
    return ",".join(sorted(same))


def too_slow(rule: dict[str, Any]) -> str | None:
    """Why an imported rule's pattern (or a ``requires`` pattern) must not ship: slower than a tenth of
    ``netscan signatures check``'s budget on the adversarial inputs that check builds, at the largest
    length its field can have. A tenth, so that a loaded CI machine cannot push a pattern over the
    budget (the check times each pattern; the slowest hand-written one takes well under 1 ms)."""
    import re as _re

    from netscan.parsers._util import MAX_BODY_CHARS, MAX_VALUE_CHARS
    from netscan.sigdb.db import _FLAGS
    from netscan.sigdb.regexsafe import PATTERN_BUDGET_S, slowest

    flags = 0
    for name in rule.get("flags", []):
        flags |= _FLAGS[name]
    pats = [(rule["field"], rule["pattern"], flags)] + [(f, p, flags) for f, p in rule.get("requires", {}).items()]
    for fname, pat, fl in pats:
        length = MAX_BODY_CHARS if fname.endswith(".body") or fname.endswith("*") else MAX_VALUE_CHARS
        worst, sample = slowest(_re.compile(pat, fl), length)
        if worst > PATTERN_BUDGET_S / 10:
            return f"slow: {fname} pattern takes {worst:.3f} s on an adversarial input ({sample!r}...)"
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or "fp"


def build(git_dir: str, commit: str) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Counter[str]], list[str]]:
    vdb = existing_db()
    outs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    log: list[str] = []
    ids: set[str] = {r.id for r in vdb.rules}
    for name in FILES:
        for c in read_recog(git_dir, commit, name):
            dtype, raw, vendor = classify(c, vdb)
            if dtype is None:
                stats[name]["not about a device netscan looks for"] += 1
                continue
            conv, why = convert(c, dtype, vendor, commit)
            if conv is None:
                stats[name]["dropped: " + why.split(":")[0]] += 1
                log.append(f"{name}#{c.index} {c.description[:60]!r}: {why}")
                continue
            slow = too_slow(conv.rule)
            if slow:
                stats[name]["dropped: slow"] += 1
                log.append(f"{name}#{c.index} {c.description[:60]!r}: {slow}")
                continue
            dup = covered_by(vdb, conv)
            if dup:
                key = "conflict with a hand-written rule" if dup.startswith("conflict") else "already covered"
                stats[name][key] += 1
                log.append(f"{name}#{c.index} {c.description[:60]!r}: {dup}")
                continue
            rid = f"recog-{c.tag}-{slug(vendor or raw or '')}-{slug(c.description)}"
            base, k = rid, 2
            while rid in ids:
                rid, k = f"{base}-{k}", k + 1
            ids.add(rid)
            conv.rule["id"] = rid
            outs[c.out].append(conv.rule)
            stats[name]["imported"] += 1
            stats[name][f"imported {dtype or 'video-maker'}"] += 1
    return outs, stats, log


NOTE = ("Fingerprints of IP cameras, NVRs, DVRs, video encoders, and of the non-cameras that share their embedded "
        "stacks (routers, access points, NAS, printers, media and conferencing devices), with recog's own examples. "
        "Imported rules weigh {discount} of the hand-written rules of the same field, which win where both speak.")


def dump_json(meta: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    """A signature file as a JSON document (YAML's subset; netscan's loader reads it with the json
    module, much faster than YAML): metadata keys first, then one rule a line."""
    import json

    head = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rules)
    return "{\n" + head + ',\n "rules": [\n' + body + "\n ]\n}\n"


def write(outs: dict[str, list[dict[str, Any]]], out_dir: Path, commit: str) -> None:
    from netscan.sigdb.db import field_preference

    for fname, rules in outs.items():
        files = sorted({k for k, v in FILES.items() if v[1] == fname})
        for r in rules:
            r["preference"] = round(field_preference(r["field"]) * IMPORT_DISCOUNT, 3)
        meta = {
            "generated_by": "scripts/import_recog.py (do not edit by hand: change the script's tables and re-run it)",
            "source": [REPO_URL.format(commit=commit, file=f) for f in files],
            "note": NOTE.format(discount=IMPORT_DISCOUNT),
        }
        (out_dir / fname).write_text(dump_json(meta, rules), encoding="utf-8")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("git_dir")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--out", default=str(ROOT / "signatures" / "fingerprints"))
    ap.add_argument("--log", help="write what was left out and why to this file")
    args = ap.parse_args(argv)
    commit = subprocess.run(["git", "--git-dir", args.git_dir, "rev-parse", args.commit], check=True,
                            capture_output=True, text=True).stdout.strip()
    outs, stats, log = build(args.git_dir, commit)
    write(outs, Path(args.out), commit)
    for name, st in stats.items():
        print(name, dict(st))
    if args.log:
        Path(args.log).write_text("\n".join(log) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
