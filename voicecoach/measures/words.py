"""Counting words and syllables the way they are spoken.

Whisper writes "$1,500" where the speaker said five words, so rates count spoken
words: numbers are expanded before counting (bare numbers of four or more digits
that are not years, such as invoice numbers, are read digit by digit). Syllables
come from vowel groups with the common English corrections; good to about one
syllable in ten.
"""

from __future__ import annotations

import re

__all__ = ["spoken_words", "spoken_word_count", "syllable_count"]

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SYMBOLS = {"$": "dollars", "%": "percent", "&": "and", "€": "euros", "£": "pounds"}


def _int_words(n: int) -> list[str]:
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        rest = _int_words(n % 100) if n % 100 else []
        return [_ONES[n // 100], "hundred"] + rest
    for value, name in _SCALES:
        if n >= value:
            rest = _int_words(n % value) if n % value else []
            return _int_words(n // value) + [name] + rest
    return []  # unreachable: n >= 1000 always matches a scale


def _number_words(token: str) -> list[str]:
    if token.isdigit() and (token[0] == "0" or (len(token) >= 4 and not 1900 <= int(token) < 2100)):
        return [_ONES[int(d)] for d in token]  # an account or invoice number, read digit by digit
    whole, _, frac = token.replace(",", "").partition(".")
    words = _int_words(int(whole)) if whole else []
    if frac:
        words += ["point"] + [_ONES[int(d)] for d in frac]
    return words


def spoken_words(token: str) -> list[str]:
    """The words a transcribed token stands for ("$1,500." -> one thousand five hundred dollars)."""
    out: list[str] = []
    pos = 0
    text = token.strip()
    for m in _NUMBER.finditer(text):
        out += re.findall(r"[A-Za-z']+", text[pos:m.start()])
        out += _number_words(m.group())
        pos = m.end()
    out += re.findall(r"[A-Za-z']+", text[pos:])
    out += [_SYMBOLS[c] for c in text if c in _SYMBOLS]
    return out


def spoken_word_count(token: str) -> int:
    """Number of spoken words in a transcribed token: 0 for punctuation alone (tiny.en writes
    "..." over long silences), at least 1 for anything with a letter or digit."""
    if not any(c.isalnum() for c in token):
        return 0
    return max(1, len(spoken_words(token)))


def _word_syllables(word: str) -> int:
    w = word.lower().strip("'")
    if not w:
        return 0
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if w.endswith(("ed",)) and not w.endswith(("ted", "ded")) and n > 1:
        n -= 1
    return max(1, n)


def syllable_count(token: str) -> int:
    """Estimated syllables in a transcribed token, numbers expanded."""
    return sum(_word_syllables(w) for w in spoken_words(token))
