#!/usr/bin/env python
"""Django's command-line utility; `ocop` is the same commands as an installed console script."""

from marketplace.cli import main

if __name__ == "__main__":
    main()
