"""The meetings table as an evidence scorer: which meeting a sentence is about, and why."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from analysis.measure.attribution.places import place_words
from analysis.measure.attribution.speakers import Speakers
from analysis.text.tokens import ascii_apostrophes
from analysis.text.tries import trie_pattern

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
#: When the evidence ties, a report is about the latest of the tied meetings held in the 7 days up to the
#: day it was published ("talks with Wang Yi" in an April 2024 report: the April talks, not October's).
RECENT_DAYS = 7

#: "Xi told US Secretary of State Antony Blinken": the person told or met is named within 40 characters ...
ADDRESSEE_CHARS = 40
#: ... and the one who told or met them within 30 before the verb ("Xi, speaking first, told").
SUBJECT_CHARS = 30
_ADDRESSEE_CUE = re.compile(r"\b(?:told|tells|telling|met(?:\s+with)?|meets(?:\s+with)?|held\s+talks\s+with)\s+",
                            re.IGNORECASE)
#: A day the text names ("on April 2", "Oct. 26") may be this many days from a meeting's date (a visit over
#: days is dated by its first).
DATE_SLACK_DAYS = 2
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"), 1)}
_DATE_RE = re.compile(r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                      r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2})\b(?!:)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Places are capitalised words of four letters or more in the meeting's place ("Beijing", not "DC").
_PLACE_WORD = re.compile(r"[A-Z][\w'-]{3,}")


def _word_re(word: str) -> re.Pattern:
    return re.compile(r"\b" + word + r"\b")


_EVENT_RES = {e: _word_re(e) for e in EVENT_WORDS}
#: Weekdays and event words in one pattern: no word of either list overlaps another.
_DAY_OR_EVENT_RE = re.compile(r"\b(" + "|".join(map(re.escape, (*WEEKDAYS, *EVENT_WORDS))) + r")\b")
_WEEKDAY_SET, _EVENT_SET = set(WEEKDAYS), set(EVENT_WORDS)


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
    """What one text offers as evidence: named speakers, weekdays, place words and event words."""

    named: set[str]
    days: set[str]
    words: set[str]
    events: set[str]
    addressed: set[str]  # whom the statement's speaker told or met
    dates: set[tuple[int, int]]  # (month, day) of the dates the text names ("on April 2")


def first_day(date: str) -> dt.date | None:
    """The first day a meetings.csv or articles.csv date can mean (``2023-06`` -> June 1), None when empty
    or not a date.

    >>> first_day("2023-06"), first_day("2023"), first_day("")
    (datetime.date(2023, 6, 1), datetime.date(2023, 1, 1), None)
    """
    try:
        return dt.date.fromisoformat((date.strip() + "-01-01")[:10]) if date.strip() else None
    except ValueError:
        return None


class Meetings:
    """The meetings table as evidence scorer: participants, weekdays, places and event words."""

    def __init__(self, table: pd.DataFrame | None, speakers: Speakers):
        self.speakers = speakers
        rows = [] if table is None else list(table.itertuples(index=False))
        self.items: list[Meeting] = [Meeting.from_row(r) for r in rows]
        self.first_days = [first_day(str(r.date)) for r in rows]
        self._dates = [str(r.date).strip() for r in rows]
        self._participants: dict[str, set[str]] = {}
        # Evidence shared by many meetings says little: weight each participant and place by 1/count.
        self.p_weight: dict[str, int] = {}
        self.place_weight: dict[str, int] = {}
        # Which meetings a piece of evidence points at, so a text is scored against those only.
        self._index: dict[tuple[str, str], list[int]] = {}
        for i, m in enumerate(self.items):
            self._participants.setdefault(m.meeting_id, m.participants)
            for p in m.participants:
                self.p_weight[p] = self.p_weight.get(p, 0) + 1
            for w in m.places:
                self.place_weight[w] = self.place_weight.get(w, 0) + 1
            for kind, values in (("p", m.participants), ("d", m.weekdays), ("w", m.places), ("e", m.events)):
                for v in values:
                    self._index.setdefault((kind, v), []).append(i)
        self._allowed: dict[str, list[bool]] = {}
        self._hint = _evidence_hint(self.items)

    def participants(self, meeting_id: str) -> set[str]:
        return self._participants.get(meeting_id, set())

    def allowed(self, published: str) -> list[bool]:
        """For each meeting, whether a document published on ``published`` can report it: a meeting
        whose date (its first day, for ``YYYY-MM`` and ``YYYY``) is after that day cannot. Undated
        meetings, and every meeting when ``published`` is empty, can."""
        if published not in self._allowed:
            day = first_day(published)
            self._allowed[published] = [day is None or d is None or d <= day for d in self.first_days]
        return self._allowed[published]

    def _clues(self, text: str, named: set[str] | None, published: str, quoted: str | None = None) -> _Clues:
        low = ascii_apostrophes(text).lower()
        if named is None:
            named = {m.speaker for m in self.speakers.mentions(text, published) if m.kind == "name" and m.speaker}
        found = set(_DAY_OR_EVENT_RE.findall(low))  # weekdays and event words in one scan of the text
        places = place_words(ascii_apostrophes(text))
        dates = {(_MONTHS[m.group(1).lower()[:3]], int(m.group(2))) for m in _DATE_RE.finditer(text)}
        return _Clues(named, found & _WEEKDAY_SET, places, found & _EVENT_SET, self._addressed(text, quoted, published),
                      {d for d in dates if 1 <= d[1] <= 31})

    def _addressed(self, text: str, quoted: str | None, published: str) -> set[str]:
        """Whom the statement's speaker told or met: "Xi told Blinken", "He told Mr Blinken", "Wang met
        Blinken" (the subject, a name or he/she, at most :data:`SUBJECT_CHARS` before the verb; the person
        the first name within :data:`ADDRESSEE_CHARS` after it)."""
        verbs = list(_ADDRESSEE_CUE.finditer(text)) if quoted else []
        if not verbs:
            return set()
        mentions = self.speakers.mentions(text, published)
        out = set()
        for v in verbs:
            subject = [m for m in mentions if m.end <= v.start() and v.start() - m.end <= SUBJECT_CHARS]
            after = [m for m in mentions if v.end() <= m.start <= v.end() + ADDRESSEE_CHARS]
            if (subject and (subject[-1].speaker == quoted or subject[-1].kind == "pronoun") and after
                    and after[0].kind == "name" and after[0].speaker):
                out.add(after[0].speaker)
        return out

    def _candidates(self, clues: _Clues, speaker: str | None) -> list[int]:
        """The meetings that some evidence of the text points at, in table order."""
        keys = [("p", p) for p in clues.named | ({speaker} if speaker else set())]
        keys += [("d", d) for d in clues.days] + [("w", w) for w in clues.words] + [("e", e) for e in clues.events]
        return sorted({i for k in keys for i in self._index.get(k, ())})

    def _evidence(self, i: int, clues: _Clues, speaker: str | None, quoted: str | None,
                  published: str) -> tuple[float, list[str]]:
        """Score of meeting ``i`` and the evidence behind it, in the order it was added."""
        m, s, why = self.items[i], 0.0, []
        present = sorted(m.participants & (clues.named | ({speaker} if speaker else set())))
        if not self._plausible(i, clues, published):
            return 0.0, []
        for p in present:
            if p != quoted:
                s += 1 / self.p_weight[p]
                why.append(p)
        # Two or more of a meeting's participants named together ("Xi told Blinken") point at it.
        # The statement's speaker makes a pair only with someone they told or met ("Xi told Blinken"), not with
        # anyone the narration names ("after meetings with officials, including President Xi").
        pair = set(present) if clues.addressed & set(present) else set(present) - {quoted}
        s += PAIR_BONUS * max(0, len(pair) - 1)
        # "On Wednesday" in a report is a day of the week it was published in.
        for d in sorted(m.weekdays & clues.days) if self._within_week(i, published) else ():
            s += 1
            why.append(d.capitalize())
        # A place says where, not who: it places a statement by someone who did not take part only when a
        # participant is named too ("In Washington, ... Yellen said" is not the Washington talks).
        outsider = quoted and quoted not in m.participants and not self.speakers.is_institution(quoted)
        for w in sorted(m.places & clues.words) if present or not outsider else ():
            s += 1 / self.place_weight[w]
            why.append(w.capitalize())
        for e in sorted(m.events & clues.events):
            s += 1
            why.append(f"'{e}'")
        if quoted in present and s > 0:
            # "Biden said" alone does not place a statement; with other evidence the speaker counts.
            s += 1 / self.p_weight[quoted]
            why.append(quoted)
        return s, why

    def _within_week(self, i: int, published: str) -> bool:
        """Whether meeting ``i`` was held in the :data:`RECENT_DAYS` up to ``published`` (True when either is
        undated)."""
        day, held = first_day(published), self.first_days[i]
        return day is None or held is None or 0 <= (day - held).days <= RECENT_DAYS

    def _plausible(self, i: int, clues: _Clues, published: str) -> bool:
        """Whether meeting ``i`` can be the one at all: a date the text names ("on April 2") must be within
        :data:`DATE_SLACK_DAYS` of its date."""
        held = self.first_days[i]
        if clues.dates and held is not None and len(str(self._dates[i])) == 10:
            day = first_day(published)
            year = day.year if day else held.year
            return any(_near(held, year, month, dom) for month, dom in clues.dates)
        return True

    def _told(self, clues: _Clues, quoted: str | None, allowed: list[bool], published: str) -> tuple[str, str]:
        """"Xi told Blinken", "Wang met Blinken": the meeting of the statement's speaker with the one they
        told or met (the only one, or the latest in the week up to ``published``), else ``("", "")``."""
        others = clues.addressed - {quoted} if quoted else set()
        if not others:
            return "", ""
        pairs = [m.meeting_id for i, m in enumerate(self.items)
                 if allowed[i] and quoted in m.participants and others & m.participants]
        mid = pairs[0] if len(pairs) == 1 else self._latest_recent(pairs, published)
        if not mid:
            return "", ""
        who = ", ".join(sorted(others & self.participants(mid)))
        return mid, f"{mid}: {quoted} told or met {who}"

    def score(self, text: str, speaker: str | None, quoted: str | None = None, min_items: int = 1,
              named: set[str] | None = None, published: str = "") -> tuple[str, str]:
        """Best meeting for a sentence and the evidence, or ``("", "")`` when nothing decides.

        A meeting is chosen when its score is at least :data:`MIN_SCORE` and better than
        any other. ``speaker`` counts as a participant; ``quoted`` (the statement's speaker,
        when only the narration is scored) does not make a pair with others. Narration
        that reports no one needs ``min_items`` pieces of evidence
        (:data:`NARRATION_MIN_EVIDENCE`). ``named``: the speakers the text names, when the
        caller has found them already. A meeting dated after ``published`` is never chosen;
        a dateline's place and a destination's are not evidence (see :mod:`.places`).
        """
        if not self.items or not self._may_point(text, speaker, quoted, named):
            return "", ""
        allowed = self.allowed(published)
        clues = self._clues(text, named, published, quoted)
        told = self._told(clues, quoted, allowed, published)
        if told[0]:
            return told
        scored = [(*self._evidence(i, clues, speaker, quoted, published), self.items[i].meeting_id)
                  for i in self._candidates(clues, speaker) if allowed[i]]
        if not scored:
            return "", ""
        scored.sort(key=lambda x: -x[0])
        best, why, mid = scored[0]
        # A meeting no evidence points at scores 0, so the runner-up is the next candidate or 0.
        second = scored[1][0] if len(scored) > 1 else (0.0 if sum(allowed) > 1 else -1.0)
        if best >= MIN_SCORE and len(why) >= min_items and best > second:
            return mid, f"{mid}: " + ", ".join(why) + f" (score {best:.2f})"
        recent = self._latest_recent([m for s, _, m in scored if s == best], published)
        if best >= MIN_SCORE and len(why) >= min_items and recent:
            why = next(w for s, w, m in scored if m == recent)
            return recent, f"{recent}: " + ", ".join(why) + f" (score {best:.2f}, the latest of the tied meetings)"
        return "", ""

    def _may_point(self, text: str, speaker: str | None, quoted: str | None, named: set[str] | None) -> bool:
        """False when no evidence of the text can point at any meeting (most sentences): no participant is
        the speaker or named, and no weekday, event word, place word or name of anyone is in it. A quick
        test that never says False where :meth:`score` could find a meeting, so it changes no answer."""
        if speaker and ("p", speaker) in self._index:
            return True
        if self._hint.search(text.lower()):  # a weekday, an event word or a meeting's place word
            return True
        if named is not None:
            # "Xi told Blinken" needs a verb of telling; without one only the named participants count.
            if any(("p", n) in self._index for n in named):
                return True
            return bool(quoted) and _ADDRESSEE_CUE.search(text) is not None and self._names_anyone(text)
        return self._names_anyone(text)

    def _names_anyone(self, text: str) -> bool:
        pattern = self.speakers.pattern
        return pattern is not None and pattern.search(ascii_apostrophes(text)) is not None

    def _latest_recent(self, tied: list[str], published: str) -> str:
        """The one meeting of ``tied`` with the latest date within :data:`RECENT_DAYS` up to ``published``
        (a full date), else ""."""
        day = first_day(published)
        if day is None or len(tied) < 2:
            return ""
        dates = {m.meeting_id: d for m, d in zip(self.items, self.first_days)}
        near = [(dates[m], m) for m in tied if dates.get(m) and 0 <= (day - dates[m]).days <= RECENT_DAYS]
        if not near:
            return ""
        latest = max(d for d, _ in near)
        at_latest = [m for d, m in near if d == latest]
        return at_latest[0] if len(at_latest) == 1 else ""


def _evidence_hint(items: list[Meeting]) -> re.Pattern:
    """One pattern for every weekday, event word and place word the meetings have (lower case, as
    substrings: a superset of what the exact rules find, so it only ever lets more texts through)."""
    words = {*WEEKDAYS, *EVENT_WORDS, *(w for m in items for w in m.places)}
    return re.compile(trie_pattern(words) or "(?!)")


def _near(held: dt.date, year: int, month: int, dom: int) -> bool:
    """Whether the day ``month``/``dom`` (of ``year``, or the year before or after) is within
    :data:`DATE_SLACK_DAYS` of ``held``."""
    for y in (year - 1, year, year + 1):
        try:
            if abs((dt.date(y, month, dom) - held).days) <= DATE_SLACK_DAYS:
                return True
        except ValueError:  # "Feb 30": not a day
            return False
    return False
