"""Alembic environment: the URL from tracker's settings, batch mode so SQLite can alter tables."""

from __future__ import annotations

from sqlalchemy import Connection

from alembic import context
from tracker.config import Settings
from tracker.store.db import make_engine
from tracker.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # called from tracker.store.db with an open connection
        run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, render_as_batch=True,
                          literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as conn:
        run(conn)
        conn.commit()
    engine.dispose()


main()
