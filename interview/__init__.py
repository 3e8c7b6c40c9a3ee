"""Question bank, session engine and history storage (Qt-free)."""
