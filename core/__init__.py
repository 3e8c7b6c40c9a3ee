"""The bottom layer every other package may use: errors, safe file access, no network, the cache folder, audio
files decoded and resampled (FFmpeg, loaded on first use), and numbers written the Russian way.

Nothing here imports the rest of Sobes, Qt, or anything heavy at import time. ``audio`` (devices) and
``analysis`` (judging speech) both stand on it and never import each other.
"""
