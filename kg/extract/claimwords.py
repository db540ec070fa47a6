"""Word lists claim extraction reasons with, kept as data in one place.

The reporting verbs follow the cue inventories of the PARC and PolNeAR attribution corpora
(Pareti 2016; Newell et al. 2018), grouped by how firmly each puts a statement forward; the
casualty and personnel words follow the vocabulary of wire-service conflict reporting (AP and
Reuters style guides, ISAF and ministry press releases).
"""

from __future__ import annotations

from kg.model import Certainty, Measure

#: Reporting verb lemma -> the certainty a claim introduced by it has.
REPORTING_VERBS: dict[str, Certainty] = {
    **dict.fromkeys(
        """
        say tell add state report announce confirm write post claim declare insist stress emphasize
        underline underscore highlight
        emphasise note explain reveal unveil disclose describe warn allege assert argue acknowledge
        admit complain tweet testify indicate suggest identify express accuse maintain contend
        recount recall remark reiterate repeat observe mention quote publish show find conclude
        call document record register verify tally log
        """.split(),
        "Asserted",
    ),
    **dict.fromkeys("urge blame demand condemn criticize criticise hold vow pledge".split(), "Asserted"),
    **dict.fromkeys(
        """
        cite question praise hail applaud slam endorse echo liken promise propose recommend point
        agree ask continue reply retort respond quip reference blast denounce decry
        boast brag yell shout scream chant joke muse concede lament proclaim grumble exclaim caution
        """.split(),
        "Asserted",
    ),
    **dict.fromkeys("offer discuss speak talk encourage attack".split(), "Asserted"),
    **dict.fromkeys(("hope",), "Expected"),
    **dict.fromkeys("know understand learn realize realise rule press".split(), "Asserted"),
    **dict.fromkeys("decline refuse".split(), "Denied"),
    **dict.fromkeys("plan intend want".split(), "Expected"),
    **dict.fromkeys("estimate believe think suspect assess calculate reckon fear worry".split(), "Estimated"),
    **dict.fromkeys("expect predict forecast project anticipate".split(), "Expected"),
    **dict.fromkeys("deny reject dismiss refute rebut".split(), "Denied"),
}

#: Verbs of a mind rather than of speech: a belief, plan, wish or expectation inside another
#: report ("the minister said he believes ...", "officials said the militia plans to ...") is
#: what that report says, not a statement of its own (PolNeAR dev marks it apart 3 times in 62).
INNER_STANCE_VERBS = frozenset(
    """
    think believe hope plan intend want expect know understand realize realise suspect fear worry
    reckon
    """.split()
)

#: Reporting verbs that need a clause for their content ("expressed the view that ...", "polls
#: show that ..."): with a bare object ("expressed alarm", "found the body") they report nothing.
#: "call" reports only with an object predicate ("called the plan a failure").
CLAUSE_ONLY_VERBS = frozenset(
    """
    identify indicate observe show find conclude call document record register verify tally log
    hold underline underscore point agree offer discuss speak talk question want encourage
    know understand learn realize realise rule press decline refuse attack hope worry
    """.split()
)

#: Verbs that report through their object only when a person does them ("the senator spoke
#: about the strike", "she offered no proof", "he questioned the count", "she wants to cut
#: taxes", "he attacked the senator for his vote"); a state that "offered talks" or troops that
#: "questioned the residents" are no speakers. ("support", "back" and "defend" were tried: on
#: PolNeAR dev the annotators mark a person's use as a stance less than half the time.)
PERSONAL_STANCE_VERBS = frozenset("offer discuss speak talk question want encourage attack".split())

#: Verbs that put a statement forward through their object and what follows it rather than
#: through a clause (PolNeAR and PARC file them as cues too): "urged both sides to stop the
#: shelling", "blamed the outage on sabotage", "demanded the release of ...", "condemned
#: the strike", "vowed to retaliate", "accused the militia of looting", "denied any part in the
#: raid", "announced a curfew". The content runs from the object to the end of the verb's
#: phrase. A lemma mapped to words reports only with one of them after it: "held X responsible"
#: (not "held talks"), "claimed responsibility for ..." (its clause and quote readings stay),
#: "called for a ceasefire" and "called on X to ...".
OBJECT_STATEMENT_VERBS: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(
        """
        urge blame demand condemn criticize criticise vow pledge accuse deny reject dismiss
        announce declare cite praise hail applaud slam endorse echo liken promise propose recommend
        plan intend express mention note question highlight describe reference blast denounce decry
        acknowledge
        """.split()
    ),
    "hold": frozenset({"responsible", "accountable", "liable"}),
    "claim": frozenset({"responsibility", "credit"}),
    "call": frozenset({"for", "on"}),
    **dict.fromkeys("offer discuss".split()),
    "attack": frozenset({"for"}),  # "attacked the senator for his vote", not "attacked the checkpoint"
    **dict.fromkeys(("want", "encourage"), frozenset({"to"})),  # "wants to cut taxes"
    "speak": frozenset({"about", "of", "out"}),
    "talk": frozenset({"about"}),
    "point": frozenset({"to", "out"}),
    "agree": frozenset({"with"}),  # "agreed with the assessment"; "agreed to a truce" is a deal
    # "refused to lift the curfew"; "declined to comment / to confirm ..." says nothing
    **dict.fromkeys(("decline", "refuse"), frozenset({"to"})),
    "press": frozenset({"to", "for"}),  # "pressed the allies to ...", "pressed for talks"
}

#: Nouns that report what their possessor puts forward in a that-clause: "Moscow's claim that
#: 300 soldiers were killed", "the army's warning that the dam could burst" (PolNeAR and PARC
#: mark them as cues, the possessor as source).
REPORTING_NOUNS: dict[str, Certainty] = {
    **dict.fromkeys(
        """
        claim assertion statement warning argument allegation suggestion insistence contention
        charge accusation announcement admission promise pledge pronouncement declaration
        """.split(),
        "Asserted",
    ),
    **dict.fromkeys("belief view assessment estimate fear suspicion".split(), "Estimated"),
    **dict.fromkeys("prediction expectation".split(), "Expected"),
    **dict.fromkeys("denial".split(), "Denied"),
}

#: Verbs whose object is what a piece of evidence puts forward ("the poll shows the senator
#: ahead", "satellite images show craters along the runway", "a 2019 audit found 40 ghost
#: soldiers"): with an evidence noun for subject they report through a bare object too.
EVIDENCE_VERBS = frozenset("show find reveal suggest indicate".split())

#: What can show or find something without saying it: polls, pictures, records, studies.
EVIDENCE_NOUNS = frozenset(
    """
    poll survey study report video footage image imagery photo photograph picture data datum figure
    statistic record document analysis average audit review investigation inquiry census tally
    count research test result evidence map log assessment
    """.split()
)

#: Objects of "make" that turn it into a report (PolNeAR and PARC mark the phrase as the cue):
#: "made the case for sanctions", "made the argument that ...", "made no secret of his plans";
#: "made clear that ..." and "made it clear ..." are read from the adjective.
REPORTING_MAKE_OBJECTS = frozenset("case argument point claim secret accusation allegation".split())

#: Verbs that report only with a quotation for their content ('"...," she continued', 'he
#: replied: "..."'); elsewhere they are no speech ("the shelling continued", "continued to
#: advance", "responded with artillery").
QUOTE_ONLY_VERBS = frozenset("continue reply retort respond quip".split())

#: Verbs that pass on another's words: "X quoted Y as saying ...", "cited the ministry as saying".
QUOTING_VERBS = frozenset({"quote", "cite"})

#: Verbs of checking: "X could not verify the reports" is X's statement that they are
#: unverified, not nothing.
VERIFYING_VERBS = frozenset({"verify", "confirm"})

#: What a report was made in or at, which PolNeAR counts as part of its cue: "said in an
#: interview", "told reporters at a briefing", "wrote in a statement", "said during a rally".
OCCASION_NOUNS = frozenset(
    """
    interview statement briefing conference rally speech address email letter post tweet message
    call hearing debate appearance event meeting session broadcast podcast op-ed column memo
    """.split()
)

#: Prepositions that, after these verbs of saying, name the topic, medium or hearer ("said of
#: the plan", "added on Telegram", "shouted to the soldiers", "talked to reporters") rather
#: than make a phrasal cue as in "talked about" or "spoke out" (PolNeAR dev marks none of 17).
HEARER_PREPOSITIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "say add recall shout yell scream write tweet".split(), frozenset("of on to about with for".split())
    ),
    **dict.fromkeys("talk speak".split(), frozenset({"to", "with"})),
}

#: Adverbs of time right after a reporting verb that PolNeAR counts as part of its cue.
OCCASION_ADVERBS = frozenset("then later earlier afterward afterwards again today yesterday recently".split())

#: Words that open a line with a colon as a label of the page, not a speaker ("Update: ...",
#: "Editor's note: ...", "WATCH: ...").
PAGE_LABELS = frozenset(
    """
    update updated note editor's note photo photos video watch read read more related see also
    source sources credit caption correction clarification transcript advertisement subscribe
    share listen warning disclaimer summary background analysis opinion exclusive breaking
    breaking news live q a
    """.split()
) | frozenset({"editor's note", "read more", "see also", "breaking news", "editor\u2019s note"})

#: Reporting verbs whose object, when it holds a figure, is the content: monitors and
#: ministries "documented 4,000 killings", "confirmed 30 deaths", "recorded 120 casualties"
#: (the tally verbs of UN and NGO casualty reports).
FIGURE_OBJECT_VERBS = frozenset("report confirm document record register verify tally log".split())

#: Words in a figure's own clause that hedge it, whatever the reporting verb says.
HEDGE_WORDS: dict[str, Certainty] = {
    "expected": "Expected",
    "projected": "Expected",
    "forecast": "Expected",
    "likely": "Expected",
    "will": "Expected",
    "believed": "Estimated",
    "estimated": "Estimated",
    "thought": "Estimated",
    "reportedly": "Estimated",
    "allegedly": "Estimated",
    "possibly": "Estimated",
    "may": "Estimated",
    "might": "Estimated",
}

#: Heads of a source that names no one but speaks for the organisation it is "for" or "of":
#: "a spokesperson for the special operations forces" is that unit speaking.
SPOKES_NOUNS = frozenset(
    """
    spokesperson spokesman spokeswoman representative spokespeople spokesmen press-service
    service statement office
    """.split()
)

#: Heads of a source that, with a state as possessor or demonym ("South Korea's spy agency",
#: "U.S. officials", "the South Korean government"), make that state the claimant. Compared
#: with the head's lemma, so singular forms ("authorities" -> authority); "force" is the head
#: of "air force" and "armed forces". The organs of state named in wire copy (AP and Reuters
#: style guides): executive, legislature, armed services, security services.
STATE_ORGAN_NOUNS = frozenset(
    """
    agency government official authority ministry military army navy force intelligence
    administration cabinet presidency leadership embassy prosecutor police lawmaker legislator
    parliament congress diplomat regime
    """.split()
)

#: State organ heads a city has as well: owned by a capital ("Paris police", "Kyiv's
#: authorities") they are the city's, where "Kyiv's military" is the state's.
CITY_ORGAN_NOUNS = frozenset("official authority police prosecutor agency".split())

#: Heads of a source naming an organ that a leader heads: "the Trump administration" speaks
#: for the state the gazetteer says its leader leads (ckg:leaderOf), not for the person.
LEADER_ORGAN_NOUNS = frozenset("administration government regime cabinet presidency".split())

#: Heads of a source that is a document speaking for its author, named by a possessor or a
#: compound ("An Al Jazeera report said", "the UN's assessment found"); after "the" they refer
#: back to it ("The report also put ..."). From the PARC corpus' non-human sources.
REPORT_NOUNS = frozenset(
    "report study survey analysis assessment investigation tally estimate document count".split()
)

#: What a body says things "in" ("the ministry said in a statement"); "the statement added" is
#: that body again.
STATEMENT_NOUNS = frozenset("statement release communique communiqué post message".split())

#: Verbs that state a figure with "at" ("Monitors put the death toll at 1,040", "placed the
#: number of wounded at 200", "pegged losses at ..."): reporting cues, and how sure they are.
FIGURE_SETTING_VERBS: dict[str, Certainty] = dict.fromkeys("put place peg".split(), "Estimated")

#: Verbs that revise a tally to a figure with "to" ("The monitor later raised the toll to 70",
#: "revised the number of dead to 12"): reporting cues only with a tally noun as their object.
FIGURE_REVISING_VERBS: dict[str, Certainty] = dict.fromkeys("raise revise lower update".split(), "Asserted")

#: Nouns that hold a count of something else ("the death toll", "the number of wounded").
TALLY_NOUNS = frozenset({"number", "toll", "total", "tally", "count", "figure"})

#: Common nouns that, after "the" ("the agency added"), refer back to a named actor of a class.
ANAPHOR_CLASSES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        """
        agency service ministry department office government council committee body bureau
        authority directorate
        """.split(),
        frozenset({"GovernmentBody", "Organization", "InternationalOrganization"}),
    ),
    **dict.fromkeys(
        "newspaper paper daily outlet broadcaster publication channel network tabloid magazine".split(),
        frozenset({"MediaOutlet"}),
    ),
    **dict.fromkeys(
        "military army unit brigade regiment battalion division command forces".split(),
        frozenset({"MilitaryUnit"}),
    ),
    **dict.fromkeys(
        """
        president minister commander spokesperson spokesman spokeswoman leader lawmaker general
        officer sergeant official chief head envoy ambassador analyst expert
        """.split(),
        frozenset({"Person"}),
    ),
    **dict.fromkeys("country state nation kingdom republic".split(), frozenset({"State"})),
    **dict.fromkeys(
        REPORT_NOUNS,
        frozenset({"MediaOutlet", "Organization", "GovernmentBody", "InternationalOrganization"}),
    ),
    **dict.fromkeys("organization organisation company".split(), frozenset({"Organization"})),
    # an armed group is typed a military unit when its name says force, army or brigade
    **dict.fromkeys("group movement".split(), frozenset({"Organization", "MilitaryUnit", "ArmedGroup"})),
    **dict.fromkeys("militia faction insurgency".split(), frozenset({"ArmedGroup"})),
    **dict.fromkeys(
        STATEMENT_NOUNS,
        frozenset(
            {"GovernmentBody", "Organization", "InternationalOrganization", "MilitaryUnit", "ArmedGroup"}
        ),
    ),
}

#: Nouns of an unnamed monitoring group as a source ("a rights monitor reported"), and the words of
#: the names of such groups ("the X Observatory for Human Rights", "X Monitor", "Human
#: Rights Watch"): an article naming one such group means it.
MONITOR_NOUNS = frozenset({"monitor", "watchdog", "observatory"})
MONITOR_NAME_WORDS = frozenset({"observatory", "monitor", "monitoring", "watch"})

#: A news outlet's staff: "an AFP correspondent", "AP photographers at the hospital", "a
#: reporter for Reuters" report for their outlet, which is the claimant.
NEWS_STAFF_NOUNS = frozenset(
    "reporter correspondent photographer journalist cameraman camerawoman videographer stringer".split()
)

#: Common nouns for a single person as a source ("a nurse said ... she added"), beyond the
#: titles of ANAPHOR_CLASSES: "he" and "she" after them mean that person, named or not.
PERSON_SOURCE_NOUNS = frozenset(
    """
    witness resident nurse doctor medic surgeon survivor villager farmer teacher student driver
    soldier fighter serviceman conscript commander source activist journalist reporter
    correspondent lawyer relative mother father son daughter wife husband brother sister man
    woman volunteer worker rescuer paramedic mayor governor deputy adviser advisor aide
    """.split()
)

#: Personal pronouns as sources, and the classes they can point back to.
PRONOUN_CLASSES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("he", "she", "his", "her"), frozenset({"Person"})),
    **dict.fromkeys(
        ("it", "its"),
        frozenset(
            """
            GovernmentBody Organization InternationalOrganization MilitaryUnit ArmedGroup MediaOutlet State
            """.split()
        ),
    ),
}

#: Sources that, inside a quotation, are the quoted speaker or their listener ("I think",
#: "we believe", "you say"): an aside of the quote, not a claim of its own.
QUOTED_SPEAKER_PRONOUNS = frozenset("i we you me us".split())

#: Nouns for people under arms: a figure counting them, with no casualty word, is a troop count.
PERSONNEL_NOUNS = frozenset(
    """
    troop soldier serviceman servicemen servicemember personnel fighter marine paratrooper
    conscript recruit mercenary infantryman commando reservist volunteer sailor airman
    militant insurgent combatant guerrilla force militiaman militiamen contingent detachment
    garrison
    """.split()
)

#: Nouns for people named by their part in an armed group or a crime, the detainees of police
#: and military arrest reports ("detained a weapons facilitator and two associates").
ROLE_NOUNS = frozenset(
    """
    leader commander sub-commander facilitator associate accomplice suspect individual detainee
    kidnapper smuggler trafficker courier financier operative planner bomber maker
    gunman gunmen rebel extremist terrorist emir deputy lieutenant bodyguard henchman
    """.split()
)

#: Nouns for people of any kind, counted only with a casualty or capture word. "others" is the
#: second figure of a casualty report ("12 were killed and 40 others wounded").
PEOPLE_NOUNS = (
    PERSONNEL_NOUNS
    | ROLE_NOUNS
    | frozenset(
        """
        people person civilian man woman child resident citizen member national worker officer
        policeman policemen victim comrade other others
        """.split()
    )
)

#: Nouns of the act of holding someone, whose "of" names who was held ("the capture of a
#: rebel commander", "confirmed the arrest of two suspects").
CAPTURE_NOUNS = frozenset({"capture", "arrest", "detention", "apprehension"})

#: Words that put a row of detainees on top of those counted before: "also detained two
#: suspects", "one additional suspect was detained", "detained two other men".
ADDING_WORDS = frozenset({"also", "additional", "other", "further", "more"})

#: Nouns that, after "into" or "in", make a verb an arrest: "taken into custody".
CUSTODY_NOUNS = frozenset({"custody", "detention"})

#: Verbs and participles that say what happened to the people counted.
CASUALTY_VERBS: dict[str, Measure] = {
    **dict.fromkeys("kill die slay execute lynch massacre murder behead assassinate".split(), "Killed"),
    **dict.fromkeys("wound injure hurt maim".split(), "Wounded"),
    **dict.fromkeys("capture detain arrest seize apprehend".split(), "Captured"),
    **dict.fromkeys("deploy send dispatch station mobilize mobilise transfer".split(), "TroopCount"),
}

#: Adjectives that say what happened to the people counted, as a modifier ("two dead") or a
#: predicate ("were confirmed dead", "left nine dead").
CASUALTY_ADJECTIVES: dict[str, Measure] = {"dead": "Killed", "wounded": "Wounded", "injured": "Wounded"}

#: How badly people were hurt: "40 of them seriously" counts wounded.
SEVERITY_ADVERBS = frozenset(
    "critically seriously severely gravely badly lightly slightly moderately".split()
)

#: Loss idioms: "lost 340 men" counts killed or wounded; "claimed nine lives" counts the dead.
LOSS_VERBS = frozenset({"lose"})
LIFE_VERBS = frozenset("lose claim take cost".split())
LIFE_NOUNS = frozenset({"life", "lives"})

#: Predicates that say the people counted are missing, which no measure counts.
MISSING_WORDS = frozenset({"missing", "unaccounted"})

#: Nouns that name the casualties themselves ("200 casualties", "the death toll").
CASUALTY_NOUNS: dict[str, Measure] = {
    **dict.fromkeys("casualty loss".split(), "KilledOrWounded"),
    **dict.fromkeys("dead death fatality body killing".split(), "Killed"),
    **dict.fromkeys("wounded injured injury".split(), "Wounded"),
    **dict.fromkeys("prisoner pow captive detainee".split(), "Captured"),
}

#: Area units, with the factor that turns a figure in them into square kilometres.
AREA_UNITS: dict[str, float] = {
    "square kilometer": 1.0,
    "square kilometre": 1.0,
    "sq km": 1.0,
    "km2": 1.0,
    "square mile": 2.589988,
    "sq mi": 2.589988,
    "hectare": 0.01,
}

#: Sentences saying a report could not be checked make the claims before them Unverified.
UNVERIFIED_PATTERN = (
    r"\b(?:not|n't|unable to|cannot|could not|has not been able to|have not been able to)\s+"
    r"(?:be\s+)?(?:able to\s+)?(?:immediately\s+|independently\s+)*(?:verif|confirm)"
)
