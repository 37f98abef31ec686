"""Report text in English, Polish and Korean: catalogs, plurals, numbers, fallbacks."""

from __future__ import annotations

import pickle
import re

import pytest

from voicecoach.i18n import (
    LANGUAGES,
    Msg,
    catalog,
    joined,
    localize,
    parameters,
    plural_index,
    report_language,
    t,
    text,
)

# The catalogs ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", [x for x in LANGUAGES if x != "en"])
def test_every_key_is_in_every_language_with_the_same_parameters(lang):
    en, other = catalog("en"), catalog(lang)
    assert sorted(set(en) - set(other)) == []
    assert sorted(set(other) - set(en)) == []
    differ = {k: (sorted(parameters(en[k])), sorted(parameters(other[k])))
              for k in en if parameters(en[k]) != parameters(other[k])}
    assert differ == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_specs_give_the_forms_the_language_has(lang):
    n_forms = {"en": 2, "pl": 3, "ko": 1}[lang]
    for key, template in catalog(lang).items():
        for forms in re.findall(r":plural:([^}]*)}", template):
            assert len(forms.split("|")) == n_forms, (key, forms)


def test_korean_and_polish_text_is_written_in_their_own_script():
    hangul = re.compile(r"[\uac00-\ud7a3]")
    polish = re.compile(r"[ąćęłńóśźż]", re.IGNORECASE)
    ko, pl = catalog("ko"), catalog("pl")
    keep = ("unit.", "language.", "detail.question", "detail.consonants.word", "detail.names.use",
            "detail.seconds", "card.at", "card.span", "page.length", "target.longest_stretch",
            "call.wait", "detail.pace.rushed", "target.", "card.where")
    for key in catalog("en"):
        if key.startswith(("guideline.", "tip.")):
            assert hangul.search(ko[key]), key
            assert ko[key] != catalog("en")[key] and pl[key] != catalog("en")[key], key
        elif not key.startswith(keep):
            assert hangul.search(ko[key]), key
    assert sum(bool(polish.search(v)) for v in pl.values()) > 0.6 * len(pl)


# Plurals and numbers ----------------------------------------------------------------------

@pytest.mark.parametrize("n, form", [
    (0, "pauz"), (1, "pauza"), (2, "pauzy"), (3, "pauzy"), (4, "pauzy"), (5, "pauz"),
    (11, "pauz"), (12, "pauz"), (13, "pauz"), (14, "pauz"), (21, "pauz"), (22, "pauzy"),
    (24, "pauzy"), (25, "pauz"), (102, "pauzy"), (112, "pauz"), (122, "pauzy"),
])
def test_polish_plural_of_a_count(n, form):
    assert text("detail.pauses.summary", "pl", count=n, mean_s=0.5, longest_s=0.9) \
        .startswith(f"{n} {form},")


def test_polish_plural_rule_on_its_own():
    assert [plural_index("pl", n) for n in (1, 2, 5, 12, 22, 1.5)] == [0, 1, 2, 2, 1, 1]
    assert [plural_index("en", n) for n in (0, 1, 2, 1.0, 1.5)] == [1, 0, 1, 0, 1]
    assert {plural_index("ko", n) for n in (0, 1, 2, 5)} == {0}


def test_polish_writes_a_decimal_comma_and_english_and_korean_a_point():
    p = {"count": 3, "mean_s": 0.412, "longest_s": 1.25}
    assert text("detail.pauses.summary", "pl", **p) == "3 pauzy, średnio 0,41 s, najdłuższa 1,25 s"
    assert text("detail.pauses.summary", "en", **p) == "3 pauses, mean 0.41 s, longest 1.25 s"
    assert text("detail.pauses.summary", "ko", **p) == "쉼 3회, 평균 0.41초, 최장 1.25초"
    assert text("unit.wpm", "pl", value=137.4) == "137 sł./min"
    assert text("unit.wpm", "ko", value=137.4) == "분당 137단어"


# Sentences that carry their key -------------------------------------------------------------

def test_a_sentence_is_its_english_text_and_renders_in_any_language():
    m = t("why.not_enough", needs=joined([t("need.words", have=6, least=20),
                                          t("need.speech_s", have_s=1.5, least_s=20)]))
    assert isinstance(m, str) and m == \
        "not enough speech to judge (6 words, 20 needed; 1.5 s of speech, 20 s needed)"
    assert localize(m, "pl") == \
        "za mało mowy, by ocenić (6 słów, potrzeba 20; 1,5 s mowy, potrzeba 20 s)"
    assert localize(m, "ko") == \
        "판단하기에 발화가 부족함 (6단어, 20단어 필요; 발화 1.5초, 20초 필요)"
    assert localize(pickle.loads(pickle.dumps(m)), "pl") == localize(m, "pl")
    assert m.to_dict()["params"]["needs"]["params"]["parts"][0] == \
        {"key": "need.words", "params": {"have": 6, "least": 20}}


def test_plain_strings_show_as_they_are_and_missing_translations_fall_back_to_english(
        monkeypatch):
    assert localize("a trainer's own note", "ko") == "a trainer's own note"
    assert localize(joined(["hand-written", t("note.rushed_in")]), "pl") == \
        "hand-written; cisza przerwana za wcześnie"
    monkeypatch.delitem(catalog("pl"), "note.rushed_in")
    assert localize(t("note.rushed_in"), "pl") == "rushed in"
    assert text("note.rushed_in", "xx") == "rushed in"
    assert isinstance(t("note.dead_air"), Msg)


def test_the_report_language_is_the_one_asked_for_else_the_heard_one_else_english():
    assert report_language("ko", "pl") == "ko"
    assert report_language(None, "pl") == "pl"
    assert report_language(None, "de") == "en"
    assert report_language(None, None) == "en"
    with pytest.raises(ValueError, match="en, pl, ko"):
        report_language("de", "en")
