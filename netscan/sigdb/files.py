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

import yaml

from netscan.errors import SignatureError

try:  # the C loader is ~10x faster; fall back silently when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The signature data shipped in the package (``signatures/`` at the top of the repository).
DEFAULT_SIGNATURES_DIR = Path(__file__).resolve().parent.parent / "signatures"


def signatures_root(path: str | Path | None) -> Path:
    """The signature directory to read (default: the shipped one); SignatureError when absent."""
    root = Path(path) if path else DEFAULT_SIGNATURES_DIR
    if not root.is_dir():
        raise SignatureError(f"{root}: signature directory not found")
    return root


def load_yaml(path: Path) -> Any:
    """Parse one YAML file (safe loader: plain data only). Raises SignatureError naming the file."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - SafeLoader/CSafeLoader
    except OSError as exc:
        raise SignatureError(f"{path.name}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise SignatureError(f"{path.name}: invalid YAML: {exc}") from None
