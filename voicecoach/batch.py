"""Many recordings in one run: one model load, every failure kept with its reason."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import VoicecoachError
from voicecoach.pipeline import Report, analyze

__all__ = ["Failure", "BatchResult", "analyze_many", "failure_reason"]

log = logging.getLogger("voicecoach.batch")


@dataclass(frozen=True)
class Failure:
    """A recording that could not be analyzed, and why (one line naming the file)."""

    path: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    reports: tuple[Report, ...]
    failures: tuple[Failure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def failure_reason(path: str | os.PathLike, exc: BaseException) -> str:
    """One line naming ``path`` and what went wrong.

    voicecoach's own errors already carry a message meant for the user; anything else
    is a bug, reported as an internal error (the traceback goes to the debug log).
    """
    path = str(path)
    if isinstance(exc, VoicecoachError):
        text = " ".join(str(exc).split()) or type(exc).__name__
    else:
        detail = " ".join(str(exc).split())
        text = (f"internal error ({type(exc).__name__}{': ' + detail if detail else ''}); "
                "rerun with --debug for details")
    if path and path not in text and Path(path).name not in text:
        text = f"{path}: {text}"
    return text


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
        advance a progress bar). If it raises for a report (say, the report cannot be
        written), that file counts as failed and ``on_result`` is called again with the
        :class:`Failure`.
    **options
        Passed to :func:`voicecoach.pipeline.analyze` (targets, model, channel, ...), or
        to ``analyzer`` when one is given (a function with the same call shape, e.g.
        :func:`voicecoach.twoparty.analyze_call`).

    Notes
    -----
    Only ``KeyboardInterrupt`` (and other non-``Exception`` exits) stop the batch; any
    other error becomes a :class:`Failure` for that file, with the traceback logged at
    debug level on the ``voicecoach.batch`` logger.
    """
    transcriber = options.pop("transcriber", None)
    analyze_one = options.pop("analyzer", None) or analyze
    reports: list[Report] = []
    failures: list[Failure] = []
    for path in paths:
        try:
            if transcriber is None:
                transcriber = _transcriber(options.get("model"))
            result: Report | Failure = analyze_one(path, transcriber=transcriber, **options)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            if not isinstance(exc, VoicecoachError):
                log.debug("analyzing %s failed", path, exc_info=True)
            result = Failure(str(path), failure_reason(path, exc))
        if isinstance(result, Report):
            try:
                if on_result is not None:
                    on_result(result)
                reports.append(result)
                continue
            except Exception as exc:  # noqa: BLE001 - a report that cannot be written
                if not isinstance(exc, VoicecoachError):
                    log.debug("writing the results of %s failed", path, exc_info=True)
                result = Failure(str(path), failure_reason(path, exc))
        failures.append(result)
        if on_result is not None:
            on_result(result)
    return BatchResult(tuple(reports), tuple(failures))


def _transcriber(model):
    from voicecoach.transcript.whisper import Transcriber

    return Transcriber(model)
