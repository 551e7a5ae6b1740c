"""Boilerplate detection: which lines of a raw article are not the article.

Web pages pasted as text carry site chrome, syndication notes, captions,
datelines, author bios and repeated headlines. Each line (or paragraph joined
from hard-wrapped lines, :mod:`analysis.text.wrap`) is tested against named
rules; a line that matches is removed from the body and recorded, with the
rule's name, in the audit table, so nothing disappears silently.

Three kinds of rule:

* **patterns**, kept as data in ``lexicons/boilerplate.csv`` (``rule, pattern,
  example, note``), run by :mod:`analysis.text.patterns`: one regular
  expression per row, matched case-insensitively, only on lines of at most
  :data:`PATTERN_MAX_WORDS` words and :data:`PATTERN_MAX_CHARS` characters; a
  date or time alone on a line is a ``dateline`` (the ``date_stamp`` rows; one
  glued to the start of a line is cut off as a span before the rules run, by
  :mod:`analysis.text.build`);
* **repetition across documents** (``recurring``): a line the corpus repeats
  on pages of different stories (:mod:`analysis.text.recurring`);
* **structural rules**, which look at a line's place in the article:
  ``headline`` (the first of the first :data:`HEADLINE_SEARCH_LINES` lines
  that is a near copy of the title in ``articles.csv``, rapidfuzz ratio
  :data:`HEADLINE_SIMILARITY`; with no title, the first line that reads like
  one), ``before_headline`` (the page's top above that headline),
  ``repeated_headline`` (a near copy of the headline just after it),
  ``repeated_line`` (a near copy of the line before it), ``caption`` (an
  unpunctuated line just before a credited photo caption), ``subheading`` (a
  short line with no sentence-final punctuation, ``。！？`` included) and
  ``related_links`` (the short unpunctuated titles under a "Related" heading,
  or three or more in a run at the end of the page). The rules written for
  English (headline guess, caption, subheading, trailing links) never remove a
  line in another language (:func:`is_english_line`): it is kept.

A line that ends with a full stop is never taken for a headline (when the title
has none): it is a lede that shares the title's words.

jusText, the general stop-word-density classifier, was measured against the
same hand labels and lost on this kind of input (see ``benchmarks/``).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.language import is_english, paragraph_lang
from analysis.text.patterns import (PATTERN_MAX_CHARS, PATTERN_MAX_WORDS, SPAN_RULES, _pattern_rule,  # noqa: F401
                                    boilerplate_patterns, pattern_rule, stamp_end, stamp_patterns)
from analysis.text.tokens import count_words

#: Rules whose lines the outlet itself wrote (headlines, subheadings, captions,
#: photo credits): editorial text kept out of the running prose. Every other rule
#: removes text that is not the article's at all (page chrome, syndication notes,
#: datelines, author bios), which would add words no journalist wrote.
EDITORIAL_RULES = frozenset({"headline", "repeated_headline", "repeated_line", "subheading", "caption", "credit"})

#: Lines of at most this many words with no final punctuation are subheadings.
SUBHEADING_MAX_WORDS = 12
#: Lines of at most this many words can be a headline (or the title of a related link).
HEADLINE_MAX_WORDS = 25
#: rapidfuzz ratio (0-100, on lower-cased letters and digits) from which a line is the title or
#: repeats the headline: a headline set twice differs by a word or two ("U.S. talks" / "talks",
#: 93 on the bundled pair); a lede that shares the title's words scores 50-80.
HEADLINE_SIMILARITY = 90
#: The headline is looked for (as a near copy of the title) among this many first lines: a page's
#: top (banners, menus, breadcrumbs, dates) runs to about 15 lines on .gov and state-media pages.
HEADLINE_SEARCH_LINES = 30
#: difflib ratio above which a line repeats the previous one.
REPEAT_SIMILARITY = 0.8
#: Longer lines repeat only when identical: the fuzzy ratio costs the square of
#: a line's length, and pages repeat long paragraphs verbatim, not approximately.
REPEAT_FUZZY_MAX_CHARS = 1000
#: Short unpunctuated lines in a run at the end of a page are link titles from this many on: a
#: subheading followed by a last sentence the page cut short makes a run of two.
TRAILING_LINKS_MIN = 3
#: A punctuated line of at least this many words above the headline is prose (a forum poster's or an
#: editor's introduction to a repost), not the page's top: menus, banners and dates are shorter.
BEFORE_HEADLINE_PROSE_WORDS = 25
#: The signature delimiter of mail and forum posts ("-- " alone on a line): the line after it is a signature.
_SIGNATURE_DELIMITER = re.compile(r"^\s*--\s*$")

# Sentence-final punctuation, Chinese (。！？) included, before any closing marks.
_FINAL_PUNCT = re.compile(r"[.!?…:;。！？：；][”’\"')\]」』）》]*\s*$")
_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Line:
    """One non-blank line of a raw article: its 1-based number and stripped text.

    ``last`` is the last raw line of a paragraph joined from hard-wrapped lines (0: the line alone).
    """

    number: int
    text: str
    last: int = 0

    @property
    def last_line(self) -> int:
        """The raw line this paragraph ends on."""
        return self.last or self.number


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


def has_final_punctuation(text: str) -> bool:
    """Does ``text`` end a sentence (``.!?…:;``, Chinese ``。！？``, before closing marks)?

    >>> has_final_punctuation("会谈是坦诚的。"), has_final_punctuation("Talks resume")
    (True, False)
    """
    return _FINAL_PUNCT.search(text) is not None


def _is_unpunctuated_short(text: str, max_words: int, n_words: int | None = None) -> bool:
    return (count_words(text) if n_words is None else n_words) <= max_words and not _FINAL_PUNCT.search(text)


def is_english_line(text: str) -> bool:
    """May the English structural rules judge this line? Not when it is in another language
    (:func:`analysis.text.language.paragraph_lang`); a line with no letters is English.

    >>> is_english_line("Talks resume in Beijing"), is_english_line("中美会谈在北京举行")
    (True, False)
    """
    return is_english(paragraph_lang(text))


def classify_lines(lines: list[Line], title: str = "", n_words: dict[int, int] | None = None,
                   recurring: frozenset[int] = frozenset()) -> dict[int, str]:
    """Find boilerplate among an article's non-blank lines (or joined paragraphs).

    Returns ``{line_number: rule}`` for every line to remove; lines not in the
    result are the article's paragraphs. ``n_words`` (line number -> words) saves
    counting again when the caller has counted them; ``recurring`` holds the
    numbers of the lines the corpus repeats across stories
    (:func:`analysis.text.recurring.recurring_lines`).

    >>> lines = [Line(1, "Talks resume"), Line(3, "Talks resume"),
    ...          Line(5, "The two sides met on Sunday."), Line(7, "Source link")]
    >>> classify_lines(lines, title="Talks resume")
    {1: 'headline', 3: 'repeated_headline', 7: 'site_chrome'}
    """
    removed: dict[int, str] = {}
    if n_words is None:
        n_words = {ln.number: count_words(ln.text) for ln in lines}
    by_pattern = {ln.number: pattern_rule(ln.text, n_words[ln.number]) for ln in lines}
    title = title.strip() if title and title.strip().lower() != "unknown" else ""

    head = _title_line(lines, title)
    seen_body = False  # has a line of the article body been kept yet?
    under_related = False  # are we in the list under a "Related" heading?
    has_headline = False
    for i, ln in enumerate(lines):
        rule = by_pattern[ln.number]
        if rule is None and ln.number in recurring and not ln.last:
            rule = "recurring"
        if rule is None and stamp_end(ln.text) == len(ln.text):
            rule = "dateline"  # a date or time alone on a line
        if rule is None and head is not None and i <= head:
            # Above the headline is the page's top (site name, menus, banners, dates), in any language.
            prose = n_words[ln.number] >= BEFORE_HEADLINE_PROSE_WORDS and has_final_punctuation(ln.text)
            rule = "headline" if i == head else "before_headline" if not prose else None
        if rule is None:
            rule = _structural_rule(lines, i, removed, by_pattern, title, n_words[ln.number],
                                    _Place(seen_body, under_related, not (seen_body or title or has_headline)))
        has_headline = has_headline or rule == "headline"
        # A "Related" heading (a pattern) opens a list of links, which runs until a line is kept.
        under_related = rule == "related_links" or (under_related and rule is not None)
        if rule is None:
            seen_body = True
        else:
            removed[ln.number] = rule
    _trailing_links(lines, removed, n_words)
    return removed


@dataclass(frozen=True)
class _Place:
    """Where a line stands: after a kept line of the body, in a list under a "Related" heading,
    where a headline may still be guessed (no title given, no headline and no body yet)."""

    seen_body: bool
    under_related: bool
    guess_headline: bool


def _structural_rule(lines: list[Line], i: int, removed: dict[int, str], by_pattern: dict[int, str | None],
                     title: str, n_words: int, place: _Place) -> str | None:
    """The structural rule that removes ``lines[i]``, or None."""
    ln = lines[i]
    prev = lines[i - 1] if i else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    after_headline = prev is not None and removed.get(prev.number) == "headline"
    if after_headline:
        if _near(ln.text, prev.text) or (title and _near(ln.text, title)):
            return "repeated_headline"
    elif place.guess_headline and _is_unpunctuated_short(ln.text, HEADLINE_MAX_WORDS, n_words) \
            and is_english_line(ln.text):
        return "headline"  # no title to compare with: the first line that reads like one
    if not after_headline and prev is not None and _is_repeat(ln, prev):
        return "repeated_line"
    if prev is not None and _SIGNATURE_DELIMITER.match(prev.text) and n_words <= HEADLINE_MAX_WORDS:
        return "signature"
    if not _is_unpunctuated_short(ln.text, HEADLINE_MAX_WORDS, n_words):
        return None
    if place.under_related:
        return "related_links"  # under a heading that a pattern found, in any language
    if n_words > SUBHEADING_MAX_WORDS or not is_english_line(ln.text):
        return None
    if nxt is not None and by_pattern[nxt.number] == "credit":
        return "caption"
    if nxt is not None or not place.seen_body:
        # The last line of an article may be a sentence cut short by the
        # page; only lines with text after them are treated as headings.
        return "subheading"
    return None


def _title_line(lines: list[Line], title: str) -> int | None:
    """The index of the first of the first :data:`HEADLINE_SEARCH_LINES` lines that is a near copy
    of the title (:data:`HEADLINE_SIMILARITY`), or None."""
    if title:
        for i, ln in enumerate(lines[:HEADLINE_SEARCH_LINES]):
            if _near(ln.text, title):
                return i
    return None


def _trailing_links(lines: list[Line], removed: dict[int, str], n_words: dict[int, int]) -> None:
    """A run of :data:`TRAILING_LINKS_MIN` or more short unpunctuated lines ending the page is a list
    of links (the last line included, which alone would be kept as a sentence the page cut short)."""
    run = []
    for ln in reversed(lines):
        if removed.get(ln.number, "subheading") not in ("subheading", "related_links"):
            break
        if not _is_unpunctuated_short(ln.text, HEADLINE_MAX_WORDS, n_words[ln.number]) \
                or not is_english_line(ln.text):
            break
        run.append(ln.number)
    if len(run) >= TRAILING_LINKS_MIN:
        removed.update(dict.fromkeys(run, "related_links"))


def _near(text: str, other: str) -> bool:
    """Is ``text`` a near copy of the headline ``other`` (:data:`HEADLINE_SIMILARITY`)? Never when
    ``text`` ends with a full stop and ``other`` does not: that is a lede, a sentence of its own."""
    if text.endswith(".") and not other.endswith("."):
        return False
    a, b = _norm(text), _norm(other)
    if not a or not b or 200 * min(len(a), len(b)) < HEADLINE_SIMILARITY * (len(a) + len(b)):
        return False  # the ratio is at most 2*min/(len a + len b): too different in length
    from rapidfuzz import fuzz  # here, so `import analysis` does not pay for it

    return fuzz.ratio(a, b) >= HEADLINE_SIMILARITY


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
