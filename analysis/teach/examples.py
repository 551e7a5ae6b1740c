"""The rules that pick each teaching notebook's examples, so the notebooks run on any corpus.

A notebook never names a document, a meeting, a date or a phrase of the bundled corpus: it asks one of these
functions, whose docstring states the rule, and explains the example it gets. Ties are broken in reading order
(the order of the rows given, which is the corpus's order) unless the docstring says otherwise. When no example
fits the rule a function returns ``None`` (or an empty result), and the notebook says so in a sentence instead.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.compare.statements import SIDES
from analysis.text.tokens import tokenize

_KEY = ["doc_id", "para", "sent"]
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def most_frequent(values):
    """The most frequent value; ties: the one seen first. None when there are none.

    >>> most_frequent(["b", "a", "a", "b", "c"]), most_frequent([])
    ('b', None)
    """
    counts = Counter(values)
    return max(counts, key=counts.get) if counts else None


def line_to_classify(removed: pd.DataFrame, known_rules=()):
    """A removed line for the student to classify, and the rules to choose from: ``(row, rules)`` or None.

    Rule: in the article with the most removed lines, the line whose rule removed the fewest lines in the whole
    corpus (ties: the earlier line). The choices are the rules that removed lines of that article, topped up to
    three with the corpus's most used other rules, then with ``known_rules``; alphabetically.

    >>> removed = pd.DataFrame({"doc_id": ["a", "b", "b", "b"], "text": ["x", "Top", "Photo: AP", "Share"],
    ...                         "rule": ["headline", "site_chrome", "credit", "site_chrome"]})
    >>> row, rules = line_to_classify(removed)
    >>> row.text, rules
    ('Photo: AP', ['credit', 'headline', 'site_chrome'])
    """
    if removed.empty:
        return None
    total = removed["rule"].value_counts()
    own = removed[removed["doc_id"] == most_frequent(removed["doc_id"])]
    row = own.loc[own["rule"].map(total).idxmin()]
    rules = list(dict.fromkeys(own["rule"]))
    rules += [r for r in dict.fromkeys([*total.index, *known_rules]) if r not in rules][:max(0, 3 - len(rules))]
    return row, sorted(rules)


def noted_phrases(notes: str, text: str, min_words: int = 2) -> list[str]:
    """Phrases that ``notes`` quotes (in "…" or “…”) and ``text`` contains word for word, in the notes' order.

    Rule: a quoted phrase of at least ``min_words`` words (a single word, such as a pronoun, would be found
    everywhere), case and punctuation as quoted; each phrase once.

    >>> noted_phrases('Translated: "she opined", "she", "Source: X", "talks. between".', "So she opined on talks. between them.")
    ['she opined', 'talks. between']
    """
    found = []
    for m in _QUOTED.finditer(str(notes or "")):
        phrase = (m.group(1) or m.group(2)).strip()
        if len(phrase.split()) >= min_words and phrase in text and phrase not in found:
            found.append(phrase)
    return found


def translated_article(documents: pd.DataFrame, paragraphs: pd.DataFrame):
    """The article whose notes describe a translation, with the phrases the notes quote from it: ``(doc_id, phrases)`` or None.

    Rule: among articles whose ``notes`` mention a translation ("translat…"), the one with the most
    :func:`noted_phrases` found in its cleaned paragraphs (ties: the earlier article).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "notes": ['Machine translation: "she said"', '"she said"']})
    >>> translated_article(docs, pd.DataFrame({"doc_id": ["a", "b"], "text": ["Then she said no.", "she said"]}))
    ('a', ['she said'])
    """
    best = None
    for doc in documents.itertuples():
        if not re.search("translat", str(doc.notes or ""), re.IGNORECASE):
            continue
        phrases = noted_phrases(doc.notes, "\n".join(paragraphs.loc[paragraphs["doc_id"] == doc.doc_id, "text"]))
        if best is None or len(phrases) > len(best[1]):
            best = (doc.doc_id, phrases)
    return best


def _one_letter_off(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one letter added, dropped or changed (case ignored)."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    return len(b) - len(a) == 1 and any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def misspelt_aliases(speakers: pd.DataFrame) -> pd.DataFrame:
    """The aliases in ``speakers.csv`` that misspell a speaker's name: ``name, alias, word, misspelling``.

    Rule: the alias matches a run of words of the name word for word, except one word that is one letter off
    (``word`` as the name spells it, ``misspelling`` as the alias does). An alias that contains a shorter
    misspelt alias of the same speaker is left out: searching the shorter one finds it too.

    >>> sp = pd.DataFrame({"name": ["Antony Blinken", "Wang Yi"],
    ...                    "aliases": ["Blinken;Anthony Blinken;Binken;the secretary", "Wang;Wang Ye;Ye"]})
    >>> misspelt_aliases(sp).values.tolist()
    [['Antony Blinken', 'Anthony Blinken', 'Antony', 'Anthony'], ['Antony Blinken', 'Binken', 'Blinken', 'Binken'], ['Wang Yi', 'Ye', 'Yi', 'Ye']]
    """
    rows = []
    for name, aliases in zip(speakers.get("name", []), speakers.get("aliases", [])):
        words, found = str(name).split(), []
        for alias in (a.strip() for a in str(aliases or "").split(";") if a.strip()):
            parts = alias.split()
            for i in range(len(words) - len(parts) + 1):
                pairs = [(w, p) for w, p in zip(words[i:i + len(parts)], parts) if w.lower() != p.lower()]
                if len(pairs) == 1 and _one_letter_off(*pairs[0]):
                    found.append((alias, *pairs[0]))
                    break
        shorter = {a.lower() for a, _, _ in found if len(a.split()) == 1}
        rows += [(name, a, w, m) for a, w, m in found
                 if len(a.split()) == 1 or not shorter & {p.lower() for p in a.split()}]
    return pd.DataFrame(rows, columns=["name", "alias", "word", "misspelling"])


def ranked_pairs(sim: pd.DataFrame) -> pd.DataFrame:
    """Each pair of different units of a :func:`analysis.similarity` frame once, most similar first (ties: by name).

    >>> sim = pd.DataFrame({"unit_a": ["a", "a", "b", "b"], "unit_b": ["b", "c", "a", "c"], "cosine": [0.2, 0.2, 0.2, 0.5]})
    >>> ranked_pairs(sim)[["unit_a", "unit_b"]].values.tolist()
    [['b', 'c'], ['a', 'b'], ['a', 'c']]
    """
    pairs = sim[sim["unit_a"].astype(str) < sim["unit_b"].astype(str)]
    return pairs.sort_values(["cosine", "unit_a", "unit_b"], ascending=[False, True, True]).reset_index(drop=True)


def strongest(frame: pd.DataFrame, column: str = "compound"):
    """The row with the largest absolute value of ``column`` (ties: the first); None when there is none.

    >>> strongest(pd.DataFrame({"text": ["a", "b", "c"], "compound": [0.4, -0.6, 0.6]})).text
    'b'
    """
    return None if frame[column].isna().all() else frame.loc[frame[column].abs().idxmax()]


def sentiment_gaps(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences by how far the two sentiment scores differ, ``gap`` = |compound − compound_diplomatic|, largest first (ties: reading order).

    >>> s = pd.DataFrame({"text": ["a", "b", "c"], "compound": [0.5, 0.2, -0.1], "compound_diplomatic": [0.5, -0.3, 0.4]})
    >>> sentiment_gaps(s)[["text", "gap"]].values.tolist()
    [['b', 0.5], ['c', 0.5], ['a', 0.0]]
    """
    gap = (sentences["compound"] - sentences["compound_diplomatic"]).abs().round(12)
    return sentences.assign(gap=gap).sort_values("gap", ascending=False, kind="stable")


def largest_sentiment_gap(sentences: pd.DataFrame):
    """The sentence where stock and diplomacy-aware VADER differ most (:func:`sentiment_gaps`); None when they never differ.

    >>> s = pd.DataFrame({"text": ["a", "b"], "compound": [0.5, 0.2], "compound_diplomatic": [0.5, 0.2]})
    >>> largest_sentiment_gap(s) is None
    True
    """
    gaps = sentiment_gaps(sentences)
    return gaps.iloc[0] if len(gaps) and gaps["gap"].iloc[0] > 0 else None


def corpus_labels(corpus_dir):
    """The corpus's ``annotations/sentence_labels.csv``, read with :func:`~analysis.measure.evaluate.load_labels`; None without it.

    >>> corpus_labels("/nonexistent") is None
    True
    """
    from analysis.measure.evaluate import load_labels

    path = Path(corpus_dir) / "annotations" / "sentence_labels.csv"
    return load_labels(path) if path.is_file() else None


def quieter_side(statements: pd.DataFrame, sides=SIDES):
    """The side with the fewest statements among the sides that speak (ties: the first of ``sides``); None when none does.

    >>> quieter_side(pd.DataFrame({"side": ["us", "us", "china"]})), quieter_side(pd.DataFrame({"side": ["us"]}))
    ('china', 'us')
    """
    counts = statements["side"].value_counts()
    spoken = [s for s in sides if counts.get(s, 0) > 0]
    return min(spoken, key=lambda s: counts[s]) if spoken else None


def _spans(statements: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """The matches inside statements, in reading order, with the statement's side and row position."""
    order = statements[[*_KEY, "side"]].reset_index(drop=True).rename_axis("row").reset_index()
    spans = order.merge(matches.drop(columns=["side"], errors="ignore"), on=_KEY)
    return spans.sort_values(["row", "start"], kind="stable")


def stance_pair(statements: pd.DataFrame, matches: pd.DataFrame):
    """A directive and a self-obligation to tell apart: ``(directive statement, self-obligation statement)``, each None when absent.

    Rule: the first directive (reading order) whose modal word (*must*, *need* …) also opens a self-obligation,
    with the first such self-obligation; failing that, the first directive and the first self-obligation.

    >>> st = pd.DataFrame({"doc_id": ["a"] * 3, "para": [1, 2, 3], "sent": [1, 1, 1], "side": ["us"] * 3,
    ...                    "text": ["You need to go.", "The US must stop.", "We must talk."]})
    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "para": [1, 2, 3], "sent": [1, 1, 1], "start": [4, 7, 3],
    ...                   "entry": ["need to", "must", "must"], "category": ["directive", "directive", "self_obligation"]})
    >>> [r.text for r in stance_pair(st, m)]
    ['The US must stop.', 'We must talk.']
    """
    spans = _spans(statements, matches)
    d, s = (spans[spans["category"] == c] for c in ("directive", "self_obligation"))
    modal = lambda entry: str(entry).lower().split()[0].rstrip("s")  # noqa: E731  ("needs to" -> "need")
    pair = next(((x, y) for x in d.itertuples() for y in s.itertuples() if modal(x.entry) == modal(y.entry)),
                (next(d.itertuples(), None), next(s.itertuples(), None)))
    return tuple(None if p is None else statements.iloc[p.row] for p in pair)


def _content_words(text: str) -> list[str]:
    """The words of ``text`` without English stop words and contractions (TF-IDF's stop list)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [w for w in tokenize(text) if w not in ENGLISH_STOP_WORDS and not re.search(r"['’\d]", w)]


def word_to_follow(statements: pd.DataFrame, matches: pd.DataFrame, stem: int = 6, sides=SIDES):
    """A word both sides use, to follow through idf, its forms and keyword in context; None when there is none.

    Rule: the content words inside the word lists' matches in statements, grouped into families by their first
    ``stem`` letters; among the families every side in ``sides`` uses, the one with the most different forms
    (then the most uses, then alphabetical); the word is its most used form (ties: alphabetical).

    >>> st = pd.DataFrame({"doc_id": ["a", "a"], "para": [1, 2], "sent": [1, 1], "side": ["us", "china"]})
    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "para": [1, 1, 2], "sent": [1, 1, 1], "start": [0, 9, 0],
    ...                   "text": ["stability", "stabilize", "stabilizing relations"]})
    >>> word_to_follow(st, m)
    'stability'
    """
    spans = _spans(statements, matches).drop_duplicates([*_KEY, "start", "text"])
    uses = Counter((w, side) for side, t in zip(spans["side"], spans["text"]) for w in _content_words(t))
    families: dict[str, dict] = {}
    for (w, side), k in uses.items():
        f = families.setdefault(w[:stem], {"forms": Counter(), "sides": set()})
        f["forms"][w] += k
        f["sides"].add(side)
    both = [(s, f) for s, f in families.items() if set(sides) <= f["sides"]]
    if not both:
        return None
    _, f = min(both, key=lambda sf: (-len(sf[1]["forms"]), -sum(sf[1]["forms"].values()), sf[0]))
    return min(f["forms"], key=lambda w: (-f["forms"][w], w))


def word_forms(terms, word: str, stem: int = 6) -> list[str]:
    """The forms of ``word`` to search one by one, since keyword in context does not stem: sorted.

    Rule: the ``terms`` that begin with the word's first ``stem`` letters, or have them after a prefix of one or
    two letters (*de-*, *ir-*; for a word shorter than ``stem``: that begin with the word); and the other
    spelling (-ize/-ise) of a form that ends in one, whether or not the corpus has it.

    >>> word_forms(["stability", "stabilize", "destabilizing", "stable", "correspondent"], "stability")
    ['destabilizing', 'stabilise', 'stability', 'stabilize']
    >>> word_forms(["clear", "clearly", "nuclear"], "clear")
    ['clear', 'clearly']
    """
    part = re.escape(word[:stem])
    forms = {t for t in terms if re.match(rf"\w{{0,{2 * (len(word) >= stem)}}}{part}", t)}
    forms |= {re.sub(r"i([sz])e$", lambda m: "i" + "zs"[m.group(1) == "z"] + "e", t) for t in forms}
    return sorted(forms)


def article_using_most(frame: pd.DataFrame, word: str):
    """The ``doc_id`` whose texts use ``word`` (a whole word) most often (ties: the earlier article); None when none does.

    >>> article_using_most(pd.DataFrame({"doc_id": ["a", "b", "b"], "text": ["Stability.", "No", "stability, stability"]}), "stability")
    'b'
    """
    word = word.lower()
    return most_frequent(d for d, t in zip(frame["doc_id"], frame["text"]) for w in tokenize(str(t)) if w == word)


def contrast_words(statements: pd.DataFrame, sides=SIDES) -> dict[str, str]:
    """Words whose idf differs by design: ``{"both": …, side: …}``, leaving out what the corpus lacks.

    Rule: the most frequent content word every side uses, and for each side the most frequent content word no
    other side uses (ties: alphabetical).

    >>> st = pd.DataFrame({"side": ["us", "china", "us"], "text": ["Talks on trade", "Talks, respect", "trade talks"]})
    >>> contrast_words(st)
    {'both': 'talks', 'us': 'trade', 'china': 'respect'}
    """
    counts = {s: Counter(w for t in statements.loc[statements["side"] == s, "text"] for w in _content_words(t))
              for s in sides}
    top = lambda c: min(c, key=lambda w: (-c[w], w)) if c else None  # noqa: E731
    out = {"both": top(Counter({w: sum(c[w] for c in counts.values()) for w in
                                set.intersection(*(set(c) for c in counts.values()))}))}
    for s in sides:
        others = set().union(*(counts[o] for o in sides if o != s))
        out[s] = top(Counter({w: k for w, k in counts[s].items() if w not in others}))
    return {k: v for k, v in out.items() if v}


def mixed_formula(statements: pd.DataFrame, matches: pd.DataFrame, overlay: dict):
    """A statement whose diplomatic-overlay terms pull in opposite directions: ``(row, odd term, phrase)`` or None.

    Rule: among statements with overlay terms (``overlay``: term → valence) of both signs, the one whose
    valences span the widest range (ties: reading order). The odd term is the one whose sign is in the minority
    (ties: the most negative); the phrase is the sentence's text from the first to the last term of the other sign.

    >>> st = pd.DataFrame({"doc_id": ["a"], "para": [1], "sent": [1], "side": ["us"],
    ...                    "text": ["Talks were candid, substantive and constructive."]})
    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "para": [1] * 3, "sent": [1] * 3, "category": ["diplomatic"] * 3,
    ...     "entry": ["candid", "substantive", "constructive"], "start": [11, 19, 35], "end": [17, 30, 47]})
    >>> row, odd, phrase = mixed_formula(st, m, {"candid": -0.8, "substantive": 0.8, "constructive": 1.5})
    >>> odd, phrase
    ('candid', 'substantive and constructive')
    """
    spans = _spans(statements, matches[matches["category"] == "diplomatic"])
    spans = spans.assign(valence=spans["entry"].map(overlay)).query("valence == valence and valence != 0")
    ranges = spans.groupby("row", sort=True)["valence"].agg(["min", "max"])
    ranges = ranges[(ranges["min"] < 0) & (ranges["max"] > 0)]
    if ranges.empty:
        return None
    row = (ranges["max"] - ranges["min"]).idxmax()
    terms = spans[spans["row"] == row]
    neg = terms["valence"] < 0
    odd_negative = neg.sum() <= (~neg).sum()
    odd = terms[neg].nsmallest(1, "valence") if odd_negative else terms[~neg].nlargest(1, "valence")
    rest = terms[~neg if odd_negative else neg]
    sentence = statements.iloc[row]
    return sentence, odd["entry"].iloc[0], sentence["text"][rest["start"].min():rest["end"].max()]


def two_way_word(statements: pd.DataFrame, stock: dict, overlay: dict, sides=SIDES):
    """A word every side uses that reads as praise alone and as blame in a phrase (or the reverse); None when there is none.

    Rule: among the words all ``sides`` use in statements, those that stock VADER (``stock``: word → valence)
    scores with one sign while an overlay phrase containing the word (``overlay``: term → valence) has the
    other; the largest gap |stock − phrase| first, then alphabetical.

    >>> st = pd.DataFrame({"side": ["us", "china"], "text": ["A responsible way.", "Who is responsible?"]})
    >>> two_way_word(st, {"responsible": 1.3, "way": 0.1}, {"who is responsible": -2.0, "way": -1})
    'responsible'
    """
    used = set.intersection(*({w for t in statements.loc[statements["side"] == s, "text"] for w in tokenize(t)}
                              for s in sides))
    gaps = {}
    for term, valence in overlay.items():
        words = set(tokenize(str(term)))
        for w in (words & used if len(words) > 1 else ()):
            if stock.get(w, 0) * valence < 0:
                gaps[w] = max(gaps.get(w, 0), abs(stock[w] - valence))
    return min(gaps, key=lambda w: (-gaps[w], w)) if gaps else None


def meeting_with_most_statements(statements: pd.DataFrame, meetings: pd.DataFrame | None = None, sides=SIDES):
    """The meeting to read first: the one where both sides have the most statements; None when no meeting has both.

    Rule: among meetings at which every side in ``sides`` has a statement, the most statements on the quieter
    side, then the most in all; ties: the earlier date in ``meetings`` (undated last), then the meeting id.

    >>> st = pd.DataFrame({"meeting_id": ["b", "b", "a", "a", "c"], "side": ["us", "china", "us", "china", "us"]})
    >>> meeting_with_most_statements(st, pd.DataFrame({"meeting_id": ["a", "b"], "date": ["2023-06-19", "2023-05"]}))
    'b'
    >>> meeting_with_most_statements(st[st.side == "us"]) is None
    True
    """
    placed = statements[statements["meeting_id"].fillna("").astype(str) != ""]
    counts = pd.crosstab(placed["meeting_id"], placed["side"]).reindex(columns=list(sides), fill_value=0)
    counts = counts[(counts > 0).all(axis=1)]
    if counts.empty:
        return None
    dates = {} if meetings is None else dict(zip(meetings["meeting_id"], meetings["date"].fillna("")))
    rank = lambda m: (-counts.loc[m].min(), -counts.loc[m].sum(), dates.get(m, "") or "~", m)  # noqa: E731
    return min(counts.index, key=rank)


def busiest_day(statements: pd.DataFrame, meetings: pd.DataFrame, sides=SIDES):
    """The day to pool: the date with the most events at which a statement is placed; None when no statement has a dated meeting.

    Rule: the dates in ``meetings`` (full ``YYYY-MM-DD`` dates; month or year dates only when there is no full
    one); days on which every side in ``sides`` speaks come first, then the most events with a statement, then
    the most statements; ties: the earlier date.

    >>> st = pd.DataFrame({"meeting_id": ["a", "b", "c", "c"], "side": ["us", "china", "us", "us"]})
    >>> m = pd.DataFrame({"meeting_id": ["a", "b", "c"], "date": ["2023-06-19", "2023-06-19", "2023-06"]})
    >>> busiest_day(st, m), busiest_day(st[st.meeting_id == "c"], m), busiest_day(st.iloc[:0], m)
    ('2023-06-19', '2023-06', None)
    """
    dates = statements["meeting_id"].map(dict(zip(meetings["meeting_id"], meetings["date"].fillna(""))))
    dated = statements.assign(day=dates.fillna("").astype(str)).query("day != ''")
    full = dated[dated["day"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    dated = full if len(full) else dated
    if dated.empty:
        return None
    days = dated.groupby("day").agg(sides=("side", lambda s: set(sides) <= set(s)),
                                    events=("meeting_id", "nunique"), n=("side", "size"))
    return min(days.index, key=lambda d: (not days.at[d, "sides"], -days.at[d, "events"], -days.at[d, "n"], d))
