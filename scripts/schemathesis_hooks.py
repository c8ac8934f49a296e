"""What schemathesis cannot read from the OpenAPI document alone, loaded by
scripts/schemathesis.toml (`hooks`): how to make values of the API's custom string formats."""
from datetime import date

import schemathesis
from hypothesis import strategies as st


@st.composite
def national_register_numbers(draw):
    """`national-register-number`: YYMMDD, a serial and check digits that are 97 minus the first
    nine digits modulo 97 (with a leading 2 for births from 2000 on); plain or as printed."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    serial = draw(st.integers(min_value=1, max_value=998))
    base = int(f"{born.year % 100:02}{born.month:02}{born.day:02}{serial:03}")
    check = 97 - ((2_000_000_000 if born.year >= 2000 else 0) + base) % 97
    digits = f"{base:09}{check:02}"
    if draw(st.booleans()):
        return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"
    return digits


schemathesis.openapi.format("national-register-number", national_register_numbers())


# `if-match`: the If-Match header's `*` or one ETag. Its pattern says the same, but schemathesis
# cannot draw a header value from a pattern with quotes in it (it then sends a value that breaks
# the pattern as if it were valid).
schemathesis.openapi.format("if-match", st.from_regex(r'\A(\*|(W/)?"[0-9]{1,9}")\Z'))


# `application/pdf`: the verification page's uploaded file, sent as the raw bytes of the body
# (what schemathesis does for `application/octet-stream`).
schemathesis.serializer.alias("application/pdf", "application/octet-stream")
