"""The one-pass HTML parser behind the extractor: which elements hold article text, which are page furniture."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


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
