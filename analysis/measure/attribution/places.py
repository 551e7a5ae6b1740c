"""Where a text says something happened at a place: the place words that are evidence of a meeting there.

A place counts only where the text puts something at it: after "in", "at", "inside" or "outside"
("talks in Beijing", "at the Great Hall of the People") or before a word for a meeting ("the Vienna
talks"). A capital named as a government ("Washington would act", "assured Washington") or inside a
name ("the State Department" is not the place "Department of State") is not evidence. Nor is a wire
dateline ("WASHINGTON (Reuters) –", "BEIJING, June 19 (Xinhua) --"), which says where the story was
filed, or a destination ("invited Qin to visit Washington", "will travel to Beijing"), which says where
someone is going: :func:`place_text` blanks both out first.
"""
from __future__ import annotations

import re

#: A dateline opens a paragraph: one to four place words (capitalised, or joined by "/"), an optional
#: date (", June 19" or ", 19 June"), an optional agency in brackets, then a dash and a space.
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'-]*(?:[ /][A-Z][A-Za-z.'-]*){0,3})"
    r"(?P<date>,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?P<agency>\([^()\n]{2,40}\))?"
    r"\s*(?:--|[\u2013\u2014-])\s+")
#: Movement and invitation words after which a place is where someone goes, not where they met.
#: "arrived in" and "came to" are left out: whoever arrived is there, and may have met there.
DESTINATION_RE = re.compile(
    r"\b(?:to\s+visit|visit(?:s|ed|ing)?(?:\s+to)?|invit\w*(?:\s+\w+){0,3}\s+to|travel\w*\s+to|trips?\s+to|"
    r"journey\s+to|head(?:s|ed|ing)?\s+(?:to|for)|fl(?:y|ies|ew|ying)\s+to|leav(?:e|es|ing)\s+for|"
    r"(?:go|goes|going)\s+to|return(?:s|ed|ing)?\s+to|bound\s+for)\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,2})")


#: "in Beijing", "at the Diaoyutai State Guesthouse", "inside the Great Hall of the People", "on the
#: sidelines of the Munich Security Conference": a locative word, then a run of capitalised words (with
#: "of the" inside it).
#: A possessive and one adjective may come first ("in Beijing's imposing Great Hall").
LOCATIVE_RE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Ii]nside|[Oo]utside|on\s+the\s+sidelines\s+of)\s+(?:the\s+)?"
                         r"(?:(?P<owner>[A-Z][\w.-]*'s)\s+)?"
                         r"(?:[a-z]+\s+)?"
                         r"(?P<place>[A-Z][\w'.-]*(?:(?:\s+|\s+of\s+(?:the\s+)?|,\s+)[A-Z][\w'.-]*){0,5})")
#: "the Vienna talks", "a Bali summit", "his Beijing trip": a capitalised word before a word for a meeting.
BEFORE_MEETING_RE = re.compile(r"\b(?P<place>[A-Z][\w'-]+)\s+(?:talks|meetings?|summit|visit|trip|dinner|"
                               r"press\s+conference|news\s+conference|interview)\b")
#: The words of a place phrase that can match a meeting's place: four letters or more, lower case.
_PLACE_WORD = re.compile(r"[a-z][\w-]{3,}")


def place_words(text: str) -> set[str]:
    """The words of the places ``text`` puts something at (see the module docstring), lower case.

    >>> sorted(place_words("The State Department said Washington would act after talks in Beijing."))
    ['beijing']
    >>> sorted(place_words("WASHINGTON (Reuters) - In Beijing's imposing Great Hall, the Vienna talks came up."))
    ['beijing', 'great', 'hall', 'vienna']
    """
    text = place_text(text)
    found = [f"{m.group('owner') or ''} {m.group('place')}" for m in LOCATIVE_RE.finditer(text)]
    found += [m.group("place") for m in BEFORE_MEETING_RE.finditer(text)]
    return {w.removesuffix("'s") for phrase in found for w in _PLACE_WORD.findall(phrase.lower())}


def dateline_end(text: str) -> int:
    """Where the wire dateline at the start of ``text`` ends, 0 when there is none.

    A dateline needs an agency in brackets, a date, or a place in capitals, so a
    sentence that opens with a name and a dash ("Blinken - who ...") is not one.

    >>> t = "WASHINGTON/BEIJING, April 26 (Reuters) - The two sides met."
    >>> t[dateline_end(t):]
    'The two sides met.'
    >>> dateline_end("Beijing, June 19 (Xinhua) -- Talks began."), dateline_end("Blinken - who flew in - spoke.")
    (29, 0)
    """
    m = DATELINE_RE.match(text)
    if m is None:
        return 0
    place = m.group("place")
    in_capitals = sum(c.isalpha() for c in place) >= 3 and place.upper() == place
    return m.end() if m.group("agency") or m.group("date") or in_capitals else 0


#: "China's ambassador in Washington", "the embassy in Beijing", "a correspondent based in Beijing": where
#: someone is posted, not where a meeting was.
POSTED_RE = re.compile(r"\b(?:ambassador|embassy|consulate|correspondent|bureau|based|headquartered|office|"
                       r"campus|residence)\s+(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")


def place_text(text: str) -> str:
    """``text`` with its dateline and the places it names as destinations or postings blanked (same length).

    >>> place_text("WASHINGTON (Reuters) - Blinken invited Qin to visit Washington, in Beijing.")
    '                       Blinken invited Qin to visit           , in Beijing.'
    """
    chars = list(text)
    end = dateline_end(text)
    chars[:end] = " " * end
    for pattern in (DESTINATION_RE, POSTED_RE):
        for m in pattern.finditer(text, end):
            a, b = m.span("place")
            chars[a:b] = " " * (b - a)
    return "".join(chars)
