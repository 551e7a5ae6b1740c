"""Run, export and clean the project's Jupyter notebooks (used by ``make``, the tests and the exercise tools).

``python -m analysis.teach.notebooks run [--out reports]`` executes every teaching
notebook in ``notebooks/`` from a fresh kernel, in order, and writes an
executed HTML copy of each; ``strip`` removes outputs and execution counts
from notebooks in place (before a commit); ``check`` lists notebooks that
carry outputs (exit 1 if any).

nbclient, nbformat and nbconvert are imported inside the functions, so
``import analysis`` does not pay for them.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from analysis.paths import NOTEBOOK_DIR, REPORT_DIR, ROOT
from analysis.output import write_text_atomic

#: Seconds a single cell may run before the notebook counts as failed.
CELL_TIMEOUT = 300


def all_notebooks(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """Every notebook under ``folder`` that belongs to the project: JupyterLab's
    ``.ipynb_checkpoints`` (and any other hidden folder) are not ours and are skipped."""
    folder = Path(folder)
    return sorted(p for p in folder.rglob("*.ipynb")
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def teaching_notebooks(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered teaching notebooks (``01_….ipynb`` …) in ``folder``, in order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def read_notebook(path: str | Path):
    """Read a notebook (nbformat 4), with a clear message when the file is not one."""
    import nbformat

    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as err:  # nbformat raises several kinds (JSON, validation)
        raise ValueError(f"{path}: not a readable Jupyter notebook ({err}); "
                         "restore it with `git checkout -- <file>`") from err


def execute_notebook(path: str | Path, timeout: int = CELL_TIMEOUT, cwd: str | Path | None = None):
    """Execute a notebook top to bottom in a fresh ``python3`` kernel and return the executed notebook.

    The kernel starts in ``cwd`` (default: the notebook's folder), as Jupyter
    does, so relative paths in the notebook behave the same. A failing cell
    raises ``nbclient.exceptions.CellExecutionError`` naming the cell.
    """
    path = Path(path)
    nb = read_notebook(path)
    _execute(nb, cwd or path.parent, timeout)
    return nb


def _execute(nb, cwd, timeout: int) -> None:
    """Execute ``nb`` in place; on a failure the cells run so far keep their outputs."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()


#: The template's script tags left without a source once MathJax and require.js are off.
_EMPTY_SCRIPT = re.compile(r'<script src=""[^>]*>\s*</script>\s*')


def export_html(nb, out: str | Path) -> Path:
    """Write an executed notebook as a standalone HTML page that works offline (written whole or not at all).

    nbconvert's template loads MathJax and require.js from a CDN; the teaching
    notebooks need neither, and a page full of corpus text should load no
    third-party script, so both are left out.
    """
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(mathjax_url="", require_js_url="").from_notebook_node(nb)
    return write_text_atomic(out, _EMPTY_SCRIPT.sub("", body))


def has_outputs(nb) -> list[int]:
    """Indices of cells that carry outputs, an execution count or execution timing metadata."""
    return [i for i, c in enumerate(nb.cells)
            if "execution" in c.get("metadata", {})
            or (c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None))]


def strip_outputs(nb):
    """Remove outputs and execution counts (and per-cell execution metadata) in place; return the notebook."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def run_all(notebooks: list[Path], out: str | Path = REPORT_DIR, timeout: int = CELL_TIMEOUT
            ) -> tuple[list[tuple[Path, float]], list[tuple[Path, str]]]:
    """Execute each notebook and write ``out/<name>.html``, printing progress.

    Returns ``(done, failed)``: (html path, seconds) for each notebook that ran,
    and (notebook, error message) for each that failed. A failing notebook
    still gets its HTML, with the outputs up to the failing cell, and the
    others still run.
    """
    done, failed = [], []
    for i, path in enumerate(notebooks, 1):
        print(f"[{i}/{len(notebooks)}] running {path.name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        nb = read_notebook(path)
        try:
            _execute(nb, path.parent, timeout)
        except Exception as err:  # nbclient: CellExecutionError, CellTimeoutError, DeadKernelError ...
            html = export_html(nb, Path(out) / f"{path.stem}.html")
            print(f"[{i}/{len(notebooks)}] {path.name} FAILED ({type(err).__name__}); partial output in {html}",
                  file=sys.stderr, flush=True)
            failed.append((path, f"{type(err).__name__}: {err}"))
            continue
        seconds = time.perf_counter() - start
        html = export_html(nb, Path(out) / f"{path.stem}.html")
        print(f"[{i}/{len(notebooks)}] {path.name}: {seconds:.1f} s -> {html}", file=sys.stderr, flush=True)
        done.append((html, seconds))
    return done, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.teach.notebooks", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="execute the notebooks and write executed HTML copies")
    p.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: the teaching notebooks)")
    p.add_argument("--out", type=Path, default=REPORT_DIR, help="folder for the HTML copies (default: reports/)")
    p = sub.add_parser("strip", help="remove outputs and execution counts in place")
    p.add_argument("notebooks", nargs="*", type=Path)
    p = sub.add_parser("check", help="list notebooks that carry outputs (exit 1 if any)")
    p.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or all_notebooks()
    try:
        if args.command == "run":
            paths = args.notebooks or teaching_notebooks()
            start = time.perf_counter()
            done, failed = run_all(paths, args.out)
            print(f"{len(done)} notebook(s) executed in {time.perf_counter() - start:.1f} s; "
                  f"HTML copies in {args.out}/", file=sys.stderr)
            for path, message in failed:
                print(f"error: {path} failed:\n{message}", file=sys.stderr)
            if failed:
                return 1
        elif args.command == "strip":
            import nbformat

            for path in paths:
                nb = read_notebook(path)
                if has_outputs(nb):
                    write_text_atomic(path, nbformat.writes(strip_outputs(nb)) + "\n")
                    print(f"stripped {path}", file=sys.stderr)
        else:
            dirty = [p for p in paths if has_outputs(read_notebook(p))]
            for p in dirty:
                print(f"{p}: has outputs; run `python -m analysis.teach.notebooks strip {p}`", file=sys.stderr)
            return 1 if dirty else 0
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
