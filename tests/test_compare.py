"""The meeting × side table and the US–China differences: values worked out by hand, seeded, contract columns."""
import io
import math

import pandas as pd
import pytest

from analysis.compare.sides import (SIDES, add_meeting_columns, caveat, compare_differences, compare_sides,
                              select_statements)
from analysis.compare.keyness import distinctive_terms
from analysis.text.segment import tokenize
from tests.helpers import run_cli

FRAMES = ["frame_cooperation_stability", "frame_conflict_confrontation", "frame_responsibility_blame",
          "frame_sovereignty_core_interests", "frame_human_rights_values"]


def toy():
    """Two meetings: m1 where both sides speak, m2 where only the US does; one press row; one reported row."""
    rows = [
        # meeting, side, reported_side, text, n_words, compound, compound_diplomatic, hedges, boosters, directives
        ("m1", "us", "", "candid talks candid", 10, 0.5, 0.4, 1, 0, 0),
        ("m1", "us", "", "constructive talks", 20, 0.1, 0.2, 0, 1, 0),
        ("m1", "china", "", "respect core interests", 10, -0.4, -0.6, 0, 0, 2),
        ("m1", "china", "", "respect talks", 10, -0.2, -0.2, 0, 0, 0),
        ("m2", "us", "", "progress", 5, 0.3, 0.3, 0, 0, 0),
        ("m1", "press", "china", "Wang blamed Washington", 3, -0.5, -0.5, 0, 0, 0),
        ("m1", "press", "", "The meeting lasted three hours", 5, 0.0, 0.0, 0, 0, 0),
    ]
    cols = ["meeting_id", "side", "reported_side", "text", "n_words", "compound", "compound_diplomatic",
            "hedges", "boosters", "directives"]
    df = pd.DataFrame(rows, columns=cols)
    for f in FRAMES:
        df[f] = 0
    df.loc[2, "frame_sovereignty_core_interests"] = 1
    return df


def test_table_values_by_hand():
    t = compare_sides(toy()).set_index(["meeting_id", "side"])
    us, cn = t.loc[("m1", "us")], t.loc[("m1", "china")]
    assert (us.n_statements, us.n_words, cn.n_statements, cn.n_words) == (2, 30, 2, 20)
    assert us.compound == pytest.approx(0.3) and cn.compound_diplomatic == pytest.approx(-0.4)
    # Rates pool counts over words: 1 hedge in 30 words; 2 directives in 20 words.
    assert us.hedges_per_100w == pytest.approx(100 / 30) and cn.directives_per_100w == pytest.approx(10.0)
    assert cn.frame_sovereignty_core_interests_per_100w == pytest.approx(5.0)
    # One match in one of two 10-word statements: resamples give 0, 5 or 10 per 100 words.
    assert cn.frame_sovereignty_core_interests_per_100w_lo == 0.0
    assert cn.frame_sovereignty_core_interests_per_100w_hi == pytest.approx(10.0)
    # Bootstrap intervals of two values lie between them and contain the mean.
    assert 0.1 <= us.compound_lo <= us.compound <= us.compound_hi <= 0.5
    assert us.top_terms.split("; ")[0] == "candid" and cn.top_terms.split("; ")[0] == "respect"
    assert bool(us.small_n) is True


def test_silent_side_gets_an_empty_row():
    t = compare_sides(toy()).set_index(["meeting_id", "side"])
    cn = t.loc[("m2", "china")]
    assert cn.n_statements == 0 and math.isnan(cn.compound) and math.isnan(cn.hedges_per_100w_lo)
    assert t.loc[("m2", "us")].top_terms == ""  # nothing to compare against
    assert list(t.index.get_level_values("side")) == ["us", "china"] * 2


def test_pooled_and_reported_statements():
    pooled = compare_sides(toy(), by=None).set_index("side")
    assert "meeting_id" not in pooled.columns
    assert pooled.loc["us", "n_statements"] == 3 and pooled.loc["china", "n_statements"] == 2
    with_reported = compare_sides(toy(), by=None, include_reported=True).set_index("side")
    assert with_reported.loc["china", "n_statements"] == 3
    kinds = select_statements(toy(), include_reported=True)["statement_kind"]
    assert kinds.value_counts().to_dict() == {"direct": 5, "reported": 1}


def test_seeded_and_deterministic():
    a, b = compare_sides(toy(), seed=1), compare_sides(toy(), seed=1)
    pd.testing.assert_frame_equal(a, b)
    c = compare_sides(toy(), seed=2)
    # Points do not depend on the seed; this tiny sample's intervals may or may not, so only check points.
    assert a["compound"].equals(c["compound"])


def test_differences_by_hand():
    d = compare_differences(toy(), n_perm=20000).set_index("measure")
    assert list(d["meeting_id"].unique()) == ["m1"]  # m2 has no China statement: no test
    row = d.loc["compound"]
    assert (row.n_us, row.n_china) == (2, 2)
    assert row.difference == pytest.approx(0.3 - (-0.3))
    # Exact permutation p for [0.5, 0.1] vs [-0.4, -0.2]: of the 6 splits, 2 are as extreme → 1/3.
    assert row.p_value == pytest.approx(1 / 3, abs=0.02)
    hed = d.loc["hedges_per_100w"]
    assert hed.us == pytest.approx(100 / 30) and hed.china == 0 and hed.difference == pytest.approx(100 / 30)
    assert "Only 2 US and 2 China" in row.caveat


def test_difference_p_value_exact_three_vs_three():
    df = pd.DataFrame({"meeting_id": "m", "side": ["us"] * 3 + ["china"] * 3, "text": "x", "n_words": 10,
                       "compound": [1, 1, 1, 0, 0, 0]})
    row = compare_differences(df, measures=("compound",), n_perm=20000).iloc[0]
    # C(6,3) = 20 splits, 2 as extreme as observed (|diff| = 1): p = 0.1.
    assert row.difference == 1.0 and row.p_value == pytest.approx(0.1, abs=0.01)


def test_caveat_depends_on_n():
    assert caveat(2, 30, 0.01).startswith("Only 2 US")
    assert "Small sample" in caveat(8, 30, 0.01)
    assert "no evidence" in caveat(30, 30, 0.4)
    assert "not independent" in caveat(30, 30, 0.01)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="hedges"):
        compare_sides(toy().drop(columns="hedges"))
    with pytest.raises(ValueError, match="add_meeting_columns"):
        compare_sides(toy(), by="meeting_date")
    with pytest.raises(ValueError, match="attribute_sentences"):
        select_statements(pd.DataFrame({"text": ["x"]}))


def test_background_prior_only_sets_proportions():
    df = pd.DataFrame({"side": ["us", "china"], "text": ["candid candid talks", "respect talks"]})
    same = distinctive_terms(df, background=df)
    pd.testing.assert_frame_equal(same, distinctive_terms(df))
    # A background ten times larger with the same proportions gives the same answer.
    big = pd.concat([df] * 10, ignore_index=True)
    pd.testing.assert_frame_equal(distinctive_terms(df, background=big), same)


# ------------------------------------------------------------------ the bundled corpus

CONTRACT = ["meeting_id", "side", "n_statements", "n_words", "compound", "compound_lo", "compound_hi",
            "compound_diplomatic", "compound_diplomatic_lo", "compound_diplomatic_hi",
            "hedges_per_100w", "hedges_per_100w_lo", "hedges_per_100w_hi", "boosters_per_100w",
            "directives_per_100w", "top_terms", *[f"{f}_per_100w" for f in FRAMES]]


def test_bundled_table(scored):
    t = compare_sides(scored)
    assert set(CONTRACT) <= set(t.columns)
    assert set(t["side"]) == set(SIDES)
    # Every statement with a meeting is counted once.
    stm = select_statements(scored)
    assert t["n_statements"].sum() == (stm["meeting_id"] != "").sum()
    ok = t[t.n_statements > 0]
    assert ((ok.compound_lo <= ok.compound + 1e-12) & (ok.compound <= ok.compound_hi + 1e-12)).all()
    wang = t[t.meeting_id == "blinken-wang-talks"].set_index("side")
    assert wang.loc["us", "n_statements"] == 0 and wang.loc["china", "n_statements"] >= 1


def test_bundled_by_day(scored, bundled):
    by_day = add_meeting_columns(scored, bundled.tables["meetings"])
    t = compare_sides(by_day, by="meeting_date").set_index(["meeting_date", "side"])
    # 19 June 2023: the Wang and Xi meetings and the press conference.
    assert t.loc[("2023-06-19", "us"), "n_statements"] >= 10
    assert t.loc[("2023-06-19", "china"), "n_statements"] >= 3
    assert t.loc[("2023-06-19", "china"), "top_terms"] != ""



def test_cli_distinctive(bundled):
    r = run_cli("distinctive", "--by", "side")
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False)
    assert {"term", "group", "count", "zscore", "log_odds", "g2"} <= set(t.columns)
    assert set(t["group"]) == {"us", "china"}
    top = t[t.group == "china"].iloc[0]
    assert top["count"] > top["count_other"] and top["zscore"] > 0


def test_cli_distinctive_other_column_and_bad_column():
    r = run_cli("distinctive", "--by", "doc_id", "--min-count", "3")
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False)
    assert t["group"].nunique() == 5 and t["count"].min() >= 3
    r = run_cli("distinctive", "--by", "colour")
    assert r.returncode == 2 and "no such sentence column" in r.stderr and "Traceback" not in r.stderr


def test_cli_kwic(scored):
    r = run_cli("kwic", "candid", "--window", "3")
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False)
    assert {"left", "hit", "right", "doc_id", "speaker", "side", "meeting_id"} <= set(t.columns)
    assert (t["hit"].str.lower() == "candid").all()
    assert len(t) == scored["text"].str.count(r"(?i)\bcandid\b").sum()
    assert (t["left"].map(tokenize).str.len() <= 3).all() and (t["right"].map(tokenize).str.len() <= 3).all()
    r = run_cli("kwic", "zebra")
    assert r.returncode == 0 and r.stdout.startswith("doc_id") and "0 hit(s)" in r.stderr
    r = run_cli("kwic", "--window", "2", "...")
    assert r.returncode == 2 and "no words" in r.stderr


def test_cli_compare(tmp_path):
    out, diffs = tmp_path / "compare.csv", tmp_path / "diffs.csv"
    r = run_cli("compare", "-o", out, "--differences", diffs)
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(out, keep_default_na=False)
    assert set(CONTRACT) <= set(t.columns)
    d = pd.read_csv(diffs, keep_default_na=False)
    assert {"measure", "n_us", "n_china", "difference", "p_value", "caveat"} <= set(d.columns)
    for key in d["meeting_id"].unique():
        assert key in r.stderr
    assert "n=" in r.stderr and "description, not evidence" in r.stderr
    # Same input, same bytes.
    again = tmp_path / "again.csv"
    run_cli("compare", "-o", again)
    assert again.read_bytes() == out.read_bytes()


def test_cli_compare_needs_meetings_for_dates(corpus_copy):
    (corpus_copy / "meetings.csv").unlink()
    r = run_cli("compare", "--by", "meeting_date", "--corpus", corpus_copy)
    assert r.returncode in (1, 2) and "meetings" in r.stderr and "Traceback" not in r.stderr


def test_cli_commands_on_another_corpus(tmp_path):
    """The unseen test corpus (articles written for the tests) in the documented format."""
    unseen = __import__("pathlib").Path(__file__).parent / "data" / "unseen_quotes"
    for args in (["compare"], ["compare", "--by", "meeting_date"], ["distinctive", "--by", "side"],
                 ["kwic", "talks"]):
        r = run_cli(*args, "--corpus", unseen)
        assert r.returncode == 0, (args, r.stderr)
        t = pd.read_csv(io.StringIO(r.stdout), keep_default_na=False)
        assert len(t) > 0, args


# ------------------------------------------------------------------ side_by_side, statement_sources

def test_side_by_side_orders_sides_and_reading_order():
    from analysis.compare.sides import side_by_side

    t = side_by_side(toy(), "m1")
    assert t["side"].tolist() == ["us", "us", "china", "china"]  # press rows are not statements
    assert t["text"].tolist()[:2] == ["candid talks candid", "constructive talks"]
    assert list(t.columns[:3]) == ["meeting_id", "side", "statement_kind"] and "text" in t.columns
    assert set(t["statement_kind"]) == {"direct"}
    with_reported = side_by_side(toy(), "m1", include_reported=True)
    assert with_reported["side"].tolist() == ["us", "us", "china", "china", "china"]
    assert with_reported["statement_kind"].iloc[-1] == "reported"
    # m2: China silent, so only US rows; a silent meeting is an empty frame, a typo an error.
    assert side_by_side(toy(), "m2")["side"].tolist() == ["us"]
    with pytest.raises(ValueError, match="values present"):
        side_by_side(toy(), "m3")
    with pytest.raises(ValueError, match="add_meeting_columns"):
        side_by_side(toy(), "2023-06-19", by="meeting_date")


def test_side_by_side_bundled_day(scored, bundled):
    from analysis.compare.sides import side_by_side

    wang = side_by_side(scored, "blinken-wang-talks")
    assert set(wang["side"]) == {"china"}  # the US has no statement placed at the Wang meeting itself
    day = side_by_side(add_meeting_columns(scored, bundled.tables["meetings"]), "2023-06-19", by="meeting_date")
    t = compare_sides(add_meeting_columns(scored, bundled.tables["meetings"]), by="meeting_date")
    t = t[t.meeting_date == "2023-06-19"].set_index("side")
    assert (day["side"] == "us").sum() == t.loc["us", "n_statements"]
    assert (day["side"] == "china").sum() == t.loc["china", "n_statements"]
    assert day["compound"][day["side"] == "china"].mean() == pytest.approx(t.loc["china", "compound"])


def test_statement_sources_by_hand_and_bundled(scored):
    from analysis.compare.sides import statement_sources

    t = statement_sources(toy()).set_index("side")
    assert t.loc["us", "n_statements"] == 3 and t.loc["us", "n_meetings"] == 2
    assert (t.loc["us", "top_meeting"], t.loc["us", "top_meeting_n"]) == ("m1", 2)
    assert t.loc["us", "top_meeting_share"] == pytest.approx(2 / 3)
    assert statement_sources(toy(), include_reported=True).set_index("side").loc["china", "n_statements"] == 3
    b = statement_sources(scored).set_index("side")
    stm = select_statements(scored)
    assert b["n_statements"].to_dict() == stm["side"].value_counts().reindex(list(SIDES)).to_dict()
    assert b.loc["us", "n_placed"] == ((stm.side == "us") & (stm.meeting_id != "")).sum()


def test_cli_distinctive_explains_bad_groupings():
    r = run_cli("distinctive", "--by", "text")
    assert r.returncode == 2 and "no such sentence column to group by" in r.stderr
    r = run_cli("distinctive", "--by", "side", "--groups", "us", "mars")
    assert r.returncode == 2 and "side = mars" in r.stderr and "china" in r.stderr and "us" in r.stderr
    r = run_cli("kwic", "candid", "--window", "x")
    assert r.returncode == 2 and "whole number" in r.stderr and "_nonnegative_int" not in r.stderr


def test_cli_compare_on_a_corpus_with_no_articles(corpus_copy):
    for f in (corpus_copy / "raw").iterdir():
        f.unlink()
    header = (corpus_copy / "articles.csv").read_text(encoding="utf-8").splitlines()[0]
    (corpus_copy / "articles.csv").write_text(header + "\n", encoding="utf-8")
    (corpus_copy / "checksums.sha256").write_text("", encoding="utf-8")
    r = run_cli("compare", "--corpus", corpus_copy)
    assert r.returncode == 1 and "lists no articles" in r.stderr and "Traceback" not in r.stderr


def test_format_p_and_group_caveat():
    from analysis.compare.sides import format_p

    assert format_p(0.0002) == "p < 0.001" and format_p(0.12345) == "p = 0.123"
    assert "p = " not in caveat(54, 9) and "rough guide" in caveat(54, 9)


def test_round_option_rounds_numbers_only():
    full = pd.read_csv(io.StringIO(run_cli("compare", "--by", "none").stdout))
    r = run_cli("compare", "--by", "none", "--round", "2")
    assert r.returncode == 0
    short = pd.read_csv(io.StringIO(r.stdout))
    assert short["compound"].tolist() == full["compound"].round(2).tolist()
    assert short["top_terms"].tolist() == full["top_terms"].tolist()
    assert "US" in r.stderr and " us " not in r.stderr  # caveats name the sides as prose does
