"""Report text in the agent's language: message catalogs, plural forms, number formats.

Every sentence a report shows lives in one catalog per language (``en``, ``pl``, ``ko``)
under a stable key, as a format string with named parameters::

    text("tip.questions.count_five", "pl")
    text("detail.pauses.summary", "pl", count=3, mean_s=0.41, longest_s=0.8)
    # '3 pauzy, średnio 0,41 s, najdłuższa 0,80 s'

A finding keeps its English text, but as a :class:`Msg`: a ``str`` that also carries its
key and parameters, so a report can render it in another language with
:func:`localize`. A plain string (hand-written, or from code that has no key yet) is
shown as it is; a key missing from a language falls back to English.

Format specs are Python's, with numbers written the language's way (Polish: decimal
comma), plus one of our own, ``{n:plural:one|few|many}``, which picks the form of the
noun for the count ``n`` by the language's plural rule (English ``pause|pauses``; Polish
``pauza|pauzy|pauz``; Korean has one form).
"""

from __future__ import annotations

import math
import numbers
import string
from collections.abc import Iterable, Mapping

from voicecoach.i18n import en, ko, pl

__all__ = ["LANGUAGES", "DEFAULT", "Msg", "t", "text", "localize", "joined", "plural_index",
           "format_number", "supported", "report_language", "catalog", "parameters"]

DEFAULT = "en"
_CATALOGS: dict[str, Mapping[str, str]] = {"en": en.MESSAGES, "pl": pl.MESSAGES,
                                           "ko": ko.MESSAGES}
LANGUAGES = tuple(_CATALOGS)
"""The languages a report can be written in."""
_DECIMAL_COMMA = {"pl"}
_JOIN = "_join"


def supported(lang: str | None) -> bool:
    """True when reports can be written in ``lang`` (a code such as "pl")."""
    return lang in _CATALOGS


def report_language(requested: str | None, heard: str | None) -> str:
    """The language to write a report in: ``requested`` when given, else the language the
    recording was heard in when there is a translation for it, else English."""
    if requested:
        if not supported(requested):
            raise ValueError(f"no report text in {requested!r}; choose one of "
                             f"{', '.join(LANGUAGES)}")
        return requested
    return heard if supported(heard) else DEFAULT


def catalog(lang: str) -> Mapping[str, str]:
    """The messages of ``lang`` (key -> format string)."""
    return _CATALOGS[lang]


def parameters(template: str) -> frozenset[str]:
    """The names of the parameters a format string uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template)
                     if name is not None and name != "")


def plural_index(lang: str, n: float) -> int:
    """Which plural form a count ``n`` takes in ``lang``: an index into the forms.

    English: 0 for one, 1 otherwise. Polish: 0 for 1; 1 for 2-4, 22-24, 32-34, ...
    (n mod 10 in 2..4, n mod 100 not in 12..14); 2 for the rest of the whole numbers
    (5-21, 25-31, ..., and 0); a fraction ("1,5 sekundy") takes form 1. Korean: 0.
    """
    if lang == "ko":
        return 0
    whole = float(n).is_integer()
    if lang == "pl":
        if not whole:
            return 1
        k = abs(int(n))
        if k == 1:
            return 0
        return 1 if k % 10 in (2, 3, 4) and k % 100 not in (12, 13, 14) else 2
    return 0 if whole and abs(n) == 1 else 1


def format_number(value: float, spec: str, lang: str) -> str:
    """``value`` formatted with ``spec`` the way ``lang`` writes numbers."""
    out = format(value, spec)
    return out.replace(".", ",") if lang in _DECIMAL_COMMA else out


class Msg(str):
    """A report sentence: its English text (it *is* that ``str``) with the catalog key and
    parameters it came from, so it can be rendered in another language."""

    key: str
    params: dict

    def __new__(cls, key: str, /, **params: object) -> Msg:
        self = super().__new__(cls, _render(key, DEFAULT, params))
        self.key, self.params = key, params
        return self

    def __reduce__(self):
        return (_rebuild, (self.key, self.params))

    def to_dict(self) -> dict:
        """The key and parameters as JSON-ready data (nested sentences as dicts)."""
        return {"key": self.key, "params": {k: _plain(v) for k, v in self.params.items()}}


def _rebuild(key: str, params: dict) -> Msg:
    return Msg(key, **params)


def t(key: str, /, **params: object) -> Msg:
    """The sentence ``key`` with ``params`` (English text, renderable in any language)."""
    return Msg(key, **params)


def joined(parts: Iterable[object], sep: str = "; ") -> Msg:
    """Sentences (or plain strings) joined by ``sep``, each part rendered in the report's
    language; empty parts are dropped."""
    return Msg(_JOIN, parts=tuple(p for p in parts if p), sep=sep)


def text(key: str, lang: str = DEFAULT, /, **params: object) -> str:
    """The sentence ``key`` in ``lang`` (English when ``lang`` lacks it) with ``params``."""
    return _render(key, lang if supported(lang) else DEFAULT, params)


def localize(value: object, lang: str) -> str:
    """``value`` in ``lang``: a :class:`Msg` is rendered from its key, anything else is
    shown as it is."""
    if isinstance(value, Msg):
        return text(value.key, lang, **value.params)
    return "" if value is None else str(value)


def _render(key: str, lang: str, params: Mapping[str, object]) -> str:
    if key == _JOIN:
        return str(params["sep"]).join(localize(p, lang) for p in params["parts"])
    template = _CATALOGS[lang].get(key)
    if template is None:
        template = _CATALOGS[DEFAULT][key]  # KeyError: a sentence with no English is a bug
    return _Formatter(lang).vformat(template, (), params)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            forms = format_spec.removeprefix("plural:").split("|")
            return forms[min(plural_index(self.lang, float(value)), len(forms) - 1)]
        if isinstance(value, Msg):
            return format(localize(value, self.lang), format_spec)
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return format_number(value, format_spec, self.lang)
        return format(value, format_spec)


def _plain(value: object) -> object:
    if isinstance(value, Msg):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return round(float(value), 3) if math.isfinite(value) else None
    return str(value)
