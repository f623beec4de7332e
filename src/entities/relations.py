"""The rule layer: who met, phoned or visited whom, from the trigger lexicon in ``data/relation_rules.toml``.

For each sentence, spaCy's ``PhraseMatcher`` finds trigger words (longest match wins); each trigger's *frame*
then looks left and right of it, within the clause, for the named actors that fill its roles. Filters drop
events that are negated, future or hypothetical, and actors who only attended. Every relation keeps its
trigger, the sentence as evidence, the place of a meeting when the clause names one, and the rule name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .normalize import fold
from .schema import SYMMETRIC_RELATIONS, Entity, Mention, Relation, Span
from .titles import TitleLexicon
from .tokenize import Sentence, arabic_tokenizer

_CONJUNCTIONS = ("و", "ف")
_ACTOR_LABELS = frozenset({"PER"})
_PLACE_LABELS = frozenset({"LOC"})


def _strip_conjunction(word: str) -> str:
    return word[1:] if len(word) > 3 and word.startswith(_CONJUNCTIONS) else word


@dataclass(frozen=True)
class Trigger:
    name: str
    type: str
    frame: str
    words: tuple[str, ...]
    actor_after: bool = False
    organisation_destination: bool = False  # «زار … الشركة السعودية للكهرباء»
    after_trip_noun: bool = False  # «جولته التي شملت الكويت»: only after a trip noun


@dataclass(frozen=True)
class Actor:
    """A named participant candidate: a mention placed on the sentence's tokens."""

    entity_id: str
    label: str
    first: int
    last: int
    prefixed: bool = False  # its first token carries a proclitic the name leaves out («لمصر»)


@dataclass
class Event:
    """A matched trigger and the roles found for it so far."""

    trigger: Trigger
    first: int
    last: int
    agents: list[Actor] = field(default_factory=list)
    partners: list[Actor] = field(default_factory=list)
    places: list[Actor] = field(default_factory=list)
    agents_before: bool = False
    other_side_unnamed: bool = False  # «تباحث فلان وعلان مع الإدارة»: the group is one side, not a meeting
    dropped: str = ""
    date: tuple[int, int] | None = None
    type: str = ""  # the relation type when the medium changes the trigger's («تباحث هاتفيا»: CALLED)


class RuleSet:
    """Trigger lexicon, markers and filters, and the generic code that applies them."""

    def __init__(self, config: dict[str, Any]):
        self.triggers = [
            Trigger(
                t["name"],
                t["type"],
                t["frame"],
                tuple(fold(w) for w in t["words"]),
                bool(t.get("actor_after")),
                bool(t.get("organisation_destination")),
                bool(t.get("after_trip_noun")),
            )
            for t in config["trigger"]
        ]

        def words(section: str, key: str) -> frozenset[str]:
            return frozenset(fold(w) for w in config[section][key])

        self.partner_markers = words("markers", "partner")
        self.destination_markers = words("markers", "destination")
        self.outside = words("markers", "outside")
        self.facility_heads = words("markers", "facility")
        self.facility_in = words("markers", "facility_in")
        self.passive_marker = tuple(fold(config["markers"]["agent_of_passive"][0]).split())
        self.hard = words("clause", "hard")
        self.relatives = words("clause", "relatives")
        self.complementizers = words("clause", "complementizers")
        self.reported_subject = words("clause", "reported_subject")
        self.subject_joints = words("clause", "subject_joints")
        self.soft = words("clause", "soft")
        self.max_distance = int(config["clause"]["max_distance"])
        self.place_max_gap = int(config["clause"]["place_max_gap"])
        self.subject_continues = words("clause", "subject_continues")
        self.support_pronouns = words("clause", "support_pronouns")
        self.coordination_gap = int(config["coordination"]["max_gap"])
        self.filter_window = int(config["filters"]["window"])
        self.blockers = (
            words("filters", "negation")
            | words("filters", "future")
            | words("filters", "future_prefix_words")
            | words("filters", "transfer")
        )
        self.sentence_cues = tuple(fold(c) for c in config["filters"]["sentence_cues"])
        self.future_openers = words("filters", "future_prefix_words")
        self.done_markers = words("filters", "done")
        self.coming = words("filters", "coming")
        self.adjective = words("filters", "adjective")
        self.interview = words("filters", "interview")
        self.medium_window = int(config["medium"]["window"])
        self.phone_cues = tuple(fold(c) for c in config["medium"]["phone"])
        self.remote_cues = tuple(fold(c) for c in config["medium"]["remote"])
        self.attendance = (
            words("attendance", "words")
            | words("attendance", "conveyed")
            | words("attendance", "directives")
            | words("attendance", "others")
            | words("attendance", "kin")
        )
        self.attendance_verbs = words("attendance", "verbs")
        self.rite_before = words("rite", "before")
        self.trip_nouns = words("trip", "nouns")
        self.trip_window = int(config["trip"]["window"])
        self.match_nouns = words("sport", "nouns")
        self.sport_cues = words("sport", "cues")
        self.organisation_after = frozenset(w.split()[0] for w in words("organisation_actor", "after"))
        self.not_conjunction = tuple(fold(w) for w in config["coordination"]["not_conjunction"])
        self.members = words("coordination", "members")
        self.companion_words = words("companions", "words")
        self.place_nouns = words("own_place", "place_nouns")
        self.title_joints = words("own_place", "joints")
        self.envoy_joints = words("own_place", "envoy_joints")
        self.envoy_heads = frozenset(w.removeprefix("ال") for w in words("own_place", "envoy_heads"))
        self.date_words = words("dates", "words")
        self.date_anchors = words("dates", "anchors")

    @classmethod
    def default(cls) -> RuleSet:
        text = resources.files("entities").joinpath("data/relation_rules.toml").read_text("utf-8")
        return cls(tomllib.loads(text))

    @classmethod
    def from_file(cls, path: str | Path) -> RuleSet:
        return cls(tomllib.loads(Path(path).read_text("utf-8")))

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Every form the first word of a trigger can take: a sentence without one has no event."""
        heads = {phrase.split()[0] for trigger in self.triggers for phrase in trigger.words}
        return frozenset(heads | {c + h for h in heads for c in _CONJUNCTIONS})

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """spaCy's PhraseMatcher over the trigger phrases, each also with a conjunction «و»/«ف» attached."""
        vocab = arabic_tokenizer().vocab
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for index, trigger in enumerate(self.triggers):
            phrases = []
            for phrase in trigger.words:
                head, *rest = phrase.split()
                phrases += [Doc(vocab, words=[first, *rest]) for first in (head, *(c + head for c in _CONJUNCTIONS))]
            matcher.add(str(index), phrases)
        return matcher

    # ----------------------------------------------------------------------------------------------
    def apply(
        self, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], entities: Sequence[Entity]
    ) -> list[Relation]:
        """All relations stated in the document's sentences."""
        relations: list[Relation] = []
        for sentence, events in self.trace(sentences, mentions, entities):
            relations += self._relations(text, sentence, events)
        return relations

    def trace(
        self, sentences: Sequence[Sentence], mentions: Sequence[Mention], entities: Sequence[Entity] = ()
    ) -> Iterator[tuple[Sentence, list[Event]]]:
        """Each sentence with its events (filtered ones included, marked ``dropped``): what ``explain`` shows.

        An actor takes its entity's label where the entities are given: a family name the tagger read as a
        place is still the person its full name made it."""
        labels = {entity.id: entity.label for entity in entities}
        previous_people: list[Actor] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        cursor = 0
        for sentence in sentences:
            actors: list[Actor] = []
            while cursor < len(ordered) and ordered[cursor].start < sentence.end:
                actor = _place_on_tokens(ordered[cursor], sentence, labels)
                if actor is not None:
                    actors.append(actor)
                cursor += 1
            yield sentence, self.events(sentence, actors, previous_people)
            people = [a for a in actors if a.label in _ACTOR_LABELS]
            if people:
                previous_people = people

    def events(self, sentence: Sentence, actors: list[Actor], previous_people: list[Actor]) -> list[Event]:
        """Triggers of one sentence with their roles filled, filtered events marked ``dropped``."""
        norms = [fold(t.text) for t in sentence.tokens]
        if self.first_words.isdisjoint(norms):  # most sentences name no event: skip the Matcher
            return []
        doc = Doc(arabic_tokenizer().vocab, words=norms)
        matches = self.matcher(doc)
        spans = filter_spans([doc[s:e] for _, s, e in matches])
        trigger_of = {(doc[s:e].start, doc[s:e].end): self.triggers[int(doc.vocab.strings[m])] for m, s, e in matches}
        covered = {i for a in actors for i in range(a.first, a.last + 1)}
        events = [
            Event(trigger_of[(span.start, span.end)], span.start, span.end - 1)
            for span in spans
            if not covered.intersection(range(span.start, span.end))
        ]
        starts = {e.first for e in events}
        meeting_starts = {e.first for e in events if e.trigger.type != "VISITED"}
        for index, event in enumerate(events):
            # a reception reaches over an arrival it mentions: «في استقباله لدى وصوله إلى المطار فلان»
            bounds = meeting_starts if event.trigger.frame == "possessive" else starts
            self._fill(event, norms, actors, bounds, previous_people, events[:index])
            event.dropped = (
                self._blocked(event, norms, covered)
                or self._a_match(event, norms)
                or self._attended(event, norms, covered)
                or self._pilgrimage(event, norms)
                or self._no_trip(event, norms)
            )
            if event.trigger.type == "MET" and not event.dropped:
                self._apply_medium(event, norms)
        self._inherit_agents(events)
        self._continue_subject(events, norms, actors)
        self._add_companions(events, norms, actors)
        dates = self._date_runs(norms)
        for event in events:
            if dates:
                event.date = min(dates, key=lambda run: min(abs(run[0] - event.last), abs(run[1] - event.first)))
        return events

    def _date_runs(self, norms: list[str]) -> list[tuple[int, int]]:
        """Token ranges [first, last] of date expressions in the sentence."""
        runs: list[tuple[int, int]] = []
        start: int | None = None
        for position, word in enumerate([*norms, ""]):
            bare = _strip_conjunction(word)
            if bare in self.date_words or (bare.isdigit() and len(bare) <= 4):
                start = position if start is None else start
                continue
            if start is not None:
                run = norms[start:position]
                if any(_strip_conjunction(w) in self.date_anchors for w in run):
                    runs.append((start, position - 1))
                start = None
        return runs

    def _travels_with_agent(self, event: Event, earlier: list[Event], norms: list[str]) -> None:
        """A trip after talks held «مع» someone is the talks' agent's: «أجرى إردوغان محادثات مع نظيره شي خلال
        زيارة إلى الصين» (not Xi's); a telephone call says nothing of who travelled. A reception's guest is
        the one who came, and keeps the trip («استقبل الأمير فلان الرئيس علان خلال زيارته»), as does a
        partner a relative pronoun makes the traveller («اجتمع فلان مع الوزير علان الذي وصل أربيل»)."""
        if not event.agents or (event.first > 0 and norms[event.first - 1] in self.relatives):
            return
        for talks in reversed(earlier):
            held_with = talks.trigger.type == "MET" and talks.trigger.frame in {"with", "noun"} and talks.agents
            if held_with and set(event.agents) <= set(talks.partners):
                event.agents = talks.agents[:1]
                return

    def _continue_subject(self, events: list[Event], norms: list[str], actors: list[Actor]) -> None:
        """«حصل أوباما على منحة في هاواي حيث التقى آن دانهام»: after «حيث» the main clause's subject goes on."""
        for event in events:
            if event.agents or not event.partners:
                continue
            joints = [i for i in range(event.first) if norms[i] in self.subject_continues]
            if joints:
                before = [a for a in actors if a.last < joints[-1] and self._is_actor(a, norms)]
                if before and before[0] not in event.partners:
                    event.agents = before[:1]

    def _add_companions(self, events: list[Event], norms: list[str], actors: list[Actor]) -> None:
        """«X يرافقه Y …»: Y travels with X and meets whoever X meets (but is not X's own partner)."""
        for position, word in enumerate(norms):
            if _strip_conjunction(word) not in self.companion_words:
                continue
            before = [a for a in actors if a.last < position and a.label in _ACTOR_LABELS]
            after = [a for a in actors if a.first > position and a.label in _ACTOR_LABELS]
            if not before or not after:
                continue
            party = [before[-1], *self._coordinated(after, norms)]
            for event in events:
                if set(event.agents) & set(party) and (event.partners or event.trigger.type == "VISITED"):
                    # a local official who shows the visitor round did not travel there («زار المستشفى
                    # يرافقه مدير الشؤون الصحية بمنطقة جازان فلان»)
                    local = {
                        a
                        for a in party
                        if event.trigger.type == "VISITED"
                        and any(self._own_place(a, p, norms, actors) for p in event.places)
                    }
                    event.agents = [*(a for a in party if a not in local), *(a for a in event.agents if a not in party)]

    # ----------------------------------------------------------------------------------------------
    def _fill(
        self,
        event: Event,
        norms: list[str],
        actors: list[Actor],
        starts: set[int],
        previous_people: list[Actor],
        earlier: list[Event],
    ) -> None:
        """The event's roles, from the actors around its trigger (``earlier``: the sentence's events before it)."""
        frame = event.trigger.frame
        left = self._left_group(event.first, norms, actors, starts) or self._relative_antecedent(
            event.first, norms, actors
        )
        if frame == "noun" and event.first > 0 and norms[event.first - 1] in self.complementizers:
            left = []  # «وأوضح الجبير أن لقاء الوزير مع …»: the speaker is no participant
        if frame == "noun" and "بين" in norms[event.last + 1 : event.last + 7]:
            left = []  # «وجاء إعلانه في ختام لقاء عقد بين فلان وعلان»: the parties follow «بين»
        needed = 0 if frame == "possessive" else 1 if left or frame == "travel" else 2
        right = self._right_actors(event.last, norms, actors, starts, needed, frame == "travel")
        people = [(a, marked) for a, marked in right if self._is_actor(a, norms)]
        places = [a for a, _ in right if a.label in _PLACE_LABELS]
        possessive = frame == "possessive" or (frame == "travel" and norms[event.first].endswith(("ه", "ها", "هم")))
        if possessive:
            hosts = [a for a, _ in people]
            named_guest = (
                frame == "possessive"
                and not norms[event.last].endswith(("ه", "ها", "هم"))
                and hosts
                and self._gap(event.last, hosts[0], actors) <= 2
            )
            if named_guest:  # «في استقبال الرئيس فلان … علان»
                event.agents, hosts = hosts[:1], hosts[1:]
            else:  # «في استقباله …», «في استقبال جلالة الملك …»: the guest was named before
                antecedent = self._antecedent(event.first, actors, previous_people, norms)
                event.agents = [antecedent] if antecedent else []
            event.partners = self._coordinated(hosts, norms, actors=actors) if frame == "possessive" else []
            if frame == "possessive" and not event.partners and left:
                # the hosts stand before the trigger: «وكان الملك فلان في مقدمة مستقبلي (الضيف)»
                event.partners = left
                if event.agents and event.agents[0] in left:
                    antecedent = self._antecedent(left[0].first, actors, previous_people, norms)
                    event.agents = [antecedent] if antecedent else []
        elif frame == "transitive" and self._passive_follows(event.last, norms):
            event.partners = left
            event.agents = [a for a, _ in people if self._after_passive_marker(a, event.last, norms)][:1]
        else:
            named_after = [
                a
                for a, _ in people
                if (not places or a.first < places[0].first)
                and self._gap(event.last, a, actors) <= 6
                and not self._verb_between(event.last, a, norms)
            ]
            if event.trigger.actor_after and named_after:
                left = []
            event.agents = left
            event.agents_before = bool(left)
            remaining = people
            if not event.agents and people and not (frame in {"with", "noun"} and people[0][1]):
                event.agents = self._coordinated([a for a, _ in people], norms)
                remaining = [(a, m) for a, m in people if a not in event.agents]
            if frame != "travel":
                first_marked = next((i for i, (_, m) in enumerate(remaining) if m), 0)
                event.partners = self._coordinated([a for a, _ in remaining[first_marked:]], norms, actors=actors)
                if not left and len(event.agents) == 1 and not event.partners:
                    # one participant after the trigger: it is the partner of a subject stated earlier
                    # («عادل الجبير، وزير الخارجية، التقى نظيره …», «… حيث التقى المهندس …»)
                    event.partners = event.agents
                    event.agents = self._left_group(event.first, norms, actors, starts, cross_commas=True)
                if not event.partners and frame in {"with", "noun"}:
                    event.other_side_unnamed = self._unnamed_partner(event, norms, actors)
        if frame == "travel":
            self._travels_with_agent(event, earlier, norms)
            # between the trigger and a traveller named after it, only a marked place is the destination
            # («وصل إلى مدينة عدن … خالد بحاح»); an unmarked name there is part of the traveller's title
            # («زار مدير فرع وزارة … الشيخ فلان مركز …»)
            after_agents = max([a.last for a in event.agents if a.first > event.last], default=-1)
            candidates = [
                a
                for a, _ in right
                if a not in event.agents
                and not (event.agents and all(self._own_place(t, a, norms, actors) for t in event.agents))
                and (
                    a.first > after_agents
                    or (a.label in _PLACE_LABELS and self._destination_marked(event.last, a, norms, actors))
                )
            ]

            def anchor(place: Actor) -> int:
                """Where the search for this destination starts: after the traveller when named in between."""
                between = [a.last for a in event.agents if event.last < a.first and a.last < place.first]
                return max([event.last, *between])

            near = [
                a
                for a in candidates
                if (
                    a.label in _PLACE_LABELS
                    and self._gap(anchor(a), a, actors) <= self.place_max_gap
                    and self._destination_marked(anchor(a), a, norms, actors)
                )
                or (
                    event.trigger.organisation_destination
                    and a.label == "ORG"
                    and a is candidates[0]
                    and self._gap(anchor(a), a, actors) <= 2
                )
            ]
            event.places = self._coordinated(near, norms, max_gap=2)  # «الكويت وقطر والعراق»
            event.places = [self._around_facility(p, norms, actors) for p in event.places]
        elif places:
            event.places = places[:1]

    def _own_place(self, person: Actor, place: Actor, norms: list[str], actors: list[Actor]) -> bool:
        """Whether ``place`` is named in ``person``'s title, right before the name or in an apposition after it:
        the place he holds office in or comes from, not where he went («زار أمين منطقة عسير المهندس فلان …»,
        «الرئيس الكيني فلان … في اليوم الأول من زيارته كينيا»). The title may name the place or its
        adjective («الكيني» for «كينيا»)."""
        if person not in actors:  # named in an earlier sentence: its title is not on these tokens
            return False
        lexicon = TitleLexicon.default()
        words = [w for w in norms[place.first : place.last + 1] if w not in self.place_nouns] or [norms[place.first]]
        country = lexicon.key(words[0])[1]
        # the token may carry a proclitic the mention leaves out («لمصر»)
        countries = {country, country[1:]} if country.startswith(("ل", "ب", "و")) else {country}

        def names_place(position: int) -> bool:
            inside = _actor_at(position, actors)
            # a place with «ل»/«ب» is where one went, not part of a title («وزير الدفاع لمصر»); its token is
            # still read as a word («التونسي»)
            if inside is not None and not inside.prefixed:
                return inside.entity_id == place.entity_id and self._in_title(inside.first, norms, lexicon)
            bare = lexicon.key(norms[position])[1]
            stem = bare[:-1]
            forms = {stem, stem + "ا", stem + "يا", stem + "ية"}
            return len(bare) > 3 and bare.endswith("ي") and not countries.isdisjoint(forms)

        def title_word(position: int) -> bool:
            word = norms[position]
            if word in self.hard or word in self.soft:
                return False
            inside = _actor_at(position, actors)
            return inside.label not in _ACTOR_LABELS if inside else self._title_goes_on(word, lexicon)

        position = person.first - 1
        while position >= 0 and person.first - position <= lexicon.max_words and title_word(position):
            if names_place(position):
                return True
            if lexicon.key(norms[position])[1] in lexicon.heads:  # the title begins here
                break
            position -= 1
        position = person.last + 1  # an apposition: «للرئيس فلان رئيس مصر»
        if position < len(norms) and lexicon.key(norms[position])[1] in lexicon.heads:
            while position < len(norms) and position - person.last <= lexicon.max_words and title_word(position):
                if names_place(position):
                    return True
                position += 1
        return False

    def _title_goes_on(self, word: str, lexicon: TitleLexicon) -> bool:
        """Whether ``word`` may stand inside a title: a title word, a place noun («بمنطقة») or a joint
        («مدير عام الشؤون الصحية في منطقة جازان», «سفير … لدى مصر»)."""
        bare = word[1:] if word.startswith(("ب", "ل")) and len(word) > 4 else word
        return (
            word in self.title_joints
            or word in self.envoy_joints
            or bare in self.place_nouns
            or lexicon.is_title_word(word)
        )

    def _in_title(self, first: int, norms: list[str], lexicon: TitleLexicon) -> bool:
        """Whether the words before token ``first`` go back, within a title, to its head («محافظ جدة»,
        «أمير منطقة الرياض», «مدير عام الشؤون الصحية بمنطقة جازان»)."""
        envoy = False  # «المبعوث الخاص للأمم المتحدة إلى سورية»; not «وزير الخارجية إلى موسكو»
        for position in range(first - 1, max(-1, first - 1 - lexicon.max_words), -1):
            head = lexicon.key(norms[position])[1]
            if head in lexicon.heads:
                return not envoy or head in self.envoy_heads
            if not self._title_goes_on(norms[position], lexicon):
                return False
            envoy = envoy or norms[position] in self.envoy_joints
        return False

    def _unnamed_partner(self, event: Event, norms: list[str], actors: list[Actor]) -> bool:
        """Whether «مع» after the trigger and its agents, in the clause, introduces a side that is not named
        («تباحث أعضاء الشرف فلان وعلان مع الإدارة الجديدة»): those named are one side and did not meet
        each other. Parties named after «بين» met each other whatever follows («اتصال هاتفي بين فلان وعلان
        يوم الأربعاء مع …»)."""
        if "بين" in norms[event.last + 1 : event.last + 7]:
            return False
        start = max([event.last, *(a.last for a in event.agents if a.first > event.last)]) + 1
        for position in range(start, min(len(norms), event.last + 1 + self.max_distance)):
            word = norms[position]
            if word in self.hard or word in self.soft:
                return False
            if word == "مع":
                return True
            if _actor_starting_at(position, actors) is not None:
                return False
        return False

    def _around_facility(self, place: Actor, norms: list[str], actors: list[Actor]) -> Actor:
        """The place a building destination stands in, when named right after it behind «في» (a few
        title words may come between: «مطار حيدر علييف الدولي في العاصمة الأذرية باكو» → «باكو»)."""
        head = norms[place.first]
        if not ({head, head.removeprefix("ال")} & self.facility_heads) or place.last + 1 >= len(norms):
            return place
        if norms[place.last + 1] not in self.facility_in:
            return place
        after = [a for a in actors if a.first > place.last + 1 and a.label in _PLACE_LABELS]
        if after:
            inside = min(after, key=lambda a: a.first)
            if self._gap(place.last, inside, actors) <= 4:
                return inside
        return place

    def _destination_marked(self, start: int, place: Actor, norms: list[str], actors: list[Actor]) -> bool:
        """A destination follows the trigger or traveller directly, or comes after «إلى», «مدينة», a
        proclitic «ل»/«ب» … («زار الرياض», «وصل إلى مدينة عدن», «زيارة للولايات المتحدة»)."""
        if place.first > 0 and norms[place.first - 1] in self.outside:  # «متوجها إلى خارج السعودية»
            return False
        if self._gap(start, place, actors) == 0 or norms[place.first].startswith(("ل", "ب")):
            return True
        return any(norms[i] in self.destination_markers for i in range(max(start + 1, place.first - 3), place.first))

    @staticmethod
    def _gap(index: int, actor: Actor, actors: list[Actor]) -> int:
        """Tokens between ``index`` and ``actor`` that belong to no actor."""
        inside = {i for a in actors for i in range(a.first, a.last + 1)}
        return sum(1 for i in range(index + 1, actor.first) if i not in inside)

    def _left_group(
        self, index: int, norms: list[str], actors: list[Actor], starts: set[int], cross_commas: bool = False
    ) -> list[Actor]:
        """The actors just before the trigger in its clause: the nearest one and those coordinated with it."""
        nearest_first: list[Actor] = []
        for position in range(index - 1, max(-1, index - self.max_distance), -1):
            word = norms[position]
            if word in self.hard or (word in self.soft and not cross_commas) or position in starts:
                break
            if (
                word in self.reported_subject
                and not nearest_first
                and not self._subject_before(position, norms, actors)
            ):
                break  # «وأكد فلان أن إدارة النادي اجتمعت مع …»: the speaker is not the subject
            actor = _actor_ending_at(position, actors)
            if actor and self._is_actor(actor, norms) and not self._stood_in_for(actor, norms, actors):
                nearest_first.append(actor)
        if not nearest_first:
            return []
        group = [nearest_first[0]]
        for actor in nearest_first[1:]:
            if not self._joined(actor, group[0], norms):
                break
            group.insert(0, actor)
            if actor.label == "ORG" and any(w in self.members for w in norms[actor.last + 1 : group[1].first]):
                break  # the delegation's organisation begins the group
        return self._members_for_delegation(group, norms)

    def _subject_before(self, position: int, norms: list[str], actors: list[Actor]) -> bool:
        """Whether «أن» at ``position`` goes on the clause of the name before it rather than reporting another:
        after «قبل», «بعد» («قبل أن يبدأ زيارة»), or a name with «ل» («وسبق لهولاند أن التقى»)."""
        if position == 0:
            return False
        if norms[position - 1] in self.subject_joints:
            return True
        actor = _actor_ending_at(position - 1, actors)
        return actor is not None and actor.label in _ACTOR_LABELS and norms[actor.first].startswith("ل")

    def _stood_in_for(self, actor: Actor, norms: list[str], actors: list[Actor]) -> bool:
        """Whether an attendance, greetings or directives word stands up to six words before ``actor``'s name,
        its titles between («نيابة عن صاحب السمو الملكي الأمير فلان، استقبل …»: someone else received in his
        name); a boundary or another name between ends the look."""
        for position in range(actor.first - 1, max(-1, actor.first - 7), -1):
            word = _strip_conjunction(norms[position])
            if word in self.attendance:
                return True
            if word in self.hard or word in self.soft or _actor_ending_at(position, actors):
                return False
        return False

    def _relative_antecedent(self, index: int, norms: list[str], actors: list[Actor]) -> list[Actor]:
        """The name a relative pronoun right before the trigger stands for: «كارتر الذي وصل إلى بغداد», a comma
        between them or not."""
        if index < 2 or norms[index - 1] not in self.relatives:
            return []
        before = index - 3 if norms[index - 2] in self.soft and index >= 3 else index - 2  # «موغريني، التي زارت»
        actor = _actor_ending_at(before, actors)
        return [actor] if actor and self._is_actor(actor, norms) else []

    def _right_actors(
        self, index: int, norms: list[str], actors: list[Actor], starts: set[int], people_needed: int, travel: bool
    ) -> list[tuple[Actor, bool]]:
        """Actors after the trigger, each with whether a partner marker (مع، بـ) introduces it.

        Commas stop the search only once the trigger has what it needs, so that a time adverb between
        commas («استقبل كيم، اليوم السبت، لافروف») does not hide the second participant.
        """
        found: list[tuple[Actor, bool]] = []
        people = places = 0
        marked = False
        position = index + 1
        while position < len(norms) and (
            position - index <= self.max_distance
            # a list of participants goes on past the limit while its names keep coming close together
            or (found and position - found[-1][0].last <= self.coordination_gap)
        ):
            word = norms[position]
            if word in self.hard or position in starts or _strip_conjunction(word) in self.attendance:
                break
            if word in self.complementizers:  # «… في لقاء جمعه بالصحفيين أن فلانا …»: a reported clause
                break
            if word in self.soft and people >= people_needed and (places or not travel):
                break
            actor = _actor_starting_at(position, actors)
            if actor is not None:
                marked = marked or (word.startswith("ب") and len(word) > 3)
                found.append((actor, marked))
                people += self._is_actor(actor, norms)
                places += actor.label in _PLACE_LABELS
                marked = False
                position = actor.last + 1
                continue
            if word in self.partner_markers or (word.startswith("ب") and len(word) > 3):
                marked = True
            position += 1
        return found

    def _is_actor(self, actor: Actor, norms: list[str]) -> bool:
        if actor.label in _ACTOR_LABELS:
            return True
        if actor.label == "ORG" and actor.first > 0:
            before = _strip_conjunction(norms[actor.first - 1])
            two_before = norms[actor.first - 2] if actor.first > 1 else ""
            return before in self.organisation_after or (before == "من" and two_before in self.organisation_after)
        return False

    def _passive_follows(self, index: int, norms: list[str]) -> bool:
        window = norms[index + 1 : index + 4]
        n = len(self.passive_marker)
        return any(tuple(window[i : i + n]) == self.passive_marker for i in range(len(window)))

    def _after_passive_marker(self, actor: Actor, index: int, norms: list[str]) -> bool:
        return self.passive_marker[-1] in norms[index + 1 : actor.first]

    def _antecedent(
        self, index: int, actors: list[Actor], previous_people: list[Actor], norms: list[str]
    ) -> Actor | None:
        before = [a for a in actors if a.last < index and a.label in _ACTOR_LABELS]
        if before:
            return before[-1]
        return previous_people[0] if previous_people else None

    def _blocked(self, event: Event, norms: list[str], names: set[int]) -> str:
        """Why the event did not happen, if a cue says so: a cue in the clause before the trigger (up to
        ``window`` tokens back, stopping at a hard boundary) or a phrase anywhere before it. A word of a
        name (token positions ``names``) is no cue: «فيصل» is no «ف» + «يصل» (will arrive)."""
        window: list[str] = []
        for position in range(event.first - 1, max(0, event.first - self.filter_window) - 1, -1):
            word = norms[position]
            if word in self.hard:
                break
            if position not in names:
                window.append(word)
        for word in window:
            if word in self.blockers or _strip_conjunction(word) in self.blockers:
                return f"filtered by «{word}»"
        # a sentence that opens on a verb still to come announces its events («يغادر – بمشيئة الله – غدا …
        # في زيارة عمل»), unless a relative clause or «قد» between tells of one done («يلتقي فلان الذي وصل …»)
        opening = _strip_conjunction(norms[0]) if event.first > 0 else ""
        if opening in self.future_openers and not any(
            w in self.relatives or w in self.done_markers for w in norms[1 : event.first]
        ):
            return f"filtered by «{norms[0]}»"
        before = " ".join(norms[: event.first])
        for cue in self.sentence_cues:
            if cue in before:
                return f"filtered by «{cue}»"
        after = norms[event.last + 1 : event.last + 3]
        if _strip_conjunction(norms[event.first]) in self.adjective and after and after[0].startswith("لل"):
            return f"an adjective («{norms[event.first]} {after[0]}»)"
        for word in after:  # «الزيارة المرتقبة», «زيارته المقبلة»
            if word in self.coming:
                return f"filtered by «{word}»"
        if event.trigger.frame == "noun" and after and after[0] in self.interview:  # «اللقاء الصحفي»
            return f"an interview («{after[0]}»), not a meeting"
        return ""

    def _verb_between(self, index: int, actor: Actor, norms: list[str]) -> bool:
        """Whether another event's verb stands between a trigger and an actor after it: «في زيارة يلتقي
        خلالها الملك عبدالله» names the one met, not the visitor. A verb that carries the event noun itself
        («زيارة رسمية يقوم بها الرئيس فلان») is none."""
        between = norms[index + 1 : actor.first]
        return any(
            (word in self.blockers or word in self.first_words)
            and not (i + 1 < len(between) and between[i + 1] in self.support_pronouns)  # «زيارة يقوم بها فلان»
            for i, word in enumerate(between)
        )

    def _pilgrimage(self, event: Event, norms: list[str]) -> str:
        """Why a visit noun names no trip, if it does: «الحج والعمرة والزيارة» is the visit to the Prophet's
        Mosque, a rite named in programmes and offices («برنامج ضيوف … للحج والعمرة والزيارة»)."""
        if event.trigger.type != "VISITED" or event.first == 0:
            return ""
        before = _strip_conjunction(norms[event.first - 1])
        return f"the rite («{before}»), not a trip" if before in self.rite_before else ""

    def _no_trip(self, event: Event, norms: list[str]) -> str:
        """Why a trigger that needs a trip noun before it names no trip, if it does: «الحملة شملت مواقع …»."""
        if not event.trigger.after_trip_noun:
            return ""
        before = norms[max(0, event.first - self.trip_window) : event.first]
        return "" if any(_strip_conjunction(w) in self.trip_nouns for w in before) else "no trip noun before it"

    def _a_match(self, event: Event, norms: list[str]) -> str:
        """Why the event is a match, if it is: a meeting noun such as «اللقاء» in a sports report."""
        noun = " ".join(norms[event.first : event.last + 1])
        if noun in self.match_nouns or _strip_conjunction(noun) in self.match_nouns:
            cue = next((w for w in norms if w in self.sport_cues or _strip_conjunction(w) in self.sport_cues), None)
            if cue is not None:
                return f"a match («{cue}»), not a meeting"
        return ""

    def _attended(self, event: Event, norms: list[str], names: set[int]) -> str:
        """Why the event names only attendees, if it does: «حضر الاجتماع فلان وعلان», «حضر جلسة المباحثات …»
        list who was present at a meeting, not who met whom. The verb stands at most three words before the
        noun, with no name between."""
        if event.trigger.frame != "noun":
            return ""
        for position in range(event.first - 1, max(-1, event.first - 4), -1):
            if position in names:
                return ""
            word = _strip_conjunction(norms[position])
            if word in self.attendance_verbs:
                return f"attendees («{word}»), not parties"
        return ""

    def _apply_medium(self, event: Event, norms: list[str]) -> None:
        """A meeting held by telephone is a call («تباحث هاتفيا مع»); one held by video is no meeting in person."""
        near = " " + " ".join(norms[max(0, event.first - 2) : event.last + 1 + self.medium_window]) + " "
        if any(f" {cue} " in near for cue in self.remote_cues):
            event.dropped = "held remotely"
        elif any(f" {cue} " in near for cue in self.phone_cues):
            event.type = "CALLED"

    def _is_conjunction(self, word: str) -> bool:
        return word.startswith("و") and not word.startswith(self.not_conjunction)

    def _joined(
        self,
        earlier: Actor,
        later: Actor,
        norms: list[str],
        max_gap: int | None = None,
        actors: list[Actor] | None = None,
    ) -> bool:
        """Whether «و» joins two nearby actors (on the later name, or on a title before it), or a word
        that names the members of an organisation's delegation («وفدا من الكونغرس مؤلفا من السيناتور فلان»).

        Names inside a title between them (places, bodies: «وسفير خادم الحرمين الشريفين لدى جمهورية مصر
        العربية … أحمد قطان») do not count towards the gap when ``actors`` is given.
        """
        gap = norms[earlier.last + 1 : later.first + 1]
        limit = self.coordination_gap if max_gap is None else max_gap
        size = len(gap) if actors is None else self._gap(earlier.last, later, actors) + 1
        joins = any(self._is_conjunction(w) or (earlier.label == "ORG" and w in self.members) for w in gap)
        return size <= limit and joins and "مع" not in gap

    def _coordinated(
        self, ordered: list[Actor], norms: list[str], max_gap: int | None = None, actors: list[Actor] | None = None
    ) -> list[Actor]:
        """The first actor and those joined to it, one after the other, by «و»."""
        group = ordered[:1]
        for actor in ordered[1:]:
            if not self._joined(group[-1], actor, norms, max_gap, actors):
                break
            group.append(actor)
        return self._members_for_delegation(group, norms)

    def _members_for_delegation(self, group: list[Actor], norms: list[str]) -> list[Actor]:
        """An organisation whose delegation's members are named stands aside for them: «وفد الأمم المتحدة
        المؤلف من تيري رود لارسن وفيجاي غيباري» — the two took part, not the UN as such."""
        return [
            actor
            for actor, following in zip(group, [*group[1:], None], strict=False)
            if not (
                following is not None
                and actor.label == "ORG"
                and any(w in self.members for w in norms[actor.last + 1 : following.first])
            )
        ]

    @staticmethod
    def _inherit_agents(events: list[Event]) -> None:
        """An event with no agent of its own takes that of the nearest other event in the sentence:
        «قام بلير بزيارة … اجتمع خلالها مع بوش», «قبل لقاء كيم، اجتمع لافروف مع …»."""
        for i, event in enumerate(events):
            if event.agents:
                continue
            for other in [*reversed(events[:i]), *events[i + 1 :]]:
                candidates = [a for a in other.agents if a not in event.partners]
                if candidates:
                    event.agents = candidates[:1]
                    break

    # ----------------------------------------------------------------------------------------------
    def _relations(self, text: str, sentence: Sentence, events: list[Event]) -> list[Relation]:
        relations: list[Relation] = []
        seen: set[tuple[str, ...]] = set()
        evidence = Span(text=text[sentence.start : sentence.end], start=sentence.start, end=sentence.end)
        for event in events:
            if event.dropped:
                continue
            kind = event.type or event.trigger.type
            start, end = sentence.tokens[event.first].start, sentence.tokens[event.last].end
            trigger = Span(text=text[start:end], start=start, end=end)
            if kind == "VISITED":
                pairs = [(a, p) for a in event.agents for p in event.places]
            else:
                group = event.agents + event.partners
                if event.partners:
                    pairs = [(a, p) for a in event.agents for p in event.partners]
                elif not event.other_side_unnamed and (event.trigger.frame != "transitive" or event.agents_before):
                    # «بوش وبلير خلال لقاء», «مبارك والملك حمد … عقدا مباحثات»: the group met each other
                    pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
                else:
                    pairs = []
            place = event.places[0].entity_id if event.places and kind != "VISITED" else None
            date = None
            if event.date is not None:
                first, last = sentence.tokens[event.date[0]], sentence.tokens[event.date[1]]
                date = text[first.start : last.end]
            for source, target in pairs:
                if source.entity_id == target.entity_id:
                    continue
                a, b = source.entity_id, target.entity_id
                key = (kind, *sorted((a, b))) if kind in SYMMETRIC_RELATIONS else (kind, a, b)
                if key in seen:
                    continue
                seen.add(key)
                relations.append(
                    Relation(
                        type=kind,
                        source=source.entity_id,
                        target=target.entity_id,
                        trigger=trigger,
                        evidence=evidence,
                        place=place,
                        date=date,
                        rule=f"{event.trigger.name}/{event.trigger.frame}" + ("/by phone" if event.type else ""),
                    )
                )
        return relations


def _place_on_tokens(mention: Mention, sentence: Sentence, labels: Mapping[str, str]) -> Actor | None:
    indices = [i for i, t in enumerate(sentence.tokens) if t.start < mention.end and t.end > mention.start]
    if not indices or mention.entity_id is None:
        return None
    label = labels.get(mention.entity_id, mention.label)
    prefixed = mention.start > sentence.tokens[indices[0]].start
    return Actor(mention.entity_id, label, indices[0], indices[-1], prefixed)


def _actor_at(position: int, actors: list[Actor]) -> Actor | None:
    return next((a for a in actors if a.first <= position <= a.last), None)


def _actor_starting_at(position: int, actors: list[Actor]) -> Actor | None:
    return next((a for a in actors if a.first == position), None)


def _actor_ending_at(position: int, actors: list[Actor]) -> Actor | None:
    return next((a for a in actors if a.last == position), None)
