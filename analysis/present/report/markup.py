"""Small HTML helpers for the report: every value escaped, numbers formatted one way.

Everything that comes from a corpus (text, titles, notes, ids, outlets,
speakers, terms) goes through :func:`esc` on its way into the page, in element
content and in attribute values alike (``quote=True`` escapes both kinds of
quotation mark). The helpers that take *markup* (:func:`table`, :func:`tag`)
take strings that are already escaped, and say so in their names.

>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> fmt_interval(0.1234, -0.05, 0.3)
'+0.123 [−0.050, +0.300]'
>>> fmt_rate(float("nan"), float("nan"), float("nan"))
'—'
"""
from __future__ import annotations

import html
import math
from typing import Iterable, Sequence

#: Shown where a value does not exist (a side with no statements, no words).
MISSING = "—"
#: Decimals of a sentiment score (VADER compound runs from −1 to +1: three decimals show a 0.001 change).
SCORE_DECIMALS = 3
#: Decimals of a rate per 100 words (one hedge in 300 words is 0.33).
RATE_DECIMALS = 2
#: The minus sign shown for negative numbers (typographic, so "−0.2" is not read as a dash).
MINUS = "\u2212"


def esc(value) -> str:
    """``value`` as text safe in HTML content and in a quoted attribute value (None is empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _finite(x) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def fmt_score(x, decimals: int = SCORE_DECIMALS, sign: bool = True) -> str:
    """A number with a fixed number of decimals and a typographic minus (``—`` when missing).

    >>> fmt_score(-0.5), fmt_score(0.25, 2, sign=False)
    ('−0.500', '0.25')
    """
    if not _finite(x):
        return MISSING
    text = f"{float(x):+.{decimals}f}" if sign else f"{float(x):.{decimals}f}"
    if text.lstrip("+-").strip("0.") == "":  # no "-0.000"
        text = text.replace("-", "+") if sign else text.replace("-", "")
    return text.replace("-", MINUS)


def fmt_interval(estimate, lo, hi, decimals: int = SCORE_DECIMALS, sign: bool = True) -> str:
    """``estimate [lo, hi]`` (the 95% interval), or ``—`` when there is no estimate."""
    if not _finite(estimate):
        return MISSING
    return (f"{fmt_score(estimate, decimals, sign)} "
            f"[{fmt_score(lo, decimals, sign)}, {fmt_score(hi, decimals, sign)}]")


def fmt_rate(estimate, lo, hi) -> str:
    """A rate per 100 words with its interval (never signed: rates are not negative)."""
    return fmt_interval(estimate, lo, hi, RATE_DECIMALS, sign=False)


def tag(name: str, inner_html: str = "", **attributes) -> str:
    """``<name attr="...">inner_html</name>``: attribute values are escaped, ``inner_html`` is not.

    A value of True writes the bare attribute, None or False leaves it out;
    ``class_`` and ``data_x`` become ``class`` and ``data-x``.

    >>> tag("li", "x &amp; y", class_="statement", data_side="us", hidden=False)
    '<li class="statement" data-side="us">x &amp; y</li>'
    """
    parts = [name]
    for key, value in attributes.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        parts.append(attr if value is True else f'{attr}="{esc(value)}"')
    return f"<{' '.join(parts)}>{inner_html}</{name}>"


def table(header_html: Sequence[str], rows_html: Iterable[Sequence[str]], class_: str = "data",
          caption_html: str = "") -> str:
    """A table from cells that are already HTML (escape corpus values with :func:`esc` first)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header_html)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows_html)
    caption = f"<caption>{caption_html}</caption>" if caption_html else ""
    return f'<table class="{esc(class_)}">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 statement``, ``2 statements`` (``many`` for an irregular plural).

    >>> plural(1, "statement"), plural(0, "speech", "speeches")
    ('1 statement', '0 speeches')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"
