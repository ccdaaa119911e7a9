"""Settings: network settings live in each database, `me` in the settings file (SPEC §2, §10)."""

from __future__ import annotations

import os

import pytest

from netcadence import config
from netcadence.store import settings
from netcadence.store.db import locate, open_database

NETWORK_DEFAULTS = {"capacity": None, "default_cadence": None, "dormant_days": 180,
                    "occasion_lead": "3d", "sync_max_recipients": 10}
WHERE = {**{key: "database" for key in NETWORK_DEFAULTS}, "me": "file"}


def settings_file(tmp_path):
    return tmp_path / "config.toml"


def test_config_show_json_says_each_value_in_effect_and_where_it_lives(ok):
    assert ok("config", "show", "--json").json() == {**NETWORK_DEFAULTS, "me": None,
                                                    "where": WHERE}
    ok("config", "set", "capacity", "5")
    ok("config", "set", "occasion-lead", "1w")
    ok("config", "set", "me", "Ana@Example.com, ana.ruiz@work.example")
    shown = ok("config", "show", "--json").json()
    assert shown == {**NETWORK_DEFAULTS, "capacity": 5, "occasion_lead": "1w",
                     "me": ["Ana@Example.com", "ana.ruiz@work.example"], "where": WHERE}


def test_config_show_set_unset(ok, nc):
    assert "capacity = 5" in ok("config", "set", "capacity", "5").out
    ok("config", "set", "dormant-days", "90")
    assert ok("config", "show", "--json").json()["capacity"] == 5
    out = ok("config", "show").out
    assert "dormant_days = 90\n" in out and "capacity = 5\n" in out
    assert "sync_max_recipients = 10 (default)" in out and "me = (unset)" in out
    assert "in the database" in out and str(config.config_path()) in out
    assert "capacity reset to (unset)" in ok("config", "unset", "capacity").out
    assert "dormant_days reset to 180" in ok("config", "unset", "dormant_days").out
    assert ok("config", "show", "--json").json()["dormant_days"] == 180
    ok("config", "set", "dormant_days", "90")
    for args, message in (
        (["set", "capacity", "0"], "capacity must be a whole number from 1"),
        (["set", "capacity", "lots"], "capacity must be a whole number"),
        (["set", "capacity", "-3"], "capacity must be a whole number"),
        (["set", "dormant_days", "-1"], "dormant_days"),
        (["set", "occasion_lead", "soon"], "is not a duration"),
        (["set", "capacty", "3"], "did you mean 'capacity'"),
        (["set", "default_cadence", "nurture"], "no cadence named 'nurture'"),
        (["set", "me", "ana@example.com,not an address"], "'not an address' is not an email"),
        (["set", "me", " , "], "me needs at least one email address"),
        (["unset", "colour"], "is not a setting"),
    ):
        result = nc("config", *args)
        assert (result.code, result.out) == (1, ""), (args, result)
        assert message in result.err and result.err.count("\n") == 1, (args, result.err)
    assert ok("config", "show", "--json").json()["dormant_days"] == 90
    assert ok("config", "show", "--json").json()["me"] is None
    assert nc("config", "set", "capacity", "--bogus").code == 2


def test_me_is_kept_as_written_in_the_file_and_compared_lower_case(ok, tmp_path):
    out = ok("config", "set", "me", "Ana@Example.com,ana.ruiz@work.example").out
    assert out == "me = Ana@Example.com, ana.ruiz@work.example\n"
    assert config.my_addresses() == ["ana@example.com", "ana.ruiz@work.example"]
    assert "Ana@Example.com" in settings_file(tmp_path).read_text(encoding="utf-8")
    assert "me = Ana@Example.com, ana.ruiz@work.example\n" in ok("config", "show").out
    assert "me reset to (unset)" in ok("config", "unset", "me").out
    assert config.my_addresses() == []


@pytest.mark.sqlite_only
def test_me_needs_no_database(ok, tmp_path):
    missing = tmp_path / "nowhere" / "netcadence.db"
    ok("--db", missing, "config", "set", "me", "ana@example.com")
    ok("--db", missing, "config", "unset", "me")
    assert not missing.parent.exists()


def test_two_databases_do_not_share_settings(ok, tmp_path):
    other = tmp_path / "other.db"
    ok("--db", other, "add", "Zoe")
    ok("config", "set", "capacity", "2")
    ok("cadence", "define", "nurture", "--every", "1m")
    ok("config", "set", "default_cadence", "nurture")
    assert ok("--db", other, "config", "show", "--json").json()["capacity"] is None
    # the other network has no cadence `nurture`, and no default_cadence either
    ok("--db", other, "add", "Yann")
    assert ok("--db", other, "show", "yann", "--json").json()["cadence"] is None
    ok("add", "Ana")
    assert ok("show", "ana", "--json").json()["cadence"] == "nurture"


def test_capacity_does_not_cap_the_demo(ok):
    ok("config", "set", "capacity", "1")
    out = ok("demo").out
    assert "beyond today's capacity" not in out
    shown = ok("demo", "--json").json()["due"]
    assert len([row for row in shown if row["status"] != "upcoming"]) > 1


OLD_FILE = ('capacity = 3\ndefault_cadence = "monthly"\ndormant_days = 90\n'
            'me = "ana@example.com"\n')


def test_an_older_settings_file_moves_into_the_first_database_opened(ok, nc, tmp_path):
    settings_file(tmp_path).write_text(OLD_FILE, encoding="utf-8")
    shown = ok("config", "show", "--json").json()
    assert shown == {**NETWORK_DEFAULTS, "capacity": 3, "default_cadence": "monthly",
                     "dormant_days": 90, "me": ["ana@example.com"], "where": WHERE}
    assert settings_file(tmp_path).read_text(encoding="utf-8") == 'me = "ana@example.com"\n'
    ok("add", "Ana")
    assert ok("show", "ana", "--json").json()["cadence"] == "monthly"
    # A second database opened later starts from the defaults: the values moved once.
    other = tmp_path / "other.db"
    ok("--db", other, "add", "Zoe")
    assert ok("--db", other, "config", "show", "--json").json()["capacity"] is None
    assert ok("--db", other, "show", "zoe", "--json").json()["cadence"] is None


def test_every_network_setting_an_older_file_holds_moves_into_the_database(ok, tmp_path):
    settings_file(tmp_path).write_text(
        'occasion_lead = "1w"\nsync_max_recipients = 7\nme = "ana@example.com"\n',
        encoding="utf-8")
    result = ok("config", "show", "--json")
    assert result.err == ""
    assert result.json() == {**NETWORK_DEFAULTS, "occasion_lead": "1w",
                             "sync_max_recipients": 7, "me": ["ana@example.com"],
                             "where": WHERE}
    assert settings_file(tmp_path).read_text(encoding="utf-8") == 'me = "ana@example.com"\n'
    assert config.NETWORK_KEYS == settings.KEYS


def test_the_database_s_own_value_wins_over_an_older_file(ok, tmp_path):
    ok("config", "set", "capacity", "7")
    db = open_database(locate(os.environ["NETCADENCE_DB"]))
    with db.write():  # as if this database had never looked at the settings file
        db.run("DELETE FROM meta WHERE key = 'settings_file_checked'")
    assert not settings.file_checked(db)
    db.close()
    settings_file(tmp_path).write_text("capacity = 3\ndormant_days = 90\n", encoding="utf-8")
    shown = ok("config", "show", "--json").json()
    assert (shown["capacity"], shown["dormant_days"]) == (7, 90)
    assert settings_file(tmp_path).read_text(encoding="utf-8") == ""


def test_a_value_an_older_file_holds_wrong_is_named_and_dropped(ok, tmp_path):
    settings_file(tmp_path).write_text(
        'capacity = 0\ndefault_cadence = "nurture"\ndormant_days = 90\n', encoding="utf-8")
    result = ok("due")
    assert result.err.count("\n") == 2
    assert "capacity = 0" in result.err and "default_cadence = 'nurture'" in result.err
    assert str(settings_file(tmp_path)) in result.err and "config set" in result.err
    assert ok("config", "show", "--json").json()["dormant_days"] == 90
    assert ok("due").err == ""
    assert settings_file(tmp_path).read_text(encoding="utf-8") == ""


def test_demo_reads_no_settings_file(ok, tmp_path):
    settings_file(tmp_path).write_text(OLD_FILE, encoding="utf-8")
    ok("demo")
    assert settings_file(tmp_path).read_text(encoding="utf-8") == OLD_FILE


@pytest.mark.parametrize(("text", "fixable_by"), [
    ("colour = 1\n", "colour"), ('me = "not an address"\n', "me"), ("me = [", "")])
def test_a_wrong_settings_file_is_named_and_can_be_fixed(ok, nc, tmp_path, text, fixable_by):
    settings_file(tmp_path).write_text(text, encoding="utf-8")
    result = nc("config", "show")
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert str(settings_file(tmp_path)) in result.err and fixable_by in result.err
    assert ok("due").code == 0  # the agenda does not read the personal settings
    if not fixable_by:
        assert "not valid TOML" in result.err
        return
    ok("config", "unset", fixable_by)
    assert ok("config", "show", "--json").json()["me"] is None


def test_a_network_key_written_into_the_file_later_is_pointed_out(ok, tmp_path):
    ok("config", "show")  # the database has looked at the settings file
    settings_file(tmp_path).write_text("capacity = 3\n", encoding="utf-8")
    result = ok("config", "show")
    assert "capacity = (unset)" in result.out
    assert "config set capacity" in result.err
    ok("config", "set", "capacity", "3")
    assert settings_file(tmp_path).read_text(encoding="utf-8") == ""
    assert ok("config", "show").err == ""
