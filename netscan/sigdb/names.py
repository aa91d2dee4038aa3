"""The one name normaliser of the signature data: vendor names, aliases, OUI registrants and the
vendor keys of vulnerability and end-of-life records are all compared through it."""

from __future__ import annotations

import functools
import re

#: Characters of CJK scripts kept in a name (kana, CJK ideographs, Hangul): a maker's native-script name
#: (海康威视, 大华技术) is a name like its Latin spelling, not punctuation.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_NORM = re.compile(f"[^0-9a-z{CJK_CHARS}]+")


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str | None) -> str:
    """Casefold, punctuation to spaces, collapse spaces: 'Co.,Ltd.' and 'Co., Ltd' compare equal. Letters of
    CJK scripts are kept (``CJK_CHARS``); other letters outside a-z are dropped."""
    return " ".join(_NORM.sub(" ", (name or "").casefold()).split())


def vendor_key(name: str | None) -> str:
    """:func:`normalise_name` without the spaces: ``D-Link`` == ``dlink`` == ``D Link``."""
    return normalise_name(name).replace(" ", "")


#: Legal-form and line-of-business words a company name ends with ("Technology Co., Ltd.", "Electronics
#: GmbH", "Digital Technologies Inc."): not part of the name a label uses (casefolded, punctuation dropped).
_COMPANY_TAIL = frozenset({
    "co", "ltd", "inc", "corp", "corporation", "limited", "llc", "gmbh", "ag", "ab", "bv", "sa", "spa", "srl", "kft",
    "oy", "pty", "pvt", "pte", "plc", "company", "incorporated", "kk", "nv", "aps", "sdn", "bhd", "sas", "sarl", "ltda",
    "technology", "technologies", "tech", "electronic", "electronics", "electric", "digital", "intelligent",
    "intelligence", "science", "sci", "industrial", "industries", "industry", "group", "holding", "holdings",
    "international", "intl", "systems", "system", "network", "networks", "communication", "communications",
    "information", "info", "development", "dev", "trading", "smart", "innovation", "innovations", "products",
})
#: Places a Chinese (or Hong Kong / Taiwanese) company's registered name starts with ("Shenzhen ...",
#: "Zhejiang ...", "Hangzhou ..."): the registration's place, not the maker's name.
_COMPANY_PLACE = frozenset({
    "shenzhen", "zhejiang", "hangzhou", "guangzhou", "guangdong", "beijing", "shanghai", "xiamen", "fujian", "dongguan",
    "jiangsu", "suzhou", "nanjing", "wuhan", "hubei", "ningbo", "tianjin", "chongqing", "chengdu", "sichuan", "hefei",
    "anhui", "qingdao", "shandong", "jinan", "foshan", "zhuhai", "zhongshan", "huizhou", "changsha", "hunan", "xian",
    "shaanxi", "fuzhou", "wuxi", "changzhou", "hebei", "henan", "zhengzhou", "liaoning", "dalian", "shenyang", "jiangxi",
    "hongkong", "hong", "kong", "hk", "taiwan", "taipei",
    # more registration places of Chinese and Taiwanese device makers (IEEE registrants, ONVIF manufacturer fields)
    "kunshan", "taicang", "jiaxing", "shaoxing", "wenzhou", "quanzhou", "zhangzhou", "nanchang", "kunming", "taiyuan",
    "harbin", "changchun", "guiyang", "nanning", "shijiazhuang", "yantai", "weihai", "jinhua", "yiwu", "huzhou",
    "taizhou", "nantong", "yangzhou", "zhenjiang", "xuzhou", "jiangmen", "shantou", "zhaoqing", "guangxi", "yunnan",
    "guizhou", "shanxi", "heilongjiang", "jilin", "hainan", "haikou", "hsinchu", "taoyuan", "taichung", "kaohsiung",
})
_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z&'+-]*")


def is_company_word(word: str) -> bool:
    """True for a registration place or a legal-form / line-of-business word of a company's
    registered name (casefolded): ``shenzhen``, ``co``, ``technology``."""
    return word in _COMPANY_TAIL or word in _COMPANY_PLACE


@functools.lru_cache(maxsize=16384)
def short_company_name(name: str) -> str:
    """A company's registered name cut to the name its products and labels use: leading registration
    places and trailing legal-form / line-of-business words dropped (``Shenzhen Sricam Technology
    Co., Ltd.`` -> ``Sricam``, ``ACME Security Systems Inc.`` -> ``ACME Security``); a parenthesised
    place (``Foo (Shenzhen) Co., Ltd.``) too. Words are kept as written. A name with nothing left
    after the cuts, or a single word, is returned as it was."""
    words = _WORD.findall(re.sub(r"\([^()]*\)", " ", name))
    if len(words) < 2:
        return name.strip()
    keys = [w.casefold().replace("'", "") for w in words]
    start, end = 0, len(words)
    while end > start and keys[end - 1] in _COMPANY_TAIL:
        end -= 1
    while end - start > 1 and keys[start] in _COMPANY_PLACE:
        start += 1
    if end <= start:
        return name.strip()
    return " ".join(words[start:end])


def one_edit_keys(key: str) -> set[str]:
    """The strings one typing slip from ``key`` (a :func:`vendor_key`), its first letter kept: a doubled letter
    written once or a letter written twice (``sonof``/``sonoff``, ``phillips``/``philips``), or two neighbours
    swapped (``hikvsion``). A letter dropped, added or changed anywhere is no slip of this kind: one such edit
    turns many makers' names into other companies' (Hivision, Genvision, Redlink, Telink: IEEE registrants)."""
    out: set[str] = set()
    for i in range(1, len(key)):
        c = key[i]
        out.add(key[:i] + c + key[i:])                               # written twice
        if key[i - 1] == c:
            out.add(key[:i] + key[i + 1:])                           # a doubled letter written once
        if i + 1 < len(key) and key[i + 1] != c:
            out.add(key[:i] + key[i + 1] + c + key[i + 2:])          # neighbours swapped
    out.discard(key)
    return out
