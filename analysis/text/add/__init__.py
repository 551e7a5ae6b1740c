"""Adding articles to a corpus: ``python -m analysis add PATH_OR_URL... [--corpus DIR] [options]``.

Each source (a ``.txt`` file, a saved ``.html``/``.htm`` page, or an ``http``/``https``
address) is copied into ``raw/`` byte for byte under a new, safe file name; its
row is appended to ``articles.csv`` and its SHA-256 to ``checksums.sha256``; then
the corpus is checked.

**Whole or not at all.** Everything is validated before anything is written:
the options, the corpus (it must pass ``check`` already, so the new article's
problems are not mixed with old ones), every source (readable, UTF-8 or a
declared encoding for pages, some text in it, not already in the corpus). Then
the files are written (each to a temporary file renamed into place; a raw file
never replaces an existing one), and the corpus is checked again. If that check
finds an error, or anything fails or is interrupted on the way, every file is
put back as it was: nothing half-added remains. With several sources, either
all are added or none.

What is refused, with a message naming the source and what to do: a source
that is a symbolic link or not a regular file, one inside the corpus folder
(``raw/x.txt`` saved by hand, ``articles.csv``), any other kind of file, one
over :data:`MAX_FILE_BYTES`, an address that is not ``http``/``https``, a
download over :data:`MAX_FETCH_BYTES` or slower than :data:`FETCH_TIMEOUT`
seconds, an HTTP error (404, ...), and a file whose bytes are already in the
corpus. The name in ``raw/`` is never taken from the source: it is the new
``doc_id`` and the source's extension, so ``../x.txt`` cannot name a place
outside ``raw/``.

:func:`unattributed` lists the new articles' quotations without a speaker and
suggests ``speakers.csv`` rows for the names found around them; the command
line prints it (the quotations come from the attribution stage, which this
text-stage module does not import).
"""
from analysis.text.add.options import (  # noqa: F401
    AddError, Added, FETCH_DEADLINE, FETCH_TIMEOUT, Fetched, MAX_FETCH_BYTES, MAX_FILE_BYTES,
    MAX_SLUG_CHARS, MAX_TITLE_CHARS, Result, TEXT_SUFFIXES, USER_AGENT, check_options,
    published_date,
)
from analysis.text.add.sources import fetch_url, is_url  # noqa: F401
from analysis.text.add.rows import slug  # noqa: F401
from analysis.text.add.write import add_articles  # noqa: F401
from analysis.text.add.suggest import (  # noqa: F401
    CONTINUES_CUE, Unattributed, find_names, format_rows, suggested_rows, unattributed,
)
from analysis.text.add.report import LEFT_OUT_SHOWN, report_added, report_unattributed  # noqa: F401
from analysis.text.corpus import VOICES  # noqa: F401  (the voices --voice accepts)
