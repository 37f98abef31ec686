"""Bringing a history's schema up to date with Alembic, run from inside the package.

The migration scripts ship in ``migrations/``; no ``alembic.ini`` is needed. Before
anything is written, the database is looked at: a file that is not SQLite, a database
holding someone else's tables, or a schema newer than this voicecoach knows is refused
and left untouched. Migrations run in one transaction under a lock (SQLite ``BEGIN
IMMEDIATE``; PostgreSQL an advisory lock), so two processes opening a new history at
once migrate it once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from voicecoach.errors import HistoryError
from voicecoach.history.engine import SQLITE_HEADER, WRITE, Location

__all__ = ["VERSION_TABLE", "State", "state", "check", "upgrade", "revisions", "head",
           "check_file"]

VERSION_TABLE = "voicecoach_schema"
"""Alembic's version table, named for voicecoach so a shared PostgreSQL database's own
``alembic_version`` is never mistaken for ours."""
_LOCK_KEY = 0x766F6963  # "voic": the PostgreSQL advisory lock held while migrating
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class State:
    """What a database holds before it is migrated.

    ``revision`` is the schema version (Alembic revision id) or None for none;
    ``tables`` the names of its tables.
    """

    revision: str | None
    tables: frozenset[str]


def _config(connection: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def revisions() -> tuple[str, ...]:
    """Every schema version this voicecoach knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def head() -> str:
    """The newest schema version this voicecoach knows."""
    return revisions()[-1]


def state(conn: Connection) -> State:
    """The schema version and tables of the database ``conn`` is connected to."""
    tables = frozenset(sa.inspect(conn).get_table_names())
    revision = None
    if VERSION_TABLE in tables:
        row = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
        revision = None if row is None else row[0]
    return State(revision, tables)


def check(st: State, loc: Location) -> None:
    """Refuse a database that is not a voicecoach history or is newer than this code.

    Raises
    ------
    HistoryError
        One line naming the location and what to do.
    """
    if st.revision is not None and st.revision not in revisions():
        raise HistoryError(f"history {loc.shown} has schema version {st.revision}, newer "
                           f"than this voicecoach knows (up to {head()}): upgrade voicecoach "
                           "(pip install -U voicecoach); the history was not touched")
    foreign = st.tables - {VERSION_TABLE} if loc.is_sqlite else st.tables & {"takes"}
    if st.revision is None and foreign:
        raise HistoryError(f"history {loc.shown} is a database that is not a voicecoach "
                           f"history (it holds {', '.join(sorted(foreign))}): move it aside "
                           "or pass --history elsewhere; it was not touched")


def check_file(loc: Location) -> None:
    """Look at an existing SQLite file, read-only, before any write may touch it.

    Raises
    ------
    HistoryError
        The file is not a SQLite database, is damaged, belongs to something else, or is
        newer than this voicecoach.
    """
    from voicecoach.history.engine import readonly_engine

    path = loc.path
    if not path.exists() or path.is_dir() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise not_a_database(loc)
    engine = readonly_engine(path)
    try:
        with engine.connect() as conn:
            st = state(conn)
    except sa.exc.DBAPIError as exc:
        raise not_a_database(loc, exc) from exc
    finally:
        engine.dispose()
    check(st, loc)


def not_a_database(loc: Location, exc: Exception | None = None) -> HistoryError:
    """The error for a history file that is not a (readable) SQLite database."""
    why = "" if exc is None else f" ({getattr(exc, 'orig', exc)})"
    return HistoryError(f"history {loc.shown} is not a SQLite database or is damaged{why}: "
                        "move it aside or pass --history elsewhere; it was not touched")


def upgrade(engine: Engine, loc: Location, *, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default the newest), under a lock.

    Raises
    ------
    HistoryError
        The database is refused by :func:`check` (looked at again once the lock is held).
    """
    from alembic import command

    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            st = state(conn)
            check(st, loc)
            wanted = head() if revision == "head" else revision
            if st.revision == wanted:
                return
            command.upgrade(_config(conn), revision)
