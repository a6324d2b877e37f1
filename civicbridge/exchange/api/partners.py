"""API of needs and offers, match suggestions, partnership requests and partnerships."""


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
