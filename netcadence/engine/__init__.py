"""The cadence engine: pure functions over plain data, `today` always passed in."""
