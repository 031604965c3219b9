#!/usr/bin/env python
"""Django's manage.py, for those who expect one; ``plenary`` is the same command."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from plenary.cli import main

if __name__ == "__main__":
    main()
