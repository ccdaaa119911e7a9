"""Importers and exporters: LinkedIn, Google, vCard, CSV, JSON, iCalendar."""
