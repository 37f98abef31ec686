"""Writing output files atomically: a failed or interrupted run never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from voicecoach.errors import VoicecoachError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    An existing file at ``path`` is replaced only once the new content is complete.

    Raises
    ------
    VoicecoachError
        If the folder is missing or not writable (one-line message naming the path).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise VoicecoachError(f"{target}: cannot write output ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise VoicecoachError(f"{target}: cannot write output ({exc.strerror})") from exc
        raise
    return target
