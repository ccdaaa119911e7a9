"""Reminders that reach you: `remind` digests, notifications, and a daily run installed
with the user's own scheduler (SPEC §12). HOME and XDG_CONFIG_HOME are temporary folders
and PATH holds only the fake programs a test puts there (the `desk` fixture), so no
test reaches the real systemctl, launchctl or notification programs."""

from __future__ import annotations

import html.parser
import plistlib
from pathlib import Path

import pytest

from netcadence.app import remind as use_case
from netcadence.app.session import Session
from tests.helpers import dump_database, fake_program, program_calls


@pytest.fixture
def agenda(ok):
    """Today (Monday 2026-11-23): Wes 7 days late, Zoe's birthday today, Yan's
    anniversary in 2 days."""
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-09", "--note", "coffee")
    ok("add", "Zoe <b>Today</b> *star*", "--birthday", "1986-11-23")
    ok("add", "Yan Soon", "--anniversary", "2010-11-25")
    return ok


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


# --- digests ----------------------------------------------------------------------------


def test_text_digest(agenda):
    out = agenda("remind").out
    lines = out.splitlines()
    assert lines[0] == ("netcadence · Monday 23 November 2026: 1 overdue, 1 due today, "
                        "1 upcoming")
    assert lines[2].split() == ["due", "Zoe", "<b>Today</b>", "*star*", "(zoe-b-today-b-star):",
                                "birthday", "(40)", "·", "today"]
    assert "overdue   Wes Weekly (wes-weekly): 1w · 7d late (2026-11-16) · last touch " \
           "2026-11-09" in out
    assert "upcoming  Yan Soon (yan-soon): anniversary · in 2d (2026-11-25)" in out
    assert agenda("remind", "--format", "TEXT").out == out


def test_markdown_digest_escapes_what_users_typed(agenda):
    out = agenda("remind", "--format", "markdown").out
    assert out.startswith("## netcadence · Monday 23 November 2026\n\n1 overdue, 1 due today")
    assert "- **due** Zoe \\<b\\>Today\\</b\\> \\*star\\* (`zoe-b-today-b-star`): " \
           "birthday (40) · today" in out
    assert "- **overdue** Wes Weekly (`wes-weekly`): 1w · 7d late" in out


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.styled: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.styled += [tag for name, _ in attrs if name == "style"]

    def handle_data(self, data):
        self.text.append(data)


def test_html_digest_has_inline_styles_only_and_escapes_names(agenda):
    out = agenda("remind", "--format", "html").out
    parsed = _Tags()
    parsed.feed(out)
    assert "style" not in parsed.tags and "script" not in parsed.tags and "link" not in parsed.tags
    assert "b" not in parsed.tags  # the name's <b> is text, not markup
    assert "Zoe &lt;b&gt;Today&lt;/b&gt; *star*" in out
    assert {"body", "td"} <= set(parsed.styled)
    text = "".join(parsed.text)
    assert "Zoe <b>Today</b> *star*" in text and "birthday (40)" in text


def test_json_digest(agenda):
    data = agenda("remind", "--format", "json").json()
    assert {k: data[k] for k in ("date", "overdue", "due", "upcoming", "capacity", "vacation",
                                 "more")} == {
        "date": "2026-11-23", "overdue": 1, "due": 1, "upcoming": 1, "capacity": None,
        "vacation": None, "more": 0}
    assert [(r["slug"], r["kind"], r["what"]) for r in data["rows"]] == [
        ("zoe-b-today-b-star", "birthday", "birthday (40)"),
        ("wes-weekly", "cadence", "1w"), ("yan-soon", "anniversary", "anniversary")]
    assert data["rows"] == agenda("due", "--json").json()
    assert agenda("remind", "--json").json() == data
    assert agenda("--json", "remind").json() == data


def test_the_digest_keeps_to_capacity(agenda):
    agenda("config", "set", "capacity", "2")
    out = agenda("remind").out
    assert "Yan Soon" not in out
    assert "1 more wait beyond today's capacity of 2: netcadence due --all" in out
    data = agenda("remind", "--json").json()
    assert (len(data["rows"]), data["more"], data["capacity"]) == (2, 1, 2)


def test_only_if_due_prints_nothing_when_nothing_is_due(ok):
    ok("add", "Yan Soon", "--anniversary", "2010-11-25")  # in its lead days only
    for form in ("text", "markdown", "html", "json"):
        result = ok("remind", "--only-if-due", "--format", form)
        assert (result.code, result.out, result.err) == (0, "", "")
    assert "nothing due" not in ok("remind").out
    assert ok("remind", "--only-if-due", today="2026-11-25").out  # its day: it is due


def test_nothing_due_and_a_vacation(ok):
    ok("add", "Ana Ruiz", "--cadence", "1w")
    assert ok("remind").out == "netcadence · Monday 23 November 2026: nothing due\n"
    ok("add", "Wes Weekly", "--cadence", "1w", today="2026-11-01")
    ok("pause", "--all", "--until", "2026-12-01")
    assert "on vacation until 2026-12-01: nothing is due" in ok("remind").out
    assert ok("remind", "--json").json()["vacation"] == {"until": "2026-12-01"}
    assert ok("remind", "--only-if-due").out == ""


def test_remind_reads_only(nc, tmp_path, monkeypatch):
    missing = tmp_path / "nowhere" / "netcadence.db"
    monkeypatch.setenv("NETCADENCE_DB", str(missing))
    for args in (("remind",), ("remind", "--only-if-due"), ("remind", "install")):
        result = nc(*args)
        assert result.code == 1 and result.out == ""
        assert f"no database at {missing}" in result.err
    assert not missing.parent.exists()


@pytest.mark.parametrize("args, message", [
    (("remind", "--format", "xml"), "'xml' is not a format"),
    (("remind", "--at", "08:00"), "--at goes with 'netcadence remind install'"),
    (("remind", "instal"), "did you mean 'install'"),
    (("remind", "install", "--at", "25:00"), "--at '25:00' is not a time of day"),
    (("remind", "install", "--at", "8h"), "--at '8h' is not a time of day"),
    (("remind", "install", "--format", "html"), "--format does not go with 'remind install'"),
    (("remind", "uninstall", "--notify"), "--notify does not go with 'remind uninstall'"),
    (("remind", "--notify", "--format", "text"), "give either --notify or --format"),
    (("remind", "--json", "--format", "html"), "give either --json or --format"),
])
def test_wrong_values(agenda, nc, desk, args, message):
    fake_program(desk, "systemctl")
    result = nc(*args)
    assert result.code == 1 and result.out == ""
    assert message in result.err and result.err.count("\n") == 1
    assert program_calls(desk) == []


# --- notifications ------------------------------------------------------------------------


def test_notify_runs_notify_send_and_prints_nothing(agenda, desk):
    fake_program(desk, "notify-send")
    result = agenda("remind", "--notify")
    assert (result.out, result.err) == ("", "")
    (call,) = program_calls(desk)
    assert call[:3] == ["notify-send", "--app-name=netcadence",
                        "netcadence: 1 overdue, 1 due today, 1 upcoming"]
    assert call[3].splitlines() == ["Zoe <b>Today</b> *star*: birthday (40) (today)",
                                    "Wes Weekly: 1w (7d late)",
                                    "Yan Soon: anniversary (in 2d)"]


def test_notify_only_if_due_with_nothing_due_shows_nothing(ok, desk):
    fake_program(desk, "notify-send")
    ok("add", "Ana Ruiz")
    assert ok("remind", "--notify", "--only-if-due").out == ""
    assert program_calls(desk) == []
    ok("remind", "--notify")
    assert program_calls(desk)[0][2] == "netcadence: nothing due"


def test_notify_without_a_notification_program_is_one_line(agenda, nc):
    result = nc("remind", "--notify")
    assert result.code == 1 and result.out == ""
    assert "neither notify-send" in result.err and "osascript" in result.err
    assert result.err.count("\n") == 1


def test_a_failing_notification_program_is_one_line(agenda, nc, desk):
    fake_program(desk, "notify-send", status=3)
    result = nc("remind", "--notify")
    assert result.code == 1
    assert "notify-send could not show the notification (exit status 3)" in result.err


def machine(tmp_path: Path, platform: str) -> use_case.Machine:
    home = tmp_path / "desk" / "home"
    return use_case.Machine(platform=platform, home=home, config_home=home / ".config",
                            uid=501)


def test_notify_on_macos_passes_the_texts_as_arguments_to_osascript(agenda, desk, tmp_path,
                                                                    db_url, capsys):
    fake_program(desk, "osascript")
    fake_program(desk, "notify-send")
    session = Session(db_option=db_url)
    try:
        use_case.show_remind(session, notify=True, machine=machine(tmp_path, "darwin"))
    finally:
        session.close()
    (call,) = program_calls(desk)
    assert call[:7] == ["osascript", "-e", "on run argv", "-e",
                        "display notification (item 2 of argv) with title (item 1 of argv)",
                        "-e", "end run"]
    assert call[7] == "netcadence: 1 overdue, 1 due today, 1 upcoming"
    assert capsys.readouterr().out == ""


# --- install and uninstall ----------------------------------------------------------------


def unit_files(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "desk" / "home" / ".config" / "systemd" / "user"
    return folder / "netcadence-remind.service", folder / "netcadence-remind.timer"


def test_install_writes_a_systemd_user_timer_and_says_so(agenda, desk, tmp_path, db_url,
                                                        backend):
    fake_program(desk, "systemctl")
    result = agenda("remind", "install", "--at", "7:30", "--notify")
    service, timer = unit_files(tmp_path)
    assert result.out.splitlines()[:4] == [
        f"Wrote {service}", f"Wrote {timer}", "Ran systemctl --user daemon-reload",
        "Ran systemctl --user enable --now netcadence-remind.timer"]
    assert "every day at 07:30" in result.out and "remind uninstall" in result.out
    assert program_calls(desk) == [
        ["systemctl", "--user", "show-environment"],
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "netcadence-remind.timer"]]
    timer_text = timer.read_text()
    assert "OnCalendar=*-*-* 07:30:00" in timer_text and "Persistent=true" in timer_text
    assert "WantedBy=timers.target" in timer_text
    (exec_start,) = [line for line in service.read_text().splitlines()
                     if line.startswith("ExecStart=")]
    database = str(Path(db_url).resolve()) if backend == "sqlite" else db_url
    assert exec_start.endswith(f"-m netcadence --db {database} remind --only-if-due --notify")
    # Nothing outside the user's own config folder.
    assert files_under(tmp_path / "desk" / "home") == [
        ".config/systemd/user/netcadence-remind.service",
        ".config/systemd/user/netcadence-remind.timer"]


def test_install_again_replaces_and_uninstall_removes(agenda, desk, tmp_path):
    fake_program(desk, "systemctl")
    agenda("remind", "install")
    service, timer = unit_files(tmp_path)
    again = agenda("remind", "install", "--at", "09:05").out
    assert f"Replaced {service}" in again and "OnCalendar=*-*-* 09:05:00" in timer.read_text()
    assert "--notify" not in service.read_text()
    assert "journalctl --user -u netcadence-remind" in again
    before = len(program_calls(desk))
    out = agenda("remind", "uninstall").out
    assert out.splitlines() == [
        "Ran systemctl --user disable --now netcadence-remind.timer",
        f"Removed {timer}", f"Removed {service}", "Ran systemctl --user daemon-reload"]
    assert program_calls(desk)[before:] == [
        ["systemctl", "--user", "disable", "--now", "netcadence-remind.timer"],
        ["systemctl", "--user", "daemon-reload"]]
    assert files_under(tmp_path / "desk" / "home") == []
    nothing = agenda("remind", "uninstall")
    assert nothing.code == 0 and nothing.out.startswith("No reminder to remove")


def test_install_uses_the_database_of_now_by_its_absolute_path(agenda, desk, tmp_path,
                                                              monkeypatch, backend):
    if backend != "sqlite":
        pytest.skip("a SQLite file's path")
    fake_program(desk, "systemctl")
    agenda("add", "Someone", today="2026-11-01")
    database = Path(agenda("info", "--json").json()["database"])
    monkeypatch.chdir(database.parent)
    monkeypatch.setenv("NETCADENCE_DB", database.name)  # relative to where install runs
    agenda("remind", "install")
    service, _ = unit_files(tmp_path)
    assert f"--db {database.resolve()} remind" in service.read_text()


def test_without_systemd_it_prints_the_crontab_line_and_writes_nothing(agenda, desk,
                                                                      tmp_path, backend,
                                                                      db_url):
    fake_program(desk, "systemctl", status=1)  # there, but no user manager answers
    out = agenda("remind", "install", "--at", "06:45").out
    lines = out.splitlines()
    assert lines[0].startswith("No systemd user session here: add this line to your crontab")
    database = str(Path(db_url).resolve()) if backend == "sqlite" else db_url
    assert lines[2].startswith("45 6 * * * ")
    assert lines[2].endswith(f"-m netcadence --db {database} remind --only-if-due")
    assert "netcadence wrote no file" in out
    assert files_under(tmp_path / "desk" / "home") == []
    assert program_calls(desk) == [["systemctl", "--user", "show-environment"]]
    notify = agenda("remind", "install", "--notify").out.splitlines()[2]
    assert "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/" in notify
    assert notify.endswith("remind --only-if-due --notify")


def test_install_with_no_scheduler_program_at_all(agenda, tmp_path):
    out = agenda("remind", "install").out
    assert "crontab" in out and files_under(tmp_path / "desk" / "home") == []


def test_a_failing_systemctl_is_one_line_and_leaves_no_file(agenda, nc, desk, tmp_path):
    fake_program(desk, "systemctl")
    (desk / "systemctl").write_text(
        (desk / "systemctl").read_text().replace(
            "sys.exit(0)", "sys.exit(4 if 'enable' in sys.argv else 0)"), encoding="utf-8")
    result = nc("remind", "install")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("netcadence: systemctl --user enable --now netcadence-remind.timer "
                          "failed (exit status 4); netcadence put its files back as they "
                          "were\n")
    assert files_under(tmp_path / "desk" / "home") == []
    assert not (tmp_path / "desk" / "home" / ".config" / "systemd").exists()


def test_a_failing_reinstall_keeps_the_earlier_units(agenda, nc, desk, tmp_path):
    fake_program(desk, "systemctl")
    agenda("remind", "install", "--at", "07:00")
    folder = tmp_path / "desk" / "home" / ".config" / "systemd" / "user"
    timer = (folder / "netcadence-remind.timer").read_text(encoding="utf-8")
    fake_program(desk, "systemctl", status=1)
    (desk / "systemctl").write_text(
        (desk / "systemctl").read_text().replace(
            "sys.exit(1)", "sys.exit(1 if 'enable' in sys.argv else 0)"), encoding="utf-8")
    result = nc("remind", "install", "--at", "09:30")
    assert (result.code, result.out) == (1, "")
    assert (folder / "netcadence-remind.timer").read_text(encoding="utf-8") == timer
    assert "OnCalendar=*-*-* 07:00:00" in timer


def test_install_on_macos_writes_a_launchd_agent(agenda, desk, tmp_path, db_url, capsys):
    fake_program(desk, "launchctl")
    fake_program(desk, "systemctl")
    session = Session(db_option=db_url)
    mac = machine(tmp_path, "darwin")
    try:
        use_case.install(session, at="08:15", notify=True, machine=mac)
    finally:
        session.close()
    agent = mac.home / "Library" / "LaunchAgents" / "org.netcadence.remind.plist"
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == [f"Wrote {agent}", f"Ran launchctl bootstrap gui/501 {agent}"]
    found = plistlib.loads(agent.read_bytes())
    assert found["Label"] == "org.netcadence.remind"
    assert found["StartCalendarInterval"] == {"Hour": 8, "Minute": 15}
    assert found["ProgramArguments"][1:] == [
        "-m", "netcadence", "--db", session.location.url if session.location.path is None
        else str(session.location.path.resolve()), "remind", "--only-if-due", "--notify"]
    assert program_calls(desk) == [["launchctl", "bootstrap", "gui/501", str(agent)]]
    use_case.uninstall(mac)
    assert capsys.readouterr().out.splitlines() == [
        f"Ran launchctl bootout gui/501 {agent}", f"Removed {agent}"]
    assert files_under(mac.home) == []


def test_a_database_url_with_a_password_is_never_written(tmp_path, desk, capsys):
    session = Session(db_option="postgresql+psycopg://ana:s3cret@db.example/net")
    with pytest.raises(use_case.InputError, match="holds a password") as refused:
        use_case.install(session, machine=machine(tmp_path, "linux"))
    assert "s3cret" not in str(refused.value)
    assert files_under(tmp_path / "desk" / "home") == []


def test_install_writes_nothing_in_the_database(agenda, desk, db_url, backend):
    fake_program(desk, "systemctl")
    url = db_url if backend == "postgresql" else "sqlite:///" + db_url
    before = dump_database(url)
    agenda("remind", "install")
    agenda("remind", "uninstall")
    fake_program(desk, "notify-send")
    agenda("remind", "--notify")
    agenda("remind", "--format", "html")
    assert dump_database(url) == before


def test_unit_words_are_quoted_for_systemd():
    assert use_case._unit_word("/usr/bin/python3") == "/usr/bin/python3"
    assert use_case._unit_word("/home/a b/net.db") == '"/home/a b/net.db"'
    assert use_case._unit_word('/x/"q"%$') == '"/x/\\"q\\"%%$$"'


def test_the_json_shape_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "json.md").read_text()
    assert "remind --format json" in docs
    for key in ("date", "overdue", "due", "upcoming", "capacity", "vacation", "rows", "more"):
        assert f'"{key}"' in docs
