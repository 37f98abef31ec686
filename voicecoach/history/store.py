"""The take history: every analyzed take of each agent, with its report JSON.

A pure store: nothing here prints. Every write is one transaction; two processes can
write to one SQLite file at once (see :mod:`voicecoach.history.engine`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voicecoach.errors import HistoryError
from voicecoach.history import migrate
from voicecoach.history.engine import WRITE, Location, make_engine, resolve
from voicecoach.history.schema import report_sha256, takes

__all__ = ["History", "Take", "open_history"]

UTC = dt.timezone.utc


@dataclass(frozen=True)
class Take:
    """One stored take.

    Attributes
    ----------
    id : int
        The take's number in the history (increasing in the order stored).
    agent : str
    analyzed_at : datetime
        When it was analyzed (or recorded, when given), UTC.
    file : str
        The recording's path as given to ``analyze``.
    score : int or None
        0-100; None when the take was not scored.
    language : str or None
        The language code the speech was heard in.
    report : dict
        The report JSON (:func:`voicecoach.result.report_to_dict`).
    has_audio : bool
        The recording's bytes are kept (``--keep-audio``).
    """

    id: int
    agent: str
    analyzed_at: dt.datetime
    file: str
    score: int | None
    language: str | None
    report: dict
    has_audio: bool


def open_history(location: str | os.PathLike | None = None) -> History:
    """Open (creating or migrating as needed) the take history.

    Parameters
    ----------
    location : str, path-like or None
        None: ``history.sqlite`` in the user's data folder; a path: that SQLite file (its
        folder created); a ``postgresql://`` (or ``postgresql+pg8000://``) URL: that
        PostgreSQL database, through pg8000.

    Raises
    ------
    HistoryError
        One line: the file is not a history or is damaged, its schema is newer than this
        voicecoach, or the server cannot be reached. Such a database is left untouched.
    """
    loc = resolve(location)
    if loc.is_sqlite:
        migrate.check_file(loc)
    engine = make_engine(loc)
    try:
        with _errors(loc):
            migrate.upgrade(engine, loc)
    except BaseException:
        engine.dispose()
        raise
    return History(engine, loc)


@contextlib.contextmanager
def _errors(loc: Location) -> Iterator[None]:
    """Database errors as one-line :class:`HistoryError`."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        text = str(getattr(exc, "orig", None) or exc).strip()
        why = text.splitlines()[0] if text else type(exc).__name__
        if not loc.is_sqlite and isinstance(exc, (sa.exc.InterfaceError,
                                                  sa.exc.OperationalError)):
            raise HistoryError(f"history {loc.shown}: cannot reach PostgreSQL ({why}); check "
                               "the server is running and the URL") from exc
        if loc.is_sqlite and "not a database" in why:
            raise migrate.not_a_database(loc, exc) from exc
        if loc.is_sqlite and ("unable to open" in why or "readonly" in why):
            raise HistoryError(f"history {loc.shown}: cannot write it ({why}): pass --history "
                               "a file in a folder you can write") from exc
        raise HistoryError(f"history {loc.shown}: {why}") from exc
    except OSError as exc:
        raise HistoryError(f"history {loc.shown}: {(exc.strerror or str(exc)).lower()}") \
            from exc


class History:
    """An open take history (see :func:`open_history`); use as a context manager or
    call :meth:`close`."""

    def __init__(self, engine: sa.engine.Engine, loc: Location) -> None:
        self._engine, self._loc = engine, loc

    @property
    def location(self) -> str:
        """Where the history is: the file's path, or the URL with the password masked."""
        return self._loc.shown

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connections."""
        self._engine.dispose()

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with _errors(self._loc), self._engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with _errors(self._loc), self._engine.connect() as conn, conn.begin():
            yield conn

    def add_take(self, agent: str, report: Mapping, *, analyzed_at: dt.datetime | None = None,
                 audio: bytes | None = None) -> int:
        """Store one take; returns its id.

        Parameters
        ----------
        agent : str
            Who spoke (leading and trailing spaces are dropped; must not be empty).
        report : mapping
            The report JSON, as :func:`voicecoach.result.report_to_dict` makes it.
        analyzed_at : datetime, optional
            When; default now. A naive datetime is taken as UTC.
        audio : bytes, optional
            The recording itself, kept only when given (``--keep-audio``).
        """
        agent = _agent(agent)
        when = _to_utc(analyzed_at or dt.datetime.now(UTC))
        language = (report.get("language") or {}).get("code")
        row = {"agent": agent, "analyzed_at": when.replace(tzinfo=None),
               "file": str(report.get("file", "")), "language": language,
               "score": report.get("score"), "report": json.dumps(report, ensure_ascii=False),
               "audio": audio, "report_sha256": report_sha256(dict(report))}
        with self._write() as conn:
            return int(conn.execute(takes.insert().values(**row)).inserted_primary_key[0])

    def takes(self, agent: str) -> list[Take]:
        """``agent``'s takes, oldest first (ties in the order stored)."""
        cols = [c for c in takes.c if c.name != "audio"]
        q = (sa.select(*cols, takes.c.audio.is_not(None).label("has_audio"))
             .where(takes.c.agent == _agent(agent))
             .order_by(takes.c.analyzed_at, takes.c.id))
        with self._read() as conn:
            return [_take(r) for r in conn.execute(q).mappings()]

    def audio(self, take_id: int) -> bytes | None:
        """The kept recording of take ``take_id``, or None when it was not kept."""
        with self._read() as conn:
            return conn.execute(sa.select(takes.c.audio)
                                .where(takes.c.id == take_id)).scalar_one_or_none()

    def agents(self) -> list[str]:
        """Every agent with a stored take, sorted."""
        return sorted(self.take_counts())

    def take_counts(self) -> dict[str, int]:
        """How many takes each agent has, by agent (sorted by name)."""
        q = sa.select(takes.c.agent, sa.func.count()).group_by(takes.c.agent)
        with self._read() as conn:
            return dict(sorted((a, int(n)) for a, n in conn.execute(q)))

    def delete_agent(self, agent: str) -> int:
        """Delete every take of ``agent``; returns how many were deleted."""
        with self._write() as conn:
            return conn.execute(takes.delete().where(takes.c.agent == _agent(agent))).rowcount

    def export_csv(self, path: str | os.PathLike, agent: str | None = None) -> int:
        """Write the takes (of ``agent``, or everyone's) as a CSV file, atomically; returns
        the number of rows (columns in :mod:`voicecoach.history.export`)."""
        from voicecoach.history.export import write_csv

        chosen = [agent] if agent is not None else self.agents()
        rows = [t for a in chosen for t in self.takes(a)]
        write_csv(path, rows)
        return len(rows)


def _agent(agent: str) -> str:
    name = str(agent).strip()
    if not name:
        raise HistoryError("the agent's name is empty: give a name, e.g. --agent dana")
    return name


def _to_utc(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _take(row: Mapping) -> Take:
    return Take(id=int(row["id"]), agent=row["agent"],
                analyzed_at=_to_utc(row["analyzed_at"]), file=row["file"],
                score=row["score"], language=row["language"],
                report=json.loads(row["report"]), has_audio=bool(row["has_audio"]))
