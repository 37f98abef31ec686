"""Polish syllables from the spelling.

Every syllable of Polish has one vowel nucleus, written a, ą, e, ę, i, o, ó, u or y.
An "i" after a consonant and before another vowel only softens the consonant ("nie",
"się", "dzień"... "dziękuję"), so it is no nucleus; "au" and "eu" inside a word are
one nucleus where loanwords conventionally make them one ("auto", "Europa").
Not yet wired into the pace measure.
"""

from __future__ import annotations

import re

__all__ = ["polish_syllables"]

_VOWELS = "aąeęioóuy"
_DIPHTHONG = re.compile(r"(?<![aąeęioóuy])(au|eu)")


def polish_syllables(token: str) -> int:
    """Syllables (vowel nuclei) in one written Polish word; 0 for one without letters.

    Digits are not counted: a number written as digits gives 0.
    """
    w = "".join(c for c in token.lower() if c.isalpha())
    w = _DIPHTHONG.sub("a", w)
    n = 0
    for i, c in enumerate(w):
        if c not in _VOWELS:
            continue
        softening = (c == "i" and 0 < i < len(w) - 1 and w[i - 1] not in _VOWELS
                     and w[i + 1] in _VOWELS)
        n += not softening
    return n
