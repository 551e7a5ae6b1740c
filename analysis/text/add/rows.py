"""The new articles.csv row of a source: title, outlet and date from the options, the page or the text; a unique slug."""
from __future__ import annotations

import datetime as dt
import unicodedata
import urllib.parse
from pathlib import Path

from analysis.text.clean import HEADLINE_MAX_WORDS
from analysis.text.html import decode_html, extract, page_metadata
from analysis.text.normalise import decode_text, normalise_characters
from analysis.text.tokens import count_words
from analysis.text.add.options import (
    AddError, Fetched, MAX_SLUG_CHARS, MAX_TITLE_CHARS, _SLUG_DROP, _clean_line,
)
from analysis.text.add.sources import is_url

# --------------------------------------------------------------------------- the new rows




def slug(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """A doc_id made from a title or a name: lower-case ASCII words joined by ``-``.

    >>> slug("Blinken’s long-awaited visit to China has been confirmed by top US diplomat")
    'blinkens-long-awaited-visit-to-china-has-been'
    >>> slug("中美会谈"), slug("Ça va: Ōsaka talks")
    ('', 'ca-va-osaka-talks')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in _SLUG_DROP.split(ascii_text) if w]
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > max_chars:
            break
        out = candidate
    return out or (words[0][:max_chars] if words else "")


def _unique(base: str, taken: set[str], suffix: str = "") -> str:
    """``base + suffix``, or ``base-2 + suffix``, ``base-3 + suffix``, ... not in ``taken`` (compared in lower case)."""
    lowered = {t.lower() for t in taken}
    name, n = f"{base}{suffix}", 1
    while name.lower() in lowered:
        n += 1
        name = f"{base}-{n}{suffix}"
    return name


def _first_line_title(text: str) -> tuple[str, str]:
    """The first non-empty line as the title when it can be one, else ``unknown``."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    first = _clean_line(first)
    if first and count_words(first) <= HEADLINE_MAX_WORDS and len(first) <= MAX_TITLE_CHARS:
        return first, "the first line of the text"
    return "unknown", ""


def _text_of(data: bytes, suffix: str, source: str, charset: str = "") -> tuple[str, list[tuple[str, str]], str]:
    """(the text the corpus will read, the HTML parts left out, the HTML itself or "") of a source."""
    if suffix == ".html":
        html, problem = decode_html(data, source)
        if problem is None:
            result = extract(html)
            text, left_out = result.text, result.left_out
        else:
            text, left_out, html = None, [], ""
    else:
        text, problem = decode_text(data, source, "article")
        left_out, html = [], ""
    if problem is not None:
        hint = problem.hint
        if charset and charset not in ("utf-8", "utf8"):
            hint = (f"the server said the page is in {charset}, which the page itself does not declare: save it "
                    "from a browser as UTF-8 and add that file")
        raise AddError(f"{source}: {problem.message}; {hint}")
    text, _ = normalise_characters(text)
    if not text.strip():
        what = ("no article text in the page (only page furniture: menus, links, captions)"
                if suffix == ".html" else "the file is empty")
        raise AddError(f"{source}: {what}; add a file that holds the article's text")
    return text, left_out, html or ""


def _row_for(source: str, text: str, html: str, *, title: str | None,
             outlet: str | None, published: str | None, voice: str | None, meeting: str | None,
             fetched: Fetched | None, today: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """The articles.csv cells of one source (without doc_id and file) and where each value came from."""
    found: dict[str, str] = {}
    page = page_metadata(html) if html else None
    if title is not None:
        title_value, found["title"] = _clean_line(title), "from --title"
    elif page is not None and page.title:
        title_value, found["title"] = _clean_line(page.title)[:MAX_TITLE_CHARS], f"from the page's {page.sources['title']}"
    else:
        title_value, where = _first_line_title(text)
        found["title"] = f"from {where}" if where else "no line reads like a headline: give it with --title"
    if outlet is not None:
        outlet_value, found["outlet"] = _clean_line(outlet) or "unknown", "from --outlet"
    elif page is not None and page.outlet:
        outlet_value, found["outlet"] = _clean_line(page.outlet), f"from the page's {page.sources['outlet']}"
    else:
        outlet_value, found["outlet"] = "unknown", "the source does not say: give it with --outlet"
    if published is not None:
        published_value, found["published"] = published, "from --published"
    elif page is not None and page.published:
        published_value, found["published"] = page.published, f"from the page's {page.sources['published']}"
    else:
        published_value, found["published"] = "", "the source gives no date: give it with --published"
    notes = []
    if fetched is not None:
        note = f"Fetched from {source} on {today.isoformat()} (UTC)"
        if fetched.url != source:
            note += f", redirected to {fetched.url}"
        notes.append(note + ".")
    from_page = [k for k in ("title", "outlet", "published") if found[k].startswith("from the page's ")]
    if from_page:
        notes.append("Taken from the page's metadata: " + "; ".join(
            f"{k} ({found[k].removeprefix('from the page' + chr(39) + 's ')})" for k in from_page) + ".")
    if found["title"] == "from the first line of the text":
        notes.append("Title taken from the first line of the text.")
    found["voice"] = "from --voice" if voice is not None else \
        "the default, a news report: --voice us or china for an official readout"
    row = {"title": title_value or "unknown", "outlet": outlet_value, "published": published_value,
           "voice": voice or "press", "meeting_id": meeting or "", "notes": " ".join(notes)}
    return row, found


def _base_name(source: str, fetched: Fetched | None) -> str:
    """A fallback slug from the source's name: the file's stem, or the address's last path part or host."""
    if fetched is not None or is_url(source):
        parts = urllib.parse.urlsplit(fetched.url if fetched else source)
        last = [p for p in parts.path.split("/") if p]
        return slug(Path(last[-1]).stem if last else parts.hostname or "") or "article"
    return slug(Path(source).stem) or "article"
