"""Files the app ships with (question banks, the demo answer), read through ``importlib.resources``."""
