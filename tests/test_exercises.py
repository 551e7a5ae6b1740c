"""Exercises: generation of student versions, the checks, and grading.

Executing a notebook costs a kernel start and a few seconds, so every solution
and every generated student version is executed once per test session (two at a
time) by the ``graded`` fixture, through the same grading code instructors use;
the tests below read its table.
"""
import csv
import hashlib
import shutil

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import (attribute_sentences, compare_sides, load_corpus, score_sentences,
                      select_statements)
from analysis.text.corpus import BUNDLED_CORPUS, write_checksums
from analysis.teach import exercises as ex
from analysis.teach.exercises import (EXERCISE_DIR, QUESTIONS, SOLUTION_DIR, CheckResult, ExerciseFormatError,
                                check, is_blank, questions_for, student_notebook, student_source)
from analysis.measure.lexicon import LEXICON_DIR
from analysis.teach.notebooks import ROOT

SOLUTIONS = sorted(SOLUTION_DIR.glob("[0-9][0-9]_*.ipynb"))
STUDENTS = [EXERCISE_DIR / p.name for p in SOLUTIONS]
TEACHING = ("01_corpus", "02_sentiment", "03_hedging", "04_distinctive_terms", "05_readouts_compared")


def exercise_of(path):
    return f"ex{int(path.name[:2])}"


def _snapshot():
    """SHA-256 of every file the notebooks must never write: corpus/, figures/, analysis/lexicons/."""
    folders = (BUNDLED_CORPUS, ROOT / "figures", LEXICON_DIR)
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest()
            for folder in folders for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def executed():
    """Every solution and student notebook executed once: (one row per notebook × question, files before, after)."""
    names = [f"solutions/{p.name}" for p in SOLUTIONS] + [p.name for p in STUDENTS]
    before = _snapshot()
    table = ex.grade_notebooks(SOLUTIONS + STUDENTS, timeout=120, jobs=2, names=names)
    return table, before, _snapshot()


@pytest.fixture
def graded(executed):
    return executed[0]


# --------------------------------------------------------------------------- the notebooks
def test_at_least_six_exercises_each_with_its_questions():
    assert len(SOLUTIONS) >= 6
    for path in SOLUTIONS:
        assert questions_for(exercise_of(path)), path.name
    assert {q.split(".")[0] for q in QUESTIONS} == {exercise_of(p) for p in SOLUTIONS}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_executes_and_passes_every_check(graded, path):
    rows = graded[graded["notebook"] == f"solutions/{path.name}"]
    assert (rows["error"] == "").all(), rows["error"].iloc[0]
    assert rows["question"].tolist() == questions_for(exercise_of(path))
    failed = rows[~rows["passed"]]
    assert failed.empty, failed["message"].tolist()


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_blank_student_version_reaches_and_fails_every_check(graded, path):
    rows = graded[graded["notebook"] == path.name]
    assert (rows["error"] == "").all(), f"the blank notebook crashed: {rows['error'].iloc[0]}"
    assert rows["question"].tolist() == questions_for(exercise_of(path))
    assert not rows["passed"].any(), rows[rows["passed"]]["question"].tolist()
    for message in rows["message"]:
        assert "not yet: no answer yet" in message, message


def test_student_versions_are_up_to_date():
    assert ex.verify() == []


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_student_version_states_goal_prerequisites_time_and_hides_solutions(path):
    nb = nbformat.read(path, as_version=4)
    header = nb.cells[0].source
    for field in ("Learning goal", "Prerequisites", "Estimated time"):
        assert f"**{field}:**" in header
    assert any(name in header for name in TEACHING)
    text = path.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "PLACEHOLDER", '"solution"', '"hidden"'):
        assert marker not in text, marker
    assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    solution = nbformat.read(SOLUTION_DIR / path.name, as_version=4)
    for cell in solution.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and "solution" in tags:
            assert cell.source not in text
        if "hidden" in tags:
            assert cell.id not in {c.id for c in nb.cells}


def test_notebooks_never_write_in_the_corpus_figures_or_lexicons(executed):
    _, before, after = executed
    assert before == after


# --------------------------------------------------------------------------- generation
def test_student_source_keeps_placeholders_with_their_indentation():
    src = ("def f():\n    # BEGIN SOLUTION\n    # PLACEHOLDER: return ...\n    return 42\n    # END SOLUTION\n"
           "print(f())")
    assert student_source(src) == "def f():\n    return ...\nprint(f())"
    assert student_source("# BEGIN SOLUTION\nsecret = 1\n# END SOLUTION") == ex.CODE_PLACEHOLDER


@pytest.mark.parametrize("src, words", [
    ("# BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n# END SOLUTION", "without a"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
    ("# PLACEHOLDER: x = ...", "outside a solution block"),
    ("#BEGIN SOLUTION\nx = 1\n# END SOLUTION", "looks like a marker"),
    ("x = 1", "has no"),
])
def test_student_source_rejects_broken_markers(src, words):
    with pytest.raises(ExerciseFormatError, match=words):
        student_source(src, "nb, cell 2")


def _tiny_solution():
    cells = [
        new_markdown_cell("# T\n\n**Learning goal:** g\n\n**Prerequisites:** 02_sentiment\n\n**Estimated time:** 5 minutes."),
        new_code_cell("# BEGIN SOLUTION\n# PLACEHOLDER: share = ...\nshare = 0.5\n# END SOLUTION", metadata={"tags": ["solution"]}),
        new_markdown_cell("My explanation.", metadata={"tags": ["solution"]}),
        new_code_cell("assert share == 0.5", metadata={"tags": ["hidden"]}),
        new_code_cell('check("ex6.q3", share)'),
    ]
    cells[1].outputs = [nbformat.v4.new_output("stream", text="0.5\n")]
    cells[1].execution_count = 3
    return new_notebook(cells=cells)


def test_student_notebook_replaces_removes_and_strips():
    sol = _tiny_solution()
    nb = student_notebook(sol, "06_x.ipynb")
    assert [c.source for c in nb.cells] == [sol.cells[0].source, "share = ...", ex.MARKDOWN_PLACEHOLDER,
                                            'check("ex6.q3", share)']
    assert nb.cells[1].metadata["tags"] == ["answer"] and nb.cells[1].outputs == []
    assert nb.cells[1].execution_count is None
    assert [c.id for c in nb.cells] == [sol.cells[i].id for i in (0, 1, 2, 4)]
    assert sol.cells[1].source.startswith("# BEGIN")  # the solution itself is untouched


def test_marker_in_an_untagged_cell_is_an_error():
    sol = _tiny_solution()
    sol.cells[1].metadata["tags"] = []
    with pytest.raises(ExerciseFormatError, match="not tagged"):
        student_notebook(sol, "06_x.ipynb")


def test_build_is_deterministic_and_verify_finds_stale_missing_and_orphan(tmp_path):
    sols, out = tmp_path / "solutions", tmp_path / "out"
    shutil.copytree(SOLUTION_DIR, sols)
    first = ex.build(sols, out)
    assert len(first) == len(SOLUTIONS)
    snapshot = {p.name: p.read_bytes() for p in out.glob("*.ipynb")}
    assert ex.build(sols, out) == []  # nothing changed
    assert {p.name: p.read_bytes() for p in out.glob("*.ipynb")} == snapshot
    assert {n: (EXERCISE_DIR / n).read_bytes() for n in snapshot} == snapshot
    assert ex.verify(sols, out) == []
    victim = out / SOLUTIONS[0].name
    victim.write_text(victim.read_text(encoding="utf-8").replace("Learning goal", "Goal"), encoding="utf-8")
    (out / SOLUTIONS[1].name).unlink()
    shutil.copy(SOLUTIONS[2], out / "99_orphan.ipynb")
    problems = "\n".join(ex.verify(sols, out))
    assert "stale" in problems and "missing" in problems and "no solution notebook" in problems
    assert ex.main(["verify"]) == 0


def test_lint_requires_header_and_every_question(tmp_path):
    sol = _tiny_solution()
    sol.cells[0].source = "# T"
    problems = "\n".join(ex.lint_solution(sol, "06_x.ipynb"))
    assert "Learning goal" in problems and "ex6.q1 is never checked" in problems and "has outputs" in problems


# --------------------------------------------------------------------------- checks
@pytest.mark.parametrize("qid", list(QUESTIONS))
@pytest.mark.parametrize("blank", [..., None, "  ", [..., ...], {"a": ..., "b": None}])
def test_every_check_fails_on_a_blank_answer(qid, blank):
    earlier = ["x"] * len(QUESTIONS[qid].needs)
    result = check(qid, blank, *earlier)
    assert not result.passed
    assert result.message == f"{qid}: not yet: no answer yet (replace the ... with your answer)."


def test_check_prints_and_returns_a_result(capsys):
    result = check("ex6.q3", 2.5)
    assert isinstance(result, CheckResult) and not result and result.question == "ex6.q3"
    assert capsys.readouterr().out == result.message + "\n"
    assert "between 0 and 1" in result.message


def test_unknown_question_and_missing_earlier_answer_fail():
    assert "no question" in check("ex9.q9", 1).message
    assert 'check("ex2.q2", answer, my_labels)' in check("ex2.q2", {"stock": 1}).message
    assert "no answer yet for my_labels" in check("ex2.q2", {"stock": 1}, ...).message


def test_is_blank():
    assert is_blank("...") and is_blank([None]) and is_blank({"us": [...], "china": [...]})
    assert not is_blank([]) and not is_blank(0) and not is_blank(False) and not is_blank({"a": 1, "b": ...})


def _leaks(message, value):
    return any(s in message for s in {f"{value:.2f}", f"{value:.3f}", f"{value:.4f}", repr(value), str(value)})


def test_numeric_check_is_tolerant_and_does_not_reveal_the_value():
    _, p = ex._paragraphs()
    multi = p[p["n_sentences"] >= 2]
    share = float((multi["compound_whole"].abs() > multi["compound"].abs()).mean())
    assert check("ex6.q3", share).passed
    assert check("ex6.q3", max(0.0, share - 0.004)).passed
    wrong = check("ex6.q3", abs(share - 0.3))
    assert not wrong.passed and not _leaks(wrong.message, share)


def test_label_checks_accept_case_and_order_and_name_no_expected_label():
    stock = ex._vader_labels("stock")
    assert check("ex1.q2", [f" {x.upper()} " for x in stock]).passed
    wrong = [("positive" if x != "positive" else "negative") if i == 2 else x for i, x in enumerate(stock)]
    result = check("ex1.q2", wrong)
    assert not result.passed and "phrase 3" in result.message
    assert not any(label in result.message for label in ex.SENTIMENTS)
    predictions = ["neutral"] * len(ex.PHRASES)
    misses = [i for i, (a, b) in enumerate(zip(predictions, stock), 1) if a != b]
    assert check("ex1.q4", list(reversed(misses)), predictions).passed
    assert not check("ex1.q4", misses[1:], predictions).passed
    assert not check("ex1.q1", ["neutral"] * 7).passed


def test_agreement_check_follows_the_students_own_labels():
    from analysis.measure.evaluate import cohen_kappa

    items = ex.labelling_sentences()
    assert len(items) == 10 and items["item"].tolist() == list(range(1, 11))
    for mine in (["neutral"] * 10, items["label"].tolist(), items["label_diplomatic"].tolist()[::-1]):
        agreement = {}
        for kind, col in (("stock", "label"), ("diplomatic", "label_diplomatic")):
            vader = items[col].tolist()
            agreement[kind] = {"accuracy": sum(a == b for a, b in zip(mine, vader)) / 10,
                               "kappa": cohen_kappa(mine, vader)}
        assert check("ex2.q1", mine).passed
        assert check("ex2.q2", agreement, mine).passed
        right = agreement["stock"]["accuracy"]
        agreement["stock"]["accuracy"] = (right + 0.3) % 1
        wrong = check("ex2.q2", agreement, mine)
        assert not wrong.passed and "stock accuracy" in wrong.message and not _leaks(wrong.message, right)
    percent = {"stock": {"accuracy": 70, "kappa": 0.1}, "diplomatic": {"accuracy": 0.5, "kappa": 0.1}}
    assert "not a percentage" in check("ex2.q2", percent, ["neutral"] * 10).message
    assert "is not one of" in check("ex2.q1", ["good"] * 10).message


def _lexicon_copy(tmp_path, row):
    shutil.copytree(LEXICON_DIR, tmp_path / "lexicons")
    path = tmp_path / "lexicons" / "hedges.csv"
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=["entry", "category", "kind", "source", "note", "condition"],
                       lineterminator="\n").writerow({"condition": "", **row})
    return path


def test_hedge_lexicon_checks(tmp_path):
    row = {"entry": "potential", "category": "hedge", "kind": "word", "source": "test", "note": "test"}
    path = _lexicon_copy(tmp_path / "a", row)
    assert check("ex3.q1", row, path).passed
    _, scored = ex._bundled()
    after = ex.hedge_counts(scored["text"], ex._load_copy(path))
    changed = [k for k, b, a in zip(scored[["doc_id", "para", "sent"]].itertuples(index=False, name=None),
                                    scored["hedges"], after) if a != b]
    assert changed and check("ex3.q2", changed, path).passed
    assert "missing" in check("ex3.q2", changed[1:], path).message
    booster = {"entry": "really", "category": "hedge", "kind": "word", "source": "t", "note": "t"}
    assert "already in boosters" in check("ex3.q1", booster, _lexicon_copy(tmp_path / "b", booster)).message
    assert "outside the repository" in check("ex3.q1", row, LEXICON_DIR / "hedges.csv").message
    for word in ("zebra", "believe"):  # absent; present only inside the longer entries "I believe", "we believe"
        other = {"entry": word, "category": "hedge", "kind": "word", "source": "t", "note": "t"}
        assert "changes no hedge count" in check("ex3.q1", other, _lexicon_copy(tmp_path / word, other)).message


def test_exercise3_append_cell_rebuilds_the_copy_on_every_run(tmp_path):
    """Rerunning the cell that appends new_entry, even after editing the entry, leaves one new row."""
    nb = nbformat.read(EXERCISE_DIR / "03_extend_hedge_lexicon.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "shutil.copyfile" in c.source)
    shutil.copytree(LEXICON_DIR, tmp_path / "lexicons")
    hedges_copy = tmp_path / "lexicons" / "hedges.csv"
    bundled = (LEXICON_DIR / "hedges.csv").read_text(encoding="utf-8")
    namespace = {"csv": csv, "shutil": shutil, "pd": pd, "LEXICON_DIR": LEXICON_DIR, "hedges_copy": hedges_copy}
    for entry in ("would", "would", "potential"):
        namespace["new_entry"] = {"entry": entry, "category": "hedge", "kind": "word", "source": "t", "note": "t"}
        exec(cell, namespace)
        text = hedges_copy.read_text(encoding="utf-8")
        assert text.startswith(bundled) and text[len(bundled):].count("\n") == 1
        assert text[len(bundled):].startswith(entry + ",")
    assert check("ex3.q1", namespace["new_entry"], hedges_copy).passed
    namespace["new_entry"] = {"entry": ..., "category": "hedge", "kind": "word", "source": "t", "note": ...}
    exec(cell, namespace)
    assert hedges_copy.read_text(encoding="utf-8") == bundled


def _corpus_with_readout(tmp_path, participants):
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    text = ex.READOUT_FILE.read_text(encoding="utf-8")
    (dest / "raw" / "readout.txt").write_text(text, encoding="utf-8")
    for name, row in (("articles.csv", {"doc_id": "readout", "file": "readout.txt", "title": text.splitlines()[0],
                                        "outlet": "test", "published": "", "voice": "us",
                                        "meeting_id": "test-call", "notes": "written for the exercise"}),
                      ("meetings.csv", {"meeting_id": "test-call", "date": "", "place": "",
                                        "participants": participants, "description": "test"})):
        with open(dest / name, encoding="utf-8") as fh:
            columns = next(csv.reader(fh))
        with open(dest / name, "a", encoding="utf-8", newline="") as fh:
            csv.DictWriter(fh, fieldnames=columns, lineterminator="\n").writerow(row)
    return dest


def test_new_article_checks(tmp_path):
    dest = _corpus_with_readout(tmp_path / "a", "State Department")
    assert "write_checksums" in check("ex5.q1", "readout", dest).message
    write_checksums(dest)
    assert check("ex5.q1", "readout", dest).passed
    assert not check("ex5.q1", "cnn-stability", dest).passed
    scored = score_sentences(attribute_sentences(load_corpus(dest)))
    stm = select_statements(scored)
    added = {s: int(((stm["doc_id"] == "readout") & (stm["side"] == s)).sum()) for s in ("us", "china")}
    assert added["us"] > 0 and check("ex5.q2", added, dest).passed
    assert not check("ex5.q2", {**added, "us": added["us"] + 1}, dest).passed
    _, bundled = ex._bundled()
    new = compare_sides(scored, by=None).set_index("side")["compound_diplomatic"]
    old = compare_sides(bundled, by=None).set_index("side")["compound_diplomatic"]
    change = {s: float(new[s] - old[s]) for s in ("us", "china")}
    assert check("ex5.q3", change, dest).passed
    wrong = check("ex5.q3", {"us": change["us"] + 0.05, "china": change["china"]}, dest)
    assert not wrong.passed and not _leaks(wrong.message, change["us"])
    pulled = _corpus_with_readout(tmp_path / "b", "State Department;Chinese Foreign Ministry")
    write_checksums(pulled)
    assert "changed the meeting" in check("ex5.q1", "readout", pulled).message
    assert "outside the repository" in check("ex5.q1", "readout", BUNDLED_CORPUS).message


def test_distinctive_terms_checks_accept_order_and_case():
    meeting = "blinken-qin-call"
    if not check("ex4.q1", meeting).passed:
        pytest.skip("the bundled corpus no longer has this meeting first")
    table = ex._top_terms_of(meeting)
    top = {s: table[table["group"] == s].nlargest(5, "zscore")["term"].tolist() for s in ("us", "china")}
    shuffled = {s: [t.upper() for t in reversed(top[s])] for s in top}
    assert check("ex4.q2", shuffled, meeting).passed
    bottom = table[table["group"] == "us"].nsmallest(1, "zscore")["term"].iloc[0]
    assert not check("ex4.q2", {**top, "us": top["us"][:4] + [bottom]}, meeting).passed
    assert "get q1 right first" in check("ex4.q2", top, "biden-xi-bali").message


def test_judgement_checks_look_at_structure():
    assert "at least 15 words" in check("ex6.q5", "VADER sums valences.").message
    long_but_vague = "I think the two numbers are different because they are computed in two different ways here."
    assert not check("ex6.q5", long_but_vague).passed
    mechanism_only = long_but_vague + " VADER sums the valences, so longer text saturates."
    assert "mean of the sentence scores" in check("ex6.q5", mechanism_only).message
    assert check("ex6.q5", mechanism_only[:-1] + ", while the mean of the sentence scores does not.").passed
    assert check("ex6.q5", "The whole paragraph's valences are added up and normalized, but averaging "
                           "each sentence keeps the score small.").passed


@pytest.mark.parametrize("answer", [
    "I do not know what this means, sorry, I could not work out why the two numbers differ at all.",
    "sum " * 15,
    "sum mean " * 8,
    "In addition, the summary is meaningful: totally different averages seem normal here, as everyone knows.",
])
def test_explanation_check_rejects_vague_repeated_and_substring_answers(answer):
    assert not check("ex6.q5", answer).passed


def test_list_checks_accept_numpy_and_pandas_values():
    from analysis.measure.sentiment import overlay_matches

    stock, dipl = ex._vader_labels("stock"), ex._vader_labels("diplomatic")
    for convert in (np.array, pd.Series, tuple):
        assert check("ex1.q1", convert(stock)).passed
        assert check("ex1.q2", convert(stock)).passed
        assert check("ex1.q3", convert(dipl)).passed
    predictions = ["neutral"] * len(ex.PHRASES)
    misses = [i for i, (a, b) in enumerate(zip(predictions, stock), 1) if a != b]
    for answer in ([np.int64(i) for i in misses], np.array(misses), pd.Series(misses), set(misses),
                   [float(i) for i in misses]):
        assert check("ex1.q4", answer, np.array(predictions)).passed, answer
    assert "whole numbers" in check("ex1.q4", misses[:-1] + [misses[-1] + 0.5], predictions).message
    assert "whole numbers" in check("ex1.q4", [True], predictions).message
    assert "should be a list" in check("ex1.q4", np.array([misses]), predictions).message
    assert "a set has no order" in check("ex1.q2", set(stock)).message

    culprits = {np.int64(n): max(overlay_matches(p), key=lambda m: abs(m.valence)).text
                for n, p in enumerate(ex.PHRASES, 1) if stock[n - 1] != dipl[n - 1]}
    assert check("ex1.q5", culprits).passed
    as_lists = {int(n): [term] for n, term in culprits.items()}
    assert check("ex1.q5", as_lists).passed
    first = min(as_lists)
    assert "not a term the diplomatic overlay matched" in check("ex1.q5", {**as_lists, first: ["peace"]}).message
    wrong_type = check("ex1.q5", {**as_lists, first: 3}).message
    assert f"phrase {first}, give the term as a string" in wrong_type and "no term given yet" not in wrong_type

    items = ex.labelling_sentences()
    mine = items["label"]  # a Series of labels
    assert check("ex2.q1", mine).passed and check("ex2.q1", mine.to_numpy()).passed
    differ = np.flatnonzero(items["label"].to_numpy() != items["label_diplomatic"].to_numpy()) + 1
    assert check("ex2.q3", differ, mine).passed
    assert check("ex2.q3", pd.Series(differ), mine.tolist()).passed


def test_paragraph_checks_accept_numpy_scores_and_reject_fractional_paragraphs():
    _, p = ex._paragraphs()
    row = p.loc[p["gap"].idxmax()]
    paragraph = (row["doc_id"], row["para"])  # the para as a numpy integer
    assert check("ex6.q1", paragraph).passed
    s, _ = ex._paragraphs()
    scores = s[(s["doc_id"] == row["doc_id"]) & (s["para"] == row["para"])].sort_values("sent")["compound"]
    for answer in (scores, scores.values, scores.tolist(), tuple(scores)):
        assert check("ex6.q2", answer, paragraph).passed
    fractional = check("ex6.q1", (row["doc_id"], int(row["para"]) + 0.7))
    assert not fractional.passed and "whole number" in fractional.message
    assert "whole number" in check("ex6.q1", ("doc", 2.7)).message
    assert "whole number" in check("ex6.q1", (row["doc_id"], True)).message


def test_reading_sentence_must_contain_the_term():
    from analysis.compare.kwic import kwic

    meeting = "blinken-qin-call"
    if not check("ex4.q1", meeting).passed:
        pytest.skip("the bundled corpus no longer has this meeting first")
    table = ex._top_terms_of(meeting)
    top = {s: table[table["group"] == s].nlargest(5, "zscore")["term"].tolist() for s in ("us", "china")}
    term = top["us"][0]
    text = kwic(ex._meeting_statements(meeting), term)["text"].iloc[0]
    words = text.split()
    comment = "The term comes from the narration around the quotation, not from the speaker's own framing."
    assert check("ex4.q4", {"term": term, "sentence": text, "comment": comment}, top, meeting).passed
    fragments = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]
    without = [f for f in fragments if term not in f.lower()]
    assert without, "every five-word fragment contains the term"
    result = check("ex4.q4", {"term": term, "sentence": without[0], "comment": comment}, top, meeting)
    assert not result.passed and "does not contain" in result.message


# --------------------------------------------------------------------------- grading
def test_grade_a_folder_from_the_command_line(tmp_path, capsys):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(SOLUTION_DIR / "06_sentence_vs_paragraph.ipynb", folder / "alice_06.ipynb")
    shutil.copy(EXERCISE_DIR / "01_predict_sentiment.ipynb", folder / "bob_01.ipynb")
    broken = new_notebook(cells=[
        new_code_cell("from analysis.teach.exercises import check"),
        new_code_cell('check("ex6.q3", 0.25)\ncheck("ex6.q3", 2)'),
        new_code_cell('raise RuntimeError("boom")'),
        new_code_cell('check("ex6.q4", 3)'),
    ])
    nbformat.write(broken, folder / "carol_06.ipynb")
    (folder / "dave.ipynb").write_text("not a notebook", encoding="utf-8")
    out = tmp_path / "grades.csv"
    assert ex.main(["grade", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "60"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ex.GRADE_COLUMNS
    by = {}
    for r in rows:
        by.setdefault(r["notebook"], []).append(r)
    assert [r["passed"] for r in by["alice_06.ipynb"]] == ["True"] * len(questions_for("ex6"))
    assert {r["exercise"] for r in by["bob_01.ipynb"]} == {"ex1"}
    assert [r["passed"] for r in by["bob_01.ipynb"]] == ["False"] * len(questions_for("ex1"))
    carol = {r["question"]: r for r in by["carol_06.ipynb"]}
    assert set(carol) == set(questions_for("ex6"))
    assert all("RuntimeError: boom" in r["error"] for r in carol.values())
    assert "between 0 and 1" in carol["ex6.q3"]["message"]  # the last result of a question counts
    assert "not checked: the notebook stopped" in carol["ex6.q4"]["message"]
    assert "not a readable Jupyter notebook" in by["dave.ipynb"][0]["error"]
    assert "graded 4 notebook(s)" in capsys.readouterr().err
    assert ex.main(["grade", str(tmp_path / "nowhere")]) == 2
