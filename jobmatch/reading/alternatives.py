"""Groups of skills of which any one satisfies the posting: "PyTorch or TensorFlow"."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .scan import Regex

__all__ = ["find_alternatives"]

# gaps between two mentions; a list's gap is short, so longer ones are never looked at
_MAX_GAP = 24
_OR_GAP_RE = Regex(r"\s*,?\s*(?:or|and/or|\|)\s*", re.IGNORECASE)
_SLASH_GAP_RE = Regex(r"\s*/\s*")
_COMMA_GAP_RE = Regex(r"\s*,\s*")
_ONE_OF_RE = Regex(
    r"\b(?:one of|either|any of|any one of|one or more of|at least one of)\s*(?:the following\s*)?:?\s*$"
)


def _gap_kind(gap: str) -> str | None:
    if len(gap) > _MAX_GAP:
        return None
    if _OR_GAP_RE.fullmatch(gap):
        return "or"
    if _SLASH_GAP_RE.fullmatch(gap):
        return "/"
    if _COMMA_GAP_RE.fullmatch(gap):
        return ","
    return None


def find_alternatives(
    text: str, mentions: Sequence[tuple[int, int, str]], categories: Mapping[str, str]
) -> tuple[tuple[str, ...], ...]:
    """Groups of skills of which any one satisfies the posting: "PyTorch or TensorFlow",
    "AWS, GCP or Azure", "Java/Kotlin", "one of Python, Go, Rust". ``mentions`` are
    (start, end, skill id) in text order."""
    groups: list[tuple[str, ...]] = []
    chain: list[tuple[int, int, str]] = []
    gaps: list[str] = []
    has_or = False

    def close() -> None:
        ids = tuple(dict.fromkeys(m[2] for m in chain))
        if len(ids) >= 2:
            kinds = set(gaps)
            intro = text[max(0, chain[0][0] - 40) : chain[0][0]].lower()
            if (
                "or" in kinds
                or (kinds == {"/"} and len({categories.get(i) for i in ids}) == 1)
                or (kinds and kinds <= {",", "or"} and _ONE_OF_RE.search(intro))
            ):
                groups.append(ids)

    for mention in mentions:
        if chain:
            kind = _gap_kind(text[chain[-1][1] : mention[0]]) if mention[0] - chain[-1][1] <= _MAX_GAP else None
            if kind == "," and has_or:
                # "pandas or Polars, NumPy, scikit-learn": the list goes on after the choice
                close()
                chain, gaps, has_or = [mention], [], False
                continue
            if kind is not None:
                chain.append(mention)
                gaps.append(kind)
                has_or = has_or or kind == "or"
                continue
            close()
        chain, gaps, has_or = [mention], [], False
    if chain:
        close()
    return tuple(dict.fromkeys(groups))
