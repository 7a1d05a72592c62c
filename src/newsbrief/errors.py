"""The newsbrief error family: every message is meant for the user."""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class: something went wrong that the user can act on (exit status 1)."""

    exit_code = 1


class InputError(NewsbriefError):
    """Bad usage or unusable input: a missing path, an empty file, bytes that are no text (exit 2)."""

    exit_code = 2


class StoreError(NewsbriefError):
    """The store file is unusable: not a newsbrief database, or a newer schema."""

    exit_code = 2
