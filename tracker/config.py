"""Settings: read once from TRACKER_* environment variables (CLI options override), validated."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tracker.errors import TrackerError


def default_data_dir() -> Path:
    """Where the embedded database lives: $XDG_DATA_HOME/tracker, else ~/.local/share/tracker."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tracker"


@dataclass(frozen=True)
class Settings:
    database_url: str
    public_base_url: str = "http://127.0.0.1:8765"
    feed_host: str = "127.0.0.1"
    feed_port: int = 8765
    dashboard_port: int = 8501
    refresh_minutes: int = 60
    cancelled_grace_days: int = 30
    calendar_name: str = "tracker: diplomatic calendar"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        url = env.get("TRACKER_DATABASE_URL") or f"sqlite:///{default_data_dir() / 'tracker.sqlite3'}"
        try:
            settings = cls(
                database_url=url,
                public_base_url=env.get("TRACKER_PUBLIC_BASE_URL", "").rstrip("/")
                or f"http://{env.get('TRACKER_FEED_HOST', '127.0.0.1')}:{env.get('TRACKER_FEED_PORT', '8765')}",
                feed_host=env.get("TRACKER_FEED_HOST", "127.0.0.1"),
                feed_port=int(env.get("TRACKER_FEED_PORT", "8765")),
                dashboard_port=int(env.get("TRACKER_DASHBOARD_PORT", "8501")),
                refresh_minutes=int(env.get("TRACKER_REFRESH_MINUTES", "60")),
                cancelled_grace_days=int(env.get("TRACKER_CANCELLED_GRACE_DAYS", "30")),
                calendar_name=env.get("TRACKER_CALENDAR_NAME", "tracker: diplomatic calendar"),
            )
        except ValueError as exc:
            raise TrackerError(f"bad TRACKER_* setting: {exc}") from exc
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **clean) if clean else settings  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def feed_url(self, token: str | None = None) -> str:
        path = f"/feeds/{token}.ics" if token else "/calendar.ics"
        return self.public_base_url + path

    def webcal_url(self, token: str | None = None) -> str:
        url = self.feed_url(token)
        return "webcal://" + url.split("://", 1)[1]
