"""The history's schema migrations (Alembic scripts, run by voicecoach.history.migrate)."""
