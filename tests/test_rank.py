"""Batch ranking, skill gaps and the learning plan, on the bundled postings and sample profiles."""

from __future__ import annotations

import csv
import io
import json
import math
import os

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, load_cases

from jobmatch import Posting, load_postings
from jobmatch.cli import cli
from jobmatch.profile import load_profile
from jobmatch.rank import gaps, learning_plan, rank
from jobmatch.score import batch_idf

PROFILES = SAMPLES / "profiles"
CASES = load_cases("ranking.jsonl")


@pytest.fixture(scope="module")
def corpus(extractor):
    postings = [p for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]
    extractions = list(extractor.pipe(postings))
    return list(zip(postings, extractions, strict=True)), batch_idf(extractions)


def _ndcg(order: list[str], grades: dict[str, int], k: int = 10) -> float:
    def grade(name: str) -> int:
        return max((g for prefix, g in grades.items() if name.startswith(prefix)), default=0)

    dcg = sum(grade(name) / math.log2(i + 2) for i, name in enumerate(order[:k]))
    ideal = sorted((grade(name) for name in order), reverse=True)[:k]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_postings_of_the_profiles_role_come_first(extractor, corpus, case):
    postings, idf = corpus
    profile = load_profile(SAMPLES.parent / case["profile"], extractor=extractor)  # TOML profiles and résumés
    order = [r.posting.source.rsplit("/", 1)[1] for r in rank(profile, postings, taxonomy=extractor.taxonomy, idf=idf)]
    assert order[0].startswith(case["first"])
    assert _ndcg(order, case["relevance"]) >= case["min_ndcg10"]


def test_ranking_is_sorted_and_stable(extractor, corpus):
    postings, idf = corpus
    profile = load_profile(PROFILES / "ml-engineer.toml", extractor=extractor)
    ranked = rank(profile, postings, taxonomy=extractor.taxonomy, idf=idf)
    fits = [r.match.fit for r in ranked]
    assert fits == sorted(fits, reverse=True) and [r.score for r in ranked] == [r.match.score for r in ranked]
    assert [
        r.posting.source for r in rank(profile, list(reversed(postings)), taxonomy=extractor.taxonomy, idf=idf)
    ] == [r.posting.source for r in ranked]


def test_gaps_and_a_plan_that_raises_the_scores(extractor, corpus):
    postings, idf = corpus
    profile = load_profile(PROFILES / "ml-engineer.toml", extractor=extractor)
    ranked = rank(profile, postings, taxonomy=extractor.taxonomy, idf=idf)
    found = gaps(ranked, top=10)
    assert len(found) == 10
    assert [g.importance for g in found] == sorted((g.importance for g in found), reverse=True)
    assert not {g.id for g in found} & set(profile.skills)
    assert all(g.listings >= g.required + g.preferred for g in found)
    plan = learning_plan(profile, ranked, taxonomy=extractor.taxonomy, idf=idf, threshold=50)
    assert 1 <= len(plan) <= 3
    assert len({s.id for s in plan}) == len(plan) and not {s.id for s in plan} & set(profile.skills)
    assert all(step.mean_gain > 0 for step in plan)
    assert [s.over_threshold for s in plan] == sorted(s.over_threshold for s in plan)


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_rank_formats_top_and_min_score():
    profile = str(PROFILES / "backend-java.toml")
    data = json.loads(_run("rank", str(SAMPLES), "--profile", profile, "--format", "json", "--top", "5").stdout)
    assert len(data) == 5 and data[0]["source"].rsplit("/", 1)[1].startswith("backend-java-")
    assert set(data[0]) == {"source", "title", "score", "fit", "matched", "missing"} and len(data[0]["missing"]) <= 5
    assert [d["fit"] for d in data] == sorted((d["fit"] for d in data), reverse=True)
    rows = list(csv.reader(io.StringIO(_run("rank", str(SAMPLES), "--profile", profile, "--format", "csv",
                                            "--min-score", "30").stdout)))  # fmt: skip
    assert rows[0] == ["rank", "fit", "score", "title", "source", "matched", "missing"]
    assert rows[1:] and all(float(row[2]) >= 30 for row in rows[1:])
    table = _run("rank", str(SAMPLES), "--profile", profile, "--top", "3").stdout
    # 80 columns: file names stay whole under the folder they share, named once below the table
    assert "backend-java-saltmarsh.txt" in table and "missing" in table
    assert "sample_listings/" not in table.split("\n")[1]
    assert "sources in" in table


def test_table_sources_shorten_only_under_a_shared_folder():
    from jobmatch.cli import _short_sources

    folder = os.path.join("saved", "jobs")
    paths = [os.path.join(folder, "a.txt"), os.path.join(folder, "2026", "b.html")]
    assert _short_sources(paths) == (["a.txt", os.path.join("2026", "b.html")], folder + os.sep)
    assert _short_sources([paths[0]]) == ([paths[0]], "")  # one posting: nothing to factor out
    mixed = [paths[0], "https://jobs.example.com/1"]
    assert _short_sources(mixed) == (mixed, "")  # a URL is never cut
    assert _short_sources(["a.txt", "b.txt"]) == (["a.txt", "b.txt"], "")  # no folder in common


def test_gaps_json_and_a_bad_posting_among_many(tmp_path):
    (tmp_path / "good.txt").write_text("Backend engineer: Java, Spring Boot, Kafka and Terraform.", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    result = _run("gaps", str(tmp_path), "--profile", str(PROFILES / "backend-java.toml"), "--format", "json")
    assert result.exit_code == 2 and "bad.json: invalid JSON" in result.stderr
    data = json.loads(result.stdout)
    assert data["postings"] == 1 and data["gaps"][0]["id"] == "terraform"
    assert data["learn_next"][0]["id"] == "terraform"


def test_a_cached_extraction_scores_exactly_like_a_fresh_one(extractor, corpus):
    from jobmatch.extract import Extraction

    postings, idf = corpus
    profile = load_profile(PROFILES / "data-analyst.toml", extractor=extractor)
    for posting, fresh in postings:
        data = json.loads(json.dumps(fresh.to_cache()))  # as the store keeps it
        cached = Extraction.from_cache(posting.text, data, extractor.taxonomy, posting.meta)
        assert cached == fresh  # text, skills and mentions
        assert [(s.required, s.boilerplate, s.years) for s in cached.skills] == [
            (s.required, s.boilerplate, s.years) for s in fresh.skills
        ]
        assert cached.alternatives == fresh.alternatives and cached.years == fresh.years
        assert cached.salary == fresh.salary  # fields the cache did not keep are read again
        from jobmatch.score import match

        a = match(profile, cached, taxonomy=extractor.taxonomy, idf=idf)
        b = match(profile, fresh, taxonomy=extractor.taxonomy, idf=idf)
        assert a == b


def test_re_ranking_saved_postings_never_extracts_them_again(tmp_path, monkeypatch):
    import jobmatch.extract
    from jobmatch.store import Store

    db = str(tmp_path / "j.db")
    profile = str(PROFILES / "ml-engineer.toml")
    assert _run("save", str(SAMPLES), "--db", db).exit_code == 0
    first = json.loads(_run("rank", "--saved", "--db", db, "--profile", profile, "--format", "json").stdout)
    with Store(db) as store:
        version = jobmatch.extract.SkillExtractor().taxonomy.extraction_version
        assert len(store.cached_extractions(version)) == len(first) == 36

    def no_extraction(*args, **kwargs):
        raise AssertionError("re-ranking ran the extractor")

    monkeypatch.setattr(jobmatch.extract.SkillExtractor, "_from_doc", no_extraction)
    again = json.loads(_run("rank", "--saved", "--db", db, "--profile", profile, "--format", "json").stdout)
    assert again == first


def test_a_taxonomy_change_invalidates_the_cached_extractions(tmp_path):
    from jobmatch.store import Store

    with Store(tmp_path / "j.db") as store:
        store.cache_extractions("v1", {"a": {"x": 1}, "b": {"x": 2}})
        assert set(store.cached_extractions("v1")) == {"a", "b"}
        assert store.cached_extractions("v2") == {}
        store.cache_extractions("v2", {"a": {"x": 3}})
        assert store.cached_extractions("v1") == {}  # pruned: v1 is no longer the taxonomy
        assert store.cached_extractions("v2") == {"a": {"x": 3}}


def test_the_quick_score_a_batch_ranks_by_is_the_explained_score(extractor, corpus):
    from jobmatch.score import CreditBook, asks_of, match_asks, quick_fit

    postings, idf = corpus
    for name in ("ml-engineer.toml", "data-analyst.toml", "backend-java.toml"):
        profile = load_profile(PROFILES / name, extractor=extractor)
        book = CreditBook(profile, extractor.taxonomy)
        for _, extraction in postings:
            asks = asks_of(extraction)
            explained = match_asks(profile, asks, taxonomy=extractor.taxonomy, idf=idf, credits=book)
            assert quick_fit(asks, idf=idf, credits=book) == (explained.score, explained.fit)


def test_a_posting_asking_three_things_you_know_ranks_below_postings_of_your_trade(extractor, corpus):
    postings, _ = corpus
    thin = Posting(
        text="Junior Python Developer\nSmall software house looking for a junior Python developer to maintain "
        "internal tools. You should know Python and SQL and be comfortable with Git.",
        source="thin-python-developer.txt",
    )
    batch = [*postings, (thin, extractor.extract(thin))]
    resume = load_profile(SAMPLES.parent / "sample_resumes" / "data-scientist.txt", extractor=extractor)
    ranked = rank(resume, batch, taxonomy=extractor.taxonomy, idf=batch_idf([e for _, e in batch]))
    by_source = {r.posting.source.rsplit("/", 1)[-1]: r for r in ranked}
    assert by_source["thin-python-developer.txt"].score == 100  # the résumé meets all three asks...
    order = list(by_source)
    scientists = [i for i, name in enumerate(order) if name.startswith("data-scientist")]
    assert max(scientists) < order.index("thin-python-developer.txt")  # ...yet every data-science posting fits better
