"""`remind`: today's agenda as a digest or a desktop notification, and a daily run of it
set up with the scheduler the user already has (a systemd user timer, a launchd agent,
or a crontab line they add themselves).

netcadence writes only in the user's own folders (the systemd user units under
XDG_CONFIG_HOME, the launchd agent under ~/Library/LaunchAgents) and says each file it
writes or removes. The programs it runs (systemctl, launchctl, notify-send, osascript)
are found on PATH and run through `Machine`, which tests give their own.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from netcadence.app.session import Session
from netcadence.errors import InputError, NetcadenceError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.render.remind import Digest

FORMATS = ("text", "markdown", "html", "json")
UNIT = "netcadence-remind"  # the systemd units' name: .service and .timer
AGENT = "org.netcadence.remind"  # the launchd agent's label
DEFAULT_AT = "08:00"


@dataclass(frozen=True)
class Machine:
    """The computer remind runs on: its kind, the user's folders, and its programs."""

    platform: str  # as sys.platform says it: linux, darwin…
    home: Path
    config_home: Path  # XDG_CONFIG_HOME, else ~/.config
    uid: int

    @classmethod
    def here(cls) -> Machine:
        home = Path(os.environ.get("HOME") or Path.home())
        config = os.environ.get("XDG_CONFIG_HOME", "").strip()
        return cls(
            platform=sys.platform, home=home,
            config_home=Path(config) if config and Path(config).is_absolute()
            else home / ".config",
            uid=os.getuid() if hasattr(os, "getuid") else 0,
        )

    def find(self, program: str) -> str | None:
        """The program's path on PATH, or None."""
        import shutil

        return shutil.which(program)

    def run(self, argv: list[str]) -> tuple[int, str]:
        """Run a program to its end: its exit status, and the first line it wrote on
        stderr (its own words when it fails)."""
        import subprocess

        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, errors="replace", timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return 127, str(error)
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        return done.returncode, said[0] if said else ""


# --- the digest -----------------------------------------------------------------------


def todays_digest(session: Session) -> Digest:
    """Today's agenda as `due` prints it: every row of every kind, and the capacity."""
    from netcadence.app.rows import other_rows
    from netcadence.engine.agenda import build_agenda, with_other_rows
    from netcadence.render.remind import Digest
    from netcadence.store import agenda, settings

    today = session.today()
    db = session.db()
    items = with_other_rows(
        build_agenda(agenda.due_rows(db, today, today), today, by_date=True),
        other_rows(db, today))
    return Digest(today, items, settings.load(db).capacity, agenda.vacation_until(db, today))


def show_remind(session: Session, *, format: str | None = None, only_if_due: bool = False,
                notify: bool = False, machine: Machine | None = None) -> None:
    """Print today's digest (or show it as a notification); with only_if_due, nothing
    at all when nothing is due or overdue."""
    from netcadence.render import remind as render

    wanted = _format(format)
    if notify and format is not None:
        raise InputError("--notify shows a notification instead of printing: give either "
                         "--notify or --format")
    digest = todays_digest(session)
    if only_if_due and not digest.anything_due:
        return
    if notify:
        show_notification(digest, machine or Machine.here())
        return
    if wanted == "json":
        from netcadence.render.output import emit_json

        emit_json(render.as_json(digest))
        return
    text = {"text": render.text, "markdown": render.markdown, "html": render.html}[wanted]
    sys.stdout.write(text(digest))


def _format(text: str | None) -> str:
    if text is None:
        return "text"
    wanted = text.strip().lower()
    if wanted in ("md",):
        return "markdown"
    if wanted not in FORMATS:
        from netcadence.suggest import did_you_mean

        hint = did_you_mean(wanted, FORMATS) or ";"
        raise InputError(f"{text!r} is not a format{hint} use {', '.join(FORMATS)}")
    return wanted


def show_notification(digest: Digest, machine: Machine) -> None:
    """A desktop notification: notify-send on Linux and the like, osascript on macOS."""
    from netcadence.render.remind import notification

    title, body = notification(digest)
    order = ("osascript", "notify-send") if machine.platform == "darwin" else \
        ("notify-send", "osascript")
    for program in order:
        path = machine.find(program)
        if path is None:
            continue
        if program == "notify-send":
            argv = [path, "--app-name=netcadence", title, body]
        else:  # the texts go in as arguments: nothing in them is read as AppleScript
            argv = [path, "-e", "on run argv", "-e",
                    "display notification (item 2 of argv) with title (item 1 of argv)",
                    "-e", "end run", title, body]
        code, said = machine.run(argv)
        if code != 0:
            raise NetcadenceError(f"{program} could not show the notification (exit status "
                                  f"{code}{': ' + said if said else ''})")
        return
    raise NetcadenceError(
        "no desktop notifications here: neither notify-send (Linux: the libnotify-bin or "
        "libnotify package) nor osascript (macOS) was found; 'netcadence remind' prints "
        "the digest instead")


# --- a daily run -------------------------------------------------------------------------


def parse_time(text: str) -> tuple[int, int]:
    """`08:30` (or `8:30`) as (hour, minute)."""
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*$", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InputError(f"--at {text!r} is not a time of day; use HH:MM from 00:00 to "
                         "23:59, e.g. 08:30")
    return int(match.group(1)), int(match.group(2))


def scheduled_command(session: Session, notify: bool) -> list[str]:
    """What the scheduler runs: this Python and this netcadence, on the database in use
    now, named absolutely (--db), whatever the scheduler's folder and environment."""
    from netcadence.store.db import mask_password

    location = session.location
    if location.path is not None:
        database = str(location.path.expanduser().resolve())
    else:
        database = location.url
        if mask_password(database) != database:
            raise InputError(
                "the database URL holds a password, and netcadence writes no password into "
                "a scheduler's files; keep it in ~/.pgpass (or PGPASSWORD) and install with a "
                "URL without it")
    session.db()  # it must exist: a reminder of no database would fail every morning
    return [sys.executable, "-m", "netcadence", "--db", database, "remind", "--only-if-due",
            *(["--notify"] if notify else [])]


def install(session: Session, *, at: str | None = None, notify: bool = False,
            machine: Machine | None = None) -> None:
    """Run `remind` every day at `at`: a systemd user timer where systemd runs for the
    user, a launchd agent on macOS, else the crontab line to add."""
    from netcadence.render.output import say

    hour, minute = parse_time(at if at is not None else DEFAULT_AT)
    command = scheduled_command(session, notify)
    machine = machine or Machine.here()
    when = f"every day at {hour:02d}:{minute:02d}"
    if machine.platform != "darwin" and not _systemd_runs(machine):
        _crontab(machine, command, hour, minute, notify)
        return
    # What install says waits for its end: a scheduler that refuses the files puts them
    # back as they were, and the error is then the one line said.
    paths = (*_units(machine), _agent(machine))
    before = {path: path.read_bytes() if path.exists() else None for path in paths}
    missing = sorted({folder for path in paths for folder in path.parents
                      if not folder.exists()}, key=lambda folder: -len(folder.parts))
    said: list[str] = []
    try:
        if machine.platform == "darwin":
            log = _launchd(machine, command, hour, minute, said)
            where = f"what it prints goes to {log}"
        else:
            _systemd(machine, command, hour, minute, said)
            where = f"what it prints goes to the journal (journalctl --user -u {UNIT})"
    except NetcadenceError:
        _put_back(machine, before, missing)
        raise
    does = ("shows a desktop notification when something is due" if notify
            else f"prints the digest when something is due; {where}")
    for line in said:
        say(line)
    say(f"netcadence remind runs {when} (a morning missed while the computer slept runs "
        f"when it wakes) and {does}. 'netcadence remind uninstall' removes it.")


def _put_back(machine: Machine, before: dict[Path, bytes | None],
              missing: list[Path]) -> None:
    """The scheduler's files (and folders) as they were before a failed install, an
    earlier agent loaded again."""
    from netcadence.atomic import write_file

    for path, content in before.items():
        try:
            if content is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != content:
                write_file(path, content)
        except OSError:
            pass
    for folder in missing:
        try:
            folder.rmdir()
        except OSError:
            pass
    if machine.platform == "darwin":
        launchctl = machine.find("launchctl")
        agent = _agent(machine)
        if launchctl is not None and before[agent] is not None:
            machine.run([launchctl, "bootstrap", f"gui/{machine.uid}", str(agent)])
    elif (systemctl := machine.find("systemctl")) is not None:
        machine.run([systemctl, "--user", "daemon-reload"])


def _write(path: Path, text: str, said: list[str]) -> None:
    from netcadence.atomic import write_file

    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    write_file(path, text.encode("utf-8"))
    said.append(f"{'Replaced' if existed else 'Wrote'} {path}")


def _ran(machine: Machine, argv: list[str], *, check: bool = True,
         said: list[str] | None = None) -> bool:
    """Run a program, say so (now, or in `said` for later); a failure stops with its
    words when `check`."""
    from netcadence.render.output import say

    code, words = machine.run(argv)
    shown = " ".join([Path(argv[0]).name, *argv[1:]])
    if code != 0 and check:
        raise NetcadenceError(f"{shown} failed (exit status {code}{': ' + words if words else ''})"
                              "; netcadence put its files back as they were")
    if code == 0:
        (said.append if said is not None else say)(f"Ran {shown}")
    return code == 0


# systemd --------------------------------------------------------------------------------


def _units(machine: Machine) -> tuple[Path, Path]:
    folder = machine.config_home / "systemd" / "user"
    return folder / f"{UNIT}.service", folder / f"{UNIT}.timer"


def _systemd_runs(machine: Machine) -> bool:
    """Whether a systemd manager runs for this user (systemctl --user answers)."""
    systemctl = machine.find("systemctl")
    return systemctl is not None and machine.run([systemctl, "--user", "show-environment"])[0] == 0


def _unit_word(word: str) -> str:
    """One word of ExecStart=, quoted for systemd where it needs it; `%` and `$` kept."""
    word = word.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _systemd(machine: Machine, command: list[str], hour: int, minute: int,
            said: list[str]) -> None:
    systemctl = machine.find("systemctl") or "systemctl"
    service, timer = _units(machine)
    _write(service, "\n".join([
        "[Unit]",
        "Description=netcadence: today's agenda as a reminder",
        "",
        "[Service]",
        "Type=oneshot",
        "ExecStart=" + " ".join(_unit_word(word) for word in command),
        "",
    ]), said)
    _write(timer, "\n".join([
        "[Unit]",
        f"Description=netcadence remind every day at {hour:02d}:{minute:02d}",
        "",
        "[Timer]",
        f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00",
        "Persistent=true",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ]), said)
    _ran(machine, [systemctl, "--user", "daemon-reload"], said=said)
    _ran(machine, [systemctl, "--user", "enable", "--now", f"{UNIT}.timer"], said=said)


# launchd --------------------------------------------------------------------------------


def _agent(machine: Machine) -> Path:
    return machine.home / "Library" / "LaunchAgents" / f"{AGENT}.plist"


def _launchd(machine: Machine, command: list[str], hour: int, minute: int,
             said: list[str]) -> Path:
    """Write and load the agent; the file its output goes to."""
    import plistlib

    launchctl = machine.find("launchctl") or "launchctl"
    agent = _agent(machine)
    log = machine.home / "Library" / "Logs" / "netcadence-remind.log"
    text = plistlib.dumps({
        "Label": AGENT,
        "ProgramArguments": command,
        "StartCalendarInterval": {"Hour": hour, "Minute": minute},
        "StandardOutPath": str(log),
        "StandardErrorPath": str(log),
    }).decode("utf-8")
    if agent.exists():  # an earlier install: unloaded first, so that the new one loads
        machine.run([launchctl, "bootout", f"gui/{machine.uid}", str(agent)])
    _write(agent, text, said)
    _ran(machine, [launchctl, "bootstrap", f"gui/{machine.uid}", str(agent)], said=said)
    return log


# cron -----------------------------------------------------------------------------------


def _crontab(machine: Machine, command: list[str], hour: int, minute: int,
             notify: bool) -> None:
    import shlex

    from netcadence.render.output import say

    words = [shlex.quote(word) for word in command]
    if notify and machine.platform.startswith("linux"):
        # cron starts the command outside the desktop session: this is where it listens.
        words.insert(0, f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{machine.uid}/bus")
    line = f"{minute} {hour} * * * " + " ".join(words).replace("%", "\\%")
    say(f"No systemd user session here: add this line to your crontab (crontab -e) to run "
        f"netcadence remind every day at {hour:02d}:{minute:02d}:")
    say("")
    say(line)
    say("")
    say("netcadence wrote no file." + ("" if notify else
                                       " cron mails you what the command prints."))


# uninstall ------------------------------------------------------------------------------


def uninstall(machine: Machine | None = None) -> None:
    """Remove what install wrote (and unload it), saying which files went."""
    from netcadence.render.output import say

    machine = machine or Machine.here()
    removed = False
    service, timer = _units(machine)
    if service.exists() or timer.exists():
        systemctl = machine.find("systemctl")
        if systemctl is not None:
            _ran(machine, [systemctl, "--user", "disable", "--now", f"{UNIT}.timer"],
                 check=False)
        for path in (timer, service):
            removed |= _remove(path)
        if systemctl is not None:
            _ran(machine, [systemctl, "--user", "daemon-reload"], check=False)
    agent = _agent(machine)
    if agent.exists():
        launchctl = machine.find("launchctl")
        if launchctl is not None:
            _ran(machine, [launchctl, "bootout", f"gui/{machine.uid}", str(agent)], check=False)
        removed |= _remove(agent)
    if not removed:
        say(f"No reminder to remove: netcadence wrote none ({service.parent}, "
            f"{agent.parent}). A crontab line you added stays until you remove it "
            "(crontab -e).")


def _remove(path: Path) -> bool:
    from netcadence.render.output import say

    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise InputError(f"cannot remove {path}: {error.strerror or error}") from None
    say(f"Removed {path}")
    return True
