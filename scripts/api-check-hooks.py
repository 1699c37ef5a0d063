# Schemathesis hooks for scripts/api-check.sh: the two string formats the billing API's
# document names for identifiers whose rule a pattern cannot state (a check character),
# generated valid — the same rules as domain/src/ids.rs.
import datetime

import schemathesis
from hypothesis import strategies as st

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
RESIDENT_CHECK = "10X98765432"  # GB 11643, ISO 7064 MOD 11-2


def uscc(body: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_CHARSET[(31 - total % 31) % 31]


def resident_id(region: str, birth: datetime.date, sequence: str) -> str:
    body = region + birth.strftime("%Y%m%d") + sequence
    total = sum(int(d) * w for d, w in zip(body, RESIDENT_WEIGHTS))
    return body + RESIDENT_CHECK[total % 11]


schemathesis.openapi.format(
    "cn-uscc",
    st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17).map(uscc),
)

# Birth dates from 1900 to yesterday (China's today is never earlier than that).
schemathesis.openapi.format(
    "cn-resident-id",
    st.builds(
        resident_id,
        st.text(alphabet="0123456789", min_size=6, max_size=6),
        st.dates(
            min_value=datetime.date(1900, 1, 1),
            max_value=datetime.date.today() - datetime.timedelta(days=1),
        ),
        st.text(alphabet="0123456789", min_size=3, max_size=3),
    ),
)
