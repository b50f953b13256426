### In-app notices.

notices-title = 通知
notices-none = 暂无通知。
