"""Check that the held-back labels fit the raw files (standard library only).

Run: python validate_labels.py   (from anywhere; exit 1 with one message per problem)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIDES = {'us', 'china', 'third-party', 'press'}
LABELS = {'article', 'headline', 'chrome'}
KINDS = {'direct', 'partial', 'indirect'}
problems = []


def read(name):
    with open(os.path.join(HERE, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def cjk(s):
    return sum(1 for ch in s if '\u4e00' <= ch <= '\u9fff')


articles = {r['doc_id']: r for r in read('articles.csv')}
speakers = {r['name']: r for r in read('speakers.csv')}
meetings = {r['meeting_id']: r for r in read('meetings.csv')}
raw = {}
for d, a in articles.items():
    path = os.path.join(HERE, 'raw', a['file'])
    if not os.path.exists(path):
        problems.append(f'articles.csv: {d}: raw/{a["file"]} does not exist')
        continue
    with open(path, encoding='utf-8') as f:
        raw[d] = f.read().split('\n')
        if raw[d] and raw[d][-1] == '':
            raw[d].pop()
    if a['voice'] not in SIDES:
        problems.append(f'articles.csv: {d}: unknown voice {a["voice"]!r}')
    if a['meeting_id'] and a['meeting_id'] not in meetings:
        problems.append(f'articles.csv: {d}: unknown meeting {a["meeting_id"]!r}')
    if not a['notes'].startswith('Written for the tests (not a real text), held back: '):
        problems.append(f'articles.csv: {d}: notes do not start with the held-back prefix')

# lines.csv: exactly one row per non-blank line
labels = {}
for i, r in enumerate(read('annotations/lines.csv'), 2):
    d, n = r['doc_id'], int(r['line'])
    if d not in raw:
        problems.append(f'lines.csv:{i}: unknown doc {d!r}'); continue
    if not 1 <= n <= len(raw[d]) or not raw[d][n - 1].strip():
        problems.append(f'lines.csv:{i}: {d} line {n} is blank or out of range'); continue
    if (d, n) in labels:
        problems.append(f'lines.csv:{i}: {d} line {n} labelled twice')
    if r['label'] not in LABELS:
        problems.append(f'lines.csv:{i}: bad label {r["label"]!r}')
    if not r['kind'].strip():
        problems.append(f'lines.csv:{i}: empty kind')
    m = re.match(r'glued date stamp: (.+)$', r['kind'])
    if m and (r['label'] != 'article' or not raw[d][n - 1].startswith(m.group(1))):
        problems.append(f'lines.csv:{i}: glued stamp {m.group(1)!r} does not start article line {n}')
    labels[(d, n)] = r['label']
for d, lines in raw.items():
    for n, text in enumerate(lines, 1):
        if text.strip() and (d, n) not in labels:
            problems.append(f'lines.csv: {d} line {n} has no row')


def check_speaker(where, spk, side):
    if side not in SIDES:
        problems.append(f'{where}: bad side {side!r}')
    if spk:
        if spk not in speakers:
            problems.append(f'{where}: speaker {spk!r} not in speakers.csv')
        elif speakers[spk]['side'] != side:
            problems.append(f'{where}: side {side!r} differs from speakers.csv ({speakers[spk]["side"]!r})')


# quotes_gold.csv
pending = []  # empty-speaker rows whose side is not the page's voice
for i, r in enumerate(read('annotations/quotes_gold.csv'), 2):
    d, t = r['doc_id'], r['text']
    where = f'quotes_gold.csv:{i}'
    if d not in raw:
        problems.append(f'{where}: unknown doc {d!r}'); continue
    if r['para'] or r['sent']:
        problems.append(f'{where}: para and sent must be empty')
    whole = '\n'.join(raw[d])
    c = whole.count(t)
    if c != 1:
        problems.append(f'{where}: text found {c} times in {d}: {t!r}')
    else:
        n = whole[:whole.index(t)].count('\n') + 1
        if labels.get((d, n)) != 'article':
            problems.append(f'{where}: text lies on line {n}, which is not an article line')
    if len(t.split()) < 4 and cjk(t) < 10:
        problems.append(f'{where}: text shorter than 4 words / 10 Chinese characters: {t!r}')
    if t != t.strip() or t[:1] in '"“\'' or t[-1:] in '"”':
        problems.append(f'{where}: text has outer spaces or quotation marks: {t!r}')
    if r['kind'] not in KINDS:
        problems.append(f'{where}: bad kind {r["kind"]!r}')
    check_speaker(where, r['speaker'], r['side'])
    if not r['speaker'] and r['side'] != articles[d]['voice'] and c == 1:
        n = whole[:whole.index(t)].count('\n') + 1
        pending.append((where, d, n, r['side']))
    mid = r['meeting_id']
    if mid:
        if mid not in meetings:
            problems.append(f'{where}: unknown meeting {mid!r}')
        elif articles[d]['published'] and meetings[mid]['date'] > articles[d]['published']:
            problems.append(f'{where}: meeting {mid} is dated after the page')

# transcript_lines.csv
for i, r in enumerate(read('annotations/transcript_lines.csv'), 2):
    d, n = r['doc_id'], int(r['line'])
    if labels.get((d, n)) != 'article':
        problems.append(f'transcript_lines.csv:{i}: {d} line {n} is not an article line')
    check_speaker(f'transcript_lines.csv:{i}', r['speaker'], r['side'])

# voices.csv
for i, r in enumerate(read('voices.csv'), 2):
    d = r['doc_id']
    if d not in raw:
        problems.append(f'voices.csv:{i}: unknown doc {d!r}'); continue
    a, b = int(r['first_line']), int(r['last_line'])
    for n in (a, b):
        if not 1 <= n <= len(raw[d]) or not raw[d][n - 1].strip():
            problems.append(f'voices.csv:{i}: line {n} is blank or out of range')
    if a > b or r['voice'] not in SIDES:
        problems.append(f'voices.csv:{i}: bad range or voice')
    if r['meeting_id'] and r['meeting_id'] not in meetings:
        problems.append(f'voices.csv:{i}: unknown meeting')

ranges = [(r['doc_id'], int(r['first_line']), int(r['last_line']), r['voice']) for r in read('voices.csv')]
for where, d, n, side in pending:
    if not any(rd == d and a <= n <= b and v == side for rd, a, b, v in ranges):
        problems.append(f'{where}: empty speaker with side {side!r}, not the voice of the page or of a voices.csv range')

# documents.csv
docs = {r['doc_id']: r for r in read('annotations/documents.csv')}
for d in articles:
    if d not in docs:
        problems.append(f'documents.csv: {d} has no row')
for d, r in docs.items():
    if d not in articles or r['lang'] not in {'en', 'zh', 'mixed'} or r['mostly_english'] not in {'yes', 'no'}:
        problems.append(f'documents.csv: bad row for {d}')

# speakers / meetings tables
seen = {}
for s, r in speakers.items():
    if r['side'] not in SIDES:
        problems.append(f'speakers.csv: {s}: bad side')
    for al in [x for x in r['aliases'].split(';') if x]:
        if al in seen and seen[al] != s:
            problems.append(f'speakers.csv: alias {al!r} on {seen[al]} and {s}')
        seen[al] = s
for m, r in meetings.items():
    for p in r['participants'].split(';'):
        if p not in speakers:
            problems.append(f'meetings.csv: {m}: participant {p!r} not in speakers.csv')
    if not re.match(r'^\d{4}(-\d{2}(-\d{2})?)?$', r['date']):
        problems.append(f'meetings.csv: {m}: bad date')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
n_lines = len(labels)
print(f'OK: {len(articles)} pages, {n_lines} labelled lines, '
      f'{sum(1 for v in labels.values() if v == "article")} article, '
      f'{sum(1 for v in labels.values() if v == "headline")} headline, '
      f'{sum(1 for v in labels.values() if v == "chrome")} chrome')
