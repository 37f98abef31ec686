"""The same batch on a Dask cluster (dask.distributed): one task per recording.

The workers read each recording from its path (the cluster must share the folder, as
a network file system does) and send back the report JSON text and its table row; the
caller writes them into the output folder exactly as a local run does. Each worker
process loads the model once, on its first task, and runs one analysis at a time
(start workers with ``--nthreads 1`` and one process per core).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from voicecoach.errors import VoicecoachError

__all__ = ["run_on_dask", "dask_table_job"]

CONNECT_TIMEOUT_S = 10.0


def dask_table_job(path: str, settings) -> Any:
    """The task each Dask worker runs: :func:`voicecoach.team.worker.table_job` with the JSON
    sent back."""
    import warnings

    from voicecoach.team.worker import table_job

    warnings.simplefilter("ignore")
    return table_job((path, None), settings)


def run_on_dask(address: str, paths: list[str], settings) -> Iterator[tuple[str, Any]]:
    """Submit every path to the scheduler at ``address``; yield ``(path, Analyzed or
    Failure)`` as each finishes.

    Raises
    ------
    VoicecoachError
        When dask.distributed is missing or the scheduler cannot be reached.
    """
    from voicecoach.batch import Failure

    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise VoicecoachError("--dask-scheduler needs dask.distributed: pip install "
                              "'dask[distributed]'") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise VoicecoachError(f"--dask-scheduler {address}: cannot reach the scheduler "
                              f"({exc}); start one with `dask scheduler`") from exc
    try:
        futures = {client.submit(dask_table_job, p, settings, pure=False,
                                 key=f"voicecoach-{i}-{abs(hash(p)):x}"): p
                   for i, p in enumerate(paths)}
        for future in as_completed(futures):
            path = futures.pop(future)
            try:
                value = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or a task error
                value = Failure(path, f"{path}: the Dask task failed "
                                f"({type(exc).__name__}: {' '.join(str(exc).split())})")
            yield path, value
    finally:
        client.close()
