"""Transcripts: a speaker label at the start of a paragraph makes what follows that speaker's turn.

"SECRETARY BLINKEN: ...", "PRESIDENT XI: (Via interpreter) ...", "MR. MILLER: ...", "QUESTION: ...",
"Q: ...": each label opens a turn that runs until the next label, whatever the document's voice.
A label resolves through speakers.csv (and roles.csv): first as written ("SECRETARY BLINKEN" is the
alias "Secretary Blinken"), then with its titles stripped one by one ("MR. MILLER" -> "Miller").
The press words of ``lexicons/transcript_labels.csv`` (QUESTION, Q, MODERATOR, ...) are the press:
no speaker, side ``press``. A label that resolves to no one keeps an empty speaker and the
paragraph's voice, and is reported (once per document) in the quote warnings.

Labels count only in a document that looks like a transcript: at least
:data:`TRANSCRIPT_MIN_LABELS` paragraphs open with a label that is a known speaker, a press word or
a title and a name, and at least :data:`TRANSCRIPT_MIN_DISTINCT` different ones. So "Note: the
talks ..." or "UPDATE: ..." in a news page is never a speaker (those words are also listed as
``not_a_speaker``), nor is one "BEIJING:" dateline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.measure.attribution.labels import label_words
from analysis.measure.attribution.speakers import Speakers
from analysis.text.tables import normalise_alias

#: A question and its answer are the smallest exchange: two labelled paragraphs ...
TRANSCRIPT_MIN_LABELS = 2
#: ... by two different labels (one speaker's repeated "UPDATE:" is not an exchange).
TRANSCRIPT_MIN_DISTINCT = 2
#: A label is at most 6 words ("DEPUTY SECRETARY OF STATE KURT CAMPBELL" is 6).
LABEL_MAX_WORDS = 6

#: A label opens the paragraph and ends with a colon; a short remark in brackets may follow it
#: ("(Via interpreter)", "(In Chinese)"), then the turn's words.
_LABEL_RE = re.compile(r"^\s*(?P<label>[A-Z][\w.'\u2019\- ]{0,60}?)\s*:\s*(?:\([^()\n]{1,40}\)\s*)?(?=\S)")
#: White House and Treasury transcripts write the short press and answer labels without a colon, set off
#: by a tab or two or more spaces ("Q    Madam Secretary, ..."); one space would be prose ("Q and A").
_SPACED_LABEL_RE = re.compile(r"^\s*(?P<label>Q|A)(?:\t|[ \u00a0]{2,})\s*(?:\([^()\n]{1,40}\)\s*)?(?=\S)")
#: Chinese-language Q&A pages label turns with one or a few CJK characters and a colon, full-width or not
#: ("问：...", "答：...", "记者：...").
_CJK_LABEL_RE = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff]{1,4})\s*[：:]\s*(?=\S)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_CASE_WORD = re.compile(r"^[A-Z][\w.'\u2019\-]*$")


@dataclass(frozen=True)
class Label:
    """A paragraph's opening label: its words, where the turn's text starts, and who it is."""

    text: str  # as written, without the colon
    start: int  # offset of the turn's words in the paragraph
    kind: str  # speaker | press | answer | titled | unknown | weak
    speaker: str | None = None


@dataclass(frozen=True)
class Turn:
    """One paragraph of a turn: the label that opened the turn, the turn's number, where its words start."""

    label: Label
    number: int
    start: int
    first: bool  # the paragraph that opens the turn (the one with the label)


def _strip_title(words: str) -> str | None:
    """``words`` without its leading title (longest first), None when it has none."""
    for title in sorted(label_words()["title"] + label_words()["honorific"], key=len, reverse=True):
        if words.startswith(title + " ") and words[len(title) + 1:].strip():
            return words[len(title) + 1:].strip()
    return None


def _match_label(text: str) -> re.Match | None:
    """The label pattern that opens ``text``: "NAME:", "Q    " or "问：" (None when none does)."""
    return _LABEL_RE.match(text) or _SPACED_LABEL_RE.match(text) or _CJK_LABEL_RE.match(text)


def read_label(text: str, speakers: Speakers, published: str, answerer: str = "") -> Label | None:
    """The speaker label opening ``text``, or None. An answer label ("Answer:", "A", "Spokesperson:", "答：")
    is ``answerer``'s, the speaker the page's title names (see :func:`title_speaker`).

    >>> s = Speakers.from_table(None)
    >>> read_label("QUESTION: Mr. Secretary, one more?", s, "")
    Label(text='QUESTION', start=10, kind='press', speaker=None)
    >>> read_label("Note: the talks ran late.", s, "") is None, read_label("AMBASSADOR BURNS: Yes.", s, "").kind
    (True, 'titled')
    >>> read_label("Q    Will you go?", s, "").kind, read_label("Answer: We will.", s, "", "Wen Hao").speaker
    ('press', 'Wen Hao')
    """
    m = _match_label(text)
    if m is None or len(m.group("label").split()) > LABEL_MAX_WORDS:
        return None
    label = m.group("label").strip()
    words = " ".join(normalise_alias(label).split())
    if words in label_words()["not_a_speaker"]:
        return None
    if words in label_words()["press"]:
        return Label(label, m.end(), "press")
    if words in label_words()["answer"]:
        return Label(label, m.end(), "answer", answerer or None)
    rest: str | None = words
    while rest:  # as written, then without its titles one by one
        speaker = speakers.name_of(rest, published)
        if speaker:
            return Label(label, m.end(), "speaker", speaker)
        rest = _strip_title(rest)
    if _CJK.match(label):  # an unknown CJK word before a colon is too often prose ("注意：")
        return None
    if label.upper() == label:
        return Label(label, m.end(), "titled" if _strip_title(words) else "unknown")
    if all(_TITLE_CASE_WORD.match(w) for w in label.split()):
        return Label(label, m.end(), "weak")
    return None


def title_speaker(title: str, speakers: Speakers, published: str) -> str:
    """The first speaker a page's title names ("Spokesperson Lin Jian's Remarks on ..."), "" when none;
    a CJK alias is found inside the title's run of characters (CJK has no spaces between words).

    >>> import pandas as pd
    >>> s = Speakers.from_table(pd.DataFrame({"name": ["Wen Hao"], "aliases": ["Wen;温浩"], "side": ["china"],
    ...                                       "role": ["spokesperson"]}))
    >>> title_speaker("Spokesperson Wen Hao's Remarks", s, ""), title_speaker("发言人温浩答记者问", s, "")
    ('Wen Hao', 'Wen Hao')
    """
    hits = [(m.start, m.speaker) for m in speakers.mentions(title, published) if m.kind == "name" and m.speaker]
    hits += [(title.find(a), name) for a, name in speakers.alias.items() if _CJK.search(a) and a in title]
    # The person before the ministry that employs them: "外交部发言人林剑" is Lin Jian's answer, not the ministry's.
    people = [h for h in hits if not speakers.is_institution(h[1])]
    return min(people or hits)[1] if hits else ""


def find_turns(texts: list[str], speakers: Speakers, published: str, title: str = "") -> list[Turn | None]:
    """For each paragraph, the turn it belongs to (None outside turns, and in a document that is not a
    transcript): a labelled paragraph opens a turn, the paragraphs after it continue it. ``title`` (the
    page's) names who speaks after an answer label."""
    answerer = title_speaker(title, speakers, published) if title else ""
    labels = [read_label(t, speakers, published, answerer) for t in texts]
    strong = [lb for lb in labels if lb is not None and lb.kind in ("speaker", "press", "answer", "titled")]
    if len(strong) < TRANSCRIPT_MIN_LABELS or len({lb.text.upper() for lb in strong}) < TRANSCRIPT_MIN_DISTINCT:
        return [None] * len(texts)
    out: list[Turn | None] = []
    current: Turn | None = None
    for label in labels:
        if label is not None:
            current = Turn(label, (current.number + 1) if current else 1, label.start, True)
            out.append(current)
        else:
            out.append(None if current is None else Turn(current.label, current.number, 0, False))
    return out


def unknown_labels(turns: list[Turn | None]) -> dict[str, tuple[int, int]]:
    """Labels that resolve to no speaker: label -> (first paragraph, number of turns)."""
    found: dict[str, tuple[int, int]] = {}
    for p, t in enumerate(turns, 1):
        if t is not None and t.first and t.label.kind in ("titled", "unknown", "weak"):
            first, n = found.get(t.label.text, (p, 0))
            found[t.label.text] = (first, n + 1)
    return found
