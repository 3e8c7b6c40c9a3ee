"""PySide6 user interface; holds no analysis or session logic."""
