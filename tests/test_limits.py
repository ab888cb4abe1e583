"""Bounded reading: size limits, endless streams, FIFOs and devices, deep JSON and HTML; one bad
source never stops a batch."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading

import pytest
from click.testing import CliRunner

from jobmatch import Posting, SourceError, load_postings
from jobmatch.cli import cli
from jobmatch.sources import posting_from_html, posting_from_json, read_source

GOOD = "Data Engineer\n\nWe need Python, Apache Spark and SQL.\n"


def _one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("jobmatch: error: ")]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_a_posting_over_the_limit_is_refused_by_its_size_without_reading_it(tmp_path):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as f:  # 50 MB on paper, no disk used: refused by its size alone
        f.truncate(52_428_800)
    with pytest.raises(SourceError, match=r"dump\.txt: posting is 52\.4 MB, over the 2 MB limit$"):
        read_source(str(big))


def test_max_size_moves_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD + "Python and SQL every day. " * 40_000, encoding="utf-8")  # ≈1.0 MB
    with pytest.raises(SourceError, match=r"posting is 1\.0 MB, over the 500 KB limit"):
        read_source(str(path), max_size=500_000)
    [posting] = read_source(str(path))
    assert posting.title == "Data Engineer"
    result = CliRunner().invoke(cli, ["extract", str(path), "--max-size", "0.5MB", "--format", "json"])
    _one_line_error(result, "over the 500 KB limit")
    wrong = CliRunner().invoke(cli, ["extract", str(path), "--max-size", "lots"])
    assert wrong.exit_code == 2 and "is not a size" in wrong.stderr


def test_markup_may_be_larger_than_its_text_but_not_without_bound(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>Go and Rust</p><!--" + "x" * 1_300_000 + "-->", encoding="utf-8")  # 1.3 MB of markup
    [posting] = read_source(str(page), max_size=1_000_000)
    assert posting.text == "Go and Rust"
    with pytest.raises(SourceError, match=r"over the 1 MB limit for an HTML or JSON file \(5 × the 200 KB posting"):
        read_source(str(page), max_size=200_000)


def test_text_over_the_limit_after_reading_is_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>" + "Kotlin and Java. " * 20_000 + "</p>", encoding="utf-8")  # 340 KB of text
    with pytest.raises(SourceError, match=r"page\.html: posting is 340\.0 KB of text, over the 300 KB limit"):
        read_source(str(page), max_size=300_000)


class Endless(io.RawIOBase):
    """A stream that never ends, like /dev/zero or `yes` on standard input."""

    served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"y" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_an_endless_standard_input_is_cut_off_at_the_limit():
    stream = Endless()
    with pytest.raises(SourceError, match=r"^-: more than 500 KB of input, over the limit$"):
        read_source("-", stdin=io.BufferedReader(stream), max_size=100_000)
    assert stream.served < 1_000_000  # read up to the cap, not on and on


def _in_a_thread(function, *args):
    """Run function(*args) in a thread and give its result or exception, failing after 10 s (a hang)."""
    outcome: list = []

    def target():
        try:
            outcome.append(function(*args))
        except Exception as err:
            outcome.append(err)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    assert outcome, "blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "jobs.txt"
    os.mkfifo(fifo)
    error = _in_a_thread(read_source, str(fifo))
    assert isinstance(error, SourceError) and str(error) == f"{fifo}: a FIFO, not a file; only regular files are read"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    items = _in_a_thread(lambda: list(load_postings([str(tmp_path)])))  # in a folder: reported, the rest read
    assert [type(i) for i in items] == [Posting, SourceError]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_and_sockets_are_refused(tmp_path):
    with pytest.raises(SourceError, match=r"^/dev/zero: a device, not a file"):
        read_source("/dev/zero")
    if sys.platform.startswith("linux"):
        path = tmp_path / "s.txt"
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
            with pytest.raises(SourceError, match="a socket, not a file"):
                read_source(str(path))
        finally:
            server.close()


DEPTH = 100_000


def test_json_nested_100000_deep_is_one_line(tmp_path):
    with pytest.raises(SourceError, match="JSON nested more than 100 levels deep"):
        posting_from_json("[" * DEPTH + "]" * DEPTH, "deep.json")
    # deep enough to get past the parser but not past a walk that recursed
    with pytest.raises(SourceError, match="JSON nested more than 100 levels deep"):
        posting_from_json('{"title": "x", "description": "y", "a": ' + "[" * 500 + "]" * 500 + "}", "deep.json")


def test_a_deep_jsonld_block_falls_back_to_the_visible_text():
    page = f'<script type="application/ld+json">{"[" * DEPTH}{"]" * DEPTH}</script><p>We need Terraform.</p>'
    assert posting_from_html(page, "p.html").text == "We need Terraform."


def test_html_of_100000_nested_elements_is_read_without_recursion():
    page = "<body>" + "<div class='x'>" * DEPTH + "<p>Python and SQL</p>" + "</div>" * DEPTH + "</body>"
    assert posting_from_html(page, "deep.html").text == "Python and SQL"
    furniture = "<nav>" + "<div class='menu'>" * 10_000 + "Home</div>" + "</div>" * 9_999 + "</nav>"
    assert posting_from_html(furniture + "<main><p>Rust</p></main>", "f.html").text == "Rust"


@pytest.mark.parametrize("command", ["extract", "rank", "save"])
def test_one_bad_file_in_a_folder_is_reported_and_the_batch_goes_on(tmp_path, command):
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.json").write_text("[" * DEPTH + "]" * DEPTH, encoding="utf-8")
    (folder / "c.html").write_text(
        f'<script type="application/ld+json">{{"@type": {"[" * DEPTH}{"]" * DEPTH}}}</script><h1>SRE</h1><p>Go.</p>',
        encoding="utf-8",
    )
    (folder / "d.txt").write_text("Backend Engineer\n\nKotlin and PostgreSQL.\n", encoding="utf-8")
    args = {
        "extract": ["extract", str(folder), "--format", "json"],
        "rank": ["rank", str(folder), "--profile", str(tmp_path / "me.toml"), "--format", "json"],
        "save": ["save", str(folder), "--db", str(tmp_path / "j.db")],
    }[command]
    (tmp_path / "me.toml").write_text("[skills]\nPython = true\nGo = true\n", encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    _one_line_error(result, "b.json: JSON nested more than 100 levels deep")
    if command == "save":
        assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["saved"] * 3
    else:
        assert len(json.loads(result.stdout)) == 3


def test_a_page_over_the_limit_is_refused_by_what_it_sends(httpserver):
    httpserver.expect_request("/long").respond_with_data("Python and SQL. " * 20_000, content_type="text/plain")
    url = httpserver.url_for("/long")
    with pytest.raises(SourceError, match=r"/long: posting is 320\.0 KB of text, over the 100 KB limit$"):
        read_source(url, max_size=100_000)
    with pytest.raises(SourceError, match=r"/long: page is more than 250 KB, over the limit$"):
        read_source(url, max_size=50_000)
    assert len(read_source(url)[0].text) == 320_000
