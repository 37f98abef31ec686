"""Polish from the transcript: syllables from the spelling, questions from the wording.

Syllables. Every syllable of Polish has one vowel nucleus, written a, ą, e, ę, i, o, ó,
u or y. An "i" after a consonant and before another vowel only softens the consonant
("nie", "się", "dzień", "dziękuję"), so it is no nucleus; "au" and "eu" inside a word
are one nucleus where loanwords conventionally make them one ("auto", "Europa").
Numbers written as digits are read as Polish cardinals ("840" -> "osiemset
czterdzieści", 6 syllables), bare numbers of four or more digits that are not years
(invoice and account numbers) digit by digit, as the English counter does, and the
written abbreviations of the currency as spoken ("zł" -> "złotych").

Questions. Polish marks a yes/no question with the particle "czy" at the start, or by
the voice alone ("Otrzymał pan nasz list?": the word order of a statement); a
wh-question opens with its wh-word ("Kiedy pan zapłaci?", "Na kiedy ...", "O której
..."). The same wh-words open subordinate clauses ("Kiedy pan zapłaci, wyślemy
potwierdzenie.", "Jak wspomniałem, ...") and indirect questions ("Proszę powiedzieć,
kiedy ...", "Chciałem zapytać, czy ..."), which are not read as questions here; a
confirming tag after a comma ("..., prawda", "..., tak", "..., czy tak") is a weak
form the voice decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.measures.questions.syntax import (
    CLAUSE_BOUNDARY,
    DECLARATIVE,
    POSSIBLE,
    QUESTION,
    STATEMENT,
    Reading,
)

__all__ = ["polish_syllables", "polish_number_words", "read_polish"]

_VOWELS = "aąeęioóuy"
_DIPHTHONG = re.compile(r"(?<![aąeęioóuy])(au|eu)")
ACCOUNT_DIGITS = 4  # a bare number this long, not a year, is read digit by digit
_NUMBER = re.compile(r"\d+(?:[ .\u00a0]\d{3})*(?:,\d+)?")

_ONES = ("zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście "
         "dwanaście trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście "
         "dziewiętnaście").split()
_TENS = ("_ _ dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt "
         "siedemdziesiąt osiemdziesiąt dziewięćdziesiąt").split()
_HUNDREDS = ("_ sto dwieście trzysta czterysta pięćset sześćset siedemset osiemset "
             "dziewięćset").split()
_SCALES = ((10**6, ("milion", "miliony", "milionów")), (1000, ("tysiąc", "tysiące", "tysięcy")))
_SPOKEN = {"zł": "złotych", "gr": "groszy", "%": "procent", "nr": "numer", "tel": "telefon",
           "ul": "ulica", "godz": "godzina"}


def _below_thousand(n: int) -> list[str]:
    words = [_HUNDREDS[n // 100]] if n >= 100 else []
    n %= 100
    if n >= 20:
        words.append(_TENS[n // 10])
        n %= 10
        if n:
            words.append(_ONES[n])
    elif n or not words:
        words.append(_ONES[n])
    return words


def _scale_form(n: int, forms: tuple[str, str, str]) -> str:
    """Polish plural: 1 tysiąc, 2-4 tysiące (not 12-14), else tysięcy."""
    if n == 1:
        return forms[0]
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return forms[1]
    return forms[2]


def polish_number_words(digits: str, *, digit_by_digit: bool = False) -> list[str]:
    """The Polish cardinal words of a whole number written in digits ("840" -> ["osiemset",
    "czterdzieści"]); ``digit_by_digit`` numbers (an account or invoice number) and those
    with a leading zero are read one digit at a time."""
    if not digits.isdigit():
        return []
    if digit_by_digit or len(digits) > 9 or digits[0] == "0" and len(digits) > 1:
        return [_ONES[int(d)] for d in digits]
    n = int(digits)
    words: list[str] = []
    for value, forms in _SCALES:
        if n >= value:
            k = n // value
            words += ([] if k == 1 else _below_thousand(k)) + [_scale_form(k, forms)]
            n %= value
    return words + (_below_thousand(n) if n or not words else [])


def _nuclei(word: str) -> int:
    w = _DIPHTHONG.sub("a", word)
    n = 0
    for i, c in enumerate(w):
        if c not in _VOWELS:
            continue
        softening = (c == "i" and 0 < i < len(w) - 1 and w[i - 1] not in _VOWELS
                     and w[i + 1] in _VOWELS)
        n += not softening
    return n


def polish_syllables(token: str) -> int:
    """Syllables (vowel nuclei) in one transcribed Polish token, numbers and currency
    abbreviations as spoken; 0 for punctuation alone."""
    text = token.lower().strip()
    words: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        words += re.findall(r"[^\W\d_]+", text[pos:m.start()])
        whole, _, frac = m.group().partition(",")
        bare = whole.isdigit() and not 1900 <= int(whole) < 2100  # "12 500" is an amount
        words += polish_number_words(re.sub(r"\D", "", whole),
                                     digit_by_digit=bare and len(whole) >= ACCOUNT_DIGITS)
        words += polish_number_words(frac) if frac else []
        pos = m.end()
    words += re.findall(r"[^\W\d_]+|%", text[pos:])
    return sum(_nuclei(_SPOKEN.get(w, w)) for w in words)


# Questions ------------------------------------------------------------------------------

_WH = frozenset(
    "kiedy gdzie dokąd skąd którędy dlaczego czemu kto kogo komu kim co czego czym "
    "jak ile ilu jaki jaka jakie jakiego jakiej jakim jakimi jakich jaką który która które "
    "którego której którym którymi których którą czyj czyja czyje".split())
_PREPOSITIONS = frozenset("na o do od z ze w we za po przez dla u przy".split())
_LEAD = frozenset("a i no to więc ale dobrze proszę".split())
_TAGS = frozenset({("prawda",), ("tak",), ("nie",), ("dobrze",), ("zgadza", "się"),
                   ("czy", "tak"), ("czy", "nie"), ("nieprawdaż",), ("tak", "czy", "nie")})
_ADDRESS = frozenset("pan pani państwo ty wy masz możesz jesteś".split())
_SECOND_PERSON_VERB = re.compile(r"(łeś|łaś|liście|łyście)$")  # "otrzymałeś", "dostaliście"
_STRIP = re.compile(r"^[^\w]+|[^\w]+$")


def _clauses(words: Sequence[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for raw in words:
        word = _STRIP.sub("", raw.strip()).lower()
        if word:
            chunks[-1].append(word)
        if CLAUSE_BOUNDARY.search(raw.strip()) and chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def _opens_wh(clause: list[str]) -> bool:
    return clause[0] in _WH or (len(clause) > 1 and clause[0] in _PREPOSITIONS
                                and clause[1] in _WH)


def read_polish(words: Sequence[str]) -> Reading:
    """Whether a Polish sentence is worded as a question (see the module docstring).

    Parameters
    ----------
    words : sequence of str
        The sentence's words as transcribed, punctuation attached ("Kowalski,", "tak?");
        the final mark is weighed by the caller, not here.
    """
    chunks = _clauses(words)
    if not chunks:
        return Reading(DECLARATIVE, "empty")
    first = chunks[0]
    k = 0
    while k < len(first) - 1 and first[k] in _LEAD:
        k += 1
    head = first[k:]
    if len(chunks) > 1 and tuple(chunks[-1]) in _TAGS:
        return Reading(POSSIBLE, "tag word")
    if head[0] == "czy":
        return Reading(QUESTION, "czy question")
    if _opens_wh(head):
        if len(chunks) > 1:
            return Reading(STATEMENT, "subordinate clause")
        return Reading(QUESTION, "wh-question")
    if any(c[0] == "czy" or _opens_wh(c) for c in chunks[1:]):
        return Reading(DECLARATIVE, "indirect question")
    second = (any(w in _ADDRESS for w in first)
              or any(_SECOND_PERSON_VERB.search(w) for w in first))
    return Reading(DECLARATIVE, "declarative", second_person=second)
