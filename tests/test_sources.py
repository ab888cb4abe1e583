"""Reading postings: text, markdown, HTML (visible text or JSON-LD JobPosting), JSON; and bad input."""

from __future__ import annotations

import io
import json

import pytest

from jobmatch import Posting, SourceError, load_postings
from jobmatch.sources import posting_from_html, read_source

MESSY_HTML = """<!DOCTYPE html><html><head><title>Careers | Acme</title>
<style>.x{color:red}</style><script>var tracking = "Python Java Kubernetes";</script></head>
<body><nav><a href="/">Home</a> <a href="/jobs">Jobs in Go and Rust</a></nav>
<div id="cookie-consent" class="banner">We use cookies. Accept all cookies for Salesforce tracking.</div>
<header><h1>Data Engineer&nbsp;(Remote)</h1></header>
<div class="content"><p><strong>What you bring:</strong></p>
<ul><li>3+ years with Apache&nbsp;Spark &amp; Airflow<li>Strong SQL
</ul><p>Nice to have: dbt<br>Snowflake</p>
<footer><p>© Acme · Privacy · Terms · Docker swag store</p></footer></div></body></html>"""

JSONLD_HTML = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Acme"},
  {"@type": "JobPosting", "title": "ML Engineer",
   "description": "<p>We need <b>PyTorch</b> and MLflow.</p><ul><li>AWS SageMaker</li></ul>",
   "qualifications": "5+ years of Python", "hiringOrganization": {"name": "Acme"}}]}
</script></head><body><nav>Jobs: Java, PHP</nav><p>Apply now</p></body></html>"""


def test_text_and_markdown_files_keep_their_text_and_take_the_first_line_as_title(tmp_path):
    (tmp_path / "a.md").write_text("# Backend Engineer\n\n- Go and PostgreSQL\n", encoding="utf-8")
    [posting] = read_source(str(tmp_path / "a.md"))
    assert posting.title == "Backend Engineer"
    assert "Go and PostgreSQL" in posting.text
    assert posting.source == str(tmp_path / "a.md")
    # a job board's section header opening the copy is no title: the role is read from the text
    (tmp_path / "b.txt").write_text("About the job\nWe are hiring a data engineer.\n\nRequirements\n- Python\n")
    [posting] = read_source(str(tmp_path / "b.txt"))
    assert posting.title is None and posting.text.startswith("About the job")


def test_a_text_file_a_scraper_left_character_references_in_reads_them():
    # "&nbsp;" and friends in a .txt saved from a page: the title and places read clean; "AT&T",
    # "Q&A" and a word after "&" that no entity is named stay as written
    text = (
        "Business Analyst&nbsp;\nLocation: Charlotte, NC&nbsp;(Hybrid)\n\n"
        "Must have: SQL &amp; JIRA. Don&#39;t apply via AT&T or Q&A; Terms &notice; apply.\n"
    )
    [posting] = read_source("-", stdin=io.StringIO(text))
    assert posting.title == "Business Analyst"
    assert "SQL & JIRA. Don't apply via AT&T or Q&A; Terms &notice; apply." in posting.text
    from jobmatch import SkillExtractor

    assert SkillExtractor().extract(posting).locations == ("Charlotte, NC",)


def test_html_keeps_visible_text_and_drops_scripts_nav_footer_and_cookie_banners():
    posting = posting_from_html(MESSY_HTML, "page.html")
    assert posting.title == "Data Engineer (Remote)"
    assert "Apache Spark & Airflow" in posting.text
    assert "- Strong SQL" in posting.text
    assert "dbt\nSnowflake" in posting.text
    for noise in ["tracking", "Jobs in Go", "cookies", "Docker swag", "color:red"]:
        assert noise not in posting.text


def test_html_with_jobposting_jsonld_reads_title_and_description_even_inside_graph():
    posting = posting_from_html(JSONLD_HTML, "job.html")
    assert posting.title == "ML Engineer"
    assert "We need PyTorch and MLflow." in posting.text
    assert "- AWS SageMaker" in posting.text
    assert "5+ years of Python" in posting.text
    assert "Java, PHP" not in posting.text
    assert posting.meta["hiringOrganization"] == {"name": "Acme"}


def test_broken_jsonld_falls_back_to_the_visible_text():
    html = '<script type="application/ld+json">{"@type": "JobPosting", oops</script><p>Kotlin developer</p>'
    assert posting_from_html(html, "x.html").text == "Kotlin developer"


@pytest.mark.parametrize(
    ("data", "title", "snippet"),
    [
        (
            {"@context": "https://schema.org", "@type": "JobPosting", "title": "SRE", "description": "<p>Go</p>"},
            "SRE",
            "Go",
        ),
        ({"title": "Analyst", "description": "Tableau and Excel"}, "Analyst", "Tableau and Excel"),
        ({"title": "Nurse", "text": "BLS certification"}, "Nurse", "BLS certification"),
    ],
)  # fmt: skip
def test_json_postings_in_each_accepted_shape(tmp_path, data, title, snippet):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    [posting] = read_source(str(path))
    assert posting.title == title
    assert snippet in posting.text


def test_a_json_list_gives_one_posting_per_item(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"title": "A", "text": "Go"}, {"title": "B", "text": "Rust"}]), encoding="utf-8")
    postings = read_source(str(path))
    assert [p.source for p in postings] == [f"{path}#0", f"{path}#1"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b'{"title": "x",', "invalid JSON at line 1"),
        ("odd.json", b'{"name": "x"}', 'expected a JobPosting or an object with "description" or "text"'),
        ("num.json", b"[1, 2]", "expected a JSON object, got int"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        read_source(str(path))
    text = str(info.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text


def test_html_declaring_its_charset_decodes(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes('<meta charset="windows-1252"><p>Caf\u00e9 needs Java</p>'.encode("cp1252"))
    [posting] = read_source(str(path))
    assert posting.text == "Caf\u00e9 needs Java"


def test_windows_1252_punctuation_left_as_c1_controls_is_read_as_meant(tmp_path):
    # a page that says Latin-1 and means 1252, or a scraper that decoded it so, leaves U+0092 for ’
    path = tmp_path / "scraped.txt"
    path.write_text("Data Scientist\n\nMaster\x92s degree required \x96 PhD preferred.\x85", encoding="utf-8")
    [posting] = read_source(str(path))
    assert posting.text == "Data Scientist\n\nMaster\u2019s degree required \u2013 PhD preferred.\u2026"
    latin1 = tmp_path / "latin1.html"
    latin1.write_bytes(b'<meta charset="iso-8859-1"><p>Team\x92s Python role \xe9t\xe9</p>')
    assert read_source(str(latin1))[0].text == "Team\u2019s Python role \u00e9t\u00e9"


def test_utf8_bom_and_utf16_files_decode(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffPython role".encode())
    (tmp_path / "u16.txt").write_bytes("Rust role".encode("utf-16"))
    assert read_source(str(tmp_path / "bom.txt"))[0].text == "Python role"
    assert read_source(str(tmp_path / "u16.txt"))[0].text == "Rust role"


def test_folders_expand_to_their_postings_and_bad_files_do_not_stop_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Go developer", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a posting", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("skip me", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Rust developer</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.json").write_text("{", encoding="utf-8")
    items = list(load_postings([str(tmp_path), str(tmp_path / "missing.txt")]))
    postings = [i for i in items if isinstance(i, Posting)]
    errors = [str(i) for i in items if isinstance(i, SourceError)]
    assert [p.text for p in postings] == ["Go developer", "Rust developer"]
    assert len(errors) == 2
    assert "c.json: invalid JSON" in errors[0]
    assert errors[1].endswith("missing.txt: no such file")


def test_pending_postings_leave_files_to_be_read_where_they_are_worked_on(tmp_path):
    from jobmatch.sources import Unread, each_posting, pending_postings

    (tmp_path / "a.txt").write_text("Data Engineer\nWe need Spark and Airflow.", encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps([{"title": "A", "text": "Go and gRPC"}, {"title": "B", "text": "Rust"}]), encoding="utf-8"
    )
    (tmp_path / "c.json").write_text("{", encoding="utf-8")
    stdin = io.BytesIO(b"Kotlin developer")
    pending = list(pending_postings([str(tmp_path), "-", str(tmp_path / "gone.txt")], stdin=stdin))
    # files are named, not read (a missing one too: its error comes from where it is read);
    # standard input can only be read here, and is
    assert [type(p).__name__ for p in pending] == ["Unread", "Unread", "Unread", "Posting", "Unread"]
    assert pending[3].text == "Kotlin developer"
    assert all(isinstance(p, Unread) and p.source.startswith(str(tmp_path)) for p in pending[:3])
    assert [p.title for p in pending[1].read()] == ["A", "B"]  # a JSON list: its postings, in order
    assert "c.json: invalid JSON" in str(pending[2].read())
    assert str(pending[4].read()).endswith("gone.txt: no such file")

    # each posting's work, with the posting less its text (what a worker sends back is small)
    def words(context, posting):
        return context, len(posting.text.split())

    done = each_posting(words, "ctx", pending[1])
    assert [(posting.title, posting.text, result) for posting, result in done] == [
        (p.title, "", ("ctx", len(p.text.split()))) for p in read_source(str(tmp_path / "b.json"))
    ]
    assert done[0][0].source == f"{tmp_path / 'b.json'}#0"
    assert isinstance(each_posting(words, "ctx", pending[2]), SourceError)
    assert each_posting(words, "ctx", pending[3])[0][1] == ("ctx", 2)  # a posting read already
    # and read at once, they are what load_postings gives
    read = [p.source for p in load_postings([str(tmp_path)]) if isinstance(p, Posting)]
    assert read == [str(tmp_path / "a.txt"), f"{tmp_path / 'b.json'}#0", f"{tmp_path / 'b.json'}#1"]


def test_a_folder_without_postings_is_an_error(tmp_path):
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    [error] = list(load_postings([str(tmp_path)]))
    assert isinstance(error, SourceError)
    assert "no postings" in str(error)


@pytest.mark.parametrize(
    ("raw", "title", "snippet"),
    [
        (b"Plain posting with Java", "Plain posting with Java", "Java"),
        (b'{"title": "T", "description": "Scala"}', "T", "Scala"),
        (b"<h1>H</h1><p>Perl</p>", "H", "Perl"),
    ],
)
def test_standard_input_is_sniffed(raw, title, snippet):
    [posting] = read_source("-", stdin=io.BytesIO(raw))
    assert posting.source == "-"
    assert posting.title == title
    assert snippet in posting.text


def test_a_page_with_no_visible_text_is_an_error_not_an_empty_posting(tmp_path):
    path = tmp_path / "spa.html"
    path.write_text('<html><head><script src="app.js"></script></head><body><div id="root"></div></body></html>')
    with pytest.raises(SourceError, match=r"spa\.html: no visible text"):
        read_source(str(path))


def test_an_empty_file_is_an_empty_posting(tmp_path):
    for name in ("empty.txt", "empty.html"):
        (tmp_path / name).write_text("  \n", encoding="utf-8")
        [posting] = read_source(str(tmp_path / name))
        assert posting.text.strip() == ""


def test_a_jsonld_teaser_gives_way_to_the_fuller_page_text():
    body = " ".join(["We need Terraform, Kubernetes and Go for our platform."] * 30)
    html = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Platform Engineer",'
        ' "description": "Join our platform team.", "employmentType": "FULL_TIME"}</script>'
        f"<main><h1>Platform Engineer</h1><p>{body}</p></main>"
    )
    posting = posting_from_html(html, "teaser.html")
    assert posting.title == "Platform Engineer"
    assert "Terraform, Kubernetes and Go" in posting.text
    assert posting.meta["employmentType"] == "FULL_TIME"


def test_markdown_escapes_of_a_scraped_page_are_read_as_what_they_stand_for(tmp_path):
    from jobmatch import SkillExtractor

    path = tmp_path / "analyst.md"
    path.write_text(
        "Business Analyst \\- Evesham\n\n"
        "**Evesham \\| Temporary Contract (8 Weeks)**\n\n"
        "🏢 This is a fully site\\-based role. No hybrid working.\n\n"
        "**Hourly Rate £17\\.94 \\- £23\\.07**\n\n"
        "Skills \\& experience\n* Strong problem\\-solving skills\n* Some C\\+\\+ or C\\#\n"
        "* Paths such as C:\\Users\\analyst stay as written\n",
        encoding="utf-8",
    )
    [posting] = read_source(str(path))
    assert posting.title == "Business Analyst - Evesham"
    assert "site-based" in posting.text and "C:\\Users\\analyst" in posting.text and "\\-" not in posting.text
    fields = SkillExtractor().extract(posting).to_dict()
    assert fields["work_mode"] == "on-site"
    assert {k: fields["salary"][k] for k in ("min", "max", "currency", "period")} == {
        "min": 17.94, "max": 23.07, "currency": "GBP", "period": "hour"
    }  # fmt: skip
    assert {"problem_solving", "cpp", "csharp"} <= {s.id for s in SkillExtractor().extract(posting).skills}
