"""Writing output files atomically: a failed or interrupted run never leaves half a file.

Every file voicecoach writes goes through :func:`write_atomic`: the content is
written to a hidden temporary file in the target's folder, flushed to disk, and
renamed over the target in one step. A reader sees the old file or the new one,
never a mix; a run that fails or is interrupted leaves an existing file as it was.
(A process killed with SIGKILL mid-write can leave its hidden ``.NAME.*.tmp``
file behind, never a truncated ``NAME``.)
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from voicecoach.errors import VoicecoachError

__all__ = ["write_atomic", "prepare_output", "output_stems"]


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    An existing file at ``path`` is replaced only once the new content is complete;
    it keeps its permissions (a new file gets the usual ones, honouring the umask).

    Raises
    ------
    VoicecoachError
        If the folder is missing or not writable, or the disk is full (one-line
        message naming the path).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise VoicecoachError(f"{target}: cannot write output (it is a folder)")
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise VoicecoachError(f"{target}: cannot write output ({_why(exc)})") from exc
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise VoicecoachError(f"{target}: cannot write output ({_why(exc)})") from exc
        raise
    return target


def prepare_output(path: str | os.PathLike, *, folder: bool) -> Path:
    """Check, before any work is done, that outputs can be written at ``path``.

    Parameters
    ----------
    path : path-like
        An output file, or with ``folder=True`` a folder (created if missing).
    folder : bool
        ``path`` is a folder that will receive one file per recording.

    Returns
    -------
    Path
        The folder the outputs go into.

    Raises
    ------
    VoicecoachError
        One line naming ``path`` and why it cannot be written.
    """
    p = Path(path)
    if folder:
        if p.exists() and not p.is_dir():
            raise VoicecoachError(f"{p}: output folder is an existing file")
        try:
            p.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise VoicecoachError(f"{p}: cannot create output folder ({_why(exc)})") from exc
        where = p
    else:
        where = p.parent if str(p.parent) else Path(".")
        if not where.is_dir():
            raise VoicecoachError(f"{p}: output folder {where} does not exist")
    try:
        fd, probe = tempfile.mkstemp(prefix=".voicecoach-probe.", dir=where)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise VoicecoachError(f"{p}: cannot write output ({_why(exc)})") from exc
    return where


def output_stems(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """Name each recording's outputs in a folder: unique within the batch, the same every run.

    A recording's outputs are named after its file name without the extension
    (``a/call.wav`` -> ``call``). When an earlier input already has that name (``b/call.wav``
    after ``a/call.wav``, or ``call.flac`` after ``call.wav``), the later one gets the first
    free name of ``call-2``, ``call-3``, ... in the order the inputs are given. A suffixed
    name never takes another input's own name (``call-2.wav`` keeps ``call-2``), and names
    are compared ignoring case, so they stay distinct on case-insensitive file systems
    (macOS, Windows). The same path given twice gets the same name.

    Parameters
    ----------
    paths : iterable of path-like
        The inputs, in the order given.

    Returns
    -------
    dict of str to str
        For each input, keyed by ``str(Path(path))`` (the form a report's ``path``
        takes), the name to give its outputs, before their extension.
    """
    keys = list(dict.fromkeys(str(Path(p)) for p in paths))
    own = {Path(k).stem.casefold() for k in keys}
    taken: set[str] = set()
    names: dict[str, str] = {}
    for key in keys:
        stem = Path(key).stem
        name, n = stem, 1
        while name.casefold() in taken or (n > 1 and name.casefold() in own):
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names[key] = name
    return names


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
