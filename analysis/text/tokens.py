"""Words and quotation marks: the one tokenizer and the one quote normaliser.

Every module that counts, matches or lists words uses :data:`WORD` (through
:func:`tokenize`, :func:`count_words` or :func:`token_spans`): word counts,
lexicon matching, keyword in context, TF-IDF and distinctive terms agree on
what a word is.

A word is one of:

* an abbreviation, alone or inside a compound: ``U.S.``, ``a.m.``,
  ``China-U.S.``, ``U.S.-China``, ``U.S.-led``, and its possessive ``U.S.’s``
  (as ``China’s`` is one word); an abbreviation written with a dash
  (``China–U.S.``) is two words, since a dash also joins ranges (``2021–2023``);
* a number with inner separators: ``5.5``, ``1,000``, ``4:34``;
* letters and digits with inner apostrophes or hyphens: ``it’s``, ``win-win``,
  ``20-hour``;
* one Chinese (Han) or Japanese kana character: text in these scripts has no
  spaces between words, so a character is the unit that word counts can agree
  on (a Chinese paragraph of 60 characters counts 60 words, not the two or three
  runs between its commas). English tools do not score such text (see
  :mod:`analysis.text.language`); the count serves the sizes and the language
  share of a document.

>>> tokenize("China-U.S. ties: it’s a win-win, 1,000 days at 4:34 p.m.")
['china-u.s.', 'ties', 'it’s', 'a', 'win-win', '1,000', 'days', 'at', '4:34', 'p.m.']
>>> tokenize("中美关系，2023年")
['中', '美', '关', '系', '2023', '年']
"""
from __future__ import annotations

import re

#: One word (see the module docstring). Abbreviations come first so that the
#: full stops of "U.S." belong to the word; numbers before plain words so that
#: "1,000" stays whole.
#: Scripts written without spaces between words, where one character is counted as one word:
#: Han ideographs (and their extensions and compatibility forms), hiragana and katakana.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\U00020000-\U0002ebef"
WORD = re.compile(
    r"(?:\w+-)*(?:[A-Za-z]\.){2,}(?:-\w+)*(?:['’]s\b)?"   # U.S., China-U.S., U.S.-led, U.S.’s
    r"|\d+(?:[.,:]\d+)+"                       # 5.5, 1,000, 4:34
    rf"|[{CJK_CHARS}]"                         # 中, 美: one character, one word
    rf"|[^\W{CJK_CHARS}]+(?:['’\-][^\W{CJK_CHARS}]+)*"  # it's, win-win, 20-hour
)

# Typographic quotation marks and apostrophes and their ASCII forms. Each is one
# character for one, so offsets into the text stay valid after the change.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def ascii_apostrophes(text: str) -> str:
    """Curly apostrophes and single quotes as ``'`` (same length).

    >>> ascii_apostrophes("China’s")
    "China's"
    """
    # str.replace, not str.translate: the same result, dozens of times faster on long text (translate
    # looks every character up in a dict; replace searches for two characters).
    return text.replace("’", "'").replace("‘", "'")


def ascii_quotes(text: str) -> str:
    """Curly single and double quotation marks as ASCII ones (same length).

    >>> ascii_quotes("don’t “win”")
    'don\\'t "win"'
    """
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def tokenize(text: str, lower: bool = True) -> list[str]:
    """The words of ``text``, lower-cased by default.

    >>> tokenize("It’s a work-in-progress: U.S. talks, 5.5 hours.")
    ['it’s', 'a', 'work-in-progress', 'u.s.', 'talks', '5.5', 'hours']
    """
    words = WORD.findall(text)
    return [w.lower() for w in words] if lower else words


def count_words(text: str) -> int:
    """Number of words (see :data:`WORD`).

    >>> count_words("It’s a work-in-progress: U.S. talks, 5.5 hours.")
    7
    """
    return sum(1 for _ in WORD.finditer(text))


def token_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Words as ``(start, end, lower, original)``; ``lower`` has ASCII apostrophes.

    >>> [t[2] for t in token_spans("It’s a win-win, at 4:34 pm.")]
    ["it's", 'a', 'win-win', 'at', '4:34', 'pm']
    """
    return [(m.start(), m.end(), ascii_apostrophes(m.group().lower()), m.group()) for m in WORD.finditer(text)]
