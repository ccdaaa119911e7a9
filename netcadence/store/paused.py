"""When a pause is in force, in SQL: the one condition every query about pauses uses.

A pause (of one contact, or of everyone when it has no contact) is in force on a day
when it has not been ended and has no end date or ends after that day; a pause
whose --until date has passed stays in the table but pauses nobody. The engine's
Pause.in_force says the same of a pause in memory. A contact's status (archived,
paused, unresponsive, active) follows from it.
"""

from __future__ import annotations


def in_force(alias: str = "") -> str:
    """The condition on a pause row (`alias.` before its columns), with one parameter:
    the day, as ISO text."""
    at = f"{alias}." if alias else ""
    return f"{at}ended_on IS NULL AND ({at}until IS NULL OR {at}until > ?)"


# A contact `c` that no pause of its own holds on the day given (one parameter).
NOT_PAUSED = f"NOT EXISTS (SELECT 1 FROM pause p WHERE p.contact_id = c.id AND {in_force('p')})"
# The same contact paused on that day.
PAUSED = f"EXISTS (SELECT 1 FROM pause p WHERE p.contact_id = c.id AND {in_force('p')})"
# Some contact is paused on that day (most days none is, and the agenda skips the check).
ANY_CONTACT_PAUSED = f"SELECT 1 FROM pause WHERE contact_id IS NOT NULL AND {in_force()} LIMIT 1"
# The vacations (pauses of everyone) in force on that day, latest first.
VACATION = (f"SELECT until FROM pause WHERE contact_id IS NULL AND {in_force()} "
            "ORDER BY started_on DESC")
# A contact's own pause in force on that day (parameters: the contact's id, the day).
OWN_PAUSE = f"SELECT until FROM pause WHERE contact_id = ? AND {in_force()}"
# A contact `c`'s status on that day (one parameter): archived, paused, unresponsive
# or active.
STATUS_SQL = (
    "CASE WHEN c.archived THEN 'archived' "
    f"WHEN {PAUSED} THEN 'paused' "
    "WHEN c.unresponsive_since IS NOT NULL THEN 'unresponsive' ELSE 'active' END"
)
