"""The command line: clean CSV on stdout, files written whole, the raw corpus untouched."""
import hashlib
import io

import pandas as pd
import pytest

from analysis.text.corpus import BUNDLED_CORPUS
from analysis.paths import default_corpus
from tests.helpers import SEED_DIGESTS, run_cli



COLUMNS = {
    "documents": ["doc_id", "file", "title", "outlet", "published", "voice"],
    "paragraphs": ["doc_id", "para", "text"],
    "sentences": ["doc_id", "para", "sent", "start", "end", "text"],
    "removed": ["doc_id", "line", "text", "rule"],
}


@pytest.mark.parametrize("level", COLUMNS)
def test_corpus_levels_write_clean_csv(level, bundled):
    result = run_cli("corpus", "--level", level)
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert set(COLUMNS[level]) <= set(table.columns)
    assert len(table) == len(getattr(bundled, level))


def test_output_file(tmp_path, bundled):
    out = tmp_path / "sub" / "sentences.csv"
    result = run_cli("corpus", "--level", "sentences", "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    table = pd.read_csv(out, keep_default_na=False)
    assert table["text"].tolist() == bundled.sentences["text"].tolist()
    assert not list(out.parent.glob(".*.tmp")), "temporary file left behind"


def test_unwritable_output_is_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("corpus", "-o", blocker / "out.csv")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "error:" in result.stderr


def test_summary_totals(bundled):
    result = run_cli("summary")
    table = pd.read_csv(io.StringIO(result.stdout))
    total = table.set_index("doc_id").loc["TOTAL"]
    assert total["sentences"] == len(bundled.sentences)
    assert total["removed"] == len(bundled.removed)
    text = run_cli("summary", "--format", "text").stdout
    assert "TOTAL" in text and "," not in text


def test_raw_files_match_recorded_checksums_after_a_full_run(tmp_path):
    """Run every command, then compare each raw file with checksums.sha256 (kept in the repo)."""
    for args in (["check"], ["summary"], *(["corpus", "--level", lv] for lv in COLUMNS)):
        assert run_cli(*args, "-o", tmp_path / "out.csv").returncode == 0
    for folder in (default_corpus(), BUNDLED_CORPUS):  # the corpus the commands read, and the repository's
        recorded = {}
        for line in (folder / "checksums.sha256").read_text(encoding="utf-8").splitlines():
            digest, name = line.split(maxsplit=1)
            recorded[name] = digest
        on_disk = {f"raw/{f.name}": hashlib.sha256(f.read_bytes()).hexdigest() for f in (folder / "raw").iterdir()}
        assert on_disk == recorded
        assert SEED_DIGESTS <= set(recorded.values())


@pytest.mark.parametrize("args", [["corpus", "--level", "sentences"], ["scores", "--level", "sentence"]])
def test_sentence_outputs_carry_speaker_side_and_meeting(args):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert {"speaker", "side", "meeting_id"} <= set(table.columns)
    assert {"us", "china", "press"} <= set(table["side"])
    row = table[table["text"].str.startswith("“It is clear who is responsible,”")].iloc[0]
    assert row["side"] == "china"
