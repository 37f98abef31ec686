"""Speech probability from the Silero VAD model that ships inside faster-whisper.

The model (``faster_whisper/assets/silero_vad_v6.onnx``, MIT licence) reads 16 kHz audio in
chunks of 512 samples (32 ms), each with the 64 samples before it as context, and gives
the probability that the chunk holds speech. It tells speech from noise far better than
energy alone, but its edges are coarse (one chunk, plus the recurrent state's lag), so
:mod:`voicecoach.measures.activity` uses it as evidence only: which energy stretches are
speech, and which frames show the noise floor. The edges still come from the signal.

The model is loaded once per process; when onnxruntime or the model file is missing the
functions return ``None`` and the caller falls back to energy alone.
"""

from __future__ import annotations

import functools
import os

import numpy as np

__all__ = ["CHUNK_S", "VAD_SR", "speech_probability"]

VAD_SR = 16_000
CHUNK = 512
CONTEXT = 64
CHUNK_S = CHUNK / VAD_SR
_BATCH_CHUNKS = 4096  # chunks per model call: bounds memory (about 9 MB) on long calls


@functools.lru_cache(maxsize=1)
def _session():
    """The ONNX session (single-threaded), or None when it cannot be made."""
    try:
        import faster_whisper
        import onnxruntime
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(faster_whisper.__file__), "assets", "silero_vad_v6.onnx")
    if not os.path.exists(path):
        return None
    opts = onnxruntime.SessionOptions()
    opts.inter_op_num_threads = 1
    opts.intra_op_num_threads = 1
    opts.enable_cpu_mem_arena = False
    opts.log_severity_level = 4
    try:
        return onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"],
                                            sess_options=opts)
    except Exception:  # a broken install: fall back to energy alone
        return None


def _to_vad_rate(samples: np.ndarray, sr: int) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float32)
    if sr == VAD_SR:
        return x
    from voicecoach.resample import StreamResampler

    rs = StreamResampler(sr, VAD_SR)
    return np.concatenate([rs.push(x), rs.flush()]).astype(np.float32)


def speech_probability(samples: np.ndarray, sr: int) -> np.ndarray | None:
    """Probability of speech in each 32 ms chunk (chunk ``i`` spans ``[i, i+1) * CHUNK_S``).

    Parameters
    ----------
    samples : np.ndarray, shape (n,)
        Mono audio, full scale +-1.
    sr : int
        Sample rate in Hz (resampled to 16 kHz for the model).

    Returns
    -------
    np.ndarray, shape (ceil(n / sr / CHUNK_S),), or None when the model is unavailable.
    """
    session = _session()
    if session is None:
        return None
    x = _to_vad_rate(samples, sr)
    if x.size == 0:
        return np.zeros(0, dtype=np.float32)
    x = x - np.float32(np.mean(x, dtype=np.float64))  # the model was not trained on DC
    x = np.pad(x, (0, -len(x) % CHUNK))
    chunks = x.reshape(-1, CHUNK)
    h = np.zeros((1, 1, 128), dtype=np.float32)
    c = np.zeros((1, 1, 128), dtype=np.float32)
    out = []
    prev_tail = np.zeros((1, CONTEXT), dtype=np.float32)
    for i in range(0, len(chunks), _BATCH_CHUNKS):
        block = chunks[i:i + _BATCH_CHUNKS]
        context = np.concatenate([prev_tail, block[:-1, -CONTEXT:]], axis=0)
        prev_tail = block[-1:, -CONTEXT:]
        probs, h, c = session.run(None, {"input": np.concatenate([context, block], axis=1),
                                         "h": h, "c": c})
        out.append(np.asarray(probs, dtype=np.float32).reshape(-1))
    return np.concatenate(out)
