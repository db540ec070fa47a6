"""Word lists relation extraction reasons with, kept as data in one place.

From wire-service style (AP, Reuters: "Russian President Vladimir Putin", "Andrii Kovalenko,
the head of ...") and the relation guides of Dstl re3d (InChargeOf, BelongsTo, CoLocated,
FightingAgainst, AlliesOf).
"""

from __future__ import annotations

from kg.extract.wordlists import ENGLISH_COMPASS

#: The last word of a title that makes its bearer the leader of what the title names:
#: "North Korean leader Kim Jong Un", "NIS Director ...", "the head of the agency".
LEADER_TITLES = frozenset(
    """
    president leader premier chancellor king queen emperor head chief commander commander-in-chief
    director chairman chairwoman chair secretary-general dictator ruler monarch governor mayor
    """.split()
)

#: "prime minister" heads a government, any other minister only belongs to it.
LEADER_TITLE_PHRASES = frozenset(
    {"prime minister", "supreme leader", "supreme commander", "head of state", "secretary general"}
)

#: Words that, inside a title, say its bearer does not (or no longer) lead: "Deputy Foreign
#: Minister", "former President", "Vice President".
NOT_LEADING = frozenset({"deputy", "vice", "former", "ex", "acting", "assistant", "late", "first-deputy"})

#: Words a title is made of ("Deputy Foreign Minister", "Defence Minister", "lawmaker").
TITLE_WORDS = frozenset(
    """
    president vice prime premier minister chancellor king queen prince emperor leader supreme
    chairman chairwoman chair secretary secretary-general ambassador envoy governor mayor senator
    lawmaker legislator spokesman spokeswoman spokesperson commander commander-in-chief general
    lieutenant colonel major captain sergeant admiral marshal brigadier commissioner director chief
    head deputy foreign defence defense interior security intelligence state first former acting
    ex assistant official diplomat representative rep. gen. lt. col. maj. capt. sgt. adm. mr mr.
    ms ms. dr dr. opposition national military army top senior lt gen col maj capt sgt brig brig.
    cpl cpl. pvt pvt. cmdr cmdr. cdr cdr. adm
    """.split()
)

#: Heads of an appositive that say who a person is to an organisation named after "of"/"at":
#: "Andrii Kovalenko, the head of ..." (leader), "..., a member of ..." (member).
MEMBER_NOUNS = frozenset(
    """
    member soldier officer fighter serviceman servicewoman medic sniper gunner pilot paratrooper
    conscript reservist commando marine rifleman
    """.split()
)

#: Nouns that, after "the" and with "'s", refer back to the last actor of a class named before:
#: "the country's prime minister", "the brigade's spokesman", "the group's leader".
COREFERENT_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("country", "nation"), frozenset({"State"})),
    **dict.fromkeys(
        ("brigade", "battalion", "regiment", "division", "unit", "army"), frozenset({"MilitaryUnit"})
    ),
    **dict.fromkeys(("ministry", "agency"), frozenset({"GovernmentBody"})),
    # "the group's leader": an armed group as often as any other organisation
    **dict.fromkeys(("group", "movement"), frozenset({"Organization", "ArmedGroup"})),
    "militia": frozenset({"ArmedGroup"}),
    **dict.fromkeys(("party", "organisation", "organization"), frozenset({"Organization"})),
}
AFFILIATE_NOUNS = frozenset(
    {
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "official",
        "adviser",
        "advisor",
        "aide",
        "analyst",
        "researcher",
        "envoy",
        "ambassador",
        "minister",
        "lawmaker",
        "diplomat",
        "coordinator",
        "lady",  # "the country's first lady, X"
    }
)

#: Verbs and nouns of sending forces somewhere: "deployed to", "sent to", "the deployment of ... to".
DEPLOY_VERBS = frozenset(
    "deploy redeploy send dispatch station transfer move relocate post mobilize mobilise".split()
)
DEPLOY_NOUNS = frozenset({"deployment", "dispatch", "redeployment", "transfer"})
#: Prepositions that take the place troops are sent to or fight in.
DEPLOY_PREPOSITIONS = frozenset({"to", "in", "into", "inside", "within"})
#: Verbs that place forces somewhere without sending them: "soldiers remain in Iraq", "commandos
#: took part in clashes near X", "troops crossed into X", "two soldiers were killed in X".
PRESENCE_VERBS = frozenset(
    """
    remain stay be operate serve base arrive enter cross land patrol fight clash battle die take
    engage kill wound injure capture
    """.split()
)
PRESENCE_PREPOSITIONS = frozenset({"in", "into", "inside", "within", "near", "around", "at"})
#: Words for a part or a number of a group, whose "of" names the group: "half of the troops",
#: "hundreds of soldiers", "most of the unit".
PARTITIVE_HEADS = frozenset(
    """
    half most some many all part majority rest number hundreds dozens thousands scores tens several
    few third quarter
    """.split()
)
#: Nouns for people under arms that the contingent heads leave out: "Iranian advisers and militiamen".
FORCE_NOUNS = frozenset("advisers advisors militiamen instructors mercenaries".split())
#: Nouns that introduce a place by name, and the class of place they make it: "the province of X".
PLACE_NOUNS = {
    "province": "Region",
    "region": "Region",
    "district": "Region",
    "governorate": "Region",
    "state": "Region",
    "county": "Region",
    "township": "Region",
    "city": "Settlement",
    "town": "Settlement",
    "village": "Settlement",
    "capital": "Settlement",
    "port": "Settlement",
    "neighborhood": "Settlement",
    "neighbourhood": "Settlement",
    "area": "Settlement",
    "suburb": "Settlement",
    "quarter": "Settlement",
}

#: Words for where an organisation is seated: "headquartered in", "its headquarters in", "a
#: main base of".
SEAT_WORDS = frozenset({"headquartered", "headquarters", "base", "based"})
#: Nouns of a stretch of coast that lies in the place owning it: "on Libya's west coast", "on
#: the Libyan coast", "on the shores of Lake X". Never "border" or "frontier": a town on a border
#: may lie on either side.
SHORE_NOUNS = frozenset("coast coastline shore shores seaboard".split())
#: Words between "in" and a larger place that say where in it: "in western Sudan".
WHERE_IN_WORDS = ENGLISH_COMPASS | frozenset(
    "central northeastern northwestern southeastern southwestern far".split()
)

#: Nouns and verbs of hostility between actors: "Russia's war against Ukraine", "fought against".
HOSTILE_NOUNS = frozenset(
    """
    war invasion aggression offensive attack assault strike airstrike battle fight campaign clash
    fighting skirmish bombardment shelling raid ambush incursion hostility retaliation conflict
    """.split()
)
HOSTILE_VERBS = frozenset(
    "invade attack fight wage strike target bomb shell battle clash raid ambush oppose retaliate".split()
)
HOSTILE_PREPOSITIONS = frozenset({"against", "on", "of"})
#: Verbs that send a weapon at a side ("X fired missiles at Y", "launched drones toward Y"),
#: hostile only with one of :data:`FIRED_WEAPONS` as object ("fired a commander" is not).
FIRING_VERBS = frozenset({"fire", "launch"})
FIRED_WEAPONS = frozenset(
    "missile rocket drone shell mortar bomb projectile salvo barrage artillery grenade munition round".split()
)
#: What a weapon is fired at: "at Y", "on Y", "toward Y", "into Y".
FIRED_AT_PREPOSITIONS = frozenset({"at", "on", "against", "toward", "towards", "into"})
#: Hostile nouns that take their other side with "with": "X's war with Y", "X is at war with Y".
MUTUAL_HOSTILE_NOUNS = frozenset({"war", "conflict", "clash", "fighting", "battle", "hostility"})
#: Verbs and objects of fire two sides trade: "X traded fire with Y", "X and Y exchanged fire".
EXCHANGE_VERBS = frozenset({"trade", "exchange"})
EXCHANGED_FIRE = frozenset({"fire", "gunfire", "blow", "shot", "strike", "rocket", "missile", "shell"})
#: Verbs of a toll an attack takes on a side: "an attack that killed 40 soldiers".
TOLL_VERBS = frozenset({"kill", "wound", "injure", "target", "hit"})
#: Verbs whose coordinated subjects fight each other: "X and Y clashed", "X clashed with Y".
RECIPROCAL_HOSTILE_VERBS = frozenset("clash fight battle skirmish".split())
#: Last words of a body's name ("the Stimson Center", "the Kyiv Institute"): never a place.
BODY_HEADS = frozenset("center centre institute council program programme foundation university".split())
#: Words of alliance: "Russia's ally North Korea", "the alliance between X and Y", "allied with".
ALLY_WORDS = frozenset({"ally", "allies", "allied", "alliance", "partner"})

#: Participles after a hyphen that tie a group to the actor named before it, and the relation
#: each states: "an al-Qaeda-linked group" (affiliatedWith), "the Iran-backed militia"
#: (alliedWith: support between two sides, not membership).
TIE_PARTICIPLES = {
    **dict.fromkeys(
        ("linked", "affiliated", "connected", "tied", "run", "controlled", "operated"), "affiliatedWith"
    ),
    **dict.fromkeys(("backed", "allied", "aligned", "supported", "sponsored", "funded"), "alliedWith"),
    "based": "locatedIn",  # "the London-based X": where it sits, a place
}
#: Words that make an outlet a state's own: "the Syrian state news agency", "Iran's official broadcaster".
STATE_OUTLET_WORDS = frozenset({"state", "official", "government"})
#: Verbs whose subject leads their object: "X, who heads Y", "X has commanded Y since May".
LEADING_VERBS = frozenset({"lead", "head", "command", "chair"})
#: Participles whose agent leads or backs the name before them: "X, led by Y", "X, backed by Y".
AGENT_TIE_PARTICIPLES = {
    **dict.fromkeys(("led", "headed", "commanded"), "leaderOf"),
    **dict.fromkeys(("backed", "supported", "armed", "funded", "sponsored"), "alliedWith"),
}
#: Participles after an actor's name and a hyphen that say it holds the place after them: "the
#: M23-held town of X", "rebel-controlled X", "the Russian-occupied city of X".
HOLDING_PARTICIPLES = frozenset({"held", "controlled", "occupied"})
#: Nouns for a place an actor holds, its own name in front: "the Hamas stronghold of X", "X, a
#: rebel bastion".
HELD_PLACE_NOUNS = frozenset({"stronghold", "bastion", "heartland"})
#: Participles after a name and a hyphen that make the name an actor's, whatever the model took
#: it for: "M23-held", "ISIS-linked", "RSF-led". Not "based": "London-based" names a place.
ACTOR_TIE_PARTICIPLES = (frozenset(TIE_PARTICIPLES) - {"based"}) | HOLDING_PARTICIPLES | {"led"}
#: Nouns for a group that belongs to another: "an affiliate of X", "X's affiliate", "X affiliate Y".
AFFILIATE_GROUP_NOUNS = frozenset({"affiliate", "offshoot", "franchise", "proxy"})
