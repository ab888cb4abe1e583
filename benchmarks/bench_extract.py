"""Speed of SkillExtractor next to spaCy's blank English tokenizer on the same texts, in one run.

    python benchmarks/bench_extract.py [--docs 600] [--repeat 5] [--jobs 2]

Two sets of postings, each cycled to --docs documents:

* realistic: postings as scraped pages give them (line breaks everywhere, bullets, non-breaking
  spaces, blocks glued together). Real ones from ../shared/eval/rank_dev/postings.jsonl when that
  file is present (read at run time, never copied), else the bundled samples made scraped-like.
* clean: the bundled sample postings as written.

For each: spaCy's tokenizer (the reference), skills only (``SkillExtractor.pipe``), and every
structure field read too (``to_dict()``), as docs/second and as a ratio to the reference, best of
--repeat passes over the same texts (the tokenizers' chunk caches filled, as in a long batch).
Targets (issue 10): skills only >= 1.0x, every field >= 0.4x on realistic postings.

Then "first sight": every distinct realistic posting read once, in a fresh process for each of the
three (nothing cached but jobmatch's compiled patterns), as a one-off batch of new postings is.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
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
    texts = _realistic_texts()
    where = (
        f"{len(texts)} real scraped postings ({REAL.name})"
        if REAL.is_file()
        else f"{len(texts)} bundled samples made scraped-like"
    )
    return where, list(itertools.islice(itertools.cycle(texts), n))


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _first_sight(what: str) -> None:
    """Child process: read every distinct realistic posting once; print the seconds taken."""
    texts = list(dict.fromkeys(_realistic_texts()))
    if what == "reference":
        import spacy

        nlp = spacy.blank("en")
        print(_time(lambda: [len(d) for d in nlp.tokenizer.pipe(texts)]))
        return
    from jobmatch import SkillExtractor

    ex = SkillExtractor()
    ex.extract("Python")  # the pipeline built (the matcher made whole on a second text)
    ex.extract("SQL")
    if what == "skills":
        print(_time(lambda: [len(e.skills) for e in ex.pipe(texts)]))
    else:
        print(_time(lambda: [e.to_dict() for e in ex.pipe(texts)]))


def _realistic_texts() -> list[str]:
    if REAL.is_file():
        with REAL.open(encoding="utf-8") as f:
            return [t for line in f if isinstance(t := json.loads(line).get("text"), str) and t.strip()]
    return [_scraped(t, i) for i, t in enumerate(_samples())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=0, help="also time pipe(n_process=JOBS)")
    parser.add_argument("--first-sight", choices=("reference", "skills", "full"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_sight:
        _first_sight(args.first_sight)
        return

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

    distinct = len(dict.fromkeys(_realistic_texts()))
    best = {what: float("inf") for what in ("reference", "skills", "full")}
    for _ in range(max(1, args.repeat // 2)):  # fresh processes, interleaved, best of each
        for what in best:
            out = subprocess.run(
                [sys.executable, __file__, "--first-sight", what], capture_output=True, text=True, check=True
            )
            best[what] = min(best[what], float(out.stdout.split()[-1]))
    ref = best["reference"]
    print(f"\nfirst sight: each of {distinct} distinct realistic postings once, in a fresh process")
    print(f"  spacy.blank('en') tokenizer      : {distinct / ref:8.1f} docs/s  (reference)")
    print(f"  skills only (pipe)               : {distinct / best['skills']:8.1f} docs/s  {ref / best['skills']:.2f}x")
    print(f"  every field (pipe + to_dict)     : {distinct / best['full']:8.1f} docs/s  {ref / best['full']:.2f}x")


if __name__ == "__main__":
    main()
