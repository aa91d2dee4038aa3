"""A throw-away PostgreSQL server for tests and benchmarks (Debian's postgresql package).

``initdb`` in a temporary directory owned by the ``postgres`` user, listening only on a unix socket
in that directory (no TCP port at all), so processes in the lab's network namespaces reach it
through the shared file system, which a namespace does not isolate. Torn down by :meth:`stop`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

#: Port number only names the socket file (.s.PGSQL.<port>); nothing listens on TCP.
SOCKET_PORT = 5433
#: How long the server may take to accept connections.
START_TIMEOUT_S = 60.0


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (scripts/bootstrap.sh installs Debian's postgresql)")
    return Path(found[-1]).parent


class PgServer:
    """One PostgreSQL server on a unix socket in a temporary directory."""

    def __init__(self) -> None:
        self.bin = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="netscan-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        user = pwd.getpwnam("postgres")
        os.chown(self.root, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o755)
        self._as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                           "--no-sync", "-E", "UTF8", "--locale=C"])
        self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                           "-t", str(int(START_TIMEOUT_S)), "-o",
                           f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} -p {SOCKET_PORT} "
                           "-c fsync=off -c max_connections=60", "start"])
        self._n = 0

    def _as_postgres(self, argv: list[str]) -> None:
        # runuser: PostgreSQL refuses to run as root
        subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True, capture_output=True, timeout=120,
                       cwd=str(self.root))

    def url(self, database: str) -> str:
        """The netscan --db URL of ``database``."""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={SOCKET_PORT}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        self._n += 1
        name = name or f"netscan{self._n}_{int(time.time() * 1000) % 100000}"
        self._as_postgres([str(self.bin / "psql") if (self.bin / "psql").exists() else "psql", "-h", str(self.socket_dir),
                           "-p", str(SOCKET_PORT), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                           "-c", f'CREATE DATABASE "{name}"'])
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)
