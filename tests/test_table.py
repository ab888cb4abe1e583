"""The plain table renderer (jobmatch._table) and the `rank` table drawn with it: what a person sees."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, load_cases

from jobmatch._table import Column, Part, cell_len, render, terminal, wrap
from jobmatch.cli import cli

PROFILE = str(SAMPLES / "profiles" / "ml-engineer.toml")
# what rich writes for the table's styles: bold, dim, red, dim italic (the caption), and the reset
SGR = re.compile(r"\x1b\[(?:1|2|31|2;3|0)m")
HOSTILE = "Data Engineer \x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \u202eevil"


@pytest.mark.parametrize("case", load_cases("table_wrap.jsonl"), ids=lambda c: c["why"])
def test_wrap(case):
    lines = wrap(case["text"], case["width"], max_lines=case["max_lines"])
    assert [line for line, _ in lines] == case["expected"]
    assert all(used == cell_len(line) <= case["width"] for line, used in lines)


@pytest.mark.parametrize(
    "case", [c for c in load_cases("table_wrap.jsonl") if not c["max_lines"]], ids=lambda c: c["why"]
)
def test_styled_text_breaks_where_plain_text_does(case):
    from jobmatch._table import styled

    text = " ".join(case["text"].split())
    # the words in alternating styles: each line is the plain line, its words in their codes
    words = text.split(" ")
    part = styled((word + " " * (n < len(words) - 1), "bold" if n % 2 else "") for n, word in enumerate(words))
    got = render(
        [Column("x", width=case["width"])],
        [[[part]]],
        width=case["width"],
        styles={"bold": ("<", ">")},
        show_header=False,
    )
    plain = [line.replace("<", "").replace(">", "") for line in got.splitlines()]
    assert plain == case["expected"]


def test_safe_shows_every_control_character_and_leaves_clean_text_alone():
    from jobmatch._table import CONTROL_PICTURES, safe

    hostile = "".join(map(chr, CONTROL_PICTURES))
    shown = safe(hostile)
    assert len(shown) == len(hostile) and not set(shown) & set(hostile)
    assert safe(f"tab\there{HOSTILE}") == "tab\there" + safe(HOSTILE) and "␛]0;pwned␇" in safe(HOSTILE)
    clean = "Data Engineer – Berlin, 東京"
    assert safe(clean) is clean


def test_cell_widths():
    assert cell_len("Data Engineer") == 13
    assert cell_len("東京") == 4  # wide
    assert cell_len("Re\u0301sume\u0301") == 6  # combining accents take no cell
    assert cell_len("␛]0;x") == 5  # a control picture is one ordinary cell


def _rank(*args: str, **env: str) -> str:
    result = CliRunner().invoke(cli, ["rank", str(SAMPLES), "--profile", PROFILE, "-q", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def tables() -> dict[int, str]:
    return {width: _rank("--top=12", COLUMNS=str(width)) for width in (40, 80, 160)}


@pytest.mark.parametrize("width", [40, 80, 160])
def test_rank_columns_line_up(tables, width):
    text = tables[width]
    lines = text.splitlines()
    assert all(cell_len(line) <= width for line in lines), width
    top = next(line for line in lines if "why" in line)  # a narrow header wraps; its first line names both
    title, why = top.index("title"), top.index("why")
    header = next(line for line in lines if line.lstrip().startswith("#"))
    fit_end, score_end = header.index("fit") + 3, header.index("score") + 5
    body = lines[lines.index(header) + 1 : next(i for i, line in enumerate(lines) if "sources in" in line)]
    starts = [line for line in body if re.match(r"\s*\d+\s", line)]
    assert len(starts) == 12 and [int(line.split()[0]) for line in starts] == list(range(1, 13))
    for line in starts:  # numbers right-justified under their headers
        assert re.fullmatch(r"\s*\d+", line[: header.index("#") + 1])
        assert line[fit_end - 1] != " " and line[fit_end] == " " and line[score_end - 1] != " "
    for line in body:  # every title and reason starts in its column, two spaces after the one before
        assert line[title - 2 : title] == "  " and line[title] != " " if line in starts else not line[:title].strip()
        if len(line) > why:
            assert line[why - 2 : why] == "  " and line[why] != " "
    assert "".join(line[title:why].strip() for line in body).count("ml-engineer-northwind.md") == 1  # folded whole
    assert "".join(line[why:] for line in body).count("missing") >= 10
    # the width split: the title column takes half of what the numbers leave, more for a long file
    # name while the reasons keep 24 columns (see _print_ranking)
    free = width - 2 - 16
    assert free // 2 <= why - title - 2 <= max(free // 2, free - 24)


def test_caption_is_centred_under_the_table_and_the_footnote_wraps(tables):
    lines = tables[80].splitlines()
    caption = next(line for line in lines if "sources in" in line)
    assert caption.strip() == f"sources in {SAMPLES.name}/" or caption.strip().endswith(f"{SAMPLES.name}/")
    table_width = max(len(line) for line in lines[: lines.index(caption)])
    left = len(caption) - len(caption.lstrip())
    assert abs(left - (table_width - len(caption))) <= 1
    footnote = " ".join(lines[lines.index(caption) + 1 :])
    assert footnote.startswith("fit: how well the posting fits you") and footnote.endswith("for you have")
    assert all(len(line) <= 80 for line in lines[lines.index(caption) + 1 :])


def test_a_pipe_gets_no_styles_a_terminal_gets_rich_s(monkeypatch):
    assert "\x1b" not in _rank("--top=3")
    shown = _rank("--top=3", FORCE_COLOR="1", TTY_COMPATIBLE="1", COLUMNS="100")
    assert re.search(r"\x1b\[1m(84|\d+\.\d)\x1b\[0m", shown)  # bold fit
    assert "\x1b[2mml-engineer-" in shown  # dim source
    assert "\x1b[31mmissing " in shown  # red missing
    assert "\x1b[2;3msources in" in shown  # rich's caption style
    assert "\x1b" not in SGR.sub("", shown)
    plain = _rank("--top=3", FORCE_COLOR="1", TTY_COMPATIBLE="1", COLUMNS="100", NO_COLOR="1")
    assert "\x1b[31m" not in plain and "\x1b[1m" in plain  # NO_COLOR: no colour, bold and dim stay
    assert SGR.sub("", plain) == SGR.sub("", shown)  # the same text either way
    monkeypatch.setenv("COLUMNS", "123")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert terminal() == (123, {})


def _folder(tmp_path, postings: dict[str, dict[str, str]]) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, posting in postings.items():
        (folder / name).write_text(json.dumps(posting, ensure_ascii=False), encoding="utf-8")
    return str(folder)


PARAGRAPH = (
    "About us: we are a fast-growing fintech building the next generation of payment rails for small "
    "businesses across Europe, and we are hiring a Machine Learning Engineer to join our risk team in Berlin"
)


def test_rank_table_of_tricky_titles(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "cjk.json": {"title": "機械学習エンジニア（東京）", "description": "Python, PyTorch and SQL."},
            "evil.json": {"title": HOSTILE, "description": "We need Python and SQL."},
            "prose.json": {"title": PARAGRAPH, "description": "Python, PyTorch, Kubernetes and SQL."},
        },
    )
    for env in ({}, {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}):
        result = CliRunner().invoke(cli, ["rank", folder, "--profile", PROFILE, "-q"], env=env)
        assert result.exit_code == 0, result.output
        text = SGR.sub("", result.stdout)
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        lines = text.splitlines()
        assert all(cell_len(line) <= 80 for line in lines)
        why = lines[0].index("why")
        for line in lines[1 : next(i for i, line in enumerate(lines) if "sources in" in line)]:
            if cell_len(line) > why:  # the reasons start in one display column, wide titles or not
                cut = next(i for i in range(len(line)) if cell_len(line[:i]) == why)
                assert line[cut - 2 : cut] == "  " and line[cut] != " ", line
        assert "␛]0;pwned␇" in text  # shown, harmless
        assert "機械学習エンジニア" in text
        # the paragraph-title: three lines, the last ending in …, then its file name
        title = lines[0].index("title")
        column = [line[title:why].rstrip() for line in lines]
        start = next(i for i, cell in enumerate(column) if cell.startswith("About us"))
        assert column[start + 2].endswith("…") and column[start + 3] == "prose.json"
        assert "risk team" not in text


def test_an_empty_ranking_is_the_header_alone():
    text = _rank("--min-fit=1000")
    assert text.split() == ["#", "fit", "score", "title", "/", "source", "why", "·", "missing"]


def test_render_pads_wide_text_by_display_width():
    columns = [Column("#", justify="right", wrap=False), Column("title", width=10), Column("why")]
    rows = [("1", (Part("東京のデータエンジニア"), Part("a.json", "dim")), "Python"), ("10", "x", "SQL")]
    text = render(columns, rows, width=40, styles={"dim": ("<", ">"), "bold": ("", "")})
    lines = text.splitlines()
    assert lines == [
        " #  title       why",
        " 1  東京のデー  Python",
        "    タエンジニ",
        "    ア",
        "    <a.json>",
        "10  x           SQL",
    ]


def test_styles_within_a_paragraph_follow_their_words_across_lines():
    from jobmatch._table import styled

    columns = [Column("category", wrap=False), Column("skills")]
    cell = styled(
        [("Kubernetes ×2", "bold"), (", ", ""), ("Load\nBalancing", "bold"), (", ", ""), ("Terraform (+)", "")]
    )
    text = render(columns, [("MLOps", [cell])], width=30, styles={"bold": ("<", ">")}, show_header=False)
    assert text.splitlines() == [
        "MLOps  <Kubernetes ×2>, <Load>",
        "       <Balancing>, Terraform",
        "       (+)",
    ]


def _extract(*args: str, **env: str) -> str:
    result = CliRunner().invoke(cli, ["extract", *args, "-q"], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_extract_table_in_a_pipe_and_on_a_terminal(tmp_path):
    sources = [str(SAMPLES / "backend-go-kestrel.md"), str(SAMPLES / "chef-ashandoak.txt")]
    plain = _extract(*sources, COLUMNS="60")
    assert "\x1b" not in plain
    lines = plain.splitlines()
    assert all(cell_len(line) <= 60 for line in lines)
    assert " ".join(lines[:3]).startswith(f"{sources[0]} — Senior Backend Engineer")  # the heading wraps
    assert re.search(r"^Level +senior · 5\+ years$", plain, re.M)
    assert sum(line.startswith("  ") and "skills: " in line for line in lines) == 2  # one footnote a posting
    assert lines.count("") == 1  # a blank line between the postings
    shown = _extract(*sources, COLUMNS="60", FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert SGR.sub("", shown.replace("\x1b[36m", "")) == plain  # the same text, styled
    assert "\x1b[1mLevel\x1b[0m" in shown and "\x1b[36mDatabases\x1b[0m" in shown  # bold field, cyan category
    assert re.search(r"\x1b\[1mKubernetes ×\d\x1b\[0m", shown)  # required: bold
    assert "\x1b[2m" in shown  # the footnote, dim


def test_extract_table_of_a_hostile_posting_on_a_terminal(tmp_path):
    path = tmp_path / "evil.json"
    path.write_text(json.dumps({"title": HOSTILE, "description": "We need Python and SQL."}), encoding="utf-8")
    shown = _extract(str(path), FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert "\x1b" not in SGR.sub("", shown.replace("\x1b[36m", "")) and "\x07" not in shown
    assert "␛]0;pwned␇" in shown


def test_extract_table_of_a_posting_without_skills():
    result = CliRunner().invoke(cli, ["extract", "-"], input="Beach Walker\nWe like long walks on the beach.\n")
    assert result.exit_code == 0
    assert result.stdout == "- — Beach Walker\n  no skills found\n"
    # a sentence is no title: the source alone heads it
    result = CliRunner().invoke(cli, ["extract", "-"], input="We like long walks on the beach.\n")
    assert result.exit_code == 0
    assert result.stdout == "-\n  no skills found\n"


def test_match_lists_in_a_pipe_and_on_a_terminal():
    args = ["match", str(SAMPLES / "ml-engineer-northwind.md"), str(SAMPLES / "chef-ashandoak.txt")]
    args += ["--profile", PROFILE, "-q", "--no-text"]
    plain = CliRunner().invoke(cli, args, env={"COLUMNS": "70"}).stdout
    assert "\x1b" not in plain and all(cell_len(line) <= 70 for line in plain.splitlines())
    blocks = plain.split("\n\n")
    assert len(blocks) == 2 and blocks[1].startswith(str(SAMPLES / "chef-ashandoak.txt"))
    heading, score = blocks[0].split("\nScore ", 1)  # the heading first, however many lines it wraps to
    assert " ".join(heading.split()).endswith("— Senior Machine Learning Engineer – Demand Forecasting")
    assert re.match(r"[\d.]+ / 100 \(how much", score)
    assert "\nMatched (" in blocks[0] and "\nMissing (" in blocks[1]
    env = {"COLUMNS": "70", "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "PAGER": "false"}
    shown = CliRunner().invoke(cli, args, env=env).stdout
    assert re.search(r"Score \x1b\[1m[\d.]+\x1b\[0m / 100", shown)
    assert "\x1b[32mMatched (" in shown and "\x1b[33mPartial (" in shown and "\x1b[31mMissing (" in shown
    assert re.sub(r"\x1b\[(?:1|32|33|31|0)m", "", shown) == plain


def test_list_keeps_one_line_a_posting_aligned_with_wide_titles(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "a.json": {"title": "機械学習エンジニア（東京）", "description": "Python and SQL."},
            "b.json": {"title": PARAGRAPH, "description": "Python, PyTorch and SQL."},
            "c.json": {"title": "Data Engineer", "description": "SQL and dbt."},
        },
    )
    db = str(tmp_path / "j.db")
    assert CliRunner().invoke(cli, ["save", folder, "--db", db]).exit_code == 0
    lines = CliRunner().invoke(cli, ["list", "--db", db]).stdout.splitlines()
    assert len(lines) == 3
    # the sources start in one display column: titles padded by cells, a long one cut with …
    assert len({cell_len(line[: line.index(folder)]) for line in lines}) == 1
    titles = [line.strip().split("  ", 2)[2] for line in lines]  # id, date, then the title
    assert titles[0].startswith("機械学習エンジニア（東京）") and titles[1].startswith(
        "About us: we are a fast-growing fintech…  "
    )


def test_demand_table_by_group_is_plain_text_100_columns_wide():
    from jobmatch.cli import _demand_table

    names = ["Python", "データ分析", "Machine Learning Operations and Model Deployment Pipelines at Scale", "SQL"]
    rows = [
        {"group": group, "group_postings": 1200 + g, "skill": name.lower(), "name": name, "postings": 900 - 100 * n,
         "share": (900 - 100 * n) / 1200, "required": 500, "preferred": 300 - n, "unstated": 100}
        for g, group in enumerate(["Berlin, DE", "東京 \x1b[2J"]) for n, name in enumerate(names)
    ]  # fmt: skip
    text = _demand_table(rows, "location")
    assert "\x1b" not in text and "東京 ␛[2J — 1,201 postings" in text
    lines = text.splitlines()
    assert lines[0] == "Berlin, DE — 1,200 postings" and all(cell_len(line) <= 100 for line in lines)
    header = lines[1]
    assert header.split() == ["skill", "postings", "share", "required", "preferred", "unstated"]
    for line in lines[2:7]:  # the numbers end under their headers, a wide name or a wrapped one
        if re.search(r"\d$", line):
            cut = next(i for i in range(len(line) + 1) if cell_len(line[:i]) == len(header))
            assert cut == len(line) and line[cut - 4 : cut] == " 100"
    assert "Machine Learning Operations and Model Deployment" in text and "\nPipelines at Scale\n" in text
    assert "75%" in text and "1,200" in text
