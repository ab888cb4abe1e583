"""Regular expressions run only near their keywords: the same matches as a scan of the whole text,
for a fraction of the cost.

Python's ``re`` tries a pattern at every position of a text unless the pattern opens with a plain
character, and most of the reading's patterns open with ``\\b`` or an optional group. But each one
can only match where one of a few words stands ("bachelor", "remote", "year"), and each match is
at most so many characters long (every quantifier is bounded). So the text is searched for those
words first (``str.find``, in C), and the pattern runs only in the windows around them: a match
holds a keyword, so it lies within its reach of one, and windows that overlap are merged, so no
match can cross from one window into the next. The matches are therefore the ones a scan of the
whole text would find, in the same order.

The keywords given with a pattern must be such that every match contains one of them (in lower
case); ``tests/test_scan.py`` checks that for each pattern on realistic text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from re import _compiler, _parser  # type: ignore[attr-defined]

import ahocorasick

__all__ = [
    "Regex",
    "Scan",
    "anchors",
    "finditer_led",
    "finditer_near",
    "keywords",
    "keywords_as_written",
    "longest",
    "lower_or_none",
    "search_near",
]

# how far a window reaches beyond a match's end, for lookaheads; patterns longer than this
# many characters are scanned whole
_MAX_REACH = 1000
# characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map to it
# (``lower_or_none`` tests for each by name: a loop over them cost more than the tests, a line a
# header test)
_DOTLESS_I, _LONG_S = _ODD_CASES = ("ı", "ſ")
# keyed by id: a Pattern hashes and compares by its whole compiled code, dearer than the look-up
# is worth; the Pattern is kept beside its reach so that its id stays its own (a ``Regex`` keeps
# its reach itself)
_reach_of: dict[int, tuple[re.Pattern[str], tuple[int, int] | None]] = {}
_FORWARDED = ("search", "match", "fullmatch", "finditer", "sub", "split")
# the positions of every declared word a text does not hold: one list, never appended to (what
# ``Scan.positions`` returns is read, not changed)
_NOWHERE: list[int] = []
# a character a word runs on from: one ``\b`` and ``(?<![^\W\d])`` see no boundary after (not a digit)
_LETTER = re.compile(r"[^\W\d]")


class Regex:
    """A regular expression compiled the first time it is used rather than when its module is
    imported: a process that reads one posting needs a fraction of the reading's patterns (most
    wait for a word the posting does not hold: "hybrid", "internship", "temporary"), and compiling
    them all cost more than reading the posting. Used as a compiled ``re.Pattern`` is (``search``,
    ``match``, ``fullmatch``, ``finditer``, ``sub``, ``split``, ``pattern``, ``flags``); once
    compiled, those methods are the compiled pattern's own, at no extra cost a call.

    A pattern that ``Scan`` runs near its keywords needs its reach too (``_reach``), worked out
    from the parsed pattern; it is then compiled from that same parse, not parsed again (parsing
    is half the cost of compiling). The compiled pattern's own ``pattern`` is then None: this
    object's is the text.

    >>> regex = Regex(r"\bremote\b", re.I)
    >>> regex.search("Fully Remote").span()
    (6, 12)
    """

    __slots__ = ("pattern", "flags", "_reach", "_compiled", *_FORWARDED)
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    sub: Callable[..., str]
    split: Callable[..., list[str]]
    _reach: tuple[tuple[int, int] | None]  # (``_reach(self)``,) once worked out

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)  # (an int: ``re`` compiles slower with a RegexFlag)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._keep(re.compile(self.pattern, self.flags))
        return compiled

    def _keep(self, compiled: re.Pattern[str]) -> re.Pattern[str]:
        self._compiled = compiled
        for name in _FORWARDED:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def reach_of(self) -> tuple[int, int] | None:
        """``_reach`` of this pattern, worked out once (compiling it from the same parse)."""
        try:
            return self._reach[0]
        except AttributeError:
            parsed = _parser.parse(self.pattern, self.flags)
            if self._compiled is None:
                self._keep(_compiler.compile(parsed, self.flags))
            self._reach = (_reach_of_parsed(parsed),)
            return self._reach[0]

    def __getattr__(self, name: str) -> object:
        # reached only while a forwarded method's slot is empty: before the first compile
        if name not in _FORWARDED:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r}, {self.flags!r})"

    def __reduce__(self) -> tuple[type[Regex], tuple[str, int]]:
        return Regex, (self.pattern, self.flags)


# parsed items that hold no pattern inside them: a character, a class, a position, a back-reference
_LEAVES = frozenset(
    (_parser.LITERAL, _parser.NOT_LITERAL, _parser.IN, _parser.ANY, _parser.AT, _parser.CATEGORY, _parser.GROUPREF)
)


def _lookaround_width(items: object) -> int:
    """The longest stretch any lookahead or lookbehind inside a parsed pattern can look at."""
    widest = 0
    if isinstance(items, _parser.SubPattern):
        for op, value in items.data:
            if op in _LEAVES:
                continue  # (nothing inside to look at: most items, passed over at once)
            if op in (_parser.ASSERT, _parser.ASSERT_NOT):
                widest = max(widest, value[1].getwidth()[1], _lookaround_width(value[1]))
            elif isinstance(value, (tuple, list)):
                widest = max(widest, *(_lookaround_width(v) for v in value), 0)
    elif isinstance(items, (tuple, list)):
        widest = max([0, *(_lookaround_width(v) for v in items)])
    return widest


def _reach(regex: re.Pattern[str] | Regex) -> tuple[int, int] | None:
    """The longest match ``regex`` can make and the farthest its lookarounds read past it; None
    when unbounded (or too long to gain from)."""
    if isinstance(regex, Regex):
        return regex.reach_of()
    known = _reach_of.get(id(regex))
    if known is None or known[0] is not regex:
        known = _reach_of[id(regex)] = (regex, _reach_of_parsed(_parser.parse(regex.pattern, regex.flags)))
    return known[1]


def _reach_of_parsed(parsed: _parser.SubPattern) -> tuple[int, int] | None:
    # a word boundary or line end at a match's edge reads one character beyond it
    longest, around = parsed.getwidth()[1], _lookaround_width(parsed) + 1
    return (longest, around) if longest + around <= _MAX_REACH else None


def longest(pattern: str, flags: int = 0) -> int:
    """The most characters a match of ``pattern`` can span."""
    return int(_parser.parse(pattern, flags).getwidth()[1])


def lower_or_none(text: str) -> str | None:
    """``text`` in lower case with every character where it was, or None when lowering would
    move characters or miss a case-insensitive match (then windows cannot be found by keyword)."""
    lower = text.lower()
    if len(lower) != len(text) or _DOTLESS_I in lower or _LONG_S in lower:
        return None
    return lower


def anchors(lower: str, keywords: Iterable[str]) -> list[int]:
    """Where any of ``keywords`` starts in ``lower``, sorted."""
    found: list[int] = []
    for word in keywords:
        found.extend(_positions(lower, word))
    found.sort()
    return found


def _positions(text: str, word: str) -> list[int]:
    found: list[int] = []
    i = text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def _windows(length: int, starts: Sequence[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches [at - before, at + after) around each start."""
    windows: list[tuple[int, int]] = []
    for at in starts:
        left, right = max(0, at - before), min(length, at + after)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


class _Vocabulary:
    """The words the readers key on, declared once where each pattern is defined (``keywords``):
    a text is searched for all of them in one pass of an Aho-Corasick automaton (in C), which
    reports every start of every word, overlapping ones ("intern", "internship") too, in the order
    of their ends. (Python's ``re`` needed a trie pattern a first letter, 22 searches of a text,
    for twice the time.) The automaton costs more to build than one text's words cost to find one
    at a time: the first text a process reads is searched a word at a time (only for the words
    asked), the automaton built for the second."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self._compiled: tuple[frozenset[str], ahocorasick.Automaton] | None = None
        self._texts = 0  # texts that asked for a declared word

    def worth_a_pass(self) -> bool:
        """Whether a text that asks for a declared word should be searched for all of them in one
        pass: not the first such text, every one after it."""
        self._texts += 1
        return self._texts > 1

    def add(self, words: Iterable[str]) -> None:
        self.words.update(words)

    def compiled(self) -> tuple[frozenset[str], ahocorasick.Automaton]:
        """(the words, an automaton that gives (length - 1, word) where each word ends)."""
        if self._compiled is None or len(self._compiled[0]) != len(self.words):
            words = frozenset(self.words)
            automaton = ahocorasick.Automaton()
            for word in words:
                automaton.add_word(word, (len(word) - 1, word))
            automaton.make_automaton()
            self._compiled = words, automaton
        return self._compiled


_VOCABULARY = _Vocabulary()
# words matched as written: short ones that stand in most texts' letters ("MS", "BA", "M.S."), for
# which a ``str.find`` reads a text slowly (over 3 us a posting each), and the cased phrases every
# posting is searched for ("Based in", "at our"); one pass finds them all
_AS_WRITTEN = _Vocabulary()


_both: list[tuple[int, int, frozenset[str], frozenset[str], ahocorasick.Automaton]] = []


def _both_compiled() -> tuple[frozenset[str], frozenset[str], ahocorasick.Automaton]:
    """(the declared words, those declared as written, one automaton for both that gives
    (length - 1, the word or None, the forms as written) where each lower-case form ends)."""
    if not _both or _both[0][:2] != (len(_VOCABULARY.words), len(_AS_WRITTEN.words)):
        words, cased_words = frozenset(_VOCABULARY.words), frozenset(_AS_WRITTEN.words)
        forms: dict[str, list[str]] = {}
        for form in cased_words:
            forms.setdefault(form.lower(), []).append(form)
        automaton = ahocorasick.Automaton()
        for key in words | forms.keys():
            automaton.add_word(key, (len(key) - 1, key if key in words else None, tuple(forms.get(key, ()))))
        automaton.make_automaton()
        _both[:] = [(len(words), len(cased_words), words, cased_words, automaton)]
    return _both[0][2:]


def keywords(*words: str) -> tuple[str, ...]:
    """``words`` (lower case) as a keyword tuple, declared to the one pass a text gets. (Words
    matched as written, "MS", "BA", are few: each is looked up by itself, or declared with
    ``keywords_as_written``.)"""
    _VOCABULARY.add(words)
    return words


def keywords_as_written(*words: str) -> tuple[str, ...]:
    """``words`` (matched as written) as a keyword tuple, declared to the one pass a text gets
    for them."""
    _AS_WRITTEN.add(words)
    return words


class Scan:
    """One text and where words stand in it, looked up once and kept: the readers of a posting
    share one Scan, so a word several patterns key on ("site", "require") is searched for once a
    text, not once a pattern, and the declared words (``keywords``) all in one pass.

    >>> scan = Scan("Remote (US). Hybrid, 2 days on site.")
    >>> scan.starts(("remote", "site")), [m.group() for m in scan.finditer(re.compile("on site"), ("site",))]
    ([0, 31], ['on site'])
    """

    def __init__(self, text: str, lower: str | None = None) -> None:
        self.text = text
        # ``lower_or_none(text)``: None when keyword windows cannot be trusted (search whole texts)
        self.lower = lower_or_none(text) if lower is None else lower
        self._lower_at: dict[str, list[int]] = {}
        self._cased_at: dict[str, list[int]] = {}
        self._starts: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
        self._word_starts: dict[tuple[str, ...], list[int]] = {}
        # the vocabularies whose words were searched for (in one pass, or a word at a time)
        self._passed: set[_Vocabulary] = set()

    def positions(self, word: str, *, cased: bool = False) -> list[int]:
        """Where ``word`` starts: in the lower-cased text, or as written when ``cased``."""
        memo = self._cased_at if cased else self._lower_at
        found = memo.get(word)
        if found is None:
            text = self.text if cased else self.lower
            vocabulary = _AS_WRITTEN if cased else _VOCABULARY
            if text is None:
                found = memo[word] = []
            elif vocabulary in self._passed or word not in vocabulary.words:
                # a word nobody declared, or declared after this text's pass
                found = memo[word] = _positions(text, word)
            elif vocabulary.worth_a_pass():
                if self._passed or self.lower is None:
                    self._one_pass(text, memo, vocabulary)
                else:  # neither vocabulary searched yet: both, in one pass of the lower-cased text
                    self._both_passes(self.lower)
                found = memo[word]
            else:  # the process's first text: its words a word at a time
                self._passed.add(vocabulary)
                found = memo[word] = _positions(text, word)
        return found

    def _one_pass(self, text: str, memo: dict[str, list[int]], vocabulary: _Vocabulary) -> None:
        """Every word of ``vocabulary``'s positions, from one pass of its automaton."""
        self._passed.add(vocabulary)
        words, automaton = vocabulary.compiled()
        found: dict[str, list[int]] = {}
        for end, (length, word) in automaton.iter(text):  # (by end: each word's starts in order)
            places = found.get(word)
            if places is None:
                found[word] = [end - length]
            else:
                places.append(end - length)
        _keep(memo, words, found)

    def _both_passes(self, lower: str) -> None:
        """``_one_pass`` of both vocabularies in one pass of ``lower``: a word declared as written
        ("MS", "Based in") is found as its lower-case form, and kept where the text has it as
        written (a few dozen checks a posting, where a second pass read the whole text again)."""
        self._passed.update((_VOCABULARY, _AS_WRITTEN))
        words, cased_words, automaton = _both_compiled()
        text = self.text
        found: dict[str, list[int]] = {}
        found_cased: dict[str, list[int]] = {}
        for end, (length, word, cased) in automaton.iter(lower):  # (by end: each word's starts in order)
            start = end - length
            if word is not None:
                places = found.get(word)
                if places is None:
                    found[word] = [start]
                else:
                    places.append(start)
            for form in cased:
                if text.startswith(form, start):
                    places = found_cased.get(form)
                    if places is None:
                        found_cased[form] = [start]
                    else:
                        places.append(start)
        _keep(self._lower_at, words, found)
        _keep(self._cased_at, cased_words, found_cased)

    def starts(self, words: tuple[str, ...], cased: tuple[str, ...] = ()) -> list[int]:
        """Where any of ``words`` (lower case) or ``cased`` (as written) starts, sorted (the list
        is kept: the same words asked again cost a look-up)."""
        key = (words, cased)
        found = self._starts.get(key)
        if found is None:
            found = []
            lower_at = self._lower_at
            for word in words:  # (a word already looked up, as most are, without a call)
                at = lower_at.get(word)
                found += self.positions(word) if at is None else at
            for word in cased:
                found += self.positions(word, cased=True)
            found.sort()
            self._starts[key] = found
        return found

    def word_starts(self, words: tuple[str, ...]) -> list[int]:
        """``starts(words)`` but where a letter stands right before (the word runs on from one: "ft"
        in "software", "part" in "department"), for a pattern that holds one of ``words`` where a
        word starts (after a boundary, or a digit: "6months"; or a capital after a small letter,
        where scraping glued two lines: "Employment TypeFull-time"). Kept as ``starts`` is."""
        found = self._word_starts.get(words)
        if found is None:
            text, letter = self.text, _LETTER.match
            found = self._word_starts[words] = [
                at
                for at in self.starts(words)
                if not (at and letter(text, at - 1)) or (text[at].isupper() and text[at - 1].islower())
            ]
        return found

    def holds_any(self, words: tuple[str, ...]) -> bool:
        """Whether the lower-cased text holds one of ``words`` (True when the text lowers oddly:
        then nothing can be ruled out by keyword)."""
        return self.lower is None or any(self.positions(word) for word in words)

    def finditer(
        self,
        regex: re.Pattern[str] | Regex,
        words: tuple[str, ...],
        *,
        cased: tuple[str, ...] = (),
        before: int | None = None,
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, searched only around ``words`` and ``cased`` (see
        ``finditer_near``)."""
        return self.finditer_at(regex, self.starts(words, cased), before=before)

    def finditer_at(
        self, regex: re.Pattern[str] | Regex, starts: Sequence[int], *, before: int | None = None
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, searched only around ``starts``: positions every match
        holds one of (all occurrences of a word each match holds, say)."""
        return self._near(regex, starts, before)

    def finditer_reaching(
        self, regex: re.Pattern[str] | Regex, reaches: Iterable[tuple[Sequence[int], int, int]]
    ) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)``, searched only in the stretches ``[at - before, at + after)``,
        for each ``(starts, before, after)`` of ``reaches`` and each ``at`` of its ``starts``.

        For a pattern whose branches reach differently from their keywords (a short phrase; a
        long one that ends in its keyword): every match must lie, with what its lookarounds read
        past it, in the stretch of one keyword it holds. The stretches are merged, as
        ``finditer``'s are, so the matches are the whole text's."""
        text = self.text
        if self.lower is None:
            return regex.finditer(text)
        stretches = sorted((max(0, at - before), at + after) for starts, before, after in reaches for at in starts)
        return self._in(regex, stretches)

    def _in(self, regex: re.Pattern[str] | Regex, stretches: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        text = self.text
        length = len(text)
        windows: list[tuple[int, int]] = []
        for left, right in stretches:  # (sorted by their left ends)
            if windows and left <= windows[-1][1]:
                if right > windows[-1][1]:
                    windows[-1] = (windows[-1][0], min(length, right))
            else:
                windows.append((left, min(length, right)))
        for left, right in windows:
            yield from regex.finditer(text, left, right)

    def search(self, regex: re.Pattern[str] | Regex, words: tuple[str, ...]) -> re.Match[str] | None:
        """``regex.search(text)``, searched only around ``words``."""
        return next(self.finditer(regex, words), None)

    def search_between(
        self,
        regex: re.Pattern[str] | Regex,
        words: tuple[str, ...],
        left: int,
        right: int,
        *,
        cased: tuple[str, ...] = (),
    ) -> re.Match[str] | None:
        """``regex.search(text, left, right)``, searched only around the ``words`` and ``cased``
        standing in ``text[left:right]`` (a clause): none there, no search at all; a long clause
        is searched near them only, not from end to end."""
        return self.search_between_at(regex, self.starts(words, cased), left, right)

    def search_between_at(
        self, regex: re.Pattern[str] | Regex, starts: Sequence[int], left: int, right: int
    ) -> re.Match[str] | None:
        """``search_between`` with the words' ``starts`` (``Scan.starts``) already at hand."""
        text = self.text
        if self.lower is None:
            return regex.search(text, left, right)
        first = bisect.bisect_left(starts, left)
        last = bisect.bisect_left(starts, right, first)
        if first == last:
            return None  # every match holds one of the words
        reach = _reach(regex)
        if reach is None:  # a match of any length: the clause whole
            return regex.search(text, left, right)
        longest, around = reach
        if last == first + 1:  # one keyword in the clause (most often): one window
            at = starts[first]
            return regex.search(text, max(left, at - longest), min(right, at + longest + around))
        for start, end in _windows(len(text), starts[first:last], longest, longest + around):
            match = regex.search(text, max(start, left), min(end, right))
            if match is not None:
                return match
        return None

    def _near(
        self, regex: re.Pattern[str] | Regex, starts: Sequence[int], before: int | None
    ) -> Iterator[re.Match[str]]:
        text = self.text
        if self.lower is None:
            yield from regex.finditer(text)
            return
        if not starts:
            return  # no keyword, no match: not even compiled (a ``Regex``) or its reach worked out
        reach = _reach(regex)
        if reach is None:
            yield from regex.finditer(text)
            return
        longest, around = reach
        for left, right in _windows(len(text), starts, longest if before is None else before, longest + around):
            yield from regex.finditer(text, left, right)


def _keep(memo: dict[str, list[int]], words: Iterable[str], found: dict[str, list[int]]) -> None:
    """A pass's ``found`` positions into ``memo``, for every one of its ``words``: the hundred-odd
    words a text does not hold share one empty list (a list each cost as much as the words found);
    a word looked up before keeps its own."""
    fresh = dict.fromkeys(words, _NOWHERE)
    fresh.update(found)
    fresh.update(memo)
    memo.update(fresh)


def finditer_led(
    regex: re.Pattern[str] | Regex, text: str, lead: re.Pattern[str] | Regex, before: int
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern every match of which holds a match of ``lead`` (a
    digit, say) at most ``before`` characters after its start: each search starts ``before``
    characters ahead of the next ``lead`` at or after the last match's end, the text between
    passed over in C. No window cuts the text, so the matches are the whole text's; for a
    pattern that matches at (nearly) every ``lead``, as the salary pattern at every figure does,
    each search is over in a few characters, where windows around them were read to the end."""
    pos = 0
    find_lead, search = lead.search, regex.search
    while (led := find_lead(text, pos)) is not None:
        match = search(text, max(pos, led.start() - before))
        if match is None:
            return
        yield match
        pos = max(match.end(), pos + 1)  # (never empty, as it holds a lead: ``max`` only for safety)


def finditer_near(
    regex: re.Pattern[str] | Regex,
    text: str,
    keywords: Iterable[str],
    *,
    lower: str | None = None,
    case_keywords: Iterable[str] = (),
    before: int | None = None,
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, searching only around ``keywords`` (lower case; every match must
    hold one) and ``case_keywords`` (matched as written: "MS", "BA"). ``lower`` is
    ``lower_or_none(text)`` when the caller has it; ``before`` bounds how far before the keyword
    a match can start, when that is known to be less than its whole length. (A posting's readers
    share a ``Scan`` instead, so that each word is looked up once.)"""
    return Scan(text, lower).finditer(regex, tuple(keywords), cased=tuple(case_keywords), before=before)


def search_near(
    regex: re.Pattern[str] | Regex,
    text: str,
    keywords: Iterable[str],
    *,
    lower: str | None = None,
    case_keywords: Iterable[str] = (),
) -> re.Match[str] | None:
    """``regex.search(text)``, searching only around ``keywords`` (see ``finditer_near``)."""
    return next(finditer_near(regex, text, keywords, lower=lower, case_keywords=case_keywords), None)
