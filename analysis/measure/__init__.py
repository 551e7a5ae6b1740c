"""Measure: lexicons, sentiment, stance, attribution and the scores of each sentence.

Imports from :mod:`analysis.text` only.
"""
