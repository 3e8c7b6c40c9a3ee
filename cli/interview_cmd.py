"""`sobes interview`: a whole session in the terminal, on the same runner as the window.

The questions are spoken (and printed), the answers recorded from the
microphone; Enter starts an answer before its think time is over and ends
it, or ``--seconds N`` ends each answer after N seconds. Each answer's
feedback is printed when it is analysed, then the summary; the session is
stored in the same history as the window's.

On the phone an answer's line check (how much of it survives the phone
line) is printed with that answer's feedback: the runner holds the next
question (``hold_for_review``) until the check is in, and the terminal lets
it go on at once everywhere else.

A role play (``--mode role_play``, ``--scenario N``): the client speaks
first («Клиент · реплика 1: …»), each reply is recorded as an answer is, the
client answers back, then the questions about the role play; the review of
the conversation closes the summary (headline, outcome, fixes with the reply
and the moment they point to).
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time

from sobes.analysis.engine import Analyzer
from sobes.analysis.labels import marks_text
from sobes.cli.arguments import number
from sobes.cli.questions_cmd import question_of, scenario_of
from sobes.cli.saved import saved_settings
from sobes.cli.summary import format_summary
from sobes.core.errors import InputError
from sobes.interview import events
from sobes.interview.bank_yaml import without_control_characters as printable
from sobes.interview.history import History
from sobes.interview.instance_lock import InstanceLock
from sobes.interview.paths import data_dir
from sobes.interview.plans import MODES, plan, scenario_for
from sobes.interview.question_bank import ROLES, STAGES, load_bank
from sobes.interview.role_play_text import conversation_lines, scenario_brief
from sobes.interview.runner import SessionRunner
from sobes.interview.session import ENDED
from sobes.interview.settings import Settings

TICK_S = 0.05


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("interview", help="тренировка в терминале: вопросы вслух, ответы в микрофон")
    parser.add_argument("--role", choices=list(ROLES), default=None, metavar="РОЛЬ",
                        help="роль: " + ", ".join(f"{key} — {name}" for key, name in ROLES.items())
                        + " (по умолчанию — из настроек)")
    parser.add_argument("--mode", choices=list(MODES), default="full", metavar="РЕЖИМ",
                        help="вид тренировки: " + ", ".join(f"{key} — {name.lower()}" for key, name in MODES.items())
                        + " (по умолчанию full)")
    parser.add_argument("--stage", choices=list(STAGES), default=None, metavar="ЭТАП",
                        help="этап, для --mode stage: " + ", ".join(f"{key} — {name}" for key, name in STAGES.items()))
    parser.add_argument("--question", default=None, metavar="НОМЕР",
                        help="вопрос для --mode retake: его номер из sobes questions")
    parser.add_argument("--scenario", default=None, metavar="НОМЕР",
                        help="ситуация для --mode role_play: её номер из sobes questions, раздел «Ролевые игры с "
                        "клиентом» (по умолчанию — случайная для роли)")
    parser.add_argument("--seconds", type=number(1, 1800, " с"), default=None, metavar="СЕКУНДЫ",
                        help="заканчивать каждый ответ через столько секунд (иначе — по Enter или по лимиту времени)")
    parser.add_argument("--think", type=number(0, 600, " с"), default=None, metavar="СЕКУНДЫ",
                        help="время подумать перед ответом, в секундах (по умолчанию — как у вопроса)")
    parser.add_argument("--silent", action="store_true", help="показывать вопросы, не произнося их")
    parser.add_argument("--hints", action="store_true", help="показывать под вопросом, как на него отвечать")
    parser.add_argument("--seed", type=int, default=None, metavar="ЧИСЛО",
                        help="с тем же числом вопросы выбираются те же, что в прошлый раз")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = saved_settings()
    role = args.role or settings.role
    bank = load_bank()
    question_id = question_of(bank, args.question).id if args.mode == "retake" else None
    if args.mode == "stage" and args.stage is None:
        raise InputError("для --mode stage укажите этап, например --stage hr; все этапы — в sobes interview --help")
    if args.scenario is not None and args.mode != "role_play":
        raise InputError("--scenario выбирает ролевую игру: добавьте --mode role_play")
    scenario = _scenario(bank, args, role) if args.mode == "role_play" else None
    questions = plan(bank, args.mode, role=role, stage=args.stage, question_id=question_id, seed=args.seed)
    if not questions and scenario is None:
        raise InputError(f"для роли «{ROLES.get(role, role)}» в этом режиме нет вопросов: выберите другой этап")
    if args.think is not None:
        questions = [_with(q, think_s=int(args.think)) for q in questions]
    if args.seconds is not None:
        questions = [_with(q, answer_s=max(5, int(round(args.seconds)))) for q in questions]
    lock = InstanceLock().acquire()  # the window would write the same history
    history = History()
    history.recover_after_crash()
    try:
        return _session(args, settings, role, questions, history, scenario)
    finally:
        history.close()
        lock.release()


def _scenario(bank, args: argparse.Namespace, role: str):
    """The role play asked for by its number, or one of the role's."""
    if args.scenario is not None:
        return scenario_of(bank, args.scenario)
    found = scenario_for(bank, role, seed=args.seed)
    if found is None:
        raise InputError(f"для роли «{ROLES.get(role, role)}» ролевых игр нет: выберите другую роль или укажите "
                         "--scenario НОМЕР из sobes questions")
    return found


def _with(question, **changes):
    from dataclasses import replace

    return replace(question, **changes)


def _session(args, settings: Settings, role: str, questions, history: History, scenario=None) -> int:
    analyzer = Analyzer(settings.model or None, settings.judge())
    print(f"Собеседование: {MODES[args.mode]}, роль «{ROLES.get(role, role)}». Готовим модель…", flush=True)
    if scenario is not None:
        print(f"Ситуация: {printable(scenario.title)}\n{printable(scenario_brief(scenario))}", flush=True)
    analyzer.prepare()
    terminal = Terminal(seconds=args.seconds, hints=args.hints, think=args.think)
    runner = SessionRunner(analyzer=analyzer, history=history, recordings=data_dir() / "recordings",
                           on_event=terminal.show, input_device=settings.input_device or None,
                           output_device=settings.output_device or None,
                           speak=not args.silent and settings.voice == "festival", hold_for_review=True)
    terminal.runner = runner
    if scenario is not None:
        runner.begin([], mode=args.mode, role=role, follow_ups=False, phone=scenario.phone, scenario=scenario)
    else:
        runner.begin(questions, mode=args.mode, role=role, follow_ups=settings.follow_ups,
                     phone=args.mode == "phone")
    try:
        while runner.state not in ENDED or runner.busy:  # the last answer's phone check may still come
            runner.tick()
            terminal.poll()
            time.sleep(TICK_S)
    except KeyboardInterrupt:
        runner.close()
        print("\nСобеседование прервано; записанные ответы сохранены в истории.", file=sys.stderr)
        return 130
    runner.close()
    return 0 if runner.state == "summary" else 1


class Terminal:
    """The runner's events as lines on the terminal; Enter (read on a thread) starts and ends answers."""

    def __init__(self, *, seconds: float | None, hints: bool = False, think: float | None = None):
        self.seconds = seconds
        self.hints = hints
        self.think = think  # --think: also for the questions the session adds (after a role play, follow-ups)
        self._thinking_since: float | None = None
        self.runner: SessionRunner | None = None
        self.summary: dict | None = None
        self.where = ""  # "Вопрос 2 из 5" of the question being answered
        self.turn = 0  # a role play's reply being given (0: a question)
        self._answer_started: float | None = None  # when recording began, for --seconds
        self._awaiting_phone: int | None = None  # the take whose phone-line check holds the next question
        self._keys: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.reads_keys = seconds is None and sys.stdin is not None and sys.stdin.isatty()
        if self.reads_keys:
            threading.Thread(target=self._read_keys, name="terminal-keys", daemon=True).start()

    def _read_keys(self) -> None:
        for line in sys.stdin:
            self._keys.put(line)

    def poll(self) -> None:
        """Enter: start the answer now during the think time, or end it while recording. A phone check that
        ended without its result (it failed; the runner logged it) no longer holds the next question."""
        if self._awaiting_phone is not None and self.runner is not None and not self.runner.busy:
            self._go_on()
        self._end_answer_on_time()
        self._end_thinking_on_time()
        if self.runner is not None and self.runner.state == "reading" and not self.reads_keys:
            self.runner.question_read()  # no Enter to wait for: the think time starts with the printed question
        while not self._keys.empty():
            self._keys.get()
            if self.runner is None:
                continue
            if self.runner.state == "reading":  # the question could not be spoken: read, thinking starts now
                self.runner.question_read()
            elif self.runner.state == "think":
                self.runner.start_answer_now()
            elif self.runner.state == "answer":
                self.runner.stop_answer()

    def _state_line(self, state: str) -> str | None:
        """What the candidate does now; in a role play the client is answered."""
        if self.turn:
            return {"reading": "Прочитайте реплику клиента выше." + (" Enter — начать отвечать." if self.reads_keys
                                                                     else ""),
                    "answer": "Отвечайте клиенту: идёт запись." + ("" if self.seconds else " Enter — закончить ответ."),
                    }.get(state)
        return {"reading": "Прочитайте вопрос выше." + (" Enter — начать обдумывание." if self.reads_keys else ""),
                "think": "Время подумать." + ("" if self.seconds else " Enter — начать отвечать."),
                "answer": "Говорите: идёт запись." + ("" if self.seconds else " Enter — закончить ответ."),
                "analysis": "Анализируем ответ…"}.get(state)

    def show(self, event: events.Event) -> None:
        if isinstance(event, events.QuestionAsked):
            self.where = event.where
            self.turn = event.step.turn
            print(f"\n{event.where or 'Вопрос'}: {printable(event.step.text)}", flush=True)
            if self.hints and event.step.how_to_answer:
                hints = "\n".join(f"  • {printable(line)}" for line in event.step.how_to_answer)
                print("Как отвечать:\n" + hints, flush=True)
        elif isinstance(event, events.StateChanged):
            self._answer_started = time.monotonic() if event.state == "answer" else None
            self._thinking_since = time.monotonic() if event.state == "think" else None
            line = self._state_line(event.state)
            if line:
                print(line, flush=True)
        elif isinstance(event, events.TakeAnalysed):
            self._analysed(event.take)
        elif isinstance(event, events.PhoneChecked):
            print(f"Через телефонную линию расшифровка совпала на {round(event.check.agreement * 100)} %.",
                  flush=True)
            if event.take.id == self._awaiting_phone:
                self._go_on()
        elif isinstance(event, events.Problem):
            print(f"sobes: внимание: {event.message}", file=sys.stderr, flush=True)
        elif isinstance(event, events.SessionFinished):
            self.summary = event.summary
            print(_summary_text(event.summary), flush=True)


    def _end_answer_on_time(self) -> None:
        """--seconds ends every answer, the interviewer's follow-ups too (their own time limit is the session's,
        not the plan's the command shortened): one asked after a 3-second answer recorded for 90 s. Counted in
        seconds recorded, not since the answer began: the microphone may take a second or two to open on a busy
        machine («--seconds 10» recorded 8.26 s, «--seconds 3» 1 s)."""
        recording = self.runner.recording if self.runner is not None else None
        if self.seconds is None or self._answer_started is None or recording is None:
            return
        if self.runner is not None and self.runner.state == "answer" and recording.level().seconds >= self.seconds:
            self._answer_started = None
            self.runner.stop_answer()

    def _end_thinking_on_time(self) -> None:
        """--think ends every think time, those of the questions the session adds too (the plan's were shortened
        already)."""
        if self.think is None or self._thinking_since is None or self.runner is None:
            return
        if self.runner.state == "think" and time.monotonic() - self._thinking_since >= self.think:
            self._thinking_since = None
            self.runner.start_answer_now()

    def _analysed(self, take) -> None:
        """The answer's feedback, under its question; on the phone its line check is awaited before going on. A
        role play's reply is not reviewed on its own (the client answers back at once): its words are printed."""
        report = take.report
        if self.turn:  # the reply to the client's line last asked
            heard = report.transcript.text.strip() if report is not None and report.speech_detected else ""
            print(f"Вы: {printable(heard)}" if heard else "Вы: (речь не распознана)", flush=True)
            self._go_on()
            return
        if report is not None:
            where = self.where[:1].lower() + self.where[1:]
            print(format_summary(report, heading="Разбор ответа" + (f" на {where}" if where else ""), timing=False),
                  flush=True)
        session = self.runner.session if self.runner is not None else None
        if report is not None and report.speech_detected and session is not None and session.phone:
            self._awaiting_phone = take.id
            print("Проверяем, как этот ответ слышно по телефону…", flush=True)
        else:
            self._go_on()

    def _go_on(self) -> None:
        self._awaiting_phone = None
        if self.runner is not None:
            self.runner.continue_()


def _summary_text(summary: dict) -> str:
    review = summary.get("role_play")
    answers = [a for a in summary.get("answers", []) if not a.get("turn")]  # a role play's replies: in its review
    lines = conversation_lines(review, summary.get("scenario") or {}) if review else []
    lines += ["", "Итоги собеседования:" if not review else "Вопросы после разговора:", f"Ответов: {len(answers)}."]
    for answer in answers:
        lines.append(f"  {answer['question']} — {marks_text(answer.get('content'), answer.get('overall'))}")
    if summary.get("work_on"):
        lines.append("Над чем поработать:")
    for item in summary.get("work_on", []):
        lines.append(f"— {item['title']}: {item['tip']}")
    return "\n".join(lines)

