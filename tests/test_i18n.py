"""Report text in English, Polish and Korean: catalogs, plurals, numbers, fallbacks."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
from pathlib import Path

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


# Whole reports in Polish and Korean ------------------------------------------------------

_SEGS = [(0.5, 4.5), (5.0, 9.0), (9.5, 13.5), (18.5, 24.0), (24.6, 30.0)]
_TEXTS = ["Good morning this is Dana calling from Harbor Supply about your account.",
          "I am calling about invoice number forty seven twenty nine today.",
          "Is now a good time to talk about the payment?",
          "The balance due is eight hundred and forty dollars and it was due on the first of "
          "March so we would like to settle it.",
          "Could you tell me when you can make the payment please?"]
# What may stay in Latin letters: the file name, units and the tracker's own words.
_LATIN_OK = {"voicecoach", "take", "wav", "Hz", "dBFS", "m", "n", "ng", "s",
             "customer", "name"}  # the option --customer-name


@pytest.fixture(scope="module")
def report():
    import numpy as np
    from conftest import SR, FakeTranscriber, spread_words, voiced_burst

    from voicecoach.audio import from_array
    from voicecoach.pipeline import analyze_audio

    rng = np.random.default_rng(1)
    x = np.zeros(int(31.0 * SR), dtype=np.float32)
    for a, b in _SEGS:  # one speaker: the same voice in every phrase
        burst = voiced_burst(b - a, 150.0 + 10.0 * rng.standard_normal(), rng)
        x[int(a * SR):int(a * SR) + len(burst)] += burst
    audio = from_array(x, SR, path="take.wav")
    return analyze_audio(audio, transcriber=FakeTranscriber(spread_words(_SEGS, _TEXTS)),
                         consonants=False)


def _english_left(card: str) -> set[str]:
    """Latin-letter words in a card, leaving out what the agent said (quoted questions and
    the transcript), which stays in the language it was said in."""
    lines = [line for line in card.splitlines()
             if not line.startswith(("Transkrypcja:", "녹취록:", "Transcript:"))]
    body = re.sub(r"[„“\"][^”\"]*[”\"]", "", "\n".join(lines))
    return set(re.findall(r"[A-Za-z]+", body)) - _LATIN_OK


@pytest.mark.parametrize("lang", ["pl", "ko"])
def test_a_card_in_polish_or_korean_has_no_english_left(report, lang):
    from voicecoach.report.terminal import render

    def words(texts) -> set[str]:
        return {w.lower() for x in texts for w in re.findall(r"[A-Za-z]+", x)}

    # Polish is written in Latin letters too: there, English is a word of the English
    # catalog that no Polish sentence uses ("model", "min" are both).
    english = words(catalog("en").values()) - words(catalog(lang).values()) - _LATIN_OK

    def left(card: str) -> set[str]:
        found = _english_left(card)
        return found if lang == "ko" else {w for w in found if w.lower() in english}

    assert left(render(report, lang="en"))  # the check finds English where it is
    assert left(render(report, lang=lang)) == set()
    assert len(report.assessment.findings) >= 8 and report.assessment.next_steps


def test_the_polish_card_reads_as_polish(report):
    from voicecoach.report.terminal import render

    card = render(report, lang="pl")
    assert f"Wynik: {report.score}/100" in card and "Następne nagranie:" in card
    assert re.search(r" \d+ sł\./min   cel 120–150 sł\./min", card)
    assert re.search(r"\d+ słów w \d+,\d s \(bez \d,\d s oczekiwania po pytaniach\)", card)
    assert re.search(r"\d (pauza|pauzy|pauz), średnio \d,\d\d s", card)
    assert re.search(r"^ \d\. [A-ZŁŚŻ][^a-z]*[a-ząćęłńóśźż]", card, re.M)


def test_the_korean_card_reads_as_korean_and_its_columns_line_up(report):
    from voicecoach.report import display_width
    from voicecoach.report.terminal import render

    card = render(report, lang="ko")
    assert f"점수: {report.score}/100" in card and "다음 녹음에서는:" in card
    assert re.search(r"분당 \d+단어   목표 분당 120~150단어", card)
    assert re.search(r"^ \d\. .*[요.]$", card, re.M)
    rows = [line for line in card.splitlines() if line.startswith((" ✓", " ✗", " ~", " –"))]
    ends = {display_width(line.split("   목표")[0]) for line in rows
            if display_width(line.split("   ")[0]) <= 45}
    assert len(ends) == 1  # the values end in one column, Hangul counted two wide


def test_the_report_language_follows_the_heard_language(report):
    import dataclasses

    from voicecoach.report.terminal import render
    from voicecoach.transcript import Transcript
    from voicecoach.transcript.hear import Heard

    heard = Heard(Transcript(()), "pl", 0.97, "detected", "base")
    polish = dataclasses.replace(report, language=heard)
    card = render(polish)
    assert card.startswith("voicecoach – karta oceny") and "Język: polski (wykryty" in card
    german = dataclasses.replace(report, language=dataclasses.replace(heard, language="de"))
    assert render(german).startswith("voicecoach report card")
    assert render(polish, lang="en").startswith("voicecoach report card")


def test_json_says_the_report_language_and_each_findings_keys(report):
    import json

    from voicecoach.report.json import dumps

    data = json.loads(dumps(report, lang="ko"))
    assert data["schema_version"] == "1.6" and data["report_language"] == "ko"
    pace = next(f for f in data["findings"] if f["key"] == "pace.rate")
    assert pace["guideline"] == "Speak at a calm pace"  # the English fields stay
    assert pace["text"]["guideline"] == "차분한 속도로 말하세요"
    assert pace["text_keys"]["guideline"] == {"key": "guideline.pace.rate", "params": {}}
    assert pace["text_keys"]["target"] == {"key": "target.wpm_band",
                                           "params": {"lo": 120.0, "hi": 150.0}}
    assert json.loads(dumps(report))["report_language"] == "en"


def test_a_hand_written_finding_shows_as_it_is(report):
    import dataclasses

    from voicecoach.report.terminal import render

    f = dataclasses.replace(report.assessment.findings[0], guideline="Not scored: two voices",
                            detail="two speakers on one channel")
    a = dataclasses.replace(report.assessment, findings=(f,))
    card = render(dataclasses.replace(report, assessment=a), lang="pl")
    assert "Not scored: two voices" in card and "two speakers on one channel" in card


def test_the_command_line_takes_a_report_language(capsys):
    from voicecoach.cli import build_parser, main

    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    out = capsys.readouterr().out
    assert "--report-language en|pl|ko" in out and "Korean" in out
    assert build_parser().parse_args(["analyze", "a.wav", "--report-language", "ko"]) \
        .report_language == "ko"
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["analyze", "a.wav", "--report-language", "de"])
    assert exit_info.value.code == 2


def test_the_html_page_in_korean_sets_its_language(report):
    from voicecoach.report.html import render_page

    page = render_page([report], plots=False, lang="ko")
    assert '<html lang="ko">' in page and '<section lang="ko">' in page
    assert "누구에게 어떤 코칭이 필요한가요" in page and "차분한 속도로 말하세요" in page
    assert "Speak at a calm pace" not in page
    assert '<html lang="en">' in render_page([report], plots=False)


def test_a_korean_plot_finds_a_hangul_font_or_keeps_english_labels(report, caplog):
    import warnings

    from voicecoach.report.plots import cjk_font, plot_language, timeline_png

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of each glyph it cannot draw
        png = timeline_png(report, dpi=60, lang="ko")
    assert png[:4] == b"\x89PNG"
    if cjk_font() is None:
        assert plot_language("ko") == "en" and "fonts-noto-cjk" in caplog.text
    else:
        assert plot_language("ko") == "ko"
    assert plot_language("pl") == "pl"


def test_without_a_hangul_font_the_plot_says_so_and_stays_english(report, monkeypatch, caplog):
    from voicecoach.report import plots

    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    assert plots.plot_language("ko") == "en"
    assert "install fonts-noto-cjk" in caplog.text
    assert plots._fonts("ko") == {}


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_the_korean_page_shows_hangul_in_a_browser(report, tmp_path):
    """The page as chromium draws it: the DOM holds the Hangul, and the screenshot (kept in
    tests/out/ to look at) has the glyphs' strokes, not empty boxes."""
    import numpy as np
    from PIL import Image

    from voicecoach.report.html import render_page

    html = tmp_path / "team.html"
    html.write_text(render_page([report], plots=True, lang="ko"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,900"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", html.as_uri()], capture_output=True,
                         text=True, timeout=120).stdout
    assert "차분한 속도로 말하세요" in dom and "개선 필요" in dom
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    shot = out / "korean_page.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120)
    gray = np.asarray(Image.open(shot).convert("L"), dtype=np.float64)
    title = gray[20:80, 20:500]  # the page's Korean title, "voicecoach 팀 보고서"
    assert (title < 128).mean() > 0.02  # ink is drawn there


@pytest.mark.slow
@pytest.mark.parametrize("name, options", [
    ("rushed_opening", {}),
    ("clipped_consonants", {}),
    ("two_party_call", {"two_party": True, "customer_name": "Mr. Blake"}),
])
@pytest.mark.parametrize("lang", ["pl", "ko"])
def test_the_bundled_samples_report_with_no_english_finding_text(name, options, lang):
    """The real analyzer on the bundled samples: every finding's text, the tips, the
    two-party lines, all in the report's language."""
    from conftest import SAMPLES

    from voicecoach.pipeline import analyze
    from voicecoach.report.terminal import render

    report = analyze(SAMPLES / f"{name}.flac", **options)
    english = {f.guideline for f in report.assessment.findings} | \
        {f.tip for f in report.assessment.findings if f.tip} | \
        {f.detail for f in report.assessment.findings if f.detail}
    card = render(report, lang=lang)
    left = [s for s in english if s in card and not s.startswith('"')]
    assert left == []
    assert len(report.assessment.findings) >= 6
    if lang == "ko":  # no Latin word is left outside what was said and the units
        lines = [line for line in card.splitlines()
                 if not line.startswith(("녹취록:", "고객:", "양자 통화:"))]
        body = re.sub(r"“[^”]*”", "", "\n".join(lines))
        found = set(re.findall(r"[A-Za-z]+", body)) - _LATIN_OK - {"flac", "Mr", "Blake"} \
            - set(name.split("_"))
        assert found <= {w for w in re.findall(r"[A-Za-z]+", report.transcript.text)}, found


def test_the_pitch_reasons_and_the_signal_only_note_are_translated():
    assert text("pitch.unclear_noisy", "pl", voiced_s=0.6, least_s=1.5) == \
        "wysokość głosu niejasna: nagranie z szumem (0,6 s wyraźnego dźwięcznego głosu, " \
        "potrzeba 1,5 s)"
    note = t("note.signal_only_few_words", heard_s=1.5, speech_s=24.1,
             language=t("language.ko"))
    assert localize(note, "ko").startswith("음성 인식이 발화 24.1초 중 1.5초에서만")
    assert "(한국어)" in localize(note, "ko") and "in Korean:" in note
