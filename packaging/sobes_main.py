"""Entry point of the packaged app: with a command it is the `sobes` CLI; with none, the window."""

import sys

from sobes.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["desktop"]))
