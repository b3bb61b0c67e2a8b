"""Errors a user can act on. The CLI prints them as one line and exits with code 2."""


class InputError(Exception):
    """Bad input: unreadable, empty, binary, undecodable, unknown language, too few versions…"""


class UsageError(InputError):
    """The command line or API call itself is wrong (unknown option value, duplicate language…)."""
