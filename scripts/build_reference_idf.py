"""Refit models/reference_idf.json: the IDF of skill ids over the bundled sample postings.

    python scripts/build_reference_idf.py

Run it after the taxonomy or the sample postings change; tests check the file is current enough
(every skill the samples ask for has a value).
"""

from __future__ import annotations

import json
from pathlib import Path

from jobmatch import Posting, SkillExtractor, load_postings
from jobmatch.score import build_reference_idf

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    postings = [p for p in load_postings([str(ROOT / "sample_listings")]) if isinstance(p, Posting)]
    extractions = list(SkillExtractor().pipe(postings))
    data = build_reference_idf(extractions)
    out = ROOT / "models" / "reference_idf.json"
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(data['idf'])} skills over {data['n_postings']} postings")


if __name__ == "__main__":
    main()
