"""Words and quotation marks: the one tokenizer and the one quote normaliser.

Every module that counts, matches or lists words uses :data:`WORD` (through
:func:`tokenize`, :func:`count_words` or :func:`token_spans`): word counts,
lexicon matching, keyword in context, TF-IDF and distinctive terms agree on
what a word is.

A word is one of:

* an abbreviation, alone or inside a compound: ``U.S.``, ``a.m.``,
  ``China-U.S.``, ``U.S.-China``, ``U.S.-led``;
* a number with inner separators: ``5.5``, ``1,000``, ``4:34``;
* letters and digits with inner apostrophes or hyphens: ``it’s``, ``win-win``,
  ``20-hour``.

>>> tokenize("China-U.S. ties: it’s a win-win, 1,000 days at 4:34 p.m.")
['china-u.s.', 'ties', 'it’s', 'a', 'win-win', '1,000', 'days', 'at', '4:34', 'p.m.']
"""
from __future__ import annotations

import re

#: One word (see the module docstring). Abbreviations come first so that the
#: full stops of "U.S." belong to the word; numbers before plain words so that
#: "1,000" stays whole.
WORD = re.compile(
    r"(?:\w+-)*(?:[A-Za-z]\.){2,}(?:-\w+)*"   # U.S., China-U.S., U.S.-led
    r"|\d+(?:[.,:]\d+)+"                       # 5.5, 1,000, 4:34
    r"|\w+(?:['’\-]\w+)*"                      # it's, win-win, 20-hour
)

# Typographic quotation marks and apostrophes and their ASCII forms. Each is one
# character for one, so offsets into the text stay valid after the change.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def ascii_apostrophes(text: str) -> str:
    """Curly apostrophes and single quotes as ``'`` (same length).

    >>> ascii_apostrophes("China’s")
    "China's"
    """
    return text.translate(_APOSTROPHES)


def ascii_quotes(text: str) -> str:
    """Curly single and double quotation marks as ASCII ones (same length).

    >>> ascii_quotes("don’t “win”")
    'don\\'t "win"'
    """
    return text.translate(_QUOTES)


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
