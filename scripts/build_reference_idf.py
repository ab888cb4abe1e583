"""Rebuild the reference set: the skill ids of the bundled sample postings
(models/reference_postings.jsonl) and their IDF (models/reference_idf.json).

    python scripts/build_reference_idf.py

Run it after the taxonomy or the sample postings change; tests check the file is current enough
(every skill the samples ask for has a value).
"""

from __future__ import annotations

import json
from pathlib import Path

from jobmatch import Posting, SkillExtractor, load_postings
from jobmatch.score import build_reference

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    postings = [p for p in load_postings([str(ROOT / "sample_listings")]) if isinstance(p, Posting)]
    extractions = list(SkillExtractor().pipe(postings))
    sources = [str(Path(p.source).relative_to(ROOT)) for p in postings]
    reference, idf = build_reference(extractions, sources)
    models = ROOT / "models"
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in reference)
    (models / "reference_postings.jsonl").write_text(lines, encoding="utf-8")
    (models / "reference_idf.json").write_text(json.dumps(idf, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"models/: {len(reference)} reference postings, IDF for {len(idf['idf'])} skills")


if __name__ == "__main__":
    main()
