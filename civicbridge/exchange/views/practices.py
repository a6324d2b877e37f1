"""Practices and adoptions: the library, a practice page with its spread, writing, moderation."""

urls: list = []
