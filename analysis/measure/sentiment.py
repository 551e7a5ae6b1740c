"""Stock and diplomacy-aware VADER sentiment.

Stock: vaderSentiment 3.3.2 (Hutto & Gilbert 2014) with its own lexicon. One
analyzer per process (cached); vaderSentiment is imported only here, inside
functions, so ``import analysis`` stays light.

Diplomacy-aware: a second analyzer whose lexicon is a *copy* of VADER's,
updated with ``analysis/lexicons/diplomatic_valence.csv`` (``term, valence,
gloss, source``). VADER looks words up one at a time, so multi-word entries
("who is responsible", "mutual respect", "win-win") are found first with the
project's matcher and each occurrence is replaced by a placeholder token made
of letters only (``dipzzaa``, ``dipzzab`` ...) that is registered in the copied
lexicon with the entry's valence. VADER's own rules (negation, "but",
intensifiers, capitals) then apply to the placeholder as to any word (what
that does to overlay terms: :mod:`analysis.measure.overlay_rules`).

Text preparation, for both passes: typographic quotes and apostrophes become
ASCII ones, because VADER strips only ASCII punctuation from word edges and
recognises negation only in ``n't`` (so ``don’t`` would not negate). The
difference between ``compound`` and ``compound_diplomatic`` therefore comes
from the overlay alone.

>>> round(stock_scores("It is clear who is responsible.")["compound"], 2)
0.6
>>> diplomatic_scores("It is clear who is responsible.")["compound"] < 0
True
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache

from analysis.text.tokens import ascii_quotes
from analysis.text.tries import trie_pattern
from pathlib import Path

from analysis.measure.lexicon import Lexicon, load_lexicon
from analysis.measure.matching import _GLUE, Match, _combined, entry_key, find_spans

THRESHOLD = 0.05
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def label(compound: float) -> str:
    """VADER's usual label: positive at ≥ 0.05, negative at ≤ -0.05, else neutral.

    >>> label(0.05), label(-0.2), label(0.0)
    ('positive', 'negative', 'neutral')
    """
    if compound >= THRESHOLD:
        return "positive"
    if compound <= -THRESHOLD:
        return "negative"
    return "neutral"


def prepare(text: str) -> str:
    """Typographic quotes/apostrophes to ASCII (same length, so offsets hold).

    >>> prepare("don’t “win”")
    'don\\'t "win"'
    """
    return ascii_quotes(text)


@lru_cache(maxsize=1)
def stock_analyzer():
    """The process's one stock ``SentimentIntensityAnalyzer``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _placeholder(i: int) -> str:
    s = ""
    i += 26 * 26  # always at least three letters after the prefix
    while i:
        i, r = divmod(i, 26)
        s = _LETTERS[r] + s
    return "dipzz" + s


def overlay_lexicon(overlay: Lexicon | str | Path | None = None) -> Lexicon:
    """The diplomatic valence overlay: the bundled ``diplomatic_valence.csv`` (None),
    another CSV with the same columns (a path), or a loaded :class:`Lexicon`.

    >>> overlay_lexicon().name
    'diplomatic_valence'
    """
    if isinstance(overlay, Lexicon):
        return overlay
    if overlay is not None and not isinstance(overlay, (str, Path)):
        raise ValueError(f"overlay must be None, a CSV path or a Lexicon; got {type(overlay).__name__}")
    return load_lexicon("diplomatic_valence" if overlay is None else overlay)


@lru_cache(maxsize=8)
def _diplomatic(lex: Lexicon):
    """(analyzer, phrase lexicon, placeholder by entry tokens, markers) for the diplomatic pass.

    A valence of 0 *removes* the word from the copied lexicon (VADER's
    intensifier rule would otherwise give "very clear" a small positive score)."""
    analyzer = copy.copy(stock_analyzer())
    analyzer.lexicon = dict(stock_analyzer().lexicon)
    placeholders: dict[tuple[str, ...], str] = {}
    phrases = []
    for i, e in enumerate(lex.entries):
        if len(e.tokens) == 1 and "-" not in e.entry and "'" not in e.entry:
            if e.valence == 0:
                analyzer.lexicon.pop(e.tokens[0], None)
            else:
                analyzer.lexicon[e.tokens[0]] = e.valence
        else:
            ph = _placeholder(i)
            placeholders[e.tokens] = ph
            if e.valence != 0:
                analyzer.lexicon[ph] = e.valence
            phrases.append(e)
    phrase_lex = Lexicon("diplomatic_valence", phrases, lex.path)
    # a cheap pre-filter: the longest word of each phrase must occur in the text (one scan for all)
    markers = sorted({max(e.tokens, key=len) for e in phrases})
    marker_rx = re.compile(trie_pattern(markers)) if markers else None
    return analyzer, phrase_lex, placeholders, marker_rx


def diplomatic_analyzer(overlay=None):
    """The diplomacy-aware analyzer for an overlay (stock lexicon copied + overlay);
    built once per overlay content."""
    return _diplomatic(overlay_lexicon(overlay))[0]


def stock_scores(text: str) -> dict:
    """Stock VADER scores: neg, neu, pos, compound."""
    return stock_analyzer().polarity_scores(prepare(text))


def rewrite_phrases(text: str, overlay=None) -> str:
    """Replace overlay phrases by their placeholder tokens (the text VADER sees).

    >>> rewrite_phrases("It is clear who is responsible.")[:16]
    'It is clear dipz'
    """
    return _rewrite_prepared(prepare(text), overlay_lexicon(overlay))


def _rewrite_prepared(text: str, lex: Lexicon) -> str:
    """:func:`rewrite_phrases` of a text already through :func:`prepare`."""
    _, phrase_lex, placeholders, marker_rx = _diplomatic(lex)
    low = text.lower()
    if marker_rx is None or marker_rx.search(low) is None:
        return text
    regex, _, _, fast = _combined((phrase_lex,))
    if len(low) != len(text):
        return _rewrite_slow(text, phrase_lex, placeholders)
    out, pos, n = [], 0, len(text)
    for rm in regex.finditer(low):
        a, b = rm.span()
        if (a >= 2 and text[a - 1] in _GLUE and text[a - 2].isalnum()) or \
                (b + 1 < n and text[b] in _GLUE and text[b + 1].isalnum()):
            continue
        out.append(text[pos:a])
        hit = fast.get(low[a:b])
        out.append(placeholders[hit[1].tokens if hit is not None else entry_key(low[a:b])])
        pos = b
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _rewrite_slow(text: str, phrase_lex, placeholders) -> str:
    out, pos = [], 0
    for m in find_spans(text, [phrase_lex]):
        out.append(text[pos:m.start])
        out.append(placeholders[entry_key(m.text)])
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=8)
def _changed_words(lex: Lexicon) -> frozenset:
    """The lower-case words whose presence or valence differs between the stock and diplomatic lexicons."""
    stock, dip = stock_analyzer().lexicon, _diplomatic(lex)[0].lexicon
    return frozenset(k for k in stock.keys() | dip.keys() if stock.get(k) != dip.get(k))


@lru_cache(maxsize=1)
def _emoji_chars() -> frozenset:
    """The emoji VADER replaces, as the single characters its loop looks up."""
    return frozenset(k for k in stock_analyzer().emojis if len(k) == 1)


def _without_emoji(analyzer, text: str) -> str:
    """The first step of VADER's ``polarity_scores``: emoji as their descriptions, then strip.
    The same string, without the loop over characters, when the text has no emoji."""
    if text.isascii() or _emoji_chars().isdisjoint(text):  # every emoji VADER knows is outside ASCII
        return text.strip()
    out, prev_space = "", True
    for ch in text:  # VADER 3.3.2's loop, as it is
        if ch in analyzer.emojis:
            out += ("" if prev_space else " ") + analyzer.emojis[ch]
            prev_space = False
        else:
            out += ch
            prev_space = ch == " "
    return out.strip()


@lru_cache(maxsize=1)
def _vader_module():
    """vaderSentiment's module, imported on first use (``import analysis`` stays light)."""
    from vaderSentiment import vaderSentiment

    return vaderSentiment


def _valences(analyzer, sentitext, indices, out: list | None = None) -> list:
    """The valences VADER's loop gives the words at ``indices`` (before its "but" rule), written into
    ``out`` (a list as long as the words) or a new list."""
    vader, lexicon = _vader_module(), analyzer.lexicon
    words = sentitext.words_and_emoticons
    low = [w.lower() for w in words]
    out = [0] * len(words) if out is None else out
    last = len(words) - 1
    for i in indices:
        item = low[i]
        # a word outside the lexicon gets 0 from sentiment_valence, whatever is around it
        if item not in lexicon or item in vader.BOOSTER_DICT or (i < last and item == "kind" and low[i + 1] == "of"):
            out[i] = 0
        else:
            out[i] = _word_valence(lexicon, words, low, i, sentitext.is_cap_diff)
    return out


@lru_cache(maxsize=1)
def _negations() -> frozenset:
    return frozenset(_vader_module().NEGATE)


def _negated(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-case word."""
    return word in _negations() or "n't" in word


def _word_valence(lexicon: dict, words: list, low: list, i: int, is_cap_diff: bool) -> float:
    """VADER 3.3.2's ``sentiment_valence`` for a lexicon word, rule for rule and in its order of
    arithmetic, with the words lower-cased once per sentence instead of once per rule (VADER's
    own rules lower-case the whole sentence for each lexicon word: quadratic in its length)."""
    vader = _vader_module()
    item = low[i]
    valence = lexicon[item]
    if item == "no" and i != len(words) - 1 and low[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") \
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in ["or", "nor"]):
        valence = lexicon[item] * vader.N_SCALAR
    if words[i].isupper() and is_cap_diff:
        valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
    for start_i in range(0, 3):
        if i > start_i and low[i - (start_i + 1)] not in lexicon:
            s = vader.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, low, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, low, i)
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":  # VADER's _least_check
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * vader.N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * vader.N_SCALAR
    return valence


def _negation_check(valence: float, low: list, start_i: int, i: int) -> float:
    """VADER 3.3.2's ``_negation_check`` on the lower-cased words."""
    n_scalar = _vader_module().N_SCALAR
    if start_i == 0:
        if _negated(low[i - 1]):
            valence = valence * n_scalar
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * n_scalar
    if start_i == 2:
        if low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this") or \
                (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * n_scalar
    return valence


def _special_idioms_check(valence: float, low: list, i: int) -> float:
    """VADER 3.3.2's ``_special_idioms_check`` on the lower-cased words (called with ``i >= 3``)."""
    vader = _vader_module()
    special, boosters = vader.SPECIAL_CASES, vader.BOOSTER_DICT
    twoone, threetwo = f"{low[i - 2]} {low[i - 1]}", f"{low[i - 3]} {low[i - 2]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    for seq in (f"{low[i - 1]} {low[i]}", f"{low[i - 2]} {low[i - 1]} {low[i]}", twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _finish(analyzer, sentitext, valences: list, text: str) -> dict:
    """VADER's last steps: the "but" rule (on a copy of the valences) and the scores."""
    return analyzer.score_valence(analyzer._but_check(sentitext.words_and_emoticons, list(valences)), text)


def _vader(analyzer, text: str) -> dict:
    """``analyzer.polarity_scores(text)``, step by step (the same result, tested on every sentence)."""
    clean = _without_emoji(analyzer, text)
    sentitext = _vader_module().SentiText(clean)
    return _finish(analyzer, sentitext, _valences(analyzer, sentitext, range(len(sentitext.words_and_emoticons))),
                   clean)


#: A word's valence in VADER depends on the lexicon entries of the three words before it, itself and
#: the word after it ("no" looks ahead one): a changed word can change the valences from one before it
#: to three after it.
_REACH_BEFORE, _REACH_AFTER = 1, 3


def sentiment_pair(text: str, overlay=None) -> tuple[dict, dict]:
    """``(stock_scores(text), diplomatic_scores(text, overlay))`` with VADER's shared work done once.

    When the overlay rewrites no phrase, both passes see the same words: the diplomatic valences are
    the stock ones, recomputed only around the words whose lexicon entry the overlay changes (and
    equal to them when there is none).

    >>> s, d = sentiment_pair("It is clear who is responsible.")
    >>> s == stock_scores("It is clear who is responsible."), d == diplomatic_scores("It is clear who is responsible.")
    (True, True)
    """
    lex = overlay_lexicon(overlay)
    stock, dip = stock_analyzer(), _diplomatic(lex)[0]
    prepared = prepare(text)
    clean = _without_emoji(stock, prepared)
    sentitext = _vader_module().SentiText(clean)
    words = sentitext.words_and_emoticons
    base = _valences(stock, sentitext, range(len(words)))
    s = _finish(stock, sentitext, base, clean)
    rewritten = _rewrite_prepared(prepared, lex)
    if rewritten != prepared:
        return s, _vader(dip, rewritten)
    changed = _changed_words(lex)
    hits = [j for j, w in enumerate(words) if w.lower() in changed]
    if not hits:
        return s, dict(s)
    redo = sorted({i for j in hits for i in range(max(0, j - _REACH_BEFORE), min(len(words), j + _REACH_AFTER + 1))})
    return s, _finish(dip, sentitext, _valences(dip, sentitext, redo, list(base)), clean)


def diplomatic_scores(text: str, overlay=None) -> dict:
    """Diplomacy-aware VADER scores: neg, neu, pos, compound (``overlay`` as in :func:`overlay_lexicon`)."""
    lex = overlay_lexicon(overlay)
    return diplomatic_analyzer(lex).polarity_scores(rewrite_phrases(text, lex))


def overlay_matches(text: str, overlay=None) -> list[Match]:
    """The overlay entries found in ``text`` (words and phrases), with valences; matched on the prepared
    text (ASCII quotes), each ``text`` as ``text`` has it (a phrase may span a quotation mark)."""
    return [m._replace(text=text[m.start:m.end]) for m in find_spans(prepare(text), [overlay_lexicon(overlay)])]


def stock_valence(entry: str) -> dict[str, float]:
    """VADER's own valence for each word of an overlay entry that it knows.

    >>> stock_valence("who is responsible")
    {'responsible': 1.3}
    """
    lex = stock_analyzer().lexicon
    return {t: lex[t] for t in (w.lower() for w in prepare(entry).replace("-", " ").split()) if t in lex}
