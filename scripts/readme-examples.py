#!/usr/bin/env python3
"""Runs the README's "Integrating with Loket" examples as written, against a demo server at
$BASE_URL: the shell blocks in order, in one bash (`set -euo pipefail`), with `receiver.py`
written from its block. The admin's token comes from the demo's development helper."""
import json, os, pathlib, re, subprocess, sys, tempfile, urllib.request

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def section(text: str) -> str:
    start = text.index("## Integrating with Loket")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(text: str):
    """(language, file name or None, code) of every fenced block, in order."""
    pattern = re.compile(r"(?:<!-- example: (\S+) -->\n)?```(\w+)\n(.*?)```", re.S)
    for m in pattern.finditer(text):
        yield m.group(2), m.group(1), m.group(3)


def admin_token(base: str) -> str:
    body = json.dumps({"username": "lotte.vermeulen"}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/dev/token", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["accessToken"]


def main() -> int:
    base = os.environ["BASE_URL"]
    found = list(blocks(section(README.read_text())))
    shell = [code for lang, _, code in found if lang == "sh"]
    files = {name: code for lang, name, code in found if name and lang != "sh"}
    assert shell and "receiver.py" in files, "the README's examples are missing"
    with tempfile.TemporaryDirectory() as work:
        for name, code in files.items():
            pathlib.Path(work, name).write_text(code)
        script = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"
        script += "\n".join(shell)
        env = dict(os.environ, LOKET=base, ADMIN_TOKEN=admin_token(base))
        run = subprocess.run(["bash", "-c", script], cwd=work, env=env)
        if run.returncode != 0:
            print(f"the README's integration examples failed (exit {run.returncode})")
            return 1
        events = pathlib.Path(work, "events.log").read_text().split("\n")
        print(f"README integration examples: {len(shell)} shell blocks ran; received {events[0]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
