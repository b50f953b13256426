### In-app notices.

notices-title = Notices
notices-none = No notices.
