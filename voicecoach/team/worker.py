"""What runs inside a worker process: the model loaded once, then one recording per job.

The same jobs serve the local pool and the Dask workers; each returns a value that is
small to send back (a table row, the report JSON text) or, for the Python API, the
:class:`~voicecoach.result.Report` itself.
"""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WorkerSettings", "Analyzed", "init_worker", "report_job", "table_job",
           "transcriber_for", "settings_for_cores"]


@dataclass(frozen=True)
class WorkerSettings:
    """How every worker analyzes.

    Attributes
    ----------
    model : str or None
        The Whisper model (``None``: the default tiny.en).
    cpu_threads : int >= 0
        Threads the model decodes with in one worker (0: CTranslate2's default).
    consonant_thread : bool
        Align the final consonants on a thread of their own while Whisper decodes
        (``consonant_thread`` of :func:`voicecoach.pipeline.analyze`).
    options : dict
        Passed to :func:`voicecoach.pipeline.analyze` (targets, consonants, channel, ...).
    transcriber_factory : callable, optional
        Builds the transcriber from ``(model, cpu_threads=...)``; default the Whisper
        :class:`~voicecoach.transcript.whisper.Transcriber`.
    """

    model: str | None = None
    cpu_threads: int = 0
    consonant_thread: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    transcriber_factory: Callable[..., Any] | None = None


def settings_for_cores(cores: int, **settings: Any) -> WorkerSettings:
    """Settings for a worker that may keep ``cores`` cores busy.

    With one core it does everything on one thread: Whisper decodes, then the final
    consonants are aligned. With more, the consonants take a thread of their own beside
    the decoding, which gets the rest (tiny.en decodes no faster with a second thread,
    while the consonants' thread finishes most of their work during the decoding).
    """
    return WorkerSettings(cpu_threads=max(1, cores - 1), consonant_thread=cores > 1,
                          **settings)


@dataclass(frozen=True)
class Analyzed:
    """One recording's result for the tables: its columns (see
    :func:`voicecoach.team.table.fields_from_report`) and, when the worker did not write it
    itself, the report JSON text."""

    fields: dict[str, object]
    json_text: str | None = None


_LOCAL: dict[str, Any] = {}
_LOCK = threading.Lock()  # one analysis at a time per process (a model is not shared)


def transcriber_for(settings: WorkerSettings):
    """The transcriber of this process for ``settings``, loaded on first use."""
    key = repr((settings.model, settings.cpu_threads, settings.transcriber_factory))
    if _LOCAL.get("key") != key:
        if settings.transcriber_factory is not None:
            made = settings.transcriber_factory(settings.model, cpu_threads=settings.cpu_threads)
        else:
            from voicecoach.transcript.whisper import Transcriber

            made = Transcriber(settings.model, cpu_threads=settings.cpu_threads)
            _ = made.model  # load now: a model that cannot load fails the worker, not a file
        _LOCAL.update(key=key, transcriber=made, settings=settings)
    return _LOCAL["transcriber"]


def init_worker(settings: WorkerSettings) -> None:
    """Load the model into this worker (run once, before its first job)."""
    warnings.simplefilter("ignore")
    _LOCAL["settings"] = settings
    transcriber_for(settings)


def _analyze(path: str, settings: WorkerSettings):
    from voicecoach.batch import attempt

    with _LOCK:  # the model loaded inside: a model that fails to load fails this file
        return attempt(path, _analyze_with, path, settings)


def _analyze_with(path: str, settings: WorkerSettings):
    from voicecoach.pipeline import analyze

    return analyze(path, transcriber=transcriber_for(settings),
                   consonant_thread=settings.consonant_thread, **settings.options)


def report_job(path: str):
    """Analyze ``path`` in a pool worker: its Report, or a Failure with the reason."""
    return _analyze(path, _LOCAL["settings"])


def table_job(job: tuple[str, str | None], settings: WorkerSettings | None = None):
    """Analyze one recording of a folder batch.

    Parameters
    ----------
    job : (str, str or None)
        The recording's path, and where to write its report JSON (atomically); ``None``
        to send the JSON text back instead (a Dask worker may not see the output folder).
    settings : WorkerSettings, optional
        Default: this pool worker's.

    Returns
    -------
    Analyzed or Failure
    """
    from voicecoach.batch import Failure, failure_reason
    from voicecoach.outputs import write_atomic
    from voicecoach.result import report_to_dict
    from voicecoach.team.table import fields_from_report

    path, json_path = job
    result = _analyze(path, settings or _LOCAL["settings"])
    if isinstance(result, Failure):
        return result
    try:
        data = report_to_dict(result)
        text = json.dumps(data, indent=2, allow_nan=False) + "\n"
        fields = fields_from_report(data)
        if json_path is not None:
            write_atomic(json_path, text)
            text = None
    except Exception as exc:  # noqa: BLE001 - a report that cannot be written is a failure
        return Failure(str(path), failure_reason(path, exc))
    return Analyzed(fields, text)
