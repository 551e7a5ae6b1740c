"""Boilerplate detection: which lines of a raw article are not the article.

Web pages pasted as text carry site chrome, syndication notes, captions,
datelines, author bios and repeated headlines. Each line is tested against
named rules; a line that matches is removed from the body and recorded, with
the rule's name, in the audit table, so nothing disappears silently.

Two kinds of rule:

* **patterns**, kept as data in ``lexicons/boilerplate.csv`` (``rule, pattern,
  example, note``): one regular expression per line, matched case-insensitively;
* **structural rules**, which look at a line's place in the article:
  ``headline`` (the first line, when it equals the title in ``articles.csv`` or
  reads like one), ``repeated_headline`` (a near copy of the line before it),
  ``caption`` (an unpunctuated line just before a credited photo caption) and
  ``subheading`` (a short line with no sentence-final punctuation).

jusText, the general stop-word-density classifier, was measured against the
same hand labels and lost on this kind of input (see ``benchmarks/``).
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from analysis.text.tokens import count_words

#: Rules whose lines the outlet itself wrote (headlines, subheadings, captions,
#: photo credits): editorial text kept out of the running prose. Every other rule
#: removes text that is not the article's at all (page chrome, syndication notes,
#: datelines, author bios), which would add words no journalist wrote.
EDITORIAL_RULES = frozenset({"headline", "repeated_headline", "repeated_line", "subheading", "caption", "credit"})

#: Lines of at most this many words with no final punctuation are subheadings.
SUBHEADING_MAX_WORDS = 12
#: Lines of at most this many words can be a headline.
HEADLINE_MAX_WORDS = 25
#: difflib ratio above which a line repeats the previous one.
REPEAT_SIMILARITY = 0.8
#: Longer lines repeat only when identical: the fuzzy ratio costs the square of
#: a line's length, and pages repeat long paragraphs verbatim, not approximately.
REPEAT_FUZZY_MAX_CHARS = 1000
#: Pattern rules apply only to lines of at most this many words: page furniture
#: is short (the longest removed line in the hand labels has 44 words), so a long
#: paragraph of prose is never removed because a pattern matches inside it.
PATTERN_MAX_WORDS = 80

_FINAL_PUNCT = re.compile(r"[.!?…:;][”’\"')\]]*\s*$")
_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Line:
    """One non-blank line of a raw article: its 1-based number and stripped text."""

    number: int
    text: str


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The pattern rules from ``lexicons/boilerplate.csv``, compiled, in file order."""
    path = resources.files("analysis") / "lexicons" / "boilerplate.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            (row["rule"], re.compile(row["pattern"], re.IGNORECASE))
            for row in csv.DictReader(fh)
        )


def rule_origin(rule: str) -> str:
    """Who wrote a removed line, judged by its rule: ``editorial`` or ``not article text``.

    >>> rule_origin("caption"), rule_origin("site_chrome")
    ('editorial', 'not article text')
    """
    return "editorial" if rule in EDITORIAL_RULES else "not article text"


@lru_cache(maxsize=256)  # each line is compared as itself and as the next line's previous one
def _norm(text: str) -> str:
    """Lower-case letters and digits only, so curly and straight quotes compare equal."""
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def _is_unpunctuated_short(text: str, max_words: int, n_words: int | None = None) -> bool:
    return (count_words(text) if n_words is None else n_words) <= max_words and not _FINAL_PUNCT.search(text)


def _pattern_rule(text: str, n_words: int | None = None) -> str | None:
    if (count_words(text) if n_words is None else n_words) > PATTERN_MAX_WORDS:
        return None
    for rule, pattern in boilerplate_patterns():
        if pattern.search(text):
            return rule
    return None


def classify_lines(lines: list[Line], title: str = "", n_words: dict[int, int] | None = None) -> dict[int, str]:
    """Find boilerplate among an article's non-blank lines.

    Returns ``{line_number: rule}`` for every line to remove; lines not in the
    result are the article's paragraphs. ``n_words`` (line number -> words) saves
    counting again when the caller has counted them.

    >>> lines = [Line(1, "Talks resume"), Line(3, "Talks resume"),
    ...          Line(5, "The two sides met on Sunday."), Line(7, "Source link")]
    >>> classify_lines(lines, title="Talks resume")
    {1: 'headline', 3: 'repeated_headline', 7: 'site_chrome'}
    """
    removed: dict[int, str] = {}
    if n_words is None:
        n_words = {ln.number: count_words(ln.text) for ln in lines}
    by_pattern = {ln.number: _pattern_rule(ln.text, n_words[ln.number]) for ln in lines}
    title_norm = _norm(title) if title and title.lower() != "unknown" else ""

    seen_body = False  # has a line of the article body been kept yet?
    for i, ln in enumerate(lines):
        rule = by_pattern[ln.number]
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if rule is None and not seen_body:
            rule = _headline_rule(ln, prev, removed, title_norm, n_words[ln.number])
        if rule is None and prev is not None and _is_repeat(ln, prev):
            rule = "repeated_headline" if removed.get(prev.number) == "headline" else "repeated_line"
        if rule is None and _is_unpunctuated_short(ln.text, SUBHEADING_MAX_WORDS, n_words[ln.number]):
            if nxt is not None and by_pattern[nxt.number] == "credit":
                rule = "caption"
            elif nxt is not None or not seen_body:
                # The last line of an article may be a sentence cut short by the
                # page; only lines with text after them are treated as headings.
                rule = "subheading"
        if rule is None:
            seen_body = True
        else:
            removed[ln.number] = rule
    return removed


def _headline_rule(ln: Line, prev: Line | None, removed: dict[int, str], title_norm: str,
                   n_words: int | None = None) -> str | None:
    if prev is not None and removed.get(prev.number) == "headline" and _is_repeat(ln, prev):
        return "repeated_headline"
    if "headline" in removed.values():
        return None
    if title_norm and _norm(ln.text) == title_norm:
        return "headline"
    if not title_norm and _is_unpunctuated_short(ln.text, HEADLINE_MAX_WORDS, n_words):
        return "headline"
    return None


def _is_repeat(line: Line, prev: Line) -> bool:
    a, b = _norm(line.text), _norm(prev.text)
    if not a:
        return False
    if max(len(a), len(b)) > REPEAT_FUZZY_MAX_CHARS:
        return a == b
    from rapidfuzz.distance import LCSseq  # here, so `import analysis` does not pay for it

    total = len(a) + len(b)
    # An exact upper bound first, in C: difflib's matching blocks are a common subsequence, so its
    # ratio 2*M/T is never above 2*LCS/T; below the threshold there, difflib would say no too.
    if 2.0 * LCSseq.similarity(a, b) / total < REPEAT_SIMILARITY:
        return False
    # Only near-copies get here: difflib decides, so the decisions are difflib's on any input.
    return difflib.SequenceMatcher(None, a, b).ratio() >= REPEAT_SIMILARITY
