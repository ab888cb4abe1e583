"""jobmatch's bundled data: the skill taxonomy and the context rules (see NOTE.md)."""
