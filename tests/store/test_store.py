"""The inventory on SQLite and on a real PostgreSQL server: identity across scans, diffs, the baseline, imports, interrupted scans,
migrations equal to the schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netscan.model import Report
from netscan.store import changes, open_store, resolve_url, store_scan
from netscan.store.diff import version_direction
from netscan.store.identity import keys_for, mac_is_identity
from tests.store.helpers import device, finding, report

CAM_SERIAL = "DS-2CD2032-I20160101AAWR500000001"


@pytest.fixture()
def store(db_url: str) -> Any:
    s = open_store(db_url)
    yield s
    s.close()


def _scan(store: Any, devices: list[dict[str, Any]], site: str = "default", complete: bool = True,
          start: str = "2026-01-01T00:00:00Z") -> int:
    sid = store.begin_scan(site=site, source="scan", targets=["10.0.0.0/24"])
    store_scan(store, sid, report(devices, start=start), None, complete=complete)
    return int(sid)


def test_mac_identity_rules() -> None:
    assert mac_is_identity("44:19:b6:01:02:03")
    assert not mac_is_identity("02:4e:53:00:00:84")  # locally administered
    assert not mac_is_identity("da:a1:19:00:00:01")  # randomised (bit 0x02 set)
    assert not mac_is_identity("01:00:5e:00:00:01")  # multicast
    ks = keys_for("hq", "10.0.0.5", "DA:A1:19:00:00:01", None, "Apple")
    assert ks.mac is None and ks.ip == "ip:hq|10.0.0.5|apple"


def test_readdressed_camera_stays_one_device(store: Any) -> None:
    a = _scan(store, [device("10.0.0.5", "44:19:b6:00:00:01", serial=CAM_SERIAL)])
    b = _scan(store, [device("10.0.0.77", "44:19:b6:00:00:01", serial=CAM_SERIAL)])
    assert [d["ip"] for d in store.devices()] == ["10.0.0.77"]
    _, events = changes(store, store.scan(b), store.scan(a))
    assert [(e["type"], e["before"], e["after"]) for e in events] == [("ip-changed", "10.0.0.5", "10.0.0.77")]
    # by MAC alone (no serial), and a history under any of its names
    _scan(store, [device("10.0.0.78", "44:19:b6:00:00:01", serial=None)])
    assert len(store.devices()) == 1
    (dev,) = store.find_devices("10.0.0.5")  # an old address still finds it
    assert [h["ip"] for h in store.history(dev["id"])] == ["10.0.0.5", "10.0.0.77", "10.0.0.78"]


def test_randomised_mac_does_not_make_a_new_device_every_day(store: Any) -> None:
    for i, mac in enumerate(("da:a1:19:00:00:01", "c6:12:34:56:78:9a", "7a:00:00:00:00:02")):
        _scan(store, [device("10.0.0.9", mac, vendor="Apple", model=None, firmware=None, device_type="other")],
              start=f"2026-01-0{i + 1}T00:00:00Z")
    assert len(store.devices()) == 1


def test_new_device_at_a_known_address_is_new(store: Any) -> None:
    _scan(store, [device("10.0.0.5", "44:19:b6:00:00:01")])
    _scan(store, [device("10.0.0.5", "00:40:8c:00:00:02", vendor="Axis")])
    assert len(store.devices()) == 2


def test_diff_added_removed_firmware(store: Any) -> None:
    keep = device("10.0.0.5", "44:19:b6:00:00:01", serial=CAM_SERIAL, firmware="V5.4.0",
                  findings=[finding("cve", "critical", "CVE-2017-7921")])
    gone = device("10.0.0.6", "00:40:8c:00:00:06", vendor="Axis", model="M3045-V", firmware="9.80.1")
    a = _scan(store, [keep, gone])
    upgraded = {**keep, "firmware": "V5.5.3", "findings": [finding("telnet-open", "medium")]}
    new = device("10.0.0.7", "00:12:34:00:00:07", vendor="Dahua", model="IPC-HFW3441E", firmware="2.800")
    b = _scan(store, [upgraded, new])
    before, events = changes(store, store.scan(b))
    assert before is not None and before.id == a
    got = [(e["type"], e["device"]["ip"], e.get("direction"), (e.get("finding") or {}).get("key")) for e in events]
    assert got == [
        ("device-new", "10.0.0.7", None, None),
        ("device-gone", "10.0.0.6", None, None),
        ("firmware-changed", "10.0.0.5", "up", None),
        ("finding-new", "10.0.0.5", None, "telnet-open"),
        ("finding-resolved", "10.0.0.5", None, "CVE-2017-7921"),
    ]
    # downgrade
    c = _scan(store, [{**upgraded, "firmware": "V5.4.0"}, new])
    assert [(e["type"], e.get("direction")) for e in changes(store, store.scan(c))[1]] == [("firmware-changed", "down")]


def test_version_direction() -> None:
    assert version_direction("V5.4.0 build 160530", "V5.5.3 build 170725") == "up"
    assert version_direction("2.800.0000000.16.R", "2.622.0000000.1.R") == "down"
    assert version_direction(None, "1.0") == "unknown"


def test_diff_uses_complete_scans_only(store: Any) -> None:
    a = _scan(store, [device("10.0.0.5", "44:19:b6:00:00:01")])
    _scan(store, [], complete=False)  # interrupted: saw nothing
    c = _scan(store, [device("10.0.0.5", "44:19:b6:00:00:01")])
    before, events = changes(store, store.scan(c))
    assert before is not None and before.id == a and events == []


def test_sites_are_separate(store: Any) -> None:
    _scan(store, [device("10.0.0.5", None, vendor="Axis", serial=None)], site="hq")
    _scan(store, [device("10.0.0.5", None, vendor="Axis", serial=None)], site="branch")
    assert sorted(d["site"] for d in store.devices()) == ["branch", "hq"]
    assert store.sites() == ["branch", "hq"]


def test_accepted_finding_is_marked_and_expires(store: Any) -> None:
    import datetime as dt

    from netscan.store.db import utcnow

    dev = device("10.0.0.5", "44:19:b6:00:00:01", findings=[finding("telnet-open", "medium")])
    a = _scan(store, [device("10.0.0.5", "44:19:b6:00:00:01")])
    (d,) = store.devices()
    store.accept(d["id"], "telnet-open", "vendor replacement ordered", utcnow() + dt.timedelta(days=30))
    b = _scan(store, [dev])
    (ev,) = changes(store, store.scan(b), store.scan(a))[1]
    assert ev["type"] == "finding-new" and ev["accepted"] is True
    assert store.accepted(utcnow() + dt.timedelta(days=31)) == set()


def test_incomplete_scan_row_survives_and_earlier_scans_intact(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    s = open_store(str(path))
    _scan(s, [device("10.0.0.5", "44:19:b6:00:00:01")])
    s.begin_scan(site="default", source="scan", targets=["10.0.0.0/24"])  # then the process dies
    s.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT id, complete FROM scans ORDER BY id").fetchall() == [(1, 1), (2, 0)]
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_migrations_equal_schema(store: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from netscan.store.schema import metadata

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_resolve_url() -> None:
    assert resolve_url("postgresql://u@/inv?host=/tmp").startswith("postgresql+psycopg://")
    from netscan.errors import UsageError

    with pytest.raises(UsageError):
        resolve_url("mysql://x/y")


def test_import_report_and_observations(tmp_path: Path) -> None:
    from netscan.cli import main

    db = str(tmp_path / "inv.sqlite")
    rep = tmp_path / "r.json"
    rep.write_text(json.dumps(report([device("10.0.0.5", "44:19:b6:00:00:01")])))
    corpus = Path(__file__).parents[1] / "corpus" / "dahua"
    obs = sorted(corpus.glob("*.json"))[0]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["inventory", "import", "--db", db, "--site", "old", str(rep), str(obs), str(bad)]) == 2
    s = open_store(db)
    scans = s.scans()
    assert [x.source for x in scans] == ["import", "import"] and all(x.complete for x in scans)
    assert len(s.observations(scans[0].id)) == 1  # the observation itself is kept
    s.close()


def test_concurrent_writers_lose_nothing(db_url: str) -> None:
    """Eight processes write scans of their own sites at once; every scan and device lands."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from netscan.store import open_store, store_scan\n"
        "from tests.store.helpers import device, report\n"
        "site = sys.argv[2]\n"
        "s = open_store(sys.argv[1])\n"
        "for n in range(3):\n"
        "    sid = s.begin_scan(site=site, source='scan', targets=['10.0.0.0/24'])\n"
        "    store_scan(s, sid, report([device(f'10.0.0.{i}', None, vendor='Axis', serial=None) for i in range(1, 41)]), None, complete=True)\n"
    )
    root = Path(__file__).parents[2]
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url, f"site{k}"], cwd=root, stderr=subprocess.PIPE, text=True)
             for k in range(8)]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-2000:]
    s = open_store(db_url)
    try:
        assert len(s.scans(complete_only=True)) == 24
        assert len(s.devices()) == 8 * 40
        assert s.counts()["sightings"] == 24 * 40
    finally:
        s.close()


def test_head_constant_is_alembic_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from netscan.store.db import HEAD, MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_events_match_the_documented_schema(store: Any) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parents[2] / "docs" / "events.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    keep = device("10.0.0.5", "44:19:b6:00:00:01", serial=CAM_SERIAL, findings=[finding("cve", "critical", "CVE-2017-7921")])
    _scan(store, [keep, device("10.0.0.6", "00:40:8c:00:00:06", vendor="Axis")])
    b = _scan(store, [{**keep, "ip": "10.0.0.9", "mac": "44:19:b6:00:00:02", "firmware": "V5.5.3", "model": "DS-2CD2032F",
                       "vendor": "Hikvision", "brand": "LTS", "findings": [finding("telnet-open", "medium")]},
                      device("10.0.0.7", "00:12:34:00:00:07", vendor="Dahua")])
    events = changes(store, store.scan(b))[1]
    assert {e["type"] for e in events} == {"device-new", "device-gone", "ip-changed", "mac-changed", "firmware-changed",
                                           "model-changed", "identity-changed", "finding-new", "finding-resolved"}
    for e in events + [{"type": "watch-started", "site": "x", "every_s": 5.0},
                       {"type": "scan-failed", "site": "x", "scan": None, "error": "boom"}]:
        jsonschema.validate(e, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "firmware-changed", "device": events[0]["device"]}, schema)


def test_baseline_stops_fail_on(tmp_path: Path) -> None:
    """What `scan --fail-on` judges after the inventory: accepted findings no longer count, others do."""
    import argparse
    import datetime as dt

    from netscan.cli.exitcodes import ExitCode
    from netscan.cli.output import fail_on_exit
    from netscan.cli.storeopts import StoreSession
    from netscan.observations import load_path
    from netscan.pipeline import analyse

    corpus = Path(__file__).parents[1] / "corpus" / "dahua"
    obs = [o for f in sorted(corpus.glob("*.json")) for o in load_path(f) if o.ip and o.mac][:1]  # known again
    report = analyse(obs, now=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    assert report.devices[0].findings, "the corpus device has findings"
    worst = report.devices[0].findings[0]
    args = argparse.Namespace(db=str(tmp_path / "inv.sqlite"), site="hq")

    def run() -> tuple[Report, Report]:
        s = StoreSession(args, source="scan", targets=[], engine="netscan")
        try:
            return s.finish(report, obs, complete=True)
        finally:
            s.close()

    doc, judged = run()
    level = worst.severity.value if worst.severity.value != "info" else "low"
    assert fail_on_exit(judged, level) is ExitCode.FINDINGS or worst.severity.value == "info"
    from netscan.cli import main

    keys = {f.cve or f.id for f in report.devices[0].findings}
    for key in keys:
        assert main(["inventory", "accept", "--db", args.db, "1", key, "--until", "2099-01-01", "--reason", "lab"]) == 0
    doc, judged = run()
    assert fail_on_exit(judged, "low") is None
    assert all(f.accepted for f in doc.devices[0].findings)  # shown, marked
    assert doc.scan.extra["store"] == {"scan": 2, "site": "hq", "complete": True} and doc.changes == ()
    assert main(["inventory", "accept", "--db", args.db, "1", "x", "--until", "2001-01-01", "--reason", "old"]) == 2


def test_upgrade_from_0001_keeps_the_data(db_url: str) -> None:
    """An inventory made by the first schema (records inline) is migrated: every record readable."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from netscan.store import resolve_url
    from netscan.store.adapter import pack
    from netscan.store.db import MIGRATIONS, Store

    old = Store.connect(resolve_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
        rec = device("10.0.0.5", "44:19:b6:00:00:01", findings=[finding("telnet-open", "medium")])
        # (ids left to the database, so PostgreSQL's sequences move on: the first rows are 1)
        conn.execute(sa.text("INSERT INTO scans (site, source, targets, started_at, complete, device_count) "
                             "VALUES ('default', 'scan', '[]', :t, :c, 1)"),
                     {"t": "2026-01-01 00:00:00", "c": True})
        conn.execute(sa.text("INSERT INTO devices (identity, site, ip, first_seen, last_seen) "
                             "VALUES ('mac:44:19:b6:00:00:01', 'default', '10.0.0.5', :t, :t)"), {"t": "2026-01-01 00:00:00"})
        for sid in (1,):
            conn.execute(sa.text("INSERT INTO sightings (scan_id, device_id, ip, covered, record, observation) "
                                 "VALUES (:s, 1, '10.0.0.5', :f, :r, :o)"),
                         {"s": sid, "f": False, "r": pack(rec), "o": pack({"ip": "10.0.0.5", "responses": []})})
        conn.commit()
    old.close()
    s = open_store(db_url)  # upgrades to the newest schema
    try:
        assert s.records(1)[0][1]["findings"][0]["id"] == "telnet-open"
        assert s.observations(1) == [{"ip": "10.0.0.5", "responses": []}]
        _scan(s, [rec])  # and goes on taking scans: the unchanged record is stored once
        assert s.counts()["blobs"] == 2  # the old record (the new scan has the same one) and observation
    finally:
        s.close()


def test_passive_capture_is_recorded(tmp_path: Path) -> None:
    """`netscan passive --pcap` records what it heard as a scan (source passive, dated by the
    capture); --no-db records nothing."""
    from netscan.cli import main
    from tests.capture.test_capture import lan_packets
    from netscan.lab.pcapgen import write_pcap

    pcap = tmp_path / "lan.pcap"
    with pcap.open("wb") as f:
        write_pcap(f, lan_packets())
    db = str(tmp_path / "inv.sqlite")
    out = tmp_path / "heard.json"
    assert main(["passive", "--pcap", str(pcap), "--db", db, "--site", "span", "--format", "json", "-o", str(out)]) in (0, 4)
    doc = json.loads(out.read_text())
    assert doc["scan"]["store"]["site"] == "span"
    s = open_store(db)
    try:
        (scan,) = s.scans()
        assert (scan.source, scan.site, scan.complete) == ("passive", "span", True)
        assert scan.device_count == len(doc["devices"]) > 5
        assert {d["ip"] for d in s.devices()} == {d["ip"] for d in doc["devices"]}
    finally:
        s.close()
    assert main(["passive", "--pcap", str(pcap), "--db", db, "--no-db", "--format", "json", "-o", str(out)]) in (0, 4)
    s = open_store(db)
    try:
        assert len(s.scans()) == 1
    finally:
        s.close()


def _scan_rows(path: Path) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(str(path))
    try:
        return con.execute("SELECT site, source, targets, started_at, ended_at, engine, complete, device_count, origin, header, "
                           "typeof(started_at), typeof(complete) FROM scans ORDER BY id").fetchall()
    finally:
        con.close()


def test_scan_start_without_sqlalchemy_writes_the_store_row(tmp_path: Path) -> None:
    """netscan.store.started writes the same ``scans`` row as Store.begin_scan, only into an
    existing SQLite inventory at the newest schema; anywhere else it writes nothing and says None."""
    import re

    from netscan.store.started import begin_scan_sqlite

    path = tmp_path / "inv.sqlite"
    url = resolve_url(str(path))
    assert begin_scan_sqlite(url, site="default", source="scan", targets=["x"], engine=None) is None  # no file yet
    assert not path.exists()
    s = open_store(str(path))
    try:
        a = s.begin_scan(site="lab", source="scan", targets=["10.0.0.0/24", "cam.local"], engine="netscan")
        b = begin_scan_sqlite(url, site="lab", source="scan", targets=["10.0.0.0/24", "cam.local"], engine="netscan")
        assert b == a + 1
        rows = _scan_rows(path)
        assert rows[0][:3] + rows[0][4:] == rows[1][:3] + rows[1][4:]  # all but the start time
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000", r[3]) for r in rows)
        # the store reads it back like its own, and finishes it like its own
        assert s.scan(b) is not None and s.scan(b).site == "lab"
        store_scan(s, b, report([device("10.0.0.5", mac="44:19:b6:01:02:03")]), None, complete=True)
        assert s.scan(b).complete
    finally:
        s.close()
    before = _scan_rows(path)
    assert begin_scan_sqlite("postgresql+psycopg://u@h/db", site="s", source="scan", targets=[], engine=None) is None
    assert begin_scan_sqlite("sqlite://", site="s", source="scan", targets=[], engine=None) is None
    assert begin_scan_sqlite(url + "?mode=ro", site="s", source="scan", targets=[], engine=None) is None
    con = sqlite3.connect(str(path))
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    assert begin_scan_sqlite(url, site="s", source="scan", targets=[], engine=None) is None  # an older schema: Store migrates it
    assert _scan_rows(path) == before
    # a current schema that cannot take the row: the error is the caller's to report (as Store's would be)
    con = sqlite3.connect(str(path))
    con.execute("UPDATE alembic_version SET version_num = '0002'")
    con.execute("ALTER TABLE scans RENAME TO scans_gone")
    con.commit()
    con.close()
    with pytest.raises(sqlite3.OperationalError, match="no such table: scans"):
        begin_scan_sqlite(url, site="s", source="scan", targets=[], engine=None)


def test_scan_session_starts_before_sqlalchemy_is_imported(tmp_path: Path) -> None:
    """A scan's session records the start without importing SQLAlchemy (its import is deferred
    until the hosts wait on the network), then opens the store as before."""
    import subprocess
    import sys

    path = tmp_path / "inv.sqlite"
    open_store(str(path)).close()
    code = (
        "import argparse, sys\n"
        "from netscan.cli.storeopts import StoreSession\n"
        f"s = StoreSession(argparse.Namespace(db={str(path)!r}, site=None), source='scan', targets=['x'], engine=None, defer=True)\n"
        "s.ready()\n"
        "print('sqlalchemy' in sys.modules, s.scan_id)\n"
        "s.idle(); s._thread.join()\n"
        "print(s.store is not None, s.error)\n"
        "s.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout.split("\n")
    assert out[0] == "False 1"
    assert out[1] == "True None"
    assert _scan_rows(path)[0][:3] == ("default", "scan", '["x"]')
