"""pocketsphinx's US English acoustic model with its senones renumbered for speed.

The model is phonetically tied: every senone (tied HMM state) mixes the Gaussians
of its base phone's codebook, and the cost of scoring a frame is the number of
codebooks searched, one per base phone with an active senone. pocketsphinx keeps
the active senones as a list of id differences of at most 255; a larger gap is
bridged by extra list entries 255 ids apart, and each such entry activates the
codebook of whatever senone it lands on. In a forced alignment a few phones are
active at a time, their senones far apart in the model's numbering (phone by
phone, about 120 to a phone), so in the word-level pass more than half of the
codebooks searched in a frame were only bridges.

:func:`senone_order` renumbers the senones so that an id's remainder modulo 255
decides its codebook: a bridge, 255 ids on from an active senone, then lands on
a senone of the same, already searched codebook. Nothing else changes: each
triphone state keeps its mixture weights, only under another number. Scores are
normalized per frame over the active senones, so an alignment's path is the same
but for a few frames (bridges are scored too), and its phone scores move a little.

:func:`model_dir` writes the renumbered ``mdef`` and ``sendump`` to a temporary
folder once per process (about 30 ms), beside links to the other model files.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import struct
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["model_dir", "senone_order", "BRIDGE"]

BRIDGE = 255  # pocketsphinx's largest id difference in its active-senone list


def senone_order(sen2cb: np.ndarray, n_ci_sen: int, *, bridge: int = BRIDGE) -> np.ndarray:
    """New senone ids such that ``new_id % bridge`` mostly decides the codebook.

    Parameters
    ----------
    sen2cb : ndarray of int, shape (n_sen,)
        Each senone's codebook (its base phone).
    n_ci_sen : int
        Context-independent senones: ids ``0..n_ci_sen-1``, kept where they are
        (pocketsphinx expects them first).
    bridge : int
        The id step of pocketsphinx's bridging entries.

    Returns
    -------
    ndarray of int, shape (n_sen,)
        ``new_id[old_id]``, a permutation of ``range(n_sen)``.

    Each remainder class (ids ``r, r + bridge, r + 2 bridge, ...``) is given to
    one codebook: the classes holding a context-independent senone to that
    senone's codebook, the others, one by one, to the codebook then furthest
    short of ids. Each codebook's senones fill its classes in id order; the few
    left over when its classes are full take the ids left free elsewhere.
    """
    sen2cb = np.asarray(sen2cb)
    n_sen = len(sen2cb)
    codebooks = range(int(sen2cb.max()) + 1)
    ids = np.arange(n_sen)
    owner = np.full(bridge, -1)
    owner[ids[:n_ci_sen] % bridge] = sen2cb[:n_ci_sen]
    free_ids = ids[n_ci_sen:]
    senones = {c: ids[n_ci_sen:][sen2cb[n_ci_sen:] == c] for c in codebooks}

    def room(c: int) -> int:
        return int(np.isin(free_ids % bridge, np.flatnonzero(owner == c)).sum())

    short = {c: len(senones[c]) - room(c) for c in codebooks}
    for r in np.flatnonzero(owner < 0):
        c = max(codebooks, key=lambda c: (short[c], -c))
        owner[r] = c
        short[c] -= int(np.count_nonzero(free_ids % bridge == r))
    new_id = ids.copy()
    left_senones, left_ids = [], []
    for c in codebooks:
        mine = free_ids[owner[free_ids % bridge] == c]
        k = min(len(mine), len(senones[c]))
        new_id[senones[c][:k]] = mine[:k]
        left_senones += list(senones[c][k:])
        left_ids += list(mine[k:])
    new_id[np.array(left_senones, dtype=int)] = np.sort(np.array(left_ids, dtype=int))
    return new_id


class _Mdef:
    """The parts of a binary ``mdef`` (format version 1) the renumbering needs."""

    def __init__(self, data: bytes) -> None:
        if data[:4] != b"BMDF" or struct.unpack_from("<i", data, 4)[0] != 1:
            raise ValueError("not a version 1 little-endian binary mdef")
        offset = 12 + struct.unpack_from("<i", data, 8)[0]
        (self.n_ciphone, self.n_phone, self.n_emit, self.n_ci_sen, self.n_sen, _, n_sseq, _,
         n_cd_tree, _) = struct.unpack_from("<10i", data, offset)
        offset += 40
        for _ in range(self.n_ciphone):
            offset = data.index(b"\0", offset) + 1
        offset = (offset + 3) & ~3
        offset += 8 * n_cd_tree  # the context tree
        phones = np.frombuffer(data, dtype=[("ssid", "<i4"), ("tmat", "<i4"), ("info", "u1", 4)],
                               count=self.n_phone, offset=offset)
        offset += 12 * self.n_phone
        if struct.unpack_from("<i", data, offset)[0] != n_sseq * self.n_emit:
            raise ValueError("mdef with phones of different lengths")
        self.sseq_offset = offset + 4
        self.sseq = np.frombuffer(data, dtype="<u2", count=n_sseq * self.n_emit,
                                  offset=self.sseq_offset).reshape(n_sseq, self.n_emit)
        self.data = data
        # base phone of each phone: itself for a CI phone, info.cd.ctx[0] for a triphone
        pid = np.arange(self.n_phone)
        self.base = np.where(pid < self.n_ciphone, pid, phones["info"][:, 1])
        self.ssid = phones["ssid"]

    def sen2cb(self) -> np.ndarray:
        """Each senone's base phone (its codebook), as pocketsphinx derives it."""
        out = np.full(self.n_sen, -1)
        states = self.sseq[self.ssid]                       # (n_phone, n_emit)
        base = np.repeat(self.base, states.shape[1])
        flat = states.ravel()
        first = np.unique(flat, return_index=True)[1]       # the first phone using it
        out[flat[first]] = base[first]
        ci_phone = np.arange(self.n_ci_sen) // self.n_emit  # n_emit senones per CI phone
        if (out < 0).any() or (out[: self.n_ci_sen] != ci_phone).any():
            raise ValueError("senones not laid out as expected")
        return out

    def renumbered(self, new_id: np.ndarray) -> bytes:
        data = bytearray(self.data)
        sseq = new_id[self.sseq].astype("<u2")
        data[self.sseq_offset:self.sseq_offset + sseq.nbytes] = sseq.tobytes()
        return bytes(data)


def _renumber_sendump(data: bytes, new_id: np.ndarray) -> bytes:
    """Mixture weights (8-bit, one byte per senone in each row) moved to the new ids."""
    offset, header = 0, []
    while True:  # title, then header strings up to an empty one
        n = struct.unpack_from("<i", data, offset)[0]
        offset += 4
        if n == 0:
            break
        header.append(data[offset:offset + n].rstrip(b"\0").decode("latin-1"))
        offset += n
    clusters = [h for h in header if h.startswith("cluster_count ")]
    if clusters and clusters[0] != "cluster_count 0":
        raise ValueError("clustered (4-bit) mixture weights")
    cols = struct.unpack_from("<ii", data, offset)[1]
    offset += 8
    if cols != len(new_id) or (len(data) - offset) % cols:
        raise ValueError("sendump does not match the mdef")
    weights = np.frombuffer(data, dtype="u1", offset=offset).reshape(-1, cols)
    out = np.empty_like(weights)
    out[:, new_id] = weights
    return data[:offset] + out.tobytes()


def renumber(src: Path, dst: Path) -> None:
    """Write the model in ``src`` to ``dst`` with its senones renumbered.

    ``mdef`` and ``sendump`` are rewritten; every other file is linked (or copied).

    Raises
    ------
    ValueError
        When the model is not laid out as expected (it is then used as it is).
    """
    mdef = _Mdef((src / "mdef").read_bytes())
    new_id = senone_order(mdef.sen2cb(), mdef.n_ci_sen)
    sendump = _renumber_sendump((src / "sendump").read_bytes(), new_id)
    dst.mkdir(parents=True, exist_ok=True)
    (dst / "mdef").write_bytes(mdef.renumbered(new_id))
    (dst / "sendump").write_bytes(sendump)
    for f in src.iterdir():
        if f.name not in ("mdef", "sendump") and f.is_file():
            try:
                os.symlink(f, dst / f.name)
            except OSError:
                shutil.copy(f, dst / f.name)


@functools.lru_cache(maxsize=1)
def model_dir() -> str | None:
    """Folder of the renumbered US English model, written once per process.

    None when the installed model is not laid out as expected; pocketsphinx then
    uses it as it is (slower, and phone scores a little different).
    """
    from pocketsphinx import get_model_path

    src = Path(get_model_path()) / "en-us" / "en-us"  # the default acoustic model
    try:
        tmp = tempfile.mkdtemp(prefix="voicecoach-am-")
    except OSError:  # no writable temporary folder
        return None
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    try:
        renumber(src, Path(tmp))
    except (OSError, ValueError):
        return None
    return tmp
