"""Two vendor identities for the schemathesis run (.ci/schemathesis).

`setup BASE STATE_FILE`: registers vendor A and vendor B (random passwords), gives A an
application and a booking (the admin books A), and writes both cookies and A's object ids to
STATE_FILE (JSON). The admin's login and password come from the environment (ST_LOGIN,
ST_PASSWORD), never from the command line.

`login BASE`: logs in as ST_LOGIN / ST_PASSWORD and prints the session cookie as a `Cookie`
header value (for schemathesis' `-H`).

`check BASE STATE_FILE`: the object-level authorisation pass. Vendor B asks for every object of
A through every operation of /api/v1/openapi.json whose path names such an object, with every
method the document lists: each answer must be the one B gets for an id nobody has — 404 where
vendors may call the operation (API.md: other people's objects are not found), the role's
refusal where they may not — and never a success. B's lists must not show A's objects, and afterwards A still sees all of them unchanged.
Prints one line per request and a summary; exits 1 on any finding.
"""

import json
import os
import random
import secrets
import sys
from datetime import date, timedelta

import requests

# An id no object has.
NOBODY = 2_000_000_000

CATEGORY = "农副产品"  # needs no health certificate


def id_number(first17: str) -> str:
    """GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def register(base: str, tag: str, n: int) -> tuple[requests.Session, int]:
    s = requests.Session()
    r = s.post(
        f"{base}/api/v1/vendors",
        json={
            "name": f"测试摊主{tag}",
            "phone": f"1396666{n:04d}",
            "password": f"{secrets.token_urlsafe(12)}-{tag}1",
            "id_number": id_number(f"62072219900101{n:03d}"),
            "category": CATEGORY,
        },
    )
    r.raise_for_status()
    return s, r.json()["vendor_id"]


def cookie_header(s: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in s.cookies)


def login(base: str) -> requests.Session:
    s = requests.Session()
    r = s.post(
        f"{base}/api/v1/session",
        json={"login": os.environ["ST_LOGIN"], "password": os.environ["ST_PASSWORD"]},
    )
    r.raise_for_status()
    return s


def setup(base: str, state_file: str) -> None:
    n = random.randint(0, 999)
    a, a_vendor = register(base, "A", n)
    b, b_vendor = register(base, "B", (n + 1) % 1000)
    admin = login(base)

    markets = admin.get(f"{base}/api/v1/markets").json()["items"]
    market = markets[0]
    sessions = admin.get(
        f"{base}/api/v1/markets/{market['id']}/sessions",
        params={"from": str(date.today()), "to": str(date.today() + timedelta(days=90))},
    )
    sessions.raise_for_status()
    sessions = sessions.json()["items"]
    from_date, to_date = sessions[-2]["date"], sessions[-1]["date"]
    r = a.post(
        f"{base}/api/v1/applications",
        json={"market_id": market["id"], "from": from_date, "to": to_date, "category": CATEGORY},
    )
    r.raise_for_status()
    application = r.json()["id"]

    session = sessions[-1]
    stalls = admin.get(f"{base}/api/v1/sites/{session['site_id']}/stalls").json()["items"]
    booking = None
    for stall in stalls:
        if stall["status"] != "active" or stall.get("zone"):
            continue
        r = admin.post(
            f"{base}/api/v1/bookings",
            json={"session_id": session["id"], "stall_id": stall["id"], "vendor_id": a_vendor},
        )
        if r.status_code == 201:
            booking = r.json()["id"]
            break
    if booking is None:
        sys.exit("setup: no free stall to book vendor A into")
    state = {
        "a_cookie": cookie_header(a),
        "b_cookie": cookie_header(b),
        "a_vendor": a_vendor,
        "b_vendor": b_vendor,
        "objects": {"applications": [application], "bookings": [booking], "vendors": [a_vendor]},
        "session_id": session["id"],
    }
    with open(state_file, "w", encoding="utf-8") as f:
        json.dump(state, f)
    print(f"vendor A = {a_vendor} (application {application}, booking {booking}); vendor B = {b_vendor}")


def check(base: str, state_file: str) -> int:
    with open(state_file, encoding="utf-8") as f:
        state = json.load(f)
    spec = requests.get(f"{base}/api/v1/openapi.json").json()
    a = requests.Session()
    a.headers["Cookie"] = state["a_cookie"]
    b = requests.Session()
    b.headers["Cookie"] = state["b_cookie"]
    # A refusal may come before the server reads the body, and then the server closes the
    # connection; a pooled connection reused at that moment reads as "remote disconnected".
    for s in (a, b):
        s.headers["Connection"] = "close"
    objects = state["objects"]
    before = {
        "application": a.get(f"{base}/api/v1/applications/{objects['applications'][0]}").json(),
        "bookings": a.get(f"{base}/api/v1/sessions/{state['session_id']}/bookings").json(),
    }

    findings, requests_made = [], 0
    for path, item in spec["paths"].items():
        # Only paths whose first {param} names an object a vendor owns.
        collection = path.split("/")[3]
        if "{" not in path or collection not in objects:
            continue
        for method in ("get", "post", "put", "patch", "delete"):
            if method not in item:
                continue
            body = {} if method in ("post", "put", "patch") else None
            # The same request on an id that exists for nobody: B's answer on A's object must
            # not differ from it (no oracle). Operations a vendor may call answer 404 to both;
            # staff-only ones refuse vendors with 403 (or reject the empty body with 422)
            # whatever the id — the role table in tests/roles.rs pins those.
            nobody = b.request(method.upper(), base + path.replace("{id}", str(NOBODY), 1), json=body)
            requests_made += 1
            for object_id in objects[collection]:
                url = base + path.replace("{id}", str(object_id), 1)
                r = b.request(method.upper(), url, json=body)
                requests_made += 1
                ok = r.status_code == nobody.status_code and r.status_code in (403, 404, 422)
                verdict = "ok" if ok else "FINDING"
                print(
                    f"  B {method.upper():6} {url[len(base):]:48} → {r.status_code} "
                    f"(no such id: {nobody.status_code}) {verdict}"
                )
                if not ok:
                    findings.append(
                        f"{method.upper()} {path} with A's {object_id}: {r.status_code}, "
                        f"with an id of nobody's: {nobody.status_code}"
                    )

    # B's lists must not show A's objects.
    lists = {
        "/api/v1/applications": ("id", objects["applications"]),
        f"/api/v1/sessions/{state['session_id']}/bookings": ("id", objects["bookings"]),
    }
    for path, (field, forbidden) in lists.items():
        r = b.get(base + path)
        requests_made += 1
        items = r.json().get("items", []) if r.status_code == 200 else []
        leaked = [i for i in items if i.get(field) in forbidden]
        print(f"  B GET    {path:48} → {r.status_code}, {len(items)} items, {len(leaked)} of A's")
        if leaked or r.status_code >= 500:
            findings.append(f"GET {path} as B shows A's objects: {leaked}")

    after = {
        "application": a.get(f"{base}/api/v1/applications/{objects['applications'][0]}").json(),
        "bookings": a.get(f"{base}/api/v1/sessions/{state['session_id']}/bookings").json(),
    }
    if after != before:
        findings.append(f"A's objects changed during B's requests: {before} → {after}")
    print(f"authorisation pass: {requests_made} requests as vendor B, {len(findings)} findings")
    for f in findings:
        print(f"  FINDING: {f}")
    return 1 if findings else 0


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(*sys.argv[2:4])
    elif sys.argv[1] == "login":
        print(cookie_header(login(sys.argv[2])))
    elif sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
