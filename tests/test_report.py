"""The evidence report (``python -m analysis report``): complete, escaped, offline, deterministic.

The browser tests (filters, scripts that must not run) are in test_report_browser.py.
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis import analyse
from analysis.compare.phrases import phrase_counts, shared_phrases
from analysis.present.report import build_report
from analysis.present.report.assets import SCRIPT, script_hash
from analysis.present.report.data import meetings_in_order
from analysis.paths import default_corpus
from analysis.text.corpus import BUNDLED_CORPUS, write_checksums
from tests.helpers import run_cli

#: The hostile pieces put into the corpus copy: each must come out as text, never as markup.
SCRIPT_TAG = "<script>window.pwned=1</script>"
IMG_TAG = "<img src=x onerror='window.pwned=2;alert(2)'>"
SVG_TAG = "<svg onload='window.pwned=3;alert(3)'>"
HOSTILE = f"{SCRIPT_TAG} {IMG_TAG} {SVG_TAG}"
#: A US statement (a quotation with its cue) carrying all three, with a booster to highlight.
HOSTILE_LINE = f"“We are clearly committed {SCRIPT_TAG} to {IMG_TAG} stability {SVG_TAG} with China,” Blinken said."

#: Elements that have no end tag.
VOID = {"meta", "img", "br", "hr", "input", "link", "source", "wbr"}


def make_hostile_corpus(folder: Path) -> Path:
    """A copy of the bundled corpus whose title, notes, outlet, a meeting and an article line hold live-looking HTML."""
    if not folder.exists():  # the session's copy of the five bundled articles (tests/conftest.py)
        shutil.copytree(default_corpus(), folder)
    articles = pd.read_csv(folder / "articles.csv", keep_default_na=False, dtype=str)
    articles.loc[0, "title"] = f"Talks {HOSTILE}"
    articles.loc[0, "notes"] = f"Note {HOSTILE}"
    articles.loc[1, "outlet"] = f"Outlet {IMG_TAG}"
    articles.to_csv(folder / "articles.csv", index=False)
    meetings = pd.read_csv(folder / "meetings.csv", keep_default_na=False, dtype=str)
    meetings.loc[meetings["meeting_id"] == "blinken-qin-call", "description"] = f"Call {SCRIPT_TAG} {SVG_TAG}"
    meetings.to_csv(folder / "meetings.csv", index=False)
    raw = folder / "raw" / articles.loc[0, "file"]
    raw.write_text(raw.read_text(encoding="utf-8") + f"\n\n{HOSTILE_LINE}\n", encoding="utf-8")
    write_checksums(folder)
    return folder


class _Structure(HTMLParser):
    """Checks that every element is closed in order; collects the start tags and their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.problems = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parsed(page: str) -> _Structure:
    p = _Structure()
    p.feed(page)
    p.close()
    return p


@pytest.fixture(scope="module")
def result():
    return analyse()


@pytest.fixture(scope="module")
def page(result):
    return build_report(result)


def _sections(page: str) -> dict[str, str]:
    """Each meeting section's HTML, keyed by its token."""
    return dict(re.findall(r'<section class="meeting" id="(m\d+|unplaced)"[^>]*>(.*?)</section>', page, re.S))


# ----------------------------------------------------------------------------- the page

def test_the_report_is_one_whole_html_page(page):
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">") and page.endswith("</html>\n")
    structure = parsed(page)
    assert structure.problems == [] and structure.stack == []
    tags = [t for t, _ in structure.tags]
    assert tags.count("html") == tags.count("head") == tags.count("body") == tags.count("script") == 1
    csp = [a["content"] for t, a in structure.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "img-src data:" in csp[0]
    assert f"script-src {script_hash()}" in csp[0] and f"<script>{SCRIPT}</script>" in page


def test_nothing_is_fetched_only_data_and_anchor_urls(page):
    structure = parsed(page)
    urls = [(t, k, v) for t, a in structure.tags for k, v in a.items() if k in ("src", "href", "action", "srcset")]
    assert urls, "the page has figures and links"
    assert all(v.startswith("data:image/png;base64,") if k == "src" else v.startswith("#") for _, k, v in urls), urls
    assert not {"link", "iframe", "object", "embed", "base"} & {t for t, _ in structure.tags}
    assert "@import" not in page and "url(" not in page and "http://" not in page and "https://" not in page


def test_every_meeting_with_statements_has_its_section_by_date(page, result):
    meetings = meetings_in_order(result.tables["meetings"], result.statements["meeting_id"].unique())
    spoken = set(result.statements["meeting_id"])
    sections = _sections(page)
    expected = [m for m in meetings if m.meeting_id in spoken]
    assert len(expected) == 13 and list(sections) == [m.token for m in expected]
    for m in expected:
        assert f"<code>{m.meeting_id}</code>" in sections[m.token]
    dated = [m.date for m in expected if m.date]
    assert dated == sorted(dated) and expected[-1].date == ""  # undated meetings come last
    assert expected[0].meeting_id == "biden-xi-bali"


def test_every_statement_is_shown_with_its_source_and_n(page, result):
    sections = _sections(page)
    items = re.findall(r'<li class="statement"[^>]*>', page)
    assert len(items) == len(result.statements) == 63
    counts = result.statements.groupby(["meeting_id", "side"]).size()
    meetings = {m.meeting_id: m.token for m in meetings_in_order(result.tables["meetings"], [])}
    for (meeting, side), n in counts.items():
        html = sections[meetings[meeting]]
        label = {"us": "US", "china": "China"}[side]
        assert f"{label} (n = {n}," in html and f'data-side="{side}"' in html
        assert html.count(f'data-side="{side}" data-cats') == n
    # Small n is visible: every meeting has fewer than 10 statements a side but one, and its caveat says so.
    assert page.count('class="caveat"') == len(sections) + 1  # + the pooled comparison
    assert "Only 1 US and 1 China statements" in sections[meetings["sullivan-wang-vienna"]]
    assert page.count('<span class="small-n"') >= 2 * (len(sections) - 2)
    assert "CNN Brasil · <code>cnnbrasil-progress</code> · paragraph" in page


def test_matched_spans_are_highlighted_with_the_legend(page, result):
    assert "Key: " in page
    section = _sections(page)["m003"]  # sullivan-wang-vienna: "candid, substantive and constructive"
    assert re.search(r"<mark [^>]*>candid</mark><sup[^>]*>dv</sup>", section)
    statements = re.findall(r'(<li class="statement"[^>]*data-cats="([^"]*)">.*?</li>)', page, re.S)
    marked = [item for item, cats in statements if cats]
    assert marked and all("<mark " in item for item in marked)
    assert all("<mark " not in item for item, cats in statements if not cats)


def test_the_corpus_at_a_glance(page, result):
    glance = page[page.index('<section id="glance">'):page.index('<section id="meetings">')]
    for doc in result.documents["doc_id"]:
        assert f"<code>{doc}</code>" in glance
    assert "Documents by voice (side) and outlet" in glance and "Financetin (syndicated feed)" in glance
    assert "32 lines removed" in glance and "<code>site_chrome</code>" in glance
    assert glance.index("2022-11") < glance.index("2023-06-18") < glance.index('<span class="muted">undated</span>')


def test_same_input_same_bytes_and_the_command_writes_it(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_cli("report")
    assert r.returncode == 0 and r.stdout == "" and "report.html" in r.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == page


@pytest.mark.slow
def test_same_bytes_from_a_fresh_process(page, tmp_path):
    r = run_cli("report", "-o", tmp_path / "r.html", fresh_process=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r.html").read_bytes() == page.encode("utf-8")


def test_the_report_is_never_written_inside_a_corpus(corpus_copy):
    for target in (BUNDLED_CORPUS / "report.html", corpus_copy / "raw" / "report.html"):
        r = run_cli("report", "--corpus", corpus_copy, "-o", target)
        assert r.returncode == 2 and "refusing to write" in r.stderr and not target.exists()


def test_hostile_corpus_text_is_escaped(corpus_copy):
    page = build_report(analyse(make_hostile_corpus(corpus_copy)))
    structure = parsed(page)
    assert structure.problems == []
    tags = [t for t, _ in structure.tags]
    assert tags.count("script") == 1 and "svg" not in tags
    assert all(a.get("src", "").startswith("data:image/png") for t, a in structure.tags if t == "img")
    assert not any(k.startswith("on") for _, a in structure.tags for k in a)
    for live in ("<script>window.pwned", "<img src=x", "<svg onload"):
        assert live not in page, live
    shown = "&lt;script&gt;window.pwned=1&lt;/script&gt;"
    assert page.count(shown) >= 4  # title, notes, meeting description, statement
    assert "&lt;img src=x onerror=&#x27;window.pwned=2;alert(2)&#x27;&gt;" in page
    assert re.search(r'<li class="statement"[^>]*>.*?clearly.*?&lt;svg onload', page, re.S)


# ----------------------------------------------------------------------------- shared phrases

def test_phrases_do_not_cross_statements():
    counts = phrase_counts(["Core interests.", "Mutual respect."], sizes=(2,))
    assert sorted(counts) == ["core interests", "mutual respect"]


def test_shared_phrases_groups_counts_and_order():
    us = ["Candid and constructive talks.", "Candid and constructive talks again.", "Lines of communication."]
    china = ["Candid and constructive talks, said Wang.", "Core interests matter."]
    table = shared_phrases(us, china, n=None)
    assert list(table.columns) == ["phrase", "words", "count_us", "count_china", "used_by"]
    assert table["used_by"].tolist() == sorted(table["used_by"], key=["both", "us", "china"].index)
    both = table[table["used_by"] == "both"]
    assert both["phrase"].tolist() == ["candid and constructive", "constructive talks"]
    assert both[["count_us", "count_china"]].values.tolist() == [[2, 1], [2, 1]]
    assert "lines of communication" in set(table.loc[table["used_by"] == "us", "phrase"])
    # "core interests" and "interests matter" are inside "core interests matter" with the same counts: left out.
    assert table.loc[table["used_by"] == "china", "phrase"].tolist() == [
        "constructive talks said", "core interests matter", "talks said wang"]
    assert table.equals(shared_phrases(us, china, n=None))


def test_shared_phrases_options():
    frame = pd.DataFrame({"text": ["The talks were candid talks were."]})
    assert shared_phrases(frame, ["candid talks"], n=1, labels=("a", "b"))["used_by"].tolist() == ["both", "a"]
    assert "talks were" in set(shared_phrases(frame, [], function_words=True, n=None)["phrase"])
    assert shared_phrases([], [], n=None).empty
    with pytest.raises(ValueError, match="labels"):
        shared_phrases([], [], labels=("us", "us"))
    with pytest.raises(ValueError, match="sizes"):
        shared_phrases(["a b"], ["a b"], sizes=(0,))


def test_measures_table_shows_each_sides_demands_by_who_must_act():
    from analysis.present.report.measures import _demands_cell

    us = {"n_statements": 4, "directives_us": 0, "directives_china": 3, "directives_both": 1,
          "directives_other": 0, "self_obligations": 2, "demands_on_other_side": 3}
    cell = _demands_cell(us)
    assert "<strong>3 on the other side</strong>" in cell
    assert "US 0 · China 3 · both 1 · others 0 · itself 2" in cell
    assert "no statements" in _demands_cell({**us, "n_statements": 0})
    assert "on the other side" not in _demands_cell({**us, "demands_on_other_side": float("nan")})
