"""Errors a user can act on. Library code raises these; the CLI and the feed server translate them."""

from __future__ import annotations


class TrackerError(Exception):
    """Base class: the message is one line that names the problem."""

    exit_code = 1


class InputError(TrackerError):
    """Bad input: a missing, empty, binary or undecodable file, a malformed front matter."""

    exit_code = 2


class DateFormatError(InputError):
    """A date given by a person that is not a real YYYY-MM-DD date."""


class NotFoundError(TrackerError):
    """An event, feed or article that is not in the store."""

    exit_code = 3


class ValidationError(TrackerError):
    """A value that breaks a rule (end before start, empty title, unknown type)."""

    exit_code = 2


class CalendarError(InputError):
    """An external calendar that cannot be read."""


class DatabaseError(TrackerError):
    """The database cannot be reached or is not at the expected schema."""

    exit_code = 4
