"""Russian names of the report's metrics and STAR parts, and Russian number formatting.

One place for the words the CLI summary, the desktop app and exports show,
so a metric is called the same everywhere.
"""

from __future__ import annotations

from sobes.core.numbers import ru_number

METRIC_NAMES = {
    "tempo": "Темп", "pauses": "Паузы", "latency": "Начало ответа", "fillers": "Слова-паразиты",
    "hesitations": "Заминки", "hedges": "Неуверенность", "pitch": "Интонация", "loudness": "Громкость",
    "noise": "Фон", "star": "Структура STAR", "numbers": "Объяснение цифр", "role": "Ваша роль («я»)",
    "relevance": "Ответ по существу вопроса", "item": "Содержание ответа", "length": "Длина ответа",
}
VERDICT_MARK = {"good": "✓", "attention": "!", "problem": "✗"}  # beside the colour, never colour alone
VERDICT_WORDS = {"good": "хорошо", "attention": "есть что улучшить", "problem": "нужна работа"}
STAR_NAMES = {"situation": "ситуация", "task": "задача", "action": "действия", "result": "результат"}


def overall_text(verdict: str | None) -> str:
    """An answer's overall verdict for people: a mark and words ("✓ хорошо"); "—" when there is none."""
    return f"{VERDICT_MARK[verdict]} {VERDICT_WORDS[verdict]}" if verdict in VERDICT_WORDS else "—"


def marks_text(content: str | None, delivery: str | None) -> str:
    """An answer's two marks, each named: what it said and how it sounded ("содержание: ✗ нужна работа; речь: ✓
    хорошо") — one "✓ хорошо" beside «Ответ не про ожидаемую зарплату» said only how it sounded."""
    marks = [f"содержание: {overall_text(content)}" if content else "", f"речь: {overall_text(delivery)}"]
    return "; ".join(mark for mark in marks if mark)


def in_headline(fix: str, headline: str) -> bool:
    """Whether the headline already says this fix (an off-topic answer's headline is its fix; «Главное — …»
    quotes the first): then it is said once, not again as fix 1."""
    said = fix.strip().rstrip(".").casefold()
    return bool(said) and said in headline.casefold()


def example_or_advice(example: str) -> tuple[str, str]:
    """A bank's "good example" as the review shows it: (heading, text). The guides' «(рекомендация) «назвать
    конкретный диапазон…»» is advice, not words to say: it read «Как это звучит в хорошем ответе: (рекомендация)…»."""
    text = example.strip()
    if text.lower().startswith("(рекомендация)"):
        advice = text[len("(рекомендация)"):].strip().strip("«»").strip()
        return "Что советуют", advice[:1].upper() + advice[1:]
    return "Как это звучит в хорошем ответе", text


def seconds(value: float) -> str:
    """``3.24`` -> ``"3,2 с"``, ``45.03`` -> ``"45 с"``: tenths only where a tenth still matters."""
    return f"{ru_number(value, 0 if value >= 10 else 1)} с"


def clock(seconds: float) -> str:
    """``75.4`` -> ``"1:15"``: a moment in the answer as a player shows it."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def plural(count: int, one: str, few: str, many: str) -> str:
    """``plural(22, "слово", "слова", "слов")`` -> ``"22 слова"``: Russian agreement with a number."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} {one}"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} {few}"
    return f"{count} {many}"


# the units whose noun agrees with the number before it (a norm's unit, analysis.norms): its three forms
_AGREEING = {"слов": ("слово", "слова", "слов"), "раз": ("раз", "раза", "раз"),
             "полутона": ("полутон", "полутона", "полутонов")}


def amount(value: float, unit: str) -> str:
    """A figure and its unit as a reader writes them: ``123, "слов в минуту"`` -> ``"123 слова в минуту"``,
    ``3, "раз"`` -> ``"3 раза"``, ``2.5, "полутона"`` -> ``"2,5 полутона"`` (a fraction takes the «2,5 слова»
    form); other units as they are (``"3 с"``, ``"6 на 100 слов"``)."""
    number = f"{value:g}".replace(".", ",")
    noun, _, rest = unit.partition(" ")
    forms = _AGREEING.get(noun)
    if forms is None:
        return f"{number} {unit}".rstrip()
    agreed = forms[1] if value != int(value) else plural(int(value), *forms).split(" ", 1)[1]
    return " ".join(part for part in (number, agreed, rest) if part)


def times(count: int) -> str:
    """``1`` -> ``"1 раз"``, ``3`` -> ``"3 раза"``, ``12`` -> ``"12 раз"``."""
    return plural(count, "раз", "раза", "раз")


def words(count: int) -> str:
    return plural(count, "слово", "слова", "слов")


def pace(words_per_min: float) -> str:
    """``101.4`` -> ``"101 слово в минуту"``: tempo as it is judged and shown everywhere (whole words)."""
    return f"{words(round(words_per_min))} в минуту"


def pace_range(low: float, high: float) -> str:
    """``90, 172`` -> ``"90–172 слова в минуту"`` (the number next to the noun decides its form)."""
    return f"{round(low)}–{pace(high)}"


def verdict_value(metric: str, value: float | None) -> str:
    """A verdict's figure with its unit, rounded for people: the same words in the review, exports and CLI."""
    if value is None:
        return "—"
    return {
        "tempo": pace(value),
        # the silence before the first word is the latency's, never "the longest pause" of the answer
        "pauses": f"внутри ответа самая длинная {seconds(value)}" if value else "внутри ответа пауз нет",
        "latency": f"первое слово через {seconds(value)}",
        "fillers": f"{ru_number(value)} на 100 слов",
        "hesitations": f"{ru_number(value)} в минуту",
        "hedges": f"{ru_number(value)} на 100 слов",
        "pitch": f"разброс {ru_number(value)} полутона",
        "loudness": f"{ru_number(value, 0)} дБ",
        "noise": f"речь громче фона на {ru_number(value, 0)} дБ",
    }.get(metric, ru_number(value))
