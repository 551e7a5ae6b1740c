"""The main text of a saved web page, and what the page says about itself, with the standard library only.

A raw ``.html`` (or ``.htm``) file stays on disk byte for byte as it was
collected; when the corpus is loaded, :func:`html_text` turns it into the
text every later stage reads: one paragraph per line, the way a pasted
``.txt`` article looks. What is dropped:

* elements that are never the article: ``script``, ``style``, ``noscript``,
  ``template``, ``svg``, ``nav``, ``aside``, ``form``, ``button``, ``iframe``,
  ``figure`` and ``figcaption`` (photos and their captions), ``footer``, a
  ``header`` outside the article (inside it only its headings are kept),
  ``hidden`` or ``aria-hidden`` elements and the ARIA landmarks ``navigation``,
  ``banner``, ``contentinfo``, ``complementary`` and ``search``;
* elements whose ``class`` or ``id`` names page furniture (a whole word of it,
  split at ``-`` and ``_``: see :data:`FURNITURE_WORDS`), such as
  ``usa-banner``, ``breadcrumbs``, ``photo-caption``, ``editor``,
  ``related-links``, ``share-bar``, ``cookie-notice``;
* a paragraph or list item whose text is mostly link text (a list of related
  stories, a row of tags).

What is kept: the text of ``p``, ``h1``-``h6``, ``li``, ``blockquote``,
``pre``, ``dt``/``dd`` and ``td``/``th``, one per line (a ``<br>`` starts a
new line), and loose text in a ``div`` when it reads like prose (at least
:data:`LOOSE_MIN_WORDS` words ending with a full stop, as on pages that
separate paragraphs with ``<br>``). When the page has ``<article>`` elements,
the one with the most paragraph text is the article (the others are teasers
of other stories); else ``<main>`` (or ``role="main"``); else the whole body.

Everything else that remains (a byline, a dateline, a credit, a "Reporting
by" line) is left to the cleaning rules, which remove such lines from pasted
text too and list each one (``python -m analysis corpus --level removed``).

:func:`page_metadata` reads the title, outlet and publication date a page
declares (``og:`` and ``article:`` meta tags, JSON-LD, ``<title>``,
``<h1>``, ``<time>``), for ``python -m analysis add``.

One pass over the page; the work is linear in its length (an end tag with no
open element is ignored at once, and an element is closed once).

>>> page = ('<html><head><title>Talks resume | Example News</title></head><body>'
...         '<nav><a href="/">Home</a></nav><article><h1>Talks resume</h1>'
...         '<p>The two sides met on <b>Sunday</b>.</p><figure><figcaption>A photo</figcaption></figure>'
...         '<ul class="related"><li><a href="/x">Another story</a></li></ul></article></body></html>')
>>> print(extract_text(page))
Talks resume
The two sides met on Sunday.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from analysis.errors import Problem
from analysis.text.normalise import decode_text

#: File name endings read as HTML pages (compared in lower case).
HTML_SUFFIXES = (".html", ".htm")

#: Elements dropped with everything inside them.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "nav", "aside", "form", "button",
    "select", "textarea", "label", "iframe", "object", "embed", "video", "audio", "figure", "figcaption",
    "footer", "dialog", "menu", "head",
})
#: Dropped elements whose content is program text, not page text (not listed as left out).
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "canvas", "head"})
#: ARIA roles of page furniture.
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"})
#: Words of a ``class`` or ``id`` (split at spaces, ``-`` and ``_``) that name page furniture.
FURNITURE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "banner", "masthead", "sidebar",
    "footer", "caption", "captions", "credit", "credits", "byline", "editor", "share", "sharing", "social",
    "related", "recommended", "promo", "newsletter", "subscribe", "subscription", "cookie", "cookies",
    "consent", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "tags", "comments",
    "comment", "skip", "signup", "paywall", "toolbar", "pagination",
})
#: Elements whose text is one paragraph (a nested one starts a paragraph of its own).
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "td", "th"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Block-level containers: loose text (outside any paragraph element) ends where one starts or ends, and
#: is kept when it reads like prose. Inline elements (b, span, a, ...) do not break it.
LOOSE_TAGS = frozenset({"div", "section", "article", "main", "body", "center", "table", "tr", "tbody", "thead",
                        "ul", "ol", "dl", "header", "hr", "address", "fieldset", "details", "summary", "html"})
#: Loose text is prose when it has at least this many words and ends like a sentence.
LOOSE_MIN_WORDS = 10
#: A paragraph or list item with at least this share of its characters inside links is a list of links.
LINK_SHARE = 0.6
#: Start tags that close an open ``<p>`` (HTML's rule, abridged).
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
                       "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
                       "section", "table", "ul", "li", "dd", "dt"})
#: What may stand in a <head>; any other start tag ends it (the end tag </head> is optional).
_HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
#: How far up the open elements a new ``<li>`` looks for an ``<li>`` to close (bounded, so the pass stays linear).
_LI_SCOPE = 32
_WORDS = re.compile(r"[^\W_][\w'’.-]*")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")
_SPACE = re.compile(r"\s+")
_SPLIT_WORDS = re.compile(r"[\s_-]+")
_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}


@dataclass
class _Element:
    tag: str
    dropped: bool  # this element (and so everything inside it) is left out
    left_out: int | None = None  # for the element that starts a dropped part: its index in the left-out records
    block: int | None = None  # index of the paragraph it opened, for block elements
    heading_only: bool = False  # a header inside the article: only its headings are kept
    main: bool = False  # <main> or role="main"


@dataclass
class _Paragraph:
    """One paragraph found, with what choosing the article needs."""

    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    tag: str = "p"
    article: int | None = None  # which top-level <article> it is in (their order), None outside any
    in_main: bool = False
    loose: bool = False

    @property
    def text(self) -> str:
        return _SPACE.sub(" ", "".join(self.parts)).strip()


@dataclass
class Extraction:
    """The main text of a page, one paragraph per line, and what was left out of it and why.

    ``left_out`` holds ``(reason, text)`` pairs, e.g. ``("<nav>", "Home About")`` or
    ``("mostly links", "Another story")``: the page furniture in the page's order, then the
    paragraphs found but not kept, so that nothing disappears silently.
    """

    lines: list[str]
    left_out: list[tuple[str, str]]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class PageInfo:
    """What a page says about itself: values found and where each came from (e.g. ``og:title``)."""

    title: str = ""
    outlet: str = ""
    published: str = ""  # YYYY-MM-DD
    sources: dict[str, str] = field(default_factory=dict)  # "title" -> "og:title", ...


class _Extractor(HTMLParser):
    """One pass over a page: its paragraphs, the parts left out, and its metadata."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[_Element] = []
        self.open_count: dict[str, int] = {}
        self.paragraphs: list[_Paragraph] = []
        self.left_out: list[tuple[str, list[str]]] = []  # (reason, text parts) of each dropped part
        self.left_out_open: int | None = None  # the record that text inside dropped elements goes to
        self.blocks: list[int] = []  # indices into paragraphs of the open block elements (innermost last)
        self.loose: _Paragraph | None = None  # loose text being collected
        self.dropped = 0  # open elements that drop their content
        self.heading_only = 0
        self.links = 0
        self.articles = 0  # top-level <article> elements seen
        self.article_depth = 0
        self.main_depth = 0
        self.current_article: int | None = None
        # metadata
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.page_title = ""
        self.h1 = ""
        self.h1_parts: list[str] | None = None
        self.times: list[tuple[int | None, str]] = []  # (article, datetime or text)
        self.time_parts: list[str] | None = None
        self.time_attr = ""
        self.json_ld: list[str] = []
        self.script_parts: list[str] | None = None

    # ------------------------------------------------------------------ the element stack

    def _push(self, tag: str, attrs: dict[str, str]) -> None:
        inherited = self.dropped > 0
        reason = None if inherited else _furniture(tag, attrs, self.article_depth + self.main_depth > 0)
        el = _Element(tag, inherited or reason is not None)
        if reason is not None:
            self._flush_loose()
            if tag not in _CODE_TAGS:  # program text is not page text: not worth listing
                self.left_out.append((reason, []))
                el.left_out = self.left_out_open = len(self.left_out) - 1
        if el.dropped:
            self.dropped += 1
        elif tag == "header":
            el.heading_only = True
            self.heading_only += 1
        elif tag == "article":
            if self.article_depth == 0:
                self.current_article = self.articles
                self.articles += 1
            self.article_depth += 1
        if not el.dropped and (tag == "main" or attrs.get("role", "").lower() == "main"):
            el.main = True
            self.main_depth += 1
        if tag == "a":
            self.links += 1
        if tag in BLOCK_TAGS and not el.dropped and (not self.heading_only or tag in HEADINGS):
            self._flush_loose()
            el.block = self._new_paragraph(tag)
            self.blocks.append(el.block)
        elif tag in BLOCK_TAGS or tag in LOOSE_TAGS:
            self._flush_loose()
        self.stack.append(el)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def _pop(self) -> _Element:
        el = self.stack.pop()
        self.open_count[el.tag] -= 1
        if el.dropped:
            self.dropped -= 1
            if el.left_out is not None:
                self.left_out_open = None
        elif el.heading_only:
            self.heading_only -= 1
        elif el.tag == "article":
            self.article_depth -= 1
            if self.article_depth == 0:
                self.current_article = None
        if el.main:
            self.main_depth -= 1
        if el.tag == "a":
            self.links -= 1
        if el.block is not None:
            self.blocks.pop()
        if el.tag in BLOCK_TAGS or el.tag in LOOSE_TAGS:
            self._flush_loose()
        return el

    def _close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything opened inside it (nothing when none is open)."""
        if not self.open_count.get(tag):
            return
        while self._pop().tag != tag:
            pass

    def _close_li(self) -> None:
        """A new ``<li>`` closes an open one of the same list (looking a bounded way up)."""
        for el in reversed(self.stack[-_LI_SCOPE:]):
            if el.tag in ("ul", "ol"):
                return
            if el.tag == "li":
                self._close("li")
                return

    def _new_paragraph(self, tag: str) -> int:
        self.paragraphs.append(_Paragraph(tag=tag, article=self.current_article, in_main=self.main_depth > 0))
        return len(self.paragraphs) - 1

    def _flush_loose(self) -> None:
        if self.loose is not None:
            self.paragraphs.append(self.loose)
            self.loose = None

    def _break(self) -> None:
        """A ``<br>``: the text after it is a new paragraph."""
        if not self.blocks:
            self._flush_loose()
            return
        self.blocks[-1] = self._new_paragraph(self.paragraphs[self.blocks[-1]].tag)
        for el in reversed(self.stack):
            if el.block is not None:
                el.block = self.blocks[-1]
                break

    # ------------------------------------------------------------------ parser events

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        self._metadata_start(tag, attrs)
        if tag == "br":
            if not self.dropped:
                self._break()
            return
        if self.open_count.get("head") and tag not in _HEAD_TAGS:
            self._close("head")  # </head> is optional: the body has begun
        if tag in _CLOSES_P and self.open_count.get("p"):
            self._close("p")
        if tag == "li":
            self._close_li()
        if tag in ("dt", "dd") and self.stack and self.stack[-1].tag in ("dt", "dd"):
            self._pop()
        if tag not in _VOID:
            self._push(tag, attrs)

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._metadata_end(tag)
        if tag not in _VOID:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        for parts in (self.title_parts, self.h1_parts, self.time_parts, self.script_parts):
            if parts is not None:
                parts.append(data)
        if not data:
            return
        if self.dropped:
            if self.left_out_open is not None:
                self.left_out[self.left_out_open][1].append(data)
            return
        if self.blocks:
            para = self.paragraphs[self.blocks[-1]]
        elif self.heading_only:
            if data.strip():
                self.left_out.append(("text of an article's <header> outside its headings", [data]))
            return
        else:
            if self.loose is None:
                if not data.strip():
                    return
                self.loose = _Paragraph(tag="div", article=self.current_article, in_main=self.main_depth > 0,
                                        loose=True)
            para = self.loose
        para.parts.append(data)
        if self.links:
            para.link_chars += len(data.strip())

    def close(self) -> None:
        super().close()
        while self.stack:
            self._pop()
        self._flush_loose()

    # ------------------------------------------------------------------ metadata

    def _metadata_start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
            if key and attrs.get("content") and key not in self.meta:
                self.meta[key] = attrs["content"]
        elif tag == "title" and not self.page_title and self.title_parts is None:
            self.title_parts = []
        elif tag == "h1" and not self.h1 and self.h1_parts is None and not self.dropped:
            self.h1_parts = []
        elif tag == "time" and not self.dropped and self.time_parts is None:
            self.time_attr = attrs.get("datetime", "")
            self.time_parts = []
        elif tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self.script_parts = []
        elif attrs.get("itemprop", "").lower() == "datepublished" and attrs.get("datetime"):
            self.meta.setdefault("itemprop:datepublished", attrs["datetime"])

    def _metadata_end(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.page_title, self.title_parts = _SPACE.sub(" ", "".join(self.title_parts)).strip(), None
        elif tag == "h1" and self.h1_parts is not None:
            self.h1, self.h1_parts = _SPACE.sub(" ", "".join(self.h1_parts)).strip(), None
        elif tag == "time" and self.time_parts is not None:
            text = self.time_attr or _SPACE.sub(" ", "".join(self.time_parts)).strip()
            self.times.append((self.current_article, text))
            self.time_parts = None
        elif tag == "script" and self.script_parts is not None:
            self.json_ld.append("".join(self.script_parts))
            self.script_parts = None


def _furniture(tag: str, attrs: dict[str, str], in_content: bool) -> str | None:
    """Why an element is page furniture (dropped with everything inside it), or None when it is not."""
    if tag in DROP_TAGS:
        return f"<{tag}>"
    if tag == "header" and not in_content:  # the site's header; an article's own header keeps its headings
        return "<header> of the site"
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return "hidden"
    role = attrs.get("role", "").lower()
    if role in DROP_ROLES:
        return f"role={role}"
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}".strip()
    if names:
        word = next((w for w in _SPLIT_WORDS.split(names.lower()) if w in FURNITURE_WORDS), None)
        if word:
            return f"class or id {word!r}"
    return None


def _parse(html: str) -> _Extractor:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return parser


def _left_out_reason(p: _Paragraph, text: str) -> str | None:
    """Why a paragraph found is not article text (None when it is)."""
    if p.loose:
        if len(_WORDS.findall(text)) < LOOSE_MIN_WORDS or not _SENTENCE_END.search(text):
            return "loose text that is not a sentence"
        return None
    if p.link_chars and p.link_chars >= LINK_SHARE * len(text.replace(" ", "")):
        return "mostly links"
    return None


def _chosen(parser: _Extractor) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(tag, text)`` of the article's paragraphs (the <article> with most text, else <main>, else all)
    and ``(reason, text)`` of the paragraphs found but left out, both in the page's order."""
    kept: list[tuple[_Paragraph, str]] = []
    out: list[tuple[int, str, str]] = []
    for i, p in enumerate(parser.paragraphs):
        text = p.text
        why = _left_out_reason(p, text) if text else None
        if why:
            out.append((i, why, text))
        elif text:
            kept.append((p, text))
    by_article: dict[int, int] = {}
    for p, text in kept:
        if p.article is not None and p.tag not in HEADINGS:
            by_article[p.article] = by_article.get(p.article, 0) + len(text)
    if by_article:
        best = max(by_article, key=lambda a: (by_article[a], -a))
        inside = [p.article == best for p, _ in kept]
        where = "outside the article (another <article> has more text)" if len(by_article) > 1 else \
            "outside the <article>"
    elif any(p.in_main for p, _ in kept):
        inside, where = [p.in_main for p, _ in kept], "outside <main>"
    else:
        inside, where = [True] * len(kept), ""
    order = {id(p): i for i, p in enumerate(parser.paragraphs)}
    out += [(order[id(p)], where, t) for (p, t), keep in zip(kept, inside) if not keep]
    return [(p.tag, t) for (p, t), keep in zip(kept, inside) if keep], [(r, t) for _, r, t in sorted(out)]


def _without_empty_headings(paragraphs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Drop a heading that heads nothing: the last line, or one followed by a heading of the same or a
    higher rank ("Tags" then "Related Articles": boxes whose links were left out). Returns (kept, dropped)."""
    kept: list[str] = []
    dropped: list[str] = []
    next_rank = 0  # rank of the next kept line when it is a heading (1 for h1), 0 when it is text or none
    have_next = False
    for tag, text in reversed(paragraphs):
        rank = int(tag[1]) if tag in HEADINGS else 0
        if rank and (not have_next or 0 < next_rank <= rank):
            dropped.append(text)
            continue
        kept.append(text)
        have_next, next_rank = True, rank
    return kept[::-1], dropped[::-1]


def extract(html: str) -> Extraction:
    """The main text of a page and what was left out, with the reason for each part (see the module's doc).

    >>> result = extract("<body><nav>Home</nav><p>The talks began.</p><p><a href='/x'>Next story</a></p></body>")
    >>> result.lines, result.left_out
    (['The talks began.'], [('<nav>', 'Home'), ('mostly links', 'Next story')])
    """
    parser = _parse(html)
    chosen, out = _chosen(parser)
    lines, empty = _without_empty_headings(chosen)
    left_out = [(r, _SPACE.sub(" ", "".join(parts)).strip()) for r, parts in parser.left_out]
    left_out = [(r, t) for r, t in left_out if t] + out + [("heading with nothing under it", t) for t in empty]
    return Extraction(lines, left_out)


def extract_text(html: str) -> str:
    """The main text of a page: one paragraph per line, page furniture left out (see the module's doc).

    >>> extract_text("<body><p>One<br>Two</p><div class='share-bar'><p>Share this</p></div><h3>Popular</h3></body>")
    'One\\nTwo'
    """
    return extract(html).text


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


# --------------------------------------------------------------------------- bytes to text


def decode_html(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The text of a saved page: UTF-8 (a byte-order mark is dropped), or the encoding its
    ``<meta charset>`` declares; else a :class:`Problem` naming the file and what to do.

    >>> decode_html('<meta charset="gb2312"><p>中美</p>'.encode("gb2312"), "raw/a.html")[0][-9:]
    '<p>中美</p>'
    """
    declared = _CHARSET_META.search(data[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if charset.replace("_", "-") in ("utf-8", "utf8") or data[:3] == b"\xef\xbb\xbf":
        return decode_text(data, name, "page")
    if charset in ("gb2312", "gbk"):
        charset = "gb18030"  # a superset, which is what pages labelled gb2312 are written in
    try:
        text = data.decode(charset)
    except LookupError:
        return None, Problem(name, f"the page declares the encoding {charset!r}, which Python does not know",
                             "save the page again as UTF-8 and add that copy")
    except UnicodeDecodeError as err:
        return None, Problem(name, f"not valid {charset} text as the page declares (byte {err.start})",
                             "save the page again as UTF-8 and add that copy")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def html_text(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The main text of a raw HTML file's bytes (:func:`decode_html`, then :func:`extract_text`)."""
    text, problem = decode_html(data, name)
    if problem:
        return None, problem
    return extract(text).text, None


def is_html_name(name: str) -> bool:
    """Whether a raw file is read as a web page (its name ends in .html or .htm)."""
    return name.lower().endswith(HTML_SUFFIXES)
