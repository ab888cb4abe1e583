"""Real pages as scrapers save them: entity-escaped JSON-LD, descriptions inside containers whose
class names contain furniture words, and local files in cp1252 or Latin-1. Each page is read both
from a local server and from a file."""

from __future__ import annotations

import json

import pytest
from conftest import load_cases

from jobmatch import Posting, load_postings
from jobmatch.fetch import FetchOptions, fetch
from jobmatch.sources import posting_from_html, read_source

FAST = FetchOptions(connect_timeout=2, read_timeout=2, retries=0)
CONTAINERS = load_cases("pages.jsonl")

ESCAPED_JSONLD = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Machine Learning Engineer",
        "description": "&lt;p&gt;We need &lt;b&gt;PyTorch&lt;/b&gt; and Python.&lt;/p&gt;&lt;ul&gt;"
        "&lt;li&gt;AWS SageMaker &amp;amp; MLflow&lt;/li&gt;"
        "&lt;li&gt;R&amp;amp;D in computer vision&lt;/li&gt;&lt;/ul&gt;",
        "qualifications": "3+ years with Docker &amp; Kubernetes",
    }
)
ESCAPED_PAGE = (
    f'<html><head><script type="application/ld+json">{ESCAPED_JSONLD}</script></head>'
    "<body><nav>Jobs in Go</nav><p>Apply now</p></body></html>"
)


def _both_ways(httpserver, tmp_path, html: str, name: str) -> list[Posting]:
    """The page fetched from a local server and read from a saved file."""
    httpserver.expect_request(f"/{name}").respond_with_data(html, content_type="text/html; charset=utf-8")
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return [fetch(httpserver.url_for(f"/{name}"), options=FAST), *read_source(str(path))]


def test_an_entity_escaped_jsonld_description_is_read_as_html(httpserver, tmp_path, extractor):
    for posting in _both_ways(httpserver, tmp_path, ESCAPED_PAGE, "escaped"):
        assert posting.title == "Machine Learning Engineer"
        assert "&lt;" not in posting.text and "<b>" not in posting.text and "&amp;" not in posting.text
        assert "We need PyTorch and Python." in posting.text
        assert "- AWS SageMaker & MLflow" in posting.text  # a list item, and the escaped ampersand once unescaped
        assert "R&D in computer vision" in posting.text and "3+ years with Docker & Kubernetes" in posting.text
        found = extractor.extract(posting).ids
        assert {"pytorch", "python", "aws_sagemaker", "mlflow", "docker", "kubernetes"} <= found


def test_a_description_of_plain_text_with_a_less_than_sign_stays_text():
    page = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Analyst",'
        ' "description": "Latency < 5 ms matters; SQL &amp; Python"}</script>'
    )
    assert posting_from_html(page, "p.html").text == "Analyst\n\nLatency < 5 ms matters; SQL & Python"


@pytest.mark.parametrize("case", CONTAINERS, ids=[c["why"] for c in CONTAINERS])
def test_a_description_inside_a_container_named_like_furniture_survives(httpserver, tmp_path, extractor, case):
    for posting in _both_ways(httpserver, tmp_path, case["html"], "page"):
        found = extractor.extract(posting).ids
        assert set(case["skills"]) <= found, posting.text
        for noise in case["absent"]:  # the real furniture around it still goes
            assert noise not in posting.text


def test_furniture_is_still_dropped_by_whole_words():
    page = (
        "<div class='topnav'>Careers home | Jobs in Go</div><div id='onetrust-banner-sdk'>Cookies for Oracle</div>"
        "<main><h1>SRE</h1><p>Terraform and Prometheus.</p></main>"
        "<div class='sidebar-card'><h4>Similar roles</h4><a href='#'>Java developer</a></div>"
        "<div class='megafooter'>About | Press | Salesforce partners</div>"
    )
    assert posting_from_html(page, "p.html").text == "SRE\n\nTerraform and Prometheus."


@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("cp1252.txt", "cp1252", "Café – Data Engineer\n\n“Python” and SQL for our café’s €-based pricing.\n"),
        (
            "latin1.md",
            "latin-1",
            "# Développeur Python\n\nExpérience en Python et PostgreSQL exigée. Salaire ± 55 k.\n",
        ),
        ("cp1252.html", "cp1252", "<h1>Ingénieur</h1><p>Kotlin – Java – naïve résumé parsing</p>"),
    ],
)
def test_local_files_in_cp1252_and_latin1_are_read(tmp_path, name, encoding, text):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    [posting] = read_source(str(path))
    if name.endswith(".html"):
        assert posting.text == "Ingénieur\n\nKotlin – Java – naïve résumé parsing"
    else:
        assert posting.text == text
    assert [p.text for p in load_postings([str(tmp_path)]) if isinstance(p, Posting)] == [posting.text]
