"""Repetition across documents: the lines a corpus repeats on pages of different stories are chrome.

A site prints the same banner, menu, share line and footer around every story;
a syndicated story prints the same paragraphs on every site that carries it.
Both make a line recur in several documents, so recurrence alone cannot tell
them apart. What does: chrome recurs on pages that tell *different* stories.

1. Every non-blank raw line gets a key: lower-cased, runs of white space as one
   space, runs of digits as ``0`` (so "© 2023" and "© 2024", "Page 3" and
   "Page 10" are one line). Keys are counted once per document.
2. Documents that share a line of story prose (at least :data:`STORY_MIN_WORDS`
   words, ending a sentence, and no boilerplate pattern: a cookie banner or a
   disclaimer is long too) are copies of one story; sharing is transitive (a
   union-find), so three sites that carry one wire story are one story. A long
   line of prose is therefore never ``recurring``: its documents are one story.
3. A line is ``recurring`` chrome when its documents belong to at least
   :data:`MIN_STORIES` stories, unless it is a sentence (at least
   :data:`SENTENCE_MIN_WORDS` words and sentence-final punctuation) printed by
   at least two outlets: a readout's sentence quoted, or a readout pasted, by
   another outlet ("The below is attributable to Spokesperson Matthew Miller:"
   on two State Department readouts and on a live page). A sentence that one
   outlet prints on pages of different stories is that site's own ("Don't miss
   a story: join 40,000 readers ..."), and so is a short or unpunctuated line
   wherever it appears (banners, menus, share lines). Outlets are compared by
   their ``articles.csv`` name without a note in brackets ("Asia Ledger
   (Reuters syndication)" is Asia Ledger); an empty or ``unknown`` outlet is
   an outlet of its own.

Measured on ``tests/data/pages`` (18 pages; the wire story on three sites, two
State Department readouts, an embassy transcript and a live page sharing .gov
banners and a readout): every line that recurs in two or more documents, taken
as chrome, removes 139 of 465 article lines; recurring in two stories, 3 (the
attribution line above); with the guard, none, for the same 57 chrome lines.

It is one linear pass over the corpus (a dictionary of keys), done once in the
process that reads the corpus, before the documents are cleaned wherever they
are; each document then gets the numbers of its own recurring lines.
"""
from __future__ import annotations

import re

from analysis.text.clean import has_final_punctuation, pattern_rule
from analysis.text.tokens import count_words

#: A shared line of at least this many words, ending a sentence, makes two documents copies of one
#: story: story paragraphs run 25-60 words, while the longest sentence of site chrome (the .gov
#: "A lock ... means you've safely connected" banner) has about 20.
STORY_MIN_WORDS = 25
#: A line is chrome when the documents it appears in tell at least this many different stories.
MIN_STORIES = 2
#: A recurring line of at least this many words that ends a sentence is a sentence (kept when two
#: outlets print it): buttons that end with a full stop are shorter ("Sign up now.", "Click here
#: to subscribe for free." has six), quoted readout lines longer; 4 to 8 measure the same.
SENTENCE_MIN_WORDS = 7


#: Every ASCII digit as 0, on UTF-8 bytes (a digit is one byte there, never part of another
#: character): one pass in C, faster than a regular expression over the text.
_DIGITS_TO_0 = bytes.maketrans(b"123456789", b"000000000")
_NOTE = re.compile(r"\s*\([^()]*\)$")


def line_key(text: str) -> str:
    """The form in which lines are compared across documents (``text`` stripped).

    >>> line_key("© 2023   Example\tNews")
    '© 0 example news'
    """
    return _spaces(_fold(text).strip())


def _fold(text: str) -> str:
    """Lower case, and every run of digits as one 0."""
    folded = text.lower().encode("utf-8", "surrogatepass").translate(_DIGITS_TO_0).decode("utf-8", "surrogatepass")
    while "00" in folded:  # a few passes of a substring search: runs of digits are short
        folded = folded.replace("00", "0")
    return folded


def _spaces(key: str) -> str:
    if "  " in key or "\t" in key or "\xa0" in key:  # substring tests are much cheaper than a regex scan
        key = " ".join(key.split())
    return key


def outlet_key(outlet: str) -> str:
    """The form in which outlets are compared: lower case, without a note in brackets at the end;
    ``""`` when the outlet is not known.

    >>> outlet_key("Asia Ledger (Reuters syndication)"), outlet_key("unknown")
    ('asia ledger', '')
    """
    key = _NOTE.sub("", " ".join(outlet.lower().split()))
    return "" if key in ("", "unknown") else key


def recurring_lines(texts: list[str], outlets: list[str] | None = None) -> list[frozenset[int]]:
    """For each text, the numbers (1-based, as in ``text.split("\\n")``) of its lines that are
    recurring chrome. ``outlets``: each text's outlet (articles.csv); by default each its own.

    >>> banner = "An official website of the United States government"
    >>> story = "The two ministers met for five hours and agreed to keep talking, " * 2 + "officials said."
    >>> texts = [f"{banner}\\nTalks in Vienna ended.", f"{banner}\\nA call on Monday.", f"{story}\\n{banner}",
    ...          f"Copy\\n{story}"]
    >>> [sorted(s) for s in recurring_lines(texts)]
    [[1], [1], [2], []]
    """
    where: dict[str, list[int]] = {}  # key -> documents, each once, in order
    text_of: dict[str, str] = {}
    numbers: list[dict[str, list[int]]] = []
    for d, text in enumerate(texts):
        mine: dict[str, list[int]] = {}
        folded = _fold(text).split("\n")  # line_key of every line, from a few passes over the text in C
        for i, (raw, low) in enumerate(zip(text.split("\n"), folded), 1):
            line = raw.strip()
            if line:
                key = _spaces(low.strip())
                if key not in mine:
                    where.setdefault(key, []).append(d)
                    text_of.setdefault(key, line)
                mine.setdefault(key, []).append(i)
        numbers.append(mine)
    shared = {k: docs for k, docs in where.items() if len(docs) > 1}
    words = {k: count_words(text_of[k]) for k in shared}
    story = _stories(len(texts), [docs for k, docs in shared.items() if words[k] >= STORY_MIN_WORDS
                                  and has_final_punctuation(text_of[k]) and not pattern_rule(text_of[k], words[k])])
    known = [outlet_key(o) for o in outlets] if outlets is not None else [""] * len(texts)
    outlet = [key or f"\0{d}" for d, key in enumerate(known)]  # an unknown outlet is one of its own
    chrome = {k for k, docs in shared.items()
              if len({story[d] for d in docs}) >= MIN_STORIES
              and not (words[k] >= SENTENCE_MIN_WORDS and has_final_punctuation(text_of[k])
                       and len({outlet[d] for d in docs}) >= 2)}
    return [frozenset(n for k, ns in mine.items() if k in chrome for n in ns) for mine in numbers]


def _stories(n: int, links: list[list[int]]) -> list[int]:
    """A story number per document: documents linked (directly or not) share one (union-find)."""
    parent = list(range(n))

    def find(d: int) -> int:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for docs in links:
        root = find(docs[0])
        for d in docs[1:]:
            other = find(d)
            if other != root:
                parent[max(root, other)] = min(root, other)
                root = min(root, other)
    return [find(d) for d in range(n)]
