"""Teach: the notebook runner and the exercises (build, checks, grading)."""
