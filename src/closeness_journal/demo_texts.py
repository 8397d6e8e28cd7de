"""The words of the demo journal: what happened with whom, what the person did with it, what they
feared, the small steps they tried, and what they wrote besides. All of it is invented, in plain
first person; `demo.py` puts it together into entries.

Moments and responses carry a short head before " | ", so that a response only follows a moment it
fits (nobody "keeps the plans" after a hug):

- the kind of moment, one letter: t talk, q a question about how you really are (a talk too),
  i invitation or plan, p praise or care, h touch or a hug, m a message, o an offer of help; a
  response lists every kind it fits, or `*` for any;
- on a moment, `+` when it was a moment of closeness (the kind that often sets the pull off), then
  the kinds of closeness involved, then `#tags`.

Placeholders: {who} is the person's name, {they}/{them}/{their} their pronouns (never followed by a
verb that changes with the pronoun, so "they" reads as well as "she").
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from closeness_journal.core.vocabulary import SABOTAGE_BEHAVIOURS, WITHDRAWAL_BEHAVIOURS


class Person(NamedTuple):
    name: str
    relationship: str
    they: str
    them: str
    their: str
    behaviours: str
    """The ways this person tends to pull or push away with them (slugs, most likely first)."""
    fears: str
    """What tends to be feared with them (slugs, most likely first)."""


PEOPLE = (
    Person("Sam", "partner", "he", "him", "his",
           "went-quiet avoided-topic hid-needs avoided-touch brushed-off-affection numbed-out-with-something "
           "focused-on-flaws picked-fight physical-instead-of-emotional distrust numbed-out sought-elsewhere "
           "chose-unavailable",
           "engulfment not-enough being-seen burden abandonment"),
    Person("Ana", "friend", "she", "her", "her",
           "cancelled-plans kept-it-surface hid-needs showed-a-polished-self over-independence brushed-off-affection "
           "pushed-away",
           "burden rejection not-enough judgement abandonment"),
    Person("Mum", "family", "she", "her", "her",
           "kept-it-surface avoided-topic over-independence went-quiet hid-needs avoided-touch numbed-out "
           "picked-fight",
           "judgement burden loss being-seen not-enough"),
    Person("Jo", "colleague", "they", "them", "their",
           "showed-a-polished-self over-independence brushed-off-affection kept-it-surface cancelled-plans "
           "numbed-out-with-something distrust",
           "judgement not-enough rejection betrayal"),
    Person("Alex", "friend", "she", "her", "her",
           "kept-it-surface cancelled-plans showed-a-polished-self hid-needs moved-on focused-on-flaws",
           "rejection hurt-again being-seen not-enough"),
)

MOMENTS: dict[str, tuple[str, ...]] = {
    "Sam": (
        "q+ emotional #home | Sam made pancakes on Sunday and asked how my week had really been, not the short one.",
        "h+ physical emotional #home | Sam put his arm round me halfway through the film and said he'd missed me.",
        "i+ experiential | Sam asked if I'd come with him on Saturday to meet his brother's new baby.",
        "h+ physical #home | We cooked together after work and Sam kept kissing my shoulder while I chopped onions.",
        "m+ emotional #text | Sam texted at lunch just to say he was thinking about me.",
        "q+ emotional | Sam wanted to talk about where we see ourselves next year.",
        "q+ emotional | Sam noticed I was quiet at dinner and asked, gently, whether something was wrong.",
        "t+ emotional | On the canal path Sam told me about his dad being ill when he was fifteen.",
        "p+ emotional | Sam said he loves the way I laugh at my own jokes before I get to the end of them.",
        "i+ experiential | Sam booked a table at the Lebanese place for our anniversary without telling me.",
        "t+ intellectual emotional | Sam asked if he could read the short story I've been working on.",
        "h+ physical #home | Sam got into bed early and reached for my hand while I was still on my phone.",
        "t emotional | Sam had an awful day at work and wanted to talk it through after dinner.",
        "q emotional | Sam asked why I always say I'm fine when I'm clearly not.",
        "p+ emotional #home | We bickered about ringing the landlord, then Sam brought me tea as a peace offering.",
        "i experiential | Sam asked me to come to his work party on Friday and meet everyone properly.",
        "h+ physical | Sam leaned his head on my shoulder on the train back from his sister's.",
        "i+ experiential | Sam wanted to plan a week away in the spring, just the two of us.",
        "p+ emotional #home | Sam left a note on the kettle wishing me luck for my presentation.",
        "q emotional | Sam told me he feels shut out when I disappear to the other room after dinner.",
        "t+ emotional spiritual | We stayed up late talking about whether we'd ever want children.",
        "i experiential | Sam invited me to the climbing wall with him and his friends.",
        "h+ physical emotional | Sam gave me a long hug at the door when I got back from Mum's.",
        "q emotional #home | While we were washing up, Sam asked what I'm most afraid of, out of nowhere.",
        "t+ intellectual | Sam read me a bit of his book in bed and asked what I thought it meant.",
        "o+ emotional | Sam offered to come with me to the dentist because he knows I hate it.",
    ),
    "Ana": (
        "i experiential | Ana rang to ask if I wanted to come round for dinner on Thursday.",
        "m+ emotional #text | Ana sent a voice note about her new job that ended 'now tell me everything about you'.",
        "q+ emotional | Ana noticed I hadn't been to book club for a month and asked if I was all right.",
        "t emotional | Over coffee Ana told me she's been struggling since the break-up.",
        "i+ experiential | Ana wanted to go to the Saturday market together like we used to.",
        "p+ emotional | Ana said I'm the friend she trusts most, and I didn't know where to look.",
        "t experiential | Ana asked if she could stay with us for a couple of nights while her flat is fixed.",
        "i experiential | Ana invited me to a film night at hers, with a lot of people I don't know.",
        "t+ intellectual | Ana and I talked for two hours about books and her dad's allotment.",
        "t intellectual emotional | Ana asked me to be honest about whether her new boyfriend is good for her.",
        "m+ emotional #text | Ana messaged that she misses me and we should do something, just us.",
        "p+ emotional | Ana gave me a present for no reason: a mug with a badly drawn cat on it.",
        "q emotional | Ana wanted to talk about the argument we had in the spring.",
        "o+ experiential | Ana offered to help me paint the spare room this weekend.",
        "h+ physical | Ana linked her arm through mine on the way to the bus stop, the way she does.",
    ),
    "Mum": (
        "q+ emotional | Mum rang on Sunday and asked, properly, how things are with Sam.",
        "p+ emotional | Mum told me she's kept every school report I ever brought home.",
        "i experiential | Mum asked if I'd come home for her birthday weekend.",
        "t emotional | Mum started talking about Dad leaving, which she almost never does.",
        "h+ physical | Mum held on to me for a long time at the station.",
        "q emotional | Mum asked why I never tell her anything until it's all over.",
        "m+ emotional #text | Mum sent a photo of me aged six on the beach with a bucket on my head.",
        "o+ emotional | Mum offered to lend me money for the deposit before I'd even asked.",
        "t+ experiential | Mum wanted to video call so she could show me the garden.",
        "q emotional | Mum asked if I was eating properly, in the voice that makes me feel about twelve.",
        "t emotional | Mum told me she's been lonely since Aunt Ruth moved away.",
        "t+ intellectual | Mum and I did the crossword together over the phone, like we used to.",
        "q spiritual | Mum asked whether I still pray sometimes, the way we did when I was small.",
    ),
    "Jo": (
        "i+ experiential #work | Jo asked if I wanted to get lunch instead of eating at our desks.",
        "p+ emotional #work | Jo told me my part of the report was the best thing in it.",
        "m+ emotional #work | Jo noticed I looked tired in the stand-up and messaged afterwards to check in.",
        "t intellectual #work | Jo asked for my honest opinion on their idea for the new rota.",
        "t emotional #work | Jo said they're anxious about the restructure too.",
        "i experiential #work | Jo invited me to the team's Friday drinks, again.",
        "o+ experiential #work | Jo offered to take half my client calls this week so I wasn't swamped.",
        "t+ intellectual #work | Jo and I got talking about our favourite films on the walk to the station.",
        "q+ intellectual emotional #work | Jo asked what I'd like to do next at work, as if it really mattered.",
        "t intellectual #work | Jo disagreed with me in the meeting, politely, and asked to talk it over after.",
        "p+ emotional #work | Jo brought me a coffee without asking how I take it, and got it right.",
        "p+ emotional #work | Jo said they'd miss me if I moved teams.",
    ),
    "Alex": (
        "i+ experiential | Alex from the Tuesday pottery class asked if I wanted a drink afterwards.",
        "t+ emotional | Alex laughed at my lopsided bowl in a way that felt like being let in on a joke.",
        "m+ emotional #text | Alex messaged to ask how my glazing went, with three exclamation marks.",
        "i experiential | Alex asked me to come to a gig with her and a couple of her friends.",
        "t emotional | Alex told me about moving here on her own two years ago, not knowing anyone.",
        "q+ emotional | Alex asked a lot of questions about where I grew up.",
        "i+ experiential | Alex suggested we try the Saturday wheel session together.",
        "p+ emotional | Alex said she was glad I'd signed up for the class.",
        "q+ intellectual | Alex asked what I do when I'm not at work, and actually waited for the answer.",
        "i+ experiential | Alex invited me round to watch the baking programme and eat too much cake.",
        "t emotional | Alex talked about her sister being ill and then went quiet, waiting.",
        "m+ emotional #text | Alex sent a photo of the two mugs we made, side by side on her windowsill.",
    ),
}

PULLING_AWAY: dict[str, tuple[str, ...]] = {
    "went-quiet": (
        "tph | I went quiet and let {who} do the talking until the conversation ran out.",
        "tp | Something in me switched off. I answered in single words and looked at the floor.",
        "tphi | I said I was tired, which wasn't really true, and went to bed early.",
        "m | I read it three times and didn't answer. I told myself I'd reply when I had something good to say.",
    ),
    "avoided-topic": (
        "t | The moment it got near feelings I changed the subject to something safe.",
        "tp | I made a joke, the conversation moved on, and I felt relieved and a bit sad at once.",
        "q | Every time {who} edged towards how I was, I steered back to work.",
        "m | I answered the easy half of the message and ignored the question about how I really was.",
    ),
    "cancelled-plans": (
        "i | I said I had a headache and cancelled. I didn't have a headache.",
        "m | I left {them} on read for most of the day and then sent something vague.",
        "i | I moved it to 'some other time', which we both know can mean never.",
        "m | I wrote back 'sounds lovely, let's see', which is my way of saying no without saying it.",
    ),
    "kept-it-surface": (
        "tim | I kept it all light: the weather, the news, a funny video. Nothing that mattered.",
        "ti | I talked a lot and said nothing. I'm good at that.",
        "tm | I gave the short, cheerful version of my week and kept the real one to myself.",
    ),
    "over-independence": (
        "o | I said I'd sort it out myself, thanks, though I could have used the help.",
        "o | I insisted on doing the whole thing alone and then felt cross that nobody helped.",
        "tp | I told {who} not to worry about me, in the voice that closes the door.",
    ),
    "numbed-out": (
        "th | Halfway through I felt far away, as if I were watching us from across the room.",
        "thp | I went a bit numb. I could hear {them}, but none of it landed.",
    ),
    "avoided-touch": (
        "h | I stiffened and found a reason to move: a glass of water, my phone, anything.",
        "h | I was the first to let go, and I made it look casual.",
    ),
    "hid-needs": (
        "ti | I wanted to say I needed a quiet evening, and what came out was 'whatever you like'.",
        "qm | I needed {them} to ask again, and I didn't say so.",
        "t | I didn't mention I'd had a bad day, so of course {who} couldn't know.",
        "o | Part of me wanted the help badly, and I said 'honestly, I'm fine'.",
    ),
    "brushed-off-affection": (
        "p | I laughed and said 'oh, stop', and changed the subject.",
        "p | I said it was nothing, really, and waved it away before it could land.",
        "p | Instead of saying thank you I pointed out everything that was wrong with it.",
        "o | I said {they} shouldn't have bothered, which made it sound as if I didn't want it.",
    ),
    "numbed-out-with-something": (
        "* | Afterwards I spent the evening scrolling so I wouldn't have to feel anything.",
        "* | Later I had a second and a third glass of wine and stopped talking.",
        "* | Afterwards I opened the laptop and answered emails that could have waited until Monday.",
    ),
    "showed-a-polished-self": (
        "tim | I said everything was great and made my week sound much tidier than it was.",
        "ti | I was the fun, easy version of me, the one with nothing going on.",
        "tm | I only showed {them} the parts of me I'd already edited.",
    ),
}

PUSHING_AWAY: dict[str, tuple[str, ...]] = {
    "picked-fight": (
        "* | Out of nowhere I started on about something that didn't matter, and it turned into a proper row.",
        "tp | I picked at something small {who} said until it was an argument.",
    ),
    "distrust": (
        "ti | Afterwards, when {who} went quiet for a few hours, I built a whole story about why.",
        "tpm | I read something into a throwaway remark and spent the evening suspicious of it, for no real reason.",
    ),
    "pushed-away": (
        "tph | I said something sharp and a bit unkind, and {who} went very still.",
        "* | I told {them} I needed space, in a way that sounded like go away.",
    ),
    "sought-elsewhere": (
        "tm | Instead of answering {who}, I posted a photo and kept checking who'd liked it.",
    ),
    "chose-unavailable": (
        "thp | Afterwards I caught myself daydreaming about someone who could never be around. Safer, in my head.",
    ),
    "moved-on": (
        "* | The moment it started to feel like a real friendship, I began planning my way out of it.",
    ),
    "focused-on-flaws": (
        "* | I spent the rest of the evening noticing everything {who} did wrong.",
        "* | Afterwards I made a mental list of {their} faults, as if I were collecting evidence.",
    ),
    "physical-instead-of-emotional": (
        "t | When {who} wanted to talk, I kissed {them} instead. It was easier than answering.",
        "th | We ended up in bed, which was lovely, and which also meant I never had to say what was going on.",
    ),
}

STAYING: dict[str, tuple[str, ...]] = {
    "shared-a-feeling": (
        "* | This time I told {who} I was nervous. I just said the word, and nothing terrible happened.",
        "qi | I said 'I feel a bit wobbly about this', and {who} just nodded.",
        "* | I told {them} it really mattered to me. My voice shook a little.",
        "m | I wrote back something true instead of something breezy, and sent it before I could edit it.",
    ),
    "stayed-in-the-conversation": (
        "t | I wanted to get out of it, and I stayed, and we finished the conversation.",
        "t | I felt the urge to change the subject and didn't. We kept talking, slowly.",
        "t | It got uncomfortable and I stayed anyway, both hands round my mug.",
    ),
    "asked-for-a-need": (
        "t | I asked {who} for what I actually needed, which was to be listened to, not fixed.",
        "i | I said I'd like a quiet hour first and then I'd love to see {them}.",
        "tm | I asked {them} to check in with me on Friday, and {who} said of course.",
        "o | I said yes please, and told {them} exactly which part I'd like help with.",
    ),
    "let-affection-in": (
        "po | I said thank you and didn't argue with it. It felt strange and warm.",
        "h | I let it last, and I wasn't the first to let go.",
        "p | I let it land instead of batting it away, and it stayed with me all evening.",
        "m | I read it twice and let myself be pleased, instead of wondering what {they} wanted.",
    ),
    "reached-out": (
        "m | I wrote back straight away and asked when we could meet.",
        "tph | The next day I sent the first message for once, just 'thinking of you'.",
        "* | The next day I rang {them} instead of waiting to be asked.",
        "i | I said yes and suggested the next plan myself, before I could talk myself out of it.",
    ),
    "kept-plans": (
        "i | I wanted to cancel, and I went anyway. I'm glad I did.",
        "i | I had the excuse half typed, deleted it, and went.",
    ),
    "paused-instead-of-leaving": (
        "t | I said I needed ten minutes, walked round the block, and came back.",
        "th | I took three slow breaths, felt my feet on the floor, and stayed where I was.",
        "t | I told {who} I was overwhelmed and needed a minute, not that I was leaving.",
    ),
    "set-a-kind-boundary": (
        "i | I said yes, and that I'd need a quiet evening the day after, which made the yes easier.",
        "q | I told {them} I wasn't ready to talk about it tonight, but I would at the weekend.",
        "o | I said thank you, and that I'd like to try on my own first and would shout if I got stuck.",
    ),
}

STAYING_LATER: tuple[tuple[str, str], ...] = (
    ("reached-out", "tphioq | The next day I sent the first message for once, just 'thinking of you'."),
    ("reached-out", "* | The next day I rang {them} instead of waiting to be asked."),
    ("shared-a-feeling", "* | Later I told {them} how much it had meant to me."),
    ("asked-for-a-need", "tqhi | Later I asked for what would help next time: a bit more warning."),
)
"""A second way of staying close, after the first (so two never contradict each other)."""

COMING_BACK: tuple[tuple[str, str], ...] = (
    ("shared-a-feeling", "* | Later I went back and told {them} the truth: that it had frightened me a bit."),
    ("shared-a-feeling", "* | Later I said: I went distant because it felt like a lot, not because of you."),
    ("shared-a-feeling", "m | An hour later I wrote back properly, with the real answer."),
    ("reached-out", "* | Before bed I messaged {them} to say sorry for going so distant."),
    ("reached-out", "* | The day after, I rang {them} first. We didn't talk about it, but the door was open again."),
    ("asked-for-a-need", "* | The next morning I said I'd needed some quiet, and asked if we could try again."),
    ("paused-instead-of-leaving", "th | I took some time on my own, then came back and we picked it up again."),
    ("stayed-in-the-conversation", "t | Later we talked about it properly, and I stayed even when I wanted to "
                                   "wriggle out."),
    ("let-affection-in", "* | Later {who} said something kind about it, and I let it in."),
)
"""After pulling away, what brought the person back (the way of staying close, the words)."""

EASY: tuple[str, ...] = (
    "It was just nice. No alarm bells, and I want to write that down because it happens too.",
    "I didn't feel any pull to get away. I'm not sure what was different.",
    "Nothing dramatic. We talked, and I went to bed tired in the good way.",
    "The old itch to leave didn't show up today.",
    "A small, easy moment. I'd like more of these.",
    "I was a bit guarded at first, and then I forgot to be.",
    "It felt ordinary, which for me is quite something.",
    "Easy. I kept waiting for the catch and there wasn't one.",
    "I noticed a flicker of wanting to leave, and it passed on its own.",
    "It was fine, properly fine.",
)
"""A moment that didn't set anything off."""


class Said(NamedTuple):
    """A response read from its line: the kinds of moment it fits ("*" for any), and its words."""

    fits: str
    text: str


class Moment(NamedTuple):
    """A moment read from its line."""

    kind: str
    close_before: bool
    kinds: tuple[str, ...]
    tags: tuple[str, ...]
    text: str


def read_said(line: str) -> Said:
    head, text = line.split(" | ", 1)
    return Said(head.strip(), text)


def read_moment(line: str) -> Moment:
    head, text = line.split(" | ", 1)
    first, *words = head.split()
    kinds = tuple(w for w in words if not w.startswith("#"))
    tags = tuple(w[1:] for w in words if w.startswith("#"))
    return Moment(first[0], first.endswith("+"), kinds, tags, text)


def fits(said: Said, kind: str) -> bool:
    """Whether a response fits a kind of moment (a question about how you are is a talk too)."""
    return said.fits == "*" or kind in said.fits or (kind == "q" and "t" in said.fits)


@functools.cache
def parsed() -> dict:
    """The lines above with their heads read (once, on first use)."""
    said = {slug: tuple(map(read_said, lines)) for slug, lines in {**PULLING_AWAY, **PUSHING_AWAY}.items()}
    return {
        "moments": {name: tuple(map(read_moment, lines)) for name, lines in MOMENTS.items()},
        "withdrawal": {slug: lines for slug, lines in said.items() if slug in WITHDRAWAL_BEHAVIOURS},
        "sabotage": {slug: lines for slug, lines in said.items() if slug in SABOTAGE_BEHAVIOURS},
        "behaviour": said,
        "stayed": {slug: tuple(map(read_said, lines)) for slug, lines in STAYING.items()},
        "coming back": tuple((slug, read_said(line)) for slug, line in COMING_BACK),
        "later": tuple((slug, read_said(line)) for slug, line in STAYING_LATER),
    }
