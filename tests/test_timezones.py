"""Today is the local calendar day, whatever the machine's time zone.

The engine never reads the clock (today is an argument), so only the one function
that does is probed here, in child processes under zones far from UTC on both
sides: at any instant Kiritimati (UTC+14) and Pago Pago (UTC-11) are on different
calendar days. The whole suite also runs under a second TZ in CI (scripts/test).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZONES = ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")


def _env(zone: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NETCADENCE_TODAY"}
    env.update(TZ=zone, PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


TODAY_PROBE = """
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo
from netcadence.app.session import Session
print(Session().today().isoformat(), date.today().isoformat(),
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
