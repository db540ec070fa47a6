"""Word lists the extractor reasons with, kept as data in one place.

They come from reading English news style guides (AP, Reuters) and the annotation guides of
OntoNotes and Dstl re3d: the head nouns that name each kind of organisation, the titles that
precede a person's name, and the nouns that turn a nationality into a body of troops.
"""

from __future__ import annotations

#: Titles and ranks that may precede a person's name; stripped from the canonical label, and
#: a title followed by a capitalised name marks that name as a person.
#: Lower-case words inside personal names: "Ahmad al Shara", "Ursula von der Leyen".
NAME_PARTICLES = frozenset("al el bin ibn bint abu van von der den de da di du del della dos das ter".split())

PERSON_TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir president vice prime premier minister chancellor
    king queen prince princess emperor pope leader chairman chairwoman chair secretary
    ambassador envoy governor mayor senator rep. representative lawmaker spokesman spokeswoman
    spokesperson commander commander-in-chief general gen. lt. lieutenant col. colonel maj. major
    capt. captain sgt. sergeant cpl. corporal pvt. private adm. admiral marshal brig. brigadier
    commissioner director chief head deputy foreign defence defense interior sgt cpt lt col gen
    cmdr. cdr. amb. insp. supt. cmdt. gens. fr. pres. maj capt brig
    """.split()
)

#: Abbreviated ranks and titles written before a name ("Brig. Gen. X", "Col. Y"), which the
#: model's tokenizer splits at the stop, ending the sentence before the name: one token each.
TITLE_ABBREVIATIONS = frozenset(
    """
    Brig. Col. Lt. Maj. Capt. Sgt. Cpl. Pvt. Adm. Cmdr. Cdr. Amb. Insp. Supt. Cmdt. Gens. Fr. Pres.
    Sen. Rep. Gov. Gen.
    """.split()
)

#: Plural or collective nouns that make "<demonym> ___" a national contingent of troops; a
#: junta is the state's military ruling it ("the Myanmar junta").
CONTINGENT_HEADS = frozenset(
    """
    troops soldiers forces units servicemen servicemembers military army armed-forces personnel
    contingent marines paratroopers fighters commandos conscripts infantry battalions brigades
    regiments divisions junta
    """.split()
)

#: Words between a demonym and a contingent head that name a branch ("special operations forces"),
#: or say whose forces they are ("Syrian security forces", "Syrian government forces").
CONTINGENT_BRANCH_WORDS = frozenset(
    """
    special operations operation armed airborne naval ground air assault marine border security
    government regime
    """.split()
)

#: Head words of organisation names, most specific kind first. A name is classed by the
#: first list one of its words falls in.
MEDIA_WORDS = frozenset(
    """
    news times post journal daily herald tribune gazette shimbun ilbo radio tv television
    broadcasting broadcaster broadcasters press magazine telegraph guardian pravda izvestia
    kommersant wire newspaper newswire reuters tass yonhap kcna interfax
    """.split()
)
#: Nouns that, next to a name, say it is a news outlet: "the state broadcaster X", "X television".
#: "agency" counts only after "news": "the X agency" alone is as often a government's.
OUTLET_NOUNS = frozenset(
    """
    newspaper daily weekly broadcaster television tv channel radio website outlet newswire
    tabloid magazine
    """.split()
)
MILITARY_WORDS = frozenset(
    """
    brigade brigades regiment regiments battalion battalions division divisions corps army armies
    forces force fleet navy command guard guards legion detachment squadron troops marines
    infantry artillery militia
    """.split()
)
GOVERNMENT_WORDS = frozenset(
    """
    ministry ministries department agency service council committee commission office government
    administration parliament assembly duma rada kremlin cabinet presidency directorate bureau
    intelligence police prosecutor court judiciary secretariat staff chiefs embassy consulate
    center centre
    """.split()
)
INTERNATIONAL_WORDS = frozenset("union nations international alliance treaty nato".split())

#: spaCy entity labels that never name an actor or a place.
NON_ENTITY_LABELS = frozenset(
    "DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL EVENT WORK_OF_ART LAW LANGUAGE PRODUCT".split()
)

#: Sovereign states (UN members and observers, common English short names), so that a place
#: name the gazetteer does not know is still typed a State and not a town. From the UN member
#: list; the gazetteer adds aliases, demonyms and Wikidata ids for the states of this war.
COUNTRY_NAMES = frozenset(
    name.strip()
    for name in """
    Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
    Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
    Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|
    Cabo Verde|Cape Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|China|
    Colombia|Comoros|Congo|Democratic Republic of the Congo|Costa Rica|Ivory Coast|Croatia|Cuba|
    Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|
    El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|
    Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|
    Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|
    Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
    Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
    Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|
    Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|
    Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|
    Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|
    Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|
    Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|
    Slovenia|Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|
    Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|Togo|Tonga|
    Trinidad and Tobago|Tunisia|Turkey|Turkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|
    United Arab Emirates|United Kingdom|Britain|Great Britain|United States|Uruguay|Uzbekistan|
    Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe
    """.split("|")
)

#: Head nouns of a government organ that a state or place owns and a portfolio word names:
#: "Lebanon's health ministry", "the Peruvian interior ministry", "Gaza's civil defence agency",
#: "the Kenyan wildlife authority". From the organs of state in wire copy (AP and Reuters style
#: guides), which name a ministry or agency by its field rather than by its official title.
ORGAN_HEADS = frozenset("ministry agency authority department directorate".split())

#: Participles that make the noun before them the owner of an organ: "the Taliban-run interior
#: ministry", "the rebel-controlled health authority" (wire-service usage for de facto
#: authorities).
OWNER_PARTICIPLES = frozenset("run led controlled operated administered".split())

#: Nouns that name a non-state armed group or its members, before or after its name: "M23
#: rebels", "al-Shabab fighters", "the rebel M23", "the paramilitary RSF", "X, a militia".
#: From wire-service usage (AP and Reuters style on "militant", "rebel", "insurgent",
#: "paramilitary") and the armed-group descriptions of ACLED's actor codebook.
ARMED_GROUP_NOUNS = frozenset(
    """
    rebel rebels militant militants insurgent insurgents militia militias militiamen jihadist
    jihadists jihadi jihadis guerrilla guerrillas paramilitary paramilitaries separatist
    separatists gang gangs fighters gunmen
    """.split()
)

#: Of those, the ones that name the group as a whole rather than its members: "X, a militia"
#: may describe a named group where "X, a rebel" describes a person.
ARMED_COLLECTIVE_NOUNS = frozenset("militia militias gang gangs insurgency".split())

#: Nouns for a group as a whole that one of :data:`ARMED_GROUP_MODIFIERS` makes armed: "an
#: armed group", "the rebel group M23", "a jihadist movement", "a gang coalition".
GROUP_NOUNS = frozenset(
    "group groups movement organisation organization faction coalition alliance outfit force forces".split()
)
ARMED_GROUP_MODIFIERS = frozenset(
    """
    armed resistance extremist terrorist islamist jihadist jihadi militant rebel insurgent
    paramilitary separatist guerrilla gang criminal
    """.split()
)

#: Words of an organisation's own name that make it a non-state armed group: "the Kosovo
#: Liberation Army", "the Popular Resistance Committees", "the Mujahideen Shura Council".
ARMED_NAME_WORDS = frozenset(
    "militia militias mujahideen mujahidin liberation resistance rebels insurgents".split()
)

#: English compass words and their adjectives: "the north of X", "Near East", "northern Syria".
ENGLISH_COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western".split()
)

#: Compass words of subdivision names in the languages ISO 3166-2 writes them in, to English:
#: "Nord-Kivu" is "North Kivu", "Shamal Darfur" "North Darfur" in English copy.
COMPASS_WORDS = {
    "nord": "North",
    "norte": "North",
    "shamal": "North",
    "sud": "South",
    "sur": "South",
    "janub": "South",
    "est": "East",
    "este": "East",
    "sharq": "East",
    "ouest": "West",
    "oeste": "West",
    "gharb": "West",
    "centre": "Central",
    "centro": "Central",
}

#: Type words that close ISO 3166-2 subdivision names ("Poltavska oblast", "Kabul Province"),
#: dropped for the bare name English copy uses before its own type word.
SUBDIVISION_TYPE_WORDS = frozenset(
    "oblast province region governorate state district county prefecture department krai "
    "division territory".split()
)

#: Prepositions and place nouns that put a name in a place's slot: "in X", "near X", "the city of
#: X", "the capital X", "X province". A name a model tagged as a person or an organisation is a
#: place when one of them governs it and the gazetteer of places knows the name.
LOCATIVE_PREPOSITIONS = frozenset(
    "in near outside around across into inside from to towards toward at through throughout "
    "between within nearby".split()
)
PLACE_NOUNS = frozenset(
    "city town village capital province region state district governorate area outskirts "
    "suburb suburbs port camp neighbourhood neighborhood county oblast territory".split()
)

#: Nouns of buildings and sites that a name before them belongs to: "the Bahman hospital", "the
#: Al-Noor mosque". A person's name is not followed by them.
FACILITY_NOUNS = frozenset(
    "hospital hospitals clinic school university mosque church cathedral synagogue camp market "
    "airport stadium bridge hotel factory plant prison station".split()
)

#: Last words of the names of structures and sites, which are places and never bodies: "the
#: Qaryat Dam", "the Antonivskyi Bridge", "the Grand Mosque", "Hmeimim Air Base". The model
#: tags many as people or organisations. Not "palace" or "house": "the Palace said" is a
#: government, nor "hospital", "university" or "museum": their names are institutions' too.
STRUCTURE_NOUNS = frozenset(
    "dam dams barrage bridge gate mosque airport airbase base stadium tower square citadel fortress "
    "castle canal crossing checkpoint".split()
)

#: First words of a named military operation ("Operation Sindoor" style): an event, no actor or place.
OPERATION_WORDS = frozenset({"operation", "op."})

#: Nouns of a person's post that close a job title the model takes for an organisation: "MSF
#: Project Coordinator", "UN Resident and Humanitarian Coordinator". A name ending in one is no
#: organisation's.
JOB_NOUNS = frozenset(
    "coordinator resident spokesman spokeswoman spokesperson officer adviser advisor rapporteur "
    "correspondent".split()
)

#: Lower-case nouns after a small place's name, which is not theirs: "Kyin Taw village", "A and
#: B villages", "the Al-Nasr suburb", "the Zamzam camp".
SETTLEMENT_KIND_NOUNS = frozenset("village villages suburb suburbs neighbourhood neighborhood camp".split())

#: Head words of a numbered unit's name: "the 4th Mechanised Brigade", "the 3rd Army Corps".
UNIT_HEADS = frozenset({"brigade", "battalion", "regiment", "division", "corps", "army", "squadron"})

#: Words a number completes as part of a name: "Unit 8200", "Channel 12", "Route 66", "Flight
#: 17", "Resolution 2334". After any other word a number ends the name: "Dorset 97-4" and
#: "Dover 3 Hastings 1" are scores beside names, "Dorset 2024-05-11" a dateline.
NUMBERED_NAME_HEADS = (
    MILITARY_WORDS
    | OUTLET_NOUNS
    | frozenset(
        """
        unit channel route highway road flight resolution article camp gate block sector zone
        base district no number group team task formula apollo
        """.split()
    )
)

#: Units and technical abbreviations the model tags as organisations ("an 84 MW station", "UHF",
#: "IP addresses"): written as English technical copy writes them, never an actor's name.
TECHNICAL_TERMS = frozenset("MW GW kW MWh GWh kWh MHz GHz kHz UHF VHF IP DNS GPS SMS URL MRI".split())

#: Words that label a line of a transcript or a listing ("QUESTION: Did you ...", "Frequency:
#: 12130 MHz"), which the model tags as people's names; alone, never an actor's.
LINE_LABELS = frozenset("question answer moderator operator participant frequency polarization".split())

#: Prefixes of warships' names ("USS Mahan", "HMS Daring", "FS Forbin"): a ship is a platform,
#: not an actor or a place.
SHIP_PREFIXES = frozenset("USS HMS HMAS HMCS HMNZS FS INS RFS TCG ROKS JS USNS".split())
