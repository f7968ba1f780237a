#!/usr/bin/env python3
"""Writes the demo's bundled contact list: fictional 555-01XX numbers across US time zones."""
import csv
import random
import sys

AREAS = [  # (area code, zone, how many)
    ("212", "America/New_York", 70), ("617", "America/New_York", 40), ("312", "America/Chicago", 60),
    ("713", "America/Chicago", 30), ("303", "America/Denver", 30), ("602", "America/Phoenix", 25),
    ("415", "America/Los_Angeles", 60), ("206", "America/Los_Angeles", 25), ("907", "America/Anchorage", 10),
    ("808", "Pacific/Honolulu", 10),
]
FIRST = ["Ava", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Hugo", "Ivy", "Jack", "Kai", "Lena", "Milo",
         "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wren", "Yusuf", "Zoe"]
LAST = ["Adams", "Baker", "Chen", "Diaz", "Evans", "Garcia", "Hughes", "Ito", "Khan", "Lopez", "Moreau", "Novak",
        "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Walsh", "Young"]

rng = random.Random(2026)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["phone_number", "name", "timezone", "case number"])
for area, zone, count in AREAS:
    for line in rng.sample(range(100, 200), count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        out.writerow([f"+1{area}5550{line}", name, zone, f"C-{rng.randint(10000, 99999)}"])
