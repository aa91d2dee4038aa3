"""All the signature data as one value: the fingerprint database and the vulnerability and
end-of-life records, read from one directory by one loader."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from netscan.errors import SignatureError
from netscan.sigdb.db import SignatureDB, default_db, load_db
from netscan.sigdb.files import signatures_root
from netscan.sigdb.vulns import VulnDB, load_vulns

#: Problems named in the error a broken signature directory raises (the rest: ``signatures check``).
MAX_PROBLEMS_SHOWN = 5


@dataclass(frozen=True)
class Signatures:
    """Vendors, OUIs and fingerprint rules (``db``) and vulnerability/EOL records (``vulns``).

    Either part may be None when a caller has only the other (the self-check of one kind)."""

    db: SignatureDB | None
    vulns: VulnDB | None

    @property
    def problems(self) -> list[str]:
        """Everything the loaders could not read (netscan.sigdb.files has the policy)."""
        return [*(self.db.problems if self.db else ()), *(self.vulns.problems if self.vulns else ())]


def load_signatures(path: str | Path | None = None, *, strict: bool = True) -> Signatures:
    """Read a signature directory (default: the shipped one).

    Raises:
        SignatureError: the directory does not exist; or, when ``strict`` (anything that analyses
            devices), some file or item in it could not be loaded.
    """
    root = signatures_root(path)
    sig = Signatures(db=load_db(root), vulns=load_vulns(root))
    if strict:
        raise_for_problems(sig, root)
    return sig


def raise_for_problems(sig: Signatures, root: Path | str) -> None:
    """SignatureError naming the first problems, when there are any."""
    problems = sig.problems
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS_SHOWN} more)" if len(problems) > MAX_PROBLEMS_SHOWN else ""
        raise SignatureError(f"{root}: broken signature data: " + "; ".join(problems[:MAX_PROBLEMS_SHOWN]) + more
                             + " (netscan signatures check --signatures DIR lists every problem)")


_LOCK = threading.Lock()
_DEFAULT: list[Signatures] = []


def default_signatures() -> Signatures:
    """The shipped signatures, loaded once per process (thread-safe) and checked for problems."""
    if not _DEFAULT:
        with _LOCK:
            if not _DEFAULT:
                sig = Signatures(db=default_db(), vulns=load_vulns())
                raise_for_problems(sig, "signatures")
                _DEFAULT.append(sig)
    return _DEFAULT[0]
