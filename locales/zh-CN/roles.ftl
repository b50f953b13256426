### Role names.

roles-admin = 系统管理员
roles-bureau = 商务局
roles-manager = 市场管理员
roles-vendor = 摊主
