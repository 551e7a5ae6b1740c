"""Kept so that ``python -m analysis.exercises`` and ``from analysis.exercises import ...`` go on working:
the code lives in :mod:`analysis.teach.exercises`."""
import sys

from analysis.teach.exercises import *  # noqa: F401,F403  (the public names of the real module)
from analysis.teach.exercises import main

if __name__ == "__main__":
    sys.exit(main())
