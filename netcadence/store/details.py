"""One contact's full details, as plain data ready for JSON or a table."""

from __future__ import annotations

from datetime import date
from typing import Any

from netcadence.engine.ledger import LedgerTouch, ledger
from netcadence.engine.strength import StrengthTouch, parts
from netcadence.store import paused
from netcadence.store import touches as touch_store
from netcadence.store.db import Database
from netcadence.store.occasions import days_of
from netcadence.store.paused import STATUS_SQL
from netcadence.store.relations import strength_today


def contact_details(db: Database, contact_id: int, today: date) -> dict[str, Any]:
    row = db.row(
        f"SELECT c.slug, c.name, {STATUS_SQL}, c.company, c.title, c.met_on, c.how, c.linkedin, "
        "c.note, c.created_on, c.cadence_mode, c.cadence_label, c.enrolled_on, c.next_due, "
        "c.due_step, c.due_steps, c.due_action, c.last_touch, c.unresponsive_since, "
        "c.snooze_until, c.snoozed_on, c.series_completed_on, c.strength_base FROM contact c "
        "WHERE c.id = ?",
        (today.isoformat(), contact_id),
    )
    assert row is not None
    (slug, name, status, company, title, met_on, how, linkedin, note, created_on, mode,
     label, enrolled_on, next_due, step, steps, action, last_touch, unresponsive_since,
     snooze_until, snoozed_on, completed_on, strength_base) = row
    if mode == "own" and label:
        source = "own"
    elif mode != "none" and label:
        source = "tag"
    else:
        source = "none"
    touches = touch_store.of_contact(db, contact_id)
    balance = ledger(LedgerTouch(date.fromisoformat(t.day), t.direction, t.give, t.ask)
                     for t in touches)
    weighed = [(t.id, StrengthTouch(date.fromisoformat(t.day), t.direction, t.channel, t.give))
               for t in touches]
    snooze_active = bool(snooze_until) and not any(t.day >= snoozed_on for t in touches)
    pause_until = db.value(paused.OWN_PAUSE, (contact_id, today.isoformat()))
    return {
        "slug": slug,
        "name": name,
        "status": status,
        "emails": [e for (e,) in db.rows(
            "SELECT email FROM contact_email WHERE contact_id = ? ORDER BY id", (contact_id,))],
        "phones": [p for (p,) in db.rows(
            "SELECT phone FROM contact_phone WHERE contact_id = ? ORDER BY id", (contact_id,))],
        "company": company,
        "title": title,
        "tags": sorted(t for (t,) in db.rows(
            "SELECT tag FROM contact_tag WHERE contact_id = ?", (contact_id,))),
        "cadence": label,
        "cadence_source": source,
        "enrolled": enrolled_on if label else None,
        "next_due": next_due if status in ("active", "paused") else None,
        "step": f"{step}/{steps}" if step else None,
        "action": action,
        "last_touch": last_touch,
        "given": balance.gave,
        "asked": balance.asked,
        "got": balance.got,
        "were_asked": balance.were_asked,
        "owe_answer": balance.owe_answer,
        "asked_before_giving": balance.asked_before_giving,
        "strength": strength_today(strength_base, last_touch, today),
        "strength_parts": parts(weighed, today),
        "met": met_on,
        **days_of(db, contact_id),  # birthday, anniversary
        "how": how,
        "linkedin": linkedin,
        "note": note,
        "created": created_on,
        "unresponsive_since": unresponsive_since,
        "series_completed": completed_on,
        "snoozed_until": snooze_until if snooze_active else None,
        "paused_until": pause_until if status == "paused" else None,
        "touches": [
            {
                "id": t.id, "date": t.day, "channel": t.channel, "direction": t.direction,
                "note": t.note, "give": t.give, "ask": t.ask, "by": t.by,
                "source": t.source,
            }
            for t in touches
        ],
    }
