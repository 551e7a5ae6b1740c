"""Exercises: solution notebooks, generated student versions, checks and grading.

Instructors edit only the solution notebooks in
``notebooks/exercises/solutions/NN_name.ipynb``;
``python -m analysis.teach.exercises build`` writes the student versions
``notebooks/exercises/NN_name.ipynb`` from them (the tag-based scheme of the
scikit-learn MOOC, done with nbformat):

* a code cell tagged ``solution`` keeps everything outside its
  ``# BEGIN SOLUTION`` / ``# END SOLUTION`` lines; the lines between them are
  dropped, except ``# PLACEHOLDER: <code>`` lines, which become ``<code>`` (same
  indentation). So::

      # BEGIN SOLUTION
      # PLACEHOLDER: misses = ...
      misses = [n for n, (a, b) in enumerate(zip(predictions, stock_labels), 1) if a != b]
      # END SOLUTION

  becomes ``misses = ...`` for the student (a block without placeholder lines
  simply disappears; a cell left empty gets ``# Write your code here.``);
* a markdown cell tagged ``solution`` becomes ``_Write your answer here._``;
* a cell tagged ``hidden`` (instructor-only checks) is removed;
* outputs are stripped and the file is written deterministically (a rerun
  writes the same bytes). ``python -m analysis.teach.exercises verify`` exits 1 when a
  student version is missing, stale or has no solution.

Checks: a notebook calls ``check("ex1.q2", answer)`` (some questions also take
earlier answers, e.g. ``check("ex2.q2", agreement, my_labels)``). It prints and
returns a :class:`CheckResult`: ``right`` or ``not yet: <what is wrong>``,
never the expected answer. A blank answer (``...``, ``None``, an empty string,
or a container holding only blanks) always gets ``not yet: no answer yet``.
Expected values are computed from the corpus and the ``analysis`` functions
when the check runs, so they follow the code; judgement answers are checked for
their structure (valid labels, sentences drawn from the right set, numbers
consistent with the student's own labels).

The six exercises and their questions are defined in one module each
(``ex1_predict_sentiment`` ... ``ex6_sentence_vs_paragraph``, registered in
``QUESTIONS`` in that order); each check function returns ``None`` when the
answer is right, or what is wrong.

Grading: ``python -m analysis.teach.exercises grade DIR [-o grades.csv]`` executes
every notebook in ``DIR`` with a cell inserted first that makes ``check`` append
each result to a JSON-lines file; a notebook that fails keeps the results of
the checks it reached, and its error is recorded. One CSV row per notebook ×
question: ``notebook, exercise, question, passed, message, error``.

Modules: ``generate`` (student versions, lint, verify), ``checks`` (the
registry, ``check``, ``progress`` and the helpers that read answers), ``data``
(folders and the cached analyses the checks share), ``ex1_…`` to ``ex6_…`` (the
question banks), ``grade`` (grading), ``cli`` (the command line). This module
re-exports their public names, as ``analysis.exercises`` does.

>>> result = check("ex6.q3", ...)
ex6.q3: not yet: no answer yet (replace the ... with your answer).
>>> result.passed
False
>>> student_source("x = 1\\n# BEGIN SOLUTION\\n# PLACEHOLDER: y = ...\\ny = 2\\n# END SOLUTION\\nprint(y)")
'x = 1\\ny = ...\\nprint(y)'
"""
from analysis.teach.exercises.checks import (QUESTIONS, RATE_TOLERANCE, SCORE_TOLERANCE, SENTIMENTS, CheckResult,
                                             Question, check, is_blank, progress, question, questions_for,
                                             record_results_to)
from analysis.teach.exercises.data import EXERCISE_DATA, EXERCISE_DIR, SOLUTION_DIR
# The question banks register their questions on import, in this order.
from analysis.teach.exercises import (ex1_predict_sentiment, ex2_label_and_agree,  # noqa: F401
                                      ex3_extend_hedge_lexicon, ex4_distinctive_terms_meeting,
                                      ex5_add_a_readout, ex6_sentence_vs_paragraph)
from analysis.teach.exercises.ex1_predict_sentiment import PHRASES
from analysis.teach.exercises.ex2_label_and_agree import labelling_sentences
from analysis.teach.exercises.ex3_extend_hedge_lexicon import hedge_counts
from analysis.teach.exercises.ex5_add_a_readout import READOUT_FILE
from analysis.teach.exercises.ex6_sentence_vs_paragraph import MIN_DISTINCT_WORDS
from analysis.teach.exercises.generate import (BEGIN, CODE_PLACEHOLDER, END, HEADER_FIELDS, MARKDOWN_PLACEHOLDER,
                                               PLACEHOLDER, TAG_ANSWER, TAG_HIDDEN, TAG_SOLUTION,
                                               ExerciseFormatError, build, lint_solution, notebook_text,
                                               student_notebook, student_source, verify)
from analysis.teach.exercises.grade import (GRADE_COLUMNS, GRADE_TIMEOUT, grade_folder, grade_notebook,
                                            grade_notebooks, notebook_exercise)
from analysis.teach.exercises.cli import main

__all__ = [
    # folders and data
    "EXERCISE_DIR", "SOLUTION_DIR", "EXERCISE_DATA", "PHRASES", "READOUT_FILE",
    # student versions
    "TAG_SOLUTION", "TAG_HIDDEN", "TAG_ANSWER", "BEGIN", "END", "PLACEHOLDER", "MARKDOWN_PLACEHOLDER",
    "CODE_PLACEHOLDER", "HEADER_FIELDS", "ExerciseFormatError", "student_source", "student_notebook",
    "notebook_text", "lint_solution", "build", "verify",
    # checks
    "SENTIMENTS", "RATE_TOLERANCE", "SCORE_TOLERANCE", "CheckResult", "Question", "QUESTIONS", "question",
    "questions_for", "is_blank", "record_results_to", "check", "progress",
    "labelling_sentences", "hedge_counts", "MIN_DISTINCT_WORDS",
    # grading and the command line
    "GRADE_COLUMNS", "GRADE_TIMEOUT", "notebook_exercise", "grade_notebook", "grade_notebooks", "grade_folder",
    "main",
]
