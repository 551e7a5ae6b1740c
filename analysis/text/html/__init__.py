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
from analysis.text.html.parser import (  # noqa: F401
    BLOCK_TAGS, DROP_ROLES, DROP_TAGS, Extraction, FURNITURE_WORDS, HEADINGS, HTML_SUFFIXES,
    LINK_SHARE, LOOSE_MIN_WORDS, LOOSE_TAGS, PageInfo,
)
from analysis.text.html.extract import extract, extract_text  # noqa: F401
from analysis.text.html.metadata import iso_date, page_metadata  # noqa: F401
from analysis.text.html.decode import decode_html, html_text, is_html_name  # noqa: F401
