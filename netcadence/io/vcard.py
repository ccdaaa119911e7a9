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
from dataclasses import dataclass, field

from netcadence.io.records import Record, split_tags

KEEP = {"FN", "N", "NICKNAME", "EMAIL", "TEL", "ORG", "TITLE", "NOTE", "CATEGORIES", "UID",
        "URL", "X-SOCIALPROFILE"}
STRUCTURED = {"N", "ORG", "CATEGORIES"}
# Single text values where many writers (every vCard 2.1 one) leave commas and
# semicolons unescaped; read as lists, "Director, Research" would lose its second half.
FREE_TEXT = {"FN", "TITLE", "NOTE"}
_UNESCAPED = re.compile(r"(?<!\\)([,;])")
DROPPED_CATEGORIES = {"my contacts", "starred in android"}
_PROPERTY = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)([;:])")
_AGENT_OPEN = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?AGENT(?:;[^:]*)?:$", re.IGNORECASE)
_AGENT_CARD = re.compile(r"^(?:[A-Z0-9_-]+\.)?AGENT(?:;[^:]*)?:BEGIN:VCARD$")


@dataclass
class _Property:
    group: str | None
    name: str
    head: str
    value: str
    quoted_printable: bool = False

    @property
    def open_soft_break(self) -> bool:
        return self.quoted_printable and self.value.endswith("=")


@dataclass
class Card:
    line: int
    lines: list[str] = field(default_factory=list)
    complete: bool = False


def cards(text: str) -> list[Card]:
    """The cards of a file, each with the line its BEGIN is on; an unfinished one is kept.

    A card embedded in another (vCard 2.1's AGENT, an assistant's card written
    between BEGIN and END inside the person's) is left out with all its lines,
    so the person's card reads on after it. Inside a card, a line that starts
    with a space continues the line before, even if it reads END:VCARD (unless
    the card's BEGIN was indented too).
    """
    found: list[Card] = []
    current: Card | None = None
    embedded = 0  # how deep in embedded cards this line is
    indented = False  # the card's BEGIN is indented: so may its END be
    for number, line in enumerate(text.splitlines(), start=1):
        folded = current is not None and not indented and line[:1] in (" ", "\t")
        marker = "" if folded else line.strip().upper()
        if embedded:
            embedded += (marker == "BEGIN:VCARD") - (marker == "END:VCARD")
            continue
        if current is not None and (
            _AGENT_CARD.match(marker) or marker == "BEGIN:VCARD" and _opens_agent(current.lines)
        ):
            embedded = 1
        elif marker == "BEGIN:VCARD":
            if current is not None:
                found.append(current)
            current = Card(number)
            indented = line[:1] in (" ", "\t")
        elif marker == "END:VCARD" and current is not None:
            current.complete = True
            found.append(current)
            current = None
        elif current is not None:
            current.lines.append(line)
    if current is not None:
        found.append(current)
    return found


def _opens_agent(lines: list[str]) -> bool:
    """Whether the card's last line is an AGENT property whose value follows as a card."""
    for line in reversed(lines):
        if line.strip():
            return bool(_AGENT_OPEN.match(line.strip()))
    return False


def looks_like_vcard(text: str) -> bool:
    return bool(re.search(r"^\s*BEGIN:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))


def _properties(lines: list[str]) -> list[_Property]:
    props: list[_Property] = []
    for line in lines:
        last = props[-1] if props else None
        if last is not None and last.open_soft_break:
            if not line.strip():
                last.value = last.value[:-1]
            else:
                last.value = last.value[:-1] + line.strip()
            continue
        if not line.strip():
            continue
        if line[0] in " \t":
            if last is not None:
                last.value += line[1:] if not last.quoted_printable else line.strip()
            continue
        match = _PROPERTY.match(line)
        if not match:  # an unfolded line of base64 or other debris: belongs to the previous one
            if last is not None:
                last.value += line
            continue
        head, _, value = line.partition(":")
        name = match.group(2).upper()
        params = head.upper().split(";")[1:]
        qp = any(p in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE") for p in params)
        props.append(_Property(match.group(1), name, head, value, qp))
    return props


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
    for prop in _properties(card.lines):
        if prop.name in KEEP:
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
    )
