"""Report documents for store tests: small, hand-built, in the shape ``pipeline.analyse`` returns."""

from __future__ import annotations

from typing import Any


def device(ip: str | None, mac: str | None = None, *, serial: str | None = None, vendor: str | None = "Hikvision",
           model: str | None = "DS-2CD2032-I", firmware: str | None = "V5.4.0", device_type: str = "camera",
           findings: list[dict[str, Any]] | None = None, hostname: str | None = None) -> dict[str, Any]:
    """One device record."""
    return {"ip": ip, "mac": mac, "vendor": vendor, "brand": None, "model": model, "firmware": firmware,
            "device_type": device_type, "serial": serial, "hostname": hostname, "confidence": 0.9,
            "covered": None, "evidence": [], "open_ports": [80], "services": [], "findings": findings or []}


def finding(fid: str, severity: str = "high", cve: str | None = None, title: str = "t") -> dict[str, Any]:
    """One finding record."""
    return {"id": fid, "severity": severity, "title": title, "detail": "", "remediation": "", "evidence": [],
            "cve": cve, "cvss": None, "kev": False, "references": []}


def report(devices: list[dict[str, Any]], start: str = "2026-01-01T00:00:00Z", end: str | None = None) -> dict[str, Any]:
    """A report document."""
    return {"scan": {"command": "scan", "targets": ["10.0.0.0/24"], "start": start, "end": end or start,
                     "engine": "netscan", "incomplete": False}, "devices": devices}
