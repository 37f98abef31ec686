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


@functools.lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """The first (primary) pronunciation of every dictionary word, as written there.

    The phones stay one string (stress digits included) until a word is looked
    up: splitting all 126 000 entries up front would double the load time.
    """
    from pocketsphinx import get_model_path

    path = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, phones = line.partition(" ")
        if phones.strip() and "(" not in word and word not in entries:
            entries[word] = phones
    return entries


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
