"""Batches: every file analyzed or failed with its reason on one line; nothing stops the
batch except the user; the good files' results are still written."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import SAMPLES, build_timeline

from voicecoach import cli
from voicecoach.batch import Failure, analyze_many, failure_reason
from voicecoach.errors import AudioError, TranscriptionError, VoicecoachError
from voicecoach.transcript import Transcript

SR = 16_000
PHRASE = "Good morning this is Dana calling from Harbor Supply. Can you pay today?"


class FakeTranscriber:
    """Stands in for Whisper: the same words for every file, placed over its speech."""

    model_id = "fake"
    model = None
    english_only = True

    def __init__(self, *args, **kwargs):
        self.calls = 0

    def transcribe(self, audio, *, progress=None, on_words=None):
        self.calls += 1
        return Transcript.from_text(PHRASE, start_s=0.5, word_s=0.25, gap_s=0.05)


@pytest.fixture
def files(tmp_path, rng) -> dict[str, Path]:
    good = build_timeline([(0.5, 2.2), (2.6, 4.4)], 8.0, rng, noise_db=-65.0)
    paths = {
        "good1": tmp_path / "take 1.wav",
        "broken": tmp_path / "broken.wav",
        "missing": tmp_path / "missing.wav",
        "good2": tmp_path / "take2.flac",
        "silent": tmp_path / "silent.wav",
    }
    sf.write(paths["good1"], good, SR)
    paths["broken"].write_bytes(b"RIFF\x00\x00garbage" * 100)
    sf.write(paths["good2"], good, SR)
    sf.write(paths["silent"], np.zeros(3 * SR, dtype=np.float32), SR)
    return paths


def test_failures_do_not_stop_the_batch(files):
    seen = []
    result = analyze_many(list(files.values()), on_result=seen.append,
                          transcriber=FakeTranscriber(), consonants=False)
    assert [Path(r.path).name for r in result.reports] == ["take 1.wav", "take2.flac",
                                                            "silent.wav"]
    assert [r.status for r in result.reports] == ["ok", "ok", "no speech"]
    assert [Path(f.path).name for f in result.failures] == ["broken.wav", "missing.wav"]
    assert f"{files['missing']}: file not found" == result.failures[1].reason
    assert all("\n" not in f.reason and f.path in f.reason for f in result.failures)
    assert [Path(x.path).name for x in seen] == [p.name for p in files.values()]
    assert not result.ok


def test_an_unexpected_error_in_one_file_is_that_file_s_failure(files, monkeypatch):
    import voicecoach.pipeline as pipeline

    def flaky(transcript, activity, **kw):  # the silent file never gets this far
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "measure_pauses", flaky)
    result = analyze_many([files["good1"], files["silent"]], transcriber=FakeTranscriber(),
                          consonants=False)
    assert [f.reason for f in result.failures] == [
        f"{files['good1']}: internal error (ValueError: boom); rerun with --debug for details"]
    assert [r.status for r in result.reports] == ["no speech"]


def test_a_report_that_cannot_be_written_counts_as_failed(files):
    seen = []

    def on_result(x):
        seen.append(x)
        if not isinstance(x, Failure) and x.status == "ok":
            raise VoicecoachError(f"{x.path}.txt: cannot write output (no space left on device)")

    result = analyze_many([files["good1"], files["silent"]], on_result=on_result,
                          transcriber=FakeTranscriber(), consonants=False)
    assert [f.reason for f in result.failures] == [
        f"{files['good1']}.txt: cannot write output (no space left on device)"]
    assert [type(x).__name__ for x in seen] == ["Report", "Failure", "Report"]


def test_an_unexpected_error_while_writing_counts_as_failed(files):
    def on_result(x):
        if not isinstance(x, Failure):
            raise PermissionError(13, "Permission denied")

    result = analyze_many([files["good1"]], on_result=on_result, transcriber=FakeTranscriber(),
                          consonants=False)
    assert result.reports == ()
    assert [f.reason for f in result.failures] == [
        f"{files['good1']}: internal error (PermissionError: [Errno 13] Permission denied); "
        "rerun with --debug for details"]


def test_ctrl_c_stops_the_batch(files, monkeypatch):
    import voicecoach.batch as batch

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "analyze", interrupted)
    with pytest.raises(KeyboardInterrupt):
        analyze_many(list(files.values()), transcriber=FakeTranscriber())


@pytest.mark.parametrize("exc, expected", [
    (AudioError("/x/a.wav: file not found"), "/x/a.wav: file not found"),
    (TranscriptionError("a.wav: transcription failed (bad alloc)"),
     "a.wav: transcription failed (bad alloc)"),
    (VoicecoachError("something\nwent wrong"), "/x/a.wav: something went wrong"),
    (MemoryError(), "/x/a.wav: internal error (MemoryError); rerun with --debug for details"),
])
def test_failure_reasons_are_one_line_naming_the_file(exc, expected):
    assert failure_reason("/x/a.wav", exc) == expected


# --- the command line over a batch -------------------------------------------------------

def test_cli_batch_writes_good_results_and_reports_each_failure(files, tmp_path, monkeypatch,
                                                                capsys):
    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", FakeTranscriber)
    out = tmp_path / "reports"
    code = cli.main(["analyze", *map(str, files.values()), "--json", "-o", str(out), "-q",
                     "--no-consonants"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    failure_lines = [line for line in err if line.startswith("voicecoach: ")]
    assert failure_lines == [
        f"voicecoach: {files['broken']}: not a readable audio file (format not recognised)",
        f"voicecoach: {files['missing']}: file not found",
    ]
    assert "3 analyzed, 2 failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["silent.json", "take 1.json",
                                                       "take2.json"]
    assert json.loads((out / "take2.json").read_text())["status"] == "ok"
    assert json.loads((out / "silent.json").read_text())["status"] == "no speech"
    assert not any("Traceback" in line for line in err)


def test_cli_batch_all_good_exits_zero(files, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", FakeTranscriber)
    code = cli.main(["analyze", str(files["good1"]), str(files["good2"]), "-o",
                     str(tmp_path / "out"), "-q", "--no-consonants"])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["take 1.txt", "take2.txt"]


@pytest.mark.slow
def test_cli_batch_with_the_real_model(tmp_path, capsys):
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    out = tmp_path / "out"
    code = cli.main(["analyze", str(SAMPLES / "rushed_opening.flac"), str(bad), "-o", str(out),
                     "-q", "--no-consonants"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"voicecoach: {bad}: not a readable audio file (format not recognised)" in err
    assert "Score:" in (out / "rushed_opening.txt").read_text()


# --- memory over a batch: a report is released once it has been written -------------------

def _watch_reports(monkeypatch, analyzer_name: str = "analyze"):
    """Wrap the analyzer analyze_many uses: keep a weak reference to every Report it makes,
    and when the next file starts, record how many earlier reports are still alive."""
    import gc
    import weakref

    import voicecoach.batch as batch

    real = getattr(batch, analyzer_name)
    made: list[weakref.ref] = []
    alive_at_start: list[int] = []

    def watched(path, **kwargs):
        gc.collect()
        alive_at_start.append(sum(ref() is not None for ref in made))
        report = real(path, **kwargs)
        made.append(weakref.ref(report))
        return report

    monkeypatch.setattr(batch, analyzer_name, watched)
    return made, alive_at_start


def test_analyze_many_can_release_each_report_after_its_callback(files, monkeypatch):
    made, alive = _watch_reports(monkeypatch)
    names = []
    good = [files["good1"], files["good2"], files["silent"], files["good1"]]
    result = analyze_many(good, on_result=lambda r: names.append(r.audio.name),
                          keep_reports=False, transcriber=FakeTranscriber(), consonants=False)
    assert len(made) == 4 and alive == [0, 0, 0, 0]
    assert all(ref() is None for ref in made)
    assert result.reports == () and result.n_analyzed == 4 and result.ok
    assert names == ["take 1.wav", "take2.flac", "silent.wav", "take 1.wav"]


def test_analyze_many_keeps_reports_by_default(files):
    result = analyze_many([files["good1"], files["broken"]], transcriber=FakeTranscriber(),
                          consonants=False)
    assert [r.audio.name for r in result.reports] == ["take 1.wav"]
    assert result.n_analyzed == 1 and len(result.failures) == 1


def test_cli_batch_holds_no_earlier_report_while_analyzing_the_next(files, tmp_path,
                                                                    monkeypatch, capsys):
    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", FakeTranscriber)
    made, alive = _watch_reports(monkeypatch)
    good = [files["good1"], files["good2"], files["silent"], files["good1"]]
    code = cli.main(["analyze", *map(str, good), "--json", "-o", str(tmp_path / "out"),
                     "--plot", str(tmp_path / "plots"), "--html", str(tmp_path / "team.html"),
                     "-q", "--no-consonants"])
    assert code == 0
    assert len(made) == 4 and alive == [0, 0, 0, 0]
    err = capsys.readouterr().err
    assert "4 analyzed, 0 failed" in err
    assert "take2.flac  " in err and "silent.wav  no speech" in err


# --- output names: two inputs with the same name never write the same file ---------------

@pytest.fixture
def same_names(tmp_path, rng) -> list[Path]:
    good = build_timeline([(0.5, 2.2), (2.6, 4.4)], 8.0, rng, noise_db=-65.0)
    paths = [tmp_path / "a" / "call.wav", tmp_path / "b" / "call.wav", tmp_path / "call.flac"]
    for p in paths:
        p.parent.mkdir(exist_ok=True)
        sf.write(p, good, SR)
    return paths


def test_cli_batch_gives_clashing_inputs_their_own_outputs(same_names, tmp_path, monkeypatch,
                                                          capsys):
    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", FakeTranscriber)
    out, plots = tmp_path / "reports", tmp_path / "plots"
    argv = ["analyze", *map(str, same_names), "--json", "-o", str(out), "--plot", str(plots),
            "-q", "--no-consonants"]
    assert cli.main(argv) == 0
    names = ["call.json", "call-2.json", "call-3.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert sorted(p.name for p in plots.iterdir()) == ["call-2.png", "call-3.png", "call.png"]
    assert [json.loads((out / n).read_text())["file"] for n in names] == list(map(str, same_names))
    err = capsys.readouterr().err
    assert f"  {same_names[0]}  too short to score\n" in err  # the first keeps its name
    assert f"  {same_names[1]}  too short to score  (written as call-2.json, call-2.png)\n" in err
    assert "  call.flac " in err and "score  (written as call-3.json, call-3.png)\n" in err
    for n in names:
        (out / n).unlink()
    assert cli.main(argv) == 0  # a rerun writes the same names again, and nothing else
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert [json.loads((out / n).read_text())["file"] for n in names] == list(map(str, same_names))


def test_cli_batch_text_reports_of_clashing_inputs(same_names, tmp_path, monkeypatch):
    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", FakeTranscriber)
    out = tmp_path / "out"
    assert cli.main(["analyze", *map(str, reversed(same_names)), "-o", str(out), "-q",
                     "--no-consonants"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["call-2.txt", "call-3.txt", "call.txt"]
    assert all("Too short to score:" in (out / n).read_text()
               for n in ("call.txt", "call-2.txt", "call-3.txt"))
