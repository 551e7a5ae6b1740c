"""From the bytes of a raw file to the text every later stage reads, with every change said.

The raw file on disk is never changed; the text in memory is:

* decoded as UTF-8 (a byte-order mark is dropped). A file in another encoding
  is refused with a message that names the likely encoding (UTF-16, Windows-1252)
  and how to convert it;
* given LF line endings (CRLF and CR are turned into LF);
* stripped of NUL and other control characters (kept: tab and line breaks),
  which no article contains on purpose and which break CSV readers;
* stripped of invisible format characters: zero-width spaces and joiners,
  word joiners, bidirectional controls and soft hyphens. They hide words from
  matching (``can\\u200bdid`` is not ``candid``) and split words in two.

Offsets of paragraphs and sentences point into this normalised text.

>>> text, removed = normalise_characters("can\\u200bdid\\x00 talks\\u00ad")
>>> text, removed
('candid talks', {'control': 1, 'invisible': 2})
"""
from __future__ import annotations

import re

from analysis.errors import Problem

#: Control characters removed (C0 and C1 controls and DEL), except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Invisible format characters removed: zero-width space/non-joiner/joiner, LRM/RLM,
#: bidi embeddings, overrides and isolates, word joiner and invisible operators,
#: a byte-order mark inside the text, and the soft hyphen.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def normalise_characters(text: str) -> tuple[str, dict[str, int]]:
    """``text`` without control and invisible characters, and how many of each were removed."""
    removed = {"control": 0, "invisible": 0}
    if _CONTROL.search(text):
        text, removed["control"] = _CONTROL.subn("", text)
    if _INVISIBLE.search(text):
        text, removed["invisible"] = _INVISIBLE.subn("", text)
    return text, removed


def _guess_encoding(data: bytes) -> str | None:
    """A likely name for the encoding of bytes that are not UTF-8, or None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 8 and data.count(b"\x00") > len(data) // 4):
        return "UTF-16"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252 (cp1252)"


def decode_text(data: bytes, name: str, what: str = "file") -> tuple[str | None, Problem | None]:
    """The text of ``data`` with LF line endings, or a :class:`Problem` saying how to fix the encoding.

    >>> decode_text("café\\r\\n".encode("utf-16"), "raw/a.txt")[1].message
    'not UTF-8 text: it looks like UTF-16'
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        guess = _guess_encoding(data)
        if guess is None:
            return None, Problem(name, f"not UTF-8 text (byte 0x{data[err.start]:02x} at byte {err.start})",
                                 f"re-save the {what} as UTF-8 (e.g. in a text editor: Save with encoding UTF-8)",
                                 line=line)
        source = "UTF-16" if guess == "UTF-16" else "CP1252"
        return None, Problem(name, f"not UTF-8 text: it looks like {guess}",
                             f"convert it, e.g. `iconv -f {source} -t UTF-8 {name} > converted.txt`, or re-save "
                             f"it with encoding UTF-8 in a text editor", line=None if guess == "UTF-16" else line)
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), None
