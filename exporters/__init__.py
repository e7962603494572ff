"""Exporters: functions of (spec, stored values) → file. They never reach into the UI."""
