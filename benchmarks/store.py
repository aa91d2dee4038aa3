"""The inventory's cost: storing a /22 scan and diffing two of them (time and size), on SQLite and
on a real PostgreSQL server; and importing 1,000 saved scans.

    .venv/bin/python benchmarks/store.py                       # a /22 built from the lab profiles
    sudo .venv/bin/python benchmarks/store.py --lab-scan       # a /22 scanned in the virtual lab
    .venv/bin/python benchmarks/store.py --observations obs.json   # saved observations of any scan

1. The /22: by default 1,000 devices built from the lab profiles' recorded responses (every
   non-hostile profile 6 times, each copy with its own address, MAC and serial number, the rest
   plain hosts with a MAC only): the content of a camera-dense /22, independent of how busy the
   machine is. With --lab-scan, the virtual lab with every non-hostile profile and --hosts plain
   hosts is scanned from its scanner namespace (``--no-db --save-observations``) instead. The
   observations are analysed once (Report A). Report B is A after a night: 10 devices gone, 10 new, 10 with new
   firmware, 10 re-addressed. Per backend: store A (one transaction, as ``scan`` does), store B,
   diff B against A, and the database size (SQLite: file after a WAL checkpoint; PostgreSQL:
   pg_database_size).
2. Imports: 1,000 saved JSON reports of a site with every lab profile device (the profiles' own
   recorded responses, analysed; one report a night, two firmware changes each night), loaded by
   one ``netscan inventory import`` process per backend.

Results go to benchmarks/results/store-<timestamp>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netscan.lab import Lab  # noqa: E402
from netscan.lab.config import PROFILES_DIR  # noqa: E402
from netscan.observations import load_path  # noqa: E402
from netscan.pipeline import analyse  # noqa: E402
from netscan.store import changes, open_store, store_scan  # noqa: E402
from tests.store.pgserver import PgServer  # noqa: E402


def _on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # the lab and the PostgreSQL server are taken down by the finally blocks


def lab_observations(hosts: int, prefix: str, work: Path) -> tuple[Path, dict[str, Any]]:
    pdir = work / "profiles"
    pdir.mkdir()
    for f in sorted(Path(PROFILES_DIR).glob("*.json")):
        if not f.name.startswith("hostile-"):
            shutil.copy(f, pdir / f.name)
    state = Lab.up(profiles_dir=pdir, hosts=hosts, prefix=prefix)
    try:
        obs = work / "observations.json"
        t0 = time.monotonic()
        p = state.run_in_scanner([sys.executable, "-m", "netscan", "scan", "--quiet", "--no-db", "--format", "json",
                                  "-o", str(work / "scan.json"), "--save-observations", str(obs), state.subnet],
                                 capture_output=True, text=True, timeout=1800, cwd=str(ROOT))
        if p.returncode not in (0, 4):
            raise SystemExit(f"lab scan failed ({p.returncode}): {p.stderr[-2000:]}")
        return obs, {"subnet": state.subnet, "devices": len(state.devices), "scan_s": round(time.monotonic() - t0, 1)}
    finally:
        Lab.down(prefix=prefix)


def profile_slash22(total: int = 1000, copies: int = 6) -> list[Any]:
    """``total`` observations: each non-hostile lab profile ``copies`` times (own address, MAC and
    serial number), then plain hosts."""
    from netscan.identify import identify
    from netscan.observations import from_dict

    out: list[Any] = []
    profiles = [json.loads(f.read_text()) for f in sorted(Path(PROFILES_DIR).glob("*.json"))
                if not f.name.startswith("hostile-")]
    n = 0
    for k in range(copies):
        for p in profiles:
            n += 1
            base = from_dict({"ip": "10.20.0.1", "mac": p["mac"], "responses": p.get("responses") or []})
            serial = identify(base).serial
            text = json.dumps(p.get("responses") or [])
            if serial and k:
                text = text.replace(json.dumps(serial)[1:-1], json.dumps(f"{serial}K{k}")[1:-1])
            mac = p["mac"][:9] + f"{(k * 16 + n // 256) % 256:02x}:{n % 256:02x}:{k:02x}"
            out.append(from_dict({"ip": f"10.20.{n // 250}.{n % 250 + 1}", "mac": mac, "responses": json.loads(text),
                                  "open_ports": p.get("open_ports") or []}))
    while len(out) < total:
        n += 1
        out.append(from_dict({"ip": f"10.20.{n // 250}.{n % 250 + 1}", "mac": f"3c:22:fb:{n // 65536:02x}:{n // 256 % 256:02x}:{n % 256:02x}",
                              "responses": []}))
    return out


def night_after(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Report B: A with 10 devices gone, 10 new, 10 re-flashed, 10 re-addressed."""
    b = copy.deepcopy(doc)
    devs = b["devices"]
    rng.shuffle(devs)
    flashed, moved, rest = devs[10:20], devs[20:30], devs[30:]  # devs[:10] are gone
    for d in flashed:
        d["firmware"] = (d.get("firmware") or "1.0") + ".1"
    for n, d in enumerate(moved):
        d["ip"] = f"10.254.{n // 250}.{n % 250 + 1}"
    new = []
    for n in range(10):
        d = copy.deepcopy(rest[n])
        d["mac"] = f"00:1b:21:ee:00:{n:02x}"
        d["serial"] = None
        d["ip"] = f"10.253.0.{n + 1}"
        new.append(d)
    b["devices"] = flashed + moved + rest + new
    return b


def store_steps(url: str, a: Any, b: dict[str, Any], observations: list[Any]) -> dict[str, Any]:
    store = open_store(url)
    try:
        out: dict[str, Any] = {}
        t0 = time.monotonic()
        sa = store.begin_scan(site="bench", source="scan", targets=["/22"])
        store_scan(store, sa, a, observations, complete=True)
        out["store_a_s"] = round(time.monotonic() - t0, 3)
        t0 = time.monotonic()
        sb = store.begin_scan(site="bench", source="scan", targets=["/22"])
        store_scan(store, sb, b, observations, complete=True)
        out["store_b_s"] = round(time.monotonic() - t0, 3)
        t0 = time.monotonic()
        _, events = changes(store, store.scan(sb))
        out["diff_s"] = round(time.monotonic() - t0, 3)
        kinds: dict[str, int] = {}
        for e in events:
            kinds[e["type"]] = kinds.get(e["type"], 0) + 1
        out["diff_events"] = kinds
        out["rows"] = store.counts()
        out["size_mb"] = round(db_size(store) / 1e6, 2)
        return out
    finally:
        store.close()


def db_size(store: Any) -> int:
    import sqlalchemy as sa

    if store.dialect == "sqlite":
        path = store.engine.url.database
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        return Path(path).stat().st_size
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one())


def profile_report() -> dict[str, Any]:
    """A site with one of every non-hostile lab profile, from the profiles' recorded responses."""
    from netscan.observations import from_dict

    obs = []
    for n, f in enumerate(sorted(Path(PROFILES_DIR).glob("*.json"))):
        if f.name.startswith("hostile-"):
            continue
        p = json.loads(f.read_text())
        obs.append(from_dict({"ip": f"10.20.0.{10 + n}", "mac": p["mac"], "responses": p.get("responses") or [],
                              "open_ports": p.get("open_ports") or []}))
    return analyse(obs, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)).to_dict()


def import_files(doc: dict[str, Any], work: Path, n: int, rng: random.Random) -> list[Path]:
    """n saved reports of the site, one a night."""
    d0 = dt.datetime(2023, 1, 1, 2, 30, tzinfo=dt.timezone.utc)
    files = []
    out = work / "imports"
    out.mkdir()
    for i in range(n):
        night = copy.deepcopy(doc["devices"])
        for d in rng.sample(night, k=min(2, len(night))):
            d["firmware"] = (d.get("firmware") or "1") + f".{i}"
        when = (d0 + dt.timedelta(days=i)).isoformat().replace("+00:00", "Z")
        rep = {"scan": {**doc["scan"], "command": "scan", "start": when, "end": when, "targets": ["10.20.0.0/24"]},
               "devices": night}
        f = out / f"scan-{i:04d}.json"
        f.write_text(json.dumps(rep))
        files.append(f)
    return files


def time_import(url: str, files: list[Path]) -> dict[str, Any]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "netscan", "inventory", "import", "--db", url, "--site", "history",
                        *map(str, files)], capture_output=True, text=True, timeout=3600, cwd=str(ROOT))
    wall = time.monotonic() - t0
    if p.returncode != 0:
        raise SystemExit(f"import failed: {p.stderr[-2000:]}")
    store = open_store(url)
    try:
        rows = store.counts()
        size = db_size(store)
    finally:
        store.close()
    return {"files": len(files), "wall_s": round(wall, 1), "per_file_ms": round(1000 * wall / len(files), 1),
            "rows": rows, "size_mb": round(size / 1e6, 2)}


def main() -> int:
    signal.signal(signal.SIGTERM, _on_term)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=1000, help="plain hosts beside the profiles (1,000: a /22)")
    ap.add_argument("--prefix", default="hsto-")
    ap.add_argument("--observations", metavar="FILE", help="analyse these saved observations")
    ap.add_argument("--lab-scan", action="store_true", help="scan a /22 in the virtual lab (root)")
    ap.add_argument("--imports", type=int, default=1000, help="saved scans to import")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="netscan-store-bench-"))
    rng = random.Random(14)
    results: dict[str, Any] = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    pg = None
    try:
        if args.observations:
            observations = load_path(args.observations)
            results["source"] = {"observations": args.observations}
        elif args.lab_scan:
            obs_path, results["source"] = lab_observations(args.hosts, args.prefix, work)
            observations = load_path(obs_path)
        else:
            observations = profile_slash22()
            results["source"] = {"profiles": "lab profiles x6 + plain hosts", "observations": len(observations)}
        t0 = time.monotonic()
        report = analyse(observations, now=dt.datetime.now(dt.timezone.utc))
        results["analyse_s"] = round(time.monotonic() - t0, 2)
        a = report.to_dict()
        b = night_after(a, rng)
        results["devices"] = len(a["devices"])
        results["video_devices"] = sum(1 for d in a["devices"] if d.get("device_type") in ("camera", "nvr", "dvr", "doorbell", "encoder"))
        results["findings"] = sum(len(d.get("findings") or []) for d in a["devices"])
        pg = PgServer()
        backends = {"sqlite": str(work / "inventory.sqlite"), "postgresql": pg.create_database("bench22")}
        results["slash22"] = {name: store_steps(url, report, b, observations) for name, url in backends.items()}
        site = profile_report()
        results["import_devices_per_scan"] = len(site["devices"])
        files = import_files(site, work, args.imports, rng)
        results["imports"] = {"sqlite": time_import(str(work / "imports.sqlite"), files),
                              "postgresql": time_import(pg.create_database("imports"), files)}
    finally:
        if pg is not None:
            pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "benchmarks" / "results" / f"store-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}  ({results['devices']} devices, {results['video_devices']} video, "
          f"{results['findings']} findings; source {results.get('source')}; {results['import_devices_per_scan']} devices per imported scan)\n")
    print("| step | SQLite | PostgreSQL |\n|---|---|---|")
    s, p = results["slash22"]["sqlite"], results["slash22"]["postgresql"]
    for key, label in (("store_a_s", "store scan A (s)"), ("store_b_s", "store scan B (s)"), ("diff_s", "diff B vs A (s)"),
                       ("size_mb", "database after 2 scans (MB)")):
        print(f"| {label} | {s[key]} | {p[key]} |")
    si, pi = results["imports"]["sqlite"], results["imports"]["postgresql"]
    print(f"| import {si['files']} saved scans (s) | {si['wall_s']} | {pi['wall_s']} |")
    print(f"| per file (ms) | {si['per_file_ms']} | {pi['per_file_ms']} |")
    print(f"| database after imports (MB) | {si['size_mb']} | {pi['size_mb']} |")
    print(f"\ndiff events: {s['diff_events']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
