"""Store stage: the only package that knows SQLAlchemy. Use `Store.open(settings)`."""

from tracker.store.repo import ImportResult, IngestResult, Store

__all__ = ["ImportResult", "IngestResult", "Store"]
