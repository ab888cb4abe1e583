"""The tokenizer's suffix search and infix finditer: spaCy's regular expressions, tried only where they can match.

spaCy splits each chunk of text it has not met before with the English affix rules, joined into one
regular expression each: ``compile_suffix_regex`` makes ``piece1$|piece2$|…`` (84 pieces) and
``compile_infix_regex`` makes ``piece1|piece2|…``. Python's ``re`` tries every alternative at every
position: 5-8 µs a suffix search on a real chunk, 4 µs an infix scan, a large share of the ~29 µs
a new chunk costs. Most postings' words are new to a fresh process, so that is most of tokenizing.

Both searchers here give the very matches of those expressions, for less:

* suffix: every alternative ends at ``$``, which, in a string not ending in a line break, is its
  end; so an alternative can match only if the last character it consumes can be the string's last.
  The pieces are grouped by those last characters, one expression per group, the pieces in their
  order, and a string is searched with its last character's group (none: no match). A string
  ending in "\\n", where ``$`` also matches before it, gets the pieces that can end with either.
* infix: a match starts at a character some alternative can start with. A string with no such
  character has no match (half of all chunks); else, from the left, each such character is tried
  with only the pieces that can start with it (those and the pieces sharing a first character with
  them: each piece is compiled once, on first use), and after a match the scan goes on from its
  end, as ``finditer`` does (no piece matches "").

Either way what is left out cannot match there, and ``re`` picks the leftmost match, of the first
alternative (in order) matching there; so leaving out alternatives that cannot match changes no
match. The matches are real ``re.Match`` objects with the same spans (``match.re`` is the smaller
expression, ``match.pos`` may differ).

The characters an alternative starts or ends with are read off ``re``'s own parse of it
(``re._parser``, private but in every CPython since 3.11; ``sre_parse`` before). Anything not read
for certain (a character class like ``\\w``, a repeat that may be empty, flags, a piece with
capturing groups whose numbers would shift) counts as "may start or end with anything": that
piece is tried everywhere, or the whole expression is used. Without the parser, the plain compiled
expression is used: never a different match, only slower.

The searchers are handed to spaCy's ``Tokenizer`` as bound methods of objects whose ``pattern`` is
the whole expression's, since spaCy saves a tokenizer's rules as ``method.__self__.pattern``
(``Tokenizer.to_bytes``); a tokenizer loaded back gets that plain expression. They pickle as their
pieces.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["infix_finditer", "suffix_search"]

_Search = Callable[[str], "re.Match[str] | None"]
_Finditer = Callable[[str], "Iterator[re.Match[str]]"]


def _load_parser() -> tuple[Any, Any] | None:
    for parser, constants in (("re._parser", "re._constants"), ("sre_parse", "sre_constants")):
        try:
            return importlib.import_module(parser), importlib.import_module(constants)
        except ImportError:
            continue
    return None


# ``re``'s parser and its constants, or None where this Python has neither: then plain expressions
_PARSER = _load_parser()
# a character class wider than this is taken for "any character" rather than spelt out
_MAX_CLASS = 100_000


def suffix_search(pieces: Iterable[str]) -> _Search:
    """The ``search`` of spaCy's ``compile_suffix_regex(pieces)``: the same matches, found cheaper.

    >>> suffix_search([r"\\.", "km"])("10km").span()
    (2, 4)
    """
    return _suffix_searcher(tuple(pieces)).search


def infix_finditer(pieces: Iterable[str]) -> _Finditer:
    """The ``finditer`` of spaCy's ``compile_infix_regex(pieces)``: the same matches, found cheaper.

    >>> [m.span() for m in infix_finditer([r"\\.\\.+", "/"])("a/b...c")]
    [(1, 2), (3, 6)]
    """
    return _infix_finder(tuple(pieces)).finditer


def _suffix_searcher(pieces: tuple[str, ...]) -> _SuffixSearch | re.Pattern[str]:
    try:
        return _SuffixSearch(pieces)
    except _Unreadable:
        return re.compile(_suffix_pattern(pieces))


def _infix_finder(pieces: tuple[str, ...]) -> _InfixFinditer | re.Pattern[str]:
    try:
        return _InfixFinditer(pieces)
    except _Unreadable:
        return re.compile(_infix_pattern(pieces))


# as spaCy's compile_suffix_regex and compile_infix_regex join them, leaving out blank pieces
def _suffix_pattern(pieces: Iterable[str]) -> str:
    return "|".join(p + "$" for p in pieces if p.strip())


def _infix_pattern(pieces: Iterable[str]) -> str:
    return "|".join(p for p in pieces if p.strip())


class _Unreadable(Exception):
    """Pieces this module cannot read for certain: the whole expression is used."""


class _SuffixSearch:
    """``search`` of ``piece1$|piece2$|…``, each string with only the pieces that can end with its last character."""

    # last characters kept with their expression; past that many, each other one is looked up each time
    _MAX_KEPT = 65_536

    def __init__(self, pieces: tuple[str, ...]) -> None:
        self._pieces = pieces
        self._kept = [p for p in pieces if p.strip()]
        self.pattern = _suffix_pattern(pieces)
        if not self._kept:
            raise _Unreadable  # "" matches everywhere
        ends = [_last_chars(p) for p in self._kept]
        # pieces that may end with any character (or none) go in every group
        self._anywhere = tuple(i for i, chars in enumerate(ends) if chars is None)
        members: dict[str, list[int]] = {}
        for i, chars in enumerate(ends):
            for c in chars or ():
                members.setdefault(c, []).append(i)
        # last character → the pieces that can end with it, in their order
        self._groups = {c: tuple(sorted({*group, *self._anywhere})) for c, group in members.items()}
        # expressions are compiled on first use, once for each group of pieces
        self._compiled: dict[tuple[int, ...], _Search] = {(): _no_match}
        self._by_last: dict[str, _Search] = {}

    def _compile(self, group: tuple[int, ...]) -> _Search:
        search = self._compiled.get(group)
        if search is None:
            search = self._compiled[group] = re.compile(_suffix_pattern(self._kept[i] for i in group)).search
        return search

    def search(self, string: str) -> re.Match[str] | None:
        last = string[-1:]
        if last == "\n" or not last:
            return self._search_by_line_break(string)
        search = self._by_last.get(last)
        if search is None:
            search = self._compile(self._groups.get(last, self._anywhere))
            if len(self._by_last) < self._MAX_KEPT:
                self._by_last[last] = search
        return search(string)

    def _search_by_line_break(self, string: str) -> re.Match[str] | None:
        # "$" matches at the end and, before a final "\n", one character earlier: a match ends
        # consuming that "\n" or the character before it. Only pieces that may match nothing match "".
        group = set(self._anywhere)
        if string:
            group.update(self._groups.get("\n", ()))
            group.update(self._groups.get(string[-2:-1], ()))
        return self._compile(tuple(sorted(group)))(string)

    def __reduce__(self) -> tuple[Callable[[tuple[str, ...]], object], tuple[tuple[str, ...]]]:
        return (_suffix_searcher, (self._pieces,))


def _no_match(string: str) -> None:
    return None


class _InfixFinditer:
    """``finditer`` of ``piece1|piece2|…``: a match tried only where a piece can start, with only those pieces."""

    def __init__(self, pieces: tuple[str, ...]) -> None:
        self._pieces = pieces
        self._kept = [p for p in pieces if p.strip()]
        self.pattern = _infix_pattern(pieces)
        firsts = [_first_chars(p) for p in self._kept]
        if not firsts or None in firsts:
            raise _Unreadable
        self._firsts = [chars for chars in firsts if chars is not None]
        self._components = _components(self._firsts)
        # the next character where some piece can start; at it, the pieces that can start with it
        self._starts = frozenset().union(*self._firsts)
        self._find_start = re.compile(_char_class(self._starts)).search
        self._by_first = _ByFirst(self)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        if self._starts.isdisjoint(string):
            return iter(())  # half of all chunks: cheaper than any search
        # re's finditer: the leftmost match, then the leftmost from its end on (no piece matches "")
        found = []
        by_first = self._by_first
        find_start = self._find_start
        start = find_start(string)
        while start is not None:
            at = start.start()
            match = by_first[string[at]](string, at)
            if match is None:
                start = find_start(string, at + 1)
            else:
                found.append(match)
                start = find_start(string, match.end())
        return iter(found)

    def __reduce__(self) -> tuple[Callable[[tuple[str, ...]], object], tuple[tuple[str, ...]]]:
        return (_infix_finder, (self._pieces,))


class _ByFirst(dict[str, Callable[[str, int], "re.Match[str] | None"]]):
    """First character → ``match`` of the pieces that can start with it, compiled on first use.

    Pieces that share a first character are compiled together with every piece they share one
    with (a piece that cannot start with a string's character fails there at once): then each piece
    is compiled once, not once for each of its characters' sets of pieces.
    """

    def __init__(self, finder: _InfixFinditer) -> None:
        super().__init__()
        self._finder = finder
        self._compiled: dict[tuple[int, ...], Callable[[str, int], re.Match[str] | None]] = {}

    def __missing__(self, char: str) -> Callable[[str, int], re.Match[str] | None]:
        finder = self._finder
        group = next(finder._components[i] for i, first in enumerate(finder._firsts) if char in first)
        match = self._compiled.get(group)
        if match is None:
            match = self._compiled[group] = re.compile(_infix_pattern(finder._kept[i] for i in group)).match
        self[char] = match
        return match


def _components(firsts: list[frozenset[str]]) -> list[tuple[int, ...]]:
    """For each piece, the pieces linked to it by shared first characters, in their order."""
    linked = [{i} for i in range(len(firsts))]
    for i, first in enumerate(firsts):
        for j in range(i):
            if not first.isdisjoint(firsts[j]) and linked[j] is not linked[i]:
                merged = linked[i] | linked[j]
                for k in merged:
                    linked[k] = merged
    return [tuple(sorted(group)) for group in linked]


def _char_class(chars: frozenset[str]) -> str:
    """A character class of ``chars``, consecutive code points as ranges."""
    points = sorted(map(ord, chars))
    spans: list[list[int]] = []
    for point in points:
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans) + "]"


def _parse(pattern: str) -> list[tuple[Any, Any]]:
    """``re``'s parse of ``pattern``: its items in order; _Unreadable where it cannot be had or relied on."""
    if _PARSER is None:
        raise _Unreadable
    try:
        parsed = _PARSER[0].parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        raise _Unreadable from error
    # flags (inline "(?i)" apply to the whole joined expression) and capturing groups (their numbers
    # shift in a smaller expression) are not followed here
    if parsed.state.flags & ~int(re.UNICODE) or parsed.state.groups > 1:
        raise _Unreadable
    return list(parsed)


def _last_chars(piece: str) -> frozenset[str] | None:
    """The characters a match of ``piece$`` can end with, in a string not ending in "\\n"; None: any."""
    return _ends_anchored(_parse(piece + "$"))


def _ends_anchored(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    constants = _PARSER[1]  # type: ignore[index]
    if len(items) == 1 and items[0][0] is constants.BRANCH:
        # "a|b$": "$" ends only the last branch
        chars: set[str] = set()
        for branch in items[0][1][1]:
            ends = _ends_anchored(list(branch))
            if ends is None:
                return None
            chars |= ends
        return frozenset(chars)
    if not items or items[-1] != (constants.AT, constants.AT_END):
        return None
    return _edge(items[:-1], last=True)


def _first_chars(piece: str) -> frozenset[str] | None:
    """The characters a match of ``piece`` can start with; None: any."""
    return _edge(_parse(piece), last=False)


def _edge(items: list[tuple[Any, Any]], *, last: bool) -> frozenset[str] | None:
    """The characters a match of ``items`` can start (or, ``last``, end) consuming with; None: any or none."""
    constants = _PARSER[1]  # type: ignore[index]
    for op, av in reversed(items) if last else items:
        if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
            continue  # consumes nothing: the next item's character is the first (last)
        if op is constants.LITERAL:
            return frozenset(chr(av))
        if op is constants.IN:
            return _class_chars(av)
        if op is constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _edge(list(sub), last=last)
        if op is constants.BRANCH:
            chars: set[str] = set()
            for branch in av[1]:
                edge = _edge(list(branch), last=last)
                if edge is None:
                    return None
                chars |= edge
            return frozenset(chars)
        if op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and av[0] >= 1:
            return _edge(list(av[2]), last=last)
        return None  # any character (".", "[^…]", "\\w"), an optional item, a reference…
    return None  # may match the empty string


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    constants = _PARSER[1]  # type: ignore[index]
    chars: set[str] = set()
    for op, av in items:
        if op is constants.LITERAL:
            chars.add(chr(av))
        elif op is constants.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # negated, a category ("\\d", "\\w"), a very wide range
        if len(chars) > _MAX_CLASS:
            return None
    return frozenset(chars)
