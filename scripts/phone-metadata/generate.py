#!/usr/bin/env python3
"""Export libphonenumber metadata (via the `phonenumbers` package) for ContactImport.

Writes Sources/ContactImport/Resources/phone-metadata.json: per territory the country
calling code, international (IDD) prefix, national prefix rules, possible lengths and
national-number patterns per number type, plus a compacted time-zone prefix map.

Usage: python3 scripts/phone-metadata/generate.py [OUTPUT]
Requires: pip install phonenumbers
"""
import json
import os
import sys

import phonenumbers
from phonenumbers import phonenumberutil
from phonenumbers.phonemetadata import PhoneMetadata
from phonenumbers.tzdata import TIMEZONE_DATA, TIMEZONE_LONGEST_PREFIX

# Order matters: it is the order in which libphonenumber classifies a number.
DESC_FIELDS = [
    ("general", "general_desc"),
    ("premium_rate", "premium_rate"),
    ("toll_free", "toll_free"),
    ("shared_cost", "shared_cost"),
    ("voip", "voip"),
    ("personal_number", "personal_number"),
    ("pager", "pager"),
    ("uan", "uan"),
    ("voicemail", "voicemail"),
    ("fixed_line", "fixed_line"),
    ("mobile", "mobile"),
]


def export_desc(desc, with_local_lengths):
    if desc is None or not desc.national_number_pattern:
        return None
    out = {"p": desc.national_number_pattern, "l": list(desc.possible_length or [])}
    if with_local_lengths and desc.possible_length_local_only:
        out["lo"] = list(desc.possible_length_local_only)
    return out


def export_territory(meta):
    out = {"id": meta.id, "cc": meta.country_code}
    for key, attr in [
        ("idd", "international_prefix"),
        ("np", "national_prefix"),
        ("npp", "national_prefix_for_parsing"),
        ("npt", "national_prefix_transform_rule"),
        ("ld", "leading_digits"),
    ]:
        value = getattr(meta, attr)
        if value:
            out[key] = value
    if meta.same_mobile_and_fixed_line_pattern:
        out["same"] = True
    descs = {}
    for key, attr in DESC_FIELDS:
        exported = export_desc(getattr(meta, attr), key == "general")
        if exported is not None:
            descs[key] = exported
    out["d"] = descs
    return out


def compact_time_zones():
    """Keeps only prefixes whose zone set differs from their nearest listed ancestor.

    Longest-prefix lookup over the kept entries gives the same answer as over the full map,
    because a dropped entry always has an equal-valued ancestor chain ending in a kept one.
    Entries of three digits or fewer are always kept: country-level lookups use them exactly.
    """
    sets, set_index, kept = [], {}, {}
    for prefix in sorted(TIMEZONE_DATA):
        zones = tuple(TIMEZONE_DATA[prefix])
        ancestor = None
        for cut in range(len(prefix) - 1, 0, -1):
            if prefix[:cut] in TIMEZONE_DATA:
                ancestor = tuple(TIMEZONE_DATA[prefix[:cut]])
                break
        if len(prefix) > 3 and ancestor == zones:
            continue
        if zones not in set_index:
            set_index[zones] = len(sets)
            sets.append(list(zones))
        kept[prefix] = set_index[zones]
    return {"longestPrefix": TIMEZONE_LONGEST_PREFIX, "sets": sets, "prefixes": kept}


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    default_out = os.path.join(root, "Sources", "ContactImport", "Resources", "phone-metadata.json")
    output = sys.argv[1] if len(sys.argv) > 1 else default_out
    PhoneMetadata.load_all()
    territories = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        territories.append(export_territory(PhoneMetadata.metadata_for_region(region)))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        territories.append(export_territory(PhoneMetadata.metadata_for_nongeo_region(code)))
    country_to_regions = {
        str(code): list(regions) for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items())
    }
    document = {
        "source": "libphonenumber metadata via the phonenumbers Python package",
        "phonenumbersVersion": phonenumbers.__version__,
        "generator": "scripts/phone-metadata/generate.py",
        "countryToRegions": country_to_regions,
        "geoMobileCountries": sorted(phonenumberutil._GEO_MOBILE_COUNTRIES),
        "territories": territories,
        "timeZones": compact_time_zones(),
    }
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(document, handle, separators=(",", ":"), sort_keys=False)
        handle.write("\n")
    print(f"wrote {output} ({os.path.getsize(output)} bytes, phonenumbers {phonenumbers.__version__})")


if __name__ == "__main__":
    main()
