"""Slugs, folding and safe display of what users typed."""

from __future__ import annotations

import unicodedata

import pytest

from netcadence.text import fold, name_words, normalize_tag, printable, slugify


@pytest.mark.parametrize("name, slug", [
    ("José Núñez", "jose-nunez"),
    ("Jose\u0301 Nu\u0303n\u0303ez", "jose-nunez"),      # typed already decomposed
    ("李小龍", "李小龍"),
    ("!!!", "contact"),
    ("", "contact"),
    ("   ", "contact"),
    ("Ana Ruiz", "ana-ruiz"),
    ("  Ana   Ruiz  ", "ana-ruiz"),
    ("Ana--Ruiz!", "ana-ruiz"),
    ("O'Brien, Pat", "o-brien-pat"),
    ("[bold]Bob[/bold]", "bold-bob-bold"),
    ("Agent 007", "agent-007"),
    ("Nguyễn Văn An", "nguyen-van-an"),
    ("İlkay Gündoğan", "ilkay-gundogan"),
    ("Ανδρέας", "ανδρεας"),
    ("Straße", "straße"),
    ("Ｆｕｌｌ Ｗｉｄｔｈ", "full-width"),
    # letters of other scripts stay whole
    ("김민준", "김민준"),
    ("ガルシア", "ガルシア"),
    ("हिन्दी", "हिन्दी"),
    ("مُحَمَّد", "محمد"),
    ("Zoë 😀 Li", "zoe-li"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug
    assert unicodedata.is_normalized("NFC", slugify(name))


def test_slug_never_starts_or_ends_with_a_dash():
    for name in ("-Ana-", "  (Ana) ", "...Ana Ruiz..."):
        slug = slugify(name)
        assert not slug.startswith("-") and not slug.endswith("-"), slug


@pytest.mark.parametrize("a, b", [
    ("José Núñez", "jose nunez"),
    ("ANA  RUIZ", "ana ruiz"),
    ("Straße", "STRASSE"),
    ("Ｆｕｌｌ", "full"),
])
def test_fold_ignores_case_accents_and_spacing(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart():
    assert fold("Ana") != fold("Anna")


@pytest.mark.parametrize("tag, expected", [
    ("  Client ", "client"),
    ("Fin  Tech", "fin tech"),
    ("VIP", "vip"),
])
def test_normalize_tag(tag, expected):
    assert normalize_tag(tag) == expected


@pytest.mark.parametrize("name, words", [
    ("Mary-Jane O'Neil", ["mary", "jane", "o'neil"]),
    ("José  Núñez", ["jose", "nunez"]),
    ("", []),
])
def test_name_words(name, words):
    assert name_words(name) == words


@pytest.mark.parametrize("text, shown", [
    ("[bold]Bob[/bold]", "[bold]Bob[/bold]"),
    ("a\x1b[31mred", "a[31mred"),
    ("line\nbreak", "line break"),
    ("tab\there", "tab here"),
    ("bell\x07", "bell"),
    ("del\x7f", "del"),
    ("José 李", "José 李"),
    (None, ""),
    ("", ""),
])
def test_printable(text, shown):
    assert printable(text) == shown
