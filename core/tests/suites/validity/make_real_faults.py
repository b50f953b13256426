#!/usr/bin/env python3
"""Faults made on real outlines, judged by GEOS: real_faults.jsonl.

The public suites draw their faults on small integer shapes. A clerk's outline is a real park
or street, in lon/lat, with hundreds of vertices. This takes 40 outlines of the layout sweep
(core/benches/data/sweep/, OpenStreetMap, ODbL), makes on each the faults the suites name (and
some valid look-alikes), and records GEOS's verdict and reason (shapely 2, `is_valid` and
`explain_validity`), so that `core/tests/validity_suite.rs` can check that the parser refuses
exactly what GEOS refuses.

    python3 -m pip install 'shapely>=2,<3'
    python3 core/tests/suites/validity/make_real_faults.py
"""

import json
import math
import os
import re

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.validation import explain_validity

HERE = os.path.dirname(os.path.abspath(__file__))
SWEEP = os.path.join(HERE, "..", "..", "..", "benches", "data", "sweep")


def outlines(count):
    """Simple, hole-free polygons of 1,000-30,000 m², every k-th by OSM id (deterministic)."""
    with open(os.path.join(SWEEP, "berlin-neukoelln-leisure.geojson")) as f:
        feats = json.load(f)["features"]
    picked = []
    for ft in feats:
        g = ft["geometry"]
        if g["type"] != "Polygon" or len(g["coordinates"]) != 1:
            continue
        ring = g["coordinates"][0]
        if not 8 <= len(ring) <= 200:
            continue
        p = Polygon(ring)
        lat = ring[0][1]
        m2 = p.area * 111_320 * 110_540 * math.cos(math.radians(lat))
        if 1_000 <= m2 <= 30_000 and p.is_valid:
            picked.append((ft["properties"]["osm"], ring[:-1]))
    step = max(1, len(picked) // count)
    return picked[::step][:count]


def toward(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def closed(ring):
    return list(ring) + [ring[0]]


def faults(shell):
    """(name, description, geometry) for one outline's ring of distinct vertices."""
    n = len(shell)
    poly = Polygon(closed(shell))
    inner = poly.representative_point().coords[0]
    i, j = n // 4, (3 * n) // 4
    vi = shell[i]
    out = [
        ("as-is", "the outline as mapped", poly),
        ("reversed", "its ring the other way round", Polygon(closed(shell[::-1]))),
        (
            "repeated-point",
            "one vertex given twice",
            Polygon(closed(shell[: i + 1] + [vi] + shell[i + 1 :])),
        ),
    ]
    swapped = list(shell)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    out.append(("swapped", "two vertices swapped (a bow tie)", Polygon(closed(swapped))))
    far = toward(inner, vi, 1.5)
    out.append(
        (
            "spike",
            "a spike out and back to the same vertex",
            Polygon(closed(shell[: i + 1] + [far, vi] + shell[i + 1 :])),
        )
    )
    # A small triangle hole with one corner on a shell vertex (valid), and a copy of it
    # with a second corner on the next vertex (a hole along a shell edge: invalid).
    a, b = toward(vi, inner, 0.15), toward(vi, inner, 0.2)
    b = (b[0] + (b[1] - vi[1]) * 0.3, b[1] - (b[0] - vi[0]) * 0.3)
    out.append(
        ("hole-touch-one", "a hole touching the shell at one vertex", Polygon(closed(shell), [closed([vi, a, b])]))
    )
    vk = shell[(i + 1) % n]
    out.append(
        (
            "hole-on-edge",
            "a hole along a shell edge",
            Polygon(closed(shell), [closed([vi, vk, toward(toward(vi, vk, 0.5), inner, 0.1)])]),
        )
    )
    # A thin hole from one shell vertex across to another: the interior cut in two.
    vj = shell[j]
    mid = toward(vi, vj, 0.5)
    nx, ny = vj[1] - vi[1], -(vj[0] - vi[0])
    norm = math.hypot(nx, ny) or 1.0
    w = 0.000005  # about half a metre
    diamond = [vi, (mid[0] + nx / norm * w, mid[1] + ny / norm * w), vj, (mid[0] - nx / norm * w, mid[1] - ny / norm * w)]
    out.append(("hole-across", "a thin hole from shell vertex to shell vertex", Polygon(closed(shell), [closed(diamond)])))
    minx, miny, maxx, maxy = poly.bounds
    dx, dy = maxx - minx, maxy - miny
    outside = [(maxx + dx * 0.1, miny), (maxx + dx * 0.2, miny), (maxx + dx * 0.15, miny + dy * 0.1)]
    out.append(("hole-outside", "a hole outside the shell", Polygon(closed(shell), [closed(outside)])))
    small = [toward(inner, p, 0.05) for p in (shell[0], shell[n // 3], shell[(2 * n) // 3])]
    out.append(("nested-shell", "a second shell inside the first", MultiPolygon([poly, Polygon(closed(small))])))
    moved = [(x + dx * 0.3, y + dy * 0.3) for x, y in shell]
    out.append(("overlapping-parts", "two parts overlapping", MultiPolygon([poly, Polygon(closed(moved))])))
    apart = [(x + dx * 1.5, y) for x, y in shell]
    out.append(("separate-parts", "two parts apart (valid)", MultiPolygon([poly, Polygon(closed(apart))])))
    top = max(shell, key=lambda p: (p[1], p[0]))
    touching = [top, (top[0] + dx * 0.1, top[1] + dy * 0.2), (top[0] - dx * 0.1, top[1] + dy * 0.2)]
    out.append(("parts-touch-one", "a second part touching at one vertex (valid)", MultiPolygon([poly, Polygon(closed(touching))])))
    h1 = [toward(inner, p, 0.1) for p in (shell[0], shell[n // 3], shell[(2 * n) // 3])]
    h2 = [(x + (h1[1][0] - h1[0][0]) * 0.5, y + (h1[1][1] - h1[0][1]) * 0.5) for x, y in h1]
    out.append(("holes-overlap", "two holes overlapping", Polygon(closed(shell), [closed(h1), closed(h2)])))
    return out


def rounded(geom):
    """Coordinates as GeoJSON gives them: 7 decimals. GEOS judges what the parser reads."""
    def r(c):
        return [round(c[0], 7), round(c[1], 7)]

    m = mapping(geom)
    if m["type"] == "Polygon":
        coords = [[r(c) for c in ring] for ring in m["coordinates"]]
        return "Polygon", coords, Polygon(coords[0], coords[1:])
    coords = [[[r(c) for c in ring] for ring in p] for p in m["coordinates"]]
    return "MultiPolygon", coords, MultiPolygon([Polygon(p[0], p[1:]) for p in coords])


def main():
    lines = []
    for osm, shell in outlines(40):
        for name, desc, geom in faults(shell):
            kind, coords, back = rounded(geom)
            reason = re.sub(r"\[.*\]$", "", explain_validity(back)).strip()
            lines.append(
                json.dumps(
                    {
                        "id": f"real:{osm}:{name}",
                        "source": "osm berlin-neukoelln leisure (ODbL), fault made by make_real_faults.py",
                        "desc": desc,
                        "valid": bool(back.is_valid),
                        "geos": reason,
                        "type": kind,
                        "wkt": back.wkt[:120],
                        "coordinates": coords,
                    },
                    separators=(",", ":"),
                )
            )
    with open(os.path.join(HERE, "real_faults.jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} cases, shapely {shapely.__version__}, GEOS {shapely.geos_version_string}")


if __name__ == "__main__":
    main()
