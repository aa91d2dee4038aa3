"""Where the signature data lives and how every file of it is read (one YAML loader, one root).

Error policy, for every kind of signature data (vendors, OUIs, fingerprints, vulnerabilities,
end-of-life): a loader never stops at the first problem. It records each one as a line
``<file>: <item>: <what is wrong>`` in the database's ``problems`` and skips only the item (or the
file) concerned; only a signature directory that does not exist raises :class:`SignatureError`.
``netscan signatures check`` (netscan.sigdb.selfcheck) reports every problem; the analysis refuses a
database that has any (:func:`netscan.sigdb.load_signatures`), so a broken file never quietly
drops a rule or a vulnerability from a scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netscan.errors import SignatureError

#: The signature data shipped in the package (``signatures/`` at the top of the repository).
DEFAULT_SIGNATURES_DIR = Path(__file__).resolve().parent.parent / "signatures"


def signatures_root(path: str | Path | None) -> Path:
    """The signature directory to read (default: the shipped one); SignatureError when absent."""
    root = Path(path) if path else DEFAULT_SIGNATURES_DIR
    if not root.is_dir():
        raise SignatureError(f"{root}: signature directory not found")
    return root


def load_yaml(path: Path) -> Any:
    """Parse one YAML file: UTF-8 only (a bad byte named with its offset), size-capped, plain data,
    no aliases (netscan/sigdb/yamlsafe.py: an alias bomb must not hang). SignatureError names the file."""
    from netscan.sigdb.yamlsafe import load_yaml as _safe

    return _safe(path, path.name)
