"""A maker's name written as the prefix of a key: the fields an OS vendor adds to its os-release file.

os-release(5) (https://www.freedesktop.org/software/systemd/man/latest/os-release.html): "Operating system
vendors may extend the file format and introduce new fields. It is highly recommended to prefix new fields
with an OS specific name in order to avoid name clashes." A camera's firmware built on Buildroot keeps
Buildroot's NAME= and ID= lines and adds its own ``<VENDOR>_VERSION=`` / ``<VENDOR>_BUILDNO=`` (Xiaomi's
Mijia and Xiaoyi cameras: ``XIAOMI_VERSION=3.4.2_0159``; OpenIPC's ``OPENIPC_VERSION=``). The prefix is the
name of whoever built the image: a known maker's name there names the device's maker, as the same name in a
banner does (signatures/families/generic.yaml ``maker_names``: its ignored words and platform names stay
unread). Read only in a record that is an os-release file (its ``NAME`` and ``ID`` keys); the version itself
is read by the field-name convention ``semantic-firmware-os-release-prefixed``. Which keys mark such a file, which
readers record its lines and what a vendor key looks like are data (signatures/families/fields-conventions.yaml
``os_release``, netscan/sigdb/osrelease.py).
"""

from __future__ import annotations

from netscan.model import Evidence, Response
from netscan.sigdb.db import SignatureDB

__all__ = ["OS_RELEASE_PREFIX_SOURCE", "os_release_vendor"]

#: The evidence source of such a claim.
OS_RELEASE_PREFIX_SOURCE = "os-release-vendor-key"

def os_release_vendor(db: SignatureDB, fields: dict[str, list[str]], protocol: str, resp: Response,
                      evidence: list[Evidence]) -> str | None:
    """The known maker a vendor key of an os-release record names (``XIAOMI_VERSION`` -> Xiaomi), with its evidence
    appended; None when the record is no os-release file or no such key names a known maker."""
    mn, osr = db.maker_names, db.os_release
    if mn is None or osr is None or not osr.record(fields, protocol):
        return None
    for name in fields:
        prefix = osr.vendor_prefix(name)
        if prefix is None:
            continue
        maker = mn.find(prefix.replace("_", " "))
        if maker is None:
            continue
        evidence.append(Evidence(kind="rule", source=OS_RELEASE_PREFIX_SOURCE,
                                 detail=f"an os-release vendor key ({name.rsplit('.', 1)[-1]}) carries the maker's name as its prefix",
                                 extracted={"vendor": maker}, weight=mn.weight, protocol=resp.protocol, port=resp.port))
        return maker
    return None
