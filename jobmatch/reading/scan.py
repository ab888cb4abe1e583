"""Regular expressions run only near their keywords: the same matches as a scan of the whole text,
for a fraction of the cost.

Python's ``re`` tries a pattern at every position of a text unless the pattern opens with a plain
character, and most of the reading's patterns open with ``\\b`` or an optional group. But each one
can only match where one of a few words stands ("bachelor", "remote", "year"), and each match is
at most so many characters long (every quantifier is bounded). So the text is searched for those
words first (``str.find``, in C), and the pattern runs only in the windows around them: a match
holds a keyword, so it lies within its reach of one, and windows that overlap are merged, so no
match can cross from one window into the next. The matches are therefore the ones a scan of the
whole text would find, in the same order.

The keywords given with a pattern must be such that every match contains one of them (in lower
case); ``tests/test_scan.py`` checks that for each pattern on realistic text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _parser  # type: ignore[attr-defined]

__all__ = ["anchors", "finditer_near", "longest", "lower_or_none", "search_near"]

# how far a window reaches beyond a match's end, for lookaheads; patterns longer than this
# many characters are scanned whole
_MAX_REACH = 1000
# characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map to it
_ODD_CASES = ("ı", "ſ")
_reach_of: dict[re.Pattern[str], tuple[int, int] | None] = {}


def _lookaround_width(items: object) -> int:
    """The longest stretch any lookahead or lookbehind inside a parsed pattern can look at."""
    widest = 0
    if isinstance(items, _parser.SubPattern):
        for op, value in items.data:
            if op in (_parser.ASSERT, _parser.ASSERT_NOT):
                widest = max(widest, value[1].getwidth()[1], _lookaround_width(value[1]))
            elif isinstance(value, (tuple, list)):
                widest = max(widest, *(_lookaround_width(v) for v in value), 0)
    elif isinstance(items, (tuple, list)):
        widest = max([0, *(_lookaround_width(v) for v in items)])
    return widest


def _reach(regex: re.Pattern[str]) -> tuple[int, int] | None:
    """The longest match ``regex`` can make and the farthest its lookarounds read past it; None
    when unbounded (or too long to gain from)."""
    if regex not in _reach_of:
        parsed = _parser.parse(regex.pattern, regex.flags)
        # a word boundary or line end at a match's edge reads one character beyond it
        longest, around = parsed.getwidth()[1], _lookaround_width(parsed) + 1
        _reach_of[regex] = (longest, around) if longest + around <= _MAX_REACH else None
    return _reach_of[regex]


def longest(pattern: str, flags: int = 0) -> int:
    """The most characters a match of ``pattern`` can span."""
    return int(_parser.parse(pattern, flags).getwidth()[1])


def lower_or_none(text: str) -> str | None:
    """``text`` in lower case with every character where it was, or None when lowering would
    move characters or miss a case-insensitive match (then windows cannot be found by keyword)."""
    lower = text.lower()
    if len(lower) != len(text) or any(odd in lower for odd in _ODD_CASES):
        return None
    return lower


def anchors(lower: str, keywords: Iterable[str]) -> list[int]:
    """Where any of ``keywords`` starts in ``lower``, sorted."""
    found: list[int] = []
    for word in keywords:
        i = lower.find(word)
        while i >= 0:
            found.append(i)
            i = lower.find(word, i + 1)
    found.sort()
    return found


def _windows(length: int, starts: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches [at - before, at + after) around each start."""
    windows: list[tuple[int, int]] = []
    for at in starts:
        left, right = max(0, at - before), min(length, at + after)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def finditer_near(
    regex: re.Pattern[str],
    text: str,
    keywords: Iterable[str],
    *,
    lower: str | None = None,
    case_keywords: Iterable[str] = (),
    before: int | None = None,
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, searching only around ``keywords`` (lower case; every match must
    hold one) and ``case_keywords`` (matched as written: "MS", "BA"). ``lower`` is
    ``lower_or_none(text)`` when the caller has it; ``before`` bounds how far before the keyword
    a match can start, when that is known to be less than its whole length."""
    reach = _reach(regex)
    if lower is None:
        lower = lower_or_none(text)
    if reach is None or lower is None:
        yield from regex.finditer(text)
        return
    starts = anchors(lower, keywords)
    if case_keywords:
        starts = sorted(starts + anchors(text, case_keywords))
    longest, around = reach
    for left, right in _windows(len(text), starts, longest if before is None else before, longest + around):
        yield from regex.finditer(text, left, right)


def search_near(
    regex: re.Pattern[str],
    text: str,
    keywords: Iterable[str],
    *,
    lower: str | None = None,
    case_keywords: Iterable[str] = (),
) -> re.Match[str] | None:
    """``regex.search(text)``, searching only around ``keywords`` (see ``finditer_near``)."""
    return next(finditer_near(regex, text, keywords, lower=lower, case_keywords=case_keywords), None)
