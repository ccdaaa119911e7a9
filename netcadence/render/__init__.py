"""Rendering: Rich tables on a terminal, plain text when piped, JSON on request."""
