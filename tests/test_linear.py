"""Reading time grows in proportion to the text, whatever the text repeats (issue 15).

Long runs of the tokens the readers key on (skill names, separators, "or", degrees, years,
currency, brackets, dashes, whitespace of every kind, bullets) once made a regular expression or
a per-mention scan take time that grew with the square of the text, or worse. Each family is read
at two sizes; doubling the text may at most roughly double the time. No absolute seconds: the
ratio holds on a slow machine as on a fast one.
"""

from __future__ import annotations

import time

import pytest

FAMILIES = {
    "skill then space": "C++ ",
    "degrees joined by or": "Bachelor's or Master's or ",
    "en dashes": "–",
    "plus signs": "+",
    "open brackets": "(",
    "blank lines": "\n\n",
    "spaces": " ",
    "comma list": "Python, ",
    "slash list": "Java/",
    "one of": "one of Python,",
    "years of": "5+ years of ",
    "no-break spaces": "\xa0",
    "tabs and returns": "\t\r\n",
    "bullets": "• Go\n",
    "salary ranges": "$120,000 - $140,000 a year ",
    "digits": "1,000",
    "capitalised words": "Senior Hospital Remote ",
    "spaced dashes": " – Python",
    "headers": "Requirements:\n",
    "or chains": "Go or Rust or ",
}


def _seconds(extractor, text: str) -> float:
    """The best of five readings of ``text``, every field: less noise on a shared machine (a busy
    machine only ever adds time, so the best reading is the one to compare)."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        extractor.extract(text).to_dict()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", FAMILIES.values(), ids=FAMILIES.keys())
def test_doubling_the_text_at_most_roughly_doubles_the_time(extractor, unit):
    # grow the text until it takes long enough to time, then read it and twice it
    text = unit * (2_000 // len(unit) + 1)
    while _seconds(extractor, text) < 0.03 and len(text) < 64_000:
        text *= 2
    once, twice = _seconds(extractor, text), _seconds(extractor, text * 2)
    assert twice < 3.5 * once + 0.02, f"{unit!r}: {once:.3f}s at {len(text):,} chars, {twice:.3f}s at twice that"
