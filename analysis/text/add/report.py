"""What ``add`` prints on stderr: what was added, what the page extraction left out, what to do next."""
from __future__ import annotations

from pathlib import Path

from analysis.errors import display_path
from analysis.text.corpus import CHECKSUM_FILE
from analysis.text.add.options import Result, _SPACE
from analysis.text.add.suggest import format_rows, suggested_rows, unattributed

# --------------------------------------------------------------------------- what the command prints


def _short(text: str, n: int = 90) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: Parts of a page left out that ``add`` lists (the rest are counted).
LEFT_OUT_SHOWN = 8


def report_added(result: Result, out) -> None:
    """What was added, where each value came from, what the page's extraction left out, and the check."""
    for a in result.added:
        print(f"added {a.doc_id}: {display_path(result.corpus / 'raw' / a.file)} ({len(a.data):,} bytes, "
              f"{a.n_lines} lines of text) from {a.source}", file=out)
        for key in ("title", "outlet", "published"):
            print(f"  {key:<10} {a.row[key] or '(empty)'}  [{a.found[key]}]", file=out)
        print(f"  {'voice':<10} {a.row['voice']}  [{a.found['voice']}]", file=out)
        if a.row["meeting_id"]:
            print(f"  {'meeting_id':<10} {a.row['meeting_id']}", file=out)
        if a.left_out:
            print(f"  left out of the page ({len(a.left_out)} parts: menus, links, captions and the like):", file=out)
            for reason, text in a.left_out[:LEFT_OUT_SHOWN]:
                print(f"    {reason}: {_short(text, 70)}", file=out)
            if len(a.left_out) > LEFT_OUT_SHOWN:
                print(f"    ... and {len(a.left_out) - LEFT_OUT_SHOWN} more", file=out)
            print("  If article text is among them, save the article's text as a .txt file and add that "
                  "instead (remove this one's row and raw file first).", file=out)
    print(f"wrote {len(result.added)} row(s) to {display_path(result.corpus / 'articles.csv')} and their "
          f"checksums to {display_path(result.corpus / CHECKSUM_FILE)}", file=out)
    for p in result.warnings:
        print(p, file=out)
    print(f"{display_path(result.corpus)}: corpus OK ({len(result.warnings)} warning(s)). Check the title, outlet "
          "and date above against the text, and fix them in articles.csv if they are wrong.", file=out)


def report_unattributed(corpus, quotes, doc_ids, verbs, out) -> list[dict[str, str]]:
    """Print the new articles' quotations without a speaker and suggested speakers.csv rows; return the rows.

    ``corpus`` is the loaded corpus, ``quotes`` the attribution stage's quotation frame.
    """
    speakers = corpus.tables.get("speakers")
    items = unattributed(quotes, corpus.paragraphs, doc_ids, speakers, verbs)
    n_quotes = int(quotes["doc_id"].isin(set(doc_ids)).sum())
    if not items:
        print(f"All {n_quotes} quotation(s) of the new article(s) have a speaker "
              f"(`python -m analysis quotes --corpus {display_path(Path(corpus.path))}` lists them).", file=out)
        return []
    missing = [i for i in items if not i.continued_from]
    doubtful = [i for i in items if i.continued_from]
    print(f"{len(missing)} of the {n_quotes} quotation(s) of the new article(s) have no speaker"
          + (f", and {len(doubtful)} may have the wrong one" if doubtful else "") + ":", file=out)
    for item in missing + doubtful:
        print(f"  {item.quote_id} (paragraph {item.para}, {item.kind}): “{_short(item.text, 80)}”", file=out)
        if item.continued_from:
            print(f"      given to {item.continued_from} only because it follows their quotation", file=out)
        print(f"      in: {_short(item.context, 110)}", file=out)
        if item.names:
            print(f"      names near it: {', '.join(item.names)}", file=out)
        elif item.kind == "partial" and not item.cue:
            print("      no reporting verb near it: most likely a term or scare quote, with no speaker to add",
                  file=out)
        else:
            print("      no name near it: read the paragraph; the speaker may be named earlier, or not at all",
                  file=out)
    rows = suggested_rows(items, corpus.paragraphs, doc_ids)
    path = display_path(Path(corpus.path) / "speakers.csv")
    if rows:
        print(f"Suggested rows for {path} (read the text first; an empty side must be filled in with us, china, "
              "third-party or press, or check refuses the row):", file=out)
        if speakers is None:
            print("name,aliases,side,role", file=out)
        out.write(format_rows(rows))
    where = display_path(Path(corpus.path))
    print(f"Then run `python -m analysis check --corpus {where}` and `python -m analysis quotes --corpus {where}` "
          "again: a quotation whose speaker is still empty is the narrator's own words or a speaker the cues do "
          "not name (see corpus/README.md, \"Adding an article\").", file=out)
    return rows
