"""Faults outside the store: terminal escapes in postings, secrets in URLs, servers that trickle,
profiles of a million unknown names, encrypted and broken PDFs, profile init into bad places."""

from __future__ import annotations

import io
import json
import time

import pytest
from click.testing import CliRunner
from test_profile import _pdf
from werkzeug import Response

from jobmatch import SourceError
from jobmatch.cli import cli
from jobmatch.errors import ProfileError
from jobmatch.fetch import FetchOptions, fetch, mask_url
from jobmatch.profile import MAX_SUGGESTED, load_profile

# a window title, a screen clear, the alternate screen, an OSC-8 link, a bell: what a hostile page may hold
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[?1049h\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"
RAW = ("\x1b]", "\x1b[2J", "\x1b[?1049h", "\x07")


def _no_raw_escapes(text: str) -> None:
    for sequence in RAW:
        assert sequence not in text, repr(sequence)


@pytest.fixture()
def hostile(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "evil.txt"
    path.write_text(f"Data Engineer {HOSTILE}\n\nWe need {HOSTILE} Python and SQL.\n", encoding="utf-8")
    (tmp_path / "me.toml").write_text("[skills]\nPython = true\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "{posting}"],
        ["match", "{posting}", "--profile", "{profile}"],
        ["rank", "{folder}", "--profile", "{profile}"],
        ["rank", "{folder}", "--profile", "{profile}", "--format", "csv"],
        ["save", "{posting}", "--db", "{db}"],
    ],
    ids=lambda a: " ".join(a[:1] + a[-1:]),
)
def test_terminal_escapes_in_a_posting_never_reach_the_terminal(hostile, tmp_path, args):
    where = {"posting": hostile, "folder": hostile.parent, "profile": tmp_path / "me.toml", "db": tmp_path / "j.db"}
    result = CliRunner().invoke(cli, [a.format(**where) for a in args])
    assert result.exit_code == 0, result.stderr
    _no_raw_escapes(result.stdout + result.stderr)
    assert "␛]0;pwned␇" in result.stdout  # shown, harmless, rather than dropped


def test_list_and_show_print_stored_escapes_harmlessly(hostile, tmp_path):
    db = str(tmp_path / "j.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["save", str(hostile), "--db", db]).exit_code == 0
    for args in (["list", "--db", db], ["show", "1", "--db", db]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0
        _no_raw_escapes(result.stdout)
    assert json.loads(runner.invoke(cli, ["list", "--db", db, "--format", "json"]).stdout)[0]["title"].count(
        "\x1b"
    ) == HOSTILE.count("\x1b")


def test_a_file_name_with_escapes_is_harmless_in_the_error_line(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "no\x1b[2Jsuch.txt")])
    assert result.exit_code == 2 and "no␛[2Jsuch.txt: no such file" in result.stderr
    _no_raw_escapes(result.stderr)


def test_match_highlights_stay_on_their_words_after_escapes(hostile, tmp_path, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # a terminal: the posting is printed, highlighted
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = CliRunner().invoke(cli, ["match", str(hostile), "--profile", str(tmp_path / "me.toml")])
    assert result.exit_code == 0
    body = result.stdout.split("We need ", 1)[1]
    _no_raw_escapes(body.replace("\x1b[0m", "").replace("\x1b[32m", "").replace("\x1b[31m", ""))
    assert "\x1b[32mPython\x1b[0m" in body  # matched, green, the whole word and only it
    assert "\x1b[31mSQL\x1b[0m" in body  # missing, red


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://alice:s3cret@jobs.example.com/1", "http://***@jobs.example.com/1"),
        (
            "https://x.example/j?id=7&access_token=abc123&utm_source=li",
            "https://x.example/j?id=7&access_token=***&utm_source=li",
        ),
        (
            "https://x.example/j?apiKey=K&sig=S&page=2#token=T",
            "https://x.example/j?apiKey=***&sig=***&page=2#token=***",
        ),
        ("https://x.example/jobs/123?keyword=python", "https://x.example/jobs/123?keyword=python"),
    ],
)
def test_secrets_in_urls_are_masked(url, shown):
    assert mask_url(url) == shown


def test_a_url_with_secrets_is_masked_in_errors_and_in_the_stored_source(httpserver, tmp_path):
    httpserver.expect_request("/jobs/1").respond_with_data(
        "<h1>SRE</h1><p>Go and Terraform.</p>", content_type="text/html"
    )
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    base = httpserver.url_for("/").replace("http://", "http://alice:s3cret@")
    db = str(tmp_path / "j.db")
    runner = CliRunner()
    saved = runner.invoke(cli, ["save", base + "jobs/1?token=abc", base + "gone?password=hunter2", "--db", db])
    assert saved.exit_code == 2
    for text in (saved.stdout, saved.stderr, runner.invoke(cli, ["list", "--db", db]).stdout):
        assert "s3cret" not in text and "alice" not in text and "abc" not in text and "hunter2" not in text
    assert "***@" in saved.stderr and "password=***: not found (HTTP 404)" in saved.stderr
    assert json.loads(runner.invoke(cli, ["list", "--db", db, "--format", "json"]).stdout)[0]["source"].endswith(
        "/jobs/1?token=***"
    )


def test_a_server_trickling_bytes_meets_the_total_deadline(httpserver):
    def trickle(request):
        def body():
            yield b"<p>"
            for _ in range(40):
                time.sleep(0.2)  # each byte well within the read timeout
                yield b"x"

        return Response(body(), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(trickle)
    options = FetchOptions(read_timeout=2, retries=0, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"took more than 1 s in all"):
        fetch(httpserver.url_for("/slow"), options=options)
    assert time.monotonic() - started < 4


def test_a_profile_of_a_million_unknown_names_is_bounded(tmp_path, taxonomy):
    path = tmp_path / "huge.toml"
    names = [f"madeupskill{n:06}" for n in range(100_000)]
    path.write_text("[skills]\nPython = 5\n" + "".join(f"{n} = true\n" for n in names), encoding="utf-8")
    profile = load_profile(path, taxonomy=taxonomy)
    assert set(profile.skills) == {"python"} and len(profile.unknown) == 100_000
    assert all(suggestions == () for _, suggestions in profile.unknown[MAX_SUGGESTED:])
    small = tmp_path / "typo.toml"
    small.write_text("[skills]\nPytorch = true\nKubernets = true\n", encoding="utf-8")
    assert dict(load_profile(small, taxonomy=taxonomy).unknown)["Kubernets"][0] == "Kubernetes"


def test_the_cli_says_how_many_unknown_names_it_did_not_show(tmp_path):
    path = tmp_path / "many.toml"
    path.write_text("[skills]\nPython = true\n" + "".join(f"nope{n} = true\n" for n in range(500)), encoding="utf-8")
    posting = tmp_path / "p.txt"
    posting.write_text("Python developer", encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", str(posting), "--profile", str(path), "--format", "json"])
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) == MAX_SUGGESTED + 1
    assert warnings[-1].endswith(
        f"470 more unknown skills (names and suggestions shown for the first {MAX_SUGGESTED} only)"
    )


def _encrypted(tmp_path, password: str):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Data scientist", "Python, SQL and PyTorch"]))))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    path = tmp_path / "cv.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    return path


def test_an_aes_encrypted_pdf_resume_is_read_or_refused_in_one_line(tmp_path, extractor, monkeypatch):
    path = _encrypted(tmp_path, "")
    assert {"python", "sql", "pytorch"} <= set(load_profile(path, extractor=extractor).skills)
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def no_cryptography(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_cryptography)
    with pytest.raises(
        ProfileError, match=r"cv\.pdf: this PDF is encrypted \(AES\) and reading it needs the cryptography"
    ):
        load_profile(path, extractor=extractor)


def test_a_password_protected_pdf_is_one_line(tmp_path, extractor):
    with pytest.raises(ProfileError, match="protected by a password"):
        load_profile(_encrypted(tmp_path, "secret"), extractor=extractor)


def test_a_damaged_pdf_prints_no_pypdf_log_lines(tmp_path, capfd):
    data = _pdf(["Python developer with SQL"])
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data.replace(b"startxref\n", b"startxref\n9"))  # a wrong xref offset pypdf repairs, and logs
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    posting = tmp_path / "p.txt"
    posting.write_text("Python developer", encoding="utf-8")
    for path in (damaged, truncated):
        CliRunner().invoke(cli, ["match", str(posting), "--profile", str(path), "--format", "json"])
    captured = capfd.readouterr()
    assert "startxref" not in captured.err and "EOF marker" not in captured.err


@pytest.mark.parametrize(("target", "message"), [("out", "is a folder"), ("missing/me.toml", "no such folder")])
def test_profile_init_into_a_folder_or_a_missing_folder_is_one_line(tmp_path, target, message):
    (tmp_path / "out").mkdir()
    resume = tmp_path / "cv.txt"
    resume.write_text("Data analyst\n\nSQL, Python and Tableau.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["profile", "init", "--from", str(resume), "-o", str(tmp_path / target)])
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_a_server_trickling_its_headers_meets_the_total_deadline():
    """The status line and headers, a byte every 0.2 s: each read well within the read timeout, so
    only the total deadline can end it."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"x" * 100:
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/job"
    started = time.monotonic()
    try:
        with pytest.raises(SourceError, match=r"took more than 1 s in all"):
            fetch(url, options=FetchOptions(read_timeout=2, retries=0, deadline=1.0))
        assert time.monotonic() - started < 3
    finally:
        stop.set()
        server.close()
