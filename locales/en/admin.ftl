### Administration of users.

admin-users-title = Users
admin-new-user = New user
admin-login = Login
admin-name = Name
admin-role = Role
admin-password = Initial password
admin-create = Create
admin-sites = Sites
admin-save-sites = Save sites
admin-status = Status
admin-active = Active
admin-disabled = Disabled
admin-site-unknown = No such site.
admin-disable = Disable
admin-enable = Enable
admin-not-yourself = You cannot disable your own account.
admin-not-a-manager = Only market managers are assigned sites.
