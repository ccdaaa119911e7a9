"""The version of the engine's rules, stamped beside the schedules they computed.

Bumped whenever a rule of engine/schedule.py changes, so that every stored schedule
is recomputed once. A module of its own: every command checks it, and `due` should
not load the rules themselves to do so.
"""

# 2: the schedule also stores each contact's strength base (engine/strength.py).
ENGINE_VERSION = 2
