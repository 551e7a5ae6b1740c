"""Mixed pages: ranges of a document's lines in another voice, from the optional table voices.csv.

A live page that pastes a readout, or a release that quotes a statement in full, is one document in
two voices. ``voices.csv`` gives a range of the raw file's lines (``first_line`` to ``last_line``,
1-based and both included: the line numbers of ``raw/<file>``, which never changes) another
``voice`` and, when given, a ``meeting_id``. A paragraph belongs to a range when its first raw line
(the paragraphs frame's ``line``) is in it; its narration then speaks in that voice, as a readout of
that side would, and its statements are placed at that meeting. ``note`` says why, for the reader.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class VoiceRange:
    first_line: int
    last_line: int
    voice: str
    meeting_id: str  # "" when the range does not name one


def voice_ranges(table: pd.DataFrame | None) -> dict[str, list[VoiceRange]]:
    """doc_id -> its ranges, from a voices.csv frame (checked when the corpus was loaded).

    >>> t = pd.DataFrame({"doc_id": ["live"], "first_line": ["5"], "last_line": ["9"], "voice": ["china"]})
    >>> voice_ranges(t)["live"]
    [VoiceRange(first_line=5, last_line=9, voice='china', meeting_id='')]
    """
    out: dict[str, list[VoiceRange]] = {}
    if table is None:
        return out
    for row in table.to_dict("records"):
        out.setdefault(row["doc_id"], []).append(VoiceRange(int(row["first_line"]), int(row["last_line"]),
                                                            row["voice"], row.get("meeting_id", "") or ""))
    return out


def paragraph_voices(lines: list[int], voice: str, meeting_id: str,
                     ranges: list[VoiceRange]) -> tuple[list[str], list[str]]:
    """The voice and meeting of each paragraph (by its first raw line): a range's where one holds the
    line, else the document's.

    >>> paragraph_voices([1, 3, 6, 12], "press", "", [VoiceRange(5, 9, "china", "talks")])
    (['press', 'press', 'china', 'press'], ['', '', 'talks', ''])
    """
    voices, meetings = [voice] * len(lines), [meeting_id] * len(lines)
    for r in ranges:
        for i, ln in enumerate(lines):
            if r.first_line <= ln <= r.last_line:
                voices[i] = r.voice
                meetings[i] = r.meeting_id or meeting_id
    return voices, meetings
