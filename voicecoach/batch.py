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
    """What a batch produced.

    Attributes
    ----------
    reports : tuple of Report
        The reports, in input order; empty when :func:`analyze_many` was asked not to
        keep them (``keep_reports=False``).
    failures : tuple of Failure
        The files that could not be analyzed (or whose results could not be written).
    n_analyzed : int
        How many files were analyzed, whether or not their reports were kept.
    """

    reports: tuple[Report, ...]
    failures: tuple[Failure, ...]
    n_analyzed: int

    @property
    def ok(self) -> bool:
        """True when no file failed."""
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
    keep_reports: bool = True,
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
    keep_reports : bool, default True
        Collect every report in the returned :class:`BatchResult`. Each report holds
        its decoded audio and pitch track, so over a long batch pass ``False`` and
        consume the reports in ``on_result``: each one is then released once its
        callback returns, and memory stays flat however many files there are (the
        result still counts them in ``n_analyzed``).
    **options
        Passed to :func:`voicecoach.pipeline.analyze` (targets, model, channel,
        two_party, customer_name, ...), or to ``analyzer`` when one is given (a function
        with the same call shape).

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
    n_analyzed = 0
    for path in paths:
        try:
            if transcriber is None:
                transcriber = _transcriber(options.get("model"))
            result: Report | Failure | None = analyze_one(path, transcriber=transcriber,
                                                          **options)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            if not isinstance(exc, VoicecoachError):
                log.debug("analyzing %s failed", path, exc_info=True)
            result = Failure(str(path), failure_reason(path, exc))
        if isinstance(result, Report):
            try:
                if on_result is not None:
                    on_result(result)
            except Exception as exc:  # noqa: BLE001 - a report that cannot be written
                if not isinstance(exc, VoicecoachError):
                    log.debug("writing the results of %s failed", path, exc_info=True)
                result = Failure(str(path), failure_reason(path, exc))
            else:
                n_analyzed += 1
                if keep_reports:
                    reports.append(result)
                result = None  # not kept alive while the next file is analyzed
        if result is None:
            continue
        failures.append(result)
        if on_result is not None:
            on_result(result)
    return BatchResult(tuple(reports), tuple(failures), n_analyzed)


def _transcriber(model):
    from voicecoach.transcript.whisper import Transcriber

    return Transcriber(model)
