"""Tests of the pure cadence engine (a package, so test names may repeat elsewhere)."""
