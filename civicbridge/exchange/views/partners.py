"""Needs and offers, partner suggestions, partnership requests and partnerships."""

urls: list = []
