"""A local process pool for analyses: each worker loads the model once, runs one job at a
time, and is replaced when a job hangs past its time limit or crashes the process.

:class:`concurrent.futures.ProcessPoolExecutor` cannot stop one running job, and breaks
the whole pool when a worker dies; a batch of thousands needs both to cost one file.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from voicecoach.errors import VoicecoachError

__all__ = ["Done", "Lost", "run_jobs", "default_workers", "peak_rss_mb"]

log = logging.getLogger("voicecoach.pool")
_POLL_S = 1.0


@dataclass(frozen=True)
class Done:
    """A job that returned: ``value`` is what the job function returned, ``peak_mb`` the
    worker's peak resident memory so far (MB), ``pid`` the worker process."""

    job: Any
    value: Any
    peak_mb: float
    pid: int


@dataclass(frozen=True)
class Lost:
    """A job whose worker hung past the time limit or died; ``reason`` says which."""

    job: Any
    reason: str


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def peak_rss_mb() -> float:
    """This process's peak resident memory, MB (``VmHWM``; counts native allocations)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_jobs(
    jobs: Iterable[Any],
    fn: Callable[[Any], Any],
    *,
    workers: int,
    init: Callable[[Any], None],
    init_arg: Any,
    threads_per_worker: int = 1,
    time_limit_s: float | None = None,
) -> Iterator[Done | Lost]:
    """Run ``fn(job)`` for every job on ``workers`` processes; yield each as it finishes.

    Parameters
    ----------
    jobs : iterable
        Picklable job descriptions, handed out one at a time to idle workers.
    fn : callable
        A module-level function (picklable by name) run in a worker on each job.
    workers : int > 0
    init, init_arg : callable, object
        ``init(init_arg)`` runs once in each worker before its first job (loads the
        model). If it raises, the batch stops with that error (the model cannot load).
    threads_per_worker : int > 0
        Sets ``OMP_NUM_THREADS`` and friends in each worker before numpy is imported.
    time_limit_s : float > 0, optional
        A job running longer is stopped (its worker killed and replaced) and yielded as
        :class:`Lost`.

    Notes
    -----
    Workers ignore Ctrl-C; the caller's ``KeyboardInterrupt`` (or closing the generator)
    kills them, so an interrupted batch stops at once.
    """
    ctx = mp.get_context("spawn")  # never fork a process that has loaded a model
    pending = iter(jobs)
    pool: list[_Worker] = []
    try:
        for _ in range(max(1, workers)):
            pool.append(_Worker.start(ctx, init, init_arg, threads_per_worker))
        busy = 0
        for w in pool:
            busy += w.give(next(pending, _END), fn)
        while busy:
            by_conn = {w.conn: w for w in pool if w.job is not _END}
            by_sentinel = {w.proc.sentinel: w for w in pool if w.job is not _END}
            ready = wait([*by_conn, *by_sentinel], timeout=_timeout(pool, time_limit_s))
            finished: list[tuple[_Worker, Done | Lost]] = []
            for obj in ready:
                w = by_conn.get(obj) or by_sentinel.get(obj)
                if w is None or w.job is _END or any(w is f for f, _ in finished):
                    continue
                finished.append((w, w.collect()))
            if time_limit_s is not None:
                now = time.monotonic()
                for w in pool:
                    if w.job is not _END and now - w.started > time_limit_s and \
                            not any(w is f for f, _ in finished):
                        finished.append((w, Lost(w.job, f"stopped after {time_limit_s:g} s "
                                                 "(the per-file time limit)")))
            for w, outcome in finished:
                busy -= 1
                if isinstance(outcome, Lost):
                    w.kill()
                    i = pool.index(w)
                    pool[i] = w = _Worker.start(ctx, init, init_arg, threads_per_worker)
                else:
                    w.job = _END
                busy += w.give(next(pending, _END), fn)
                yield outcome
    finally:
        for w in pool:
            w.stop()


_END = object()


def _timeout(pool: list[_Worker], limit_s: float | None) -> float:
    if limit_s is None:
        return _POLL_S
    now = time.monotonic()
    left = [limit_s - (now - w.started) for w in pool if w.job is not _END]
    return max(0.01, min([_POLL_S, *left]))


class _Worker:
    def __init__(self, proc, conn: Connection) -> None:
        self.proc, self.conn = proc, conn
        self.job: Any = _END
        self.started = 0.0

    @classmethod
    def start(cls, ctx, init, init_arg, threads: int) -> _Worker:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, init, init_arg, threads), daemon=True)
        proc.start()
        child.close()
        return cls(proc, parent)

    def give(self, job: Any, fn) -> int:
        """Hand ``job`` to this worker; 1 if it got one, 0 when there are no more."""
        self.job = job
        if job is _END:
            return 0
        self.started = time.monotonic()
        self.conn.send((fn, job))
        return 1

    def collect(self) -> Done | Lost:
        job = self.job
        try:
            kind, value, peak_mb = self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(timeout=5)
            return Lost(job, _death(self.proc.exitcode))
        if kind == "init failed":
            raise value if isinstance(value, BaseException) else VoicecoachError(str(value))
        if kind == "error":  # the job function itself raised (it should return failures)
            return Lost(job, str(value))
        return Done(job, value, peak_mb, self.proc.pid)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        """Let an idle worker exit on its own (it cleans up after itself); kill a busy one."""
        if self.job is _END and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(timeout=5)
            except (BrokenPipeError, OSError):
                pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker analyzing it died ({name})"
    return f"the worker analyzing it died (exit code {exitcode})"


def _serve(conn: Connection, init, init_arg, threads: int) -> None:
    """A worker's life: set its thread counts, load, then run jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "NUMEXPR_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        init(init_arg)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops
        conn.send(("init failed", _picklable(exc), 0.0))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:  # no more work
            return
        fn, job = task
        try:
            value = fn(job)
            kind = "ok"
        except BaseException as exc:  # noqa: BLE001 - a bug in the job function
            log.debug("job failed", exc_info=True)
            value, kind = f"internal error ({type(exc).__name__}: {exc})", "error"
        try:
            conn.send((kind, value, peak_rss_mb()))
        except (BrokenPipeError, OSError):
            return


def _picklable(exc: BaseException) -> BaseException:
    import pickle

    try:
        pickle.dumps(exc)
        return exc
    except Exception:  # noqa: BLE001
        return VoicecoachError(str(exc))
