"""The command line: ``python -m analysis <command> [--corpus DIR] [-o FILE]``.

Every command writes its table as CSV to stdout, or to ``-o FILE``, and nothing
else there; messages go to stderr. A bad corpus gives a list of problems and
exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from analysis.paths import FIGURE_DIR, default_corpus
from analysis.text.corpus import check_corpus, load_corpus, write_checksums
from analysis.errors import CorpusError, display_path
from analysis.output import OutputError, refuse_output_in_corpus, write_table

LEVELS = ("documents", "paragraphs", "sentences", "removed")


def _add_common(p: argparse.ArgumentParser, output: bool = True) -> None:
    p.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                   help="corpus directory (default: $FRAMING_LAB_CORPUS, else the bundled corpus/)")
    if output:
        p.add_argument("-o", "--output", metavar="FILE", default=None,
                       help="write the CSV table to FILE instead of stdout (never inside a corpus)")
        p.add_argument("--round", type=_nonnegative_int, default=None, metavar="N",
                       help="round numbers to N decimals in the written table (default: full precision)")
        p.add_argument("--raw-cells", action="store_true",
                       help="write text cells as they are; by default a cell starting with = + - @ gets a "
                            "leading ' so a spreadsheet does not run it as a formula")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (grouped as the data flows: corpus, measures, comparisons, outputs)."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _corpus_commands(sub)
    _measure_commands(sub)
    _compare_commands(sub)
    _output_commands(sub)
    return parser


def _corpus_commands(sub) -> None:
    p = sub.add_parser("check", help="validate a corpus directory and report every problem")
    _add_common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("corpus", help="write one table of the corpus as CSV")
    p.add_argument("--level", choices=LEVELS, default="documents", help="which unit, one row each (default: documents)")
    _add_common(p)
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("summary", help="per-article counts: paragraphs, sentences, words, lines removed")
    p.add_argument("--format", choices=("csv", "text"), default="csv", help="csv (default) or an aligned text table")
    _add_common(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("checksums", help="record the SHA-256 of every raw file in checksums.sha256")
    _add_common(p, output=False)
    p.set_defaults(func=cmd_checksums)


def _measure_commands(sub) -> None:
    p = sub.add_parser("quotes", help="quotations and reported speech with speaker, side and meeting")
    _add_common(p)
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("scores", help="sentiment (stock and diplomatic), hedges, boosters, directives, framing per sentence or paragraph")
    p.add_argument("--level", choices=("sentence", "paragraph"), default="sentence",
                   help="one row per sentence (default) or per paragraph")
    _add_common(p)
    p.set_defaults(func=cmd_scores)

    p = sub.add_parser("explain", help="every score of one sentence and the words that produced it")
    p.add_argument("sentence", help="the sentence to explain (quote it)")
    p.set_defaults(func=cmd_explain)


def _compare_commands(sub) -> None:
    p = sub.add_parser("distinctive", help="words each side (or group) uses that the other does not: weighted log-odds and G²")
    p.add_argument("--by", default="side", metavar="COLUMN",
                   help="sentence column to group by (default: side, which compares US with Chinese statements); "
                        "e.g. meeting_id, doc_id, speaker")
    p.add_argument("--groups", nargs=2, metavar=("A", "B"), default=None,
                   help="compare exactly these two values of --by (default for side: us china)")
    p.add_argument("--include-reported", action="store_true",
                   help="with --by side, also count narration that reports a side's words")
    p.add_argument("--min-count", type=_positive_int, default=1, metavar="N",
                   help="keep terms a group used at least N times (default 1)")
    p.add_argument("--prior-weight", type=_positive_float, default=1.0, metavar="W",
                   help="scale of the Dirichlet prior (the whole corpus's word counts; default 1)")
    _add_common(p)
    p.set_defaults(func=cmd_distinctive)

    p = sub.add_parser("kwic", help="keyword in context: every hit of a word or phrase with its speaker, side and meeting")
    p.add_argument("term", help="a word or phrase (case-insensitive, whole words), e.g. candid or \"core interests\"")
    p.add_argument("--window", type=_nonnegative_int, default=5, metavar="N", help="words of context each side (default 5)")
    _add_common(p)
    p.set_defaults(func=cmd_kwic)

    p = sub.add_parser("compare", help="the meeting × side table: n, sentiment, hedging, framing with bootstrap intervals")
    p.add_argument("--by", default="meeting_id", choices=("meeting_id", "meeting_date", "doc_id", "none"),
                   help="group statements by meeting (default), by meeting date, by article, or none (one row per side)")
    p.add_argument("--include-reported", action="store_true",
                   help="also count narration that reports a side's words as that side's statements")
    p.add_argument("--differences", metavar="FILE", default=None,
                   help="also write the US–China permutation tests as CSV to FILE")
    p.add_argument("--terms", type=_nonnegative_int, default=5, metavar="N", help="distinctive terms per row (default 5)")
    _add_common(p)
    p.set_defaults(func=cmd_compare)


def _output_commands(sub) -> None:
    p = sub.add_parser("figures", help="draw every figure and save it as PNG, SVG and PDF (byte-identical across runs)")
    p.add_argument("--out", type=Path, default=FIGURE_DIR, metavar="DIR",
                   help="folder for the figures (default: the project's figures/, as save_figure)")
    _add_common(p, output=False)
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser("report", help="the evidence report: one self-contained HTML file (works offline)")
    _add_common(p, output=False)
    p.add_argument("-o", "--output", metavar="FILE", default="report.html",
                   help="the HTML file to write (default: report.html here; never inside a corpus)")
    p.set_defaults(func=cmd_report)


def cmd_check(args) -> int:
    import pandas as pd

    problems = check_corpus(args.corpus)
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
    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    if args.level == "sentences":
        from analysis.measure.attribution import attribute

        table = attribute(corpus)[0]  # adds speaker, side, meeting_id (issue 4 contract)
    else:
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
    if args.format == "text":
        text = table.to_string(index=False) + "\n"
        if args.output:
            from analysis.output import write_text_atomic

            write_text_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    else:
        _write(args, table)
    return 0


def cmd_checksums(args) -> int:
    out = write_checksums(args.corpus)
    print(f"wrote {display_path(out)}", file=sys.stderr)
    return 0


def cmd_scores(args) -> int:
    result = _analysed(args)
    _write(args, result.sentences if args.level == "sentence" else result.paragraphs)
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
    from analysis.measure.attribution import attribute

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    _, quotes, warnings = attribute(corpus)
    for w in warnings.itertuples(index=False):
        print(f"{w.doc_id} paragraph {w.para} (line {w.line}): warning: {w.message}.", file=sys.stderr)
    _write(args, quotes)
    return 0


def _analysed(args):
    """The whole analysis of ``--corpus`` (:func:`analysis.analyse`), its warnings printed."""
    from analysis.pipeline import analyse

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    return analyse(corpus)


def cmd_distinctive(args) -> int:
    from analysis.compare.keyness import distinctive_terms
    from analysis.compare.sides import SIDES, select_statements
    from analysis.measure.attribution import attribute

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    sentences = attribute(corpus)[0]
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
    from analysis.measure.attribution import attribute

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    try:
        table = kwic(attribute(corpus)[0], args.term, window=args.window)
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

    make_figures(args.corpus, args.out, progress=lambda message: print(message, file=sys.stderr, flush=True))
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


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _nonnegative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive, finite number, got {text}")
    return value


# argparse names the type function in its message ("invalid whole number value: 'x'").
_positive_int.__name__ = "whole number (1 or more)"
_nonnegative_int.__name__ = "whole number (0 or more)"
_positive_float.__name__ = "positive number"


def _write(args, frame, out=None) -> None:
    """Write a result table where the command was told to (``-o``, or stdout)."""
    if getattr(args, "round", None) is not None:
        frame = frame.round(args.round)
    write_table(frame, args.output if out is None else out, safe_cells=not getattr(args, "raw_cells", False))


def _print_warnings(corpus) -> None:
    for w in corpus.warnings:
        print(w, file=sys.stderr)


def _outputs(args) -> list[Path]:
    """Every file or folder the command will write (not stdout)."""
    given = [getattr(args, "output", None), getattr(args, "differences", None),
             getattr(args, "out", None) if args.command == "figures" else None]
    return [Path(p) for p in given if p is not None and str(p) != "-"]


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (0 fine, 1 a problem with the input, 2 a usage or output problem)."""
    args = build_parser().parse_args(argv)
    if getattr(args, "corpus", False) is None:
        args.corpus = default_corpus()
    try:
        for out in _outputs(args):
            refuse_output_in_corpus(out, getattr(args, "corpus", None))
        if sys.stdout is None:
            raise OutputError("standard output is closed: write the table to a file with -o FILE")
        return args.func(args)
    except CorpusError as err:
        print(err, file=sys.stderr)
        print("Run `python -m analysis check --corpus DIR` after fixing them.", file=sys.stderr)
        return 1
    except OutputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `python -m analysis corpus | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except OSError as err:
        print(f"error: {err.strerror or err}: {err.filename or ''}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: outputs are written whole or not at all, so nothing is half-written
        return 130
    except Exception as err:  # noqa: BLE001  (the promise: a message, never a traceback)
        print(f"error: {type(err).__name__}: {err}\nThis is a bug in framing-lab, not in your input; "
              "please report it with the command you ran.", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
