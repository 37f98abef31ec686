"""One Alembic script per schema version, oldest first."""
