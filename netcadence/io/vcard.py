"""vCard 2.1, 3.0 and 4.0 as phones and mail programs write them.

Each card is cut out of the file by its BEGIN/END lines (so one broken card is
skipped and reported alone) and reduced to the properties netcadence uses
before vobject reads it. That reduction is done here, by hand, because vobject
alone fails on what real exports contain: vCard 2.1 quoted-printable values
with soft line breaks and a CHARSET (Android, Outlook), base64 photos that are
not folded or are cut short (iPhone), and properties such as PROFILE that it
mistakes for a nested component (Lotus Notes).
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from netcadence.io.files import TextFile, pieces
from netcadence.io.records import LONGEST, MOST_VALUES, Record, split_tags

# Birthdays and anniversaries, read here rather than by vobject: address books write
# them in many ways (`1990-04-12`, `19900412`, vCard 4's `--0412`, a date and time,
# Apple's year 1604 for "no year"). Apple's X-ABDATE is an anniversary when the
# X-ABLabel of its group says so.
DAYS = {"BDAY": "birthday", "ANNIVERSARY": "anniversary", "X-ANNIVERSARY": "anniversary",
        "X-MS-ANNIVERSARY": "anniversary", "X-EVOLUTION-ANNIVERSARY": "anniversary",
        "X-ABDATE": None, "X-ABLABEL": None}
KEEP = {"FN", "N", "NICKNAME", "EMAIL", "TEL", "ORG", "TITLE", "NOTE", "CATEGORIES", "UID",
        "URL", "X-SOCIALPROFILE", *DAYS}
STRUCTURED = {"N", "ORG", "CATEGORIES"}
# Single text values where many writers (every vCard 2.1 one) leave commas and
# semicolons unescaped; read as lists, "Director, Research" would lose its second half.
FREE_TEXT = {"FN", "TITLE", "NOTE"}
_UNESCAPED = re.compile(r"(?<!\\)([,;])")
DROPPED_CATEGORIES = {"my contacts", "starred in android"}
_PROPERTY = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)([;:])")
_AGENT_OPEN = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?AGENT(?:;[^:]*)?:$", re.IGNORECASE)
_AGENT_CARD = re.compile(r"^(?:[A-Z0-9_-]+\.)?AGENT(?:;[^:]*)?:BEGIN:VCARD$")


# What one card may hold, read as the file streams by: a value keeps three times the
# longest note (quoted-printable may triple a value's length) and a card keeps one
# value more of each property than a record does, so that tidy() sees a cut and says
# so; the rest is read and left out, so neither a huge property nor a card of
# thousands of them can fill the memory.
VALUE_MOST = 3 * LONGEST["note"] + 3
KEPT_MOST = MOST_VALUES + 1
LINE_MOST = VALUE_MOST + 1000  # characters of one physical line kept (its head)
# Property names as vCard writers spell them: after a quoted-printable soft break, a
# line starting with one of these is the next property, not the value's rest.
KNOWN = {"ADR", "AGENT", "ANNIVERSARY", "BDAY", "BEGIN", "CALADRURI", "CALURI", "CATEGORIES",
         "CLASS", "CLIENTPIDMAP", "EMAIL", "END", "FBURL", "FN", "GENDER", "GEO", "IMPP", "KEY",
         "KIND", "LABEL", "LANG", "LOGO", "MAILER", "MEMBER", "N", "NAME", "NICKNAME", "NOTE",
         "ORG", "PHOTO", "PRODID", "PROFILE", "RELATED", "REV", "ROLE", "SORT-STRING",
         "SOUND", "SOURCE", "TEL", "TITLE", "TZ", "UID", "URL", "VERSION", "XML"}
_NEXT_PROPERTY = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?([A-Z][A-Z0-9-]*)[;:]")


@dataclass
class _Property:
    group: str | None
    name: str
    head: str
    quoted_printable: bool = False
    kept: bool = True
    parts: list[str] = field(default_factory=list)
    size: int = 0  # characters of the value read, kept or not
    last: str = ""  # the value's last character read

    @property
    def value(self) -> str:
        return "".join(self.parts)

    def add(self, text: str) -> None:
        if self.kept and self.size < VALUE_MOST:
            self.parts.append(text[:VALUE_MOST - self.size])
        self.size += len(text)
        self.last = text[-1:] or self.last

    @property
    def open_soft_break(self) -> bool:
        return self.quoted_printable and self.last == "="

    def close_soft_break(self) -> None:
        """Drop the `=` that announced a soft line break."""
        if self.parts and self.parts[-1].endswith("="):
            self.parts[-1] = self.parts[-1][:-1]
        self.last = ""


@dataclass
class Card:
    line: int
    props: list[_Property] = field(default_factory=list)
    complete: bool = False
    reading: _Property | None = None  # the property whose lines are being read
    last_line: str = ""  # the last line that is not blank (short ones only)
    counts: dict[str, int] = field(default_factory=dict)

    def read(self, line: str) -> None:
        """One line of the card.

        A line starting with a space or tab continues the property before it; so does
        a line that is no property (an unfolded line of base64, or other debris). A
        quoted-printable value ending in `=` continues on the next line (a soft
        break), unless that line starts the next property, as Android writes after a
        name that ends in a soft break.
        """
        if line.strip():
            self.last_line = line.strip() if len(line) < 200 else ""
        last = self.reading
        if last is not None and last.open_soft_break:
            last.close_soft_break()
            if not line.strip():
                return
            following = _NEXT_PROPERTY.match(line)
            if not (following and (following.group(1) in KNOWN
                                   or following.group(1).startswith("X-"))):
                last.add(line.strip())
                return
        if not line.strip():
            return
        if line[0] in " \t":
            if last is not None:
                last.add(line[1:] if not last.quoted_printable else line.strip())
            return
        match = _PROPERTY.match(line)
        if not match:
            if last is not None:
                last.add(line)
            return
        head, _, value = line.partition(":")
        name = match.group(2).upper()
        params = head.upper().split(";")[1:]
        qp = any(p in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE") for p in params)
        count = self.counts.get(name, 0)
        kept = name in KEEP and count < KEPT_MOST
        self.counts[name] = count + 1
        prop = _Property(match.group(1), name, head, qp, kept)
        prop.add(value)
        self.reading = prop
        if kept:
            self.props.append(prop)


def cards(source: str | TextFile) -> Iterator[Card]:
    """The cards of a text (a string or a TextFile), each with the line its BEGIN is on;
    an unfinished one is kept. They come one at a time, as the file is read.

    A card embedded in another (vCard 2.1's AGENT, an assistant's card written
    between BEGIN and END inside the person's) is left out with all its lines,
    so the person's card reads on after it. Inside a card, a line that starts
    with a space continues the line before, even if it reads END:VCARD (unless
    the card's BEGIN was indented too).
    """
    current: Card | None = None
    embedded = 0  # how deep in embedded cards this line is
    indented = False  # the card's BEGIN is indented: so may its END be
    for number, line in enumerate(_lines(source), start=1):
        folded = current is not None and not indented and line[:1] in (" ", "\t")
        marker = "" if folded or len(line) > 200 else line.strip().upper()
        if embedded:
            embedded += (marker == "BEGIN:VCARD") - (marker == "END:VCARD")
            continue
        if current is not None and (
            _AGENT_CARD.match(marker)
            or marker == "BEGIN:VCARD" and _AGENT_OPEN.match(current.last_line)
        ):
            embedded = 1
        elif marker == "BEGIN:VCARD":
            if current is not None:
                yield current
            current = Card(number)
            indented = line[:1] in (" ", "\t")
        elif marker == "END:VCARD" and current is not None:
            current.complete = True
            yield current
            current = None
        elif current is not None:
            current.read(line)
    if current is not None:
        yield current


def _lines(source: str | TextFile) -> Iterator[str]:
    """The text's lines without their line ends, each cut to LINE_MOST characters."""
    parts: list[str] = []
    size = 0
    for piece in source.pieces() if isinstance(source, TextFile) else pieces(source):
        ends = piece[-1] in "\r\n"
        text = piece.rstrip("\r\n") if ends else piece
        if size < LINE_MOST:
            parts.append(text[:LINE_MOST - size])
        size += len(text)
        if ends:
            yield "".join(parts)
            parts, size = [], 0
    if parts:
        yield "".join(parts)


def _clean_line(prop: _Property) -> str | None:
    """The property as vobject can read it: decoded, escaped, without ENCODING or CHARSET."""
    params = prop.head.split(";")[1:]
    charset = "utf-8"
    kept = []
    for param in params:
        key, _, val = param.partition("=")
        upper = key.strip().upper()
        if upper == "CHARSET":
            charset = val.strip().strip('"') or "utf-8"
        elif upper == "ENCODING" or param.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "B"):
            if val.strip().upper() in ("B", "BASE64") or upper in ("BASE64", "B"):
                return None
        elif param.strip():
            kept.append(param.strip())
    value = prop.value
    if prop.quoted_printable:
        raw = quopri.decodestring(value.encode("utf-8", errors="replace"))
        try:
            value = raw.decode(charset, errors="replace")
        except LookupError:
            value = raw.decode("utf-8", errors="replace")
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
        value = value.replace("\n", "\\n")
        if prop.name not in STRUCTURED:
            value = value.replace(",", "\\,").replace(";", "\\;")
    elif prop.name in FREE_TEXT:
        value = _UNESCAPED.sub(r"\\\1", value)
    name = (f"{prop.group}." if prop.group else "") + prop.name
    return ";".join([name, *kept]) + ":" + value


def _reduced(card: Card) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    for prop in card.props:
        if prop.name in KEEP and prop.name not in DAYS:
            cleaned = _clean_line(prop)
            if cleaned is not None:
                lines.append(cleaned)
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value if v)
    return str(value or "")


def _org(value) -> str:
    """The organisation's name: the first ORG component (an unescaped comma rejoined)."""
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, (list, tuple)):
        return ", ".join(str(part).strip() for part in first if str(part).strip())
    return str(first or "").strip()


def _phone(value: str) -> str:
    phone = value.strip()
    if phone.lower().startswith("tel:"):
        phone = phone[4:]
    phone, _, ext = phone.partition(";ext=")
    return phone.strip() + (f" ext. {ext.strip()}" if ext.strip() else "")


_COMPACT_DAY = re.compile(r"^(\d{4}|--)(\d{2})(\d{2})$")
_WITH_TIME = re.compile(r"^([-\d]+)[Tt]\d")


def _day_text(prop: _Property) -> str:
    """A date property's value as netcadence reads days: the time of day left out,
    `19900412` as `1990-04-12`, and Apple's year 1604 (X-APPLE-OMIT-YEAR) as no year."""
    value = prop.value.strip()
    if match := _WITH_TIME.match(value):
        value = match.group(1)
    if match := _COMPACT_DAY.match(value):
        year, month, day = match.groups()
        value = f"{year}-{month}-{day}" if year != "--" else f"--{month}-{day}"
    for param in prop.head.split(";")[1:]:
        key, _, omitted = param.partition("=")
        omitted = omitted.strip().strip('"')
        if key.strip().upper() == "X-APPLE-OMIT-YEAR" and value.startswith(omitted + "-"):
            value = "--" + value[len(omitted) + 1:]
    return value


def _days(card: Card) -> dict[str, str]:
    """The card's birthday and anniversary, as text for the importer to read (the first
    of each: vCard 4 may give one date in several forms)."""
    labels = {(prop.group or "").lower(): prop.value.strip().lower()
              for prop in card.props if prop.name == "X-ABLABEL" and prop.group}
    found: dict[str, str] = {}
    for prop in card.props:
        kind = DAYS.get(prop.name)
        if prop.name == "X-ABDATE" and "anniversary" in labels.get((prop.group or "").lower(), ""):
            kind = "anniversary"
        if kind is not None and kind not in found and prop.value.strip():
            found[kind] = _day_text(prop)
    return found


def record(card: Card) -> Record:
    """One card as a record; raises ValueError when the card cannot be read."""
    import vobject

    if not card.complete:
        raise ValueError("the card has no END:VCARD")
    try:
        parsed = vobject.readOne(_reduced(card))
    except Exception as error:  # vobject raises many kinds of errors on bad input
        first = (str(error).splitlines() or [type(error).__name__])[0]
        raise ValueError(re.sub(r"^At line \d+: ", "", first)[:120]) from None
    contents = parsed.contents

    def values(key: str) -> list:
        return [line.value for line in contents.get(key, [])]

    name = next((_text(v) for v in values("fn") if _text(v).strip()), "")
    if not name.strip():
        for n in values("n"):
            parts = ("given", "additional", "family")
            name = " ".join(_text(getattr(n, part, "")) for part in parts)
            if name.strip():
                break
    if not name.strip():
        name = next((_text(v) for v in values("nickname") if _text(v).strip()), "")
    org = next((_org(v) for v in values("org") if _org(v)), None)
    urls = [_text(v) for v in values("url") + values("x-socialprofile")]
    categories: list[str] = []
    for value in values("categories"):
        categories += split_tags(value if isinstance(value, list) else [str(value)])
    return Record(
        where=f"line {card.line}", name=name,
        emails=[_text(v) for v in values("email")],
        phones=[_phone(_text(v)) for v in values("tel") if _text(v).strip()],
        company=org or None,
        title=next((_text(v) for v in values("title") if _text(v).strip()), None),
        note="\n".join(_text(v) for v in values("note") if _text(v).strip()) or None,
        vcard_uid=next((_text(v) for v in values("uid") if _text(v).strip()), None),
        linkedin=next((u for u in urls if "linkedin.com/" in u.lower()), None),
        tags=[t for t in categories if t not in DROPPED_CATEGORIES and not t.startswith("*")],
        **_days(card),
    )
