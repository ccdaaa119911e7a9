"""Job changes between two LinkedIn exports (SPEC §13)."""

from __future__ import annotations

from netcadence.engine.jobs import JobChange, Seen, follows, noticed


def test_the_first_time_a_contact_is_seen_is_no_change():
    change, now = noticed(None, "Acme", "CTO")
    assert change is None and now == Seen("Acme", "CTO")


def test_a_new_company_or_position_is_a_change():
    change, now = noticed(Seen("Acme", "CTO"), "Globex", "Head of Sales")
    assert change == JobChange("Acme", "Globex", "CTO", "Head of Sales")
    assert now == Seen("Globex", "Head of Sales")
    assert change.line("Ana Ruiz") == "Ana Ruiz: Acme → Globex (Head of Sales)"
    assert change.what == "moved to Globex"


def test_a_new_position_alone():
    change, _ = noticed(Seen("Acme", "CTO"), "Acme", "CEO")
    assert change is not None and not change.moved
    assert change.what == "now CEO"
    assert change.line("Ana Ruiz") == "Ana Ruiz: CTO → CEO at Acme"


def test_case_and_accents_or_an_empty_value_say_nothing_new():
    assert noticed(Seen("Banco Ejemplo", "Analista"), "BANCO EJEMPLO", "analista")[0] is None
    change, now = noticed(Seen("Acme", "CTO"), None, "")
    assert change is None and now == Seen("Acme", "CTO")


def test_a_change_says_something_changed():
    assert JobChange("Acme", "Globex", "CTO", "CTO").any
    assert JobChange("Acme", "ACME", "CTO", "CEO").any
    assert not JobChange("Acme", "acme", None, "").any


def test_a_field_follows_unless_the_user_edited_it():
    assert follows("Acme", "Acme", "Globex")  # as the last import left it
    assert follows(None, "Acme", "Globex")  # empty
    assert follows("ACME", "Acme", "Globex")  # the same, folded
    assert not follows("Acme Holdings", "Acme", "Globex")  # edited since
    assert not follows("Acme", "Acme", "acme")  # no change
