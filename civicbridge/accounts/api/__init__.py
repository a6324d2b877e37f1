"""Account endpoints under /api/v1/auth/."""
