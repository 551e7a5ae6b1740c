"""``python -m analysis``: the command line (see :mod:`analysis.cli`)."""
import sys


def _run() -> int:
    try:
        from analysis.cli import main  # pandas and friends load here: Ctrl-C may come now too

        return main()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(_run())
