### The gas and power register, notices by SMS, check-in on a poor signal (issue 18, points 5–7).

power-equipment-title = Gas and power register
power-equipment-intro = Declare the total watts of the appliances you bring and your gas cylinders. A vendor with a cylinder past its inspection cannot be booked.
power-appliances-w = Appliances, total watts
power-appliances-hint = Add up everything you plug in, e.g. a 2000 W hob and a 50 W lamp: 2050. Nothing electric: 0.
power-cylinders = Gas cylinders
power-cylinders-hint = One row per cylinder: its serial and the date its inspection is valid until. No gas: leave every row empty.
power-serial = Cylinder serial
power-inspected-until = Inspection valid until
power-save = Save
power-watts-invalid = Watts must be a whole number from 0 to 100000.
power-too-many-cylinders = At most 20 cylinders.
power-serial-invalid = Enter the cylinder's serial (at most 40 characters).
power-serial-duplicate = The same cylinder serial is declared twice.
power-date-invalid = Enter the inspection date as year-month-day, e.g. 2027-03-31.
power-inspection-past = This cylinder's inspection has already lapsed: have it inspected first, then declare it.

power-circuits-title = Power circuits
power-circuits-intro = Declare each power circuit of the site and the watts it can carry. Once stalls are tied to a circuit, a booking that would take it over its capacity is refused.
power-circuits = Circuits
power-circuits-hint = One row per circuit: a name (unique on the site) and its capacity in watts. Clear a name to remove that circuit.
power-circuit-name = Circuit
power-capacity-w = Capacity (W)
power-stalls-fed = Stalls tied
power-back-to-site = Back to the site
power-tie-title = Tie stalls to a circuit
power-no-circuit = (no circuit)
power-stall-codes = Stall codes
power-stall-codes-hint = One or more, separated by spaces, commas or lines, e.g. WCL-A-001 WCL-A-002.
power-tie = Tie
power-too-many-circuits = A site has at most 200 circuits.
power-circuit-name-invalid = Enter the circuit's name (at most 40 characters).
power-circuit-duplicate = Two circuits of the site have the same name: rename one.
power-capacity-invalid = A circuit's capacity must be a whole number of watts above 0.
power-circuit-unknown = This site has no such circuit.
# $code: the stall code as typed.
power-stall-code-unknown = This site has no stall { $code }.

power-gas-expired = A gas cylinder of this vendor is past its inspection by the session's date: they cannot be booked until it is inspected and the register updated.
# $circuit: the circuit's name; $load, $watts, $capacity: watts.
power-circuit-overloaded = Circuit “{ $circuit }” carries { $load } W; this vendor's { $watts } W would take it over its capacity of { $capacity } W.
# $circuit; $date: the busiest night to come; $load: watts booked that night; $capacity: the capacity asked for.
power-capacity-below-booked = On { $date } the vendors booked on circuit “{ $circuit }” draw { $load } W, more than { $capacity } W: move some to another circuit first, or keep a higher capacity.
# $circuit; $stalls: stalls it feeds booked for nights to come.
power-circuit-in-use = Circuit “{ $circuit }” still feeds { $stalls } stalls booked for nights to come: join them to another circuit first, then remove it.
power-publish-overloaded = Publishing would load circuit “{ $circuit }” with { $load } W on { $date }, over its capacity of { $capacity } W; nothing was published. Tie stalls to other circuits or raise the capacity, then publish again.
power-loads-title = Circuit loads
power-load = Used / capacity
power-stalls-booked = Stalls booked
power-full = Full
power-overloaded = Overloaded: move a stall off this circuit or raise its capacity

power-sms = SMS
power-delivery-queued = SMS waiting to be sent
power-delivery-sent = SMS sent
power-delivery-not-sent = SMS not sent (no SMS gateway configured)
power-delivery-failed = SMS could not be sent

power-offline-title = Check-ins waiting to be sent
power-offline-hint = On a poor signal a check-in is kept on the phone and sent when the signal returns; it is never counted twice.
power-offline-none = No check-ins waiting.
power-offline-queued = Kept on the phone, waiting to be sent
power-offline-sent = Sent
power-offline-recorded = recorded
