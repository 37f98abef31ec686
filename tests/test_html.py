"""The trainer's HTML page: content, and what a browser actually renders."""

import re
import shutil
import subprocess

import pytest
from conftest import SR, FakeTranscriber, build_timeline, spread_words

from voicecoach.audio import from_array
from voicecoach.batch import Failure
from voicecoach.pipeline import analyze_audio
from voicecoach.report.html import GROUPS, HtmlPage, render_page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def take(rng, gap_s: float, name: str):
    segs = [(0.5, 2.5), (2.9, 4.4), (4.4 + gap_s, 6.5 + gap_s)]
    texts = ["Good morning this is Dana.", "Is now a good time?", "I am calling today."]
    audio = from_array(build_timeline(segs, segs[-1][1] + 1.0, rng), SR, path=name)
    return analyze_audio(audio, transcriber=FakeTranscriber(spread_words(segs, texts)),
                         consonants=False)


@pytest.fixture
def page(rng):
    reports = [take(rng, 4.5, "patient.wav"), take(rng, 0.6, "hasty.wav")]
    return render_page(reports, [Failure("broken.wav", "broken.wav: file is empty (0 bytes)")])


def test_page_lists_takes_verdicts_and_failures(page):
    rows = re.findall(r"<tr><td><a href=\"#take-\d\">([^<]+)</a>", page)
    assert rows == ["patient.wav", "hasty.wav"]
    assert "failed: broken.wav: file is empty (0 bytes)" in page
    wait = re.search(r"<b>Wait after questions</b>: ([^<]+)</li>", page)
    assert wait and wait.group(1) == "hasty.wav"
    assert page.count('src="data:image/png;base64,') == 2
    assert all(label in page for _, label in GROUPS)
    assert "<script" not in page and "http" not in page  # self-contained, no scripts


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_page_renders_in_a_browser(page, tmp_path):
    html = tmp_path / "team.html"
    html.write_text(page)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", html.as_uri()], capture_output=True,
                         text=True, timeout=120).stdout
    assert "patient.wav" in dom and "hasty.wav" in dom and "needs work" in dom
    shot = tmp_path / "team.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000


def test_takes_with_the_same_file_name_are_told_apart(rng):
    page = HtmlPage(plots=False)
    for name in ("team_a/call.wav", "team_b/call.wav"):
        page.add(take(rng, 4.0, name))
    rows = re.findall(r"<tr><td><a href=\"#take-\d\">([^<]+)</a>", page.render())
    assert rows == ["team_a/call.wav", "team_b/call.wav"]


def test_two_party_columns_appear_only_when_a_take_has_them(rng, page):
    import dataclasses

    from voicecoach.assess.assess import NEEDS_WORK, finding

    assert "Count to five" not in page  # one-party takes only
    report = take(rng, 4.0, "call.wav")
    wait = finding("twoparty.latency.median", "Wait before answering (typical)", 1.0, "s",
                   ">= 4 s", (NEEDS_WORK, 0.0), [], "Count to five.", "twoparty")
    assessment = dataclasses.replace(report.assessment,
                                     findings=report.assessment.findings + (wait,))
    two_party = render_page([dataclasses.replace(report, assessment=assessment)], plots=False)
    assert "<th>Count to five, listening</th>" in two_party
    assert "<li><b>Count to five, listening</b>: call.wav</li>" in two_party


def short_take(rng):
    segs = [(0.3, 1.8)]
    audio = from_array(build_timeline(segs, 2.1, rng), SR, path="short.wav")
    words = spread_words(segs, ["Am I speaking with Jordan Blake?"])
    return analyze_audio(audio, transcriber=FakeTranscriber(words), consonants=False)


def _finding_rows(page: str) -> dict[str, str]:
    rows = re.findall(r"<tr><td>(<span class=\"chip[^<]+</span>)</td><td>([^<]+)</td>"
                      r"<td class=\"num\">([^<]*)</td><td>[^<]*</td><td class=\"muted\">([^<]*)",
                      page)
    return {g: (chip, measured, detail) for chip, g, measured, detail in rows}


def test_a_short_take_shows_not_judged_with_the_reason_and_no_score(rng):
    page = render_page([short_take(rng)], plots=False)
    how, said = page.split("<h3>")
    rows = _finding_rows(how)
    chip, measured, detail = rows["Pause more often"]
    assert chip == '<span class="chip none">not judged</span>' and measured == "&ndash;"
    assert detail == "not enough speech to judge (1.5 s of speech, 20 s needed)"
    assert "the recording ended 0.3 s after the question" in rows["Wait after your question"][2]
    assert all("not judged" in chip for chip, _, _ in rows.values())
    # What was said is credited; what was not said is not judged from six words.
    steps = _finding_rows(said)
    assert "chip on" in steps["Check you have the right person"][0]
    assert "chip none" in steps["State the amount"][0]
    assert steps["State the amount"][2] == "not enough speech to judge (6 words, 20 needed)"
    assert "Too short to score: 6 words in 1.5 s of speech" in page
    assert "score " not in re.search(r"<h2 id=\"take-0\">[^<]+</h2>", page).group(0)
    assert "<li class=\"tip\">" not in page  # nothing to work on from six words


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_a_short_take_renders_not_judged_in_a_browser(rng, tmp_path):
    html = tmp_path / "short.html"
    html.write_text(render_page([short_take(rng)]))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", html.as_uri()], capture_output=True,
                         text=True, timeout=120).stdout
    assert "Too short to score" in dom
    assert dom.count(">not judged<") >= 6
    how = dom.split("<h3>")[0]  # what was said is credited where it was said
    assert ">needs work<" not in dom and ">on target<" not in how
    assert "not enough speech to judge (1.5 s of speech, 20 s needed)" in dom
