"""Run Plaza: `python main.py ARGS` is the same as `plaza ARGS`."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
