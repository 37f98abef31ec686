"""Real recordings of people, each with a reference made by someone else, for the
"real:" rows of ``benchmarks/conditions.py``.

Every truth below is derived in code from a reference file shipped beside the audio
(``benchmarks/real/SOURCE.md`` and ``benchmarks/people/SOURCE.md`` give source,
commit, path and licence); nothing is written in by hand:

- ``librivox_austen``: the five LibriVox sentences of ``benchmarks/people`` joined in
  chapter order as recorded (each file keeps its own leading and trailing room
  silence; nothing is inserted, as pocketsphinx's ``make_single_track.py`` does).
  From pocketsphinx's reference word alignment (``real/librivox_words.json``): the
  words (fillers such as ``<sil>`` left out), the pauses (a silence of at least
  250 ms between two words), the word count and the speaking span, and one statement
  segment per sentence (one of them, "had he married ...", opens like a question).
- ``ptdb_F01_sa1``, ``ptdb_M01_sa1``: one female and one male PTDB-TUG talker reading
  TIMIT sentence sa1, with the database's laryngograph-derived F0 track
  (``real/ref_*_sa1.f0``, 10 ms frames, F0 in Hz in the first column, 0 when
  unvoiced). The reference median F0 is the median over its voiced frames; the
  statement segment spans the first to the last voiced frame (a sentence without a
  question: any question found is a false one).

``python -m benchmarks.real_corpus SDIST ZIP`` makes the shipped files again from the
pocketsphinx 5.1.1 source archive and the zip file of the F0_IF_model repository.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["RealRecording", "recordings", "PAUSE_MIN_S", "REAL", "words_truth",
           "f0_truth"]

ROOT = Path(__file__).resolve().parent
REAL = ROOT / "real"
PEOPLE = ROOT / "people"
WORK = ROOT / "out" / "real"
SR = 16000
PAUSE_MIN_S = 0.25
FRAME_S = 0.01
PTDB_TALKERS = ("F01", "M01")
PTDB_TEXT = "She had your dark suit in greasy wash water all year."


@dataclass(frozen=True)
class RealRecording:
    """One real recording: ``name``, audio ``path``, ``source`` (short provenance) and
    ``truth`` (the samples truth format; only the keys its reference supports)."""

    name: str
    path: Path
    source: str
    truth: dict


def _is_word(token: str) -> bool:
    return not token.startswith(("<", "["))


def words_truth(sentences: list[dict], offsets_s: list[float]) -> dict:
    """Truth from word alignments: ``sentences`` each with ``text`` and ``words``
    (``[token, begin s, duration s]``, fillers in ``<>`` or ``[]``), placed at
    ``offsets_s`` on the joined recording.

    Returns
    -------
    dict
        ``n_words``, ``speech_span_s`` [s, s], ``pauses`` (every silence of at least
        ``PAUSE_MIN_S`` between two consecutive words, in s), ``segments`` (one
        statement per sentence) and ``questions`` (none).
    """
    words, segments = [], []
    for item, off in zip(sentences, offsets_s):
        spoken = [(off + b, off + b + d) for t, b, d in item["words"] if _is_word(t)]
        words += spoken
        segments.append({"start_s": round(spoken[0][0], 3), "end_s": round(spoken[-1][1], 3),
                         "text": item["text"], "kind": "statement"})
    pauses = [{"start_s": round(a_end, 3), "end_s": round(b_start, 3)}
              for (_, a_end), (b_start, _) in zip(words, words[1:])
              if b_start - a_end >= PAUSE_MIN_S - 1e-9]
    return {"n_words": len(words), "speech_span_s": [round(words[0][0], 3),
                                                     round(words[-1][1], 3)],
            "pauses": pauses, "segments": segments, "questions": []}


def f0_truth(track: np.ndarray, text: str, *, frame_s: float = FRAME_S) -> dict:
    """Truth from a reference F0 track (``track[:, 0]`` in Hz per ``frame_s`` frame,
    0 when unvoiced): ``f0_median_hz`` over voiced frames and one statement segment
    from the first to the last voiced frame."""
    f0_hz = np.asarray(track, dtype=float)[:, 0]
    voiced = np.flatnonzero(f0_hz > 0)
    if voiced.size == 0:
        raise ValueError("the reference F0 track has no voiced frame")
    return {"f0_median_hz": float(np.median(f0_hz[voiced])),
            "segments": [{"start_s": round(float(voiced[0]) * frame_s, 3),
                          "end_s": round(float(voiced[-1] + 1) * frame_s, 3),
                          "text": text, "kind": "statement"}],
            "questions": []}


def _librivox(work: Path) -> RealRecording:
    import soundfile as sf

    sentences = json.loads((REAL / "librivox_words.json").read_text())
    parts, offsets_s, t_s = [], [], 0.0
    for item in sentences:
        x, sr = sf.read(PEOPLE / f"{item['name']}.flac", dtype="float32")
        if sr != SR:
            raise ValueError(f"{item['name']}: {sr} Hz, expected {SR}")
        parts.append(x)
        offsets_s.append(t_s)
        t_s += len(x) / SR
    work.mkdir(parents=True, exist_ok=True)
    path = work / "librivox_austen.flac"
    sf.write(path, np.concatenate(parts), SR, subtype="PCM_16")
    return RealRecording("librivox_austen", path,
                         "LibriVox reader, pocketsphinx word alignment",
                         words_truth(sentences, offsets_s))


def recordings(work: Path = WORK) -> list[RealRecording]:
    """The real recordings with their truths (the joined LibriVox file is written to
    ``work``)."""
    out = [_librivox(work)]
    for talker in PTDB_TALKERS:
        track = np.loadtxt(REAL / f"ref_{talker}_sa1.f0")
        out.append(RealRecording(f"ptdb_{talker}_sa1", REAL / f"ptdb_{talker}_sa1.flac",
                                 "PTDB-TUG, laryngograph F0", f0_truth(track, PTDB_TEXT)))
    return out


def copy_sources(sdist: Path, f0_zip: Path, folder: Path = REAL) -> None:
    """Write ``real/`` from the pocketsphinx 5.1.1 source archive (word alignments)
    and the F0_IF_model zip (PTDB-TUG audio at 48 kHz, made 16 kHz FLAC, and F0)."""
    import tarfile
    import zipfile

    import soundfile as sf
    from scipy.signal import resample_poly

    folder.mkdir(parents=True, exist_ok=True)
    base = "pocketsphinx-5.1.1/test/data/librivox/"
    items = []
    with tarfile.open(sdist) as tar:
        for name in tar.extractfile(base + "fileids").read().decode().split():
            text = tar.extractfile(base + name + ".txt").read().decode().strip()
            alignment = json.loads(tar.extractfile(base + name + ".json").read())
            items.append({"name": name, "text": text,
                          "words": [[w["t"], w["b"], w["d"]] for w in alignment["w"]]})
    (folder / "librivox_words.json").write_text(json.dumps(items, indent=1) + "\n")
    inner = "F0_IF_Comparison_Matlab_GroundTruth/"
    with zipfile.ZipFile(f0_zip) as z:
        for talker in PTDB_TALKERS:
            with z.open(f"{inner}mic_{talker}_sa1.wav") as fh:
                x, sr = sf.read(fh, dtype="float64")
            if sr != 3 * SR:
                raise ValueError(f"mic_{talker}_sa1.wav: {sr} Hz, expected {3 * SR}")
            sf.write(folder / f"ptdb_{talker}_sa1.flac", resample_poly(x, 1, 3), SR,
                     subtype="PCM_16")
            (folder / f"ref_{talker}_sa1.f0").write_bytes(
                z.read(f"{inner}ref_{talker}_sa1.f0"))


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        print("usage: python -m benchmarks.real_corpus POCKETSPHINX_SDIST F0_IF_ZIP",
              file=sys.stderr)
        raise SystemExit(2)
    copy_sources(Path(sys.argv[1]), Path(sys.argv[2]))
