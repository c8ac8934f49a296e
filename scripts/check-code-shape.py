#!/usr/bin/env python3
"""Code-shape rules that rustfmt and clippy do not check, run by `make lint`.

1. No function in backend/src is longer than 80 lines (from its `fn` line to its closing brace).
2. Statuses, types and roles are compared as enums, never as strings: outside the database
   mapping (backend/src/db/) no `== "..."`, `!= "..."` or `matches!(x.as_str(), "...")` on a
   value whose name says status, type, kind, role, processing, channel or action.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "backend" / "src"
MAX_LINES = 80

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")
WORDS = r"(status|type|kind|role|processing|channel|action|method|means|provider|task)"
STRING_COMPARE = [
    re.compile(WORDS + r"\w*(\.as_str\(\)|\.as_deref\(\))?\s*[!=]=\s*(Some\()?\""),
    re.compile(r"\"[a-z_]+\"\s*[!=]=\s*\w*" + WORDS),
    re.compile(r"matches!\(\s*[\w.]*" + WORDS + r"[\w.]*(\.as_str\(\)|\.as_deref\(\))\s*,\s*(Some\()?\""),
]


def strip_strings(line: str) -> str:
    return re.sub(r'"(\\.|[^"\\])*"', '""', line)


def function_lengths(path: pathlib.Path):
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, opened, j = 0, False, i
        while j < len(lines):
            code = strip_strings(lines[j].split("//")[0])
            if not opened and ";" in code and "{" not in code:
                break  # a declaration without a body (trait method)
            for ch in code:
                if ch == "{":
                    depth += 1
                    opened = True
                elif ch == "}":
                    depth -= 1
            if opened and depth == 0:
                yield m.group(6), i + 1, j - i + 1
                break
            j += 1
        i += 1


def main() -> int:
    problems = []
    for path in sorted(SRC.rglob("*.rs")):
        rel = path.relative_to(ROOT)
        for name, line, length in function_lengths(path):
            if length > MAX_LINES:
                problems.append(f"{rel}:{line}: fn {name} is {length} lines (at most {MAX_LINES})")
        if "db" in path.relative_to(SRC).parts[:1]:
            continue
        for n, text in enumerate(path.read_text().splitlines(), 1):
            code = text.split("//")[0]
            if any(p.search(code) for p in STRING_COMPARE):
                problems.append(f"{rel}:{n}: compares a status/type/role as a string: {text.strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} code-shape problem(s)")
        return 1
    print("code shape: no function over 80 lines, no status/type/role compared as a string")
    return 0


if __name__ == "__main__":
    sys.exit(main())
