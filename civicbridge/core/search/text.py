"""Words and stems: the one place that decides what a word is and which stem it has, in each language.

The rules copy what PostgreSQL's configurations do, so the SQLite index (stemmed here) holds the lexemes the
PostgreSQL index (stemmed by the database) holds:

- `russian` config: Cyrillic words → Snowball russian with PostgreSQL's Russian stop words; words of Latin letters
  → Snowball english with the English stop words (PostgreSQL maps `asciiword` to `english_stem` in `russian`);
- `english` config: every letter word → Snowball english with the English stop words (a Cyrillic word passes
  through the English stemmer unchanged, as in PostgreSQL);
- Kazakh: no dictionary exists; the words are cut by our suffix stripper (kazakh.py) and indexed with `simple`;
- words with digits are kept as they are (PostgreSQL's `numword`/`int` go to `simple`).

Every text is first folded: lower case (casefold) and ё → е, on both backends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import snowballstemmer

from civicbridge.core.text import LANGUAGES, normalize

from . import kazakh
from .stopwords import ENGLISH, RUSSIAN

# Letters and digits; "_" and every punctuation or operator character (FTS5's and tsquery's too) separate words.
WORD = re.compile(r"[^\W_]+")
STOP_WORDS = RUSSIAN | ENGLISH

_russian = snowballstemmer.stemmer("russian")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _english_stem(word: str) -> str:
    return _english.stemWord(word)


@lru_cache(maxsize=200_000)
def _russian_stem(word: str) -> str:
    return _russian.stemWord(word)


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def stem(word: str, language: str) -> str | None:
    """The lexeme of one folded word as the `language` text's configuration indexes it; None for a stop word."""
    if _has_digit(word):
        return word
    if language == "kk":
        return kazakh.stem(word)
    if language == "ru" and not word.isascii():
        return None if word in RUSSIAN else _russian_stem(word)
    return None if word in ENGLISH else _english_stem(word)


def fold(text: str | None) -> str:
    """Lower case, ё → е, one space between words (what both backends index)."""
    return normalize(text)


def words(text: str | None) -> list[str]:
    """The folded words of a text."""
    return WORD.findall(fold(text))


def stems(text: str | None, language: str) -> Iterator[str]:
    """The lexemes of a text in `language`, in order, stop words left out."""
    for word in words(text):
        lexeme = stem(word, language)
        if lexeme:
            yield lexeme


def stemmed(texts: Iterable[tuple[str | None, str]]) -> str:
    """One FTS5 column: the lexemes of each (text, language), joined by spaces."""
    return " ".join(lexeme for text, language in texts for lexeme in stems(text, language))


def query_stems(word: str) -> list[str]:
    """Every lexeme a query word may have in the index: its Russian-, English- and Kazakh-configuration stems."""
    found = [stem(word, language) for language in LANGUAGES]
    return list(dict.fromkeys(lexeme for lexeme in found if lexeme))
