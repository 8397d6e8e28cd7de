"""A made-up but believable journal, the same every time, for the demo, screenshots and benchmarks.

Sixteen weeks (or any number) of someone who wants closeness and keeps backing away from it, with
Sam (a partner), Ana (a friend), Mum, Jo (a colleague) and Alex (someone new). Over the weeks they
stay a little more often and pull away a little less, not in a straight line: a wobble a third of
the way in, and a hard stretch a little after halfway that sends them back to old ways for a week
or two. Each entry is a sitting: answers to one to three of that day's prompts, sometimes free
writing, and one check-in. Small steps are tried, the difficulty expected beforehand comes down
over the weeks, and most weeks end with a saved weekly review whose next step is tried the week
after. A few entries are about keeping away from someone unkind: the right choice, not the pattern.

The words are in `demo_texts` (everyday moments and what was done with them), `demo_writing`
(fears, steps, deeper answers, free writing) and `demo_story` (what happens once, and the weekly
reviews); this module puts them together with a seeded `random.Random`.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from closeness_journal import demo_ladder as ladder
from closeness_journal import demo_story as story
from closeness_journal import demo_texts as texts
from closeness_journal import demo_writing as writing
from closeness_journal.core.checkin import CheckIn
from closeness_journal.core.dates import iso_week_label, week_start
from closeness_journal.core.entries import Answer, Entry
from closeness_journal.core.prompts import WEEKLY_REVIEW_THEME, Prompt, PromptLibrary, daily_prompts
from closeness_journal.core.review import SavedReview
from closeness_journal.demo_story import Week, ease
from closeness_journal.demo_texts import Person, fits
from closeness_journal.demo_writing import FEELINGS, FILLER, REFLECTIONS

__all__ = ["FEELINGS", "FILLER", "REFLECTIONS", "DemoOptions", "ease", "fill", "generate", "weekly_reviews"]

PULLED, PUSHED, CAME_BACK, STAYED, EASY = "pulled", "pushed", "came back", "stayed", "easy"
"""The kinds of moment: pulled away, pushed away, pulled away and came back, stayed, nothing set off."""
ALEX_FROM = next(beat.at for beat in story.BEATS if beat.checkin.who == "Alex")
"""Alex is met at the first pottery class; before it, she isn't in the journal."""


@dataclass(frozen=True)
class DemoOptions:
    weeks: int = 16
    seed: int = 7
    entries_per_day: float = 0.8
    """Average entries per day (most days one, some none, some two), besides the story's own moments."""
    long_bodies: bool = False
    """Entries of 40-400 words (benchmarks) instead of a few sentences."""


def generate(
    end: date, options: DemoOptions = DemoOptions(), library: PromptLibrary | None = None
) -> Iterator[tuple[Entry, datetime]]:
    """Entries from `options.weeks` weeks before `end` up to `end`, oldest first, each with the
    moment it was written (UTC). Answers are to the prompts `library` offers each day (by default
    the shipped prompts and your own)."""
    yield from _Story(end, options, library).entries()


def weekly_reviews(
    end: date, options: DemoOptions = DemoOptions(), library: PromptLibrary | None = None
) -> list[tuple[SavedReview, datetime]]:
    """The weekly reviews of the journal `generate` makes, each with the moment it was saved."""
    made = _Story(end, options, library)
    for _ in made.entries():
        pass
    return made.reviews()


def fill(journal, end: date, options: DemoOptions = DemoOptions(), library: PromptLibrary | None = None) -> int:
    """Write the generated entries, their weekly reviews and the ladder of small steps they try
    (see `demo_ladder`) into `journal` through the store. Returns how many entries."""
    made = _Story(end, options, library)
    return ladder.fill(journal, made.start, made.entries(), made.reviews)


def _shares(e: float) -> dict[str, float]:
    """How often each kind of moment comes at ease `e` (0 hard, 1 easy)."""
    shares = {PULLED: 0.47 - 0.37 * e, PUSHED: 0.14 - 0.1 * e, CAME_BACK: 0.06, STAYED: 0.1 + 0.4 * e}
    shares = {kind: max(0.02, share) for kind, share in shares.items()}
    return shares | {EASY: 1 - sum(shares.values())}


def _clamp(value: float, low: int, high: int) -> int:
    return min(high, max(low, round(value)))


class _Story:
    """One demo journal being made: its random numbers, what has been said so far (so nothing
    repeats until it must), its weeks and the prompts of each day."""

    def __init__(self, end: date, options: DemoOptions, library: PromptLibrary | None) -> None:
        if library is None:
            from closeness_journal.prompt_files import load_prompts

            library = load_prompts().library
        self.library = library
        self.options = options
        self.end = end
        self.days = max(1, options.weeks * 7)
        self.start = end - timedelta(days=self.days - 1)
        self.rng = random.Random(options.seed)
        self.used: Counter = Counter()
        self.chosen: Counter = Counter()
        self.owed = dict.fromkeys(_shares(0), 0.0)
        self.unwritten = 0.0
        self.seen: set[bytes] = set()
        self.weeks: dict[date, Week] = {}
        self.lines = texts.parsed()
        self.people = {person.name: person for person in texts.PEOPLE}
        self.beats: dict[int, list[story.Beat]] = {}
        for beat in story.BEATS:
            self.beats.setdefault(round(beat.at * (self.days - 1)), []).append(beat)
        self.prompts_of: dict[date, dict[str, Prompt]] = {}
        self.fitting: dict[tuple[int, str], list[texts.Said]] = {}
        self.ways_of: dict[tuple[str, str], tuple[list[str], list[str], list[str]]] = {}

    def pick(self, options: Sequence):
        """One of `options`, preferring the ones used least so far (so nothing repeats until it must)."""
        fewest = min(self.used[o] for o in options)
        chosen = self.rng.choice([o for o in options if self.used[o] == fewest])
        self.used[chosen] += 1
        return chosen

    def weighted(self, slugs: Sequence[str], count: int) -> list[str]:
        """`count` different slugs, the earlier ones in `slugs` more likely, and the ones chosen
        less often so far (so that, over a journal, each of a person's ways comes up)."""
        pool, chosen = list(slugs), []
        while pool and len(chosen) < count:
            weights = [(len(pool) - i + 1) / (1 + self.chosen[slug]) for i, slug in enumerate(pool)]
            slug = self.rng.choices(pool, weights)[0]
            self.chosen[slug] += 1
            chosen.append(slug)
            pool.remove(slug)
        return chosen

    def share(self, day: date) -> float:
        """How far through the journal `day` is: 0 the first day, 1 the last."""
        return (day - self.start).days / max(1, self.days - 1)

    # the entries

    def entries(self) -> Iterator[tuple[Entry, datetime]]:
        for offset in range(self.days):
            day = self.start + timedelta(days=offset)
            p = self.share(day)
            week = self.week(day)
            e = min(1.0, max(-0.3, ease(p) + week.ease))
            made = [self.beat(day, beat) for beat in self.beats.get(offset, [])]
            self.seen.update(_digest(entry) for entry in made)
            made += [self.entry(day, p, e, week) for _ in range(self.count(p))]
            for entry, (hour, minute) in zip(made, sorted(self.hour(day, entry) for entry in made), strict=True):
                week.add(entry)
                yield entry, datetime.combine(day, time(hour, minute), tzinfo=UTC)

    def count(self, p: float) -> int:
        """How many entries a day holds: `entries_per_day` on average (more in the hard stretch,
        when there is more to write about), some days none, some more, about as many each week."""
        self.unwritten += self.options.entries_per_day * story.more_writing(p)
        count = max(0, round(self.unwritten + self.rng.uniform(-0.7, 0.7)))
        self.unwritten -= count
        return count

    def week(self, day: date) -> Week:
        """The week holding `day`; a new week starts with the step chosen in last week's review."""
        monday = week_start(day)
        if monday not in self.weeks:
            week = self.weeks[monday] = Week(monday, ease=self.rng.gauss(0, 0.06))
            before = self.weeks.get(monday - timedelta(days=7))
            if before is not None and self.reviewed(before):
                week.plan = self.choose_step(day)
        return self.weeks[monday]

    def choose_step(self, day: date) -> tuple[str, str, str]:
        weights = {"Sam": 4, "Ana": 2, "Mum": 1.5, "Jo": 1.5, "Alex": 1.5 if self.share(day) >= ALEX_FROM else 0}
        who = self.rng.choices(list(weights), list(weights.values()))[0]
        step = self.pick([s for s in writing.STEPS if s.who in (who, "")])
        return who, step.plan.format(who=who), step.done.format(who=who)

    def prompts(self, day: date) -> dict[str, Prompt]:
        """The day's prompts by theme (the partner exercise is for two people, never answered here)."""
        if day not in self.prompts_of:
            daily = daily_prompts(self.library, day)
            self.prompts_of[day] = {p.theme: p for p in daily.all if p.theme != "partner-exercise"}
        return self.prompts_of[day]

    def hour(self, day: date, entry: Entry) -> tuple[int, int]:
        if entry.checkin.relationship == "colleague" and day.weekday() < 5 and self.rng.random() < 0.4:
            return 12 + self.rng.randint(0, 1), self.rng.randint(0, 59)
        return self.rng.randint(10 if day.weekday() >= 5 else 19, 22), self.rng.randint(0, 59)

    def person(self, day: date, p: float) -> Person:
        weights = {"Sam": 4.0, "Ana": 2.0, "Mum": 1.4, "Jo": 0.2 if day.weekday() >= 5 else 1.8,
                   "Alex": 1.3 if p >= ALEX_FROM else 0}
        if 0.56 <= p <= 0.72:
            weights["Mum"] += 1.5  # the weeks of Mum's tests
        return self.people[self.rng.choices(list(weights), list(weights.values()))[0]]

    def entry(self, day: date, p: float, e: float, week: Week) -> Entry:
        """A sitting about an everyday moment, never in the same words as an earlier one."""
        person, kind, plan = self.choose(day, p, e, week)
        for _ in range(10):
            entry = self.write(day, e, person, kind, plan)
            if _digest(entry) not in self.seen:
                break
        self.seen.add(_digest(entry))
        if plan:
            week.tried = (entry.checkin.predicted, entry.checkin.outcome)
        return entry

    def choose(self, day: date, p: float, e: float, week: Week) -> tuple[Person, str, tuple[str, str, str] | None]:
        """Who the moment is with, and what kind of moment it is: the week's planned step when it
        is tried, else drawn so that over any few weeks each kind comes about as often as `ease`
        says (what each kind is owed carries over from one entry to the next)."""
        rng = self.rng
        person = self.person(day, p)
        plan = week.plan if week.plan and week.tried is None else None
        if plan and rng.random() < (0.15 + 0.75 * e if person.name == plan[0] else 0.03 + 0.35 * e):
            return self.people[plan[0]], STAYED if rng.random() < 0.5 + 0.5 * e else CAME_BACK, plan
        for kind, share in _shares(e).items():
            self.owed[kind] += share
        kind = rng.choices(list(self.owed), [max(0.05, owed) for owed in self.owed.values()])[0]
        self.owed[kind] -= 1
        return person, kind, None

    def write(self, day: date, e: float, person: Person, kind: str, plan) -> Entry:
        rng = self.rng
        moment = self.pick(self.lines["moments"][person.name])
        words = {"who": person.name, "they": person.they, "them": person.them, "their": person.their}
        behaviours, stayed, said = self.respond(person, moment.kind, kind)
        if not behaviours and not stayed:
            kind, said = EASY, [self.pick(texts.EASY)]
        checkin = self.feelings(person, kind, e, behaviours, stayed)
        checkin = replace(checkin, kinds=moment.kinds, close_before=moment.close_before)
        step = ""
        if plan or rng.random() < {STAYED: 0.55, CAME_BACK: 0.4, EASY: 0.2, PULLED: 0.12}.get(kind, 0.06):
            checkin, step = self.step(person, checkin, e, plan, words)
        what_happened = " ".join([moment.text, *said])
        asked = self.prompts(day).get("pulled-away")
        yes_or_no = asked is not None and asked.text.startswith(("Was there", "Did "))
        if kind in (EASY, STAYED) and yes_or_no and rng.random() < 0.5:
            what_happened = ("Not really. " if kind == EASY else "Almost. ") + what_happened
        feared = " ".join(self.pick(writing.FEARED[fear]) for fear in checkin.fears)
        if feared and rng.random() < 0.35:
            # With Mum, not "it was around long before Mum": it began there.
            echoes = [line for line in writing.FEAR_ECHOES if person.name != "Mum" or "{" not in line]
            feared += " " + self.pick(echoes)
        tags = [tag for tag in moment.tags if rng.random() < 0.7] + (
            ["weekend"] if day.weekday() >= 5 and rng.random() < 0.3 else [])
        return self.sitting(
            day, checkin, words, what_happened=what_happened, feared=feared if rng.random() < 0.65 else "",
            # An easy moment answers "was there a moment…?", not "what did you do instead of staying?"
            moment_answers=kind != EASY or yes_or_no,
            step=step if rng.random() < 0.75 else "", deeper=rng.random() < 0.3,
            body=("" if rng.random() < 0.65 else "good" if kind in (STAYED, EASY) else "hard"),
            tags=tuple(tags), private=rng.random() < 0.05,
        )

    def ways(self, person: str, moment: str) -> tuple[list[str], list[str], list[str]]:
        """The person's ways of pulling away and pushing away, and the ways of staying close, that
        have words fitting this kind of moment."""
        if (person, moment) not in self.ways_of:
            lines = self.lines
            mine = self.people[person].behaviours.split()
            self.ways_of[person, moment] = (
                [s for s in mine if any(fits(x, moment) for x in lines["withdrawal"].get(s, ()))],
                [s for s in mine if any(fits(x, moment) for x in lines["sabotage"].get(s, ()))],
                [s for s, said in lines["stayed"].items() if any(fits(x, moment) for x in said)],
            )
        return self.ways_of[person, moment]

    def respond(self, person: Person, moment: str, kind: str) -> tuple[list[str], list[str], list[str]]:
        """What the person did with the moment: (behaviours, ways of staying close, the words)."""
        lines = self.lines
        withdrawal, sabotage, staying = self.ways(person.name, moment)
        behaviours: list[str] = []
        stayed: list[str] = []
        if kind == PULLED:
            behaviours = self.weighted(withdrawal, 1 if self.rng.random() < 0.7 else 2)
        elif kind == PUSHED:
            behaviours = self.weighted(sabotage, 1)
            if behaviours and self.rng.random() < 0.35:
                behaviours = self.weighted(withdrawal, 1) + behaviours
        elif kind == CAME_BACK:
            behaviours = self.weighted(withdrawal, 1)
            back = [(slug, said) for slug, said in lines["coming back"] if fits(said, moment)]
            if not (behaviours and back):
                return [], [], []
            slug, said = self.pick(back)
            return behaviours, [slug], [self.said(lines["withdrawal"][behaviours[0]], moment), said.text]
        elif kind == STAYED:
            stayed = [self.pick(staying)]
        said = [self.said(lines["behaviour"][slug], moment) for slug in behaviours]
        said += [self.said(lines["stayed"][slug], moment) for slug in stayed]
        later = [(slug, line) for slug, line in lines["later"] if slug not in stayed and fits(line, moment)]
        if kind == STAYED and later and self.rng.random() < 0.25:
            slug, line = self.pick(later)
            stayed.append(slug)
            said.append(line.text)
        return behaviours, stayed, said

    def said(self, lines: Sequence[texts.Said], moment: str) -> str:
        key = (id(lines), moment)
        if key not in self.fitting:
            self.fitting[key] = [line for line in lines if fits(line, moment)]
        return self.pick(self.fitting[key]).text

    def feelings(self, person: Person, kind: str, e: float, behaviours, stayed) -> CheckIn:
        """The check-in's fears, how strong the pull was and whether it was acted on; not every
        field every time, as people fill them in."""
        rng = self.rng
        if kind == EASY:
            fears = self.weighted(person.fears.split(), 1) if rng.random() < 0.4 else []
            intensity = _clamp(rng.gauss(3, 1), 1, 5) if fears else None
            urge = _clamp(rng.gauss(1.5, 1), 0, 4) if rng.random() < 0.6 else None
            acted = None
        else:
            fears = self.weighted(person.fears.split(), 1 if rng.random() < 0.65 else 2)
            intensity = _clamp(rng.gauss(7.2 - 3.6 * e, 1.3), 1, 10)
            centre = {PULLED: 7.8, PUSHED: 8.3, CAME_BACK: 6.8, STAYED: 5.6}[kind] - 2.5 * e
            urge = _clamp(rng.gauss(centre, 1.2), 1, 10) if rng.random() < 0.85 else None
            acted = None
            if urge is not None:
                acted = {PULLED: "yes" if rng.random() < 0.75 else "partly", PUSHED: "yes",
                         CAME_BACK: "partly", STAYED: "no"}[kind]
            if rng.random() < 0.1:
                fears, intensity = [], None
        return CheckIn(
            who=person.name, relationship=person.relationship, behaviours=tuple(behaviours), fears=tuple(fears),
            intensity=intensity, stayed=tuple(stayed), urge=urge, acted=acted,
        )

    def step(self, person: Person, checkin: CheckIn, e: float, plan, words) -> tuple[CheckIn, str]:
        """A small step (the one planned in the review, or one of the person's own) with, when it
        was planned, the difficulty expected beforehand and the real one; and how it is written about."""
        rng = self.rng
        if plan:
            done = plan[2]
        else:
            done = self.pick([s for s in writing.STEPS if s.who in (person.name, "")]).done.format(who=person.name)
        predicted = outcome = None
        text = "I " + done[0].lower() + done[1:]
        if plan or rng.random() < 0.65:
            predicted = _clamp(rng.gauss(8.2 - 5 * max(e, -0.1), 0.8), 2, 10)
            # Mostly easier than expected, and more so over the weeks; in the hardest days, sometimes harder.
            outcome = _clamp(predicted - rng.gauss(0.8 + 2 * e if e > 0.12 else 0.2, 1.1), 1, 10)
            text += " " + self.pick(writing.GUESSED).format(predicted=predicted, outcome=outcome)
        better = outcome is None or outcome < (predicted or 0)
        text += " " + self.pick(writing.WENT_BETTER if better else writing.WENT_HARDER).format(**words)
        return replace(checkin, small_step=done, predicted=predicted, outcome=outcome), text

    def sitting(self, day: date, checkin: CheckIn, words, *, what_happened: str, feared: str, step: str,
                deeper: bool, body: str, tags: tuple[str, ...], private: bool, free: str = "",
                moment_answers: bool = True) -> Entry:
        """One entry: the answers to the day's prompts that the writing fits (at most three), and
        the rest as free writing (`free`, or when `body` says how the moment went, "good" or
        "hard", a few lines that fit it). When the moment doesn't answer the day's question
        about it, it is free writing, and a deeper question is answered."""
        rng = self.rng
        prompts = self.prompts(day)
        wanted = [("pulled-away" if moment_answers else "", what_happened), ("feared", feared), ("small-step", step)]
        deeper_theme = next((theme for theme in prompts if theme in writing.DEEPER), None)
        if (deeper or not moment_answers) and deeper_theme:
            wanted.append((deeper_theme, self.pick(writing.DEEPER[deeper_theme])))
        answers, rest = [], []
        for theme, text in wanted:
            prompt = prompts.get(theme)
            if text and prompt is not None and len(answers) < 3:
                answers.append(Answer(prompt.id, prompt.text, text.format(**words)))
            elif text and theme in ("pulled-away", ""):
                rest.append(text.format(**words))
        if not answers and "pulled-away" in prompts:  # every sitting answers something
            answers.append(Answer(prompts["pulled-away"].id, prompts["pulled-away"].text, rest.pop(0)))
        if free:
            rest.append(free)
        elif body:
            pools = [writing.FEELINGS_GOOD, FILLER, writing.REFLECTIONS_GOOD] if body == "good" else [
                writing.FEELINGS_HARD, FILLER, writing.REFLECTIONS_HARD]
            rest += [self.pick(pool) for pool in rng.sample(pools, rng.randint(1, 2))]
        if self.options.long_bodies:
            count = sum(len(answer.text.split()) for answer in answers) + sum(len(t.split()) for t in rest)
            target = rng.randint(40, 400)
            while count < target:
                for sentence in rng.choices(_PADDING, k=(target - count) // 12 + 1):
                    rest.append(sentence)
                    count += _WORDS[sentence]
        return Entry(local_date=day, body=" ".join(rest), answers=tuple(answers), checkin=checkin,
                     private=private, tags=tags)

    def beat(self, day: date, beat: story.Beat) -> Entry:
        person = self.people.get(beat.checkin.who)
        they, them, their = (person.they, person.them, person.their) if person else ("he", "him", "his")
        words = {"who": beat.checkin.who, "they": they, "them": them, "their": their}
        return self.sitting(day, beat.checkin, words, what_happened=beat.moment, feared=beat.feared, step=beat.step,
                            deeper=False, body="", tags=beat.tags, private=beat.private, free=beat.body)

    # the weekly reviews

    def middle(self, week: Week) -> float:
        return ((week.monday - self.start).days + 3) / max(1, self.days - 1)

    def reviewed(self, week: Week) -> bool:
        """Every week is looked back on, except the worst of the hard stretch (not every week can be)."""
        return week.entries > 0 and not story.hardest(self.middle(week))

    def reviews(self) -> list[tuple[SavedReview, datetime]]:
        """A review of every week that ended before the last day (saved on its Sunday evening),
        except the ones skipped; each answers the weekly-review questions by their role."""
        questions = {p.role: p for p in self.library.prompts.values() if p.theme == WEEKLY_REVIEW_THEME and p.role}
        found = []
        for monday, week in sorted(self.weeks.items()):
            sunday = monday + timedelta(days=6)
            if not questions or sunday >= self.end or not self.reviewed(week):
                continue
            p = self.middle(week)
            band = story.band(p, ease(p) + week.ease)
            before = self.weeks.get(monday - timedelta(days=7))
            following = self.weeks.get(monday + timedelta(days=7))
            answers = story.review_answers(
                week, before, band, after_a_gap=before is not None and not self.reviewed(before),
                next_plan=following.plan[1] if following and following.plan else "", pick=self.pick, rng=self.rng,
            )
            chosen = {role: text for role, text in answers.items() if role in questions}
            review = SavedReview(
                week=iso_week_label(monday),
                answers={questions[role].id: text for role, text in chosen.items()},
                questions={questions[role].id: questions[role].text for role in chosen},
                next_step=chosen.get("next-step", ""),
            )
            found.append((review, datetime.combine(sunday, time(20, self.rng.randint(0, 59)), tzinfo=UTC)))
        return found


_PADDING = FILLER + FEELINGS + REFLECTIONS
"""Sentences that lengthen the free writing of long entries (benchmarks)."""
_WORDS = {sentence: len(sentence.split()) for sentence in _PADDING}


def _digest(entry: Entry) -> bytes:
    return hashlib.blake2b(entry.words.encode(), digest_size=12).digest()
