#!/usr/bin/env python3
"""Builds stress-471v-24holes.geojson: the largest real outline of the corpus (Berlin park
134679335, OpenStreetMap, ODbL) with its outline resampled to 471 vertices and 24 flower-bed
holes of 8-20 vertices, the extremes the issue's own corpus reached (471 vertices, 24 holes).
Synthetic, so the benchmark times it but leaves it out of the real corpus's median.

    python3 make_stress.py   (needs shapely; deterministic: seed 7)
"""
import json
import math
import random
from pathlib import Path

from shapely.geometry import Point, Polygon, mapping, shape

here = Path(__file__).parent
random.seed(7)
src = json.loads((here / "../outlines/de-berlin-park-134679335.geojson").read_text())
feature = src["features"][0] if "features" in src else src
outline = shape(feature["geometry"]).exterior
n = 471
ring = []
for i in range(n):
    p = outline.interpolate(i / n, normalized=True)
    # A few decimetres of jitter, as a hand-traced outline has.
    ring.append((p.x + random.uniform(-2e-6, 2e-6), p.y + random.uniform(-2e-6, 2e-6)))
shell = Polygon(ring)
assert shell.is_valid
inner = shell.buffer(-0.00025)
holes = []
while len(holes) < 24:
    minx, miny, maxx, maxy = inner.bounds
    c = Point(random.uniform(minx, maxx), random.uniform(miny, maxy))
    if not inner.contains(c):
        continue
    r = random.uniform(4e-5, 1.2e-4)
    k = random.randint(8, 20)
    hole = Polygon(
        [
            (
                c.x + r * math.cos(2 * math.pi * i / k) * random.uniform(0.7, 1.0),
                c.y + r * 0.6 * math.sin(2 * math.pi * i / k) * random.uniform(0.7, 1.0),
            )
            for i in range(k)
        ]
    )
    if not hole.is_valid or not inner.contains(hole):
        continue
    if any(hole.buffer(5e-5).intersects(h) for h in holes):
        continue
    holes.append(hole)
site = Polygon(shell.exterior.coords, [h.exterior.coords for h in holes])
assert site.is_valid
out = {
    "type": "Feature",
    "properties": {
        "source": "synthetic, from OpenStreetMap way 134679335 (ODbL), see make_stress.py",
    },
    "geometry": mapping(site),
}
(here / "stress-471v-24holes.geojson").write_text(json.dumps(out))
