"""Student versions from solution notebooks: the tag and marker rules, lint, build and verify.

(Named ``generate`` rather than ``build`` so that the package's :func:`build`
function does not hide this module.)
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from analysis.teach.exercises.checks import QUESTIONS, questions_for
from analysis.teach.exercises.data import EXERCISE_DIR, SOLUTION_DIR
from analysis.teach.notebooks import has_outputs, read_notebook, strip_outputs

TAG_SOLUTION = "solution"
TAG_HIDDEN = "hidden"
#: Tag given to the student cells made from solution cells (where answers go).
TAG_ANSWER = "answer"
BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
PLACEHOLDER = "# PLACEHOLDER:"
MARKDOWN_PLACEHOLDER = "_Write your answer here._"
CODE_PLACEHOLDER = "# Write your code here."
_MARKER_LIKE = re.compile(r"^\s*#+\s*(BEGIN|END)\s*[-_ ]?\s*SOLUTION\b|^\s*#+\s*PLACEHOLDER\b", re.IGNORECASE)
#: Words the header cell of every solution must contain.
HEADER_FIELDS = ("Learning goal", "Prerequisites", "Estimated time")
#: Characters of the SHA-1 kept as a cell id (nbformat allows 1-64; 12 are unique within a notebook).
CELL_ID_LENGTH = 12


class ExerciseFormatError(ValueError):
    """A solution notebook breaks the tag/marker rules; the message names the cell and line."""


def _marker_line(line: str, i: int, where: str, inside_since: int | None, out: list[str]) -> int | None:
    """Handle one line of a solution cell; return the line its open block began on (None: outside a block)."""
    s = line.strip()
    if s == BEGIN:
        if inside_since is not None:
            raise ExerciseFormatError(f"{where}, line {i}: '{BEGIN}' inside another solution block "
                                      f"(opened on line {inside_since}); close it first with '{END}'")
        return i
    if s == END:
        if inside_since is None:
            raise ExerciseFormatError(f"{where}, line {i}: '{END}' without a '{BEGIN}' before it")
        return None
    if s.startswith(PLACEHOLDER):
        if inside_since is None:
            raise ExerciseFormatError(f"{where}, line {i}: '{PLACEHOLDER}' outside a solution block; "
                                      f"put it between '{BEGIN}' and '{END}'")
        out.append(line[: len(line) - len(line.lstrip())] + s[len(PLACEHOLDER):].strip())
        return inside_since
    if _MARKER_LIKE.match(line):
        raise ExerciseFormatError(f"{where}, line {i}: {s!r} looks like a marker but is not one; "
                                  f"write exactly '{BEGIN}', '{END}' or '{PLACEHOLDER} <code>'")
    if inside_since is None:
        out.append(line)
    return inside_since


def student_source(source: str, where: str = "cell") -> str:
    """The student version of a ``solution``-tagged code cell's source.

    Lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are dropped except
    ``# PLACEHOLDER: code`` lines, which become ``code`` at the same indentation.
    A cell left empty gets ``# Write your code here.``.

    >>> print(student_source("    # BEGIN SOLUTION\\n    # PLACEHOLDER: total = ...\\n    total = 3\\n    # END SOLUTION"))
        total = ...
    >>> student_source("# BEGIN SOLUTION\\nx = 1")
    Traceback (most recent call last):
    ...
    analysis.teach.exercises.generate.ExerciseFormatError: cell, line 1: '# BEGIN SOLUTION' is never closed; add a '# END SOLUTION' line
    """
    out: list[str] = []
    inside_since = None
    blocks = 0
    for i, line in enumerate(source.split("\n"), 1):
        if line.strip() == BEGIN:
            blocks += 1
        inside_since = _marker_line(line, i, where, inside_since, out)
    if inside_since is not None:
        raise ExerciseFormatError(f"{where}, line {inside_since}: '{BEGIN}' is never closed; add a '{END}' line")
    if not blocks:
        raise ExerciseFormatError(f"{where}: tagged '{TAG_SOLUTION}' but has no '{BEGIN}' ... '{END}' block; "
                                  "mark the lines to remove (or remove the tag)")
    text = "\n".join(out).strip("\n")
    return text if text.strip() else CODE_PLACEHOLDER


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_number(stem: str) -> int | None:
    """The number a notebook name starts with (``"03_extend"`` -> 3), or None."""
    m = re.match(r"^(\d+)_", stem)
    return int(m.group(1)) if m else None


def _student_cell(cell, where: str) -> bool:
    """Turn one solution cell into its student version in place; False when the cell is dropped."""
    tags = _tags(cell)
    if TAG_HIDDEN in tags:
        return False
    if TAG_SOLUTION in tags:
        if cell.cell_type == "code":
            cell.source = student_source(cell.source, where)
        elif cell.cell_type == "markdown":
            cell.source = MARKDOWN_PLACEHOLDER
            cell.pop("attachments", None)
        cell.metadata["tags"] = [t for t in tags if t != TAG_SOLUTION] + [TAG_ANSWER]
    elif cell.cell_type == "code":
        for i, line in enumerate(cell.source.split("\n"), 1):
            if _MARKER_LIKE.match(line):
                raise ExerciseFormatError(f"{where}, line {i}: solution marker in a cell not tagged "
                                          f"'{TAG_SOLUTION}'; add the tag (the solution would be given away)")
    return True


def student_notebook(solution, name: str = "notebook"):
    """The student version of a solution notebook (a new notebook; the input is not changed)."""
    import copy

    import nbformat

    nb = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(nb.cells):
        if "id" not in cell:  # old notebooks: a stable id, so reruns write the same bytes
            cell["id"] = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:CELL_ID_LENGTH]
        if _student_cell(cell, f"{name}, cell {index + 1}"):
            cells.append(cell)
    nb.cells = cells
    strip_outputs(nb)
    nb.nbformat, nb.nbformat_minor = 4, max(5, int(nb.get("nbformat_minor", 5)))
    meta = dict(nb.metadata.get("framing_lab", {}))
    meta["generated_from"] = f"solutions/{name}"
    nb.metadata["framing_lab"] = meta
    nbformat.validate(nb)
    return nb


def notebook_text(nb) -> str:
    """A notebook as the exact text written to disk (the same bytes on every run)."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def lint_solution(nb, name: str) -> list[str]:
    """Problems in a solution notebook beyond the marker rules (header fields, checks)."""
    problems = []
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    missing = [f for f in HEADER_FIELDS if first is None or f.lower() not in first.source.lower()]
    if missing:
        problems.append(f"{name}: the first markdown cell must state {', '.join(missing)}")
    number = exercise_number(name)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    used = set(re.findall(r"check\(\s*[\"'](ex\d+\.q\d+)[\"']", code))
    for qid in sorted(used - set(QUESTIONS)):
        problems.append(f"{name}: check({qid!r}, ...) is not a known question; "
                        f"register it in analysis/teach/exercises/ex{qid[2:].split('.')[0]}_*.py")
    if number is not None:
        for qid in questions_for(f"ex{number}"):
            if qid not in used:
                problems.append(f"{name}: question {qid} is never checked in the notebook")
    if has_outputs(nb):
        problems.append(f"{name}: has outputs; clear them (python -m analysis.teach.notebooks strip {name})")
    return problems


def _expected(solutions: Path) -> dict[str, str]:
    """Student file name -> text, for every solution notebook (raises on a format error)."""
    out, problems = {}, []
    for path in sorted(Path(solutions).glob("[0-9][0-9]_*.ipynb")):
        nb = read_notebook(path)
        problems += lint_solution(nb, path.name)
        out[path.name] = notebook_text(student_notebook(nb, path.name))
    if problems:
        raise ExerciseFormatError("\n".join(problems))
    return out


def build(solutions: str | Path = SOLUTION_DIR, out: str | Path = EXERCISE_DIR) -> list[Path]:
    """Write the student version of every solution notebook; return the files that changed."""
    from analysis.output import write_text_atomic

    out = Path(out)
    written = []
    for name, text in _expected(Path(solutions)).items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_text_atomic(target, text)
            written.append(target)
    return written


def verify(solutions: str | Path = SOLUTION_DIR, out: str | Path = EXERCISE_DIR) -> list[str]:
    """Problems with the student versions: missing, stale, or without a solution (empty when up to date)."""
    out = Path(out)
    expected = _expected(Path(solutions))
    problems = []
    for name, text in expected.items():
        target = out / name
        if not target.is_file():
            problems.append(f"{target}: missing; run `python -m analysis.teach.exercises build`")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"{target}: stale (differs from what its solution generates); "
                            "edit the solution, not this file, and run `python -m analysis.teach.exercises build`")
    for path in sorted(out.glob("[0-9][0-9]_*.ipynb")):
        if path.name not in expected:
            problems.append(f"{path}: no solution notebook solutions/{path.name}; restore it or delete this file")
    return problems
