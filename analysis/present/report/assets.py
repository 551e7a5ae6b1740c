"""The report's own style sheet, its one script, and the Content-Security-Policy that allows nothing else.

The script is constant text written here (no corpus text is ever put into
it): it reads the filter choices and the ``data-meeting``, ``data-side`` and
``data-cats`` attributes of each statement (tokens such as ``m003``, ``us``,
``c2``, made by the report, not taken from the corpus) and sets ``hidden``.
Without the script every statement is shown and the filter bar stays hidden.

The policy allows the page's styles (inline), images only as ``data:`` URIs,
and scripts only when their SHA-256 is the hash of :data:`SCRIPT`: a
``<script>`` or an ``onerror=``/``onload=`` attribute that got into the page
some other way would not run, even if escaping had failed. Nothing is
fetched: no fonts, styles, scripts or images from the network.

>>> csp().startswith("default-src 'none'; script-src 'sha256-")
True
"""
from __future__ import annotations

import base64
import hashlib

#: Widths (CSS): the page's text column, and the minimum width of a side's column.
PAGE_WIDTH = "72rem"
COLUMN_MIN = "22rem"

STYLE = f"""
:root {{ color-scheme: light; }}
[hidden] {{ display: none !important; }}
body {{ font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #111; background: #fff; margin: 0 auto; max-width: {PAGE_WIDTH}; padding: 0 1.2rem 4rem; }}
h1 {{ font-size: 1.8rem; margin: 1.2rem 0 0.2rem; }}
h2 {{ font-size: 1.35rem; margin: 2.2rem 0 0.5rem; border-bottom: 2px solid #222; }}
h3 {{ font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }}
h4 {{ font-size: 1rem; margin: 0.8rem 0 0.3rem; }}
table.data {{ border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.9rem; }}
table.data th, table.data td {{ border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left;
  vertical-align: top; }}
table.data th {{ background: #eee; }}
table.data caption {{ text-align: left; font-size: 0.85rem; color: #333; padding: 0.2rem 0; }}
span.num {{ display: block; text-align: right; font-variant-numeric: tabular-nums; }}
table.docs td:nth-child(2) {{ min-width: 14rem; }}
.wide {{ overflow-x: auto; }}
.muted {{ color: #555; }}
.small-n {{ display: inline-block; border: 1px solid #8a1c00; color: #8a1c00; border-radius: 3px;
  padding: 0 0.3rem; font-size: 0.8rem; margin-left: 0.3rem; }}
.caveat {{ border-left: 4px solid #8a1c00; background: #fbf3ef; padding: 0.4rem 0.7rem; margin: 0.5rem 0; }}
.meta {{ font-size: 0.85rem; color: #444; }}
#filters {{ position: sticky; top: 0; background: #f4f4f4; border: 1px solid #ccc; padding: 0.5rem 0.8rem;
  display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: center; z-index: 1; }}
#filters label {{ font-weight: 600; }}
#filters select {{ font: inherit; margin-left: 0.3rem; max-width: 24rem; }}
section.meeting {{ border-top: 1px solid #999; margin-top: 1.6rem; }}
section {{ scroll-margin-top: 4.5rem; }}
.columns {{ display: grid; grid-template-columns: repeat(auto-fit, minmax({COLUMN_MIN}, 1fr)); gap: 1.2rem; }}
.side-column h4 {{ border-bottom: 3px solid #000; }}
.side-column[data-side="us"] h4 {{ border-bottom-color: #0072B2; }}
.side-column[data-side="china"] h4 {{ border-bottom: 3px dashed #D55E00; }}
ol.statements {{ padding-left: 1.6rem; margin: 0.3rem 0; }}
li.statement {{ margin: 0 0 0.8rem; line-height: 1.7; }}
.source {{ display: block; font-size: 0.8rem; color: #444; line-height: 1.4; }}
figure {{ margin: 1rem 0; }}
figure img {{ max-width: 100%; height: auto; border: 1px solid #ddd; }}
figcaption {{ font-size: 0.85rem; color: #333; }}
details {{ margin: 0.4rem 0 1rem; }}
summary {{ cursor: pointer; }}
@media print {{ #filters {{ display: none !important; }} }}
"""

#: The page's only script (vanilla JavaScript, no library): the filters.
SCRIPT = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var meeting = document.getElementById("filter-meeting");
  var side = document.getElementById("filter-side");
  var category = document.getElementById("filter-category");
  var count = document.getElementById("filter-count");
  function hasToken(list, token) {
    return (" " + (list || "") + " ").indexOf(" " + token + " ") !== -1;
  }
  function apply() {
    var m = meeting.value, s = side.value, c = category.value, shown = 0, total = 0;
    var sections = document.querySelectorAll("section.meeting");
    Array.prototype.forEach.call(sections, function (section) {
      var visible = 0;
      var items = section.querySelectorAll("li.statement");
      Array.prototype.forEach.call(items, function (item) {
        var ok = (m === "all" || item.getAttribute("data-meeting") === m) &&
                 (s === "all" || item.getAttribute("data-side") === s) &&
                 (c === "all" || hasToken(item.getAttribute("data-cats"), c));
        item.hidden = !ok;
        total += 1;
        if (ok) { visible += 1; }
      });
      var columns = section.querySelectorAll(".side-column");
      Array.prototype.forEach.call(columns, function (column) {
        column.hidden = s !== "all" && column.getAttribute("data-side") !== s;
      });
      section.hidden = (m !== "all" && section.getAttribute("data-meeting") !== m) || visible === 0;
      shown += visible;
    });
    count.textContent = shown + " of " + total + " statements shown";
  }
  [meeting, side, category].forEach(function (control) {
    control.addEventListener("change", apply);
  });
  bar.hidden = false;
  apply();
}());
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source expression (``'sha256-…'``) that allows exactly ``script``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(script: str = SCRIPT) -> str:
    """The Content-Security-Policy of the page: its own script and styles, ``data:`` images, nothing fetched."""
    return (f"default-src 'none'; script-src {script_hash(script)}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")
