"""`python -m analysis add`: files and addresses into a corpus, whole or not at all, and the HTML main text.

The three pages below were written for these tests in the shapes real news pages
have (a .gov-style readout, a state-media page, a wire story); no text is copied
from any site. The address tests use a server on 127.0.0.1 only.
"""
from __future__ import annotations

import csv
import hashlib
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.text.add import sources as add_sources
from analysis.text.add import write as add_write
from analysis.text.add import CONTINUES_CUE, add_articles, find_names
from analysis.text.corpus import check_corpus
from analysis.text.html import extract, extract_text, iso_date, page_metadata
from tests.helpers import run_cli

GOV_READOUT = """<!DOCTYPE html>
<html lang="en-us">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Secretary Whitfield&#8217;s Meeting with Foreign Minister Liang - Department of Examples</title>
<meta property="og:title" content="Secretary Whitfield&#8217;s Meeting with Foreign Minister Liang">
<meta property="og:site_name" content="Department of Examples">
<meta property="article:published_time" content="2023-06-18T22:05:00-04:00">
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
<style>.usa-banner { font-size: 0.8rem; } p.lead { margin: 0 }</style>
</head>
<body class="page-readout">
<a class="usa-skipnav" href="#main-content">Skip to main content</a>
<section class="usa-banner" aria-label="Official website of the United States government">
  <div class="usa-banner__inner">
    <p class="usa-banner__header-text">An official website of the United States government</p>
    <button class="usa-banner__button" aria-expanded="false">Here&#8217;s how you know</button>
  </div>
  <div class="usa-banner__content" hidden>
    <p><strong>Official websites use .gov</strong> A .gov website belongs to an official government organization in the United States.</p>
    <p><strong>Secure .gov websites use HTTPS</strong> A lock or https:// means you have safely connected to the .gov website.</p>
  </div>
</section>
<header class="site-header">
  <a class="logo" href="/">Department of Examples</a>
  <nav class="main-nav" aria-label="Primary">
    <ul>
      <li><a href="/policy">Policy Issues</a></li>
      <li><a href="/countries">Countries &amp; Areas</a></li>
      <li><a href="/bureaus">Bureaus &amp; Offices</a></li>
      <li><a href="/about">About</a></li>
    </ul>
  </nav>
  <form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form>
</header>
<main id="main-content">
  <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/spokesperson">Office of the Spokesperson</a> &rsaquo; Secretary Whitfield&#8217;s Meeting with Foreign Minister Liang</div>
  <article class="readout">
    <header class="article-header">
      <p class="article-type">Readout</p>
      <h1>Secretary Whitfield&#8217;s Meeting with Foreign Minister Liang</h1>
      <p class="article-meta">Office of the Spokesperson</p>
      <p class="article-date"><time datetime="2023-06-18">June 18, 2023</time></p>
    </header>
    <div class="entry-content">
      <p>The following is attributable to Spokesperson Pat Morrow:</p>
      <p>Secretary of State Dana Whitfield met today with Foreign Minister Liang Wen in Northbridge. The Secretary emphasized the importance of diplomacy and of keeping open channels of communication across the full range of issues to reduce the risk of misperception and miscalculation.</p>
      <p>The Secretary made clear that the United States will always stand up for the interests and values of the American people, and that it will work with its allies and partners to advance a free and open region.</p>
      <p>&#8220;Competition requires steady diplomacy so that it never veers into conflict,&#8221; Secretary Whitfield said.</p>
      <p>The two sides agreed to continue discussions on specific issues and to explore further steps to stabilize the relationship.</p>
    </div>
    <div class="related-tags">
      <h3>Tags</h3>
      <a href="/tag/east-asia">Bureau of East Asian Affairs</a> <a href="/tag/spokesperson">Office of the Spokesperson</a> <a href="/tag/secretary">The Secretary of State</a>
    </div>
  </article>
  <aside class="related-articles">
    <h2>Related Articles</h2>
    <ul>
      <li><a href="/a">Secretary Whitfield&#8217;s Call with Foreign Minister Liang</a></li>
      <li><a href="/b">Secretary Whitfield&#8217;s Travel to Northbridge and Eastport</a></li>
      <li><a href="/c">Deputy Secretary&#8217;s Meeting with the Vice Foreign Minister</a></li>
    </ul>
  </aside>
</main>
<footer class="site-footer">
  <ul>
    <li><a href="/privacy">Privacy Policy</a></li>
    <li><a href="/accessibility">Accessibility Statement</a></li>
    <li><a href="/copyright">Copyright Information</a></li>
    <li><a href="/foia">FOIA</a></li>
  </ul>
  <p>The Department of Examples manages this site as a portal for information from the Department. External links to other Internet sites should not be construed as an endorsement of the views or privacy policies contained therein.</p>
</footer>
</body>
</html>
"""

GOV_MAIN = [
    "Secretary Whitfield’s Meeting with Foreign Minister Liang",
    "The following is attributable to Spokesperson Pat Morrow:",
    "Secretary of State Dana Whitfield met today with Foreign Minister Liang Wen in Northbridge. The Secretary "
    "emphasized the importance of diplomacy and of keeping open channels of communication across the full range of "
    "issues to reduce the risk of misperception and miscalculation.",
    "The Secretary made clear that the United States will always stand up for the interests and values of the "
    "American people, and that it will work with its allies and partners to advance a free and open region.",
    "“Competition requires steady diplomacy so that it never veers into conflict,” Secretary Whitfield said.",
    "The two sides agreed to continue discussions on specific issues and to explore further steps to stabilize the "
    "relationship.",
]

STATE_MEDIA = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Liang Wen holds talks with US Secretary of State Dana Whitfield - Example Daily</title>
<meta name="keywords" content="Liang Wen, Dana Whitfield, talks">
<meta name="description" content="Chinese Foreign Minister Liang Wen held talks with US Secretary of State Dana Whitfield in Northbridge on Sunday.">
<meta name="publishdate" content="2023-06-18">
<meta name="source" content="Example Daily">
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var shareTitle = document.title;</script>
</head>
<body>
<div class="topbar">
  <div class="w1200"><a href="/">Home</a> | <a href="/cn">Chinese</a> | <a href="/m">Mobile</a> | <a href="/epaper">E-paper</a> | <a href="/rss">RSS</a></div>
</div>
<div class="header">
  <div class="logo"><a href="/"><img src="/img/logo.png" alt="Example Daily"></a></div>
  <div id="nav">
    <a href="/china">China</a><a href="/world">World</a><a href="/business">Business</a><a href="/opinion">Opinion</a><a href="/photo">Photos</a><a href="/video">Video</a>
  </div>
</div>
<div class="container">
  <div class="left-col">
    <div class="location"><a href="/">Home</a> &gt; <a href="/world">World</a></div>
    <h1 class="title">Liang Wen holds talks with US Secretary of State Dana Whitfield</h1>
    <div class="info">Source: Example Daily | Updated: 2023-06-18 21:40 <span class="share-icons"><a href="#">WeChat</a> <a href="#">Weibo</a> <a href="#">Print</a></span></div>
    <div id="content" class="article-content">
      <p style="text-align: center"><img src="/pic/0618talks.jpg" alt=""></p>
      <p class="pic-caption" style="text-align: center">Chinese Foreign Minister Liang Wen holds talks with US Secretary of State Dana Whitfield in Northbridge, June 18, 2023. (Photo/Zhao Lin)</p>
      <p>NORTHBRIDGE, June 18 -- Chinese Foreign Minister Liang Wen held talks with US Secretary of State Dana Whitfield here on Sunday.</p>
      <p>Liang said that the relationship between the two countries is at its lowest point since diplomatic ties were established, which does not serve the fundamental interests of the two peoples or meet the shared expectations of the international community.</p>
      <p>&ldquo;The Eastport question is the core of our core interests,&rdquo; Liang said, urging the US side to honor the commitments it has made.</p>
      <p>Whitfield said that the US side is willing to work with the Chinese side to manage differences and to promote exchanges and cooperation in various fields.</p>
      <p style="text-align: center"><img src="/pic/0618venue.jpg" alt=""></p>
      <p class="pic-caption" style="text-align: center">Photo taken on June 18, 2023 shows the venue of the talks in Northbridge. (Photo/Zhao Lin)</p>
      <p>The two sides agreed to maintain high-level interactions and to continue consultations on the guiding principles of the relationship.</p>
      <p class="editor">(Editor: Sun Mei)</p>
    </div>
    <div class="related-news">
      <div class="related-title">Related news</div>
      <ul>
        <li><a href="/n1">Spokesperson comments on upcoming visit</a></li>
        <li><a href="/n2">Vice minister meets visiting delegation</a></li>
      </ul>
    </div>
  </div>
  <div class="right-col">
    <div class="hot"><h3>Most Popular</h3>
      <ul><li><a href="/p1">Harvest festival draws crowds to river towns</a></li><li><a href="/p2">New rail line opens ahead of schedule</a></li></ul>
    </div>
  </div>
</div>
<div class="footer">
  <p>Copyright 2023 Example Daily. All rights reserved. The content (including but not limited to text, photo, multimedia information) published on this site belongs to Example Daily.</p>
</div>
</body>
</html>
"""

STATE_MAIN = [
    "Liang Wen holds talks with US Secretary of State Dana Whitfield",
    "NORTHBRIDGE, June 18 -- Chinese Foreign Minister Liang Wen held talks with US Secretary of State Dana Whitfield "
    "here on Sunday.",
    "Liang said that the relationship between the two countries is at its lowest point since diplomatic ties were "
    "established, which does not serve the fundamental interests of the two peoples or meet the shared expectations "
    "of the international community.",
    "“The Eastport question is the core of our core interests,” Liang said, urging the US side to honor the "
    "commitments it has made.",
    "Whitfield said that the US side is willing to work with the Chinese side to manage differences and to promote "
    "exchanges and cooperation in various fields.",
    "The two sides agreed to maintain high-level interactions and to continue consultations on the guiding "
    "principles of the relationship.",
]

WIRE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>US, China agree to keep talking after tense Northbridge meeting | Example Wire</title>
<meta property="og:title" content="US, China agree to keep talking after tense Northbridge meeting">
<meta property="og:site_name" content="Example Wire">
<meta property="og:type" content="article">
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "US, China agree to keep talking after tense Northbridge meeting",
 "datePublished": "2023-06-19T03:12:00Z", "publisher": {"@type": "Organization", "name": "Example Wire"}}</script>
<script src="/static/bundle.js" defer></script>
</head>
<body>
<div id="cookie-consent" role="dialog"><p>We use cookies to improve your experience on our site.</p><button>Accept all</button></div>
<header class="site-header" role="banner">
  <a href="/" class="brand">Example Wire</a>
  <nav><a href="/world">World</a> <a href="/business">Business</a> <a href="/markets">Markets</a> <a href="/video">Video</a></nav>
  <a href="/account" class="sign-in">Sign In</a> <a href="/subscribe" class="subscribe-button">Subscribe</a>
</header>
<main>
  <article class="story">
    <header>
      <h1>US, China agree to keep talking after tense Northbridge meeting</h1>
      <p class="byline">By Alex Rivera and Mei Tan</p>
      <time datetime="2023-06-19T03:12:00Z">June 19, 2023 3:12 AM UTC</time>
      <span class="updated">Updated 2 hours ago</span>
    </header>
    <div class="story-body">
      <p>NORTHBRIDGE, June 19 (Example Wire) - The United States and China agreed on Monday to keep talking after a tense meeting between their top diplomats, though neither side reported a breakthrough.</p>
      <p>&#8220;We did not expect to resolve every difference in one day,&#8221; a senior State Department official told reporters on condition of anonymity.</p>
      <div class="ad-slot" aria-hidden="true"><p>Advertisement &middot; Scroll to continue</p></div>
      <p>&#8220;Both sides now understand each other&#8217;s red lines better than before,&#8221; said Li Ming, a researcher at the Example Institute of International Studies.</p>
      <p>Analysts said the talks were a first step toward restoring regular contact between the two militaries, which has been suspended for months.</p>
      <figure><img src="/img/handshake.jpg" alt=""><figcaption>Foreign Minister Liang Wen shakes hands with Secretary of State Dana Whitfield in Northbridge, June 18, 2023. Example Wire/Pool</figcaption></figure>
      <p>Whitfield is expected to brief allies on the talks later this week.</p>
      <p class="signoff">Reporting by Alex Rivera and Mei Tan; Editing by Sam Okafor</p>
      <div class="trust-principles"><a href="/principles">Our Standards: The Example Wire Trust Principles.</a></div>
    </div>
  </article>
  <section class="read-next">
    <h2>Read Next</h2>
    <article class="teaser"><h3><a href="/x">Markets steady as investors weigh diplomatic thaw</a></h3><p>Stocks were little changed on Monday.</p></article>
    <article class="teaser"><h3><a href="/y">Allies welcome renewed contact</a></h3><p>Officials in the region said they hoped for calm.</p></article>
  </section>
</main>
<footer><p>All quotes delayed a minimum of 15 minutes. &copy; 2023 Example Wire. All rights reserved.</p></footer>
</body>
</html>
"""

WIRE_MAIN = [
    "US, China agree to keep talking after tense Northbridge meeting",
    "NORTHBRIDGE, June 19 (Example Wire) - The United States and China agreed on Monday to keep talking after a tense "
    "meeting between their top diplomats, though neither side reported a breakthrough.",
    "“We did not expect to resolve every difference in one day,” a senior State Department official told reporters "
    "on condition of anonymity.",
    "“Both sides now understand each other’s red lines better than before,” said Li Ming, a researcher at the "
    "Example Institute of International Studies.",
    "Analysts said the talks were a first step toward restoring regular contact between the two militaries, which has "
    "been suspended for months.",
    "Whitfield is expected to brief allies on the talks later this week.",
]
PAGES = {"gov-readout": (GOV_READOUT, GOV_MAIN), "state-media": (STATE_MEDIA, STATE_MAIN), "wire": (WIRE, WIRE_MAIN)}

#: Text of each page that is page furniture and must not be read as the article.
FURNITURE = {
    "gov-readout": ["official website", "Skip to main content", "Policy Issues", "Related Articles", "Tags",
                    "Bureau of East Asian Affairs", "Privacy Policy", "manages this site", "Readout",
                    "Travel to Northbridge"],
    "state-media": ["E-paper", "Business", "Updated: 2023-06-18", "WeChat", "(Photo/Zhao Lin)", "Editor: Sun Mei",
                    "Related news", "Most Popular", "Harvest festival", "All rights reserved"],
    "wire": ["cookies", "Sign In", "By Alex Rivera", "Updated 2 hours ago", "Advertisement", "shakes hands",
             "Trust Principles", "Read Next", "Markets steady", "quotes delayed"],
}

TEXT_ARTICLE = ("Talks end with promise to meet again\n\nThe two delegations met for six hours on Tuesday.\n\n"
                "“We have a long way to go,” said Maria Lopez, an analyst at the Example Centre.\n\n"
                "Lopez added that the next round could come in the autumn.\n")


# --------------------------------------------------------------------------- helpers


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(corpus: Path) -> dict[str, bytes]:
    """Every file of a corpus folder and its bytes."""
    return {str(p.relative_to(corpus)): p.read_bytes() for p in sorted(corpus.rglob("*")) if p.is_file()}


def rows(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def added_row(corpus: Path, before: int = 5) -> dict[str, str]:
    found = rows(corpus)
    assert len(found) == before + 1, found
    return found[-1]


def refused(corpus: Path, *args, code: int = 1, says: tuple[str, ...] = ()) -> str:
    """Run add, expect it to fail with ``code`` and change nothing; return stderr."""
    before = snapshot(corpus)
    result = run_cli("add", *args, "--corpus", corpus)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for fragment in says:
        assert fragment in result.stderr, result.stderr
    assert snapshot(corpus) == before  # nothing half-added, nothing replaced
    return result.stderr


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    return {name: write(folder / f"{name}.html", html) for name, (html, _) in PAGES.items()}


# --------------------------------------------------------------------------- the HTML main text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_main_text_of_each_page(name):
    html, main = PAGES[name]
    lines = extract_text(html).split("\n")
    for paragraph in main:
        assert paragraph in lines, paragraph
    for furniture in FURNITURE[name]:
        assert not any(furniture in line for line in lines), (furniture, lines)
    # The one line left for the cleaning rules: the wire's sign-off (no class says what it is).
    assert [ln for ln in lines if ln not in main] == (
        ["Reporting by Alex Rivera and Mei Tan; Editing by Sam Okafor"] if name == "wire" else [])


def test_what_is_left_out_is_listed():
    result = extract(WIRE)
    reasons = dict((t, r) for r, t in result.left_out)
    assert reasons["By Alex Rivera and Mei Tan"] == "class or id 'byline'"
    assert reasons["Markets steady as investors weigh diplomatic thaw"] == "mostly links"
    assert reasons["Stocks were little changed on Monday."].startswith("outside the article")
    assert any(r == "<figure>" and "shakes hands" in t for r, t in result.left_out)


@pytest.mark.parametrize("name, title, outlet, published", [
    ("gov-readout", "Secretary Whitfield’s Meeting with Foreign Minister Liang", "Department of Examples", "2023-06-18"),
    ("state-media", "Liang Wen holds talks with US Secretary of State Dana Whitfield", "Example Daily", "2023-06-18"),
    ("wire", "US, China agree to keep talking after tense Northbridge meeting", "Example Wire", "2023-06-19"),
])
def test_page_metadata(name, title, outlet, published):
    info = page_metadata(PAGES[name][0])
    assert (info.title, info.outlet, info.published) == (title, outlet, published)


def test_dates_as_pages_write_them():
    assert iso_date("2023-06-18T22:05:00-04:00") == "2023-06-18"  # the publisher's own day, as written
    assert iso_date("Jun. 19, 2023 3:12 AM UTC") == "2023-06-19"
    assert iso_date("2023-02-30") == "" and iso_date("") == ""


def test_odd_markup_keeps_the_text():
    # </head> left out, unclosed paragraphs and list items, <br> between paragraphs, deep and unclosed nesting.
    assert extract_text("<html><head><title>T</title><body><p>One.<p>Two.") == "One.\nTwo."
    assert extract_text("<ul><li>First point.<li>Second point.</ul>") == "First point.\nSecond point."
    loose = ("<div>The ministers met on Monday in the capital for five hours of talks.<br><br>"
             "They agreed to meet again soon, officials from both sides said afterwards.</div>")
    assert len(extract_text(loose).split("\n")) == 2
    inline = "<div>The ministers met on <b>Monday</b> in the <span>capital</span> for <a href='/'>five hours</a>.</div>"
    assert extract_text(inline) == "The ministers met on Monday in the capital for five hours."
    deep = "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    assert extract_text(deep) == "Deep text."
    assert extract_text("<p>Start of the text" + "<span>" * 5000 + " and its end.") == "Start of the text and its end."
    assert extract_text("") == "" and extract_text("<nav><a>Home</a></nav>") == ""


def test_html_raw_file_is_read_through_the_extractor(corpus_copy):
    """The hook in the loader: a raw .html file's main text is what the corpus reads; its bytes stay."""
    data = GOV_READOUT.encode("utf-8")
    (corpus_copy / "raw" / "readout.html").write_bytes(data)
    with open(corpus_copy / "articles.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["readout", "readout.html", GOV_MAIN[0], "Department of Examples", "2023-06-18", "us", "", ""])
    assert [p for p in check_corpus(corpus_copy) if p.severity == "error"] == []
    corpus = load_corpus(corpus_copy)
    paragraphs = corpus.paragraphs[corpus.paragraphs.doc_id == "readout"].text.tolist()
    assert paragraphs == GOV_MAIN[1:]  # the headline is removed by the cleaning, as in a .txt
    doc = corpus.documents.set_index("doc_id").loc["readout"]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert (corpus_copy / "raw" / "readout.html").read_bytes() == data


def test_page_in_a_declared_encoding(corpus_copy, tmp_path):
    page = '<html><head><meta charset="gb2312"><title>中美会谈</title></head><body><p>双方在北京举行会谈。</p></body></html>'
    source = tmp_path / "page.html"
    source.write_bytes(page.encode("gb2312"))
    result = run_cli("add", source, "--corpus", corpus_copy, "--title", "Talks in Beijing")
    assert result.returncode == 0, result.stderr
    row = added_row(corpus_copy)
    assert (corpus_copy / "raw" / row["file"]).read_bytes() == page.encode("gb2312")
    corpus = load_corpus(corpus_copy)
    read = corpus.paragraphs.text.tolist() + corpus.removed.text.tolist()
    assert "双方在北京举行会谈。" in read


def test_page_in_an_undeclared_encoding_is_refused(corpus_copy, tmp_path):
    source = tmp_path / "page.html"
    source.write_bytes("<p>The minister’s talks went on.</p>".encode("cp1252"))
    refused(corpus_copy, source, says=("page.html", "not UTF-8", "Nothing was added"))


# --------------------------------------------------------------------------- adding files


def test_add_a_text_file(corpus_copy, tmp_path):
    source = write(tmp_path / "lopez interview.txt", TEXT_ARTICLE)
    result = run_cli("add", source, "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    row = added_row(corpus_copy)
    assert row["doc_id"] == "talks-end-with-promise-to-meet-again"
    assert row["file"] == "talks-end-with-promise-to-meet-again.txt"
    assert (row["title"], row["outlet"], row["published"], row["voice"]) == (
        "Talks end with promise to meet again", "unknown", "", "press")
    data = (corpus_copy / "raw" / row["file"]).read_bytes()
    assert data == source.read_bytes()
    line = f"{hashlib.sha256(data).hexdigest()}  raw/{row['file']}"
    assert line in (corpus_copy / "checksums.sha256").read_text(encoding="utf-8").splitlines()
    assert check_corpus(corpus_copy) == []
    assert "corpus OK" in result.stderr
    # The unattributed quotation and its suggested speakers.csv row.
    assert f"{row['doc_id']}:q1" in result.stderr
    assert "Maria Lopez,Lopez,,analyst at the Example Centre" in result.stderr.splitlines()


def test_add_a_page(corpus_copy, pages):
    result = run_cli("add", pages["gov-readout"], "--corpus", corpus_copy, "--voice", "us",
                     "--meeting", "blinken-qin-call")
    assert result.returncode == 0, result.stderr
    row = added_row(corpus_copy)
    assert row["file"].endswith(".html") and row["file"].startswith(row["doc_id"])
    assert (row["title"], row["outlet"], row["published"], row["voice"], row["meeting_id"]) == (
        GOV_MAIN[0], "Department of Examples", "2023-06-18", "us", "blinken-qin-call")
    assert "og:title" in row["notes"] and "article:published_time" in row["notes"]
    assert (corpus_copy / "raw" / row["file"]).read_bytes() == pages["gov-readout"].read_bytes()  # verbatim
    corpus = load_corpus(corpus_copy)
    paragraphs = corpus.paragraphs[corpus.paragraphs.doc_id == row["doc_id"]].text.tolist()
    assert paragraphs == GOV_MAIN[1:]
    assert not any(f in p for p in paragraphs for f in FURNITURE["gov-readout"])
    assert "left out of the page" in result.stderr and "class or id 'banner'" in result.stderr
    # Whitfield is not in speakers.csv: his quotation keeps no speaker (it no longer drifts to the
    # speaker before it), and add says so, naming him.
    assert "have no speaker" in result.stderr and "names near it: Secretary Whitfield" in result.stderr
    # The side is left empty: nothing in this page says whose secretary (check refuses the row until it is filled).
    assert "Dana Whitfield,Secretary Whitfield;Whitfield,,Secretary of State" in result.stderr.splitlines()


def test_add_several_at_once_and_names_stay_unique(corpus_copy, pages, tmp_path):
    other = write(tmp_path / "same-title.txt", TEXT_ARTICLE.replace("six hours", "seven hours"))
    first = write(tmp_path / "first.txt", TEXT_ARTICLE)
    result = run_cli("add", first, other, pages["wire"], pages["state-media"], "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    new = rows(corpus_copy)[5:]
    assert [r["doc_id"] for r in new] == ["talks-end-with-promise-to-meet-again", "talks-end-with-promise-to-meet-again-2",
                                          "us-china-agree-to-keep-talking-after-tense",
                                          "liang-wen-holds-talks-with-us-secretary-of-state"]
    assert [r["file"] for r in new][:2] == ["talks-end-with-promise-to-meet-again.txt",
                                           "talks-end-with-promise-to-meet-again-2.txt"]
    for r, source in zip(new, [first, other, pages["wire"], pages["state-media"]]):
        assert (corpus_copy / "raw" / r["file"]).read_bytes() == source.read_bytes()
    assert check_corpus(corpus_copy) == []
    assert "Li Ming,,,researcher at the Example Institute of International Studies" in result.stderr.splitlines()
    assert "Liang Wen,Liang,china,Chinese Foreign Minister" in result.stderr.splitlines()


def test_the_same_file_twice_is_not_added_again(corpus_copy, tmp_path):
    source = write(tmp_path / "a.txt", TEXT_ARTICLE)
    assert run_cli("add", source, "--corpus", corpus_copy).returncode == 0
    row = added_row(corpus_copy)
    copy = write(tmp_path / "b.txt", TEXT_ARTICLE)  # same bytes, another name
    for again in (source, copy):
        refused(corpus_copy, again, says=("already in the corpus", f"raw/{row['file']}"))
    refused(corpus_copy, source, copy, says=("already in the corpus",))


def test_a_name_taken_in_raw_is_never_replaced(corpus_copy, tmp_path):
    """A file already in raw/ under the name add would choose (listed or not) keeps its bytes."""
    source = write(tmp_path / "a.txt", TEXT_ARTICLE)
    first = run_cli("add", source, "--corpus", corpus_copy)
    assert first.returncode == 0
    row = added_row(corpus_copy)
    before = (corpus_copy / "raw" / row["file"]).read_bytes()
    second = write(tmp_path / "b.txt", TEXT_ARTICLE.replace("Tuesday", "Wednesday"))
    assert run_cli("add", second, "--corpus", corpus_copy).returncode == 0
    assert (corpus_copy / "raw" / row["file"]).read_bytes() == before
    assert rows(corpus_copy)[-1]["file"] == "talks-end-with-promise-to-meet-again-2.txt"


def test_options_from_the_command_line_win(corpus_copy, pages):
    result = run_cli("add", pages["wire"], "--corpus", corpus_copy, "--title", "My title", "--outlet", "Wire copy",
                     "--published", "2023-06-20", "--voice", "third-party")
    assert result.returncode == 0, result.stderr
    row = added_row(corpus_copy)
    assert (row["doc_id"], row["title"], row["outlet"], row["published"], row["voice"]) == (
        "my-title", "My title", "Wire copy", "2023-06-20", "third-party")
    assert "og:" not in row["notes"]


# --------------------------------------------------------------------------- bad options and sources


@pytest.mark.parametrize("args, says", [
    (["--voice", "narrator"], ("--voice", "invalid choice", "press")),
    (["--published", "2023-13-01"], ("--published", "not a date", "YYYY-MM-DD")),
    (["--published", "19/06/2023"], ("not a date",)),
    (["--meeting", "no-such-meeting"], ("--meeting 'no-such-meeting'", "meetings.csv", "blinken-qin-call")),
])
def test_bad_options(corpus_copy, tmp_path, args, says):
    source = write(tmp_path / "a.txt", TEXT_ARTICLE)
    refused(corpus_copy, source, *args, code=2, says=says)


def test_title_with_several_sources(corpus_copy, tmp_path):
    a, b = write(tmp_path / "a.txt", TEXT_ARTICLE), write(tmp_path / "b.txt", "Other\n\nText here.\n")
    refused(corpus_copy, a, b, "--title", "One title", code=2, says=("--title names one article",))


def test_meeting_without_meetings_csv(corpus_copy, tmp_path):
    (corpus_copy / "meetings.csv").unlink()
    (corpus_copy / "speakers.csv").unlink()
    refused(corpus_copy, write(tmp_path / "a.txt", TEXT_ARTICLE), "--meeting", "x", code=2,
            says=("no ", "meetings.csv", "add the meeting there first"))


@pytest.mark.parametrize("name, content, says", [
    ("missing.txt", None, ("missing.txt", "file not found")),
    ("article.pdf", b"%PDF-1.4", ("article.pdf", "only .txt", ".html")),
    ("empty.txt", b"\n \n", ("empty.txt", "empty")),
    ("furniture.html", b"<nav><a href='/'>Home</a></nav><footer>Copyright</footer>", ("no article text",)),
    ("latin1.txt", "caf\u00e9 talks\n".encode("cp1252"), ("latin1.txt", "not UTF-8", "iconv")),
])
def test_bad_sources(corpus_copy, tmp_path, name, content, says):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    stderr = refused(corpus_copy, source, says=says)
    assert "Nothing was added" in stderr


def test_one_bad_source_adds_none(corpus_copy, tmp_path):
    good = write(tmp_path / "good.txt", TEXT_ARTICLE)
    refused(corpus_copy, good, tmp_path / "missing.txt", says=("missing.txt",))


def test_a_corpus_with_errors_is_not_added_to(corpus_copy, tmp_path):
    (corpus_copy / "raw" / "stray.txt").write_text("A file nobody listed.\n", encoding="utf-8")
    refused(corpus_copy, write(tmp_path / "a.txt", TEXT_ARTICLE), says=("stray.txt", "errors already"))


def test_not_a_corpus(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    refused(folder, write(tmp_path / "a.txt", TEXT_ARTICLE), code=2, says=("is not a corpus",))


# --------------------------------------------------------------------------- hostile names


def test_symbolic_link_source_is_refused(corpus_copy, tmp_path):
    target = write(tmp_path / "real.txt", TEXT_ARTICLE)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    refused(corpus_copy, link, says=("link.txt", "symbolic link", "add the file itself"))


def test_source_inside_the_corpus_is_refused(corpus_copy):
    (corpus_copy / "raw" / "saved-by-hand.txt").write_text(TEXT_ARTICLE, encoding="utf-8")
    # Not listed, so the corpus has an error already; the source is refused before that matters too.
    os.remove(corpus_copy / "raw" / "saved-by-hand.txt")
    inside = corpus_copy / "annotations" / "note.txt"
    inside.parent.mkdir(exist_ok=True)
    write(inside, TEXT_ARTICLE)
    refused(corpus_copy, inside, says=("inside the corpus folder", "move it out"))
    refused(corpus_copy, corpus_copy / "raw" / ".." / "annotations" / "note.txt", says=("inside the corpus folder",))


def test_a_dotted_path_cannot_name_a_place_outside_raw(corpus_copy, tmp_path):
    """`../x.txt` is where the source is; the name in raw/ is made by add, never taken from the path."""
    work = tmp_path / "work"
    work.mkdir()
    write(tmp_path / "x.txt", "..\n\nThe two sides met again.\n")
    cwd = os.getcwd()
    os.chdir(work)
    try:
        result = run_cli("add", "../x.txt", "--corpus", corpus_copy)
    finally:
        os.chdir(cwd)
    assert result.returncode == 0, result.stderr
    row = added_row(corpus_copy)
    assert row["file"] == "x.txt" and (corpus_copy / "raw" / "x.txt").is_file()
    assert not (corpus_copy / "x.txt").exists() and not (tmp_path / "raw").exists()
    hostile = write(tmp_path / "=HYPERLINK(evil).txt", "=HYPERLINK(\"http://example.invalid\")\n\nText.\n")
    assert run_cli("add", hostile, "--corpus", corpus_copy).returncode == 0
    assert re.fullmatch(r"[a-z0-9-]+\.txt", rows(corpus_copy)[-1]["file"])


@pytest.mark.parametrize("failure", ["check", "interrupt"])
def test_nothing_half_added_when_the_final_check_fails(corpus_copy, tmp_path, monkeypatch, failure):
    """After the files are written, a failed check (or Ctrl-C) puts every file back as it was."""
    from analysis.errors import Problem

    real = add_write.check_corpus

    def check_then_fail(path):
        if not any(p.name.startswith("talks-end") for p in (corpus_copy / "raw").iterdir()):
            return real(path)  # the check before writing
        if failure == "interrupt":
            raise KeyboardInterrupt
        return [Problem("articles.csv", "something the check found", "fix it", line=7)]

    monkeypatch.setattr(add_write, "check_corpus", check_then_fail)
    before = snapshot(corpus_copy)
    source = write(tmp_path / "a.txt", TEXT_ARTICLE)
    if failure == "interrupt":
        with pytest.raises(KeyboardInterrupt):
            add_articles(corpus_copy, [str(source)])
        assert run_cli("add", source, "--corpus", corpus_copy).returncode == 130
    else:
        result = run_cli("add", source, "--corpus", corpus_copy)
        assert result.returncode == 1
        assert "something the check found" in result.stderr and "nothing was added" in result.stderr
    assert snapshot(corpus_copy) == before
    assert not list((corpus_copy / "raw").glob(".*"))  # no temporary file left


def test_articles_csv_without_the_optional_columns(corpus_copy, tmp_path):
    path = corpus_copy / "articles.csv"
    table = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([r[:6] for r in table])
    result = run_cli("add", write(tmp_path / "a.txt", TEXT_ARTICLE), "--corpus", corpus_copy,
                     "--meeting", "blinken-qin-call")
    assert result.returncode == 0, result.stderr
    new = rows(corpus_copy)
    assert [r["doc_id"] for r in new[:5]] == [r[0] for r in table[1:]]
    assert new[-1]["meeting_id"] == "blinken-qin-call" and new[0]["meeting_id"] == ""


def test_continues_cue_is_the_attribution_stage_s():
    from analysis.measure.attribution.documents import _CONTINUES_CUE

    assert CONTINUES_CUE == _CONTINUES_CUE


def test_names_found_near_reporting_verbs():
    verbs = ["said", "told", "according to", "added"]
    assert find_names("“Yes,” said Li Ming, a researcher.", verbs) == ["Li Ming"]
    assert find_names("The State Department said on Monday that talks went well.", verbs) == ["State Department"]
    assert find_names("He said the talks went well, according to Chen Yu.", verbs) == ["Chen Yu"]
    assert find_names("Analysts said more. On Monday, officials told reporters.", verbs) == []


# --------------------------------------------------------------------------- addresses (127.0.0.1 only)


class _Pages(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (the http.server name)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, headers, body = route
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if isinstance(body, bytes):
            self.wfile.write(body)
        else:  # a generator: sent without Content-Length
            for chunk in body():
                self.wfile.write(chunk)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def server():
    routes = {}
    handler = type("Handler", (_Pages,), {"routes": routes})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield base, routes
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


def test_add_an_address(corpus_copy, server):
    base, routes = server
    body = WIRE.encode("utf-8")
    routes["/2023/06/talks.html"] = (200, {"Content-Type": "text/html; charset=utf-8",
                                           "Content-Length": str(len(body))}, body)
    routes["/old"] = (302, {"Location": "/2023/06/talks.html", "Content-Length": "0"}, b"")
    result = run_cli("add", f"{base}/old", "--corpus", corpus_copy)
    assert result.returncode == 0, result.stderr
    row = added_row(corpus_copy)
    assert row["file"].endswith(".html")
    assert (corpus_copy / "raw" / row["file"]).read_bytes() == body
    assert re.search(rf"Fetched from {re.escape(base)}/old on \d{{4}}-\d{{2}}-\d{{2}} \(UTC\), redirected to "
                     rf"{re.escape(base)}/2023/06/talks\.html\.", row["notes"]), row["notes"]
    assert row["title"] == WIRE_MAIN[0] and row["published"] == "2023-06-19"
    assert check_corpus(corpus_copy) == []


def test_add_a_plain_text_address(corpus_copy, server):
    base, routes = server
    routes["/note"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, TEXT_ARTICLE.encode("utf-8"))
    assert run_cli("add", f"{base}/note", "--corpus", corpus_copy).returncode == 0
    assert added_row(corpus_copy)["file"].endswith(".txt")


def test_address_not_found(corpus_copy, server):
    base, _ = server
    refused(corpus_copy, f"{base}/missing", says=("/missing", "404"))


def test_address_too_large(corpus_copy, server, monkeypatch):
    base, routes = server
    monkeypatch.setattr(add_sources, "MAX_FETCH_BYTES", 10_000)
    big = b"<p>" + b"x" * 20_000 + b"</p>"
    routes["/big"] = (200, {"Content-Type": "text/html", "Content-Length": str(len(big))}, big)
    routes["/stream"] = (200, {"Content-Type": "text/html", "Connection": "close"},
                         lambda: (b"<p>" + b"y" * 4096 for _ in range(10)))
    refused(corpus_copy, f"{base}/big", says=("20,007 bytes", "over the"))
    refused(corpus_copy, f"{base}/stream", says=("over the", "limit"))


def test_address_slow(corpus_copy, server, monkeypatch):
    base, routes = server
    monkeypatch.setattr(add_sources, "FETCH_TIMEOUT", 0.5)
    import time

    def slow():
        time.sleep(2)
        yield b"<p>late</p>"

    routes["/slow"] = (200, {"Content-Type": "text/html", "Connection": "close"}, slow)
    refused(corpus_copy, f"{base}/slow", says=("/slow", "0.5 s"))


@pytest.mark.parametrize("path, headers, says", [
    ("/pdf", {"Content-Type": "application/pdf"}, ("application/pdf", "not a web page")),
    ("/to-file", {"Location": "file:///etc/passwd"}, ("302", "not allowed")),
    ("/to-ftp", {"Location": "ftp://127.0.0.1/x.html"}, ("redirected to a ftp: address",)),
])
def test_address_refused(corpus_copy, server, path, headers, says):
    base, routes = server
    routes[path] = (302 if "Location" in headers else 200, {**headers, "Content-Length": "4"}, b"%PDF")
    refused(corpus_copy, f"{base}{path}", says=says)


@pytest.mark.parametrize("address", ["ftp://127.0.0.1/x.html", "file:///etc/passwd"])
def test_only_http_addresses(corpus_copy, address):
    refused(corpus_copy, address, code=2, says=("only http:// and https://",))
