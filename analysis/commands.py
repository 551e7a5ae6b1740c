"""What each command does, once :mod:`analysis.cli` has parsed its arguments.

Each ``cmd_<name>(args)`` reads the corpus, calls the package's functions and
writes the result (CSV on stdout or ``-o FILE``; messages on stderr), and
returns the exit code.
"""
from __future__ import annotations

import sys

from analysis.errors import display_path
from analysis.output import write_table
from analysis.pipeline_options import run_options
from analysis.text.corpus import check_corpus, load_corpus, write_checksums


def cmd_check(args) -> int:
    import pandas as pd

    problems = check_corpus(args.corpus)
    if not any(p.severity == "error" for p in problems):
        problems += _attribution_problems(load_corpus(args.corpus))
    for p in problems:
        print(p, file=sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    if args.output:
        table = pd.DataFrame([vars(p) for p in problems], columns=["file", "line", "severity", "message", "hint"])
        _write(args, table)
    if errors:
        print(f"{display_path(args.corpus)}: {len(errors)} error(s); fix them and run check again.", file=sys.stderr)
        return 1
    print(f"{display_path(args.corpus)}: corpus OK ({len(problems)} warning(s)).", file=sys.stderr)
    return 0


def cmd_corpus(args) -> int:
    if args.level == "sentences":
        table = _attributed_sentences(_analysed(args))  # adds speaker, side, meeting_id (issue 4 contract)
    else:
        corpus = load_corpus(args.corpus)
        _print_warnings(corpus)
        table = getattr(corpus, args.level)
    _write(args, table)
    return 0


def cmd_summary(args) -> int:
    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    docs = corpus.documents
    table = docs[["doc_id", "n_paragraphs", "n_sentences", "n_words", "n_removed"]].rename(
        columns=lambda c: c.removeprefix("n_"))
    total = table.drop(columns="doc_id").sum().to_dict()
    table.loc[len(table)] = {"doc_id": "TOTAL", **total}
    return _write_csv_or_text(args, table)


def cmd_checksums(args) -> int:
    out = write_checksums(args.corpus)
    print(f"wrote {display_path(out)}", file=sys.stderr)
    return 0


def cmd_add(args) -> int:
    from analysis.measure.attribution import REPORTING_VERBS, attribute
    from analysis.text.add import AddError, add_articles, report_added, report_unattributed

    try:
        result = add_articles(args.corpus, args.sources, voice=args.voice, outlet=args.outlet,
                              published=args.published, meeting=args.meeting, title=args.title)
    except AddError as err:
        print(f"error: {err}", file=sys.stderr)
        print("Nothing was added.", file=sys.stderr)
        return err.code
    report_added(result, sys.stderr)
    corpus = load_corpus(args.corpus)
    _, quotes, _ = attribute(corpus)
    report_unattributed(corpus, quotes, [a.doc_id for a in result.added], REPORTING_VERBS, sys.stderr)
    return 0


def cmd_scores(args) -> int:
    if args.level == "paragraph":
        _write(args, _analysed(args).paragraphs)
        return 0
    from analysis.pipeline_stream import write_sentence_scores

    # One batch of documents at a time (the same bytes as writing analyse().sentences whole).
    write_sentence_scores(args.corpus, args.output, **run_options(args), round_to=getattr(args, "round", None),
                          safe_cells=not getattr(args, "raw_cells", False),
                          on_warning=lambda w: print(w, file=sys.stderr))
    return 0


def cmd_explain(args) -> int:
    from analysis.measure.scoring import explain

    if not args.sentence.strip():
        print("error: give a sentence to explain, e.g. python -m analysis explain \"It is clear who is responsible.\"",
              file=sys.stderr)
        return 2
    sys.stdout.write(explain(args.sentence) + "\n")
    return 0


def cmd_quotes(args) -> int:
    result = _analysed(args)
    corpus, quotes = result.corpus, result.quotes
    for w in result.quote_warnings.itertuples(index=False):
        print(f"{w.doc_id} paragraph {w.para} (line {w.line}): warning: {w.message}.", file=sys.stderr)
    from analysis.measure.attribution.report import speakerless_problems

    for p in speakerless_problems(corpus, quotes):
        print(p, file=sys.stderr)
    _write(args, quotes)
    return 0


def _attribution_problems(corpus) -> list:
    """What attribution finds worth a look, per document: quote warnings and quotations with no speaker."""
    from analysis.measure.attribution import attribute
    from analysis.measure.attribution.report import speakerless_problems, warning_problems

    _, quotes, warnings = attribute(corpus)
    return warning_problems(corpus, warnings) + speakerless_problems(corpus, quotes)


def _analysed(args):
    """The whole analysis of ``--corpus`` (:func:`analysis.analyse`), its warnings printed."""
    from analysis.pipeline import analyse

    result = analyse(args.corpus, **run_options(args))
    _print_warnings(result.corpus)
    return result


def _attributed_sentences(result):
    """The sentences as attribution gives them (:func:`analysis.attribute_sentences`): the analysis's
    sentence frame without the score columns, so a table keeps the columns it always had."""
    from analysis.measure.attribution.sides import SENTENCE_COLUMNS

    return result.sentences[[*result.corpus.sentences.columns, *SENTENCE_COLUMNS]]


def cmd_distinctive(args) -> int:
    from analysis.compare.keyness import distinctive_terms
    from analysis.compare.sides import SIDES, select_statements

    sentences = _attributed_sentences(_analysed(args))
    # Columns that hold a label for each sentence; text and offsets are not groupings.
    groupable = [c for c in sentences.columns if c not in ("text", "start", "end", "n_words", "line", "meeting_evidence")]
    if args.by not in groupable:
        print(f"error: --by {args.by}: no such sentence column to group by; choose one of "
              f"{', '.join(groupable)}", file=sys.stderr)
        return 2
    if args.groups:
        present = sorted(set(sentences[args.by].astype(str)) | (
            set(sentences["reported_side"]) if args.by == "side" and args.include_reported else set()) - {""})
        missing = [g for g in args.groups if g not in present]
        if missing:
            print(f"error: --groups: no sentence has {args.by} = {', '.join(missing)}; values present: "
                  f"{', '.join(present)}", file=sys.stderr)
            return 2
    if args.by == "side":
        frame = select_statements(sentences, tuple(args.groups or SIDES), args.include_reported)
    else:
        frame = sentences[sentences[args.by].fillna("").astype(str) != ""]
    try:
        table = distinctive_terms(frame, by=args.by, groups=tuple(args.groups) if args.groups else None,
                                  prior_weight=args.prior_weight, min_count=args.min_count, background=sentences)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    _write(args, table)
    return 0


def cmd_kwic(args) -> int:
    from analysis.compare.kwic import kwic

    try:
        table = kwic(_attributed_sentences(_analysed(args)), args.term, window=args.window)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{len(table)} hit(s) of {args.term!r}", file=sys.stderr)
    _write(args, table)
    return 0


def cmd_compare(args) -> int:
    from analysis.compare.sides import add_meeting_columns, compare_differences, compare_sides

    result = _analysed(args)
    corpus, scored = result.corpus, result.sentences
    by = None if args.by == "none" else args.by
    if by == "meeting_date":
        meetings = corpus.tables.get("meetings")
        if meetings is None:
            print("error: --by meeting_date needs meetings.csv in the corpus (see corpus/README.md)", file=sys.stderr)
            return 2
        scored = add_meeting_columns(scored, meetings)
    table = compare_sides(scored, by=by, include_reported=args.include_reported, n=args.terms)
    diffs = compare_differences(scored, by=by, include_reported=args.include_reported)
    _print_differences(diffs, by)
    if args.differences:
        _write(args, diffs, args.differences)
    _write(args, table)
    return 0


def cmd_topics(args) -> int:
    from analysis.compare.statements import add_meeting_columns
    from analysis.compare.topics import compare_topics

    result = _analysed(args)
    scored = result.sentences
    if args.by == "meeting_date":
        meetings = result.corpus.tables.get("meetings")
        if meetings is None:
            print("error: --by meeting_date needs meetings.csv in the corpus (see corpus/README.md)", file=sys.stderr)
            return 2
        scored = add_meeting_columns(scored, meetings)
    table = compare_topics(scored, by=args.by, include_reported=args.include_reported)
    _print_topics(table, args.by)
    return _write_csv_or_text(args, table)


def _print_topics(table, by) -> None:
    """Each group's topics per side in order of first mention, and those only one side raises, on stderr."""
    if table.empty:
        print("No statement placed at a meeting: no topics to compare.", file=sys.stderr)
        return
    for key, part in table.groupby(by, sort=False):
        sides = []
        for side, rows in part.groupby("side", sort=False):
            raised = rows[rows["mentioned"]].sort_values("first_position")
            only = rows[rows["only_this_side"].fillna(False).astype(bool)]
            n = int(rows["n_statements"].iloc[0])
            sides.append(f"{side}: " + ("no statements" if n == 0 else
                         f"{n} statement{'s' if n != 1 else ''}, " + (", ".join(raised["topic"]) or "no listed topic")
                         + (f" (only {side}: {', '.join(only['topic'])})" if len(only) else "")))
        print(f"{key}: " + "; ".join(sides), file=sys.stderr)


def _print_differences(diffs, by) -> None:
    """The permutation tests, readable, on stderr (the CSV table goes to stdout)."""
    from analysis.compare.sides import caveat, format_p

    if diffs.empty:
        print("No group where both sides speak: no US–China difference to test.", file=sys.stderr)
        return
    keys = [None] if by is None else list(dict.fromkeys(diffs[by]))
    for key in keys:
        part = diffs if key is None else diffs[diffs[by] == key]
        n_us, n_china = int(part.iloc[0]["n_us"]), int(part.iloc[0]["n_china"])
        print(f"{key or 'all statements'}: US n={n_us}, China n={n_china}", file=sys.stderr)
        for r in part.itertuples(index=False):
            print(f"  {r.measure:<22} US {r.us:+.3f}  China {r.china:+.3f}  difference {r.difference:+.3f}  "
                  f"{format_p(r.p_value)}", file=sys.stderr)
        # One caveat per group, about its n; each measure's own reading is in the CSV's caveat column.
        print(f"  {caveat(n_us, n_china)}", file=sys.stderr)


def cmd_figures(args) -> int:
    from analysis.present.figures import make_figures

    say = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    say("figures: loading, attributing and scoring the corpus")
    make_figures(_analysed(args), args.out, progress=say)
    return 0


def cmd_report(args) -> int:
    from analysis.present.report import write_report

    if args.output == "-":  # as every command: "-" is stdout
        from analysis.present.report import build_report

        sys.stdout.write(build_report(_analysed(args)))
        return 0
    out = write_report(_analysed(args), args.output)
    print(f"wrote {display_path(out)}", file=sys.stderr)
    return 0


def _write_csv_or_text(args, table) -> int:
    """``--format text``: the table as aligned text (rounded with ``--round``), else CSV like every table."""
    if args.format != "text":
        _write(args, table)
        return 0
    from analysis.output import write_text_atomic

    digits = getattr(args, "round", None)
    text = (table.round(digits) if digits is not None else table).to_string(index=False) + "\n"
    if args.output:
        write_text_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _write(args, frame, out=None) -> None:
    """Write a result table where the command was told to (``-o``, or stdout)."""
    if getattr(args, "round", None) is not None:
        frame = frame.round(args.round)
    write_table(frame, args.output if out is None else out, safe_cells=not getattr(args, "raw_cells", False))


def _print_warnings(corpus) -> None:
    for w in corpus.warnings:
        print(w, file=sys.stderr)
