"""API of practices and adoptions."""


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
