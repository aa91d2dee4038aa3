"""The held-out test split (tests/corpus_test, SPLIT.md): no rule is written from its sources, and
identification on it is measured (benchmarks/corpus_accuracy.py reports every figure)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from netscan.identify.accuracy import evaluate
from netscan.observations import load_path
from netscan.sigdb import load_db

ROOT = Path(__file__).resolve().parent.parent
TEST = ROOT / "tests" / "corpus_test"
_REPO = re.compile(r"https://github\.com/([^/\s]+/[^/\s#?]+)")


def _test_sources() -> set[str]:
    """Repositories and threads of the test split: a thread counts as itself, a repository's files
    as the whole repository."""
    out: set[str] = set()
    for path in TEST.rglob("*.json"):
        for obs in load_path(path):
            for src in obs.meta.get("source") or []:
                url = str(src).split(" ", 1)[0]
                if "/issues/" in url or "/pull/" in url:
                    out.add(url.rstrip("/"))
                else:
                    m = _REPO.match(url)
                    out.add(m.group(1) if m else url)
    return out


def test_every_test_file_cites_a_source_and_expects() -> None:
    files = list(TEST.rglob("*.json"))
    assert len(files) >= 50
    for path in files:
        for obs in load_path(path):
            assert obs.meta.get("source"), path
            assert isinstance(obs.meta.get("expect"), dict), path


def test_no_signature_is_written_from_a_test_source() -> None:
    sources = _test_sources()
    assert sources
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "signatures").rglob("*.yaml"))
    for src in sources:
        needle = src if src.startswith("http") else f"github.com/{src}/"
        assert needle not in text, f"a signature cites the test-split source {src}"
    training = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "corpus").rglob("*.json"))
    for src in sources:
        needle = src if src.startswith("http") else f"github.com/{src}/"
        assert needle not in training, f"{src} is in both splits"


#: Regression floors at the figures measured when the split was last extended, rounded down. History:
#: 36 files vendor 0.8889 model 0.9667; 68 files 0.6061 / 0.7436; 105 files (the corpus helper's
#: second extension: thread excerpts and library fixtures recorded as published) 0.5050 / 0.5156, then
#: 0.6040 / 0.6094 with the rules on main 324080a; the floors sit one file below, see SPLIT.md. Lowering them records that the bigger split shows more misses (mostly fragments: SDP
#: bodies, log excerpts, single answers); they are not targets. The issue's targets are vendor 0.95,
#: model 0.85, firmware 0.85; none is met on this split (benchmarks/results/ has the figures).
#: The corpus helper's third extension (session 4: LibreNMS snmprec recordings, tool printouts, thread
#: excerpts) took the split to 136 files: vendor 0.5200, model 0.5526 with the rules on main 7586b2d.
#: The fourth extension (helper corpus4: gortsplib/retina/LibreNMS files and thread excerpts, 26 test
#: files) took it to 162 files: vendor 0.5282, model 0.5581 with the rules on main 6573f4a; one file
#: below is 0.5211 / 0.5465, so both floors hold as they are. At the end of session 5 (the fifth and
#: sixth extensions: 198 files; the rules on main after session 5's helpers) the split measures vendor
#: 0.6627 (112/169), model 0.6354 (61/96); the floors moved up to one file below, rounded down:
#: 111/169 = 0.657, 60/96 = 0.625. The seventh extension (helper corpus7, session 6: 20 test files;
#: on them alone vendor 4/16, model 1/8) took the split to 218 files: vendor 0.6324 (117/185), model
#: 0.5962 (62/104) with the rules on main 0129943; the floors moved down to one file below, rounded
#: down: 116/185 = 0.627, 61/104 = 0.586. The eighth extension (helper corpus8, session 6: 18 test
#: files) and session 6's rules took the split to 236 files: vendor 0.6788 (131/193), model 0.5913
#: (68/115) on main 6842a46; floors at one file below, rounded down: 130/193 = 0.673, 67/115 = 0.582.
#: Session 7 (ninth extension, 246 files): vendor 0.6970 (138/198), model 0.6033 (73/121), firmware
#: 0.8421 (64/76) with the rules on main bc0a3a2; floors at one file below, rounded down: 137/198 = 0.692,
#: 72/121 = 0.595, and a firmware floor from now on, 63/76 = 0.829.
#: Session 8 (tenth extension, 257 files): vendor 0.7277 (147/202), model 0.6328 (81/128), firmware
#: 0.8690 (73/84) with the rules on main 94ce2a3; floors at one file below, rounded down: 146/202 =
#: 0.723, 80/128 = 0.625, 72/84 = 0.857.
#: Session 9 (eleventh extension, helper corpus11: 17 test files; on them alone vendor 4/10, model
#: 4/10, firmware 1/3 at first sight) took the split to 274 files: vendor 0.7123 (151/212), model
#: 0.6159 (85/138), firmware 0.8506 (74/87) with the rules on main f6246d3; floors at one file below,
#: rounded down: 150/212 = 0.707, 84/138 = 0.608, 73/87 = 0.839.
#: End of session 9 (twelfth extension, helper corpus12: 6 more test files; 280 files) with the rules
#: on main 764c843: vendor 0.7269 (157/216), model 0.6286 (88/140), firmware 0.8444 (76/90); floors at
#: one file below, rounded down: 156/216 = 0.722, 87/140 = 0.621, 75/90 = 0.833.
#: Session 10 (thirteenth extension, helper corpus13: 16 test files; on them alone vendor 6/10, model
#: 5/9, firmware 4/7 at first sight) took the split to 296 files: vendor 0.7345 (166/226), model
#: 0.6242 (93/149), firmware 0.8247 (80/97) with the rules on main d707396; floors at one file below,
#: rounded down: 165/226 = 0.730, 92/149 = 0.617, 79/97 = 0.814.
#: End of session 10, rules on main 83d0b8a: vendor 0.7389 (167/226), model 0.6309 (94/149), firmware
#: 0.8351 (81/97); floors at one file below, rounded down: 166/226 = 0.734, 93/149 = 0.624, 80/97 =
#: 0.824.
#: Session 11: the fourteenth extension (helper corpus14: 11 test files, on them alone vendor 5/9,
#: model 2/11, firmware 3/4 at first sight) took the split to 307 files and moved the vendor and model
#: floors, since unseen material lowers the figures and a rule change must not: with the rules on main
#: 2ae33df (identification unchanged since 7c79cbb) vendor 0.7319 (172/235), model 0.6000 (96/160),
#: firmware 0.8317 (84/101); floors at one file below, rounded down: 171/235 = 0.727, 95/160 = 0.593;
#: the firmware floor still holds and stays. Its second write batch (7 more test files, on them alone
#: vendor 1/6, model 4/7, firmware 4/7 at first sight; 314 files) moved the vendor and firmware floors
#: on the same rules: vendor 0.7178 (173/241), model 0.5988 (100/167), firmware 0.8148 (88/108); floors
#: at one file below, rounded down: 172/241 = 0.713, 87/108 = 0.805; the model floor holds and stays.
#: The fifteenth extension (helper corpus15, session 12: 17 test files; on them alone vendor 0/6,
#: model 3/10, firmware 4/13 at first sight; 338 files) moved the firmware floor on the session's
#: starting rules (main 6df323c): vendor 0.7154 (181/253), model 0.5956 (109/183), firmware 0.7680
#: (96/125); firmware floor at one file below: 95/125 = 0.760; the vendor and model floors hold and stay.
#: Its second write batch (3 more test files; 341 files) moved no floor: vendor 0.7148 (183/256), model
#: 0.5946 (110/185), firmware 0.7698 (97/126).
#: End of session 12 (seven test files from five sources moved to training, SPLIT.md; 334 files) with the
#: rules on main at the session's end: vendor 0.7579 (191/252), model 0.6393 (117/183), firmware 0.8595
#: (104/121); floors at one file below, rounded down: 190/252 = 0.753, 116/183 = 0.633, 103/121 = 0.851.
#: These gains are audit-guided, not independent (docs/accuracy.md "Where session 12 ended").
#: The sixteenth extension (helper corpus16, session 13: 12 test files from 10 new sources; on them alone
#: vendor 5/8, model 5/8, firmware 6/9 at first sight; 346 files) moved the firmware floor on the session's
#: starting rules (main b5b5f98): vendor 0.7538 (196/260), model 0.6387 (122/191), firmware 0.8462
#: (110/130); firmware floor at one file below: 109/130 = 0.838; the vendor and model floors hold and stay.
#: Its second write batch (9 more test files; 355 files) moved the vendor floor on the same rules
#: (b5b5f98): vendor 0.7481 (199/266), model 0.6345 (125/197), firmware 0.8433 (113/134); vendor floor at
#: one file below: 198/266 = 0.744; the model and firmware floors hold and stay.
#: End of session 13 (three test files of one source moved to training, SPLIT.md; 352 files) with the
#: rules on main at the session's end: vendor 0.7567 (199/263), model 0.6495 (126/194), firmware 0.8550
#: (112/131); floors at one file below, rounded down: 198/263 = 0.752, 125/194 = 0.644, 111/131 = 0.847.
#: The rule lanes had only the tenth audit's group counts; the sixteenth extension's test files did not move.
#: The seventeenth extension (helper corpus17, session 14: 10 test files in its first write batch, which
#: moved no floor; 362 files) and its second write batch (11 more test files; on the 21 alone vendor 9/17,
#: model 9/16, firmware 11/16 at first sight; 373 files) moved all three floors on the session's starting
#: rules (main 265168d): vendor 0.7429 (208/280), model 0.6429 (135/210), firmware 0.8367 (123/147); floors
#: at one file below, rounded down: 207/280 = 0.739, 134/210 = 0.638, 122/147 = 0.829.
#: End of session 14 (373 files) with the rules on main at the session's end: vendor 0.7500 (210/280), model
#: 0.6524 (137/210), firmware 0.8367 (123/147); floors at one file below, rounded down: 209/280 = 0.746,
#: 136/210 = 0.647; the firmware floor holds and stays. The rule lanes had only the eleventh audit's group counts.
#: The eighteenth extension (helper corpus18, session 15: 9 test files in its first write batch; on them alone
#: vendor 5/7, model 4/5, firmware 1/3 at first sight; 382 files) moved the firmware floor on the session's
#: starting rules (main a340abf): vendor 0.7491 (215/287), model 0.6558 (141/215), firmware 0.8267 (124/150);
#: firmware floor at one file below, rounded down: 123/150 = 0.820; the vendor and model floors hold and stay.
#: Its second write batch (9 more test files; on the 18 alone vendor 10/13, model 8/12, firmware 4/8 at first
#: sight; 391 files) moved the firmware floor again on the same rules (a340abf): vendor 0.7509 (220/293), model
#: 0.6532 (145/222), firmware 0.8194 (127/155); firmware floor at one file below, rounded down: 126/155 = 0.812;
#: the vendor and model floors hold and stay.
#: The nineteenth extension (helper corpus19, session 16: 10 test files in its first write batch; on them alone
#: vendor 7/8, model 7/10, firmware 2/3 at first sight; 401 files) moved no floor on the session's starting
#: rules (main 86d0aad): vendor 0.7542 (227/301), model 0.6552 (152/232), firmware 0.8165 (129/158).
#: Its second write batch (10 more test files; on the 20 alone vendor 11/16, model 10/18, firmware 6/10 at first
#: sight; 411 files) moved the model and firmware floors on the same rules (86d0aad): vendor 0.7476 (231/309),
#: model 0.6458 (155/240), firmware 0.8061 (133/165); floors at one file below, rounded down: 154/240 = 0.641,
#: 132/165 = 0.800; the vendor floor holds and stays.
#: The twentieth extension (helper corpus20, session 17: 11 test files in its first write batch; on them alone
#: vendor 4/8, model 4/8, firmware 3/5 at first sight; 422 files) moved the vendor and firmware floors on the
#: session's starting rules (main f04a383): vendor 0.7413 (235/317), model 0.6411 (159/248), firmware 0.8176
#: (139/170); floors at one file below, rounded down: 234/317 = 0.738, 138/170 = 0.811; the model floor holds
#: and stays.
#: Session 17's final rules (433 files): vendor 0.7516 (242/322); floor one file below, rounded down: 241/322 = 0.748.
#: Session 18's final rules (458 files): vendor 0.7690 (263/342); floor one file below, rounded down: 262/342 = 0.766.
VENDOR_FLOOR = 0.766
#: Its second write batch (11 more test files; on the 22 alone vendor 8/13, model 8/17, firmware 7/10 at first sight;
#: 433 files) moved the model floor on the same rules (f04a383): vendor 0.7422 (239/322), model 0.6342 (163/257),
#: firmware 0.8171 (143/175); model floor at one file below, rounded down: 162/257 = 0.630; the vendor and firmware
#: floors hold and stay.
#: Session 17's final rules (433 files): model 0.6420 (165/257); floor one file below, rounded down: 164/257 = 0.638.
#: The twenty-first extension's first write batch (helper corpus21, session 18: 13 test files from 13 new sources;
#: on them alone vendor 9/11, model 4/10, firmware 9/9 at first sight; 446 files) moved the model floor on the session's
#: starting rules (main 8f2f589): vendor 0.7538 (251/333), model 0.6330 (169/267), firmware 0.8098 (149/184); model
#: floor at one file below, rounded down: 168/267 = 0.629; the vendor and firmware floors hold and stay.
#: Session 18's final rules (458 files): model 0.6462 (179/277); floor one file below, rounded down: 178/277 = 0.642.
MODEL_FLOOR = 0.642
#: Session 16's rules (main 45bcdd7: harvest1-3, models7, firmware7 merged) raised firmware to 0.8242 (136/165);
#: floor at one file below, rounded down: 135/165 = 0.818.
#: Moved by the twentieth extension's first write batch (above): 138/170 = 0.811.
#: Lowered by a label convention, not a misreading (integrator, session 17): harvest4's Mongoose OS build-id rule
#: (netscan/identify/firmware.py, a Shelly ``fw`` "<date>-<time>/v1.14.0-g<commit>" answers "1.14.0", the version
#: Shelly's own API reports as ``ver``; the training labels had always kept the version) answers four test files
#: whose labels keep the whole build id; its cut-XML reader won one test firmware. 140/175 = 0.8000; floor at one
#: file below, rounded down: 139/175 = 0.794. The two splits' Shelly labels disagree (docs/signatures.md, label
#: conventions); the test labels are left as the auditor wrote them.
#: Session 18's final rules (458 files): firmware 0.8083 (156/193); floor one file below, rounded down: 155/193 = 0.803.
FIRMWARE_FLOOR = 0.803
#: Non-cameras called a camera. The issue's requirement is zero; the third extension added a
#: non-camera from a camera maker that is called a camera (SPLIT.md, "Totals and figures"). The
#: ceiling records that measured count so any new false camera fails; it is not a target. Zero since
#: session 5 (the Axis grammar reads the product type written after the number; the bare RTSP
#: method-list rule was withdrawn on a training example): any false camera fails.
FALSE_CAMERA_CEILING = 0


def test_held_out_split_figures() -> None:
    # Only counts and rates reach the failure message: the names of test-split files (and so their
    # devices) must not reach whoever writes rules from a red run.
    acc = evaluate(TEST, load_db())
    false_cameras = len(acc.non_camera_called_video)
    vendor, model, firmware = acc.rate("vendor"), acc.rate("model"), acc.rate("firmware")
    assert false_cameras <= FALSE_CAMERA_CEILING, f"{false_cameras} test-split non-cameras called camera"
    assert vendor >= VENDOR_FLOOR, f"test-split vendor accuracy {vendor:.4f} < {VENDOR_FLOOR}"
    assert model >= MODEL_FLOOR, f"test-split model accuracy {model:.4f} < {MODEL_FLOOR}"
    assert firmware >= FIRMWARE_FLOOR, f"test-split firmware accuracy {firmware:.4f} < {FIRMWARE_FLOOR}"


@pytest.fixture(scope="module")
def corpus_accuracy(benchmark_module: Callable[[str], ModuleType]) -> ModuleType:
    """benchmarks/corpus_accuracy.py as a module, loaded once for the tests below."""
    return benchmark_module("corpus_accuracy")


def test_corpus_accuracy_only_measures_the_listed_files(corpus_accuracy, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """benchmarks/corpus_accuracy.py --only LISTFILE: each split is measured on its listed files only."""
    training = sorted((ROOT / "tests" / "corpus").rglob("*.json"))[:2]
    listing = tmp_path / "files.txt"
    listing.write_text("# two training files\n" + "\n".join(str(p.relative_to(ROOT)) for p in training) + "\n", encoding="utf-8")
    assert corpus_accuracy.main(["--aggregate", "--only", str(listing)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "test" not in out  # no test-split file was listed
    assert out["training"]["devices"] == sum(len(load_path(p)) for p in training)


def test_corpus_accuracy_never_names_a_test_file_without_auditor(corpus_accuracy, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A rule author asking for misses gets the test split as counts: no file name, no miss text,
    unless --auditor is passed; --split measures one split only and a wrong name exits 2."""
    training = sorted((ROOT / "tests" / "corpus").rglob("*.json"))[:2]
    test = sorted((ROOT / "tests" / "corpus_test").rglob("*.json"))[:3]
    listing = tmp_path / "files.txt"
    listing.write_text("\n".join(str(p.relative_to(ROOT)) for p in training + test) + "\n", encoding="utf-8")
    assert corpus_accuracy.main(["--misses", "--only", str(listing)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out["test"]["misses"], int)
    assert isinstance(out["test"]["cameras_missed"], int)
    assert isinstance(out["test"]["cameras_not_video"], int)  # the per-file list stays back too
    assert isinstance(out["test"]["non_cameras_called_video"], int)
    assert isinstance(out["training"]["misses"], list)  # training's per-file part is for rule authors
    assert corpus_accuracy.main(["--misses", "--split", "training", "--only", str(listing)]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"db_load_seconds", "training"}
    assert corpus_accuracy.main(["--misses", "--auditor", "--split", "test", "--only", str(listing)]) == 0
    assert isinstance(json.loads(capsys.readouterr().out)["test"]["misses"], list)
    assert corpus_accuracy.main(["--split", "nonsense"]) == 2
