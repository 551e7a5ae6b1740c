"""The meetings table as an evidence scorer: which meeting a sentence is about, and why."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from analysis.measure.attribution.speakers import Speakers
from analysis.text.tokens import ascii_apostrophes

#: Words naming the kind of event; they count as evidence when a meeting's description uses them too.
EVENT_WORDS = ("phone", "call", "interview", "press conference", "news conference", "briefing", "reporters", "dinner",
               "departure", "spokesman")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A meeting is chosen only with a score of at least 1 (one participant alone, a weekday, a place, an event word).
MIN_SCORE = 1
#: Each participant beyond the first named together ("Xi told Blinken") adds this much.
PAIR_BONUS = 0.5
#: Narration that reports no one needs this many pieces of evidence (a passing "Biden administration"
#: is not the Bali summit).
NARRATION_MIN_EVIDENCE = 2

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Places are capitalised words of four letters or more in the meeting's place ("Beijing", not "DC").
_PLACE_WORD = re.compile(r"[A-Z][\w'-]{3,}")
#: The words of a sentence that can name a place, lower case, four letters or more.
_TEXT_WORD = re.compile(r"[a-z][\w'-]{3,}")


def _word_re(word: str) -> re.Pattern:
    return re.compile(r"\b" + word + r"\b")


_WEEKDAY_RES = {d: _word_re(d) for d in WEEKDAYS}
_EVENT_RES = {e: _word_re(e) for e in EVENT_WORDS}


@dataclass
class Meeting:
    meeting_id: str
    participants: set[str]
    weekdays: set[str]
    places: set[str]
    events: set[str]

    @classmethod
    def from_row(cls, row) -> "Meeting":
        """A meetings.csv row: the weekday of its date counts as well as the weekdays its description names."""
        desc = str(row.description).lower()
        days = {d for d in WEEKDAYS if d in desc}
        if _ISO_DATE.fullmatch(row.date.strip()):
            days.add(WEEKDAYS[dt.date.fromisoformat(row.date.strip()).weekday()])
        places = {w.lower() for w in _PLACE_WORD.findall(row.place)}
        events = {w for w in EVENT_WORDS if _EVENT_RES[w].search(desc)}
        parts = {p.strip() for p in row.participants.split(";") if p.strip()}
        return cls(row.meeting_id, parts, days, places, events)


@dataclass(frozen=True)
class _Clues:
    """What one text offers as evidence: its lower-cased text, named speakers, weekdays and words."""

    low: str
    named: set[str]
    days: set[str]
    words: set[str]


class Meetings:
    """The meetings table as evidence scorer: participants, weekdays, places and event words."""

    def __init__(self, table: pd.DataFrame | None, speakers: Speakers):
        self.speakers = speakers
        rows = [] if table is None else table.itertuples(index=False)
        self.items: list[Meeting] = [Meeting.from_row(r) for r in rows]
        self._participants: dict[str, set[str]] = {}
        # Evidence shared by many meetings says little: weight each participant and place by 1/count.
        self.p_weight: dict[str, int] = {}
        self.place_weight: dict[str, int] = {}
        for m in self.items:
            self._participants.setdefault(m.meeting_id, m.participants)
            for p in m.participants:
                self.p_weight[p] = self.p_weight.get(p, 0) + 1
            for w in m.places:
                self.place_weight[w] = self.place_weight.get(w, 0) + 1

    def participants(self, meeting_id: str) -> set[str]:
        return self._participants.get(meeting_id, set())

    def _clues(self, text: str) -> _Clues:
        low = ascii_apostrophes(text).lower()
        named = {m.speaker for m in self.speakers.mentions(text) if m.kind == "name"}
        days = {d for d in WEEKDAYS if _WEEKDAY_RES[d].search(low)}
        return _Clues(low, named, days, set(_TEXT_WORD.findall(low)))

    def _evidence(self, m: Meeting, clues: _Clues, speaker: str | None, quoted: str | None) -> tuple[float, list[str]]:
        """Score of one meeting and the evidence behind it, in the order it was added."""
        s, why = 0.0, []
        present = sorted(m.participants & (clues.named | ({speaker} if speaker else set())))
        for p in present:
            if p != quoted:
                s += 1 / self.p_weight[p]
                why.append(p)
        # Two or more of a meeting's participants named together ("Xi told Blinken") point at it.
        s += PAIR_BONUS * max(0, len(set(present) - {quoted}) - 1)
        for d in sorted(m.weekdays & clues.days):
            s += 1
            why.append(d.capitalize())
        for w in sorted(m.places & clues.words):
            s += 1 / self.place_weight[w]
            why.append(w.capitalize())
        for e in sorted(m.events):
            if _EVENT_RES[e].search(clues.low):
                s += 1
                why.append(f"'{e}'")
        if quoted in present and s > 0:
            # "Biden said" alone does not place a statement; with other evidence the speaker counts.
            s += 1 / self.p_weight[quoted]
            why.append(quoted)
        return s, why

    def score(self, text: str, speaker: str | None, quoted: str | None = None, min_items: int = 1) -> tuple[str, str]:
        """Best meeting for a sentence and the evidence, or ``("", "")`` when nothing decides.

        A meeting is chosen when its score is at least :data:`MIN_SCORE` and better than
        any other. ``speaker`` counts as a participant; ``quoted`` (the statement's speaker,
        when only the narration is scored) does not make a pair with others. Narration
        that reports no one needs ``min_items`` pieces of evidence
        (:data:`NARRATION_MIN_EVIDENCE`).
        """
        if not self.items:
            return "", ""
        clues = self._clues(text)
        scored = [(*self._evidence(m, clues, speaker, quoted), m.meeting_id) for m in self.items]
        scored.sort(key=lambda x: -x[0])
        best, why, mid = scored[0]
        if best >= MIN_SCORE and len(why) >= min_items and (len(scored) == 1 or best > scored[1][0]):
            return mid, f"{mid}: " + ", ".join(why) + f" (score {best:.2f})"
        return "", ""
