#!/usr/bin/env python3
"""Writes a seeded random sample of phone-number inputs with the `phonenumbers` verdicts.

Output: Tests/ContactImportTests/Fixtures/phonenumbers-sample.tsv with the columns
    class  region  input  valid  e164  number_region  type  zones
`class` is `plain` (digits, punctuation and an optional leading +: the inputs the Swift
parser must agree on), `letters` or `extension` (which the Swift parser rejects on purpose,
while phonenumbers converts vanity letters and strips extensions).

Usage: python3 scripts/phone-metadata/make-differential-fixture.py [--seed N] [--count N] [OUTPUT]
"""
import argparse
import os
import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from phonenumbers.timezone import time_zones_for_number

TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}
FOCUS_REGIONS = [
    "US", "CA", "GB", "DE", "FR", "IN", "BR", "AU", "JP", "MX", "AR", "IT", "ES", "NL", "CN", "RU", "KZ",
    "ZA", "NG", "PH", "ID", "KR", "SG", "CH", "SE", "IM", "JE", "GG", "AG", "PR", "JM", "NZ", "IE", "BE",
    "AT", "PL", "PT", "TR", "EG", "KE", "CO", "CL", "PE", "VN", "TH", "MY", "PK", "BD", "SA", "AE", "IL",
    "GA", "SM", "VA", "CX", "CC", "FI", "AX", "NO", "SJ", "MA", "EH", "GU", "MG", "NF",
]
TYPES = [t for t in TYPE_NAMES if t != PhoneNumberType.UNKNOWN]
SEPARATORS = [" ", " ", "-", "-", ".", "/", " - "]


def verdict(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ["0", "", "", "", ""]
    if not phonenumbers.is_valid_number(number):
        return ["0", "", "", "", ""]
    zones = [z for z in time_zones_for_number(number) if z != "Etc/Unknown"]
    return [
        "1",
        phonenumbers.format_number(number, PhoneNumberFormat.E164),
        phonenumbers.region_code_for_number(number) or "",
        TYPE_NAMES[phonenumbers.number_type(number)],
        "|".join(zones),
    ]


def punctuate(rng, digits):
    out, i = [], 0
    while i < len(digits):
        step = rng.randint(1, 4)
        out.append(digits[i:i + step])
        i += step
    text = out[0]
    for group in out[1:]:
        text += rng.choice(SEPARATORS) + group
    if rng.random() < 0.2 and len(out) > 1:
        text = "(" + out[0] + ") " + text[len(out[0]):].lstrip(" -./")
    return text


def mutate(rng, digits):
    roll = rng.random()
    if roll < 0.3 and len(digits) > 3:
        i = rng.randrange(len(digits))
        return digits[:i] + digits[i + 1:]
    if roll < 0.6:
        i = rng.randrange(len(digits) + 1)
        return digits[:i] + str(rng.randrange(10)) + digits[i:]
    i = rng.randrange(len(digits))
    return digits[:i] + str(rng.randrange(10)) + digits[i + 1:]


def example(rng, region):
    for _ in range(6):
        number = phonenumbers.example_number_for_type(region, rng.choice(TYPES))
        if number is not None:
            return number
    return phonenumbers.example_number(region)


def vary_national_number(rng, number):
    """A nearby number of the same plan: the example with its last digits randomised."""
    nsn = phonenumbers.national_significant_number(number)
    keep = rng.randint(max(1, len(nsn) - 6), len(nsn))
    nsn = nsn[:keep] + "".join(str(rng.randrange(10)) for _ in range(len(nsn) - keep))
    try:
        return phonenumbers.parse("+%d%s" % (number.country_code, nsn), None)
    except phonenumbers.NumberParseException:
        return number


def plain_input(rng, regions, region):
    kind = rng.random()
    if kind < 0.12:
        length = rng.randint(1, 17)
        digits = "".join(str(rng.randrange(10)) for _ in range(length))
        return rng.choice(["", "+"]) + punctuate(rng, digits) if rng.random() < 0.5 else digits
    source_region = region if rng.random() < 0.55 else rng.choice(regions)
    number = example(rng, source_region)
    if number is None:
        return "+1 " + punctuate(rng, "".join(str(rng.randrange(10)) for _ in range(10)))
    number = vary_national_number(rng, number)
    style = rng.random()
    if style < 0.3:
        text = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    elif style < 0.55:
        text = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    elif style < 0.7:
        text = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    elif style < 0.8:
        text = phonenumbers.format_out_of_country_calling_number(number, region)
    elif style < 0.9:
        cc = str(number.country_code)
        text = cc + " " + punctuate(rng, phonenumbers.national_significant_number(number))
    else:
        prefix = rng.choice(["00", "011", "0011", "810", "+00", ""])
        text = prefix + " " + str(number.country_code) + " " + phonenumbers.national_significant_number(number)
    if rng.random() < 0.25:
        digits = "".join(c for c in text if c.isdigit())
        lead = "+" if text.startswith("+") else ""
        text = lead + punctuate(rng, mutate(rng, digits) if digits else "1")
    if rng.random() < 0.05:
        text = "  " + text + " "
    return text.replace("\u00a0", " ")


def special_input(rng, region):
    number = example(rng, region) or phonenumbers.parse("+14155550100", None)
    base = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    if rng.random() < 0.5:
        marker = rng.choice([" x", " ext. ", " ext ", " extension ", "#", " #", ";", ",,", " x "])
        return "extension", base + marker + str(rng.randint(1, 99999))
    word = rng.choice(["FLOWERS", "CALLNOW", "HELP", "AB", "TAXI", "Tel: ", "call "])
    if word.endswith(" "):
        return "letters", word + base
    digits = "".join(c for c in base if c.isdigit())
    return "letters", digits[: max(3, len(digits) - len(word))] + "-" + word


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--count", type=int, default=24000)
    parser.add_argument("output", nargs="?")
    args = parser.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    output = args.output or os.path.join(root, "Tests", "ContactImportTests", "Fixtures", "phonenumbers-sample.tsv")
    rng = random.Random(args.seed)
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    rows = []
    for _ in range(args.count):
        region = rng.choice(FOCUS_REGIONS) if rng.random() < 0.7 else rng.choice(regions)
        if rng.random() < 0.06:
            kind, text = special_input(rng, region)
        else:
            kind, text = "plain", plain_input(rng, regions, region)
        text = text.replace("\t", " ").replace("\n", " ")
        rows.append([kind, region, text] + verdict(text, region))
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("# phonenumbers %s, seed %d\n" % (phonenumbers.__version__, args.seed))
        handle.write("class\tregion\tinput\tvalid\te164\tnumber_region\ttype\tzones\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    valid = sum(1 for row in rows if row[3] == "1")
    print("wrote %s: %d rows, %d valid" % (output, len(rows), valid))


if __name__ == "__main__":
    main()
