"""The exchange's endpoints on the /api/v1/ router."""

from . import partners, practices


def register(router) -> None:
    practices.register(router)
    partners.register(router)
