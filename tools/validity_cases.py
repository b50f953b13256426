#!/usr/bin/env python3
"""Builds core/tests/suites/validity/cases.jsonl from the public validity test suites.

Usage: python3 tools/validity_cases.py SRC_DIR > core/tests/suites/validity/cases.jsonl

SRC_DIR holds the suite files as listed in core/tests/suites/validity/README.md (GEOS and JTS
TestValid*.xml, JTS misc/TestInvalidA.xml, boost.geometry is_valid.cpp, Turf boolean-valid
fixtures). Only Polygon and MultiPolygon cases are kept. The verdict `valid` is what GEOS
(through shapely) says; `geos` is GEOS's reason; `suite` is the suite's own expectation where it
states one. Cases GEOS cannot even build (unclosed rings, rings of fewer than 4 points) are
invalid with reason "not buildable". Needs `pip install shapely`.
"""

import glob
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

import shapely
from shapely import wkt as swkt
from shapely.validation import explain_validity

SRC = sys.argv[1]

NUM = r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+|NaN|nan|inf)"


def parse_ring(text):
    pts = []
    for p in text.split(","):
        p = p.strip()
        if not p:
            continue
        xs = p.split()
        pts.append([float(xs[0]), float(xs[1])])
    return pts


def parse_polygon_body(body):
    """'(a b, c d), (e f, ...)' -> list of rings."""
    return [parse_ring(r) for r in re.findall(r"\(([^()]*)\)", body)]


def parse_wkt(text):
    """POLYGON / MULTIPOLYGON WKT -> (type, coordinates) with rings as lists of [x, y]."""
    t = " ".join(text.split())
    m = re.match(r"^(MULTIPOLYGON|POLYGON)\s*(.*)$", t, re.I)
    if not m:
        return None
    kind = m.group(1).upper()
    body = m.group(2).strip()
    if body.upper() == "EMPTY":
        return None
    if kind == "POLYGON":
        return "Polygon", parse_polygon_body(body[1:-1])
    inner = body[1:-1]
    polys, depth, start = [], 0, None
    for i, ch in enumerate(inner):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                polys.append(parse_polygon_body(inner[start + 1 : i]))
    return "MultiPolygon", polys


def close_rings(kind, coords):
    polys = coords if kind == "MultiPolygon" else [coords]
    for rings in polys:
        for r in rings:
            if r and r[0] != r[-1]:
                r.append(list(r[0]))
    return coords


def to_wkt(kind, coords):
    def ring(r):
        return "(" + ", ".join(f"{fmt(x)} {fmt(y)}" for x, y in r) + ")"

    def poly(p):
        return "(" + ", ".join(ring(r) for r in p) + ")"

    if kind == "Polygon":
        return "POLYGON " + poly(coords)
    return "MULTIPOLYGON (" + ", ".join(poly(p) for p in coords) + ")"


def fmt(v):
    if math.isnan(v):
        return "NaN"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def jsonable(coords):
    """NaN is not JSON: written as null."""
    if isinstance(coords, list):
        return [jsonable(c) for c in coords]
    return None if isinstance(coords, float) and math.isnan(coords) else coords


def geos_verdict(text):
    try:
        g = swkt.loads(text)
    except Exception as e:  # noqa: BLE001 - GEOS refuses to build it
        return False, "not buildable: " + str(e).split("\n")[0][:120]
    if g.is_empty:
        return None, None
    reason = explain_validity(g)
    return reason == "Valid Geometry", re.sub(r"\[.*\]$", "", reason).strip()


cases, seen = [], {}


def add(source, file, case_id, desc, text, suite):
    parsed = parse_wkt(text)
    if parsed is None:
        return
    kind, coords = parsed
    if not coords or any(len(p) == 0 for p in (coords if kind == "MultiPolygon" else [coords])):
        return
    if any(len(r) == 0 for p in (coords if kind == "MultiPolygon" else [coords]) for r in p):
        return
    coords = close_rings(kind, coords)
    canon = to_wkt(kind, coords)
    if canon in seen:
        seen[canon]["also"].append(f"{source} {case_id}")
        return
    valid, reason = geos_verdict(canon)
    if valid is None:
        return
    case = {
        "id": f"{source}:{case_id}",
        "source": source,
        "file": file,
        "desc": desc,
        "valid": valid,
        "geos": reason,
        "suite": suite,
        "type": kind,
        "wkt": canon,
        "coordinates": jsonable(coords),
        "also": [],
    }
    seen[canon] = case
    cases.append(case)


def from_xml(source, file, path):
    root = ET.parse(path).getroot()
    for n, case in enumerate(root.iter("case"), 1):
        desc = " ".join((case.findtext("desc") or "").split())
        a = case.findtext("a") or ""
        op = case.find("test/op")
        if op is None or op.get("name") != "isValid":
            continue
        suite = op.text.strip().lower() == "true"
        add(source, file, f"case{n}", desc, a, suite)


def from_boost(path):
    text = open(path).read().replace("\\\n", "")
    pat = re.compile(r'test::apply\(\s*"(\w+)",\s*((?:"[^"]*"\s*)+),\s*([\w:]+)\s*\)')
    for m in pat.finditer(text):
        wkt = "".join(re.findall(r'"([^"]*)"', m.group(2)))
        exp = m.group(3)
        suite = {"true": True, "false": False}.get(exp)
        add("boost", "test/algorithms/is_valid.cpp", m.group(1), exp, wkt, suite)


def from_turf(dirpath):
    for path in sorted(glob.glob(os.path.join(dirpath, "*.geojson"))):
        name = os.path.basename(path)[: -len(".geojson")]
        data = json.load(open(path))
        geom = data["features"][0]["geometry"] if data.get("type") == "FeatureCollection" else data.get("geometry", data)
        kind = geom["type"]
        coords = geom["coordinates"]
        polys = coords if kind == "MultiPolygon" else [coords]
        wkt = ("MULTIPOLYGON (" if kind == "MultiPolygon" else "POLYGON ") + ", ".join(
            "(" + ", ".join("(" + ", ".join(f"{x!r} {y!r}" for x, y, *_ in r) + ")" for r in p) + ")"
            for p in polys
        ) + (")" if kind == "MultiPolygon" else "")
        suite = name.startswith("true_")
        # An unclosed ring is what the fixture is about: keep it open.
        if "not-closing" in name:
            case = {
                "id": f"turf:{name}", "source": "turf",
                "file": "packages/turf-boolean-valid/test/" + name.replace("_", "/", 2) + ".geojson",
                "desc": name, "valid": False, "geos": "not buildable: ring not closed",
                "suite": suite, "type": kind, "wkt": wkt, "coordinates": coords, "also": [],
            }
            cases.append(case)
            continue
        add("turf", "packages/turf-boolean-valid/test/" + name.replace("_", "/", 2) + ".geojson", name, name, wkt, suite)


def diamond(cx, cy, r):
    return f"({cx - r} {cy}, {cx} {cy - r}, {cx + r} {cy}, {cx} {cy + r}, {cx - r} {cy})"


def own_cases():
    """Cases the issue names that the suites have only in other shapes (ours, CC0)."""
    sq = "(0 0, 100 0, 100 100, 0 100, 0 0)"
    chain = ", ".join(diamond(10 + 20 * k, 50, 10) for k in range(5))
    short = ", ".join(diamond(10 + 20 * k, 50, 10) for k in range(4))
    yield "five-holes-cut-the-interior", "five holes in a row from edge to edge, each touching the next", f"POLYGON ({sq}, {chain})"
    yield "four-holes-leave-a-gap", "the same chain one hole short of the far edge", f"POLYGON ({sq}, {short})"
    yield "hole-touches-shell-once", "a hole touching the shell at one vertex", f"POLYGON ({sq}, (0 50, 30 40, 30 60, 0 50))"
    yield "hole-touches-shell-on-edge-once", "a hole vertex on the middle of a shell edge", f"POLYGON ({sq}, (50 0, 60 30, 40 30, 50 0))"
    yield "hole-touches-shell-twice", "a hole touching the shell at two points", f"POLYGON ({sq}, (0 50, 50 40, 100 50, 50 60, 0 50))"
    yield "holes-touch-twice", "two holes touching each other at two points", f"POLYGON ({sq}, (20 20, 50 20, 50 80, 20 80, 20 20), (50 20, 80 50, 50 80, 60 50, 50 20))"
    yield "three-holes-meet-at-a-point", "three holes meeting at one point, none touching the shell", f"POLYGON ({sq}, (50 50, 30 40, 30 60, 50 50), (50 50, 70 40, 70 60, 50 50), (50 50, 40 80, 60 80, 50 50))"
    yield "hole-chain-with-self-loop", "two holes touching at one point each touching the shell once", f"POLYGON ({sq}, (0 50, 30 40, 50 50, 30 60, 0 50), (50 50, 70 40, 100 50, 70 60, 50 50))"
    yield "hole-equals-shell", "a hole identical to the shell", f"POLYGON ({sq}, {sq})"
    yield "duplicate-holes", "the same hole twice", f"POLYGON ({sq}, (20 20, 40 20, 40 40, 20 40, 20 20), (20 20, 40 20, 40 40, 20 40, 20 20))"
    yield "hole-shares-shell-edge", "a hole sharing a stretch of the shell's edge", f"POLYGON ({sq}, (20 0, 40 0, 40 20, 20 20, 20 0))"
    yield "hole-crosses-shell", "a hole sticking out of the shell", f"POLYGON ({sq}, (80 40, 120 40, 120 60, 80 60, 80 40))"
    yield "duplicate-polygons", "a MultiPolygon holding the same polygon twice", f"MULTIPOLYGON (({sq}), ({sq}))"
    yield "nested-shell-in-hole", "a polygon inside the hole of another (valid)", f"MULTIPOLYGON (({sq}, (20 20, 80 20, 80 80, 20 80, 20 20)), ((30 30, 70 30, 70 70, 30 70, 30 30)))"
    yield "nested-shell-in-interior", "a polygon inside another, not in a hole", f"MULTIPOLYGON (({sq}), ((30 30, 70 30, 70 70, 30 70, 30 30)))"
    yield "polygons-touch-at-corner", "two squares touching at one corner", "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((10 10, 20 10, 20 20, 10 20, 10 10)))"
    yield "polygons-touch-twice", "a square inside a U, touching it at two points", "MULTIPOLYGON (((0 0, 30 0, 30 30, 20 30, 20 10, 10 10, 10 30, 0 30, 0 0)), ((10 20, 15 10, 20 20, 15 30, 10 20)))"
    yield "polygon-in-a-notch", "a triangle in another polygon's notch, touching at its tip", "MULTIPOLYGON (((0 0, 10 0, 5 5, 10 10, 0 10, 0 0)), ((5 5, 15 0, 15 10, 5 5)))"
    yield "polygons-cross-at-vertex", "two polygons whose edges cross at a shared vertex", "MULTIPOLYGON (((0 0, 10 0, 5 5, 10 10, 0 10, 0 0)), ((5 5, 15 5, 8 15, 5 5)))"
    yield "hole-crosses-hole-at-vertex", "two holes crossing at a shared vertex", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (50 50, 20 40, 20 60, 50 50), (50 50, 10 45, 30 70, 50 50))"
    yield "shell-vertex-on-own-edge", "a shell corner lying on another of its edges (bow tie at a vertex)", "POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))"
    yield "exverted-shell", "a shell passing twice through one corner", "POLYGON ((0 0, 10 0, 5 5, 10 10, 0 10, 5 5, 0 0))"


from_xml("geos", "tests/xmltester/tests/general/TestValid.xml", os.path.join(SRC, "geos_TestValid.xml"))
from_xml("geos2", "tests/xmltester/tests/general/TestValid2.xml", os.path.join(SRC, "geos_TestValid2.xml"))
from_xml("jts", "modules/tests/src/test/resources/testxml/general/TestValid.xml", os.path.join(SRC, "jts_TestValid.xml"))
from_xml("jts2", "modules/tests/src/test/resources/testxml/general/TestValid2.xml", os.path.join(SRC, "jts_TestValid2.xml"))
from_xml("jts-invalid", "modules/tests/src/test/resources/testxml/misc/TestInvalidA.xml", os.path.join(SRC, "jts_misc_TestInvalidA.xml"))
from_boost(os.path.join(SRC, "boost_is_valid.cpp"))
from_turf(os.path.join(SRC, "turf"))
add("shapely", "shapely/tests/legacy/test_invalid_geometries.py", "test_invalid_intersection", "a self-intersecting polygon", "POLYGON ((0 0, 1 1, 1 -1, 0 1, 0 0))", False)
add("shapely", "shapely/tests/legacy/test_invalid_geometries.py", "test_invalid_intersection-2", "a valid polygon", "POLYGON ((-0.5 -0.5, -0.5 0.5, 0.5 0.5, 0.5 -5, -0.5 -0.5))", True)
add("shapely", "shapely/tests/legacy/test_make_valid.py", "test_make_valid_invalid_input", "two triangles touching at a vertex as one ring", "POLYGON ((0 0, 0 2, 1 1, 2 2, 2 0, 1 1, 0 0))", None)
add("shapely", "shapely/tests/legacy/test_make_valid.py", "test_make_valid_input", "a unit square", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", None)
for cid, desc, text in own_cases():
    add("nightmarket", "tools/validity_cases.py", cid, desc, text, None)

for c in cases:
    print(json.dumps(c, ensure_ascii=False, separators=(",", ":")))
print(
    f"{len(cases)} cases: {sum(not c['valid'] for c in cases)} invalid, {sum(c['valid'] for c in cases)} valid; "
    f"GEOS {shapely.geos_version_string}",
    file=sys.stderr,
)
