"""The one definition of which characters the blog treats as CJK.

Han ideographs (with extensions A to F and the compatibility forms), kana and
hangul are read one character at a time: reading time counts them by
character, excerpts cut them by character, search indexes their runs as
two-character pieces. Everything else is read in words. Rendering, search and
slugs all import these names from here.
"""

import re

# Kana, Han extension A, Han, hangul syllables, compatibility ideographs, and
# the supplementary ideographic plane (extensions B to F).
CJK_RANGES = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)

CJK_CHAR = re.compile(f"[{CJK_RANGES}]")

# A word is a run of word characters that are not CJK.
WORD = re.compile(rf"[^\W{CJK_RANGES}]+")

# CJK symbols and punctuation, and the full-width ASCII punctuation (not the
# full-width letters and digits): they separate words in a slug. Must match
# CJK_PUNCTUATION in static/admin-editor/editor.js, which does the same in the
# admin's slug prefill.
CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
