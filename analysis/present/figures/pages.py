"""Paging: many articles or meetings drawn over several figures of the same look (small multiples).

A figure that would hold too many panels or rows is drawn page by page. The
pages are balanced (their sizes differ by at most one), so no page is a lone
leftover, and no page holds more than ``per_page`` items:

>>> page_bounds(73, 12)[:2], len(page_bounds(73, 12)), page_bounds(5, 12)
([(0, 11), (11, 22)], 7, [(0, 5)])

Page 1 keeps the figure's own file name; later pages add ``_p2``, ``_p3`` ...:

>>> page_file_name("sentiment_along_articles", 1), page_file_name("sentiment_along_articles", 2)
('sentiment_along_articles', 'sentiment_along_articles_p2')
"""
from __future__ import annotations


def page_bounds(n: int, per_page: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of each page of ``n`` items, at most ``per_page`` a page, balanced."""
    if int(per_page) < 1:
        raise ValueError(f"per_page must be at least 1, got {per_page!r}")
    pages = max(1, -(-n // int(per_page)))
    base, extra = divmod(n, pages)
    bounds, start = [], 0
    for p in range(pages):
        stop = start + base + (p < extra)
        bounds.append((start, stop))
        start = stop
    return bounds


def pick_page(bounds: list[tuple[int, int]], page: int) -> tuple[int, int]:
    """``(start, stop)`` of ``page`` (1-based) among ``bounds``; ValueError naming the pages there are."""
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= len(bounds):
        raise ValueError(f"page must be a whole number from 1 to {len(bounds)}, got {page!r}")
    return bounds[page - 1]


def page_of(items: list, page: int, per_page: int) -> tuple[list, int, int]:
    """The items on ``page`` (1-based), the number of pages, and the index of the page's first item."""
    bounds = page_bounds(len(items), per_page)
    start, stop = pick_page(bounds, page)
    return items[start:stop], len(bounds), start


def page_title(title: str, page: int, pages: int) -> str:
    """``title`` with ``(page 2 of 7)`` when there is more than one page."""
    return title if pages == 1 else f"{title} (page {page} of {pages})"


def page_file_name(name: str, page: int) -> str:
    """The file name of a figure's ``page``: the name itself for page 1, else ``name_p<page>``."""
    return name if page == 1 else f"{name}_p{page}"


#: Meetings per page of the figures with one heading and two side rows per meeting (topics_by_side,
#: demands_by_side): as many as stay legible within the size's height.
MEETINGS_PER_PAGE = {"paper": 10, "column": 10, "slide": 4}
#: Width (in em) those figures keep left of their rows for the labels ("China (n = 18)").
ROW_LABEL_EMS = 10


def meeting_heading(rows, group: str) -> str:
    """A meeting's heading row: ``date · meeting_id`` (the date from the rows' ``date`` column, when known).

    >>> import pandas as pd
    >>> meeting_heading(pd.DataFrame({"date": ["2023-06-19"]}), "blinken-xi-meeting"), meeting_heading(pd.DataFrame(), "")
    ('2023-06-19 · blinken-xi-meeting', '(no meeting)')
    """
    date = str(rows["date"].iloc[0]) if "date" in rows.columns and len(rows) and str(rows["date"].iloc[0]) not in ("", "nan") else ""
    return f"{date} · {group}" if date else (group or "(no meeting)")
