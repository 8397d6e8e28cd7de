"""What the demo journal's person writes besides the moment itself: what they feared, the small
steps they tried (with what they expected and how it went), answers to the deeper prompts, and
free writing. All of it invented, in plain first person; placeholders as in `demo_texts`.
"""

from __future__ import annotations

from typing import NamedTuple

FEARED: dict[str, tuple[str, ...]] = {
    "rejection": (
        "That if I said what I wanted, {who} would say no and I'd feel stupid for asking.",
        "That I'd open up and get a polite, slightly bored face back.",
        "That {who} would turn me down, and it would prove something I already half believe.",
    ),
    "abandonment": (
        "That {who} would get tired of me and drift off, the way people do.",
        "That if I let myself count on {them}, one day {they} wouldn't be there.",
        "Being left. It's always somewhere in the background.",
    ),
    "engulfment": (
        "That if I said yes to this there'd be no space left that is just mine.",
        "That I'd disappear into {their} plans and forget what I actually want.",
        "That being close means being managed, and I'd lose my say.",
    ),
    "judgement": (
        "That {who} would think less of me if {they} saw how much I struggle with simple things.",
        "Being judged. That my mess would show.",
        "That I'd say something clumsy and be thought odd.",
    ),
    "betrayal": (
        "That whatever I told {them} would be used against me later.",
        "I didn't trust {them} not to pass it on. No real reason, just a feeling.",
    ),
    "being-seen": (
        "That {who} would see the real me, without the act, and not like it.",
        "Being properly looked at. That's the one.",
        "That if {who} saw how much I care, I'd have nowhere to hide.",
    ),
    "loss": (
        "That I'll lose {them}, to illness or time, and keeping a little distance feels like insurance.",
        "Losing {them} to something nobody can control.",
    ),
    "not-enough": (
        "That I'm not enough, and sooner or later {who} will notice.",
        "That I'm not interesting enough, or good enough, to be wanted like this.",
        "That {who} deserves someone easier, and it's only a matter of time.",
    ),
    "burden": (
        "That I'd be too much. Too many feelings, too many needs.",
        "That asking would make me a burden, and {who} already has enough on.",
        "That my needs would be one more thing for {them} to carry.",
    ),
    "hurt-again": (
        "That it would go the way it went with Leo: close, then cruel.",
        "That I'd let someone in and be hurt the same way as before.",
        "Being hurt again, the old way. My body remembers it even when my head says this is different.",
    ),
}

FEAR_ECHOES: tuple[str, ...] = (
    "It's an old feeling. It was around long before {who}.",
    "I know where I learned it, and it wasn't from {them}.",
    "Written down, it looks smaller than it felt.",
    "I'm not sure it's true, but it felt true at the time.",
    "Familiar, like an old coat.",
    "Nothing {who} did deserved it. It's mine.",
)


class Step(NamedTuple):
    who: str
    """Whom the step is with ("" for anyone: then {who} is filled in)."""
    plan: str
    """As chosen in a weekly review (the next step)."""
    done: str
    """As written in the check-in afterwards, a verb first ("Told Sam …")."""


S = Step
STEPS: tuple[Step, ...] = (
    S("Sam", "Tell Sam when I need an evening to myself, instead of just going quiet.",
      "Told Sam I needed an evening to myself instead of going quiet."),
    S("Sam", "Stay on the sofa with Sam until the end of the film.",
      "Stayed on the sofa with Sam until the end of the film."),
    S("Sam", "Tell Sam one true thing about my day at dinner.", "Told Sam one true thing about my day at dinner."),
    S("Sam", "Ask Sam for a hug when I want one, instead of waiting.", "Asked Sam for a hug when I wanted one."),
    S("Sam", "Answer Sam's 'how are you' with more than 'fine'.",
      "Answered Sam's 'how are you' with more than 'fine'."),
    S("Sam", "Let Sam read something I've written.", "Let Sam read something I'd written."),
    S("Sam", "Say thank you when Sam says something kind, and nothing else.",
      "Said thank you when Sam said something kind, and nothing else."),
    S("Ana", "Keep Thursday dinner with Ana, however tired I am.", "Kept Thursday dinner with Ana, tired as I was."),
    S("Ana", "Ring Ana instead of texting.", "Rang Ana instead of texting."),
    S("Ana", "Tell Ana I've been struggling a bit.", "Told Ana I'd been struggling a bit."),
    S("Ana", "Ask Ana to come with me to the thing I'm dreading.",
      "Asked Ana to come with me to the thing I was dreading."),
    S("Mum", "Tell Mum something real when she rings, not the news bulletin.",
      "Told Mum something real instead of the news bulletin."),
    S("Mum", "Stay on the phone with Mum a bit longer than I want to.",
      "Stayed on the phone with Mum a bit longer than I wanted to."),
    S("Mum", "Let Mum help with something, and say thank you.", "Let Mum help, and said thank you."),
    S("Jo", "Go to lunch with Jo when they ask.", "Went to lunch with Jo when they asked."),
    S("Jo", "Ask Jo for help with the report before I'm drowning.", "Asked Jo for help before I was drowning."),
    S("Jo", "Tell Jo I'm nervous about the presentation.", "Told Jo I was nervous about the presentation."),
    S("Alex", "Say yes to a drink with Alex after class.", "Said yes to a drink with Alex after class."),
    S("Alex", "Tell Alex something about me that isn't a funny story.",
      "Told Alex something about me that wasn't a funny story."),
    S("Alex", "Suggest a plan to Alex myself.", "Suggested a plan to Alex myself."),
    S("", "Reply to {who} within the hour, even if it's one line.",
      "Replied to {who} within the hour, even if it was one line."),
    S("", "Stay five more minutes with {who} when I want to go.",
      "Stayed five more minutes with {who} when I wanted to go."),
    S("", "Say 'I need a minute' to {who} instead of walking out.",
      "Said 'I need a minute' to {who} instead of walking out."),
    S("", "Take three slow breaths before deciding to leave a conversation with {who}.",
      "Took three slow breaths before deciding whether to leave a conversation with {who}. I stayed."),
)

GUESSED = (
    "I'd guessed it would be about {predicted} out of 10. It was more like {outcome}.",
    "Beforehand it felt like {predicted} out of 10. Afterwards, honestly, {outcome}.",
    "I expected it to be hard, {predicted} out of 10, and it was {outcome}.",
    "My prediction: {predicted}. What it really was: {outcome}.",
    "Before: {predicted} out of 10. After: {outcome}.",
)
WENT_BETTER = (
    "{who} barely blinked, in a good way.",
    "Nothing bad happened. I keep having to learn that.",
    "{who} seemed glad, and said so.",
    "It was awkward for about four seconds and then it wasn't.",
    "The fear was much louder than the thing itself.",
    "I felt lighter afterwards.",
    "{who} seemed pleased, and not at all surprised.",
)
WENT_HARDER = (
    "It was clumsy and I went red, but it's done.",
    "It didn't go the way I pictured. I'm still glad I tried.",
    "Harder than I'd hoped. Trying still counts.",
)

DEEPER: dict[str, tuple[str, ...]] = {
    "roots": (
        "At home, feelings were something you had in your room with the door shut. Nobody was unkind about it; "
        "it just wasn't done.",
        "Dad left when I was nine and Mum coped by coping. I learned that needing people is risky and being "
        "useful is safer.",
        "I remember being about seven and deciding not to cry at school any more. I think I'm still keeping "
        "that promise.",
        "With Leo, the things I told him came back later as weapons. After that I decided to keep the important "
        "things to myself.",
        "Care in our house was real, but it came and went with Mum's shifts and moods. I got very good at not "
        "asking.",
        "A kinder version of the old lesson: some people can be trusted with some things, and I'm allowed to "
        "find out which.",
        "We moved three times before I was twelve. I think I learned to leave before I could be left.",
    ),
    "in-the-moment": (
        "My shoulders went up to my ears and my jaw clenched. My hands wanted something to do.",
        "It starts in my chest, a tight fizzing, and then my thoughts speed up and start planning the exit.",
        "What helped was feeling my feet on the floor and one long breath out. Not magic, but enough to stay.",
        "Something like: 'I'm getting overwhelmed, can we pause for a few minutes? I'm not going anywhere.'",
        "The word for it was flooded. Naming it made it a bit smaller.",
        "The thought was 'this is too good, something's coming'. Another way to read it: it was a good evening.",
        "I went blank for a while. Holding a cold glass of water brought me back.",
    ),
    "self-compassion": (
        "I'd tell a friend: you're not broken, you're scared, and you noticed. That's a lot.",
        "Dear me: you went quiet again. It makes sense, and tomorrow is another go.",
        "The critical voice said I'm hopeless at this. Someone who loves me would say I'm learning something "
        "nobody taught me.",
        "I can give myself credit for coming back to the conversation, even if it took an hour.",
        "A step back isn't starting again from zero. I'm allowed a bad day.",
        "Being patient would look like not reading every wobble as proof that nothing has changed.",
        "If I picture myself at eight doing this, I just want to sit next to that kid for a bit.",
    ),
    "needs-and-boundaries": (
        "I needed a quiet hour after work before talking. I didn't say so because it sounded like rejecting Sam.",
        "I wanted reassurance and went looking for it in my phone instead of asking. Asking directly feels "
        "like begging, but it probably isn't.",
        "More notice helps. If I know about a plan a few days ahead, I can look forward to it instead of "
        "dreading it.",
        "I'd like to keep my Sunday mornings as mine, even if one day I live with someone.",
        "Ana never pushes when I say not now, and she always asks again later. That's exactly why I trust her.",
        "I moved flat on my own when two friends had offered to help. Letting them would have been fine, "
        "probably nice.",
        "My needs feel like an imposition. That started early. I don't think it's true any more.",
    ),
    "goals": (
        "I want to be able to say 'I had a rubbish day' to Sam without it being a big deal.",
        "I've been missing doing things side by side: cooking, walks, the pottery class. That kind comes easier.",
        "Ideas are easy for me and feelings are the hardest. Touch is somewhere in between.",
        "A year from now: an ordinary Tuesday, tea, telling Sam about my day without editing it first.",
        "I'd like to be closer to Mum in a grown-up way, not just phone calls about the weather.",
        "When things get serious I start finding faults. I'd like to notice it and say so instead.",
        "Lately I've stayed a few times when I'd normally have left. That's the direction I want.",
    ),
}
"""Answers to the deeper prompts, by theme (written to fit any prompt of the theme)."""

FEELINGS_HARD = [
    "My chest went tight and my thoughts went fast.",
    "It felt like too much, too close, all at once.",
    "Under the irritation I think I was scared.",
    "There was relief, and then guilt about the relief.",
    "My stomach dropped, the old lift-going-down feeling.",
    "I was restless all evening and couldn't settle to anything.",
]
FEELINGS_GOOD = [
    "I felt tender and a bit exposed, like a new bruise.",
    "I felt warm and, oddly, a bit sad.",
    "I felt calmer than I expected to.",
    "A flicker of pride, followed quickly by 'don't get carried away'.",
    "Something in my shoulders let go.",
]
FEELINGS = FEELINGS_HARD + FEELINGS_GOOD
"""How it felt, for the free writing (also used by benchmarks/generate.py)."""

FILLER: list[str] = [
    "The rest of the day was busy and I didn't think about it much.",
    "I made tea and sat by the window for a while.",
    "Later I walked round the park to clear my head. It was full of dogs.",
    "Work was mostly meetings about meetings.",
    "I finally fixed the wobbly shelf in the hall.",
    "It rained all afternoon and I read on the sofa.",
    "I cooked the lentil thing again, which is turning into a habit.",
    "The bus was late and I stood in the cold listening to a podcast about octopuses.",
    "I slept badly and everything felt a bit sharp-edged.",
    "I bought flowers for the kitchen for no reason.",
    "I watered the plants and noticed the basil has given up.",
    "Long day. My feet hurt.",
]
"""Ordinary life around it (also used by benchmarks/generate.py)."""

REFLECTIONS_HARD = [
    "Writing it down, it looks smaller than it felt at the time.",
    "I want to be gentler with myself about this one.",
    "Next time I'd like to take a breath before I decide anything.",
    "It's the good moments that set me off, not the bad ones. Still strange to see it written.",
    "I noticed it sooner than I would have a month ago.",
    "I don't need to fix it tonight.",
    "I'm trying to be curious about it rather than cross with myself.",
    "Part of me wants to delete this. I'm leaving it.",
]
REFLECTIONS_GOOD = [
    "Small thing, but I think it counts.",
    "I keep forgetting that people can cope with more of me than I think.",
    "I want to remember this one.",
    "That's the kind of evening I'd like more of.",
    "Quietly proud of that.",
]
REFLECTIONS = REFLECTIONS_HARD + REFLECTIONS_GOOD
"""Looking at it afterwards (also used by benchmarks/generate.py)."""
