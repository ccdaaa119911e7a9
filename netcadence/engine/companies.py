"""Who works where: a company typed by the user against contacts' companies and emails.

Names are compared folded (case and accents aside), punctuation as spaces, and
without the words that only say what kind of company it is ("Corp", "Inc.",
"GmbH"…), so "Acme Corp" finds "ACME Corporation". A company matches when its
name is the one typed, holds every word typed ("Northwind" finds "Northwind
Traders"), or is a close spelling of it (rapidfuzz's ratio, at least CLOSE). An
email matches when its domain's name does ("acme" for ana@mail.acme.co.uk). A
domain typed (`acme.com`) finds the emails at that domain (and its subdomains), and
a company only when it has that very name ("Booking.com").
"""

from __future__ import annotations

CLOSE = 85.0  # rapidfuzz ratio (0-100) from which a spelling counts as the same name
LEGAL = frozenset({
    "ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "gmbh", "inc",
    "incorporated", "kg", "kk", "limited", "llc", "llp", "lp", "ltd", "nv", "oy", "plc",
    "pty", "sa", "sarl", "sas", "spa", "srl",
})
# Second-level labels of country domains that say nothing of the company (acme.co.uk).
GENERIC_SECOND = frozenset({"ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"})


def words(name: str) -> list[str]:
    """The folded words of a name, every run of other than letters and digits a break."""
    from netcadence.suggest import key

    return key(name).split()


def core(name: str) -> list[str]:
    """The words that name the company: its words without the legal ones (all of them
    when nothing else is left)."""
    found = words(name)
    return [word for word in found if word not in LEGAL] or found


def domain_name(email: str) -> str | None:
    """The name a mail domain gives its owner: `acme` for ana@mail.acme.co.uk."""
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    labels = [label for label in domain.split(".") if label]
    if len(labels) < 2:
        return None
    labels.pop()  # the top-level domain
    if len(labels) >= 2 and len(domain.rsplit(".", 1)[-1]) == 2 and labels[-1] in GENERIC_SECOND:
        labels.pop()
    return labels[-1]


class Matcher:
    """What was typed, ready to be compared with many companies and emails."""

    def __init__(self, typed: str) -> None:
        from rapidfuzz.fuzz import ratio  # only `at` pays for loading it

        self._ratio = ratio
        text = typed.strip().lower()
        self.domain = text if "." in text and " " not in text and "@" not in text else None
        self.typed = words(typed)
        self.core = core(typed)
        self.joined = " ".join(self.core)
        self.glued = {"".join(self.core), "".join(words(typed))}

    @property
    def empty(self) -> bool:
        return not self.core

    def company(self, name: str | None) -> bool:
        if not name or not self.core:
            return False
        if self.domain is not None:
            return words(name) == self.typed
        theirs = core(name)
        if theirs == self.core or set(self.core) <= set(theirs):
            return True
        return self._ratio(self.joined, " ".join(theirs)) >= CLOSE

    def email(self, address: str) -> bool:
        domain = address.rpartition("@")[2].strip().lower().rstrip(".")
        if self.domain is not None and (domain == self.domain
                                        or domain.endswith("." + self.domain)):
            return True
        name = domain_name(address)
        if self.domain is not None or not name or not self.core:
            return False
        return name in self.glued or max(self._ratio(name, glued) for glued in self.glued) >= CLOSE
