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
    """Viterbi over one stretch; ``enter``/``leave``: an unvoiced frame precedes/follows it.

    With a handful of states per frame, plain Python floats beat numpy's per-call overhead,
    so the recursion runs on lists, converted a block of frames at a time.
    """
    n, k = freqs.shape
    jump_cost, switch_cost = costs
    log_f = np.log2(freqs)
    score = np.concatenate([strengths, unvoiced[:, None]], axis=1)
    delta = score[0].tolist()
    if enter:
        delta = [d - switch_cost for d in delta[:k]] + [delta[k]]
    back = np.zeros((n, k + 1), dtype=np.int8)
    for b in range(1, n, _BLOCK_FRAMES):
        e = min(n, b + _BLOCK_FRAMES)
        delta, back[b:e] = _recurse(
            delta, log_f[b - 1 : e].tolist(), score[b:e].tolist(), jump_cost, switch_cost
        )
    end = [d - switch_cost if leave and i < k else d for i, d in enumerate(delta)]
    state = max(range(k + 1), key=end.__getitem__)
    path = np.empty(n, dtype=np.int64)
    path[-1] = state
    for t in range(n - 1, 0, -1):
        state = int(back[t, state])
        path[t - 1] = state
    return path


def _recurse(
    delta: list[float],
    log_f: list[list[float]],
    score: list[list[float]],
    jump_cost: float,
    switch_cost: float,
) -> tuple[list[float], list[list[int]]]:
    """Viterbi steps over frames 1..len(score) of a block; ``log_f`` has one more (previous)
    frame. State ``k`` (the last) is unvoiced. Returns the final scores and back-pointers."""
    k = len(delta) - 1
    voiced = range(k)
    back = []
    for t, sc in enumerate(score):
        prev_f, cur_f = log_f[t], log_f[t + 1]
        u_best, u_arg = delta[k], k
        for i in voiced:
            if delta[i] - switch_cost > u_best:
                u_best, u_arg = delta[i] - switch_cost, i
        from_u = delta[k] - switch_cost
        new, arg = [], []
        for j in voiced:
            fj = cur_f[j]
            best, bi = from_u, k
            for i in voiced:
                d = prev_f[i] - fj
                v = delta[i] - jump_cost * (d if d > 0.0 else -d)
                if v > best:
                    best, bi = v, i
            new.append(best + sc[j])
            arg.append(bi)
        new.append(u_best + sc[k])
        arg.append(u_arg)
        delta = new
        back.append(arg)
    return delta, back
