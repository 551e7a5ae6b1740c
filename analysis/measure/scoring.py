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
  (``hedges`` includes approximators such as "about an hour"; ``directives``
  are obligations and requests put on another party, ``self_obligations`` those
  on the speaker's own side);
* ``directives_us, directives_china, directives_both, directives_other``: the
  directives by addressee (:mod:`analysis.measure.addressee`; they sum to
  ``directives``). The speaker's side is the frame's ``side`` column when it has
  one (attribution sets it): then the speaker's own country counts as
  ``self_obligations``; without it a country is itself;
* ``hedges_per_100w, boosters_per_100w, directives_per_100w``: counts per 100
  words (:func:`analysis.text.tokens.count_words`);
* ``frame_<category>`` for each framing category: counts.

Paragraphs get the same counts (summed over their sentences) and densities;
``compound`` is the mean of the sentence compounds, and ``compound_whole`` is
VADER run on the whole paragraph at once (it saturates towards ±1 as text gets
longer: kept for teaching). The same for the diplomatic score.

**Languages.** When a frame has a ``lang`` column (from
:mod:`analysis.text.language`), a row whose language is not English
(:func:`~analysis.text.language.is_english`: ``en`` and ``""`` are) is not scored
by these English tools: its VADER columns are NaN, its labels missing, its counts
pd.NA (the count columns are then nullable ``Int64``; they stay ``int64`` when
every row is scored) and its densities NaN, and it has no matches. A paragraph's means, sums and densities use its scored
sentences only (densities per word of those sentences); a paragraph with
sentences but none scored, or whose own ``lang`` is not English, is empty
likewise. A frame without ``lang`` is scored as it always was.

``matches`` has one row per matched span: ``doc_id, para, sent, start, end,
para_start, para_end, text, entry, category, lexicon, kind, source, note,
addressee`` (``addressee`` set on directives and self-obligations, else empty).
``start``/``end`` are offsets in the sentence's text; ``para_start``/``para_end``
in the paragraph's text (``sentence start + start``).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.text.language import is_english, sentence_lang
from analysis.text.segment import split_sentences
from analysis.text.tokens import count_words, token_spans
from analysis.frames import require_columns
from analysis.measure.sentiment import diplomatic_scores, label, overlay_lexicon, sentiment_pair, stock_scores
from analysis.measure.stance import FRAMING_CATEGORIES, find_stance, stance_lexicons

#: ``directives`` = the sum of the four ``directives_<addressee>``; ``self_obligations`` = addressee self
COUNT_COLUMNS = ("hedges", "boosters", "directives", "self_obligations", "directives_us", "directives_china",
                 "directives_both", "directives_other")
DENSITY_COLUMNS = tuple(f"{c}_per_100w" for c in ("hedges", "boosters", "directives"))
FRAME_COLUMNS = tuple(f"frame_{c}" for c in FRAMING_CATEGORIES)
SENTIMENT_COLUMNS = ("neg", "neu", "pos", "compound", "label", "neg_diplomatic", "neu_diplomatic",
                     "pos_diplomatic", "compound_diplomatic", "label_diplomatic")
MATCH_COLUMNS = ("doc_id", "para", "sent", "start", "end", "para_start", "para_end", "text",
                 "entry", "category", "lexicon", "kind", "source", "note", "addressee")
#: The column that names a row's language (see the module docstring).
LANG_COLUMN = "lang"
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
            if m.category == "directive":
                row[f"directives_{m.addressee}" if m.addressee in ("us", "china", "both") else "directives_other"] += 1
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
        if m.category == "directive":
            row[_COUNT_INDEX.get(f"directives_{m.addressee}", _COUNT_INDEX["directives_other"])] += 1
    return row


def _sentiment_values(s: dict, d: dict) -> tuple:
    """One sentence's SENTIMENT_COLUMNS from its stock and diplomatic VADER scores."""
    return (s["neg"], s["neu"], s["pos"], s["compound"], label(s["compound"]),
            d["neg"], d["neu"], d["pos"], d["compound"], label(d["compound"]))


#: One unscored sentence's SENTIMENT_COLUMNS, counts and frame counts (see the module docstring).
_UNSCORED = (*[None if c.startswith("label") else float("nan") for c in SENTIMENT_COLUMNS],
             *[None] * len(_COUNT_INDEX))


def english_rows(frame: pd.DataFrame) -> pd.Series | None:
    """Which rows the English tools score: a boolean Series from the ``lang`` column, or None when
    the frame has none (every row is scored).

    >>> english_rows(pd.DataFrame({"lang": ["en", "zh", ""]})).tolist()
    [True, False, True]
    """
    if LANG_COLUMN not in frame.columns:
        return None
    return frame[LANG_COLUMN].map(is_english).astype(bool)


def _labels(compound: pd.Series) -> list:
    """:func:`label` of each compound; None where there is no score."""
    return [None if c != c else label(c) for c in compound]  # c != c: NaN


def _densities(frame: pd.DataFrame, scored: pd.Series | None = None, words=None) -> None:
    """Counts per 100 words (``words``, else ``n_words``); NaN where ``scored`` is False."""
    words = frame["n_words"] if words is None else words
    words = words.where(words > 0)
    for c in ("hedges", "boosters", "directives"):
        density = (100 * frame[c].astype(float) / words).fillna(0.0).round(3)
        frame[f"{c}_per_100w"] = density if scored is None else density.where(scored)


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
    english = english_rows(out)
    scored = [True] * len(texts) if english is None else english.tolist()
    # One pass per sentence: both VADER variants share their work (sentiment_pair), all lexicons one scan.
    sides = out["side"].tolist() if "side" in out.columns else [None] * len(texts)  # the speaker's, for addressees
    rows = [(*_sentiment_values(*sentiment_pair(t, ov)), *_count_values(find_stance(t, lexicons=stance, side=sd)))
            if ok else _UNSCORED for t, ok, sd in zip(texts, scored, sides)]
    extra = pd.DataFrame(rows, index=out.index, columns=[*SENTIMENT_COLUMNS, *COUNT_COLUMNS, *FRAME_COLUMNS])
    if english is not None and not english.all():  # NA counts need nullable integers
        counts = [*COUNT_COLUMNS, *FRAME_COLUMNS]
        extra[counts] = extra[counts].astype("Int64")
    out = pd.concat([out, extra], axis=1)
    _densities(out, english)
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
    english = english_rows(sentences)
    for k, rec in enumerate(sentences.to_dict("records")):
        if english is not None and not english.iat[k]:
            continue  # not English: no lexicon of these applies
        text = str(rec["text"])
        offset = int(rec["start"]) if has["start"] else 0
        found = find_stance(text, lexicons=stance, side=rec.get("side")) + overlay_matches(text, ov)
        found.sort(key=lambda m: (m.start, m.end, m.lexicon))
        for m in found:
            rows.append({
                "doc_id": rec.get("doc_id"), "para": rec.get("para"), "sent": rec.get("sent"),
                "start": m.start, "end": m.end, "para_start": offset + m.start, "para_end": offset + m.end,
                "text": m.text, "entry": m.entry, "category": m.category, "lexicon": m.lexicon,
                "kind": m.kind, "source": m.source, "note": m.note, "addressee": m.addressee,
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
        sentences = _split_paragraphs(out)
    if "compound_diplomatic" not in sentences.columns:
        sentences = score_sentences(sentences, lexicons, overlay)
    keys = ["doc_id", "para"]
    agg = _sentence_sums(sentences, keys)
    drop = [c for c in agg.columns if c in out.columns and c not in keys]
    out = out.drop(columns=drop).merge(agg, on=keys, how="left")
    scored = _scored_paragraphs(out, english_rows(sentences) is not None)
    # A paragraph with unscored sentences: its densities are per word of the scored ones.
    partial = out["_n_scored"] < out["n_sentences_scored"] if "_n_scored" in out.columns else None
    if "n_sentences" not in out.columns:
        out["n_sentences"] = out.pop("n_sentences_scored")
    else:
        out = out.drop(columns="n_sentences_scored")
    _fill_paragraph_scores(out, scored)
    texts = out["text"].fillna("").astype(str)
    ov = overlay_lexicon(overlay)
    ok = [True] * len(out) if scored is None else scored.tolist()
    pairs = [sentiment_pair(t, ov) if k else None for t, k in zip(texts, ok)]
    out["compound_whole"] = [pr[0]["compound"] if pr else float("nan") for pr in pairs]
    out["compound_diplomatic_whole"] = [pr[1]["compound"] if pr else float("nan") for pr in pairs]
    if "n_words" not in out.columns:
        out["n_words"] = [count_words(t) for t in texts]
    words = None if partial is None else out["n_words"].where(~partial, out["_words_scored"])
    _densities(out, scored, words)
    out = out.drop(columns=[c for c in ("_n_scored", "_words_scored") if c in out.columns])
    columns = ["compound", "compound_whole", "label", "compound_diplomatic", "compound_diplomatic_whole",
               "label_diplomatic", *COUNT_COLUMNS, *DENSITY_COLUMNS, *FRAME_COLUMNS]
    return out[[c for c in out.columns if c not in columns] + columns]


def _split_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The sentences of each paragraph (:func:`split_sentences`), with their ``lang`` when the
    paragraphs have one (:func:`~analysis.text.language.sentence_lang`)."""
    has_lang = LANG_COLUMN in paragraphs.columns
    rows = []
    for rec in paragraphs[["doc_id", "para", "text", *([LANG_COLUMN] if has_lang else [])]].to_dict("records"):
        text = str(rec["text"])
        for k, (a, b) in enumerate(split_sentences(text), 1):
            row = {"doc_id": rec["doc_id"], "para": rec["para"], "sent": k, "start": a, "end": b, "text": text[a:b]}
            if has_lang:
                row[LANG_COLUMN] = sentence_lang(text[a:b], rec[LANG_COLUMN])
            rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", "para", "sent", "start", "end", "text",
                                       *([LANG_COLUMN] if has_lang else [])])


def _sentence_sums(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per paragraph: sentences, mean compounds (NaN skipped), summed counts; with a ``lang``
    column also ``_n_scored`` and ``_words_scored`` (the scored sentences and their words)."""
    english = english_rows(sentences)
    extra, helpers = {}, {}
    if english is not None:
        words = sentences["n_words"] if "n_words" in sentences.columns else sentences["text"].map(count_words)
        extra = {"_n_scored": english.astype(int), "_words_scored": words.where(english, 0)}
        helpers = {c: (c, "sum") for c in extra}
    agg = sentences.assign(**extra).groupby(keys, sort=False).agg(
        n_sentences_scored=("text", "size"), compound=("compound", "mean"),
        compound_diplomatic=("compound_diplomatic", "mean"),
        **{c: (c, "sum") for c in COUNT_COLUMNS + FRAME_COLUMNS}, **helpers).reset_index()
    agg["compound"] = agg["compound"].round(4)
    agg["compound_diplomatic"] = agg["compound_diplomatic"].round(4)
    return agg


def _scored_paragraphs(out: pd.DataFrame, sentences_have_lang: bool) -> pd.Series | None:
    """Which paragraphs get scores: English by their own ``lang``, and (when the sentences have a
    ``lang``) not made only of unscored sentences. None when no language is known: all are."""
    own = english_rows(out)
    if own is None and not sentences_have_lang:
        return None
    scored = own if own is not None else pd.Series(True, index=out.index)
    if sentences_have_lang:
        has_sentences = out["n_sentences_scored"].fillna(0) > 0
        scored = scored & ~(has_sentences & (out["_n_scored"].fillna(0) == 0))
    return scored


def _fill_paragraph_scores(out: pd.DataFrame, scored: pd.Series | None) -> None:
    """Counts and mean compounds of paragraphs with no sentence: 0 (as always); of unscored
    paragraphs: empty. Then the labels."""
    means = ["compound", "compound_diplomatic"]
    every = scored is None or bool(scored.all())
    for c in COUNT_COLUMNS + FRAME_COLUMNS:
        counts = out[c].fillna(0)
        out[c] = counts.astype(int) if every else counts.astype("Int64").where(scored)
    out[means] = out[means].fillna(0.0) if every else out[means].fillna(0.0).where(scored, axis=0)
    out["label"] = _labels(out["compound"])
    out["label_diplomatic"] = _labels(out["compound_diplomatic"])


def score_corpus(corpus, lexicons=None, overlay=None) -> Scores:
    """Score a loaded corpus: sentences, paragraphs and matches in one call (no attribution;
    :func:`analysis.analyse` does both)."""
    stance, ov = stance_lexicons(lexicons), overlay_lexicon(overlay)
    sentences = score_sentences(corpus.sentences, stance, ov)
    paragraphs = score_paragraphs(corpus.paragraphs, sentences, stance, ov)
    return Scores(sentences, paragraphs, find_matches(corpus.sentences, stance, ov))


def explain(text: str, lexicons=None, overlay=None, side: str | None = None) -> str:
    """A human-readable account of every score of one sentence and why (``side``: the speaker's, for
    directives' addressees). How VADER's negation and "but" rules act on overlay terms is said after
    the terms (:mod:`analysis.measure.overlay_rules`).

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
    matches = find_stance(text, lexicons=lexicons, side=side)
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
        who = f"  addressee {m.addressee}" if m.addressee else ""
        lines.append(f"  [{m.start}:{m.end}] {m.text!r}  {m.lexicon}/{m.category}{who}  entry {m.entry!r}  source: {m.source}")
    found = overlay_matches(text, ov)
    lexicon = stock_analyzer().lexicon
    lines.append("diplomatic overlay terms:" if found else "diplomatic overlay terms: none (the two scores can differ only through these)")
    for m in found:
        stock = stock_valence(m.entry)
        stock_txt = ", ".join(f"{w} {v:+.1f}" for w, v in stock.items()) or "not in VADER's lexicon (0)"
        lines.append(f"  [{m.start}:{m.end}] {m.text!r}: diplomatic {m.valence:+.1f}, stock {stock_txt}")
        lines.append(f"      why: {m.note}  (source: {m.source})")
    from analysis.measure.overlay_rules import rule_notes

    lines += rule_notes(text, ov)
    words_stock = [w for w in (t[2] for t in token_spans(text)) if w in lexicon]
    if words_stock:
        lines.append("stock VADER lexicon words: " + ", ".join(f"{w} {lexicon[w]:+.1f}" for w in words_stock))
    return "\n".join(lines)
