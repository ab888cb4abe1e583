"""Where and how the job is done: its locations and its work mode (remote, hybrid, on-site)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from .layout import JOB_NOUNS
from .scan import Regex, Scan, keywords, keywords_as_written, longest

__all__ = ["currency_of_place", "dollar_of", "dollar_of_head", "read_locations", "read_work_mode"]

# regions a board writes right after "Remote": "London / Remote UK", "Remote US"
_REGIONS = "(?:UK|US|USA|EU|EMEA|APAC|LATAM|ANZ|Europe|Canada|Ireland|Germany|India|Australia)"
# (each opens with a look at its first character, so that ``re`` turns most positions away at once)
_REMOTE_RE = Regex(
    r"(?=[frwtl1(oblhvpjiacm])"
    r"\b(?:fully remote|remote[-‐‑ ]first|100% remote|remote[-‐‑ ]friendly|fully distributed|fully virtual|"
    # ("This position works remotely", "Work full-time, remotely on the East Coast")
    # (not a perk: "Work from home flexibility")
    r"work(?:s|ing)? (?:full[- ]time,?\s{1,3})?(?:from home(?!\s{1,3}(?:flexibility|options?|allowance|stipend|policy|"
    r"days?|benefits?)\b)|(?:independently and |autonomously and )?remotely)|"
    # ("Ability to work from almost anywhere"; not a perk's weeks: "Work from anywhere (up to 3 weeks per year)")
    r"work(?:ing)? from (?:almost )?anywhere(?![^.\n]{0,5}up to\b)|"
    r"work(?:ing)? from the comfort of (?:your|their) (?:own )?home|"
    # ("This role is fully virtual", "Given the remote nature of this position", "Full-time remote")
    r"(?:role|position|job) is (?:fully |100% )?virtual\b|remote nature of (?:this|the) (?:role|position|job)\b|"
    # ("This role is remote.", "The position will be part-time and remote")
    r"(?:role|position|job) (?:is|will be) (?:(?:full|part)[- ]?time,?\s{1,3}(?:and\s{1,3})?)?"
    r"(?:fully |100% |entirely |completely )?remote\b(?![- ](?:friendly|eligible|first|from)\b)|"
    r"(?:full|part)[- ]?time[ ,/]{1,2}remote\b|"
    # (not a perk: "WFH flexibility once you're settled in")
    r"wfh(?!\s{1,3}(?:flexibility|allowance|stipend|options?|policy|equipment|setup))|"
    # ("Home-based, UK", "this role is home based"; not the care or business done at home)
    r"home[- ]based\b(?![- ](?:care|services?|support|nursing|health|healthcare|therapy|business|programs?|"
    r"programmes?|visits?|patients?|clients?|model|learning|education|settings?|workers?))|"
    # ("much of our work is conducted remotely", "This position can be performed remotely from anywhere")
    r"(?:operate|based|located|(?:is|are|can be|may be) (?:conducted|done|performed|worked)) remotely|"
    # (a board's "Location: Anywhere")
    r"location\s{0,3}:\s{0,3}anywhere\b|"
    # ("This is a virtual position", "As a virtual employee, you…")
    r"(?<=a )virtual (?:position|role|job|employee|opportunity)|"
    # ("based in Warsaw and remotely")
    r"(?:based|located|working) in (?-i:[A-Z][\w-]{1,30})(?: (?-i:[A-Z][\w-]{1,30}))? (?:and|or) remotely|"
    r"telecommut\w{0,20}|"
    # ("This is a remote part-time role")
    r"remote (?:(?:full|part)[- ]?time )?(?:role|position|job|working(?! (?:opportunit|options?|possibilit))|"
    r"opportunity|within|from|in|across|only|anywhere|"
    r"contract|basis|assignment|engagement)|"
    # (nor "Remote working opportunities and equipment")
    r"remote work(?!ers?\b)"
    r"(?!(?:ing)? (?:opportunit|option|days?\b|allowance|stipend|budget|flexibility|policy|benefit))|"
    # (and a board's middle dot or bullet: "Remote · Full-time")
    r"remote\s{0,3}(?:\(|-|–|—|,|/|\||·|•)|remote\s{0,3}:[ \t*]{0,3}(?:\n[ \t]{0,3}){0,2}yes\b|remote (?:ok|okay)\b|"
    # a region after it, as boards write it: "London / Remote UK", "Remote US" (not "remote IT support")
    rf"remote[ \t]{{1,3}}(?-i:{_REGIONS})\b|"
    r"remote with (?:occasional|some|periodic|quarterly|monthly|limited) (?:travel|visits|trips)|"
    # ("We are open to remote employees", "remote candidates welcome")
    r"(?<=open to )remote (?:employees|candidates|applicants|workers|work(?:ing)?)\b|"
    r"remote (?:candidates|applicants) (?:are )?(?:welcome|considered)\b|"
    # ("thrive in a remote environment", "work in a fully remote team")
    r"(?<=in a )(?:fully |100% )?remote (?:work )?(?:environment|setting|team|company|organi[sz]ation)|"
    # ("LOCATION -- Virtual, Ohio")
    r"(?:work arrangement|workplace|location|work mode|type|working)\s{0,3}(?:[*:]{1,6}|-{1,2}|–|—)\s{0,3}"
    r"(?:remote|virtual)|(?<=\()remote\)|"
    r"remote\s{0,3}$|"
    # (remote as the other choice: "Position is hybrid/remote", "hybrid or remote")
    r"(?<=hybrid/)remote\b|(?<=hybrid or )remote\b)",
    re.I | re.M,
)
# "remote work is not available", "Remote: No": a mode named only to be ruled out, after it
_NEGATED_AFTER_RE = Regex(
    # (and an applicant tracker's "Remote Worker Option No")
    r"\s{0,3}(?:(?:workers?\s{1,3})?option\s{0,3}:?\s{0,3}no\b|"
    # (a form's question answered no: "Remote Position? No", "Hybrid Work Eligible : No")
    r"(?:(?:work|working|position|role|job|eligible|eligibility|available|allowed)\s{0,3}){0,3}[?:]\s{0,3}(?:\n\s{0,3}){0,2}"
    r"(?:no|not|ineligible|not eligible)\b|(?:is|are|will be)\s{1,3}not\b|isn'?t\b|(?:is|are)\s{1,3}unavailable\b|"
    r"not\s{1,3}(?:available|possible|offered|an option|permitted)\b)",
    re.I,
)
# "not a remote role", "no remote work": a mode named only to be ruled out
_NEGATED_MODE_RE = Regex(
    # (and glued to the line before: "…in the United StatesNot a remote position")
    r"(?:\b|(?-i:(?<=[a-z])(?=N)))(?:not|no|non|isn'?t|cannot|can'?t)\b[\s-]{1,3}"
    r"(?:an?\s{1,3}|a\s{1,3}fully\s{1,3}|fully\s{1,3})?$|"
    # ("NO COMPANIES OR REMOTE WORKERS")
    r"\bno\s{1,3}[\w-]{1,20}\s{1,3}or\s{1,3}$|"
    # ("This role is not eligible for remote work", "not suitable for remote working")
    r"\b(?:not\s{1,3}(?:eligible|suitable|open|available|approved)|ineligible|unsuitable)\s{1,3}(?:for|to)\s{1,3}$|"
    # (the other of two ruled out: "This is not a hybrid or work from home position")
    r"\bnot\s{1,3}an?\s{1,3}[\w-]{1,20}\s{1,3}(?:or|nor)\s{1,3}$|"
    # ("This position does not offer hybrid remote/in person work", "does not offer any virtual or telecommute…")
    r"\b(?:does|do|will|can)\s{1,3}not\s{1,3}(?:offer|provide|allow|permit|support|include)\s{1,3}(?:any\s{1,3})?"
    r"(?:[\w-]{1,20}\s{1,3}(?:(?:or|and|/)\s{1,3})?)?$",
    re.I,
)
_COMPANY_KIND_RE = Regex(r"remote[- ](?:first|friendly)", re.I)
# a mode ruled out further back: "this is not a full-time telework position or approved as a remote work position"
_NEGATED_FURTHER_RE = Regex(
    r"\bnot\b[^.;\n]{0,50}\b(?:or|nor)\s{1,3}(?:approved|designated|considered|eligible)\s{1,3}(?:as|for)\s{1,3}"
    r"(?:an?\s{1,3})?$",
    re.I,
)
# remote work offered now and then, beside the job's own place: "the occasional opportunity to work
# from home", "the option to work remotely on Fridays"
_REMOTE_CONTEXT_RE = Regex(
    # ("additional remote work for nights and weekend coverage", "Experience with remote work")
    r"\b(?:occasional|odd|ad[- ]hoc|opportunit(?:y|ies) to|options? to|flexibility to|chance to|some|through|"
    r"additional|experience\s{1,3}(?:with|in))\s{1,3}"
    r"(?:\w+\s{1,3})?$|"
    # (or one of the ways an employer's people work: "a variety of workplaces, including fully
    # office-based, fully remote, or hybrid")
    r"\b(?:office[- ]based|on[- ]?site|in[- ]office),\s{1,3}$|"
    # (or a perk's kind: "Commuter Benefits (Bay Area)/Commute and Workspace Benefits (Remote)")
    r"\b(?:benefits?|stipends?|allowances?|perks?)\s{0,3}\(\s{0,3}$|"
    # (or what the employer's people do at large: "many of our associates are continuing to work remotely")
    r"\b(?:associates|employees|colleagues|staff|people|team members)\s{1,3}(?:are\s{1,3})?"
    r"(?:(?:continuing|continue|currently|now)\s{1,3})?(?:to\s{1,3})?$",
    re.I,
)
_HYBRID_RE = Regex(
    # (also glued to the next label by scraping: "Work Location: HybridPay: $30/hour")
    # (a model of working, not of machine learning: "We operate a hybrid model: Tuesdays to Thursdays…")
    # (and glued to the label before it: "Type of PositionHybrid with 50-70% travel", "Benefits includeHybrid working")
    r"(?:\b|(?-i:(?<=[a-z])(?=H)))hybrid(?-i:(?![a-z\d_]))(?!\s{1,3}(?:cloud|clouds|models?(?!\s{0,3}(?::|of\s{1,3}(?:[\w-]{1,15}\s{1,3}){0,3}work|from\b|with\s{1,3}(?:[\w-]{1,15}\s{1,3}){0,2}(?:days?|office)\b))|app|apps|mobile|search|"
    r"approach(?!\s{1,3}to\s{1,3}work)|architectures?|environments?|"
    r"infrastructure|it|systems?|networks?|solutions?|deployments?|setups?|vehicles?|car|cars|engines?|"
    # (a kind of software: "Experience with hybrid Frontend frameworks")
    r"(?:[\w-]{1,20}\s{1,3})?frameworks?|"
    # (a perk's options: "schedules with hybrid and virtual options")
    r"(?:and\s{1,3}virtual\s{1,3})?options?|"
    # (a method of science: "hybrid physics-ML models", "hybrid modeling frameworks")
    r"modell?ing|methods?|algorithms?|physics|ml|ai|quantum|simulations?|"
    # (a room a hospital equips so: "a hybrid Interventional theatre", "hybrid operating rooms")
    r"interventional|theat(?:re|er)s?|operating|suites?|labs?|imaging|rooms?|"
    r"(?:and|or|/)\s{1,3}multi[- ]?cloud|"
    # (software that joins systems: "Hybrid Integration Platforms", "hybrid workloads")
    r"integrations?|platforms?|workloads?|storage|databases?|production|structures?|materials?|"
    # (a mix of other things: "virtually, in-person, or a hybrid of the two")
    r"of\s{1,3}(?:the\s{1,3})?(?:two|both))\b)",
    re.I,
)
# (or so many times a week or a month: "Office Schedule: in office 1x a week")
_TIMES_A_PERIOD_RE = Regex(
    r"\b(?:in (?:the|our) office|on[- ]?site|in[- ]office|remote(?:ly)?|from home|wfh)\s{1,3}"
    r"(?:[1-4]\s?x|once|twice|three times|four times)\s{1,3}(?:a|per|each|every)\s{1,3}week\b|"
    # (or a month, the office named between: "work onsite at our offices in Berlin at least 3 to 4 times a month")
    r"\b(?:on[- ]?site|in[- ]office|in (?:the|our) offices?)[^.\n]{0,50}?"
    # (a month's visits more than one: "meetings in the office once a month" are no split week)
    r"\b(?:(?:[1-8](?:\s{0,3}(?:to|-|or)\s{0,3}[2-9])?\s{1,3}times|once|twice)\s{1,3}(?:a|per|each|every)\s{1,3}week|"
    r"(?:[2-8](?:\s{0,3}(?:to|-|or)\s{0,3}[3-9])?\s{1,3}times|twice)\s{1,3}(?:a|per|each|every)\s{1,3}month)\b",
    re.I,
)
_PERIOD_KEYWORDS = keywords("week", "month")
# the ways of working a role offers, remote among them: "This role offers in-office, hybrid (blending at
# least three office days in a typical workweek), and remote work arrangements"
_MODES_OFFERED_RE = Regex(
    r"\b(?:role|position|job)\s{1,3}(?:offers|allows)\s{1,3}(?:an?\s{1,3})?(?:in[- ]office|on[- ]?site|office[- ]based)"
    r"\s{0,3},\s{0,3}hybrid\b[^.\n]{0,100}?\b(?:and|or)\s{1,3}(?:fully\s{1,3})?remote\b",
    re.I,
)
_OFFERED_KEYWORDS = keywords("offers", "allows")
# a board's label of the job's mode, its value a mode alone on the line: "Workplace type: Remote",
# "Work model: Hybrid", "Work Location: In person"; not a place ("Location: Boston"), nor what a mode
# is said of ("Remote: No")
_MODE_LABEL_RE = Regex(
    r"^[ \t*•-]{0,6}(?:workplace(?:[ \t]{1,3}type)?|work(?:place)?[ \t]{1,3}(?:mode|model|type|arrangement|style|"
    r"format|setting|location(?:[ \t]{1,3}type)?)|working[ \t]{1,3}(?:mode|model|arrangement|pattern)|"
    r"location[ \t]{1,3}type|remote[ \t]{1,3}status)[ \t]{0,3}(?:[*:|]{1,6}|-{1,2}|–|—)[ \t*]{0,3}(?:\n[ \t]{0,3}){0,2}"
    r"(?P<mode>(?:fully[ \t]{1,3}|100[ \t]?%[ \t]{0,3})?remote|hybrid(?:[ \t]{1,3}remote)?|on[- ]?site|in[- ]office|"
    r"in[- ]person|office[- ]based)(?:[ \t]{1,3}in[ \t]{1,3}[^\n]{1,60})?[ \t*.]{0,3}$",
    re.I | re.M,
)
_MODE_LABEL_KEYWORDS = keywords("workplace", "work ", "working", "location type", "remote status")
_HYBRID_CONTEXT_RE = Regex(
    r"(?:public|private|on[- ]?prem\w*|cloud|multi-cloud)\s{0,3}(?:,|/|\band\b|\bor\b)\s{0,3}$|"
    # hybrid as the other choice to remote work, which is then offered: "Remote within Norway or hybrid from Oslo"
    r"\bremote\b[^.;:\n]{0,30}\bor\s{1,3}$|"
    # (a perk's chance of it: "Opportunity for hybrid work schedule")
    r"opportunit(?:y|ies)\s{1,3}(?:for|of)\s{1,3}(?:an?\s{1,3})?$",
    re.I,
)
# (or before it: "Hybrid or remote", "hybrid/remote"; nor a policy for others: "a hybrid work
# model for most positions")
_HYBRID_AFTER_RE = Regex(
    r"\s{0,3}(?:or|/)\s{0,3}(?:fully\s{1,3}|100%\s{0,3})?remote\b|"
    r"(?:\s{1,3}[\w-]{1,20}){0,3}\s{1,3}for\s{1,3}(?:most|many|some|certain|eligible|select)\s{1,3}"
    r"(?:positions|roles|employees|jobs|staff|team members)\b|"
    # (or a perk's hedge: "Hybrid work model (when applicable)")
    r"(?:\s{1,3}[\w-]{1,20}){0,3}\s{0,3}\(?\s{0,3}(?:when|where|if)\s{1,3}(?:applicable|eligible|possible)\b|"
    # (or a perk's list: "Hybrid/ flexible schedule opportunities.")
    r"\s{0,3}/\s{0,3}flexible\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}(?:opportunities|options)\b",
    re.I,
)
# a working week split between home and office: "remotely two days a week", "3 days in the office"
_SPLIT_WEEK_RE = Regex(
    # (a part of the week: one to four days, "on-site 5 days a week" is no split)
    # (and the US government's "Telework eligible: Yes, up to 2 days per week", "Yes—up to 3 days per week")
    # ("required to go into the office 2-3 days weekly")
    # ("with optional remote work for three days a week")
    r"(?=[rfiot1-4whma])(?:\b(?:remote(?:ly|\s{1,3}work(?:ing)?)?|from home|in(?:to)? (?:the|our) office|on[- ]?site|"
    r"in[- ]office|wfh|wfo|telework(?:ing)?(?:\s{1,3}eligible(?:\s{0,3}:?\s{0,3}yes)?\s{0,3}[,;.-]?)?)"
    r"(?:\s{1,3}|(?<=[Yy]es)\s{0,3}[—–]\s{0,3})(?:for\s{1,3})?(?:up to\s{1,3}|at least\s{1,3})?"
    r"(?:[1-4]|one|two|three|four|a few|a couple of)(?:\s{0,3}(?:-|–|to|or)\s{0,3}(?:[2-4]|two|three|four))?"
    r"\s{1,3}days?(?:\s{1,3}(?:a|per|each|every)\s{1,3}week|\s{0,3}/\s{0,3}week|\s{1,3}weekly\b)|"
    # ("A few days at home", "one work-from-home day each week", "2 days of home office per week")
    r"\b(?:[1-4]|one|two|three|four|a few|a couple of)\s{1,3}days?\s{1,3}(?:(?:a|per) week\s{1,3})?at home\b|"
    # ("eligible for telework, which is currently available one day per week")
    r"\btelework\w{0,4}[^.\n]{0,40}?\b(?:[1-4]|one|two|three|four)\s{1,3}days?\s{1,3}(?:a|per|each|every)\s{1,3}week|"
    r"\b(?:[1-4]|one|two|a)\s{1,3}(?:work[- ]from[- ]home|wfh|remote|home[- ]office)\s{1,3}days?\s{1,3}"
    r"(?:a|per|each|every)\s{1,3}week|"
    # (also "2 days/week from home")
    r"\b(?:[1-4]|one|two|three|four)\s{1,3}days?(?:\s{1,3}(?:a|per) week|\s{0,3}/\s{0,3}week)?\s{1,3}"
    # (not a new starter's days there: "two days on-site induction")
    # (or a named office: "Flexibility: 3 days/week in Central London office, remote otherwise")
    r"(?:in (?:(?:the|our)\s{1,3})?(?:(?-i:[A-Z][\w-]{1,20})\s{1,3}){0,3}office|on[- ]?site|in[- ]office|"
    r"(?:working\s{1,3})?(?:from home|remote(?:ly)?)|wfh\b|wfo\b|"
    r"(?:of\s{1,3})?home[- ]office\b)(?!\s{1,3}(?:induction|training|orientation|onboarding)\b)|"
    # (a few words between: "Home working is available 2 days per week")
    r"\b(?:home[- ]working|working from home|remote working|wfh)\b[^.\n]{0,30}?"
    r"\b(?:[1-4]|one|two|three|four)\s{1,3}days?\s{1,3}(?:a|per|each|every)\s{1,3}week|"
    # ("Chancery Lane (3 office days/week)")
    r"\b(?:[1-4]|one|two|three|four)\s{1,3}(?:office|in-office|onsite|on-site)\s{1,3}days?"
    r"(?:\s{1,3}(?:a|per|each) week|\s{0,3}/\s{0,3}week)|"
    # a day of the week at home: "work-from-home Wednesdays", "WFH Fridays", "remote Mondays and Fridays"
    # ("… Monday-Thursday each week with remote work on Fridays")
    r"\b(?:(?:work(?:ing)?[- ])?from[- ]home|wfh|remote(?:\s{1,3}work(?:ing)?)?|home[- ]working)\s{1,3}(?:on\s{1,3})?"
    r"(?:mon|tues|wednes|thurs|fri)days?\b(?!\s{0,3}(?:-|–|to|through|thru)\s{0,3}(?:mon|tues|wednes|thurs|fri))|"
    # (the rest of the week: "in office Tuesday to Thursday and remotely the other two")
    r"\bremote(?:ly)?\s{1,3}(?:for\s{1,3})?the\s{1,3}(?:other|remaining)\s{1,3}(?:two|three|[23])\b|"
    # (or after it: "in-office Monday through Thursday with Fridays remote")
    r"\b(?:mon|tues|wednes|thurs|fri)days?\s{1,3}(?:remote(?:ly)?|from home|wfh|at home)\b)",
    re.I,
)
# a job done partly from home: "part remote and part in-person", "partially remote", "a mix of remote
# and in-office work" (each holds "remote": the text is searched near that word only)
_PART_REMOTE_RE = Regex(
    r"\b(?:part|partly|partially|semi)[- ]remote(?:ly)?\b|"
    # ("based in the Cincinnati area, with flexibility for some remote work")
    r"\b(?:flexibility|option|ability)\s{1,3}(?:for|of|to\s{1,3}do)\s{1,3}some\s{1,3}remote\s{1,3}work|"
    # ("a mix between office and remote work")
    r"\bmix(?:ture)? (?:of|between) remote and (?:in[- ]?office|on[- ]?site|office|in[- ]person)\b|"
    r"\bmix(?:ture)? (?:of|between) (?:in[- ]?office|on[- ]?site|office|in[- ]person) and remote\b",
    re.I,
)
# a share of the time in the office, short of all of it: "at least 50% of their time in our offices",
# "60% of all work to be performed on site", "60% in office" (not "100% in office", nor a perk after
# a figure: "a bonus of up to 20% On-site gym"; each holds "%")
_OFFICE_SHARE_RE = Regex(
    r"\b[1-9]\d?\s?%\s{0,3}(?:"
    r"of\s{1,3}(?:the|their|your|our|all|its)\s{1,3}(?:time|week|working\s{1,3}(?:time|week|hours)|"
    r"work(?:\s{1,3}to\s{1,3}be\s{1,3}(?:performed|done|spent))?)\s{1,3}"
    r"(?:(?:in|at|from)\s{1,3}(?:the|our|an?|one\s{1,3}of\s{1,3}our)\s{1,3}offices?|on[- ]?site|in[- ]office|"
    r"in[- ]person)|"
    r"(?:in|at)\s{1,3}(?:the|our)\s{1,3}offices?|in[- ]office|office[- ]based|"
    # (or away from it, as German employers say: "up to 60% mobile working", "home office 40%")
    # ("Up to 80% work from home scheme")
    r"(?:mobile[- ]work(?:ing)?|home[- ]office|remote(?:ly)?|(?:work(?:ing)?\s{1,3})?from\s{1,3}home))\b|"
    r"\b(?:mobile[- ]work(?:ing)?|home[- ]office)\s{1,3}(?:of\s{1,3})?(?:up\s{1,3}to\s{1,3})?[1-9]\d?\s?%",
    re.I,
)
# a named workplace: "the Royal London Hospital", "the Critical care unit", "our Manchester studio"
# (not across a sentence scraping glued on: "…in Northwest Ohio.About Tamara TCM Wellness Clinic")
_NAME = r"(?:(?-i:[A-Z0-9](?:[\w'’/-]|\.(?![A-Z][a-z])){0,30})\s{1,3}|(?:and|of|&)\s{1,3})"
_WORKPLACE = (
    r"(?:hospital|ward|unit|clinic|centre|center|campus|site|facility|facilities|practice|surgery|labs?|"
    # (and a named building: "you'll join the team at Sturt House")
    r"theatres?|plant|warehouse|store|studio|headquarters|branch|outlet|depot|restaurant|hotel|resort|factory|"
    r"house|lodge)s?\b"
    # (a kind of business, not a place: "experience in the restaurant industry", "the hotel sector")
    r"(?!\s{1,3}(?:industry|sector|business|market|chain|group|brand|experience|environment|operations|management))"
    # (nor the middle of something: "a team positioned at the center of the top research department")
    r"(?<!(?i:center|centre)(?=\s{1,3}of\b))"
)
# on-site work in so many words: "on-site", "in-office", "site-based", "willing to relocate" (short phrases)
_ONSITE_PHRASES = (
    # (not one kind among others: "interfacing with both on-site and virtual teams")
    r"on[- ]?site"
    # (nor at a customer's: "especially onsite work at customer premises")
    r"(?!\s{1,3}(?:work\s{1,3})?at\s{1,3}(?:the\s{1,3})?(?:customer|client)s?['’]?\s{1,3}(?:premises|sites?|locations?|offices?)\b)"
    # (nor "On-site or In-the-Field experience preferred")
    r"(?!\s{0,3}(?:and|or|&|/)\s{0,3}(?:virtual|remote|offshore|hybrid|off[- ]?site|(?:at|in)\s{1,3}other|"
    r"in[- ]the[- ]field|field)\b)"
    r"(?!\s{1,3}(?:parking|gym|cafeteria|canteen|childcare|daycare|amenities|clinic|nursery|sports|fitness|"
    r"facilities|restaurant|café|cafe|crèche|creche|dining|wellness|health|medical|massage|shop|car park|"
    # (an occasion there: "be present at on-site events", "two days on-site induction", "on site
    # pre-construction meetings")
    # ("conduct onsite assessments of residential properties": at the client's)
    # ("including onsite registration management" at events)
    r"(?:pre-?(?:construction|bid|start)\s{1,3})?(?:events?|meetings?|visits?|interviews?|induction|training|orientation|onboarding|"
    r"registration|"
    r"assessments?|inspections?|surveys?|"
    # (a post's name: "top on-site manager on a single, large project", "multiple positions of on-site management")
    r"manager|management|supervisor|superintendent))s?\b)|"
    # (nor a kind of work: "Previous experience in office work", "in office administration")
    # (and a studio's: "Enhance the in-studio experience")
    # (nor an audition there: "do an in-studio 15 min demo")
    r"in[- ]?\\?-?(?:office|studio)\b(?!\s{1,3}(?:\d{1,3}\s{0,3}min\w{0,5}\s{1,3})?(?:demos?|auditions?|tours?)\b)"
    r"(?!\s{1,3}(?:days?|snacks|lunch|perks|events?|socials?|gatherings?|work|administration|"
    r"duties|roles?|experience|management|procedures|skills|sports|gym|yoga|fitness|activities))|"
    # ("This position is factory based in Beverly, MA")
    # (not a plant's product: "purification of molecules from plant-based systems")
    r"(?:office|site|factory|warehouse|studio)[- ]based\b|"
    # (not an occasion: "limited in-person interaction", "an in-person interview")
    r"(?<!limited )(?<!occasional )(?<!minimal )(?<!periodic )(?<!some )"
    # (and glued to the next line by scraping: "Full time: Monday-Friday in PersonThis position…")
    r"in[- ]person(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"
    # ("schedule in-person and virtual meetings"; a perk's "Telemedicine and in-person flexibility")
    # (or a group's gatherings: "starting in-person chapters and Retreats")
    r"(?!\s{1,3}(?:\w{1,20}\s{1,3}){0,2}(?:interviews?|interaction|meetings?|events?|training|orientation|visits?|"
    r"assessments?|flexibility|chapters?|retreats?|workshops?|gatherings?|conferences?))"
    # (nor one way of meeting among others, "with clients in person and through phone and email", "in
    # person, over the phone or online", "in person with internal and external staff"; and after
    # another: _ONSITE_CONTEXT_RE)
    r"(?!\s{1,3}with\b)"
    r"(?!\s{0,3}(?:,|and|or|and/or)\s{1,3}(?:through|via|by|over|on|online|virtual(?:ly)?|telehealth|phone|remote(?:ly)?|"
    r"mail(?:-in)?|absentee)\b)|"
    r"work(?:ing)? (?:from|out of|at) (?:our|the) (?:headquarters|hq|office|studio|site|campus)|"
    # as India writes it: "Work from office (5 days)", "WFO"
    # ("work independently in a fast-paced office environment")
    r"work(?:ing)? from office\b|wfo\b|"
    # (not a perk's: "a fun office environment")
    r"(?:typical|professional|traditional|an?(?:\s{1,3}(?:fast-paced|busy|high-volume|standard|general))?) office "
    r"environment\b|"
    # (a label's: "Working Environment: Office environment with regular visits to manufacturing")
    r"(?:work(?:ing)?\s{1,3})?environment\s{0,3}:\s{0,3}(?:an?\s{1,3})?office\b|"
    # ("flexible within a dynamic office environment", "The office work environment is…")
    r"within\s{1,3}an?\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}office\s{1,3}environment\b|"
    r"the\s{1,3}office\s{1,3}work\s{1,3}environment\b|"
    r"(?:in|be in) the office as (?:your|the) default|office setting|must be local|local candidates|"
    # (the whole week there: "be in the office five days a week", "5 days a week on-site"; and "an in-office role")
    r"(?:in (?:the|our) office|on[- ]?site|in[- ]office)\s{1,3}(?:5|five)\s{1,3}days\s{1,3}(?:a|per|each)\s{1,3}week\b|"
    r"(?:5|five)\s{1,3}days\s{1,3}(?:a|per|each)\s{1,3}week\s{1,3}(?:in (?:the|our) office|on[- ]?site|in[- ]office)\b|"
    r"\ban\s{1,3}in[- ]office\s{1,3}(?:role|position|job)\b|"
    # ("Work is to be performed in a shop setting")
    r"performed\s{1,3}in\s{1,3}an?\s{1,3}(?:[\w-]{1,20},?\s{1,3}){0,2}(?:shop|warehouse|factory|plant|manufacturing|production|"
    r"laboratory|lab|retail|store|hospital|clinic|clinical|office|high-tech)\s{1,3}(?:setting|environment|workspace)\b|"
    # ("Duties are performed on campus", "must live within 100 miles of the terminal", "within commuting distance")
    r"(?:performed|work(?:ing|s)?|based|located|conducted|stay|live|reside)\s{1,3}on[- ]campus\b|"
    # ("The ideal candidate would reside in or nearby Philadelphia", "skillsMust reside in or near Los Angeles")
    r"(?:(?:must|should|would|required to|need to)\s{1,3}(?:live|reside)\s{1,3}(?:within|locally)|"
    r"(?:live|reside)\s{1,3}in\s{1,3}or\s{1,3}(?:around|near|nearby))\b|"
    # ("Preference for candidates local to the Boston area")
    r"candidates\s{1,3}local\s{1,3}to\b|"
    # (on an installation at sea: "work offshore on the installation", "a 2/2 offshore rotation")
    r"work(?:ing)?\s{1,3}offshore\b|offshore\s{1,3}(?:installation|platform|rig|rotation)s?\b|"
    r"within (?:a )?commut(?:ing|able) distance|"
    # ("Candidates must live in the immediate area or relocate at their own expense")
    r"(?:must|should|required to|need to)\s{1,3}(?:live|reside)\s{1,3}in\s{1,3}the\s{1,3}"
    r"(?:immediate|local|surrounding)\s{1,3}area\b|"
    # ("This position is required to report to our office in Conway, AR full time")
    r"report(?:ing)?\s{1,3}(?:in\s{1,3}person\s{1,3})?to\s{1,3}(?:our|the)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}?"
    r"(?:office|headquarters|hq|site|campus|plant|warehouse)\b|"
    # (an employer's own named workplace: "seeks a Research Assistant in its San Diego office", "open at its
    # North American Headquarters")
    r"(?:in|at)\s{1,3}its\s{1,3}(?-i:(?:[A-Z][\w.&-]{1,20}\s{1,3}){1,3})(?:office|headquarters|studio|plant|campus)\b|"
    # (Indeed's "Ability to Commute/Relocate: Portland, OR 97201: Relocate before starting work (Required)")
    r"commute(?:\s{0,3}/\s{0,3}relocate)?\s{0,3}:[^\n(]{0,80}\(required\)|"
    # (and Indeed's work at several of them: "Work Location: Multiple Locations"; not a driver's "On the road")
    r"(?:must be )?willing(?:ness)? to relocate|"
    # ("This role will require you to relocate to Bega", "Relocation to the territory is required")
    r"(?:requires?|required)\s{1,3}(?:you\s{1,3})?to\s{1,3}relocate\b|"
    r"relocation\s{1,3}(?:to\s{1,3}(?:[\w-]{1,20}\s{1,3}){1,3})?(?:is\s{1,3})?required\b|"
    r"work location\s{0,3}:\s{0,3}(?:in person|one location|multiple locations)|"
    r"based at (?:the |our )?(?-i:[A-Z])|"
    r"based out of (?:the|our) (?:[\w-]{1,20},? ){0,3}(?:office|studio|headquarters|hq|site|campus)\b|"
    r"based at (?:the|our) (?:resort|hotel|mine|port|terminal|depot|plant|site|warehouse|hospital|clinic|school|store|"
    r"branch|restaurant|factory|yard|refinery|facility|rig)\b|"
    # remote work ruled out: "this role is not remote", "Remote: No", "remote work is not available"
    r"(?:not|non|no)[- ](?:an? )?(?:fully )?remote\b"
    r"(?![- ](?:first|friendly|sensing|monitoring|patient|support|access|desktop))|"
    r"remote(?: work(?:ing)?| job)?\s{0,3}:\s{0,3}(?:no|not (?:possible|available))\b|"
    r"remote worker option\s{0,3}:?\s{0,3}no\b|"
    r"remote (?:work(?:ing)? )?(?:is|are) not (?:available|possible|offered|an option|permitted)"
)
# "the"/"our" and a workplace's name: "our London office", "the brand-new Acute Rehab Unit"
_OUR_WORKPLACE = (
    rf"(?:the|our)\s{{1,3}}(?:{_NAME}{{0,5}}|head\s{{1,3}}|[a-z-]{{3,15}}\s{{1,3}}{_NAME}{{1,5}})"
    rf"(?:{_WORKPLACE}|(?<!Microsoft )offices?\b)"
)
# work at a named workplace: "joining the Critical care unit", "based in our Manchester studio"
_AT_WORKPLACE = (
    # (or a hospital's unit there: "travelers for a 24-bed Medical ICU at Lakeshore University Hospital")
    # ("This position works from the Lakewood office", "All duties are performed at our IFC Mall outlet")
    # ("support for patients on general wards at Princess Alexandra Hospital")
    # ("our inpatient rehabilitation team at Dorking Hospital")
    # ("flexible shift patterns … 44 hours per week, at Cygnet Hospital Woking", "a vacancy at …")
    r"(?:join|joining|working|works?|based|occurring|located|unit|icu|takes? place|performed|department|wards?|team|"
    r"week|shifts?|vacanc(?:y|ies)|posts?|positions?)\b"
    # ("to work out of our New York office"; not "in and out of the office on a flexible basis")
    # ("The posts work … across the Amersham/High Wycombe Campus")
    r"[^.;\n]{0,60}?\b(?:at|on|in|from|across(?=\s{1,3}the\b)|(?<!and )out of)\s{1,3}"
    # (an office only as "the"/"our" office: "in our London office", not "in Microsoft Office")
    # (or the head office: "located in the head offices at Great Dover Street")
    # (or a word that describes it before its name: "work in our sunny Flatiron office", "the brand-new
    # Acute Rehab Unit")
    rf"(?:{_OUR_WORKPLACE}|{_NAME}{{1,5}}{_WORKPLACE})|"
    # (or joined as a whole: "You will join our office in Warsaw", "join our friendly Community hospital")
    rf"(?:(?<=\bjoin )|(?<=\bjoining )){_OUR_WORKPLACE}|"
    # (or run there: "lead our Coldwater Road store", "run the kitchen at the Fell & Falcon")
    rf"(?:lead|run|manage)\s{{1,3}}our\s{{1,3}}{_NAME}{{1,5}}{_WORKPLACE}|"
    # (or the place that is hiring: "Our Chaska Sylvan Learning Center is looking for Writing instructors")
    rf"(?-i:Our)\s{{1,3}}{_NAME}{{1,5}}{_WORKPLACE}(?=\s{{1,3}}(?:is|are)\s{{1,3}}(?:looking|seeking|hiring|recruiting)\b)|"
    # (or the job's own place: "As a cardiology nurse at Royal Papworth Hospital, you will…")
    rf"as\s{{1,3}}an?\s{{1,3}}(?:[\w-]{{1,20}}\s{{1,3}}){{1,3}}at\s{{1,3}}(?:the\s{{1,3}})?{_NAME}{{1,5}}{_WORKPLACE}"
)
# (and "Onsite" glued to the line before by scraping: "Relevant ExperienceOnsite presence at …")
_ONSITE_RE = Regex(
    rf"(?=[oiwbmljsnrpcutadvfe5])(?:\b|(?-i:(?<=[a-z])(?=On[- ]?[Ss]ite|Our\s)))(?:{_ONSITE_PHRASES}|{_AT_WORKPLACE})",
    re.I,
)
# on-site now and then, or at someone else's: "possible on-site presence", "visit the clients on-site"
# (or the experience asked: "2+ years experience in office or healthcare environment")
_ONSITE_CONTEXT_RE = Regex(
    # ("Experience in a professional office setting")
    r"\b(?:possible|occasional(?:ly)?|periodic(?:ally)?|clients?|customers?|experience(?:\s{1,3}working)?"
    r"(?:\s{1,3}(?:in|within)\s{1,3}an?(?:\s{1,3}[\w-]{2,20})?)?)\s{1,3}$|"
    # (or one way of meeting among others: "therapy clients, both in-person and via telehealth", "over
    # the telephone and in person", "on the phone, and in person", "Telemedicine and in-person flexibility")
    r"(?:\bboth|(?:phone|online|e-?mail|virtual|telehealth|medicine|health|on-?screen),?\s{1,3}(?:and|or))\s{1,3}$|"
    # (or other people there: "access to technical experts located at Swagelok headquarters")
    r"\b(?:experts|teams|colleagues|specialists|partners|engineers)\s{1,3}$",
    re.I,
)
# ... or only if needed ("visit the clients on-site when needed", "independent / remote work if necessary")
# (or where it can be: "a digital platform to work remotely where available")
_IF_NEEDED = r"\s{1,3}(?:when|as|if|where)\s{1,3}(?:needed|required|necessary|available|possible|applicable)\b"
_IF_NEEDED_RE = Regex(_IF_NEEDED, re.I)
# ... or for a while: Indeed's "Work Remotely: Temporarily due to COVID-19", "remotely until we return"
_FOR_NOW_RE = Regex(
    _IF_NEEDED + r"|\s{0,3}:?\s{0,3}temporarily\b|"
    r"\s{1,3}(?:during|due\s{1,3}to)\s{1,3}(?:the\s{1,3})?(?:covid|pandemic)|"
    # ("This position is working remotely until we return to working in our building")
    r"\s{1,3}until\s{1,3}(?:we|the|further)\b|"
    # ("This role will be remote initially and then based in the office")
    r"\s{1,3}(?:initially|at first|to start with)\b",
    re.I,
)
# the sites a health service's work is done at, in words _AT_WORKPLACE's names do not cover: "located
# in each of our three main hospital sites", "join our committed nursing team on Gate 19"
_AT_SITES_RE = Regex(
    r"\b(?:join|joining|based|located)\s{1,3}(?:"
    r"(?:at|in|on|across)\s{1,3}(?:(?:each|one|all|any|either)\s{1,3}of\s{1,3})?(?:the|our)\s{1,3}"
    r"(?:[\w-]{1,20}\s{1,3}){0,3}(?:hospital|site|clinic|pharmac(?:y|ie)|ward|unit|theatre)s?\b|"
    r"(?:our|the)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,3}team\s{1,3}on\s{1,3}(?:the\s{1,3})?(?-i:[A-Z][a-z]{1,20}\s{1,3}\d))",
    re.I,
)
_AT_SITES_KEYWORDS = keywords("join", "based", "located")
# a job at one of the employer's workplaces: "for one of our fast-growing studios", "at one of our stores"
_ONE_OF_OURS_RE = Regex(
    # (not a shop on the web: "an order in one of our online stores")
    # ("The post will be based within one of our mainstream physiotherapy departments")
    r"\b(?:at|for|in|within|to|run|manage|lead|join)\s{1,3}one\s{1,3}of\s{1,3}our\s{1,3}(?!(?:[\w-]{1,20}\s{1,3}){0,2}(?:online|web|e-?commerce|"
    r"digital|virtual)\b)(?:[\w-]{1,20}\s{1,3}){0,3}"
    r"(?:studios|stores|shops|restaurants|hotels|clinics|hospitals|sites|branches|locations|warehouses|facilities|"
    r"plants|offices|practices|centres|centers|schools|campuses|depots|salons|gyms|pharmacies|departments|units|"
    r"wards)\b",
    re.I,
)
_ONE_KEYWORDS = keywords("one of our")
# the employer's named workplace the job is for: "for our Baton Rouge location", "for our Freehold and
# Princeton, NJ office", "join their New York City offices", "based from our R&D site at Cambridge"
_SITE_NAME = r"(?-i:(?:[A-Z][\w&'’.-]{0,30},?\s{1,3}(?:(?:and|&)\s{1,3})?){1,5})"
_SITE_WORD = r"(?-i:location|office|site|campus|facility|plant|store|branch|clinic|hospital|studio|headquarters)"
_SITE_END = rf"(?:{_SITE_WORD}|(?-i:offices))"  # (what every match ends in)
# (not a company's sites in general, "160 individuals globally in our San Francisco and Delhi offices";
# nor a market's, "for our Middle office platform")
_OUR_SITE_RE = Regex(
    # (or the local one: "Customer Service Representative for our local office")
    rf"(?=[iftjIFTJaA])\b(?:in\s{{1,3}}(?:our|their)\s{{1,3}}{_SITE_NAME}{_SITE_WORD}|"
    rf"(?:for|at|to|join|joining|in)\s{{1,3}}our\s{{1,3}}local\s{{1,3}}{_SITE_WORD}|"
    rf"(?:for|at|to|join|joining|from)\s{{1,3}}(?:our|their)\s{{1,3}}{_SITE_NAME}{_SITE_END}|"
    # (or its place after it: "hiring Warehouse Associates for our facility in Savannah, GA")
    rf"(?:for|at|to|join|joining)\s{{1,3}}our\s{{1,3}}{_SITE_WORD}(?=\s{{1,3}}in\s{{1,3}}(?-i:[A-Z][a-z])))\b"
    r"(?!\s{1,3}(?:platform|software|suite|applications?|systems?|products?|tools?|team)\b)",
    re.I,
)
_OUR_SITE_KEYWORDS = keywords(
    "location", "office", "site", "campus", "facility", "plant", "store", "branch", "clinic", "hospital", "studio",
    "headquarters",
)  # fmt: skip
# work inside a plant: "coordinate all heat-treating activities within the factory", "at the manufacturing facility"
_IN_THE_PLANT_RE = Regex(
    r"\b(?:within|in|at|on|inside|throughout)\s{1,3}the\s{1,3}(?:plant|factory|manufacturing\s{1,3}(?:facility|plant|site)|"
    r"warehouse|shop\s{1,3}floor|production\s{1,3}floor|distribution\s{1,3}cent(?:er|re))\b"
    r"(?!\s{1,3}(?:industry|sector|business|space|market|environment))",
    re.I,
)
_PLANT_KEYWORDS = keywords("plant", "factory", "manufacturing", "warehouse", "floor", "distribution")
_UNIT_WORDS = r"(?:Unit|Ward|Department|Lab|Suite)s?"
# a hospital's unit by its name, where the work is: "the Acute Medical Unit", "the busy setting of the
# Cath Lab", "Sparkhill Dialysis Unit" (not "experience in an Intensive Care Unit": a kind of unit)
_CLINICAL_UNIT_RE = Regex(
    r"(?-i:(?=[AMSICDRLOPNHET])\b(?:Acute|Medical|Surgical|Intensive|Critical|Emergency|Dialysis|Renal|Cardiac|Cath|Maternity|Labour|"
    r"Labor|Stroke|Oncology|Outpatients?|Inpatients?|Day|Paediatric|Pediatric|Neonatal|Respiratory|Orthopaedic|"
    r"Orthopedic|Rehabilitation|Coronary|Haematology|Hematology|Endoscopy|Radiology|Theatres?|Infection)"
    # (not an office's: "the Medical Staffing Department"; nor a title: "Medical Lab Processor III")
    r"(?!(?:\s{1,3}[A-Z][\w&-]{0,30}){0,2}\s{1,3}(?:Staffing|Records|Billing|Coding|Affairs|Education|Recruitment|"
    r"Workforce|Finance)\b)"
    rf"(?:\s{{1,3}}(?:[A-Z][\w&-]{{0,30}}|&)){{0,3}}\s{{1,3}}{_UNIT_WORDS}\b(?![ \t]{{1,3}}[A-Z]))"
)
_CLINICAL_UNIT_KEYWORDS = keywords_as_written("Unit", "Ward", "Department", "Lab", "Suite")
_CLINICAL_UNIT_CONTEXT_RE = Regex(
    r"\b(?:an?|any|experience(?:\s{1,3}(?:working\s{1,3})?(?:in|on|within))?)\s{1,3}$", re.I
)


@cache
def _ending_reach(regex: Regex, end: str) -> tuple[int, int]:
    """(before, after) a keyword for a pattern whose matches end in ``end``, which starts with the
    keyword (a workplace's name ends in "office", a unit's in "Unit"): a whole match back, on only
    past ``end``'s longest (and what the lookarounds read past it)."""
    reach = regex.reach_of()
    assert reach is not None
    return reach[0], longest(end) + reach[1]


def _ending_in(
    scan: Scan, regex: Regex, words: tuple[str, ...], end: str, cased: bool = False
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, searched back from each of ``words`` (where one starts a word:
    "site", not "website"; as written when ``cased``: "Unit", not "community" or "collaborate"),
    for a pattern every match of which ends in ``end``, one of those words opening it."""
    starts = scan.starts((), words) if cased else scan.word_starts(words)
    return scan.finditer_reaching(regex, [(starts, *_ending_reach(regex, end))])


# presence where the job is, in so many words: "Candidates must be Nashville TN residents", "MUST be able
# to live in the defined sales territory"
_LOCAL_RESIDENT_RE = Regex(
    r"\bmust\s{1,3}(?:be\s{1,3}(?:an?\s{1,3})?(?-i:(?:[A-Z][\w.-]{0,30},?\s{1,3}){1,3})residents?|"
    r"(?:be\s{1,3}able\s{1,3}to\s{1,3})?(?:live|reside)\s{1,3}in\s{1,3}(?:the|your)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}"
    r"territory)\b",
    re.I,
)
_RESIDENT_KEYWORDS = keywords("resident", "territory")
# a hospital's department the work is in: "You will be working in a very busy Outpatient department"
_CLINICAL_DEPARTMENT_RE = Regex(
    r"\b(?:work(?:ing)?|based)\s{1,3}(?:in|on)\s{1,3}(?:an?|the|our)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}"
    r"(?:out-?patients?|in-?patients?|theatres?|emergency|a\s?&\s?e|radiology|endoscopy|maternity|day surgery|"
    r"critical care|intensive care)\s{1,3}(?:department|unit|ward|suite)s?\b",
    re.I,
)
_DEPARTMENT_KEYWORDS = keywords("department", "unit", "ward", "suite")
# work done in a workplace's setting, as "office setting" is one: "will work in the general genetics
# clinical setting", "This position operates in a restaurant setting", "working within the prison
# environment" (not the experience asked, "experience working in an outpatient setting": _ONSITE_CONTEXT_RE)
_WORK_SETTING_RE = Regex(
    # ("direct one-on-one therapy sessions in our clinic setting")
    r"(?=[wobdsc])\b(?:work|works|working|operates?|operating|based|duties|services?|care|sessions?)\s{1,3}"
    r"(?:[\w-]{1,20}\s{1,3}){0,3}?(?:with)?in\s{1,3}(?:a|an|the|our)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}"
    r"(?:hospital|clinical|restaurant|retail|store|prison|custody|school|classroom|inpatient|outpatient|ward|clinic|"
    # (and glued to the next line: "Work is performed in a high-volume clinical settingMust secure…")
    r"laboratory|lab|hotel|kitchen|patient\s{1,3}care)\s{1,3}(?:setting|environment)(?:\b|(?-i:(?=[A-Z])))",
    re.I,
)
_SETTING_KEYWORDS = keywords("setting", "environment")
# what stands before a workplace word in _AT_WORKPLACE: a _NAME, or "the"/"our", each a whole word
# (after the white space before it), then white space; searched in the last _NAMED_BEFORE_WIDTH
# characters before the word (a _NAME's longest and three spaces; ``tests/test_scan.py`` checks it)
_NAMED_BEFORE_RE = Regex(r"(?<!\S)(?:(?i:the|our|and|of|head)|&|[A-Z0-9][\w'’.-]{0,30})\s{1,3}$")
_NAMED_BEFORE_WIDTH = 34
_TITLE_WORKPLACE_RE = Regex(
    # (and a prison by its name: "Lead General Practitioner - HMP Huntercombe")
    r"[-–—,|@(]\s{0,3}(?:HMP\s{1,3}(?=[A-Z])|(?:[A-Z][\w'’.]*\s{1,3}){0,4}(?:Campus|Hospital|Clinic|Store|Warehouse|Plant|Branch|"
    # (a hospital's numbered unit or ward: "Staff Nurse – Medical-Surgical Unit 5 West", "Ward 7")
    r"Medical Cent(?:er|re)|(?:Unit|Ward)(?=\s{1,3}\d)|"
    # (or named: "Staff Nurse - Renal Dialysis Unit"; not a company's "Business Unit")
    r"(?<=[a-z] )(?<!Business )(?<!Strategic )(?:Unit|Ward))\b)"
)
# a job board's location that is a workplace: "Location: Women's Pavilion – St. Brendan Regional Hospital"
_WORKPLACE_PLACE_RE = Regex(
    r"\b(?:Hospital|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic|Campus|Warehouse|Distribution Cent(?:er|re)|"
    # (and a school, a college or a named building: "Location: Dilston College, Corbridge", "Sheffield –
    # currently at Fulwood House", "The Bridge Centre, Basingstoke")
    r"Fulfil?ment Cent(?:er|re)|Plant|Mine|Depot|Factory|Facility|College|School|Academy|Prison|Cent(?:er|re)|"
    r"House)s?\b"
)
_TITLE_MODE_RE = Regex(
    # (Indeed's "Hybrid Remote" is hybrid)
    r"\b(?P<mode>(?<!hybrid )(?<!hybrid-)remote"
    r"(?!\s{1,3}(?:sensing|monitoring|patient|support|access|pilot|operations?|desktop))|hybrid|"
    r"on[- ]?site|in[- ]office)\b",
    re.I,
)
# what may stand before a label's word on its line: indent, a bullet, bold marks, "job " or "work "
_LABEL_LEAD = r"^[ \t]{0,6}[-•*]?[ \t]{0,3}(?:\*\*)?(?:job |work |physical )?"
_LOCATION_LABEL_RE = Regex(
    # ("Facility: Baptist Health Medical Center - Telemetry Unit (5 North), Little Rock")
    _LABEL_LEAD + r"(?:locations?|based in|office|where|site|facility|"
    # ("Location: Austin, TX", "Location - Dublin, Ireland")
    r"city)(?:\*\*)?\s{0,3}(?::|[-–—](?=\s))\s{0,3}(?:\*\*)?\s{0,3}(?P<place>[^\n]{2,80})$",
    re.I | re.M,
)
# (a capitalised word that says something else of the remote work is no place: "Remote (Must be
# based in the UK)", "Remote (Open to …)", "Remote (Flexible)")
_NOT_PLACE_WORDS = (
    r"(?!(?:Must|Only|Open|Anywhere|Everywhere|Position|Role|Job|Work|Working|Candidates|Applicants|Preferred|Available|Possible|"
    r"Options?|Optional|Friendly|First|Eligible|Ok|Okay|Considered|Welcome|Flexible|Negotiable|Full|Part|"
    r"Partially|Fully|Hybrid|Some|With|No|Not|Please|Occasional|Travel|Until|After|During|Initially|Temporarily|"
    r"Required|Requires|Possibility|Opportunity|Allowed|Permitted|Accepted)\b)"
)
_PLACE = (
    rf"(?P<place>(?:US|USA|UK|EU|EMEA|APAC|LATAM|Canada|Europe|{_NOT_PLACE_WORDS}[A-Z][a-z]{{1,60}}"
    r"(?: [A-Z][a-z]{1,60})?)"
    r"(?: (?:time ?zones?|only|states))?)"
)
# "Remote (EU time zones)", "Remote — anywhere in Canada", "remote within the US"; not "Remote Config"
_REMOTE_PLACE_RE = Regex(
    r"\b(?i:remote)(?:\s{0,3}[(\-–—,]\s{0,3}(?i:(?:anywhere\s{1,3})?(?:within|from|in|across)\s{1,3}(?:the\s{1,3})?)?|"
    r"\s{1,3}(?:anywhere\s{1,3})?(?:within|from|in|across)\s{1,3}(?:the\s{1,3})?|"
    rf"[ \t]{{1,3}}(?={_REGIONS}\b))" + _PLACE
)
_OFFICE_PLACE_RE = Regex(
    r"(?=[bolaifBL])\b(?:[bB]ased in|office in|offices in|on[- ]site in|[lL]ocated in|(?:in|at|from) our)"
    r"\s{1,3}(?:the\s{1,3})?"
    r"(?P<place>[A-Z][\w.'-]{0,60}(?: [A-Z][\w.'-]{0,60}){0,5}(?:,\s{0,3}[A-Z]{2}\b|,\s{0,3}[A-Z][a-z]{1,40})?)"
)
_OFFICE_WORDS_RE = Regex(r"\s{1,3}(?:office|offices|headquarters|HQ|hub|studio|campus|site|branch)\b", re.I)
_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "AB",
    "BC",
    "MB",
    "NB",
    "NL",
    "NS",
    "ON",
    "PE",
    "QC",
    "SK",
]
_CITY_STATE_RE = Regex(
    rf"(?=[A-Z])\b(?P<place>[A-Z][a-z]{{1,40}}(?:[ .][A-Z][a-z]{{1,40}}){{0,4}},\s{{0,3}}(?:{'|'.join(_STATES)}))\b"
)
# what every match of _CITY_STATE_RE holds: a comma, then a state
_COMMA_STATE_RE = Regex(rf",\s{{0,3}}(?:{'|'.join(_STATES)})")
# an Australian address's suburb, state and postcode ("St Leonards NSW 2065", "Parramatta, NSW 2150"),
# and what every match of it holds: the state and its postcode
_AU_NAME = r"[A-Z][a-z]{1,30}(?:[ -][A-Z][a-z]{1,30}){0,3}"
_AU_STATE = r"(?:NSW|VIC|QLD|TAS|ACT|SA|WA|NT)"
_AU_PLACE_RE = Regex(rf"(?=[A-Z])(?<![\w'’.-])(?P<place>{_AU_NAME},?\s{{1,3}}{_AU_STATE}\s{{1,3}}\d{{4}})(?!\d)")
_AU_STATES = keywords_as_written("NSW", "VIC", "QLD", "TAS", "ACT", "SA", "WA", "NT")
_AU_PLACE_BEFORE = 4 * 31 + 8
# a board's header line that a state ends, a suburb before its city: "Burleigh Heads, Gold Coast QLD"
# (looked for in the posting's head only)
_AU_HEAD_LINE_RE = Regex(
    rf"^[ \t]{{0,6}}(?P<place>(?:{_AU_NAME},\s{{1,3}})?{_AU_NAME},?\s{{1,3}}{_AU_STATE})[ \t]*$", re.M
)
# a place's country, where it has its own dollar: what a bare "$" beside it is
_DOLLARS = (
    # (a province, also before its postal code: "Montréal, QC H3B 2Y5")
    ("CAD", Regex(r",\s{0,3}(?:AB|BC|MB|NB|NL|NS|ON|PE|QC|SK)(?:\s{1,3}[A-Z]\d[A-Z]\s?\d[A-Z]\d)?$|"
                  r"\b(?:Canada|Ontario|Quebec|Québec|Alberta|"
                  r"British Columbia|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland(?: and Labrador)?|"
                  r"Prince Edward Island)$")),
    ("AUD", Regex(r"\b(?:NSW|VIC|QLD|TAS|ACT|SA|WA|NT)\s{1,3}\d{4}$|\b(?:Australia|New South Wales|NSW|Victoria|VIC|"
                  r"Queensland|QLD)$")),
    ("NZD", Regex(r"\bNew Zealand$")),
    ("SGD", Regex(r"\bSingapore$")),
)  # fmt: skip
_US_PLACE_RE = Regex(r"\b(?:USA|United States|US)$")
# "City, Country" beyond the US and Canada ("Berlin, Germany", "London, UK", "Bengaluru, Karnataka,
# India"): the countries and regions postings name after a city, as written
_COUNTRIES = (
    "UK", "United Kingdom", "England", "Scotland", "Wales", "Northern Ireland", "Ireland", "Germany", "France",
    "Netherlands", "The Netherlands", "Belgium", "Luxembourg", "Spain", "Portugal", "Italy", "Switzerland",
    "Austria", "Poland", "Czech Republic", "Czechia", "Hungary", "Romania", "Bulgaria", "Greece", "Croatia",
    "Serbia", "Sweden", "Norway", "Denmark", "Finland", "Iceland", "Estonia", "Latvia", "Lithuania", "Ukraine",
    "Turkey", "Israel", "UAE", "United Arab Emirates", "Saudi Arabia", "Qatar", "Egypt", "Nigeria", "Kenya",
    "South Africa", "India", "Pakistan", "Bangladesh", "Sri Lanka", "Singapore", "Malaysia", "Indonesia",
    "Philippines", "Vietnam", "Thailand", "Japan", "South Korea", "China", "Hong Kong", "Taiwan", "Australia",
    "New Zealand", "Mexico", "Brazil", "Argentina", "Chile", "Colombia", "Peru", "USA", "United States",
    "Canada", "Great Britain", "Russia", "Slovakia", "Slovenia", "Cyprus", "Malta", "Jordan", "Lebanon", "Morocco",
    "Tunisia", "Ghana", "Ethiopia", "Uganda", "Tanzania", "Kuwait", "Bahrain", "Oman", "Costa Rica", "Ecuador",
    "Uruguay",
)  # fmt: skip
# India's states and Australia's, named after a city as often as the country
_STATES_ABROAD = (
    "Karnataka", "Maharashtra", "Telangana", "Tamil Nadu", "Haryana", "Uttar Pradesh", "Delhi", "Gujarat",
    "Kerala", "West Bengal", "Andhra Pradesh", "Rajasthan", "New South Wales", "NSW", "Victoria", "VIC",
    "Queensland", "QLD",
)  # fmt: skip
_COUNTRY_NAMES = frozenset(_COUNTRIES)
# a city of up to three capitalised words, a region of up to two (optional), then the country; not
# inside a longer name ("…Ltd, UK" keeps the word before it whole)
_BEFORE_COUNTRY = (
    r"(?=[A-Z])(?<![\w&'’.-])(?P<city>[A-Z][a-z]{1,30}(?:[ -][A-Z][a-z]{1,30}){0,2}),\s{0,3}"
    r"(?:(?P<region>[A-Z][a-z]{1,30}(?: [A-Z][a-z]{1,30})?),\s{0,3})?"
)
# a company's or a unit's name before its country is no city ("Acme Ltd, UK", "Enterprise Operating Unit, India")
_NOT_CITY_ENDS = frozenset({
    "Ltd", "Limited", "Inc", "Llc", "Gmbh", "Plc", "Group", "Corp", "Company", "Co", "Bv", "Ag", "Unit", "Team",
    "Department", "Division", "Office", "Hub",
})  # fmt: skip
# the item of a list before it ("…London, Paris, Berlin, Dubai, Mumbai, Singapore"): no one place
_LIST_BEFORE_RE = Regex(r"[\w)],\s{0,3}$")
_COUNTRY = "|".join(re.escape(c) for c in sorted((*_COUNTRIES, *_STATES_ABROAD), key=len, reverse=True))
_CITY_COUNTRY_RE = Regex(rf"(?P<place>{_BEFORE_COUNTRY}(?:{_COUNTRY}))(?![\w-])")
# what every match of _CITY_COUNTRY_RE holds: a comma, then the country. One scan of the text, in C,
# from comma to comma, the country's first letter looked at first (most commas have none of them
# after): a third of the cost of a hundred more keywords for the one pass.
_COUNTRY_FIRSTS = "".join(sorted({name[0] for name in (*_COUNTRIES, *_STATES_ABROAD)}))
_COMMA_COUNTRY_RE = Regex(rf",\s{{0,3}}(?=[{_COUNTRY_FIRSTS}])(?P<country>{_COUNTRY})(?![\w-])")
# a word every match of a pattern holds (lower case unless said): only the text near them is searched
_REMOTE_KEYWORDS = keywords(
    "remote",
    "from home",
    "wfh",
    "telecommut",
    "home-based",
    "home based",
    "distributed",
    "virtual",
    "anywhere",
    "comfort",
)
# a match of _ONSITE_RE holds one of the phrases' words, or ends in a workplace word after a space
_ONSITE_PHRASE_KEYWORDS = keywords(
    "live in the",
    "reside in the",
    "live within",
    "reside within",
    "live in or",
    "reside in or",
    "live locally",
    "reside locally",
    "offshore",
    "commut",
    "wfo",
    "site",
    "office",
    "person",
    "headquarters",
    "hq",
    "studio",
    "campus",
    "local",
    "relocate",
    "relocation",
    "location",
    "based at",
    "remote",
    "performed",
    "factory",
    "plant",
    "warehouse",
)
_WORKPLACE_KEYWORDS = keywords(
    "hospital", "ward", "unit", "clinic", "centre", "center", "campus", "site", "facilit", "practice", "surgery",
    "lab", "theatre", "plant", "warehouse", "store", "studio", "headquarters", "office", "branch", "outlet", "depot",
    "restaurant", "hotel", "resort", "factory", "house", "lodge",
)  # fmt: skip
_ONSITE_KEYWORDS = tuple(dict.fromkeys(_ONSITE_PHRASE_KEYWORDS + _WORKPLACE_KEYWORDS))
_LOCATION_LABEL_KEYWORDS = keywords("location", "based in", "office", "where", "site", "facility", "city")
_OFFICE_PLACE_CASED = keywords_as_written(
    "based in", "Based in", "office in", "offices in", "site in", "located in", "Located in", "in our", "at our",
    "from our",
)  # fmt: skip
# How far before its keyword a match can start, where that is less than its whole length (a
# window then opens that far back, not a whole match's length: these matches run on after their
# keyword, as far as a place name goes). A label's word follows at most _LABEL_LEAD on its line
# (``tests/test_scan.py`` checks it is that pattern's longest); "site in" follows "on-"; every
# other office keyword, and "remote", opens its match.
_LOCATION_LABEL_BEFORE, _OFFICE_PLACE_BEFORE, _REMOTE_PLACE_BEFORE = 21, len("on-"), 0
_HYBRID_KEYWORDS, _DAY_KEYWORDS, _REMOTE_PLACE_KEYWORDS = keywords("hybrid"), keywords("day"), keywords("remote")
_SHARE_KEYWORDS = keywords("%")
# a label's value that names no place: a mode, or a job board's "Work Location: One location"
_NOT_A_PLACE_RE = Regex(
    r"(?:remote(?:ly)?|hybrid|on-?site|one location|in[- ]person|multiple locations?|various|on the road|fully|"
    r"flexible|n/?a|tbd|position type)\b|\d{1,3}\s?%",
    re.I,
)
# what scraping glued after a place on its line: "Fort Myers, FL Full Time / Permanent Pay rate - $40"
_GLUED_FACT_RE = Regex(r"\s{1,3}(?=(?:Full|Part)[- ]?[Tt]ime\b|Pay\b|Salary\b|[$£€])")
# (and the word before it: "Wrocław (Fully remote possible)", "London (100% remote)")
_MODE_WORDS_RE = Regex(
    r"\s{0,3}\(?\s{0,3}(?:(?:fully|partly|partially|mostly|100\s?%|semi)[- ]{1,3})?"
    r"(?:remote|hybrid|on[- ]?site|in[- ]office)\b.*$",
    re.I,
)


@cache
def _onsite_reaches() -> tuple[tuple[int, int], tuple[int, int]]:
    """(before, after) a phrase's keyword and a workplace word, for _ONSITE_RE's windows (worked
    out on first use, not on import)."""
    reach = _ONSITE_RE.reach_of()
    assert reach is not None
    around = reach[1]  # what the lookarounds and a word boundary read past a match
    phrase = longest(_ONSITE_PHRASES, re.I)
    return (phrase, phrase + around), (longest(_AT_WORKPLACE, re.I), longest(_WORKPLACE, re.I) + around)


def _onsite_matches(scan: Scan) -> Iterator[re.Match[str]]:
    """``_ONSITE_RE.finditer(text)``, searched near its keywords, each within its own branch's
    reach: a phrase's word within a phrase's length either side; a workplace word only from
    ``_AT_WORKPLACE``'s length before it to its own end. (All of them within the longest match
    either side, as ``Scan.finditer`` would search, covered two thirds of a posting: "site",
    "unit", "ward", "lab" stand in "website", "community", "toward", "collaborate". A workplace
    word of that branch follows a space, which those do not; and a name, "the", "our", "and",
    "of" or "&" before that, which "best practices", "unit tests" and "data lab" do not.)"""
    (phrase_before, phrase_after), (workplace_before, workplace_after) = _onsite_reaches()
    text = scan.text
    workplaces = [
        at
        for at in scan.starts(_WORKPLACE_KEYWORDS)
        if at and text[at - 1].isspace() and _NAMED_BEFORE_RE.search(text, max(0, at - _NAMED_BEFORE_WIDTH), at)
    ]
    return scan.finditer_reaching(
        _ONSITE_RE,
        [
            (scan.starts(_ONSITE_PHRASE_KEYWORDS), phrase_before, phrase_after),
            (workplaces, workplace_before, workplace_after),
        ],
    )


def read_work_mode(scan: Scan, meta: Mapping[str, Any] | None = None, title: str | None = None) -> str | None:
    """remote, hybrid or on-site, as the posting states it: the title's word first ("Remote Java
    Developer"), then hybrid, remote and on-site cues in the text, skipping ruled-out ones ("this
    is not a remote role") and borrowed words ("hybrid cloud", "remote work opportunities")."""
    if meta and str(meta.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        return "remote"
    if title and (named := [m.group("mode").lower() for m in _TITLE_MODE_RE.finditer(title)]):
        # (remote as one option is remote: "Specialist - Accounting Initiatives (Hybrid/Remote)")
        return "remote" if "remote" in named else "hybrid" if "hybrid" in named else "on-site"
    if title and _TITLE_WORKPLACE_RE.search(title):
        return "on-site"  # "Life Coach - Birmingham Campus"
    text = scan.text

    ruled_out = False  # remote or hybrid work ruled out for the job ("Remote Position? No")

    def stated(
        matches: Iterator[re.Match[str]],
        context: Regex | None = None,
        after: Regex | None = None,
        *,
        away: bool = False,
    ) -> bool:
        """Whether a match states the mode; ``away``: a mode of working away from the workplace, whose
        ruling out leaves the work done there."""
        nonlocal ruled_out
        for match in matches:
            before = text[max(0, match.start() - 40) : match.start()]
            if (
                _NEGATED_MODE_RE.search(before)
                or _NEGATED_AFTER_RE.match(text, match.end())
                or _NEGATED_FURTHER_RE.search(text, max(0, match.start() - 90), match.start())
            ):
                # (a company's kind ruled out is no mode: "home office possible (but we're not remote-first)")
                ruled_out = ruled_out or (away and _COMPANY_KIND_RE.search(match.group()) is None)
                continue
            if (context is not None and context.search(before)) or (
                after is not None and after.match(text, match.end())
            ):
                continue
            return True
        return False

    # a week split between home and office, as the text sets it out
    split_week = (
        scan.search(_SPLIT_WEEK_RE, _DAY_KEYWORDS) is not None
        or scan.search(_TIMES_A_PERIOD_RE, _PERIOD_KEYWORDS) is not None
        or stated(scan.finditer(_PART_REMOTE_RE, _REMOTE_PLACE_KEYWORDS))
        or stated(scan.finditer(_OFFICE_SHARE_RE, _SHARE_KEYWORDS))
    )
    labelled = scan.search(_MODE_LABEL_RE, _MODE_LABEL_KEYWORDS)
    if labelled is not None:
        # a board's label of the job's mode says it over the words elsewhere ("a hybrid work model" of the
        # company's), but not over the week it sets out ("Workplace type: Remote" and "in the office three
        # days a week")
        mode = labelled.group("mode").lower()
        return "hybrid" if "hybrid" in mode or split_week else "remote" if "remote" in mode else "on-site"
    if scan.search(_MODES_OFFERED_RE, _OFFERED_KEYWORDS):
        return "remote"  # remote among the ways of working a role offers
    if split_week or stated(
        scan.finditer(_HYBRID_RE, _HYBRID_KEYWORDS), _HYBRID_CONTEXT_RE, _HYBRID_AFTER_RE, away=True
    ):
        return "hybrid"
    if stated(scan.finditer(_REMOTE_RE, _REMOTE_KEYWORDS), _REMOTE_CONTEXT_RE, _FOR_NOW_RE, away=True):
        return "remote"
    if (
        stated(_onsite_matches(scan), _ONSITE_CONTEXT_RE, _IF_NEEDED_RE)
        or stated(scan.finditer(_AT_SITES_RE, _AT_SITES_KEYWORDS, before=0))
        or stated(scan.finditer(_ONE_OF_OURS_RE, _ONE_KEYWORDS))
        or stated(_ending_in(scan, _OUR_SITE_RE, _OUR_SITE_KEYWORDS, _SITE_END))
        or stated(scan.finditer(_IN_THE_PLANT_RE, _PLANT_KEYWORDS))
        or stated(
            _ending_in(scan, _CLINICAL_UNIT_RE, _CLINICAL_UNIT_KEYWORDS, _UNIT_WORDS, cased=True),
            _CLINICAL_UNIT_CONTEXT_RE,
        )
        or stated(scan.finditer(_LOCAL_RESIDENT_RE, _RESIDENT_KEYWORDS))
        or stated(scan.finditer(_CLINICAL_DEPARTMENT_RE, _DEPARTMENT_KEYWORDS))
        or stated(scan.finditer(_WORK_SETTING_RE, _SETTING_KEYWORDS), _ONSITE_CONTEXT_RE)
    ):
        return "on-site"
    if any(_WORKPLACE_PLACE_RE.search(place) for place in _labelled_places(scan)):
        return "on-site"  # the job's location is a hospital, a campus, a warehouse
    # working from home ruled out and nothing else said: the work is done in person ("This position is
    # not eligible for telework", "Remote Position? No")
    return "on-site" if ruled_out else None


def _place(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    address = value.get("address", value)
    if isinstance(address, str):
        return address.strip() or None
    if not isinstance(address, dict):
        return _place(value.get("name"))
    parts = [address.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
    names = [p.get("name") if isinstance(p, dict) else p for p in parts]
    joined = ", ".join(str(n) for n in names if n)
    return joined or _place(value.get("name"))  # {"@type": "Country", "name": "Germany"}


def _state_commas(scan: Scan) -> list[int]:
    """Where a comma stands before a state ("Austin, TX"): what every match of _CITY_STATE_RE holds.
    A text has a comma every line or so, a state after one seldom: searched near these only.
    (One search of the text, which skips from comma to comma in C; two matches cannot overlap.)"""
    return [match.start() for match in _COMMA_STATE_RE.finditer(scan.text)]


# A short line of the posting's head that names a place beside its mode, as boards put it under the
# title: "Kraków / Remote", "London (Hybrid)", "Hybrid in London", "On-site - Austin, TX". Not a
# title with its mode ("Data Engineer - Remote": a job's noun), nor a term ("Remote / Contract").
_MODE_WORD = r"(?i:(?:(?:fully|100\s?%|partly|partially|mostly)[- ]{1,3})?(?:remote|hybrid|on[- ]?site|in[- ]office))"
_LINE_PLACE = (
    r"(?P<place>(?!(?:Contract|Permanent|Temporary|Freelance|Home|Office|Global|Worldwide|International|"
    r"Nationwide|Multiple|Various|Flexible|Negotiable|Remote|Hybrid|On)\b)"
    + _NOT_PLACE_WORDS
    + r"[A-Z][\w'’.-]{1,30}(?: [A-Z][\w'’.-]{1,30}){0,3}(?:,\s{0,2}[A-Z][\w'’.-]{1,30}(?: [A-Z][\w'’.-]{1,30}){0,2})?)"
)
_MODE_LINE_RE = Regex(
    # (and the mode's terms in its brackets: "Bengaluru (Hybrid - 3 days WFO)")
    rf"(?:{_LINE_PLACE}\s{{0,3}}(?:[-–—|/·•,]|\(|\s(?i:or)\s)\s{{0,3}}{_MODE_WORD}(?:\s{{0,3}}[-–—,:;]\s{{0,3}}[^()\n]{{1,30}}\))?\)?|"
    rf"{_MODE_WORD}\s{{0,3}}(?:[-–—|/·•:,(]|\s(?i:in|from|at)\s)\s{{0,3}}{_LINE_PLACE.replace('place', 'place2')}\)?)"
)
# a job's noun: "Data Engineer - Remote" is a title beside its mode, no place
_JOB_NOUN_RE = Regex(
    rf"\b(?:{JOB_NOUNS}|agent|worker|operator|clerk|driver|teacher|writer|editor|recruiter|sales|support|"
    r"job|role|position|team)s?\b",
    re.I,
)
# the posting's head, where such a line stands (its title, the first line, is no place)
_HEAD = 600
_MODE_LINE_KEYWORDS = keywords("remote", "hybrid", "site", "office")
_LINE_DECOR = " \t\r*_#•·>-–—📍🌍🏠🏢"


def _mode_line_places(scan: Scan) -> Iterator[str]:
    """The places of the posting head's short lines that name one beside its mode (``_MODE_LINE_RE``)."""
    text = scan.text
    first_end = text.find("\n")
    seen = -1
    for at in scan.starts(_MODE_LINE_KEYWORDS):
        if at >= _HEAD or first_end < 0:
            return
        if at < first_end or at <= seen:
            continue  # the title's line, or a line read already
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        seen = end = len(text) if end < 0 else end
        line = text[start:end].strip(_LINE_DECOR)
        if len(line) > 60 or (match := _MODE_LINE_RE.fullmatch(line)) is None:
            continue
        place = match.group("place") or match.group("place2")
        if not _JOB_NOUN_RE.search(place):
            yield place


@cache
def _before_country() -> int:
    """How far before its country a "City, Country" match can start (worked out on first use)."""
    return longest(_BEFORE_COUNTRY)


def _labelled_places(scan: Scan) -> Iterator[str]:
    """The places of "Location:" lines: each of a list ("New York, NY; San Francisco, CA"), up to
    what scraping glued on."""
    for match in scan.finditer(_LOCATION_LABEL_RE, _LOCATION_LABEL_KEYWORDS, before=_LOCATION_LABEL_BEFORE):
        for listed in re.split(r"\s{0,3}[;|]\s{0,3}", _GLUED_FACT_RE.split(match.group("place"), maxsplit=1)[0]):
            place = re.sub(r"\s{1,3}(?:or|and)$", "", _MODE_WORDS_RE.sub("", listed).strip(" -–—|*,;"))
            # (a name or an address: not "working within community locations")
            if (place[:1].isupper() or place[:1].isdigit() or place[:1] == "<") and not _NOT_A_PLACE_RE.match(place):
                yield place


def read_locations(scan: Scan, meta: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """Where the job is: schema.org jobLocation, "Location:" lines, "remote within the US",
    "based in London"."""
    places: list[str] = []
    if meta:
        for key in ("jobLocation", "applicantLocationRequirements"):
            value = meta.get(key)
            for item in value if isinstance(value, list) else [value]:
                place = _place(item)
                if place:
                    places.append(place)
        if isinstance(meta.get("location"), str):
            places.append(meta["location"])
    text = scan.text
    places += _labelled_places(scan)
    for match in scan.finditer(_REMOTE_PLACE_RE, _REMOTE_PLACE_KEYWORDS, before=_REMOTE_PLACE_BEFORE):
        places.append(match.group("place").strip())
    for match in scan.finditer(_OFFICE_PLACE_RE, (), cased=_OFFICE_PLACE_CASED, before=_OFFICE_PLACE_BEFORE):
        if " our " in match.group(0) and not _OFFICE_WORDS_RE.match(text, match.end()):
            continue  # "in our ERP system" is no place; "in our Manchester office" is
        places.append(match.group("place").strip())
    for match in scan.finditer_at(_CITY_STATE_RE, _state_commas(scan)):
        places.append(match.group("place").strip())
    for match in scan.finditer(_AU_PLACE_RE, (), cased=_AU_STATES, before=_AU_PLACE_BEFORE):
        places.append(match.group("place").strip())
    places += (match.group("place") for match in _AU_HEAD_LINE_RE.finditer(text, 0, _BOARD_HEAD))
    places += _mode_line_places(scan)
    # (searched only where a comma stands before the country: not "the UK", "across India")
    after_commas = [m.start("country") for m in _COMMA_COUNTRY_RE.finditer(text)]
    for match in scan.finditer_at(_CITY_COUNTRY_RE, after_commas, before=_before_country()):
        city, region = match.group("city", "region")
        # not a list of countries ("Spain, Italy") or of cities, nor a company ("Acme Ltd, UK")
        if (
            city not in _COUNTRY_NAMES
            and region not in _COUNTRY_NAMES
            and city.rsplit(None, 1)[-1].title() not in _NOT_CITY_ENDS
            and not _LIST_BEFORE_RE.search(text, max(0, match.start() - 5), match.start())
        ):
            places.append(match.group("place").strip())
    return tuple(dict.fromkeys(p for p in places if p))


# the dollar of a country by the places a job board's header names where the reader found no
# location of its own ("Burleigh Heads, Gold Coast QLD", "Ponsonby, Auckland"): read in the head only
_HEAD_DOLLARS = (
    ("AUD", Regex(r"\b(?:NSW|VIC|QLD|TAS)\b|\b(?:Sydney|Melbourne|Brisbane|Adelaide|Canberra|Hobart|Gold Coast)\b")),
    ("NZD", Regex(r"\b(?:Auckland|Wellington|Christchurch|Canterbury|Waikato|Otago|Dunedin|Tauranga)\b")),
    ("CAD", Regex(r"\b(?:Toronto|Vancouver|Montr[ée]al|Calgary|Ottawa|Edmonton|Winnipeg)\b")),
    ("SGD", Regex(r"\bSingapore\b|\bMyCareersFuture\b")),
    ("HKD", Regex(r"\bHong Kong\b")),
)
_BOARD_HEAD = 300  # characters: a board's header block under the title (not _HEAD, the head's mode lines)


def dollar_of_head(text: str) -> str | None:
    """The dollar of the one country outside the US whose places the head of ``text`` names
    (for a posting with no location read); None for none or several."""
    head = text[:_BOARD_HEAD]
    found = {code for code, regex in _HEAD_DOLLARS if regex.search(head)}
    return found.pop() if len(found) == 1 else None


_US_STATE_NAMES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip
# a US address with its state in full: "Chelsea, Massachusetts 02150", "Kennesaw, Georgia"
_US_ADDRESS_RE = Regex(
    rf"(?-i:[A-Z][a-z]{{1,30}},\s{{1,3}}(?:{'|'.join(_US_STATE_NAMES)})\b|"
    rf"\b(?:{'|'.join(_US_STATE_NAMES)}),?\s{{1,3}}\d{{5}}\b|"
    # (or its government: "the Commonwealth of Massachusetts", "State of Ohio")
    rf"\b(?:Commonwealth|State) of (?:{'|'.join(_US_STATE_NAMES)})\b)"
)


def currency_of_place(places: tuple[str, ...], text: str) -> str | None:
    """The currency of where the job is, for pay written without one ("Salary: 73,194.86 -
    137,408.98 Yearly"): a dollar of the places read (``dollar_of``), the US's where they are in
    the US or the text gives a US address; else None."""
    dollar = dollar_of(places)
    if dollar is not None:
        return dollar
    if any(_CITY_STATE_RE.fullmatch(p.strip(" .")) or _US_PLACE_RE.search(p.strip(" .")) for p in places):
        return "USD"
    return "USD" if not places and _US_ADDRESS_RE.search(text) else None


def dollar_of(places: tuple[str, ...]) -> str | None:
    """The dollar of the country every place that names one is in, when it is not the US's:
    "Toronto, ON" → CAD, "St Leonards NSW 2065" → AUD; None for a US place, a mix, or none."""
    found: set[str] = set()
    for place in places:
        place = place.strip(" .")
        found.update(code for code, regex in _DOLLARS if regex.search(place))
        if _CITY_STATE_RE.fullmatch(place) and not any(regex.search(place) for _, regex in _DOLLARS):
            return None  # a US state's city: the dollar is the US's
        if _US_PLACE_RE.search(place):
            return None
    return found.pop() if len(found) == 1 else None
