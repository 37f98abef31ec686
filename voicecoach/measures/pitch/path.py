"""The best F0 path through per-frame candidates (Viterbi), with exact pruning."""

from __future__ import annotations

import numpy as np

__all__ = ["best_path", "NO_CANDIDATE"]

NO_CANDIDATE = -1.0e9  # strength marking a missing candidate
_BLOCK_FRAMES = 2048  # transition matrices are built this many frames at a time


def best_path(
    freqs: np.ndarray,
    strengths: np.ndarray,
    unvoiced: np.ndarray,
    *,
    octave_jump_cost: float,
    voiced_unvoiced_cost: float,
) -> np.ndarray:
    """Pick one candidate per frame, maximizing strengths minus transition costs.

    Parameters
    ----------
    freqs : np.ndarray, shape (m, K)
        Candidate frequencies in Hz (any positive value where missing).
    strengths : np.ndarray, shape (m, K)
        Candidate strengths; ``NO_CANDIDATE`` where missing.
    unvoiced : np.ndarray, shape (m,)
        Strength of the unvoiced state of each frame.
    octave_jump_cost : float >= 0
        Cost per octave of F0 change between consecutive voiced frames.
    voiced_unvoiced_cost : float >= 0
        Cost of each change between voiced and unvoiced.

    Returns
    -------
    np.ndarray, shape (m,), int
        The chosen candidate per frame; ``K`` means unvoiced.

    Notes
    -----
    A voiced candidate weaker than its frame's unvoiced state by more than two voicing
    changes can never be on the best path (swapping it for the unvoiced state gains more
    than any transitions can cost), so it is dropped; frames left without candidates are
    unvoiced for certain, and the search runs separately, and exactly, on the stretches
    between them.
    """
    n, k = freqs.shape
    floor = (unvoiced - 2.0 * voiced_unvoiced_cost)[:, None]
    strengths = np.where(strengths < floor, NO_CANDIDATE, strengths)
    live = (strengths > NO_CANDIDATE / 2).any(axis=1)
    path = np.full(n, k, dtype=np.int64)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], live.astype(np.int8), [0]])))
    costs = (octave_jump_cost, voiced_unvoiced_cost)
    for a, b in zip(edges[0::2], edges[1::2]):
        path[a:b] = _run_path(
            freqs[a:b], strengths[a:b], unvoiced[a:b], costs, enter=a > 0, leave=b < n
        )
    return path


def _run_path(
    freqs: np.ndarray,
    strengths: np.ndarray,
    unvoiced: np.ndarray,
    costs: tuple[float, float],
    *,
    enter: bool,
    leave: bool,
) -> np.ndarray:
    """Viterbi over one stretch; ``enter``/``leave``: an unvoiced frame precedes/follows it."""
    n, k = freqs.shape
    jump_cost, switch_cost = costs
    switch = np.full(k + 1, switch_cost)
    switch[k] = 0.0  # cost of coming from / going to an unvoiced frame
    score = np.concatenate([strengths, unvoiced[:, None]], axis=1)
    log_f = np.log2(freqs)
    back = np.zeros((n, k + 1), dtype=np.int64)
    delta = score[0] - (switch if enter else 0.0)
    for b in range(1, n, _BLOCK_FRAMES):
        e = min(n, b + _BLOCK_FRAMES)
        trans = np.empty((e - b, k + 1, k + 1))
        trans[:, :k, :k] = jump_cost * np.abs(log_f[b - 1 : e - 1, :, None] - log_f[b:e, None, :])
        trans[:, :k, k] = switch_cost
        trans[:, k, :] = switch
        for t in range(b, e):
            cand = delta[:, None] - trans[t - b]
            back[t] = cand.argmax(axis=0)
            delta = cand.max(axis=0) + score[t]
    path = np.empty(n, dtype=np.int64)
    path[-1] = int((delta - (switch if leave else 0.0)).argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path
