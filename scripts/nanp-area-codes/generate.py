#!/usr/bin/env python3
"""Export the jurisdiction of every NANP (+1) area code for ContactImport.

Writes Sources/ContactImport/Resources/nanp-area-codes.json:

- "areaCodes": area code -> jurisdiction. A US area code tied to a place maps to its state as an
  ISO 3166-2 code ("US-FL"); a non-geographic US code (toll free, 5XX personal, 900) to "US"; the
  US territories that libphonenumber treats as regions of their own (PR, GU, VI, AS, MP) to their
  ISO 3166-2 subdivision of the US ("US-PR"), because US federal rules apply there; every other
  NANP member (Canada, the Caribbean) to its ISO 3166-1 country code ("CA", "JM").
- "prefixes": the longer prefixes (area code + exchange, as libphonenumber's geocoder lists them)
  whose state differs from their area code's. The lookup takes the longest listed prefix.

The region of an area code comes from libphonenumber's numbering plans (the first valid number
with that area code); the state from libphonenumber's English geocoder data, which names either
the state ("Florida") or a place and its state ("Miami, FL") for every US prefix it knows.

Usage: python3 scripts/nanp-area-codes/generate.py [OUTPUT]
Requires: pip install phonenumbers (the same version as scripts/phone-metadata/generate.py used)
"""
import collections
import json
import os
import re
import sys

import phonenumbers
from phonenumbers.geodata import GEOCODE_DATA

STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
    "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT",
    "Virginia": "VA", "Washington State": "WA", "West Virginia": "WV", "Wisconsin": "WI",
    "Wyoming": "WY", "Washington D.C.": "DC",
}
STATE_CODES = set(STATES.values())
# Regions libphonenumber keeps apart that are, for US law, places in the United States
# (47 U.S.C. 153: "United States" includes the Territories and possessions).
US_TERRITORIES = {"PR", "GU", "VI", "AS", "MP"}


def state_of(description):
    """The two-letter state a geocoder description names, or None."""
    if description in STATES:
        return STATES[description]
    match = re.search(r", ([A-Z]{2})$", description)
    if match and match.group(1) in STATE_CODES:
        return match.group(1)
    return None


def region_of(area_code):
    """The NANP region whose plan has valid numbers with this area code, or None."""
    for exchange in range(200, 1000):
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{area_code}{exchange}1234"))
        region = phonenumbers.region_code_for_number(number)
        if region and phonenumbers.is_valid_number_for_region(number, region):
            return region
    return None


def us_states(area_code):
    """The state of a US area code and the listed longer prefixes whose state differs from it."""
    key = "1" + area_code
    entries = {k: v["en"] for k, v in GEOCODE_DATA.items() if k.startswith(key) and "en" in v}
    if not entries:
        return None, {}
    states = {k: state_of(v) for k, v in entries.items()}
    unknown = sorted(v for k, v in entries.items() if states[k] is None)
    if unknown:
        raise SystemExit(f"area code {area_code}: cannot tell the state of {unknown[:5]}")
    primary = states.get(key) or collections.Counter(states.values()).most_common(1)[0][0]
    exceptions = {k[1:]: f"US-{s}" for k, s in states.items() if len(k) > 4 and s != primary}
    return primary, exceptions


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    default_out = os.path.join(root, "Sources", "ContactImport", "Resources", "nanp-area-codes.json")
    output = sys.argv[1] if len(sys.argv) > 1 else default_out
    area_codes, prefixes = {}, {}
    for code in range(200, 1000):
        area_code = str(code)
        region = region_of(area_code)
        if region is None:
            continue
        if region in US_TERRITORIES:
            area_codes[area_code] = f"US-{region}"
        elif region != "US":
            area_codes[area_code] = region
        else:
            state, exceptions = us_states(area_code)
            area_codes[area_code] = f"US-{state}" if state else "US"
            prefixes.update(exceptions)
    document = {
        "source": "libphonenumber numbering plans and English geocoder data via the phonenumbers Python package",
        "phonenumbersVersion": phonenumbers.__version__,
        "generator": "scripts/nanp-area-codes/generate.py",
        "areaCodes": area_codes,
        "prefixes": dict(sorted(prefixes.items())),
    }
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, sort_keys=False)
        handle.write("\n")
    states = sum(1 for value in area_codes.values() if value.startswith("US-"))
    print(f"wrote {output}: {len(area_codes)} area codes ({states} US states/territories), {len(prefixes)} prefixes")


if __name__ == "__main__":
    main()
