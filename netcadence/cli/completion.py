"""Shell completion of contacts, cadences, channels and tags.

The candidates are read by store/completion.py (read-only, silent on any
problem: a completion must never print an error into the user's command line).
Shells keep only candidates that start with what was typed, case-sensitively,
so contacts are offered both by slug (`ana` → `ana-ruiz`) and by name (`Ana` →
`Ana Ruiz`). The daily commands' contacts and option values complete here
without Typer (complete_fast); tests/cli/test_hot_table.py holds the two tables
below against the Typer commands' own parameters.
"""

from __future__ import annotations

import os
import sys

from netcadence.store.completion import cadences, contacts, tags

# Commands whose first argument is a contact.
CONTACT_COMMANDS = ("log", "show", "edit", "pause", "resume", "archive", "rm", "snooze", "brief")
# The options whose values complete, for every command outside a group that has
# some: {command: {option: what}}.
OPTION_VALUES = {
    "log": {"--channel": "channel", "-c": "channel", "--cadence": "cadence"},
    "due": {"--tag": "tag"},
    "list": {"--tag": "tag"},
    "add": {"--tag": "tag", "--cadence": "cadence"},
    "edit": {"--tag": "tag", "--untag": "tag"},
    "event": {"--met": "contact"},
}


def channels(incomplete: str) -> list[str]:
    from netcadence.engine.schedule import CHANNELS

    return [name for name in CHANNELS if name.startswith(incomplete)]


# --- callbacks for Typer's `autocompletion=` ----------------------------------------


def _db_option(ctx) -> str | None:
    try:
        return ctx.find_root().params.get("db")
    except Exception:
        return None


def complete_contact(ctx, incomplete: str) -> list[str]:
    return contacts(incomplete, _db_option(ctx))


def complete_cadence(ctx, incomplete: str) -> list[str]:
    return cadences(incomplete, _db_option(ctx))


def complete_cadence_choice(ctx, incomplete: str) -> list[str]:
    """A defined cadence, or none / default (for `cadence set`)."""
    extra = [word for word in ("default", "none") if word.startswith(incomplete)]
    return cadences(incomplete, _db_option(ctx)) + extra


def complete_tag(ctx, incomplete: str) -> list[str]:
    return tags(incomplete, _db_option(ctx))


def complete_channel(incomplete: str) -> list[str]:
    return channels(incomplete)


# --- the contact argument of the daily commands, without Typer ---------------------


def _split(text: str) -> list[str]:
    """Words as the shell wrote them (the same rules as Click's split_arg_string)."""
    import shlex

    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for word in lexer:
            words.append(word)
    except ValueError:
        words.append(lexer.token)
    return words


def _typed() -> tuple[str, list[str], str] | None:
    """(shell, words after the program name, the word being completed)."""
    shell = os.environ.get("_NETCADENCE_COMPLETE", "")
    if shell == "complete_bash":
        words = _split(os.environ.get("COMP_WORDS", ""))
        try:
            current = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return "bash", words[1:current], words[current] if current < len(words) else ""
    if shell in ("complete_zsh", "complete_fish"):
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = _split(line)[1:]
        if words and not line.endswith(" "):
            return shell[9:], words[:-1], words[-1]
        return shell[9:], words, ""
    return None


def complete_fast() -> int | None:
    """`netcadence log an<TAB>`, `log ana -c co<TAB>` and the like; None leaves the rest to Typer.
    """
    typed = _typed()
    if typed is None:
        return None
    shell, words, incomplete = typed
    db_option = None
    if len(words) >= 2 and words[0] == "--db":
        db_option, words = words[1], words[2:]
    if not words or incomplete.startswith("-"):
        return None
    if len(words) == 1 and words[0] in CONTACT_COMMANDS:
        what = "contact"
    elif len(words) >= 2 and words[-1] in OPTION_VALUES.get(words[0], {}):
        what = OPTION_VALUES[words[0]][words[-1]]  # Click completes the last option's value
    else:
        return None
    action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if shell == "fish" and action not in ("get-args", "is-args"):
        return None
    if what == "channel":
        found = channels(incomplete)
    else:
        found = {"contact": contacts, "tag": tags, "cadence": cadences}[what](incomplete, db_option)
    if shell == "bash":
        text = "\n".join(found)
    elif shell == "zsh":
        text = (
            "_arguments '*: :((" + "\n".join(f'"{_zsh_escape(v)}"' for v in found) + "))'"
            if found else "_files"
        )
    elif action == "is-args":
        return 0 if found else 1
    else:
        text = "\n".join(found)
    sys.stdout.write(text + "\n")
    return 0


def _zsh_escape(text: str) -> str:
    return (text.replace('"', '""').replace("'", "''").replace("$", "\\$")
            .replace("`", "\\`").replace(":", r"\\:"))
