"""Kept so that ``python -m analysis.notebooks`` and ``from analysis.notebooks import ...`` go on working:
the code lives in :mod:`analysis.teach.notebooks`."""
import sys

from analysis.teach.notebooks import *  # noqa: F401,F403  (the public names of the real module)
from analysis.teach.notebooks import main

if __name__ == "__main__":
    sys.exit(main())
