"""The teaching notebooks run top to bottom, are committed clean, and the committed figures are current."""
import csv
import os
import shutil
import subprocess
import sys

import pytest

from analysis.teach.notebooks import (NOTEBOOK_DIR, ROOT, all_notebooks, execute_notebook, has_outputs, read_notebook,
                                     teaching_notebooks)
from analysis.teach.notebooks import main as notebooks_main

NOTEBOOKS = teaching_notebooks()
ALL_NOTEBOOKS = all_notebooks()
FIGURES = ROOT / "figures"
UNSEEN = ROOT / "tests" / "data" / "unseen_quotes"
#: What notebook 05 says when no meeting has statements from both sides.
NO_SHARED_MEETING = "No meeting in this corpus has statements from both sides"


@pytest.fixture(autouse=True)
def kernel_imports_this_tree(monkeypatch):
    """Kernels start in notebooks/, where ``import analysis`` would follow the venv's editable install,
    which may point at another checkout: put this working tree first, so the notebooks run this code."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def test_the_five_teaching_notebooks_exist():
    names = [p.name[:2] for p in NOTEBOOKS]
    assert names == ["01", "02", "03", "04", "05"], names


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path):
    nb = execute_notebook(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    # The bundled corpus keeps its story: hand labels are found, and two meetings have both sides.
    text = _output_text(nb)
    assert "Stock VADER agrees with the reader" in text if path.name.startswith("02") else True
    assert NO_SHARED_MEETING not in text
    # Every notebook shows at least one figure and ends with prompts for the student.
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})]
    assert images, f"{path.name} shows no figure"
    assert any("Your turn" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(NOTEBOOK_DIR)))
def test_committed_notebooks_are_clean(path):
    nb = read_notebook(path)
    assert not has_outputs(nb), f"{path}: outputs in cells {has_outputs(nb)}; run `make strip`"
    assert "install" not in "".join(c.source for c in nb.cells if c.cell_type == "code").replace("installed", "")


def test_no_numbers_typed_into_teaching_prose():
    """Prose that cites a number must compute it; markdown may carry ids and years, not results."""
    import re

    for path in NOTEBOOKS:
        for cell in read_notebook(path).cells:
            if cell.cell_type != "markdown":
                continue
            # Decimal results such as 0.43 or -0.6 are what goes stale.
            stale = re.findall(r"(?<![\w.])[-+−]?\d+\.\d+(?![\w.])", cell.source)
            assert not stale, f"{path.name}: number(s) {stale} typed in markdown: compute them in code"


@pytest.mark.slow
def test_committed_figures_are_current(tmp_path):
    """`python -m analysis figures` in a fresh process gives the committed files byte for byte.

    This is both the staleness check (else: run `make figures` and commit) and
    the determinism check across processes.
    """
    r = subprocess.run([sys.executable, "-m", "analysis", "figures", "--out", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    written = sorted(p for p in tmp_path.iterdir() if p.suffix in (".png", ".svg", ".pdf"))
    assert {p.suffix for p in written} == {".png", ".svg", ".pdf"}
    assert len(written) >= 18, "six figures in three formats"
    stale = [p.name for p in written
             if not (FIGURES / p.name).exists() or (FIGURES / p.name).read_bytes() != p.read_bytes()]
    assert not stale, f"committed figures differ from a fresh run: {stale}; run `make figures` and commit"


def _tiny_notebook(path, *sources):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


@pytest.mark.slow
def test_runner_reports_a_failing_notebook_and_keeps_going(tmp_path, capsys):
    _tiny_notebook(tmp_path / "01_bad.ipynb", "x = 1", "1 / 0")
    _tiny_notebook(tmp_path / "02_good.ipynb", "print('fine')")
    out = tmp_path / "reports"
    code = notebooks_main(["run", "--out", str(out), str(tmp_path / "01_bad.ipynb"), str(tmp_path / "02_good.ipynb")])
    err = capsys.readouterr().err
    assert code == 1 and "01_bad.ipynb failed" in err and "ZeroDivisionError" in err
    assert (out / "01_bad.html").exists() and (out / "02_good.html").exists()


def test_strip_then_check(tmp_path):
    nb_path = tmp_path / "01_x.ipynb"
    _tiny_notebook(nb_path, "print('hi')")
    import nbformat

    nb = execute_notebook(nb_path)
    nbformat.write(nb, str(nb_path))
    assert notebooks_main(["check", str(nb_path)]) == 1
    assert notebooks_main(["strip", str(nb_path)]) == 0
    assert notebooks_main(["check", str(nb_path)]) == 0
    assert not has_outputs(read_notebook(nb_path))


def test_figure_captions_quote_the_computed_n(scored, bundled):
    """figures/README.md cites n for the bundled corpus; it must match what the code computes."""
    from analysis.compare.sides import compare_sides

    text = " ".join((FIGURES / "README.md").read_text(encoding="utf-8").split())
    pooled = compare_sides(scored, by=None).set_index("side")
    us, cn = pooled.loc["us"], pooled.loc["china"]
    assert f"{us.n_statements} US statements ({us.n_words:,} words)" in text
    assert f"{cn.n_statements} Chinese statements ({cn.n_words} words)" in text
    per_meeting = compare_sides(scored)
    placed = per_meeting[per_meeting.n_statements > 0]
    assert f"{placed.n_statements.sum()} statements in {placed.meeting_id.nunique()} meetings" in text
    assert f"{len(bundled.paragraphs)} paragraphs in {len(bundled.documents)}" in text


def test_checkpoints_are_not_project_notebooks(tmp_path):
    """A JupyterLab checkpoint (with outputs) neither fails `check` nor gets listed."""
    import nbformat

    (tmp_path / ".ipynb_checkpoints").mkdir()
    _tiny_notebook(tmp_path / "01_x.ipynb", "print('hi')")
    nb = nbformat.read(str(tmp_path / "01_x.ipynb"), as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="hi")]
    nbformat.write(nb, str(tmp_path / ".ipynb_checkpoints" / "01_x-checkpoint.ipynb"))
    assert all_notebooks(tmp_path) == [tmp_path / "01_x.ipynb"]


def _output_text(nb) -> str:
    """The text of every output of an executed notebook (streams, Markdown and plain text)."""
    return "\n".join(o.get("text", "") + o.get("data", {}).get("text/markdown", "") + o.get("data", {}).get("text/plain", "")
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _executed_text(path) -> str:
    """Execute a notebook, fail on any error output, and return the text of all its outputs."""
    nb = execute_notebook(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {[f'{e.ename}: {e.evalue}' for e in errors]}"
    return _output_text(nb)


def _bundled_ids() -> set[str]:
    """The document and meeting ids of the bundled corpus: none may appear when another corpus is loaded."""
    from analysis.paths import BUNDLED_CORPUS

    ids = {r["doc_id"] for r in csv.DictReader((BUNDLED_CORPUS / "articles.csv").open(encoding="utf-8"))}
    return ids | {r["meeting_id"] for r in csv.DictReader((BUNDLED_CORPUS / "meetings.csv").open(encoding="utf-8"))}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_on_an_unseen_corpus(path, monkeypatch):
    """No hard-coded ids, dates or phrases: the notebooks run on a corpus they were not written for."""
    monkeypatch.setenv("FRAMING_LAB_CORPUS", str(UNSEEN))
    text = _executed_text(path)
    leaked = sorted(i for i in _bundled_ids() if i in text)
    assert not leaked, f"{path.name} shows bundled ids on another corpus: {leaked}"
    if path.name.startswith("02"):
        assert "This corpus has no hand labels" in text and "sentence_labels.csv" in text
    if path.name.startswith("05"):
        assert NO_SHARED_MEETING in text        # no meeting of the unseen corpus has both sides either


@pytest.fixture(scope="module")
def one_side_corpus(tmp_path_factory):
    """tests/data/unseen_quotes with China silenced: its speakers become third parties and its readout press."""
    folder = tmp_path_factory.mktemp("one-side") / "corpus"
    shutil.copytree(UNSEEN, folder)
    for name, column, old, new in [("speakers.csv", "side", "china", "third-party"), ("articles.csv", "voice", "china", "press")]:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            row[column] = new if row[column] == old else row[column]
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    from analysis import analyse

    assert set(analyse(folder).statements.side) == {"us"}, "the one-side corpus must have US statements only"
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_when_only_one_side_speaks(path, monkeypatch, one_side_corpus):
    """A corpus where no meeting has both sides gets a sentence saying so, not an exception."""
    monkeypatch.setenv("FRAMING_LAB_CORPUS", str(one_side_corpus))
    text = _executed_text(path)
    if path.name.startswith("04"):
        assert "Only one side speaks" in text
    if path.name.startswith("05"):
        assert NO_SHARED_MEETING in text

