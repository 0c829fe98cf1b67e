"""Shared fixtures: real databases (SQLite always, PostgreSQL when reachable or required).

Every test that takes `settings` or `store` runs once per backend. The schema is built by the
real Alembic migrations once per backend; each test starts from empty tables.
With TRACKER_REQUIRE_POSTGRES=1 (CI) an unreachable PostgreSQL is an error, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker.config import Settings
from tracker.store import Store
from tracker.store.tables import Base

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2bda8f653aab7373.md"
PG_ADMIN_URL = os.environ.get("TRACKER_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("TRACKER_TEST_PG_DB", f"tracker_test_{os.getpid()}")
REQUIRE_PG = os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1"


def pg_url(db: str = PG_DB) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + db


def postgres_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


_PG_OK = postgres_available()
if REQUIRE_PG and not _PG_OK:
    raise pytest.UsageError(f"PostgreSQL is required (TRACKER_REQUIRE_POSTGRES=1) but {PG_ADMIN_URL} is unreachable")
BACKENDS = ["sqlite", "postgresql"] if _PG_OK else ["sqlite"]


def pytest_report_header(config: pytest.Config) -> str:
    return "database backends: " + ", ".join(BACKENDS)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _PG_OK:
        terminalreporter.write_line(
            "PostgreSQL was NOT tested: it is unreachable at " + PG_ADMIN_URL + " (only SQLite ran).", yellow=True)


def _admin(sql: str) -> None:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    _admin(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{PG_DB}"')
    yield pg_url()
    _admin(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')


@pytest.fixture(scope="session")
def backend_urls(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict[str, str]:
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'tracker.sqlite3'}"}
    if "postgresql" in BACKENDS:
        urls["postgresql"] = request.getfixturevalue("pg_database")
    return urls


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, backend_urls: dict[str, str]) -> Iterator[Settings]:
    """Settings for a migrated, emptied database of each backend."""
    url = backend_urls[request.param]
    s = Settings(database_url=url, public_base_url="http://127.0.0.1:8765")
    store = Store.open(s)  # real migrations (idempotent after the first test)
    _empty(store)
    store.close()
    yield s


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store.open(settings)
    yield s
    s.close()


def _empty(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def env(settings: Settings, tmp_path: Path) -> dict[str, str]:
    """Environment for running the CLI against the test database."""
    return {**os.environ, "TRACKER_DATABASE_URL": settings.database_url, "XDG_DATA_HOME": str(tmp_path / "xdg")}
