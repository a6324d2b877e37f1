"""Writes of the exchange, one module per part (keyword-only, atomic, permission-checked)."""
