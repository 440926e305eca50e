"""The case record: aggregates, their events and invariants, and the policy packs.

Pure Python: nothing here imports a web framework or a database driver, reads the
clock or reads the process environment.
"""
