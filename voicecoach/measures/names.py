"""How often, and when, the agent says the customer's name.

Matching is fuzzy, because the recognizer spells an unfamiliar surname its own way
("Kowalsky", "Ko walski"): every part of the name the trainer gives (first name,
surname; titles such as "Mr." dropped) is matched against each transcribed word and
each pair of adjacent words joined. A part of up to 5 letters must match exactly
(a possessive "s" allowed), 6-7 letters allow one edit (letter changed, added or
dropped), 8 or more allow two. Neighbouring matches ("Mr. Jordan Blake") count
as one use. A name part that is also a common English word ("Will", "Hope") must be
spelled exactly and capitalized mid-sentence, or follow a title, to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicecoach.transcript import Transcript, Word, normalize_word

__all__ = ["NameUse", "NameUses", "name_parts", "is_name_match", "find_name_uses",
           "edit_distance", "JOIN_S"]

JOIN_S = 0.6
"""Name words closer than this (s) belong to one use ("Jordan ... Blake")."""
_TITLES = {"mr", "mrs", "ms", "miss", "mister", "missus", "dr", "doctor", "sir", "madam",
           "mx", "prof", "professor"}
_COMMON = {"will", "bill", "may", "june", "april", "august", "mark", "rose", "grace", "hope",
           "faith", "joy", "young", "king", "brown", "white", "green", "black", "long", "price",
           "rich", "hall", "hill", "wood", "park", "lane", "page", "cook", "stone", "hunt",
           "bell", "ray", "sky", "art", "frank", "pat", "sue", "don", "gene", "dawn", "summer",
           "case", "banks", "march", "miller", "baker", "best", "love", "little", "north",
           "west", "day", "rob", "bob", "jack", "drew", "chase", "penny", "ruby", "amber"}


@dataclass(frozen=True)
class NameUse:
    """One use of the customer's name: the words said and when (seconds)."""

    text: str
    start_s: float
    end_s: float

    def to_dict(self) -> dict:
        return {"text": self.text, "start_s": round(self.start_s, 3),
                "end_s": round(self.end_s, 3)}


@dataclass(frozen=True)
class NameUses:
    """Every use of ``name`` in one speaker's transcript, in time order."""

    name: str
    uses: tuple[NameUse, ...]

    @property
    def count(self) -> int:
        return len(self.uses)

    def spacings_s(self) -> list[float]:
        """Seconds from the start of each use to the start of the next."""
        return [b.start_s - a.start_s for a, b in zip(self.uses, self.uses[1:])]

    def close_pairs(self, min_spacing_s: float) -> list[tuple[NameUse, NameUse]]:
        """Consecutive uses less than ``min_spacing_s`` seconds apart."""
        return [(a, b) for a, b in zip(self.uses, self.uses[1:])
                if b.start_s - a.start_s < min_spacing_s]

    def to_dict(self) -> dict:
        return {"name": self.name, "count": self.count,
                "uses": [u.to_dict() for u in self.uses]}


def name_parts(name: str) -> tuple[str, ...]:
    """The parts of a name to look for, lower-case, titles dropped ("Mr. J. Blake" -> blake).

    Single letters (initials) are dropped too.
    """
    tokens = [normalize_word(t) for t in re.split(r"[\s,]+", name) if t.strip()]
    return tuple(t.replace("'", "") for t in tokens
                 if t and t.rstrip(".") not in _TITLES and len(t.rstrip(".")) > 1)


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: letters changed, added or dropped to turn ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _allowed_edits(part: str) -> int:
    return 0 if len(part) <= 5 else 1 if len(part) <= 7 else 2


def is_name_match(spoken: str, part: str) -> bool:
    """Whether a transcribed word (or joined words) ``spoken`` is the name part ``part``."""
    a, b = _key(spoken), _key(part)
    if not a or not b:
        return False
    if a == b or (a.endswith("s") and a[:-1] == b):  # "Blake's"
        return True
    if b in _COMMON:
        return False
    return edit_distance(a, b) <= _allowed_edits(b)


def _common_ok(words: tuple[Word, ...], i: int, part: str) -> bool:
    """A common-word name part counts only when it reads as a name."""
    if _key(part) not in _COMMON:
        return True
    prev = normalize_word(words[i - 1].text).rstrip(".") if i > 0 else ""
    if prev in _TITLES:
        return True
    starts_sentence = i == 0 or words[i - 1].text.strip()[-1:] in ".?!"
    return words[i].text.strip()[:1].isupper() and not starts_sentence


def _matches(words: tuple[Word, ...], parts: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) word index of each name-part match, single words and adjacent pairs."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        single = any(is_name_match(words[i].text, p) and _common_ok(words, i, p) for p in parts)
        if single:
            found.append((i, i))
            i += 1
            continue
        if i + 1 < len(words):
            joined = words[i].text + words[i + 1].text
            if any(len(_key(p)) >= 5 and is_name_match(joined, p) for p in parts):
                found.append((i, i + 1))
                i += 2
                continue
        i += 1
    return found


def find_name_uses(transcript: Transcript, name: str, *, join_s: float = JOIN_S) -> NameUses:
    """Find each use of ``name`` in ``transcript`` (rules in the module docstring).

    Raises
    ------
    ValueError
        If ``name`` holds no usable part (only titles or initials).
    """
    parts = name_parts(name)
    if not parts:
        raise ValueError(f"customer name {name!r} has no name in it (only titles or initials); "
                         "give a first name or surname, e.g. 'Mr. Kowalski'")
    words = transcript.words
    groups: list[list[int]] = []
    for first, last in _matches(words, parts):
        if groups and words[first].start_s - words[groups[-1][1]].end_s <= join_s \
                and first - groups[-1][1] <= 2:
            groups[-1][1] = last
        else:
            groups.append([first, last])
    uses = []
    for first, last in groups:
        if first > 0 and normalize_word(words[first - 1].text).rstrip(".") in _TITLES:
            first -= 1
        text = " ".join(w.text.strip() for w in words[first:last + 1])
        uses.append(NameUse(text, words[first].start_s, words[last].end_s))
    return NameUses(name, tuple(uses))
