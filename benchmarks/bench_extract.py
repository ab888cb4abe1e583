"""Speed of SkillExtractor next to spaCy's blank English tokenizer on the same texts, in one run.

    python benchmarks/bench_extract.py [--docs 600] [--repeat 5] [--jobs 2]

Two sets of postings, each cycled to --docs documents:

* realistic: postings as scraped pages give them (line breaks everywhere, bullets, non-breaking
  spaces, blocks glued together). Real ones from ../shared/eval/rank_dev/postings.jsonl when that
  file is present (read at run time, never copied), else the bundled samples made scraped-like.
* clean: the bundled sample postings as written.

For each: spaCy's tokenizer (the reference), skills only (``SkillExtractor.pipe``), and every
structure field read too (``to_dict()``), as docs/second and as a ratio to the reference.
Targets (issue 10): skills only >= 1.0x, every field >= 0.4x on realistic postings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "eval" / "rank_dev" / "postings.jsonl"


def _samples() -> list[str]:
    from jobmatch.sources import load_postings

    return [p.text for p in load_postings([str(ROOT / "sample_listings")]) if not isinstance(p, Exception)]


def _scraped(text: str, seed: int) -> str:
    """A clean posting as a scraper gives it: bullets as "•", no-break spaces after sentences,
    a lone line break after the title, and some blocks glued to the next one."""
    text = re.sub(r"(?m)^\s*[-*]\s+", "• ", text)
    text = text.replace(". ", ".\xa0", seed % 3 + 1)
    lines = text.split("\n")
    glued = [line + ("" if i % (seed % 4 + 3) == 2 else "\n") for i, line in enumerate(lines)]
    return "".join(glued).replace("\n", "\n\n", 2)


def _realistic(n: int) -> tuple[str, list[str]]:
    if REAL.is_file():
        with REAL.open(encoding="utf-8") as f:
            texts = [t for line in f if isinstance(t := json.loads(line).get("text"), str) and t.strip()]
        where = f"{len(texts)} real scraped postings ({REAL.name})"
    else:
        texts = [_scraped(t, i) for i, t in enumerate(_samples())]
        where = f"{len(texts)} bundled samples made scraped-like"
    return where, list(itertools.islice(itertools.cycle(texts), n))


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0, help="also time pipe(n_process=JOBS)")
    args = parser.parse_args()

    import spacy

    from jobmatch import SkillExtractor

    start = time.perf_counter()
    ex = SkillExtractor()
    build = time.perf_counter() - start
    nlp = spacy.blank("en")
    print(f"pipeline build (first SkillExtractor in a process): {build:.2f} s; taxonomy: {len(ex.taxonomy)} skills")

    where, realistic = _realistic(args.docs)
    clean = list(itertools.islice(itertools.cycle(_samples()), args.docs))
    for label, texts in ((f"realistic: {where}", realistic), ("clean: bundled samples", clean)):
        n = len(texts)
        words = sum(len(t.split()) for t in texts) / n
        tok = skills = full = float("inf")
        for _ in range(args.repeat):  # interleaved, best of --repeat each: noise hits all alike
            tok = min(tok, _time(lambda texts=texts: [len(d) for d in nlp.tokenizer.pipe(texts)]))
            skills = min(skills, _time(lambda texts=texts: [len(e.skills) for e in ex.pipe(texts)]))
            full = min(full, _time(lambda texts=texts: [e.to_dict() for e in ex.pipe(texts)]))
        print(f"\n{label}; {n} docs, {words:.0f} words on average")
        print(f"  spacy.blank('en') tokenizer      : {n / tok:8.1f} docs/s  (reference)")
        print(f"  skills only (pipe)               : {n / skills:8.1f} docs/s  {tok / skills:.2f}x  (target >= 1.0x)")
        print(f"  every field (pipe + to_dict)     : {n / full:8.1f} docs/s  {tok / full:.2f}x  (target >= 0.4x)")
        if args.jobs > 1:
            par = _time(lambda texts=texts: [e.to_dict() for e in ex.pipe(texts, n_process=args.jobs, batch_size=32)])
            print(f"  every field, n_process={args.jobs}      : {n / par:8.1f} docs/s  {tok / par:.2f}x")


if __name__ == "__main__":
    main()
