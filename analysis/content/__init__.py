"""What the answer said: STAR structure, ownership, numbers, vagueness, follow-up questions.

Rule-based and offline, on the timed transcript; ``analyze_content`` in
``section.py`` assembles the report's ``content`` section.
"""
