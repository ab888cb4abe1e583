"""Realistic postings by the thousand for the Dask tests and benchmark, made from sample_listings/.

Each is a posting of one of the samples as a job board would carry a variant of it: a title with
or without a rank, some of its sections with some of their lines, a place and a salary line of its
own, a date, sometimes HTML or Windows line endings. Nothing comes from outside the repository.
"""

from __future__ import annotations

import html
import random
import re
from functools import lru_cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_listings"

_RANKS = ["", "", "Senior ", "Junior ", "Lead ", "Staff ", "Principal ", "Entry-level "]
_PLACES = [
    ("Austin, TX", "On-site in Austin, TX"),
    ("London, UK", "Hybrid: three days a week in our London office"),
    ("Remote", "Fully remote (US time zones)"),
    ("Berlin, Germany", "Hybrid, Berlin"),
    ("Toronto, ON", "On-site, Toronto"),
    ("Chicago, IL", "Remote within the US or hybrid in Chicago"),
    ("Bengaluru, India", "Work from our Bengaluru office"),
    ("Sydney, Australia", "Hybrid in Sydney"),
]
_PAY = [
    "Salary: $95,000 – $120,000 per year",
    "Pay: £45,000 - £55,000 a year",
    "€60.000–€75.000 per annum",
    "$38 – $46 per hour",
    "Compensation: competitive, plus equity",
    "",
]
_HEADER = re.compile(r"^[A-Z][A-Za-z' &/,()-]{2,60}:?$")


@lru_cache(maxsize=1)
def _samples() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each sample's title and its sections: (header, lines)."""
    out = []
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        title = next(line.strip("# ") for line in lines if line)
        sections: list[tuple[str, list[str]]] = []
        for line in lines[1:]:
            if not line:
                continue
            bare = line.strip("#* ")
            if _HEADER.match(bare) and len(bare.split()) <= 6:
                sections.append((bare, []))
            elif sections:
                sections[-1][1].append(line)
        sections = [(header, body) for header, body in sections if body]
        if sections:
            out.append((title, sections))
    return out


def realistic_posting(rng: random.Random, number: int) -> dict:
    """One posting as a JSON object: id, title, text, datePosted and sometimes location."""
    title, sections = rng.choice(_samples())
    title = rng.choice(_RANKS) + re.sub(r"^(Senior|Junior|Lead|Staff|Principal)\s+", "", title, flags=re.I)
    place, place_line = rng.choice(_PLACES)
    parts = [title, place_line]
    pay = rng.choice(_PAY)
    if pay:
        parts.append(pay)
    chosen = sorted(rng.sample(range(len(sections)), k=min(len(sections), rng.randint(2, 3))))
    for index in chosen:
        header, body = sections[index]
        start = rng.randrange(max(1, len(body) - 3))
        parts.append(header + "\n" + "\n".join(body[start : start + rng.randint(2, 5)]))
    text = "\n\n".join(parts)
    style = rng.random()
    if style < 0.1:  # an HTML description, as career sites send them
        text = "".join(f"<p>{html.escape(block)}</p>".replace("\n", "<br>") for block in text.split("\n\n"))
    elif style < 0.15:
        text = text.replace("\n", "\r\n")
    posting = {
        "id": f"gen-{number}",
        "text": text,
        "datePosted": f"2025-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
    }
    if rng.random() < 0.85:
        posting["title"] = title
    if rng.random() < 0.5:
        posting["location"] = place
    return posting


def realistic_postings(count: int, seed: int = 14) -> list[dict]:
    """``count`` postings, the same for the same seed."""
    rng = random.Random(seed)
    return [realistic_posting(rng, number) for number in range(count)]


def test_postings_are_varied_and_drawn_from_every_sample():
    postings = realistic_postings(400)
    assert len({p["text"] for p in postings}) == len(postings)
    titles = {p["text"].split("\n")[0] for p in postings if not p["text"].startswith("<p>")}
    assert len(titles) > 40
    assert sum(p["text"].startswith("<p>") for p in postings) > 10
    assert len({p["text"].split("\n")[0].removeprefix("Senior ") for p in postings}) >= len(_samples())
    assert 300 < sum(len(p["text"]) for p in postings) / len(postings) < 1500
