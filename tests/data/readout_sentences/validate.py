"""Check tests/data/readout_sentences/sentences.csv against the rules in README.md.

Stdlib only. Run from anywhere:

    python tests/data/readout_sentences/validate.py           # check, print counts
    python tests/data/readout_sentences/validate.py --markdown  # counts as Markdown tables

Prints every problem and exits 1 if there is any; otherwise prints the counts
and exits 0.
"""
import collections
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "sentences.csv"
README_PATH = HERE / "README.md"

COLUMNS = ["id", "set", "side", "text", "directive", "addressee",
           "hedge", "booster", "sentiment", "topics"]
SETS = {"t": "tune", "h": "heldout"}
SET_SIZES = {"tune": 150, "heldout": 50}   # tune: exactly; heldout: at most
SIDES = ("us", "china")
ADDRESSEES = ("us", "china", "both", "self", "other")
SENTIMENTS = ("negative", "neutral", "positive")
TOPICS = ("taiwan", "trade_economy", "export_controls", "fentanyl",
          "military_channels", "human_rights", "ukraine_russia", "middle_east",
          "climate", "people_to_people", "south_china_sea", "north_korea",
          "detained_citizens", "ai", "sovereignty", "diplomacy_channels")
# a full stop after these does not end a sentence
ABBREVIATIONS = ("U.S.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "No.")


def split_list(value):
    return [p.strip() for p in value.split(";")] if value.strip() else []


def readme_topics():
    """Topic names in the README's topic table (the table headed | topic | definition |)."""
    names, inside = [], False
    for line in README_PATH.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\|\s*topic\s*\|\s*definition\s*\|", line):
            inside = True
            continue
        if inside:
            if not line.startswith("|"):
                break
            m = re.match(r"^\|\s*`([a-z_]+)`\s*\|", line)
            if m:
                names.append(m.group(1))
    return names


def sentence_breaks(text):
    """Positions where the text seems to start a second sentence."""
    out = []
    for m in re.finditer(r"([.!?])[\"'’”)]?\s+(?=[A-Z])", text):
        before = text[:m.start() + 1]
        if any(before.endswith(a) for a in ABBREVIATIONS):
            continue
        out.append(m.start())
    return out


def check(rows, errors):
    seen = {}
    by_set = collections.defaultdict(list)
    for n, row in enumerate(rows, start=2):          # line 1 is the header
        where = f"line {n} ({row.get('id') or '?'})"
        if None in row or any(v is None for v in row.values()):
            errors.append(f"{where}: expected {len(COLUMNS)} fields")
            continue
        rid, rset = row["id"], row["set"]
        m = re.fullmatch(r"([th])(\d{3})", rid)
        if not m:
            errors.append(f"{where}: id {rid!r} is not t### or h###")
        else:
            if SETS[m.group(1)] != rset:
                errors.append(f"{where}: id {rid} needs set={SETS[m.group(1)]}, has {rset!r}")
            by_set[SETS[m.group(1)]].append(int(m.group(2)))
        if rid in seen:
            errors.append(f"{where}: id {rid} repeats line {seen[rid]}")
        seen[rid] = n
        if rset not in SETS.values():
            errors.append(f"{where}: set {rset!r} not in {sorted(SETS.values())}")
        if row["side"] not in SIDES:
            errors.append(f"{where}: side {row['side']!r} not in {SIDES}")

        text = row["text"]
        if not text.strip():
            errors.append(f"{where}: empty text")
        if text != text.strip() or "\n" in text or "\r" in text or "  " in text:
            errors.append(f"{where}: text has a line break, double space or outer space")
        if not re.search(r"[.!?][\"'’”)]?$", text):
            errors.append(f"{where}: text does not end a sentence")
        if sentence_breaks(text):
            errors.append(f"{where}: text seems to hold more than one sentence")

        for col in ("directive", "hedge", "booster"):
            if row[col] not in ("0", "1"):
                errors.append(f"{where}: {col} {row[col]!r} not 0/1")
        if row["sentiment"] not in SENTIMENTS:
            errors.append(f"{where}: sentiment {row['sentiment']!r} not in {SENTIMENTS}")

        addr = split_list(row["addressee"])
        if row["directive"] == "1" and not addr:
            errors.append(f"{where}: directive=1 needs an addressee")
        if row["directive"] == "0" and addr:
            errors.append(f"{where}: directive=0 must have an empty addressee")
        for a in addr:
            if a not in ADDRESSEES:
                errors.append(f"{where}: addressee {a!r} not in {ADDRESSEES}")
        if len(set(addr)) != len(addr):
            errors.append(f"{where}: addressee repeats a value")
        if row["side"] in addr:
            errors.append(f"{where}: addressee {row['side']!r} is the speaker's own side; use self")

        tops = split_list(row["topics"])
        for t in tops:
            if t not in TOPICS:
                errors.append(f"{where}: topic {t!r} not in the topic list")
        if len(set(tops)) != len(tops):
            errors.append(f"{where}: topics repeat a value")

    for s, nums in by_set.items():
        nums = sorted(nums)
        if nums != list(range(1, len(nums) + 1)):
            errors.append(f"set {s}: ids are not numbered 001..{len(nums):03d} without gaps")
    if len(by_set.get("tune", [])) != SET_SIZES["tune"]:
        errors.append(f"set tune: {len(by_set.get('tune', []))} rows, expected {SET_SIZES['tune']}")
    if len(by_set.get("heldout", [])) > SET_SIZES["heldout"]:
        errors.append(f"set heldout: more than {SET_SIZES['heldout']} rows")

    listed = readme_topics()
    if sorted(listed) != sorted(TOPICS):
        errors.append(f"README topic table {sorted(listed)} differs from TOPICS {sorted(TOPICS)}")


def counts(rows):
    c = collections.OrderedDict()
    c["rows"] = collections.Counter(r["set"] for r in rows)
    c["side"] = collections.Counter(r["side"] for r in rows)
    c["directive"] = collections.Counter(r["directive"] for r in rows)
    c["addressee (each value of a row counted once)"] = collections.Counter(
        a for r in rows for a in split_list(r["addressee"]))
    c["addressee by side"] = collections.Counter(
        f"{r['side']}->{a}" for r in rows for a in split_list(r["addressee"]))
    c["hedge"] = collections.Counter(r["hedge"] for r in rows)
    c["booster"] = collections.Counter(r["booster"] for r in rows)
    c["sentiment"] = collections.Counter(r["sentiment"] for r in rows)
    c["sentiment by side"] = collections.Counter(f"{r['side']}:{r['sentiment']}" for r in rows)
    c["topics (rows mentioning)"] = collections.Counter(
        t for r in rows for t in split_list(r["topics"]))
    c["topics per row"] = collections.Counter(str(len(split_list(r["topics"]))) for r in rows)
    return c


def main(argv):
    errors = []
    raw = CSV_PATH.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append("sentences.csv starts with a byte-order mark")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"sentences.csv is not UTF-8: {e}")
        return 1
    try:
        reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
        rows = list(reader)
        header = reader.fieldnames
    except csv.Error as e:
        print(f"sentences.csv does not parse: {e}")
        return 1
    if header != COLUMNS:
        errors.append(f"header {header} != {COLUMNS}")
    else:
        check(rows, errors)
    if errors:
        for e in errors:
            print(e)
        print(f"{len(errors)} problem(s)")
        return 1

    c = counts(rows)
    if "--markdown" in argv:
        for name, counter in c.items():
            keys = sorted(counter, key=lambda k: (-counter[k], k))
            print(f"**{name}**\n")
            print("| " + " | ".join(keys) + " |")
            print("|" + "---|" * len(keys))
            print("| " + " | ".join(str(counter[k]) for k in keys) + " |\n")
    else:
        for name, counter in c.items():
            print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in sorted(counter.items())))
        print(f"OK: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
