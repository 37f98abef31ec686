"""Korean syllables from the spelling, and whether a Korean sentence is worded as a question.

Hangul writes one syllable per block, so syllables are counted block by block.

Korean marks the sentence type in the ending of its final verb, so the question reading
looks at the last word (an eojeol, the unit between spaces) and, for question words and
indirect questions, at the words before it:

- ``QUESTION``: an ending that only questions have: formal -ㅂ니까/-습니까 ("됩니까",
  "괜찮으십니까"), -(으)ㄹ까(요) ("드릴까요", "할까"), -나요 ("되나요"), -ㄴ가(요)
  ("인가요", "있으신가요"), plain -니/-냐 ("하니", "뭐냐") and -는지요 ("가능하신지요").
- ``POSSIBLE``: the polite -요 endings that statements and questions share ("괜찮으세요",
  "확인해 주시겠어요", "원이에요"), the tag-like -죠/-지요 ("맞죠"), -ㄹ래요 (an offer or an
  intention); only the voice tells them apart. So is a question word (누구, 뭐, 무엇, 언제,
  어디, 왜, 어떻게, 얼마, 몇, 어느, 무슨, ...) with any ending that is not declarative.
- ``STATEMENT``: a question word or an indirect question (a clause in -는지/-ㄴ지/-ㄹ지)
  in a sentence whose ending is declarative: "왜 연락드렸는지 말씀드리겠습니다" (I will
  tell you why I called), "언제 오시는지 알려 주세요" (a request).
- ``DECLARATIVE``: anything else, in particular the declarative endings -ㅂ니다/-습니다
  and plain -다, requests (-아 주세요, -십시오), the promissive -ㄹ게요, the exclamative
  -네요/-군요, the explanatory -거든요 and the causal -니까(요) ("없으니까요").

Indefinites built on question words (언제든지, 무엇이든, 어디서나, 누구나, 얼마든지,
어떻게든, 왜냐하면, 누군가, ...) and "얼마 전" (a while ago) are not question words.
Questions in informal speech (banmal) without a question word ("괜찮아?") and noun
fragments ("15일?") are not read: the "?" and the final pitch decide them. The final
punctuation is ignored here; the caller weighs it separately.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from voicecoach.measures.questions.syntax import (
    DECLARATIVE,
    POSSIBLE,
    QUESTION,
    STATEMENT,
    Reading,
)

__all__ = ["hangul_syllables", "sino_korean_syllables", "read_korean"]

_FIRST, _LAST = 0xAC00, 0xD7A3  # the precomposed Hangul syllable blocks
_NIEUN, _RIEUL, _BIEUP = 4, 8, 17  # final consonants (jongseong) ㄴ, ㄹ, ㅂ
# Korean names of the Latin letters in syllables: A 에이, B 비, ..., W 더블유, Z 지.
_LETTER_NAMES = dict(zip(string.ascii_uppercase,
                         (2, 1, 1, 1, 1, 2, 1, 3, 2, 2, 2, 1, 1, 1, 1,
                          1, 1, 1, 2, 1, 1, 2, 3, 2, 2, 1)))
_PIECES = re.compile(r"[\uac00-\ud7a3]|[A-Za-z]+|\d[\d,]*(?:\.\d+)?")
ACCOUNT_DIGITS = 4  # a bare number this long (nothing written after it) is read digit by digit
_EDGES = re.compile(r"^\W+|\W+$")

_QUESTION_WORDS = ("누구", "누가", "뭐", "뭘", "무엇", "무슨", "언제", "어디", "왜", "어떻게",
                   "어떤", "어떠", "어때", "얼마", "몇", "며칠", "어느")
_NOT_QUESTION_WORDS = ("왜냐", "어느덧", "어느새", "몇몇")
_INDEFINITE_NA = ("누구나", "언제나", "어디나", "어디서나", "무엇이나")
_AGO = {"전", "전에", "후", "후에", "안", "동안"}  # "얼마 전에": a while ago
_INDEFINITE_GA = {"누군가", "무언가", "뭔가", "언젠가", "어딘가"}
_NOUNS_IN_NI = ("머니", "언니")  # 어머니, 할머니: nouns, not the plain question -니
_INDIRECT = ("는지", "은지", "신지", "던지", "인지")


def hangul_syllables(token: str) -> int:
    """Syllables in one transcribed Korean word (eojeol); 0 for one without letters.

    Parameters
    ----------
    token : str
        One word as transcribed, punctuation attached ("840만원", "KB은행", "있습니까?").

    Returns
    -------
    int
        One per precomposed Hangul block (U+AC00..U+D7A3). A Latin run in capitals of up
        to five letters is an acronym read letter by letter under the letters' Korean
        names ("KB" 케이비: 3); another Latin run counts its vowel groups (a run of
        a, e, i, o, u, y), at least one. Digits are not counted: a number written as
        a, e, i, o, u, y), at least one. Digits are read as Sino-Korean numbers
        ("840만원" 팔백사십만원: 6; "15일" 십오일: 3); a bare number of four or more digits
        with nothing written after it (an account or invoice number) digit by digit.
        Punctuation and isolated jamo (ㅋㅋ, ㅠㅠ) give 0.
    """
    n = 0
    pieces = _PIECES.findall(token)
    for piece in pieces:
        if piece[0].isdigit():
            whole, _, frac = piece.replace(",", "").partition(".")
            bare = len(pieces) == 1 and "," not in piece and len(whole) >= ACCOUNT_DIGITS
            n += len(whole) if bare else sino_korean_syllables(int(whole))
            n += (1 + len(frac)) if frac else 0  # 점 and one syllable a digit
        elif _FIRST <= ord(piece[0]) <= _LAST:
            n += 1
        elif piece.isupper() and len(piece) <= 5:
            n += sum(_LETTER_NAMES[c] for c in piece)
        else:
            n += max(1, len(re.findall(r"[aeiouy]+", piece.lower())))
    return n


def sino_korean_syllables(n: int) -> int:
    """Syllables of a whole number read in Sino-Korean (840 팔백사십: 4; 10000 만: 1).

    Each digit and each unit (십, 백, 천; 만, 억, 조 for the groups of four digits) is one
    syllable; a 1 before 십, 백, 천 and before 만 is not said (십, 백, 만), 0 is 영.
    """
    if n == 0:
        return 1
    total, group = 0, 0
    while n:
        n, part = divmod(n, 10000)
        if part:
            k = 0
            for power in range(4):
                digit = part // 10**power % 10
                if digit:
                    k += (digit != 1 or power == 0) + (power > 0)
            if group and part == 1 and group == 1:
                k = 0  # 만, not 일만
            total += k + (group > 0)
        group += 1
    return total


def read_korean(words: Sequence[str]) -> Reading:
    """Read whether a Korean sentence is worded as a question (see the module docstring).

    Parameters
    ----------
    words : sequence of str
        The sentence's words as transcribed, split on spaces, punctuation attached
        (["지금", "통화", "괜찮으십니까?"]). Punctuation is stripped before reading.

    Returns
    -------
    Reading
        The strength and the form found ("formal interrogative ending", "interrogative
        -(으)ㄹ까요", "polite ending: the voice decides", "declarative ending", "indirect
        question", ...).
    """
    clean = [w for w in (_EDGES.sub("", raw) for raw in words) if w]
    if not clean:
        return Reading(DECLARATIVE, "empty")
    last = clean[-1]
    asked = _interrogative(last)
    if asked is not None:
        return Reading(QUESTION, asked)
    indirect = any(_indirect(w) for w in clean[:-1])
    question_word = any(_question_word(w, nxt) for w, nxt in zip(clean, clean[1:] + [""]))
    stated = _declarative(last)
    if stated is not None:
        if indirect:
            return Reading(STATEMENT, "indirect question")
        if question_word:
            return Reading(STATEMENT, "question word in a statement")
        return Reading(DECLARATIVE, stated)
    if last.endswith(("죠", "지요")) and not last.endswith("까지요"):
        return Reading(POSSIBLE, "tag-like -죠: the voice decides")
    if last.endswith(("래요", "래")) and _final(last[:-2] if last[-1] == "요" else last[:-1]) \
            == _RIEUL:
        return Reading(POSSIBLE, "-ㄹ래요, offer or intention: the voice decides")
    if last.endswith("요"):
        if indirect:
            return Reading(POSSIBLE, "indirect question: the voice decides")
        if question_word:
            return Reading(POSSIBLE, "question word with a polite ending")
        return Reading(POSSIBLE, "polite ending: the voice decides")
    if question_word:
        return Reading(POSSIBLE, "question word")
    return Reading(DECLARATIVE, "no interrogative ending")


def _final(syllables: str) -> int:
    """The final consonant (jongseong index, 0 for none) of the last Hangul block of
    ``syllables``; -1 when it is not a Hangul block or ``syllables`` is empty."""
    if not syllables or not _FIRST <= ord(syllables[-1]) <= _LAST:
        return -1
    return (ord(syllables[-1]) - _FIRST) % 28


def _interrogative(word: str) -> str | None:
    """The form of an ending only questions have, or None."""
    if word.endswith("니까"):
        return "formal interrogative ending" if _final(word[:-2]) == _BIEUP else None
    if word.endswith("니까요"):
        return None  # causal "-니까요" (because ...)
    for ending, before, form in (("까", _RIEUL, "interrogative -(으)ㄹ까요"),
                                 ("가", _NIEUN, "interrogative -ㄴ가요"),
                                 ("지요", _NIEUN, "interrogative -는지요")):
        stem = word.removesuffix("요") if ending != "지요" else word
        if stem.endswith(ending) and _final(stem[:-len(ending)]) == before:
            if word not in _INDEFINITE_GA:
                return form
    if word.endswith("나요") and len(word) > 2:
        return "interrogative -나요"
    if word.endswith(("니", "냐")) and len(word) > 1 and not word.endswith(_NOUNS_IN_NI):
        return "plain interrogative -니/-냐"
    return None


def _declarative(word: str) -> str | None:
    """The form of an ending that questions do not have, or None."""
    if word.endswith(("니까", "니까요")):
        return "causal -니까"
    if word.endswith("다"):
        return "declarative ending"  # -ㅂ니다/-습니다, plain -다
    if word.endswith(("주세요", "시오")):
        return "request"  # -아 주세요, -(으)십시오
    if word.endswith(("게요", "게")) and _final(word.removesuffix("요")[:-1]) == _RIEUL:
        return "promissive -ㄹ게요"
    if word.endswith(("네요", "군요", "구나")):
        return "exclamative -네요"
    if word.endswith("거든요"):
        return "explanatory -거든요"
    return None


def _question_word(word: str, nxt: str) -> bool:
    """Is ``word`` (followed by ``nxt``) a question word, not an indefinite built on one?"""
    if not word.startswith(_QUESTION_WORDS) or word.startswith(_NOT_QUESTION_WORDS):
        return False
    if "든" in word or word in _INDEFINITE_NA:
        return False  # 언제든지, 무엇이든, 어떻게든, 누구나, 어디서나
    return not (word.startswith("얼마") and nxt in _AGO)


def _indirect(word: str) -> bool:
    """Does ``word`` close an indirect question: -는지/-ㄴ지/-ㄹ지, a particle allowed?"""
    for particle in ("를", "도", "가", "는"):
        if word.endswith(particle) and len(word) > 2:
            word = word[:-1]
            break
    if not word.endswith("지") or len(word) < 2:
        return False
    return (word.endswith(_INDIRECT) and len(word) > 2) or _final(word[:-1]) == _RIEUL
