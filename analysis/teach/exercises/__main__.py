"""``python -m analysis.teach.exercises build | verify | grade DIR``."""
import sys

from analysis.teach.exercises.cli import main

sys.exit(main())
