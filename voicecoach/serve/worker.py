"""One background worker thread that runs the analyses in turn, with one loaded model.

Takes submitted together wait in a queue; each is a :class:`Job` whose stage and fraction
the page polls. The Whisper model is loaded once, in the worker thread, before the first
job runs (a model that cannot load fails every job with that one-line reason).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Job", "Worker", "Task", "MAX_KEPT_JOBS"]

log = logging.getLogger("voicecoach.serve")

Task = Callable[[Any, Callable[[str, float], None]], dict]
"""A job's work: called with the loaded transcriber and a progress hook, returns the
result (JSON-ready); a :class:`voicecoach.errors.VoicecoachError` is the job's error."""
MAX_KEPT_JOBS = 200
"""Finished jobs kept for polling; older ones are forgotten first."""


@dataclass
class Job:
    """One queued analysis.

    Attributes
    ----------
    id : str
    status : {"queued", "running", "done", "error"}
    stage : str
        The pipeline's stage ("transcribing", "measuring", ...), or "queued".
    fraction : float in [0, 1]
        How much of the job is done.
    result : dict or None
        When done: what the task returned.
    error : str or None
        When failed: one readable line.
    """

    id: str
    task: Task = field(repr=False)
    status: str = "queued"
    stage: str = "queued"
    fraction: float = 0.0
    result: dict | None = None
    error: str | None = None
    submitted_at: float = field(default_factory=time.monotonic)
    finished_at: float | None = None
    on_finish: Callable[[], None] | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        """The job as the API shows it (the result only when done)."""
        out: dict = {"job_id": self.id, "status": self.status, "stage": self.stage,
                     "fraction": round(self.fraction, 3)}
        if self.status == "done":
            out["result"] = self.result
        if self.status == "error":
            out["error"] = self.error
        return out


class Worker:
    """Runs jobs one at a time on a background thread.

    Parameters
    ----------
    make_transcriber : callable() -> Transcriber
        Builds the one transcriber every job shares; called once, in the worker thread.
    """

    def __init__(self, make_transcriber: Callable[[], Any]) -> None:
        self._make = make_transcriber
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._transcriber: Any = None
        self._load_error: str | None = None

    def start(self) -> None:
        """Start the worker thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="voicecoach-worker",
                                            daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Let the running job finish, then end the thread; queued jobs are dropped."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout_s)
            self._thread = None

    def submit(self, task: Task, *, on_finish: Callable[[], None] | None = None) -> Job:
        """Queue ``task``; ``on_finish`` runs after it, done or failed (cleanup)."""
        with self._lock:
            job = Job(id=f"j{next(self._ids)}", task=task, on_finish=on_finish)
            self._jobs[job.id] = job
            self._forget_old()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job ``job_id``, or None when unknown (or long forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        done = [k for k, j in self._jobs.items() if j.status in ("done", "error")]
        for key in done[: max(0, len(done) - MAX_KEPT_JOBS)]:
            del self._jobs[key]

    def _run(self) -> None:
        self._load()
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._run_job(job)

    def _load(self) -> None:
        try:
            self._transcriber = self._make()
            _ = getattr(self._transcriber, "model", None)  # load the model now, not mid-take
        except Exception as exc:  # noqa: BLE001 - reported on every job, one line
            self._load_error = _one_line(exc)
            log.error("cannot load the model: %s", self._load_error)

    def _run_job(self, job: Job) -> None:
        def progress(stage: str, fraction: float) -> None:
            job.stage, job.fraction = stage, max(job.fraction, min(1.0, float(fraction)))

        job.status, job.stage = "running", "starting"
        try:
            if self._load_error is not None:
                raise RuntimeError(self._load_error)
            job.result = job.task(self._transcriber, progress)
            job.status, job.stage, job.fraction = "done", "done", 1.0
        except Exception as exc:  # noqa: BLE001 - a bad take never stops the worker
            log.debug("job %s failed", job.id, exc_info=True)
            job.error, job.status = _one_line(exc), "error"
        finally:
            job.finished_at = time.monotonic()
            if job.on_finish is not None:
                try:
                    job.on_finish()
                except Exception:  # noqa: BLE001 - cleanup must not kill the worker
                    log.warning("cleanup after job %s failed", job.id, exc_info=True)


def _one_line(exc: BaseException) -> str:
    """A readable line for ``exc``: its message for voicecoach's own errors, else the
    kind of error too."""
    from voicecoach.errors import VoicecoachError

    text = (str(exc).strip().splitlines() or [""])[0]
    if isinstance(exc, (VoicecoachError, RuntimeError)) and text:
        return text
    return f"internal error ({type(exc).__name__}: {text})" if text else \
        f"internal error ({type(exc).__name__})"
