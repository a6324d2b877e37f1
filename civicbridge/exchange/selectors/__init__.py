"""Reads of the exchange, one module per part."""
