"""The words staff use, as data: each phrase names one concept. Team names come from the directory.

Phrases are written in the parser's normal form: lower case, words only ("&" is "and", "%" is "percent").
Change the wording here, not in the parser. Longer phrases win over shorter ones inside them.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# (kind, value) -> phrases
FIXED: dict[tuple[str, str], tuple[str, ...]] = {
    # measures
    ("measure", "count"): ("how many", "number of", "count", "total", "totals", "volume", "volumes", "how much"),
    ("measure", "share"): (
        "percentage",
        "percent",
        "per cent",
        "pc",
        "proportion",
        "share",
        "what fraction",
        "fraction",
    ),
    ("measure", "top"): (
        "top",
        "most",
        "the most",
        "biggest",
        "largest",
        "highest",
        "most common",
        "the most common",
        "commonest",
        "main",
        "which team",
        "which teams",
        "which service",
        "which service area",
        "what team",
    ),
    ("measure", "on-time"): (
        "on time",
        "in time",
        "within timescale",
        "within timescales",
        "within the timescale",
        "within the timescales",
        "within deadline",
        "within the deadline",
        "met the deadline",
        "meet the deadline",
        "met deadline",
        "timeliness",
        "timely",
        "answered in time",
        "late",
        "out of time",
        "missed the deadline",
        "missed deadline",
        "on time rate",
        "timescales",
    ),
    ("measure", "average-working-days"): (
        "average",
        "avg",
        "mean",
        "how long",
        "days to respond",
        "working days to respond",
        "days to reply",
        "response time",
        "response times",
        "time to respond",
        "take to respond",
        "took to respond",
        "turnaround",
    ),
    ("compare", "yes"): (
        "compared with",
        "compared to",
        "compare",
        "comparison",
        "versus",
        "vs",
        "against",
        "than",
        "change",
        "difference",
        "year on year",
        "more or fewer",
    ),
    ("extensions", "yes"): (
        "including extensions",
        "with extensions",
        "extended deadline",
        "extended deadlines",
        "counting extensions",
        "including extension",
        "agreed extension",
        "extension",
        "extensions",
    ),
    # groupings
    ("group", "team"): (
        "by team",
        "per team",
        "each team",
        "every team",
        "by teams",
        "team by team",
        "by service area",
        "per service area",
        "each service area",
        "by service areas",
        "service area",
        "service areas",
        "by service",
        "per service",
        "by area",
        "breakdown by team",
        "split by team",
        "team breakdown",
        "teams",
    ),
    ("group", "outcome"): ("by outcome", "per outcome", "outcomes", "outcome", "by result", "results", "upheld or not"),
    ("group", "month"): (
        "by month",
        "per month",
        "monthly",
        "each month",
        "month by month",
        "every month",
        "month",
        "months",
        "which month",
    ),
    ("group", "quarter"): (
        "by quarter",
        "per quarter",
        "quarterly",
        "each quarter",
        "every quarter",
        "quarter by quarter",
        "by quarters",
        "which quarter",
    ),
    ("group", "reason"): (
        "by reason",
        "reasons",
        "reason",
        "top reasons",
        "themes",
        "trends",
        "top trends",
        "learning",
        "learnings",
        "lessons",
        "lessons learned",
        "lessons learnt",
        "by learning",
        "by category",
        "categories",
        "causes",
        "why",
    ),
    ("group", "stage"): ("by stage", "per stage", "each stage", "every stage", "stage by stage"),
    ("group", "role"): (
        "by complainant",
        "by role",
        "who complained",
        "complainants",
        "complainant",
        "by complainant type",
        "complainant type",
        "complainant types",
        "by who",
        "who from",
        "who made them",
        "roles",
    ),
    ("group", "none"): ("in total", "overall", "altogether", "no breakdown", "without a breakdown", "just the total"),
    ("teams", "all"): ("all teams", "whole service", "all services", "children services", "everyone", "any team"),
    # stages other than by number (numbers are read by a pattern)
    ("stages", "all"): ("all stages", "any stage", "every stage total", "all the stages"),
    ("stage", "4"): (
        "ombudsman",
        "the ombudsman",
        "lgsco",
        "lgo",
        "local government ombudsman",
        "local government and social care ombudsman",
        "ombudsman complaints",
    ),
    # the looked after children service
    ("lac", "yes"): (
        "lac",
        "cla",
        "looked after children",
        "looked after",
        "children looked after",
        "children in care",
        "looked after children service",
        "lac service",
        "lac teams",
        "lac team",
    ),
    ("lac", "no"): (
        "non lac",
        "not lac",
        "excluding lac",
        "except lac",
        "outside lac",
        "other than lac",
        "without lac",
    ),
    # outcomes
    ("outcome", "upheld"): ("upheld", "fully upheld", "justified", "found in favour"),
    ("outcome", "partially-upheld"): (
        "partially upheld",
        "partly upheld",
        "part upheld",
        "partially",
        "partial",
        "partly",
        "partially justified",
    ),
    ("outcome", "not-upheld"): ("not upheld", "rejected", "unfounded", "not justified", "not upheld at all"),
    ("outcome", "withdrawn"): ("withdrawn",),
    ("outcome", "resolved-early"): ("resolved early", "resolved"),
    # who complained
    # complaints flagged for safeguarding
    ("safeguarding", "yes"): (
        "safeguarding flags",
        "safeguarding flag",
        "flagged for safeguarding",
        "safeguarding concerns",
        "safeguarding concern",
        "safeguarding alerts",
        "safeguarding alert",
        "safeguarding",
        "flagged",
        "flags",
        "disclosures",
        "disclosure",
    ),
    ("group", "danger"): (
        "by kind of danger",
        "by type of danger",
        "kinds of danger",
        "types of danger",
        "by safeguarding category",
        "by safeguarding categories",
        "safeguarding categories",
        "by danger",
    ),
    ("role", "child"): (
        "from children",
        "from a child",
        "from the child",
        "by children",
        "children and young people",
        "young people",
        "young person",
        "from young people",
        "kids",
        "child",
    ),
    ("role", "care-leaver"): ("care leaver", "care leavers", "from care leavers"),
    ("role", "parent"): ("parent", "parents", "mum", "mums", "dad", "dads", "families", "family", "from parents"),
    ("role", "foster-carer"): ("foster carer", "foster carers", "foster parents", "fosterers", "foster"),
    ("role", "guardian-adopter"): (
        "special guardian",
        "special guardians",
        "adopter",
        "adopters",
        "adoptive parents",
        "guardians",
        "guardian",
    ),
    ("role", "advocate"): ("advocate", "advocates", "advocacy", "via an advocate", "through an advocate"),
    ("role", "other"): ("other complainants", "others", "other people"),
}

# Learning categories' own labels come from the database; these are the other ways staff name them.
LEARNING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "poor-communication": (
        "poor communication",
        "communication",
        "bad communication",
        "lack of communication",
        "poor comms",
        "comms",
        "not responding to emails",
        "no response to emails",
    ),
    "delays": (
        "delays",
        "delay",
        "delayed",
        "delays completing claims",
        "delays completing assessments",
        "slow",
    ),
    "failure-to-act": (
        "failure to act",
        "failure or delay completing agreed actions",
        "failure to complete agreed actions",
        "agreed actions",
        "not doing what was agreed",
        "failure",
        "failures",
    ),
}

# Words that carry no meaning here; the parser ignores them rather than reporting them as not understood.
NOISE = _words(
    """
    a an the of in for to from during did do does we us our you your i have had has get got gets getting received
    receive receiving recieved there been be being is are was were show me give tell list what whats which who
    complaints complaint complained cases case please about with on at by per and or all any so far it its
    that this those these many much made make logged lodged raised opened came come new number numbers
    childrens children service services team teams statutory council department dept area areas s whole
    year years how can could would you please up into were figures figure stats statistics data breakdown split
    see get back total across each broken down between period level levels answered answer answers responded
    replied response responses reply handled dealt went gone go escalated referred
    only just now same then also ok okay ones those them one take took takes taken
    """
)

# Words that name a team only when no other team shares them ("guardianship", "disabilities") are taken from
# team names automatically; these are too general to name a team on their own.
TEAM_WORD_STOPLIST = _words(
    """
    children child childrens care looked after service services team previously statutory and of in the with
    order support need family families young people assessment referral plan help
    """
)

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "i": 1, "ii": 2, "iii": 3, "first": 1, "second": 2, "third": 3}

EXAMPLES = (
    "How many stage 2 complaints this year?",
    "Stage 1 by team in 2017/18",
    "What percentage of stage 1 complaints were about LAC teams in 2017/18?",
    "Top reasons for complaints last year",
    "Stage 1 outcomes in 2017/18",
    "Stage 2 in 2017/18 compared with 2016/17",
    "Percentage of stage 1 answered on time in 2017/18",
    "Average working days to respond at stage 1 this year",
)
