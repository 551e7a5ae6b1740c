"""One article's rows: its raw text joined, cleaned, split and given a language.

:func:`build_document` is a pure function of the article's metadata, its text
and the numbers of its lines that the corpus repeats across stories
(:func:`analysis.text.recurring.recurring_lines`, computed once for the corpus),
so articles can be built in any process with the same result.

The steps, in order:

1. the non-blank raw lines; hard-wrapped ones joined into paragraphs
   (:func:`analysis.text.wrap.join_wrapped`);
2. a date or time stamp glued to the start of a paragraph is cut off
   (:func:`analysis.text.clean.stamp_end`): the stamp is a removed row, the rest
   goes on;
3. whole paragraphs are removed by the cleaning rules
   (:func:`analysis.text.clean.classify_lines`);
4. what is left is split into sentences, and each paragraph and sentence gets a
   ``lang`` (:mod:`analysis.text.language`).

Removed rows (:data:`REMOVED_COLUMNS`): ``line`` and ``last_line`` are the raw
lines the removed text comes from (the same line unless it was joined from
hard-wrapped lines); ``start`` and ``end`` are where the removed characters are
in the text of those lines (stripped, joined by a space), so ``text`` is
``that_text[start:end]``. A whole line removed has ``start`` 0 and ``end`` its
length; a stamp cut off the front has ``start`` 0 and the rest of the line is a
paragraph (or a second removed row, from ``start`` = where the rest begins).
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from analysis.errors import Problem, display_path
from analysis.text.clean import Line, classify_lines, rule_origin, stamp_end
from analysis.text.language import mostly_not_english, paragraph_lang, sentence_lang
from analysis.text.segment import split_sentences, word_bounds, words_within
from analysis.text.wrap import join_wrapped, line_starts

#: Document metadata copied onto every paragraph and sentence row.
CARRIED_COLUMNS = ("voice", "outlet", "published")
#: The counts each document row gets beside its articles.csv columns.
DOCUMENT_COUNTS = ("n_lines", "n_paragraphs", "n_sentences", "n_words", "n_removed")
PARAGRAPH_COLUMNS = ("doc_id", "para", "text", "line", "last_line", "n_sentences", "n_words", *CARRIED_COLUMNS,
                     "lang")
SENTENCE_COLUMNS = ("doc_id", "para", "sent", "start", "end", "text", "n_words", "line", *CARRIED_COLUMNS, "lang")
REMOVED_COLUMNS = ("doc_id", "line", "text", "rule", "origin", "last_line", "start", "end")


def build_document(meta: dict, text: str, recurring: frozenset[int] = frozenset()
                   ) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """One article's document row and its paragraph, sentence and removed-line rows.

    ``recurring``: the numbers of the article's raw lines that are chrome repeated across the
    corpus's stories.

    >>> meta = {"doc_id": "d", "title": "Talks resume", "voice": "press", "outlet": "", "published": ""}
    >>> doc, paras, sents, removed = build_document(meta, "Talks resume\\n\\n"
    ...     "June 19, 2023 | The envoys met in Vienna on Sunday and agreed that\\nthe talks would go on.")
    >>> [(p["line"], p["last_line"], p["text"]) for p in paras]
    [(3, 4, 'The envoys met in Vienna on Sunday and agreed that the talks would go on.')]
    >>> [(r["line"], r["rule"], r["start"], r["end"], r["text"]) for r in removed]
    [(1, 'headline', 0, 12, 'Talks resume'), (3, 'date_stamp', 0, 15, 'June 19, 2023 |')]
    """
    doc_id, carried = meta["doc_id"], {c: meta[c] for c in CARRIED_COLUMNS}
    raw = [Line(i, t.strip()) for i, t in enumerate(text.split("\n"), 1) if t.strip()]
    blocks = join_wrapped(raw, recurring)
    lines, cut, removed = [], {}, []
    for block in blocks:
        end = stamp_end(block.text)
        if 0 < end < len(block.text):
            stamp = block.text[:end].rstrip()
            removed.append(_removed_row(doc_id, block, stamp, "date_stamp", 0))
            cut[block.number] = end
            block = Line(block.number, block.text[end:], block.last)
        lines.append(block)
    words = {ln.number: word_bounds(ln.text) for ln in lines}  # one scan per line, for every count
    n_words = {number: len(starts) for number, (starts, _) in words.items()}
    dropped = classify_lines(lines, title=meta["title"], n_words=n_words, recurring=recurring)
    removed += [_removed_row(doc_id, ln, ln.text, dropped[ln.number], cut.get(ln.number, 0))
                for ln in lines if ln.number in dropped]
    removed.sort(key=lambda r: (r["line"], r["start"]))
    by_number = {ln.number: ln.text for ln in raw}
    paras, sents = [], []
    for ln in (ln for ln in lines if ln.number not in dropped):
        para = len(paras) + 1
        lang = paragraph_lang(ln.text)
        spans = split_sentences(ln.text)
        paras.append({"doc_id": doc_id, "para": para, "text": ln.text, "line": ln.number, "last_line": ln.last_line,
                      "n_sentences": len(spans), "n_words": n_words[ln.number], **carried, "lang": lang})
        starts = [(offset - cut.get(ln.number, 0), number) for offset, number in line_starts(ln, by_number)] \
            if ln.last else [(0, ln.number)]
        offsets = [o for o, _ in starts]
        for s, (a, b) in enumerate(spans, 1):
            sents.append({"doc_id": doc_id, "para": para, "sent": s, "start": a, "end": b, "text": ln.text[a:b],
                          "n_words": words_within(ln.text, a, b, *words[ln.number]),
                          "line": starts[max(0, bisect_right(offsets, a) - 1)][1], **carried,
                          "lang": sentence_lang(ln.text[a:b], lang)})
    doc = {**meta, "n_lines": len(raw), "n_paragraphs": len(paras), "n_sentences": len(sents),
           "n_words": sum(p["n_words"] for p in paras), "n_removed": len(removed)}
    return doc, paras, sents, removed


def _removed_row(doc_id: str, ln: Line, text: str, rule: str, start: int) -> dict:
    return {"doc_id": doc_id, "line": ln.number, "text": text, "rule": rule, "origin": rule_origin(rule),
            "last_line": ln.last_line, "start": start, "end": start + len(text)}


def document_warnings(file: Path, p_rows: list[dict], r_rows: list[dict]) -> list[Problem]:
    """Warnings about one built document (``file``: its raw file): no text left after cleaning, or
    mostly not in English (:func:`analysis.text.language.mostly_not_english`)."""
    if not p_rows:
        return [Problem(display_path(file), f"no text is left after cleaning (all {len(r_rows)} lines were taken for "
                              "page furniture, headlines or credits)",
                        "look at `python -m analysis corpus --level removed`; if that is article "
                        "text, tell us which rule removed it", severity="warning")]
    words: dict[str, int] = {}
    for p in p_rows:
        words[p["lang"]] = words.get(p["lang"], 0) + p["n_words"]
    if not mostly_not_english(words):
        return []
    langs = ", ".join(f"{code}: {n}" for code, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if code)
    return [Problem(display_path(file), f"most of the text is not in English (words by language: {langs}); its paragraphs "
                          "are kept, but the English tools do not score them and they are not counted as statements",
                    "nothing to do if that is expected; an English translation can be added as its own article",
                    severity="warning")]
