"""The command line: thin Typer commands over the store, the engine and the renderers."""
