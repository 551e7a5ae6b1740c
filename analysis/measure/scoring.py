"""Scores for every sentence and paragraph, and the spans that produced them.

One call scores the whole corpus::

    >>> from analysis import load_corpus
    >>> scores = score_corpus(load_corpus())
    >>> len(scores.sentences), len(scores.paragraphs)
    (178, 118)

Sentence columns added to the input frame (all input columns kept):

* ``neg, neu, pos, compound, label``: stock VADER (label at ±0.05);
* ``neg_diplomatic, neu_diplomatic, pos_diplomatic, compound_diplomatic,
  label_diplomatic``: diplomacy-aware VADER (see :mod:`analysis.measure.sentiment`);
* ``hedges, boosters, directives, self_obligations``: counts of matches
  (``hedges`` includes approximators such as "about an hour");
* ``hedges_per_100w, boosters_per_100w, directives_per_100w``: counts per 100
  words (:func:`analysis.text.tokens.count_words`);
* ``frame_<category>`` for each framing category: counts.

Paragraphs get the same counts (summed over their sentences) and densities;
``compound`` is the mean of the sentence compounds, and ``compound_whole`` is
VADER run on the whole paragraph at once (it saturates towards ±1 as text gets
longer: kept for teaching). The same for the diplomatic score.

``matches`` has one row per matched span: ``doc_id, para, sent, start, end,
para_start, para_end, text, entry, category, lexicon, kind, source, note``.
``start``/``end`` are offsets in the sentence's text; ``para_start``/``para_end``
in the paragraph's text (``sentence start + start``).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.text.segment import split_sentences
from analysis.text.tokens import count_words, token_spans
from analysis.frames import require_columns
from analysis.measure.sentiment import diplomatic_scores, label, overlay_lexicon, sentiment_pair, stock_scores
from analysis.measure.stance import FRAMING_CATEGORIES, find_stance, stance_lexicons

COUNT_COLUMNS = ("hedges", "boosters", "directives", "self_obligations")
DENSITY_COLUMNS = tuple(f"{c}_per_100w" for c in ("hedges", "boosters", "directives"))
FRAME_COLUMNS = tuple(f"frame_{c}" for c in FRAMING_CATEGORIES)
SENTIMENT_COLUMNS = ("neg", "neu", "pos", "compound", "label", "neg_diplomatic", "neu_diplomatic",
                     "pos_diplomatic", "compound_diplomatic", "label_diplomatic")
MATCH_COLUMNS = ("doc_id", "para", "sent", "start", "end", "para_start", "para_end", "text",
                 "entry", "category", "lexicon", "kind", "source", "note")
_COUNTED = {"hedge": "hedges", "approximator": "hedges", "booster": "boosters",
            "directive": "directives", "self_obligation": "self_obligations"}


@dataclass
class Scores:
    """Scored sentences and paragraphs, and the matched spans."""

    sentences: pd.DataFrame
    paragraphs: pd.DataFrame
    matches: pd.DataFrame


def _counts(matches) -> dict:
    row = {c: 0 for c in COUNT_COLUMNS + FRAME_COLUMNS}
    for m in matches:
        if m.category in _COUNTED:
            row[_COUNTED[m.category]] += 1
        else:
            row[f"frame_{m.category}"] += 1
    return row


_COUNT_INDEX = {c: i for i, c in enumerate(COUNT_COLUMNS + FRAME_COLUMNS)}
_CATEGORY_INDEX = {**{k: _COUNT_INDEX[v] for k, v in _COUNTED.items()},
                   **{c: _COUNT_INDEX[f"frame_{c}"] for c in FRAMING_CATEGORIES}}


def _count_values(matches) -> list[int]:
    """The values of :func:`_counts` as a list, in the order of COUNT_COLUMNS + FRAME_COLUMNS."""
    row = [0] * len(_COUNT_INDEX)
    for m in matches:
        row[_CATEGORY_INDEX[m.category] if m.category in _CATEGORY_INDEX else _COUNT_INDEX[f"frame_{m.category}"]] += 1
    return row


def _sentiment_values(s: dict, d: dict) -> tuple:
    """One sentence's SENTIMENT_COLUMNS from its stock and diplomatic VADER scores."""
    return (s["neg"], s["neu"], s["pos"], s["compound"], label(s["compound"]),
            d["neg"], d["neu"], d["pos"], d["compound"], label(d["compound"]))


def _densities(frame: pd.DataFrame) -> None:
    words = frame["n_words"].where(frame["n_words"] > 0)
    for c in ("hedges", "boosters", "directives"):
        frame[f"{c}_per_100w"] = (100 * frame[c] / words).fillna(0.0).round(3)


def _check_text_frame(frame: pd.DataFrame, what: str) -> None:
    require_columns(frame, ["text"], what, hint=f"pass e.g. load_corpus().{what}")


def score_sentences(sentences: pd.DataFrame, lexicons=None, overlay=None) -> pd.DataFrame:
    """Score a frame of sentences (needs a ``text`` column; others are kept).

    ``lexicons`` chooses the stance and framing lists (None: the bundled ones; a
    folder; a mapping ``{"hedges": path}``; see
    :func:`analysis.measure.stance.stance_lexicons`); ``overlay`` the diplomatic
    valence list (None, a CSV path or a Lexicon). Every scorer takes both.

    >>> import pandas as pd
    >>> out = score_sentences(pd.DataFrame({"text": ["The US must stop it. It lasted about an hour."]}))
    >>> out[["compound", "directives", "hedges", "n_words"]].to_dict("records")
    [{'compound': -0.296, 'directives': 1, 'hedges': 1, 'n_words': 10}]
    """
    _check_text_frame(sentences, "sentences")
    out = sentences.copy()
    texts = out["text"].fillna("").astype(str).tolist()
    if "n_words" not in out.columns:
        out["n_words"] = [count_words(t) for t in texts]
    stance, ov = stance_lexicons(lexicons), overlay_lexicon(overlay)
    # One pass per sentence: both VADER variants share their work (sentiment_pair), all lexicons one scan.
    rows = [(*_sentiment_values(*sentiment_pair(t, ov)), *_count_values(find_stance(t, lexicons=stance)))
            for t in texts]
    extra = pd.DataFrame(rows, index=out.index, columns=[*SENTIMENT_COLUMNS, *COUNT_COLUMNS, *FRAME_COLUMNS])
    out = pd.concat([out, extra], axis=1)
    _densities(out)
    return out


def find_matches(sentences: pd.DataFrame, lexicons=None, overlay=None) -> pd.DataFrame:
    """One row per matched span (stance, framing and diplomatic overlay entries).

    >>> import pandas as pd
    >>> m = find_matches(pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [2], "start": [10],
    ...                                "text": ["It is clear who is responsible."]}))
    >>> m[["start", "end", "para_start", "entry", "category"]].values.tolist()
    [[0, 11, 10, 'it is clear', 'booster'], [6, 11, 16, 'clear', 'diplomatic'], [12, 30, 22, 'who is responsible', 'diplomatic'], [12, 30, 22, 'who is responsible', 'responsibility_blame']]
    """
    from analysis.measure.sentiment import overlay_matches

    _check_text_frame(sentences, "sentences")
    rows = []
    has = {c: c in sentences.columns for c in ("doc_id", "para", "sent", "start")}
    stance, ov = stance_lexicons(lexicons), overlay_lexicon(overlay)
    for rec in sentences.to_dict("records"):
        text = str(rec["text"])
        offset = int(rec["start"]) if has["start"] else 0
        found = find_stance(text, lexicons=stance) + overlay_matches(text, ov)
        found.sort(key=lambda m: (m.start, m.end, m.lexicon))
        for m in found:
            rows.append({
                "doc_id": rec.get("doc_id"), "para": rec.get("para"), "sent": rec.get("sent"),
                "start": m.start, "end": m.end, "para_start": offset + m.start, "para_end": offset + m.end,
                "text": m.text, "entry": m.entry, "category": m.category, "lexicon": m.lexicon,
                "kind": m.kind, "source": m.source, "note": m.note,
            })
    return pd.DataFrame(rows, columns=list(MATCH_COLUMNS))


def score_paragraphs(paragraphs: pd.DataFrame, sentences: pd.DataFrame | None = None,
                     lexicons=None, overlay=None) -> pd.DataFrame:
    """Score paragraphs: sentence means and sums, plus whole-paragraph VADER.

    ``sentences`` are the paragraph's sentences (``load_corpus().sentences``,
    scored or not); when omitted they are split from the paragraph text with
    :func:`analysis.text.segment.split_sentences`.

    >>> import pandas as pd
    >>> p = score_paragraphs(pd.DataFrame({"doc_id": ["d"], "para": [1],
    ...                                    "text": ["The talks were good. We must act."]}))
    >>> p[["n_sentences", "compound", "compound_whole", "self_obligations"]].to_dict("records")
    [{'n_sentences': 2, 'compound': 0.2202, 'compound_whole': 0.4404, 'self_obligations': 1}]
    """
    _check_text_frame(paragraphs, "paragraphs")
    out = paragraphs.copy()
    if "doc_id" not in out.columns:
        out["doc_id"] = ""
    if "para" not in out.columns:
        out["para"] = range(1, len(out) + 1)
    if sentences is None:
        rows = []
        for rec in out[["doc_id", "para", "text"]].to_dict("records"):
            text = str(rec["text"])
            for k, (a, b) in enumerate(split_sentences(text), 1):
                rows.append({"doc_id": rec["doc_id"], "para": rec["para"], "sent": k, "start": a, "end": b, "text": text[a:b]})
        sentences = pd.DataFrame(rows, columns=["doc_id", "para", "sent", "start", "end", "text"])
    if "compound_diplomatic" not in sentences.columns:
        sentences = score_sentences(sentences, lexicons, overlay)
    keys = ["doc_id", "para"]
    agg = sentences.groupby(keys, sort=False).agg(
        n_sentences_scored=("text", "size"), compound=("compound", "mean"),
        compound_diplomatic=("compound_diplomatic", "mean"),
        **{c: (c, "sum") for c in COUNT_COLUMNS + FRAME_COLUMNS}).reset_index()
    agg["compound"] = agg["compound"].round(4)
    agg["compound_diplomatic"] = agg["compound_diplomatic"].round(4)
    drop = [c for c in agg.columns if c in out.columns and c not in keys]
    out = out.drop(columns=drop).merge(agg, on=keys, how="left")
    if "n_sentences" not in out.columns:
        out["n_sentences"] = out.pop("n_sentences_scored")
    else:
        out = out.drop(columns="n_sentences_scored")
    for c in COUNT_COLUMNS + FRAME_COLUMNS:
        out[c] = out[c].fillna(0).astype(int)
    out[["compound", "compound_diplomatic"]] = out[["compound", "compound_diplomatic"]].fillna(0.0)
    out["label"] = out["compound"].map(label)
    out["label_diplomatic"] = out["compound_diplomatic"].map(label)
    texts = out["text"].fillna("").astype(str)
    ov = overlay_lexicon(overlay)
    pairs = [sentiment_pair(t, ov) for t in texts]
    out["compound_whole"] = [s["compound"] for s, _ in pairs]
    out["compound_diplomatic_whole"] = [d["compound"] for _, d in pairs]
    if "n_words" not in out.columns:
        out["n_words"] = [count_words(t) for t in texts]
    _densities(out)
    scored = ["compound", "compound_whole", "label", "compound_diplomatic", "compound_diplomatic_whole",
              "label_diplomatic", *COUNT_COLUMNS, *DENSITY_COLUMNS, *FRAME_COLUMNS]
    return out[[c for c in out.columns if c not in scored] + scored]


def score_corpus(corpus, lexicons=None, overlay=None) -> Scores:
    """Score a loaded corpus: sentences, paragraphs and matches in one call (no attribution;
    :func:`analysis.analyse` does both)."""
    stance, ov = stance_lexicons(lexicons), overlay_lexicon(overlay)
    sentences = score_sentences(corpus.sentences, stance, ov)
    paragraphs = score_paragraphs(corpus.paragraphs, sentences, stance, ov)
    return Scores(sentences, paragraphs, find_matches(corpus.sentences, stance, ov))


def explain(text: str, lexicons=None, overlay=None) -> str:
    """A human-readable account of every score of one sentence and why.

    >>> print(explain("It is clear who is responsible."))  # doctest: +ELLIPSIS
    text: It is clear who is responsible.
    words: 6
    stock VADER:       compound +0.5994 (positive)  neg 0.000 neu 0.449 pos 0.551
    diplomatic VADER:  compound -0.4588 (negative)  neg 0.500 neu 0.500 pos 0.000
    ...
    """
    from analysis.measure.sentiment import overlay_matches, rewrite_phrases, stock_analyzer, stock_valence

    ov = overlay_lexicon(overlay)
    s, d = stock_scores(text), diplomatic_scores(text, ov)
    n = count_words(text)
    matches = find_stance(text, lexicons=lexicons)
    counts = _counts(matches)
    lines = [f"text: {text}", f"words: {n}"]
    for name, sc in (("stock VADER:      ", s), ("diplomatic VADER: ", d)):
        lines.append(f"{name} compound {sc['compound']:+.4f} ({label(sc['compound'])})  "
                     f"neg {sc['neg']:.3f} neu {sc['neu']:.3f} pos {sc['pos']:.3f}")
    lines.append(f"text VADER sees in the diplomatic pass: {rewrite_phrases(text, ov)}")
    per100 = (lambda c: 100 * c / n if n else 0.0)
    lines.append("counts: " + ", ".join(f"{c} {counts[c]}" for c in COUNT_COLUMNS)
                 + f"  (per 100 words: hedges {per100(counts['hedges']):.1f}, boosters {per100(counts['boosters']):.1f}, "
                 f"directives {per100(counts['directives']):.1f})")
    frames = [f"{c.removeprefix('frame_')} {counts[c]}" for c in FRAME_COLUMNS if counts[c]]
    lines.append("framing: " + (", ".join(frames) if frames else "none"))
    lines.append("stance and framing spans:" if matches else "stance and framing spans: none")
    for m in matches:
        lines.append(f"  [{m.start}:{m.end}] {m.text!r}  {m.lexicon}/{m.category}  entry {m.entry!r}  source: {m.source}")
    found = overlay_matches(text, ov)
    lexicon = stock_analyzer().lexicon
    lines.append("diplomatic overlay terms:" if found else "diplomatic overlay terms: none (the two scores can differ only through these)")
    for m in found:
        stock = stock_valence(m.entry)
        stock_txt = ", ".join(f"{w} {v:+.1f}" for w, v in stock.items()) or "not in VADER's lexicon (0)"
        lines.append(f"  [{m.start}:{m.end}] {m.text!r}: diplomatic {m.valence:+.1f}, stock {stock_txt}")
        lines.append(f"      why: {m.note}  (source: {m.source})")
    words_stock = [w for w in (t[2] for t in token_spans(text)) if w in lexicon]
    if words_stock:
        lines.append("stock VADER lexicon words: " + ", ".join(f"{w} {lexicon[w]:+.1f}" for w in words_stock))
    return "\n".join(lines)
