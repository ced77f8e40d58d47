"""Build demo/complaints.csv: three years of closed complaints that reproduce the 2017/18 annual report.

The council's report (shared/annual-complaints-report-2017-18.txt) publishes a handful of figures; the rest
(marked "illustrative" in shared/DEMO-DATA.md) are ours, fixed so every machine gets the same answers.
This script turns those figures into one CSV row per complaint stage, in the format the importer reads,
checks every figure with `verify()` and only then writes the file.

Run from the repository root:  .venv/bin/python demo/build_history.py
Deterministic: one `random.Random(2018)`, no clock, no environment; two runs give byte-identical output.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import holidays

OUTPUT = Path(__file__).with_name("complaints.csv")
COLUMNS = [
    "complaint_id",
    "stage",
    "received_on",
    "team",
    "complainant_role",
    "channel",
    "outcome",
    "learning",
    "responded_on",
    "extended_to",
    "extension_reason",
    "panel_on",
    "report_on",
    "complainant_name",
    "contact_method",
    "email",
    "phone",
    "what_happened",
    "wanted_outcome",
    "response_summary",
]

# ---------------------------------------------------------------------------------------------------------------
# The figures. Years are financial years named by the year they start in: 2017 means 2017/18.
# ---------------------------------------------------------------------------------------------------------------

PC, D, FA = "poor-communication", "delays", "failure-to-act"
U, P, N = "upheld", "partially-upheld", "not-upheld"

# Labels exactly as the report and the council's spreadsheets spell them. The importer canonicalises them
# with the real router, so the demo exercises it; the first label is the one used outside the report's tables.
LABELS = {
    "leaving-care": ["LAC - Leaving care - Statutory Childrens", "LAC - Leaving care", "LAC-leaving care"],
    "lac-permanence-1": ["Looked after children (previously Permanence Service 1) - Statutory Childrens"],
    "adoption-sgo": [
        "LAC - Adoption & SGO - Statutory Childrens",
        "LAC - Adoption & SGO (Special Guardianship Order)",
    ],
    "lac-adoption-permanence-2": [
        "Looked after children and adoption (previously Permanence 2) - Statutory Childrens",
        "Looked after children and adoption (previously Permanence Service 2)",
    ],
    "children-in-need": ["Children in need service (CIN)"],
    "assessments": ["Assessments"],
    "child-protection": ["Child protection & proceedings"],
    "early-help": ["Early help"],
    "children-disabilities": ["Children-Disabilities"],
}
TEAMS = list(LABELS)
LAC_TEAMS = {"leaving-care", "lac-permanence-1", "adoption-sgo", "lac-adoption-permanence-2"}

# Report section 2: the LAC teams' stage 1 volumes, split across the label variants the spreadsheet held.
STAGE1_LABELS_2017 = {
    "leaving-care": {"LAC - Leaving care - Statutory Childrens": 7, "LAC - Leaving care": 2},
    "adoption-sgo": {
        "LAC - Adoption & SGO - Statutory Childrens": 6,
        "LAC - Adoption & SGO (Special Guardianship Order)": 1,
    },
    "lac-adoption-permanence-2": {
        "Looked after children and adoption (previously Permanence 2) - Statutory Childrens": 9,
        "Looked after children and adoption (previously Permanence Service 2)": 3,
    },
}
# Report section 5: the stage 2 table spells leaving care a third way.
STAGE2_LABELS_2017 = {"leaving-care": "LAC-leaving care"}


@dataclass(frozen=True)
class YearFigures:
    stage1_by_team: dict[str, int]
    stage1_outcomes: dict[str, int]
    stage1_learning: dict[str, int]  # "" counts the stage 1s with no learning recorded
    stage1_roles: dict[str, dict[str, int]]
    stage1_on_time: int  # answered within 10 working days of receipt
    stage1_extended: int  # of the late ones, how many had an extension (and met it)
    stage2_by_team: dict[str, int]
    stage2_outcomes: dict[str, int]
    stage3_by_team: dict[str, int]
    stage3_outcomes: dict[str, int]
    ombudsman_by_team: dict[str, int] = field(default_factory=dict)
    ombudsman_outcomes: dict[str, int] = field(default_factory=dict)


FIGURES = {
    # 2017/18: the report's year. Published: 88 stage 1 and the LAC split, 34 upheld and 22 partially upheld,
    # the learning table, 8 stage 2 by team, 2 stage 3 both not upheld, no LAC Ombudsman complaint.
    2017: YearFigures(
        stage1_by_team={
            "leaving-care": 9,
            "lac-permanence-1": 8,
            "adoption-sgo": 7,
            "lac-adoption-permanence-2": 12,
            "children-in-need": 14,
            "assessments": 12,
            "child-protection": 10,
            "early-help": 9,
            "children-disabilities": 7,
        },
        stage1_outcomes={U: 34, P: 22, N: 32},
        stage1_learning={PC: 45, D: 23, FA: 18, "": 2},
        stage1_roles={
            "leaving-care": {"care-leaver": 7, "advocate": 2},
            "lac-permanence-1": {"child": 4, "foster-carer": 2, "advocate": 1, "parent": 1},
            "adoption-sgo": {"guardian-adopter": 7},
            "lac-adoption-permanence-2": {
                "child": 4,
                "foster-carer": 3,
                "guardian-adopter": 2,
                "parent": 2,
                "care-leaver": 1,
            },
            "children-in-need": {"parent": 11, "child": 1, "advocate": 1, "other": 1},
            "assessments": {"parent": 9, "guardian-adopter": 1, "other": 2},
            "child-protection": {"parent": 7, "advocate": 2, "other": 1},
            "early-help": {"parent": 6, "other": 1, "child": 1, "advocate": 1},
            "children-disabilities": {"parent": 4, "child": 2, "advocate": 1},
        },
        # "poorer performance, year on year, against timely response indicators at Stage 1"
        stage1_on_time=52,
        stage1_extended=12,
        stage2_by_team={
            "children-in-need": 2,
            "assessments": 2,
            "leaving-care": 2,
            "child-protection": 1,
            "early-help": 1,
        },
        stage2_outcomes={U: 3, P: 2, N: 3},
        stage3_by_team={"children-disabilities": 1, "lac-permanence-1": 1},
        stage3_outcomes={N: 2},
        ombudsman_by_team={"child-protection": 1},
        ombudsman_outcomes={N: 1},
    ),
    # 2016/17: the report gives 12 stage 2 and 4 stage 3; everything else here is illustrative.
    2016: YearFigures(
        stage1_by_team={
            "leaving-care": 8,
            "lac-permanence-1": 7,
            "adoption-sgo": 6,
            "lac-adoption-permanence-2": 10,
            "children-in-need": 14,
            "assessments": 11,
            "child-protection": 10,
            "early-help": 7,
            "children-disabilities": 6,
        },
        stage1_outcomes={U: 30, P: 21, N: 28},
        stage1_learning={PC: 38, D: 20, FA: 17, "": 4},
        stage1_roles={
            "leaving-care": {"care-leaver": 6, "advocate": 2},
            "lac-permanence-1": {"child": 3, "foster-carer": 2, "parent": 1, "advocate": 1},
            "adoption-sgo": {"guardian-adopter": 6},
            "lac-adoption-permanence-2": {
                "child": 3,
                "foster-carer": 3,
                "guardian-adopter": 2,
                "parent": 1,
                "care-leaver": 1,
            },
            "children-in-need": {"parent": 10, "other": 2, "child": 1, "advocate": 1},
            "assessments": {"parent": 9, "other": 1, "guardian-adopter": 1},
            "child-protection": {"parent": 8, "advocate": 1, "other": 1},
            "early-help": {"parent": 6, "other": 1},
            "children-disabilities": {"parent": 4, "child": 1, "advocate": 1},
        },
        stage1_on_time=61,
        stage1_extended=6,
        stage2_by_team={
            "children-in-need": 3,
            "assessments": 2,
            "child-protection": 2,
            "early-help": 1,
            "leaving-care": 2,
            "lac-permanence-1": 1,
            "children-disabilities": 1,
        },
        stage2_outcomes={U: 4, P: 3, N: 5},
        stage3_by_team={
            "children-in-need": 1,
            "child-protection": 1,
            "lac-adoption-permanence-2": 1,
            "assessments": 1,
        },
        stage3_outcomes={U: 1, N: 3},
    ),
}

# Statutory timescales in working days (SI 2006/1738; "Getting the Best from Complaints").
STAGE1_DUE, STAGE1_MAX = 10, 20
STAGE2_DUE, STAGE2_MAX = 25, 65
ASK_WITHIN = 20  # to ask for the next stage, after the previous response
PANEL_WITHIN, REPORT_WITHIN, STAGE3_RESPONSE_WITHIN = 30, 5, 15
HISTORY_ENDS = date(2018, 3, 31)

# ---------------------------------------------------------------------------------------------------------------
# The complaints that went beyond stage 1, written out in full. Every stage 2, stage 3 and Ombudsman figure
# above comes from these. Dates are a fixed stage 1 date, then working-day gaps, so the statutory windows
# hold by construction (and `verify` checks them anyway).
#   took:  working days from receipt to the response (stage 3: from the panel's report to the response)
#   after: working days from the previous stage's response to this stage's receipt
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Step:
    stage: str
    outcome: str
    took: int
    what: str
    wanted: str
    response: str
    received: date | None = None  # stage 1 only
    after: int = 0
    learning: str = ""
    extended_to: int = 0
    extension_reason: str = ""
    panel: int = 0  # stage 3: working days from receipt to the panel
    report: int = 0  # stage 3: working days from the panel to its report


@dataclass(frozen=True)
class Chain:
    team: str
    role: str
    channel: str
    steps: tuple[Step, ...]


CHAINS = [
    # 2015/16 -> stage 3 in April 2016: the 2016/17 stage 3 for Permanence 2, which had no 2016/17 stage 2.
    Chain(
        "lac-adoption-permanence-2",
        "parent",
        "letter",
        (
            Step(
                stage="1",
                received=date(2016, 1, 11),
                took=10,
                outcome=N,
                learning=PC,
                what=(
                    "I am the mother of two of the boys in your care. I was told my contact is going from every "
                    "2 weeks to once a month and nobody told me why. I found out when the contact centre rang me. "
                    "I have never missed a contact."
                ),
                wanted="Put my contact back to every two weeks and someone to explain the decision to me properly.",
                response=(
                    "Not upheld. Contact was changed at the boys' review after their views were heard, and the "
                    "social worker wrote to explain. Contact stays monthly and will be looked at again at the "
                    "next review."
                ),
            ),
            Step(
                stage="2",
                after=7,
                took=25,
                outcome=P,
                learning=PC,
                what=(
                    "I dont accept that reply. The letter they say they sent never came, the only thing I got was "
                    "the phone call from the contact centre. The boys are upset as well, they told me at contact."
                ),
                wanted="An independent person to look at it and my contact back to fortnightly.",
                response=(
                    "Partially upheld. The investigating officer found no copy of the letter on file, so the "
                    "mother was not told properly before the change; the service apologised. The decision to move "
                    "to monthly contact followed the review and the boys' wishes and was not upheld."
                ),
            ),
            Step(
                stage="3",
                after=18,
                panel=22,
                report=4,
                took=12,
                outcome=N,
                what=(
                    "I want the panel to hear me. My contact has been cut and the boys keep asking why. Nobody has "
                    "listened to me once in this whole thing."
                ),
                wanted="Fortnightly contact, and a proper apology in writing.",
                response=(
                    "Review panel did not uphold the complaint. It found the stage 2 investigation thorough and "
                    "fair, the apology for the missing letter already given, and the contact decision properly "
                    "made at the children's review. The Director accepted the panel's findings."
                ),
            ),
        ),
    ),
    # 2016/17: the twelve stage 2s. Children in need x3 (one on to stage 3, upheld).
    Chain(
        "children-in-need",
        "parent",
        "email",
        (
            Step(
                stage="1",
                received=date(2016, 4, 18),
                took=14,
                outcome=N,
                learning=D,
                what=(
                    "My son has been on a child in need plan since January. The plan said he would be referred to "
                    "CAMHS and get a family support worker. Its now April and neither has happened. Every meeting "
                    "they say its in hand."
                ),
                wanted="The CAMHS referral done and a support worker actually started.",
                response=(
                    "Not upheld. The CAMHS referral was made in March and CAMHS hold the waiting list. A family "
                    "support worker has been allocated and starts this month."
                ),
            ),
            Step(
                stage="2",
                after=10,
                took=25,
                outcome=P,
                learning=D,
                what=(
                    "The referral was NOT made in March. CAMHS told me they got it in May, after I complained. I "
                    "have their letter. The support worker came twice and then stopped."
                ),
                wanted="Someone independent to look at what really happened, and an apology.",
                response=(
                    "Partially upheld. The CAMHS referral was written in March but not sent until May, so the stage "
                    "1 reply was wrong; apology given. Family support was offered weekly and two sessions were "
                    "cancelled by the family, so that part was not upheld."
                ),
            ),
            Step(
                stage="3",
                after=15,
                panel=25,
                report=5,
                took=10,
                outcome=U,
                what=(
                    "I still don't feel anyone has taken responsibility. The first letter told me something that "
                    "wasn't true and I only found out because I chased CAMHS myself. My son lost months."
                ),
                wanted="The panel to find the council at fault and the manager to say how this won't happen again.",
                response=(
                    "Review panel upheld the complaint. The stage 1 response was not checked against the records "
                    "and the family were given wrong information. Recommendations: team managers check stage 1 "
                    "replies against the case record; written apology from the Head of Service; £150 for time and "
                    "trouble. Accepted by the Director."
                ),
            ),
        ),
    ),
    Chain(
        "children-in-need",
        "parent",
        "phone",
        (
            Step(
                stage="1",
                received=date(2016, 9, 12),
                took=9,
                outcome=P,
                learning=PC,
                what=(
                    "My daughters social worker has changed 3 times since the summer and every new one asks us the "
                    "same questions. Nobody rings back. We were promised a meeting about the plan and it never "
                    "happened."
                ),
                wanted="One social worker who stays, and the meeting we were promised.",
                response=(
                    "Partially upheld. Apology that calls were not returned in August; the child in need review is "
                    "now booked. The changes of worker were because staff left and could not be avoided; the "
                    "current worker is permanent."
                ),
            ),
            Step(
                stage="2",
                after=14,
                took=23,
                outcome=N,
                learning=PC,
                what=(
                    "Its happened again. The new worker is now off long term sick and we have nobody. I was told "
                    "the last one was permanent."
                ),
                wanted="A named manager to be our contact until a new worker starts.",
                response=(
                    "Not upheld. The team manager has been the family's named contact since the worker went off "
                    "sick and has visited twice; the plan was reviewed on time. The service responded reasonably "
                    "to an absence nobody could plan for."
                ),
            ),
        ),
    ),
    Chain(
        "children-in-need",
        "other",
        "letter",
        (
            Step(
                stage="1",
                received=date(2016, 11, 7),
                took=15,
                outcome=N,
                learning=FA,
                what=(
                    "I am the childrens nan and they stay with me most weekends and after school. At the last "
                    "meeting it was agreed I would get help with the cost of their school uniform and bus passes. "
                    "Nobody has done anything and its been 6 weeks."
                ),
                wanted="The money for the uniform and bus passes, as agreed.",
                response=(
                    "Not upheld. The minutes show help with bus passes was to be looked into, not agreed. The "
                    "social worker has helped the children's mother apply for the school uniform grant."
                ),
            ),
            Step(
                stage="2",
                after=9,
                took=20,
                outcome=U,
                learning=FA,
                what=(
                    "That is not what was said at the meeting. I wrote it down at the time and so did the school "
                    "nurse. I have paid for all of it myself out of my pension."
                ),
                wanted="Pay back what I have spent (receipts enclosed) and stick to what is agreed.",
                response=(
                    "Upheld. The school nurse's notes and the grandmother's notes both record the agreement; the "
                    "minutes were wrong. £146.50 refunded against receipts and the minutes corrected. The team now "
                    "sends minutes within 5 working days of each meeting."
                ),
            ),
        ),
    ),
    # Assessments x2 (one on to stage 3, not upheld).
    Chain(
        "assessments",
        "parent",
        "online",
        (
            Step(
                stage="1",
                received=date(2016, 5, 9),
                took=12,
                outcome=P,
                learning=D,
                what=(
                    "The school referred us in February because my son has been struggling at home. We were told "
                    "the assessment would take 45 days. Its May and I've heard nothing, no outcome, nothing in "
                    "writing. I've rung and left messages."
                ),
                wanted="The assessment finished and a copy sent to me.",
                response=(
                    "Partially upheld. The assessment went over 45 working days and the family were not told why; "
                    "apology given. It is now complete and a copy has been posted. Its recommendation of no further "
                    "social care involvement was explained by the manager and stands."
                ),
            ),
            Step(
                stage="2",
                after=11,
                took=25,
                outcome=N,
                learning=PC,
                what=(
                    "The assessment has things in it that are wrong. It says my sons dad lives with us, he doesn't "
                    "and hasn't for 2 years. It says we refused early help which we never did. I want it corrected "
                    "because it will follow him around."
                ),
                wanted="The wrong parts taken out and a new assessment by someone else.",
                response=(
                    "Not upheld. The assessment reflected what was known at the time; the father's address has been "
                    "corrected and the mother's comments added to the record. Early help had been offered by letter "
                    "in March. A new assessment was not needed."
                ),
            ),
            Step(
                stage="3",
                after=14,
                panel=28,
                report=3,
                took=14,
                outcome=N,
                what=(
                    "The record still says things about my family that are not true. Adding my comments is not the "
                    "same as correcting it."
                ),
                wanted="The panel to order the assessment to be corrected.",
                response=(
                    "Review panel did not uphold the complaint. The council followed the procedure for disputed "
                    "information by adding the parent's statement and correcting the address. The panel "
                    "recommended the family be sent a copy of the amended assessment. Accepted."
                ),
            ),
        ),
    ),
    Chain(
        "assessments",
        "parent",
        "email",
        (
            Step(
                stage="1",
                received=date(2016, 12, 5),
                took=10,
                outcome=N,
                learning=PC,
                what=(
                    "A social worker came to our house with no warning after an anonymous call. She was in and out "
                    "in 20 minutes and said she'd be in touch. That was 4 weeks ago. Nobody has told us if it's "
                    "closed or if anything is kept on file. My kids were really upset."
                ),
                wanted="The outcome in writing, and whether anything is kept on our record.",
                response=(
                    "Not upheld. The outcome letter was sent in November to the address we hold. A copy has been "
                    "emailed with this reply."
                ),
            ),
            Step(
                stage="2",
                after=8,
                took=21,
                outcome=U,
                learning=PC,
                what=(
                    "The letter went to our old address, which I told them about in the summer. So I never got it. "
                    "And nobody has said sorry for turning up unannounced."
                ),
                wanted="An apology and our address put right.",
                response=(
                    "Upheld. The change of address was given to the team in July but never updated on the system. "
                    "Apology given and records corrected. The team now checks the address by phone before sending "
                    "an outcome letter."
                ),
            ),
        ),
    ),
    # Child protection x2: one goes all the way to the Ombudsman (received in 2017/18, no fault found).
    Chain(
        "child-protection",
        "parent",
        "letter",
        (
            Step(
                stage="1",
                received=date(2016, 4, 25),
                took=10,
                outcome=N,
                learning=PC,
                what=(
                    "I was given the social workers report for the conference 10 minutes before it started, in the "
                    "corridor. I couldn't read it properly. Then the minutes came 5 weeks later and they have "
                    "things in them I never said."
                ),
                wanted="The minutes corrected, and the next report given to me 2 days before like it should be.",
                response=(
                    "Not upheld. The post log shows the report was sent 3 working days before the conference and a "
                    "copy was given on the day. The minutes are the chair's record; the parent's comments have been "
                    "attached to them."
                ),
            ),
            Step(
                stage="2",
                after=12,
                took=30,
                extended_to=40,
                extension_reason="Investigating officer needed to interview the conference chair and two agencies",
                outcome=N,
                learning=PC,
                what=(
                    "I never got anything in the post. The minutes still say I agreed with the plan and I did not, "
                    "I said I didnt agree at least 3 times."
                ),
                wanted="An independent investigation and the minutes changed.",
                response=(
                    "Not upheld. The investigating officer checked the post log, spoke to the chair and two agencies "
                    "who attended. The minutes record the parent's disagreement with the plan in paragraph 6; no "
                    "change was needed."
                ),
            ),
            Step(
                stage="3",
                after=16,
                panel=29,
                report=5,
                took=15,
                outcome=N,
                what=(
                    "I want a panel. They have believed the professionals over me at every step. My children are "
                    "on a plan because of a report I never got to answer."
                ),
                wanted="The child protection plan looked at again and the minutes corrected.",
                response=(
                    "Review panel did not uphold the complaint. Child protection procedures were followed, and the "
                    "decision to make a plan belongs to the conference, not the complaints procedure. The panel "
                    "recommended reports are also given by email or in person. Accepted."
                ),
            ),
            Step(
                stage="ombudsman",
                after=150,
                took=80,
                outcome=N,
                what=(
                    "I have gone to the Ombudsman because the council's panel never looked at the main thing, "
                    "which is that I never had the chance to answer the report before the conference."
                ),
                wanted="The Ombudsman to find the council at fault.",
                response=(
                    "LGSCO final decision: no fault. The council followed the statutory procedure at each stage and "
                    "the Ombudsman could not question the conference's professional judgement. Case closed."
                ),
            ),
        ),
    ),
    Chain(
        "child-protection",
        "parent",
        "phone",
        (
            Step(
                stage="1",
                received=date(2016, 10, 17),
                took=11,
                outcome=P,
                learning=FA,
                what=(
                    "At core group it was agreed the social worker would sort a nursery place for my youngest so I "
                    "can do my course, which is part of the plan. 2 months later nothing. Then at the review they "
                    "said I wasn't engaging with the plan!! How can I when you haven't done your bit."
                ),
                wanted="The nursery place sorted, and the review notes to say it wasn't my fault.",
                response=(
                    "Partially upheld. The nursery referral was not sent as agreed; it has now been sent and a place "
                    "starts in two weeks. Apology given. The review notes record attendance at the course where it "
                    "was possible and were not changed."
                ),
            ),
            Step(
                stage="2",
                after=10,
                took=22,
                outcome=U,
                learning=FA,
                what=(
                    "The review notes still make it look like I wasn't trying. They will be read out at the next "
                    "conference."
                ),
                wanted="The notes corrected before the next conference.",
                response=(
                    "Upheld. The review notes did not say the council had not arranged the nursery place. A "
                    "correction was added before the next conference and the chair was told."
                ),
            ),
        ),
    ),
    Chain(
        "early-help",
        "parent",
        "online",
        (
            Step(
                stage="1",
                received=date(2016, 6, 13),
                took=8,
                outcome=N,
                learning=PC,
                what=(
                    "School referred us to early help and we had one visit from a family support worker in April. "
                    "She said she'd come back with info about a parenting course and help with my sons sleep. Never "
                    "heard from her again and she doesnt answer her phone."
                ),
                wanted="The support we were promised, or tell us straight if it's not happening.",
                response=(
                    "Not upheld. The worker left two messages and wrote in May; the case was closed after no reply, "
                    "as the letter explained. It can be reopened if the family want it."
                ),
            ),
            Step(
                stage="2",
                after=17,
                took=24,
                outcome=P,
                learning=PC,
                what=(
                    "I never got any messages or a letter. The number they had was my old one, I changed it in "
                    "March and told the school. Now we're back on a waiting list."
                ),
                wanted="Put us back at the top of the list, not the bottom.",
                response=(
                    "Partially upheld. The service could not have known the new number but should have checked with "
                    "the school before closing; the family has been moved to the top of the list. The closure "
                    "itself followed the procedure."
                ),
            ),
        ),
    ),
    # Leaving care x2.
    Chain(
        "leaving-care",
        "care-leaver",
        "online",
        (
            Step(
                stage="1",
                received=date(2016, 7, 4),
                took=13,
                outcome=N,
                learning=D,
                what=(
                    "ive been waiting for my setting up home allowance since i moved in to my flat in may. i have "
                    "no bed just a mattress on the floor and no washing machine. my PA keeps saying its with finance"
                ),
                wanted="my money so i can buy a bed and a washing machine",
                response=(
                    "Not upheld. The allowance needs quotes or receipts first; the PA asked for these in June. Once "
                    "quotes are in, payment is made within 5 working days."
                ),
            ),
            Step(
                stage="2",
                after=6,
                took=25,
                outcome=U,
                learning=D,
                what=(
                    "nobody told me i needed quotes until that letter!! i asked my PA 3 times what i had to do. i "
                    "still have no bed and its nearly august"
                ),
                wanted="my bed and washing machine ordered for me now and someone to say sorry",
                response=(
                    "Upheld. No record was found of the PA asking for quotes; the stage 1 reply was wrong. Apology "
                    "given. Bed and washing machine ordered by the service and delivered. The leaving care guide to "
                    "the allowance has been rewritten in plain English."
                ),
            ),
        ),
    ),
    Chain(
        "leaving-care",
        "advocate",
        "email",
        (
            Step(
                stage="1",
                received=date(2016, 10, 3),
                took=16,
                extended_to=20,
                extension_reason="Complex: information needed from housing and the university",
                outcome=P,
                learning=FA,
                what=(
                    "I am an advocate writing for a young woman (19) who has just started university. Her "
                    "pathway plan says the council will pay a bursary and help with holiday accommodation. The "
                    "bursary has not been paid and nobody has talked to her about where she'll live in the "
                    "holidays. She is worried she will have to leave her course."
                ),
                wanted="The bursary paid in full now and a written plan for the Christmas holidays.",
                response=(
                    "Partially upheld. The first bursary instalment was late and has now been paid; apology given. "
                    "Holiday accommodation will be agreed at the pathway plan review in November, which is what the "
                    "plan says."
                ),
            ),
            Step(
                stage="2",
                after=13,
                took=25,
                outcome=N,
                learning=FA,
                what=(
                    "The young person is still unhappy. The review did not agree holiday accommodation, it said it "
                    "would be 'looked at'. She still doesn't know where she will live at Christmas."
                ),
                wanted="A confirmed place for her to stay over Christmas, in writing.",
                response=(
                    "Not upheld. Holiday accommodation (staying with her former foster carer) was agreed in writing "
                    "in early December, before the holiday, as the plan required."
                ),
            ),
        ),
    ),
    # Permanence 1 and Children with Disabilities: stage 2 late in 2016/17, so stage 3 falls in April/May 2017
    # and counts in 2017/18 (the report's two stage 3s, both not upheld).
    Chain(
        "lac-permanence-1",
        "foster-carer",
        "email",
        (
            Step(
                stage="1",
                received=date(2017, 1, 9),
                took=14,
                outcome=N,
                learning=PC,
                what=(
                    "We have had a 13 year old boy with us since October. We were promised his social worker would "
                    "visit monthly and that his clothing allowance would be backdated. We've had one visit and no "
                    "money. I have emailed 5 times. We are over £300 out of pocket and he keeps asking why his "
                    "social worker doesnt come."
                ),
                wanted="The allowance paid and his social worker to visit like we were told.",
                response=(
                    "Not upheld. The clothing allowance was paid in January with the backdated amount, and visits "
                    "have met the statutory timescale of every 6 weeks."
                ),
            ),
            Step(
                stage="2",
                after=11,
                took=38,
                extended_to=45,
                extension_reason="Investigating officer needed records from the previous fostering agency",
                outcome=N,
                learning=PC,
                what=(
                    "The money came after I complained, not before. And 6 weekly is not what we were told, we were "
                    "told monthly. He is unsettled and I feel like we are on our own with him."
                ),
                wanted="Someone to admit we were let down, and monthly visits as promised.",
                response=(
                    "Not upheld. No record was found of monthly visits being promised; visits met the statutory "
                    "minimum and the allowance was paid once the placement paperwork was complete. The officer "
                    "recommended a support meeting with the supervising social worker, which has taken place."
                ),
            ),
            Step(
                stage="3",
                after=8,
                panel=28,
                report=4,
                took=13,
                outcome=N,
                what=(
                    "We want the panel to hear how it actually is for foster carers. We were promised things at "
                    "the placement meeting that nobody wrote down."
                ),
                wanted="To hear that we were let down, and monthly visits written into his care plan.",
                response=(
                    "Review panel did not uphold the complaint. Visits and payments met the regulations and policy. "
                    "It recommended that anything promised at placement meetings is written down and given to the "
                    "carers, and noted the carers' commitment to the young person. Accepted by the Director."
                ),
            ),
        ),
    ),
    Chain(
        "children-disabilities",
        "parent",
        "email",
        (
            Step(
                stage="1",
                received=date(2017, 2, 6),
                took=10,
                outcome=N,
                learning=PC,
                what=(
                    "My son is 11, autistic and hardly sleeps. We had 2 overnights a month at the short breaks "
                    "unit. After the new assessment its been cut to 1 and no one explained why, we found out from "
                    "the unit. I am exhausted."
                ),
                wanted="The overnights put back to 2 a month.",
                response=(
                    "Not upheld. The short breaks panel agreed 1 overnight plus 4 hours a week of direct payments, "
                    "which is the same level of support. The social worker will meet the family to explain."
                ),
            ),
            Step(
                stage="2",
                after=10,
                took=24,
                outcome=P,
                learning=D,
                what=(
                    "Direct payments are no use if we can't find a PA to spend them on, and we cant. So in real "
                    "life we have lost half our support."
                ),
                wanted="The second overnight back until we find a PA.",
                response=(
                    "Partially upheld. The family was not helped to find a personal assistant; the team will now "
                    "help recruit one and a second overnight is added for 3 months. The panel's decision on the "
                    "level of support was properly made and was not upheld."
                ),
            ),
            Step(
                stage="3",
                after=15,
                panel=27,
                report=5,
                took=15,
                outcome=N,
                what=(
                    "Three months isn't a fix. The panel decided without ever meeting my son. I want the decision "
                    "made again by people who have met him."
                ),
                wanted="A new assessment and panel decision, with us there.",
                response=(
                    "Review panel did not uphold the complaint. The assessment and the short breaks panel followed "
                    "the policy and the extra overnight is a reasonable way to cover the gap. It recommended that "
                    "parents are invited to give their views to the short breaks panel. Accepted."
                ),
            ),
        ),
    ),
    # 2017/18: the eight stage 2s in the report's table; none goes further before 31 March 2018.
    Chain(
        "children-in-need",
        "parent",
        "email",
        (
            Step(
                stage="1",
                received=date(2017, 5, 15),
                took=10,
                outcome=P,
                learning=PC,
                what=(
                    "I have asked four times for the notes from our child in need meeting and for the name of our "
                    "new social worker. I get no reply to emails. The plan says we would get help with my "
                    "daughter's school transport and I can't chase it because I don't know who to ask."
                ),
                wanted="The notes, a named worker and an answer about the school transport.",
                response=(
                    "Partially upheld. Apology that emails were not answered while the case changed worker; notes "
                    "sent and the new worker introduced. School transport is decided by the education transport "
                    "team, which has the application."
                ),
            ),
            Step(
                stage="2",
                after=12,
                took=25,
                outcome=U,
                learning=PC,
                what=(
                    "Transport told me they never had an application from social care. So that was not true. She "
                    "has missed 3 weeks of school because I can't get her there and work."
                ),
                wanted="The application made properly and an apology for being told something untrue.",
                response=(
                    "Upheld. The transport application had been started but never sent. It was sent the same day "
                    "and transport started the following week. Apology from the team manager; the team now copies "
                    "parents into referrals made for them."
                ),
            ),
        ),
    ),
    Chain(
        "children-in-need",
        "parent",
        "phone",
        (
            Step(
                stage="1",
                received=date(2017, 11, 13),
                took=13,
                outcome=N,
                learning=D,
                what=(
                    "We were told in September our daughter would get a young carers assessment because she looks "
                    "after me and her brother. Its November and nobody has been. She is 12 and falling behind at "
                    "school."
                ),
                wanted="The assessment done before Christmas.",
                response=(
                    "Not upheld. The referral was sent to the young carers service in September, which has its own "
                    "waiting list; a date in December has been offered."
                ),
            ),
            Step(
                stage="2",
                after=9,
                took=28,
                extended_to=35,
                extension_reason="Investigating officer off sick for two weeks; complainant agreed the new date",
                outcome=N,
                learning=D,
                what=(
                    "They cancelled the December date and the next one is January. Nobody is in charge of this. "
                    "My daughter is doing everything at home."
                ),
                wanted="Someone in social care to take responsibility and get her the support.",
                response=(
                    "Not upheld. The investigating officer found social care made the referral on time and followed "
                    "it up; the cancellation was by the young carers service, which has apologised. The assessment "
                    "has now been done."
                ),
            ),
        ),
    ),
    Chain(
        "assessments",
        "parent",
        "online",
        (
            Step(
                stage="1",
                received=date(2017, 6, 26),
                took=9,
                outcome=N,
                learning=PC,
                what=(
                    "I made a referral about my son 6 weeks ago because I need help with his behaviour, he's 9 and "
                    "we can't cope at home. I got one phone call and since then nothing. I've left 5 messages on the "
                    "duty line."
                ),
                wanted="Someone to call me back and tell me what's happening.",
                response=(
                    "Not upheld. The referral was screened within a day and passed to early help with the mother's "
                    "agreement, as the letter sent at the time explains. Early help will be in touch."
                ),
            ),
            Step(
                stage="2",
                after=15,
                took=22,
                outcome=P,
                learning=PC,
                what=(
                    "I never agreed to early help, I asked for a proper assessment. Early help have still not been "
                    "in touch. I am just being passed around."
                ),
                wanted="A proper assessment of my son.",
                response=(
                    "Partially upheld. The record does not show the mother's agreement was asked clearly, and early "
                    "help were slow to make contact; apology given. The decision that early help was the right "
                    "service was reasonable and an early help assessment has now started."
                ),
            ),
        ),
    ),
    Chain(
        "assessments",
        "other",
        "letter",
        (
            Step(
                stage="1",
                received=date(2017, 9, 18),
                took=17,
                extended_to=20,
                extension_reason="Complex: information needed from three services",
                outcome=P,
                learning=D,
                what=(
                    "I am the boys' grandfather and they have lived with me since the summer. I was told an "
                    "assessment would be done so I can get some help, it's been 10 weeks and no one has come. I am "
                    "71 and doing my best."
                ),
                wanted="The assessment done and some money to help with the boys.",
                response=(
                    "Partially upheld. The assessment was delayed and the grandfather was not told why; apology "
                    "given and it is now booked. Financial help depends on the assessment, so none could be agreed "
                    "yet."
                ),
            ),
            Step(
                stage="2",
                after=18,
                took=25,
                outcome=N,
                learning=D,
                what=(
                    "The assessment was done but they say I'm not entitled to a kinship allowance because it's a "
                    "private arrangement. Nobody told me that when the boys came to me. I was told it was for a "
                    "few days."
                ),
                wanted="The allowance, backdated to the summer.",
                response=(
                    "Not upheld. The investigating officer found the arrangement was made privately by the family "
                    "before social care was involved, so the allowance does not apply. Advice on child benefit and "
                    "the council's private arrangements support was given."
                ),
            ),
        ),
    ),
    Chain(
        "leaving-care",
        "care-leaver",
        "online",
        (
            Step(
                stage="1",
                received=date(2017, 7, 10),
                took=11,
                outcome=N,
                learning=PC,
                what=(
                    "my PA never answers her phone and i needed her to sign my college bursary form before the "
                    "deadline. it was friday. now i cant get the bursary. i have messaged her like 10 times"
                ),
                wanted="the form signed and the college to let me still apply",
                response=(
                    "Not upheld. The PA was on leave and the duty PA signed the form on the Monday; the college "
                    "confirmed it accepted the late form."
                ),
            ),
            Step(
                stage="2",
                after=8,
                took=24,
                outcome=U,
                learning=PC,
                what=(
                    "the college did NOT accept it, i have the email off them. nobody told me my PA was on leave or "
                    "who the duty one was. i had to drop my course"
                ),
                wanted="the bursary paid by you instead and a PA who answers",
                response=(
                    "Upheld. The college had not accepted the form and the young person was never told about the "
                    "PA's leave or who was covering. Apology; the council paid the equivalent of the bursary and a "
                    "new course place was found for January. PAs now set an out-of-office naming their cover."
                ),
            ),
        ),
    ),
    Chain(
        "leaving-care",
        "care-leaver",
        "phone",
        (
            Step(
                stage="1",
                received=date(2018, 1, 8),
                took=10,
                outcome=P,
                learning=FA,
                what=(
                    "At my pathway plan meeting in October they said they'd pay my rent deposit for a new flat and "
                    "help me move. I found a flat and the landlord won't wait much longer. Nobody's sorted the "
                    "deposit."
                ),
                wanted="The deposit paid so I dont lose the flat.",
                response=(
                    "Partially upheld. The deposit was agreed and should have been ready; apology given and it has "
                    "been paid to the landlord. Help with removal costs was not part of the plan."
                ),
            ),
            Step(
                stage="2",
                after=14,
                took=25,
                outcome=P,
                learning=FA,
                what=(
                    "The removal help was in my plan, I've got a copy. I had to pay a man with a van £120 and that "
                    "was my food money."
                ),
                wanted="My £120 back, and a different PA because mine never listens.",
                response=(
                    "Partially upheld. The plan did mention help to move, so the £120 has been refunded. The request "
                    "for the PA to be changed was not upheld."
                ),
            ),
        ),
    ),
    Chain(
        "child-protection",
        "parent",
        "email",
        (
            Step(
                stage="1",
                received=date(2017, 8, 14),
                took=15,
                outcome=N,
                learning=FA,
                what=(
                    "At the last core group the social worker agreed to refer me to the parenting programme "
                    "for dads and to set up my contact with the kids at the family centre. Neither has happened. "
                    "The next conference is in 4 weeks and it will look like I've done nothing."
                ),
                wanted="The referral made and contact started before the conference.",
                response=(
                    "Not upheld. The referral was made in August; the programme has a waiting list. Contact at the "
                    "family centre needs the father's signed agreement, which has been sent to him."
                ),
            ),
            Step(
                stage="2",
                after=10,
                took=30,
                extended_to=45,
                extension_reason="Investigating officer needed to interview the conference chair",
                outcome=N,
                learning=FA,
                what=(
                    "The programme say they never got any referral in August. I never got any agreement to sign. "
                    "The conference went ahead and they kept the kids on a plan."
                ),
                wanted="An independent look at what the social worker did and didn't do.",
                response=(
                    "Not upheld. The programme's records show the referral arrived in August; the agreement was "
                    "posted and later handed to the father, who signed it in October. The conference decision is "
                    "outside the complaints procedure."
                ),
            ),
        ),
    ),
    Chain(
        "early-help",
        "parent",
        "online",
        (
            Step(
                stage="1",
                received=date(2018, 2, 5),
                took=8,
                outcome=N,
                learning=D,
                what=(
                    "We were told in November we'd get a family support worker to help with my daughters anxiety "
                    "about school. We're still waiting. She's missing more and more days."
                ),
                wanted="A worker now, not in another 3 months.",
                response=(
                    "Not upheld. The family are on the waiting list in date order and the expected wait was "
                    "explained in November. A worker will be allocated in March."
                ),
            ),
            Step(
                stage="2",
                after=6,
                took=25,
                outcome=U,
                learning=D,
                what=(
                    "We were never told about any waiting list. We were told 2 weeks. Nobody has rung us once "
                    "since November."
                ),
                wanted="The support to start, and the truth about why it took so long.",
                response=(
                    "Upheld. No record of the waiting list being explained was found, and the family had no contact "
                    "for 12 weeks. Support started at once; the service now rings families on its waiting list "
                    "every month."
                ),
            ),
        ),
    ),
]

# ---------------------------------------------------------------------------------------------------------------
# Stage 1 complaints that ended at stage 1: what people wrote, by team and by who wrote it.
# Each entry: (learning, what happened, what they wanted, the fix if upheld, why not, if not upheld).
# A partially upheld reply uses both the fix and the "why not".
# ---------------------------------------------------------------------------------------------------------------

TEXTS: dict[tuple[str, str], list[tuple[str, str, str, str, str]]] = {
    ("leaving-care", "care-leaver"): [
        (
            PC,
            "i have messaged my PA like 6 times in 3 weeks and she hasnt replied once. i need to know about my "
            "pathway plan review because im moving out of my supported lodgings soon and i dont know where im going",
            "someone to actually reply to me and tell me where i'm living next month",
            "Apology that the PA did not reply for three weeks while on leave with no cover. Review held within a "
            "week and a move-on flat agreed. Leave cover is now set up for every PA.",
            "The move-on plan had already been agreed with the housing provider and the date has not changed.",
        ),
        (
            PC,
            "I'm 19 and at college. Nobody from leaving care has been in touch since my PA left months ago. I "
            "only found out I had a new PA because I rang up. My pathway plan still says I live with my foster "
            "carers.",
            "A PA who keeps in touch and my pathway plan updated properly",
            "Apology that the young person was not told about the change of PA. The new PA visited and the pathway "
            "plan was updated. Managers now write to young people when their PA changes.",
            "The new PA made contact within the 8 week visiting timescale.",
        ),
        (
            PC,
            "Why does nobody pick up the phone in the leaving care team?? I rang 11 times yesterday about my rent "
            "because my housing benefit stopped. I could get evicted and no one cares",
            "Help with my rent before i get evicted and a number that someone answers",
            "Apology for the unanswered calls. The PA helped with the housing benefit claim and the arrears were "
            "cleared the same week. The duty phone is now covered all day.",
            "The arrears came from a benefit change the team could not control; the team acted the day the message "
            "was passed on.",
        ),
        (
            D,
            "Ive been waiting 7 weeks for my setting up home allowance. I moved in to my flat 2 months ago and "
            "I've got no fridge, no cooker, nothing. Im eating takeaways I cant afford.",
            "My allowance paid now",
            "Apology for the delay; the allowance was paid within 2 days of the complaint. The team manager now "
            "tracks these payments weekly.",
            "The allowance can only be paid once the tenancy is signed; it was paid 6 working days after the signed "
            "tenancy arrived.",
        ),
        (
            D,
            "I applied for the leaving care bursary for uni 2 months ago and still nothing. I've started my "
            "course and I cant buy books or pay my travel. My PA says its waiting for sign off.",
            "bursary paid and to know why it took so long",
            "Apology; the bursary was signed off and paid within 3 working days. Bursary requests now reach the "
            "manager within 5 working days.",
            "The bursary is paid in termly instalments and the first was due once the university confirmed enrolment.",
        ),
        (
            FA,
            "At my pathway plan meeting 3 months ago my PA said she would help me get my birth certificate and "
            "provisional licence because I havent got any ID. Still nothing. Now I can't open a bank "
            "account and I cant start my job without one.",
            "My ID sorted",
            "Apology that the agreed action was not done. Birth certificate ordered and paid for; the PA went with "
            "the young person to open a bank account.",
            "The PA sent the forms the month after the meeting, but they needed the young person's signature and "
            "were not returned.",
        ),
        (
            FA,
            "They said they would pay for my driving lessons in my pathway plan because I need to drive for my "
            "apprenticeship. I had 2 lessons and then the payments stopped. The instructor is chasing me for money",
            "the lessons paid like it says in my plan",
            "Apology. The remaining lessons were paid to the instructor directly and the bill settled.",
            "The pathway plan agreed 10 lessons; lessons beyond those 10 were not agreed.",
        ),
    ],
    ("leaving-care", "advocate"): [
        (
            PC,
            "I am an advocate for a young man (18) who has just left care. He has asked his PA four times for a "
            "copy of his pathway plan and is told it is 'being updated'. He is entitled to a copy and has asked me "
            "to complain for him.",
            "A copy of the current pathway plan within a week and a review with the young person and his advocate.",
            "Apology. A copy of the plan was given to the young person and a review held with his advocate.",
            "The plan was being reviewed after his move and a draft had been shared at the review meeting.",
        ),
        (
            D,
            "Advocacy referral: the young person (20) is pregnant and was told three months ago she would be "
            "referred for a housing assessment and extra support. Neither has happened. She is living "
            "in a hostel.",
            "The housing referral made urgently and written confirmation of the support she will get.",
            "Apology. The housing referral was made the same week and a support plan agreed with her and her advocate.",
            "The housing assessment is done by the housing department, which had the referral.",
        ),
        (
            FA,
            "I advocate for a care leaver (21) at university. At his review it was agreed the council would pay "
            "for his accommodation in the university holidays. He has now been told this was never agreed and he "
            "has 2 weeks to find somewhere. The review record supports him.",
            "The agreement honoured and holiday accommodation confirmed in writing.",
            "Apology. Holiday accommodation was funded as agreed at the review and confirmed in writing.",
            "The review agreed funding for the university's holiday let, not private accommodation, and that was paid.",
        ),
    ],
    ("lac-permanence-1", "child"): [
        (
            PC,
            "i have had 4 social workers in a year. i dont even know who my social worker is now. no one "
            "tells me anything. i wanted to ask about seeing my brother and i dont know who to ask",
            "to know who my social worker is and for them to stay",
            "The social worker visited and gave the young person her number. Apology for the changes. The team "
            "manager now writes to each child when their worker changes.",
            "The changes happened because workers left the council; the child has had the same worker for the last "
            "two months.",
        ),
        (
            PC,
            "I asked my social worker 3 times if i can go on the school trip to france and she said she would find "
            "out. The money has to be in by friday and she still hasnt said. everyone else in my class is going.",
            "to go on the trip",
            "Apology. Consent and the trip fee were sorted the same day and the young person went on the trip.",
            "A trip abroad needs the parent's agreement, which the social worker was asking for.",
        ),
        (
            FA,
            "My care plan says I should see my little sisters every month. I have seen them once in the last "
            "4 months. My social worker keeps saying she'll sort it. I miss them.",
            "to see my sisters every month like it says",
            "Apology. Sibling contact booked for the rest of the year and the dates given to the young person.",
            "Two contacts were cancelled by the sisters' carers because of illness, not by the service.",
        ),
        (
            FA,
            "My pocket money hasnt gone up since I was 13 and im 15 now. My foster carer says the social worker "
            "has to sort it. she said she would at my review ages ago and she hasn't",
            "my pocket money to go up and the money I missed",
            "Apology. Pocket money raised to the rate for age 15 and backdated to the review.",
            "Pocket money is paid by the foster carer from the fostering allowance at the agreed rate.",
        ),
        (
            D,
            "Im in year 11 and I was promised a maths tutor because I missed loads of school when I moved. its "
            "been 4 months and no tutor. my GCSEs are this year",
            "a tutor now before my exams",
            "Apology for the delay. A tutor started within 2 weeks; the virtual school now checks tutor requests "
            "weekly.",
            "Tutoring is arranged through the virtual school, which had a waiting list for tutors.",
        ),
    ],
    ("lac-permanence-1", "foster-carer"): [
        (
            PC,
            "We have cared for two brothers for 8 months. We never get minutes from their reviews or PEP meetings, "
            "we find out decisions from the boys. I have emailed the social worker 4 times this month and had no "
            "reply.",
            "Copies of the minutes and replies to our emails.",
            "Apology. Minutes sent; the social worker will reply within 3 working days and copy in the supervising "
            "social worker.",
            "Review minutes come from the independent reviewing officers, who have 20 working days to send them.",
        ),
        (
            D,
            "I've been asking for 3 months for a bigger car seat and a bed guard for the little one we look after. "
            "Fostering say it has to come from the child's social worker. The child's social worker says it's "
            "fostering. Meanwhile I've bought them myself.",
            "To be paid back and for someone to take responsibility.",
            "Apology. The carer was refunded against receipts and the two teams agreed who approves equipment.",
            "Equipment of this kind is covered by the fostering allowance and is not paid separately.",
        ),
        (
            FA,
            "At the placement planning meeting we were told respite would be arranged one weekend a month. Five "
            "months in we have had none. We are exhausted and it's affecting our own children.",
            "The respite that was agreed.",
            "Apology. Respite carers found; the first weekend is booked and then monthly.",
            "Respite depends on approved respite carers being free and the service was actively looking.",
        ),
    ],
    ("lac-permanence-1", "parent"): [
        (
            PC,
            "My son is in foster care and I'm supposed to get updates about school and his health. I havent had "
            "one since the review 4 months ago. I ring and leave messages and nobody calls back.",
            "Regular updates like I was promised, at least once a month.",
            "Apology. A monthly phone update has been agreed and written into the care plan.",
            "Updates are given at reviews and by the social worker; the last school report was sent after the review.",
        ),
        (
            FA,
            "It was agreed at court I would get a letter and photos of my daughter every 3 months. I've had one in "
            "a year. I have done everything I was asked to.",
            "The letters and photos that were agreed.",
            "Apology. The missed updates were sent with recent photos, and the dates for the year agreed.",
            "One update was held back because the daughter did not want photos sent that time, and her wishes "
            "were respected.",
        ),
    ],
    ("lac-permanence-1", "advocate"): [
        (
            PC,
            "I'm the independent advocate for a 14 year old girl in foster care. She asked to talk to her social "
            "worker about moving school and has had no reply for 5 weeks. She feels nobody listens to her.",
            "A visit from her social worker within 2 weeks and a clear answer about the school.",
            "Apology. The social worker visited with the advocate; the school move will be decided at her review.",
            "A school move needs her review to agree it, and the review date was already set.",
        ),
        (
            FA,
            "Advocacy for a boy of 12: his care plan says he will start swimming lessons and keep going to his "
            "football club after his move. Neither has been arranged in the 3 months since. He has lost his place "
            "in the team.",
            "Football and swimming sorted, and help to get his place back.",
            "Apology. Travel to football arranged and the coach agreed he can rejoin; swimming lessons booked.",
            "The club is 14 miles from the new placement and travel had to be agreed with the carers first.",
        ),
    ],
    ("adoption-sgo", "guardian-adopter"): [
        (
            PC,
            "We are special guardians for our granddaughter. We applied to the adoption support fund for therapy "
            "10 weeks ago. Nobody has told us if the application has even gone in. I've emailed three times and "
            "rung. She is really struggling at school.",
            "To know if the application has gone and when therapy can start.",
            "Apology for not replying. The application was sent that week and the family given a start date.",
            "The fund makes its own decisions in its own time; the application went once the therapist's quote "
            "arrived.",
        ),
        (
            PC,
            "Our special guardianship allowance went down this month by nearly £200 and no one told us why. We "
            "found out when the money went in. We are pensioners and this is a lot for us.",
            "An explanation, and the allowance put back.",
            "Apology that the change was not explained first. Letter sent with the figures, and a call from the "
            "worker.",
            "The allowance was reassessed under the yearly means test, as the support plan says, and the new "
            "amount is right.",
        ),
        (
            PC,
            "Letterbox contact. I sent my letter for the birth mum on time like always and never heard if it was "
            "passed on. Then I got her reply from last year sent to me again by mistake. It feels like nobody is "
            "looking after this.",
            "To know my letter got to her, and letterbox run properly.",
            "Apology. The letter was confirmed as passed on and the letterbox log checked and corrected.",
            "Birth parents do not have to reply, and the letter was forwarded within the usual time.",
        ),
        (
            D,
            "We adopted our son 2 years ago. 5 months ago we asked for an assessment of adoption support because "
            "he is having huge meltdowns. It still hasn't been done. The school is talking about "
            "exclusion.",
            "The assessment done now, and help so he isn't excluded.",
            "Apology for the delay. Assessment done within 3 weeks and an application made for therapeutic support.",
            "Assessments are done in date order and the team was short of staff, which has now been dealt with.",
        ),
        (
            D,
            "I'm a special guardian for my nephew. We were told the costs of his bed and a bigger car seat would "
            "be paid under the support plan. We sent the receipts 3 months ago and still nothing.",
            "Pay us back what we spent.",
            "Apology. Payment made within 5 days; business support now processes claims weekly.",
            "Only the bed was in the support plan; the car seat was not.",
        ),
        (
            D,
            "We applied for the special guardianship allowance when the order was made. 3 months later "
            "it still hasn't started and I've had to cut my hours at work to look after my grandchildren.",
            "The allowance started and backdated.",
            "Apology. The allowance started and was backdated to the date of the order.",
            "The allowance could not start until the financial assessment form came back, 6 weeks after the order.",
        ),
        (
            FA,
            "At the SGO support plan meeting they promised a support worker visit every 6 weeks in the first year "
            "and help with the children's contact with their dad. Nobody has come since the order. Contact keeps "
            "falling through because we're left to arrange it ourselves.",
            "The visits and the help with contact the plan says.",
            "Apology. A support worker was allocated and contact is now arranged by the team.",
            "The plan said help with contact would be reviewed after 6 months, which was done.",
        ),
        (
            FA,
            "Our adoption support plan says our daughter would have life story work before she starts secondary "
            "school. She starts there in a few months and nothing has been done. We have asked twice.",
            "Life story work started before she changes school.",
            "Apology. Life story work started within a month with a named worker.",
            "The plan said the work would be offered before secondary school, and sessions had been offered by letter.",
        ),
    ],
    ("lac-adoption-permanence-2", "child"): [
        (
            PC,
            "I've moved 3 times this year and nobody asks me what I think. I found out I was moving this time on "
            "the day. I didn't get to say bye to my friends at school.",
            "to be told before I move and asked what I want",
            "Apology. The social worker and reviewing officer met the young person; she will be told and asked "
            "before any planned move.",
            "The last move was an emergency because the carers were taken ill.",
        ),
        (
            PC,
            "my social worker said she would ring me back about my phone and she never did. she never rings back. "
            "i have to get my carer to ring for me",
            "for my social worker to ring me back when she says",
            "Apology. The social worker now texts every week and calls back within 2 days; the phone is sorted.",
            "The social worker was on leave and another worker did call back.",
        ),
        (
            FA,
            "i was told i could have my hair done and a dress paid for for my sisters wedding. its in 2 weeks and "
            "they keep saying they will sort it",
            "my dress and hair paid for before the wedding",
            "Apology. The money for the dress and hair was paid to the carer the next day.",
            "The amount agreed was £100, which is what was paid.",
        ),
        (
            FA,
            "They said I could stay with my foster carer after 18 (staying put) and it would be sorted. im 18 next "
            "month and no one has done the paperwork. my carer says if its not done she cant keep me",
            "staying put sorted so i can stay",
            "Apology. The staying put agreement was signed before the birthday.",
            "Staying put agreements are signed in the month before 18, which is what happened.",
        ),
        (
            D,
            "I asked for my files 6 months ago because i want to know why I went into care. Still waiting. Every "
            "time I ask they say its being done",
            "my files",
            "Apology for the delay. The files were sent and a worker went through them with the young person.",
            "Other people's information had to be taken out of the files first, which takes time.",
        ),
    ],
    ("lac-adoption-permanence-2", "foster-carer"): [
        (
            PC,
            "Nobody told us the contact visit for the girl we look after was cancelled. We drove 40 minutes there "
            "and sat in the contact centre for an hour. She was devastated. Again.",
            "To be told when contact is cancelled.",
            "Apology. The contact centre and social worker now text carers when contact is cancelled; mileage paid.",
            "The birth parent cancelled that morning and the worker rang the carer's landline.",
        ),
        (
            PC,
            "We had a lovely lad with us for 2 years who moved to his adoptive family last month. We asked for an "
            "update and to send a card for his birthday. No reply from anyone.",
            "To know he's ok and send his card.",
            "Apology. An update was given and the card passed on through the adoption team.",
            "Contact after adoption is agreed with the adopters, who agreed to one update.",
        ),
        (
            D,
            "our fostering allowance for the 2 girls has been wrong for 3 months, we are paid for one child not "
            "two. Ive told payments and the social worker. still wrong",
            "the missing money paid and it put right",
            "Apology. The underpayment of £1,460 was paid and the payment record corrected.",
            "Payments follow the placement record, which the team updated the same week it was told.",
        ),
        (
            FA,
            "The boy in our care needs glasses and a dentist. At his review I was told to wait for consent from "
            "the social worker. It's been 2 months and his teeth hurt.",
            "Consent signed so I can take him.",
            "Apology. Consent given that day and a dental appointment booked within a week.",
            "Routine dental and eye checks are delegated to carers on the delegated authority form, which the "
            "carer had.",
        ),
    ],
    ("lac-adoption-permanence-2", "guardian-adopter"): [
        (
            PC,
            "We are adopting the little boy placed with us. His social worker hasn't returned our calls in 4 weeks "
            "and we don't know when the adoption can go to court.",
            "A call back and a timeline.",
            "Apology. The social worker called and the timeline for the court application was given in writing.",
            "The application can only go once the placement has lasted 10 weeks, which had not yet passed.",
        ),
        (
            D,
            "Our granddaughter has been with us under a special guardianship order for 4 months but the "
            "council still hasn't signed her passport form. We have a family holiday booked.",
            "The form signed.",
            "Apology. The form was signed and returned in 2 days.",
            "Under the order the special guardians can sign the form themselves; this was explained.",
        ),
        (
            FA,
            "At the review it was agreed the children would keep seeing their big brother in foster care once a "
            "month after they moved in with us. It has happened once in 4 months.",
            "Sibling contact every month as agreed.",
            "Apology. Sibling contact dates set for the next 6 months.",
            "Two contacts were cancelled because the older brother did not want to go.",
        ),
    ],
    ("lac-adoption-permanence-2", "parent"): [
        (
            PC,
            "I'm the mum of 2 kids in care. I asked for the minutes of their review 2 months ago and I still haven't "
            "got them. I also asked for their school reports. I am their mother and I have a right to know.",
            "Copies of the minutes and school reports.",
            "Apology. Minutes and school reports sent.",
            "Minutes are sent once the reviewing officer signs them off, which takes up to 20 working days.",
        ),
        (
            FA,
            "At court it was agreed I'd get a phone call with my son every sunday. The carers keep forgetting or "
            "saying he's busy. I told his social worker and she said she'd speak to them. Nothings changed.",
            "My call every sunday.",
            "Apology. Call times written into the placement plan and checked monthly by the social worker.",
            "Some calls were missed because of the boy's football matches, and another day was offered.",
        ),
    ],
    ("lac-adoption-permanence-2", "care-leaver"): [
        (
            PC,
            "I'm 18 and still with my foster carers. My social worker was meant to introduce me to my new PA "
            "before my birthday. Not heard from anyone, I don't know who my PA is.",
            "To meet my PA.",
            "Apology. A joint visit with the new PA was arranged within a week.",
            "The move to leaving care happens at 18 and the PA was allocated in time.",
        ),
        (
            D,
            "Asked months ago for my passport and birth certificate from my social worker before I turned 18. Now im "
            "18 and they've passed me to leaving care and nobody knows where my documents are",
            "my documents",
            "Apology. The documents were found on the file and handed over.",
            "A new birth certificate was ordered because the original was with the birth parent.",
        ),
    ],
    ("children-in-need", "parent"): [
        (
            PC,
            "Our child in need meeting was cancelled the night before by text. Third time. I had taken the day off "
            "work. No one has said when the next one is.",
            "A date for a meeting that actually happens.",
            "Apology. The meeting was rebooked; the team manager will chair if the worker is not available.",
            "The meetings were cancelled because the social worker was ill, and the plan was still reviewed in time.",
        ),
        (
            PC,
            "I have asked 3 times for a copy of my children's child in need plan. I'm their dad and I have parental "
            "responsibility. I keep getting told 'it's with the manager'.",
            "A copy of the plan.",
            "Apology. A copy of the plan was sent; both parents now get plans and minutes.",
            "The plan was still being finalised after the meeting.",
        ),
        (
            PC,
            "The social worker talks to my ex about everything and never to me. I only found out about the meeting "
            "at school because my son told me. We have shared care.",
            "To be told things the same as his mum.",
            "Apology. Both parents are now contacted separately about meetings and decisions.",
            "The worker had the mother's consent to speak to the school and wrote to the father's old address.",
        ),
        (
            PC,
            "The social worker is rude to me on the phone and puts the phone down. Im not saying I'm perfect but "
            "I've been asking for help with my daughter for months and this is how I get treated.",
            "A different social worker and someone to listen.",
            "Apology for the tone of the call. The manager met the parent; the worker now sends a written summary "
            "after each call.",
            "A change of worker was not agreed, as the current worker knows the family well.",
        ),
        (
            D,
            "The child in need plan said my son would be referred to the young carers service. 3 months "
            "later young carers say they never got any referral.",
            "The referral made now.",
            "Apology. The referral was sent that day and young carers visited within 2 weeks.",
            "The referral was held back while the family's consent form was awaited.",
        ),
        (
            D,
            "I asked the social worker for help with beds and a cooker after we were rehoused. She said it would "
            "be a couple of weeks. Its been 2 months and the kids are sleeping on a mattress on the floor.",
            "The beds and cooker.",
            "Apology. A payment for beds and a cooker was made within 3 days.",
            "The request needed a manager's agreement and a quote, and the quote came in week 6.",
        ),
        (
            FA,
            "It was agreed at the child in need meeting that someone would help me fill in the DLA form for my "
            "daughter and come with me to the housing office. Nobody came. I missed the housing appointment.",
            "Help with the form and a new housing appointment.",
            "Apology. A family support worker helped with the DLA form and went to the rebooked housing appointment.",
            "The minutes show the DLA help was agreed for after the housing appointment.",
        ),
        (
            FA,
            "We were promised a family group conference 3 months ago so the family can help out. Still nothing. My "
            "mum has been waiting to be asked.",
            "The family group conference booked.",
            "Apology. A coordinator was allocated and a date booked.",
            "Family group conferences are arranged by a separate service that has a waiting list.",
        ),
        (
            FA,
            "The social worker agreed to speak to the school about my son being picked on and about a different "
            "way home. Nothing happened. He won't go in now.",
            "The school spoken to, and a way home he's happy with.",
            "Apology. The social worker met the school, which agreed a plan and a later finishing time.",
            "The school had already put a plan in place, which the social worker confirmed.",
        ),
    ],
    ("children-in-need", "child"): [
        (
            PC,
            "my social worker comes to see me at school and takes me out of class in front of everyone. i asked "
            "her not to and she still does. everyone asks why",
            "to be seen at home not at school",
            "Apology. Visits moved to after school, at home.",
            "Some visits have to be at school, but they will be at lunchtime and not in lessons.",
        ),
        (
            FA,
            "They said I could go to the youth club on thursdays and they would pay. I went once. Now they say its "
            "not paid. I want to go",
            "to go to youth club",
            "Apology. The youth club was paid for the year.",
            "The payment was agreed for one term and then reviewed at the child in need meeting.",
        ),
    ],
    ("children-in-need", "advocate"): [
        (
            PC,
            "Advocate for a 15 year old on a child in need plan. She wants to be at her meetings, or at least have "
            "her views read out. She was not invited to the last two and nobody asked for her views.",
            "Her invited to meetings, and her views written in the plan.",
            "Apology. She is invited to the next meeting with her advocate, and her views are in the plan.",
            "She was asked for her views by text before the last meeting but did not reply.",
        ),
        (
            D,
            "I'm advocating for a 13 year old boy who asked for help with his anger 4 months ago. His plan says a "
            "referral would be made. Nothing has started.",
            "The referral made and a start date.",
            "Apology. The referral was made and sessions start next month.",
            "The referral had gone to the school nurse service, which had a waiting list.",
        ),
    ],
    ("children-in-need", "other"): [
        (
            PC,
            "I'm the children's aunt and I look after them 3 days a week. Nobody from the council talks to me even "
            "though their mum has said it's fine. I find out about meetings after they happen.",
            "To be told about meetings and asked what I think.",
            "Apology. The mother's written consent is now on file and the aunt is invited to meetings.",
            "Information can only be shared with the mother's written consent, which arrived after the meeting.",
        ),
        (
            FA,
            "I'm their step dad. We were told at the meeting we'd get help with childcare so I can keep working "
            "nights. Not heard a thing for 6 weeks.",
            "The childcare help we were told about.",
            "Apology. Childcare funding agreed and a nursery place found.",
            "Funded childcare is decided by the early years team, which had already been asked.",
        ),
    ],
    ("assessments", "parent"): [
        (
            PC,
            "A social worker assessed my family after a referral from the hospital. That was 2 months ago. I have "
            "never been told the outcome. Is it closed? Is there something on our record? Nobody will say.",
            "The outcome in writing.",
            "Apology. An outcome letter was sent confirming the case closed with no further action.",
            "The outcome was given at the last visit, as the record shows.",
        ),
        (
            PC,
            "The assessment says I refused to let the social worker see the childrens bedrooms. I never refused, I "
            "asked her to come back in an hour because the baby was asleep. Now its written down like I was hiding "
            "something.",
            "That part of the assessment changed.",
            "Apology. The assessment was amended to say the visit was rearranged.",
            "The record was accurate about what the worker was told at the door; the parent's comments have been "
            "added.",
        ),
        (
            PC,
            "I rang the front door to ask for help with my 14 year old who has stopped going to school and won't "
            "talk to us. I was told someone would call back within 24 hours. No one called for 9 days.",
            "Someone to call back and help.",
            "Apology. A worker called the same day and an early help assessment started.",
            "The call was screened the next working day; the call-back was logged against an old number.",
        ),
        (
            PC,
            "Why was I not told a social worker spoke to my son at school? He came home upset. I only know because "
            "he told me. I'm his mum!",
            "To be told first next time.",
            "Apology that the mother was not told the same day. Workers now ring the parent straight after a "
            "school visit.",
            "Children can be seen at school before parents are told, as part of an assessment.",
        ),
        (
            D,
            "The school referred us for help 4 months ago. The assessment was meant to take 45 days. It's "
            "still not done, and meanwhile we get no help at all.",
            "The assessment finished and the help started.",
            "Apology. The assessment was finished within 2 weeks and the family referred to the support it "
            "recommended.",
            "The assessment was extended because the family were away for 3 weeks of it.",
        ),
        (
            D,
            "The assessment was finished 3 months before the report came. By then the school had "
            "given up on the speech therapy referral because they needed the report.",
            "The school told and the referral put back in.",
            "Apology. The report was sent to the school and the speech therapy referral remade with a letter "
            "explaining the delay.",
            "The report had been sent to the school nurse when the assessment finished.",
        ),
        (
            D,
            "I asked for a carers assessment 4 months ago as I look after my disabled brother as well as my kids. "
            "Still waiting. I am at breaking point.",
            "The assessment done.",
            "Apology. The assessment was booked within a week.",
            "Carer's assessments for adults are done by adult social care, and the referral was passed to them.",
        ),
        (
            FA,
            "The social worker said she'd write to housing to say she had no worries about us, so we could be "
            "rehoused. She never did. The housing list closed.",
            "The letter for housing.",
            "Apology. The letter went to housing the same day, asking them to use the original date.",
            "The letter was agreed for after the assessment, which finished after the housing deadline.",
        ),
    ],
    ("assessments", "guardian-adopter"): [
        (
            D,
            "I'm a special guardian for my two grandchildren. I asked for an assessment for the youngest "
            "as his behaviour has got much worse. It's taken 3 months just to get a first visit.",
            "The assessment and some support.",
            "Apology. The assessment was finished within a month and an adoption support fund application made.",
            "The request first went to the adoption support team, which was the right team.",
        ),
        (
            PC,
            "We adopted our daughter. After a referral from her school the assessment team came and asked us all "
            "sorts of questions in front of her. Afterwards we heard nothing and nobody answered our emails.",
            "An apology and the outcome.",
            "Apology. Outcome letter sent; the worker was reminded to talk to parents away from the child.",
            "The assessment had to go ahead once the school made the referral.",
        ),
    ],
    ("assessments", "other"): [
        (
            PC,
            "I'm their grandad and I made the referral because I was worried about my daughter after her "
            "operation. Nobody told me anything after. I don't know if anyone even went round.",
            "To know something was done.",
            "Apology. With the daughter's consent, it was explained that an assessment was done and support offered.",
            "Details of an assessment cannot be shared without the parent's consent.",
        ),
        (
            D,
            "I'm a family friend and I've been looking after the little boy most days for free while his mum is "
            "ill. I was told I'd be assessed as a carer and paid. Three months on, nothing.",
            "The assessment done.",
            "Apology. The assessment was booked and the allowance agreed from the date of the request.",
            "Family and friends carers are assessed by the fostering service, which had been asked.",
        ),
    ],
    ("child-protection", "parent"): [
        (
            PC,
            "I was never sent the minutes of the child protection conference. It's been 6 weeks. How am I meant to "
            "know what I'm supposed to be doing?",
            "The minutes and the plan in writing.",
            "Apology. Minutes and plan sent by email and post; the social worker went through them at a visit.",
            "The plan was explained at the end of the conference and at core group the next week.",
        ),
        (
            PC,
            "My english is not good. At the conference there was no interpreter and I did not understand. I asked "
            "for one before. I said yes to things I did not understand.",
            "An interpreter at all meetings and the plan explained in my language.",
            "Apology. An interpreter is booked for all meetings, the plan was translated and the chair met the "
            "parent with an interpreter.",
            "The chair checked at the start that the parent was happy to go ahead in English.",
        ),
        (
            PC,
            "The social worker told my children's school about our plan but got it wrong, now the school thinks my "
            "ex partner lives with us. He doesn't. My kids are being asked questions.",
            "The school told the right information.",
            "Apology. The social worker wrote to the school to correct it.",
            "Sharing the plan with the school is a normal part of child protection work.",
        ),
        (
            D,
            "Our child protection plan says a parenting assessment would be done within 8 weeks. It's been 5 "
            "months. We can't move forward and the kids are still on a plan because of it.",
            "The assessment done so the plan can end.",
            "Apology. The assessment was finished within 4 weeks and the next conference brought forward.",
            "The assessment was paused for 6 weeks when the family moved, as agreed at core group.",
        ),
        (
            D,
            "We were told at the PLO meeting the council would pay for a hair strand test and the results would "
            "be back in 4 weeks. It's been 10 weeks. My solicitor keeps chasing it.",
            "The results.",
            "Apology. The test had not been ordered; it was ordered and the delay explained to the solicitor.",
            "The laboratory took longer than usual, which the council could not control.",
        ),
        (
            FA,
            "At core group the social worker agreed to ring housing about the damp in the kids bedroom and to get "
            "us a food bank referral. None of it was done. Next core group she asked why the room was still damp.",
            "Do what you said you'd do.",
            "Apology. The social worker contacted housing and made the food bank referral the same day.",
            "Repairs are the landlord's responsibility; the worker had written to the landlord.",
        ),
        (
            FA,
            "I've done everything on my plan. The social worker said she would arrange for my kids to see their "
            "dad at the contact centre every week. 6 weeks and nothing. The kids keep asking.",
            "Contact with their dad started.",
            "Apology. Contact started at the family centre every Saturday.",
            "Contact needed the father to agree to the centre's rules, which he did in week 5.",
        ),
    ],
    ("child-protection", "advocate"): [
        (
            PC,
            "Advocate for a 16 year old on a child protection plan. She asked to speak to the conference chair on "
            "her own before the conference. This wasn't arranged and her written views were not read out.",
            "A meeting with the chair and her views recorded.",
            "Apology. The chair met the young person and her views were added to the minutes.",
            "Her written views were in the social work report, which the conference read.",
        ),
        (
            FA,
            "I am advocating for a 14 year old boy. At core group it was agreed he would get his own phone so he "
            "can contact his social worker. Three months later it hasn't happened.",
            "The phone provided.",
            "Apology. The phone was provided the following week.",
            "The phone was agreed subject to his mum's agreement, which took time.",
        ),
    ],
    ("child-protection", "other"): [
        (
            PC,
            "I'm the children's grandmother and I was part of the safety plan. Since the conference I've heard "
            "nothing. I don't even know if I'm still supposed to pick them up from school.",
            "To know what I'm meant to be doing.",
            "Apology. The grandmother was invited to core group and sent her part of the plan.",
            "Only parents get the full minutes; her part of the plan was explained by phone.",
        ),
        (
            D,
            "I'm their uncle. I put myself forward 4 months ago to be assessed to look after my nephews. I'm "
            "still waiting for the assessment.",
            "The assessment done.",
            "Apology. The viability assessment was done within 3 weeks.",
            "The assessment had to wait for police checks, which took 10 weeks to come back.",
        ),
    ],
    ("early-help", "parent"): [
        (
            PC,
            "The family support worker stopped coming and no one told us why. I found out she'd left. We were "
            "halfway through the parenting course.",
            "A new worker and to finish the course.",
            "Apology. A new worker was allocated and the course finished.",
            "The worker left at short notice and a letter was sent about the change.",
        ),
        (
            PC,
            "I asked early help for help with my sons behaviour. Then I got a letter saying my case is closed. "
            "Nobody ever came. I did not ask for it to be closed.",
            "The help I asked for.",
            "Apology. The case was reopened and a worker visited within a week.",
            "The case was closed after three calls and a letter with no reply.",
        ),
        (
            D,
            "We've been on the waiting list for the parenting course for 5 months. We were told 6 weeks. My son's "
            "behaviour is getting worse.",
            "A place on the course.",
            "Apology. A place was offered on the next course, with one-to-one sessions until then.",
            "The course runs each term and places go in referral order.",
        ),
        (
            D,
            "The early help assessment was done 3 months ago. They said the plan would come in 2 weeks. "
            "still no plan and no help.",
            "The plan and the help.",
            "Apology. The plan was sent and support started.",
            "The plan was shared at the team around the family meeting, which the parent could not attend.",
        ),
        (
            FA,
            "The family worker said she would come with me to the school about my daughters attendance. She "
            "didn't turn up. I went on my own and got a warning about a fine.",
            "Help with the school and the fine.",
            "Apology. The worker met the school with the mother and the school agreed to hold off the fine.",
            "Attendance fines are a matter for the school and education welfare.",
        ),
        (
            FA,
            "We were told we'd get a referral to the children's centre for my toddler's speech and help with the "
            "nursery funding form. Nothing happened.",
            "Those referrals done.",
            "Apology. The referrals were made and the nursery funding form filled in with the parent.",
            "The speech referral needed the health visitor, who was asked.",
        ),
    ],
    ("early-help", "other"): [
        (
            PC,
            "I'm the kids' nan. I ring early help for updates because my daughter struggles reading letters. They "
            "won't tell me anything and they won't ring her either.",
            "Someone to ring my daughter and explain.",
            "Apology. The worker now phones the mother instead of writing; with her consent the grandmother can "
            "join the calls.",
            "Information cannot be shared with a grandparent without consent.",
        ),
        (
            FA,
            "I'm a neighbour and I help the mum out, she asked me to write this for her. The early help worker "
            "said she'd help with a food bank voucher and school uniform but hasn't.",
            "The voucher and help with the uniform.",
            "Apology. The food bank voucher and uniform grant were sorted the same week.",
            "The uniform grant comes from the school, which was told.",
        ),
    ],
    ("early-help", "child"): [
        (
            PC,
            "i was meant to have a mentor from early help. i met her once and she said she'd text. she never did. "
            "its been ages",
            "my mentor back",
            "Apology. Mentor sessions restarted every week.",
            "The mentor was off sick and the young person's mum was told.",
        ),
    ],
    ("early-help", "advocate"): [
        (
            FA,
            "Advocate for a 15 year old young carer. Her early help plan said she would get a young carers card "
            "and activities in the school holidays. Neither happened.",
            "The card and activities arranged.",
            "Apology. The young carers card was issued and activities booked for the next holiday.",
            "The activities were full and a place was offered at the next session.",
        ),
    ],
    ("children-disabilities", "parent"): [
        (
            PC,
            "I've asked 4 times for the outcome of my daughters short breaks assessment. No answer. She is 7, "
            "autistic and we are on our knees.",
            "The outcome, and the short breaks.",
            "Apology. The outcome was sent: short breaks agreed, starting this month.",
            "The assessment went to the short breaks panel, which meets monthly.",
        ),
        (
            PC,
            "The direct payments team and the disabilities team keep blaming each other. I can't get a straight "
            "answer about why my payment stopped. I have a PA I can't pay.",
            "Payments restarted and paid back.",
            "Apology. The payment restarted and was backdated; the family has one named contact.",
            "Payments pause when the quarterly bank statement is not sent in, as the agreement says.",
        ),
        (
            D,
            "We were told our son's bathroom would be adapted so we can bath him safely. The OT assessment was 9 "
            "months ago. I am lifting a 12 year old in and out of the bath.",
            "The bathroom adapted.",
            "Apology. The adaptation was approved and a date set for the work.",
            "The housing association does the work once the grant is approved.",
        ),
        (
            D,
            "Short breaks referral went in 4 months ago and we still have no start date. We were told about 6 weeks.",
            "A start date.",
            "Apology. A start date was given for the next month.",
            "The short breaks unit had no space for 4 months, which was explained.",
        ),
        (
            FA,
            "At the review they agreed to look into a specialist car seat and a sensory corner at home. The social "
            "worker said she'd apply to the charity. She didn't, and the deadline passed.",
            "The application done.",
            "Apology. The application went to the next funding round with a supporting letter.",
            "The charity closed its funding round earlier than it had said.",
        ),
    ],
    ("children-disabilities", "child"): [
        (
            PC,
            "I use a wheelchair and my social worker never talks to me, only to my mum. I am 14. I want to say "
            "what I want myself.",
            "to be spoken to myself",
            "Apology. The social worker now sees the young person on his own when he asks, using his "
            "communication app.",
            "The social worker had spoken to him at school twice; his mum was there for home visits.",
        ),
        (
            FA,
            "They said I could go to the holiday club with my friends in the holidays. I didnt go because nobody "
            "booked it.",
            "to go next time",
            "Apology. A place was booked for the next holiday.",
            "The places were full by the time the referral was made.",
        ),
    ],
    ("children-disabilities", "advocate"): [
        (
            PC,
            "I'm the advocate for a 16 year old with learning disabilities. She has asked about moving to adult "
            "services. No one has explained anything to her in a way she understands.",
            "An easy read explanation and a meeting.",
            "Apology. An easy read plan was given and a meeting held with the transition worker.",
            "Transition planning starts at 17, and she was already on the list.",
        ),
        (
            D,
            "Advocate for an 11 year old. A direct payment was agreed 5 months ago for a support worker so he "
            "can go swimming. The payments still haven't started.",
            "Payments started.",
            "Apology. Payments started within a week.",
            "The payment needed the family's bank details, which came last month.",
        ),
    ],
}

STAGE1_EXTENSION_REASONS = [
    "Complex: information needed from three services",
    "Advocate being arranged",
    "Complex: records needed from the previous local authority",
    "Complainant asked to meet the manager before the reply",
    "Complex: involves the fostering agency and the school",
    "Manager on leave; complainant agreed to wait",
    "Interpreter needed for the meeting with the complainant",
]

# Made-up names; none is a demo worker's. Young people get younger first names.
# fmt: off
YOUNG_FIRST = [
    "Tyler", "Kayla", "Jayden", "Amber", "Reece", "Keira", "Callum", "Shannon", "Dylan", "Paige", "Kai", "Tia",
    "Bailey", "Skye", "Leon", "Demi", "Jordan", "Courtney", "Brandon", "Chantelle", "Aaron", "Jade", "Liam", "Ryan",
    "Summer", "Kieran", "Lacey", "Mason", "Ellie", "Zain", "Amira", "Connor", "Leah", "Tyrese", "Maisie",
]
ADULT_FIRST = [
    "Donna", "Lisa", "Sarah", "Michelle", "Gemma", "Kerry", "Nicola", "Claire", "Tracey", "Joanne", "Darren", "Lee",
    "Craig", "Wayne", "Stuart", "Jason", "Ayesha", "Fatima", "Nasreen", "Imran", "Tariq", "Agnieszka", "Tomasz", "Olu",
    "Blessing", "Grace", "Mercy", "Hannah", "Karen", "Julie", "Sharon", "Dawn", "Angela", "Mandy", "Steve", "Gary",
    "Neil", "Kelly", "Zoe", "Leanne", "Shazia", "Bilal", "Marta", "Precious", "Femi", "Carol", "Pauline", "Brian",
    "Denise", "Yvonne",
]
SURNAMES = [
    "Walsh", "Parry", "Hughes", "Doyle", "Bennett", "Fletcher", "Marsh", "Holt", "Booth", "Sutton", "Riley", "Lowe",
    "Nolan", "Kaur", "Hussain", "Akhtar", "Kowalski", "Mensah", "Osei", "Brennan", "Dunn", "Pearce", "Rowe", "Tate",
    "Yates", "Cole", "Hale", "Frost", "Wade", "Mills", "Barker", "Platt", "Hurst", "Cairns", "Ahmed", "Iqbal",
    "Okonkwo", "Reilly", "Gallagher", "Finch", "Daly", "Stokes", "Harper", "Slater", "Mercer", "Lister", "Dyson",
    "Kemp", "Bolton",
]
# fmt: on
YOUNG_ROLES = {"child", "care-leaver"}
# How each kind of complainant tends to get in touch (weights).
CHANNELS = {
    "child": {"online": 4, "phone": 2, "in-person": 3, "email": 1},
    "care-leaver": {"online": 4, "phone": 3, "email": 2, "in-person": 1},
    "advocate": {"email": 6, "phone": 2, "letter": 1},
    "adult": {"email": 4, "online": 3, "phone": 3, "letter": 2, "in-person": 1},
}

# ---------------------------------------------------------------------------------------------------------------
# Working days in England
# ---------------------------------------------------------------------------------------------------------------

BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2015, 2020))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start`; the day of receipt is day 0."""
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


# ---------------------------------------------------------------------------------------------------------------
# Building the rows
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Complaint:
    team: str
    role: str
    channel: str
    stages: list[dict[str, str]]  # one CSV row per stage, without the complaint-level columns
    name: str = ""
    contact_method: str = ""
    email: str = ""
    phone: str = ""
    complaint_id: str = ""

    @property
    def first_received(self) -> date:
        return date.fromisoformat(self.stages[0]["received_on"])


class Contacts:
    """Names, email addresses and phone numbers: unique, fictional, and deterministic."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[str] = set()
        # 07700 900000-900999 is Ofcom's range reserved for drama: it never rings a real person.
        self.phones = iter(rng.sample(range(1000), 1000))

    def channel(self, role: str) -> str:
        weights = CHANNELS.get(role, CHANNELS["adult"])
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def fill(self, complaint: Complaint) -> None:
        rng = self.rng
        firsts = YOUNG_FIRST if complaint.role in YOUNG_ROLES else ADULT_FIRST
        while True:
            first, last = rng.choice(firsts), rng.choice(SURNAMES)
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        complaint.name = f"{first} {last}"
        local = re.sub(r"[^a-z]", "", first.lower()), re.sub(r"[^a-z]", "", last.lower())
        if complaint.role == "advocate":
            email = f"{local[0]}.{local[1]}@advocacy.example.org"
        elif complaint.role in YOUNG_ROLES:
            email = rng.choice([f"{local[0]}{rng.randint(1, 99)}@example.com", f"{local[0]}x{local[1]}@example.com"])
        else:
            email = rng.choice(
                [
                    f"{local[0]}.{local[1]}@example.com",
                    f"{local[0]}{local[1][0]}{rng.randint(60, 99)}@example.org",
                    f"{local[0][0]}{local[1]}@example.com",
                ]
            )
        phone = f"07700 900{next(self.phones):03d}"
        # What we hold follows how they got in touch; some gave us a second way too.
        if complaint.channel in ("email", "online"):
            complaint.contact_method, complaint.email = "email", email
            complaint.phone = phone if rng.random() < 0.4 else ""
        elif complaint.channel == "phone":
            complaint.contact_method, complaint.phone = "phone", phone
            complaint.email = email if rng.random() < 0.3 else ""
        elif complaint.channel == "letter":
            complaint.contact_method = "post"
            complaint.phone = phone if rng.random() < 0.5 else ""
        elif complaint.role == "child":
            # A child who came in person is reached through their social worker or carer.
            complaint.contact_method = "none"
        else:
            complaint.contact_method, complaint.phone = "phone", phone


def stage_row(stage: str, received: date, **values: object) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(stage=stage, received_on=received.isoformat())
    for key, value in values.items():
        row[key] = value.isoformat() if isinstance(value, date) else str(value or "")
    return row


def summary(outcome: str, fix: str, reason: str) -> str:
    if outcome == U:
        return f"Upheld. {fix}"
    if outcome == P:
        return f"Partially upheld. {fix} Not upheld: {reason}"
    return f"Not upheld. {reason}"


def build_chain(chain: Chain) -> Complaint:
    rows: list[dict[str, str]] = []
    previous_response: date | None = None
    for step in chain.steps:
        received = step.received if step.stage == "1" else add_working_days(previous_response, step.after)
        extras: dict[str, object] = {}
        if step.stage == "3":
            panel = add_working_days(received, step.panel)
            report = add_working_days(panel, step.report)
            responded = add_working_days(report, step.took)
            extras = {"panel_on": panel, "report_on": report}
        else:
            responded = add_working_days(received, step.took)
        if step.extended_to:
            extras |= {
                "extended_to": add_working_days(received, step.extended_to),
                "extension_reason": step.extension_reason,
            }
        rows.append(
            stage_row(
                step.stage,
                received,
                outcome=step.outcome,
                learning=step.learning,
                responded_on=responded,
                what_happened=step.what,
                wanted_outcome=step.wanted,
                response_summary=step.response,
                **extras,
            )
        )
        previous_response = responded
    return Complaint(chain.team, chain.role, chain.channel, rows)


def received_dates(rng: random.Random, year: int, count: int) -> list[date]:
    """`count` working days spread at random over the financial year."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    days = []
    for _ in range(count):
        day = start + timedelta(days=rng.randrange((end - start).days + 1))
        while not is_working_day(day):
            day += timedelta(days=1)
        while day > end or not is_working_day(day):
            day -= timedelta(days=1)
        days.append(day)
    return sorted(days)


def assign_learning(rng: random.Random, slots: list[tuple[str, str]], quota: dict[str, int]) -> list[str]:
    """A learning category per slot, hitting `quota` exactly, using only categories the slot has texts for."""
    order = list(range(len(slots)))
    rng.shuffle(order)
    result = dict.fromkeys(order[: quota.get("", 0)], "")
    remaining = {key: count for key, count in quota.items() if key}
    options = {i: {text[0] for text in TEXTS[slots[i]]} for i in order}
    # The slots with fewest options choose first, so the flexible ones can absorb what is left.
    for i in sorted((i for i in order if i not in result), key=lambda i: len(options[i])):
        choices = [key for key in (PC, D, FA) if key in options[i] and remaining[key] > 0]
        if not choices:
            sys.exit(f"cannot place learning for {slots[i]}; remaining {remaining}")
        pick = rng.choices(choices, weights=[remaining[key] for key in choices])[0]
        remaining[pick] -= 1
        result[i] = pick
    return [result[i] for i in range(len(slots))]


def build_stage1_only(
    rng: random.Random, year: int, chains: list[Complaint], contacts: Contacts, text_use: Counter
) -> list[Complaint]:
    """The year's stage 1 complaints that went no further: whatever the figures need beyond the chains."""
    figures = FIGURES[year]
    chain_stage1 = [
        (c, c.stages[0]) for c in chains if financial_year(date.fromisoformat(c.stages[0]["received_on"])) == year
    ]

    slots: list[tuple[str, str]] = []
    for team, count in figures.stage1_by_team.items():
        roles = Counter(figures.stage1_roles[team])
        roles.subtract(c.role for c, _ in chain_stage1 if c.team == team)
        assert sum(roles.values()) == count - sum(1 for c, _ in chain_stage1 if c.team == team), team
        assert min(roles.values(), default=0) >= 0, (team, roles)
        slots += [(team, role) for role in sorted(roles.elements())]
    rng.shuffle(slots)

    def left(totals: dict[str, int], key: str) -> Counter:
        counter = Counter(totals)
        counter.subtract(row[key] for _, row in chain_stage1)
        return counter

    learning = assign_learning(rng, slots, left(figures.stage1_learning, "learning"))
    outcomes = list(left(figures.stage1_outcomes, "outcome").elements())
    rng.shuffle(outcomes)

    # Timeliness: on time, extended (and answered within the extension), or simply late.
    chain_late = [row for _, row in chain_stage1 if row["responded_on"] > due_date(row).isoformat()]
    late_total = len(slots) + len(chain_stage1) - figures.stage1_on_time
    extended = figures.stage1_extended - sum(1 for row in chain_late if row["extended_to"])
    plain_late = late_total - len(chain_late) - extended
    timing = ["extended"] * extended + ["late"] * plain_late
    timing += ["on time"] * (len(slots) - len(timing))
    rng.shuffle(timing)

    complaints = []
    for (team, role), learn, outcome, when, received in zip(
        slots, learning, outcomes, timing, received_dates(rng, year, len(slots)), strict=True
    ):
        pool = [t for t in TEXTS[(team, role)] if not learn or t[0] == learn]
        text = min(pool, key=lambda t: (text_use[t[1]], rng.random()))
        text_use[text[1]] += 1
        extras: dict[str, object] = {}
        if when == "on time":
            took = rng.choice([3, 5, 6, 7, 8, 8, 9, 9, 10, 10])
        elif when == "extended":
            limit = rng.randint(15, STAGE1_MAX)
            took = rng.randint(STAGE1_DUE + 1, limit)
            extras = {
                "extended_to": add_working_days(received, limit),
                "extension_reason": rng.choice(STAGE1_EXTENSION_REASONS),
            }
        else:
            took = rng.randint(STAGE1_DUE + 1, 28)
        row = stage_row(
            "1",
            received,
            outcome=outcome,
            learning=learn,
            responded_on=add_working_days(received, took),
            what_happened=text[1],
            wanted_outcome=text[2],
            response_summary=summary(outcome, text[3], text[4]),
            **extras,
        )
        complaint = Complaint(team, role, contacts.channel(role), [row])
        contacts.fill(complaint)
        complaints.append(complaint)
    return complaints


def due_date(row: dict[str, str]) -> date:
    return add_working_days(date.fromisoformat(row["received_on"]), STAGE1_DUE)


def label_for(rng_labels: dict[str, list[str]], complaint: Complaint, row: dict[str, str]) -> str:
    year = financial_year(date.fromisoformat(row["received_on"]))
    if year == 2017 and row["stage"] == "1" and complaint.team in rng_labels:
        return rng_labels[complaint.team].pop()
    if year == 2017 and row["stage"] == "2" and complaint.team in STAGE2_LABELS_2017:
        return STAGE2_LABELS_2017[complaint.team]
    return LABELS[complaint.team][0]


def build(rng: random.Random) -> list[dict[str, str]]:
    contacts = Contacts(rng)
    chains = [build_chain(chain) for chain in CHAINS]
    for complaint in chains:
        contacts.fill(complaint)
    text_use: Counter = Counter()
    complaints = chains + [c for year in (2017, 2016) for c in build_stage1_only(rng, year, chains, contacts, text_use)]

    # Ids: HIST-<year the complaint started>-<number in order of receipt>.
    complaints.sort(key=lambda c: (c.first_received, TEAMS.index(c.team), c.role, c.stages[0]["what_happened"]))
    numbers: Counter = Counter()
    for complaint in complaints:
        year = financial_year(complaint.first_received)
        numbers[year] += 1
        complaint.complaint_id = f"HIST-{year}-{numbers[year]:04d}"

    # The report's label variants, dealt out at random among that team's 2017/18 stage 1s.
    variant_labels = {}
    for team, labels in STAGE1_LABELS_2017.items():
        deck = [label for label, count in labels.items() for _ in range(count)]
        rng.shuffle(deck)
        variant_labels[team] = deck

    rows = []
    for complaint in complaints:
        for row in complaint.stages:
            row = dict(row)
            row.update(
                complaint_id=complaint.complaint_id,
                team=label_for(variant_labels, complaint, row),
                complainant_role=complaint.role,
                channel=complaint.channel,
                complainant_name=complaint.name,
                contact_method=complaint.contact_method,
                email=complaint.email,
                phone=complaint.phone,
            )
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Checking every figure, from the rows alone
# ---------------------------------------------------------------------------------------------------------------

LABEL_TO_TEAM = {label: team for team, labels in LABELS.items() for label in labels}
STAGES = ("1", "2", "3", "ombudsman")
Row = dict[str, str]


def day(value: str) -> date:
    return date.fromisoformat(value)


def team_of(row: Row) -> str:
    return LABEL_TO_TEAM[row["team"]]


def check_row(row: Row) -> None:
    """Allowed values, working days, and each stage's own statutory limits."""
    assert list(row) == COLUMNS
    assert re.fullmatch(r"HIST-20(15|16|17)-\d{4}", row["complaint_id"]), row["complaint_id"]
    assert row["team"] in LABEL_TO_TEAM, row["team"]
    assert row["stage"] in STAGES
    assert row["outcome"] in (U, P, N)
    assert row["learning"] in ("", PC, D, FA)
    assert row["channel"] in ("email", "phone", "letter", "online", "in-person")
    assert row["contact_method"] in ("email", "phone", "post", "none")
    assert not row["email"] or re.fullmatch(r"[a-z0-9.]+@([a-z]+\.)?example\.(com|org)", row["email"])
    assert not row["phone"] or re.fullmatch(r"07700 900\d{3}", row["phone"])
    assert row["what_happened"] and row["wanted_outcome"] and row["response_summary"]
    received, responded = day(row["received_on"]), day(row["responded_on"])  # every stage is closed
    for column in ("received_on", "responded_on", "extended_to", "panel_on", "report_on"):
        assert not row[column] or is_working_day(day(row[column])), (row["complaint_id"], column)
    assert received <= responded
    assert received <= HISTORY_ENDS, "nothing is received after the report's year"
    assert bool(row["extended_to"]) == bool(row["extension_reason"])
    if row["extended_to"]:
        due, longest = {"1": (STAGE1_DUE, STAGE1_MAX), "2": (STAGE2_DUE, STAGE2_MAX)}[row["stage"]]
        extended_to = day(row["extended_to"])
        assert add_working_days(received, due) < extended_to <= add_working_days(received, longest)
        assert responded <= extended_to, "an extension is met"
    if row["stage"] == "3":
        panel, report = day(row["panel_on"]), day(row["report_on"])
        assert received < panel <= add_working_days(received, PANEL_WITHIN)
        assert panel <= report <= add_working_days(panel, REPORT_WITHIN)
        assert report <= responded <= add_working_days(report, STAGE3_RESPONSE_WITHIN)
    else:
        assert not row["panel_on"] and not row["report_on"]


def check_complaint(complaint_id: str, stages: list[Row]) -> None:
    """Stages in order from 1, one team and one complainant, each stage asked for in time."""
    assert [r["stage"] for r in stages] == list(STAGES[: len(stages)]), complaint_id
    assert len({team_of(r) for r in stages}) == 1, complaint_id
    for column in ("complainant_role", "channel", "complainant_name", "contact_method", "email", "phone"):
        assert len({r[column] for r in stages}) == 1, (complaint_id, column)
    first_year = financial_year(day(stages[0]["received_on"]))
    assert complaint_id.startswith(f"HIST-{first_year}-")
    # 2015/16 holds only what the chains need: complaints that reach a 2016/17 stage.
    assert first_year > 2015 or any(financial_year(day(r["received_on"])) == 2016 for r in stages)
    for earlier, later in zip(stages, stages[1:], strict=False):
        assert day(earlier["responded_on"]) < day(later["received_on"]), complaint_id
        if later["stage"] != "ombudsman":
            assert day(later["received_on"]) <= add_working_days(day(earlier["responded_on"]), ASK_WITHIN)
        assert earlier["outcome"] != U, f"{complaint_id}: an upheld stage is not escalated"
    for row in stages:
        # After 31 March 2018 only the report year's own stages have dates (responses, extensions).
        if any(row[c] and day(row[c]) > HISTORY_ENDS for c in ("responded_on", "extended_to")):
            assert financial_year(day(row["received_on"])) == 2017, complaint_id


def check_year(year: int, figures: YearFigures, stage_rows: dict[str, list[Row]]) -> list[str]:
    """One financial year's figures; returns its lines of the summary."""
    s1, s2, s3, omb = (stage_rows[stage] for stage in STAGES)

    def teams(found: list[Row]) -> Counter:
        return Counter(team_of(r) for r in found)

    def outcomes(found: list[Row]) -> Counter:
        return Counter(r["outcome"] for r in found)

    assert teams(s1) == Counter(figures.stage1_by_team), (year, teams(s1))
    assert outcomes(s1) == Counter(figures.stage1_outcomes)
    learning = Counter(r["learning"] for r in s1)
    assert learning == Counter(figures.stage1_learning)
    for team, roles in figures.stage1_roles.items():
        found = Counter(r["complainant_role"] for r in s1 if team_of(r) == team)
        assert found == Counter(roles), (year, team, found)
    on_time = [r for r in s1 if day(r["responded_on"]) <= due_date(r)]
    extended = [r for r in s1 if r["extended_to"] and day(r["responded_on"]) > due_date(r)]
    assert len(on_time) == figures.stage1_on_time, (year, len(on_time))
    assert len(extended) == figures.stage1_extended, (year, len(extended))
    assert teams(s2) == Counter(figures.stage2_by_team), (year, teams(s2))
    assert outcomes(s2) == Counter(figures.stage2_outcomes)
    assert teams(s3) == Counter(figures.stage3_by_team), (year, teams(s3))
    assert outcomes(s3) == Counter(figures.stage3_outcomes)
    assert teams(omb) == Counter(figures.ombudsman_by_team), (year, teams(omb))
    assert outcomes(omb) == Counter(figures.ombudsman_outcomes)

    lac = sum(n for team, n in teams(s1).items() if team in LAC_TEAMS)
    by_outcome = outcomes(s1)
    return [
        f"{year_label(year)}: stage 1 {len(s1)} (LAC {lac}, {lac / len(s1):.0%}); upheld {by_outcome[U]}, "
        f"partially {by_outcome[P]}, not {by_outcome[N]}; within 10 working days {len(on_time)}, "
        f"extended {len(extended)}, late {len(s1) - len(on_time) - len(extended)}",
        f"    learning: poor communication {learning[PC]}, delays {learning[D]}, failure to act {learning[FA]}, "
        f"none {learning['']}",
        f"    stage 2 {len(s2)} {dict(teams(s2))} {dict(outcomes(s2))}",
        f"    stage 3 {len(s3)} {dict(teams(s3))} {dict(outcomes(s3))}; Ombudsman {len(omb)} {dict(teams(omb))}",
    ]


def check_report_year_sources(by_year: dict[int, dict[str, list[Row]]], by_complaint: dict[str, list[Row]]) -> None:
    """2017/18 in detail: the report's label variants, and where each escalation came from."""

    def year_of_previous(row: Row) -> int:
        stages = by_complaint[row["complaint_id"]]
        return financial_year(day(stages[stages.index(row) - 1]["received_on"]))

    report_year = by_year[2017]
    for team, labels in STAGE1_LABELS_2017.items():
        assert Counter(r["team"] for r in report_year["1"] if team_of(r) == team) == Counter(labels)
    for row in report_year["2"]:
        assert year_of_previous(row) == 2017, "a 2017/18 stage 2 escalates a 2017/18 stage 1"
        assert row["team"] == STAGE2_LABELS_2017.get(team_of(row), row["team"])
    for row in report_year["3"]:
        assert year_of_previous(row) == 2016 and day(row["received_on"]).month in (4, 5)
    for row in report_year["ombudsman"]:
        assert year_of_previous(row) == 2016 and team_of(row) not in LAC_TEAMS
    for row in by_year[2016]["2"]:
        assert year_of_previous(row) in (2015, 2016)


def verify(rows: list[Row]) -> list[str]:
    """Assert every published and illustrative figure from the rows alone; return the summary to print."""
    by_complaint: dict[str, list[Row]] = defaultdict(list)
    by_year: dict[int, dict[str, list[Row]]] = defaultdict(lambda: {stage: [] for stage in STAGES})
    for row in rows:
        check_row(row)
        by_complaint[row["complaint_id"]].append(row)
        by_year[financial_year(day(row["received_on"]))][row["stage"]].append(row)
    for complaint_id, stages in by_complaint.items():
        check_complaint(complaint_id, stages)
    assert set(by_year) == {2015, *FIGURES}
    lines = []
    for year, figures in FIGURES.items():
        lines += check_year(year, figures, by_year[year])
    check_report_year_sources(by_year, by_complaint)

    texts = Counter(r["what_happened"] for r in rows)
    lines.append(
        f"{len(by_complaint)} complaints, {len(rows)} stage rows, {len(texts)} different texts "
        f"(most used {max(texts.values())} times); 2015/16: {len(by_year[2015]['1'])} stage 1 "
        f"(the chain behind a 2016/17 stage 3)"
    )
    return lines


def main() -> None:
    rows = build(random.Random(2018))
    summary_lines = verify(rows)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"Wrote {OUTPUT.name}: all figures verified.")
    print("\n".join(summary_lines))


if __name__ == "__main__":
    main()
