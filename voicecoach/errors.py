"""voicecoach's exceptions and warnings.

Every failure the user can cause (a bad file, a missing model, a bad targets
file) is raised as a :class:`VoicecoachError` whose message is one line that
names the problem and, where there is one, the fix.
"""

from __future__ import annotations

__all__ = [
    "VoicecoachError",
    "AudioError",
    "TranscriptionError",
    "TargetsError",
    "HistoryError",
    "VoicecoachWarning",
]


class VoicecoachError(Exception):
    """Base class of every error voicecoach raises on purpose."""


class AudioError(VoicecoachError):
    """The recording cannot be read, is empty, too short, or not usable."""


class TranscriptionError(VoicecoachError):
    """The speech model cannot be loaded or cannot transcribe the recording."""


class TargetsError(VoicecoachError):
    """A targets file is unreadable or holds unknown keys or bad values."""


class HistoryError(VoicecoachError):
    """The take history cannot be opened, read or written (a file that is not a history, a
    schema newer than this voicecoach, an unreachable server)."""


class VoicecoachWarning(UserWarning):
    """Degraded input: clipping, very low level, telephone bandwidth and the like."""
