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
intensifiers, capitals) then apply to the placeholder as to any word.

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
from functools import lru_cache

from analysis.text.tokens import ascii_quotes
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
    # a cheap pre-filter: the longest word of each phrase must occur in the text
    markers = tuple(sorted({max(e.tokens, key=len) for e in phrases}))
    return analyzer, phrase_lex, placeholders, markers


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
    _, phrase_lex, placeholders, markers = _diplomatic(overlay_lexicon(overlay))
    text = prepare(text)
    low = text.lower()
    for marker in markers:
        if marker in low:
            break
    else:
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


def diplomatic_scores(text: str, overlay=None) -> dict:
    """Diplomacy-aware VADER scores: neg, neu, pos, compound (``overlay`` as in :func:`overlay_lexicon`)."""
    lex = overlay_lexicon(overlay)
    return diplomatic_analyzer(lex).polarity_scores(rewrite_phrases(text, lex))


def overlay_matches(text: str, overlay=None) -> list[Match]:
    """The overlay entries found in ``text`` (words and phrases), with valences."""
    return find_spans(prepare(text), [overlay_lexicon(overlay)])


def stock_valence(entry: str) -> dict[str, float]:
    """VADER's own valence for each word of an overlay entry that it knows.

    >>> stock_valence("who is responsible")
    {'responsible': 1.3}
    """
    lex = stock_analyzer().lexicon
    return {t: lex[t] for t in (w.lower() for w in prepare(entry).replace("-", " ").split()) if t in lex}
