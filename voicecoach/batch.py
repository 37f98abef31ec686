"""Many recordings in one run: one model load, every failure kept with its reason."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from voicecoach.errors import VoicecoachError
from voicecoach.pipeline import Report, analyze

__all__ = ["Failure", "BatchResult", "analyze_many"]


@dataclass(frozen=True)
class Failure:
    """A recording that could not be analyzed, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    reports: tuple[Report, ...]
    failures: tuple[Failure, ...]


def analyze_many(
    paths: Iterable[str | os.PathLike],
    *,
    on_result: Callable[[Report | Failure], None] | None = None,
    **options,
) -> BatchResult:
    """Analyze each recording in turn; a failing file never stops the batch.

    Parameters
    ----------
    paths : iterable of path-like
    on_result : callable, optional
        Called with each Report or Failure as soon as it is ready (to write outputs,
        advance a progress bar).
    **options
        Passed to :func:`voicecoach.pipeline.analyze` (targets, model, channel, ...).
    """
    from voicecoach.transcript.whisper import Transcriber

    transcriber = options.pop("transcriber", None)
    reports, failures = [], []
    for path in paths:
        try:
            if transcriber is None:
                transcriber = Transcriber(options.get("model"))
            result: Report | Failure = analyze(path, transcriber=transcriber, **options)
            reports.append(result)
        except VoicecoachError as exc:
            result = Failure(str(path), str(exc))
            failures.append(result)
        if on_result is not None:
            on_result(result)
    return BatchResult(tuple(reports), tuple(failures))
