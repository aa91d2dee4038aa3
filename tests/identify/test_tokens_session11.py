"""Makers' tokens and IEEE blocks (helper "tokens3", session 11): the OUI registry refreshed from newer copies
(renamed blocks keep their former registrant), registrants of the issue's makers that were not mapped, a
maker's name joined to a CamelCase word or glued in capitals to a model code, and client/cloud names that only
one maker (or one platform family) uses. Each case has a counter-example that must name nobody, name another
maker, or stay a non-camera."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from netscan.identify import identify
from netscan.model import VIDEO_TYPES, Observation, Response
from netscan.sigdb import load_db
from netscan.sigdb.db import oui_registrants

DB = load_db()
MN = DB.maker_names
ROOT = Path(__file__).resolve().parents[2]


def _find(value: str) -> str | None:
    assert MN is not None
    return MN.find(value)


def _mac(prefix: str) -> str:
    digits = (prefix + "0" * 12)[:12]
    if len(prefix) == 6:
        digits = prefix + "010203"
    return ":".join(digits[i:i + 2] for i in range(0, 12, 2))


# ---------------------------------------------------------------- the registry and its refresh

def test_registry_snapshot_and_sizes() -> None:
    assert DB.oui_snapshot == "2026-09"
    kinds: dict[str, int] = {}
    for kind, _org in DB.oui.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    # Debian ieee-data 2022-08-27 had 4390 MA-M and 5029 MA-S blocks; the 2026 copies add the later ones
    assert kinds["MA-L"] > 40_000 and kinds["MA-M"] > 6_000 and kinds["MA-S"] > 7_000 and kinds["IAB"] > 4_000


@pytest.mark.parametrize("prefix, maker", [
    ("003192", "TP-Link"),        # TP-Link Systems Inc (its US company), not in the 2022 snapshot's names
    ("040F66", "TP-Link"),        # TP-Link Systems Inc.
    ("E43022", "Hanwha Vision"),  # Hanwha Vision VietNam
    ("44B423", "Hanwha Vision"),  # HANWHA VISION VIETNAM COMPANY LIMITED
    ("30F028", "Bosch"),          # Bosch Sicherheitssysteme GmbH
    ("EC74CDA", "Bosch"),         # Bosch (zhuhai) Security Systems Company, Ltd. (MA-M)
    ("64DAA0", "Bosch"),          # Robert Bosch Smart Home GmbH (the Eyes cameras)
    ("00D0D0", "ZTE"),            # ZHONGXING TELECOM LTD.
    ("E82725", "Axis"),           # a 2023+ Axis block
    ("1CC316", "Milesight"),      # Xiamen Milesight IoT
    ("3CDA6D", "Tiandy"),
    ("14BA88", "Uniview"),        # Zhejiang Uniview Technologies Co.,Ltd. (a later block)
])
def test_blocks_of_the_issue_makers_name_them(prefix: str, maker: str) -> None:
    assert DB.oui_vendor.get(prefix) == maker


@pytest.mark.parametrize("prefix", [
    "8C1D55",     # Hanwha NxMD (Thailand): another Hanwha company, not Hanwha Vision
    "3C6A2C2",    # Bosch Automotive Products (Suzhou): no camera maker
    "00A307",     # Honor Device: no longer Huawei's
    "402C761",    # Shanghai Dahua Scale Factory: not Dahua
    "8C1F64F4B",  # JOREX LOREX INDIA: not Lorex
    "202C05",     # ZHEJIANG DAHUA ZHILIAN: no public tie to Dahua's devices found, left unmapped
])
def test_look_alike_registrants_name_nobody(prefix: str) -> None:
    assert DB.oui.get(prefix) is not None
    assert DB.oui_vendor.get(prefix) is None


def test_a_renamed_block_keeps_its_former_registrant() -> None:
    # A41894 was Bosch Security Systems B.V. (the 2022 snapshot); the 2026 registry names IQSIGHT B.V.
    kind, org = DB.oui["A41894"]
    assert kind == "MA-L" and org == "IQSIGHT B.V. (formerly Bosch Security Systems B.V.)"
    assert DB.oui_vendor.get("A41894") == "Bosch"
    hit = DB.lookup_mac("a4:18:94:00:11:22")
    assert hit == ("A41894", org, "Bosch")
    # the current registrant wins when it names a maker itself (Vantiva, Technicolor's renamed gateway business)
    assert DB.oui_vendor.get("F04B8A") == "Vantiva"
    # the host-only reader shows the same text
    assert oui_registrants(["A4-18-94-00-11-22"])["A4-18-94-00-11-22"] == ("A41894", org)
    got = identify(Observation(ip=None, mac="a4:18:94:00:11:22", responses=()), DB)
    assert got.vendor == "Bosch"
    assert any("formerly Bosch Security Systems B.V." in e.detail for e in got.evidence if e.kind == "oui")


@pytest.mark.parametrize("prefix, maker", [("00D0D0", "ZTE"), ("003192", "TP-Link"), ("64DAA0", "Bosch")])
def test_a_maker_named_by_its_block_alone_is_no_camera(prefix: str, maker: str) -> None:
    got = identify(Observation(ip=None, mac=_mac(prefix), responses=()), DB)
    assert got.vendor == maker and got.device_type not in VIDEO_TYPES


def test_gen_oui_reads_the_newer_copies(tmp_path: Path) -> None:
    """scripts/gen_oui.py on a miniature registry: an ieee-data directory, an oui-data index.json and an aiooui
    oui.data laid over it, a renamed block keeping its former name. The script writes into the repository, so it
    is run from a copy of scripts/ beside a scratch signatures/oui/."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "signatures" / "oui").mkdir(parents=True)
    (tmp_path / "scripts" / "gen_oui.py").write_text((ROOT / "scripts" / "gen_oui.py").read_text())
    ieee = tmp_path / "ieee"
    ieee.mkdir()
    header = "Registry,Assignment,Organization Name,Organization Address\n"
    (ieee / "oui.csv").write_text(header + 'MA-L,A41894,Bosch Security Systems B.V.,NL\nMA-L,000918,"SAMSUNG TECHWIN CO.,LTD",KR\n')
    (ieee / "mam.csv").write_text(header)
    (ieee / "oui36.csv").write_text(header)
    (ieee / "iab.csv").write_text(header + "IAB,0050C2790,GE Security-Kampro,TW\n")
    (ieee / ".lastupdate").write_text("1661630937\n")
    index = tmp_path / "index.json"
    index.write_text(json.dumps({"A41894": "IQSIGHT B.V.\nEindhoven\nNL", "EC74CDA": "Bosch (zhuhai) Security Systems Company, Ltd.\nZhuhai\nCN",
                                 "70B3D5C4B": "ANKER-EAST\nX\nRU", "000918": "Samsung Techwin Co., Ltd.\nKR", "ZZZZZZ": "bad"}))
    names = [b"TP-Link Systems Inc\n"]
    keys = [0x003192]
    blob = b"".join(names)
    aiooui = tmp_path / "oui.data"
    aiooui.write_bytes(struct.pack("<4sI", b"OUI1", len(keys)) + struct.pack(f"<{len(keys)}I", *keys) + struct.pack("<I", 0) + blob)
    out = subprocess.run([sys.executable, str(tmp_path / "scripts" / "gen_oui.py"), str(ieee), "--oui-data", str(index),
                          "--aiooui", str(aiooui), "--snapshot", "2026-09"], capture_output=True, text=True, timeout=60, check=True)
    assert "wrote 6 assignments" in out.stdout
    lines = (tmp_path / "signatures" / "oui" / "registry.tsv").read_text().splitlines()
    assert lines[0].startswith("# IEEE OUI registry") and "snapshot 2026-09" in lines[0] and "ieee-data 2022-08-27" in lines[0]
    rows = {ln.split("\t")[0]: ln.split("\t")[1:] for ln in lines[2:]}
    assert rows["A41894"] == ["MA-L", "IQSIGHT B.V.", "Bosch Security Systems B.V."]
    assert rows["000918"] == ["MA-L", "Samsung Techwin Co., Ltd."]  # a re-spelled name is no rename
    assert rows["EC74CDA"] == ["MA-M", "Bosch (zhuhai) Security Systems Company, Ltd."]
    assert rows["70B3D5C4B"] == ["MA-S", "ANKER-EAST"] and rows["0050C2790"] == ["IAB", "GE Security-Kampro"]
    assert rows["003192"] == ["MA-L", "TP-Link Systems Inc"]
    assert "ZZZZZZ" not in rows


# ---------------------------------------------------------------- names joined to other text

@pytest.mark.parametrize("value, maker", [
    ("HIKVISIONDS-2CD2032-I", "Hikvision"),   # all capitals, glued to the model code
    ("VIVOTEKFD9387-HTV", "Vivotek"),
    ("DAHUAIPC-HFW1230S", "Dahua"),
    ("MILESIGHTMS-C2963", "Milesight"),
    ("IPCamHikvision", "Hikvision"),          # a CamelCase word before the name
    ("myDahuaNVR", "Dahua"),
    ("HikvisionDS-2CD2032", "Hikvision"),     # CamelCase to the model (already read)
    ("hikvision-00bc99.local", "Hikvision"),
    ("admin@hikvision.com", "Hikvision"),
    ("TIANDY_IPC", "Tiandy"),
])
def test_a_name_glued_to_a_model_or_a_word_is_found(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", [
    "AXISBANK2020",      # a four-letter name in capitals is too often a word's start
    "AXISM3045",         # (so Axis's glued capitals stay unread: the cost of the guard)
    "ACTIVE20",          # ACTi
    "chartAxis",         # a chart's axis in CamelCase code
    "yAxisLabel",
    "HIKVISIONARY",      # capitals running on without a model code
    "myhikvisioncam",    # lower case inside a word
    "Swannanoa",
    "Lorexian",
    "taxis.com",
])
def test_a_name_inside_a_longer_word_names_nobody(value: str) -> None:
    assert _find(value) is None


# ---------------------------------------------------------------- clients, apps and clouds

@pytest.mark.parametrize("value, maker", [
    ("iVMS-4200 Client", "Hikvision"),
    ("Guarding Vision", "Hikvision"),
    ("DMSS", "Dahua"),
    ("EZView", "Uniview"),
    ("EZStation 3.0", "Uniview"),
    ("en.ezcloud.uniview.com", "Uniview"),
    ("caps.xmcsrv.net", "Xiongmai"),
    ("NetDEVSDK.dll", "Uniview"),
    ("HCNetSDK", "Hikvision"),
    ("dhnetsdk", "Dahua"),
    ("access-dss.secu100.net", "Xiongmai"),
    ("Hik-Connect", "Hikvision"),
])
def test_client_and_cloud_names_of_one_maker(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value, other", [
    ("iVMS", None),          # the bare prefix is no product
    ("Guarding", None),
    ("EZVIZ", "EZVIZ"),      # Hikvision's consumer brand, not Uniview's EZView
    ("xmcsrv", None),        # a domain's first label alone
])
def test_client_names_counter_examples(value: str, other: str | None) -> None:
    assert _find(value) == other


def test_xmeye_names_the_platform_family_not_a_label() -> None:
    xm = DB.vendor("XMEye")
    assert xm is not None and xm.name == "Xiongmai" and not xm.label
    assert DB.vendor("secu100.net").name == "Xiongmai"  # type: ignore[union-attr]


# ---------------------------------------------------------------- the issue's makers without device text yet

@pytest.mark.parametrize("value, maker", [
    ("한화비전 네트워크 카메라", "Hanwha Vision"),   # Korean names, inside other Hangul
    ("삼성테크윈", "Hanwha Vision"),
    ("FD8134-VVTK-0100a", "Vivotek"),               # the maker tag inside Vivotek firmware names
    ("霍尼韦尔", "Honeywell"),
    ("Honeywell Home C1 Wi-Fi Camera", "Resideo"),  # Honeywell's name under licence on Resideo's products
    ("Honeywell HC30W45R3", "Honeywell"),           # Honeywell's own (equIP) camera stays Honeywell's
    ("SuperLive Plus", "TVT"),
    ("Tiandy Easy7", "Tiandy"),
    ("Easy7 Integrated Management Platform", "Tiandy"),
    ("星纵物联开放平台", "Milesight"),
])
def test_names_of_makers_without_device_text(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", [
    "SuperLive",      # a bare word some streaming apps use: only TVT's named clients
    "VVTKX",          # the tag running on into a word
    "Honey well",     # a split word
    "Easy",
])
def test_names_of_makers_without_device_text_counter_examples(value: str) -> None:
    assert _find(value) is None


def test_honeywell_home_and_honeywell_are_two_makers() -> None:
    home, honeywell = DB.vendor("Honeywell Home"), DB.vendor("Honeywell")
    assert home is not None and honeywell is not None
    assert home.name == "Resideo" and honeywell.name == "Honeywell"
    assert DB.vendor("honeywellhome.com").name == "Resideo"  # type: ignore[union-attr]


@pytest.mark.parametrize("value, maker", [
    ("hikvisionnvr", "Hikvision"),
    ("reolinkcam", "Reolink"),
    ("amcrestcam-01.local", "Amcrest"),
    ("lorexdvr", "Lorex"),
    ("Dahuacamera", "Dahua"),
    ("ezvizcams", "EZVIZ"),
])
def test_a_name_glued_to_a_video_product_word(value: str, maker: str) -> None:
    assert _find(value) == maker


@pytest.mark.parametrize("value", [
    "swanncamp",       # the product word must end the word
    "dahuacamper",
    "hikvisionnvrs2",
    "axiscam",         # a four-letter name glued to anything stays a word's start
])
def test_a_name_glued_to_other_letters_names_nobody(value: str) -> None:
    assert _find(value) is None


def _page(title: str, mac: str | None = None):  # type: ignore[no-untyped-def]
    raw = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head></html>"
    return identify(Observation(ip=None, mac=mac, responses=(Response(protocol="http", port=80, request="GET / HTTP/1.1", raw=raw),)), DB)


@pytest.mark.parametrize("title, mac, maker", [
    ("ZTE ZXHN F670L", "00:d0:d0:11:22:33", "ZTE"),        # a ZTE gateway, its Zhongxing Telecom block
    ("HUAWEI HG8245H", "00:a3:07:11:22:33", "Huawei"),     # a Huawei ONT on an Honor Device block: the page names it
    ("Archer AX55", "00:31:92:11:22:33", "TP-Link"),       # a TP-Link router on a TP-Link Systems block
])
def test_covered_and_network_makers_stay_non_cameras(title: str, mac: str, maker: str) -> None:
    got = _page(title, mac)
    assert got.vendor == maker and got.device_type not in VIDEO_TYPES


@pytest.mark.parametrize("title, maker", [
    ("hikvisionnvr", "Hikvision"), ("iVMS-4200", "Hikvision"), ("Honeywell Home", "Resideo"), ("SuperLive Plus", "TVT"),
])
def test_a_name_alone_never_types_a_camera(title: str, maker: str) -> None:
    got = _page(title)
    assert got.vendor == maker and got.device_type not in VIDEO_TYPES


# ---------------------------------------------------------------- every block of the issue's makers

#: (maker, a word of its registrants' names, registrants containing the word that are another company's)
_REGISTRANT_WORDS = [
    ("Hikvision", "hikvision", ()),
    ("Dahua", "dahua", ("Shanghai Dahua Scale Factory", "ZHEJIANG DAHUA ZHILIAN CO.,LTD")),
    ("Uniview", "uniview", ()),
    ("Hanwha Vision", "hanwha vision", ()),
    ("Hanwha Vision", "techwin", ("GANATECHWIN", "HYESUNG TECHWIN Co., Ltd", "STECHWIN.CO.LTD.", "TECHWIN SOLUTIONS PVT LTD",
                                  "Shenzhen Techwinsemi Technology Co., Ltd.")),
    ("Axis", "axis communications", ()),
    ("TP-Link", "tp-link", ()),
    ("Ubiquiti", "ubiquiti", ()),
    ("Reolink", "reolink", ()),
    ("Amcrest", "amcrest", ()),
    ("Wyze", "wyze", ()),
    ("Milesight", "milesight", ()),
    ("Tiandy", "tiandy", ()),
    ("Vivotek", "vivotek", ()),
    ("Hytera", "hytera", ()),
    ("Huawei", "huawei", ()),
    ("ZTE", "zte corporation", ()),
]


@pytest.mark.parametrize("maker, word, others", _REGISTRANT_WORDS)
def test_every_block_of_the_issue_makers_names_them(maker: str, word: str, others: tuple[str, ...]) -> None:
    """Every IEEE block (MA-L, MA-M, MA-S, IAB) whose registrant holds the maker's word names that maker or one of its
    own companies (parent chain), except the listed other companies."""
    seen = 0
    for prefix, (_kind, org) in DB.oui.items():
        current = org.split(" (formerly ", 1)[0]
        if word not in current.casefold() or current in others:
            continue
        seen += 1
        got = DB.oui_vendor.get(prefix)
        chain = []
        v = DB.vendor(got) if got else None
        while v is not None and v.name not in chain:
            chain.append(v.name)
            v = DB.vendor(v.parent) if v.parent else None
        assert maker in chain, f"{prefix} {org!r} names {got!r}, not {maker}"
    assert seen > 0
    for other in others:
        assert all(DB.oui_vendor.get(p) != maker for p, (_k, o) in DB.oui.items() if o == other)


def test_uniview_cloud_domain_is_listed_and_names_uniview() -> None:
    from netscan.sigdb.cloud import cloud_domains
    domains = cloud_domains()
    assert "Uniview" in domains["ezcloud.uniview.com"]
    assert "uniview.com" not in domains  # its web site is no cloud service
    assert DB.vendor("ezcloud.uniview.com").name == "Uniview"  # type: ignore[union-attr]


# ---------------------------------------------------------------- product words

@pytest.mark.parametrize("value, maker", [
    ("FLEXIDOME IP starlight 8000i", "Bosch"),
    ("AUTODOME IP 4000i", "Bosch"),
    ("DINION IP 5000 HD", "Bosch"),
    ("Sarix IME322", "Pelco"),
    ("Optera IMM12027", "Pelco"),
    ("DarkFighterX", "Hikvision"),
    ("AcuSense 4MP Bullet", "Hikvision"),
    ("WizSense IPC-HFW2431S", "Dahua"),
])
def test_a_product_word_names_its_maker_in_free_text(value: str, maker: str) -> None:
    assert _find(value) == maker


def test_a_product_word_is_no_name_of_the_maker() -> None:
    from netscan.sigdb.makernames import model_without_maker
    for word in ("FLEXIDOME", "Sarix", "WizSense", "DarkFighter"):
        assert DB.vendor(word) is None
    # a model value starting with a product word keeps it (a maker's name there would be cut)
    assert model_without_maker(DB, "FLEXIDOME indoor 5100i IR") == "FLEXIDOME indoor 5100i IR"
    assert model_without_maker(DB, "Bosch FLEXIDOME 5100i") == "FLEXIDOME 5100i"
    assert _find("Sarixes") is None and _find("Dinions") is None


def test_a_product_word_that_is_another_makers_name_is_reported(tmp_path: Path) -> None:
    import shutil
    root = tmp_path / "signatures"
    shutil.copytree(DB.root, root)
    with open(root / "vendors" / "cameras-other.yaml", "a", encoding="utf-8") as fh:
        fh.write("  - name: Example Maker\n    product_words: [Hikvision]\n")
    db = load_db(root)
    assert any("product word 'Hikvision' of 'Example Maker' is a name of 'Hikvision'" in p for p in db.problems)
