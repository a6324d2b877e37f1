"""TODO"""

urls: list = []
