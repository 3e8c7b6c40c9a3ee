"""The headless `sobes` command line: a thin layer over the Qt-free engine."""
