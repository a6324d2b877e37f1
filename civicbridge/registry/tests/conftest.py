"""The registry's tests use the shared fixtures of civicbridge/conftest.py (users, organisations, the browser)."""
