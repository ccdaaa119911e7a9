"""netcadence's own errors: each carries the exit status the command line uses."""


class NetcadenceError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""

    exit_code = 1


class InputError(NetcadenceError):
    """A value given on the command line or in a file cannot be used."""


class NotFound(NetcadenceError):
    """A contact, cadence, touch or goal that does not exist."""


class Ambiguous(NetcadenceError):
    """A name that matches more than one contact."""


class StoreError(NetcadenceError):
    """The database cannot be opened, read or written."""


class Refused(NetcadenceError):
    """A destructive command that was not confirmed."""


class NoDatabase(NetcadenceError):
    """A command that only reads, on a database file that does not exist yet."""
