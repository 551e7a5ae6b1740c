"""`make handout`: a student copy without the solutions, whose own tests skip the instructor's side."""
import shutil
import subprocess

import pytest

from analysis.paths import ROOT


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("make") is None or shutil.which("git") is None,
                    reason="needs a git checkout with make (a hand-out copy has no .git)")
def test_handout_has_no_solutions_and_keeps_the_rest(tmp_path):
    dest = tmp_path / "course"
    r = subprocess.run(["make", "-s", "handout", f"DEST={dest}"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert not (dest / "notebooks" / "exercises" / "solutions").exists()
    assert sorted(p.name for p in (dest / "notebooks" / "exercises").glob("0*.ipynb")) == sorted(
        p.name for p in (ROOT / "notebooks" / "exercises").glob("0*.ipynb"))
    for kept in ("Makefile", "requirements.txt", "corpus/articles.csv", "analysis/__init__.py", "tests/conftest.py"):
        assert (dest / kept).is_file(), kept
    again = subprocess.run(["make", "-s", "handout", f"DEST={dest}"], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 2 and "exists" in again.stdout + again.stderr  # never overwrites a folder
