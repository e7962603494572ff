"""The domain: attachment-table specs and the pure functions over them.

Not Qt Designer files: each module here says what a table *is* (headers, field keys,
value kinds, notes); the grid, the exports and the audit are all driven by these specs.
"""
