"""Which language a posting is written in, told cheaply from its most common words.

jobmatch reads English: its cue phrases, sections and fields are English. A posting in German or
French still names its tools in English ("Python", "Kubernetes"), so those are found, but nothing
else is read; the caller should say so rather than present a thin result as the whole posting.

Function words ("the", "und", "les") make up a large, steady share of any running text and differ
between languages, so the share of each language's list among a text's words is a sound guess for
a page of text, with no model and no dependency.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["LANGUAGE_NAMES", "detect_language"]

LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "pl": "Polish",
}  # fmt: skip

# Function words frequent in job postings, chosen to be rare in the other languages listed (so
# "a", "in", "la", "en" and "die" are left out where they would count for two).
_STOP_WORDS = {
    "en": "the and of to with you your we our for is are will be this that have an at by from who "
    "what which as it not can about their they or",
    "de": "der das und ist mit für wir sie ihr ihre ein eine einen dem den des von zu auf bei nicht "
    "auch oder sich werden wird unser unsere unseren du dich dir deine über im zum zur als sind haben "
    "kenntnisse erfahrung aufgaben",
    "fr": "le les des du et est une un pour avec nous vous votre vos dans sur par au aux ce cette qui "
    "sont être notre nos poste ou très vous êtes plus connaissances",
    "es": "el los las y del para con una por es su sus nuestro nuestra somos experiencia "
    "conocimientos buscamos se al como más trabajo equipo",
    "it": "il gli della delle dei per con una sono siamo nostro nostra nel nella che di alla esperienza "
    "conoscenza lavoro anche più",
    "nl": "het een van en voor met wij jij je jouw bij ons onze zijn naar ook niet wordt als kennis ervaring werk",
    "pt": "os das dos para com uma não são nosso nossa nós você experiência conhecimento trabalho "
    "também mais pelo pela em",
    "pl": "i w na z do się nie jest oraz dla jako od po przez który które będzie doświadczenie "
    "znajomość pracy oferujemy",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOP_WORDS.items()}
# word → the languages listing it, in _STOP_WORDS's order: one look-up a distinct word
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _counts(lower: str) -> tuple[int, Counter[str]]:
    """How many words ``lower`` holds (runs of letters: ``_WORD_RE``) and how many of them each
    language's list holds: counted from the text's distinct whitespace-parted tokens, where a token
    of letters only (most) is one word without a run of the pattern."""
    words = 0
    counts: Counter[str] = Counter()
    for token, times in Counter(lower.split()).items():
        if token.isalpha():
            words += times
            for lang in _LANGUAGES_OF.get(token, ()):
                counts[lang] += times
            continue
        for word in _WORD_RE.findall(token):
            words += times
            for lang in _LANGUAGES_OF.get(word, ()):
                counts[lang] += times
    return words, counts


def detect_language(text: str, *, min_words: int = 20) -> str | None:
    """The language a text is written in, as an ISO 639-1 code ("en", "de", "fr"…); None when the
    text is too short, or its function words too few, to tell.

    >>> detect_language("Wir suchen eine erfahrene Entwicklerin für unser Team in Berlin. Du hast "
    ...                 "Erfahrung mit Python und Kubernetes und arbeitest gern mit anderen zusammen.")
    'de'
    """
    words, counts = _counts(text.lower())
    if words < min_words:
        return None
    if not counts:
        return None
    (best, hits), *rest = [*counts.most_common(), ("", 0)]
    runner_up = rest[0][1]
    # a few per cent of the words at least, and clearly ahead: a German benefits paragraph in an
    # English posting leaves it English
    # (languages tied at the top say nothing, whichever comes first: the counts' order is no matter)
    if hits < max(4, 0.08 * words) or hits < 1.5 * runner_up:
        return None
    return best
