"""Language identifiers on short paragraphs: accuracy and speed, the measurement behind
:mod:`analysis.text.language`.

Run:  .venv/bin/python benchmarks/bench_language.py

The paragraphs are ``tests/data/language_paragraphs.csv`` (written for the tests: English readout
sentences, Chinese ones, English with a Chinese quotation and the reverse, names-only lines,
numbers-only lines, three-word page furniture, a few other languages). Set ``tuning`` (64) was
written first and the rules were set on it; set ``after`` (24) was written after and run once.

Methods (a library not installed is skipped, with the pip line that adds it):

* ``script``: the script step alone (no letters ``""``, mostly CJK ``zh``/``ja``, else ``en``);
* ``<library> raw``: the library's own answer, Chinese varieties as ``zh``, "unknown" as ``""``;
* ``rules + <library>``: :func:`analysis.text.language.lang_by_rules` with that library
  (``rules + py3langid`` is :func:`~analysis.text.language.paragraph_lang`). The confidence
  thresholds were set for py3langid; the others' confidences are on their own scales.

Speed is paragraphs per second on the test paragraphs (short) and on the bundled corpus's
paragraphs (news prose, 30-80 words), after the model is loaded; ``load s`` is the first call.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.text.language import identify, lang_by_rules, script_lang  # noqa: E402

PARAGRAPHS = ROOT / "tests" / "data" / "language_paragraphs.csv"
KINDS = ("english", "chinese", "mixed_en_zh", "mixed_zh_en", "names", "numbers", "three_words", "other")
_CHINESE = {"zh", "yue", "wuu", "zh-hant", "zh-hans", "nan", "hak", "gan"}
_UNKNOWN = {"un", "und", "zxx", "xxx"}


def _norm(code: str) -> str:
    code = code.lower()
    return "zh" if code in _CHINESE else "" if code in _UNKNOWN else code


def _lingua():
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return None
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def ident(text):
        values = detector.compute_language_confidence_values(text)
        if not values or values[0].value == 0:
            return "", 0.0
        return _norm(values[0].language.iso_code_639_1.name), values[0].value
    return ident


def _cld2():
    try:
        import pycld2
    except ImportError:
        return None

    def ident(text):
        try:
            reliable, _, details = pycld2.detect(text)
        except pycld2.error:
            return "", 0.0
        code = _norm(details[0][1])
        return code, (details[0][2] / 100 if reliable else 0.0)
    return ident


def methods() -> tuple[dict, list[str]]:
    """Method name -> function of the text giving a code; and the libraries skipped."""
    out = {"script": lambda t: (lambda s: "en" if s is None else s)(script_lang(t)),
           "py3langid raw": lambda t: _norm(identify(t)[0]),
           "rules + py3langid": lambda t: lang_by_rules(t, identify),
           "rules + py3langid, no markers": lambda t: lang_by_rules(t, identify, markers=False)}
    skipped = []
    for name, make, pip in (("lingua", _lingua, "lingua-language-detector==2.1.1"), ("cld2", _cld2, "pycld2==0.42")):
        ident = make()
        if ident is None:
            skipped.append(f"{name} (pip install {pip})")
            continue
        out[f"{name} raw"] = (lambda f: lambda t: f(t)[0])(ident)
        out[f"rules + {name}"] = (lambda f: lambda t: lang_by_rules(t, f))(ident)
    return out, skipped


def _rate(texts: list[str], fn, seconds: float = 0.5) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for t in texts:
            fn(t)
        n += len(texts)
    return n / (time.perf_counter() - start)


def _corpus_paragraphs() -> list[str]:
    raw = ROOT / "corpus" / "raw"
    return [ln.strip() for f in sorted(raw.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()
            if len(ln.split()) >= 20]


def _prose(*files: Path) -> list[str]:
    return [ln.strip() for f in files if f.is_file() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _check_markers(texts: list[str]) -> None:
    """How often step 2 (English markers) answers, and whether it ever differs from the identifier."""
    with_markers = [lang_by_rules(t, identify) for t in texts]
    without = [lang_by_rules(t, identify, markers=False) for t in texts]
    fired = sum(1 for t in texts if lang_by_rules(t, lambda _: ("xx", 1.0)) == "en" and script_lang(t) is None)
    differ = [t for t, a, b in zip(texts, with_markers, without) if a != b]
    print(f"English-marker step: answered {fired} of {len(texts)} texts (test paragraphs, corpus paragraphs, "
          f"README and docs lines); answers differing from the identifier's: {len(differ)}")
    for t in differ:
        print("   ", repr(t[:100]))


def _pages() -> None:
    """tests/data/pages (when there): each document's words by line language, and whether
    mostly_not_english agrees with the hand label in annotations/documents.csv."""
    from analysis.text.language import mostly_not_english, paragraph_lang
    from analysis.text.tokens import count_words

    pages = ROOT / "tests" / "data" / "pages"
    if not (pages / "annotations" / "documents.csv").is_file():
        print("tests/data/pages: not there, skipped")
        return
    labels = pd.read_csv(pages / "annotations" / "documents.csv", keep_default_na=False, dtype=str)
    files = pd.read_csv(pages / "articles.csv", keep_default_na=False, dtype=str).set_index("doc_id")["file"]
    right, rows = 0, []
    for rec in labels.itertuples():
        words: dict[str, int] = {}
        for line in (pages / "raw" / files[rec.doc_id]).read_text(encoding="utf-8").splitlines():
            if line.strip():
                code = paragraph_lang(line)
                words[code] = words.get(code, 0) + count_words(line)
        flagged = mostly_not_english(words)
        right += flagged == (rec.mostly_english == "no")
        if flagged or any(c not in ("en", "") for c in words):
            rows.append(f"  {rec.doc_id}: words by line language {dict(sorted(words.items()))}; "
                        f"mostly not English: {flagged} (label: mostly_english={rec.mostly_english})")
    print(f"tests/data/pages: 'mostly not English' right for {right} of {len(labels)} documents "
          "(every raw line, chrome included); documents with any non-English line:", *rows, sep="\n")


def main() -> None:
    data = pd.read_csv(PARAGRAPHS, keep_default_na=False, dtype=str)
    tuning, after = data[data["set"] == "tuning"], data[data["set"] == "after"]
    long_texts = _corpus_paragraphs()
    table, skipped = methods()
    rows = []
    for name, fn in table.items():
        start = time.perf_counter()
        fn("The two sides met.")
        load = time.perf_counter() - start
        got = data["text"].map(fn)
        ok = got == data["lang"]
        row = {"method": name, "load s": round(load, 2)}
        for kind in KINDS:
            sel = (data["kind"] == kind) & (data["set"] == "tuning")
            row[kind] = f"{int(ok[sel].sum())}/{int(sel.sum())}"
        row["tuning"] = f"{ok[tuning.index].mean():.3f}"
        row["after"] = f"{ok[after.index].mean():.3f}"
        row["short p/s"] = int(_rate(data["text"].tolist(), fn))
        row["prose p/s"] = int(_rate(long_texts, fn))
        rows.append(row)
    pd.set_option("display.width", 200)
    print(f"{len(tuning)} tuning paragraphs, {len(after)} written after; {len(long_texts)} corpus paragraphs for speed")
    print(pd.DataFrame(rows).to_string(index=False))
    if skipped:
        print("skipped:", "; ".join(skipped))
    _pages()
    _check_markers(data["text"].tolist() + long_texts + _prose(ROOT / "README.md", ROOT / "docs" / "instructors.md"))
    wrong = data[data["text"].map(table["rules + py3langid"]) != data["lang"]]
    print(f"rules + py3langid wrong on {len(wrong)}:", *(f"  [{r.set}] {r.text!r}: expected {r.lang!r}" for r in wrong.itertuples()), sep="\n")


if __name__ == "__main__":
    main()
