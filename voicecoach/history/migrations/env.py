"""Alembic's environment for the history: always run on the connection, and inside the
transaction, that :func:`voicecoach.history.migrate.upgrade` opened and locked."""

from alembic import context

from voicecoach.history.migrate import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
