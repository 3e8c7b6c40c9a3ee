"""The bottom layer every other package may use: errors, safe file access, no network.

Nothing here imports the rest of Sobes, Qt, or anything heavy.
"""
