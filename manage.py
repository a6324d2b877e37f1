#!/usr/bin/env python
"""Same as the `civicbridge` console script."""

from civicbridge.__main__ import main

if __name__ == "__main__":
    main()
