"""The command line: ``python -m analysis <command> [--corpus DIR] [-o FILE]``.

Every command writes its table as CSV to stdout, or to ``-o FILE``, and nothing
else there; messages go to stderr. A bad corpus gives a list of problems and
exit code 1, never a traceback. This module parses and handles errors; the
commands themselves are in :mod:`analysis.commands`.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from analysis.paths import FIGURE_DIR, default_corpus
from analysis.errors import CorpusError
from analysis.output import OutputError, refuse_output_in_corpus
from analysis import commands
from analysis.pipeline_options import ANALYSING_COMMANDS, add_run_options

LEVELS = ("documents", "paragraphs", "sentences", "removed")


def _add_common(p: argparse.ArgumentParser, output: bool = True) -> None:
    p.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                   help="corpus directory (default: $FRAMING_LAB_CORPUS, else the bundled corpus/)")
    if p.prog.rsplit(" ", 1)[-1] in ANALYSING_COMMANDS:  # --jobs, --scheduler, --no-cache, --quiet
        add_run_options(p)
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
    p.set_defaults(func=commands.cmd_check)

    p = sub.add_parser("corpus", help="write one table of the corpus as CSV")
    p.add_argument("--level", choices=LEVELS, default="documents", help="which unit, one row each (default: documents)")
    _add_common(p)
    p.set_defaults(func=commands.cmd_corpus)

    p = sub.add_parser("summary", help="per-article counts: paragraphs, sentences, words, lines removed")
    p.add_argument("--format", choices=("csv", "text"), default="csv", help="csv (default) or an aligned text table")
    _add_common(p)
    p.set_defaults(func=commands.cmd_summary)

    p = sub.add_parser("checksums", help="record the SHA-256 of every raw file in checksums.sha256")
    _add_common(p, output=False)
    p.set_defaults(func=commands.cmd_checksums)

    from analysis.text.add import VOICES, published_date

    p = sub.add_parser("add", help="add articles (.txt, .html or an http(s) address) to a corpus: raw file, "
                                   "articles.csv row, checksum, then check")
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL", help="a .txt or .html file, or an http(s) address")
    p.add_argument("--voice", choices=VOICES, default=None,
                   help="whose voice the narration is (default: press, a news report; us or china for a readout)")
    p.add_argument("--outlet", default=None, help="who published it (default: what the page says, else unknown)")
    p.add_argument("--published", type=published_date, default=None, metavar="DATE",
                   help="publication date YYYY-MM-DD (default: what the page says, else empty)")
    p.add_argument("--meeting", default=None, metavar="ID", help="the meeting it is about (a meeting_id of meetings.csv)")
    p.add_argument("--title", default=None, help="the headline (default: the page's title, or a text's first line)")
    _add_common(p, output=False)
    p.set_defaults(func=commands.cmd_add)


def _measure_commands(sub) -> None:
    p = sub.add_parser("quotes", help="quotations and reported speech with speaker, side and meeting")
    _add_common(p)
    p.set_defaults(func=commands.cmd_quotes)

    p = sub.add_parser("scores", help="sentiment (stock and diplomatic), hedges, boosters, directives, framing per sentence or paragraph")
    p.add_argument("--level", choices=("sentence", "paragraph"), default="sentence",
                   help="one row per sentence (default) or per paragraph")
    _add_common(p)
    p.set_defaults(func=commands.cmd_scores)

    p = sub.add_parser("explain", help="every score of one sentence and the words that produced it")
    p.add_argument("sentence", help="the sentence to explain (quote it)")
    p.set_defaults(func=commands.cmd_explain)


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
    p.set_defaults(func=commands.cmd_distinctive)

    p = sub.add_parser("kwic", help="keyword in context: every hit of a word or phrase with its speaker, side and meeting")
    p.add_argument("term", help="a word or phrase (case-insensitive, whole words), e.g. candid or \"core interests\"")
    p.add_argument("--window", type=_nonnegative_int, default=5, metavar="N", help="words of context each side (default 5)")
    _add_common(p)
    p.set_defaults(func=commands.cmd_kwic)

    p = sub.add_parser("compare", help="the meeting × side table: n, sentiment, hedging, framing with bootstrap intervals")
    p.add_argument("--by", default="meeting_id", choices=("meeting_id", "meeting_date", "doc_id", "none"),
                   help="group statements by meeting (default), by meeting date, by article, or none (one row per side)")
    p.add_argument("--include-reported", action="store_true",
                   help="also count narration that reports a side's words as that side's statements")
    p.add_argument("--differences", metavar="FILE", default=None,
                   help="also write the US–China permutation tests as CSV to FILE")
    p.add_argument("--terms", type=_nonnegative_int, default=5, metavar="N", help="distinctive terms per row (default 5)")
    _add_common(p)
    p.set_defaults(func=commands.cmd_compare)

    p = sub.add_parser("topics", help="the topics each side's account of a meeting raises: mentioned, order of first "
                                      "mention, share of words, and those only one side raises")
    p.add_argument("--by", default="meeting_id", choices=("meeting_id", "meeting_date"),
                   help="group statements by meeting (default) or by meeting date")
    p.add_argument("--include-reported", action="store_true",
                   help="also count narration that reports a side's words as that side's statements")
    p.add_argument("--format", choices=("csv", "text"), default="csv", help="csv (default) or an aligned text table")
    if "topics" not in ANALYSING_COMMANDS:  # it runs analyse(), so it takes --jobs, --no-cache ... as they do
        add_run_options(p)
    _add_common(p)
    p.set_defaults(func=commands.cmd_topics)


def _output_commands(sub) -> None:
    p = sub.add_parser("figures", help="draw every figure and save it as PNG, SVG and PDF (byte-identical across runs)")
    p.add_argument("--out", type=Path, default=FIGURE_DIR, metavar="DIR",
                   help="folder for the figures (default: the project's figures/, as save_figure)")
    _add_common(p, output=False)
    p.set_defaults(func=commands.cmd_figures)

    p = sub.add_parser("report", help="the evidence report: one self-contained HTML file (works offline)")
    _add_common(p, output=False)
    p.add_argument("-o", "--output", metavar="FILE", default="report.html",
                   help="the HTML file to write (default: report.html here; never inside a corpus)")
    p.set_defaults(func=commands.cmd_report)


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
