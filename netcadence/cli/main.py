"""The single exit point: every error becomes one line on stderr and an exit status."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130  # the exit status after Ctrl-C, as shells give it


def run(argv: list[str] | None = None) -> None:
    _tolerate_narrow_encodings()
    try:
        code = dispatch(argv)
    except KeyboardInterrupt:
        sys.stderr.write("netcadence: interrupted\n")
        code = INTERRUPTED
    except BrokenPipeError:
        code = _closed_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    sys.exit(code)


def _tolerate_narrow_encodings() -> None:
    """Where stdout cannot take every character (PYTHONIOENCODING=ascii, an old locale),
    a name it cannot write shows as '?' instead of stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass


def _closed_pipe() -> int:
    """The reader went away (`netcadence due | head -1`): stop quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def dispatch(argv: list[str] | None = None, *, fast: bool = True) -> int:
    """Run one command line; `fast=False` always goes through the Typer app."""
    if fast:
        code = _dispatch_fast(sys.argv[1:] if argv is None else list(argv))
        if code is not None:
            return code
    return _dispatch_typer(argv)


def _dispatch_fast(args: list[str]) -> int | None:
    """The hot commands, read before Typer is imported (cli/fast.py); None when the line is
    for the Typer app. An error of netcadence's own is reported here, as on Typer's path."""
    from netcadence.cli.fast import run as run_fast

    return _guarded(lambda: run_fast(args))


def _guarded(work):
    """Run `work`; netcadence's errors and any other failure become one line and a status."""
    from netcadence.errors import NetcadenceError

    store = sys.modules.get("netcadence.store.db")  # loaded: a database was opened before
    if store is not None:
        store.command_starts()  # only the files this command creates count
    try:
        status = work()
        _command_ended(failed=bool(status))
        return status
    except NetcadenceError as error:
        _command_ended(failed=True)
        _error_line(str(error))
        return error.exit_code
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except OverflowError:  # a value that reaches beyond the calendar (years 1 to 9999)
        if os.environ.get("NETCADENCE_DEBUG"):
            raise
        _command_ended(failed=True)
        _error_line("a date or number given is out of range: it reaches beyond the calendar "
                    "(years 1 to 9999); give a smaller value")
        return 1
    except Exception as error:  # a database driver's error, or a bug
        if os.environ.get("NETCADENCE_DEBUG"):
            raise
        _command_ended(failed=True)
        _error_line(describe_unexpected(error))
        return 1


def _command_ended(*, failed: bool) -> None:
    """A command that failed (an error writes nothing), or a dry run, leaves no database
    it created that holds nothing."""
    store = sys.modules.get("netcadence.store.db")  # not loaded: no database was opened
    if store is not None:
        store.command_ended(failed=failed)


def _dispatch_typer(argv: list[str] | None = None) -> int:
    from typer import Abort, Exit

    from netcadence.cli import compat
    from netcadence.cli.app import app

    command = compat.get_command(app)

    def work() -> int:
        try:
            words = sys.argv[1:] if argv is None else list(argv)
            result = command.main(args=words, prog_name="netcadence", standalone_mode=False)
            if result == INTERRUPTED:  # Typer turns Ctrl-C into this status, silently
                sys.stderr.write("netcadence: interrupted\n")
            return result if isinstance(result, int) else 0
        except Exit as done:
            return done.exit_code
        except Abort:
            sys.stderr.write("netcadence: interrupted\n")
            return INTERRUPTED
        except compat.NoArgsIsHelpError as error:
            error.show()  # a command group alone: its help
            return error.exit_code
        except compat.ClickException as error:
            _error_line(_parser_message(error))
            return error.exit_code
        except SystemExit:
            _unwrap_closed_pipe()
            raise

    return _guarded(work)


def _unwrap_closed_pipe() -> None:
    """Click meets a closed pipe by wrapping stdout and stderr and exiting with status 1.
    Undo the wrapping and raise BrokenPipeError, so that it ends quietly (status 0) the
    same way on every path."""
    from netcadence.cli.compat import PacifyFlushWrapper

    if isinstance(sys.stdout, PacifyFlushWrapper):
        sys.stdout = sys.stdout.wrapped
        if isinstance(sys.stderr, PacifyFlushWrapper):
            sys.stderr = sys.stderr.wrapped
        raise BrokenPipeError from None


def _parser_message(error) -> str:
    """What the command-line parser rejected, and where the command's help is."""
    message = error.format_message().rstrip(". ")
    ctx = getattr(error, "ctx", None)
    if ctx is None:
        return f"{message} (see 'netcadence --help')"
    return f"{message} (see '{ctx.command_path} --help')"


def _error_line(text: str) -> None:
    from netcadence.text import printable

    store = sys.modules.get("netcadence.store.db")  # loaded: a database URL was read
    if store is not None:
        text = store.mask_password(text)
    sys.stderr.write("netcadence: " + " ".join(printable(text).split()) + "\n")


def describe_unexpected(error: Exception) -> str:
    import sqlite3

    from netcadence.store.db import describe_sqlite_error, mask_password

    if isinstance(error, sqlite3.Error):
        return describe_sqlite_error(error, None)
    if type(error).__module__.startswith("psycopg"):
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if getattr(error, "sqlstate", None) == "22001":  # string data right truncation
            return (f"a value is longer than the database's column allows ({first}); "
                    "shorten it (nothing was written)")
        return f"database error: {mask_password(first)}"
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
    return (
        f"unexpected error ({type(error).__name__}: {error}); "
        "rerun with NETCADENCE_DEBUG=1 to see the details"
    )
