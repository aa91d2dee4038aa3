"""Identification accuracy on the recorded corpus of real, published responses (tests/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.identify.accuracy import evaluate
from netscan.model import VIDEO_TYPES
from netscan.observations import load_path
from netscan.sigdb import load_db

CORPUS = Path(__file__).parent / "corpus"
REQUIRED_VENDORS = {
    "Hikvision", "Dahua", "Uniview", "Axis", "Hanwha Vision", "Bosch", "Vivotek", "Reolink", "Xiongmai",
    "Foscam", "TP-Link", "Ubiquiti", "Mobotix", "Avigilon", "i-PRO", "Sony", "Grandstream", "Huawei", "ZTE", "Hytera",
}


@pytest.fixture(scope="module")
def accuracy():  # type: ignore[no-untyped-def]
    return evaluate(CORPUS, load_db())


def test_corpus_size_and_coverage(accuracy) -> None:  # type: ignore[no-untyped-def]
    assert accuracy.total >= 60
    assert accuracy.non_camera >= 10
    missing = REQUIRED_VENDORS - accuracy.vendors
    assert not missing, f"corpus lacks {sorted(missing)}"


def test_every_corpus_file_cites_its_source() -> None:
    for path in CORPUS.rglob("*.json"):
        for obs in load_path(path):
            assert obs.meta.get("source"), f"{path}: no source"
            assert isinstance(obs.meta.get("expect"), dict), f"{path}: no expect"


#: Regression floors for the training split. The issue's targets (vendor 0.95, model 0.85, firmware
#: 0.85) were met on the 177 training files the rules had been written from (vendor 0.96, model
#: 0.956, firmware 0.981). The corpus helper then added training material from new sources
#: (tests/corpus_test/SPLIT.md); with the rules on main 324080a the 224 files measure vendor 0.923,
#: model 0.890, firmware 0.929. These floors are one file below those figures: they guard against
#: regressions and are not targets (the issue's targets apply to the test split). The corpus
#: helper's third extension (session 4) added 18 training files, mostly fragments and thread
#: excerpts; with the rules on main 7586b2d the 242 files measure vendor 0.897, model 0.868,
#: firmware 0.917, and the floors moved to one file below those figures. The fourth extension
#: (helper corpus4, session 4: 15 training files, thread excerpts and tool printouts, most of them
#: fragments) took the split to 257 files: vendor 0.888, model 0.854, firmware 0.942 with the rules
#: on main 6573f4a; vendor and model floors moved to one file below (0.883, 0.849, rounded down).
#: The fifth extension (helper corpus5, session 4: 19 training files from library fixtures, threads
#: and snmpsim/tool captures, several of them fragments or brand-only white-label devices) took the
#: split to 276 files: vendor 0.875 (224/256), model 0.843 (172/204), firmware 0.966 with the rules
#: on main 83da4af. The vendor floor moved to one file below (223/256 = 0.871, rounded down); the
#: model and firmware floors still hold and were left where they were. The sixth extension (helper
#: corpus6, session 5: 14 training files, thread excerpts and tool printouts) took the split to 290
#: files: vendor 0.912, model 0.857, firmware 0.973 with the rules on main 3980e2f; all floors hold.
#: At the end of session 5 (rules on main after all of its helpers, 290 files) the split measures
#: vendor 0.9122 (239/262), model 0.8565 (179/209), firmware 0.9733 (146/150); the floors moved up to
#: one file below, rounded down: 238/262 = 0.908, 178/209 = 0.851, 145/150 = 0.966. The seventh
#: extension (helper corpus7, session 6: 24 training files from new sources, no rule written from
#: them; on them alone the rules score vendor 4/14, model 2/12) took the split to 314 files: vendor
#: 0.8841 (244/276), model 0.8190 (181/221), firmware 0.9484 (147/155) with the rules on main
#: 0129943. The floors moved down to one file below, rounded down: 243/276 = 0.880,
#: 180/221 = 0.814, 146/155 = 0.941. New unseen material lowers the figure; a rule change must not.
#: The eighth extension (helper corpus8, session 6: 20 training files) and the rules of session 6's
#: helpers took the split to 334 files: vendor 0.8969 (261/291), model 0.8112 (189/233), firmware
#: 0.9571 (156/163) with the rules on main 6842a46; floors at one file below, rounded down:
#: 260/291 = 0.893, 188/233 = 0.806, 155/163 = 0.950.
#: Session 7 (ninth extension, 345 files): vendor 0.9060 (270/298), model 0.8417 (202/240), firmware
#: 0.9647 (164/170) with the rules on main bc0a3a2; floors at one file below, rounded down: 269/298 =
#: 0.903, 201/240 = 0.838, 163/170 = 0.959.
#: Session 8 (tenth extension, 359 files): vendor 0.9505 (288/303), model 0.8387 (208/248), firmware
#: 0.9609 (172/179) with the rules on main 94ce2a3; floors at one file below, rounded down: 287/303 =
#: 0.947, 207/248 = 0.835, 171/179 = 0.955.
#: Session 9 (eleventh extension, helper corpus11: 17 training files, measured before any rule was
#: written from them; on them alone vendor 5/11, model 4/11) took the split to 376 files: vendor
#: 0.9331 (293/314), model 0.8185 (212/259), firmware 0.9462 (176/186) with the rules on main
#: f6246d3; floors at one file below, rounded down: 292/314 = 0.929, 211/259 = 0.814, 175/186 = 0.940.
#: End of session 9 (twelfth extension, helper corpus12: 10 more training files; 386 files) with the
#: rules on main 764c843: vendor 0.9561 (305/319), model 0.8423 (219/260), firmware 0.9626 (180/187);
#: floors at one file below, rounded down: 304/319 = 0.952, 218/260 = 0.838, 179/187 = 0.957.
#: Session 10 (thirteenth extension, helper corpus13: 19 training files, measured before any rule was
#: written from them; 405 files) with the rules on main d707396: vendor 0.9545 (315/330), model
#: 0.8400 (231/275), firmware 0.9444 (187/198); floors at one file below, rounded down: 314/330 =
#: 0.951, 230/275 = 0.836, 186/198 = 0.939.
#: End of session 10, rules on main 83d0b8a: vendor 0.9545 (315/330), model 0.8473 (233/275),
#: firmware 0.9495 (188/198); floors at one file below, rounded down: 314/330 = 0.951, 232/275 =
#: 0.843, 187/198 = 0.944.
#: Session 11: the fourteenth extension (helper corpus14: 10 training files, mostly printers and
#: routers plus Lorex/Dahua doorbells, measured before any rule was written from them; 415 files)
#: moved them, since unseen material lowers the figures and a rule change must not: with the rules on
#: main 2ae33df (identification unchanged since 7c79cbb) vendor 0.9410 (319/339), model 0.8304
#: (235/283), firmware 0.9356 (189/202); floors at one file below, rounded down: 318/339 = 0.938,
#: 234/283 = 0.826, 188/202 = 0.930. Its second write batch (7 more training files: camera firmware
#: lines and device-info outputs, two NAS; 422 files) moved the vendor and model floors again on the same
#: rules: vendor 0.9302 (320/344), model 0.8235 (238/289), firmware 0.9372 (194/207); floors at one
#: file below, rounded down: 319/344 = 0.927, 237/289 = 0.820; the firmware floor holds and stays.
#: Its third write batch (6 more training files: miIO and EZVIZ cameras, printers; 428 files) moved
#: them again on the same identification (main 3a73c65 changes only the tests' lab lock): vendor 0.9229
#: (323/350), model 0.8169 (241/295), firmware 0.9384 (198/211); floors at one file below, rounded
#: down: 322/350 = 0.920, 240/295 = 0.813; the firmware floor holds and stays.
#: The fifteenth extension (helper corpus15, session 12: 22 training files, reporters' camera lines,
#: router forms, Brother printer tool logs, Hue bridge plugin logs; 450 files) moved all three on the
#: session's starting rules (main 6df323c): vendor 0.9114 (329/361), model 0.7942 (247/311), firmware
#: 0.9248 (209/226); floors at one file below, rounded down: 328/361 = 0.908, 246/311 = 0.791,
#: 208/226 = 0.920. Its second write batch (5 more training files: contributors' sentences naming
#: Hanwha, Annke, Hikvision and EZVIZ devices, a camera's firmware lines; 455 files) moved the vendor and
#: model floors again on the same rules: vendor 0.9066 (330/364), model 0.7848 (248/316), firmware
#: 0.9207 (209/227); floors at one file below, rounded down: 329/364 = 0.903, 247/316 = 0.781; the
#: firmware floor holds and stays.
#: End of session 12 (seven files from five test sources moved in; 462 files), rules on main at the
#: session's end: vendor 0.9321 (343/368), model 0.8176 (260/318), firmware 0.9526 (221/232); floors at
#: one file below, rounded down: 342/368 = 0.929, 259/318 = 0.814, 220/232 = 0.948.
#: The sixteenth extension (helper corpus16, session 13: 19 training files, fragments and recorded fixtures
#: from 16 sources, six of them threads of rule-cited repositories (no turn); on them alone vendor 6/16,
#: model 9/14, firmware 7/11 at first sight; 481 files) moved all three floors on the session's starting
#: rules (main b5b5f98): vendor 0.9089 (349/384), model 0.8102 (269/332), firmware 0.9383 (228/243);
#: floors at one file below, rounded down: 348/384 = 0.906, 268/332 = 0.807, 227/243 = 0.934.
#: Its second write batch (19 more training files; 500 files) moved all three floors again on the same
#: rules (b5b5f98): vendor 0.8985 (354/394), model 0.7965 (274/344), firmware 0.9246 (233/252); floors at
#: one file below, rounded down: 353/394 = 0.895, 273/344 = 0.793, 232/252 = 0.920.
#: End of session 13 (brother_printer_fwupd's three test threads moved in, SPLIT.md; 503 files), rules on
#: main at the session's end: vendor 0.9194 (365/397), model 0.8386 (291/347), firmware 0.9647 (246/255);
#: floors at one file below, rounded down: 364/397 = 0.916, 290/347 = 0.835, 245/255 = 0.960.
#: The seventeenth extension (helper corpus17, session 14: 16 training files, reporters' lines, client logs,
#: smart-plug answers, NAS and router forms, measured before any rule was written from them; 519 files) moved
#: all three floors on the session's starting rules (main 265168d): vendor 0.9044 (369/408), model 0.8273
#: (297/359), firmware 0.9363 (250/267); floors at one file below, rounded down: 368/408 = 0.901, 296/359 =
#: 0.824, 249/267 = 0.932.
#: Its second write batch (17 more training files; 536 files) moved the firmware floor on the same rules
#: (265168d): vendor 0.9021 (378/419), model 0.8293 (311/375), firmware 0.9317 (259/278); firmware floor at
#: one file below, rounded down: 258/278 = 0.928; the vendor and model floors hold and stay.
#: End of session 14 (536 files), rules on main at the session's end: vendor 0.9045 (379/419), model 0.8400
#: (315/375), firmware 0.9353 (260/278); floors at one file below, rounded down: 378/419 = 0.902, 314/375 =
#: 0.837, 259/278 = 0.931.
#: The eighteenth extension (helper corpus18, session 15: 18 training files in its first write batch, device
#: records in client libraries' and tools' output shapes, reporters' lines, TVs, printers, a receiver; on them
#: alone vendor 8/14, model 8/16, firmware 5/9 at first sight; 554 files) moved all three floors on the
#: session's starting rules (main a340abf): vendor 0.8938 (387/433), model 0.8261 (323/391), firmware 0.9233
#: (265/287); floors at one file below, rounded down: 386/433 = 0.891, 322/391 = 0.823, 264/287 = 0.919.
#: Its second write batch (13 more training files; 567 files) moved all three floors again on the same rules
#: (a340abf): vendor 0.8866 (391/441), model 0.8139 (328/403), firmware 0.9113 (267/293); floors at one file
#: below, rounded down: 390/441 = 0.884, 327/403 = 0.811, 266/293 = 0.907.
#: The nineteenth extension (helper corpus19, session 16: 16 training files in its first write batch,
#: reporters' lines, issue forms, shell prompts and boot consoles, an nmap listing, receivers' and TVs' answers;
#: on them alone vendor 10/13, model 8/13, firmware 4/7 at first sight; 583 files) moved the model and firmware
#: floors on the session's starting rules (main 86d0aad): vendor 0.8943 (406/454), model 0.8077 (336/416),
#: firmware 0.9033 (271/300); floors at one file below, rounded down: 335/416 = 0.805, 270/300 = 0.900; the
#: vendor floor holds and stays. Its second write batch (14 more training files; 597 files) moved the model and
#: firmware floors again on the same rules (86d0aad): vendor 0.8877 (411/463), model 0.8024 (341/425), firmware
#: 0.8954 (274/306); floors at one file below, rounded down: 340/425 = 0.800, 273/306 = 0.892; the vendor floor
#: holds and stays.
#: Session 16 harvest (helper harvest1: 32 training files from 32 issue/PR threads, device answers and
#: reporters' lines pasted in threads, six of them non-cameras; on them alone vendor 17/27, model 10/19,
#: firmware 12/13 at first sight; 599 files) moved the vendor and model floors on the session's starting
#: rules (main 86d0aad): vendor 0.8825 (413/468), model 0.8009 (338/422), firmware 0.9118 (279/306); floors
#: at one file below, rounded down: 412/468 = 0.880, 337/422 = 0.798; the firmware floor holds and stays.
#: Session 16, harvest lane harvest2 (client libraries' recorded fixtures and test data: 26 training files
#: from 19 sources, measured before any rule was written from them; on them alone vendor 15/24, model 15/20,
#: firmware 19/23 at first sight; 593 files) moved all three floors on the session's starting rules (main
#: 86d0aad): vendor 0.8839 (411/465), model 0.8109 (343/423), firmware 0.9051 (286/316); floors at one file
#: below, rounded down: 410/465 = 0.881, 342/423 = 0.808, 285/316 = 0.901.
#: Session 16, helper harvest3 (scan-tool records and captures: hex dumps of discovery answers, nmap text,
#: ztag banner records, WS-Discovery printouts, a GB28181 answer, scan tables; 36 training files from 13 new
#: sources plus unused ztag device records; on them alone vendor 16/31, model 8/22, firmware 5/11 at first
#: sight; 603 files) moved all three floors on the session's starting rules (main 86d0aad): vendor 0.8729
#: (412/472), model 0.7906 (336/425), firmware 0.8947 (272/304); floors at one file below, rounded down:
#: 411/472 = 0.870, 335/425 = 0.788, 271/304 = 0.891.
#: All four session-16 batches together (corpus19's 30 training files, harvest1 32, harvest2 26, harvest3 36;
#: 691 files) on the session's starting rules (main 86d0aad plus refactors): vendor 0.8422 (459/545), model
#: 0.7695 (374/486), firmware 0.8782 (310/353); floors at one file below, rounded down: 458/545 = 0.840,
#: 373/486 = 0.767, 309/353 = 0.875.
#: Session 16's mechanisms written from that material (harvest1-3, models7, firmware7; main 45bcdd7): vendor
#: 0.8723 (478/548), model 0.8115 (396/488), firmware 0.9235 (326/353); floors one file below, rounded down:
#: 477/548 = 0.870, 395/488 = 0.809, 325/353 = 0.920.
#: Session 17, helper harvest6 (network and inventory tools' records: discovery-tool printouts and tables,
#: UPnP descriptions kept in tests, SNMP inventory output, a DHCP server log, NAS files, a SADP answer, a DVR
#: control-protocol log; 25 training files from 19 new sources, 17 of them non-cameras; on them alone vendor
#: 13/22, model 9/21, firmware 6/11 at first sight; 720 files) moved the vendor and model floors on the
#: session's starting rules (main f04a383): vendor 0.8614 (491/570), model 0.7957 (405/509), firmware 0.9203
#: (335/364); floors at one file below, rounded down: 490/570 = 0.859, 404/509 = 0.793; the firmware floor
#: holds and stays.
#: Session 17, harvest lane harvest4 (33 training files from 33 issue/PR threads of camera, NVR and
#: home-automation software: device answers, logs, tool printouts and reporters' lines, 15 of them
#: non-cameras; on them alone vendor 21/30, model 18/30, firmware 12/21 at first sight; 728 files) moved all
#: three floors on the session's starting rules (main f04a383): vendor 0.8633 (499/578), model 0.7992
#: (414/518), firmware 0.9118 (341/374); floors one file below, rounded down: 498/578 = 0.861, 413/518 =
#: 0.797, 340/374 = 0.909.
#: Integrator, after merging harvest6 and harvest4 (753 files, session-start rules plus models8's first grammar): vendor
#: 0.8533 (512/600), model 0.7848 (423/539), firmware 0.9013 (347/385); floors one file below, rounded down.
#: Session 17, helper harvest5 (client libraries' recorded test data, SDK and module examples, device
#: makers' API documentation examples, a firmware analyser's printout, tcpdump's decoded test output: 39
#: training files from 19 sources, 19 of them non-cameras; on them alone vendor 15/34, model 19/35,
#: firmware 10/28 at first sight; 734 files) moved all three floors on the session's starting rules (main
#: f04a383): vendor 0.8471 (493/582), model 0.7935 (415/523), firmware 0.8898 (339/381); floors at one file
#: below, rounded down: 492/582 = 0.845, 414/523 = 0.791, 338/381 = 0.887.
#: Integrator, after merging harvest6, harvest4 and harvest5 (792 files, session-start rules plus models8's first grammar):
#: vendor 0.8312 (527/634), model 0.7700 (442/574), firmware 0.8644 (357/413); floors one file below, rounded down.
#: Session 17, the twentieth extension (helper corpus20: 19 training files in its first write batch, from
#: 22 sources, ten of them without a turn; on them alone vendor 10/15, model 8/17, firmware 8/8 at first sight;
#: 714 files) moved the vendor and model floors on the session's starting rules (main f04a383): vendor 0.8668
#: (488/563), model 0.8000 (404/505), firmware 0.9335 (337/361); floors at one file below, rounded down:
#: 487/563 = 0.865, 403/505 = 0.798; the firmware floor holds and stays.
#: Integrator, after merging harvest6, harvest4, harvest5 and corpus20's first batch (811 files, session-start rules plus
#: models8's first grammar): vendor 0.8274 (537/649), model 0.7614 (450/591), firmware 0.8670 (365/421); floors one file below, rounded down.
#: Session 17's mechanisms (harvest4-6, fields8, models8 and the integrator's SNMP fix merged; 822 files): vendor
#: 0.8706 (572/657), model 0.7920 (476/601), firmware 0.9252 (396/428); floors one file below, rounded down:
#: 571/657 = 0.869, 475/601 = 0.790, 395/428 = 0.922.
#: Session 18, harvest7's 34 training files from 34 new sources (856 files, the session's starting rules, main
#: 8f2f589): vendor 0.8503 (585/688), model 0.7728 (483/625), firmware 0.9120 (404/443); floors one file below,
#: rounded down: 584/688 = 0.848, 482/625 = 0.771, 403/443 = 0.909.
#: Session 18, helper harvest8 (22 training files from new sources: client libraries' fixtures in Go,
#: JavaScript/TypeScript, Java and Rust, a UPS dump library, a maker's SDK; first sight vendor 14/22, model
#: 16/19, firmware 13/15) on the session's starting rules (main 8f2f589), 844 files: vendor 0.8630 (586/679),
#: model 0.7935 (492/620), firmware 0.9233 (409/443); the vendor floor moved to one file below, rounded down:
#: 585/679 = 0.861; the model and firmware floors hold and stay. Its second batch (5 files, first sight
#: vendor 5/5, model 5/5, firmware 3/3; 849 files: vendor 591/684, model 497/625, firmware 412/446) keeps them.
#: Both (harvest7 + harvest8, 883 files, session-start rules): vendor 605/715, model 505/649, firmware 421/461;
#: floors one file below, rounded down: 604/715 = 0.844, 504/649 = 0.776, 420/461 = 0.911.
#: Session 18, harvest lane harvest9 (network and security tools' records: inventory agents' SNMP walks and XML,
#: monitoring users' OID listings, a router's neighbour table, gssdp-discover, nmap printouts, boot-loader and
#: shell consoles, firmware info and INI files of white-label cameras; 29 training files from 24 new sources, 16 of
#: them non-cameras; on them alone vendor 5/17, model 5/23, firmware 6/9 at first sight; 851 files) moved all three
#: floors on the session's starting rules (main 8f2f589): vendor 0.8561 (577/674), model 0.7708 (481/624), firmware
#: 0.9199 (402/437); floors one file below, rounded down: 576/674 = 0.854, 480/624 = 0.769, 401/437 = 0.917.
#: With harvest9's 29 files too (912 files, session-start rules): vendor 610/732, model 510/672, firmware 427/470;
#: floors one file below, rounded down: 609/732 = 0.831, 509/672 = 0.757, 426/470 = 0.906.
#: The twenty-first extension (helper corpus21, session 18: 18 training files in its first write batch from 18
#: new sources, 6 of them non-cameras (routers, an amplifier, an air conditioner); on them alone vendor 10/14,
#: model 11/16, firmware 10/14 at first sight; 840 files) moved all three floors on the session's starting rules
#: (main 8f2f589): vendor 0.8674 (582/671), model 0.7893 (487/617), firmware 0.9186 (406/442); floors at one file
#: below, rounded down: 581/671 = 0.865, 486/617 = 0.787, 405/442 = 0.916.
#: With corpus21's first batch too (930 files, session-start rules): vendor 620/746, model 521/688, firmware 437/484;
#: floors one file below, rounded down: 619/746 = 0.829, 520/688 = 0.755, 436/484 = 0.900.
#: Its second write batch (13 more training files from 13 new sources, 6 of them non-cameras; on them alone vendor
#: 8/11, model 8/12, firmware 6/9 at first sight; 853 files) moved the model and firmware floors on the same rules
#: (8f2f589): vendor 0.8651 (590/682), model 0.7870 (495/629), firmware 0.9135 (412/451); floors at one file below,
#: rounded down: 494/629 = 0.785, 411/451 = 0.911; the vendor floor holds and stays.
#: With corpus21's second batch (943 files, rules of main as merged so far: harvest7's first mechanisms, models9's grammars,
#: speed14): vendor 628/757, model 533/700, firmware 447/493; floors one file below, rounded down: 0.828, 0.760, 0.904.
#: Session 18's final rules (943 files): vendor 0.8639 (654/757), model 0.7771 (544/700), firmware 0.9168 (452/493);
#: floors one file below, rounded down: 653/757 = 0.862, 543/700 = 0.775, 451/493 = 0.914.
TRAINING_VENDOR_FLOOR = 0.862
TRAINING_MODEL_FLOOR = 0.775
TRAINING_FIRMWARE_FLOOR = 0.914


def test_accuracy_targets(accuracy) -> None:  # type: ignore[no-untyped-def]
    detail = "\n".join(accuracy.misses)
    assert accuracy.rate("vendor") >= TRAINING_VENDOR_FLOOR, detail
    assert accuracy.rate("model") >= TRAINING_MODEL_FLOOR, detail
    assert accuracy.rate("firmware") >= TRAINING_FIRMWARE_FLOOR, detail


#: Training non-cameras called a camera. Zero until the sixth extension (helper corpus6, session 5)
#: added a media server's RTSP OPTIONS answer (noncameras/node-rtsp-rtmp-server_rtsp-options-
#: rootencoder-log-110.json, a training file: rule authors may read it) that the rules on main 3980e2f
#: call a camera. As for the test split (tests/test_corpus_split.py), the measured count is recorded as
#: a ceiling so that any further false camera fails; it is not a target, and a rule fix should lower it
#: back to 0. Back to 0 in session 5: the rule that typed any RTSP server listing DESCRIBE, SETUP and
#: PLAY as a camera (stacks-rtsp-public-play) was withdrawn, since a media server on a PC lists the same
#: methods (RFC 2326 section 10.1 names them for every server that streams).
#: Session 16, helper harvest3: an ASUSTOR NAS's DNS-SD answer (noncameras/asustor-as6404t_dig-dns-sd-txt-
#: wueiotnote.json) is called a camera by the session's starting rules (main 86d0aad); the ceiling records
#: that measured count until a rule fix brings it back to 0. Back to 0 in the same session: the Vivotek grammar's AS
#: line narrowed to AS5xxx without ASUSTOR's T/U suffix, and ASUSTOR ADM's own service type named (noncamera-nas.yaml).
TRAINING_FALSE_CAMERA_CEILING = 0


def test_no_non_camera_called_a_camera(accuracy) -> None:  # type: ignore[no-untyped-def]
    assert len(accuracy.non_camera_called_video) <= TRAINING_FALSE_CAMERA_CEILING, accuracy.non_camera_called_video


def test_non_camera_expectations_are_non_video() -> None:
    n = 0
    for path in CORPUS.rglob("*.json"):
        for obs in load_path(path):
            if obs.meta["expect"].get("device_type") not in VIDEO_TYPES:
                n += 1
    assert n >= 10
