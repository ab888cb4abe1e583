"""Fetching postings over HTTP, only from servers these tests start on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time

import pytest
from werkzeug import Response

from jobmatch import SourceError
from jobmatch.fetch import USER_AGENT, FetchOptions, fetch
from jobmatch.sources import load_postings

FAST = FetchOptions(connect_timeout=2, read_timeout=1, retries=2, backoff=0.01, max_retry_after=1)

GRAPH_PAGE = """<!doctype html><html><head><title>Jobs at Acme</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization", "name": "Acme"},
 {"@type": "JobPosting", "title": "Data Engineer", "description": "<p>We need <b>Apache Spark</b> and dbt.</p>",
  "hiringOrganization": {"@type": "Organization", "name": "Acme"},
  "jobLocation": {"@type": "Place", "address": {"addressLocality": "Denver", "addressRegion": "CO"}},
  "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                 "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000, "unitText": "YEAR"}},
  "employmentType": "FULL_TIME", "datePosted": "2026-11-01", "validThrough": "2026-12-31",
  "qualifications": "3+ years of Python"}]}
</script></head><body><nav>Careers home</nav><p>Apply</p></body></html>"""

CAREER_PAGE = (
    """<html><body>
<div id="cookie-banner">We use cookies. Accept all cookies from Salesforce.</div>
<nav class="site-nav">Jobs in Go | Rust | Java</nav>
<main><h1>Backend Engineer</h1><p><strong>What you bring:</strong></p>
<ul><li>Kotlin and PostgreSQL</li><li>Kafka</li></ul></main>
<footer class="mega-footer">"""
    + "<a href='/x'>Docker swag store</a> " * 500
    + """</footer></body></html>"""
)


def test_a_jsonld_page_inside_graph_is_read_and_the_url_kept(httpserver):
    httpserver.expect_request("/jobs/1").respond_with_data(GRAPH_PAGE, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/jobs/1")
    posting = fetch(url, options=FAST)
    assert posting.source == url
    assert posting.title == "Data Engineer"
    assert "Apache Spark and dbt" in posting.text and "3+ years of Python" in posting.text
    assert posting.meta["hiringOrganization"]["name"] == "Acme"
    assert posting.meta["baseSalary"]["value"]["minValue"] == 120000


def test_the_jsonld_fields_reach_the_extraction(httpserver, extractor):
    httpserver.expect_request("/jobs/2").respond_with_data(GRAPH_PAGE, content_type="text/html")
    result = extractor.extract(fetch(httpserver.url_for("/jobs/2"), options=FAST))
    assert (result.company, result.date_posted, result.valid_through) == ("Acme", "2026-11-01", "2026-12-31")
    assert result.salary is not None and (result.salary.min, result.salary.max) == (120000, 150000)
    assert result.employment_type == "full-time" and "Denver, CO" in result.locations
    assert {"apache_spark", "dbt", "python"} <= result.ids


def test_a_plain_career_page_drops_banner_navigation_and_footer(httpserver):
    httpserver.expect_request("/careers/backend").respond_with_data(CAREER_PAGE, content_type="text/html")
    posting = fetch(httpserver.url_for("/careers/backend"), options=FAST)
    assert posting.title == "Backend Engineer"
    assert "Kotlin and PostgreSQL" in posting.text
    for noise in ("cookies", "Jobs in Go", "Docker swag"):
        assert noise not in posting.text


def test_requests_name_jobmatch_as_their_user_agent(httpserver):
    httpserver.expect_request("/ua", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<p>Go developer</p>", content_type="text/html"
    )
    assert fetch(httpserver.url_for("/ua"), options=FAST).text == "Go developer"


def test_a_json_posting_and_a_text_posting(httpserver):
    body = json.dumps({"@type": "JobPosting", "title": "SRE", "description": "Terraform and Go"})
    httpserver.expect_request("/p.json").respond_with_data(body, content_type="application/ld+json")
    httpserver.expect_request("/p.txt").respond_with_data("Nurse\nBLS required", content_type="text/plain")
    assert fetch(httpserver.url_for("/p.json"), options=FAST).title == "SRE"
    assert fetch(httpserver.url_for("/p.txt"), options=FAST).text == "Nurse\nBLS required"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<p>Café – Python</p>".encode("cp1252"), "text/html; charset=windows-1252"),
        ('<meta charset="windows-1252"><p>Café – Python</p>'.encode("cp1252"), "text/html"),
        ("<p>Café – Python and Kafka in the café</p>".encode("cp1252"), "text/html"),
        ("<p>Café – Python and Kafka in the café</p>".encode("cp1252"), "text/html; charset=utf-8"),
    ],
    ids=["charset in the header", "charset in a meta tag", "charset detected", "header charset wrong"],
)
def test_the_right_character_set(httpserver, body, content_type):
    httpserver.expect_request("/enc").respond_with_data(body, content_type=content_type)
    assert "Café – Python" in fetch(httpserver.url_for("/enc"), options=FAST).text


def test_retries_on_503_honouring_retry_after(httpserver):
    calls = []

    def flaky(request):
        calls.append(time.monotonic())
        if len(calls) < 3:
            return Response("busy", status=503, headers={"Retry-After": "1"})
        return Response("<p>Scala role</p>", content_type="text/html")

    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    assert fetch(httpserver.url_for("/flaky"), options=FAST).text == "Scala role"
    assert len(calls) == 3
    assert calls[1] - calls[0] >= 0.9  # waited as the server asked


def _fails(url: str, options: FetchOptions = FAST) -> str:
    with pytest.raises(SourceError) as info:
        fetch(url, options=options)
    message = str(info.value)
    assert message.startswith(url) and "\n" not in message
    return message


@pytest.mark.parametrize(("status", "words"), [(404, "not found (HTTP 404)"), (410, "gone (HTTP 410)")])
def test_missing_pages(httpserver, status, words):
    httpserver.expect_request("/gone").respond_with_data("no", status=status)
    assert words in _fails(httpserver.url_for("/gone"))


def test_a_server_that_keeps_failing(httpserver):
    httpserver.expect_request("/down").respond_with_data("no", status=500)
    assert "HTTP 500 INTERNAL SERVER ERROR after 2 retries" in _fails(httpserver.url_for("/down"))


def test_a_slow_page_times_out(httpserver):
    import threading

    done = threading.Event()

    def slow(request):
        time.sleep(1.8)
        done.set()
        return Response("<p>late</p>", content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    assert "timed out" in _fails(httpserver.url_for("/slow"))
    done.wait(5)  # the one-thread test server is free again for the next test


def test_a_redirect_loop(httpserver):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    assert "too many redirects" in _fails(httpserver.url_for("/a"))


def test_a_body_over_the_cap(httpserver):
    httpserver.expect_request("/big").respond_with_data("<p>" + "x" * 300_000 + "</p>", content_type="text/html")
    small = FetchOptions(read_timeout=2, retries=0, max_bytes=100_000)
    assert "page is more than 100 KB, over the limit" in _fails(httpserver.url_for("/big"), small)


def test_a_pdf_is_not_a_web_page(httpserver):
    httpserver.expect_request("/job.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    assert "not a web page (application/pdf)" in _fails(httpserver.url_for("/job.pdf"))


def test_tls_failure(httpserver):
    httpserver.expect_request("/").respond_with_data("plain http")
    url = httpserver.url_for("/").replace("http://", "https://")
    assert "TLS error" in _fails(url, FetchOptions(retries=0, connect_timeout=2, read_timeout=2))


def test_dns_failure(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no lookup leaves this machine
    assert "DNS lookup failed" in _fails("http://jobs.example.invalid/1", FetchOptions(retries=0))


@pytest.mark.parametrize("url", ["ftp://example.com/job.txt", "file:///etc/passwd", "gopher://x/1"])
def test_only_http_and_https_are_fetched(url):
    assert "only http and https" in _fails(url)


def test_urls_are_sources_beside_files_and_a_bad_one_does_not_stop_the_rest(httpserver, tmp_path):
    httpserver.expect_request("/ok").respond_with_data("<p>Elixir role</p>", content_type="text/html")
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    local = tmp_path / "a.txt"
    local.write_text("Haskell role", encoding="utf-8")
    items = list(load_postings([httpserver.url_for("/missing"), httpserver.url_for("/ok"), str(local)]))
    assert isinstance(items[0], SourceError) and "404" in str(items[0])
    assert [p.text for p in items[1:]] == ["Elixir role", "Haskell role"]
