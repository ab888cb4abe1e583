"""`jobmatch serve` in a real browser: Debian's chromium, headless, driven by Playwright, against a
uvicorn server this test starts on 127.0.0.1. Paste a posting, upload a profile, read the score and
the highlighted skills from the page; save it and find it ranked; markup in a posting stays text.
Screenshots of the main pages at a desktop and a phone size go to a folder the test prints
(``JOBMATCH_SCREENSHOTS`` to choose it)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SAMPLES

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
PROFILE = SAMPLES / "profiles" / "ml-engineer.toml"
POSTING = (SAMPLES / "ml-engineer-northwind.md").read_text(encoding="utf-8")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A uvicorn server on a free loopback port in a thread, with an empty store and no profile."""
    import uvicorn

    from jobmatch.web import create_app

    app = create_app(db=str(tmp_path_factory.mktemp("browser") / "jobmatch.db"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    app.state.work._loaded_start.wait(60)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def shots():
    folder = Path(os.environ.get("JOBMATCH_SCREENSHOTS") or tempfile.mkdtemp(prefix="jobmatch-screenshots-"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots of jobmatch serve: {folder}")


def _api(base: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode() if body is not None else None,
        headers={"content-type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width


def test_paste_match_save_and_rank(server, browser, shots, capsys):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.fill("#text", POSTING)
    page.set_input_files("#profile-file", str(PROFILE))
    page.click("#match")
    page.wait_for_selector("[data-testid=score]")

    expected = _api(server, "/api/match", {"text": POSTING})  # the uploaded profile is now the current one
    assert float(page.inner_text("[data-testid=score]")) == expected["score"]
    assert float(page.inner_text("[data-testid=fit]")) == expected["fit"]
    assert _in_view(page, "#score") and _in_view(page, "[data-testid=fit]")
    marked = {kind: set(page.locator(f"#posting-text mark.hl.{kind}").all_inner_texts()) for kind in
              ("matched", "partial", "missing")}  # fmt: skip
    assert "PyTorch" in marked["matched"]
    assert marked["missing"], "a missing skill is highlighted"
    names = {i["name"].lower() for i in expected["missing"]}
    assert any(m.lower() in names or m.lower().rstrip("s") in names for m in marked["missing"])
    # not by colour alone: each kind carries its own mark after the text
    after = page.eval_on_selector("#posting-text mark.hl.matched", "e => getComputedStyle(e, '::after').content")
    assert "✓" in after
    assert page.locator("#legend mark.hl.missing").count() == 1
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("window.scrollTo(0, 0)")
        assert _in_view(page, "#score"), f"the score is out of view at {name} size"
        page.screenshot(path=str(shots / f"match-{name}.png"))

    page.set_viewport_size({"width": 1280, "height": 800})
    page.click("#save")
    page.wait_for_url("**/saved/*?saved=1")
    assert "Saved as #" in page.inner_text("main")
    _api(server, "/api/saved", {"text": (SAMPLES / "data-analyst-bluewillow.txt").read_text(encoding="utf-8")})
    page.goto(server + "/saved")
    rows = page.locator("#ranking .rank-row")
    assert rows.count() == 2
    assert expected["title"] in rows.nth(0).inner_text()  # the ML posting first for an ML engineer
    ranked = _api(server, "/api/rank")
    assert float(rows.nth(0).locator(".sc").inner_text()) == ranked[0]["score"] > 10  # saved as it was matched
    page.goto(server + "/gaps")
    assert page.locator("#gaps-chart rect.bar").count() > 0
    for url, name in (("/saved", "saved"), ("/gaps", "gaps"), ("/profile", "profile")):
        page.goto(server + url)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(shots / f"{name}-{size}.png"), full_page=size == "desktop")
    page.goto(server + "/saved")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#ranking .rank-row").nth(1).locator("button").click()
    page.wait_for_url("**/saved?deleted=1")
    assert page.locator("#ranking .rank-row").count() == 1
    assert not dialogs
    with capsys.disabled():
        print(f"\nscreenshots of jobmatch serve: {shots}")
    if os.environ.get("JOBMATCH_SCREENSHOT_FOR_README"):
        shutil.copy(shots / "match-desktop.png", os.environ["JOBMATCH_SCREENSHOT_FOR_README"])


def test_markup_in_a_posting_is_shown_as_text(server, browser):
    payloads = [
        "<script>window.__xss = 1</script>",
        "<img src=x onerror=window.__xss=2>",
        '"><svg onload=window.__xss=3>',
    ]
    text = "Data Engineer\n\nWe need Python and SQL. " + " ".join(payloads) + "\n"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.fill("#text", text)
    page.fill("#title", payloads[2])
    page.click("#match")
    page.wait_for_selector("[data-testid=score]")
    shown = page.inner_text("#posting-text")
    for payload in payloads:
        assert payload in shown  # as text, whole
    assert page.inner_text("#result-title") == payloads[2]
    assert page.locator("main script, main img, main svg").count() == 0
    page.click("#save")
    page.wait_for_url("**/saved/*")
    page.goto(server + "/saved")
    assert payloads[2] in page.inner_text("#ranking")
    assert page.evaluate("window.__xss") is None and not dialogs
