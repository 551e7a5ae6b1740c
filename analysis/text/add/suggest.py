"""Quotations of the new articles without a speaker, and speakers.csv rows suggested from the names in their cues."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.tables import normalise_alias
from analysis.text.add.write import _csv_line

# --------------------------------------------------------------------------- unattributed quotations


@dataclass
class Unattributed:
    """A quotation of a new article without a speaker, with the names found around it."""

    quote_id: str
    para: int
    kind: str
    text: str
    cue: str
    context: str  # the sentence(s) around the quotation
    names: list[str]  # candidate speakers, nearest to a reporting verb first
    #: For a quotation given to the previous quotation's speaker only because it follows it, although
    #: a name not in speakers.csv is next to a reporting verb around it: that speaker.
    continued_from: str = ""


#: The cue the attribution stage gives a quotation that continues the voice of the one before it (as
#: analysis.measure.attribution.documents writes it; the tests compare the two).
CONTINUES_CUE = "(continues the previous quotation)"
#: Capitalised words that begin a sentence or name a time, never a speaker.
_NOT_NAMES = frozenset("""a an the he she it they we i you this that these those his her its their our
but and or so yet if when while as after before then there here in on at by for from of to with
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms dr officials analysts experts critics
""".split())
#: Capitalised titles before a name ("Foreign Minister Liang Wen"): not part of it.
_TITLES = frozenset("""president vice secretary minister foreign deputy prime premier spokesperson spokesman
spokeswoman ambassador senator representative governor general admiral director chairman chair councilor
councillor envoy special mr mrs ms dr professor prof us u.s. chinese american state assistant under defense
defence commerce trade treasury national security adviser advisor""".split())
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|[A-Z]{2,}(?![a-z]))"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|van|von|al|bin|da|le|la)\s+)?{_NAME_WORD}){{0,5}}"
#: Longest name suggested, in words (after the titles before it are taken off).
_NAME_MAX_WORDS = 4


def _verb_pattern(verbs) -> str:
    return "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))


def find_names(text: str, verbs) -> list[str]:
    """Capitalised names that are the subject of a reporting verb in ``text``, nearest the verb first:
    ``Li Ming said``, ``said Li Ming``, ``according to Li Ming``, ``Li Ming, a researcher, said``.

    >>> find_names("“We will see,” said Li Ming, a researcher. Analysts said more.", ["said", "according to"])
    ['Li Ming']
    >>> find_names("Foreign Ministry spokesperson Mao Ning told reporters on Monday", ["told"])
    ['Mao Ning']
    """
    v = _verb_pattern(verbs)
    patterns = [
        rf"({_NAME})(?:,[^,.;:!?]{{1,100}},)?\s+(?:\w+ly\s+|has\s+|had\s+|also\s+)?(?:{v})\b",  # Li Ming said
        rf"\b(?:{v})\s+({_NAME})",  # said Li Ming / according to Li Ming
    ]
    found: list[str] = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            name = _trim_name(m.group(1))
            if name and name not in found:
                found.append(name)
    return found


def _trim_name(name: str) -> str:
    """A name without leading function words ("The State Department" -> "State Department") and, when
    a full name remains, without the titles before it ("Foreign Minister Liang Wen" -> "Liang Wen")."""
    words = name.split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words = words[1:]
    if not words or all(w.lower().strip(".") in _NOT_NAMES for w in words):
        return ""
    i = 0
    while i < len(words) and words[i].lower().strip(".") in _TITLES:
        i += 1
    if len(words) - i >= 2:
        words = words[i:]
    if len(words) > _NAME_MAX_WORDS or len(words) == 1 and len(words[0]) < 2:
        return ""
    return " ".join(words)


def unattributed(quotes, paragraphs, doc_ids, speakers=None, verbs=("said", "told", "according to")) -> list[Unattributed]:
    """The quotations of ``doc_ids`` whose ``speaker`` is empty, each with candidate names from its cue
    and the sentence around it (names already in speakers.csv left out); and those given to the previous
    quotation's speaker only because they follow it (cue :data:`CONTINUES_CUE`) while a reporting verb
    around them names someone not in speakers.csv ('“...,” said Li Ming' after another speaker's quote).

    ``quotes`` is the attribution stage's quotation frame (``quote_id, doc_id, para, start, end, text,
    kind, speaker, cue``), ``paragraphs`` the corpus's paragraph frame, ``speakers`` its speakers table
    (or None) and ``verbs`` the reporting verbs the attribution stage knows.
    """
    known = set()
    if speakers is not None and len(speakers):
        for name, aliases in zip(speakers["name"], speakers["aliases"]):
            known |= {normalise_alias(a) for a in [name, *str(aliases).split(";")] if a.strip()}
    texts = {(d, p): t for d, p, t in zip(paragraphs["doc_id"], paragraphs["para"], paragraphs["text"])}
    out = []
    wanted = set(doc_ids)
    for q in quotes.itertuples(index=False):
        continued = q.cue == CONTINUES_CUE
        if q.doc_id not in wanted or (q.speaker and not continued):
            continue
        para = texts.get((q.doc_id, q.para), "")
        context = _sentence_around(para, q.start, q.end)
        names = find_names(q.cue, verbs) if q.cue and not continued else []
        names += [n for n in find_names(context, verbs) if n not in names]
        names = [n for n in names if normalise_alias(n) not in known]
        if continued and not names:  # a quotation that goes on: the previous speaker's, as attributed
            continue
        out.append(Unattributed(q.quote_id, int(q.para), q.kind, q.text, q.cue or "", context, names,
                                q.speaker if continued else ""))
    return out


def _sentence_around(para: str, start: int, end: int) -> str:
    """The text from the sentence start before ``start`` to the sentence end after ``end``."""
    a = max(para.rfind(". ", 0, max(0, start - 1)), para.rfind("? ", 0, max(0, start - 1)),
            para.rfind("! ", 0, max(0, start - 1)))
    a = 0 if a < 0 else a + 2
    m = re.search(r"[.!?][”’\"')\]]*(\s|$)", para[end:])
    b = len(para) if m is None else end + m.end()
    return para[a:b].strip()


def suggested_rows(items: list[Unattributed], paragraphs, doc_ids) -> list[dict[str, str]]:
    """A speakers.csv row (``name, aliases, side, role``) for each name found, once each.

    ``name``: the fullest form the new articles give ("Liang" -> "Liang Wen" when the text also says
    "Foreign Minister Liang Wen"); ``aliases``: the other forms found (the surname alone, "Secretary
    Whitfield"); ``role``: the apposition after the name ("a researcher at ...") or the titles before it;
    ``side``: ``china`` or ``us`` when those titles or that apposition say so (Chinese, Beijing; US,
    American, Washington), else empty for you to fill in (``check`` refuses an empty side).
    """
    wanted = set(doc_ids)
    text = " ".join(t for d, t in zip(paragraphs["doc_id"], paragraphs["text"]) if d in wanted)
    full_names = [_trim_name(m.group(0)) for m in re.finditer(_NAME, text)]
    rows: dict[str, dict[str, str]] = {}
    for item in items:
        for found in item.names:
            name = _fullest(found, full_names)
            if name in rows:
                continue
            forms = {found} - {name}
            words = name.split()
            forms |= {w for w in words if len(words) > 1 and len(w) >= 2 and w.lower() not in _TITLES
                      and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text.replace(name, " "))}
            role, side = _role_and_side(item.context, text, found, name)
            rows[name] = {"name": name, "aliases": ";".join(sorted(forms)), "side": side, "role": role}
    return list(rows.values())


def _fullest(name: str, full_names: list[str]) -> str:
    """The longest name in the text that ends or starts with ``name``'s words, titles aside ("Secretary
    Whitfield" -> "Dana Whitfield", "Liang" -> "Liang Wen": family names come first in Chinese names);
    else ``name`` without its titles when a full name remains."""
    core = [w for w in name.split() if w.lower().strip(".") not in _TITLES] or name.split()
    best, best_len = "", len(core)
    for candidate in full_names:
        words = candidate.split()
        if len(words) > best_len and core in (words[-len(core):], words[:len(core)]):  # Whitfield; Liang (Wen)
            best, best_len = candidate, len(words)
    return best or (" ".join(core) if len(core) > 1 else name)


_SIDE_WORDS = {"china": r"\b(Chinese|China's|Beijing|PRC)\b",
               "us": r"\b(US|U\.S\.|American|Washington|State Department|White House|Pentagon)\b"}


def _role_and_side(context: str, text: str, found: str, name: str) -> tuple[str, str]:
    """The role of a speaker (an apposition after the name, or titles before it) and the side it names."""
    role = ""
    for form in (found, name):
        after = re.search(re.escape(form) + r",\s+((?:a|an|the)\s+[^,.;:!?“”\"]{3,100})", context)
        if after:
            role = re.sub(r"^(a|an|the)\s+", "", after.group(1).strip())
            break
    titles = []
    for m in re.finditer(r"((?:[A-Z][\w.'’]*\s+|of\s+){1,6})" + re.escape(name) + r"\b", text):
        words = m.group(1).split()
        while words and words[0].lower().strip(".") not in _TITLES:  # "Chinese Foreign Minister", not "Monday"
            words = words[1:]
        if words and words[-1] != "of":
            titles.append(" ".join(words))
    if not role and titles:
        role = max(titles, key=len)
    evidence = " ".join([role, *titles])
    sides = [side for side, pattern in _SIDE_WORDS.items() if re.search(pattern, evidence)]
    return role, sides[0] if len(sides) == 1 else ""


def format_rows(rows: list[dict[str, str]]) -> str:
    """speakers.csv lines (no header) for ``rows``."""
    return "".join(_csv_line([r["name"], r["aliases"], r["side"], r["role"]], "\n") for r in rows)
