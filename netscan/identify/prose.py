"""A device's identity where people write it: a reporter's sentences, a form's answers, an identity line.

An issue, a forum post or a support note names the reporter's device in a few shapes that no field
reader takes apart (the field readers in netscan/parsers take ``Key: value`` lines, tables, headings
with a one-line answer, quoted fields):

- a form's answer on the line after its label, the label in bold, a Markdown heading (GitHub issue forms
  render each field as ``### <label>``: docs.github.com "Syntax for issue forms") or alone on its line with a colon
  (homebridge-camera-ffmpeg's "Tested Configuration" template asks ``**Manufacturer/Model:**`` above
  the answer: Sunoo/homebridge-camera-ffmpeg .github/ISSUE_TEMPLATE/tested_config.md), the answer
  perhaps indented, in square brackets or quotes, with a parenthesised note after it and the maker's
  short name before it (``Reolink RLC-510A (PoE)``, ``[Foscam FI9821P]``);
- the maker's name right before the model in a sentence, with at most a few words that say what
  kind of device it is in between (``my Dahua doorbell camera (DH-DB6I)``, ``Hikvision DS-2CD2143G0-I
  v5.5.80 192.168.1.64``), the model perhaps followed by a ``v``-prefixed firmware version;
- a model code in a sentence of a paragraph too long for the line pass (netscan/identify/lines.py
  reads lines of at most ``ANY_FIELD_MAX_CHARS`` characters: the sentences of a longer line are read
  here, with the same guards);
- an identifier quoted in a sentence (``identified as "IPC-HDW2431T-AS-S2"``, ``my camera "E1 Zoom"``);
- a device field quoted in a sentence, its name in a code span and its value in quotes a few words later
  (``the `model` field in the device info says "C6N"``);
- a name quoted whole in a line, a utility's log line too, the maker's name first and the model after it
  (``Found printer 'EPSON XP-2200 Series' at ...``: the name the device gave itself).

Nothing is guessed from prose. A model is claimed only when the maker's own family grammar
(signatures/families) reads it -- alone, or after the one maker the text names (``Lorex B451AJ``: the
Lorex grammar reads a Lorex code only after the name) -- or when a known maker's name stands right
before it, or when a form's label asks for the model. A maker is claimed from its name only (the
maker-names convention, signatures/families/generic.yaml ``maker_names``). Prose never says what the
device is: every claim here is one that names a maker or a model (``PROSE_SOURCE`` and the maker-name
source are read by resolve like a maker's name), except a grammar's device type for a long, strong
model token (netscan.identify.lines ``strong_token``), as in the line pass. A sentence that sets a
model against the reporter's own (``unlike``, ``instead of``, ``compared to``, ``switched from``) or
talks about what software supports (``supports``, ``compatible with``) names other devices and is not
read; a text that names two models or more names a list, and none is claimed (the maker only, when
all agree).

Pure and bounded: at most ``MAX_PROSE_LINES`` lines of a text of at most ``MAX_PROSE_CHARS`` characters;
sentences longer than ``ANY_FIELD_MAX_CHARS`` are skipped; patterns are anchored or bounded classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netscan.identify.lines import (CONTRAST, LINE_DISCOUNT, WEAK_SOURCE, _JSON_START, Matcher, _distinct, _guarded, lead, strong_token,
                                    structured)
from netscan.identify.modelname import model_extent, model_generic, model_qualifier
from netscan.sigdb.db import ANY_FIELD_MAX_CHARS

if TYPE_CHECKING:
    from netscan.sigdb.db import Rule, SignatureDB

#: Longest text read, most lines.
MAX_PROSE_CHARS = 64 * 1024
MAX_PROSE_LINES = 400
#: Evidence source of a model or firmware read from prose and confirmed by a maker's name or a form's
#: label (resolve reads it like a maker's name: never a device type, never a video-only maker's default).
PROSE_SOURCE = "reporter-prose"
#: Weight of such a model or firmware: below a model field's (``semantic-model`` 0.25).
PROSE_WEIGHT = 0.2

#: A form's label on a line of its own: bold (``**Manufacturer/Model:**``, ``**Camera model**``, the colon
#: inside or outside), or plain with a colon (``Camera model:``), perhaps as a list item.
_BOLD_LABEL = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]{1,3})?(?:\*\*|__)([A-Za-z][^*_\r\n:]{0,58}?)[ \t]{0,2}:?[ \t]{0,2}(?:\*\*|__)[ \t]{0,2}:?[ \t]*")
_HEADING_LABEL = re.compile(r"[ \t]{0,3}#{2,4}[ \t]{1,3}([A-Za-z][^#\r\n]{0,78}?)[ \t]*")
_PLAIN_LABEL = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]{1,3})?([A-Za-z][A-Za-z /&'-]{0,58}?)[ \t]{0,2}:[ \t]*")
#: The words a label that asks for the device's model is made of (``Manufacturer/Model``, ``Camera make
#: and model``, ``Model number``, ``Doorbell model``); any other word (``Phone model``, ``Detector model``,
#: ``AI model``) asks about something else.
_LABEL_WORDS = frozenset({"model", "modell", "modele", "modelo", "camera", "cam", "device", "doorbell", "nvr", "dvr", "recorder",
                          "manufacturer", "make", "brand", "vendor", "and", "name", "number", "no", "exact", "hardware", "product",
                          "your", "the", "of", "which", "what", "is", "it"})
_LABEL_WORD = re.compile(r"[A-Za-z]+")
#: Answers that say nothing (GitHub's placeholder for an empty optional field, "N/A").
_NO_ANSWER = frozenset({"_no response_", "no response", "n/a", "na", "none", "-", "unknown", "?", "tbd"})
#: A parenthesised note after an answer or a model (``(PoE)``, ``(the white one)``), after a blank.
_NOTE = re.compile(r"[ \t]{1,3}[(\[][^()\[\]]{1,60}[)\]][ \t.]*$")

#: A model code as people write it (a letter and a digit; ``-``, ``_``, ``.``, ``/`` joined parts; a
#: bracketed revision), and product words that may follow a short code (``E1 Pro``, ``Argus 3 Plus``).
_TOKEN = r"[A-Z0-9][A-Za-z0-9]{0,19}(?:[-_./][A-Za-z0-9]{1,15}){0,5}(?:\([A-Z0-9]{1,4}\))?"
_SUFFIX = r"(?:[ \t](?:Pro|Plus|Zoom|Max|Mini|Lite|Ultra|Duo|Dual|Go|Air|Elite|Wire|Wired|PoE|WiFi|Outdoor|Indoor)){0,2}"
#: What may stand between a maker's name and its model in a sentence: words that say what kind of
#: device it is (``doorbell camera``, ``4K PoE``, ``video doorbell``), ``model``, an article.
_FILLER = (r"(?:(?i:the|a|an|model|ip|wifi|wi-fi|wireless|poe|ptz|4k|2k|\d{1,2}mp|\d{3,4}p|hd|uhd|smart|video|security|outdoor|indoor"
           r"|dome|bullet|turret|doorbell|door|bell|camera|cam|ipcam|ipc|nvr|dvr|xvr|recorder|network|bridge|hub|station|base"
           r"|battery|solar|floodlight|spotlight)[ \t]{1,2})")
_AFTER_MAKER = re.compile(
    r"[ \t]{1,2}" + _FILLER + r"{0,3}[(\[\"'\u201c`]?(" + _TOKEN + _SUFFIX + r")(?![A-Za-z0-9])[)\]\"'\u201d`]?"
    r"(?:[ \t,]{1,3}(?:(?i:fw|firmware)[ \t:]{0,3})?(?P<fw>[Vv]\d{1,3}(?:\.\d{1,8}){2,4}(?:[._-][0-9A-Za-z]{1,12}){0,2}(?:[ _-]?build[ _-]?\d{6,8})?)(?![\w.]))?")
#: An identifier in quotes in a sentence (``identified as "IPC-HDW2431T-AS-S2"``, ``my camera "E1 Zoom"``).
_QUOTED = re.compile(r"(?<![\w=])[\"'\u201c`]([A-Za-z0-9][^\"'\u201d`\r\n]{1,58})[\"'\u201d`](?!\w)")
#: The model named as such in a sentence that names its maker (``exact model I91BM``, ``model number: HB613-P``): where
#: the maker's name stands before a product line's name (``Annke C800 turret camera``), this is the model.
_SAID_MODEL = re.compile(r"(?i:\b(?:exact|full|actual|specific)\s{1,2}model|\bmodel\s{1,2}(?:no\.?|number|code|#))\s{0,2}[:#]?\s{0,2}(" + _TOKEN + r")(?![A-Za-z0-9])")
#: The reporter's own device named by its model alone, after a word of owning or buying (``I've purchased an AD410``,
#: ``I bought a C6N``, ``on my XY-R9820-F4 camera``), or before the word ``model`` or a device-class noun after an
#: article or a possessive (``the (Ohwoai) K8208-W model``, ``my E1 Pro camera``); a maker's name in brackets may stand
#: before the code. Read only when a grammar confirms it, the code is a strong token (``strong_token``), a device word
#: follows it, or the text names one maker (the code's, as far as the text says); or after a device word and ``model``
#: (``Added TVT/Secutech NVR model NVR-0808B2-8P``, ``camera model: C6N``).
_OWNED = re.compile(
    r"(?i:(?<![a-z])(?:purchased|bought|ordered|own|owns|have|has|got|my|our)[ \t]{1,2}(?:(?:a|an|the|this|that|two|new|an?[ \t]new)[ \t]{1,2})?)"
    r"(?:\([A-Za-z][\w-]{1,20}\)[ \t]{1,2})?[\"'\u201c`]?(" + _TOKEN + _SUFFIX + r")(?![A-Za-z0-9])[\"'\u201d`]?(?P<word>[ \t]{1,2}(?i:model|camera|cam|doorbell|nvr|dvr)(?![a-z]))?")
_CODE_THEN_WORD = re.compile(
    r"(?i:(?<![a-z])(?:the|this|that|my|our)[ \t]{1,2})(?:\([A-Za-z][\w-]{1,20}\)[ \t]{1,2})?(" + _TOKEN + r")(?![A-Za-z0-9])"
    r"[ \t]{1,2}(?i:model|camera|doorbell|nvr|dvr)(?![a-z])"
    r"|(?i:(?<![a-z])(?:camera|cam|doorbell|nvr|dvr|recorder)[ \t]{1,2}model)[ \t]{0,2}:?[ \t]{1,2}(" + _TOKEN + r")(?![A-Za-z0-9])")
#: A device field quoted in a sentence: its name in a code span, at most eight words, then its value in quotes
#: (``the `model` field in the device info says "C6N"``: a reporter copying what the device answered).
_SPAN_FIELD = re.compile(r"`([A-Za-z_][\w.-]{0,40})`((?:[ \t]{1,3}[A-Za-z][\w'-]{0,19}[,]?){0,8}?)[ \t]{0,3}[:=]?[ \t]{0,3}[\"\u201c]([^\"\u201d`\r\n]{2,60})[\"\u201d]")
_SPAN_MODEL_KEY = re.compile(r"(?i)(?:device|product|camera|hardware|hw)?[_-]?model(?:[_-]?(?:name|number|no|id))?")
_SPAN_FIRMWARE_KEY = re.compile(r"(?i)(?:firmware|fw|sw|software)(?:[_-]?(?:version|ver|revision|rev))?|(?:current|device)[_-]?firmware[_-]?version")
_SPAN_MAKER_KEY = re.compile(r"(?i)manufacturer|vendor|brand|make|maker")
#: A name quoted whole in any line, a log's too (``Found printer 'EPSON XP-2200 Series' at ...``: a utility
#: quoting the name the device gave itself): the maker's name first, its model after it.
_QUOTED_NAME = re.compile(r"(?<![\w=])(['\"\u201c])([A-Za-z][^'\"\u201d\r\n]{2,78})['\"\u201d](?!\w)")
#: The reporter's own devices named by their maker and a device noun, no model (``I bought two Ezviz cameras``, ``Anyone
#: else experienced this with Hikvision cameras?``, ``my Reolink NVR``): the name, at most three words that say what kind
#: of device it is, then the noun -- in a sentence that says the devices are the reporter's (a word of owning before the
#: name, no negation) or asks about the reporter's own (a question with a first-person word or ``this``/``same``).
_DEVICE_NOUN = re.compile(r"[ \t]{1,2}" + _FILLER + r"{0,3}(?i:cameras?|cams|ipcams?|nvrs?|dvrs?|doorbells?|recorders?)(?![A-Za-z])")
_OWNING = re.compile(r"(?i)(?<![a-z'])(?:my|our|bought|purchased|ordered|own|owns|installed|i[ \t]have|we[ \t]have|i've|we've|i[ \t]got)(?![a-z])")
_ASKING = re.compile(r"(?i)(?<![a-z'])(?:i|we|my|our|this|same|it)(?![a-z'])")
_NEGATION = re.compile(r"(?i)(?<![a-z])(?:not|never|no|don't|doesn't|didn't|won't|can't|cannot)(?![a-z])")
#: A maker's short name (two or three capitals or digits, as the maker writes it: ``TVT``, ``UNV``, ``LTS``; too short to
#: look for as a word) right before a device noun or ``model``, a co-label after a slash allowed (``Added TVT/Secutech NVR
#: model NVR-0808B2-8P``, ``my UNV camera``): the name is the device's maker's (netscan.sigdb.makernames ``short_by_alias``).
#: People write a two- or three-letter name in title case too (``It's a Yi 1080p Home Camera``, yi-hack-Allwinner#279):
#: that spelling counts when its capitals are a short name; a product word of a home camera (``home``) may stand between.
_SHORT_MAKER = re.compile(r"(?<![A-Za-z0-9/.-])([A-Z0-9]{2,3}|[A-Z][a-z]{1,2})(?:/[A-Z][A-Za-z0-9-]{1,20})?[ \t]{1,2}"
                          + r"(?:" + _FILLER + r"|(?i:home)[ \t]{1,2})"
                          + r"{0,3}(?i:cameras?|cams|ipcams?|nvrs?|dvrs?|xvrs?|doorbells?|recorders?|model)(?![A-Za-z])")
#: A maker said as a field in words right before its name (``Maker is `Wansview` ``, ``the manufacturer is Dahua``).
_SAID_MAKER = re.compile(r"(?i)(?<![a-z])(?:maker|manufacturer|make|brand|vendor)[ \t]{1,2}(?:is|was|=|:)[ \t]{1,2}[`\"'*]{0,2}$")
#: A sentence that sets other devices against the reporter's own, or says what software supports.
_CONTRAST = re.compile(
    r"(?i)(?<![a-z])(?:except|vs\.?|previous(?:ly)?|supports?|supported|compatible|not (?:a|an|the|my))(?![a-z])|" + CONTRAST.pattern[4:])
#: A relabel said in words: the device, or one of two alike, ``rebranded as`` / ``relabelled as`` / ``sold as`` /
#: ``sold under the name`` a label (``one is rebranded as an EmpireTech DB2X-WP``): the name after it is the label's.
_RELABELLED_AS = re.compile(
    r"(?i)(?<![a-z])(?:re-?branded|re-?label(?:l)?ed|white-?label(?:l)?ed|sold|marketed)[ \t]{1,3}(?:as|under)[ \t]{1,3}"
    r"(?:the[ \t]{1,3}(?:name|brand|label)[ \t]{1,3})?(?:an?[ \t]{1,3}|the[ \t]{1,3})?([A-Za-z][A-Za-z0-9&+-]{1,30})")
#: Sentence ends inside a line (a full stop, a question or exclamation mark, a semicolon, then a blank).
_SENTENCE_END = re.compile(r"(?<=[.!?;])[ \t]+(?=[A-Z\"'(\[\u201c])")
#: A line that is not a sentence: a document's or an object dump's own, a log line (a time stamp or a
#: tag first), a table row, a quote of a command.
_NOT_PROSE = re.compile(r"[ \t]{0,200}(?:[{\[<\"',}\]|$#>]|\d{1,4}[-/:.]\d|```|~~~)")
#: A ``key: value`` / ``key = value`` line (YAML, a config, a copied page): a field, not a sentence.
_KEY_LINE = re.compile(r"[ \t]{0,40}(?:-[ \t]{1,4})?[A-Za-z_][\w .()/-]{0,40}?[ \t]{0,2}(?::|=)(?:[ \t]|$)")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class ProseHit:
    """One claim read from prose: what (``got``), on what grounds (``how``: ``grammar`` -- a family
    grammar read it, ``rule`` is that grammar; ``maker-name`` -- a maker's name; ``prose`` -- a model or
    firmware a maker's name or a form's label confirms), where (``line``), and whether a grammar's device
    type may stand (``strong``)."""

    got: dict[str, str]
    how: str
    line: str
    rule: Rule | None = None
    strong: bool = False


def prose_text(text: str) -> bool:
    """True for a text that may hold a reporter's words: not a document or markup (the structured
    readers keep its keys), not a device's answer (a status line first)."""
    head = lead(text, 5)
    return bool(head) and head[:1] != "<" and _JSON_START.match(text) is None and head not in ("HTTP/", "RTSP/", "SIP/2")


def _shaped(db: SignatureDB, model: str) -> bool:
    """A model code as a reporter writes one: an upper-case letter and a digit, three characters at least
    (two with product words after: ``E1 Pro``), not a version, a placeholder or a SoC's code."""
    code = model.split(" ", 1)[0]
    if _DIGIT.search(code) is None or _UPPER.search(code) is None or model_qualifier(code):
        return False
    if len(code) < 3 and " " not in model:
        return False
    return not model_generic(model) and bool(model_extent(model, db))


def _label_asks_model(label: str) -> bool:
    """A form label that asks for the device's model (``_LABEL_WORDS``), a trailing remark in
    parentheses cut (``Camera model (if known)``)."""
    label = re.sub(r"\([^()]{0,40}\)", " ", label)
    words = [w.lower() for w in _LABEL_WORD.findall(label)]
    return bool(words) and any(w.startswith("model") for w in words) and all(w in _LABEL_WORDS for w in words)


def _answer(raw: str) -> str:
    """A form's answer as the reporter meant it: list marker, emphasis, code span, brackets or quotes
    around it, and a parenthesised note after it taken off."""
    v = raw.strip().lstrip("-*+> \t").strip()
    v = v.strip("*_`").strip()
    for _ in range(2):
        m = _NOTE.search(v)
        if m is not None and m.start() > 0 and re.search(r"[a-z]|[ \t]", v[m.start() + 1:]) is not None:
            v = v[: m.start()].rstrip()
        if len(v) > 2 and (v[0], v[-1]) in (("[", "]"), ('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("`", "`")):
            v = v[1:-1].strip()
    return v.rstrip(".,;:").strip()


def form_answers(lines: list[str]) -> list[str]:
    """The answers of form fields that ask for the model, each on the line after its label (module
    docstring): a one-line answer, then a blank line, the end, or the next label."""
    out: list[str] = []
    n = len(lines)
    for i, line in enumerate(lines):
        if len(line) > 80 or ":" not in line and "**" not in line and "__" not in line and "#" not in line:
            continue
        m = _BOLD_LABEL.fullmatch(line) or _PLAIN_LABEL.fullmatch(line) or _HEADING_LABEL.fullmatch(line)
        if m is None or not _label_asks_model(m.group(1)):
            continue
        j = i + 1
        while j < n and j <= i + 3 and not lines[j].strip():
            j += 1
        if j >= n or j > i + 3:
            continue
        after = lines[j + 1].strip() if j + 1 < n else ""
        if after and not (_BOLD_LABEL.fullmatch(lines[j + 1]) or _PLAIN_LABEL.fullmatch(lines[j + 1]) or after.startswith("#")):
            continue  # several lines: a paragraph, a list, a log -- no one answer
        raw = lines[j]
        if len(raw.strip()) > 120 or raw.strip().lower().strip("_* ") in _NO_ANSWER or raw.strip().startswith(("```", "{", "<")):
            continue
        value = _answer(raw)
        if value and value.lower() not in _NO_ANSWER:
            out.append(value)
    return out


def _sentences(lines: list[str]) -> list[tuple[str, bool]]:
    """The sentences of the text's prose lines, each with True when it comes from a line longer than
    ``ANY_FIELD_MAX_CHARS`` (one the line pass does not read): fenced blocks, documents, logs, a client's
    or the platform's lines left out (netscan.identify.lines guards); a long line split at its
    sentences' ends; a sentence longer than ``ANY_FIELD_MAX_CHARS`` skipped. (An indented line is read:
    reporters indent their answers.)"""
    out: list[tuple[str, bool]] = []
    fenced = False
    for line in lines:
        s = line.strip()
        if s.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not s or _NOT_PROSE.match(line) is not None or _KEY_LINE.match(line) is not None or _guarded(line):
            continue  # (a ``key: value`` line is a document's or a form's field: the field readers keep its nesting)
        s = re.sub(r"(?i)\b[a-z][a-z0-9+.-]{1,15}://\S*", " ", s) if "://" in s else s
        long = len(s) > ANY_FIELD_MAX_CHARS
        parts = _SENTENCE_END.split(s) if len(s) > 80 else [s]
        out.extend((p, long) for p in parts if 3 <= len(p) <= ANY_FIELD_MAX_CHARS)
    return out


def _maker_hits(db: SignatureDB, sentence: str) -> list[tuple[str, str, int]]:
    """(canonical maker, the name as written, where it ends) of every known maker's name in a sentence;
    a platform's name (a SoC maker's SDK) ends the search (what follows describes parts)."""
    mn = db.maker_names
    if mn is None or mn.pattern is None:
        return []
    out: list[tuple[str, str, int]] = []
    from netscan.sigdb.names import vendor_key  # noqa: PLC0415 (light; kept beside its only use)

    for m in mn.pattern.finditer(sentence):
        key = vendor_key(m.group(0))
        if key in mn.platforms:
            break
        hit = mn.by_key.get(key)
        if hit is not None:
            out.append((hit, m.group(0), m.end()))
        if len(out) >= 8:
            break
    return out


def _grammar(match: Matcher, value: str, maker: str | None = None) -> list[tuple[Rule, dict[str, str]]]:
    """Family grammar hits on ``value`` that read all of it as one model (and, given ``maker``, name
    that maker as the vendor or the brand)."""
    out = []
    for rule, got in match(value):
        if "model" not in got:
            continue
        if maker is not None and maker.casefold() not in (got.get("vendor", "").casefold(), got.get("brand", "").casefold()):
            continue
        out.append((rule, got))
    return out


def _confirmed(match: Matcher, model: str, written: str | None, maker: str | None, line: str) -> list[ProseHit]:
    """Grammar hits on a model, alone or after the maker's name as written: the maker's grammar confirms it."""
    found = [(r, g) for r, g in _grammar(match, model) if g["model"].casefold() in model.casefold()]
    if not found and written is not None:
        found = [(r, g) for r, g in _grammar(match, f"{written} {model}", maker) if g["model"].casefold() == model.casefold()]
    out = []
    for rule, got in found:
        strong = strong_token(got["model"])
        claim = dict(got) if strong else {k: v for k, v in got.items() if k != "device_type"}
        out.append(ProseHit(claim, "grammar", line, rule, strong))
    return out


def read_prose(text: str, db: SignatureDB, match: Matcher | None = None) -> tuple[ProseHit, ...]:
    """What a reporter's text says the device is (module docstring). ``match``: the family grammars' matcher
    (``db.family_matches`` unless given: collect's plain path passes its exhaustive one)."""
    if match is None:
        match = db.family_matches
    if not prose_text(text):
        return ()
    lines = [ln.rstrip("\r") for ln in text[:MAX_PROSE_CHARS].split("\n", MAX_PROSE_LINES)[:MAX_PROSE_LINES]]
    sentences = _sentences(lines)
    makers_named: dict[str, str] = {}  # canonical -> as first written
    per_sentence: list[tuple[str, bool, list[tuple[str, str, int]]]] = []
    for s, long in sentences:
        in_s = _maker_hits(db, s)
        per_sentence.append((s, long, in_s))
        for maker, written, _ in in_s:
            makers_named.setdefault(maker, written)
    answers = form_answers(lines)
    for a in answers:
        for maker, written, _ in _maker_hits(db, a):
            makers_named.setdefault(maker, written)
    one = next(iter(makers_named.items())) if len(makers_named) == 1 else None
    hits: list[ProseHit] = []
    # a form's answer to a label that asks for the model
    for a in answers:
        named = _maker_hits(db, a)
        lead = named[0] if named and a[: named[0][2]].strip().casefold() == named[0][1].casefold() else None
        rest = a[lead[2]:].strip(" \t-:,") if lead else a
        by = lead[0] if lead else one[0] if one else None
        as_written = lead[1] if lead else one[1] if one else None
        confirmed = _confirmed(match, rest, as_written, by, a) if rest else []
        if lead:
            hits.append(ProseHit({"vendor": lead[0]}, "maker-name", a))
        if confirmed:
            hits.extend(confirmed)
        elif rest and _shaped(db, rest) and len(rest.split()) <= 3:
            hits.append(ProseHit({"model": rest}, "prose", a))
    # a maker's name right before its model, a quoted identifier, a model in a long line's sentence
    for s, long, named in per_sentence:
        if _CONTRAST.search(s) is not None:
            continue
        if long:  # a sentence of a line too long for the line pass: the grammars read it as the line pass would
            found = _grammar(match, s)
            if len(_distinct([g["model"] for _, g in found])) == 1:
                for rule, got in found:
                    strong = strong_token(got["model"])
                    hits.append(ProseHit(dict(got) if strong else {k: v for k, v in got.items() if k != "device_type"},
                                         "grammar", s, rule, strong))
        said = _SAID_MODEL.search(s) if named else None
        exact = said.group(1) if said is not None and _shaped(db, said.group(1)) else None
        for n, (maker, written, end) in enumerate(named):
            m = _AFTER_MAKER.match(s, end)
            if (m is None or not _shaped(db, m.group(1))) and not (exact is not None and n == 0 and len({x[0] for x in named}) == 1):
                continue
            model = m.group(1) if m is not None and _shaped(db, m.group(1)) else exact or ""
            confirmed = _confirmed(match, model, written, maker, s)
            hits.append(ProseHit({"vendor": maker}, "maker-name", s))
            if exact is not None and exact != model:
                confirmed = _confirmed(match, exact, written, maker, s)
                model = exact  # the sentence says which is the model (``Annke C800 turret camera, exact model I91BM``)
            hits.extend(confirmed if confirmed else [ProseHit({"model": model}, "prose", s)])
            if m is not None and m.group("fw"):
                hits.append(ProseHit({"firmware": m.group("fw")}, "prose", s))
        if named and not any(h.line == s for h in hits):
            hits.extend(_owners_maker(db, s, named))
        elif not named and db.maker_names is not None and db.maker_names.short_by_alias:
            short = _SHORT_MAKER.search(s)
            short_maker = db.maker_names.short_by_alias.get(short.group(1).upper()) if short is not None else None
            if short_maker is not None:
                hits.append(ProseHit({"vendor": short_maker}, "maker-name", s))
        if not any("model" in h.got and h.line == s for h in hits):
            hits.extend(_owned(db, match, s, one))
        if "`" in s:
            hits.extend(_span_fields(db, match, s))
        relabel = _relabel(db, s, makers_named)
        if relabel is not None:
            hits.append(relabel)
        for q in _QUOTED.finditer(s):
            value = _answer(q.group(1))
            if value.islower() and " " not in value:
                value = value.upper()  # a code written in lower case (``ds-2cd2042wd-i``): the makers' spelling
            if _shaped(db, value):
                hits.extend(_confirmed(match, value, one[1] if one else None, one[0] if one else None, s))
    # a name quoted whole in a line (a log's too): the maker's name first, its model after it
    for line in lines:
        if ("'" not in line and '"' not in line and "\u201c" not in line) or structured(line) or _guarded(line):
            continue
        for q in _QUOTED_NAME.finditer(line):
            if line[: q.start()].rstrip().endswith((":", "=")):
                continue  # a field's quoted value (``model: "X"``): the field readers'
            quoted = _quoted_maker(db, q.group(2))
            if quoted is None:
                continue
            maker, written, model = quoted
            confirmed = _confirmed(match, model, written, maker, line)
            hits.append(ProseHit({"vendor": maker}, "maker-name", line))
            hits.extend(confirmed if confirmed else [ProseHit({"model": model}, "prose", line)])
    # a label the text says is a relabel of its maker names that maker wherever the text names the label
    relabelled = {h.got["brand"]: h.got["vendor"] for h in hits if "brand" in h.got and "vendor" in h.got}
    if relabelled:
        hits = [ProseHit({**h.got, "vendor": relabelled[h.got["vendor"]], "brand": h.got["vendor"]}, h.how, h.line, h.rule, h.strong)
                if h.got.get("vendor") in relabelled and "brand" not in h.got else h for h in hits]
    return _agreed(hits)


#: A product-line word a maker's device ID ends a model name with (``DeskJet 4530 series``, ``XP-2200 Series``).
_SERIES = re.compile(r"[ \t]{1,2}(?i:series)$")


_CODE_WORD = re.compile(r"(?=[^ ]{0,39}\d)(?=[^ ]{0,39}[A-Z])[A-Za-z0-9][A-Za-z0-9./_()+-]{1,39}|\d{3,6}[A-Za-z]{0,3}")


def _quoted_maker(db: SignatureDB, value: str) -> tuple[str, str, str] | None:
    """(maker, its name as written, model) of a name quoted whole that is a known maker's name and then a
    model of at most four words with a code in it (``EPSON XP-2200 Series``, ``HP OfficeJet Pro 8730``: the name
    a device gives itself); a maker's name of two or three letters (``HP``) counts here, first in the quote and
    in capitals; None for anything else (a quoted sentence, a name without a model)."""
    named = _maker_hits(db, value)
    if named and value[: named[0][2]].casefold() == named[0][1].casefold():
        maker, written, end = named[0]
    else:
        first = value.split(" ", 1)[0]
        v = db.vendor(first) if 2 <= len(first) <= 3 and first.isupper() and first.isalpha() else None
        if v is None:
            return None
        maker, written, end = v.name, first, len(first)
    model = _SERIES.sub("", value[end:].strip(" \t,-:")).strip()
    words = model.split()
    if not 1 <= len(words) <= 4 or not any(_CODE_WORD.fullmatch(w) for w in words):
        return None  # (a code: a letter and a digit, or a number of three digits or more after a word: ``OfficeJet Pro 8730``)
    if not _shaped(db, words[0]) and not any(c.isupper() for c in words[0][:1]):
        return None
    return (maker, written, model) if model_extent(model, db) == model and not model_qualifier(words[0]) else None


def _owners_maker(db: SignatureDB, sentence: str, named: list[tuple[str, str, int]]) -> list[ProseHit]:
    """The maker of the reporter's own devices named without a model (``_DEVICE_NOUN`` after an owning word or in a
    question about them; ``_SAID_MAKER`` before the name): the first such name, unless the sentence only mentions it
    (netscan.sigdb.makernames ``mentions``)."""
    mn = db.maker_names
    if len({m for m, _, _ in named}) > 1:
        return []  # (two makers in one sentence: a list, a comparison -- nobody's for sure)
    for maker, written, end in named[:2]:
        start = end - len(written)
        if mn is not None and mn.mentioned(sentence, start, end):
            continue
        if _SAID_MAKER.search(sentence, max(0, start - 40), start) is not None:
            return [ProseHit({"vendor": maker}, "maker-name", sentence)]
        if _DEVICE_NOUN.match(sentence, end) is None:
            continue
        before = sentence[:start]
        if _NEGATION.search(sentence) is not None:
            return []
        asked = sentence.rstrip().endswith("?") and _ASKING.search(sentence) is not None
        if asked or _OWNING.search(before) is not None:
            return [ProseHit({"vendor": maker}, "maker-name", sentence)]
    return []


def _owned(db: SignatureDB, match: Matcher, sentence: str, one: tuple[str, str] | None) -> list[ProseHit]:
    """The reporter's own device named by its model alone (``_OWNED``, ``_CODE_THEN_WORD``): a grammar's reading, or the
    code as a model when it is a strong token, a device word follows it or the text names one maker; nothing for a
    version, a qualifier, a SoC's code or a code without any of these."""
    out: list[ProseHit] = []
    for m in (*_OWNED.finditer(sentence), *_CODE_THEN_WORD.finditer(sentence)):
        code = m.group(1) or m.group(2) if m.re is _CODE_THEN_WORD else m.group(1)
        if not code or not _shaped(db, code):
            continue
        confirmed = _confirmed(match, code, one[1] if one else None, one[0] if one else None, sentence)
        if confirmed:
            out.extend(confirmed)
        elif strong_token(code) or one is not None or m.re is _CODE_THEN_WORD or m.group("word"):
            out.append(ProseHit({"model": code}, "prose", sentence))
    return out


def _span_fields(db: SignatureDB, match: Matcher, sentence: str) -> list[ProseHit]:
    """The device fields a reporter quoted in a sentence (``_SPAN_FIELD``): a model key's value (a grammar's
    reading, or the value as a model: the key says what it is), a firmware key's version, a maker key's known
    maker; a field of any other name says nothing here."""
    out: list[ProseHit] = []
    for m in _SPAN_FIELD.finditer(sentence):
        key, value = m.group(1), m.group(3).strip()
        if _SPAN_MODEL_KEY.fullmatch(key):
            confirmed = _confirmed(match, value, None, None, sentence)
            out.extend(confirmed if confirmed else [ProseHit({"model": value}, "prose", sentence)] if _shaped(db, value) else [])
        elif _SPAN_FIRMWARE_KEY.fullmatch(key) and _DIGIT.search(value) is not None:
            out.append(ProseHit({"firmware": value}, "prose", sentence))
        elif _SPAN_MAKER_KEY.fullmatch(key):
            named = _maker_hits(db, value)
            if named:
                out.append(ProseHit({"vendor": named[0][0]}, "maker-name", sentence))
    return out


def _relabel(db: SignatureDB, sentence: str, makers_named: dict[str, str]) -> ProseHit | None:
    """A relabel said in a sentence (``_RELABELLED_AS``): the label after the phrase, when it is a known label or OEM
    brand of a maker (``label`` or ``built_by`` in signatures/vendors), with the maker that builds it -- the one maker
    of its ``built_by``, or the one the text names among them. None when the name after the phrase is no such label or
    its maker cannot be told: the maker in ``vendor``, the label in ``brand``, only when the text supports both."""
    if "sold" not in sentence and "abel" not in sentence and "rand" not in sentence and "arketed" not in sentence:
        return None
    m = _RELABELLED_AS.search(sentence)
    if m is None:
        return None
    label = db.vendor(m.group(1))
    if label is None or not (label.label or label.built_by):
        return None
    builders = [b for b in label.built_by if db.vendor(b) is not None]
    named = [b for b in builders if any(b.casefold() == k.casefold() for k in makers_named)]
    maker = named[0] if len(named) == 1 else builders[0] if len(builders) == 1 else None
    if maker is None:
        return None
    return ProseHit({"vendor": maker, "brand": label.name}, "maker-name", sentence)


def _agreed(hits: list[ProseHit]) -> tuple[ProseHit, ...]:
    """The hits when they describe one device: two models or more are a list (only the maker stays, when
    every hit names the same one); two makers name nobody."""
    if not hits:
        return ()
    models = _distinct([h.got["model"] for h in hits if "model" in h.got])
    makers = {h.got.get("brand") or h.got["vendor"] for h in hits if "vendor" in h.got}
    vendors = {h.got["vendor"] for h in hits if "vendor" in h.got}
    if len(vendors) > 1 and len(makers) > 1:
        return ()
    if len(models) > 1:
        first = next((h for h in hits if "vendor" in h.got), None)
        # (a relabel said in words names the label whatever models the text lists)
        relabels = [h for h in hits if "brand" in h.got and "model" not in h.got]
        return ((ProseHit({"vendor": first.got["vendor"]}, "maker-name", first.line),) if first is not None else ()) + tuple(relabels[:1])
    seen: set[tuple[tuple[str, str], ...]] = set()
    out = []
    for h in hits:
        key = tuple(sorted(h.got.items()))
        if key not in seen:
            seen.add(key)
            out.append(h)
    return tuple(out)


__all__ = ["LINE_DISCOUNT", "PROSE_SOURCE", "PROSE_WEIGHT", "ProseHit", "WEAK_SOURCE", "form_answers", "prose_text", "read_prose"]
