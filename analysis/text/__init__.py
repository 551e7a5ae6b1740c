"""Text: the corpus format and its validation, cleaning, sentences and tokens.

Imports nothing from the later stages (measure, compare, present, teach).
"""
