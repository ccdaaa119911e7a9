"""`python -m netcadence` runs the command line."""

from netcadence.cli.main import run

run()
