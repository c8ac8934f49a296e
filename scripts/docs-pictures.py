#!/usr/bin/env python3
"""Makes the README's pictures of issued papers (docs/*.png) through the product, against a demo
server at $BASE_URL (`make docs-pictures`): Łukasz Piotr Wróblewski asks a residence certificate
by post (the certificate and its cover letter) and a criminal-record extract; each PDF's first
page is rendered with poppler's `pdftoppm`."""
import json, os, pathlib, subprocess, sys, tempfile, urllib.request

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
BASE = os.environ["BASE_URL"]


def call(method, path, token=None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data, headers, method=method)
    with urllib.request.urlopen(request) as answer:
        raw = answer.read()
        return json.loads(raw) if answer.headers.get_content_type() == "application/json" else raw


def token(**who):
    return call("POST", "/api/v1/dev/token", body=who)["accessToken"]


def picture(pdf: bytes, name: str):
    with tempfile.TemporaryDirectory() as work:
        path = pathlib.Path(work, "d.pdf")
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", "1", str(path), str(DOCS / name)],
            check=True,
        )
    print(f"docs/{name}.png")


def main() -> int:
    lukasz = token(nationalNumber="91051412345")
    staff = token(username="an.desmet")
    asked = {"forWhom": "myself", "forUse": "belgium", "language": "nl"}
    made = {}
    for code, delivery, purpose in [
        ("bewijs-van-woonst", "post", "Huurcontract Łódź–Gent"),
        ("strafregister-595", "digital", "Sollicitatie"),
    ]:
        body = dict(asked, documentType=code, delivery=delivery, purpose=purpose)
        reference = call("POST", "/api/v1/requests", lukasz, body)["reference"]
        detail = call("GET", f"/api/v1/requests/{reference}", staff)
        for document in detail["documents"]:
            made[(code, document["kind"])] = call("GET", document["downloadUrl"], staff)
    picture(made[("bewijs-van-woonst", "document")], "residence-certificate")
    picture(made[("bewijs-van-woonst", "letter")], "cover-letter")
    picture(made[("strafregister-595", "document")], "criminal-record-extract")
    return 0


if __name__ == "__main__":
    sys.exit(main())
