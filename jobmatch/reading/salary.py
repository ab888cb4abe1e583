"""The pay a posting states: "$120,000 - $160,000 a year", "£55k–£65k", "€45/hour", "up to 90k"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .layout import BOILERPLATE, Layout
from .scan import Regex, finditer_led, longest

__all__ = ["Salary", "in_local_dollars", "read_salary"]


@dataclass(frozen=True)
class Salary:
    """Pay as stated: amounts in units of ``currency`` (ISO code, None when unstated) per ``period``
    (year, month, week, day or hour); ``min`` is None for "up to 90k"."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str


_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "¥": "JPY", "₱": "PHP", "₩": "KRW", "₫": "VND", "฿": "THB",
            "₦": "NGN", "৳": "BDT"}  # fmt: skip
_SIGNS = "".join(_SYMBOLS)  # (for character classes: "[$£€…]")
_PREFIXED = {"HK$": "HKD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN",
             "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "US$": "USD", "S$": "SGD",
             "Rs": "INR", "Rs.": "INR", "R": "ZAR", "PHP": "PHP", "RM": "MYR", "Rp": "IDR"}  # fmt: skip
# the dollars named by their prefix ("HK$", "C$"), longest first, as the currency pattern tries them
_DOLLAR_PREFIXES = "|".join(re.escape(k) for k in sorted(_PREFIXED, key=len, reverse=True) if k.endswith("$"))
_CODES = (
    r"USD|GBP|EUR|CAD|AUD|NZD|INR|CHF|SEK|NOK|DKK|SGD|JPY|PLN|ZAR|"
    # (the Gulf's, Asia's, Latin America's and the rest of Europe's, as boards write them: "AED 18,000")
    r"AED|SAR|QAR|KWD|BHD|OMR|HKD|MYR|THB|IDR|VND|CNY|KRW|BRL|MXN|TRY|ILS|EGP|NGN|KES|CZK|HUF|RON|"
    r"LKR|PKR|BDT|NPR|TWD|COP|CLP|UAH|BGN|GHS"
)
_AMOUNT = (
    # (also with a space after the comma: "$ 60, 000 - $90, 000")
    r"(?:\d{1,3}(?:,\d{2,3}|, \d{3}(?!\d)){1,6}(?:\.\d{1,4})?|\d{1,3}(?:\.\d{3}){1,4}(?![\d,])|"
    r"\d{1,3}(?:['’]\d{3}){1,4}|"
    # (thousands parted by a space, as Poland and France write them, before a currency or a range's
    # dash: "18 000 - 24 000 PLN", "45 000 €"; not "top 3 100-metre…")
    rf"\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}}){{1,3}}"
    rf"(?=\s{{0,3}}(?:[-–—]\s{{0,3}}R?\d|to\s|{_CODES}|zł|[€$£]|(?i:net|netto|gross|brutto|basic|base)\b|\+\s{{0,3}}VAT|"
    # (or ending its sentence, its line or before the period: "SEK 34 000 – 38 000.", "1 300 000 per year")
    r"\.(?:\s|$)|$|\n|(?i:per|a|an|/)\s{0,3}(?i:year|annum|month|week|day|hour)\b))|"
    r"\d{1,12}(?:\.\d{1,4})?)\s{0,3}"
    # (a "k" also where scraping glued the next word on: "$50-55KComprehensive benefits")
    r"(?:[kK](?![a-z]|[A-Z](?![a-z]))|(?i:lpa|lakhs?|lacs?|crores?)\b)?"
    # (and a footnote's mark: "£17.01* per hour – Weekdays")
    r"\*?"
)
_CURRENCY = (
    rf"(?:(?:{_CODES})\s{{0,3}})?(?:{_DOLLAR_PREFIXES}|[{_SIGNS}]|"
    # India's rupees, South Africa's rand, Malaysia's ringgit and Indonesia's rupiah by their letters,
    # only before a figure in thousands ("Rs. 6,00,000", "R 45,000", "RM 8,000", "Rp 7.000.000"; not
    # R's version, "R 4.2")
    # (and the Philippine peso's code, which PHP's version shares: "PHP 28,000", not "PHP 8"; or
    # before a rate: "PHP 250 per hour")
    r"(?-i:\bRs\.?|\bR|\bRM|\bRp|\bPHP)(?=\s?\d{1,3}(?:(?:,\d{2,3})+|(?:\.\d{3})+|(?:[ \u00a0]\d{3})+)(?![\d,]))|"
    r"(?-i:\bPHP)(?=\s?\d[\d,.]*\s{0,3}(?i:per|/|an?)\s{0,3}(?i:hour|hr|day|month|year|annum)\b))?"
)
# (in any case: "$100,000 Per Year", "$5,000/Month", "$90,000 Annually")
_PERIOD = (
    # ("$ 100 USD /one day"; "$4,000 + per month", a figure and more)
    r"(?i:\s{0,3}(?:\+\s{0,3}(?=per\b))?(?:\(?(?:net|gross|basic)\)?\s{0,3})?(?:(?:per|/)\s{0,3}one\s{1,3}|per|a|an|/|p\.?|pro)\s{0,3}"
    # (a word's end, also where scraping glued the next label on: "per hourExpected hours: 20")
    r"(?P<unit>year|yr|annum|hour|hr|month|mo|week|wk|day|jahr|monat|stunde|bulan|tahun)(?-i:(?![a-z\d_]))|"
    # (and as German postings say it: "€4.000 brutto monatlich", "65.000 € pro Jahr")
    r"\s{0,3}(?:(?:brutto|netto)\s{1,3})?"
    r"(?P<adverb>annually|annual|yearly|hourly|monthly|weekly|daily|p\.?a\.?(?!\w)|ph\b|pro[- ]rata\b|"
    r"monatlich|jährlich)(?-i:(?![a-z\d_])))?"
)
# a symbol after the figure, as much of Europe writes it: "65.000 €", "55 k€"
_AFTER = r"(?:\s?(?P<{}>[€£$]))?"
# what may stand before the first figure: "up to ", a currency
# (and "between", which makes "and" a range's dash: "between $228,000 and $350,000")
_LEAD = (
    # (and glued to its currency: "Salary: Up to£38,890 per annum")
    rf"(?P<between>(?i:\bbetween\s{{1,3}}))?"
    rf"(?P<upto>(?i:\bup ?to(?:\s{{1,3}}|(?=[{_SIGNS}]))|\bup\s{{1,3}}(?=[{_SIGNS}])))?"
    rf"(?P<cur1>{_CURRENCY})\s{{0,3}}"
)
# (opening with a look at where a match can begin: "up to", a currency code or symbol, a figure, or
# white space right before a figure; ``re`` turns every other position away at once). A pay band's
# or grade's number is no amount ("Band 6 - £21.34-£33.46ph").
_SALARY_RE = Regex(
    rf"(?=[uUbBACDEGHIJKLMNOPQRSTVZ{_SIGNS}\d]|\s{{1,3}}\d){_LEAD}(?<![Bb]and )(?<![Gg]rade )(?<![Ss]tep )"
    rf"(?P<low>{_AMOUNT}){_AFTER.format('post1')}"
    # (the period may follow each figure: "$170,000/yr - $210,000/yr")
    # (and its code: "12 800 PLN - 17 600 PLN")
    # (or in words before the dash: "$60.00 USD Hourly - $65.00 USD Hourly")
    rf"(?:(?:\s{{0,3}}(?P<code1>{_CODES})\b)?(?:\s{{0,3}}/\s{{0,3}}(?P<unit1>yr|year|hr|hour|annum|month|mo|week|wk|day)|"
    rf"\s{{1,3}}(?P<adverb1>(?i:hourly|yearly|annually|monthly|weekly|daily))(?=\s{{0,3}}[-–]))?"
    # (its ends named after each figure: "$106,000.00 min- $125,000.00 max annually")
    rf"(?:\s{{0,3}}(?i:min(?:imum)?)(?=\s{{0,3}}[-–]))?"
    # (the dash as a wrong decoding leaves it: "$18.76 \ufffd $28.14")
    # ("from a minimum of $29,600.00 to a maximum of $67,500.00")
    # ("Minimum salary of $120,369 to maximum salary of $174,797")
    rf"\s{{0,3}}\\?(?:-|–|—|to(?:\s{{1,3}}(?:a\s{{1,3}})?max(?:imum)?(?:\s{{1,3}}(?:salary|pay|rate))?\s{{1,3}}of)?|"
    rf"\ufffd|(?(between)and|(?!)))"
    rf"\s{{0,3}}(?P<cur2>{_CURRENCY})\s{{0,3}}(?P<high>{_AMOUNT}){_AFTER.format('post2')}(?:\s{{0,3}}(?i:max(?:imum)?)\b)?)?"
    rf"(?:\s{{0,3}}(?P<code>(?:{_CODES}|(?i:euros?))\b|zł(?!\w)|zl\b))?"
    # ("PLN 1100 net + VAT per day": the pay before tax, as Poland's B2B rates are stated)
    rf"(?:\s{{0,3}}(?i:net|netto|gross|brutto)\b)?(?:\s{{0,3}}\+\s{{0,3}}VAT\b)?{_PERIOD}",
)
# the period named before the figure: "a daily rate of £500", "hourly pay: $22"
_PERIOD_BEFORE_RE = Regex(
    r"\b(?P<adverb>annual|yearly|hourly|monthly|weekly|daily|day)\s{1,3}(?:rate|pay|salary|wage)s?\b[^.\d\n]{0,12}$",
    re.I,
)
# a word every match of _PERIOD_BEFORE_RE holds (lower case), and a search for any of them
_PERIOD_WORDS = ("rate", "pay", "salar", "wage")
_PERIOD_WORDS_RE = Regex("|".join(_PERIOD_WORDS))
# a job board's guess, not the posting's figure
# (or a board's, named: "€58K - €74K (Glassdoor est.)")
_ESTIMATED_RE = Regex(r"\s{0,3}(?:[-–—(]\s{0,3})?(?:[a-z]+\s{1,3})?(?:estimated|est\.)", re.I)
# (or a "+" on the figure: "$70K+ plus commission"; not one that adds: "£65k + bonus", "£65k+bonus")
_OPEN_ENDED_RE = Regex(r"(?<!\s)\+(?![A-Za-z\d])|\s{0,3}(?:\(?\s{0,3}and up|and above|or more)\b", re.I)
# a match's figures, then what marks it as money or pay (a currency, a code, a period, "up to")
_FIGURES_AND_MARKS = (
    "low", "high", "cur1", "cur2", "code", "code1", "post1", "post2", "unit", "adverb", "unit1", "adverb1", "upto",
)  # fmt: skip
# a lowest figure named before it: "starting at $18/hour", "from £400 per day"
_OPEN_ENDED_BEFORE_RE = Regex(
    # ("Compensation: Starting $18.50/hr")
    r"\b(?:starting(?: (?:at|from))?|starts? (?:at|from)|from|at least|minimum(?: of)?)\s{0,3}$",
    re.I,
)
_SALARY_WORDS_RE = Regex(
    # (also glued to the word before by scraping: "Job Type: Full-timePay: From $80,000")
    r"salary|compensation|(?:\b|(?-i:(?<=[a-z])(?=P)))pay\b|\bbase\b|(?:\b|(?-i:(?<=[a-z])(?=R)))rate\b|\bOTE\b|wage|"
    r"per annum|remuneration|\bCTC\b|\brange\b|\btraining allowance\b",
    re.I,
)
# amounts that are not the pay: a premium on top, a budget, a bonus, an allowance
_EXTRA_PAY_RE = Regex(
    # (not past a word that adds to the pay, nor a list's next item: "$50-$60 per hour- Pay differential")
    r"(?:(?!\b(?:plus|and|with)\b|(?-i:-\s{0,3}[A-Z]))[^.;,+\n$£€₹\d]){0,25}?\b(?:premium|differential|bonus|allowance|budget|"
    # ("$500 annually to spend on increasing personal sustainability")
    r"reimburse\w*|discount|stipend for|to\s{1,3}spend|"
    r"match(?:ed|ing)?|cover|credit|relocation|signing|sign-on|prizes?|grants?|donat\w*|giving|charit\w*|"
    # ("$160 annually in development dollars")
    r"(?:development|learning|training|education|wellness)\s{1,3}(?:dollars|funds?))\b"
    # (nor the next label on the line: "Base Salary: $180,000-$220,000 Equity Grants: Every employee…")
    r"(?!\s{0,3}:)",
    re.I,
)
# the same, named before the amount: "High Cost Area Supplement … (with a minimum of £3,784", "a
# sign-on bonus of $5,000", "London Weighting allowance: £2,000"
_EXTRA_PAY_BEFORE_RE = Regex(
    # (not an apprentice's pay: "a training allowance … of €1.150 gross per month")
    # (nor what the best earn: "Our top performers earn between $75,000-$100,000/per year")
    r"\b(?:supplement|(?<!training )allowance|weighting|premium|differential|bonus|reimburse\w*|relocation|"
    r"contributions?|top\s{1,3}(?:performers|earners|producers|sellers))\b"
    r"[^.;!?\n]{0,60}$",
    re.I,
)
# superannuation on top of or within the pay, as Australia states it: "$160k + super", "$62.50 per
# hour plus super", "$95,000 + 11.5% super", "$120k inc. super", "$85,000 package including superannuation"
_SUPER_RE = Regex(
    r"[\s,]{0,3}(?:(?:package|salary|base)\s{1,3})?"
    r"(?:\(\s{0,3})?(?:\+|plus|inc\.?|incl\.?|including|inclusive of|excluding|excl\.?|ex\.?|and)"
    r"\s{0,3}(?:\d{1,2}(?:\.\d{1,2})?\s?%\s{0,3})?(?:compulsory\s{1,3})?super(?:annuation)?\b",
    re.I,
)
_BASE_RE = Regex(r"\s{0,3}(?:base|salary|basic)\b", re.I)
_OTE_RE = Regex(r"\bOTE\b|\bon[- ]target earnings\b", re.I)
# "OTE" right after a figure: that figure's mark
_OTE_MARK_RE = Regex(r"\s{0,3}\(?(?:OTE|on[- ]target earnings)\b", re.I)
_BASE_WORD_RE = Regex(r"\bbase\b", re.I)
_ADD_ON_RE = Regex(r"(?:\bplus|\+|\badditional|\bextra|\bon top of)\s{0,3}$", re.I)
_NOT_SALARY_RE = Regex(
    # (and a trillion: "representing over $4T in market value"; "in market value")
    # (nor a rough size: "High $70,000s to Mid $80,000s")
    r"\s{0,3}(?:billion|million|trillion|bn|mn|m\b|M\b|B\b|T\b|in (?:funding|revenue|assets|sales|market value)|ARR|"
    r"(?<=\d)s\b|"
    r"(?:people|employees|staff|members|users|customers|clients)\b|"  # "Company size: 501–1k people"
    # (a rate of something other than time: a driver's "$0.65 per mile", a tutor's "per credit hour")
    r"(?:per|/|a)\s{0,3}(?:mile|km|kilometre|kilometer|load|stop|piece|unit|credit hour|word|lesson)\b|cpm\b)",
    re.I,
)
_UNITS = {"bulan": "month", "tahun": "year",
          "year": "year", "yr": "year", "annum": "year", "annually": "year", "annual": "year", "yearly": "year",
          "pa": "year", "p.a.": "year", "p.a": "year", "hour": "hour", "hr": "hour", "hourly": "hour",
          "ph": "hour", "month": "month", "mo": "month", "monthly": "month", "week": "week", "wk": "week",
          "weekly": "week", "day": "day", "daily": "day", "pro rata": "year", "lpa": "year", "jahr": "year",
          "jährlich": "year", "monat": "month", "monatlich": "month", "stunde": "hour"}  # fmt: skip


_DIGITS = tuple("0123456789")
_DIGIT_RE = Regex(r"\d")  # (a figure's first digit, as the pattern's own \d reads it)
_MULTIPLIERS = {"k": 1e3, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7}


@cache
def _lead_width() -> int:
    """How far before its first digit a match can start (worked out on first use, not on import)."""
    return longest(_LEAD)


def _money(raw: str) -> float:
    """ "120,000" → 120000; "55k" → 55000; "12,00,000" (Indian grouping) → 1200000; "7 LPA" → 700000."""
    raw = _SPACED_THOUSANDS_RE.sub("", raw.strip().rstrip("*"))  # "18 000" → "18000"; "17.01*" → "17.01"
    match = re.fullmatch(r"([\d,.'’]+)\s{0,3}([a-zA-Z]*)", raw)
    assert match is not None, raw
    digits = re.sub(r"['’]", "", match.group(1))  # "120'000", as Switzerland writes it
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")  # "€78.000": a dot between thousands, as much of Europe writes
    value = float(digits.replace(",", ""))
    return value * _MULTIPLIERS.get(match.group(2).lower(), 1)


# tips on top of the pay: "$500-$1000+ a month in tips"
_IN_TIPS_RE = Regex(
    r"\+?\s{0,3}(?:(?:a|an|per)\s{1,3}(?:month|week|year|hour|shift|day|night)\s{1,3})?in\s{1,3}(?:tips|gratuities)\b",
    re.I,
)
_HOURS_BEFORE_RE = Regex(r"\b(?:hours|hrs)\b[^\d\n]{0,20}$", re.I)
_SHARE_OR_MULTIPLE_RE = Regex(r"\s{0,3}(?:%|[x×](?![a-wyz]))", re.I)
# ("18 000", and a space after a comma: "60, 000")
_SPACED_THOUSANDS_RE = Regex(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))|(?<=\d,) (?=\d{3}(?!\d))")


def _scaled(raw: str) -> bool:
    return _SCALED_RE.search(raw.strip().rstrip("*")) is not None


_SCALED_RE = Regex(r"[kK]$|(?i:lpa|lakh|lac|crore)")
_INDIAN_UNITS_RE = Regex(r"lpa|lakh|lac|crore", re.I)


def _currency_of(*marks: str | None) -> str | None:
    for mark in marks:
        if not mark:
            continue
        mark = mark.strip()
        code = re.match(rf"({_CODES})", mark, re.IGNORECASE)  # (and "EURO", "euros")
        if code:
            return code.group(1).upper()
        if mark in ("zł", "zl"):
            return "PLN"  # Poland's złoty by its sign
        for prefix, name in _PREFIXED.items():
            if mark.endswith(prefix):
                return name
        if mark[-1:] in _SYMBOLS:
            return _SYMBOLS[mark[-1]]
    return None


def read_salary(layout: Layout, meta: Mapping[str, Any] | None = None) -> Salary | None:
    """The stated pay: "$120,000 - $160,000 a year", "£55k–£65k", "€45/hour", "up to 90k"; a
    schema.org ``baseSalary`` when the source has one. None for "competitive salary"."""
    from_meta = _salary_from_jsonld(meta.get("baseSalary")) if meta else None
    if from_meta is not None:
        return from_meta
    text = layout.text
    best: tuple[int, Salary] | None = None
    # every match holds a figure and starts at most _LEAD's length before its first digit; and
    # there is one at every figure (its parts around the first digit are all optional): each
    # search is started that far before the next digit, and is over a few characters later
    lower = layout.lower
    for match in finditer_led(_SALARY_RE, text, _DIGIT_RE, _lead_width()):
        low, high, *marks = match.group(*_FIGURES_AND_MARKS)
        if not any(marks) and not _scaled(low) and not (high and _scaled(high)):
            # a bare figure (most are: dates, counts, years) is pay only after "hourly rate" and the
            # like: ruled out at once where none of those words stands just before it
            start = match.start()
            if lower is not None and not _PERIOD_WORDS_RE.search(lower, max(0, start - 40), start):
                continue
        # (a code written after the figure says which dollar: "$65,000 - $75,000 CAD")
        currency = _currency_of(
            match.group("code"),
            match.group("code1"),
            match.group("cur1"),
            match.group("cur2"),
            match.group("post1"),
            match.group("post2"),
        )
        if currency == "USD" and match.group("cur1") == "$" and _SUPER_RE.match(text, match.end()):
            currency = "AUD"  # "$160k + super": superannuation on top is Australia's
        if currency is None and _INDIAN_UNITS_RE.search(f"{low} {high or ''}"):
            currency = "INR"  # lakhs and crores are India's: "CTC: 12-18 LPA"
        unit = match.group("unit") or match.group("adverb") or match.group("unit1") or match.group("adverb1")
        if unit is None and "lpa" in f"{low} {high}".lower():
            unit = "LPA"  # lakhs per annum: "₹12 LPA", "7–10 LPA"
        before = text[max(0, match.start() - 40) : match.start()]
        if not currency and _HOURS_BEFORE_RE.search(before):
            continue  # hours of work, not pay: "Expected hours: 36 – 40 per week"
        if unit is None and (named_period := _PERIOD_BEFORE_RE.search(before)):
            unit = named_period.group("adverb")
        thousands = _scaled(low) or bool(high and _scaled(high))
        # (a bare "up to" figure is pay in a salary's size: "up to 90,000", not "up to 4")
        if not (currency or thousands or unit or (match.group("upto") and _money(low) >= 1000)):
            continue
        if not (currency or thousands) and _COUNT_OF_RE.match(text, match.end()):
            continue  # so many a week of something: "Host 4-6 weekly virtual meetings", "25 to 30 weekly clients"
        if (
            _NOT_SALARY_RE.match(text, match.end())
            or _ESTIMATED_RE.match(text, match.end())
            or (_EXTRA_PAY_RE.match(text, match.end()) and not _BASE_RE.match(text, match.end()))
            # (a share or a multiple: "5%", "up to 4 x your salary", "2x base")
            or _SHARE_OR_MULTIPLE_RE.match(text, match.end("high") if high else match.end("low"))
            or _IN_TIPS_RE.match(text, match.end())
        ):
            continue
        # what stands before this amount and after any earlier one
        # (from a word's start: "…Corporate Travel" holds no "rate")
        context = re.split(rf"[{_SIGNS}]\s?\d[\d,.]*\S*", text[max(0, match.start() - 80) : match.start()])[-1]
        if match.start() > 80 and text[match.start() - 81].isalnum():
            context = _PART_WORD_RE.sub("", context, count=1)
        if _ADD_ON_RE.search(context) or _EXTRA_PAY_BEFORE_RE.search(context):
            continue  # "$20.25/hour starting pay, plus $1.50/hour once certified", "a bonus of $5,000"
        # (a basic salary named after its figure: "£30,000 basic + commission")
        named = _SALARY_WORDS_RE.search(context) is not None or _BASE_RE.match(text, match.end()) is not None
        if layout.section_at(match.start()).kind == BOILERPLATE and not named and not (high and currency):
            # "€1,000 a year for learning" in the benefits; but a range in money is the pay where it
            # heads "What you get" ("S$4,500 – S$5,800 per month"), as budgets and bonuses are no ranges
            continue
        # a range whose ends are labelled apart: "Min Hiring Rate $16.30 Max Hiring Rate $22.00"
        labelled_max = _labelled_max(text, match) if high is None else None
        score = (2 if named else 0) + (2 if high or labelled_max else 0) + (1 if unit else 0)
        # (not the mark of the figure before: "Compensation: $180-230k OTE Base: $90k-115k")
        ote_before = _OTE_MARK_RE.match(context)
        if _OTE_RE.search(context, ote_before.end() if ote_before else 0):
            score -= 3  # on-target earnings, commission included: the pay when no basic salary is stated
        if ote_before and _BASE_WORD_RE.search(context):
            score += 1  # the base pay named after on-target earnings: "… $180-230k OTE Base: $90k-115k"
        score += 1 if currency else 0
        if currency and not high and (thousands or _money(low) >= 10000) and _opens_line(text, match.start()):
            score += 1  # "AUD 120k + super", "£45,000 + bonus": a salary's size, on a line of its own
        if match.group("upto") and (thousands or unit or _money(low) >= 10000):
            score += 1  # "Up to £120k + equity": a ceiling this size is pay, as few other figures are
        if score < 2 or (high is None and currency is None and not match.group("upto") and not unit):
            continue
        low_value = _money(low)
        high_value = _money(high) if high else None
        if labelled_max is not None and labelled_max > low_value:
            high_value = labelled_max
        else:
            labelled_max = None  # (no upper end of this figure: "from $50,000 with commission up to $20,000")
        if high is not None and _scaled(high) and not _scaled(low) and low_value < 1000:
            low_value = _money(low + re.sub(r"^[\d,.'’\s]+", "", high))  # "55–65k", "7–10 LPA"
        if high_value is not None and high_value < low_value:
            if low_value < 20 * high_value:
                low_value, high_value = high_value, low_value  # a range written top first
            else:
                # two rates, not a range: "£40,100 - £19.49 per hour" (a year's pay, then an
                # hour's): the first alone, its period by its size
                high, high_value, unit = None, None, None
        period = _UNITS.get(unit.lower().rstrip(".").replace("-", " ")) if unit else None
        if period is None:
            top = high_value or low_value
            if currency == "PLN" and 3000 <= top < 60000:
                period = "month"  # Poland's boards state pay a month ("18 000 - 24 000 PLN netto")
            else:
                period = "year" if top >= 10000 else "hour" if top < 300 else None
        open_ended = (
            high is None
            and labelled_max is None
            and (
                _OPEN_ENDED_RE.match(text, match.end()) is not None or _OPEN_ENDED_BEFORE_RE.search(before) is not None
            )
        )
        salary = Salary(
            min=None if match.group("upto") else low_value,
            max=None if open_ended else high_value if high_value is not None else low_value,
            currency=currency,
            period=period,
            text=match.group(0).strip(),
        )
        if best is None or score > best[0]:
            best = (score, salary)
    return best[1] if best else None


# the lower end's label before a figure, and the upper end's after it (on its line or within two more)
_MIN_LABEL_RE = Regex(
    # (or a range's start in words: "The base pay for this position ranges from $129,300/year in our lowest
    # geographic market up to $223,600/year")
    rf"(?:\bmin(?:imum)?\b[^\n\d{_SIGNS}]{{0,30}}(?:\n[^\S\n]{{0,3}})?|\branges?\s{{1,3}}from\s{{0,3}})$",
    re.I,
)
_MAX_LABEL_AFTER_RE = Regex(
    rf"[^\S\n]{{0,3}}(?:\n[^\S\n]{{0,3}}){{0,2}}[^\n\d{_SIGNS}]{{0,40}}?\b(?:max(?:imum)?\b|up\s{{1,3}}to\b)"
    rf"[^\n\d{_SIGNS}]{{0,30}}"
    rf"(?:\n[^\S\n]{{0,3}})?(?P<cur>{_CURRENCY})\s{{0,3}}(?P<high>{_AMOUNT})",
    re.I,
)


def _labelled_max(text: str, match: re.Match[str]) -> float | None:
    """The upper end of a range labelled apart, for a figure after a minimum's label: "Min Hiring Rate
    $16.30 Max Hiring Rate $22.00", "Pay Range Minimum: $85,000\nPay Range Maximum: $120,000"."""
    if not _MIN_LABEL_RE.search(text, max(0, match.start() - 40), match.start()):
        return None
    after = _MAX_LABEL_AFTER_RE.match(text, match.end())
    return _money(after.group("high")) if after else None


def _opens_line(text: str, at: int) -> bool:
    """Whether only a bullet or white space stands before ``at`` on its line."""
    return not text[text.rfind("\n", 0, at) + 1 : at].strip(" \t•*-–—|(")


def _salary_from_jsonld(value: Any) -> Salary | None:
    if not isinstance(value, dict):
        return None
    inner = value.get("value")
    amounts = inner if isinstance(inner, dict) else {"value": inner}
    low = amounts.get("minValue", amounts.get("value"))
    high = amounts.get("maxValue")
    try:
        low_value = float(low) if low is not None else None
        high_value = float(high) if high is not None else None
    except (TypeError, ValueError):
        return None
    if low_value is None and high_value is None:
        return None
    unit = str(amounts.get("unitText") or value.get("unitText") or "").lower()
    period = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour"}.get(unit)
    currency = value.get("currency") if isinstance(value.get("currency"), str) else None
    return Salary(low_value, high_value, currency, period, "baseSalary")


_PART_WORD_RE = re.compile(r"^\w+")
# a period word that describes the next word, of a count: "4-6 weekly virtual meetings"
_COUNT_OF_RE = Regex(
    r"(?<=ly)\s{1,3}(?!(?:pay|rate|salary|wage|basis|base|plus|and|or|with|to|depending|doe|dependent|gross|net|"
    r"before|after|including|excluding|inclusive|exclusive|pro|prorated|negotiable|on|for|in|at|per)\b)[a-z]"
)


_NAMED_DOLLAR_RE = Regex(r"US|\b[A-Z]{1,2}\$")


def in_local_dollars(salary: Salary | None, dollar: str | None) -> Salary | None:
    """The pay in ``dollar`` (the currency of where the job is: CAD in Toronto) when it was written
    with a bare "$", which says no more than "dollars"; as it was otherwise ("US$", "USD", "£")."""
    if salary is None or dollar is None or salary.currency != "USD" or "$" not in salary.text:
        return salary
    if _NAMED_DOLLAR_RE.search(salary.text):
        return salary  # "US$90,000", "USD 90,000", "C$": the writer said which
    return replace(salary, currency=dollar)
