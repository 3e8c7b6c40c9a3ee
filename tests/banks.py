"""A user's own question bank of one good question: what the tests of reading banks start from and spoil."""

ONE_QUESTION = """questions:
- id: MY-01
  text: Расскажите о своём лучшем проекте.
  stage: behavioral
  roles: [client_manager]
  answer_type: star
  think_s: 20
  answer_s: 120
  source: my own
"""
