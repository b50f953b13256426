### Sites, zones, stalls and layouts.

sites-title = Sites
sites-code = Code
sites-name = Name
sites-kind = Kind
sites-area = Area (m²)
sites-stalls = Stalls
sites-street = Street
sites-plaza = Plaza
sites-other = Other
sites-new-site = New site
sites-code-hint = 2–10 capital letters or digits, starting with a letter, e.g. WCL; stall codes start with it.
sites-crs = Coordinate system
sites-crs-hint = Points from Amap or Tencent maps are GCJ-02, from Baidu BD-09; GPS and Tianditu are WGS-84.
sites-boundary = Boundary (GeoJSON)
sites-boundary-hint = Paste a GeoJSON Polygon, MultiPolygon or Feature (longitude first), or upload a .geojson file.
sites-boundary-file = Or upload a GeoJSON file
sites-create = Create site
sites-save = Save
sites-code-invalid = A code has 2–10 capital letters or digits and starts with a letter.
sites-code-taken = Another site already uses this code.
sites-name-invalid = Enter a name of at most 50 characters.
sites-kind-invalid = The kind must be street, plaza or other.
sites-crs-invalid = The coordinate system must be wgs84, gcj02 or bd09.
sites-boundary-not-json = The boundary is not valid JSON.
sites-boundary-missing = Give the site's outline: draw it on the map, paste its points or its GeoJSON, or upload a file.
sites-layout-stale = The site's stalls or zones changed while the layout was being worked out. Lay it out again.
sites-plan = Plan
sites-plan-desc = Site plan: aisles in grey, stalls as boxes labelled with their codes.
sites-north = N
sites-no-stalls = No stalls yet. Fill in the parameters below to generate a layout.
sites-stall-table = Stalls
sites-status = Status
sites-active = Active
sites-disabled = Disabled
sites-power = Power
sites-premium = Premium
sites-zone = Zone
sites-yes = Yes
sites-no = No
sites-size = Size (m)
sites-layout = Lay out stalls
sites-layout-hint = Preview first and accept when it looks right; accepting replaces the current stalls.
sites-stall-width = Stall frontage (m)
sites-stall-depth = Stall depth (m)
sites-aisle = Aisle
sites-aisle-width = Aisle width (m)
sites-edge-clearance = Clearance from edges (m)
sites-fire-lane = Fire lane width (m, optional)
sites-orientation = Row direction (degrees, optional)
sites-mode = Layout mode
sites-mode-auto = Automatic (by the site's kind, or whichever places more stalls)
sites-mode-plaza = Plaza (back-to-back rows)
sites-mode-street = Street (both sides of a central lane)
sites-preview = Preview
sites-accept = Accept and replace stalls
sites-preview-title = Layout preview (not saved)
sites-kept-in-place = Stalls kept where they stand (same code, power and circuit)
sites-figures = Layout figures
sites-placed = Stalls placed
sites-usable-area = Usable area (m²)
sites-pattern-bound = Pattern bound
sites-area-bound = Area bound
sites-of-bound = Share of the pattern bound
sites-zones = Zones
sites-new-zone = New zone
sites-zone-kind = Zone kind
sites-zone-food = Food
sites-zone-smoky = Smoky
sites-zone-keep-clear = Keep clear
sites-zone-fire-lane = Fire lane
sites-zone-width = Width (m, required for a line)
sites-zone-hint = Keep-clear zones and fire lanes stay empty at the next layout; stalls inside food or smoky zones carry that zone.
sites-zone-kind-invalid = The zone kind must be food, smoky, keep_clear, fire_lane or other.
sites-add-zone = Add zone
sites-status-invalid = The status must be active or disabled.
sites-update = Update
sites-download-geojson = Download GeoJSON
sites-note = Note
sites-no-sites = No sites yet.
sites-scale = Scale

## Form checks of the plan page and the layout API.

# $value: what was typed.
sites-not-a-number = “{ $value }” is not a number.
sites-fill-this-in = Please fill this in.
sites-width-not-a-number = The width is not a number.
sites-zone-outside-site = The zone lies outside the site.
sites-mode-invalid = The mode must be auto, plaza or street.
sites-stalls-outside = { $count } stalls lie outside the site's outline: { $codes }. Adjust the outline or lay the stalls out again; locked or booked stalls must be unlocked or their bookings moved first.
sites-notice-stall-changed = { $renamed ->
    [yes] Your stall { $old } for { $count } { $count ->
        [one] session
       *[other] sessions
    } from { $date } is now numbered { $code }; look for the new number.
   *[no] Your stall { $code } for { $count } { $count ->
        [one] session
       *[other] sessions
    } from { $date } was moved or resized by the manager; set up by the marks on the ground.
}
