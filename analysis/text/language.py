"""Languages: which paragraphs and sentences are English, so the English tools score only those.

The corpus is English with, at times, a Chinese readout or a Chinese quotation in
it. Each paragraph gets a code (ISO 639-1 where the language has one: ``en``,
``zh``, ``fr``; else the identifier's ISO 639-3 code) from three steps:

1. **Script.** Letters are counted by script. No letter at all (a date, a lone
   code): ``""``. Chinese characters (and Japanese kana) making
   :data:`CJK_SHARE` of the letters or more: ``zh`` (``ja`` when kana are
   :data:`KANA_SHARE` of those). Scripts say this with certainty, and the
   identifiers tried are weakest exactly here (py3langid calls traditional
   characters ``yue`` and short lines ``wuu``).
2. **Plain English.** Latin-script text of :data:`SHORT_WORDS` words or more
   in which :data:`MARKER_SHARE` of the words (and :data:`MARKER_MIN` at least)
   are frequent English words found in no other language (``lexicons/english_markers.csv``:
   "the", "and", "said") is ``en`` without asking the identifier: it would say
   the same (measured), at ten times the cost, on nearly every paragraph.
3. **Identifier.** Otherwise py3langid (a naive Bayes model over byte n-grams,
   shipped in its wheel) names the language. Latin-script text stays ``en``
   unless py3langid names another language with confidence
   :data:`SHORT_CONFIDENCE` (under :data:`SHORT_WORDS` words) or
   :data:`LONG_CONFIDENCE`: on names-only lines ("Wang Yi", "Blinken") and
   three-word page furniture it guesses Javanese or Swahili with confidence
   under 0.3, and such lines are English in an English corpus. Text in
   another alphabet (Cyrillic, Hangul, Arabic, ...) takes py3langid's answer.

A sentence's language is cheaper: mostly CJK letters gives ``zh`` / ``ja``,
anything else its paragraph's (:func:`sentence_lang`).

``""`` (no letters) counts as English for scoring (:func:`is_english`): such a
sentence has no words any English tool would misread, and scoring it keeps
frames without a language the same as before.

``benchmarks/bench_language.py`` measures the identifiers tried, and the rules
above, on short paragraphs written for the tests.

>>> paragraph_lang("The two sides agreed to keep talking."), paragraph_lang("双方同意继续保持沟通。")
('en', 'zh')
>>> paragraph_lang("Wang Yi"), paragraph_lang("2023-06-19")
('en', '')
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from analysis.text.tokens import CJK_CHARS

_CJK = re.compile(f"[{CJK_CHARS}]+")
_KANA = re.compile("[\u3040-\u30ff]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]+")
_WORDS = re.compile(r"[^\W_]+")
#: A letter of neither the Latin nor a CJK script (Cyrillic, Greek, Hangul, Arabic, ...).
_OTHER_ALPHABET = re.compile(rf"[^\W\d_A-Za-z\u00c0-\u024f{CJK_CHARS}]")

#: CJK share of the letters from which text is Chinese (or Japanese): a Chinese word is about
#: 1.7 characters and an English one about 5 letters, so equal amounts of each give about 25%;
#: at 30% the CJK part is the larger.
CJK_SHARE = 0.3
#: Kana share of the CJK characters from which CJK text is Japanese: Chinese text has no kana,
#: Japanese prose has about a third; a tenth allows a kanji-heavy headline.
KANA_SHARE = 0.1
#: Latin-script text shorter than this many words is English unless the identifier is very sure:
#: names-only lines and page furniture run to five words, and py3langid guesses wildly on them.
SHORT_WORDS = 6
#: The confidence py3langid needs to call a short Latin-script line non-English: its wrong guesses
#: on 903 English lines (corpus, test pages, README, docs) reached 0.40 under six words; a
#: five-word French greeting got 0.99.
SHORT_CONFIDENCE = 0.9
#: The confidence it needs on longer Latin-script text: its wrong guesses on those English lines
#: of six words or more reached 0.16; the other-language test paragraphs got 0.88 and more.
LONG_CONFIDENCE = 0.5
#: Share of a Latin-script paragraph's words that are English markers (lexicons/english_markers.csv:
#: "the", "and", "said", ...) from which it is English without asking the identifier, which costs
#: ten times as much: 128 of the bundled corpus's 134 lines of six words or more reach it (398 of
#: 527 on tests/data/pages: the rest are mostly menus), and no paragraph of another language
#: written for the tests has a single marker.
MARKER_SHARE = 0.08
#: And at least this many markers: one English name ("The Times") in a French sentence is one.
MARKER_MIN = 2
#: Characters of a paragraph the identifier reads: a language shows in its first lines, and a
#: 100 KB one-line page would otherwise cost a hundred times a paragraph.
IDENTIFY_CHARS = 2000
#: A document is "mostly not English" when more than this share of its words is in paragraphs
#: of another language (words with no letters, such as dates, count for neither).
MOSTLY_SHARE = 0.5
#: py3langid labels read as English: ``en``; ``pcm`` (Nigerian Pidgin, an English-based creole it
#: gives terse English: "to change an exercise." at 0.52, and no readout is written in it); and
#: labels that name no language (``zxx`` no linguistic content, ``und`` undetermined).
_ENGLISH = frozenset({"en", "pcm", "zxx", "und"})
#: py3langid labels that are Chinese varieties (given for CJK text the script step already named).
_CHINESE = frozenset({"zh", "yue", "wuu", "nan", "hak", "gan", "cmn"})


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's bundled model with probabilities, loaded once, on first use (about 1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """py3langid's language and confidence for ``text`` (its first :data:`IDENTIFY_CHARS`),
    Chinese varieties as ``zh``.

    >>> identify("Le ministre est arrivé à Pékin pour une visite de deux jours.")[0]
    'fr'
    """
    code, conf = _identifier().classify(text[:IDENTIFY_CHARS])
    return ("zh" if code in _CHINESE else code), conf


def _run_length(pattern: re.Pattern, text: str) -> int:
    return sum(len(m) for m in pattern.findall(text))


def script_lang(text: str) -> str | None:
    """The language the script alone tells: ``""`` (no letters), ``zh`` or ``ja`` (mostly CJK),
    else None.

    >>> script_lang("12:30"), script_lang("王毅说，“中美关系很重要。”"), script_lang("Wang said “不”.")
    ('', 'zh', None)
    """
    if not _LETTERS.search(text):
        return ""
    if not _CJK.search(text):  # most paragraphs: two scans that stop early, no counting
        return None
    letters, cjk = _run_length(_LETTERS, text), _run_length(_CJK, text)
    if cjk / letters < CJK_SHARE:  # a quotient, so a share of exactly 3 in 10 is 0.3
        return None
    return "ja" if _run_length(_KANA, text) / cjk >= KANA_SHARE else "zh"


def paragraph_lang(text: str) -> str:
    """The language of one paragraph (see the module docstring): an ISO 639-1 code, or ``""``
    when it has no letters. Deterministic; the model is loaded once, nothing else is kept.

    >>> [paragraph_lang(t) for t in ("Blinken", "Share this page", "雙方同意繼續溝通。", "(3)")]
    ['en', 'en', 'zh', '']
    """
    return lang_by_rules(text, identify)


def lang_by_rules(text: str, identifier, markers: bool = True) -> str:
    """:func:`paragraph_lang` with another ``identifier`` (a function of the text giving
    ``(code, confidence)``): how ``benchmarks/bench_language.py`` puts other libraries in its place
    (and, with ``markers=False``, checks that step 2 changes no answer).

    >>> lang_by_rules("Bonjour à tous", lambda t: ("fr", 0.4)), lang_by_rules("Привет всем", lambda t: ("ru", 0.4))
    ('en', 'ru')
    """
    by_script = script_lang(text)
    if by_script is not None:
        return by_script
    if _OTHER_ALPHABET.search(text) and _run_length(_LATIN, text) * 2 < _run_length(_LETTERS, text):
        return identifier(text)[0]  # another alphabet: the script is evidence enough that it is not English
    words = _WORDS.findall(text[:IDENTIFY_CHARS].lower())
    if markers and len(words) >= SHORT_WORDS and _markers(words) >= max(MARKER_MIN, MARKER_SHARE * len(words)):
        return "en"  # plainly English: the identifier would say so too (measured), at ten times the cost
    code, conf = identifier(text)
    if code in _ENGLISH:
        return "en"
    return code if conf >= (SHORT_CONFIDENCE if len(words) < SHORT_WORDS else LONG_CONFIDENCE) else "en"


@lru_cache(maxsize=1)
def english_markers() -> frozenset[str]:
    """The words of ``lexicons/english_markers.csv``: frequent in English, not words elsewhere.

    >>> {"the", "said"} <= english_markers()
    True
    """
    path = resources.files("analysis") / "lexicons" / "english_markers.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["entry"].strip().lower() for row in csv.DictReader(fh) if row["entry"].strip())


def _markers(words: list[str]) -> int:
    markers = english_markers()
    return sum(1 for w in words if w in markers)


def sentence_lang(text: str, paragraph_lang: str) -> str:
    """A sentence's language: ``zh`` / ``ja`` when it is mostly CJK letters, else its paragraph's
    (a sentence with no letters too: a date in an English paragraph is part of it).

    >>> sentence_lang("中美关系很重要。", "en"), sentence_lang("Then he left.", "en"), sentence_lang("5.", "zh")
    ('zh', 'en', 'zh')
    """
    by_script = script_lang(text)
    return by_script if by_script else paragraph_lang


def is_english(code: str) -> bool:
    """Whether text of this language is scored by the English tools: ``en``, and ``""`` (no
    letters: nothing an English tool would misread). Missing values (NaN, None) count as ``""``.

    >>> [is_english(c) for c in ("en", "", "zh", "fr")]
    [True, True, False, False]
    """
    return not isinstance(code, str) or code in ("en", "")


def mostly_not_english(words_by_lang: dict[str, int]) -> bool:
    """Whether more than :data:`MOSTLY_SHARE` of a document's words are in non-English paragraphs.

    ``words_by_lang`` maps a paragraph language to the words of the document's paragraphs in it
    (``""`` counts for neither side). A document with no words is not "mostly not English" (it
    gets the warning for an empty document instead).

    >>> mostly_not_english({"zh": 300, "en": 40, "": 12}), mostly_not_english({"en": 50, "zh": 50})
    (True, False)
    """
    other = sum(n for code, n in words_by_lang.items() if not is_english(code))
    english = sum(n for code, n in words_by_lang.items() if code == "en")
    total = other + english
    return total > 0 and other > MOSTLY_SHARE * total
