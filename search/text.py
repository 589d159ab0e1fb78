"""Turning text and queries into search terms that work for Chinese and English.

PostgreSQL's parser reads a run of Chinese characters as one token, so a
sentence could only be found by the whole sentence. Instead, every run of CJK
characters is indexed as its overlapping two-character pieces ("bigrams"):
``服务发现`` becomes ``服务 务发 发现``, plus the run's last character on its
own so that every character starts some token. A two-character word is then
one token, and a longer phrase is its bigrams at consecutive positions. No
dictionary is needed, so new jargon (``灰度发布``, ``熔断``) is found as soon as
it is written. Other words are kept whole and left to PostgreSQL's English
stemmer ("deploying" and "deployment" share the stem "deploy").

The same functions prepare documents and queries, so both sides always agree.
"""

import re
import unicodedata
from dataclasses import dataclass

from posts.cjk import CJK_RANGES

# The character ranges read one character at a time by the renderer's counts.
WORD_CHAR = rf"[^\W_{CJK_RANGES}]"
_TOKEN = re.compile(rf"(?P<cjk>[{CJK_RANGES}]+)|(?P<word>{WORD_CHAR}+)")

# A query longer than this is refused; more terms than this are ignored.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10

# Very common English words, dropped from queries on every database so that
# PostgreSQL (which ignores them too) and the SQLite fallback agree.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)

# Suffixes stripped by the approximate stemmer used where PostgreSQL's is not
# available (the SQLite fallback, highlighting). Longest first.
_SUFFIXES = ("ments", "ment", "ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "ly", "s")
_MIN_STEM = 3


@dataclass(frozen=True)
class Term:
    """One thing a query asks for: a run of CJK characters or one other word."""

    text: str
    is_cjk: bool

    @property
    def stem(self):
        """What a match must contain: the CJK run itself, or the word's rough stem."""
        return self.text if self.is_cjk else rough_stem(self.text)

    @property
    def is_phrase(self):
        """Whether the index alone cannot settle it: a CJK run of three or more
        characters is two or more bigrams that must also be adjacent."""
        return self.is_cjk and len(self.text) > 2

    @property
    def pattern(self):
        """A regular expression finding this term in plain text, in any case
        (without ``re.IGNORECASE``).

        A CJK run is found anywhere; a word where a word starts with its stem,
        so ``deploying`` finds ``Deployment`` but not ``redeploy``.
        """
        if self.is_cjk:
            return re.escape(self.text)
        # Only the stem ignores case: compiling the large WORD_CHAR class
        # case-insensitively takes a few times longer, and every new query
        # compiles its pattern. The stem comes first so the regex engine can
        # scan for it quickly; the look-behind then checks it starts a word.
        stem = f"(?i:{re.escape(self.stem)})"
        return rf"{stem}(?<!{WORD_CHAR}{stem}){WORD_CHAR}*"


def normalize(text):
    """Fold full-width forms and case so ``Ｋ８ｓ`` and ``k8s`` are the same."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def bigrams(run):
    """Overlapping two-character pieces of a CJK run, then its last character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text):
    """Return ``text`` as space-separated tokens for ``to_tsvector``."""
    tokens = []
    for match in _TOKEN.finditer(normalize(text)):
        if match.lastgroup == "cjk":
            tokens.extend(bigrams(match.group()))
        else:
            tokens.append(match.group())
    return " ".join(tokens)


def parse_query(query):
    """Split a reader's query into at most ``MAX_TERMS`` distinct terms, stop words dropped."""
    terms = []
    for match in _TOKEN.finditer(normalize(query)):
        term = Term(match.group(), is_cjk=match.lastgroup == "cjk")
        if not term.is_cjk and term.text in STOP_WORDS:
            continue
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


def rough_stem(word):
    """A deliberately small English stemmer: ``deploying`` → ``deploy``."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _quoted(lexeme):
    # Terms hold only letters and digits; doubling quotes keeps that safe anyway.
    return "'" + lexeme.replace("'", "''") + "'"


def tsquery_text(terms, weight="", adjacent=True):
    """The ``to_tsquery`` text matching every term.

    A CJK term of two or more characters is the phrase of its bigrams; a single
    character matches any token that starts with it; a word goes through the
    English stemmer inside ``to_tsquery``. With ``weight`` ("A", "B"…) every
    lexeme must carry that weight: "A" matches titles only, "B" tags only.
    With ``adjacent=False`` a phrase asks only for all of its bigrams, in any
    place: what the GIN index answers without reading any post's vector.
    """
    label = f":{weight}" if weight else ""
    joiner = " <-> " if adjacent else " & "
    parts = []
    for term in terms:
        if not term.is_cjk:
            parts.append(_quoted(term.text) + label)
        elif len(term.text) == 1:
            parts.append(_quoted(term.text) + ":*" + weight)
        else:
            pieces = [term.text[i : i + 2] for i in range(len(term.text) - 1)]
            parts.append("(" + joiner.join(_quoted(piece) + label for piece in pieces) + ")")
    return " & ".join(parts)
