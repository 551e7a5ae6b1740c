"""The command line: ``python -m analysis <command> [--corpus DIR] [-o FILE]``.

Every command writes its table as CSV to stdout, or to ``-o FILE``, and nothing
else there; messages go to stderr. A bad corpus gives a list of problems and
exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import BUNDLED_CORPUS, check_corpus, load_corpus, write_checksums
from .errors import CorpusError, display_path
from .output import write_table

LEVELS = ("documents", "paragraphs", "sentences", "removed")


def _add_common(p: argparse.ArgumentParser, output: bool = True) -> None:
    p.add_argument("--corpus", type=Path, default=BUNDLED_CORPUS, metavar="DIR",
                   help="corpus directory (default: the bundled corpus/)")
    if output:
        p.add_argument("-o", "--output", metavar="FILE", default=None,
                       help="write the CSV table to FILE instead of stdout")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    return parser


def cmd_check(args) -> int:
    import pandas as pd

    problems = check_corpus(args.corpus)
    for p in problems:
        print(p, file=sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    if args.output:
        table = pd.DataFrame([vars(p) for p in problems], columns=["file", "line", "severity", "message", "hint"])
        write_table(table, args.output)
    if errors:
        print(f"{display_path(args.corpus)}: {len(errors)} error(s); fix them and run check again.", file=sys.stderr)
        return 1
    print(f"{display_path(args.corpus)}: corpus OK ({len(problems)} warning(s)).", file=sys.stderr)
    return 0


def cmd_corpus(args) -> int:
    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    if args.level == "sentences":
        from .attribution import attribute_sentences

        table = attribute_sentences(corpus)  # adds speaker, side, meeting_id (issue 4 contract)
    else:
        table = getattr(corpus, args.level)
    write_table(table, args.output)
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
            from .output import write_text_atomic

            write_text_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    else:
        write_table(table, args.output)
    return 0


def cmd_checksums(args) -> int:
    out = write_checksums(args.corpus)
    print(f"wrote {display_path(out)}", file=sys.stderr)
    return 0


def cmd_scores(args) -> int:
    from .attribution import attribute_sentences
    from .scoring import score_paragraphs, score_sentences

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    sentences = score_sentences(attribute_sentences(corpus))
    table = sentences if args.level == "sentence" else score_paragraphs(corpus.paragraphs, sentences)
    write_table(table, args.output)
    return 0


def cmd_explain(args) -> int:
    from .scoring import explain

    if not args.sentence.strip():
        print("error: give a sentence to explain, e.g. python -m analysis explain \"It is clear who is responsible.\"",
              file=sys.stderr)
        return 2
    sys.stdout.write(explain(args.sentence) + "\n")
    return 0


def cmd_quotes(args) -> int:
    from .attribution import extract_quotes, quote_warnings

    corpus = load_corpus(args.corpus)
    _print_warnings(corpus)
    for w in quote_warnings(corpus).itertuples(index=False):
        print(f"{w.doc_id} paragraph {w.para} (line {w.line}): warning: {w.message}.", file=sys.stderr)
    write_table(extract_quotes(corpus), args.output)
    return 0


def _print_warnings(corpus) -> None:
    for w in corpus.warnings:
        print(w, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as err:
        print(err, file=sys.stderr)
        print("Run `python -m analysis check --corpus DIR` after fixing them.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `python -m analysis corpus | head`
        return 0
    except OSError as err:
        print(f"error: {err.strerror or err}: {err.filename or ''}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
