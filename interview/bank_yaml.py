"""Reading a question bank's YAML safely: bounded in size, depth and expansion, lines kept for messages.

A bank may be a user's own file, or one found on the internet. PyYAML's safe
loader constructs no objects, but it still follows aliases (a few lines can
stand for billions of nodes), recurses into any nesting, takes ``yes`` or
``1`` as a key and parses integers of any length. This loader refuses each of
these with the line where it happens, in bounded time and memory, before any
value is built. It also records each mapping's line (``__line__``) so that
every problem can be reported as ``file:line``.
"""

from __future__ import annotations

import unicodedata

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 6  # file → questions → question → hints → hint is 5 deep
MAX_NODES = 20_000  # 20 times the largest bundled file (hr.yaml: 914); ~0.5 s to reach; aliases count in full
MAX_INT_DIGITS = 12
LINE_KEY = "__line__"
_STR_TAG = "tag:yaml.org,2002:str"


class BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with limits; raises ``yaml.YAMLError`` subclasses that carry a mark."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0
        self._measured: dict[int, tuple[int, int] | None] = {}  # id(node) -> (size, height); None: in progress
        self._open: set[str] = set()  # anchors of nodes still being composed

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            if self.peek_event().anchor in self._open:
                raise ComposerError(None, None, "ссылка * указывает на саму себя", mark)
            node = super().compose_node(parent, index)
            assert node is not None  # an alias always stands for a node
            size, height = self._measure(node, mark)
            self._count(size, mark)
            if self._depth + height > MAX_DEPTH:
                raise ComposerError(None, None, f"вложенность глубже {MAX_DEPTH} уровней", mark)
            return node
        mark = self.peek_event().start_mark
        anchor = getattr(self.peek_event(), "anchor", None)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ComposerError(None, None, f"вложенность глубже {MAX_DEPTH} уровней", mark)
        if anchor:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)
        self._count(1, mark)
        return node

    def _count(self, nodes: int, mark) -> None:
        self._nodes += nodes
        if self._nodes > MAX_NODES:
            raise ComposerError(None, None, f"в файле больше {MAX_NODES} элементов (с учётом ссылок *)", mark)

    def _measure(self, node: Node, mark) -> tuple[int, int]:
        """Nodes and levels ``node`` stands for, counting what its aliases repeat."""
        key = id(node)
        if key in self._measured:
            known = self._measured[key]
            if known is None:
                raise ComposerError(None, None, "ссылка * указывает на саму себя", mark)
            return known
        self._measured[key] = None
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        size, height = 1, 1
        for child in children:
            child_size, child_height = self._measure(child, mark)
            size += child_size
            height = max(height, child_height + 1)
            if size > MAX_NODES:
                break
        self._measured[key] = (size, height)
        return size, height

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                raise ConstructorError(None, None, "ключ должен быть текстом (имя поля)", key_node.start_mark)
            if key_node.value in seen:
                raise ConstructorError(None, None, f"поле «{short(key_node.value)}» повторяется",
                                       key_node.start_mark)
            seen.add(key_node.value)
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def construct_yaml_int(self, node):
        digits = str(node.value).lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            raise ConstructorError(None, None, "слишком длинное число", node.start_mark)
        return super().construct_yaml_int(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)


def parse(text: str):
    """The document in ``text``; ``yaml.YAMLError`` (with a mark) when it is malformed or over a limit."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


# PyYAML's own sentences, in Russian; the limits above already speak Russian
_PROBLEMS = [
    ("found undefined alias", "ссылка * на несуществующую метку &"),
    ("mapping values are not allowed", "двоеточие здесь не к месту: проверьте отступы и кавычки"),
    ("cannot start any token", "недопустимый символ (табуляция? используйте пробелы)"),
    ("could not find expected ':'", "не хватает двоеточия после имени поля"),
    ("found unexpected end of stream", "файл обрывается: не закрыты кавычка или скобка"),
    ("found unhashable key", "ключ должен быть текстом (имя поля)"),
    ("expected <block end>", "неверный отступ"),
    ("did not find expected key", "неверный отступ или лишний символ"),
    ("did not find expected", "неверная разметка: не закрыта скобка или кавычка"),
    ("expected ',' or ']'", "не закрыта квадратная скобка"),
    ("expected ',' or '}'", "не закрыта фигурная скобка"),
    ("could not determine a constructor", "неизвестный тег ! (теги не нужны: уберите его)"),
    ("found character", "недопустимый символ"),
    ("found duplicate anchor", "метка & повторяется"),
]


def error_line(exc: yaml.YAMLError) -> tuple[int, str]:
    """The 1-based line and the problem, in one Russian line, of a YAML error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    if problem.isascii():  # one of PyYAML's own
        problem = next((russian for english, russian in _PROBLEMS if english in problem), "неверная разметка YAML")
    return (mark.line + 1 if mark else 1), problem


def short(value: object, limit: int = 40) -> str:
    text = " ".join(without_control_characters(str(value)).split())
    return text if len(text) <= limit else text[:limit] + "…"


# Bidirectional overrides and isolates turn text around on screen (a question could read as something else)
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_CONTROLS = frozenset("\n\t")


def _is_control(char: str) -> bool:
    return char in _BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS)


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds terminal escapes, bells, other control characters or bidi overrides."""
    return any(_is_control(char) for char in text)


def without_control_characters(text: str) -> str:
    """``text`` with the characters ``has_control_characters`` looks for removed: safe to print."""
    return "".join(char for char in text if not _is_control(char))
