### The audit log page.

audit-title = Audit log
audit-when = When
audit-who = Who
audit-what = What
audit-action = Action
audit-change = Change (before → after)
audit-system = System
audit-filter = Filter
audit-all = All
audit-older = Older entries
audit-chain-ok = The chain verifies: no entry was changed or removed.
# $at: local date and minute of the last full check.
audit-fully-checked = Last checked in full at { $at }; newer entries are checked each time this page opens.
audit-check-all = Check the whole chain again
# $id: the first entry that fails the check.
audit-chain-broken = The chain is broken: entries from { $id } on were changed or removed.
