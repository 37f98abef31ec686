"""Is a sentence worded as a question? English clause syntax over the word list.

Pure functions over the words as transcribed; punctuation inside the sentence (commas)
marks clause boundaries, the final mark is ignored (the decision weighs it separately).

A sentence is read clause by clause (clauses split at commas, semicolons, colons and
dashes). It is worded as a question when one of its clauses is:

- a yes/no question: an auxiliary before its subject ("Could you ...", "Is now a good
  time ...", "Has the bank contacted you ...", "And is that ...");
- a wh-question: a wh-phrase followed by that inversion ("When can we ...", "Which
  option would you ...", "At what time can you ..."), or a wh-phrase that is itself the
  subject ("Who handles the payments", "What would work for you", "How much is left");
- a tag after a statement: an inverted auxiliary and pronoun ("..., isn't it") or a
  confirming word ("..., right", "..., okay"; weaker, see ``POSSIBLE``).

It is not a question, although it opens like one, when the wh-word opens a subordinate
clause ("When you hear the tone, ...", "When forced to choose, ..."), a free relative
("What you will hear is ...", "What would work is ...", "Why he left remains ..."), an
exclamation ("What a relief", "How kind of you"), a sentential relative ("Which is why
..."); when the inversion is a condition ("Had he married her, he would ...", "Were it
not for ...") or an additive or negative inversion ("So do I", "Neither can we", "Never
have I ..."); when the "auxiliary" is a main verb with no subject after it ("Have your
card ready", "Don't forget ...", "Could be a problem"); or when the clause is quoted in
reported speech ("..., she said").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.measures.questions import lexicon as lx

__all__ = ["QUESTION", "POSSIBLE", "DECLARATIVE", "STATEMENT", "Reading", "read_syntax",
           "Token", "tokens_of", "CLAUSE_BOUNDARY"]

QUESTION = "question"  # worded as a question
POSSIBLE = "possible"  # a weak question form ("..., right", "Why?"): the voice decides
DECLARATIVE = "declarative"  # plain statement or command word order
STATEMENT = "statement"  # opens like a question but the syntax says it is not one

CLAUSE_BOUNDARY = re.compile(r"[,;:]+[\"')\]]*$|^[-\u2013\u2014]+$")
"""A transcribed word that ends a clause (a comma, semicolon or colon after it) or is a dash."""
_STRIP = re.compile(r"^[^\w']+|[^\w']+$")


@dataclass(frozen=True)
class Reading:
    """What the syntax says about one sentence.

    Attributes
    ----------
    strength : {"question", "possible", "declarative", "statement"}
        ``QUESTION`` and ``POSSIBLE`` are evidence for a question, ``STATEMENT`` against it
        (a statement that opens like a question), ``DECLARATIVE`` neither.
    form : str
        The form found, for the reader: "yes/no inversion", "wh inversion", "subject
        wh-question", "tag question", "tag word", "subordinate clause", "free relative",
        "conditional inversion", "declarative", ...
    second_person : bool
        The main clause's subject is the listener ("You received ...", "So you can ...").
    """

    strength: str
    form: str
    second_person: bool = False


@dataclass(frozen=True)
class Token:
    """A word lower-cased, contractions of pronouns and wh-words split."""

    text: str
    capital: bool = False  # written with a capital letter not at the sentence start


def tokens_of(words: Sequence[str]) -> list[list[Token]]:
    """The sentence's clauses (split at commas, semicolons, colons, dashes) as tokens."""
    chunks: list[list[Token]] = [[]]
    for i, raw in enumerate(words):
        raw = raw.strip().replace("\u2019", "'")
        word = _STRIP.sub("", raw)
        if word:
            capital = i > 0 and word[:1].isupper() and word != "I"
            for part in lx.expand(word.lower()):
                chunks[-1].append(Token(part, capital))
        if CLAUSE_BOUNDARY.search(raw) and chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def read_syntax(words: Sequence[str]) -> Reading:
    """Read the form of a sentence from its words (see the module docstring).

    Parameters
    ----------
    words : sequence of str
        The sentence's words as transcribed, punctuation attached ("Sarah,", "pay?").
    """
    chunks = tokens_of(words)
    if not chunks:
        return Reading(DECLARATIVE, "empty")
    if len(chunks) > 1 and _reporting(chunks[-1]):
        return Reading(STATEMENT, "reported speech")
    against: Reading | None = None
    main: Reading | None = None
    for i, chunk in enumerate(chunks):
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        if nxt is not None and _conditional(chunk, nxt):
            against = against or Reading(STATEMENT, "conditional inversion")
            continue
        reading = _clause(chunk, more=nxt is not None)
        if reading.strength == QUESTION:
            if i > 0 and i == len(chunks) - 1 and len(chunk) <= 3:
                return Reading(QUESTION, "tag question")
            return reading
        if reading.strength == STATEMENT:
            against = against or reading
        elif main is None and not _prefix(chunk, more=nxt is not None):
            main = reading
    if len(chunks) > 1 and tuple(t.text for t in chunks[-1]) in lx.WORD_TAGS:
        return Reading(POSSIBLE, "tag word")
    if against is not None:
        return against
    if main is None:
        main = _clause(chunks[-1], more=False)
    return main


def _clause(chunk: list[Token], *, more: bool) -> Reading:
    """The form of one clause."""
    words = [t.text for t in chunk]
    if tuple(words) in lx.FIXED_CONNECTIVES:
        return Reading(DECLARATIVE, "connective")
    if len(words) >= 2 and words[0] in {"so", "neither", "nor"} and words[1] in lx.AUX:
        if words[0] != "so" or len(words) <= 4 and _subject(chunk, 2):
            return Reading(STATEMENT, "additive inversion")  # "So do I", "Neither can we"
    if words[0] in lx.NEGATIVE_ADVERBS and len(words) > 1 and words[1] in lx.AUX:
        return Reading(STATEMENT, "negative inversion")  # "Never have I seen ..."
    k = 0
    while k < len(words) - 1 and (
            words[k] in {"and", "but", "or", "so", "oh", "also", "please", "then", "well",
                         "okay", "ok", "hello", "hi", "hey", "yeah"}
            or words[k] == "good" and words[k + 1] in {"morning", "afternoon", "evening"}
            or k and words[k - 1] == "good" and words[k] in {"morning", "afternoon", "evening"}):
        k += 1  # markers and greetings before the clause: "Good afternoon is this Mr. Patel"
    if k and words[k - 1] == "please" and words[k] in {"have", "do", "don't", "be"}:
        return Reading(DECLARATIVE, "imperative")  # "Please have your card ready"
    chunk, words = chunk[k:], words[k:]
    if words[0] in lx.AUX:
        return _yes_no(chunk)
    if words[0] in lx.WH or (words[0] in lx.PREPOSITIONS and len(words) > 1
                             and words[1] in lx.WH):
        return _wh(chunk, more=more)
    if words[0] in lx.WH_EVER:
        return Reading(STATEMENT, "subordinate clause" if more else "free relative")
    return Reading(DECLARATIVE, "declarative", second_person=words[0] in {"you", "your"})


def _yes_no(chunk: list[Token]) -> Reading:
    words = [t.text for t in chunk]
    if len(words) < 2 or not _subject(chunk, 1):
        return Reading(DECLARATIVE, "no subject after the auxiliary")  # "Could be ...", "Will do"
    if words[0] in {"were", "had"} and len(words) > 2 and words[2] == "not":
        return Reading(STATEMENT, "conditional inversion")  # "Were it not for ..."
    if words[0] in lx.AUX_HAVE and words[1] not in lx.SUBJECT_PRONOUNS:
        if not any(_participle(w) for w in words[2:6]):
            return Reading(DECLARATIVE, "main verb have")  # "Have your card ready"
    return Reading(QUESTION, "yes/no inversion")


def _wh(chunk: list[Token], *, more: bool) -> Reading:
    words = [t.text for t in chunk]
    k = 1 if words[0] in lx.PREPOSITIONS else 0
    wh, k = words[k], k + 1
    rest = words[k:]
    if not rest:
        return Reading(POSSIBLE, "wh fragment")  # "Why?", "When?"
    if wh == "what" and rest[0] in {"a", "an"}:
        return Reading(STATEMENT, "exclamative")  # "What a relief"
    if (wh, rest[0]) in {("why", "not"), ("how", "come"), ("how", "about"), ("what", "about"),
                         ("what", "if")}:
        return Reading(QUESTION, "wh suggestion")
    if wh == "which" and (rest[0] in lx.MATRIX_VERBS or rest[:2] in (["is", "why"],
                                                                     ["was", "why"])):
        return Reading(STATEMENT, "sentential relative")  # "Which means ...", "Which is why"
    if wh == "how" and rest[0] in lx.HOW_DEGREE:
        k += 1
        while k < len(words) and words[k] not in lx.AUX and not _subject(chunk, k) and (
                words[k] not in lx.PREPOSITIONS) and k < 4:
            k += 1  # "how many payments"
    elif wh == "how" and rest[0] not in lx.AUX and not _subject(chunk, k):
        k += 1  # "how kind": a degree word; what follows decides
    elif wh in lx.WH_DETERMINERS:
        k = _wh_noun(chunk, k)
    if k >= len(words):
        return Reading(POSSIBLE, "wh fragment")  # "How much?", "Which one?"
    w = words[k]
    if w in lx.AUX:
        if _subject(chunk, k + 1):
            return Reading(QUESTION, "wh inversion")
        if _matrix_verb(words, k):
            return Reading(STATEMENT, "free relative")  # "What would work is ..."
        return Reading(QUESTION, "subject wh-question")  # "What would work for you"
    if _subject(chunk, k):
        return Reading(STATEMENT, "subordinate clause" if more or wh in {"when", "where"}
                       else "free relative")  # "When you hear ...", "What you will hear is"
    if wh in {"who", "what", "which", "whose"} or k > 2:
        if _lexical_verb(w):
            if _matrix_verb(words, k):
                return Reading(STATEMENT, "free relative")  # "What matters most is ..."
            return Reading(QUESTION, "subject wh-question")  # "Who handles the bills"
        return Reading(POSSIBLE, "wh opening")
    return Reading(STATEMENT, "subordinate clause" if more else "exclamative")


def _wh_noun(chunk: list[Token], k: int) -> int:
    """After "what"/"which"/"whose", the end of the noun it takes ("what date", "which
    option", "what kind of plan", "what else")."""
    words = [t.text for t in chunk]
    if k + 1 < len(words) and words[k] == "of":  # partitive: "which of the dates"
        return _noun_end(chunk, k + 2 if words[k + 1] in lx.DETERMINERS else k + 1)
    return _noun_end(chunk, k)


def _noun_end(chunk: list[Token], k: int) -> int:
    words = [t.text for t in chunk]
    j = k
    while j < len(words) and j - k < 3 and words[j] not in lx.AUX and not _subject(chunk, j) \
            and words[j] not in lx.PREPOSITIONS - {"of"} and not _verb_form(words[j]):
        j += 1
    return j


def _subject(chunk: list[Token], i: int) -> bool:
    """Can a subject noun phrase start at token ``i``?"""
    if i >= len(chunk):
        return False
    t = chunk[i]
    w = t.text
    if w in lx.AUX or w in lx.WH:
        return False
    return (w in lx.SUBJECT_PRONOUNS or w in lx.DEMONSTRATIVES or w in lx.DETERMINERS
            or w in lx.INDEFINITES or w in lx.NUMBERS or w in lx.CALENDAR
            or w in {"there", "now"} or w[:1].isdigit() or w.endswith("'s") or t.capital)


def _participle(w: str) -> bool:
    return w in lx.PARTICIPLES or (len(w) >= 5 and w.endswith("ed") and not w.endswith("eed"))


def _verb_form(w: str) -> bool:
    """Clearly a finite verb after a wh-word: a listed -s form, -ed, or an irregular past."""
    return w in lx.VERBS_S or w in lx.PAST_FORMS or _participle(w)


def _lexical_verb(w: str) -> bool:
    return _verb_form(w) or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _matrix_verb(words: list[str], verb: int) -> bool:
    """Is there a second finite verb after the wh-clause's verb at ``verb`` (not inside a
    relative or complement clause)? Then the wh-clause is the subject of a statement."""
    j = verb + 1
    while words[verb] in lx.AUX and j < len(words) and (
            words[j] in lx.AUX or words[j] in {"not", "be", "been", "being"}):
        j += 1  # the rest of an auxiliary's verb group: "would have thought"
    for w in words[j:]:
        if w in lx.RELATIVIZERS:
            return False
        if w in lx.AUX or w in lx.MATRIX_VERBS:
            return True
    return False


def _conditional(chunk: list[Token], nxt: list[Token]) -> bool:
    """"Had he married her, ..." / "Should you need help, ...": an inverted condition
    followed by its main clause."""
    words = [t.text for t in chunk]
    nxt_words = tuple(t.text for t in nxt)
    return (words[0] in lx.CONDITIONAL_AUX and _subject(chunk, 1) and len(nxt_words) >= 2
            and nxt_words not in lx.WORD_TAGS and not (len(nxt_words) <= 3
                                                       and nxt_words[0] in lx.AUX))


def _prefix(chunk: list[Token], *, more: bool) -> bool:
    """A clause that leads into the main one: markers, a vocative, a subordinate clause."""
    if not more:
        return False
    words = [t.text for t in chunk]
    return (all(w in lx.MARKERS for w in words) or all(t.capital for t in chunk)
            or words[0] in lx.SUBORDINATORS or words[0] in lx.PREPOSITIONS
            or tuple(words) in lx.FIXED_CONNECTIVES or words in (["you", "know"], ["i", "mean"]))


def _reporting(chunk: list[Token]) -> bool:
    """"..., she said quietly" / "..., said the man": the sentence is quoted speech."""
    words = [t.text for t in chunk]
    if words[0] in lx.REPORTING_VERBS:
        return True
    return len(words) >= 2 and (_subject(chunk, 0) or words[0] in lx.SUBJECT_PRONOUNS) and (
        words[1] in lx.REPORTING_VERBS or (len(words) > 2 and words[2] in lx.REPORTING_VERBS))
