"""Where the history lives: a SQLite file or a PostgreSQL URL, made into a SQLAlchemy engine.

SQLite is set up for several processes writing at once: WAL journal, a busy timeout,
and ``BEGIN IMMEDIATE`` for every transaction that writes (the connection option
``voicecoach_write``), so two writers queue instead of failing halfway. PostgreSQL goes
through pg8000 (pure Python, BSD licence).
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

from voicecoach.errors import HistoryError

__all__ = ["Location", "resolve", "make_engine", "readonly_engine", "BUSY_TIMEOUT_S",
           "SQLITE_HEADER", "WRITE"]

BUSY_TIMEOUT_S = 60.0
"""How long a SQLite writer waits for another process's write to finish, seconds."""
SQLITE_HEADER = b"SQLite format 3\x00"
WRITE = "voicecoach_write"
"""The connection option that makes SQLite open its transaction with ``BEGIN IMMEDIATE``."""
_PG_SCHEMES = ("postgresql://", "postgresql+pg8000://", "postgres://")
PG_TIMEOUT_S = 15.0
"""pg8000's socket timeout: connecting to, and each answer from, the server, seconds."""


@dataclass(frozen=True)
class Location:
    """A resolved history location.

    Attributes
    ----------
    url : str
        The SQLAlchemy URL (with the password, for PostgreSQL).
    shown : str
        What to print: the file's path, or the URL with the password masked.
    path : Path or None
        The SQLite file; None for PostgreSQL.
    """

    url: str
    shown: str
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None


def default_path() -> Path:
    """``history.sqlite`` in the user's data folder (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("voicecoach")) / "history.sqlite"


def resolve(location: str | os.PathLike | None) -> Location:
    """Turn ``--history`` (a path, a ``postgresql://`` URL, or None) into a :class:`Location`.

    Raises
    ------
    HistoryError
        A URL of another database kind.
    """
    if location is None:
        location = default_path()
    text = os.fspath(location)
    if isinstance(text, str) and text.startswith(_PG_SCHEMES):
        rest = text.split("://", 1)[1]
        url = make_url("postgresql+pg8000://" + rest)
        return Location(url.render_as_string(hide_password=False),
                        url.render_as_string(hide_password=True), None)
    if "://" in str(text):
        raise HistoryError(f"--history {text}: not a file path or a postgresql:// URL "
                           "(only SQLite files and PostgreSQL are supported)")
    path = Path(text).expanduser()
    return Location(f"sqlite:///{path}", str(path), path)


def make_engine(loc: Location) -> Engine:
    """The engine for ``loc``; for SQLite the file's folder is created if missing.

    Raises
    ------
    HistoryError
        The folder cannot be created.
    """
    if not loc.is_sqlite:
        return create_engine(loc.url, connect_args={"timeout": PG_TIMEOUT_S})
    try:
        loc.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryError(f"history {loc.shown}: cannot create its folder "
                           f"({(exc.strerror or str(exc)).lower()}); pass --history "
                           "elsewhere") from exc
    engine = create_engine(loc.url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def readonly_engine(path: Path) -> Engine:
    """A SQLite engine that can only read ``path``: used to look at an existing file
    before anything may write to it."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    _wal(cur)
    cur.close()


def _wal(cur) -> None:
    """Put the file in WAL mode. Changing the mode does not wait on the busy timeout (it
    fails at once while another process holds a lock, as when two create one file), so
    it is retried here until the timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(conn) -> None:
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
