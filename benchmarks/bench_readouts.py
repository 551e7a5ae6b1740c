"""Issue 16's figures on sentences written in the register of US and PRC readouts.

    .venv/bin/python benchmarks/bench_readouts.py [--set tune|heldout|all] [--file CSV] [--errors] [--json FILE]

Reads ``tests/data/readout_sentences/sentences.csv`` (``id, set, side, text, directive, addressee,
hedge, booster, sentiment, topics``; labelling rules in that folder's README), keeps the rows of
``--set`` (default ``tune``; the ``heldout`` rows are the lead's estimate for new text), scores them
with :func:`analysis.measure.scoring.score_sentences` on a frame with ``doc_id, para, sent, text,
side`` and prints :func:`analysis.measure.evaluate.evaluate_readouts`: precision and recall of the
directive, hedge and booster detectors, addressee accuracy (exact set match, on the gold directives
that were found), accuracy and Cohen's kappa of the stock and diplomacy-aware sentiment labels
(compound ±0.05) and, when ``analysis.measure.topics.sentence_topics`` exists, topic precision and
recall. ``--errors`` also prints the sentences where a detector, the addressee or the diplomatic
label disagrees with the labels (for tuning: use it on ``tune`` only).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from analysis.measure.evaluate import (evaluate_readouts, load_readout_sentences, predicted_addressees,
                                       readout_frame)
from analysis.measure.scoring import score_sentences

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "readout_sentences" / "sentences.csv"


def sentence_topics_or_none(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The topic tagger's frame when :mod:`analysis.measure.topics` provides ``sentence_topics``."""
    try:
        from analysis.measure.topics import sentence_topics
    except ImportError:
        return None
    return sentence_topics(frame)


def errors(labels: pd.DataFrame, scored: pd.DataFrame) -> list[str]:
    """One line per sentence where a detector, the addressee or the diplomatic label is wrong."""
    out = []
    for gold, rec in zip(labels.to_dict("records"), scored.to_dict("records")):
        found = rec.get("directives", 0) + rec.get("self_obligations", 0) > 0
        got = predicted_addressees(rec)
        wrong = [w for w, bad in (
            (f"directive {gold['directive']}->{int(found)}", bool(gold["directive"]) != found),
            (f"addressee {';'.join(gold['addressee'])}->{';'.join(got)}",
             bool(gold["directive"]) and found and tuple(gold["addressee"]) != got),
            (f"hedge {gold['hedge']}->{int(rec['hedges'] > 0)}", bool(gold["hedge"]) != (rec["hedges"] > 0)),
            (f"booster {gold['booster']}->{int(rec['boosters'] > 0)}", bool(gold["booster"]) != (rec["boosters"] > 0)),
            (f"sentiment {gold['sentiment']}->{rec['label_diplomatic']} ({rec['compound_diplomatic']:+.2f}, "
             f"stock {rec['compound']:+.2f})", gold["sentiment"] != rec["label_diplomatic"])) if bad]
        if wrong:
            out.append(f"{gold['id']} [{gold['side']}] {'; '.join(wrong)}\n    {gold['text']}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", dest="which", default="tune", choices=["tune", "heldout", "all"])
    ap.add_argument("--file", type=Path, default=SENTENCES)
    ap.add_argument("--errors", action="store_true", help="print the sentences with a wrong figure")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    labels = load_readout_sentences(args.file, None if args.which == "all" else args.which)
    if labels.empty:
        print(f"{args.file}: no sentences in set {args.which!r}", file=sys.stderr)
        return 1
    frame = readout_frame(labels)
    scored = score_sentences(frame)
    table = evaluate_readouts(scored, labels, sentence_topics_or_none(frame))
    print(f"{args.file.name}, set {args.which}: {len(labels)} sentences "
          f"({int(labels['directive'].sum())} directives, {int(labels['hedge'].sum())} hedged, "
          f"{int(labels['booster'].sum())} boosted)")
    print(table.astype(object).where(table.notna(), "").to_string(index=False))
    if args.errors:
        print("\n".join(["", "disagreements:", *errors(labels, scored)]))
    if args.json:
        args.json.write_text(json.dumps(json.loads(table.to_json(orient="records")), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
