#!/usr/bin/env python3
"""Import nmap-service-probes match lines about video devices (device type ``webcam``,
``security-misc``, ``media device``, or a product naming a camera/DVR/NVR/encoder) into netscan's
signature format.

Usage: python3 scripts/import_nmap.py GIT_DIR [--commit SHA] [--out signatures/fingerprints] [--log FILE]

GIT_DIR is a clone (bare is fine) of https://github.com/nmap/nmap; ``nmap-service-probes`` is read
with ``git show``. Writes ``nmap-probes-video.yaml`` (generated: edit this script, not the output).

An nmap match line is a regular expression over a whole response; netscan reads fields. A line is
taken when it can be said in fields without losing what makes it specific:

- HTTP/RTSP responses: the ``Server:`` and ``WWW-Authenticate:`` header patterns and the
  ``<title>`` pattern are cut out of the line; the first is the rule's pattern, the others its
  ``requires``. Capture groups nmap uses for the product/model (``p/``, ``cpe:/h:``), the version
  (``v/``, when the product is the device rather than a server program) and ``h/`` become named
  groups when they lie in a cut-out part. A product named after a daemon of the device itself
  ("Axis $1 Network Camera ftpd", "DVTel $1 security camera telnetd": video gear whose product names
  its kind) has the device's firmware as its version (nmap-service-probes line 698), so its ``v/``
  capture is named too -- unless the template is not one capture (``v/NetEVI httpd $2/``, several
  captures) or the capture is a program's own version (after a ``Server:`` product token, after
  "FTP Server v"): ``device_daemon_version``.
- FTP, telnet and SSH greetings: the whole line, with telnet option negotiation (IAC bytes, which
  netscan strips) and the trailing CRLF removed, on ``other.banner``/``telnet.banner``/``ssh.banner``.

nmap ships no examples: each rule's example is a value built from the converted pattern itself
(the shortest text it accepts, letters/digits for classes), and cites the line of the file. A rule
claiming a video device whose every part also matches a generic embedded server's banner is left
out, and a vendor is claimed only when the cut-out text itself is specific (names the maker or
holds a model-like token), not only from nmap's product label.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_recog as R  # noqa: E402

URL = "https://github.com/nmap/nmap/blob/{commit}/nmap-service-probes#L{line}"
OUT = "nmap-probes-video.yaml"

VIDEO_D = {"webcam", "security-misc", "media device"}
VIDEO_WORDS = re.compile(r"\b(?:cam(?:era)?s?|webcam|ip ?cam|dvr|nvr|xvr|video (?:server|encoder|recorder)|"
                         r"surveillance|cctv|doorbell|intercom|door ?station|network video|netcam)\b", re.I)
NOT_VIDEO_WORDS = re.compile(r"\b(?:tivo|set-?top|media server|media player|tv\b|television|upnp av|dlna|"
                             r"stream(?:ing)? server|audio|speaker|receiver|projector|alarm|access control|nvr? ?software|card sharing|satellite|"
                             r"cable box|dreambox|enigma)\b", re.I)
#: A product name that names a program rather than the device (its v/ is not the firmware).
SERVER_WORDS = re.compile(r"\b(?:httpd|http|web ?server|ftpd|telnetd|sshd|rtspd|server|config|admin|interface)\b", re.I)


def parse_line(line: str) -> dict[str, Any] | None:
    m = re.match(r"(soft)?match (\S+) m(.)", line)
    if not m:
        return None
    delim = m.group(3)
    start = m.end()
    end = line.find(delim, start)
    if end < 0:
        return None
    pat = line[start:end]
    rest = line[end + 1:]
    opts = re.match(r"[si]*", rest).group(0)  # type: ignore[union-attr]
    rest = rest[len(opts):]
    info: dict[str, str] = {}
    cpes: list[str] = []
    for fm in re.finditer(r"\s(cpe:|[pvihod])(.)(.*?)\2(a?)(?=\s|$)", rest):
        if fm.group(1) == "cpe:":
            cpes.append(fm.group(3))
        else:
            info[fm.group(1)] = fm.group(3)
    return {"service": m.group(2), "pattern": pat, "opts": opts, "info": info, "cpes": cpes, "soft": bool(m.group(1))}


#: Video software that runs on a general-purpose computer or phone (NVR and webcam-server programs):
#: the host is a server, never a camera, whatever nmap's d/ says (Blue Iris is d/webcam).
PC_SOFTWARE_WORDS = re.compile(r"\b(?:blue ?iris|motion(?:-httpd)?|yawcam|securityspy|dorgem|webcam ?7|webcamxp|"
                               r"active ?webcam|menuetos|ip webcam (?:httpd|android)|android webcam)\b", re.I)
GENERAL_OS = re.compile(r"^(?:Windows|Android|Mac OS X|macOS|MenuetOS|Linux)$")


def wanted(e: dict[str, Any]) -> str | None:
    """netscan device_type for a line about video gear, else None."""
    d = e["info"].get("d", "")
    p = e["info"].get("p", "") + " " + e["info"].get("i", "")
    if (PC_SOFTWARE_WORDS.search(p) or (d == "phone" and VIDEO_WORDS.search(p))
            or (GENERAL_OS.match(e["info"].get("o", "")) and re.search(r"webcam (?:server|httpd)|webcam viewer", p, re.I))):
        return "server"
    if NOT_VIDEO_WORDS.search(p) and not re.search(r"\b(?:dvr|nvr|ip ?cam(?:era)?|network camera)\b", p, re.I):
        return "other" if d in VIDEO_D else None
    if not (d in ("webcam", "security-misc") or VIDEO_WORDS.search(p)):
        return None
    if re.search(r"\bintercom|door ?station|doorbell|door phone", p, re.I):
        return "doorbell"
    if re.search(r"\bNVR\b|network video recorder", p, re.I):
        return "nvr"
    if re.search(r"\b[DXH]VR\b|digital video recorder", p, re.I):
        return "dvr"
    if re.search(r"video (?:server|encoder)|\bencoder\b", p, re.I):
        return "encoder"
    if d == "webcam" or re.search(r"cam(?:era)?\b|webcam", p, re.I):
        return "camera"
    return None


# --- cutting header/title parts out of a whole-response pattern ---------------------------------


def _balanced(frag: str) -> bool:
    depth = 0
    i = 0
    in_class = False
    while i < len(frag):
        c = frag[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if frag[i + 1:i + 2] == "]" or frag[i + 1:i + 3] == "^]":
                i += 2 if frag[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0 and not in_class


_HEADERS = {"server": r"(?:Server|\[Ss\]erver): ", "www-authenticate": r"WWW-Authenticate: "}


def cut_parts(pat: str) -> dict[str, tuple[int, int]]:
    """Spans (in ``pat``) of the Server, WWW-Authenticate and title patterns."""
    out: dict[str, tuple[int, int]] = {}
    for name, head in _HEADERS.items():
        hm = re.search(head, pat)
        if not hm:
            continue
        a = hm.end()
        b = pat.find(r"\r\n", a)
        if b < 0:
            continue
        if _balanced(pat[a:b]) and pat[a:b]:
            out[name] = (a, b)
    tm = re.search(r"<[Tt][Ii][Tt][Ll][Ee]>", pat)
    if tm:
        a = tm.end()
        em = re.compile(r"</[Tt][Ii][Tt][Ll][Ee]>").search(pat, a)
        if em and _balanced(pat[a:em.start()]) and pat[a:em.start()]:
            out["title"] = (a, em.start())
    return out


def refs(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\$(\d)", text)]


def strip_names(frag: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(", frag)


def name_in(pat: str, span: tuple[int, int], names: dict[int, str]) -> tuple[str, set[str]]:
    """The fragment at ``span`` with the captures of ``names`` (global numbers) named."""
    opens = R.capture_opens(pat)
    a, b = span
    frag = pat[a:b]
    used: set[str] = set()
    for n, key in sorted(names.items(), key=lambda t: -(opens[t[0] - 1] if t[0] - 1 < len(opens) else -1)):
        if n - 1 >= len(opens):
            continue
        at = opens[n - 1]
        if a <= at < b and at >= 0:
            rel = at - a
            frag = frag[:rel] + f"(?P<{key}>" + frag[rel + 1:]
            used.add(key)
    return frag, used


# --- example synthesis ---------------------------------------------------------------------------


def _pick(items: Any) -> str:
    negate = any(op == C.NEGATE for op, _ in items)
    chars: list[str] = []
    for op, av in items:
        if op == C.LITERAL:
            chars.append(chr(av))
        elif op == C.RANGE:
            lo, hi = av
            for pref in "1aA":
                if lo <= ord(pref) <= hi:
                    chars.append(pref)
                    break
            else:
                chars.append(chr(lo))
        elif op == C.CATEGORY:
            chars.append({C.CATEGORY_DIGIT: "1", C.CATEGORY_WORD: "a", C.CATEGORY_SPACE: " "}.get(av, "x"))
    if negate:
        for cand in "xa1 .-":
            if cand not in chars:
                return cand
        return "~"
    for pref in ("1", "a", "A"):
        if pref in chars:
            return pref
    return chars[0] if chars else "x"


def synth(parsed: Any, groups: dict[int, str]) -> str:
    out: list[str] = []
    for op, av in parsed:
        if op == C.LITERAL:
            out.append(chr(av))
        elif op == C.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op == C.ANY:
            out.append("x")
        elif op == C.IN:
            out.append(_pick(av))
        elif op == C.CATEGORY:
            out.append(_pick([(op, av)]))
        elif op == C.BRANCH:
            out.append(synth(av[1][0], groups))
        elif op == C.SUBPATTERN:
            text = synth(av[-1], groups)
            if av[0] is not None:
                groups[av[0]] = text
            out.append(text)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            out.append(synth(sub, groups) * lo)
        elif op == C.GROUPREF:
            out.append(groups.get(av, ""))
        elif op == getattr(C, "ATOMIC_GROUP", None):
            out.append(synth(av, groups))
        # AT (anchors) and look-arounds add nothing
    return "".join(out)


def example_for(pattern: str, flags: int) -> str | None:
    try:
        text = synth(P.parse(pattern, flags), {})
    except Exception:  # noqa: BLE001 - a construct the generator does not know: no example
        return None
    return text if re.search(pattern, text, flags) else None


# --- conversion ------------------------------------------------------------------------------------


def vendor_of(e: dict[str, Any], vdb: Any) -> str | None:
    for cpe in e["cpes"]:
        parts = cpe.split(":")
        if len(parts) > 1 and parts[0] in ("/h", "/o"):
            v = vdb.vendor(parts[1].replace("_", " "))
            if v is not None:
                return v.name
    words = e["info"].get("p", "").split()
    for k in range(min(3, len(words)), 0, -1):
        v = vdb.vendor(R.VENDOR_MAP.get(" ".join(words[:k]), " ".join(words[:k])))
        if v is not None:
            return v.name
    return None


#: A product label that names a video device's kind ("Axis $1 Network Camera ftpd", "DVTel $1 security
#: camera telnetd"): the daemon is the device's own, and nmap gives the device's firmware as its version
#: (nmap-service-probes line 698; signatures/fingerprints/firmware-tool-output.yaml).
DEVICE_KIND_WORDS = re.compile(r"\b(?:network camera|ip ?camera|camera|webcam|[dnhx]vr|edvr|video server|video encoder|"
                               r"network video|intercom|door ?station|doorbell)\b", re.I)
#: Text right before a version capture that makes it a program's own version: ``Server: gen5th/(...)``,
#: ``eDVR FTP Server v(...)``, ``Httpd v(...)``.
PROGRAM_BEFORE = re.compile(r"(?:(?<!video )server|httpd|ftpd?|telnetd|rtspd|sshd|webs|/)[ \t(]{0,2}(?:version|ver\.?|v)?[ \t]?$", re.I)
#: A v/ template that is one capture, perhaps after a version word (``$2``, ``version $1``, ``V$1``);
#: a version built from several captures, or a program's name before one, is not the device's firmware.
ONE_VERSION = re.compile(r"(?:[Vv]ersion |[Vv]er\. ?|[Vv])?\$(\d)")
VIDEO_TYPES = frozenset({"camera", "dvr", "nvr", "encoder", "doorbell"})


def device_daemon_version(e: dict[str, Any]) -> int | None:
    """The capture of nmap's v/ when it is the device's firmware although the product names a daemon
    (``p/Axis $1 Network Camera ftpd/ v/$2/``): the line is about video gear, the product names the
    device's kind, the template is one capture, and the text before that capture in the pattern names
    no program (a ``Server: Name/`` token's version, an "FTP Server v" is the program's)."""
    info = e["info"]
    m = ONE_VERSION.fullmatch(info.get("v", "").strip())
    if m is None or wanted(e) not in VIDEO_TYPES:
        return None
    prod = re.sub(r"\$\d", "", info.get("p", ""))
    if not DEVICE_KIND_WORDS.search(prod) or PC_SOFTWARE_WORDS.search(prod):
        return None
    n = int(m.group(1))
    opens = R.capture_opens(e["pattern"])
    if n - 1 >= len(opens) or opens[n - 1] < 0:
        return None
    at = opens[n - 1]
    line_start = max(e["pattern"].rfind("\\n", 0, at), e["pattern"].rfind("\n", 0, at), 0)
    if re.search(r"(?:Server|\[Ss\]erver): ", e["pattern"][line_start:at]):
        return None  # a Server header's product token: the program's version (RFC 9110 section 10.2.4)
    before = re.sub(r"\\(.)", r"\1", e["pattern"][max(0, at - 40) : at])
    if PROGRAM_BEFORE.search(before):
        return None
    return n


def capture_plan(e: dict[str, Any]) -> dict[int, str]:
    info = e["info"]
    names: dict[int, str] = {}
    prod = info.get("p", "")
    for cpe in e["cpes"]:
        parts = cpe.split(":")
        if len(parts) > 2 and parts[0] == "/h":
            for n in refs(parts[2]):
                names.setdefault(n, "model")
    for n in refs(prod):
        names.setdefault(n, "model")
    if not SERVER_WORDS.search(re.sub(r"\$\d", "", prod)):
        for n in refs(info.get("v", "")):
            names.setdefault(n, "firmware")
    else:
        daemon = device_daemon_version(e)  # a video device's own daemon: its version is the firmware
        if daemon is not None:
            names.setdefault(daemon, "firmware")
    for n in refs(info.get("h", "")):
        names.setdefault(n, "hostname")
    return names


def specific(frags: list[str], vendor: str | None, vdb: Any) -> bool:
    """The pattern parts themselves name the maker or hold a model-like literal (``VB150``, ``SNC-``)."""
    words = [w for f in frags for w in literal_words(f)]
    if any(re.search(r"[A-Za-z][A-Za-z-]*\d|\d[A-Za-z]", w) for w in words):
        return True
    v = vdb.vendor(vendor) if vendor else None
    if v is None:
        return False
    text = " ".join(words).lower()
    return any(len(n) >= 3 and n.lower() in text for n in (v.name, *v.aliases))


#: Words every greeting, realm or title of any device may hold: a cut-out part made only of these
#: (and regex operators) says nothing about the device.
GENERIC_WORDS = frozenset("""login password username user name welcome basic digest realm server web http httpd
index html htm the to and of for unauthorized please enter ready ftp ftpd telnet telnetd service system version
ok error not found access denied default page home main menu www authenticate rtsp session
operation successful simple daemon coming up unknown administrator admin or with pass type help quote connection
accept from is are you your a an in on at by this that be may use used command commands line processor interface
invalid again try client control panel remote view local network software embedded application program
nonce domain algorithm qop auth md5 stale opaque""".split())


def literal_words(frag: str) -> list[str]:
    """Words written literally in a pattern fragment (outside classes, escapes and group syntax)."""
    text = re.sub(r"\\x[0-9a-fA-F]{2}|\\[A-Za-z]|\[\^?(?:\\.|[^\]])*\]|\(\?(?:P<\w+>|[:=!]|<[=!])|\{\d*,?\d*\}", " ", frag)
    text = re.sub(r"\\(.)", r"\1", text)
    return [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*", text)]


def is_specific(frag: str) -> bool:
    words = [w for w in literal_words(frag) if w.lower() not in GENERIC_WORDS and not w.isdigit()]
    return sum(len(w) for w in words) >= 3 and any(len(w) >= 2 for w in words)


def banner_pattern(service: str, pat: str) -> tuple[str, str] | None:
    p = pat
    if service == "telnet":
        p = re.sub(r"\\xff(?:\\xf[bcde]|\.|\[\^?[^\]]*\])(?:\\x[0-9a-fA-F]{2}|\\0|.)", "", p)
        p = re.sub(r"\\xff(?:\\xf[0-9a-f]|\.)", "", p)
        p = p.replace("^(?:)", "^")
        if re.search(r"\\xff|\\xf[bcde]|\\0", p):
            return None
        fname = "telnet.banner"
    elif service == "ftp":
        fname = "other.banner"
    elif service == "ssh":
        fname = "ssh.banner"
    else:
        return None
    if re.search(r"\\x[0-7][0-9a-fA-F]|\\0", p.replace(r"\x20", " ")) and service != "telnet":
        return None
    if p.startswith("^"):
        body = p[1:]
        body = re.sub(r"^(?:\\r|\\n|\s|\\0)+", "", body)
        p = "^" + body
    # netscan strips the banner's trailing newlines and blanks
    p = re.sub(r"(?:\\r\\n|\\n|\\r|\\s\*|\\s\+| )*\$?$", "", p)
    return fname, p


def convert(e: dict[str, Any], lineno: int, dtype: str, vdb: Any, commit: str) -> tuple[dict[str, Any] | None, str]:
    from netscan.errors import SignatureError
    from netscan.sigdb.db import _compile

    pat = e["pattern"]
    vendor = vendor_of(e, vdb)
    names = capture_plan(e)
    svc = e["service"].removeprefix("ssl/")
    main_field: str | None = None
    main: str | None = None
    requires: dict[str, str] = {}
    if svc in ("http", "http-proxy", "rtsp", "https"):
        proto = "rtsp" if svc == "rtsp" else "http"
        parts = cut_parts(pat)
        if not parts:
            return None, "no Server/WWW-Authenticate/title part"
        order = sorted(parts, key=lambda k: (-len(name_in(pat, parts[k], names)[1]), ["server", "title", "www-authenticate"].index(k)))
        for k in order:
            if proto == "rtsp" and k == "title":
                continue
            fname = f"{proto}.title" if k == "title" else f"{proto}.header.{k}"
            frag, _ = name_in(pat, parts[k], names)
            frag = f"^\\s*{frag}\\s*$" if k == "title" else f"^{frag}$"
            if main is None:
                main_field, main = fname, frag
            else:
                requires[fname] = strip_names(frag)
        if main is None:
            return None, "no part netscan reads"
    else:
        bp = banner_pattern(svc, pat)
        if bp is None:
            return None, f"service {svc} not read as a banner"
        main_field, main = bp
        named, _ = name_in(pat, (0, len(pat)), names)
        bp2 = banner_pattern(svc, named)
        if bp2 is not None:
            main = bp2[1]
    assert main_field is not None and main is not None
    if not any(is_specific(f) for f in (main, *requires.values())):
        return None, "too generic once cut out of the whole response"
    flags = []
    if "i" in e["opts"]:
        flags.append("ignorecase")
    if "s" in e["opts"]:
        flags.append("dotall")
    try:
        rx = _compile(main, flags, f"line {lineno}")
        reqs = {k: _compile(v, flags, f"line {lineno}") for k, v in requires.items()}
    except SignatureError as exc:
        return None, f"pattern rejected: {str(exc)[:80]}"
    fl = rx.flags & (re.I | re.S)
    value = example_for(main, fl)
    if value is None:
        return None, "no example could be built"
    fields: dict[str, str] = {main_field: value}
    for k, v in requires.items():
        rv = example_for(v, fl)
        if rv is None:
            return None, "no example could be built for a requires part"
        fields[k] = rv
    texts = [value, *[fields[k] for k in requires]]
    sets: dict[str, str] = {}
    if dtype:
        sets["device_type"] = dtype
    if vendor and specific([main, *requires.values()], vendor, vdb):
        sets["vendor"] = vendor
    if not sets:
        return None, "claims nothing"
    if dtype in R.VIDEO:
        generic = R.GENERIC_DECOYS.get(main_field, ())
        if any(rx.search(d) for d in generic) and all(any(r.search(d) for d in R.GENERIC_DECOYS.get(k, ())) or not R.GENERIC_DECOYS.get(k)
                                                        for k, r in reqs.items()):
            return None, "matches a generic embedded server's banner"
        if not texts or not any(re.search(r"[A-Za-z]{3}", t) for t in texts):
            return None, "nothing specific to match"
    m = rx.search(value)
    assert m is not None
    got = dict(sets)
    for k, v in m.groupdict().items():
        if v is not None and v.strip():
            got[k] = v.strip()
    product = e["info"].get("p", "")
    ex: dict[str, Any] = {"fields": fields} if requires else {"value": value}
    ex["expect"] = got
    ex["source"] = URL.format(commit=commit, line=lineno)
    rule: dict[str, Any] = {
        "id": "",
        "description": f"{product} (nmap-service-probes line {lineno}, {e['service']})",
        "field": main_field,
        "pattern": main,
    }
    if flags:
        rule["flags"] = flags
    if requires:
        rule["requires"] = requires
    rule["set"] = sets
    rule["examples"] = [ex]
    return rule, ""


def build(git_dir: str, commit: str) -> tuple[list[dict[str, Any]], Counter[str], list[str]]:
    vdb = R.existing_db(keep=("recog-",))  # one home per fact: recog's rules count as existing
    text = R.git_show(git_dir, commit, "nmap-service-probes").decode("utf-8", "replace")
    rules: list[dict[str, Any]] = []
    stats: Counter[str] = Counter()
    log: list[str] = []
    ids = {r.id for r in vdb.rules}
    seen_patterns: set[tuple[str, str]] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith(("match ", "softmatch ")):
            continue
        e = parse_line(line)
        if e is None:
            continue
        dtype = wanted(e)
        if dtype is None:
            continue
        stats["video lines"] += 1
        rule, why = convert(e, lineno, dtype, vdb, commit)
        if rule is None:
            stats["dropped: " + why.split(":")[0]] += 1
            log.append(f"L{lineno} {e['info'].get('p', '')!r}: {why}")
            continue
        key = (rule["field"], rule["pattern"])
        if key in seen_patterns:
            stats["same pattern as an earlier line"] += 1
            continue
        seen_patterns.add(key)
        slow = R.too_slow(rule)
        if slow:
            stats["dropped: slow"] += 1
            log.append(f"L{lineno} {e['info'].get('p', '')!r}: {slow}")
            continue
        conv = R.Converted(None, rule, rule["set"].get("vendor"), rule["set"].get("device_type", ""))  # type: ignore[arg-type]
        values = [ex.get("value") or ex["fields"][rule["field"]] for ex in rule["examples"]]
        dup = R.covered_by(vdb, conv, values)
        if dup:
            stats["conflict with a hand-written rule" if dup.startswith("conflict") else "already covered"] += 1
            log.append(f"L{lineno} {e['info'].get('p', '')!r}: {dup}")
            continue
        rid = f"nmap-{R.slug(e['info'].get('p', '') or e['service'])}-l{lineno}"
        ids.add(rid)
        rule["id"] = rid
        rules.append(rule)
        stats[f"imported {rule['field'].split('.')[0]}"] += 1
        stats[f"imported {rule['set'].get('device_type')}"] += 1
        stats["imported"] += 1
    return rules, stats, log


# --- nmap's own product labels (netscan identify --from nmap-xml) ---------------------------------

#: nmap device types (d/) of the non-cameras -> netscan device_type
D_TYPES = {
    "router": "router", "WAP": "router", "broadband router": "router", "switch": "router", "firewall": "router",
    "bridge": "router", "hub": "router", "load balancer": "router", "proxy server": "router",
    "printer": "printer", "print server": "printer", "storage-misc": "nas",
    "VoIP phone": "other", "VoIP adapter": "other", "PBX": "other", "phone": "other", "power-device": "other",
    "power-misc": "other", "telecom-misc": "other", "terminal server": "other", "remote management": "other",
    "specialized": "other", "game console": "other", "terminal": "other", "PDA": "other",
}
PRODUCTS_OUT = "nmap-products.yaml"
#: The -sV service line netscan's nmap XML reader records (netscan/nmapxml.py): ``product: <p/>``,
#: then ``version: <v/>`` when nmap has one.
PRODUCT_FIELD = "other.banner"


def label_pattern(e: dict[str, Any], names: dict[int, str]) -> str:
    """``^product: <label>$`` with nmap's $N substitutions as groups (the model or firmware named)."""
    label = e["info"]["p"]
    out: list[str] = []
    used: set[str] = set()
    for part in re.split(r"(\$\d)", label):
        if re.fullmatch(r"\$\d", part):
            key = names.get(int(part[1]))
            if key in ("model", "firmware") and key not in used:
                used.add(key)
                out.append(f"(?P<{key}>[^\\n]+?)")
            else:
                out.append("[^\\n]+?")
        else:
            out.append(re.escape(part))
    pat = "^product: " + "".join(out)
    fw = [n for n, k in names.items() if k == "firmware"]
    if fw and "firmware" not in used and e["info"].get("v", "").strip() == f"${fw[0]}":
        pat += "(?:\\nversion: (?P<firmware>[^\\n]+))?"
    return pat + "$"


def build_products(text: str, vdb: Any, commit: str) -> tuple[list[dict[str, Any]], Counter[str]]:
    from netscan.sigdb.db import _compile

    rules: list[dict[str, Any]] = []
    stats: Counter[str] = Counter()
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith(("match ", "softmatch ")):
            continue
        e = parse_line(line)
        if e is None or not e["info"].get("p"):
            continue
        d = e["info"].get("d", "")
        dtype = wanted(e)
        vendor = vendor_of(e, vdb)
        if dtype is None:
            dtype = D_TYPES.get(d)
            if dtype is None or vendor is None:
                continue  # a program, or a non-camera of a maker netscan does not know
        names = capture_plan(e)
        pat = label_pattern(e, names)
        if pat in seen:
            continue
        seen.add(pat)
        if not is_specific(pat[len("^product: "):]):
            stats["products: too generic"] += 1
            continue
        rx = _compile(pat, ["multiline"], f"line {lineno}")
        value = example_for(pat, rx.flags)
        if value is None:
            stats["products: no example"] += 1
            continue
        sets: dict[str, str] = {}
        if vendor:
            sets["vendor"] = vendor
        if dtype:
            sets["device_type"] = dtype
        if not sets:
            continue
        m = rx.search(value)
        assert m is not None
        got = dict(sets)
        got.update({k: v.strip() for k, v in m.groupdict().items() if v and v.strip()})
        rules.append({  # checked for shadowing below
            "id": f"nmap-product-{slug(e['info']['p'])}-l{lineno}",
            "description": f"nmap -sV product {e['info']['p']!r} (nmap-service-probes line {lineno}, d/{d or '-'}/)",
            "field": PRODUCT_FIELD,
            "pattern": pat,
            "flags": ["multiline"],
            "set": sets,
            "examples": [{"value": value, "expect": got, "source": URL.format(commit=commit, line=lineno)}],
        })
    # literal labels first; then a rule whose example an earlier one (or a hand-written rule of the
    # field weighing as much) claims otherwise is left out: the self-check's shadowing rule
    rules.sort(key=lambda r: "(?P<" in r["pattern"] or "[^" in r["pattern"])
    kept: list[tuple[Any, dict[str, Any]]] = []
    existing = [r for r in vdb.rules_for_field(PRODUCT_FIELD) if r.weight >= 0.45]
    for r in rules:
        rx = _compile(r["pattern"], ["multiline"], r["id"])
        ex = r["examples"][0]
        clash = False
        for other_rx, other in [(o.pattern, {"set": o.set}) for o in existing] + kept:
            m = other_rx.search(ex["value"])
            if m is None:
                continue
            theirs = dict(other["set"])
            theirs.update({k: v.strip() for k, v in m.groupdict().items() if v and v.strip()})
            if any(theirs[k] != ex["expect"][k] for k in theirs.keys() & ex["expect"].keys()):
                clash = True
                break
        if clash:
            stats["products: claimed otherwise by an earlier rule"] += 1
            continue
        kept.append((rx, r))
        stats[f"products: {r['set'].get('device_type')}"] += 1
        stats["products: imported"] += 1
    return [r for _, r in kept], stats


def slug(text: str) -> str:
    return R.slug(text)


NOTE = ("nmap match lines about cameras, DVRs, NVRs, encoders and doorbells (device types webcam / security-misc / "
        "media device, or a product naming video gear), cut into the header, title and banner fields netscan reads. "
        "nmap ships no examples: each example is a value built from the converted pattern itself, citing the line it "
        "came from. Imported rules weigh {discount} of the hand-written rules of the same field.")
PRODUCTS_NOTE = ("nmap's own product labels (p/) for the lines about video devices and about non-cameras of makers netscan "
                 "knows, read where netscan records an nmap -sV service match (identify --from nmap-xml: an 'other' "
                 "response 'product: <label>' / 'version: <v>', netscan/nmapxml.py). Each example is built from the label. "
                 "Rules weigh {discount} of the hand-written rules of the field.")


def main(argv: list[str]) -> int:
    from netscan.sigdb.db import field_preference

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("git_dir")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--out", default=str(R.ROOT / "signatures" / "fingerprints"))
    ap.add_argument("--log")
    ap.add_argument("--products", action="store_true",
                    help="also write nmap-products.yaml (nmap's -sV product labels; ~1150 rules: not shipped, "
                         "it adds about 0.5 s to every signature load)")
    args = ap.parse_args(argv)
    commit = subprocess.run(["git", "--git-dir", args.git_dir, "rev-parse", args.commit], check=True,
                            capture_output=True, text=True).stdout.strip()
    source = f"https://github.com/nmap/nmap/blob/{commit}/nmap-service-probes"

    def write(name: str, rules: list[dict[str, Any]], generated_by: str, note: str) -> None:
        for r in rules:
            r["preference"] = round(field_preference(r["field"]) * R.IMPORT_DISCOUNT, 3)
        meta = {"generated_by": generated_by, "source": source, "note": note.format(discount=R.IMPORT_DISCOUNT)}
        (Path(args.out) / name).write_text(R.dump_json(meta, rules), encoding="utf-8")

    rules, stats, log = build(args.git_dir, commit)
    write(OUT, rules, "scripts/import_nmap.py (do not edit by hand: change the script and re-run it)", NOTE)
    print(dict(stats))
    if args.log:
        Path(args.log).write_text("\n".join(log) + "\n", encoding="utf-8")
    if args.products:
        vdb = R.existing_db(keep=("recog-",))
        prules, pstats = build_products(R.git_show(args.git_dir, commit, "nmap-service-probes").decode("utf-8", "replace"), vdb, commit)
        write(PRODUCTS_OUT, prules, "scripts/import_nmap.py --products (do not edit by hand)", PRODUCTS_NOTE)
        print(dict(pstats))
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

