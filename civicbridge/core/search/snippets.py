"""Snippets built in Python: a window of the text around the first match, escaped, matches wrapped in <mark>.

Used for every language on SQLite and for Kazakh on PostgreSQL (whose ts_headline does not know our Kazakh stems).
A word is marked when its stem in the text's language is one of the query's lexemes — the same test the index made.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import text
from .indexing import MARK_END, MARK_START

WORDS = 30
BEFORE = 6


def marked(value: str, language: str, lexemes: set[str]) -> str:
    """A window of at most WORDS words of `value` around its first match, matches between MARK_START and MARK_END
    (still unescaped: see `to_html`)."""
    tokens = list(text.WORD.finditer(value))
    if not tokens:
        return ""
    hits = [i for i, m in enumerate(tokens) if text.stem(text.fold(m.group()), language) in lexemes]
    first = max(0, hits[0] - BEFORE) if hits else 0
    last = min(len(tokens), first + WORDS)
    chosen = set(hits)
    out = ["… " if first else ""]
    position = tokens[first].start() if first else 0
    for i in range(first, last):
        m = tokens[i]
        out.append(value[position : m.start()])
        out.append(f"{MARK_START}{m.group()}{MARK_END}" if i in chosen else m.group())
        position = m.end()
    if last < len(tokens):
        out.append(" …")
    else:
        out.append(value[position:].rstrip())
    return " ".join("".join(out).split())


def to_html(value: str) -> SafeString:
    """Escape a marked snippet, then turn the marks into <mark> elements: no HTML of the record reaches the page."""
    escaped = str(escape(value))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308 -- escaped above
