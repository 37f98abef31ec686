"""Build the spoken sentences of the question pitch-fusion tests with espeak-ng.

``python3 tests/data/question_audio/make_question_audio.py`` writes one 16 kHz mono FLAC
per sentence into this folder and ``sentences.json`` describing them. espeak-ng ends a
sentence written with "?" on a rise and one written with "." on a fall; the tests read
the transcript *without* the "?" (as a recognizer that dropped the mark would write it),
so only the pitch can tell the two apart. Deterministic for a given espeak-ng version
(recorded in sentences.json).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

HERE = Path(__file__).resolve().parent
SR = 16_000
VOICE = "en-us"
WPM = 150
LEAD_S = 0.4  # silence before and after each sentence

# (file stem, text spoken, text the transcript gets, is it a question)
SENTENCES = [
    ("rising_declarative", "You received our letter?", "You received our letter.", True),
    ("falling_declarative", "You received our letter.", "You received our letter.", False),
    ("rising_tag_word", "We agreed on Friday, right?", "We agreed on Friday, right.", True),
    ("falling_tag_word", "We agreed on Friday, right.", "We agreed on Friday, right.", False),
    ("rising_free_relative", "What you will hear is a recording?",
     "What you will hear is a recording.", False),
    ("falling_wh_question", "When can we expect the payment.",
     "When can we expect the payment.", True),
    ("rising_statement", "It was due on the first of March?",
     "It was due on the first of March.", False),
]


def synthesize(text: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "out.wav"
        subprocess.run(["espeak-ng", "-v", VOICE, "-s", str(WPM), "-w", str(wav), text],
                       check=True)
        x, sr = sf.read(wav, dtype="float64")
    x = resample_poly(x, SR, sr)
    pad = np.zeros(int(LEAD_S * SR))
    return np.concatenate([pad, 0.5 * x / np.max(np.abs(x)), pad])


def main() -> None:
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng is needed to build these files (apt-get install espeak-ng)")
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    rows = []
    for stem, spoken, transcript, question in SENTENCES:
        sf.write(HERE / f"{stem}.flac", synthesize(spoken), SR, subtype="PCM_16")
        rows.append({"file": f"{stem}.flac", "spoken": spoken, "transcript": transcript,
                     "question": question})
    (HERE / "sentences.json").write_text(json.dumps(
        {"made_by": f"{Path(__file__).name}, {version}, voice {VOICE}, {WPM} wpm",
         "sentences": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
