"""The acoustic model with renumbered senones: the same model, aligned the same way."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES

from voicecoach.audio import load
from voicecoach.measures.consonants import model
from voicecoach.measures.consonants.lexicon import pronounce

pytest.importorskip("pocketsphinx")


def _stock() -> Path:
    from pocketsphinx import get_model_path

    return Path(get_model_path()) / "en-us" / "en-us"


def _weights(folder: Path, n_sen: int) -> np.ndarray:
    """The sendump's mixture weights, one column per senone."""
    data = (folder / "sendump").read_bytes()
    return np.frombuffer(data[len(data) - 384 * n_sen:], dtype=np.uint8).reshape(384, n_sen)


def test_senone_order_keeps_ci_senones_and_groups_codebooks_by_remainder():
    rng = np.random.default_rng(0)
    n_ci, n_cb = 30, 10
    sen2cb = np.concatenate([np.arange(n_ci) // 3, rng.integers(0, n_cb, 2000)])
    new_id = model.senone_order(sen2cb, n_ci, bridge=50)
    assert sorted(new_id) == list(range(len(sen2cb)))           # a permutation
    assert (new_id[:n_ci] == np.arange(n_ci)).all()              # CI senones stay first
    cb_at = np.empty_like(sen2cb)
    cb_at[new_id] = sen2cb                                       # codebook of each new id
    owner = cb_at[np.arange(50)]                                 # of each remainder class
    same = cb_at[n_ci:] == owner[np.arange(n_ci, len(sen2cb)) % 50]
    assert same.mean() > 0.9
    # a random numbering would put a bridge on the same codebook once in n_cb
    assert (sen2cb[n_ci:] == sen2cb[np.arange(n_ci, len(sen2cb)) % 50]).mean() < 0.3


def test_renumbered_model_is_the_same_model_under_other_numbers(tmp_path):
    model.renumber(_stock(), tmp_path)
    old = model._Mdef((_stock() / "mdef").read_bytes())
    new = model._Mdef((tmp_path / "mdef").read_bytes())
    assert new.n_sen == old.n_sen and new.n_ci_sen == old.n_ci_sen
    # every state of every triphone keeps its mixture weights
    w_old, w_new = _weights(_stock(), old.n_sen), _weights(tmp_path, new.n_sen)
    assert np.array_equal(w_new[:, new.sseq.ravel()], w_old[:, old.sseq.ravel()])
    assert (new.sen2cb()[new.sseq] == old.sen2cb()[old.sseq]).all()
    # and a bridge 255 ids on now mostly lands on the same codebook
    cb, ids = new.sen2cb(), np.arange(new.n_ci_sen, new.n_sen - model.BRIDGE)
    assert (cb[ids] == cb[ids + model.BRIDGE]).mean() > 0.85
    assert (old.sen2cb()[ids] == old.sen2cb()[ids + model.BRIDGE]).mean() < 0.1
    for name in ("means", "variances", "feat.params", "noisedict", "transition_matrices"):
        assert (tmp_path / name).read_bytes() == (_stock() / name).read_bytes()


def test_clustered_weights_are_refused():
    title = b"sendump\0"
    header = [b"cluster_count 16\0"]
    data = struct.pack("<i", len(title)) + title
    for h in header:
        data += struct.pack("<i", len(h)) + h
    data += struct.pack("<i", 0) + struct.pack("<ii", 128, 4) + bytes(16)
    with pytest.raises(ValueError, match="clustered"):
        model._renumber_sendump(data, np.arange(4))


def test_alignment_with_the_renumbered_model_matches_the_stock_model(monkeypatch):
    from voicecoach.measures.consonants.align import PhoneAligner

    truth = json.loads((SAMPLES / "good_opening.truth.json").read_text())
    audio = load(SAMPLES / "good_opening.flac")

    def phone_spans() -> list[tuple[str, float, float]]:
        aligner, out = PhoneAligner(), []
        for seg in truth["segments"][:3]:
            t0, t1 = int((seg["start_s"] - 0.2) * audio.sr), int((seg["end_s"] + 0.3) * audio.sr)
            prons = [pronounce(w.strip(".,?").lower()) for w in seg["text"].split()]
            al = aligner.align(audio.samples[t0:t1], [p.phones if p else None for p in prons])
            out += [(p.phone, p.start_s, p.end_s) for w in al.words for p in w]
        return out

    assert model.model_dir() is not None
    renumbered = phone_spans()
    monkeypatch.setattr(model, "model_dir", lambda: None)
    stock = phone_spans()
    assert len(stock) == len(renumbered) > 60
    same = np.mean([a == b for a, b in zip(stock, renumbered)])
    assert same >= 0.9, same


def test_model_falls_back_to_the_stock_one_without_a_writable_temporary_folder(monkeypatch):
    def refuse(**_):
        raise PermissionError("read-only")

    monkeypatch.setattr(model.tempfile, "mkdtemp", refuse)
    model.model_dir.cache_clear()
    try:
        assert model.model_dir() is None
    finally:
        model.model_dir.cache_clear()
