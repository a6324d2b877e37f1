"""A small Kazakh suffix stripper: PostgreSQL has no Kazakh dictionary, so both backends index Kazakh text as the
stems this module gives (PostgreSQL with the `simple` configuration, SQLite in the FTS5 table).

Kazakh words are stem + plural + possessive + case ending (еріктілерге = ерікті + лер + ге, "to the volunteers").
The stripper removes up to three endings from the right, longest first, from one list of inflectional endings, and
keeps at least three letters. It knows no derivation (экология / экологиялық stay apart) and sometimes cuts a final
ы/і that belongs to the stem — harmless, because the query is cut by the same rule, so the same word always meets
itself. A native speaker's review of the list is welcome.
"""

from __future__ import annotations

from functools import lru_cache

_ENDINGS = (
    # plural (+ 3rd person possessive)
    "лары лері дары дері тары тері лар лер дар дер тар тер "
    # possessive
    "ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ым ім ың ің сы сі ы і "
    # case: genitive, dative, accusative, locative, ablative, instrumental
    "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті "
    "нда нде да де та те ндағы ндегі дағы дегі тағы тегі нан нен дан ден тан тен менен мен бен пен"
).split()
_BY_LENGTH = sorted(set(_ENDINGS), key=len, reverse=True)
MIN_STEM = 3
MAX_ENDINGS = 3


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded (lower-case, ё→е) Kazakh word."""
    for _ in range(MAX_ENDINGS):
        for ending in _BY_LENGTH:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                break
        else:
            break
    return word
