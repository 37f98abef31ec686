"""voicecoach: local, deterministic voice coaching for collection-call openings.

Public API (imported lazily so the command line starts fast)::

    from voicecoach import analyze, analyze_many, load_targets
    report = analyze("take1.wav")
    print(report.score, [f.verdict for f in report.assessment.findings])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.errors import (
    AudioError,
    HistoryError,
    TargetsError,
    TranscriptionError,
    VoicecoachError,
    VoicecoachWarning,
)

__version__ = "0.1.0"

__all__ = [
    "analyze",
    "analyze_many",
    "analyze_iter",
    "run_folder",
    "Report",
    "load_targets",
    "load",
    "VoicecoachError",
    "AudioError",
    "TranscriptionError",
    "TargetsError",
    "HistoryError",
    "VoicecoachWarning",
    "__version__",
]

_LAZY = {
    "analyze": "voicecoach.pipeline",
    "Report": "voicecoach.result",
    "analyze_many": "voicecoach.batch",
    "analyze_iter": "voicecoach.batch",
    "run_folder": "voicecoach.team.run",
    "load_targets": "voicecoach.assess.targets",
    "load": "voicecoach.audio",
}

if TYPE_CHECKING:
    from voicecoach.assess.targets import load_targets
    from voicecoach.audio import load
    from voicecoach.batch import analyze_iter, analyze_many
    from voicecoach.pipeline import analyze
    from voicecoach.result import Report
    from voicecoach.team.run import run_folder


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'voicecoach' has no attribute {name!r}")
