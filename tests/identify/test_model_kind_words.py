"""The words right after the chosen model say what the device is when nothing else does
(netscan/identify/resolve.py ``_kind_after_model``, families/types.yaml ``type-after-model-*``):
"HB613-P 3 MP camera", "PVC2300 POE Video Camera", "DS-7608NI-K2 NVR". The kind word must be the head of
the phrase and singular; what qualifies another noun (camera app, camera licences, doorbell chime), a
recorder's or a NAS's cameras, and a model inside a longer code say nothing."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.identify.resolve import MODEL_KIND_SOURCE
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _ident(db: SignatureDB, raw: str):  # type: ignore[no-untyped-def]
    return identify(Observation(ip="10.0.0.9", mac=None, responses=(Response(protocol="other", port=None, request="console", raw=raw),)), db)


def test_a_reporters_words_after_the_model_say_camera(db: SignatureDB) -> None:
    """The training sentence (toxuin/alarmserver#41): the model, the resolution, then "camera"."""
    ident = _ident(db, "Tested the Hiseeu HB613-P 3 MP camera - positive with Hisilicon config.")
    assert (ident.model, ident.device_type) == ("HB613-P", "camera")
    assert any(e.source == MODEL_KIND_SOURCE for e in ident.evidence)


@pytest.mark.parametrize("raw", [
    "Tested the Hiseeu HB613-P with 4 cameras - positive.",
    "Tested the Hiseeu HB613-P cameras - positive.",
    "Tested the Hiseeu HB613-P camera app - positive.",
    "the Netgear R7000 camera feature is off",
    "My Synology DS920+ camera licenses: 4",
])
def test_a_kind_word_that_is_not_the_heads_phrase_says_nothing(db: SignatureDB, raw: str) -> None:
    ident = _ident(db, raw)
    assert ident.device_type not in VIDEO_TYPES
    assert not any(e.source == MODEL_KIND_SOURCE for e in ident.evidence)


def test_the_model_must_stand_whole(db: SignatureDB) -> None:
    """A model written inside a longer code is another code: its following words are not read."""
    ident = _ident(db, "Tested the Hiseeu HB613-P.\nOther unit HB613-PX camera works")
    assert not any(e.source == MODEL_KIND_SOURCE for e in ident.evidence)


def test_places_that_disagree_say_nothing(db: SignatureDB) -> None:
    ident = _ident(db, "Tested the Hiseeu HB613-P camera.\nThe Hiseeu HB613-P NVR, too.")
    assert not any(e.source == MODEL_KIND_SOURCE for e in ident.evidence)


def test_the_models_places_are_the_patterns_places() -> None:
    """The faster search for the model's places (lower-cased text, then the pattern at each place found) finds
    exactly what the pattern's own ``finditer`` finds, in order: ASCII and non-ASCII texts, the model in any case,
    inside longer codes, next to ``-``/``_``, overlapping candidates."""
    import random

    from netscan.identify.resolve import _model_token, _token_places

    rnd = random.Random(11)
    found = 0
    for _ in range(3000):
        want = "".join(rnd.choice("abAB-1x") for _ in range(rnd.randint(3, 5)))
        parts = []
        for _ in range(rnd.randint(0, 8)):
            if rnd.random() < 0.4:
                parts.append("".join(c.swapcase() if rnd.random() < 0.5 else c for c in want))
            else:
                parts.append("".join(rnd.choice("ab-_ 1.\nX\u00e9\u212a") for _ in range(rnd.randint(0, 4))))
        text = "".join(parts) if rnd.random() < 0.5 else "".join(parts).replace("\u00e9", "").replace("\u212a", "")
        token = _model_token(want)
        expect = [(m.start(), m.end()) for m in token.finditer(text)]
        assert [(m.start(), m.end()) for m in _token_places(token, want, text)] == expect, (want, text)
        found += len(expect)
    assert found > 300  # (the model was found often enough for the comparison to mean something)
