"""Word lists as one regular expression shaped like a trie: faster than an alternation, the same matches.

Python's ``re`` tries the alternatives of ``a|b|c`` one after another at every position of the text; a
trie tries each shared prefix once ("state department" and "state media" share "state "), so a list of
hundreds of aliases or markers costs little more than a few words.
"""
from __future__ import annotations

import re


def trie_pattern(words) -> str:
    """One regular expression for a set of words, as a trie: each shared prefix is tried once.

    Where one word is a prefix of another the longer is tried first (so "State Department
    official" wins over "State Department"), as a longest-first alternation would; the trie
    is faster because the regex engine no longer tries every alias at every position.

    >>> trie_pattern(["us", "usa", "un"])
    'u(?:n|sa?)'
    >>> re.fullmatch(trie_pattern(["a", "ab"]), "ab") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    """The pattern of one trie node: its branches, longest continuation first, the end last."""
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) > 1:
        body = "(?:" + "|".join(branches) + ")"
    else:
        body = branches[0] if not ends or len(branches[0]) == 1 else "(?:" + branches[0] + ")"
    return body + "?" if ends else body
