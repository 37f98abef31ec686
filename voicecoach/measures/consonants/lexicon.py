"""Expected pronunciations: the CMU pronouncing dictionary, with a rule-based fallback.

The dictionary file is the one pocketsphinx ships beside its US English acoustic
model (``cmudict-en-us.dict``, BSD-style licence), so no extra data and no network
are needed. Phones are ARPAbet without stress marks ("P EY M AH N T").

Words the dictionary does not know (names, made-up words) get a pronunciation
from :func:`guess_pronunciation`: a small letter-to-sound rule set that is good
enough to place the word in time and to name its final sound, and is marked as
guessed so the decision can be less confident.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "Pronunciation",
    "pronounce",
    "phone_class",
    "is_vowel",
    "guess_pronunciation",
    "VOWELS",
    "PHONE_CLASSES",
]

VOWELS = frozenset(
    "AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split()
)
PHONE_CLASSES: dict[str, str] = {
    **dict.fromkeys("P B T D K G".split(), "stop"),
    **dict.fromkeys("F V TH DH S Z SH ZH HH".split(), "fricative"),
    **dict.fromkeys("M N NG".split(), "nasal"),
    **dict.fromkeys("CH JH".split(), "affricate"),
    **dict.fromkeys("L R W Y".split(), "approximant"),
}
_WORD_RE = re.compile(r"^[a-z][a-z']*$")


@dataclass(frozen=True)
class Pronunciation:
    """How a word is expected to sound.

    Attributes
    ----------
    word : str
        The normalized word ("payment").
    phones : tuple of str
        ARPAbet phones without stress ("P", "EY", "M", "AH", "N", "T").
    guessed : bool
        True when the phones come from the letter-to-sound rules, not the dictionary.
    """

    word: str
    phones: tuple[str, ...]
    guessed: bool = False

    @property
    def final_phone(self) -> str:
        return self.phones[-1] if self.phones else ""


def is_vowel(phone: str) -> bool:
    """True for ARPAbet vowels (stress digits allowed)."""
    return phone.rstrip("012") in VOWELS


def phone_class(phone: str) -> str:
    """The class of an ARPAbet consonant ("stop", "fricative", ...), or "vowel"."""
    phone = phone.rstrip("012")
    return PHONE_CLASSES.get(phone, "vowel")


class _Dictionary:
    """Primary pronunciations looked up in the dictionary file as it is, by bisection.

    The file is sorted by word, each alternative pronunciation ("word(2)") right
    after its word, so the line a word first appears on holds its primary
    pronunciation. Reading the file and indexing its lines takes about 30 ms; a
    parsed mapping of all 126 000 words took 250 ms, the cost of aligning several
    seconds of speech.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10) + 1
        self._starts = np.concatenate([[0], newlines[newlines < len(data)]])

    def _word(self, i: int) -> bytes:
        start = int(self._starts[i])
        word = self._data[start:self._data.find(b" ", start)]
        return word[:word.rfind(b"(")] if word.endswith(b")") else word

    def get(self, word: str) -> str | None:
        """The phones of ``word``'s primary pronunciation as written, or None."""
        key = word.encode("utf-8")
        lo, hi = 0, len(self._starts)
        while lo < hi:  # the first line whose word is not below the key
            mid = (lo + hi) // 2
            if self._word(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self._starts) or self._word(lo) != key:
            return None
        start = int(self._starts[lo]) + len(key)
        end = self._data.find(b"\n", start)
        phones = self._data[start:end if end >= 0 else None].decode("utf-8").strip()
        return phones or None


@functools.lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    """The CMU dictionary that pocketsphinx ships (phones with stress digits)."""
    from pocketsphinx import get_model_path

    return _Dictionary((Path(get_model_path()) / "en-us" / "cmudict-en-us.dict").read_bytes())


@functools.lru_cache(maxsize=8192)  # a word is looked up for itself and for the one before
def pronounce(word: str) -> Pronunciation | None:
    """The expected pronunciation of a normalized word, or None if it has no letters.

    Parameters
    ----------
    word : str
        Lower-case, punctuation stripped (``Word.norm``). Hyphenated words are
        read part by part; anything else outside the dictionary goes to
        :func:`guess_pronunciation` if it is made of letters, else has none.
    """
    word = word.strip().lower()
    written = _dictionary().get(word)
    if written:
        return Pronunciation(word, tuple(p.rstrip("012") for p in written.split()))
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:  # "follow-up": the parts' pronunciations in a row
        found = [pronounce(p) for p in parts]
        if all(found):
            joined = tuple(ph for f in found for ph in f.phones)
            return Pronunciation(word, joined, guessed=any(f.guessed for f in found))
    if not _WORD_RE.match(word):
        return None
    guessed = guess_pronunciation(word)
    return Pronunciation(word, guessed, guessed=True) if guessed else None


_DIGRAPHS = (
    ("tch", ("CH",)), ("dge", ("JH",)), ("sch", ("SH",)),
    ("ch", ("CH",)), ("sh", ("SH",)), ("th", ("TH",)), ("ph", ("F",)), ("ng", ("NG",)),
    ("ck", ("K",)), ("qu", ("K", "W")), ("gh", ("G",)), ("wh", ("W",)), ("kn", ("N",)),
    ("ee", ("IY",)), ("ea", ("IY",)), ("oo", ("UW",)), ("ou", ("AW",)), ("ow", ("OW",)),
    ("ai", ("EY",)), ("ay", ("EY",)), ("oa", ("OW",)), ("oi", ("OY",)), ("oy", ("OY",)),
    ("au", ("AO",)), ("aw", ("AO",)), ("ie", ("IY",)), ("ei", ("EY",)), ("ey", ("EY",)),
    ("er", ("ER",)), ("ir", ("ER",)), ("ur", ("ER",)), ("ar", ("AA", "R")), ("or", ("AO", "R")),
    ("x", ("K", "S")),
)
_LETTERS = {
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH",
    "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P",
    "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "y": "IY",
    "z": "Z",
}


def guess_pronunciation(word: str) -> tuple[str, ...]:
    """Letter-to-sound rules for words the dictionary lacks (names, coinages).

    Greedy longest match over common English digraphs, doubled letters read once,
    a silent final "e" after a consonant dropped. Crude, but it names the final
    sound right for most spellings ("Okonkwo" ends in a vowel, "Vasquez" in Z/S).
    """
    letters = re.sub(r"[^a-z]", "", word.lower())
    if len(letters) > 3 and letters.endswith("e") and letters[-2] not in "aeiouy":
        letters = letters[:-1]
    phones: list[str] = []
    i = 0
    while i < len(letters):
        for graph, out in _DIGRAPHS:
            if letters.startswith(graph, i):
                phones.extend(out)
                i += len(graph)
                break
        else:
            ch = letters[i]
            phone = "Y" if ch == "y" and i == 0 else _LETTERS[ch]
            if ch == "c" and i + 1 < len(letters) and letters[i + 1] in "eiy":
                phone = "S"
            if not phones or phones[-1] != phone or is_vowel(phone):
                phones.append(phone)
            i += 1
    return tuple(phones)
