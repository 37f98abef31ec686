"""Final consonants said by a person: a LibriVox reader, intact and with consonants cut out.

The synthetic corpus (:mod:`benchmarks.consonant_corpus`) has five voices; this adds
one human one. Five sentences of Jane Austen's *Sense and Sensibility* read for
LibriVox (public domain), as pocketsphinx ships them among its test data, with their
texts and pocketsphinx's reference phone alignment (BSD licence; see
``people/SOURCE.md``). Two recordings are made of them:

- intact: the five sentences as read, 0.7 s apart; every consonant-final word is
  "articulated" (read speech, not checked by ear), a /t, d/ cluster before a
  consonant "cluster";
- clipped: the same, with the final consonant of every eligible word (a stop,
  fricative, nasal or affricate, by the CMU dictionary and by the reference
  alignment, not a cluster site, not a word that occurs twice in its sentence) cut
  out at the reference alignment's timing, with a 5 ms cross-fade.

None of it is used to fit anything: it is all held out. ``python -m
benchmarks.people_corpus SDIST`` copies the files from a pocketsphinx 5.1.1 source
archive (``pip download pocketsphinx==5.1.1 --no-binary :all: --no-deps``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from benchmarks.consonant_corpus import (
    GAP_S,
    SR,
    Recording,
    TruthWord,
    cut_samples,
    script_words,
)

__all__ = ["build", "PEOPLE"]

PEOPLE = Path(__file__).resolve().parent / "people"


def _final_spans(alignment: dict) -> list[tuple[str, float, float]]:
    """(final phone, start s, end s) of each word of a pocketsphinx phone alignment."""
    out = []
    for w in alignment["w"]:
        if w["t"].startswith("<") or w["t"].startswith("["):
            continue
        p = w["w"][-1]
        out.append((p["t"], float(p["b"]), float(p["b"]) + float(p["d"])))
    return out


def _sentence(item: dict, samples: np.ndarray, version: str
              ) -> tuple[np.ndarray, list[TruthWord]]:
    truth, eligible = script_words(item["text"])
    spans = item["finals"]
    if len(spans) != len(truth):
        raise ValueError(f"{item['name']}: the alignment has {len(spans)} words, "
                         f"the text {len(truth)}")
    texts = [w.text for w in truth]
    clip = [i for i in eligible if spans[i][0] == truth[i].final_phone
            and texts.count(truth[i].text) == 1] if version == "clipped" else []
    if clip:
        samples = cut_samples(samples, [(round(spans[i][1] * SR), round(spans[i][2] * SR))
                                        for i in clip], SR)
    labels = [TruthWord(w.text, w.final_phone, w.phone_class, "clipped" if i in clip else w.label)
              for i, w in enumerate(truth)]
    return samples, labels


def build(folder: Path = PEOPLE) -> list[Recording]:
    """The intact and the clipped recording of the reader (split "test": held out)."""
    import soundfile as sf

    meta = json.loads((folder / "sentences.json").read_text())
    out = []
    for version in ("intact", "clipped"):
        parts, words = [np.zeros(int(0.4 * SR), np.float32)], []
        for item in meta:
            samples, sr = sf.read(folder / f"{item['name']}.flac", dtype="float32")
            assert sr == SR
            samples, labels = _sentence(item, samples, version)
            parts += [samples, np.zeros(int(GAP_S * SR), np.float32)]
            words += labels
        out.append(Recording(f"people_librivox_{version}", "people:librivox", version,
                             "sample cut" if version == "clipped" else "intact",
                             np.concatenate(parts), tuple(words), "test"))
    return out


def copy_from_sdist(sdist: Path, folder: Path = PEOPLE) -> None:
    """Write the recordings (FLAC), texts and final-phone spans from the source archive."""
    import tarfile

    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    base = "pocketsphinx-5.1.1/test/data/librivox/"
    items = []
    with tarfile.open(sdist) as tar:
        ids = tar.extractfile(base + "fileids").read().decode().split()
        for name in ids:
            text = tar.extractfile(base + name + ".txt").read().decode().strip()
            alignment = json.loads(tar.extractfile(base + name + ".phone.json").read())
            samples, sr = sf.read(tar.extractfile(base + name + ".wav"), dtype="float32")
            assert sr == SR
            sf.write(folder / f"{name}.flac", samples, SR, subtype="PCM_16")
            items.append({"name": name, "text": text, "finals": _final_spans(alignment)})
    (folder / "sentences.json").write_text(json.dumps(items, indent=1))


if __name__ == "__main__":
    import sys

    copy_from_sdist(Path(sys.argv[1]))
