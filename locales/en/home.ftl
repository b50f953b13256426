### Home pages by role.

home-welcome = Welcome
home-admin-intro = Manage users, sites and markets, and see the whole county.
home-bureau-intro = Figures of every market in the county (read-only).
home-manager-intro = Your sites and markets: lay out stalls, review applications, assign stalls.
home-vendor-intro = Your profile, applications and stalls.
home-public-intro = Minle County's markets on Wenchang Road, Fortune Plaza and more: morning and night markets.
home-your-sites = Your sites
home-no-sites = No sites yet.
home-county-figures = County at a glance
home-site-count = Sites
home-vendor-count = Vendors
home-user-count = Users
home-market-night = The market night
home-today = Today’s sessions
home-no-sessions-today = No session of your markets today.
home-my-profile = My profile
