"""What the commands do, given an open database and today: no Typer here, no SQL."""
