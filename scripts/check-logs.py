#!/usr/bin/env python3
"""Fails when a log holds personal data of the seeded people: national register numbers (plain
or formatted), e-mail addresses or street addresses. Usage: check-logs.py LOG [LOG...]"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
people = json.loads((root / "backend/seed/national_register.json").read_text())["persons"]
needles = set()
for p in people:
    n = p["nationalNumber"]
    needles.add(n)
    needles.add(f"{n[0:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:11]}")
    if p.get("email"):
        needles.add(p["email"])
    for a in p.get("addresses", []):
        needles.add(f'{a["street"]} {a["number"]}')
needles.add("@example.be")

found = []
for log in sys.argv[1:]:
    for number, line in enumerate(pathlib.Path(log).read_text(errors="replace").splitlines(), 1):
        for needle in needles:
            if needle in line:
                found.append(f"{log}:{number}: {needle!r} in: {line[:200]}")
lines = sum(len(pathlib.Path(l).read_text(errors="replace").splitlines()) for l in sys.argv[1:])
if found:
    print("personal data in the logs:")
    print("\n".join(found[:50]))
    sys.exit(1)
print(f"logs: {lines} lines, no national numbers, e-mail addresses or street addresses of the {len(people)} seeded people")
