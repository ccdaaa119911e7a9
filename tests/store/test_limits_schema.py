"""The limits every door checks are the schema's own, so both backends hold the same values."""

from __future__ import annotations

from netcadence.store import contacts, limits, models

COLUMNS = {
    "name": [models.ContactRow.name, models.ContactRow.name_key],
    "company": [models.ContactRow.company], "title": [models.ContactRow.title],
    "how": [models.ContactRow.how], "linkedin": [models.ContactRow.linkedin],
    "vcard_uid": [models.ContactRow.vcard_uid],
    "email": [models.ContactEmailRow.email, models.ContactEmailRow.email_key],
    "phone": [models.ContactPhoneRow.phone],
    "tag": [models.ContactTagRow.tag, models.ContactTagRow.tag_key, models.TagDefaultRow.tag,
            models.TagDefaultRow.tag_key, models.GoalRow.tag],
    "by": [models.TouchRow.logged_by], "event": [models.EventRow.name],
    "cadence": [models.CadenceRow.name], "label": [models.CadenceStepRow.label],
    "goal": [models.GoalRow.name], "setting": [models.SettingRow.value],
}


def test_each_limit_is_the_length_of_its_columns():
    assert set(COLUMNS) == set(limits.LENGTHS) - {"note"}
    for kind, columns in COLUMNS.items():
        for column in columns:
            assert column.property.columns[0].type.length == limits.LENGTHS[kind], column


def test_notes_are_text_without_a_length_and_slugs_fit():
    for column in (models.ContactRow.note, models.TouchRow.note):
        assert getattr(column.property.columns[0].type, "length", None) is None
    assert contacts.SLUG_BASE + len("-99999") <= models.ContactRow.slug.property.columns[
        0].type.length


def test_ids_fit_postgresql_integers():
    assert limits.MOST_ID == 2 ** 31 - 1


def test_what_an_import_keeps_of_a_value_fits_every_door():
    """Imports cut values from other programs' files shorter than the columns, never
    longer: a record that was cut is then stored whole, on either backend."""
    from netcadence.io import records

    for field, longest in records.LONGEST.items():
        assert longest <= limits.LENGTHS[field], field
    assert records.LONGEST_EMAIL <= limits.LENGTHS["email"]
    assert records.LONGEST_PHONE <= limits.LENGTHS["phone"]
