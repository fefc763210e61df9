"""SQLAlchemy tables, engine, unit of work, Alembic migrations and backups."""
