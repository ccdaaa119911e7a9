"""Relationship commands: intro (and its words), ledger, at, brief."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import intros, relations
from netcadence.cli import compat
from netcadence.cli.base import JSON_HELP, command_module, current, not_options
from netcadence.cli.completion import complete_contact

Json = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
Contact = Annotated[str, typer.Argument(help="Name, slug or email.",
                                        autocompletion=complete_contact)]
IntroId = Annotated[str, typer.Argument(metavar="ID", help="The introduction's id.")]
By = Annotated[str | None, typer.Option(help="Who logged it (default: you).")]

commands = command_module()

# `intro A B` is the command named PAIR, hidden: a first word that is not one of the
# group's words (ok, made, drop…) is taken as the first person.
PAIR = "pair"


class IntroGroup(compat.TyperGroup):
    """`intro A B [--propose]`, or `intro ok|made|drop|outcome|list|suggest …`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [PAIR, *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx, incomplete):
        found = super().shell_complete(ctx, incomplete)
        if not incomplete.startswith("-"):
            found += [compat.CompletionItem(name) for name in complete_contact(ctx, incomplete)]
        return found


intro_app = typer.Typer(
    cls=IntroGroup, no_args_is_help=True, subcommand_metavar="A B | COMMAND [ARGS]...",
    help="Introductions: `intro A B` records that you introduced A and B (a given touch on "
    "both); `intro A B --propose` proposes one, made once both agree (ok, made).")
commands.add_typer(intro_app, name="intro")


@intro_app.command(PAIR, hidden=True)
def intro_pair(
    first: Annotated[str, typer.Argument(
        metavar="A", help="One person.", autocompletion=complete_contact)],
    second: Annotated[str, typer.Argument(
        metavar="B", help="The other person.", autocompletion=complete_contact)],
    propose: Annotated[bool, typer.Option(
        "--propose", help="Propose it: made once both agree (intro ok, intro made).")] = False,
    note: Annotated[str | None, typer.Option(help="A note.")] = None,
    when: Annotated[str | None, typer.Option(help="When (default today).")] = None,
    by: By = None,
) -> None:
    """Record that you introduced A and B (a given touch on both), or propose it."""
    if propose:
        if by is not None:
            from netcadence.errors import InputError

            raise InputError("--by says who logged the introduction's touches; a proposal "
                             "has none until 'netcadence intro made ID --by NAME'")
        intros.propose(current(), first, second, note=note, when=when)
    else:
        intros.make_now(current(), first, second, note=note, when=when, by=by)


@intro_app.command("ok")
def intro_ok(intro_id: IntroId, contact: Contact) -> None:
    """Record that one side of a proposed introduction agreed."""
    not_options(intro_id)
    intros.agree(current(), intro_id, contact)


@intro_app.command("made")
def intro_made(
    intro_id: IntroId,
    force: Annotated[bool, typer.Option(
        "--force", help="Make it even if a side has not agreed.")] = False,
    by: By = None,
) -> None:
    """Make a proposed introduction: a given intro touch on both, dated today."""
    not_options(intro_id)
    intros.make(current(), intro_id, force=force, by=by)


@intro_app.command("drop")
def intro_drop(intro_id: IntroId) -> None:
    """Give up on a proposed introduction."""
    not_options(intro_id)
    intros.drop(current(), intro_id)


@intro_app.command("outcome")
def intro_outcome(
    intro_id: IntroId,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What came of it.")],
) -> None:
    """Note what came of an introduction."""
    not_options(intro_id)
    intros.outcome(current(), intro_id, text)


@intro_app.command("list")
def intro_list(
    open_only: Annotated[bool, typer.Option(
        "--open", help="Only those neither made nor dropped.")] = False,
    json: Json = False,
) -> None:
    """Introductions: both people, state, dates, note and outcome."""
    intros.show_list(current(), open_only=open_only, json=json)


@intro_app.command("suggest")
def intro_suggest(
    contact: Annotated[str | None, typer.Argument(
        help="Only pairs with this contact.", autocompletion=complete_contact)] = None,
    json: Json = False,
) -> None:
    """Introductions worth making: one needs:X, the other offers:X; strongest first."""
    intros.show_suggestions(current(), contact, json=json)


@commands.command()
def ledger(json: Json = False) -> None:
    """The give and ask ledger: what you gave and asked, what they gave and asked, what is
    open."""
    relations.show_ledger(current(), json=json)


@commands.command()
def at(
    company: Annotated[str, typer.Argument(metavar="COMPANY", help="A company, or a domain.")],
    json: Json = False,
) -> None:
    """Who you know at a company (by company, or by email domain), strongest first."""
    relations.show_at(current(), company, json=json)


@commands.command()
def brief(contact: Contact, json: Json = False) -> None:
    """One screen before you call: who they are, where you stand, what is open."""
    relations.show_brief(current(), contact, json=json)
