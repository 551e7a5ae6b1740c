"""Present: figures (with the project style) and highlighted spans as HTML."""
