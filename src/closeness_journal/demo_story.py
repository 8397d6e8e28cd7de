"""The demo journal's story: the moments that happen once (placed by how far through the journal
they fall, so a journal of any length tells the same story), and the words of the weekly reviews.

Over the weeks: a new friend from a pottery class; an ex who was unkind, kept at a distance (the
right choice, not the pattern); a hard stretch a little after halfway (Sam asks about moving in,
Mum needs tests); coming back from it; and at the end, looking at a flat together.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from closeness_journal.core.checkin import CheckIn

WOBBLE_AT, WOBBLE_WIDTH = 0.31, 0.045
HARD_AT, HARD_WIDTH = 0.615, 0.085
"""Where the wobble and the hard stretch fall (as a share of the journal) and how long they last."""


def _bump(p: float, centre: float, width: float) -> float:
    """1 at `centre`, falling to 0 at `width` either side."""
    return max(0.0, 1 - ((p - centre) / width) ** 2)


def ease(p: float) -> float:
    """How much easier closeness has become at `p` (0 the first day, 1 the last): from about 0.1
    to about 0.9, with the wobble and the hard stretch on the way (harder than the first days)."""
    return 0.08 + 0.8 * p - 0.2 * _bump(p, WOBBLE_AT, WOBBLE_WIDTH) - 0.9 * _bump(p, HARD_AT, HARD_WIDTH)


def more_writing(p: float) -> float:
    """How much more than usual is written at `p`: half as much again in the hard stretch."""
    return 1 + 0.5 * _bump(p, HARD_AT, HARD_WIDTH)


def hardest(p: float) -> bool:
    """The worst days of the hard stretch (a week without a review)."""
    return _bump(p, HARD_AT, HARD_WIDTH) >= 0.85


class Beat(NamedTuple):
    at: float
    """How far through the journal it happens: 0 the first day, 1 the last."""
    checkin: CheckIn
    moment: str
    """What happened (the answer to the day's pulled-away question)."""
    feared: str = ""
    """The answer to the day's question about the fear."""
    step: str = ""
    """The answer to the day's question about a small step."""
    body: str = ""
    """Free writing."""
    tags: tuple[str, ...] = ()
    private: bool = False


C = CheckIn
BEATS: tuple[Beat, ...] = (
    Beat(0.0, C("Sam", "partner", ("emotional",), ("focused-on-flaws", "went-quiet"), ("engulfment", "not-enough"),
                7, True, urge=8, acted="yes"),
         "Sam said, half joking, that he can see us getting old together. I laughed, and then spent the rest of "
         "the evening finding things to be annoyed about: his music, his keys on the table, the way he says "
         "'right then'.",
         feared="That if this is really it, I'll be swallowed up. And underneath that, that he'll find out I'm "
         "not who he thinks I am.",
         body="I'm starting this journal because I keep doing this and only notice afterwards. I'd like to notice "
         "it while it's happening. No fixing yet, just noticing.",
         tags=("home",)),
    Beat(0.12, C("Alex", "friend", ("experiential",), fears=("rejection",), intensity=4, close_before=True,
                 urge=3, acted="no"),
         "First pottery class. The woman next to me, Alex, made a bowl even worse than mine and we couldn't "
         "stop laughing. At the end she asked if I'd be back next week and I said 'probably', which is my word "
         "for 'I'd like to, and I'm scared to'.",
         feared="That she was only being polite, and if I turned up keen next week I'd look silly."),
    Beat(0.2, C("Leo", "other", fears=("hurt-again",), intensity=6, urge=8, acted="yes"),
         "Leo messaged out of the blue asking to meet 'to clear the air'. The last time we met he spent an hour "
         "telling me everything that's wrong with me.",
         body="I haven't replied and I don't think I will. Keeping away from Leo isn't the thing I'm working on; "
         "it's looking after myself. Sam and Ana are the people I'm practising with, not him.",
         tags=("boundaries",)),
    Beat(0.28, C("Jo", "colleague", ("emotional",), fears=("judgement", "rejection"), intensity=6,
                 small_step="Told Jo I was nervous about the presentation.", predicted=6, outcome=8,
                 stayed=("shared-a-feeling",), urge=6, acted="no"),
         "Before the presentation I told Jo I was nervous. Jo was distracted, said 'you'll be fine', and "
         "turned back to the screen.",
         step="I'd guessed it would be a 6 to say it. It was more like an 8, and it stung more than it should "
         "have.",
         body="I'm trying not to read it as proof of anything. Jo was busy; it wasn't about me. It still makes "
         "trying again harder.",
         tags=("work",)),
    Beat(0.3, C("Ana", "friend", ("experiential",), ("cancelled-plans", "numbed-out-with-something"),
                ("judgement", "not-enough"), 7, urge=9, acted="yes"),
         "Ana's birthday drinks. I cancelled an hour before with a made-up migraine, then spent the evening "
         "watching her stories and feeling left out of something I'd chosen not to go to.",
         feared="That I'd stand in a corner while everyone else knew each other, and Ana would see I don't "
         "really fit in her life."),
    Beat(0.45, C("Sam", "partner", ("physical", "emotional"), ("physical-instead-of-emotional",),
                 ("engulfment", "being-seen"), 6, True, urge=7, acted="yes"),
         "Sam said he'd like us to talk properly about the future, tonight, not in passing. I kissed him "
         "instead, and it turned into an evening in bed, which was lovely, and was also a way of not talking.",
         feared="That the talk would end with me agreeing to something I'm not ready for, just to keep things "
         "nice.",
         body="He noticed. As he was falling asleep he said, 'We still haven't talked.' He's right.",
         tags=("home",)),
    Beat(0.55, C("Sam", "partner", ("emotional",), ("picked-fight", "went-quiet"), ("engulfment", "being-seen"),
                 9, True, urge=9, acted="yes"),
         "Sam asked if we should move in together when my lease ends in March. I said 'maybe' in a voice that "
         "meant no, then picked a fight about his dishes in my sink. He went home early.",
         feared="That there'd be nowhere left to go. That living together means being seen all the time, on "
         "the bad days too, and that he'd change his mind once he had.",
         body="I lay awake feeling like I'd been handed something precious and dropped it on purpose."),
    Beat(0.58, C("Mum", "family", ("emotional",), ("kept-it-surface", "over-independence",
                                                  "numbed-out-with-something"), ("loss", "abandonment"),
                 9, urge=7, acted="yes"),
         "Mum rang to say the doctor wants more tests on the lump. She said it lightly, so I said 'I'm sure it's "
         "nothing' just as lightly. Then I put the phone down and cleaned the whole kitchen instead of ringing "
         "Sam.",
         feared="Losing her. And that if I let myself feel it, I won't be able to stop.",
         private=True),
    Beat(0.61, C("Sam", "partner", ("emotional",), ("ended-it", "pushed-away"), ("abandonment", "loss"), 10,
                 urge=10, acted="yes"),
         "I told Sam maybe we should take a break. I don't want a break. I think I wanted to be the one who "
         "leaves first, before anything else goes.",
         feared="Everything at once: Mum, Sam, the flat. If I'm on my own already, nobody can leave me.",
         body="I know what this is. Knowing doesn't stop it tonight."),
    Beat(0.63, C("Sam", "partner", ("emotional",), fears=("loss", "not-enough"), intensity=7,
                 small_step="Told Sam what's really going on with Mum, and that I push people away when I'm scared.",
                 predicted=9, outcome=6, stayed=("shared-a-feeling", "stayed-in-the-conversation"),
                 urge=6, acted="no"),
         "I went round to Sam's and told him the truth: Mum's tests have frightened me, and when I'm frightened "
         "I push the people I love out of the room. He listened. He didn't try to fix anything.",
         step="Going round at all felt like a 9. Saying it was about a 6, and afterwards I felt lighter than I "
         "have in weeks.",
         body="We're all right. I didn't know we could be all right after that."),
    Beat(0.66, C("Leo", "other", fears=("hurt-again", "judgement"), intensity=7, stayed=("set-a-kind-boundary",),
                 urge=9, acted="yes"),
         "Leo turned up at a party at Ana's friend's. Within ten minutes he'd made two jokes at my expense, the "
         "old way. I told Ana I was heading off, hugged her, and went home.",
         body="Leaving wasn't the pattern this time. He's unkind to me, and I don't owe him my company. I'm glad "
         "I told Ana why instead of just vanishing.",
         tags=("boundaries",)),
    Beat(0.71, C("Mum", "family", ("emotional",), fears=("loss",), intensity=4, urge=2, acted="no",
                 stayed=("stayed-in-the-conversation", "let-affection-in", "shared-a-feeling")),
         "Mum's results came back clear. She cried on the phone and so did I, and I didn't hurry to end the "
         "call. We talked for an hour about nothing much.",
         feared="For once the fear was the right size: I was scared of losing her, and I let her hear it."),
    Beat(0.84, C("Leo", "other", fears=("hurt-again",), intensity=5, stayed=("set-a-kind-boundary",), urge=6,
                 acted="yes"),
         "Leo sent a long message about how I've 'changed', and not in a good way. I read it once and blocked "
         "his number.",
         body="Then I told Sam about it, which is new: I used to keep anything to do with Leo to myself. Sam just "
         "said 'good' and put the kettle on.",
         tags=("boundaries",)),
    Beat(0.95, C("Sam", "partner", ("experiential", "emotional"), fears=("engulfment",), intensity=5,
                 close_before=True, small_step="Went to see a flat with Sam and said out loud that I was nervous.",
                 predicted=7, outcome=3, stayed=("shared-a-feeling", "let-affection-in"), urge=4, acted="no"),
         "We went to look at a flat together, just to look. I was nervous the whole time and said so, twice. "
         "Sam squeezed my hand and said we can go as slowly as I need.",
         step="Going at all was the step. I'd expected a 7 and it was more like a 3, mostly because I said out "
         "loud that I was nervous instead of getting snappy."),
)

EARLY, HARD, MIDDLE, EASIER = "early", "hard", "middle", "easier"
"""The first weeks, a setback, the weeks between, and the easier weeks near the end."""


def band(p: float, e: float) -> str:
    """Which kind of week a review looks back on, in the middle of the week at `p` (ease `e`)."""
    if _bump(p, HARD_AT, HARD_WIDTH) > 0.2 or _bump(p, WOBBLE_AT, WOBBLE_WIDTH) > 0.5:
        return HARD
    return EARLY if p < 0.22 else EASIER if e >= 0.55 else MIDDLE

PATTERN: dict[str, tuple[str, ...]] = {
    EARLY: (
        "Mostly with {who}, and mostly {behaviour}. It came after the warm moments, nearly every time.",
        "Writing it down for a week, I can see it: {behaviour}, again and again, usually with {who}.",
        "The fear of {fear} is behind most of it. I hadn't seen that so clearly before.",
        "It bunched up in the evenings, with {who}. Tired me pulls away faster.",
    ),
    HARD: (
        "A hard week. The fear of {fear} was loud and I did a lot of {behaviour}.",
        "Most of the week, honestly. {Behaviour} was my default again.",
        "With {who}, whenever things went well. The better it was, the faster I backed off.",
        "Everything at once, and I went straight back to {behaviour}.",
        "I thought I was past some of this. Not this week: {behaviour}, mostly with {who}.",
    ),
    MIDDLE: (
        "The moments with {who} again, usually when things were going well. Less {behaviour} than before, I think.",
        "Evenings and weekends. The thread is {fear}: it shows up whenever someone gets closer.",
        "A couple of times with {who}, both straight after something kind was said.",
        "Mixed. Some {behaviour}, some staying. The staying was with {who}.",
        "Less often, but the same shape: something warm, then {behaviour}.",
    ),
    EASIER: (
        "Fewer than usual. The one I remember is with {who}, and even then I came back.",
        "A quieter week. When it came it was {behaviour}, but smaller, and I noticed it sooner.",
        "Not much to report, which is its own kind of news.",
        "Once or twice with {who}. The fear of {fear} is still there; it just isn't driving.",
        "I looked for a pattern and mostly found staying.",
    ),
}
MORE_THAN_LAST_WEEK = (
    "More than last week, mostly with {who}, and mostly {behaviour} after something warm.",
    "A bumpier week than the last: {behaviour}, with {who}. I noticed it each time, at least.",
    "It came back a bit this week, with {who}. The fear of {fear} again.",
    "Up a little on last week. Same shape as ever: closeness, then {behaviour}.",
)
"""For a week (neither the first ones nor the hard stretch) with more pulling or pushing away than the one before."""
PATTERN_AFTER_A_GAP = "I skipped last week's review; it was a lot. "

HELPED: dict[str, tuple[str, ...]] = {
    EARLY: (
        "Just writing it down. Seeing it on the page makes it less of a fog.",
        "Honestly, not much yet. Noticing is where I am.",
        "A walk after work before seeing anyone.",
        "Ana being Ana: easy to be around.",
    ),
    HARD: (
        "Not much, this week. Maybe just that I kept writing.",
        "Ana, without knowing it. She just keeps asking.",
        "Writing here the same evening, before the story in my head got bigger.",
    ),
    MIDDLE: (
        "Saying 'I need a minute' out loud. It turns leaving into pausing.",
        "Going for a walk and coming back, instead of just going.",
        "Breathing out slowly in the bathroom. Silly, but it works.",
        "Remembering that last time was easier than I feared.",
        "Sleep, honestly. I pull away much more when I'm tired.",
    ),
    EASIER: (
        "Sam not making a big deal of it when I did open up.",
        "Pottery. Doing something with my hands next to someone makes talking easier.",
        "Telling myself 'this is the old fear, not today'.",
        "Knowing I can say 'not now, later' and mean the later.",
        "Noticing the pull early, while it's still small.",
    ),
}

KIND_WORDS: dict[str, tuple[str, ...]] = {
    EARLY: (
        "You've started. That's the hardest part, and you did it.",
        "This pattern kept you safe once. You don't have to hate it to change it.",
        "Nobody expects you to change in a week, least of all you.",
    ),
    HARD: (
        "You had a rough week and you still wrote it down. That isn't nothing.",
        "Setbacks are part of this. You haven't lost what you've learned.",
        "You were frightened and you did what used to keep you safe. Go gently.",
    ),
    MIDDLE: (
        "You're doing something hard, slowly, and slowly is the right speed.",
        "Noticing is half of changing, and you noticed a lot.",
        "You don't need to be good at this. You only need to keep going.",
        "Some days you'll stay and some days you won't. Both are part of it.",
    ),
    EASIER: (
        "Look at you, staying. Enjoy it without waiting for the catch.",
        "A good week. Let it count.",
        "You're allowed to be proud of this.",
        "Remember this week the next time it feels like nothing has changed.",
    ),
}

LAST_STEP_EASIER = (
    "Easier than I expected: I'd said {predicted} and it was {outcome}. {who} had no idea how big it was for me.",
    "I expected {predicted} out of 10 and it felt like {outcome}. The fear keeps overestimating.",
    "It went fine. Better than fine. I'd guessed {predicted}; it was {outcome}.",
    "I did it. {predicted} before, {outcome} after. Writing the numbers down helps me believe it.",
)
LAST_STEP_HARDER = (
    "About as hard as I thought, maybe harder ({predicted} before, {outcome} after). I did it anyway.",
    "It was clumsy: {outcome} out of 10, when I'd guessed {predicted}. Still counts.",
)
LAST_STEP_NOT_YET = (
    "I didn't get to it. The week got away from me, and that's all right. Keeping it in mind.",
    "Not this week. I thought about it a few times, which is a start.",
)

QUIET_OR_STIRRING: dict[str, tuple[str, ...]] = {
    "quiet": (
        "Much more going quiet than stirring things up. Silence is my main move.",
        "Quiet, mostly. Keeping things light, then leaving early.",
        "Going quiet. I'd like to notice it one sentence earlier.",
    ),
    "stirring": (
        "More stirring than usual: I picked at things. Just noticing.",
        "Both. Quiet first, then sharp when the quiet didn't work.",
    ),
    "neither": (
        "Hardly either this week.",
        "Neither much. When I did pull back it was small and I came back.",
    ),
}

BEHAVIOUR_WORDS = {
    "went-quiet": "going quiet", "avoided-topic": "changing the subject", "cancelled-plans": "cancelling",
    "kept-it-surface": "keeping it light", "over-independence": "doing it all myself", "numbed-out": "going numb",
    "avoided-touch": "dodging touch", "hid-needs": "not saying what I need",
    "brushed-off-affection": "waving off kindness", "numbed-out-with-something": "disappearing into my phone",
    "showed-a-polished-self": "being the polished version of me", "picked-fight": "starting arguments",
    "ended-it": "talking about ending it", "distrust": "being suspicious", "pushed-away": "pushing people off",
    "sought-elsewhere": "looking for attention elsewhere", "chose-unavailable": "daydreaming about the unavailable",
    "moved-on": "planning my way out", "focused-on-flaws": "finding fault",
    "physical-instead-of-emotional": "keeping it physical",
}
"""How the person names their own moves in a review."""

FEAR_WORDS = {
    "rejection": "being turned down", "abandonment": "being left", "engulfment": "being swallowed up",
    "judgement": "being judged", "betrayal": "being let down", "being-seen": "being really seen",
    "loss": "losing someone", "not-enough": "not being enough", "burden": "being too much",
    "hurt-again": "getting hurt again",
}


@dataclass
class Week:
    """What a week of the demo journal held, for its review."""

    monday: date
    ease: float = 0.0
    """This week's own ups and downs, added to the story's arc."""
    entries: int = 0
    withdrawal: int = 0
    sabotage: int = 0
    people: Counter = field(default_factory=Counter)
    pulled_with: Counter = field(default_factory=Counter)
    """Whom the moments of pulling or pushing away were with."""
    behaviours: Counter = field(default_factory=Counter)
    fears: Counter = field(default_factory=Counter)
    plan: tuple[str, str, str] | None = None
    """The step chosen for this week in last week's review: (with whom, as planned, as done)."""
    tried: tuple[int, int] | None = None
    """When the planned step was tried: (expected, real) difficulty."""

    def add(self, entry) -> None:
        self.entries += 1
        self.withdrawal += entry.withdrawal
        self.sabotage += entry.sabotage
        self.people[entry.checkin.who] += 1
        if entry.withdrawal or entry.sabotage:
            self.pulled_with[entry.checkin.who] += 1
        self.behaviours.update(entry.checkin.behaviours)
        self.fears.update(entry.checkin.fears)


def review_answers(
    week: Week, before: Week | None, band: str, after_a_gap: bool, next_plan: str, pick: Callable, rng: random.Random
) -> dict[str, str]:
    """The answers to a week's review, by the role of the question, from what the week held
    (and the week before, which the review shows beside it)."""
    behaviour = BEHAVIOUR_WORDS[week.behaviours.most_common(1)[0][0]] if week.behaviours else "pulling back"
    fear = FEAR_WORDS[week.fears.most_common(1)[0][0]] if week.fears else "being left"
    who = next((name for name, _ in (week.pulled_with + week.people).most_common() if name != "Leo"), "Sam")
    words = {"who": who, "behaviour": behaviour, "Behaviour": behaviour[0].upper() + behaviour[1:], "fear": fear}
    more = before is not None and week.withdrawal + week.sabotage > before.withdrawal + before.sabotage
    patterns = MORE_THAN_LAST_WEEK if more and band in (MIDDLE, EASIER) else PATTERN[band]
    answers = {"pattern": (PATTERN_AFTER_A_GAP if after_a_gap else "") + pick(patterns).format(**words)}
    if week.plan:
        if week.tried:
            predicted, outcome = week.tried
            lines = LAST_STEP_EASIER if outcome < predicted else LAST_STEP_HARDER
            answers["last-step"] = pick(lines).format(who=week.plan[0], predicted=predicted, outcome=outcome)
        else:
            answers["last-step"] = pick(LAST_STEP_NOT_YET)
    if rng.random() < 0.85:
        answers["helped"] = pick(HELPED[band])
    if rng.random() < 0.8:
        answers["kind-words"] = pick(KIND_WORDS[band])
    if next_plan:
        answers["next-step"] = next_plan
    if rng.random() < 0.5:
        moves = week.withdrawal + week.sabotage
        kind = "neither" if not moves else "stirring" if week.sabotage * 2 >= week.withdrawal else "quiet"
        answers["other"] = pick(QUIET_OR_STIRRING[kind])
    return answers
