"""Measure identification against a recorded corpus (tests/corpus/<vendor>/<device>.json).

Each corpus file is an observation with ``expect`` (vendor, brand, model, firmware, device_type)
and ``source``. Used by the test suite and by benchmarks/corpus_accuracy.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netscan.identify import identify
from netscan.identify.resolve import makers_of
from netscan.model import VIDEO_TYPES
from netscan.observations import load_path
from netscan.sigdb import SignatureDB

KEYS = ("vendor", "brand", "model", "firmware", "device_type")


@dataclass
class Accuracy:
    """Per-attribute hit counts over a corpus, and the misses."""

    total: int = 0
    hits: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KEYS})
    counted: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KEYS})
    non_camera: int = 0
    non_camera_called_video: list[str] = field(default_factory=list)
    cameras: int = 0
    cameras_missed: list[str] = field(default_factory=list)
    """Video devices (camera, NVR, DVR, doorbell, encoder) identified with no vendor at all."""
    cameras_not_video: list[str] = field(default_factory=list)
    """Video devices whose answer's device type is not a video type (``unknown`` or a non-video type)."""
    misses: list[str] = field(default_factory=list)
    vendors: set[str] = field(default_factory=set)

    def rate(self, key: str) -> float:
        """Share of devices with an expected value for ``key`` that got it right."""
        return self.hits[key] / self.counted[key] if self.counted[key] else 1.0

    def as_dict(self) -> dict[str, Any]:
        """Figures for reports."""
        return {
            "devices": self.total,
            "vendors": len(self.vendors),
            "non_cameras": self.non_camera,
            **{f"{k}_accuracy": round(self.rate(k), 4) for k in KEYS},
            **{f"{k}_counted": self.counted[k] for k in KEYS},
            "non_cameras_called_video": self.non_camera_called_video,
            "cameras": self.cameras,
            "cameras_missed": self.cameras_missed,
            "cameras_not_video": self.cameras_not_video,
            "misses": self.misses,
        }


def _same(a: object, b: object) -> bool:
    return (str(a).casefold().strip() if a is not None else None) == (str(b).casefold().strip() if b is not None else None)


def _makers(db: SignatureDB, name: object) -> tuple[str, set[str]] | None:
    """The canonical vendor a name stands for, and the makers it stands for in netscan's own naming:
    itself and, for a brand whose devices another maker builds (``built_by``, or a video-only parent:
    EZVIZ -> Hikvision), that maker (netscan.identify.resolve.makers_of), and a retail label's owner
    (``label: true`` with a parent: Eufy -> Anker); None when netscan does not know the name."""
    v = db.vendor(str(name)) if name is not None else None
    if v is None:
        return None
    parent = (v.parent,) if v.label and v.parent else ()  # a retail label's owner (Eufy: Anker)
    return v.name, {v.name, *makers_of(db, v), *parent}


def _same_maker(db: SignatureDB, got: object, want: object) -> bool:
    """A vendor label and an answer name the same maker when both resolve to one canonical vendor
    through its names and aliases (a label "Samsung" and the answer "Samsung Electronics"), or when
    one is a brand the other builds by netscan's own relations (signatures/vendors ``built_by``, a
    video-only parent): a label "EZVIZ" and the answer "Hikvision" (with brand EZVIZ) name one maker,
    as resolve reports a relabel (maker in vendor, label in brand). A parent that is a conglomerate
    (Motorola Solutions for Avigilon) is not the maker. A name netscan does not know is compared as
    written. Only for ``vendor``: a brand is a label of its own, never resolved to its maker."""
    w = _makers(db, want)
    g = _makers(db, got)
    if w is not None and g is not None:
        return g[0] in w[1] or w[0] in g[1]  # one is the other or builds it (two labels of one builder are two)
    return _same(got, want)


def answer_matches(db: SignatureDB, kind: str, got: object, want: object) -> bool:
    """Whether an answer's ``kind`` (vendor, brand, model, ...) is the labelled one; a vendor is compared as a maker."""
    return _same_maker(db, got, want) if kind == "vendor" else _same(got, want)


def evaluate(corpus: Path, db: SignatureDB) -> Accuracy:
    """Identify every corpus device and compare with its ``expect``."""
    acc = Accuracy()
    for path in sorted(corpus.rglob("*.json")):
        for obs in load_path(path):
            expect = obs.meta.get("expect")
            if not isinstance(expect, dict):
                continue
            acc.total += 1
            ident = identify(obs, db)
            got = {"vendor": ident.vendor, "brand": ident.brand, "model": ident.model, "firmware": ident.firmware, "device_type": ident.device_type}
            if expect.get("vendor"):
                acc.vendors.add(str(expect["vendor"]))
            if expect.get("device_type") in VIDEO_TYPES:
                acc.cameras += 1
                if ident.vendor is None:
                    acc.cameras_missed.append(str(path.relative_to(corpus)))
                if ident.device_type not in VIDEO_TYPES:
                    acc.cameras_not_video.append(str(path.relative_to(corpus)))
            elif expect.get("device_type"):
                # a file whose kind of device is not stated is neither a camera nor a non-camera
                acc.non_camera += 1
                if ident.device_type in VIDEO_TYPES:
                    acc.non_camera_called_video.append(str(path))
            for k in KEYS:
                if k not in expect:
                    continue
                want = expect[k]
                if k in ("model", "firmware") and want is None:
                    continue  # nothing published to check against
                acc.counted[k] += 1
                if answer_matches(db, k, got[k], want):
                    acc.hits[k] += 1
                else:
                    acc.misses.append(f"{path.relative_to(corpus)}: {k} expected {want!r}, got {got[k]!r}")
    return acc
