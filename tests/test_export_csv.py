"""The CSV export reads as the candidate's own table: Russian column names with units, the question's text and
its number in the session (no ids or codes), Russian states and verdicts, local times a person reads. The JSON
export stays the versioned contract (ids and codes) for programs."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from sobes.analysis.engine import Analyzer
from sobes.cli.main import main
from sobes.interview.export import CSV_METRICS, session_csv, session_json
from sobes.interview.history import METRIC_COLUMNS
from sobes.interview.session import Step
from tests.fakes import FakeWhisper
from tests.judges import DEFAULT

ASKED = "Расскажите о случае, когда вы вернули недовольного клиента."


@pytest.fixture
def stored(history, fixtures_dir):
    """A session with one analysed answer (the real analysis on a scripted transcriber) and one never analysed."""
    session_id = history.start_session("full", "client_manager")
    analysed = history.add_recorded(session_id, Step("BEH-04-F-number", ASKED, "star", 0, 0),
                                    fixtures_dir / "star.wav", 12.6)
    report = Analyzer.with_model(FakeWhisper(), "scripted", DEFAULT).analyze_file(fixtures_dir / "star.wav")
    history.add_report(analysed, report)
    history.add_recorded(session_id, Step("HR-10", "Какую зарплату вы ожидаете?", "open", 0, 0),
                         fixtures_dir / "intro.wav", 5.0)
    return session_id


def _table(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # a spreadsheet reads the Cyrillic as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_every_stored_metric_has_a_russian_column_with_its_unit():
    assert set(CSV_METRICS) == set(METRIC_COLUMNS)
    for name, _ in CSV_METRICS.values():
        assert "," in name and not re.search(r"[A-Za-z_]", name), name


def test_the_csv_is_russian_from_header_to_values(history, stored):
    text = session_csv(history, stored)
    rows = _table(text)
    first, second = rows
    assert first["№"] == "1" and first["Вопрос"] == ASKED and second["№"] == "2"
    assert first["Состояние"] == "разобран" and second["Состояние"] == "записан, ждёт разбора"
    assert first["Речь"] in ("хорошо", "есть что улучшить", "нужна работа")
    assert first["Темп, слов в минуту"].isdigit()
    assert "," in first["Длительность, с"] or first["Длительность, с"].isdigit()  # a decimal comma
    assert second["Темп, слов в минуту"] == ""  # nothing measured is an empty cell, not "None"
    recorded = datetime.strptime(first["Записан"], "%d.%m.%Y %H:%M")
    stored_at = datetime.fromisoformat(history.answers(stored)[0]["recorded_at"]).astimezone()
    assert recorded == stored_at.replace(second=0, microsecond=0, tzinfo=None)  # this computer's time
    for phantom in ("answer_id", "BEH-04", "HR-10", "analyzed", "recorded", "good", "problem", "attention",
                    "None", "+00:00", "_"):
        assert phantom not in text, phantom
    words = re.findall(r"[A-Za-z]+", text)
    assert set(words) <= {"STAR"}, words


def test_the_json_export_keeps_ids_and_codes_for_programs(history, stored):
    document = json.loads(session_json(history, stored))
    assert [a["question_id"] for a in document["answers"]] == ["BEH-04-F-number", "HR-10"]
    assert document["answers"][0]["status"] == "analyzed" and document["mode"] == "full"
    assert document["answers"][0]["report"]["schema_version"]


def test_sobes_report_csv_writes_the_same_table(history, stored, tmp_path, capsys):
    out = tmp_path / "session.csv"
    history.close()
    assert main(["report", str(stored), "--csv", str(out), "--db", str(Path(history.path))]) == 0
    rows = _table(out.read_text(encoding="utf-8"))
    assert [row["Вопрос"] for row in rows] == [ASKED, "Какую зарплату вы ожидаете?"]
    assert "Сохранено" in capsys.readouterr().out
