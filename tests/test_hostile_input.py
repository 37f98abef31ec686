"""Hostile and broken input, end to end through the command line.

Every case in :data:`CASES` is generated here (nothing is downloaded) and run through
``voicecoach.cli.main``: the run either fails with exit code 1 and exactly one line on
stderr naming the file and the reason, or succeeds with exit code 0 and an honest
report. No case may print a traceback. docs/hostile-input.md holds the same table;
a test keeps the two in step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach import cli

ROOT = Path(__file__).resolve().parent.parent
SPEECH_FILE = ROOT / "samples" / "good_opening.flac"
DOC = ROOT / "docs" / "hostile-input.md"
SR = 16_000


def speech(seconds: float = 6.5) -> tuple[np.ndarray, int]:
    """The first seconds of a sample opening, whose greeting is "Good morning this is Dana
    calling from Harbor Supply." (float32, 16 kHz)."""
    x, sr = sf.read(SPEECH_FILE, dtype="float32", frames=int(seconds * SR))
    return x, sr


def _resample(x: np.ndarray, sr_out: int) -> np.ndarray:
    from scipy.signal import resample_poly

    g = np.gcd(SR, sr_out)
    return resample_poly(x, sr_out // g, SR // g).astype(np.float32)


def _wav(path: Path, x: np.ndarray, sr: int, subtype: str | None = None, fmt="WAV") -> str:
    sf.write(path, x, sr, subtype=subtype, format=fmt)
    return str(path)


# --- builders: each writes one input into a folder and returns the argument(s) to pass ---

def zero_bytes(d: Path) -> str:
    (d / "empty.wav").write_bytes(b"")
    return str(d / "empty.wav")


def truncated_header(d: Path) -> str:
    _wav(d / "whole.wav", speech()[0], SR)
    (d / "truncated.wav").write_bytes((d / "whole.wav").read_bytes()[:30])
    return str(d / "truncated.wav")


def random_bytes(d: Path) -> str:
    data = np.random.default_rng(7).integers(0, 256, 50_000, dtype=np.uint8).tobytes()
    (d / "random.wav").write_bytes(data)
    return str(d / "random.wav")


def text_as_mp3(d: Path) -> str:
    (d / "notes.mp3").write_text("Call Jordan Blake about invoice 4729 on Monday.\n" * 200)
    return str(d / "notes.mp3")


def silence(d: Path) -> str:
    return _wav(d / "silence.wav", np.zeros(10 * SR, dtype=np.float32), SR)


def noise(d: Path) -> str:
    x = 0.1 * np.random.default_rng(3).standard_normal(10 * SR)
    return _wav(d / "noise.wav", x.astype(np.float32), SR)


def tones(d: Path) -> str:
    """Six seconds of beeps: 440/880 Hz, 0.4 s on, 0.4 s off (a dial tone-like pattern)."""
    t = np.arange(6 * SR) / SR
    f_hz = np.where((t // 0.8) % 2 == 0, 440.0, 880.0)
    on = (t % 0.8) < 0.4
    x = 0.3 * np.sin(2 * np.pi * f_hz * t) * on
    return _wav(d / "tones.wav", x.astype(np.float32), SR)


def short_speech(d: Path) -> str:
    x, _ = speech()
    return _wav(d / "short.wav", x[int(0.6 * SR):int(0.9 * SR)], SR)


def mulaw_8k(d: Path) -> str:
    return _wav(d / "phone.wav", _resample(speech()[0], 8_000), 8_000, "ULAW")


def pcm24(d: Path) -> str:
    return _wav(d / "pcm24.wav", _resample(speech()[0], 48_000), 48_000, "PCM_24")


def float32(d: Path) -> str:
    return _wav(d / "float.wav", _resample(speech()[0], 44_100), 44_100, "FLOAT")


def nan_inf(d: Path) -> str:
    x = speech()[0].copy()
    x[1000:1100] = np.nan
    x[50_000:50_010] = np.inf
    x[60_000:60_010] = -np.inf
    return _wav(d / "nan.wav", x, SR, "FLOAT")


def six_channels(d: Path) -> str:
    x = speech()[0]
    data = np.zeros((len(x), 6), dtype=np.float32)
    data[:, 0] = x  # speech on the front-left channel only
    data[:, 3] = 0.001 * np.random.default_rng(1).standard_normal(len(x))
    return _wav(d / "surround.wav", data, SR)


def rate_192k(d: Path) -> str:
    return _wav(d / "hires.wav", _resample(speech()[0], 192_000), 192_000, "PCM_24")


def clipped(d: Path) -> str:
    x = speech()[0]
    y = np.clip(x * (1.0 / (0.2 * np.abs(x).max())), -1, 1)  # 14 dB into hard clipping
    return _wav(d / "clipped.wav", y.astype(np.float32), SR)


GERMAN = ("Guten Morgen, hier spricht Dana von der Firma Hafenbedarf. Ich rufe wegen der "
          "Rechnung Nummer vier sieben zwei neun an.")


def german(d: Path) -> str:
    path = d / "deutsch.wav"
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng not installed (apt-get install espeak-ng)")
    subprocess.run(["espeak-ng", "-v", "de", "-s", "150", "-w", str(path), GERMAN], check=True)
    return str(path)


def unusual_path(d: Path) -> str:
    folder = d / "Aufnahmen – Jürgen Ñandú"
    folder.mkdir()
    return _wav(folder / "Probe 1 café 録音.wav", speech()[0], SR)


def wav_named_mp3(d: Path) -> str:
    return _wav(d / "really-a-wav.mp3", speech()[0], SR)


def mp3_named_wav(d: Path) -> str:
    return _wav(d / "really-an-mp3.wav", speech()[0], SR, "MPEG_LAYER_III", fmt="MP3")


def flac_cut_short(d: Path) -> str:
    whole = d / "whole.flac"
    _wav(whole, _resample(speech(9.0)[0], 44_100), 44_100, fmt="FLAC")
    data = whole.read_bytes()
    (d / "cut.flac").write_bytes(data[: int(len(data) * 0.8)])
    return str(d / "cut.flac")


def phone_call_at_44k(d: Path) -> str:
    narrow = _resample(speech()[0], 8_000)
    from scipy.signal import resample_poly

    return _wav(d / "export.wav", resample_poly(narrow, 441, 80).astype(np.float32), 44_100)


def folder(d: Path) -> str:
    (d / "recordings.wav").mkdir()
    return str(d / "recordings.wav")


def missing(d: Path) -> str:
    return str(d / "no-such-take.wav")


def missing_channel(d: Path) -> list[str]:
    return [_wav(d / "mono.wav", speech()[0], SR), "--channel", "right"]


def unwritable_out(d: Path) -> list[str]:
    good = _wav(d / "take.wav", speech()[0], SR)
    if os.geteuid() == 0:  # root may write anywhere a file system allows; sysfs refuses
        return [good, "-o", "/sys/voicecoach-report.txt"]
    locked = d / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return [good, "-o", str(locked / "report.txt")]


def unwritable_plot(d: Path) -> list[str]:
    good = _wav(d / "take.wav", speech()[0], SR)
    if os.geteuid() == 0:
        return [good, "--plot", "/sys/voicecoach-timeline.png"]
    locked = d / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return [good, "--plot", str(locked / "timeline.png")]


def out_under_a_file(d: Path) -> list[str]:
    good = _wav(d / "take.wav", speech()[0], SR)
    (d / "reports").write_text("not a folder")
    return [good, str(good), "-o", str(d / "reports")]


@dataclass(frozen=True)
class Case:
    """One hostile input: what it is, how to make it, and what the command must do.

    ``expect`` are fragments of the single stderr line (exit 1) or of the report on
    stdout (exit 0). ``whisper`` cases run the speech model (marked slow).
    """

    name: str
    build: Callable[[Path], str | list[str]]
    exit_code: int
    expect: tuple[str, ...]
    whisper: bool = False
    attempts: int = 1  # > 1 where the model's output is random (see test_language.ATTEMPTS)


SPOKEN = ("Speak at a calm pace", "Harbor Supply")  # analyzed, words came through intact
CASES = [
    Case("zero-byte file", zero_bytes, 1, ("file is empty (0 bytes)",)),
    Case("truncated WAV header", truncated_header, 1,
         ("not a readable audio file (Error in WAV file. No 'data' chunk marker.)",)),
    Case("random bytes named .wav", random_bytes, 1,
         ("not a readable audio file (format not recognised)",)),
    Case("text file named .mp3", text_as_mp3, 1,
         ("not a readable audio file (format not recognised)",)),
    Case("10 s of silence", silence, 0,
         ("digital silence", "no speech found (the recording is silent")),
    Case("10 s of white noise", noise, 0, ("no speech found (the recording is silent",)),
    Case("beeps, no speech", tones, 0, ("no speech found",), whisper=True),
    Case("0.3 s of speech", short_speech, 1,
         ("recording is 0.30 s long; at least 1 s of audio is needed",)),
    Case("8 kHz mu-law WAV", mulaw_8k, 0, ("telephone bandwidth (8000 Hz)", *SPOKEN), True),
    Case("24-bit WAV, 48 kHz", pcm24, 0, SPOKEN, True),
    Case("32-bit float WAV, 44.1 kHz", float32, 0, SPOKEN, True),
    Case("float WAV with NaN and inf samples", nan_inf, 0,
         ("120 samples were NaN or infinite and were set to silence", *SPOKEN), True),
    Case("6-channel WAV", six_channels, 0, SPOKEN, True),
    Case("192 kHz 24-bit WAV", rate_192k, 0, SPOKEN, True),
    Case("clipped speech", clipped, 0, ("the recording is clipped (distorted)", *SPOKEN), True),
    Case("German speech", german, 0,
         ("Language: German (detected", "not measured for German"), True, attempts=3),
    Case("path with spaces and non-ASCII characters", unusual_path, 0, SPOKEN, True),
    Case("WAV named .mp3", wav_named_mp3, 0, SPOKEN, True),
    Case("MP3 named .wav", mp3_named_wav, 0, SPOKEN, True),
    Case("FLAC cut short (last fifth missing)", flac_cut_short, 0,
         ("the file is damaged or cut short after", *SPOKEN), True),
    Case("8 kHz call stored at 44.1 kHz", phone_call_at_44k, 0,
         ("telephone bandwidth (nothing above 4 kHz, though stored at 44100 Hz)", *SPOKEN), True),
    Case("folder given as a file", folder, 1, ("is a folder, not an audio file",)),
    Case("missing file", missing, 1, ("file not found",)),
    Case("channel the file does not have", missing_channel, 1,
         ("has 1 channel, so channel 'right' does not exist",)),
    Case("unwritable output folder", unwritable_out, 1,
         ("cannot write output (permission denied)",)),
    Case("output folder is a file", out_under_a_file, 1, ("output folder is an existing file",)),
    Case("unwritable plot path", unwritable_plot, 1, ("cannot write output (permission denied)",)),
]


def run_cli(argv: list[str], capfd) -> tuple[int, str, str]:
    code = cli.main(["analyze", "-q", "--no-consonants", *argv])
    out, err = capfd.readouterr()
    return code, out, err


def check(case: Case, tmp_path: Path, capfd) -> None:
    built = case.build(tmp_path)
    argv = built if isinstance(built, list) else [built]
    for _ in range(case.attempts):
        code, out, err = run_cli(argv, capfd)
        if all(fragment in out + err for fragment in case.expect):
            break
    assert code == case.exit_code, (out, err)
    assert "Traceback" not in out + err
    if case.exit_code == 0:
        assert err == ""
        for fragment in case.expect:
            assert fragment in out, out
        return
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert out == ""
    named = next((argv[argv.index(flag) + 1] for flag in ("-o", "--plot") if flag in argv),
                 argv[0])
    assert lines[0].startswith(f"voicecoach: {named}: "), lines[0]
    for fragment in case.expect:
        assert fragment in lines[0]


@pytest.mark.parametrize("case", [c for c in CASES if not c.whisper], ids=lambda c: c.name)
def test_hostile_input(case, tmp_path, capfd):
    check(case, tmp_path, capfd)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.whisper], ids=lambda c: c.name)
def test_hostile_input_with_the_speech_model(case, tmp_path, capfd):
    check(case, tmp_path, capfd)


def test_a_failed_run_leaves_an_existing_report_untouched(tmp_path, capfd):
    report = tmp_path / "report.txt"
    report.write_text("last week's report\n")
    code, _, err = run_cli([random_bytes(tmp_path), "-o", str(report)], capfd)
    assert code == 1 and "not a readable audio file" in err
    assert report.read_text() == "last week's report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.wav", "report.txt"]


def test_internal_errors_are_one_line_unless_debug(tmp_path):
    """A bug (here: a measure that divides by zero) gives one line; --debug the traceback."""
    path = noise(tmp_path)
    script = textwrap.dedent("""
        import sys
        import voicecoach.pipeline as pipeline
        from voicecoach.cli import main
        def broken(*args, **kwargs):
            raise ZeroDivisionError("float division by zero")
        pipeline.detect = broken
        sys.exit(main(["analyze", "-q", *sys.argv[1:]]))
    """)
    runs = [subprocess.run([sys.executable, "-c", script, path, *debug], capture_output=True,
                           text=True, timeout=120) for debug in ([], ["--debug"])]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stderr.splitlines() == [
        f"voicecoach: {path}: internal error (ZeroDivisionError: float division by zero); "
        "rerun with --debug for details"]
    assert "Traceback (most recent call last)" in runs[1].stderr
    assert ", in broken\n" in runs[1].stderr  # the frame that raised


def test_the_installed_command_prints_no_traceback(tmp_path):
    """The real entry point, in its own process, on a broken file."""
    exe = Path(sys.executable).with_name("voicecoach")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "voicecoach.cli"]
    path = text_as_mp3(tmp_path)
    proc = subprocess.run([*command, "analyze", "-q", path], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == f"voicecoach: {path}: not a readable audio file (format not recognised)\n"


def test_docs_table_lists_every_case_with_its_exit_code():
    rows = {}
    for line in DOC.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[1].isdigit():
            rows[cells[0]] = (int(cells[1]), cells[2])
    for case in CASES:
        assert case.name in rows, f"docs/hostile-input.md lacks a row for {case.name!r}"
        exit_code, message = rows[case.name]
        assert exit_code == case.exit_code, case.name
        wanted = "normal report" if case.expect == SPOKEN else case.expect[0]
        assert wanted in message.replace("`", ""), case.name


@pytest.mark.slow
def test_two_hour_recording_end_to_end_without_the_speech_model(tmp_path, monkeypatch, capfd):
    """Two hours of 8 kHz mu-law through the whole command (load, activity, pace, pauses,
    questions, pitch, JSON), with the speech model replaced by a transcript placed over
    the speech: Whisper tiny.en needs far longer than CI allows for two hours of audio."""
    import json

    from conftest import build_timeline
    from test_audio import write_streamed
    from test_properties import assert_sane

    from voicecoach.transcript import Transcript, Word

    segments = [(t, t + 2.0) for t in np.arange(1.0, 597.0, 6.0)]
    chunk = build_timeline(segments, 600.0, np.random.default_rng(5), noise_db=-60.0, sr=8_000)
    path = tmp_path / "two hours.wav"
    write_streamed(path, 7200.0, 8_000, 1, "ULAW", chunk=chunk[:, None])

    class PlacedTranscriber:
        model_id, model, english_only = "placed", None, True

        def __init__(self, *args, **kwargs):
            pass

        def transcribe(self, audio, *, progress=None, on_words=None):
            return Transcript(tuple(
                Word(w, k * 600.0 + a + 0.5 * i, k * 600.0 + a + 0.5 * i + 0.4, 0.9)
                for k in range(12) for a, _ in segments
                for i, w in enumerate("can you pay today?".split())))

    monkeypatch.setattr("voicecoach.transcript.whisper.Transcriber", PlacedTranscriber)
    out = tmp_path / "two hours.json"
    code, stdout, err = run_cli([str(path), "--json", "-o", str(out)], capfd)
    assert (code, stdout, err) == (0, "", "")
    report = json.loads(out.read_text())
    assert report["status"] == "ok"
    assert report["audio"]["duration_s"] == pytest.approx(7200.0, abs=1e-3)
    assert report["audio"]["telephone_band"] is True  # 8 kHz
    assert report["measures"]["questions"]["count"] == 12 * len(segments)
    assert_sane(report, 7200.0, tol_s=0.0005)
