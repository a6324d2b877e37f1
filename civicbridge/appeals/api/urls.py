"""The endpoints of citizens' issues on the /api/v1/ router."""

from . import appeals


def register(router) -> None:
    appeals.register(router)
