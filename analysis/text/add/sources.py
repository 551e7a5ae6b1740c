"""Reading a source for ``add``: a local file (refused when it is a link, inside the corpus or too big) or a fetched page."""
from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

from analysis.errors import display_path
from analysis.text.html import HTML_SUFFIXES
from analysis.text.add.options import (
    AddError, FETCH_DEADLINE, FETCH_TIMEOUT, Fetched, MAX_FETCH_BYTES, MAX_FILE_BYTES,
    TEXT_SUFFIXES, USER_AGENT,
)

# --------------------------------------------------------------------------- sources


def is_url(source: str) -> bool:
    """Whether a source is a web address (``scheme://...``) rather than a path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) is not None


def fetch_url(url: str, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """Download ``url`` (http or https only) with a timeout and a size limit; raise :class:`AddError`.

    The limits are read at each call (:data:`FETCH_TIMEOUT`, :data:`FETCH_DEADLINE`,
    :data:`MAX_FETCH_BYTES`) unless given.
    """
    import socket
    import urllib.error
    import urllib.request  # here, not at the top: every command builds the parser that imports this module

    timeout = FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = MAX_FETCH_BYTES if max_bytes is None else max_bytes
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise AddError(f"{url}: only http:// and https:// addresses are fetched; save the page and add the file", 2)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                   "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            data = _read_body(response, url, max_bytes, max(FETCH_DEADLINE, timeout))
            return Fetched(data, (response.headers.get_content_type() or "").lower(),
                           (response.headers.get_content_charset() or "").lower(), response.geturl())
    except AddError:
        raise
    except urllib.error.HTTPError as err:
        raise AddError(f"{url}: the server answered {err.code} {err.reason}; check the address, or save the "
                       "page in a browser and add the file") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise AddError(f"{url}: no answer within {timeout:g} s; try again later, or save the page and add "
                           "the file") from None
        raise AddError(f"{url}: could not fetch it ({reason}); check the address and the network, or save the "
                       "page and add the file") from None
    except (socket.timeout, TimeoutError):
        raise AddError(f"{url}: no answer within {timeout:g} s; try again later, or save the page and add the "
                       "file") from None
    except (OSError, ValueError) as err:  # a broken connection, a malformed answer or address
        raise AddError(f"{url}: could not fetch it ({err}); save the page and add the file") from None


def _opener():
    """A URL opener that follows redirects to http and https addresses only (never to file:, ftp:, ...)."""
    import urllib.error
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 5

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise urllib.error.HTTPError(newurl, code, f"redirected to a {scheme}: address, which is not "
                                             "fetched", headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnlyRedirects)


def _read_body(response, url: str, max_bytes: int, seconds: float) -> bytes:
    """The response's bytes, refused past ``max_bytes`` or ``seconds`` (a slow drip counts too)."""
    limit = f"{max_bytes / 1024 / 1024:g} MB"
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise AddError(f"{url}: the page is {int(length):,} bytes, over the {limit} limit; save the "
                       "article's text as a .txt file and add that")
    chunks, size, deadline = [], 0, time.monotonic() + seconds
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise AddError(f"{url}: the page is over the {limit} limit; save the article's text as a "
                           ".txt file and add that")
        if time.monotonic() > deadline:
            raise AddError(f"{url}: the download took over {seconds:g} s; try again later, or save the page "
                           "and add the file")
        chunks.append(chunk)
    return b"".join(chunks)


def _suffix_of_fetched(url: str, fetched: Fetched) -> str:
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return ".html"
    if fetched.content_type == "text/plain":
        return ".txt"
    head = fetched.data[:2048].lstrip().lower()
    if fetched.content_type in ("", "application/octet-stream") and (head.startswith(b"<!doctype html")
                                                                      or b"<html" in head):
        return ".html"
    raise AddError(f"{url}: the server sent {fetched.content_type or 'no content type'}, not a web page or plain "
                   "text; save the article's text as a .txt file and add that")


def _read_local(source: str, corpus: Path) -> tuple[bytes, str]:
    """The bytes and the suffix (.txt or .html) of a local source, refusing what must not be added."""
    path = Path(source).expanduser()
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise AddError(f"{source}: file not found; check the path (an address must start with http:// or "
                       "https://)") from None
    except OSError as err:
        raise AddError(f"{source}: cannot be read ({err.strerror}); check the path and its permissions") from None
    if stat.S_ISLNK(info.st_mode):
        raise AddError(f"{source}: is a symbolic link (to {os.readlink(path)}); add the file itself, so that "
                       "what is copied is what you named")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise AddError(f"{source}: is {kind}; name one .txt or .html file (or several)")
    resolved, home = path.resolve(), corpus.resolve()
    if resolved == home or home in resolved.parents:
        raise AddError(f"{source}: is inside the corpus folder {display_path(corpus)}; move it out (e.g. "
                       f"mv {source} ~/) and add it from there, so that raw/ holds only what add copied")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise AddError(f"{source}: only .txt (UTF-8 text) and .html or .htm (a saved web page) can be added; "
                       "save the article as one of these")
    if info.st_size > MAX_FILE_BYTES:
        raise AddError(f"{source}: is {info.st_size:,} bytes, over the {MAX_FILE_BYTES // 1024 // 1024} MB "
                       "limit for one article; save only the article's text and add that")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise AddError(f"{source}: cannot be read ({err.strerror}); check the file and its permissions") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between the look and the open
            raise AddError(f"{source}: is not a regular file; name one .txt or .html file")
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AddError(f"{source}: is over the {MAX_FILE_BYTES // 1024 // 1024} MB limit for one article")
    return data, (".html" if suffix in HTML_SUFFIXES else ".txt")
