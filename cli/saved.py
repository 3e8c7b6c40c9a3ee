"""The settings the window saved, for the commands: the same norms judge an answer in the terminal and in the
window (`sobes analyze` used to judge with the defaults whatever the candidate had set)."""

from __future__ import annotations

import sys

from sobes.interview.settings import Settings


def saved_settings() -> Settings:
    """The data folder's settings; each value that could not be used is named on stderr, and the default is used."""
    settings, notices = Settings.load()
    for notice in notices:
        print(f"sobes: внимание: {notice}", file=sys.stderr)
    return settings
