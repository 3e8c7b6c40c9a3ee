"""Build assets/questions/*.yaml from the guides' question bank (shared/seed_digest.md §3–§4).

    python tools/build_question_bank.py [--digest ../shared/seed_digest.md]

Run once by a developer; the YAML it writes is the human-edited source from
then on (re-running overwrites it, so edit this script's tables instead if
the digest changes). Every question of §3 becomes one entry with its seed ID,
reworded only to be spoken: topic markers, stage directions in parentheses
and alternative wordings are dropped, role-play scenarios get a spoken frame.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "questions"

SECTION_STAGE = {
    "3.1": "phone_screening", "3.2": "hr", "3.3": "hr", "3.4": "behavioral", "3.5": "stress",
    "3.6": "motivation", "3.7": "manager", "3.8a": "role_play", "3.8b": "role_play", "3.9a": "cases",
    "3.9b": "cases", "3.10": "cases", "3.11": "cases", "3.12": "hr", "3.13": "manager", "3.14": "offer",
    "3.15": "manager", "3.16": "manager",
}
ROLE_CODES = {"CRM": "client_manager", "CM": "client_manager", "SSS": "sales_support", "AM": "account_manager",
              "KAM": "account_manager", "CSM": "account_manager", "PM": "product_manager"}
TIMES = {  # answer type -> (think s, answer s)
    "star": (20, 180), "self_presentation": (10, 90), "short": (10, 90), "role_play": (15, 120),
    "phone_opening": (0, 30),
}
STAGE_TIMES = {"phone_screening": (3, 60), "cases": (60, 180), "stress": (5, 90)}

# Spoken forms for rows that are directions, dialogue lines or placeholders rather than questions.
SPOKEN = {
    "PHN-08": "Какие задачи на прошлом месте работы похожи на задачи в нашей компании? Какие ваши навыки там были "
              "востребованы?",
    "STR-10": "Назовите десять способов использования газеты. Быстрее, у вас мало времени!",
    "OFF-01": "Мы готовы предложить вам девяносто тысяч рублей. Что скажете?",
    "OFF-02": "Мы можем предложить вам сто тысяч рублей плюс бонусы.",
    "OFF-03": "Мы ждём вашего решения по нашему предложению. Какие у вас есть вопросы?",
    "OFF-04": "Какие у вас есть вопросы о ресурсах и инструментах для достижения целей?",
    "OFF-05": "Какие вопросы о развитии и обучении вы хотели бы задать?",
    "PRES-T2": "Подготовьте короткую презентацию на тему «Наш новый сервис для клиентов» и проведите её.",
    "RPS-22": "Я уже неделю жду доставку, а её всё нет! Я очень недоволен вашей работой!",
    "RPS-24": "Добрый день. Да, я получил ваше коммерческое предложение. Что дальше?",
}
# What the guides show for a question: (good, bad) examples, by seed_digest §4.1 row number.
EXAMPLES = {
    "HR-01": 1, "HR-06": 1, "CX-02": 1, "PHN-01": 3, "HR-04": 5, "BEH-04": 5, "CX-09": 6, "CX-05": 6,
    "HR-03": 7, "PHN-06": 8, "HR-09": 8, "STR-04": 8, "PHN-04": 9, "HR-10": 9, "RPS-16": 10, "RPS-22": 11,
    "RPS-11": 12, "BEH-01": 14, "CX-07": 16, "PRES-T1": 17, "OFF-01": 18, "OFF-02": 19,
}
HINTS = {
    "star": ["Структура STAR: ситуация, задача, ваши действия, результат (000 L263–266).",
             "Результат — в цифрах, и будьте готовы объяснить, как их посчитали (000 L281).",
             "Говорите «я», а не «мы»: покажите свой вклад (001 L296)."],
    "self_presentation": ["Кто вы → опыт и достижения с цифрами → почему эта компания (000 L64–67).",
                          "60–90 секунд, без слов-паразитов."],
    "short": ["Отвечайте по существу и приведите конкретный пример (000 L100)."],
    "role_play": ["Выслушайте, проявите эмпатию, уточните детали, предложите решение со сроком и проверьте "
                  "согласие клиента (001 L187–192)."],
    "phone_opening": ["Поздоровайтесь, назовите себя и подтвердите, что вам удобно говорить (001 L101, 000 L100)."],
}
# Questions the guides ask of one role but that any candidate meets (achievement, weaknesses, salary…):
# offered to every role. The bank keeps the seed's source line.
GENERIC = {"PHN-02", "PHN-03", "PHN-04", "PHN-06", "HR-02", "HR-03", "HR-05", "BEH-01", "BEH-02", "BEH-03",
           "BEH-04", "STR-02", "STR-03", "STR-05", "STR-06", "STR-07", "STR-09", "MOT-02", "MOT-03", "MOT-04",
           "MGR-01", "CQ-01", "CQ-02", "CQ-03", "CQ-04", "OFF-01", "OFF-02", "OFF-03", "OFF-04", "OFF-05"}
ALL_ROLES = sorted(set(ROLE_CODES.values()))
PM_SOURCE = "004 L3–L17 (product manager skills: product, customers, analytics, cross-functional work); derived"
EXTRA = [  # guide-derived questions for stages the bank covers thinly; marked derived
    {"id": "SELF-01", "text": "Расскажите, пожалуйста, о себе.", "stage": "self_presentation",
     "roles": list(dict.fromkeys(ROLE_CODES.values())), "answer_type": "self_presentation",
     "source": "000 L64–67; 001 L76–80 (examples of self-presentation)", "derived": True},
    {"id": "SELF-02",
     "text": "Представьтесь и за одну-две минуты расскажите, чем вы будете полезны нашей компании.",
     "stage": "self_presentation", "roles": list(dict.fromkeys(ROLE_CODES.values())),
     "answer_type": "self_presentation", "source": "000 L120 («четко и лаконично рассказать о себе»)",
     "derived": True},
    {"id": "PHN-00", "text": "Алло, добрый день! Меня зовут Ольга, я рекрутер. Я звоню по поводу вашего резюме. "
                             "Вам удобно сейчас говорить?",
     "stage": "phone_screening", "roles": list(dict.fromkeys(ROLE_CODES.values())), "answer_type": "phone_opening",
     "source": "001 L101; 000 L100 (opening of a phone screening)", "derived": True},
    {"id": "DRV-PM-04", "text": "Расскажите о продукте, за который вы отвечали: какую проблему клиентов он решал и "
                                "как вы это проверяли?", "stage": "behavioral", "roles": ["product_manager"],
     "answer_type": "star", "source": PM_SOURCE, "derived": True},
    {"id": "DRV-PM-05", "text": "Как вы собираете обратную связь от клиентов и решаете, что из неё брать в работу?",
     "stage": "hr", "roles": ["product_manager"], "answer_type": "short", "source": PM_SOURCE, "derived": True},
    {"id": "DRV-PM-06", "text": "Расскажите о запуске, который пошёл не по плану. Что вы сделали и чем всё "
                                "закончилось?", "stage": "behavioral", "roles": ["product_manager"],
     "answer_type": "star", "source": PM_SOURCE, "derived": True},
    {"id": "DRV-PM-07", "text": "Какими метриками вы измеряете успех продукта и как считаете каждую из них?",
     "stage": "manager", "roles": ["product_manager"], "answer_type": "short", "source": PM_SOURCE,
     "derived": True},
    {"id": "DRV-PM-08", "text": "Как вы договариваетесь с разработкой и продажами, когда у них разные "
                                "приоритеты?", "stage": "stress", "roles": ["product_manager"],
     "answer_type": "short", "source": PM_SOURCE, "derived": True},
    {"id": "DRV-PM-09", "text": "Почему вы хотите развивать продукт именно в нашей компании?", "stage": "motivation",
     "roles": ["product_manager"], "answer_type": "short", "source": PM_SOURCE, "derived": True},
]


def parse_tables(digest: str) -> list[dict]:
    rows, section = [], None
    for line in digest.splitlines():
        heading = re.match(r"^### (3\.\d+[ab]?)\b", line)
        if heading:
            section = heading.group(1)
            continue
        if line.startswith("## ") and not line.startswith("## 3."):
            section = None if not line.startswith("## 3") else section
        if section is None or section == "3.0" or not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not re.match(r"^[A-Z]+(-[A-Z0-9]+)+$", cells[0]):
            continue
        if section == "3.16":
            qid, text, role, basis = cells[:4]
            rows.append({"id": qid, "text": text, "type": "", "roles": role, "source": basis, "section": section,
                         "derived": True})
        else:
            qid, text, qtype, role, source = cells[:5]
            rows.append({"id": qid, "text": text, "type": qtype, "roles": role, "source": source,
                         "section": section, "derived": False})
    return rows


def parse_examples(digest: str) -> dict[int, tuple[str, str]]:
    start = digest.index("### 4.1")
    examples = {}
    for line in digest[start:digest.index("### 4.2")].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].isdigit():
            examples[int(cells[0])] = (cells[2], cells[3])
    return examples


def spoken(row: dict) -> str:
    if row["id"] in SPOKEN:
        return SPOKEN[row["id"]]
    text = row["text"].replace("[тема]", "").strip()
    text = text.split(" / ")[0].strip()
    text = re.sub(r"\s*\((?:если|Даже|Неправомерный|Следует|есть|репетиция|5 мин|в HR|в блоке)[^)]*\)", "", text)
    text = re.sub(r"\s*\(в HR-блоке[^)]*\)", "", text)
    text = text.replace("[Название компании]", "вашей компании").replace("?.", "?").strip()
    text = re.sub(r"(\w)/(\w)", r"\1 или \2", text)
    if row["section"] == "3.8a":
        scenario = text.removeprefix("Ситуация:").removeprefix("Сценарий:").strip()
        return f"Ролевая игра. {scenario} Я — клиент, вы — менеджер. Начинайте разговор."
    if text and text[-1] not in ".?!»":
        text += "?" if re.match(r"^(Как|Что|Почему|Какие|Какой|Какая|Каков|Готовы|Сколько|Насколько|Способны|"
                                r"Зачем|Где|Когда|Чем|Многозадачность|Вы )", text) else "."
    return text


def answer_type(row: dict, stage: str) -> str:
    qtype = row["type"].lower()
    if row["id"] == "PHN-01" or "самопрезентац" in qtype:
        return "self_presentation"
    if stage == "role_play" and row["section"] == "3.8a":
        return "role_play"
    if "star" in qtype or "поведенческ" in qtype:
        return "star"
    return "short"


def build(digest_path: Path) -> dict[str, list[dict]]:
    digest = digest_path.read_text(encoding="utf-8")
    examples = parse_examples(digest)
    by_stage: dict[str, list[dict]] = {}
    for row in parse_tables(digest):
        stage = SECTION_STAGE[row["section"]]
        if row["section"] == "3.12" and row["id"].startswith("AM-ST"):
            stage = "stress"
        kind = answer_type(row, stage)
        think, answer = STAGE_TIMES.get(stage, TIMES[kind])
        if kind == "self_presentation" and stage != "phone_screening":
            think, answer = TIMES[kind]
        roles = sorted({ROLE_CODES[code] for code in re.findall(r"\b(CRM|CM|SSS|AM|KAM|CSM|PM)\b", row["roles"])})
        if row["id"] in GENERIC:
            roles = ALL_ROLES
        entry = {
            "id": row["id"], "text": spoken(row), "stage": stage, "roles": roles or sorted(set(ROLE_CODES.values())),
            "answer_type": kind, "think_s": think, "answer_s": answer,
            "competencies": [t.strip() for t in re.split(r"[,;/()]", row["type"]) if t.strip()][:4],
            "hints": list(HINTS[kind]), "source": row["source"],
        }
        if row["text"] != entry["text"]:
            entry["original"] = row["text"]
        if row["derived"]:
            entry["derived"] = True
        if row["id"] in EXAMPLES:
            good, bad = examples[EXAMPLES[row["id"]]]
            entry["good_example"], entry["bad_example"] = good, bad
        if row["id"] == "STR-08":
            entry["purpose"] = "practise_refusal"
            entry["hints"] = ["Вопрос неправомерен: вежливо уйдите от ответа и верните разговор к работе "
                              "(001 L332). Например: «Мои планы не повлияют на работу. Давайте я расскажу, "
                              "как я организую свою работу»."]
        by_stage.setdefault(stage, []).append(entry)
    for extra in EXTRA:
        kind = extra["answer_type"]
        think, answer = TIMES[kind]
        entry = {**extra, "think_s": think, "answer_s": answer, "competencies": [], "hints": list(HINTS[kind])}
        by_stage.setdefault(extra["stage"], []).insert(0, entry)
    return by_stage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digest", type=Path, default=ROOT.parent / "shared" / "seed_digest.md")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for stage, entries in build(args.digest).items():
        header = (f"# Sobes question bank: stage '{stage}'. Built from shared/seed_digest.md by "
                  "tools/build_question_bank.py, then edited by hand.\n# Schema: docs/questions.md\n")
        body = yaml.safe_dump({"stage": stage, "questions": entries}, allow_unicode=True, sort_keys=False, width=110)
        (OUT / f"{stage}.yaml").write_text(header + body, encoding="utf-8")
        print(f"{stage}: {len(entries)}")


if __name__ == "__main__":
    main()
