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


def md_topic_order(table, meeting: str, by: str = "meeting_id") -> str:
    """A Markdown list: what each side's statements raise at one meeting, in order of first mention, and
    what only that side raises, from a :func:`~analysis.compare.topics.compare_topics` table.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"meeting_id": ["m"] * 3, "side": ["us", "us", "china"],
    ...                   "topic": ["fentanyl", "taiwan", "taiwan"], "mentioned": [True, True, True],
    ...                   "first_position": [1, 2, 1], "only_this_side": [True, False, False],
    ...                   "n_statements": [4, 4, 2]})
    >>> print(md_topic_order(t, "m"))
    - US statements (4): fentanyl (1), taiwan (2); only the US side: fentanyl
    - Chinese statements (2): taiwan (1)
    """
    here = table[table[by] == meeting]
    raised = here[here["mentioned"].astype(bool)].sort_values("first_position")
    lines = []
    for side, name in (("us", "US"), ("china", "Chinese")):
        mine = raised[raised["side"] == side]
        counts = here.loc[here["side"] == side, "n_statements"]
        n = int(counts.iloc[0]) if len(counts) else 0
        order = ", ".join(f"{md_text(t.replace('_', ' '))} ({int(p)})" for t, p in zip(mine["topic"], mine["first_position"]))
        only = [md_text(t.replace("_", " ")) for t, o in zip(mine["topic"], mine["only_this_side"]) if o is True]
        lines.append(f"- {name} statements ({n}): " + (order or "no topic of the list")
                     + (f"; only the {name} side: {', '.join(only)}" if only else ""))
    return "\n".join(lines)
