"""texts.jsonl: a corpus's texts in one table (analysis/text/texts_table.py).

Hostile and malformed tables (each problem with its file, line and message), the bundled corpus
as a table giving the frames of the raw/ files, checksums, the analysis cache's key, `add`, and
`check` on a bad table. The texts are written for these tests; the bundled articles are only
converted into a table in a temporary folder.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import analyse, load_corpus
from analysis.errors import CorpusError
from analysis.paths import default_corpus
from analysis.pipeline_cache import cache_key
from analysis.text.corpus import check_corpus, write_checksums
from analysis.text.texts_table import MAX_LISTED, checksum_key, parse_table, text_key
from analysis.text.normalise import decode_text
from tests.helpers import run_cli

HEADER = ["doc_id", "file", "title", "outlet", "published", "voice", "meeting_id", "notes"]
TALKS = ("Delegates from the two ports met on Monday to discuss the ferry timetable.\n"
         "Both sides called the meeting useful and agreed to meet again in the spring.\n")
HARBOUR = ("The harbour board published its yearly report on Friday.\n"
           "It said the number of ferries had grown and that the new pier would open soon.\n")
GARDEN = ("Volunteers planted forty trees along the river path on Saturday.\n"
          "The organisers said more planting days would follow in the autumn.\n")


def rec(doc_id, text, **extra) -> str:
    return json.dumps({"doc_id": doc_id, "text": text, **extra}, ensure_ascii=False)


def make_corpus(root: Path, lines: list[str] | bytes, rows: list[tuple[str, str]], raw: dict | None = None) -> Path:
    """A corpus folder: texts.jsonl holding ``lines`` (or these bytes), an articles.csv row per
    (doc_id, file), and raw/ holding ``raw`` (name -> text) when given."""
    root.mkdir(parents=True, exist_ok=True)
    data = lines if isinstance(lines, bytes) else "".join(ln + "\n" for ln in lines).encode("utf-8")
    (root / "texts.jsonl").write_bytes(data)
    with open(root / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for doc_id, file in rows:
            w.writerow([doc_id, file, "unknown", "unknown", "", "press", "", ""])
    if raw is not None:
        (root / "raw").mkdir()
        for name, text in raw.items():
            (root / "raw" / name).write_text(text, encoding="utf-8")
    return root


def table_corpus(tmp_path, lines, ids=("talks",)) -> Path:
    return make_corpus(tmp_path / "c", lines, [(d, "texts.jsonl") for d in ids])


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def as_table(source: Path, dest: Path, keep_raw: tuple[str, ...] = ()) -> Path:
    """A copy of the corpus ``source`` whose texts are in texts.jsonl (but the doc_ids in ``keep_raw``)."""
    shutil.copytree(source, dest)
    with open(dest / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(dest / "texts.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            if r["doc_id"] in keep_raw:
                continue
            text, problem = decode_text((dest / "raw" / r["file"]).read_bytes(), r["file"])
            assert problem is None
            fh.write(rec(r["doc_id"], text) + "\n")
            (dest / "raw" / r["file"]).unlink()
            r["file"] = "texts.jsonl"
    if not keep_raw:
        (dest / "raw").rmdir()
    with open(dest / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return dest


@pytest.fixture
def table_copy(tmp_path):
    """The bundled corpus with every text in texts.jsonl, no raw/, and its checksums recorded."""
    dest = as_table(default_corpus(), tmp_path / "table")
    write_checksums(dest)
    return dest


# --------------------------------------------------------------------------- the same frames as raw/ files


def test_bundled_corpus_as_a_table_gives_the_same_frames(bundled, table_copy):
    table = load_corpus(table_copy)
    for name in ("paragraphs", "sentences", "removed"):
        pd.testing.assert_frame_equal(getattr(table, name), getattr(bundled, name), obj=name)
    pd.testing.assert_frame_equal(table.documents.drop(columns=["sha256", "file"]),
                                  bundled.documents.drop(columns=["sha256", "file"]))
    assert set(table.documents.file) == {"texts.jsonl"}
    records, _ = parse_table((table_copy / "texts.jsonl").read_bytes(), "texts.jsonl")
    assert table.documents.sha256.tolist() == [records[d].digest for d in table.documents.doc_id]
    assert check_corpus(table_copy) == []  # no raw/, checksums of every record: nothing to say


def test_analyse_on_a_table_equals_analyse_on_raw_files(table_copy):
    """analyse() reads through raw_batches and the workers' _build: the text key must hold there too."""
    raw, table = analyse(cache=False), analyse(table_copy, cache=False)
    for name in ("sentences", "paragraphs", "quotes", "removed"):
        pd.testing.assert_frame_equal(getattr(table, name), getattr(raw, name), obj=name)


def test_a_corpus_may_mix_raw_files_and_the_table(bundled, tmp_path):
    keep = tuple(bundled.documents.doc_id[:2])
    mixed = as_table(default_corpus(), tmp_path / "mixed", keep_raw=keep)
    corpus = load_corpus(mixed)
    pd.testing.assert_frame_equal(corpus.sentences, bundled.sentences)
    files = dict(zip(corpus.documents.doc_id, corpus.documents.file))
    assert [files[d] != "texts.jsonl" for d in bundled.documents.doc_id] == [True, True, False, False, False]
    # The old checksums file (raw/ lines only) still vouches for the raw files; the records have none yet.
    problems = check_corpus(mixed)
    assert errors(problems) == []
    assert {p.message for p in problems} == {f"no checksum recorded for doc_id {d!r}"
                                            for d in bundled.documents.doc_id[2:]}
    write_checksums(mixed)
    assert check_corpus(mixed) == []
    labels = [ln.split()[1] for ln in (mixed / "checksums.sha256").read_text(encoding="utf-8").splitlines()]
    assert labels == sorted(labels) and sum(lb.startswith("texts.jsonl#") for lb in labels) == 3


def test_raw_folder_is_needed_only_by_rows_that_use_it(tmp_path):
    ok = make_corpus(tmp_path / "ok", [rec("talks", TALKS)], [("talks", "texts.jsonl")])
    assert errors(check_corpus(ok)) == []
    bad = make_corpus(tmp_path / "bad", [rec("talks", TALKS)], [("talks", "texts.jsonl"), ("port", "port.txt")])
    assert any(p.file.endswith("raw") and "folder not found" in p.message for p in errors(check_corpus(bad)))


def test_table_text_is_read_like_a_txt_file_never_as_html(tmp_path):
    crlf = "Officials met in the <b>old</b> town hall.\r\nThey spoke for an hour.\rThen they left for lunch.\r\n"
    page = ('<h1>Port news</h1>\n<p class="x">Ministers met on Monday and agreed to continue the talks.</p>\n'
            "<p>They will meet again in May, a spokesperson said.</p>\n")
    table = make_corpus(tmp_path / "t", [rec("hall", crlf), rec("page", page)],
                        [("hall", "texts.jsonl"), ("page", "texts.jsonl")])
    raw = make_corpus(tmp_path / "r", [], [("hall", "hall.txt"), ("page", "page.txt")], raw={})
    (raw / "texts.jsonl").unlink()
    (raw / "raw" / "hall.txt").write_bytes(crlf.encode("utf-8"))
    (raw / "raw" / "page.txt").write_bytes(page.encode("utf-8"))
    a, b = load_corpus(table), load_corpus(raw)
    pd.testing.assert_frame_equal(a.paragraphs, b.paragraphs)
    assert a.paragraphs.text.tolist()[0] == "Officials met in the <b>old</b> town hall."
    assert '<p class="x">' in " ".join(a.paragraphs.text)  # a .txt is never parsed as a page


def test_invisible_characters_are_removed_with_a_warning_naming_the_line(tmp_path):
    folder = table_corpus(tmp_path, ["", rec("talks", "The talks were can\u200bdid and\x00 useful.\n")])
    corpus = load_corpus(folder)
    assert corpus.paragraphs.text.tolist() == ["The talks were candid and useful."]
    (w,) = corpus.warnings
    assert (w.file.endswith("texts.jsonl"), w.line, w.severity) == (True, 2, "warning")
    assert "1 control character(s)" in w.message and "texts.jsonl itself is unchanged" in w.hint


def test_a_document_with_no_text_left_is_named_by_table_and_line(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS), rec("chrome", "Read More\nSource link\n")],
                          ids=("talks", "chrome"))
    (w,) = [p for p in load_corpus(folder).warnings if "no text is left" in p.message]
    assert w.file.endswith("texts.jsonl") and w.line == 2


# --------------------------------------------------------------------------- malformed lines

BAD_LINES = [
    ('{"doc_id": "talks", "text": "unclosed', "not JSON (Unterminated string"),
    ("[1, 2]", "not a JSON object but an array"),
    ('"just a string"', "not a JSON object but a string"),
    ("null", "not a JSON object but null"),
    ('{"text": "No id here."}', "no 'doc_id' key"),
    ('{"doc_id": "talks"}', "no 'text' key"),
    ('{"doc_id": 7, "text": "Seven."}', "doc_id is a number, not a string"),
    ('{"doc_id": "talks", "text": null}', "text is null, not a string"),
    ('{"doc_id": "talks", "text": ["a", "b"]}', "text is an array, not a string"),
    ('{"doc_id": "talks", "text": true}', "text is true or false, not a string"),
    ('{"doc_id": "talks", "text": "One.", "text": "Two."}', "key 'text' is given twice"),
    ('{"doc_id": "talks", "text": "Half \\ud800 a pair."}', "unpaired surrogate escape \\ud800 at character 6"),
    ('{"doc_id": "two words", "text": "x"}', "doc_id 'two words' is not a slug"),
    ('{"doc_id": "talks\\n", "text": "x"}', "doc_id 'talks\\n' is not a slug"),
    ('{"doc_id": "", "text": "x"}', "doc_id '' is not a slug"),
    ("[" * 100_000, "nesting too deep"),
    ('{"doc_id": "talks", "text": "x", "n": ' + "9" * 5000 + "}", "a number too long"),
    ('{"doc_id": "talks", "text": "  \\n\\t "}', "record's text is empty"),
    ('{"doc_id": "talks", "text": "\\u200b\\u00ad"}', "record's text is empty (only invisible or control characters)"),
]


@pytest.mark.parametrize("line, says", BAD_LINES, ids=[s for _, s in BAD_LINES])
def test_each_bad_line_is_an_error_with_its_line(tmp_path, line, says):
    folder = make_corpus(tmp_path / "c", [rec("harbour", HARBOUR), "", line],
                         [("harbour", "texts.jsonl"), ("talks", "texts.jsonl")])
    found = [p for p in errors(check_corpus(folder)) if p.file.endswith("texts.jsonl")]
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].line == 3 and says in found[0].message and found[0].hint, str(found[0])
    with pytest.raises(CorpusError, match=r"texts\.jsonl:3: "):
        load_corpus(folder)


def test_every_problem_in_one_pass(tmp_path):
    lines = ["not json", rec("talks", TALKS), "[]", rec("talks", HARBOUR), '{"doc_id": "garden"}',
             rec("garden", "   "), rec("ghost", GARDEN)]
    folder = make_corpus(tmp_path / "c", lines, [("talks", "texts.jsonl"), ("garden", "texts.jsonl"),
                                                 ("missing", "texts.jsonl")])
    got = [(Path(p.file).name, p.line, p.severity, p.message) for p in check_corpus(folder)]
    assert got == [
        ("articles.csv", 4, "error", "doc_id 'missing' uses texts.jsonl but has no record there "
                                     "(4 line(s) of it could not be read)"),
        ("texts.jsonl", 1, "error", "not JSON (Expecting value at column 1)"),
        ("texts.jsonl", 3, "error", "not a JSON object but an array"),
        ("texts.jsonl", 4, "error", "doc_id 'talks' is also on line 2"),
        ("texts.jsonl", 5, "error", "no 'text' key"),
        ("texts.jsonl", 6, "error", "record's text is empty"),
        ("texts.jsonl", 7, "error", "doc_id 'ghost' has no row in articles.csv"),
    ]


def test_not_utf8_lines_are_named_and_the_others_still_read(tmp_path):
    data = (rec("talks", TALKS) + "\n").encode() + '{"doc_id": "garden", "text": "caf\u00e9"}\n'.encode("cp1252")
    folder = make_corpus(tmp_path / "c", data, [("talks", "texts.jsonl"), ("garden", "texts.jsonl")])
    problems = errors(check_corpus(folder))
    assert [(Path(p.file).name, p.line) for p in problems] == [("articles.csv", 3), ("texts.jsonl", 2)]
    assert "Windows-1252" in problems[1].message and "iconv -f CP1252" in problems[1].hint


def test_a_table_in_utf16_is_one_problem(tmp_path):
    data = "".join(rec(d, TALKS) + "\n" for d in ("a", "b", "c")).encode("utf-16")
    folder = make_corpus(tmp_path / "c", data, [("a", "texts.jsonl"), ("b", "texts.jsonl")])
    (p,) = check_corpus(folder)
    assert p.file.endswith("texts.jsonl") and "looks like UTF-16" in p.message and "iconv -f UTF-16" in p.hint
    (folder / "texts.jsonl").write_bytes(data[2:])  # no byte-order mark: UTF-8 with NULs
    found = errors(check_corpus(folder))
    assert [p.line for p in found if p.file.endswith("texts.jsonl")] == [1, 2, 3, 4]  # 4: the last "\n"'s NUL
    assert all("as a file in UTF-16 does" in p.message for p in found if p.file.endswith("texts.jsonl"))


def test_blank_lines_crlf_and_a_bom_are_fine(tmp_path):
    data = b"\xef\xbb\xbf" + (rec("talks", TALKS) + "\r\n   \r\n\r\n" + rec("harbour", HARBOUR) + "\r\n").encode()
    folder = make_corpus(tmp_path / "c", data, [("talks", "texts.jsonl"), ("harbour", "texts.jsonl")])
    assert check_corpus(folder) == []
    assert load_corpus(folder).documents.n_paragraphs.tolist() == [2, 2]


def test_other_keys_are_one_warning_naming_them(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS, url="x", lang="en"), rec("harbour", HARBOUR, url="y")],
                          ids=("talks", "harbour"))
    (p,) = check_corpus(folder)
    assert (p.severity, p.line, p.message) == ("warning", 1, "keys 'url', 'lang' ignored (first on line 1)")


def test_unused_records_are_errors_and_capped(tmp_path):
    lines = [rec("talks", TALKS), rec("port", HARBOUR)] + [rec(f"extra-{i}", GARDEN + str(i)) for i in range(15)]
    folder = make_corpus(tmp_path / "c", lines, [("talks", "texts.jsonl"), ("port", "port.txt")],
                         raw={"port.txt": HARBOUR})
    problems = check_corpus(folder)
    assert errors(problems) == problems  # like a file in raw/ that articles.csv does not list
    assert problems[0].line == 2 and "its articles.csv row (line 3) names the file 'port.txt'" in problems[0].message
    assert len(problems) == MAX_LISTED + 1
    assert problems[-1].message == "and 6 more records articles.csv does not use (lines 12 to 17)"


def test_rows_without_a_record_or_without_the_table(tmp_path):
    folder = make_corpus(tmp_path / "c", [rec("talks", TALKS)], [("talks", "texts.jsonl"), ("port", "texts.jsonl")])
    (p,) = check_corpus(folder)
    assert (Path(p.file).name, p.line) == ("articles.csv", 3)
    assert p.message == "doc_id 'port' uses texts.jsonl but has no record there"
    (folder / "texts.jsonl").unlink()
    (p,) = errors(check_corpus(folder))
    assert (Path(p.file).name, p.line) == ("articles.csv", 2) and "2 row(s) use it" in p.message
    (folder / "raw").mkdir()
    (folder / "raw" / "texts.jsonl").write_text(rec("talks", TALKS) + "\n", encoding="utf-8")
    assert "move raw/texts.jsonl up into the corpus folder" in errors(check_corpus(folder))[0].hint


def test_a_symlinked_or_folder_table_is_refused(tmp_path):
    outside = tmp_path / "outside.jsonl"
    outside.write_text(rec("talks", TALKS) + "\n", encoding="utf-8")
    folder = table_corpus(tmp_path, [rec("talks", TALKS)])
    (folder / "texts.jsonl").unlink()
    os.symlink(outside, folder / "texts.jsonl")
    (p,) = check_corpus(folder)
    assert p.file.endswith("texts.jsonl") and "symbolic link" in p.message
    with pytest.raises(CorpusError, match="symbolic link"):
        write_checksums(folder)
    (folder / "texts.jsonl").unlink()
    (folder / "texts.jsonl").mkdir()
    (p,) = check_corpus(folder)
    assert p.file.endswith("texts.jsonl") and p.message == "is not a file"


def test_a_raw_file_named_like_a_record_is_refused(tmp_path):
    folder = make_corpus(tmp_path / "c", [rec("talks", TALKS)],
                         [("talks", "texts.jsonl"), ("port", "texts.jsonl#talks")], raw={"texts.jsonl#talks": HARBOUR})
    (p,) = [p for p in errors(check_corpus(folder)) if p.file.endswith("articles.csv")]
    assert p.line == 3 and "named like a record of texts.jsonl" in p.message


def test_cli_check_on_a_bad_table_prints_the_problem_and_fails(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS), "{oops"], ids=("talks",))
    result = run_cli("check", "--corpus", folder, fresh_process=True)
    assert result.returncode == 1
    assert "texts.jsonl:2: not JSON (Expecting property name enclosed in double quotes at column 2)" in result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- checksums


def test_checksums_name_each_record_and_a_change(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS), rec("harbour", HARBOUR)], ids=("talks", "harbour"))
    write_checksums(folder)
    lines = (folder / "checksums.sha256").read_text(encoding="utf-8").splitlines()
    assert lines == [f"{hashlib.sha256(HARBOUR.encode()).hexdigest()}  texts.jsonl#harbour",
                     f"{hashlib.sha256(TALKS.encode()).hexdigest()}  texts.jsonl#talks"]
    assert check_corpus(folder) == []
    assert load_corpus(folder).documents.sha256.tolist() == [hashlib.sha256(t.encode()).hexdigest()
                                                             for t in (TALKS, HARBOUR)]
    # The same texts written with other escapes and key order: the same digests.
    (folder / "texts.jsonl").write_text(json.dumps({"text": HARBOUR, "doc_id": "harbour"}) + "\n"
                                        + json.dumps({"text": TALKS, "doc_id": "talks"}) + "\n", encoding="utf-8")
    assert check_corpus(folder) == []
    (folder / "texts.jsonl").write_text(rec("harbour", HARBOUR) + "\n" + rec("talks", TALKS.replace("useful", "tense"))
                                        + "\n", encoding="utf-8")
    (p,) = check_corpus(folder)
    assert (p.severity, p.line) == ("error", 2)
    assert p.message == "the text of doc_id 'talks' differs from its recorded SHA-256 (texts must not change)"
    (folder / "checksums.sha256").write_text(lines[0] + "\n", encoding="utf-8")
    (p,) = check_corpus(folder)
    assert (p.severity, p.line, p.message) == ("warning", 2, "no checksum recorded for doc_id 'talks'")


def test_a_raw_checksum_line_never_vouches_for_a_record(tmp_path):
    assert checksum_key("raw/texts.jsonl#talks") != text_key({"doc_id": "talks", "file": "texts.jsonl"})
    folder = table_corpus(tmp_path, [rec("talks", TALKS)])
    (folder / "checksums.sha256").write_text(f"{hashlib.sha256(TALKS.encode()).hexdigest()}  raw/texts.jsonl#talks\n",
                                             encoding="utf-8")
    (p,) = check_corpus(folder)
    assert p.message == "no checksum recorded for doc_id 'talks'"


def test_checksums_refuse_a_broken_table(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS), "oops"])
    with pytest.raises(CorpusError, match=r"texts\.jsonl:2: not JSON"):
        write_checksums(folder)
    assert not (folder / "checksums.sha256").exists()
    result = run_cli("checksums", "--corpus", folder)
    assert result.returncode == 1 and "texts.jsonl:2:" in result.stderr


# --------------------------------------------------------------------------- the cache key


def test_cache_key_follows_texts_jsonl(tmp_path):
    from analysis.measure.sentiment import overlay_lexicon
    from analysis.measure.stance import stance_lexicons

    lex, overlay = stance_lexicons(None), overlay_lexicon(None)
    folder = table_corpus(tmp_path, [rec("talks", TALKS)])  # no raw/: still cached
    first = cache_key(folder, lex, overlay)
    assert first is not None and cache_key(folder, lex, overlay) == first
    (folder / "texts.jsonl").write_text(rec("talks", TALKS.replace("Monday", "Tuesday")) + "\n", encoding="utf-8")
    second = cache_key(folder, lex, overlay)
    assert second not in (None, first)
    outside = tmp_path / "outside.jsonl"
    shutil.move(folder / "texts.jsonl", outside)
    os.symlink(outside, folder / "texts.jsonl")
    assert cache_key(folder, lex, overlay) is None


def test_analyse_reruns_when_a_record_changes(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS)])
    cache = tmp_path / "cache"
    first = analyse(folder, cache=cache)
    assert analyse(folder, cache=cache).cache_entry == first.cache_entry
    (folder / "texts.jsonl").write_text(rec("talks", TALKS.replace("ferry", "rail")) + "\n", encoding="utf-8")
    assert "rail" in " ".join(analyse(folder, cache=cache).sentences.text)


# --------------------------------------------------------------------------- add


def test_add_to_a_corpus_with_a_table_writes_raw_and_keeps_the_table(table_copy, tmp_path):
    (table_copy / "raw").mkdir()  # a table corpus that also takes new articles as raw files
    source = tmp_path / "garden.txt"
    source.write_text("Volunteers plant trees by the river\n" + GARDEN, encoding="utf-8")
    before = (table_copy / "texts.jsonl").read_bytes()
    result = run_cli("add", source, "--corpus", table_copy)
    assert result.returncode == 0, result.stderr
    assert (table_copy / "texts.jsonl").read_bytes() == before
    assert [f.name for f in (table_copy / "raw").iterdir()] == ["volunteers-plant-trees-by-the-river.txt"]
    corpus = load_corpus(table_copy)
    assert corpus.documents.file.tolist()[-1] == "volunteers-plant-trees-by-the-river.txt"
    assert corpus.documents.file.tolist()[:-1] == ["texts.jsonl"] * 5
    assert check_corpus(table_copy) == []  # the new checksum line joined the records'


def test_no_command_writes_over_the_table(tmp_path):
    folder = table_corpus(tmp_path, [rec("talks", TALKS)])
    before = (folder / "texts.jsonl").read_bytes()
    result = run_cli("corpus", "--corpus", folder, "--level", "documents", "-o", folder / "texts.jsonl")
    assert result.returncode == 2 and "inside the corpus folder" in result.stderr
    assert run_cli("checksums", "--corpus", folder).returncode == 0
    assert (folder / "texts.jsonl").read_bytes() == before


def test_add_to_a_corpus_with_no_raw_folder(table_copy, tmp_path):
    source = tmp_path / "garden.txt"
    source.write_text("Volunteers plant trees by the river\n" + GARDEN, encoding="utf-8")
    result = run_cli("add", source, "--corpus", table_copy)
    assert result.returncode == 0, result.stderr
