"""Finding a team's recordings in a folder: which agent, which date, which content."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import VoicecoachError

__all__ = ["AUDIO_SUFFIXES", "NO_AGENT", "Recording", "find_recordings", "content_sha256",
           "agent_regex"]

AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".mp4",
                            ".aac", ".wma", ".aif", ".aiff", ".webm", ".amr", ".3gp"})
NO_AGENT = "(no agent)"
"""The agent of a file straight in the folder, or whose name the pattern does not match."""

_DATE = re.compile(r"(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class Recording:
    """One recording of the batch.

    Attributes
    ----------
    path : str
        Absolute path of the file.
    rel : str
        Its path under the batch folder, with ``/`` between folders (the ``file`` column).
    agent : str
        Whose take it is.
    date : str
        ISO date (``2026-03-01``) from the file's name or folder, else its modification
        time (UTC).
    """

    path: str
    rel: str
    agent: str
    date: str


def agent_regex(pattern: str) -> re.Pattern:
    """Compile ``--agent-pattern``; its group ``agent`` (else its first group, else the whole
    match) names the agent."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise VoicecoachError(f"--agent-pattern {pattern!r} is not a regular expression "
                              f"({exc}); e.g. '^(?P<agent>[^_]+)_'") from exc


def find_recordings(root: str | os.PathLike, *, agent_pattern: re.Pattern | None = None,
                    exclude: str | os.PathLike | None = None) -> list[Recording]:
    """Every audio file under ``root`` (recursively, hidden files and folders skipped), in
    path order.

    Parameters
    ----------
    root : path-like
        The batch folder. Without ``agent_pattern`` the agent is the first folder level
        under it (``root/<agent>/...``).
    agent_pattern : compiled regex, optional
        Searched in each file name to name its agent (see :func:`agent_regex`).
    exclude : path-like, optional
        A folder to leave out (the output folder, when it lies inside ``root``).

    Raises
    ------
    VoicecoachError
        When ``root`` is not a folder.
    """
    base = Path(root).expanduser().resolve()
    if not base.is_dir():
        raise VoicecoachError(f"{root}: not a folder (give the folder holding the recordings)")
    skip = Path(exclude).expanduser().resolve() if exclude is not None else None
    found: list[Recording] = []
    for folder, dirs, files in os.walk(base):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d != skip)
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in AUDIO_SUFFIXES:
                continue
            path = here / name
            rel = path.relative_to(base).as_posix()
            found.append(Recording(str(path), rel, _agent(rel, agent_pattern),
                                   _date(path, rel)))
    return found


def content_sha256(path: str | os.PathLike, *, block_bytes: int = 1 << 20) -> str:
    """SHA-256 of the file's bytes, hex (raises OSError when it cannot be read)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(block_bytes):
            h.update(block)
    return h.hexdigest()


def _agent(rel: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        parts = rel.split("/")
        return parts[0] if len(parts) > 1 else NO_AGENT
    m = pattern.search(rel.rsplit("/", 1)[-1])
    if m is None:
        return NO_AGENT
    if "agent" in pattern.groupindex:
        return m.group("agent") or NO_AGENT
    return (m.group(1) if pattern.groups else m.group(0)) or NO_AGENT


def _date(path: Path, rel: str) -> str:
    found = list(_DATE.finditer(rel))
    m = found[-1] if found else None  # the file's own name before its folders'
    if m is not None:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass  # 2026-02-31
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(mtime, dt.timezone.utc).date().isoformat()
