### Role names.

roles-admin = Administrator
roles-bureau = Commerce bureau
roles-manager = Market manager
roles-vendor = Vendor
