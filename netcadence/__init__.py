"""netcadence: an outreach cadence tracker for people who network on purpose."""

__version__ = "0.1.0"
