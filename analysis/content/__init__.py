"""What the answer said: what its kind of question asks for (covered or missing), relevance, STAR for stories,
ownership, numbers, vagueness, follow-up questions.

Rule-based and offline, on the timed transcript; ``analyze_content`` in
``section.py`` assembles the report's ``content`` section.
"""
