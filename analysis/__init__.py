"""Speech analysis engine: audio loading, transcription and the analysis report.

Qt-free by design; the desktop app and the CLI both call into this package.
"""
