"""TODO"""


def load(*, stdout, rng=None) -> None:
    pass
