"""The pattern rules of cleaning: ``lexicons/boilerplate.csv``, compiled and run fast.

Each row is ``rule, pattern, example, note``: a regular expression matched
case-insensitively. Rows whose rule is in :data:`SPAN_RULES` (``date_stamp``)
find a date or time stamp glued to the start of a line (:func:`stamp_end`);
every other row removes a whole line (:func:`pattern_rule`), but only a line of
at most :data:`PATTERN_MAX_WORDS` words and :data:`PATTERN_MAX_CHARS`
characters, so that a long paragraph of prose is never removed because a
pattern matches inside it.

Running some ninety patterns on every line is most of the cost of cleaning, so
:func:`pattern_rule` gives the same answer as trying each pattern in file order
(``tests/test_scale.py`` checks it), by two shortcuts:

* a pattern with no case-sensitive part runs without IGNORECASE on the
  lower-cased line: a pattern that starts with a literal then lets the regex
  engine skip ahead to where the literal is, which it cannot do under
  IGNORECASE (patterns are written to start with one where they can);
* the patterns anchored at the start of the line (``^...``, the majority) are
  tried together first, as one expression matched at the start only; when that
  fails, as it does on most lines, none of them is tried one by one.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from analysis.text.tokens import count_words

#: Pattern rules that remove a span at the start of a line, not the line.
SPAN_RULES = frozenset({"date_stamp"})
#: Pattern rules apply only to lines of at most this many words: page furniture
#: is short (the longest removed line in the hand labels has 44 words), so a long
#: paragraph of prose is never removed because a pattern matches inside it.
PATTERN_MAX_WORDS = 80
#: ... and of at most this many characters: Chinese text has no spaces, so a long Chinese
#: paragraph has few "words"; 80 English words are about 500 characters.
PATTERN_MAX_CHARS = 600
#: A glued stamp is cut off only when at least this many words follow it (or, for Chinese, which
#: has no spaces, this many characters); a shorter rest is a label ("June 19, 2023 | Updated").
STAMP_REST_MIN_WORDS, STAMP_REST_MIN_CHARS = 3, 12

_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _all_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    path = resources.files("analysis") / "lexicons" / "boilerplate.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple((row["rule"], re.compile(row["pattern"], re.IGNORECASE)) for row in csv.DictReader(fh))


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The whole-line pattern rules from ``lexicons/boilerplate.csv``, compiled, in file order."""
    return tuple((rule, p) for rule, p in _all_patterns() if rule not in SPAN_RULES)


@lru_cache(maxsize=1)
def stamp_patterns() -> tuple[re.Pattern, ...]:
    """The ``date_stamp`` rows of ``lexicons/boilerplate.csv``: stamps at the start of a line."""
    return tuple(p for rule, p in _all_patterns() if rule in SPAN_RULES)


def _lower_case_only(pattern: str) -> bool:
    """No ``(?-i:...)`` part and no capital letter (but in an escape such as ``\\S``): the pattern
    matches the lower-cased line without IGNORECASE exactly where it matches the line with it."""
    return "(?-i:" not in pattern and not re.search(r"(?<!\\)[A-Z]", pattern)


def _anchored(pattern: str) -> bool:
    """Does every top-level alternative of ``pattern`` start with ``^``? Then it can match only at
    the start of a line.

    >>> _anchored("^a|^b"), _anchored("^a|b"), _anchored("^(a|b)c"), _anchored("^[|]x")
    (True, False, True, True)
    """
    starts, depth, i, in_class = [0], 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if pattern[i + 1:i + 2] in ("^", "]") else 0  # "[^]...]" and "[]...]": a literal ]
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            starts.append(i + 1)
        i += 1
    return all(pattern.startswith("^", s) for s in starts)


@lru_cache(maxsize=1)
def _fast_patterns() -> tuple[re.Pattern, tuple[tuple[str, re.Pattern, bool, bool], ...]]:
    """``(anchored patterns together, ((rule, pattern, on_lower, anchored), ...))`` in file order."""
    rows, together = [], []
    for rule, p in boilerplate_patterns():
        on_lower = _lower_case_only(p.pattern)
        anchored = _anchored(p.pattern)
        rows.append((rule, re.compile(p.pattern) if on_lower else p, on_lower, anchored))
        if anchored:  # on the line as it is, with IGNORECASE: its (?-i:...) parts keep their meaning
            together.append(f"(?:{p.pattern})")
    return re.compile("|".join(together) or "(?!)", re.IGNORECASE), tuple(rows)


def pattern_rule(text: str, n_words: int | None = None) -> str | None:
    """The first whole-line pattern rule that matches ``text`` (None for none, and for a line over
    :data:`PATTERN_MAX_WORDS` words or :data:`PATTERN_MAX_CHARS` characters).

    >>> pattern_rule("Share:"), pattern_rule("Share prices rose after the meeting.")
    ('site_chrome', None)
    """
    if len(text) > PATTERN_MAX_CHARS or (count_words(text) if n_words is None else n_words) > PATTERN_MAX_WORDS:
        return None
    together, rows = _fast_patterns()
    at_start = together.match(text) is not None
    lower = text.lower()
    for rule, pattern, on_lower, anchored in rows:
        if (at_start or not anchored) and pattern.search(lower if on_lower else text):
            return rule
    return None


_pattern_rule = pattern_rule  # the name tests/test_scale.py knows


@lru_cache(maxsize=1)
def _any_stamp() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in stamp_patterns()) or "(?!)", re.IGNORECASE)


def stamp_end(text: str) -> int:
    """Where a date or time stamp glued to the start of ``text`` ends (0: none, ``len(text)``: the
    line is only a stamp). The rest starts at the returned offset, after the stamp's separator.

    >>> line = "2024-04-26 18:32:07 Wang Yi said the talks were candid."
    >>> line[stamp_end(line):]
    'Wang Yi said the talks were candid.'
    >>> stamp_end("June 19, 2023 was a long day for both delegations."), stamp_end("2024-04-26 18:32")
    (0, 16)
    """
    if not _any_stamp().match(text):  # one try at the start for all the stamp patterns
        return 0
    for pattern in stamp_patterns():
        m = pattern.match(text)
        if m:
            end = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
            rest = text[end:]
            if not _LETTER.search(rest):
                return len(text)
            if (count_words(rest) >= STAMP_REST_MIN_WORDS or len(rest) >= STAMP_REST_MIN_CHARS) \
                    and not rest[:1].islower():
                return end
    return 0
