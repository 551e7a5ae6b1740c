"""Figure files that are the same byte for byte on every run: PNG, SVG and PDF."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

import matplotlib as mpl
from matplotlib.figure import Figure

from analysis.output import write_bytes_atomic
from analysis.paths import FIGURE_DIR
from analysis.present.figures.style import style_context

# FIGURE_DIR: the project's figures/ folder, the default wherever the code runs from
# (a notebook's kernel starts in notebooks/, so a relative "figures" would land there).

#: Metadata that would differ between runs (dates) is left out; the rest is fixed.
SAVE_METADATA: dict[str, dict] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "framing-lab (matplotlib)"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "framing-lab",
            "Producer": "matplotlib"},
}
#: rcParams fixed while saving, whatever the user's matplotlibrc says: a fixed SVG id salt,
#: text as paths in SVG and embedded TrueType in PDF (same look everywhere), white background.
SAVE_RC = {"svg.hashsalt": "framing-lab", "svg.fonttype": "path", "pdf.fonttype": 42,
           "pdf.compression": 6, "savefig.facecolor": "white", "savefig.transparent": False,
           "savefig.bbox": None, "savefig.pad_inches": 0.1}
FORMATS = ("png", "svg", "pdf")
#: PNG resolution: print quality for papers, also sharp on slides.
DPI = 300


def figure_bytes(fig: Figure, fmt: str, dpi: int = DPI) -> bytes:
    """The file content of ``fig`` in ``fmt`` (png, svg or pdf), reproducible byte for byte.

    Dates are left out of the metadata, the SVG id salt and font settings are
    fixed, and matplotlib's ``SOURCE_DATE_EPOCH`` fallback is never reached (no
    date is requested). The project style (at the size the figure was drawn for)
    is in force while saving, so a personal matplotlibrc changes nothing. PNG is
    rendered with Agg.
    """
    if fmt not in SAVE_METADATA:
        raise ValueError(f"format must be one of {list(SAVE_METADATA)}, got {fmt!r}")
    buf = io.BytesIO()
    with style_context(getattr(fig, "framing_size", "paper")), mpl.rc_context(SAVE_RC):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=dict(SAVE_METADATA[fmt]))
    return buf.getvalue()


def save_figure(fig: Figure, name: str, out_dir: str | Path = FIGURE_DIR, formats: Iterable[str] = FORMATS,
                dpi: int = DPI) -> list[Path]:
    """Write ``fig`` as ``out_dir/name.png`` (``dpi``), ``.svg`` and ``.pdf``; returns the paths.

    Each file is written whole (temporary file, then renamed) and only when its
    content changed, so saving the same figure again changes no byte and no
    modification time.
    """
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"name must be a plain file name without folder or extension, got {name!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        write_bytes_atomic(path, figure_bytes(fig, fmt, dpi), skip_unchanged=True)
        paths.append(path)
    return paths
