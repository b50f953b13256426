### Why a drawn site, zone or layout request is refused (the map editor and the API).

## Where a ring is: $polygon is counted only in a MultiPolygon; ring 0 is the outer ring, the
## others its holes, counted from 1 as drawn.

geometry-ring = { $ring ->
        [0] the outer ring
       *[other] hole { $ring }
    }
geometry-polygon-ring = polygon { $polygon }, { $ring ->
        [0] the outer ring
       *[other] hole { $ring }
    }

## $at: one of the two above; $near: "longitude, latitude" of the fault.

geometry-not-an-object = geometry must be a GeoJSON object
geometry-bad-member = GeoJSON member "{ $member }" is missing or has the wrong type
geometry-unknown-type = unknown GeoJSON type "{ $found }"
geometry-wrong-type = geometry must be a { $expected ->
        [polygonal] Polygon or MultiPolygon
       *[other] { $expected }
    }, got a { $found }
geometry-feature-collection-size = a FeatureCollection must hold exactly one feature, this one has { $count }
geometry-bad-nesting = coordinates are not nested correctly
geometry-bad-nesting-ring = coordinates of { $ring ->
        [0] the outer ring
       *[other] hole { $ring }
    } are not nested correctly
geometry-bad-nesting-polygon = coordinates of polygon { $polygon } are not nested correctly
geometry-bad-nesting-polygon-ring = coordinates of polygon { $polygon }, { $ring ->
        [0] the outer ring
       *[other] hole { $ring }
    } are not nested correctly
geometry-bad-position = { $at } position { $position } must have 2 numbers (lon, lat), it has { $len }
geometry-not-a-number = { $at } position { $position } is not a finite number
geometry-too-many-vertices = too many vertices: at most { $max } are allowed
geometry-out-of-range = { $at } position { $position } is out of range (lon { $lon }, lat { $lat }): lon must be within [-180, 180] and lat within [-90, 90]
geometry-ring-not-closed = { $at } is not closed: its first and last positions must be equal (starts at { $near })
geometry-too-few-positions = { $at } has { $count } positions: at least 4 are needed (3 distinct corners, closed)
geometry-self-intersection = { $at } crosses itself near { $near }
geometry-spike = { $at } has a zero-area spike (it doubles back) near { $near }
geometry-zero-area = { $at } encloses no area
geometry-hole-outside-shell = { $at } is not inside the outer ring, near { $near }
# $first, $second: ring numbers ($second, a hole's, is always above $first).
geometry-rings-intersect = { $first ->
        [0] the outer ring
       *[other] hole { $first }
    } and hole { $second } intersect near { $near }
geometry-polygon-rings-intersect = polygon { $polygon }: { $first ->
        [0] the outer ring
       *[other] hole { $first }
    } and hole { $second } intersect near { $near }
geometry-polygons-overlap = polygon { $first } and polygon { $second } cross, overlap or share an edge near { $near }
geometry-self-touch = { $at } touches itself near { $near } (a corner on another of its own edges, or the same point passed twice): draw two separate polygons, or draw the hole as a hole
# $outer: ring number of the hole that contains it.
geometry-nested-holes = { $at } lies inside hole { $outer }, near { $near }
geometry-polygon-nested-holes = { $at } lies inside hole { $outer } of polygon { $polygon }, near { $near }
# $inner, $outer: polygon numbers.
geometry-nested-shells = polygon { $inner } lies inside polygon { $outer }, near { $near }: draw an empty space inside as a hole
geometry-disconnected-interior = holes touch the outer ring (or each other) at { $near } and elsewhere, cutting the site into pieces that do not connect: let each hole touch other rings at one point at most
geometry-polygon-disconnected-interior = in polygon { $polygon }, holes touch the outer ring (or each other) at { $near } and elsewhere, cutting it into pieces that do not connect: let each hole touch other rings at one point at most
geometry-empty = the geometry holds no polygon
# $area: square metres, two decimals; $min: square metres.
geometry-area-too-small = area { $area } m² is too small: at least { $min } m² is needed
# $area: square kilometres, three decimals; $max: square kilometres.
geometry-area-too-large = area { $area } km² is too large: at most { $max } km² is allowed
geometry-invalid-width = line zone width { $value } is invalid: it must be a number above 0 and at most 50 m
geometry-missing-width = a line zone (such as a fire-lane centre line) needs a width

## Layout parameters. $name: geometry-layout-param; $value, $min, $max: metres.

# $field: the parameter's key in the API.
geometry-layout-param = { $field }
geometry-layout-not-finite = { $name } must be a finite number
geometry-layout-not-positive = { $name } must be greater than 0 (got { $value })
geometry-layout-negative = { $name } must not be negative (got { $value })
geometry-layout-too-small = { $name } of { $value } m is too small: at least { $min } m
geometry-layout-too-large = { $name } of { $value } m is too large: at most { $max } m
geometry-layout-angle-out-of-range = { $name } of { $value }° is out of range: between -{ $max }° and { $max }°
geometry-layout-empty-area = the usable area is empty: exclusion zones cover the whole site
# $bound: stalls that would fit; $max: the limit.
geometry-layout-too-many-stalls = stalls too small: about { $bound } would fit, more than the limit of { $max }
