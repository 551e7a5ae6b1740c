"""Problems found in user input, and the exception that carries them.

Every message names the file (and line or row when there is one), says what is
wrong and what to do, so a student never has to read a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus, printed as ``file:line: message. hint``.

    ``severity`` is ``"error"`` (the corpus cannot be used) or ``"warning"``
    (it can, but something deserves a look).

    >>> str(Problem("corpus/articles.csv", "duplicate doc_id 'a'", "give each article its own doc_id", line=3))
    "corpus/articles.csv:3: duplicate doc_id 'a'. Fix: give each article its own doc_id."
    """

    file: str
    message: str
    hint: str = ""
    line: int | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {prefix}{self.message}."
        if self.hint:
            text += f" Fix: {self.hint}."
        return text


class CorpusError(Exception):
    """Raised when a corpus cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        n = len(lines)
        head = f"{n} problem{'s' if n != 1 else ''} in the corpus:"
        super().__init__("\n".join([head, *lines]))


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the working directory when possible."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
