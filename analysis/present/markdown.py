"""Corpus text inside notebook prose: shown as text, never run as HTML or read as Markdown.

Notebook cells build their prose with f-strings and display it as Markdown.
Anything that comes from a corpus (titles, notes, outlets, ids, sentences,
terms) goes through :func:`md_text` or :func:`md_code` first: a ``<script>``
or an ``<img onerror=...>`` in an article then shows as those characters in
the executed notebook and its HTML report, and ``*`` or ``[link](...)`` in a
note does not turn into emphasis or a link.

>>> md_text('<img src=x onerror="alert(1)"> *big* [link](http://x)')
'&lt;img src=x onerror="alert(1)"&gt; \\\\*big\\\\* \\\\[link\\\\](http://x)'
>>> md_code("cnn-`stability`<b>")
'<code>cnn-stability&lt;b&gt;</code>'
"""
from __future__ import annotations

import html
import re

#: Characters with a meaning in Markdown text; a backslash before each shows it as itself.
_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]{}|~#])")


def md_text(value) -> str:
    """``value`` as plain text inside Markdown: HTML escaped, Markdown marks escaped, on one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN_MARKS.sub(r"\\\1", html.escape(text, quote=False))


def md_code(value) -> str:
    """``value`` as inline code inside Markdown (an HTML ``<code>`` element with escaped content)."""
    return f"<code>{html.escape(' '.join(str(value).replace('`', '').split()), quote=False)}</code>"


def md_list(values, code: bool = False) -> str:
    """Several corpus values, escaped, joined by commas (``none`` when there are none)."""
    shown = [md_code(v) if code else md_text(v) for v in values]
    return ", ".join(shown) if shown else "none"
