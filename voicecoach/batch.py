"""Many recordings in one run: one model load (per worker), every failure kept with its
reason.

:func:`analyze_many` runs a batch and returns its :class:`BatchResult`;
:func:`analyze_iter` yields each Report or Failure as it finishes, from one process or a
pool of workers (usable from a notebook: ``for r in analyze_iter(paths, workers=2)``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import VoicecoachError
from voicecoach.pipeline import Report, analyze

__all__ = ["Failure", "BatchResult", "analyze_many", "analyze_iter", "failure_reason"]

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


def attempt(path: str | os.PathLike, fn: Callable, /, *args, **kwargs):
    """``fn(*args, **kwargs)`` for the recording ``path``, or its :class:`Failure` when it
    raises any error but ``KeyboardInterrupt`` (and other non-``Exception`` exits); the
    traceback of one that is not voicecoach's own is logged at debug level."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        if not isinstance(exc, VoicecoachError):
            log.debug("analyzing %s failed", path, exc_info=True)
        return Failure(str(path), failure_reason(path, exc))


def analyze_many(
    paths: Iterable[str | os.PathLike],
    *,
    on_result: Callable[[Report | Failure], None] | None = None,
    keep_reports: bool = True,
    workers: int | None = None,
    **options,
) -> BatchResult:
    """Analyze each recording; a failing file never stops the batch.

    Parameters
    ----------
    paths : iterable of path-like
    workers : int > 0, optional
        With more than one, the recordings are analyzed on that many worker processes
        (see :func:`analyze_iter`), ``on_result`` is called as each finishes, and the
        reports are still returned in input order. Default: in turn, in this process.
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
    if workers is not None and workers > 1:
        order = [str(p) for p in paths]
        return _collect(analyze_iter(order, workers=workers, **options), order=order,
                        on_result=on_result, keep_reports=keep_reports)
    transcriber = options.pop("transcriber", None)
    analyze_one = options.pop("analyzer", None) or analyze
    reports: list[Report] = []
    failures: list[Failure] = []
    n_analyzed = 0
    for path in paths:
        if transcriber is None:  # loaded on the first file; a failure to load is its failure
            loaded = attempt(path, _transcriber, options.get("model"))
            if isinstance(loaded, Failure):
                failures.append(loaded)
                if on_result is not None:
                    on_result(loaded)
                continue
            transcriber = loaded
        result: Report | Failure | None = attempt(path, analyze_one, path,
                                                  transcriber=transcriber, **options)
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


def analyze_iter(
    paths: Iterable[str | os.PathLike],
    *,
    workers: int | None = None,
    time_limit_s: float | None = None,
    model: str | None = None,
    transcriber_factory: Callable | None = None,
    **options,
) -> Iterator[Report | Failure]:
    """Analyze the recordings and yield each Report or Failure as soon as it is ready.

    Parameters
    ----------
    paths : iterable of path-like
    workers : int > 0, optional
        Worker processes, each loading the model once; default one per core. With 1 the
        recordings are analyzed in this process, in input order.
    time_limit_s : float > 0, optional
        With workers: a recording still running after this many seconds is stopped (its
        worker replaced) and yielded as a Failure.
    model : str, optional
        The Whisper model (default tiny.en).
    transcriber_factory : callable, optional
        Builds each worker's transcriber from ``(model, cpu_threads=...)`` (tests).
    **options
        Passed to :func:`voicecoach.pipeline.analyze` (targets, consonants, channel, ...).

    Yields
    ------
    Report or Failure
        In the order they finish (input order with one worker).
    """
    from voicecoach.team.pool import Done, default_workers, run_jobs
    from voicecoach.team.worker import init_worker, report_job, settings_for_cores

    todo = [str(p) for p in paths]
    n = max(1, workers or default_workers())
    if n > 1 and ("transcriber" in options or "analyzer" in options):
        raise TypeError("analyze_iter: a transcriber or analyzer object cannot be shared by "
                        "worker processes; pass transcriber_factory, or workers=1")
    if n == 1 or len(todo) <= 1:
        factory = transcriber_factory or _transcriber
        yield from _one_by_one(todo, transcriber=factory(model), model=model, **options)
        return
    n = min(n, len(todo))
    settings = settings_for_cores(max(1, default_workers() // n), model=model,
                                  options=options, transcriber_factory=transcriber_factory)
    for outcome in run_jobs(todo, report_job, workers=n, init=init_worker, init_arg=settings,
                            threads_per_worker=settings.cpu_threads + settings.consonant_thread,
                            time_limit_s=time_limit_s):
        if isinstance(outcome, Done):
            yield outcome.value
        else:
            yield Failure(str(outcome.job), f"{outcome.job}: {outcome.reason}")


def _one_by_one(paths: list[str], *, transcriber, model, **options
                ) -> Iterator[Report | Failure]:
    for path in paths:
        yield attempt(path, analyze, path, transcriber=transcriber, model=model, **options)


def _collect(results: Iterable[Report | Failure], *, order: list[str], on_result,
             keep_reports: bool) -> BatchResult:
    """A BatchResult from results arriving in any order; reports sorted into input order."""
    reports: list[Report] = []
    failures: list[Failure] = []
    n_analyzed = 0
    for result in results:
        if isinstance(result, Report):
            try:
                if on_result is not None:
                    on_result(result)
            except Exception as exc:  # noqa: BLE001 - a report that cannot be written
                result = Failure(result.path, failure_reason(result.path, exc))
            else:
                n_analyzed += 1
                if keep_reports:
                    reports.append(result)
                continue
        failures.append(result)
        if on_result is not None:
            on_result(result)
    index = {p: i for i, p in reversed(list(enumerate(order)))}

    def position(x: Report | Failure) -> int:
        return index.get(str(x.path), len(order))

    return BatchResult(tuple(sorted(reports, key=position)),
                       tuple(sorted(failures, key=position)), n_analyzed)


def _transcriber(model):
    from voicecoach.transcript.whisper import Transcriber

    return Transcriber(model)
