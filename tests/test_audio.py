"""The loader: formats, rates, channels, broken samples, warnings, streaming and memory."""

from __future__ import annotations

import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from voicecoach.audio import SAMPLE_RATE, from_array, load
from voicecoach.errors import AudioError, VoicecoachWarning
from voicecoach.resample import StreamResampler

SR = SAMPLE_RATE


def tone(seconds: float, sr: int, f_hz: float = 440.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(round(seconds * sr))) / sr
    return (amplitude * np.sin(2 * np.pi * f_hz * t)).astype(np.float32)


def load_quietly(path, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        audio = load(path, **kw)
    return audio, [str(w.message) for w in caught if issubclass(w.category, VoicecoachWarning)]


def peak_frequency_hz(x: np.ndarray, sr: int) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / sr)[np.argmax(spectrum)])


# --- the streaming resampler -------------------------------------------------------------

@pytest.mark.parametrize("sr_in", [8_000, 11_025, 22_050, 44_100, 48_000, 192_000, 44_101])
def test_streaming_resampler_equals_resampling_the_whole_signal(sr_in, rng):
    x = rng.standard_normal(int(2.3 * sr_in)).astype(np.float32)
    r = StreamResampler(sr_in, SR, block=3000)
    parts, i = [], 0
    while i < len(x):  # ragged pushes, as decoders deliver them
        n = int(rng.integers(1, 9000))
        parts.append(r.push(x[i:i + n]))
        i += n
    parts.append(r.flush())
    y = np.concatenate(parts)
    whole = StreamResampler(sr_in, SR, block=len(x) + 1)
    assert np.array_equal(y, np.concatenate([whole.push(x), whole.flush()]))  # no block edges
    ref = resample_poly(x, r.up, r.down)  # the same filter, computed by scipy
    assert len(y) == len(ref)
    assert np.max(np.abs(y - ref)) <= 1e-6 * np.max(np.abs(ref))  # float32 rounding only


def test_resampler_keeps_time_on_exotic_rates():
    r = StreamResampler(191_999, SR)
    assert r.rate_error <= 1e-5


# --- formats -----------------------------------------------------------------------------

@pytest.mark.parametrize("sr, subtype, channels", [
    (8_000, "ULAW", 1), (8_000, "ALAW", 1), (48_000, "PCM_24", 2), (44_100, "FLOAT", 1),
    (96_000, "DOUBLE", 1), (192_000, "PCM_24", 1), (22_050, "PCM_U8", 1), (16_000, "PCM_32", 6),
])
def test_wav_variants_load_with_the_right_length_level_and_pitch(tmp_path, sr, subtype, channels):
    x = tone(2.0, sr, 440.0, 0.5)
    path = tmp_path / f"t-{sr}-{subtype}.wav"
    sf.write(path, np.repeat(x[:, None], channels, 1), sr, subtype=subtype)
    audio, _ = load_quietly(path)
    assert audio.sr == SR and audio.source_sr == sr and audio.channels == channels
    assert audio.duration_s == pytest.approx(2.0, abs=1.0 / SR)
    assert peak_frequency_hz(audio.samples, SR) == pytest.approx(440.0, abs=1.0)
    rms = float(np.sqrt(np.mean(audio.samples[SR // 10: -SR // 10] ** 2)))
    assert rms == pytest.approx(0.5 / np.sqrt(2), rel=0.05)  # mu-law and 8-bit within 5 %


@pytest.mark.parametrize("container, ext", [("FLAC", "flac"), ("OGG", "ogg"), ("MP3", "mp3"),
                                            ("AIFF", "aiff")])
def test_other_containers_and_misleading_names(tmp_path, container, ext):
    x = tone(2.0, 44_100, 300.0)
    subtype = {"OGG": "VORBIS", "MP3": "MPEG_LAYER_III"}.get(container)
    real = tmp_path / f"real.{ext}"
    sf.write(real, x, 44_100, format=container, subtype=subtype)
    renamed = tmp_path / "named-wrong.wav" if ext != "wav" else tmp_path / "named-wrong.mp3"
    renamed.write_bytes(real.read_bytes())
    for path in (real, renamed):
        audio, _ = load_quietly(path)
        assert audio.duration_s == pytest.approx(2.0, abs=0.06)  # MP3 frames pad the ends
        assert peak_frequency_hz(audio.samples, SR) == pytest.approx(300.0, abs=1.0)


def test_channel_selection_on_six_channels(tmp_path):
    data = np.zeros((SR * 2, 6), dtype=np.float32)
    data[:, 4] = tone(2.0, SR, 700.0)
    path = tmp_path / "six.wav"
    sf.write(path, data, SR)
    ch4, _ = load_quietly(path, channel=4)
    mix, _ = load_quietly(path)
    ch0, _ = load_quietly(path, channel="left")
    assert (ch4.channel, mix.channel, ch0.channel) == ("ch4", "mix", "left")
    assert np.max(np.abs(ch4.samples)) == pytest.approx(0.5, abs=0.01)
    assert np.max(np.abs(mix.samples)) == pytest.approx(0.5 / 6, abs=0.01)
    assert np.max(np.abs(ch0.samples)) == 0.0
    with pytest.raises(AudioError, match=r"six\.wav: has 6 channels, so channel 6 does not exist"):
        load(path, channel=6)


# --- broken samples and warnings ---------------------------------------------------------

def test_nan_and_inf_become_silence_with_a_warning(tmp_path):
    x = tone(2.0, SR)
    x[100:200] = np.nan
    x[5000] = np.inf
    x[6000] = -np.inf
    path = tmp_path / "nan.wav"
    sf.write(path, x, SR, subtype="FLOAT")
    audio, notes = load_quietly(path)
    assert np.all(np.isfinite(audio.samples))
    assert np.all(audio.samples[100:200] == 0.0)
    assert any("102 samples were NaN or infinite" in n and "nan.wav" in n for n in notes)


def test_float_beyond_full_scale_is_clipped_and_said(tmp_path):
    path = tmp_path / "loud.wav"
    sf.write(path, tone(2.0, SR, amplitude=40.0), SR, subtype="FLOAT")
    audio, notes = load_quietly(path)
    assert np.max(np.abs(audio.samples)) <= 1.0
    assert any("beyond full scale (peak 40)" in n for n in notes)


@pytest.mark.parametrize("amplitude, sr, expected", [
    (0.5, SR, []),
    (4.0 * 0.5, SR, ["beyond full scale"]),
    (0.003, SR, ["very quiet (peak -50 dBFS)"]),
    (0.5, 8_000, ["telephone bandwidth (8000 Hz)"]),
    (0.0, SR, ["digital silence"]),
])
def test_degraded_input_warnings(amplitude, sr, expected):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_array(tone(2.0, sr, amplitude=amplitude), sr, path="take.wav")
    notes = [str(w.message) for w in caught if issubclass(w.category, VoicecoachWarning)]
    assert len(notes) == len(expected), notes
    for note, fragment in zip(notes, expected):
        assert fragment in note and note.startswith("take.wav: ")


def test_clipping_is_detected_but_a_normalized_recording_is_not():
    x = tone(2.0, SR, amplitude=1.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_array(np.clip(3 * x, -1, 1), SR)  # hard-clipped: a third of samples at full scale
        from_array(0.98 * x / np.max(np.abs(x)), SR)  # peak-normalized to -0.2 dBFS, clean
    notes = [str(w.message) for w in caught]
    assert len(notes) == 1 and "clipped" in notes[0]


def phone_band(x: np.ndarray, sr_out: int) -> np.ndarray:
    """``x`` (16 kHz) through an 8 kHz channel, then stored at ``sr_out``."""
    narrow = resample_poly(x, 1, 2)
    g = np.gcd(8_000, sr_out)
    return resample_poly(narrow, sr_out // g, 8_000 // g).astype(np.float32)


@pytest.mark.parametrize("name", ["good_opening.flac", "high_monotone.flac"])
def test_telephone_bandwidth_is_found_in_the_sound_not_only_the_rate(name):
    from conftest import SAMPLES

    x, sr = sf.read(SAMPLES / name, dtype="float32")
    for data, rate, telephone in ((x, sr, False), (phone_band(x, 44_100), 44_100, True),
                                  (phone_band(x, 16_000), 16_000, True)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            audio = from_array(data, rate, path=name)
        notes = [str(w.message) for w in caught if "telephone bandwidth" in str(w.message)]
        assert notes == ([f"{name}: telephone bandwidth (nothing above 4 kHz, though stored at "
                          f"{rate} Hz); the release bursts and hiss of final consonants are "
                          "lost, so only m, n and ng endings are judged"] if telephone else [])
        assert audio.telephone_band is telephone


@pytest.mark.parametrize("signal", ["beeps", "hum", "noise", "bursts"])
def test_narrowband_sounds_that_are_not_telephone_speech_are_not_flagged(signal, rng):
    from conftest import build_timeline

    from voicecoach.bandwidth import narrowband

    t = np.arange(6 * SR) / SR
    x = {"beeps": 0.3 * np.sin(2 * np.pi * 440 * t) * ((t % 0.8) < 0.4),
         "hum": 0.2 * np.sin(2 * np.pi * 50 * t) + 0.1 * np.sin(2 * np.pi * 150 * t),
         "noise": 0.1 * rng.standard_normal(len(t)),
         "bursts": build_timeline([(0.5, 2.0), (3.0, 5.5)], 6.0, rng, noise_db=-65.0)}[signal]
    assert not narrowband(np.asarray(x, dtype=np.float32), SR)


# --- errors: one line naming the file ----------------------------------------------------

def put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, fragment", [
    (lambda d: d / "missing.wav", "file not found"),
    (lambda d: d, "is a folder"),
    (lambda d: put(d / "e.wav", b""), "file is empty (0 bytes)"),
    (lambda d: put(d / "t.mp3", b"hello " * 500),
     "not a readable audio file (format not recognised)"),
    (lambda d: put(d / "r.wav", b"RIFF" + bytes(range(256)) * 20), "not a readable audio file"),
])
def test_unreadable_files_raise_one_line_naming_the_file(tmp_path, make, fragment):
    path = make(tmp_path)
    with pytest.raises(AudioError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and fragment in message and "\n" not in message


@pytest.mark.parametrize("seconds, sr", [(0.3, SR), (0.999, 44_100), (0.0, 8_000)])
def test_too_short(tmp_path, seconds, sr):
    path = tmp_path / "short.wav"
    sf.write(path, tone(seconds, sr), sr)
    with pytest.raises(AudioError, match="at least 1 s|no audio samples"):
        load(path)


@pytest.mark.parametrize("sr", [0, -8000, 1000, float("nan"), 8000.5])
def test_invalid_sample_rates(sr):
    with pytest.raises(AudioError, match="sample rate"):
        from_array(np.zeros(20_000, dtype=np.float32), sr)


def test_truncated_data_chunk_loads_what_is_there(tmp_path):
    path = tmp_path / "cut.wav"
    sf.write(path, tone(3.0, SR), SR)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # header says 3 s; half the bytes remain
    audio, _ = load_quietly(path)
    assert audio.duration_s == pytest.approx(1.5, abs=0.01)


@pytest.mark.parametrize("fmt", ["FLAC", "MP3"])
def test_a_file_cut_short_loads_the_part_that_is_there(tmp_path, fmt):
    path = tmp_path / f"cut.{fmt.lower()}"
    sf.write(path, tone(4.0, 44_100, 300.0), 44_100, format=fmt)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    audio, notes = load_quietly(path)
    # half the bytes of a steady 4 s tone: about 2 s (1.95 s FLAC, 1.91 s MP3 measured;
    # frame and header sizes move it by well under 0.3 s), not nothing and not all 4 s
    assert 1.7 < audio.duration_s < 2.3
    assert peak_frequency_hz(audio.samples, SR) == pytest.approx(300.0, abs=1.0)
    if fmt == "FLAC":  # FFmpeg reads a cut MP3 without complaint; a cut FLAC is noticed
        assert [n for n in notes if "damaged or cut short after" in n and "cut.flac" in n]


# --- streaming and memory ----------------------------------------------------------------

def write_streamed(path: Path, seconds: float, sr: int, channels: int, subtype: str,
                   chunk: np.ndarray | None = None) -> None:
    """Write a long file block by block (never whole in memory): ``chunk`` repeated, or a
    quiet 500 Hz tone."""
    block = chunk if chunk is not None else np.repeat(tone(10.0, sr, 500.0, 0.1)[:, None],
                                                      channels, 1)
    total = int(round(seconds * sr))
    with sf.SoundFile(path, "w", sr, channels, subtype=subtype) as f:
        written = 0
        while written < total:
            part = block[: total - written]
            f.write(part)
            written += len(part)


def test_loading_streams_the_source_in_blocks(tmp_path):
    """A 60 s, 6-channel, 48 kHz file is 69 MB as float32; loading must not hold it."""
    path = tmp_path / "long-6ch.wav"
    write_streamed(path, 60.0, 48_000, 6, "PCM_16")
    source_bytes = 60 * 48_000 * 6 * 4
    tracemalloc.start()
    try:
        audio, _ = load_quietly(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result_bytes = audio.samples.nbytes
    assert audio.duration_s == pytest.approx(60.0, abs=1.0 / SR)
    assert peak < result_bytes + 16e6, f"peak {peak / 1e6:.0f} MB"
    assert peak < source_bytes / 4


@pytest.mark.slow
def test_two_hour_call_export_loads_streamed_and_keeps_time(tmp_path):
    """Two hours of 8 kHz mu-law (a call-centre export): a 10-minute speech-like pattern
    repeated; loading keeps memory at the 16 kHz result's size and the time line exact."""
    from conftest import build_timeline

    from voicecoach.measures.activity import detect

    rng = np.random.default_rng(5)
    pattern_s, sr = 600.0, 8_000
    segments = [(t, t + 2.0) for t in np.arange(1.0, pattern_s - 3.0, 6.0)]
    chunk = build_timeline(segments, pattern_s, rng, noise_db=-60.0, sr=sr)[:, None]
    path = tmp_path / "two hours.wav"
    write_streamed(path, 7200.0, sr, 1, "ULAW", chunk=chunk)
    del chunk
    start = time.perf_counter()
    tracemalloc.start()
    try:
        audio, notes = load_quietly(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    load_s = time.perf_counter() - start
    assert audio.duration_s == pytest.approx(7200.0, abs=1.0 / SR)
    assert peak < 1.7 * audio.samples.nbytes, f"peak {peak / 1e6:.0f} MB"
    assert any("telephone bandwidth" in n for n in notes)
    activity = detect(audio.samples, audio.sr)
    starts = np.array([iv.start_s for iv in activity.intervals])
    expected = np.array([k * pattern_s + a for k in range(12) for a, _ in segments])
    assert len(starts) == len(expected)
    assert np.max(np.abs(starts - expected)) < 0.03  # no drift over two hours
    print(f"2-hour load: {load_s:.1f} s, peak {peak / 1e6:.0f} MB")
