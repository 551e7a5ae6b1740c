"""From the bytes of a saved page to its main text: UTF-8 or the page's declared encoding."""
from __future__ import annotations


from analysis.errors import Problem
from analysis.text.normalise import decode_text
from analysis.text.html.extract import extract
from analysis.text.html.parser import HTML_SUFFIXES, _CHARSET_META

# --------------------------------------------------------------------------- bytes to text


def decode_html(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The text of a saved page: UTF-8 (a byte-order mark is dropped), or the encoding its
    ``<meta charset>`` declares; else a :class:`Problem` naming the file and what to do.

    >>> decode_html('<meta charset="gb2312"><p>中美</p>'.encode("gb2312"), "raw/a.html")[0][-9:]
    '<p>中美</p>'
    """
    declared = _CHARSET_META.search(data[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if charset.replace("_", "-") in ("utf-8", "utf8") or data[:3] == b"\xef\xbb\xbf":
        return decode_text(data, name, "page")
    if charset in ("gb2312", "gbk"):
        charset = "gb18030"  # a superset, which is what pages labelled gb2312 are written in
    try:
        text = data.decode(charset)
    except LookupError:
        return None, Problem(name, f"the page declares the encoding {charset!r}, which Python does not know",
                             "save the page again as UTF-8 and add that copy")
    except UnicodeDecodeError as err:
        return None, Problem(name, f"not valid {charset} text as the page declares (byte {err.start})",
                             "save the page again as UTF-8 and add that copy")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def html_text(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The main text of a raw HTML file's bytes (:func:`decode_html`, then :func:`extract_text`)."""
    text, problem = decode_html(data, name)
    if problem:
        return None, problem
    return extract(text).text, None


def is_html_name(name: str) -> bool:
    """Whether a raw file is read as a web page (its name ends in .html or .htm)."""
    return name.lower().endswith(HTML_SUFFIXES)
