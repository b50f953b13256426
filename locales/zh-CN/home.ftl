### Home pages by role.

home-welcome = 欢迎
home-admin-intro = 管理用户、场地与市场，查看全县数据。
home-bureau-intro = 全县便民市场与夜市的运行数据（只读）。
home-manager-intro = 您负责的场地与市场：布置摊位、审核申请、安排摊位。
home-vendor-intro = 您的经营信息、申请与排位。
home-public-intro = 民乐县文昌路、财富广场等便民市场与夜市：分时段经营、多业态融合。
home-your-sites = 您负责的场地
home-no-sites = 暂无场地。
home-county-figures = 全县概况
home-site-count = 场地数
home-vendor-count = 经营户
home-user-count = 用户数
home-my-profile = 我的资料
home-market-night = 市场之夜
home-today = 今天的场次
home-no-sessions-today = 您负责的市场今天没有场次。
