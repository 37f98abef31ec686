"""A sentence as the checklist reads it: lower-case tokens, each tied to the words it
came from, with numbers, amounts, dates and names folded into placeholder tokens.

A transcriber writes the same amount as "$840", "840 dollars" or "eight hundred and
forty dollars", and the same due date as "March 1st", "the first of March" or "1/3".
The checklist's patterns are written once against placeholders instead:

``<number>``
    a number in digits ("4,729", "4 7 2 9") or in words (English through ``text2num``;
    other languages through the checklist's ``number_words`` pattern);
``<ordinal>``
    "14th", "fourteenth" (English);
``<amount>``
    a number with a currency: a symbol before it ("$840") or a currency word after it
    ("840 dollars", "osiemset czterdzieści złotych", "84만 원"), cents included;
``<date>``
    whatever the language's ``dates`` patterns match once the numbers are folded;
``<name>``
    a run of capitalized words inside a sentence ("Dana", "Jordan Blake"), for
    languages written with capitals;
``<company>``
    such a run ending in one of the checklist's ``company_words`` ("Harbor Supply",
    "Northwind Bank").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from voicecoach.transcript import Word

__all__ = ["Token", "Tokens", "tokenize", "fold"]

_EDGE = re.compile(r"^[^\w$£€<>%]+|[^\w%>]+$")
_DIGITS = re.compile(r"^[$£€]?\d[\d,.]*(st|nd|rd|th)?$|^\d+(?:-\d+)+$")  # "4471-09"
_SLASH_DATE = re.compile(r"^\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?$")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_IDENTIFIER = re.compile(r"^[a-z]{1,4}-?\d{3,}$"  # "inv-2041", "a4471"
                         r"|^(?=[a-z0-9-]*\d)[a-z0-9]+(?:-[a-z0-9]+)+$")  # "zp-0093-k"
_SYMBOL = re.compile(r"^([$£€])(\d[\d,.]*)$")
_EN_NUMBER_WORDS = frozenset(
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million first second third fourth fifth sixth seventh "
    "eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
    "seventeenth eighteenth nineteenth twentieth thirtieth".split())
_EN_GLUE = frozenset({"and", "point", "a"})
_EN_KEEP = frozenset({"one", "oh", "second", "a"})  # alone, these are rarely numbers
_NOT_NAMES = frozenset(
    "i i'm i'll i've i'd mr mrs ms dr miss mister okay ok calling speaking here monday "
    "tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split())
_OPENERS = frozenset(
    "hi hello hey hiya howdy good morning afternoon evening thanks thank yes yeah no so well "
    "and but or this that these those it it's is am are was were can could would will shall "
    "should may might must do does did don't what how when why where who which please sorry "
    "right just we you your our my the a an if as i'm we're you're they're there here now "
    "then also again dear hope let's let one all every any some their his her call ask tell "
    "give send pay".split())
"""Words that open sentences: a capitalized first word is a name only if it is none of
these and a name or "here"/"speaking" follows ("Dana Whitfield, from ...", "Jamal here")."""


@dataclass(frozen=True)
class Token:
    """One token: its text (lower-case, or a placeholder) and the words it spans."""

    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Tokens:
    """A sentence's tokens; :attr:`text` joins them with single spaces."""

    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last word index of the tokens overlapping characters
        ``start:end`` of :attr:`text` (None when none does)."""
        pos, hit = 0, []
        for tok in self.tokens:
            if pos < end and pos + len(tok.text) > start:
                hit.append(tok)
            pos += len(tok.text) + 1
        return (hit[0].first, hit[-1].last) if hit else None

    def fold(self, pattern: re.Pattern, label: str) -> Tokens:
        """These tokens with each match of ``pattern`` that covers whole tokens made one
        ``label`` token."""
        starts, ends, pos = {}, {}, 0
        for i, tok in enumerate(self.tokens):
            starts[pos], ends[pos + len(tok.text)] = i, i
            pos += len(tok.text) + 1
        runs = [(starts[m.start()], ends[m.end()]) for m in pattern.finditer(self.text)
                if m.start() in starts and m.end() in ends and m.end() > m.start()]
        if not runs:
            return self
        out, i = [], 0
        for first, last in runs:
            if first < i:
                continue
            out += self.tokens[i:first]
            out.append(Token(label, self.tokens[first].first, self.tokens[last].last))
            i = last + 1
        return Tokens(tuple(out) + self.tokens[i:])


def _clean(text: str) -> str:
    return _EDGE.sub("", text.strip().replace("\u2019", "'"))


def _english_numbers(raw: list[tuple[str, int]]) -> list[Token]:
    """Runs of English number words (with "and", "a", "point" inside) as numbers."""
    from text_to_num import alpha2digit

    out: list[Token] = []
    i = 0
    while i < len(raw):
        word = raw[i][0].lower()
        parts = word.split("-")
        if not all(p in _EN_NUMBER_WORDS for p in parts) and word != "a":
            out.append(Token(word, raw[i][1], raw[i][1]))
            i += 1
            continue
        j = i
        while j + 1 < len(raw):
            nxt = raw[j + 1][0].lower()
            if all(p in _EN_NUMBER_WORDS for p in nxt.split("-")):
                j += 1
            elif nxt in _EN_GLUE and j + 2 < len(raw) and \
                    all(p in _EN_NUMBER_WORDS for p in raw[j + 2][0].lower().split("-")):
                j += 2
            else:
                break
        run = [w.lower() for w, _ in raw[i:j + 1]]
        the_second = run == ["second"] and i > 0 and raw[i - 1][0].lower() == "the"
        if run == ["a"] or (len(run) == 1 and run[0] in _EN_KEEP and not the_second):
            out.append(Token(run[0], raw[i][1], raw[i][1]))
            i += 1
            continue
        k = i
        if run[0] == "a":  # "a hundred dollars"
            out.append(Token("a", raw[i][1], raw[i][1]))
            k, run = i + 1, run[1:]
        if len(run) > 1:  # "six oh three": an account number read digit by digit
            run = ["zero" if w == "oh" else w for w in run]
        digits = alpha2digit(" ".join(run), "en").split()
        first, last = raw[k][1], raw[j][1]
        after_the = k > 0 and raw[k - 1][0].lower() == "the"
        if all(d.isdigit() for d in digits):
            out.append(Token("<number>", first, last))
        elif len(digits) == 1 and (_ORDINAL.match(digits[0]) or after_the):
            out.append(Token("<ordinal>", first, last))  # "the fourteenth", "the first"
        else:
            out.extend(Token(w, raw[n][1], raw[n][1]) for n, w in zip(range(k, j + 1), run))
        i = j + 1
    return out


def tokenize(words: Sequence[Word], first_index: int, *, language: str,
             number_words: re.Pattern | None = None, fillers: Collection[str] = (),
             company_words: Collection[str] = (), currency: Sequence[str] = ()) -> Tokens:
    """The tokens of one sentence's ``words`` (word indices from ``first_index``), numbers
    folded: digits, identifiers ("INV-2041"), English number words, ``number_words``
    matches in other languages. ``fillers`` ("um", "uh") are left out. Capitalized words
    inside the sentence become ``<name>`` (runs of them one token), or ``<company>`` when
    the run ends in one of ``company_words`` ("Harbor Supply", "Northwind Bank"); the
    first word of the sentence is one only before another name or "here"/"speaking". A
    word matching one of the ``currency`` patterns ("Euros") is never a name."""
    fillers, company_words = frozenset(fillers), frozenset(company_words)
    raw = [(c, first_index + k) for k, w in enumerate(words)
           if (c := _clean(w.text)) and c.lower() not in fillers]
    money = _currency_word(tuple(currency))
    moneys = {idx for c, idx in raw if money and money.fullmatch(c.lower())}
    caps = {idx for pos, (c, idx) in enumerate(raw)
            if pos > 0 and c[:1].isupper() and c.lower() not in _NOT_NAMES and idx not in moneys}
    if len(raw) > 1 and raw[0][0][:1].isupper() and raw[0][0].isalpha() \
            and raw[0][0].lower() not in _NOT_NAMES | _OPENERS \
            and (raw[1][1] in caps or raw[1][0].lower() in ("here", "speaking")):
        caps.add(raw[0][1])
    tokens: list[Token] = []
    for c, idx in raw:
        low = c.lower()
        sym = _SYMBOL.match(low)
        if sym:
            tokens += [Token(sym.group(1), idx, idx), Token("<number>", idx, idx)]
        elif _SLASH_DATE.match(low):
            tokens.append(Token("<date>", idx, idx))
        elif _ORDINAL.match(low):
            tokens.append(Token("<ordinal>", idx, idx))
        elif _DIGITS.match(low) or _IDENTIFIER.match(low):
            tokens.append(Token("<number>", idx, idx))
        elif number_words is not None and number_words.fullmatch(low):
            tokens.append(Token("<number>", idx, idx))
        elif idx in caps:
            tokens.append(Token("<name>", idx, idx))
        else:
            tokens.append(Token(low, idx, idx))
    if language == "en":
        # "C T four nine nine", "CF dash 4471", "INB 2417": capitals before a number
        spelled = {idx for c, idx in raw if c.isalpha() and c.isupper() and len(c) <= 4
                   and c not in ("I", "A") and idx not in moneys}
        tokens = _letters_into_numbers(_renumber(tokens), spelled)
    text = {idx: c.lower() for c, idx in raw}
    commas = {first_index + k for k, w in enumerate(words) if w.text.rstrip().endswith(",")}
    return Tokens(tuple(Token("<company>", t.first, t.last)
                        if t.text == "<name>" and text[t.last] in company_words else t
                        for t in _merge_runs(tokens, commas)))


def _letters_into_numbers(tokens: list[Token], spelled: set[int]) -> list[Token]:
    """Capital letters spelled before a number ("C T <number>", "T W M G dash <number>")
    made part of it: a reference read out letter by letter."""
    out: list[Token] = []
    for tok in tokens:
        if tok.text == "<number>":
            k = len(out)
            if k and out[k - 1].text == "dash" and k > 1 and out[k - 2].first in spelled:
                k -= 1
            while k and out[k - 1].first in spelled:
                k -= 1
            if k < len(out) and out[k].first in spelled:
                tok = Token("<number>", out[k].first, tok.last)
                del out[k:]
        out.append(tok)
    return out


def _renumber(tokens: list[Token]) -> list[Token]:
    """English number words folded (placeholders and symbols left as they are)."""
    out: list[Token] = []
    run: list[tuple[str, int]] = []
    for tok in tokens + [Token("<end>", -1, -1)]:
        if tok.text.startswith("<") or tok.text in ("$", "£", "€"):
            out += _english_numbers(run)
            run = []
            if tok.text != "<end>":
                out.append(tok)
        else:
            run.append((tok.text, tok.first))
    return out


def _merge_runs(tokens: list[Token], commas: set[int]) -> list[Token]:
    """Adjacent ``<number>`` tokens ("4 7 2 9", "4729 5") and adjacent ``<name>`` tokens
    made one, unless a comma parts them ("Vincent Moreau, Delta Freight")."""
    out: list[Token] = []
    for tok in tokens:
        if out and tok.text == out[-1].text and tok.text in ("<number>", "<name>") \
                and out[-1].last not in commas:
            out[-1] = Token(tok.text, out[-1].first, tok.last)
        else:
            out.append(tok)
    return out


def fold(tokens: Tokens, *, currency: Sequence[str], dates: Sequence[re.Pattern],
         number_words: re.Pattern | None = None) -> Tokens:
    """``tokens`` with amounts and dates folded into ``<amount>`` and ``<date>``.

    ``currency`` holds patterns of the currency words (lower-case) said after a number, or
    written before it as a recognizer writes "£38" ("pound 38", "euros 3,860"); a token
    that is a number with one of them written on ("840zł", "84만원") counts too.
    """
    written_on, amount = _amount_patterns(tuple(currency), number_words)
    out = Tokens(tuple(Token("<amount>", t.first, t.last)
                       if written_on and written_on.fullmatch(t.text) else t
                       for t in tokens.tokens)).fold(amount, "<amount>")
    for pattern in dates:
        out = out.fold(pattern, "<date>")
    return out


@functools.lru_cache(maxsize=16)
def _currency_word(currency: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for the checklist's currency words, built once per checklist."""
    return re.compile("|".join(currency)) if currency else None


@functools.lru_cache(maxsize=16)
def _amount_patterns(currency: tuple[str, ...], number_words: re.Pattern | None
                     ) -> tuple[re.Pattern | None, re.Pattern]:
    """(a number with a currency written on, as one token; a number token with its
    currency around it), built once per checklist."""
    words = "|".join(currency)
    if not words:
        return None, re.compile(r"[$£€] <number>")
    number = r"[\d,.]*\d" + (f"|{number_words.pattern}" if number_words else "")
    return (re.compile(rf"(?:{number})+(?:{words})"),
            re.compile(rf"(?:[$£€] )?<number>(?: (?:{words}))(?: and <number>(?: (?:{words}))?)?"
                       rf"|(?:[$£€]|\b(?:{words})) <number>"))
