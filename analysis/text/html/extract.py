"""The main text of a page: the paragraphs kept, and every part left out with its reason."""
from __future__ import annotations


from analysis.text.html.parser import (
    Extraction, HEADINGS, LINK_SHARE, LOOSE_MIN_WORDS, _Extractor, _Paragraph, _SENTENCE_END,
    _SPACE, _WORDS,
)



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
