"""`jobmatch serve` through FastAPI's test client: the API answers with the CLI's JSON for the same
input; the pages escape what a posting says; foreign hosts, cross-origin changes, huge bodies and bad
input are refused with a message (never a traceback), and the server keeps serving after each."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jobmatch.cli import cli

PROFILE = SAMPLES / "profiles" / "ml-engineer.toml"
POSTING = (SAMPLES / "ml-engineer-northwind.md").read_text(encoding="utf-8")
OTHER = (SAMPLES / "data-analyst-bluewillow.txt").read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8765"
XSS = [
    "<script>window.__xss = 1</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("web") / "jobmatch.db"


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from jobmatch.web import create_app

    app = create_app(profile=str(PROFILE), db=str(db))
    app.state.work.warm_up()  # (the background thread does the same; here the test waits for it)
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def cli_json(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_match_is_the_cli_match_json(client):
    api = client.post("/api/match", json={"text": POSTING, "source": "-"})
    assert api.status_code == 200
    expected = cli_json("match", "-", "--profile", str(PROFILE), "--format", "json", input=POSTING)
    assert api.json() == expected
    assert api.json()["role_match"] == "target"
    assert {"PyTorch", "pandas"} <= {i["name"] for i in api.json()["matched"]}


def test_a_form_s_crlf_lines_read_as_the_posting_itself(client):
    # browsers send a textarea's lines ended by CRLF; the match is the file's own
    crlf = client.post("/api/match", json={"text": POSTING.replace("\n", "\r\n")}).json()
    assert crlf == client.post("/api/match", json={"text": POSTING}).json()
    assert crlf["score"] > 30


def test_the_save_button_keeps_the_posting_as_matched(client, db):
    # the page's Save form sends the posting's text in a field, CRLF-ended as forms are
    text = OTHER.replace("Junior", "Junior (saved by form)")
    matched = client.post("/api/match", json={"text": text}).json()
    saved = client.post("/save", data={"text": text.replace("\n", "\r\n")}, headers={"origin": BASE})
    assert saved.status_code == 200 and "Saved as #" in saved.text
    row = next(r for r in client.get("/api/rank").json() if r["title"] == matched["title"])
    assert "\r" not in client.get(f"/api/saved/{row['id']}").json()["text"]
    single = cli_json("rank", "--saved", "--db", str(db), "--profile", str(PROFILE), "--format", "json")
    assert row["score"] == next(r for r in single if r["title"] == matched["title"])["score"] > 10
    client.delete(f"/api/saved/{row['id']}")


def test_match_with_a_role_is_the_cli_with_role(client):
    api = client.post("/api/match", json={"text": OTHER, "source": "-", "roles": ["Data Analyst"]})
    expected = cli_json(
        "match", "-", "--profile", str(PROFILE), "--role", "Data Analyst", "--format", "json", input=OTHER
    )
    assert api.json() == expected
    assert expected["role_match"] == "target"


def test_extract_is_the_cli_extract_json(client):
    api = client.post("/api/extract", json={"text": POSTING, "source": "-"})
    assert api.status_code == 200
    assert api.json() == cli_json("extract", "-", "--format", "json", input=POSTING)


def test_saved_rank_gaps_and_list_are_the_cli_json(client, db):
    for text in (POSTING, OTHER):
        created = client.post("/api/saved", json={"text": text})
        assert created.status_code == 201
    again = client.post("/api/saved", json={"text": POSTING})
    assert again.json()["new"] is False  # saved by content: once

    listed = client.get("/api/saved").json()
    assert listed == cli_json("list", "--db", str(db), "--format", "json")
    assert len(listed) == 2

    ranked = client.get("/api/rank").json()
    expected = cli_json("rank", "--saved", "--db", str(db), "--profile", str(PROFILE), "--format", "json")
    assert [{k: v for k, v in r.items() if k != "id"} for r in ranked] == expected
    ids = {r["title"]: r["id"] for r in ranked}
    assert ids == {item["title"]: item["id"] for item in listed}  # each ranked row names its saved posting
    assert ranked[0]["role_match"] == "target"  # the ML posting first for an ML engineer

    top = client.get("/api/rank", params={"top": 1, "role": "Data Analyst"}).json()
    expected = cli_json(
        "rank", "--saved", "--db", str(db), "--profile", str(PROFILE), "--top", "1", "--role", "Data Analyst",
        "--format", "json",
    )  # fmt: skip
    assert [{k: v for k, v in r.items() if k != "id"} for r in top] == expected

    gaps = client.get("/api/gaps").json()
    assert gaps == cli_json("gaps", "--saved", "--db", str(db), "--profile", str(PROFILE), "--format", "json")
    assert gaps["postings"] == 2

    one = client.get(f"/api/saved/{listed[0]['id']}").json()
    assert one["text"] == POSTING.strip("\n") or POSTING.startswith(one["text"][:200])


def test_saved_page_lists_and_deletes(client):
    created = client.post("/api/saved", json={"text": "Chef de partie\n\nWe need knife skills and food safety."})
    posting_id = created.json()["id"]
    page = client.get("/saved")
    assert page.status_code == 200
    assert f'href="/saved/{posting_id}"' in page.text
    one = client.get(f"/saved/{posting_id}")
    assert one.status_code == 200 and "Chef de partie" in one.text
    deleted = client.post(f"/saved/{posting_id}/delete", headers={"origin": BASE}, follow_redirects=False)
    assert deleted.status_code == 303
    assert client.get(f"/api/saved/{posting_id}").status_code == 404
    assert f'href="/saved/{posting_id}"' not in client.get("/saved").text


def test_match_page_shows_score_lists_and_highlights(client):
    page = client.post("/", data={"text": POSTING}, headers={"origin": BASE})
    assert page.status_code == 200
    expected = client.post("/api/match", json={"text": POSTING}).json()
    assert f'data-testid="score">{expected["score"]:g}<' in page.text
    assert f'data-testid="fit">{expected["fit"]:g}<' in page.text
    assert '<mark class="hl matched" data-kind="matched"' in page.text
    assert '<mark class="hl missing" data-kind="missing"' in page.text
    assert 'id="legend"' in page.text
    assert "Machine Learning Engineer" in page.text  # the header's role


@pytest.mark.parametrize("payload", XSS)
def test_a_posting_s_markup_is_shown_as_text(client, payload):
    text = f"Data Engineer {payload}\n\nWe need Python and SQL. {payload}\n"
    for response in (
        client.post("/", data={"text": text, "title": payload}, headers={"origin": BASE}),
        client.get(f"/saved/{client.post('/api/saved', json={'text': text, 'title': payload}).json()['id']}"),
        client.get("/saved"),
    ):
        assert response.status_code == 200
        body = response.text
        assert payload not in body  # never as markup
        assert "<script>window" not in body and "<img src=x" not in body and "<svg onload" not in body
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in body or "&lt;img" in body or "&lt;svg" in body
    api = client.post("/api/match", json={"text": text, "title": payload}).json()
    assert api["title"] == payload  # JSON carries the text as it was: escaping is the page's business


def test_pages_refuse_a_foreign_host(client):
    for host in ("evil.example", "evil.example:8765", "127.0.0.1.evil.example"):
        response = client.get("/", headers={"host": host})
        assert response.status_code == 400
        assert "unknown Host" in response.text
    assert client.get("/api/saved", headers={"host": "attacker.test"}).json()["error"].startswith("unknown Host")
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"):
        assert client.get("/", headers={"host": host}).status_code == 200


def test_changes_from_another_origin_are_refused(client):
    cross = {"origin": "http://evil.example"}
    assert client.post("/api/saved", json={"text": POSTING}, headers=cross).status_code == 403
    assert client.post("/save", data={"text": POSTING}, headers=cross).status_code == 403
    assert client.delete("/api/saved/1", headers={"origin": "null"}).status_code == 403
    assert (
        client.post("/api/saved", json={"text": POSTING}, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    )
    assert client.post("/save", data={"text": "x"}, headers={"referer": "http://evil.example/page"}).status_code == 403
    same = client.post("/save", data={"text": POSTING}, headers={"origin": BASE}, follow_redirects=False)
    assert same.status_code == 303  # a form of this page: saved
    assert client.get("/").status_code == 200  # reading needs no origin


def test_a_body_over_5_mb_is_413_and_the_server_goes_on(client):
    big = "Python and SQL. " * 330_000  # 5.3 MB
    response = client.post("/api/match", json={"text": big})
    assert response.status_code == 413
    assert "over 5 MB" in response.json()["error"]
    page = client.post("/", data={"text": big}, headers={"origin": BASE})
    assert page.status_code == 413 and "over 5 MB" in page.text

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(6):
            yield b"x" * 1_000_000

    streamed = client.post("/api/match", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.post("/api/match", json={"text": "We need Python."}).status_code == 200


def test_bad_input_is_a_4xx_with_a_message(client, httpserver):
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    cases = [
        (client.post("/api/match", json={"text": "   "}), 400, "paste a posting"),
        (client.post("/api/match", json={"url": httpserver.url_for("/gone")}), 400, "404"),
        (client.post("/api/match", json={"url": "file:///etc/passwd"}), 400, "not an http(s) address"),
        (client.get("/api/saved/424242"), 404, "no saved posting with id 424242"),
        (client.delete("/api/saved/424242"), 404, "no saved posting"),
        (client.get("/api/rank", params={"profile": "nope"}), 404, "no profile 'nope'"),
        (client.post("/api/profile", files={"file": ("me.toml", b"[skills\nPython = 3")}), 400, "invalid TOML"),
        (client.post("/api/profile", files={"file": ("me.docx", b"PK\x03\x04")}), 400, "a résumé"),
        (client.post("/api/profile", files={"file": ("cv.txt", b"\x00\x01binary")}), 400, "binary"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.text
        assert words in response.json()["error"], response.json()
        assert "Traceback" not in response.text
    assert "/tmp" not in cases[6][0].json()["error"]  # the upload's name, not its temporary copy
    assert client.get("/api/saved/abc").status_code == 422  # not a number: FastAPI's own 4xx

    page = client.post("/", data={"url": httpserver.url_for("/gone")}, headers={"origin": BASE})
    assert page.status_code == 400 and 'id="error"' in page.text and "404" in page.text
    page = client.post(
        "/", data={"text": POSTING}, files={"profile_file": ("bad.toml", b"[skills]\nPython = 'lots'")},
        headers={"origin": BASE},
    )  # fmt: skip
    assert page.status_code == 400 and "bad.toml" in page.text
    assert client.get("/saved/99999").status_code == 404
    assert client.get("/saved", params={"min_score": "high"}).status_code == 400
    assert client.get("/api/profile").json()["key"] == "start"  # a bad upload never became the profile
    assert client.post("/api/match", json={"text": "We need Python."}).status_code == 200


def test_profile_upload_edit_and_download(client):
    toml = '[profile]\nname = "Ana"\nroles = ["Data Scientist"]\n\n[skills]\nPython = 4\nPyhton = true\nSQL = true\n'
    added = client.post("/api/profile", files={"file": ("ana.toml", toml.encode())})
    assert added.status_code == 201
    info = added.json()
    assert [s["name"] for s in info["skills"]] == ["Python", "SQL"]
    assert info["unknown"] == [{"name": "Pyhton", "suggestions": info["unknown"][0]["suggestions"]}]
    assert "Python" in info["unknown"][0]["suggestions"]
    assert info["roles"] == ["Data Scientist"] and info["toml"] == toml
    page = client.get("/profile")
    assert "Pyhton" in page.text and "did you mean" in page.text
    download = client.get("/profile.toml")
    assert download.text == toml and "attachment" in download.headers["content-disposition"]

    edited = client.post("/profile", data={"toml": "[skills]\nR = true\nTableau = 2\n"}, headers={"origin": BASE})
    assert edited.status_code == 200 and "Tableau" in edited.text
    assert {s["name"] for s in client.get("/api/profile").json()["skills"]} == {"R", "Tableau"}
    resume = client.post("/api/profile", files={"file": ("cv.md", b"# Data Analyst\n\nSQL, Excel and Power BI.\n")})
    assert {"SQL", "Power BI"} <= {s["name"] for s in resume.json()["skills"]}
    keys = [p["key"] for p in client.get("/api/profiles").json()["profiles"]]
    assert keys[0] == "start" and len(keys) == 4
    client.get("/profile", params={"profile": "start"})  # back to the start profile for the other tests
    assert client.get("/api/profiles").json()["current"] == "start"


def test_gaps_page_draws_the_chart(client):
    client.post("/api/saved", json={"text": POSTING})
    page = client.get("/gaps")
    assert page.status_code == 200
    gaps = client.get("/api/gaps").json()["gaps"]
    assert page.text.count('class="bar"') == len(gaps) > 0
    assert gaps[0]["name"] in page.text


def test_openapi_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/match", "/api/extract", "/api/rank", "/api/gaps", "/api/saved", "/api/profile"} <= set(
        schema["paths"]
    )
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/match" in docs.text
    for path in ("/", "/api/docs", "/saved", "/gaps", "/profile"):
        body = client.get(path).text
        assert "http://" not in body.replace(BASE, "").replace("http://127.0.0.1:8765", "") or path == "/api/docs"
        assert "https://" not in body.replace('placeholder="https://…"', "")
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "@import" not in css.text and "url(" not in css.text


def test_a_posting_saved_from_an_address_is_fetched_again(client, httpserver):
    page = "<html><head><title>Data Engineer</title></head><body><h1>Data Engineer</h1><p>{}</p></body></html>"
    httpserver.expect_ordered_request("/job/7").respond_with_data(
        page.format("We need Python and Airflow."), content_type="text/html"
    )
    httpserver.expect_ordered_request("/job/7").respond_with_data(
        page.format("We need Python, Airflow and dbt."), content_type="text/html"
    )
    url = httpserver.url_for("/job/7")
    first = client.post("/api/saved", json={"url": url}).json()
    assert first["source"] == url and first["new"]
    again = client.post(f"/saved/{first['id']}/refetch", headers={"origin": BASE}, follow_redirects=False)
    assert again.status_code == 303
    new_id = int(again.headers["location"].split("/")[2].split("?")[0])
    assert new_id != first["id"] and "dbt" in client.get(f"/api/saved/{new_id}").json()["text"]
    assert client.get(f"/api/saved/{first['id']}").status_code == 404  # the old text replaced
    client.delete(f"/api/saved/{new_id}")
    pasted = client.post("/api/saved", json={"text": "Welder\n\nMIG welding."}).json()
    refused = client.post(f"/saved/{pasted['id']}/refetch", headers={"origin": BASE})
    assert refused.status_code == 400 and "nothing to fetch again" in refused.text
    client.delete(f"/api/saved/{pasted['id']}")


def test_an_uploaded_file_s_name_is_shown_as_text(client):
    name = '"><svg onload=alert(1)><img src=x onerror=alert(2)>.toml'
    added = client.post("/api/profile", files={"file": (name, b"[skills]\nPython = true\n")})
    assert added.status_code == 201 and "<svg onload=alert(1)>" in added.json()["label"]
    for path in ("/", "/profile", "/saved", "/gaps"):
        body = client.get(path).text
        assert "<svg onload" not in body and "<img src=x" not in body
        assert "&lt;svg onload=alert(1)&gt;" in body
    client.get("/profile", params={"profile": "start"})


def test_a_kept_profile_is_offered_at_the_next_start(client, db):
    from fastapi.testclient import TestClient

    from jobmatch.web import create_app

    toml = '[profile]\nname = "Kim"\n\n[skills]\nKotlin = 3\nAndroid = true\n'
    client.post("/api/profile", files={"file": ("kim.toml", toml.encode())})
    kept = client.post("/profile/keep", data={"profile": client.get("/api/profile").json()["key"]},
                       headers={"origin": BASE})  # fmt: skip
    assert kept.status_code == 200 and "Kept as" in kept.text
    assert (db.parent / "jobmatch-profiles" / "kim.toml").read_text(encoding="utf-8") == toml
    again = client.post("/api/profile/keep").json()  # the same profile: the same file, not a copy
    assert again["path"].endswith("kim.toml") and len(list((db.parent / "jobmatch-profiles").glob("*.toml"))) == 1
    client.get("/profile", params={"profile": "start"})

    later = create_app(profile=str(PROFILE), db=str(db), warm=False)
    later.state.work.warm_up()
    with TestClient(later, base_url=BASE) as second:
        labels = {p["key"]: p["label"] for p in second.get("/api/profiles").json()["profiles"]}
        assert labels == {"start": "ml-engineer.toml (given at start)", "kept-kim": "kim (kept)"}
        assert second.get("/api/profiles").json()["current"] == "start"
        skills = {s["name"] for s in second.get("/api/profile", params={"profile": "kept-kim"}).json()["skills"]}
        assert skills == {"Kotlin", "Android"}
