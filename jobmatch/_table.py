"""Plain tables for the terminal, fast enough for a row per posting.

rich's ``Table`` measures, wraps and crops every cell through its segment machinery: about 2 ms a
row, seconds for a folder of postings. These tables only need words wrapped at spaces, long words
folded, columns padded by display width and a few styles (a cell's, or a word's), which plain
string work does in microseconds.
rich still decides what the terminal is (``terminal``): its width, and which styles it shows (none
in a pipe or a file, no colour under NO_COLOR), so the output looks where and as it did.

Every text is made harmless here (``safe``): a posting's control characters never reach the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

# Control characters from a posting or a file name would reach the terminal: ESC sequences can
# retitle, clear or hijack it. Each becomes one visible character (the Unicode control pictures,
# ␛ for ESC), so offsets into a text stay where they were; \r becomes a space; tabs and newlines stay.
CONTROL_PICTURES = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)},
    0x0D: 0x20,
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
    # bidirectional overrides and isolates reorder what is shown ("Trojan Source")
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}

# rich's names for the styles a table uses; ``terminal`` turns each into the codes rich would write
STYLES = ("bold", "dim", "red", "green", "yellow", "cyan", "dim italic")


_CONTROLS = re.compile(f"[{re.escape(''.join(map(chr, CONTROL_PICTURES)))}]")


def safe(text: str) -> str:
    """``text`` with every control character shown as one harmless character (same length)."""
    # translate looks each character up in a dict; one regex search spares the (many) clean texts that
    return text.translate(CONTROL_PICTURES) if _CONTROLS.search(text) else text


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes: wide (CJK) characters 2, combining marks 0."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def _fold(word: str, width: int) -> list[tuple[str, int]]:
    """A word wider than ``width`` cut into pieces that fit (a wide character is never split)."""
    pieces: list[tuple[str, int]] = []
    start, used = 0, 0
    for at, char in enumerate(word):
        w = _char_width(char) if not char.isascii() else 1
        if used + w > width and used:
            pieces.append((word[start:at], used))
            start, used = at, 0
        used += w
    pieces.append((word[start:], used))
    return pieces


def wrap(text: str, width: int, *, max_lines: int = 0) -> list[tuple[str, int]]:
    """``text`` in lines of at most ``width`` cells, as (line, cells): words wrapped at spaces, a
    word wider than a line folded; runs of white space are one space. With ``max_lines``, the lines
    after it are dropped and the last kept one ends in "…"."""
    width = max(width, 1)
    lines: list[tuple[str, int]] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        w = cell_len(word)
        if line and used + 1 + w <= width:
            line.append(word)
            used += 1 + w
            continue
        if line:
            lines.append((" ".join(line), used))
            if max_lines and len(lines) > max_lines:  # enough to know it is cut: a paragraph stops here
                line = []
                break
        if w > width:
            *whole, (last, used) = _fold(word, width)
            lines += whole
            line = [last]
        else:
            line, used = [word], w
    if line:
        lines.append((" ".join(line), used))
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last, used = lines[-1]
        while last and used + 1 > width:  # room for "…": whole words off first, then letters
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
            used = cell_len(last)
        lines[-1] = (last + "…", used + 1)
    return lines


class Part(NamedTuple):
    """A paragraph of a cell: it starts on a line of its own, in one style, at most ``max_lines`` long.
    With ``runs``, styles within it instead: (end, style) pairs, each style up to its end offset."""

    text: str
    style: str = ""
    max_lines: int = 0
    runs: tuple[tuple[int, str], ...] = ()


def styled(pieces: Iterable[tuple[str, str]]) -> Part:
    """A paragraph made of (text, style) pieces, each shown in its own style."""
    text, runs = "", []
    for piece, style in pieces:
        text += _BREAKS.sub(" ", piece)  # a tab or a line break inside a line is one space: offsets hold
        runs.append((len(text), style))
    return Part(text, runs=tuple(runs))


_WORD = re.compile(r"\S+")
_BREAKS = re.compile(r"[^\S ]")


def _spans(text: str, width: int) -> list[tuple[int, int, int]]:
    """Where ``wrap`` would break ``text``, as (start, end, cells) of each line: words at their
    places in ``text``, so styles by offset still hold."""
    width = max(width, 1)
    lines: list[tuple[int, int, int]] = []
    start = end = used = -1
    for match in _WORD.finditer(text):
        at, stop = match.span()
        w = cell_len(match.group())
        if start >= 0 and used + cell_len(text[end:at]) + w <= width:
            used += cell_len(text[end:at]) + w
            end = stop
            continue
        if start >= 0:
            lines.append((start, end, used))
        if w > width:
            for piece, cells in _fold(match.group(), width):
                lines.append((at, at + len(piece), cells))
                at += len(piece)
            start, end, used = lines.pop()
        else:
            start, end, used = at, stop, w
    if start >= 0:
        lines.append((start, end, used))
    return lines


def _styled_lines(part: Part, width: int, styles: dict[str, tuple[str, str]]) -> list[tuple[str, int]]:
    """``part``'s lines, each piece in the codes of its run's style."""
    lines = []
    for start, end, used in _spans(part.text, width):
        out, at = [], start
        for stop, style in part.runs:
            if stop <= at:
                continue
            piece, codes = part.text[at : min(stop, end)], styles.get(style)
            out.append(codes[0] + piece + codes[1] if codes and piece.strip() else piece)
            at = min(stop, end)
            if at >= end:
                break
        lines.append(("".join(out), used))
    return lines


Cell = str | Sequence[Part]


@dataclass(frozen=True)
class Column:
    """A column: its header; how its text sits; a fixed width, or None for as wide as its widest
    text within what the other columns leave; whether its text may wrap; a style for plain cells."""

    header: str
    justify: Literal["left", "right"] = "left"
    width: int | None = None
    wrap: bool = True
    style: str = ""


def _parts(cell: Cell, column: Column) -> Sequence[Part]:
    return (Part(cell, column.style),) if isinstance(cell, str) else cell


def _widths(
    columns: Sequence[Column], rows: list[list[list[Part]]], width: int, gap: int, *, show_header: bool
) -> list[int]:
    """Each column's width, as rich gives a table that is not expanded: a fixed width stays; a
    column is as wide as its header and widest text; wrapping columns share what is left when the
    whole is wider than ``width``, each in proportion to its text."""
    natural = []
    for index, column in enumerate(columns):
        if column.width is not None:
            natural.append(column.width)
            continue
        texts = (part.text for row in rows for part in row[index])
        header = cell_len(column.header) if show_header else 0
        natural.append(max((header, *(cell_len(" ".join(t.split())) for t in texts))))
    flexible = [i for i, c in enumerate(columns) if c.width is None and c.wrap]
    left = width - gap * (len(columns) - 1) - sum(w for i, w in enumerate(natural) if i not in flexible)
    wanted = sum(natural[i] for i in flexible)
    if wanted <= left:
        return natural
    widths = list(natural)
    for i in flexible:  # not so narrow that a word takes a line a letter: past that, the terminal wraps
        widths[i] = max(min(natural[i], 8), left * natural[i] // wanted)
    return widths


def _pad(text: str, used: int, codes: tuple[str, str] | None, *, width: int, justify: str) -> str:
    if codes and text:
        text = codes[0] + text + codes[1]
    space = " " * max(width - used, 0)
    return space + text if justify == "right" else text + space


def render(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    *,
    width: int,
    styles: dict[str, tuple[str, str]] | None = None,
    caption: str = "",
    gap: int = 2,
    show_header: bool = True,
) -> str:
    """The table as text (each line ends in a newline): a bold header row (with ``show_header``),
    then each row, cells wrapped to their column and ``gap`` spaces apart, then ``caption`` centred
    under it. ``styles`` holds the codes that start and end each named style (``terminal``); none:
    plain text."""
    styles = styles or {}
    body = [
        [
            [p._replace(text=safe(p.text)) for p in _parts(cell, column)]
            for cell, column in zip(row, columns, strict=True)
        ]
        for row in rows
    ]
    widths = _widths(columns, body, width, gap, show_header=show_header)
    between = " " * gap
    out: list[str] = []
    header = [[Part(safe(c.header), "bold")] for c in columns]
    blanks = [" " * w for w in widths]
    for row in (header, *body) if show_header else body:
        cells = [
            [
                _pad(line, used, codes, width=w, justify=column.justify)
                for part in parts
                for codes, lines in [
                    (None, _styled_lines(part, w, styles))
                    if part.runs
                    else (styles.get(part.style), wrap(part.text, w, max_lines=part.max_lines))
                ]
                for line, used in lines
            ]
            for parts, w, column in zip(row, widths, columns, strict=True)
        ]
        height = max(map(len, cells))
        for cell, blank in zip(cells, blanks, strict=True):
            if len(cell) < height:  # a header that wraps sits on the rows, as rich's does
                at = 0 if row is header else len(cell)
                cell[at:at] = [blank] * (height - len(cell))
        out += [between.join(line).rstrip(" ") + "\n" for line in zip(*cells, strict=True)]
    if caption:
        total = sum(widths) + gap * (len(columns) - 1)
        codes = styles.get("dim italic")
        for line, used in wrap(safe(caption), total):
            out.append(_pad(line, used, codes, width=used + (total - used) // 2, justify="right") + "\n")
    return "".join(out)


def paragraph(
    text: str | Part,
    *,
    width: int,
    style: str = "",
    styles: dict[str, tuple[str, str]] | None = None,
    indent: int = 0,
) -> str:
    """``text`` (or a ``styled`` part) wrapped to ``width`` after ``indent`` spaces, in ``style`` where
    the terminal shows styles (each line ends in a newline)."""
    styles = styles or {}
    if isinstance(text, Part):
        lines, codes = _styled_lines(text._replace(text=safe(text.text)), width - indent, styles), None
    else:
        lines, codes = wrap(safe(text), width - indent), styles.get(style)
    return "".join(" " * indent + _pad(line, used, codes, width=used, justify="left") + "\n" for line, used in lines)


def terminal() -> tuple[int, dict[str, tuple[str, str]]]:
    """The width of standard output and the codes for each style in ``STYLES``, as rich's Console
    sees them: the terminal's width, else $COLUMNS, else 80; styles only on a terminal (or where
    FORCE_COLOR and TTY_COMPATIBLE say so), no colour under NO_COLOR; nothing in a pipe or a file."""
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=False)
    styles: dict[str, tuple[str, str]] = {}
    if console.is_terminal and not console.legacy_windows:
        for name in STYLES:
            with console.capture() as captured:
                console.print(Text("\0", style=name), end="")
            start, _, end = captured.get().partition("\0")
            if start:
                styles[name] = (start, end)
    return console.width, styles
