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
    fits = [r.fit for r in ranked]
    assert fits == sorted(fits, reverse=True) and [r.score for r in ranked] == [r.match.score for r in ranked]
    assert [
        r.posting.source for r in rank(profile, list(reversed(postings)), taxonomy=extractor.taxonomy, idf=idf)
    ] == [r.posting.source for r in ranked]


def test_gaps_and_a_plan_that_raises_the_scores(extractor, corpus):
    postings, idf = corpus
    profile = load_profile(PROFILES / "ml-engineer.toml", extractor=extractor)
    ranked = rank(profile, postings, taxonomy=extractor.taxonomy, idf=idf)
    found = gaps(ranked, taxonomy=extractor.taxonomy, top=10)
    assert len(found) == 10
    assert [g.importance for g in found] == sorted((g.importance for g in found), reverse=True)
    assert not {g.id for g in found} & set(profile.skills)
    assert all(g.listings >= g.required + g.preferred for g in found)
    plan = learning_plan(profile, ranked, taxonomy=extractor.taxonomy, idf=idf, threshold=50).steps
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
    assert set(data[0]) == {
        "source", "title", "fit", "score", "uses", "role", "role_match", "shared", "matched", "partial", "missing"
    }  # fmt: skip
    assert "Java Developer" in data[0]["role"] and data[0]["role_match"] == "target" and data[0]["shared"]
    assert [d["fit"] for d in data] == sorted((d["fit"] for d in data), reverse=True)
    rows = list(csv.reader(io.StringIO(_run("rank", str(SAMPLES), "--profile", profile, "--format", "csv",
                                            "--min-score", "30").stdout)))  # fmt: skip
    assert rows[0] == ["rank", "fit", "score", "uses", "title", "source", "role", "role_match", "shared", "matched",
                       "partial", "missing"]  # fmt: skip
    assert all(";" in row[9] or row[9] == "" or not row[9].isdigit() for row in rows[1:])  # names, not a count
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
        from jobmatch.rank import cache_version

        version = cache_version(jobmatch.extract.SkillExtractor().taxonomy)
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


def test_the_score_the_batch_computes_is_the_explained_score(extractor, corpus):
    postings, idf = corpus
    for name in ("ml-engineer.toml", "data-analyst.toml", "backend-java.toml"):
        profile = load_profile(PROFILES / name, extractor=extractor)
        for r in rank(profile, postings, taxonomy=extractor.taxonomy, idf=idf):
            assert r.score == r.match.score  # the sparse product and the explained match agree, years and groups too


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


def test_gaps_follow_the_fit_and_keep_soft_skills_and_domains_apart(extractor, corpus):
    postings, idf = corpus
    resume = load_profile(SAMPLES.parent / "sample_resumes" / "data-scientist.txt", extractor=extractor)
    assert resume.roles and "data_scientist" in resume.roles
    ranked = rank(resume, postings, taxonomy=extractor.taxonomy, idf=idf)
    found = gaps(ranked, taxonomy=extractor.taxonomy, top=30)
    assert not {g.id for g in found} & {"data_analysis", "statistics", "data_science"}  # the role implies them
    for g in found:
        category = extractor.taxonomy[g.id].category
        expected = {"soft_skills": "soft", "spoken_languages": "soft", "domain": "domain"}.get(category, "skill")
        assert g.kind == expected, g
    plan = learning_plan(resume, ranked, taxonomy=extractor.taxonomy, idf=idf, threshold=60)
    assert plan.steps and all(extractor.taxonomy[s.id].category not in {"soft_skills", "spoken_languages", "domain"}
                              for s in plan.steps)  # fmt: skip
    # each step's count is what a full rescoring of the profile with the skills learnt so far gives
    learnt = resume
    from jobmatch.rank import _with_skill

    for step in plan.steps:
        learnt = _with_skill(learnt, step.id, extractor.taxonomy)
        again = rank(learnt, postings, taxonomy=extractor.taxonomy, idf=idf)
        assert sum(r.score >= 60 for r in again) == step.over_threshold


def test_a_plan_that_lifts_nothing_says_so_and_suggests_a_threshold(tmp_path):
    result = _run("gaps", str(SAMPLES), "--profile", str(SAMPLES.parent / "sample_resumes" / "registered-nurse.txt"),
                  "--threshold", "100", "--format", "json")  # fmt: skip
    data = json.loads(result.stdout)
    assert data["plan_lifts_any"] is False and 0 < data["suggested_threshold"] < 100
    table = _run("gaps", str(SAMPLES), "--profile", str(SAMPLES.parent / "sample_resumes" / "registered-nurse.txt"),
                 "--threshold", "100").stdout  # fmt: skip
    assert "None of these lifts a posting to 100" in table and "try --threshold" in table


def test_gaps_text_wraps_at_words_with_each_plan_step_under_its_number(monkeypatch):
    """In a pipe (80 columns, or $COLUMNS) no line runs over and no word is cut; a step's lines
    stand under its text, not under its number; the table and the plan say the JSON's figures."""
    monkeypatch.setenv("COLUMNS", "60")
    profile = str(PROFILES / "ml-engineer.toml")
    data = json.loads(_run("gaps", str(SAMPLES), "--profile", profile, "--format", "json").stdout)
    text = _run("gaps", str(SAMPLES), "--profile", profile).stdout
    lines = text.splitlines()
    assert lines[0] == f"{data['postings']} postings; {data['over_threshold']} score 70 or more."
    assert all(len(line) <= 60 for line in lines), [line for line in lines if len(line) > 60]
    assert "\x1b[" not in text  # no styles in a pipe
    header = lines[lines.index("Skills you lack, most important first") + 1]
    assert header.split() == ["skill", "importance", "postings", "required", "preferred"]
    first = data["gaps"][0]
    assert lines[lines.index(header) + 1].split()[-4:] == [
        f"{first['importance']:g}",
        str(first["listings"]),
        str(first["required"]),
        str(first["preferred"]),
    ]
    plan = lines[lines.index("Learn next") + 1 :]
    steps = [n for n, line in enumerate(plan) if line.startswith("  1. ") or line.startswith("  2. ")]
    assert len(steps) == 2 and steps[1] > steps[0] + 1, plan  # step 1 takes more than one line at 60 columns
    assert all(line.startswith("     ") and line[5] != " " for line in plan[steps[0] + 1 : steps[1]])
    joined = " ".join(line.strip() for line in plan[steps[0] : steps[1]])
    step = data["learn_next"][0]
    assert joined.startswith(f"1. {step['name']}: +{step['mean_gain']:g} points where you fit best;")


def test_a_saved_batch_reranks_from_its_compact_record_and_follows_every_change(tmp_path, monkeypatch):
    import jobmatch.extract
    from jobmatch.rank import _batch_key, cache_version
    from jobmatch.store import Store
    from jobmatch.taxonomy import load_taxonomy

    db = str(tmp_path / "j.db")
    profile = str(PROFILES / "backend-java.toml")
    assert _run("save", str(SAMPLES), "--db", db).exit_code == 0
    rank_json = ["rank", "--saved", "--db", db, "--profile", profile, "--format", "json"]
    first = json.loads(_run(*rank_json).stdout)
    with Store(db) as store:
        generation = store.generation()
        assert store._db.execute("SELECT count(*) FROM batches").fetchone()[0] == 1  # the record, kept whole
    real_extract = jobmatch.extract.SkillExtractor._from_doc
    monkeypatch.setattr(jobmatch.extract.SkillExtractor, "_from_doc", lambda *a, **k: pytest.fail("extracted"))
    assert json.loads(_run(*rank_json).stdout) == first  # from the record: same order, scores and reasons
    matched = json.loads(_run("match", "--saved", "--db", db, "--profile", profile, "--format", "json").stdout)
    assert {r["source"]: (r["score"], r["fit"]) for r in matched} == {
        r["source"]: (r["score"], r["fit"]) for r in first
    }

    # a new posting changes the store's generation: the record is rebuilt, only the new posting extracted
    monkeypatch.setattr(jobmatch.extract.SkillExtractor, "_from_doc", real_extract)
    extra = tmp_path / "new.txt"
    extra.write_text("Java Developer\n\nJava, Spring Boot and Kafka for a logistics platform.", encoding="utf-8")
    assert _run("save", str(extra), "--db", db).exit_code == 0
    with Store(db) as store:
        assert store.generation() != generation
        # a damaged record under the very key the next rank looks for: read as missing and rebuilt
        store.cache_batch(_batch_key(cache_version(load_taxonomy()), store.generation()), b"not a record")
    again = json.loads(_run(*rank_json).stdout)
    assert len(again) == len(first) + 1 and any(r["source"].endswith("new.txt") for r in again)
    with Store(db) as store:
        posting_id = next(i for i, _, source, _ in store.headers() if source.endswith("new.txt"))
        store.remove(posting_id)
    assert json.loads(_run(*rank_json).stdout) == first  # removed: gone from the ranking too


def test_a_posting_with_windows_line_endings_scores_as_with_unix_ones(tmp_path):
    text = (SAMPLES / "ml-engineer-northwind.md").read_text(encoding="utf-8")
    (tmp_path / "lf.md").write_text(text, encoding="utf-8", newline="\n")
    (tmp_path / "crlf.md").write_text(text, encoding="utf-8", newline="\r\n")
    profile = str(PROFILES / "ml-engineer.toml")
    lf, crlf = (
        json.loads(_run("match", str(tmp_path / name), "--profile", profile, "--format", "json").stdout)
        for name in ("lf.md", "crlf.md")
    )
    assert crlf["score"] == lf["score"] > 0 and crlf["fit"] == lf["fit"]  # CRLF lines once read as boilerplate
    assert [i["id"] for i in crlf["missing"]] == [i["id"] for i in lf["missing"]]


def test_ranking_in_two_processes_ranks_and_caches_what_one_does(tmp_path):
    """--jobs 2 reads every posting whole in the workers (role and the store's rows included)."""
    from jobmatch.rank import cache_version
    from jobmatch.store import Store
    from jobmatch.taxonomy import load_taxonomy

    profile = str(PROFILES / "ml-engineer.toml")
    ranked, cached = {}, {}
    for jobs in ("1", "2"):
        db = str(tmp_path / f"j{jobs}.db")
        assert _run("save", str(SAMPLES), "--db", db).exit_code == 0
        args = ("rank", str(SAMPLES / "ml-engineer-northwind.md"), "--saved", "--db", db, "--profile", profile)
        ranked[jobs] = _run(*args, "--format", "json", "--jobs", jobs).stdout
        with Store(db) as store:
            cached[jobs] = store.cached_extractions(cache_version(load_taxonomy()))
    assert ranked["2"] == ranked["1"] and len(json.loads(ranked["1"])) == 37
    assert cached["2"] == cached["1"] and len(cached["1"]) == 36


def test_the_batch_products_are_those_of_the_dense_matrix(extractor, corpus):
    # rows whose columns come out of order (a later posting reuses earlier columns), an empty
    # posting between, postings asking one thing: each product equals the dense matrix's
    import numpy as np

    from jobmatch.rank import AskMatrix, _asked
    from jobmatch.score import asks_of

    postings, idf = corpus
    asks = [asks_of(e) for _, e in reversed(postings)]
    asks = [*asks[:3], (), *asks[3:], asks[0][:1]]
    matrix = AskMatrix.build(asks, [()] * len(asks))
    dense = np.zeros((len(matrix), len(matrix.columns)))
    for row in range(len(matrix)):
        assert matrix.asks_of(row) == tuple(asks[row])  # the entries read back as they went in
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        dense[row, matrix.indices[start:end]] = matrix.data[start:end]
    weight = np.array([max(idf[i] for i in ids) for ids, _ in matrix.columns])
    asked, total = _asked(matrix, idf)
    vector = np.linspace(0.0, 1.0, len(matrix.columns))
    assert np.allclose(total, (dense * weight).sum(axis=1)) and total[3] == 0
    for weighed in (asked, asked.by_column()):
        assert np.allclose(weighed.dot(vector), (dense * weight) @ vector)
        assert np.allclose(weighed.row_sums(weighed.data**2), ((dense * weight) ** 2).sum(axis=1))
    columns = asked.by_column()
    for row in range(len(matrix)):  # each row in column order, the same entries
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        assert list(columns.indices[start:end]) == sorted(matrix.indices[start:end])


def test_matching_one_posting_imports_no_scipy(tmp_path):
    # scipy.sparse alone costs a one-posting command a sixth of a second of its start-up
    import subprocess
    import sys

    code = (
        "import sys; from jobmatch.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    posting = (SAMPLES / "ml-engineer-northwind.md").read_text(encoding="utf-8")
    args = ["match", "-", "--profile", str(PROFILES / "ml-engineer.toml"), "--format", "json"]
    env = {**os.environ, "JOBMATCH_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], input=posting, capture_output=True, text=True, env=env, check=True
    )
    out, modules = done.stdout.rsplit("\n", 2)[:2]
    assert json.loads(out)["score"] > 0
    assert modules == "[]"


def test_what_you_have_names_your_skills_not_the_ones_they_stand_in_for(extractor, tmp_path, corpus):
    # R is asked for; the profile has Python, which earns part of R's credit as a related skill:
    # the "you have" list names Python (and SQL, held itself), never R
    profile_path = tmp_path / "me.toml"
    profile_path.write_text("[skills]\nPython = 4\nSQL = 3\n", encoding="utf-8")
    profile = load_profile(profile_path, extractor=extractor)
    text = "Data Analyst\n\nRequirements:\n- SQL and Tableau\n- R is a plus.\n"
    posting = Posting(text=text, source="analyst.txt")
    _, idf = corpus
    [ranked] = rank(profile, [(posting, extractor.extract(posting))], taxonomy=extractor.taxonomy, idf=idf)
    partial = {item.id: item.reason for item in ranked.match.partial}
    assert "r" in partial and "python" in partial["r"].lower()  # R's credit comes through Python
    assert ranked.shared[0] == "SQL" and set(ranked.shared) == {"SQL", "Python"}
