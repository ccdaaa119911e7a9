"""Mail on disk, read for sync: mbox files, Maildirs, folders of messages, single messages.

Sources are told apart by their content, never by their names. Only headers are
read: an mbox is scanned a chunk at a time for its `From ` lines and each message's
header block, so memory stays flat however large the file, and a message body is
never parsed or kept.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from netcadence.engine.sync import Address, Message
from netcadence.errors import InputError

CHUNK = 1 << 20  # bytes of an mbox read at a time
STEP = 1 << 16  # an mbox's bytes count in steps of this size toward progress
HEADER_LIMIT = 256 * 1024  # a header block longer than this is not one
SNIFF = 4096  # bytes read to tell what a file holds
TAIL = 4096  # bytes whose digest says that an mbox only grew since the last sync
KEEP = {"from", "to", "cc", "bcc", "date", "subject", "message-id", "auto-submitted",
        "precedence", "list-id", "list-unsubscribe", "x-gmail-labels"}
MAIL_HEADERS = {b"from", b"to", b"cc", b"date", b"subject", b"message-id", b"received",
                b"return-path", b"delivered-to", b"mime-version", b"sender", b"reply-to",
                b"x-gmail-labels", b"envelope-to", b"x-original-to"}
EXPECTED = "an mbox file, a Maildir, a folder of messages (.eml) or one .eml file"
_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:")
_ENVELOPE = re.compile(rb"^From (\S*)(?:[ \t]+(.*?))?[ \t\r]*$")
_ENVELOPE_DATED = re.compile(
    rb"[A-Za-z]{3}\s+\d{1,2}\s+\d{1,2}:\d\d(?::\d\d)?(?:\s+\S+)?\s+\d{4}")
_ENVELOPE_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d\d(?::\d\d)?)"
    r"(?:\s+(?P<zone>[+-]\d{4}|[A-Z]{1,5}))?\s+(?P<year>\d{4})")
_MONTHS = {m: n for n, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# A display name that is a bare address (`alice@example.com <bob@example.com>`) would
# be read as two addresses: it is quoted first.
_BARE_NAME = re.compile(r'(^|,)(\s*)([^",<>()]*@[^",<>()]*?)(\s*<)')
_MAILDIR_INFO = re.compile(r"(:|%3A|!).*$", re.IGNORECASE)


# --- what a file holds --------------------------------------------------------------


def sniff(path: Path) -> bytes:
    """The first bytes of a file, enough to tell what it holds (none if unreadable)."""
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF)
    except OSError:
        return b""


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def is_mbox(head: bytes) -> bool:
    head = _strip_bom(head)
    return head.startswith(b"From ") and b"\x00" not in head


def is_message(head: bytes) -> bool:
    """Whether the bytes begin with a mail header block (one mail header among them)."""
    head = _strip_bom(head)
    if b"\x00" in head or not head:
        return False
    lines = head.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    first = _HEADER_LINE.match(lines[0])
    if not first:
        return False
    for line in lines[:-1]:
        if not line:
            break
        match = _HEADER_LINE.match(line)
        if match and match.group(1).lower() in MAIL_HEADERS:
            return True
        if not match and line[:1] not in (b" ", b"\t"):
            return False
    return False


def what_it_holds(head: bytes) -> str | None:
    """`mbox`, `message`, `calendar`, `vcard` or None, from a file's first bytes."""
    if is_mbox(head):
        return "mbox"
    if is_message(head):
        return "message"
    text = _strip_bom(head).lstrip().upper()
    if text.startswith(b"BEGIN:VCALENDAR"):
        return "calendar"
    if text.startswith(b"BEGIN:VCARD"):
        return "vcard"
    return None


# --- the sources --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """One file of a source: an mbox, or a message (in a Maildir, or loose)."""

    folder: str
    file: str
    name: str  # how the source's memory knows it ("" for a source that is one file)
    kind: str  # mbox | maildir | message

    @property
    def path(self) -> Path:
        return Path(self.folder, self.file)


@dataclass
class MailSource:
    path: Path  # absolute
    shown: str  # as the user gave it
    kind: str  # mbox | maildir | eml | folder
    ignored: list[str] = field(default_factory=list)  # files that are not mail


def existing(text: str, expected: str) -> Path:
    """The absolute path a user gave, or an error saying it is not there."""
    try:
        given = Path(text).expanduser()
        there = given.exists()
    except (ValueError, OSError):  # a NUL byte, a name too long, no home folder
        there = False
    if not there:
        raise InputError(f"{text}: there is no such file or folder; give {expected}")
    return given.resolve()


def head_of(path: Path, shown: str) -> bytes:
    """A file's first bytes, or an error saying it cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF)
    except OSError as error:
        raise InputError(f"{shown}: cannot read it ({error.strerror})") from None


def open_source(text: str) -> MailSource:
    """The mail at a path, or an error naming the path and what was expected."""
    path, shown = existing(text, EXPECTED), text
    if path.is_dir():
        if _is_maildir(path):
            return MailSource(path, shown, "maildir")
        for member in _walk(path, []):
            return MailSource(path, shown, "maildir" if member.kind == "maildir" else "folder")
        raise InputError(f"{shown}: no mail in this folder; give {EXPECTED}")
    holds = what_it_holds(head_of(path, shown))
    if holds == "mbox":
        return MailSource(path, shown, "mbox")
    if holds == "message":
        return MailSource(path, shown, "eml")
    hint = {"calendar": " (it is a calendar: use 'netcadence sync calendar')",
            "vcard": " (it holds contacts: use 'netcadence import vcard')"}.get(holds or "", "")
    raise InputError(f"{shown} is not mail{hint}; give {EXPECTED}")


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def _walk(root: Path, ignored: list[str], known: frozenset[str] = frozenset()
          ) -> Iterator[Member]:
    """Every mail file under a folder, in a stable order: Maildir messages (cur/ and new/,
    Maildir++ subfolders included), and mbox files and messages told apart by content
    (`known` names files already read, which need not be looked at again)."""
    top = str(root)
    for folder, dirs, files in os.walk(top):
        dirs.sort()
        maildir = "cur" in dirs or "new" in dirs
        parent, here = os.path.split(folder)
        if here in ("cur", "new") and _is_maildir(Path(parent)):
            base = os.path.relpath(parent, top).replace(os.sep, "/")
            prefix = "" if base == "." else base + "/"
            for name in sorted(files):
                unique = _MAILDIR_INFO.sub("", name)
                if not unique.startswith("."):
                    yield Member(folder, name, _short(prefix + unique), "maildir")
            dirs[:] = []
            continue
        if maildir:
            dirs[:] = [d for d in dirs if d != "tmp"]
        for name in sorted(files):
            relative = _short(os.path.relpath(os.path.join(folder, name), top).replace(
                os.sep, "/"))
            holds = "message" if relative in known else what_it_holds(sniff(Path(folder, name)))
            if holds in ("mbox", "message"):
                yield Member(folder, name, relative, holds)
            elif not (maildir and folder == top and name.startswith(("dovecot", "."))):
                ignored.append(os.path.join(folder, name))


def _short(name: str) -> str:
    """A member's name as stored (at most 500 characters)."""
    if len(name) <= 500:
        return name
    return name[:400] + "#" + hashlib.blake2b(name.encode("utf-8", "surrogateescape"),
                                              digest_size=16).hexdigest()


# --- reading -----------------------------------------------------------------------


@dataclass
class MailReading:
    """One read of a source: which messages, and what the source's memory becomes.

    `state` keeps, for each mbox, how far it was read and a digest of the bytes
    before that point; `seen` holds the message files already read. A later read
    starts where this one ended when the mbox only grew, and skips seen files.
    """

    source: MailSource
    state: dict
    seen: set[str]
    full: bool
    origin: int = 0  # the source's place among the paths read together
    files_read: list[str] = field(default_factory=list)
    total: int = 0  # files of messages and steps of mbox to read, for a progress bar

    def __post_init__(self) -> None:
        source = self.source
        folder, file = str(source.path.parent), source.path.name
        if source.kind == "mbox":
            members: Iterable[Member] = [Member(folder, file, "", "mbox")]
        elif source.kind == "eml":
            members = [Member(folder, file, "", "message")]
        else:
            members = _walk(source.path, source.ignored,
                            frozenset() if self.full else frozenset(self.seen))
        boxes = {} if self.full else dict(self.state.get("mbox", {}))
        self.state = {"mbox": boxes}
        self._todo: list[tuple[Member, int]] = []
        for member in members:
            if member.kind == "mbox":
                start = _resume_at(member.path, boxes.get(member.name))
                size = _size(member.path)
                if start < size:
                    self._todo.append((member, start))
                    self.total += (size - start) // STEP
            elif self.full or member.name not in self.seen or member.name == "":
                self._todo.append((member, 0))
                self.total += 1

    def messages(self, advance: Callable[[int], None] = lambda n: None) -> Iterator[Message]:
        for member, start in self._todo:
            if member.kind == "mbox":
                yield from self._mbox(member, start, advance)
            else:
                yield self._file(member)
                advance(1)

    def _file(self, member: Member) -> Message:
        where = os.path.join(member.folder, member.file)
        try:
            with open(where, "rb") as handle:
                raw = _header_block(handle)
        except OSError as error:
            return Message(where, digest("file", where), unreadable=error.strerror or "",
                           origin=self.origin)
        if member.name:
            self.files_read.append(member.name)
        if member.kind == "maildir":
            return message_from(raw, where, lambda: _delivery_time(member.file), self.origin)
        return message_from(raw, where, None, self.origin)

    def _mbox(self, member: Member, start: int, advance) -> Iterator[Message]:
        end = start
        done = [0]

        def bytes_read(count: int) -> None:
            before = done[0] // STEP
            done[0] += count
            if done[0] // STEP > before:
                advance(done[0] // STEP - before)

        path = str(member.path)
        try:
            with open(path, "rb") as handle:
                for offset, envelope, raw, stop in _mbox_messages(handle, start, bytes_read):
                    end = stop
                    yield message_from(raw, f"{path} (message at byte {offset})",
                                       lambda line=envelope: _envelope_time(line), self.origin)
                tail = _taildigest(handle, end)
        except OSError as error:
            raise InputError(f"{path}: cannot read it ({error.strerror})") from None
        self.state["mbox"][member.name] = {"end": end, "tail": tail}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _resume_at(path: Path, memory: dict | None) -> int:
    """Where a read of an mbox starts: after what was read before, if the file only grew."""
    if not memory:
        return 0
    end = memory.get("end")
    if not isinstance(end, int) or end <= 0 or end > _size(path):
        return 0
    try:
        with path.open("rb") as handle:
            if _taildigest(handle, end) != memory.get("tail"):
                return 0
            handle.seek(end)
            following = handle.read(5)
    except OSError:
        return 0
    return end if following in (b"", b"From ") else 0


def _taildigest(handle, end: int) -> str:
    start = max(0, end - TAIL)
    handle.seek(start)
    return hashlib.blake2b(handle.read(end - start), digest_size=16).hexdigest()


def _header_block(handle) -> bytes:
    """A message file's headers: up to the first empty line (or HEADER_LIMIT bytes)."""
    data = b""
    while len(data) < HEADER_LIMIT:
        piece = handle.read(8192)
        if not piece:
            break
        data += piece
        end = _blank_line(data, 0)
        if end >= 0:
            return data[:end]
    return data[:HEADER_LIMIT]


_BLANK = re.compile(rb"\r?\n\r?\n|\r\r")


def _blank_line(data: bytes, start: int) -> int:
    """Where the header block that starts at `start` ends (its last line break), or -1."""
    if data.startswith((b"\n", b"\r\n"), start):
        return start
    match = _BLANK.search(data, start)
    return match.start() if match else -1


def _mbox_messages(handle, start: int, advance) -> Iterator[tuple[int, bytes, bytes, int]]:
    """(offset, `From ` line, header block, end) of each message of an mbox from `start`."""
    return _Scanner(handle, start, advance).messages()


def _separator(buf: bytes, at: int, line_end: int) -> bool:
    """Whether the `From ` line at `at` begins a message.

    It does after an empty line when it reads as an envelope: `From sender` alone or
    followed by a date. A body line that begins `From ` (unescaped, as some programs
    leave them: "From Russia with love") is not one. Without the empty line before
    it, only a dated envelope counts.
    """
    match = _ENVELOPE.match(buf[at:line_end])
    if not match:
        return False
    rest = match.group(2) or b""
    dated = bool(_ENVELOPE_DATED.search(rest))
    after_blank = buf[at - 2:at] == b"\n\n" or buf[at - 3:at] == b"\n\r\n"
    return dated or (after_blank and not rest)


class _Scanner:
    """An mbox read a chunk at a time: the bytes before what is still needed are let go."""

    def __init__(self, handle, start: int, advance: Callable[[int], None]) -> None:
        self.handle = handle
        self.advance = advance
        handle.seek(start)
        self.buf = b""
        self.base = start  # the file offset of buf[0]
        self.eof = False
        self.more(0)
        if start == 0 and self.buf.startswith(b"\xef\xbb\xbf"):
            self.buf, self.base = self.buf[3:], 3

    def more(self, keep_from: int) -> int:
        """Read another chunk, letting go of the bytes before `keep_from`: how many were
        let go, or -1 at the end of the file."""
        if self.eof:
            return -1
        piece = self.handle.read(CHUNK)
        self.advance(len(piece))
        self.eof = len(piece) < CHUNK
        self.buf = self.buf[keep_from:] + piece
        self.base += keep_from
        return keep_from

    def messages(self) -> Iterator[tuple[int, bytes, bytes, int]]:
        if not self.buf.startswith(b"From "):
            return
        at = 0
        while True:
            while True:  # the envelope and the header block, whole
                line_end = self.buf.find(b"\n", at)
                header_end = _blank_line(self.buf, line_end + 1) if line_end >= 0 else -1
                if header_end >= 0 or len(self.buf) - at > HEADER_LIMIT:
                    break
                shifted = self.more(at)
                if shifted < 0:
                    break
                at -= shifted
            if line_end < 0:
                line_end = len(self.buf)
            block_end = header_end if header_end >= 0 else min(len(self.buf), at + HEADER_LIMIT)
            offset = self.base + at
            envelope = self.buf[at:line_end].rstrip(b"\r")
            raw = self.buf[line_end + 1:block_end]
            following = self._next(max(block_end, line_end))
            if following < 0:
                yield offset, envelope, raw, self.base + len(self.buf)
                return
            yield offset, envelope, raw, self.base + following
            at = following

    def _next(self, pos: int) -> int:
        """The index of the next separator at or after `pos`, or -1 at the end."""
        while True:
            found = self.buf.find(b"\nFrom ", pos)
            while found >= 0:
                line_end = self.buf.find(b"\n", found + 1)
                if line_end < 0 and not self.eof:
                    break  # the line goes on in the next chunk
                if _separator(self.buf, found + 1, line_end if line_end >= 0 else len(self.buf)):
                    return found + 1
                found = self.buf.find(b"\nFrom ", found + 1)
            pos = found if found >= 0 else max(pos, len(self.buf) - 6)
            keep = max(0, pos - 3)  # the empty line before a separator is looked at
            shifted = self.more(keep)
            if shifted < 0:
                return -1
            pos -= shifted


# --- one message's headers -----------------------------------------------------------


def header_fields(raw: bytes) -> dict[str, list[str]]:
    """The headers sync reads, unfolded, by lower-cased name (a name may repeat)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # raw 8-bit headers in another encoding
        text = raw.decode("latin-1")
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line:
            break
        if line[0] in " \t":
            if current is not None:
                current[-1] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or not name or " " in name:
            current = None
            continue
        if name in KEEP:
            current = fields.setdefault(name, [])
            current.append(value.strip())
        else:
            current = None
    return fields


def decoded(text: str) -> str:
    """A header's text with its RFC 2047 encoded words decoded (left as it is if broken)."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, AssertionError):
        return text


def addresses(values: list[str]) -> tuple[list[Address], bool]:
    """The addresses in address headers, and whether some entry could not be read."""
    found: list[Address] = []
    broken = False
    for value in values:
        simple = _simple_addresses(value)
        if simple is not None:
            found.extend(simple)
            continue
        if "@" in value and "<" in value:
            value = _BARE_NAME.sub(r'\1\2"\3"\4', value)
        for name, email in getaddresses([value]):
            if "=?" in email:  # a whole entry written as an encoded word
                again, bad = addresses([decoded(email)])
                found.extend(Address(a.email, a.name or decoded(name)) for a in again)
                broken = broken or bad
                continue
            email = "".join(email.split()).strip("<>").lower()
            if not email:
                if name.strip():
                    broken = True
                continue
            if email.count("@") != 1 or email.startswith("@") or email.endswith("@"):
                broken = True
                continue
            found.append(Address(email, " ".join(decoded(name).split()).strip("'\" ")))
    return found, broken


_SIMPLE_ENTRY = re.compile(r"\s*(?:([^<>@]*?)\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))\s*")


def _simple_addresses(value: str) -> list[Address] | None:
    """The addresses of a header in the common forms (`Name <a@b>`, `a@b`, separated by
    commas, no quotes, comments, groups or encoded words): the full parser is slow."""
    if any(mark in value for mark in '"()\\:;=[]'):
        return None
    found = []
    for entry in value.split(","):
        match = _SIMPLE_ENTRY.fullmatch(entry)
        if match is None:
            return None
        name, bracketed, bare = match.groups()
        email = (bracketed or bare).lower()
        found.append(Address(email, " ".join((name or "").split()).strip("'")))
    return found


def digest(*parts: str) -> str:
    """A short stable digest of some texts (keys of messages and events)."""
    text = "\x1f".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def message_key(fields: dict[str, list[str]]) -> str:
    """The Message-ID, or where there is none a digest of Date, From and Subject: the same
    for every copy of a message, in any folder or file."""
    ids = fields.get("message-id") or [""]
    text = ids[0].strip()
    if "<" in text and ">" in text.partition("<")[2]:
        text = text.partition("<")[2].partition(">")[0].strip()
    if text:
        return digest("id", text)
    return digest("headers", *(" ".join((fields.get(name) or [""])[0].split())
                                for name in ("date", "from", "subject")))


def message_from(raw: bytes, where: str, fallback: Callable[[], datetime | None] | None,
                 origin: int = 0) -> Message:
    """What sync needs from a message's header block. `fallback` (the mbox `From ` line's
    time, or a Maildir's delivery time) dates it when its Date cannot be read."""
    fields = header_fields(raw)
    key = message_key(fields)
    senders, bad_from = addresses(fields.get("from", []))
    if not senders:
        why = "its From cannot be read" if fields.get("from") else "no From"
        return Message(where, key, unreadable=why, origin=origin)
    recipient_headers = [v for name in ("to", "cc", "bcc") for v in fields.get(name, [])]
    recipients, bad_to = addresses(recipient_headers)
    if not recipients and bad_to:
        return Message(where, key, unreadable="its recipients cannot be read", origin=origin)
    when = _date(fields.get("date", [""])[0]) or (fallback() if fallback else None)
    labels = ",".join(fields.get("x-gmail-labels", [])).split(",")
    return Message(
        where=where, key=key,
        day=when.date() if when else None,
        stamp=when.astimezone(UTC).isoformat() if when else "",
        senders=tuple(senders), recipients=tuple(recipients),
        subject=" ".join(decoded(" ".join(fields.get("subject", []))).split()),
        auto_submitted=(fields.get("auto-submitted") or [None])[0],
        precedence=(fields.get("precedence") or [None])[0],
        list_headers="list-id" in fields or "list-unsubscribe" in fields,
        labels=tuple(label.strip() for label in labels if label.strip()),
        origin=origin,
    )


def _local(moment: datetime) -> datetime:
    """A moment in the local time zone (one without a zone is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def _date(text: str) -> datetime | None:
    """A Date header in the local time zone, or None when it cannot be read (one without
    a year cannot)."""
    if not text.strip():
        return None
    try:
        return _local(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _envelope_time(envelope: bytes) -> datetime | None:
    """The time on an mbox `From ` line (`From sender Mon Jan 15 10:30:00 2024`)."""
    match = _ENVELOPE_DATE.search(envelope.decode("latin-1"))
    if not match:
        return None
    month = _MONTHS.get(match["month"].lower())
    try:
        hour, minute, *second = (int(x) for x in match["time"].split(":"))
        # Without a zone, the time is the local time of the machine that stored it.
        moment = datetime(int(match["year"]), month or 0, int(match["day"]),  # noqa: DTZ001
                          hour, minute, second[0] if second else 0)
    except (TypeError, ValueError):
        return None
    zone = match["zone"] or ""
    if zone[:1] in "+-" and zone:
        sign = 1 if zone[0] == "+" else -1
        try:
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
            return _local(moment.replace(tzinfo=timezone(offset)))
        except ValueError:
            return None
    return moment.astimezone()  # written in the local time of the machine that stored it


def _delivery_time(name: str) -> datetime | None:
    """A Maildir file's delivery time: the timestamp its name begins with."""
    digits = re.match(r"\d+", name)
    if not digits:
        return None
    try:
        return datetime.fromtimestamp(int(digits.group()), UTC).astimezone()
    except (ValueError, OverflowError, OSError):
        return None
