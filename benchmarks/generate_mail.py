"""Synthetic mail for the sync benchmark: an mbox and the same messages as a Maildir.

    python benchmarks/generate_mail.py --contacts 5000 --messages 100000 \\
        --mbox mail.mbox --maildir Maildir [--append 100]

The contacts are the benchmark network's (benchmarks/generate.py, same seed), so
about a fifth of the messages come from them; a tenth are yours to them; the rest
come from strangers, mailing lists and robots. Headers are the size real ones are
(a Received chain, DKIM, MIME), bodies a few kilobytes, dated over the two years
before today. `--append N` adds N new messages at the end of an existing mbox.
"""

from __future__ import annotations

import argparse
import os
import random
import string
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from generate import network  # benchmarks/generate.py: the benchmark network

from netcadence.dates import today as netcadence_today

ME = "me@home.example"
WORDS = ("meeting proposal follow up thanks coffee next week project budget intro deck "
         "contract review draft numbers quarter hiring launch feedback call notes agenda "
         "lunch conference slides update plan question answer idea partner client").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _body(rng: random.Random) -> str:
    lines = []
    size = rng.randint(1500, 6000)
    while sum(len(line) + 1 for line in lines) < size:
        line = _text(rng, rng.randint(6, 12)).capitalize() + "."
        if rng.random() < 0.01:
            line = ">From the archive: " + line  # an escaped From line, as mboxrd writes
        lines.append(line)
    if rng.random() < 0.2:  # an attachment, base64 in 76-character lines
        blob = "".join(rng.choice(string.ascii_letters + string.digits + "+/")
                       for _ in range(rng.randint(800, 2400)))
        lines += ["", "--b1", "Content-Type: application/pdf; name=notes.pdf",
                  "Content-Transfer-Encoding: base64", ""]
        lines += [blob[i:i + 76] for i in range(0, len(blob), 76)]
        lines.append("--b1--")
    return "\n".join(lines) + "\n"


def message(rng: random.Random, number: int, emails: list[str], when: datetime) -> str:
    """One message's text (headers and body), without the mbox `From ` line."""
    kind = rng.random()
    extra = []
    if kind < 0.2:  # from a contact
        sender, to = rng.choice(emails), [ME]
    elif kind < 0.3:  # yours, to contacts (sometimes someone else too)
        sender = ME
        to = rng.sample(emails, rng.choice((1, 1, 1, 2, 3)))
        if rng.random() < 0.3:
            to.append(f"someone{rng.randrange(20000)}@elsewhere.example")
    elif kind < 0.55:  # a mailing list
        sender, to = f"list{rng.randrange(40)}@lists.example", [ME]
        extra = [f"List-Id: <list{rng.randrange(40)}.lists.example>",
                 "List-Unsubscribe: <mailto:leave@lists.example>", "Precedence: list"]
    elif kind < 0.7:  # a robot
        sender, to = f"noreply@shop{rng.randrange(100)}.example", [ME]
    else:  # strangers
        sender, to = f"person{rng.randrange(50000)}@elsewhere.example", [ME]
    domain = sender.rpartition("@")[2]
    stamp = format_datetime(when)
    headers = [
        f"Return-Path: <{sender}>",
        f"Received: from mx{rng.randrange(9)}.{domain} (mx.{domain} [10.0.{rng.randrange(255)}."
        f"{rng.randrange(255)}])\n\tby mail.home.example (Postfix) with ESMTPS id "
        f"{rng.getrandbits(40):X}\n\tfor <{ME}>; {stamp}",
        f"Received: from localhost (localhost [127.0.0.1])\n\tby mx.{domain} (Postfix) with "
        f"ESMTP id {rng.getrandbits(40):X}; {stamp}",
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=s1;\n\t"
        f"h=from:to:subject:date:message-id; bh={rng.getrandbits(128):032x};\n\t"
        f"b={rng.getrandbits(256):064x}",
        f"From: {sender.split('@')[0].replace('-', ' ').title()} <{sender}>",
        f"To: {', '.join(to)}",
        f"Subject: {_text(rng, rng.randint(2, 7)).capitalize()}",
        f"Date: {stamp}",
        f"Message-ID: <{number}.{rng.getrandbits(48):x}@{domain}>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "X-Mailer: netcadence-benchmark",
        *extra,
    ]
    return "\n".join(headers) + "\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n" + _body(
        rng)


def messages(count: int, contacts: int, seed: int, first: int = 0, days: int = 730):
    """(number, delivery time, text) of `count` messages numbered from `first`, dated over
    the `days` before today."""
    today = netcadence_today()
    emails = [person.email for person in network(contacts, 0, today)]
    rng = random.Random(seed * 1_000_003 + first)
    start = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=days)
    for number in range(first, first + count):
        when = start + timedelta(seconds=rng.randrange(days * 86400))
        yield number, when, message(rng, number, emails, when)


def write(items, mbox: Path | None = None, maildir: Path | None = None,
          mode: str = "w") -> None:
    """The messages into an mbox, a Maildir (cur/, as read and flagged), or both at once."""
    if maildir is not None:
        for folder in ("cur", "new", "tmp"):
            (maildir / folder).mkdir(parents=True, exist_ok=True)
    out = mbox.open(mode, encoding="utf-8", newline="\n") if mbox is not None else None
    try:
        for number, when, text in items:
            if out is not None:
                out.write(f"From {ME} {when.strftime('%a %b %d %H:%M:%S %Y')}\n{text}\n")
            if maildir is not None:
                name = f"{int(when.timestamp())}.M{number}P1.bench:2,S"
                (maildir / "cur" / name).write_text(text, encoding="utf-8")
    finally:
        if out is not None:
            out.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mbox", type=Path)
    parser.add_argument("--maildir", type=Path)
    parser.add_argument("--append", type=int, default=0,
                        help="add this many new messages to the end of --mbox")
    args = parser.parse_args()
    if args.append:
        write(messages(args.append, args.contacts, args.seed, first=args.messages + os.getpid(),
                       days=3), mbox=args.mbox, mode="a")
        return
    write(messages(args.messages, args.contacts, args.seed), args.mbox, args.maildir)

if __name__ == "__main__":
    main()
