"""Cadence arithmetic works on local calendar days, whatever the machine's time zone.

The engine and date tests run again in a child process under zones far from UTC on
both sides (at any instant, Kiritimati and Pago Pago are on different calendar days),
and "today" must be the local calendar date in each.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZONES = ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
CHILD = "NETCADENCE_TZ_CHILD"
SUITE = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/engine", "tests/test_dates.py"]

# The child runs only the engine and date tests; this guard keeps it from ever running
# these tests again, even if they were collected there by mistake.
pytestmark = pytest.mark.skipif(bool(os.environ.get(CHILD)), reason="inside a time zone run")


def _env(zone: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NETCADENCE_TODAY"}
    env.update(TZ=zone, PYTHONDONTWRITEBYTECODE="1", **{CHILD: "1"}, **extra)
    return env


@pytest.fixture(scope="module")
def suite_runs():
    """All three runs at once, so the wait is the slowest one, not the sum."""
    runs = {
        zone: subprocess.Popen(SUITE, cwd=ROOT, env=_env(zone), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        for zone in ZONES
    }
    yield runs
    for run in runs.values():
        if run.poll() is None:
            run.kill()
            run.wait()


@pytest.mark.parametrize("zone", ZONES)
def test_engine_and_dates_pass_in_every_zone(suite_runs, zone):
    run = suite_runs[zone]
    output, _ = run.communicate(timeout=900)
    # Exit status 0 means tests were collected and all passed (none collected gives 5).
    assert run.returncode == 0, f"TZ={zone}:\n{output}"
    assert "[100%]" in output


TODAY_PROBE = """
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo
from netcadence.cli.base import today
print(today().isoformat(), date.today().isoformat(),
      datetime.now(ZoneInfo(sys.argv[1])).date().isoformat())
"""


def _probe(zone: str, **extra: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", TODAY_PROBE, zone], cwd=ROOT,
                          env=_env(zone, **extra), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _local_today(zone: str) -> str:
    # Midnight may pass between the three readings; a second try settles it.
    for _ in range(2):
        ours, local, zoned = _probe(zone)
        if ours == local == zoned:
            return ours
    raise AssertionError(f"TZ={zone}: today() gave {ours}, the local date is {local} ({zoned})")


@pytest.mark.parametrize("zone", ZONES)
def test_today_is_the_local_calendar_date(zone):
    _local_today(zone)


def test_the_zones_are_really_applied():
    # UTC+14 and UTC-11 are 25 hours apart: never the same calendar day.
    assert _local_today("Pacific/Kiritimati") > _local_today("Pacific/Pago_Pago")


@pytest.mark.parametrize("zone", ZONES)
def test_netcadence_today_wins_in_every_zone(zone):
    ours, _local, _zoned = _probe(zone, NETCADENCE_TODAY="2026-02-28")
    assert ours == "2026-02-28"
