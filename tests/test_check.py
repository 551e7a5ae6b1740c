"""`check` and the loader: every kind of bad input gives a clear message and exit code 1."""

import pytest

from analysis import CorpusError, check_corpus, load_corpus
from analysis.text.corpus import write_checksums
from tests.helpers import run_cli



def errors(path):
    return [str(p) for p in check_corpus(path) if p.severity == "error"]


def edit_csv(corpus, old, new):
    path = corpus / "articles.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def one_error(corpus, *fragments):
    found = errors(corpus)
    assert len(found) == 1, found
    for f in fragments:
        assert f in found[0], found[0]
    result = run_cli("check", "--corpus", corpus)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert found[0] in result.stderr
    assert result.stdout == ""
    return found[0]


def test_bundled_corpus_is_valid():
    assert check_corpus() == []
    result = run_cli("check")
    assert result.returncode == 0, result.stderr


def test_listed_file_missing(corpus_copy):
    (corpus_copy / "raw" / "001_4bbb822ca8cfcaa3.txt").unlink()
    msg = one_error(corpus_copy, "articles.csv:3:", "listed but not found", "001_4bbb822ca8cfcaa3.txt")
    assert "Fix:" in msg


def test_file_present_but_not_listed(corpus_copy):
    (corpus_copy / "raw" / "extra.txt").write_text("An extra article.\n", encoding="utf-8")
    one_error(corpus_copy, "extra.txt", "not listed in articles.csv")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
def test_empty_or_blank_file(corpus_copy, content):
    (corpus_copy / "raw" / "000_454608b84d56bcf5.txt").write_bytes(content)
    found = errors(corpus_copy)
    assert any("000_454608b84d56bcf5.txt" in e and "empty" in e for e in found), found


def test_not_utf8_names_the_line(corpus_copy):
    path = corpus_copy / "raw" / "004_f895df72f2cf96f2.txt"
    lines = path.read_bytes().split(b"\n")
    lines[2] = "Caf\u00e9 au lait".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    found = [e for e in errors(corpus_copy) if "not UTF-8" in e]
    assert len(found) == 1 and "004_f895df72f2cf96f2.txt:3:" in found[0], found


def test_duplicate_doc_id(corpus_copy):
    edit_csv(corpus_copy, "cbs-work-in-progress,", "cnn-stability,")
    one_error(corpus_copy, "articles.csv:3:", "duplicate doc_id 'cnn-stability'", "first on line 2")


def test_missing_required_column(corpus_copy):
    edit_csv(corpus_copy, "doc_id,file,title,outlet,published,voice,", "doc_id,file,title,outlet,published,speaker,")
    one_error(corpus_copy, "articles.csv:1:", "missing column voice")


def test_unknown_voice(corpus_copy):
    edit_csv(corpus_copy, ",,press,,", ",,journalist,,")
    one_error(corpus_copy, "articles.csv:2:", "unknown voice 'journalist'", "press, us, china, third-party")


@pytest.mark.parametrize("date", ["19/06/2023", "2023-02-30", "June 2023"])
def test_unparseable_date(corpus_copy, date):
    edit_csv(corpus_copy, "unknown,,press", f"unknown,{date},press")
    one_error(corpus_copy, "articles.csv:2:", f"published '{date}' is not a date", "YYYY-MM-DD")


def test_binary_file_is_not_a_csv(corpus_copy):
    (corpus_copy / "articles.csv").write_bytes(b"PK\x03\x04\x00\x00binary spreadsheet")
    one_error(corpus_copy, "articles.csv", "not a CSV")


def test_semicolon_separated_is_explained(corpus_copy):
    (corpus_copy / "articles.csv").write_text("doc_id;file;title;outlet;published;voice\n", encoding="utf-8")
    msg = one_error(corpus_copy, "articles.csv:1:", "missing columns")
    assert "commas" in msg


def test_row_with_wrong_number_of_fields(corpus_copy):
    path = corpus_copy / "articles.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,file.txt,A title, with a comma,unknown,,press,,\n", encoding="utf-8")
    found = errors(corpus_copy)
    assert any("articles.csv:7:" in e and "9 fields but the header has 8" in e for e in found), found


def test_many_problems_reported_in_one_run(corpus_copy):
    edit_csv(corpus_copy, ",,press,,", ",,journalist,,")
    edit_csv(corpus_copy, "cbs-work-in-progress,", "cnn-stability,")
    (corpus_copy / "raw" / "extra.txt").write_text("text\n", encoding="utf-8")
    assert len(errors(corpus_copy)) == 3


def test_bom_and_crlf_are_accepted_and_normalised(corpus_copy, bundled):
    csv_path = corpus_copy / "articles.csv"
    csv_path.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes().replace(b"\n", b"\r\n"))
    for f in (corpus_copy / "raw").iterdir():
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    write_checksums(corpus_copy)
    assert errors(corpus_copy) == []
    again = load_corpus(corpus_copy)
    assert again.paragraphs["text"].tolist() == bundled.paragraphs["text"].tolist()
    assert again.sentences[["doc_id", "para", "sent", "start", "end"]].equals(bundled.sentences[["doc_id", "para", "sent", "start", "end"]])


def test_changed_raw_file_fails_its_checksum(corpus_copy):
    path = corpus_copy / "raw" / "002_246477a67c63dd9f.txt"
    path.write_bytes(path.read_bytes() + b"\nOne more line.\n")
    one_error(corpus_copy, "002_246477a67c63dd9f.txt", "recorded SHA-256")


def test_new_article_without_checksum_is_a_warning(corpus_copy):
    (corpus_copy / "raw" / "new.txt").write_text("Officials met on Monday.\n", encoding="utf-8")
    path = corpus_copy / "articles.csv"
    path.write_text(path.read_text(encoding="utf-8") + "new-one,new.txt,unknown,unknown,,us,,\n", encoding="utf-8")
    problems = check_corpus(corpus_copy)
    assert [p.severity for p in problems] == ["warning"]
    assert run_cli("check", "--corpus", corpus_copy).returncode == 0
    assert len(load_corpus(corpus_copy).documents) == 6


def test_missing_corpus_directory(tmp_path):
    result = run_cli("corpus", "--corpus", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "corpus directory not found" in result.stderr and "Traceback" not in result.stderr


def test_loader_raises_with_every_problem(corpus_copy):
    edit_csv(corpus_copy, ",,press,,", ",,journalist,,")
    (corpus_copy / "raw" / "extra.txt").write_text("text\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    assert len(info.value.problems) == 2
    assert "2 problems in the corpus" in str(info.value)
