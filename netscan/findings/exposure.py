"""Exposure checks on the services a device answers with: streams, snapshots, device data and ONVIF
readable without credentials; legacy management (telnet, FTP); admin UI over cleartext HTTP;
expired or self-signed TLS.

Every check reads responses already recorded (the probes send these requests without credentials).
A request recorded *with* credentials has ``Response.auth`` set (operator-supplied credentials, or
the opt-in default-password check, netscan.findings.credentials); such responses are ignored here.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from netscan.findings._obs import Parsed
from netscan.findings.catalogue import quote
from netscan.model import Finding, Severity


#: Paths that return a still image (Hikvision ISAPI/PSIA, Dahua, ONVIF-HTTP, Axis VAPIX, Reolink,
#: Hanwha SUNAPI, Uniview LAPI, generic HiSilicon/Foscam).
SNAPSHOT_PATHS = re.compile(
    r"^/(?:ISAPI/Streaming/channels/\d+/picture|Streaming/channels/\d+/picture|PSIA/Streaming/channels/\d+/picture"
    r"|cgi-bin/snapshot\.cgi|onvif-http/snapshot|onvifsnapshot|onvif/snapshot|axis-cgi/jpg/image\.cgi"
    r"|cgi-bin/api\.cgi\?cmd=Snap|snap\.jpg|snapshot\.jpg|webcapture\.jpg|tmpfs/(?:auto|snap)\.jpg"
    r"|image\.jpg|jpg/image\.jpg|stw-cgi/video\.cgi\?msubmenu=snapshot"
    r"|LAPI/V1\.0/Channels?/\d+/Media/Video/Streams/\d+/Snapshot|cgi-bin/CGIProxy\.fcgi\?cmd=snapPicture2)",
    re.IGNORECASE,
)
#: Paths that return model, serial and firmware (they require credentials on a correctly set-up device).
DEVICE_INFO_PATHS = re.compile(
    r"^/(?:ISAPI/System/deviceInfo|PSIA/System/deviceInfo|System/deviceInfo"
    r"|cgi-bin/magicBox\.cgi\?action=(?:getSystemInfo|getSerialNo|getDeviceType)"
    r"|LAPI/V1\.0/System/DeviceInfo|stw-cgi/system\.cgi\?msubmenu=deviceinfo"
    r"|cgi-bin/api\.cgi\?cmd=GetDevInfo|cgi-bin/CGIProxy\.fcgi\?cmd=getDevInfo)",
    re.IGNORECASE,
)
#: ONVIF actions that must need credentials (ONVIF Core access classes), and the severity when they do not.
ONVIF_PROTECTED = {"GetUsers": Severity.CRITICAL, "GetStreamUri": Severity.HIGH, "GetSnapshotUri": Severity.HIGH,
                   "GetDeviceInformation": Severity.MEDIUM}
_JPEG_MAGIC = "\xff\xd8\xff"
TELNET_PORTS = frozenset({23, 2323})
FTP_PORTS = frozenset({21})
HTTPS_PORTS = frozenset({443, 8443})


def _authenticated(p: Parsed) -> bool:
    return p.response.auth is not None


def _ok(status: str | None) -> bool:
    return bool(status) and status.startswith("2")  # type: ignore[union-attr]


def _http(parsed: list[Parsed]) -> list[Parsed]:
    return [p for p in parsed if p.protocol in ("http", "https") and not _authenticated(p)]


def rtsp_unauthenticated(parsed: list[Parsed]) -> list[Finding]:
    """An RTSP DESCRIBE answered 200 with a stream description, no credentials asked."""
    hits = []
    for p in parsed:
        if p.protocol != "rtsp" or _authenticated(p):
            continue
        method = (p.response.request.split() or [""])[0].upper()
        if method != "DESCRIBE" or p.first("rtsp.status") != "200":
            continue
        body = p.first("rtsp.body") or ""
        ctype = (p.first("rtsp.header.content-type") or "").lower()
        if "sdp" in ctype or re.search(r"(?m)^m=(?:video|audio)", body):
            media = re.findall(r"(?m)^m=(\w+)", body)
            hits.append(f"{p.where()} -> 200 OK with SDP ({', '.join(media) or 'session description'}), no credentials")
    if not hits:
        return []
    return [Finding(
        id="rtsp-unauthenticated", severity=Severity.HIGH,
        title="Live video stream can be watched without a password (RTSP)",
        detail="The device's RTSP server describes and serves its stream to anyone who asks; no "
               "username or password was requested. Anyone on the network can watch and record it.",
        remediation="Turn on RTSP authentication (digest) in the device's network/streaming settings, "
                    "or turn off RTSP if nothing uses it; keep port 554 off untrusted networks.",
        evidence=tuple(hits[:5]),
    )]


def snapshot_unauthenticated(parsed: list[Parsed]) -> list[Finding]:
    """A snapshot URL returned an image without credentials."""
    hits = []
    for p in _http(parsed):
        path = p.first("http.path") or ""
        if not SNAPSHOT_PATHS.match(path) or not _ok(p.first("http.status")):
            continue
        ctype = (p.first("http.header.content-type") or "").lower()
        body = p.first("http.body") or ""
        if ctype.startswith("image/") or body.startswith(_JPEG_MAGIC):
            hits.append(f"{p.where()} -> {p.first('http.status')} {ctype or 'JPEG data'}, no credentials")
    if not hits:
        return []
    return [Finding(
        id="snapshot-unauthenticated", severity=Severity.HIGH,
        title="Camera images can be downloaded without a password",
        detail="A snapshot URL of the device returns a current picture to anyone, without credentials.",
        remediation="Require authentication for snapshots (disable anonymous/guest access in the user "
                    "settings) and update the firmware; keep the web port off untrusted networks.",
        evidence=tuple(hits[:5]),
    )]


def device_info_unauthenticated(parsed: list[Parsed]) -> list[Finding]:
    """A device-information URL (model, serial, firmware) answered without credentials."""
    hits = []
    for p in _http(parsed):
        path = p.first("http.path") or ""
        if not DEVICE_INFO_PATHS.match(path) or not _ok(p.first("http.status")):
            continue
        body = p.first("http.body") or ""
        if not body.strip() or "notActivated" in body or "<html" in body[:500].lower():
            continue
        hits.append(f"{p.where()} -> {p.first('http.status')} with device data ({quote(body, 80)})")
    if not hits:
        return []
    return [Finding(
        id="device-info-unauthenticated", severity=Severity.MEDIUM,
        title="Device details (model, serial, firmware) readable without a password",
        detail="An API that should require a login returns the device's model, serial number and "
               "firmware to anyone. It tells an attacker exactly which exploits to try.",
        remediation="Update the firmware and disable anonymous access to the API; keep the web port "
                    "off untrusted networks.",
        evidence=tuple(hits[:5]),
    )]


def onvif_unauthenticated(parsed: list[Parsed]) -> list[Finding]:
    """ONVIF calls of the READ_SYSTEM / READ_MEDIA / users classes answered without credentials."""
    hits: list[tuple[Severity, str]] = []
    for p in parsed:
        if p.protocol != "onvif" or _authenticated(p):
            continue
        action = p.first("onvif.action") or ""
        sev = ONVIF_PROTECTED.get(action)
        if sev is None or p.first("onvif.fault") or p.first("onvif.unreadable"):
            continue
        status = p.first("onvif.http_status")
        if status is not None and not status.startswith("2"):
            continue
        if action == "GetDeviceInformation":
            got = [f"{k}={quote(v, 40)}" for k in ("Manufacturer", "Model", "FirmwareVersion", "SerialNumber")
                   if (v := p.first(f"onvif.{k}"))]
        else:
            got = [quote(v, 100) for k, v in p.prefixed("onvif.xml.") if k.endswith(("/Uri", "/Username"))][:3]
        if not got:
            continue
        hits.append((sev, f"ONVIF {action} answered without credentials: {', '.join(got)}"))
    if not hits:
        return []
    sev = Severity.worst(s for s, _ in hits)
    assert sev is not None
    return [Finding(
        id="onvif-unauthenticated", severity=sev,
        title="ONVIF service answers protected requests without a password",
        detail="The ONVIF service returned data that the ONVIF standard reserves for logged-in users "
               "(device information, stream or snapshot addresses, user lists) to an anonymous request.",
        remediation="Enable ONVIF authentication (often an 'ONVIF user' setting or 'authentication: "
                    "digest/WS-UsernameToken'), or disable ONVIF if no recorder or VMS uses it.",
        evidence=tuple(e for _, e in hits[:5]),
    )]


def legacy_management(parsed: list[Parsed], open_ports: tuple[int, ...]) -> list[Finding]:
    """Telnet or FTP open on the device."""
    out: list[Finding] = []
    telnet = [f"telnet port {p.response.port}: banner {quote(p.first('telnet.banner') or p.response.raw, 60)!r}"
              for p in parsed if p.protocol == "telnet"]
    telnet += [f"TCP port {port} (telnet) open" for port in sorted(set(open_ports) & TELNET_PORTS)
               if not any(p.protocol == "telnet" and p.response.port == port for p in parsed)]
    if telnet:
        out.append(Finding(
            id="telnet-open", severity=Severity.HIGH,
            title="Telnet management service is open",
            detail="Telnet sends passwords in clear text and is the main way botnets such as Mirai "
                   "take over cameras and recorders.",
            remediation="Disable telnet in the device settings (or with a firmware update that removes "
                        "it); manage the device over HTTPS only.",
            evidence=tuple(telnet[:5]),
        ))
    ftp = [f"ftp port {p.response.port}: banner {quote(p.response.raw, 60)!r}" for p in parsed
           if p.protocol == "other" and p.response.port in FTP_PORTS and p.response.raw.startswith("220")]
    ftp += [f"TCP port {port} (FTP) open" for port in sorted(set(open_ports) & FTP_PORTS)
            if not any(p.protocol == "other" and p.response.port == port for p in parsed)]
    if ftp:
        out.append(Finding(
            id="ftp-open", severity=Severity.MEDIUM,
            title="FTP service is open",
            detail="FTP sends credentials and files in clear text; on a camera it usually gives access "
                   "to recordings or configuration.",
            remediation="Disable the FTP server on the device; use the recorder or HTTPS to fetch footage.",
            evidence=tuple(ftp[:5]),
        ))
    return out


def cleartext_admin(parsed: list[Parsed], open_ports: tuple[int, ...]) -> list[Finding]:
    """The admin web UI is served over HTTP and no HTTPS is offered at all."""
    served = []
    for p in parsed:
        if p.protocol != "http" or _authenticated(p):
            continue
        status = p.first("http.status") or ""
        location = (p.first("http.header.location") or "").lower()
        if status[:1] == "3" and location.startswith("https://"):
            return []  # the device sends browsers to HTTPS
        if status in ("200", "401"):
            served.append(f"{p.where()} -> {status}")
    has_https = any(p.protocol in ("https", "tls") for p in parsed) or bool(set(open_ports) & HTTPS_PORTS)
    if not served or has_https:
        return []
    return [Finding(
        id="cleartext-admin", severity=Severity.MEDIUM,
        title="Admin web interface only available over unencrypted HTTP",
        detail="The device's web interface is served over plain HTTP and no HTTPS was found, so the "
               "admin password and session travel in clear text on the network.",
        remediation="Enable HTTPS in the device's network settings (install a certificate), then "
                    "disable plain HTTP or redirect it to HTTPS.",
        evidence=tuple(served[:3]),
    )]


_TEXT_DATE = "%b %d %H:%M:%S %Y %Z"


def parse_not_after(value: str) -> datetime | None:
    """``2030-01-01T00:00:00Z`` (PEM-parsed) or ``Jan  1 00:00:00 2030 GMT`` (openssl text)."""
    v = " ".join(value.split())
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", _TEXT_DATE):
        try:
            return datetime.strptime(v, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def tls_problems(parsed: list[Parsed], now: datetime) -> list[Finding]:
    """Expired or self-signed certificate on the device's HTTPS service."""
    expired, self_signed = [], []
    for p in parsed:
        if p.protocol != "tls":
            continue
        port = f"port {p.response.port}" if p.response.port is not None else "TLS"
        subj = quote(p.first("tls.subject") or "?", 100)
        na = p.first("tls.not_after")
        when = parse_not_after(na) if na else None
        if when is not None and when < now:
            expired.append(f"{port}: certificate {subj} expired {when:%Y-%m-%d}")
        if p.first("tls.self_signed") == "true":
            self_signed.append(f"{port}: certificate {subj} is issued by itself")
    out = []
    if expired:
        out.append(Finding(
            id="tls-expired", severity=Severity.MEDIUM,
            title="HTTPS certificate has expired",
            detail="Browsers and clients warn on every connection, which trains users to click through "
                   "warnings; some recorders stop connecting.",
            remediation="Install a new certificate (from your internal CA where possible) in the "
                        "device's HTTPS settings.",
            evidence=tuple(expired[:3]),
        ))
    if self_signed:
        out.append(Finding(
            id="tls-self-signed", severity=Severity.LOW,
            title="HTTPS uses a self-signed certificate",
            detail="Clients cannot verify they are talking to this device, so an attacker on the network "
                   "could impersonate it and collect the admin password.",
            remediation="Install a certificate signed by your organisation's CA and distribute the CA "
                        "to the clients that manage the device.",
            evidence=tuple(self_signed[:3]),
        ))
    return out
