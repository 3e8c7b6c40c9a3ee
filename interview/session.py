"""The interview session as a state machine: it decides what happens next and does nothing itself.

intro → question (spoken; read on screen when no voice can say it) → think → answer (recording) → saving →
analysis →
[follow-up question from the content analysis] → next … → summary.

The session asks for effects (speak this, play that cue, start or stop
recording, analyse that take) through ``on_effect``, and is told what
happened through its event methods (``prompt_finished``, ``answer_recorded``,
``analysis_done``…). ``tick(now)`` advances the timers. It touches no file,
database or device: ``interview.runner`` carries out the effects, and the
tests drive it with a fake clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sobes.analysis.content.conversation import ReplyBehaviours, reply_behaviours
from sobes.analysis.content.section import QuestionContext
from sobes.analysis.judge import Judge
from sobes.analysis.report import Report
from sobes.interview.conversation import ClientLine, Conversation
from sobes.interview.how_to_answer import how_to_answer
from sobes.interview.question_bank import Question

logger = logging.getLogger(__name__)

FOLLOW_UP_ANSWER_S = 90
FOLLOW_UP_THINK_S = 5
REPLY_ANSWER_S = 90  # a reply to the client: the guides' role play is a conversation, not a monologue
# the guides' questions after a role play (seed_digest §3.8b, RPQ-05, RPQ-06, RPQ-08), asked in the
# interviewer's voice; judged as short answers: a reflection has no checklist to miss
DEBRIEF = ("Что вы чувствовали в этой ситуации?", "Какие альтернативные решения вы могли бы предложить?",
           "Оцените свои действия в этой ролевой игре. Что получилось хорошо, а что можно было бы улучшить?")
DEBRIEF_THINK_S, DEBRIEF_ANSWER_S = 10, 90

# states
IDLE, INTRO, QUESTION, READING, THINK, ANSWER, SAVING, SKIPPING, RETRYING, ANALYSIS, PAUSED, SUMMARY, ABORTED = (
    "idle", "intro", "question", "reading", "think", "answer", "saving", "skipping", "retrying", "analysis",
    "paused", "summary", "aborted")
ENDED = (SUMMARY, ABORTED)


@dataclass
class Step:
    """One question to ask: from the bank, or a follow-up made from the previous answer."""

    question_id: str
    text: str
    answer_type: str
    think_s: float
    answer_s: float
    is_follow_up: bool = False
    reason: str | None = None
    parent: str | None = None  # a follow-up's: the id of the question it follows
    example: str | None = None  # the guides' better answer, from the bank
    purpose: str | None = None
    how_to_answer: tuple[str, ...] = ()  # the "как отвечать" note, shown on request
    # a role play: the client's n-th line (0: not a client's line); said in the client's voice
    turn: int = 0
    voice: str = "interviewer"  # interviewer | client
    listen_only: bool = False  # the client's last line: said, not answered
    escalated: bool = False  # the client is angrier than in the line before
    debrief: int = 0  # the n-th question after a role play
    spoken_s: float = 0.0  # how long the line took to say (set by the runner when it is rendered)

    @classmethod
    def of(cls, question: Question, judge: Judge) -> Step:
        """The bank's question as asked; its "как отвечать" note gives the lengths the judge will hold it to."""
        return cls(question.id, question.text, question.answer_type, question.think_s, question.answer_s,
                   example=question.good_example, purpose=question.purpose,
                   how_to_answer=how_to_answer(question, judge))

    @classmethod
    def client_line(cls, scenario_id: str, turn: int, line: ClientLine) -> Step:
        """The client's ``turn``-th line, ``line``; named by its kind, so a reply is compared with earlier replies to
        the same line («RPL-DELAY-DETAIL»), whichever turn it came at."""
        return cls(f"{scenario_id}-{line.kind.upper()}", line.text, "role_play", 0, REPLY_ANSWER_S, turn=turn,
                   voice="client", listen_only=line.ending is not None, escalated=line.escalated)

    def context(self) -> QuestionContext:
        return QuestionContext(self.text, self.answer_type, self.answer_s, self.example, self.purpose,
                               self.parent or self.question_id)


# --- effects the runner carries out ---------------------------------------------------------
@dataclass(frozen=True)
class Speak:
    step: Step
    phone: bool = False  # through the telephone channel


@dataclass(frozen=True)
class PlayCue:
    name: str  # ring | start | think_over | end_of_time


@dataclass(frozen=True)
class StartRecording:
    step: Step
    limit_s: float
    by_timeout: bool = False  # the think time ran out: the candidate may not have been ready to speak


@dataclass(frozen=True)
class StopRecording:
    pass


@dataclass(frozen=True)
class DiscardTake:
    """A take that holds no answer: the candidate said nothing and moved on (skipped, asked again, ended)."""

    take_id: int


@dataclass(frozen=True)
class Analyze:
    take_id: int
    step: Step


@dataclass(frozen=True)
class Finished:
    """The last question is done: the answers, with their reports, in the order given."""

    reports: tuple[tuple[Step, Report], ...]


@dataclass(frozen=True)
class Aborted:
    pass


Effect = Speak | PlayCue | StartRecording | StopRecording | DiscardTake | Analyze | Finished | Aborted


@dataclass
class Session:
    plan: list[Question]
    on_effect: Callable[[Effect], None]
    judge: Judge
    follow_ups: bool = True
    phone: bool = False
    conversation: Conversation | None = None  # a role play: the client answers back
    state: str = IDLE
    current: Step | None = None
    reports: list[tuple[Step, Report]] = field(default_factory=list)
    asked: int = 0  # questions asked so far (the current one included)
    _queue: list[Step] = field(default_factory=list)
    _deadline: float | None = None
    _paused_left: float | None = None
    _paused_state: str | None = None
    _finishing: bool = False  # the candidate ended the session: nothing more is asked

    @property
    def step(self) -> Step:
        """The question being asked (there is one from ``start`` on)."""
        if self.current is None:
            raise RuntimeError("the session has not started")
        return self.current

    @property
    def ending_early(self) -> bool:
        """The candidate ended the session: its summary comes as soon as the last answer is analysed."""
        return self._finishing

    @property
    def number(self) -> int:
        """The current question's place in the plan ("Вопрос 2 из 5"): a follow-up or a repeat keeps its
        question's, so the count a candidate reads never jumps (the screen names a follow-up as one)."""
        planned = [question.id for question in self.plan]
        asked = self.step.parent or self.step.question_id
        return planned.index(asked) + 1 if asked in planned else self.asked

    @property
    def coming(self) -> Step | None:
        """The question asked next, as planned now (a follow-up may still come before it)."""
        return self._queue[0] if self._queue else None

    @property
    def total(self) -> int:
        """How many questions the plan holds; follow-ups and repeats are not counted in."""
        return len(self.plan)

    # --- events ----------------------------------------------------------------------------
    def start(self, now: float) -> None:
        self._queue = [Step.of(q, self.judge) for q in self.plan]
        if self.conversation is not None:
            self._queue.insert(0, self._client_says(self.conversation.opening()))
        self.state = INTRO
        if self.phone:
            self.on_effect(PlayCue("ring"))
        self._next(now)

    def prompt_finished(self, now: float) -> None:
        """The question has been spoken: think time starts."""
        if self.state != QUESTION:
            return
        if self.step.listen_only:
            self._next(now)
        else:
            self._start_thinking(now)

    def prompt_failed(self, now: float) -> None:
        """No voice could say the question: it is on screen, and think time waits until the candidate has read
        it (``question_read``) — a clock started over a question nobody heard runs on in silence."""
        if self.state == QUESTION:
            self.state = READING

    def question_read(self, now: float) -> None:
        """The candidate has read the question that could not be spoken: think time starts."""
        if self.state == READING:
            if self.step.listen_only:
                self._next(now)
            else:
                self._start_thinking(now)

    def _start_thinking(self, now: float) -> None:
        self.state = THINK
        self._deadline = now + self.step.think_s
        if self.step.turn:  # the client has spoken: the candidate answers at once, as in a conversation
            self._begin_answer(now)
        elif self.step.think_s <= 0:
            self.tick(now)

    def tick(self, now: float) -> None:
        if self._deadline is None or now < self._deadline:
            return
        if self.state == THINK:
            self._begin_answer(now, by_timeout=True)
        elif self.state == ANSWER:
            self.on_effect(PlayCue("end_of_time"))
            self.stop_answer(now)

    def start_answer_now(self, now: float) -> None:
        """The candidate is ready before the think time is over."""
        if self.state == THINK:
            self._begin_answer(now)

    def stop_answer(self, now: float) -> None:
        if self.state == ANSWER:
            self.state, self._deadline = SAVING, None
            self.on_effect(StopRecording())

    def answer_recorded(self, take_id: int, now: float, *, spoke: bool = True) -> None:
        """The take is saved: analyse it, or go on. ``spoke``: speech was heard in it.

        A take exists only when the candidate spoke or chose to record: one ended by "Закончить ответ" or by its
        time is analysed even when silent (the analysis says the microphone heard nothing); one with no speech
        that ended because the candidate skipped, asked again, ended or abandoned the session is discarded. Speech is
        never lost: skipped, it is analysed as the answer; asked again, it stays as an earlier attempt."""
        if self.state == SAVING:
            if spoke or not self._finishing:
                self.state = ANALYSIS
                self.on_effect(Analyze(take_id, self.step))
            else:  # the session was ended before a word was said: no answer to this question
                self.on_effect(DiscardTake(take_id))
                self._next(now)
        elif self.state == SKIPPING and spoke:
            self.state = ANALYSIS
            self.on_effect(Analyze(take_id, self.step))
        elif self.state == ABORTED and not spoke:  # the session was abandoned before a word was said
            self.on_effect(DiscardTake(take_id))
        elif self.state in (SKIPPING, RETRYING):
            if not spoke:
                self.on_effect(DiscardTake(take_id))
            if self.state == RETRYING and not self._finishing:
                self._ask_again(self.step)
            self._next(now)

    def analysis_done(self, take_id: int, report: Report, now: float) -> None:
        if self.state != ANALYSIS:
            return
        step = self.step
        earlier = [i for i, (asked, _) in enumerate(self.reports) if asked.question_id == step.question_id]
        if earlier:  # a retake: the new attempt takes the earlier one's place (it stays stored, not summarised)
            self.reports[earlier[0]] = (step, report)
        else:
            self.reports.append((step, report))
        # a follow-up queued for an earlier take of this question was about that take: this one decides
        self._queue = [queued for queued in self._queue if queued.parent != step.question_id]
        if step.turn:
            self._client_answers(reply_behaviours(report), heard=bool(report.transcript.words))
        asks_more = self.follow_ups and not step.is_follow_up and not self._finishing
        follow = report.content.follow_ups if report.content and asks_more else []
        if follow:
            # one id per question and kind of follow-up: attempts are compared only with the same question
            self._queue.insert(0, Step(f"{step.question_id}-F-{follow[0].kind}", follow[0].question, "short",
                                       FOLLOW_UP_THINK_S, FOLLOW_UP_ANSWER_S, is_follow_up=True,
                                       reason=follow[0].reason, parent=step.question_id))
        self._next(now)

    def analysis_failed(self, take_id: int, now: float) -> None:
        """The take stays stored and can be analysed later from the history."""
        if self.state == ANALYSIS:
            self._next(now)

    def skip(self, now: float) -> None:
        if self.state in (QUESTION, READING, THINK):
            self._deadline = None
            self._next(now)
        elif self.state == ANSWER:
            self.state, self._deadline = SKIPPING, None
            self.on_effect(StopRecording())

    def retry(self, now: float) -> None:
        """Ask the current question again (instead of its answer, or after it)."""
        if self.state == ANSWER:
            self.state, self._deadline = RETRYING, None
            self.on_effect(StopRecording())
        elif self.current is not None and self.state == THINK:
            self._ask_again(self.step)
            self._deadline = None
            self._next(now)

    def retake_last(self, now: float) -> None:
        """After a review: ask the question just answered once more, before the next one."""
        if self.state == QUESTION and self.reports:
            self._ask_again(self.step)
            self._ask_again(self.reports[-1][0])
            self._next(now)
        elif self.state == SUMMARY and self.reports and not self._finishing:  # the last answer: once more first
            self._ask_again(self.reports[-1][0])
            self._next(now)

    def pause(self, now: float) -> None:
        if self.state in (THINK, ANSWER) and self._deadline is not None:
            self._paused_left, self._paused_state = self._deadline - now, self.state
            self._deadline, self.state = None, PAUSED

    def resume(self, now: float) -> None:
        if self.state == PAUSED and self._paused_state is not None and self._paused_left is not None:
            self.state, self._deadline = self._paused_state, now + self._paused_left

    def finish(self, now: float) -> None:
        """The candidate ends the session early: the answer being given is kept and analysed, nothing more is
        asked, and the summary of the answers given follows (an aborted session has none)."""
        if self.state in ENDED or self.state == IDLE:
            return
        self._finishing = True
        self._queue.clear()
        if self.state == PAUSED and self._paused_state is not None:
            self.state, self._deadline = self._paused_state, None
        if self.state == ANSWER:
            self.stop_answer(now)
        elif self.state in (INTRO, QUESTION, READING, THINK):
            self._deadline = None
            self._next(now)
        # saving, skipping, retrying or analysing: that take is finished first, then the summary comes

    def abort(self, now: float) -> None:
        if self.state in ENDED or self.state == IDLE:
            return
        if self.state == ANSWER or (self.state == PAUSED and self._paused_state == ANSWER):
            self.on_effect(StopRecording())
        self.state, self._deadline = ABORTED, None
        self.on_effect(Aborted())

    def time_left(self, now: float) -> float | None:
        """Seconds until the running think or answer timer ends; None when none runs."""
        return None if self._deadline is None else max(0.0, self._deadline - now)

    # --- internals -------------------------------------------------------------------------
    def _ask_again(self, step: Step) -> None:
        """Put ``step`` first in line; it was counted when first asked."""
        self._queue.insert(0, step)
        self.asked -= 1

    def _client_answers(self, reply: ReplyBehaviours, *, heard: bool = True) -> None:
        """The client's next line first in line; after the last one, the questions about the role play."""
        conversation = self.conversation
        if conversation is None or conversation.outcome is not None or self._finishing:
            return
        line = conversation.answer(reply, heard=heard)
        self._queue.insert(0, self._client_says(line))
        if line.ending is not None:
            self._queue[1:1] = [Step(f"{conversation.scenario.id}-D{n}", text, "short", DEBRIEF_THINK_S,
                                     DEBRIEF_ANSWER_S, debrief=n) for n, text in enumerate(DEBRIEF, 1)]

    def _client_says(self, line: ClientLine) -> Step:
        assert self.conversation is not None
        return Step.client_line(self.conversation.scenario.id, len(self.conversation.said), line)

    def _next(self, now: float) -> None:
        current = self.current
        if current is not None and current.turn and not current.listen_only and (
                not self._queue or not self._queue[0].turn):
            self._client_answers(ReplyBehaviours(), heard=False)  # skipped or not analysed: the client hears silence
        if not self._queue:
            self.state = SUMMARY
            self.on_effect(Finished(tuple(self.reports)))
            return
        self.current = self._queue.pop(0)
        self.asked += 1
        self.state = QUESTION
        # the questions after a role play on the phone are asked in the room: the call is over
        self.on_effect(Speak(self.step, phone=self.phone and not self.step.debrief))

    def _begin_answer(self, now: float, *, by_timeout: bool = False) -> None:
        """``by_timeout``: the think time ran out, the candidate pressed nothing — a cue of its own, longer and
        louder than the one a press answers, tells one who looked away that the recording has started."""
        self.state = ANSWER
        self._deadline = now + self.step.answer_s
        self.on_effect(PlayCue("think_over" if by_timeout else "start"))
        self.on_effect(StartRecording(self.step, self.step.answer_s, by_timeout=by_timeout))
