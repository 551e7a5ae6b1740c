"""The rows of the quotes frame one document gives: quotations and reported statements."""
from __future__ import annotations

import re

from analysis.measure.attribution.cues import Cue, Resolver, adjacent_cue, cues_in, speaker_first, trailing_cue
from analysis.measure.attribution.meetings import NARRATION_MIN_EVIDENCE
from analysis.measure.attribution.model import Discourse, Document, Tables, meeting_for
from analysis.measure.attribution.quotations import MASK, Quotation

#: A cue at most 12 words after a quotation's closing mark is the quotation's own ('...,” Blinken told reporters').
POST_CUE_WORDS = 12
#: A direct quotation without a cue continues the voice of a quotation that ended in the same or the previous
#: paragraph (further away, it is the last person who spoke).
CONTINUES_WITHIN = 1
#: What may stand between a sentence's start and a direct quotation's opening mark.
_QUOTE_LEAD = " ,:\u2014" + MASK
#: '..., he said: “' or '...said, “': the quotation is introduced by a comma or colon.
_INTRODUCED = re.compile(r"[,:]\s*$")
_CONTINUES_CUE = "(continues the previous quotation)"
_TURN_CUE = "(the transcript turn's speaker)"
#: The cue of a quotation whose subject is an office no one in roles.csv held on the document's date.
_NOT_FOUND_CUE = " (no holder of this office on the document's date)"


def _ends_with_comma(text: str, end: int) -> bool:
    """``text[:end].rstrip().endswith(",")`` without copying the text before ``end``."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","


def quotation_kind(doc: Document, q: Quotation, p: int, a: int) -> str:
    """``direct`` when the quotation opens its sentence (or follows "..., he said:") with a capital or nothing
    before it, or continues from the previous paragraph; else ``partial``. ``a``: the sentence's start."""
    first = q.segments[0]
    if first.open_at is None:
        return "direct"
    lead = doc.narr[p - 1][a:first.open_at]
    at_start = not lead.strip(_QUOTE_LEAD) or _INTRODUCED.search(lead)
    capital = doc.texts[p - 1][first.start:first.start + 1].isupper()
    return "direct" if at_start and (capital or not lead.strip()) else "partial"


def quotation_cue(doc: Document, q: Quotation, p: int, a: int, kind: str, resolver: Resolver) -> Cue | None:
    """The cue that names a quotation's speaker. Direct quotes take the cue after them (',” Blinken said'),
    partial ones the verb that frames them, unless a cue right after them says whose words they are;
    without a verb, the subject right before the quotation ('Blinken “underscored ...”')."""
    first, last = q.segments[0], q.segments[-1]
    lp, narr = last.para, doc.narr[last.para - 1]
    sentence_end = doc.sentences[lp - 1].containing(last.end)[2]
    after = q.closed_at + 1 if q.closed_at is not None else last.end
    opens = first.open_at if first.open_at is not None else first.start
    pre = cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, opens, resolver)
    post = cues_in(narr, doc.mentions[lp - 1], after, sentence_end, resolver) if after < sentence_end else []
    near = [c for c in post if len(narr[after:c.verb_start].split()) <= POST_CUE_WORDS]
    if kind == "direct":
        choice = (speaker_first(near) or [None])[0] or (pre[-1] if pre else None)
    else:
        # '..., “the importance of ...,” Miller said in a statement': a cue right after the
        # quote names whose words they are, even when a verb before it frames them.
        comma_before = _ends_with_comma(doc.texts[lp - 1], last.end)
        # ('..., with state media characterising them as' introduces the next quotation instead.)
        said_after = [c for c in near if not c.according_to and not c.participle
                      and (comma_before or narr[after:c.verb_start].lstrip().startswith(","))]
        choice = said_after[0] if said_after else pre[-1] if pre else (speaker_first(near) or [None])[0]
    if choice is None and post:
        choice = speaker_first(post)[0]
    if first.open_at is not None and (choice is None or choice.according_to):
        # 'According to a readout, Qin made “clear demands”': the subject before the quotation is the
        # speaker, the readout its source.
        choice = adjacent_cue(doc.narr[p - 1], doc.mentions[p - 1], a, opens, resolver) or choice
    return choice


def quotation_speaker(cue: Cue | None, kind: str, state: Discourse, p: int,
                      turn_speaker: str = "") -> tuple[str | None, str]:
    """The speaker and the cue text. A subject that names no one in speakers.csv ("a US spokesperson", an
    office with no holder on the document's date) leaves the speaker empty; without a cue (or with a
    pronoun that points at no one), a direct quote continues the voice before it."""
    if cue is not None and cue.found:
        return cue.speaker, cue.text
    if cue is not None and cue.via == "name":
        return None, cue.text + _NOT_FOUND_CUE
    if cue is not None and cue.via in ("group", "unknown", "title"):  # someone speakers.csv does not know
        return None, cue.text
    if turn_speaker:  # in a transcript turn, a quotation with no cue is the turn's speaker's ("As I told him, “...”")
        return turn_speaker, _TURN_CUE
    if kind == "direct":
        recent = p - state.last_quote_para <= CONTINUES_WITHIN
        speaker = state.last_quote_speaker if recent else state.resolver.last_person
        return speaker, _CONTINUES_CUE if speaker else ""
    # A partial quote with no reporting verb is the narrator's scare quote or a term.
    return None, ""


def side_of(tables: Tables, doc: Document, p: int, speaker: str | None) -> str:
    """A speaker's side; without a speaker, the paragraph's voice."""
    return tables.speakers.side.get(speaker, "") if speaker else doc.voices[p - 1]


def quotation_rows(doc: Document, tables: Tables, state: Discourse, q: Quotation, p: int,
                   sentence: tuple[int, int, int]) -> list[dict]:
    """The rows of a quotation that opens in ``sentence`` of paragraph ``p``: one per paragraph it spans."""
    _, a, b = sentence
    kind = quotation_kind(doc, q, p, a)
    cue_found = quotation_cue(doc, q, p, a, kind, state.resolver)
    speaker, cue = quotation_speaker(cue_found, kind, state, p, doc.turn_speakers[p - 1])
    if speaker:
        state.resolver.record(speaker, doc.texts[p - 1][a:b])
        state.last_quote_speaker, state.last_quote_para = speaker, q.segments[-1].para
    narr = doc.narr[p - 1][a:b].replace(MASK, " ")
    mid, why = meeting_for(doc, tables.meetings, state, p, narr, speaker, doc.named(p, a, b))
    state.note_meeting(p, speaker, mid)
    number = state.number()
    side = side_of(tables, doc, p, speaker)
    return [doc.row(s.para, doc.sentences[s.para - 1].containing(s.start)[0], s.start, s.end, kind=kind,
                    speaker=speaker or "", side=side, meeting_id=mid, cue=cue, quotation=number, meeting_evidence=why)
            for s in q.segments]


def statement_rows(doc: Document, tables: Tables, state: Discourse, p: int,
                   sentence: tuple[int, int, int]) -> list[dict]:
    """An ``indirect`` row for a narration sentence that reports someone ("He further said that ..."), else none."""
    sid, a, b = sentence
    text = doc.texts[p - 1][a:b]
    # A statement whose subject speakers.csv does not know ("US officials accuse ...") is a row too, with no speaker.
    cues = [c for c in cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, b, state.resolver)
            if c.found or c.via in ("group", "unknown")]
    named = doc.named(p, a, b)
    if not cues:
        if not doc.meetings[p - 1] or doc.reports(p):  # narration about a meeting sets the topic for what follows
            mid, _ = tables.meetings.score(text, None, min_items=NARRATION_MIN_EVIDENCE, named=named,
                                           published=doc.meta.published)
            state.note_meeting(p, None, mid)
        return []
    c = trailing_cue(cues, doc.narr[p - 1][:b], b) or speaker_first(cues)[0]
    state.resolver.record(c.speaker, text)
    mid, why = meeting_for(doc, tables.meetings, state, p, text, c.speaker, named)
    state.note_meeting(p, c.speaker, mid)
    return [doc.row(p, sid, a, b, kind="indirect", speaker=c.speaker or "", side=side_of(tables, doc, p, c.speaker),
                    meeting_id=mid, cue=c.text, quotation=state.number(), meeting_evidence=why)]


def remember_cues(doc: Document, state: Discourse, p: int, sentence: tuple[int, int, int]) -> None:
    """Record the cue speakers of a quoted sentence too (e.g. "Xi told Blinken, according to ...")."""
    _, a, b = sentence
    text = doc.texts[p - 1][a:b]
    for c in cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, b, state.resolver):
        state.resolver.record(c.speaker, text)
