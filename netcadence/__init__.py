"""netcadence: an outreach cadence tracker for people who network on purpose."""

__version__ = "0.2.0"
