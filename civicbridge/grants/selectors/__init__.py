"""Reads of state support, one module per stage (calls, applications, review, results, dashboard)."""
