"""Compare: statements of each side, the meeting × side table, distinctive terms,
keyword in context, vectors and the statistics behind the intervals.

Works on frames (one row per unit); imports no earlier stage's internals.
"""
