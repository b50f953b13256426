### The page frame: title, navigation, footer.

layout-app-name = Minle Markets
layout-skip = Skip to content
layout-home = Home
layout-sites = Sites
layout-markets = Markets
layout-applications = Applications
layout-reports = Reports
layout-users = Users
layout-audit = Audit log
layout-login = Log in
layout-logout = Log out
layout-register = Vendor sign-up
layout-switch-language = 中文
layout-open-now = Open now
layout-footer = Minle County Commerce Bureau · convenience and night markets
# Joins the items of a list inside a sentence.
layout-list-separator = {"; "}
layout-actions = Actions
