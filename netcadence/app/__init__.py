"""Use cases: what each command does, given a Session (or its database and today); no
Typer and no SQL here."""
