"""Title, outlet and publication date of a page, from its meta tags, JSON-LD, title and time elements."""
from __future__ import annotations

import datetime as dt
import json
import re

from analysis.text.html.extract import _parse
from analysis.text.html.parser import PageInfo, _MONTHS, _SPACE

def page_metadata(html: str) -> PageInfo:
    """The title, outlet and publication date a page declares, each with where it came from.

    Title: ``og:title``, else JSON-LD ``headline``, else the first ``<h1>``, else ``<title>`` (without a
    trailing ``| Site`` part naming the outlet). Outlet: ``og:site_name``, else JSON-LD ``publisher``,
    else ``application-name``. Published: ``article:published_time``, else JSON-LD ``datePublished``,
    else a date meta tag, else the first ``<time>`` in the article. Empty when the page does not say.

    >>> info = page_metadata('<head><title>Talks resume | Example News</title>'
    ...                      '<meta property="og:site_name" content="Example News"></head>'
    ...                      '<body><time datetime="2023-06-19T08:00:00Z">June 19</time></body>')
    >>> info.title, info.outlet, info.published, info.sources["published"]
    ('Talks resume', 'Example News', '2023-06-19', '<time>')
    """
    parser = _parse(html)
    meta, ld = parser.meta, _json_ld(parser.json_ld)
    info = PageInfo()
    outlet = _first([("og:site_name", meta.get("og:site_name")), ("JSON-LD publisher", ld.get("publisher")),
                     ("application-name", meta.get("application-name"))])
    if outlet:
        info.sources["outlet"], info.outlet = outlet
    title = _first([("og:title", meta.get("og:title")), ("twitter:title", meta.get("twitter:title")),
                    ("JSON-LD headline", ld.get("headline")), ("<h1>", parser.h1),
                    ("<title>", _without_site(parser.page_title, info.outlet))])
    if title:
        info.sources["title"], info.title = title
        site = _site_after(parser.page_title, info.title)
        if site and not info.outlet:  # "Talks resume - Example Daily": what follows the headline names the site
            info.sources["outlet"], info.outlet = "<title> after the headline", site
    dates = [("article:published_time", meta.get("article:published_time")),
             ("JSON-LD datePublished", ld.get("datePublished"))]
    dates += [(f"meta {k}", meta.get(k)) for k in ("itemprop:datepublished", "datepublished", "pubdate",
                                                  "publishdate", "date", "dc.date.issued", "dc.date",
                                                  "sailthru.date", "parsely-pub-date")]
    # A <time> inside an article before one outside it (a teaser's, a clock's).
    dates += [("<time>", t) for a, t in sorted(parser.times, key=lambda at: at[0] is None)]
    for where, value in dates:
        day = iso_date(value or "")
        if day:
            info.sources["published"], info.published = where, day
            break
    return info


def _first(candidates: list[tuple[str, str | None]]) -> tuple[str, str] | None:
    for where, value in candidates:
        value = _SPACE.sub(" ", value or "").strip()
        if value:
            return where, value
    return None


def _without_site(title: str, outlet: str) -> str:
    """``Talks resume | Example News`` -> ``Talks resume`` (a last part after | – — or - that names the site)."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (not outlet or parts[-1].strip().lower() == outlet.lower()
                           or outlet.lower() in parts[-1].lower()):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title


def _site_after(page_title: str, headline: str) -> str:
    """``Example Daily`` from the <title> ``Talks resume - Example Daily`` when the headline is ``Talks resume``."""
    m = re.fullmatch(re.escape(_SPACE.sub(" ", headline).strip()) + r"\s+[|–—-]\s+(.{2,60})", page_title)
    return m.group(1).strip() if m else ""


def _json_ld(blocks: list[str]) -> dict[str, str]:
    """headline, datePublished and publisher name of the first JSON-LD article object that has them."""
    found: dict[str, str] = {}
    todo: list = []
    for block in blocks:
        try:
            todo.append(json.loads(block))
        except ValueError:
            continue
    seen = 0
    while todo and seen < 1000:  # bounded: a page's JSON-LD is small
        item = todo.pop(0)
        seen += 1
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                todo.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
            pub = item.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                found.setdefault("publisher", pub["name"])
            elif isinstance(pub, str):
                found.setdefault("publisher", pub)
    return found


def iso_date(text: str) -> str:
    """A date written in one of the ways pages write it, as YYYY-MM-DD; "" when it is none.

    The date part is taken as written (the publisher's own calendar day), without converting time zones.

    >>> iso_date("2023-06-18T22:05:00-04:00"), iso_date("June 18, 2023"), iso_date("18 June 2023"), iso_date("soon")
    ('2023-06-18', '2023-06-18', '2023-06-18', '')
    """
    text = text.strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text)
        n = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", text)
        if m and _month(m.group(1)):
            y, mo, d = int(m.group(3)), _month(m.group(1)), int(m.group(2))
        elif n and _month(n.group(2)):
            y, mo, d = int(n.group(3)), _month(n.group(2)), int(n.group(1))
        else:
            return ""
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def _month(word: str) -> int:
    word = word.lower()
    return next((n for name, n in _MONTHS.items() if len(word) >= 3 and name.startswith(word)), 0)
