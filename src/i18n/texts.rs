//! Every fixed user-facing string, Chinese first, English second, grouped by where it appears.

use super::T;

/// Error messages of the envelope and the error pages.
pub mod errors {
    use super::T;
    pub const BAD_REQUEST: T = T("请求格式不正确。", "The request is malformed.");
    pub const MALFORMED_JSON: T = T("JSON 格式不正确。", "The JSON body is malformed.");
    pub const UNAUTHORIZED: T = T("请先登录。", "Please log in first.");
    pub const INVALID_CREDENTIALS: T = T(
        "账号或密码不正确。",
        "The login or the password is not correct.",
    );
    pub const FORBIDDEN: T = T("您没有权限执行此操作。", "You are not allowed to do this.");
    pub const CSRF: T = T(
        "表单已过期或来源不明，请刷新页面后重试。",
        "The form has expired or came from elsewhere. Reload the page and try again.",
    );
    pub const NOT_FOUND: T = T(
        "找不到该页面或记录。",
        "That page or record does not exist.",
    );
    pub const METHOD_NOT_ALLOWED: T = T("不支持该请求方法。", "That method is not allowed here.");
    pub const CONFLICT: T = T(
        "数据已被他人修改或已存在，请刷新后重试。",
        "This conflicts with existing data. Reload and try again.",
    );
    pub const PAYLOAD_TOO_LARGE: T = T("提交的内容太大。", "The request body is too large.");
    pub const UNSUPPORTED_MEDIA_TYPE: T = T(
        "接口只接受 application/json 格式。",
        "The API accepts only application/json.",
    );
    pub const TOO_MANY_REQUESTS: T = T(
        "请求过于频繁，请稍后再试。",
        "Too many requests. Please wait and try again.",
    );
    pub const UNAVAILABLE: T = T(
        "系统繁忙，请稍后再试。",
        "The service is busy. Please try again shortly.",
    );
    pub const INTERNAL: T = T(
        "系统出错了，我们已记录此问题。",
        "Something went wrong on our side; it has been logged.",
    );
    pub const ERROR_TITLE: T = T("出错了", "Something went wrong");
    pub const BACK_HOME: T = T("返回首页", "Back to the home page");
}

/// The page frame: title, navigation, footer.
pub mod layout {
    use super::T;
    pub const APP_NAME: T = T("民乐便民市场与夜市", "Minle Markets");
    pub const SKIP: T = T("跳到正文", "Skip to content");
    /// The header of a table's column of buttons (read by screen readers, not shown).
    pub const ACTIONS: T = T("操作", "Actions");
    pub const HOME: T = T("首页", "Home");
    pub const SITES: T = T("场地", "Sites");
    pub const MARKETS: T = T("市场", "Markets");
    pub const APPLICATIONS: T = T("申请", "Applications");
    pub const REPORTS: T = T("统计报表", "Reports");
    pub const USERS: T = T("用户", "Users");
    pub const AUDIT: T = T("操作记录", "Audit log");
    pub const LOGIN: T = T("登录", "Log in");
    pub const LOGOUT: T = T("退出", "Log out");
    pub const REGISTER: T = T("摊主注册", "Vendor sign-up");
    pub const SWITCH_LANGUAGE: T = T("English", "中文");
    pub const OPEN_NOW: T = T("正在营业", "Open now");
    pub const FOOTER: T = T(
        "民乐县商务局 · 便民市场与夜市管理",
        "Minle County Commerce Bureau · markets",
    );
}

/// Flash messages shown once after a redirect.
pub mod flash {
    use super::T;
    pub const LOGGED_IN: T = T("登录成功。", "You are logged in.");
    pub const LOGGED_OUT: T = T("您已退出登录。", "You are logged out.");
    pub const REGISTERED: T = T("注册成功，欢迎！", "Your account is ready. Welcome!");
    pub const USER_CREATED: T = T("用户已创建。", "The user was created.");
    pub const SITES_ASSIGNED: T = T("负责场地已更新。", "The manager's sites were updated.");
    pub const SITE_CREATED: T = T("场地已创建。", "The site was created.");
    pub const USER_UPDATED: T = T("账号状态已更新。", "The account was updated.");
    pub const LAYOUT_ACCEPTED: T = T("摊位布局已保存。", "The stall layout was saved.");
    pub const ZONE_CREATED: T = T("分区已添加。", "The zone was added.");
    pub const STALL_UPDATED: T = T("摊位已更新。", "The stall was updated.");
}

/// Role names.
pub mod roles {
    use super::T;
    pub const ADMIN: T = T("系统管理员", "Administrator");
    pub const BUREAU: T = T("商务局", "Commerce bureau");
    pub const MANAGER: T = T("市场管理员", "Market manager");
    pub const VENDOR: T = T("摊主", "Vendor");
}

/// The login page and account messages.
pub mod auth {
    use super::T;
    pub const LOGIN_TITLE: T = T("登录", "Log in");
    pub const LOGIN_FIELD: T = T(
        "账号（摊主请填手机号）",
        "Login (vendors: your mobile number)",
    );
    pub const PASSWORD: T = T("密码", "Password");
    pub const SUBMIT: T = T("登录", "Log in");
    pub const NO_ACCOUNT: T = T("还没有账号？", "No account yet?");
    pub const REGISTER_LINK: T = T("摊主在线注册", "Sign up as a vendor");
    pub const PASSWORD_TOO_SHORT: T = T(
        "密码至少需要 8 个字符。",
        "The password needs at least 8 characters.",
    );
    pub const PASSWORD_TOO_LONG: T = T(
        "密码不能超过 128 个字符。",
        "The password may have at most 128 characters.",
    );
    pub const PASSWORD_TOO_WEAK: T = T(
        "密码太简单或太常见，请同时使用字母和数字，不要用生日、123456 之类。",
        "The password is too simple or too common; mix letters and digits and avoid things like 123456.",
    );
    pub const LOGIN_TAKEN: T = T("该账号已存在。", "That login already exists.");
    pub const LOGIN_INVALID: T = T(
        "账号需 3–64 个字符，只能包含字母、数字、点、横线和下划线。",
        "A login has 3–64 characters: letters, digits, dot, dash, underscore.",
    );
    pub const NAME_REQUIRED: T = T("请填写姓名。", "Please enter a name.");
    pub const NAME_TOO_LONG: T = T(
        "姓名不能超过 50 个字。",
        "A name may have at most 50 characters.",
    );
    pub const ROLE_INVALID: T = T(
        "角色必须是 admin、bureau、manager 或 vendor。",
        "The role must be admin, bureau, manager or vendor.",
    );
    pub const LOCKED_OUT: T = T(
        "登录失败次数过多，请 15 分钟后再试。",
        "Too many failed logins. Try again in 15 minutes.",
    );
}

/// Home pages by role.
pub mod home {
    use super::T;
    pub const WELCOME: T = T("欢迎", "Welcome");
    pub const ADMIN_INTRO: T = T(
        "管理用户、场地与市场，查看全县数据。",
        "Manage users, sites and markets, and see the whole county.",
    );
    pub const BUREAU_INTRO: T = T(
        "全县便民市场与夜市的运行数据（只读）。",
        "Figures of every market in the county (read-only).",
    );
    pub const MANAGER_INTRO: T = T(
        "您负责的场地与市场：布置摊位、审核申请、安排摊位。",
        "Your sites and markets: lay out stalls, review applications, assign stalls.",
    );
    pub const VENDOR_INTRO: T = T(
        "您的经营信息、申请与排位。",
        "Your profile, applications and stalls.",
    );
    pub const PUBLIC_INTRO: T = T(
        "民乐县文昌路、财富广场等便民市场与夜市：分时段经营、多业态融合。",
        "Minle County's markets on Wenchang Road, Fortune Plaza and more: morning and night markets.",
    );
    pub const YOUR_SITES: T = T("您负责的场地", "Your sites");
    pub const NO_SITES: T = T("暂无场地。", "No sites yet.");
    pub const COUNTY_FIGURES: T = T("全县概况", "County at a glance");
    pub const SITE_COUNT: T = T("场地数", "Sites");
    pub const VENDOR_COUNT: T = T("经营户", "Vendors");
    pub const USER_COUNT: T = T("用户数", "Users");
    pub const MY_PROFILE: T = T("我的资料", "My profile");
}

/// Vendor registration and profile.
pub mod vendor {
    use super::T;
    pub const REGISTER_TITLE: T = T("摊主注册", "Vendor sign-up");
    pub const REGISTER_INTRO: T = T(
        "注册后即可在线申请摊位。登录账号就是您的手机号。",
        "Sign up to apply for stalls online. Your mobile number is your login.",
    );
    pub const NAME: T = T("姓名", "Full name");
    pub const PHONE: T = T("手机号", "Mobile number");
    pub const ID_NUMBER: T = T("身份证号", "Resident ID number");
    pub const ID_HINT: T = T(
        "18 位，最后一位可能是 X",
        "18 characters; the last may be X",
    );
    pub const CATEGORY: T = T("经营类别", "Category");
    pub const PRODUCTS: T = T("经营品种（选填）", "What you sell (optional)");
    pub const USCC: T = T(
        "统一社会信用代码（选填）",
        "Unified social credit code (optional)",
    );
    pub const HEALTH_CERT: T = T(
        "健康证有效期至（餐饮类必填）",
        "Health certificate valid until (required for food)",
    );
    pub const PRIORITY: T = T("优先群体（选填）", "Priority groups (optional)");
    pub const PASSWORD_HINT: T = T(
        "至少 8 位，含字母和数字",
        "At least 8 characters, letters and digits",
    );
    pub const SUBMIT: T = T("注册", "Sign up");
    pub const ID_LENGTH: T = T(
        "身份证号应为 18 位。",
        "A resident ID number has 18 characters.",
    );
    pub const ID_CHARS: T = T(
        "身份证号前 17 位须为数字，最后一位为数字或 X。",
        "The first 17 characters must be digits; the last is a digit or X.",
    );
    pub const ID_BIRTH_DATE: T = T(
        "身份证号中的出生日期不存在。",
        "The birth date inside the ID number does not exist.",
    );
    pub const ID_CHECKSUM: T = T(
        "身份证号校验位不正确，请核对后重新输入。",
        "The ID number's check digit is wrong; please check it.",
    );
    pub const PHONE_INVALID: T = T(
        "请输入 11 位手机号，以 1 开头。",
        "Enter an 11-digit mainland mobile number starting with 1.",
    );
    pub const PHONE_TAKEN: T = T(
        "该手机号已注册，请直接登录。",
        "This mobile number is already registered; please log in.",
    );
    pub const USCC_INVALID: T = T(
        "统一社会信用代码不正确（18 位，校验位不符）。",
        "The unified social credit code is not valid (18 characters, check digit).",
    );
    pub const CATEGORY_INVALID: T = T("请选择经营类别。", "Please choose a category.");
    pub const HEALTH_CERT_REQUIRED: T = T(
        "餐饮类经营须填写健康证有效期。",
        "Food vendors must give their health certificate's expiry date.",
    );
    pub const HEALTH_CERT_EXPIRED: T = T(
        "健康证已过期，请先办理新证。",
        "The health certificate has expired; please renew it first.",
    );
    pub const DATE_INVALID: T = T("日期格式应为 YYYY-MM-DD。", "Dates are written YYYY-MM-DD.");
    pub const PRIORITY_INVALID: T = T("优先群体不正确。", "Unknown priority group.");
    pub const PRODUCTS_TOO_LONG: T = T(
        "经营品种不能超过 200 个字。",
        "What you sell may have at most 200 characters.",
    );
}

/// Administration of users.
pub mod admin {
    use super::T;
    pub const USERS_TITLE: T = T("用户管理", "Users");
    pub const NEW_USER: T = T("新建用户", "New user");
    pub const LOGIN: T = T("账号", "Login");
    pub const NAME: T = T("姓名", "Name");
    pub const ROLE: T = T("角色", "Role");
    pub const PASSWORD: T = T("初始密码", "Initial password");
    pub const CREATE: T = T("创建", "Create");
    pub const SITES: T = T("负责场地", "Sites");
    pub const SAVE_SITES: T = T("保存负责场地", "Save sites");
    pub const STATUS: T = T("状态", "Status");
    pub const ACTIVE: T = T("正常", "Active");
    pub const DISABLED: T = T("已停用", "Disabled");
    pub const SITE_UNKNOWN: T = T("场地不存在。", "No such site.");
    pub const DISABLE: T = T("停用", "Disable");
    pub const ENABLE: T = T("启用", "Enable");
    pub const NOT_YOURSELF: T = T(
        "不能停用自己的账号。",
        "You cannot disable your own account.",
    );
    pub const NOT_A_MANAGER: T = T(
        "只能为市场管理员分配场地。",
        "Only market managers are assigned sites.",
    );
}

/// Sites, zones, stalls and layouts.
pub mod sites {
    use super::T;
    pub const TITLE: T = T("场地", "Sites");
    pub const CODE: T = T("编号", "Code");
    pub const NAME: T = T("名称", "Name");
    pub const KIND: T = T("类型", "Kind");
    pub const AREA: T = T("面积（平方米）", "Area (m²)");
    pub const STALLS: T = T("摊位数", "Stalls");
    pub const STREET: T = T("街道", "Street");
    pub const PLAZA: T = T("广场", "Plaza");
    pub const OTHER: T = T("其他", "Other");
    pub const NEW_SITE: T = T("新建场地", "New site");
    pub const CODE_HINT: T = T(
        "2–10 位大写字母或数字，以字母开头，如 WCL；摊位编号以它开头。",
        "2–10 capital letters or digits, starting with a letter, e.g. WCL; stall codes start with it.",
    );
    pub const CRS: T = T("坐标系", "Coordinate system");
    pub const CRS_HINT: T = T(
        "从高德、腾讯地图取点选 GCJ-02，从百度地图取点选 BD-09，GPS 或天地图选 WGS-84。",
        "Points from Amap or Tencent maps are GCJ-02, from Baidu BD-09; GPS and Tianditu are WGS-84.",
    );
    pub const BOUNDARY: T = T("边界（GeoJSON）", "Boundary (GeoJSON)");
    pub const BOUNDARY_HINT: T = T(
        "粘贴 GeoJSON 的 Polygon、MultiPolygon 或 Feature（经度在前）；也可以上传 .geojson 文件。",
        "Paste a GeoJSON Polygon, MultiPolygon or Feature (longitude first), or upload a .geojson file.",
    );
    pub const BOUNDARY_FILE: T = T("或上传 GeoJSON 文件", "Or upload a GeoJSON file");
    pub const CREATE: T = T("创建场地", "Create site");
    pub const SAVE: T = T("保存", "Save");
    pub const CODE_INVALID: T = T(
        "编号需 2–10 位大写字母或数字，以字母开头。",
        "A code has 2–10 capital letters or digits and starts with a letter.",
    );
    pub const CODE_TAKEN: T = T(
        "该编号已被其他场地使用。",
        "Another site already uses this code.",
    );
    pub const NAME_INVALID: T = T(
        "请填写名称（不超过 50 个字）。",
        "Enter a name of at most 50 characters.",
    );
    pub const KIND_INVALID: T = T(
        "类型必须是 street、plaza 或 other。",
        "The kind must be street, plaza or other.",
    );
    pub const CRS_INVALID: T = T(
        "坐标系必须是 wgs84、gcj02 或 bd09。",
        "The coordinate system must be wgs84, gcj02 or bd09.",
    );
    pub const BOUNDARY_NOT_JSON: T = T("边界不是有效的 JSON。", "The boundary is not valid JSON.");
    pub const LAYOUT_IN_USE: T = T(
        "该场地还有未来的排位，不能重新布置摊位。请先取消或调整这些排位。",
        "This site has future bookings, so its stalls cannot be laid out again. Cancel or move them first.",
    );
    pub const PLAN: T = T("平面图", "Plan");
    pub const PLAN_DESC: T = T(
        "场地平面图：灰色为通道，方块为摊位，编号写在摊位上。",
        "Site plan: aisles in grey, stalls as boxes labelled with their codes.",
    );
    pub const NORTH: T = T("北", "N");
    pub const NO_STALLS: T = T(
        "尚未布置摊位。填写下面的参数生成布局。",
        "No stalls yet. Fill in the parameters below to generate a layout.",
    );
    pub const STALL_TABLE: T = T("摊位列表", "Stalls");
    pub const STATUS: T = T("状态", "Status");
    pub const ACTIVE: T = T("可用", "Active");
    pub const DISABLED: T = T("停用", "Disabled");
    pub const POWER: T = T("有电", "Power");
    pub const PREMIUM: T = T("黄金位", "Premium");
    pub const ZONE: T = T("分区", "Zone");
    pub const YES: T = T("是", "Yes");
    pub const NO: T = T("否", "No");
    pub const SIZE: T = T("尺寸（米）", "Size (m)");
    pub const LAYOUT: T = T("自动布置摊位", "Lay out stalls");
    pub const LAYOUT_HINT: T = T(
        "先预览，满意后再确认；确认会替换现有摊位。",
        "Preview first and accept when it looks right; accepting replaces the current stalls.",
    );
    pub const STALL_WIDTH: T = T("摊位面宽（米）", "Stall frontage (m)");
    pub const STALL_DEPTH: T = T("摊位进深（米）", "Stall depth (m)");
    pub const AISLE_WIDTH: T = T("通道宽度（米）", "Aisle width (m)");
    pub const EDGE_CLEARANCE: T = T("离边界距离（米）", "Clearance from edges (m)");
    pub const FIRE_LANE: T = T("消防通道宽度（米，选填）", "Fire lane width (m, optional)");
    pub const ORIENTATION: T = T("排列方向（度，选填）", "Row direction (degrees, optional)");
    pub const MODE: T = T("布置方式", "Layout mode");
    pub const MODE_AUTO: T = T("自动", "Automatic");
    pub const MODE_PLAZA: T = T("广场（双排背靠背）", "Plaza (back-to-back rows)");
    pub const MODE_STREET: T = T(
        "街道（沿中间通道两侧）",
        "Street (both sides of a central lane)",
    );
    pub const PREVIEW: T = T("预览", "Preview");
    pub const ACCEPT: T = T("确认并替换摊位", "Accept and replace stalls");
    pub const PREVIEW_TITLE: T = T("布局预览（尚未保存）", "Layout preview (not saved)");
    pub const FIGURES: T = T("布局数据", "Layout figures");
    pub const PLACED: T = T("摊位数", "Stalls placed");
    pub const USABLE_AREA: T = T("可用面积（平方米）", "Usable area (m²)");
    pub const PATTERN_BOUND: T = T("理论上限（按排列模式）", "Pattern bound");
    pub const AREA_BOUND: T = T("面积上限", "Area bound");
    pub const OF_BOUND: T = T("达到上限的比例", "Share of the pattern bound");
    pub const ZONES: T = T("分区", "Zones");
    pub const NEW_ZONE: T = T("新建分区", "New zone");
    pub const ZONE_KIND: T = T("分区类型", "Zone kind");
    pub const ZONE_FOOD: T = T("餐饮区", "Food");
    pub const ZONE_SMOKY: T = T("烟火区", "Smoky");
    pub const ZONE_KEEP_CLEAR: T = T("禁摆区", "Keep clear");
    pub const ZONE_FIRE_LANE: T = T("消防通道", "Fire lane");
    pub const ZONE_WIDTH: T = T("宽度（米，画线时必填）", "Width (m, required for a line)");
    pub const ZONE_HINT: T = T(
        "禁摆区和消防通道在下一次布置时留空；餐饮区、烟火区内的摊位会标注分区。",
        "Keep-clear zones and fire lanes stay empty at the next layout; stalls inside food or smoky zones carry that zone.",
    );
    pub const ZONE_KIND_INVALID: T = T(
        "分区类型必须是 food、smoky、keep_clear、fire_lane 或 other。",
        "The zone kind must be food, smoky, keep_clear, fire_lane or other.",
    );
    pub const ADD_ZONE: T = T("添加分区", "Add zone");
    pub const STATUS_INVALID: T = T(
        "状态必须是 active 或 disabled。",
        "The status must be active or disabled.",
    );
    pub const UPDATE: T = T("更新", "Update");
    pub const DOWNLOAD_GEOJSON: T = T("下载 GeoJSON", "Download GeoJSON");
    pub const NOTE: T = T("说明", "Note");
    pub const NO_SITES: T = T("还没有场地。", "No sites yet.");
    pub const SCALE: T = T("比例尺", "Scale");
}

/// Markets, segments, sessions.
pub mod markets {
    use super::T;
    pub const TITLE: T = T("市场", "Markets");
    pub const NAME: T = T("名称", "Name");
    pub const KIND: T = T("类型", "Kind");
    pub const FIXED: T = T("固定市场", "Fixed market");
    pub const MOBILE: T = T("流动夜市", "Mobile market");
    pub const SEGMENTS: T = T("时段", "Segments");
    pub const SELF_SELECT: T = T("摊主可自选摊位", "Vendors choose their own stalls");
    pub const NEW_MARKET: T = T("新建市场", "New market");
    pub const SEGMENT_NAME: T = T("时段名称", "Segment name");
    pub const START: T = T("开始", "Start");
    pub const END: T = T("结束", "End");
    pub const SITE: T = T("场地", "Site");
    pub const WEEKDAYS: T = T("营业日", "Weekdays");
    pub const FROM: T = T("开始日期", "From");
    pub const TO: T = T("结束日期", "To");
    pub const CREATE: T = T("创建", "Create");
    pub const CALENDAR: T = T("场次日历", "Calendar of sessions");
    pub const DATE: T = T("日期", "Date");
    pub const TIME: T = T("时间", "Time");
    pub const STATUS: T = T("状态", "Status");
    pub const STALLS: T = T("摊位（已订/总数）", "Stalls (booked/total)");
    pub const SCHEDULED: T = T("正常", "Scheduled");
    pub const CANCELLED: T = T("已取消", "Cancelled");
    pub const NO_MARKETS: T = T("暂无市场。", "No markets yet.");
    pub const NO_SESSIONS: T = T("这段时间没有场次。", "No sessions in this period.");
    pub const EARLIER: T = T("← 前四周", "← Previous 4 weeks");
    pub const LATER: T = T("后四周 →", "Next 4 weeks →");
    pub const SESSION: T = T("场次", "Session");
    pub const CANCEL_SESSION: T = T("取消本场", "Cancel this session");
    pub const CANCEL_REASON: T = T("取消原因（如天气、活动）", "Reason (weather, an event, …)");
    pub const WEEKDAY_NAMES: [T; 7] = [
        T("一", "Mon"),
        T("二", "Tue"),
        T("三", "Wed"),
        T("四", "Thu"),
        T("五", "Fri"),
        T("六", "Sat"),
        T("日", "Sun"),
    ];
    pub const NAME_REQUIRED: T = T(
        "请填写名称（最多 60 个字）。",
        "Give a name (at most 60 characters).",
    );
    pub const KIND_INVALID: T = T(
        "类型应为 fixed（固定）或 mobile（流动）。",
        "The kind is fixed or mobile.",
    );
    pub const SEGMENTS_REQUIRED: T = T("至少需要一个时段。", "Give at least one segment.");
    pub const SEGMENT_TIME: T = T(
        "时段时间格式应为 HH:MM（00:00–23:59）。",
        "Segment times are written HH:MM (00:00–23:59).",
    );
    pub const SEGMENT_EMPTY: T = T(
        "时段的开始和结束不能相同（结束早于开始表示跨午夜）。",
        "A segment's start and end differ (an end before the start crosses midnight).",
    );
    pub const SEGMENT_DUPLICATE: T = T("时段名称重复。", "Two segments have the same name.");
    pub const SEGMENT_UNKNOWN: T = T(
        "排期引用了不存在的时段。",
        "The schedule names a segment the market does not have.",
    );
    pub const SCHEDULE_REQUIRED: T = T("至少需要一条排期。", "Give at least one schedule rule.");
    pub const SITE_UNKNOWN: T = T("场地不存在。", "No such site.");
    pub const WEEKDAYS_INVALID: T = T(
        "营业日应为 1（周一）到 7（周日）。",
        "Weekdays are 1 (Monday) to 7 (Sunday).",
    );
    pub const RANGE_INVALID: T = T(
        "日期范围不正确：结束日期不能早于开始日期，且不超过 400 天。",
        "The date range is wrong: it ends before it starts or spans more than 400 days.",
    );
    pub const DATE_INVALID: T = T("日期格式应为 YYYY-MM-DD。", "Dates are written YYYY-MM-DD.");
    pub const FIXED_ONE_SITE: T = T(
        "固定市场只能在一个场地；在多个场地轮换请选择流动夜市。",
        "A fixed market uses one site; choose a mobile market to rotate between sites.",
    );
    pub const CATEGORY_INVALID: T = T(
        "经营类别名称不能为空或重复。",
        "Category names must be given and distinct.",
    );
    pub const SESSION_OVERLAP: T = T(
        "该场地在这段时间已有其他场次，同一场地的场次不能重叠。",
        "The site already has a session at that time; sessions on one site cannot overlap.",
    );
    pub const MARKET_UNKNOWN: T = T("市场不存在。", "No such market.");
    pub const SESSION_UNKNOWN: T = T("场次不存在。", "No such session.");
    pub const ALREADY_CANCELLED: T = T("该场次已取消。", "This session is already cancelled.");
    pub const SESSION_ENDED: T = T("该场次已结束。", "This session has ended.");
    pub const REASON_REQUIRED: T = T(
        "请填写取消原因（最多 200 个字）。",
        "Give a reason (at most 200 characters).",
    );
}

/// Applications.
pub mod applications {
    use super::T;
    pub const TITLE: T = T("摊位申请", "Applications");
    pub const ONE: T = T("申请", "Application");
    pub const VENDOR: T = T("摊主", "Vendor");
    pub const MARKET: T = T("市场", "Market");
    pub const DATES: T = T("日期", "Dates");
    pub const CATEGORY: T = T("经营类别", "Category");
    pub const STATUS: T = T("状态", "Status");
    pub const REASON: T = T("说明", "Reason");
    pub const NEEDS_POWER: T = T("需要用电", "Needs power");
    pub const PREFERRED: T = T("意向摊位", "Preferred stalls");
    pub const ALL: T = T("全部", "All");
    pub const FILTER: T = T("筛选", "Filter");
    pub const NONE: T = T("暂无申请。", "No applications.");
    pub const SUBMITTED: T = T("待审核", "Submitted");
    pub const APPROVED: T = T("已通过", "Approved");
    pub const WAITLISTED: T = T("候补", "Waitlisted");
    pub const REJECTED: T = T("未通过", "Rejected");
    pub const WITHDRAWN: T = T("已撤回", "Withdrawn");
    pub const DECIDE: T = T("审核", "Decide");
    pub const APPROVE: T = T("通过", "Approve");
    pub const WAITLIST: T = T("列入候补", "Waitlist");
    pub const REJECT: T = T("不通过", "Reject");
    pub const WITHDRAW: T = T("撤回申请", "Withdraw");
    pub const APPLY: T = T("提交申请", "Apply");
    pub const NEW: T = T("申请摊位", "Apply for a stall");
    pub const NOT_A_VENDOR: T = T(
        "只有已注册的摊主可以申请摊位。",
        "Only registered vendors can apply for stalls.",
    );
    pub const DATE_PAST: T = T(
        "不能申请已经过去的日期。",
        "You cannot apply for dates that have passed.",
    );
    pub const OUTSIDE_SEASON: T = T(
        "所选日期不在该市场的营业季内。",
        "The dates are outside the market's season.",
    );
    pub const SEGMENT_UNKNOWN: T = T("该市场没有这个时段。", "The market has no such segment.");
    pub const CATEGORY_UNKNOWN: T = T(
        "该市场不接受这个经营类别。",
        "The market does not admit this category.",
    );
    pub const STALL_UNKNOWN: T = T(
        "意向摊位编号不存在或不在该市场的场地上。",
        "A preferred stall code does not exist or is not on the market's sites.",
    );
    pub const HEALTH_CERT: T = T(
        "餐饮类经营须持有在有效期内的健康证。",
        "Food vendors need a health certificate that is valid on the dates.",
    );
    pub const DECISION_INVALID: T = T(
        "审核结果应为 approve、reject 或 waitlist。",
        "The decision is approve, reject or waitlist.",
    );
    pub const TRANSITION: T = T(
        "该申请当前状态下不能这样处理。",
        "The application cannot change that way from its current status.",
    );
    pub const STATUS_INVALID: T = T("申请状态不正确。", "Unknown application status.");
    pub const REASON_TOO_LONG: T = T(
        "说明不能超过 500 个字。",
        "The reason may have at most 500 characters.",
    );
}

/// Bookings, check-in, waitlist offers.
pub mod bookings {
    use super::T;
    pub const TITLE: T = T("排位", "Bookings");
    pub const STALL: T = T("摊位", "Stall");
    pub const VENDOR: T = T("摊主", "Vendor");
    pub const CATEGORY: T = T("类别", "Category");
    pub const CHECKED_IN: T = T("已签到", "Checked in");
    pub const NOT_CHECKED_IN: T = T("未签到", "Not checked in");
    pub const NO_SHOW: T = T("缺席", "No-show");
    pub const NO_SHOWS: T = T("缺席数", "No-shows");
    pub const CHECK_IN: T = T("签到", "Check in");
    pub const CANCEL: T = T("取消排位", "Cancel booking");
    pub const ASSIGN: T = T("安排摊位", "Assign a stall");
    pub const VENDOR_ID: T = T("摊主编号", "Vendor id");
    pub const UNTIL: T = T(
        "连续安排至（选填，同一摊位，有空时）",
        "Repeat until (optional: the same stall where free)",
    );
    pub const FREE_STALLS: T = T("空闲摊位", "Free stalls");
    pub const NONE: T = T("暂无排位。", "No bookings.");
    pub const NO_STALLS: T = T(
        "该场地还没有摊位，请先规划摊位。",
        "This site has no stalls yet; lay them out first.",
    );
    pub const STALL_TAKEN: T = T(
        "该摊位在本场次已被安排给其他摊主。",
        "That stall is already booked for this session.",
    );
    pub const VENDOR_ALREADY_BOOKED: T = T(
        "该摊主在本场次已有摊位。",
        "That vendor already has a stall in this session.",
    );
    pub const SESSION_PAST: T = T(
        "该场次已结束，不能再安排。",
        "This session has ended; it can no longer be booked.",
    );
    pub const SESSION_STARTED: T = T(
        "该场次已开始，摊主只能在开市前预订或取消。",
        "This session has started; vendors book and cancel only before it opens.",
    );
    pub const SESSION_CANCELLED: T = T("该场次已取消。", "This session is cancelled.");
    pub const STALL_UNKNOWN: T = T("摊位不存在。", "No such stall.");
    pub const STALL_DISABLED: T = T("该摊位已停用。", "That stall is disabled.");
    pub const STALL_ELSEWHERE: T = T(
        "该摊位不在本场次的场地上。",
        "That stall is not on this session's site.",
    );
    pub const VENDOR_UNKNOWN: T = T("摊主不存在。", "No such vendor.");
    pub const HEALTH_CERT: T = T(
        "餐饮类摊主的健康证在该场次日期已过期或未登记。",
        "The food vendor's health certificate is missing or expired on the session date.",
    );
    pub const SMOKY: T = T(
        "有油烟的经营只能安排在允许油烟的分区。",
        "Smoky trades go only on stalls in a zone that allows smoke.",
    );
    pub const SEGMENT_NOT_APPLIED: T = T(
        "摊主获批的申请不包含该场次的时段（例如只申请了早市，不能安排在夜市）。",
        "The vendor's approved application does not name this session's segment (an application for the morning market does not cover the night market).",
    );
    pub const SESSION_NOT_APPLIED: T = T(
        "该场次不在这份申请的日期或星期之内。",
        "This session is outside the application's dates or weekdays.",
    );
    pub const SELF_SELECT_OFF: T = T(
        "该市场不允许摊主自选摊位。",
        "This market does not let vendors choose stalls themselves.",
    );
    pub const TOO_EARLY: T = T(
        "还没到该场次的营业日，不能签到。",
        "Check-in opens on the session's business date.",
    );
    pub const OFFER_CLOSED: T = T(
        "该候补邀请已失效。",
        "This waitlist offer is no longer open.",
    );
    pub const RANGE_INVALID: T = T(
        "连续安排的结束日期不能早于场次日期，且不超过 400 天。",
        "Repeat-until must not be before the session date, nor more than 400 days later.",
    );
    pub const OFFERS: T = T("候补邀请", "Waitlist offers");
    pub const ACCEPT: T = T("接受", "Accept");
    pub const DECLINE: T = T("放弃", "Decline");
    pub const DEADLINE: T = T("截止时间", "Deadline");
}

/// In-app notices.
pub mod notices {
    use super::T;
    pub const TITLE: T = T("通知", "Notices");
    pub const NONE: T = T("暂无通知。", "No notices.");
}

/// The vendor's home page, permits, public pages and the calendar feed.
pub mod vendorui {
    use super::T;
    pub const QUICK_LINKS: T = T("快捷入口", "Quick links");
    pub const OFFERS: T = T("候补邀请", "Waitlist offers");
    pub const NO_OFFERS: T = T("暂无候补邀请。", "No offers waiting for you.");
    pub const ACCEPT_BEFORE: T = T("请在此时间前答复：", "Answer before");
    pub const ACCEPT: T = T("接受", "Accept");
    pub const DECLINE: T = T("放弃", "Decline");
    pub const STALL: T = T("摊位", "Stall");
    pub const MY_SCHEDULE: T = T("我的排位", "My schedule");
    pub const NO_SCHEDULE: T = T("暂无即将到来的排位。", "No upcoming bookings.");
    pub const SEE_ON_PLAN: T = T("在平面图上查看", "See it on the plan");
    pub const PERMIT: T = T("经营凭证", "Permit");
    pub const CALENDAR: T = T("日历", "Calendar");
    pub const DOWNLOAD_CALENDAR: T = T("下载到日历", "Download to calendar");
    pub const FEED_HINT: T = T(
        "这是您的专属日历链接，请勿转发。如已泄露，可重置链接，旧链接立即失效。",
        "This calendar link is yours alone; do not share it. Reset it if it leaked: the old link stops working at once.",
    );
    pub const RESET_FEED: T = T("重置日历链接", "Reset the calendar link");
    pub const CREATE_FEED: T = T("生成我的日历链接", "Make my calendar link");
    pub const NO_FEED_YET: T = T(
        "生成专属链接后，手机日历可以订阅您的排位，变动会自动更新。",
        "Make a link of your own and your phone's calendar can follow your bookings as they change.",
    );
    pub const WECHAT_HINT: T = T(
        "微信内无法下载文件：请点右上角「…」，选择「在浏览器打开」后再下载。",
        "WeChat blocks downloads: tap “…” at the top right and choose “Open in browser”, then download.",
    );
    pub const NOTICES: T = T("通知", "Notices");
    pub const NO_NOTICES: T = T("暂无通知。", "No notices.");
    pub const KIND_OFFER: T = T("候补邀请", "Offer");
    pub const KIND_CANCELLED: T = T("取消", "Cancelled");
    pub const KIND_DECIDED: T = T("审核结果", "Decision");
    pub const KIND_OTHER: T = T("消息", "Message");
    pub const MY_APPLICATIONS: T = T("我的申请", "My applications");
    pub const NO_APPLICATIONS: T = T("您还没有提交申请。", "You have not applied yet.");
    pub const APPLY: T = T("申请摊位", "Apply for a stall");
    pub const REASON: T = T("原因", "Reason");
    pub const DETAILS: T = T("查看详情", "Details");
    pub const SESSION_CANCELLED: T = T("该场次已取消", "This session is cancelled");
    pub const PERMIT_TITLE: T = T("经营凭证", "Trading permit");
    pub const VERIFY_TITLE: T = T("凭证核验", "Permit check");
    pub const VALID: T = T("有效", "VALID");
    pub const NOT_VALID: T = T("无效", "NOT VALID");
    pub const PERMIT_CANCELLED: T = T("该排位已取消。", "This booking was cancelled.");
    pub const PERMIT_SESSION_CANCELLED: T = T("该场次已取消。", "This session was cancelled.");
    pub const PERMIT_PAST: T = T("该场次已结束。", "This session is over.");
    pub const PERMIT_UNKNOWN: T = T(
        "查无此凭证：二维码可能是伪造的或已损坏。",
        "No such permit: the QR code may be forged or damaged.",
    );
    pub const QR_LABEL: T = T("凭证核验二维码", "QR code to check this permit");
    pub const QR_HINT: T = T(
        "请向检查人员出示此二维码，扫码即可核验。",
        "Show this QR code to an inspector; scanning it checks the permit.",
    );
    pub const OPEN_VERIFICATION: T = T("打开核验页面", "Open the check page");
    pub const VERIFY_HINT: T = T(
        "本页只显示核验所需信息，不显示电话和身份证号。",
        "This page shows only what a check needs: no phone, no ID number.",
    );
    pub const MARKET: T = T("市场", "Market");
    pub const SESSION: T = T("场次", "Session");
    pub const VENDOR: T = T("经营户", "Vendor");
    pub const CATEGORY: T = T("经营类别", "Category");
    pub const OPEN_NOW_TITLE: T = T("现在开市", "Open now");
    pub const OPEN_NOW_AT: T = T("当前时间", "Time now");
    pub const BEIJING_TIME: T = T("北京时间", "Beijing time");
    pub const OPEN_NOW: T = T("正在营业", "Open now");
    pub const NOTHING_OPEN: T = T(
        "此刻没有正在营业的市场。",
        "No market is open at this moment.",
    );
    pub const LATER_TODAY: T = T("今日稍后", "Later today");
    pub const NOTHING_LATER: T = T("今天没有更多场次。", "No more sessions today.");
    pub const OPEN_STATUS: T = T("营业中", "Open");
    pub const OPENS_LATER: T = T("尚未开市", "Not open yet");
    pub const VIEW_PLAN: T = T("查看摊位图", "View the plan");
    pub const ALL_MARKETS: T = T("全部市场", "All markets");
    pub const YOUR_STALL: T = T("您的摊位", "Your stall");
    pub const TAKEN: T = T("已排位", "Taken");
    pub const FREE: T = T("空闲", "Free");
    pub const OUT_OF_USE: T = T("停用", "Out of use");
    pub const STATE: T = T("状态", "State");
    pub const STALL_LIST: T = T("摊位列表", "Stalls");
}

/// Allocation runs: the draft form, the draft and public results pages, and their errors.
pub mod allocation_texts {
    use super::T;
    pub const TITLE: T = T("分配批次", "Allocation run");
    pub const PUBLIC_TITLE: T = T("摇号分配结果公示", "Allocation results (public notice)");
    pub const RUN_HEADING: T = T("摇号分配（草案）", "Run an allocation (draft)");
    pub const RUN: T = T("生成草案", "Run a draft");
    pub const FROM: T = T("开始日期", "From");
    pub const TO: T = T("结束日期", "To");
    pub const SEED: T = T("公开种子", "Published seed");
    pub const SEED_HINT: T = T(
        "任何人都可以用同一种子和输入重算结果。",
        "Anyone can re-run the result with the same seed and input.",
    );
    pub const METHOD: T = T("分配方法", "Method");
    pub const ROTATION: T = T("轮换（按已得比例优先）", "Rotation (lowest share first)");
    pub const SERIAL: T = T(
        "普通摇号（顺序独裁）",
        "Plain lottery (serial dictatorship)",
    );
    pub const RESERVED: T = T("爱心摊位预留比例", "Reserved share per priority group");
    pub const CATEGORY_MAX: T = T("单一业态最高占比", "Maximum share of any one category");
    pub const WEEKLY_CAP: T = T("每户每周最多场次", "Sessions per vendor per week at most");
    pub const NO_ADJACENT: T = T("相邻摊位不同业态", "No two adjacent stalls of one category");
    pub const KEEP_SAME: T = T("尽量保持同一摊位", "Keep a vendor on the same stall");
    pub const ROTATE_PREMIUM: T = T("优质摊位轮换", "Rotate premium stalls");
    pub const FOOD_ZONE: T = T("餐饮只在餐饮区", "Food only in food zones");
    pub const STATUS: T = T("状态", "Status");
    pub const DRAFT: T = T("草案", "Draft");
    pub const PUBLISHED: T = T("已发布", "Published");
    pub const PUBLISH: T = T("发布（生成排位）", "Publish (make the bookings)");
    pub const PUBLIC_LINK: T = T("公示页面", "Public results page");
    pub const RUNS: T = T("分配批次", "Allocation runs");
    pub const METRICS: T = T("指标", "Metrics");
    pub const FILL_RATE: T = T("摊位利用率", "Fill rate");
    pub const DEMAND_MET: T = T("需求满足率", "Demand met");
    pub const MEAN_SHARE: T = T("平均获得比例", "Mean share");
    pub const P10_SHARE: T = T("P10 获得比例", "P10 share");
    pub const MIN_SHARE: T = T("最低获得比例", "Minimum share");
    pub const GINI: T = T("基尼系数", "Gini of share");
    pub const ZERO_VENDORS: T = T("零场次经营户", "Vendors with no session");
    pub const FIRST_CHOICE: T = T("首选摊位命中率", "First-choice rate");
    pub const ADJACENT_PAIRS: T = T("相邻同业态对数", "Adjacent same-category pairs");
    pub const STABILITY: T = T("摊位稳定率", "Stall stability");
    pub const BY_GROUP: T = T("按优先群体", "Share by priority group");
    pub const GROUP_NONE: T = T("（无）", "(none)");
    pub const PLACED: T = T("已安排", "Placed");
    pub const UNPLACED: T = T("未安排", "Unplaced");
    pub const APPLICATION: T = T("申请", "Application");
    pub const VENDOR: T = T("经营户", "Vendor");
    pub const DRAW_PLACE: T = T("抽签顺序", "Place in the draw");
    pub const WON: T = T("获得场次", "Sessions won");
    pub const STALLS: T = T("摊位", "Stalls");
    pub const WHY_NOT_MORE: T = T("未获更多的原因", "Why not more");
    pub const INPUT_HASH: T = T("输入哈希", "Input hash");
    pub const RANGE: T = T("日期范围", "Dates");
    pub const PRINT_HINT: T = T("本页可直接打印张贴。", "This page prints as a notice.");
    pub const SEED_EMPTY: T = T("请填写公开种子。", "The seed must not be empty.");
    pub const SEED_TOO_LONG: T = T(
        "种子最多 200 个字符。",
        "The seed is at most 200 characters.",
    );
    pub const DATE_INVALID: T = T("日期格式应为 YYYY-MM-DD。", "Dates are written YYYY-MM-DD.");
    pub const RANGE_INVALID: T = T(
        "结束日期不能早于开始日期，且跨度不超过 400 天。",
        "The end must not be before the start, nor more than 400 days later.",
    );
    pub const NO_SESSIONS: T = T(
        "该日期范围内没有尚未结束的场次。",
        "There are no open sessions in this date range.",
    );
    pub const ALREADY_PUBLISHED: T = T(
        "该批次已经发布过。",
        "This allocation has already been published.",
    );
    pub const STALE: T = T(
        "草案生成后申请、摊位或排位已有变化，请重新生成草案。",
        "Applications, stalls or bookings changed since this draft was run; run a new draft.",
    );
    pub const REASON_ALREADY_BOOKED: T = T("该场次已有摊位", "already has a stall that night");
    pub const REASON_WEEKLY_CAP: T = T("已达每周场次上限", "weekly cap reached");
    pub const REASON_CATEGORY_FULL: T = T("该业态名额已满", "category full");
    pub const REASON_RESERVE_HELD: T = T(
        "剩余摊位留给爱心摊位",
        "last stalls held for a priority group",
    );
    pub const REASON_CATEGORY_MIN_HELD: T = T(
        "剩余摊位留给未达最低比例的业态",
        "last stalls held for categories below their minimum",
    );
    pub const REASON_NO_POWER: T = T("没有带电源的空摊位", "no free stall with power");
    pub const REASON_ZONE: T = T(
        "没有允许该业态的分区摊位",
        "no free stall in a zone that allows the trade",
    );
    pub const REASON_ADJACENT: T = T(
        "相邻摊位已是同一业态",
        "neighbouring stalls already had the trade",
    );
    pub const REASON_NO_FREE: T = T("摊位已满", "no free stall");
    pub const NONE: T = T("—", "—");
}

/// Occupancy reports and the bureau's dashboard.
pub mod reports {
    use super::T;
    pub const TITLE: T = T("统计报表", "Reports");
    pub const SITE: T = T("场地", "Site");
    pub const MARKET: T = T("市场", "Market");
    pub const SEGMENT: T = T("时段", "Segment");
    pub const CATEGORY: T = T("经营类别", "Category");
    pub const PRIORITY_GROUP: T = T("优先群体", "Priority group");
    pub const DAY: T = T("日期", "Day");
    pub const WEEK: T = T("周", "Week");
    pub const MONTH: T = T("月份", "Month");
    pub const BAD_DATE: T = T("日期格式应为 YYYY-MM-DD。", "Dates are written YYYY-MM-DD.");
    pub const BAD_FILTER: T = T("筛选条件不正确。", "That filter is not valid.");
    pub const FROM_AFTER_TO: T = T(
        "开始日期不能晚于结束日期。",
        "The start date must not be after the end date.",
    );
    pub const TOO_LONG: T = T(
        "统计期间不能超过三年。",
        "A report covers at most three years.",
    );
    pub const BAD_GROUP: T = T(
        "分组方式应为 site、market、segment、category、day、week 或 month。",
        "group_by is one of site, market, segment, category, day, week or month.",
    );
    pub const BAD_FORMAT: T = T(
        "格式应为 json、csv 或 xlsx。",
        "format is one of json, csv or xlsx.",
    );
    pub const H_KEY: T = T("编号", "Key");
    pub const H_SESSIONS: T = T("场次（场）", "Sessions");
    pub const H_SLOTS: T = T("可用摊位场次（个）", "Stall-sessions offered");
    pub const H_BOOKED: T = T("已排位（个）", "Booked");
    pub const H_CHECKED_IN: T = T("已签到（个）", "Checked in");
    pub const H_RATE: T = T("上座率（%）", "Occupancy rate (%)");
    pub const H_VENDORS: T = T("经营户（户）", "Vendors");
    pub const TOTAL: T = T("合计", "Total");
    pub const SHEET: T = T("摊位使用率", "Occupancy");
    pub const XLSX_TITLE: T = T("便民市场、夜市摊位使用情况", "Market stall occupancy");
    pub const PERIOD: T = T("统计期间", "Period");
    pub const FROM: T = T("开始日期", "From");
    pub const TO: T = T("结束日期", "To");
    pub const ALL: T = T("全部", "All");
    pub const SHOW: T = T("查看", "Show");
    pub const SUMMARY: T = T("概况", "Summary");
    pub const FOR_REPORT: T = T("可直接用于汇报材料", "Ready to paste into a report");
    pub const MARKETS_OPERATING: T = T("开设市场（个）", "Markets operating");
    pub const SITES_OPERATING: T = T("经营场地（处）", "Sites operating");
    pub const STALLS_OFFERED: T = T("设定摊位（个）", "Stalls offered");
    pub const SLOTS_OFFERED: T = T("可用摊位场次", "Stall-sessions offered");
    pub const BOOKED: T = T("已排位", "Booked");
    pub const CHECKED_IN: T = T("已签到", "Checked in");
    pub const OCCUPANCY: T = T("上座率", "Occupancy rate");
    pub const ATTENDANCE: T = T("到场率（签到/排位）", "Attendance (checked in / booked)");
    pub const VENDORS: T = T("入驻经营户（户）", "Vendors settled");
    pub const NEW_VENDORS: T = T("本期新入驻经营户", "New vendors in the period");
    pub const CANCELLED_BY_VENDOR: T = T("摊主取消排位", "Bookings cancelled by vendors");
    pub const CANCELLED_BY_MANAGER: T = T("管理员取消排位", "Bookings cancelled by managers");
    pub const SESSIONS_CANCELLED: T = T("取消场次", "Sessions cancelled");
    pub const NO_SHOWS: T = T("未到场", "No-shows");
    pub const APPLICATIONS: T = T("收到申请", "Applications received");
    pub const APPROVED: T = T("已批准", "Approved");
    pub const WAITLISTED: T = T("候补", "Waitlisted");
    pub const REJECTED: T = T("未通过", "Rejected");
    pub const BY_SITE: T = T("按场地", "By site");
    pub const BY_SEGMENT: T = T("按时段（早市与夜市）", "By segment (morning and evening)");
    pub const BY_CATEGORY: T = T("按经营类别（业态结构）", "By category (format mix)");
    pub const BY_PRIORITY: T = T("按优先群体", "By priority group");
    pub const BY_WEEK: T = T("按周上座率", "Occupancy by week");
    pub const BY_MONTH: T = T("按月上座率", "Occupancy by month");
    pub const CHART_PERIOD: T = T(
        "柱状图：每个柱子表示该期间的上座率，数据见下表。",
        "Bar chart: each bar is the occupancy rate of that period; the numbers are in the table below.",
    );
    pub const CHART_MIX: T = T(
        "条形图：各经营类别排位数占全部排位的比例，数据见下表。",
        "Bar chart: each category's share of all bookings; the numbers are in the table below.",
    );
    pub const SHARE: T = T("占比", "Share");
    pub const DOWNLOAD_CSV: T = T("下载 CSV", "Download CSV");
    pub const DOWNLOAD_XLSX: T = T("下载 Excel", "Download Excel");
    pub const DOWNLOADS: T = T("导出", "Export");
    pub const PRINT_HINT: T = T(
        "打印本页即可得到报表（导航和筛选不会打印）。",
        "Print this page for a paper report (navigation and filters are left out).",
    );
    pub const NO_DATA: T = T("该期间没有数据。", "No data for this period.");
}

/// Documents (priority-group proofs, health certificates), the vendor's profile page, moving a
/// booking and the category colours of the session plan.
pub mod documents {
    use super::T;
    pub const KIND_HEALTH_CERT: T = T("健康证", "Health certificate");
    pub const KIND_DIBAO: T = T("低保证明", "Minimum-income proof");
    pub const KIND_DISABLED: T = T("残疾人证", "Disability certificate");
    pub const KIND_VETERAN: T = T("退役军人证", "Veteran's certificate");
    pub const KIND_RETURNEE: T = T("返乡创业证明", "Returning-entrepreneur proof");
    pub const KIND_LOCAL: T = T("本地户籍/居住证明", "Proof of local residence");
    pub const KIND_UNKNOWN: T = T(
        "请选择证件类型：健康证或某一优先群体的证明。",
        "Choose what the document is: a health certificate or a priority-group proof.",
    );
    pub const FILE_EMPTY: T = T("请选择要上传的文件。", "Choose a file to upload.");
    pub const FILE_TOO_LARGE: T = T(
        "文件太大：每个文件不能超过 5 MB。请压缩或重新拍照后再上传。",
        "The file is too large: at most 5 MB per file. Shrink it or take the photo again.",
    );
    pub const FILE_WRONG_TYPE: T = T(
        "只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容判断，改文件名无效）。",
        "Only JPEG or PNG images and PDF files are accepted (judged by the content, not the name).",
    );
    pub const FILE_UNREADABLE: T = T(
        "图片无法读取，可能已损坏或尺寸过大。请重新拍照后上传。",
        "The image cannot be read; it may be damaged or far too large. Take the photo again.",
    );
    pub const BAD_BASE64: T = T(
        "content_base64 不是有效的 Base64 编码。",
        "content_base64 is not valid Base64.",
    );
    pub const TOO_MANY: T = T(
        "最多保存 20 份证件，请先删除不再需要的。",
        "At most 20 documents are kept; delete one you no longer need first.",
    );
    pub const PROFILE_TITLE: T = T("我的资料与证件", "My profile and documents");
    pub const PROFILE_LINK: T = T("我的资料与证件", "My profile and documents");
    pub const DOCUMENTS: T = T("证件材料", "Documents");
    pub const NO_DOCUMENTS: T = T("还没有上传证件。", "No documents uploaded yet.");
    pub const KIND: T = T("证件类型", "What it is");
    pub const FILE: T = T("文件", "File");
    pub const UPLOADED_AT: T = T("上传时间", "Uploaded");
    pub const SIZE: T = T("大小", "Size");
    pub const DOWNLOAD: T = T("下载", "Download");
    pub const DELETE: T = T("删除", "Delete");
    pub const UPLOAD: T = T("上传证件", "Upload a document");
    pub const UPLOAD_HINT: T = T(
        "JPEG、PNG 或 PDF，每个不超过 5 MB。照片会重新保存，去掉拍摄地点、手机型号等信息。",
        "JPEG, PNG or PDF, at most 5 MB each. Photos are saved again without location and camera data.",
    );
    pub const WHO_SEES: T = T(
        "只有您本人、您申请或排位的市场的管理员和系统管理员能看到这些证件。",
        "Only you, the managers of the markets you applied to or were placed in, and the system administrators can see these documents.",
    );
    pub const UPLOADED: T = T("证件已上传。", "The document was uploaded.");
    pub const DELETED: T = T("证件已删除。", "The document was deleted.");
    pub const SAVED: T = T("资料已保存。", "Your profile was saved.");
    pub const EDIT: T = T("修改资料", "Edit your profile");
    pub const SAVE: T = T("保存", "Save");
    pub const NOT_SET: T = T("未填写", "Not given");
    pub const VENDOR_DOCUMENTS: T = T("摊主证件", "The vendor's documents");
    pub const NO_PROFILE: T = T(
        "此账号没有摊主资料。",
        "This account has no vendor profile.",
    );
    pub const MOVE: T = T("调换摊位", "Move a booking");
    pub const MOVE_BOOKING: T = T("要调换的排位", "Booking to move");
    pub const MOVE_TO: T = T("调到空闲摊位", "To the free stall");
    pub const MOVE_SUBMIT: T = T("调换", "Move");
    pub const SAME_STALL: T = T(
        "新摊位与原摊位相同。",
        "The new stall is the stall already booked.",
    );
    pub const LEGEND_CATEGORIES: T = T(
        "已排位摊位按经营类别着色，并标有类别的首字：",
        "Booked stalls are coloured by category and marked with the category's first character:",
    );
}

/// The TOTP second factor: enrolment, the login's second step, an administrator's reset.
pub mod totp {
    use super::T;
    pub const TITLE: T = T(
        "动态验证码（两步验证）",
        "Authenticator codes (two-step login)",
    );
    pub const REQUIRED: T = T(
        "此账号已开启两步验证，请输入身份验证器中的 6 位动态码。",
        "This account uses two-step login: enter the 6-digit code from your authenticator app.",
    );
    pub const WRONG_CODE: T = T(
        "动态码不正确、已过期或已使用过，请输入身份验证器中当前显示的 6 位数字。",
        "The code is wrong, expired or already used. Enter the 6 digits your authenticator shows now.",
    );
    pub const ALREADY_ENROLLED: T = T(
        "此账号已开启两步验证。如需更换手机，请联系系统管理员重置。",
        "Two-step login is already on for this account. To move to a new phone, ask an administrator to reset it.",
    );
    pub const NOT_STARTED: T = T(
        "请先开始设置两步验证。",
        "Start setting up two-step login first.",
    );
    pub const CHALLENGE_EXPIRED: T = T(
        "验证已超时，请重新输入账号和密码。",
        "The login has timed out. Enter your login and password again.",
    );
    pub const CODE_FIELD: T = T("6 位动态码", "6-digit code");
    pub const CODE_HINT: T = T(
        "打开手机上的身份验证器（如微信小程序“腾讯身份验证器”、Google Authenticator），输入当前显示的数字。",
        "Open the authenticator app on your phone and enter the digits it shows now.",
    );
    pub const VERIFY: T = T("验证", "Verify");
    pub const ENROLLED: T = T("两步验证已开启。", "Two-step login is on.");
    pub const NOT_ENROLLED: T = T(
        "两步验证尚未开启。开启后，登录时除密码外还需输入手机身份验证器中的动态码。",
        "Two-step login is off. Once on, logging in needs a code from your phone besides the password.",
    );
    pub const MUST_ENROL: T = T(
        "管理人员账号须开启两步验证后才能继续使用。",
        "Staff accounts must turn on two-step login before going on.",
    );
    pub const START: T = T("开启两步验证", "Turn on two-step login");
    pub const SCAN: T = T(
        "用身份验证器扫描下面的二维码（或手动输入密钥），然后输入它显示的 6 位数字以确认。二维码只显示这一次。",
        "Scan this QR code with your authenticator app (or type the key), then enter the 6 digits it shows to confirm. The code is shown only this once.",
    );
    pub const SECRET_KEY: T = T("密钥", "Key");
    pub const QR_LABEL: T = T("两步验证二维码", "Two-step login QR code");
    pub const CONFIRM: T = T("确认开启", "Confirm");
    pub const RESTART: T = T("重新生成二维码", "Make a new QR code");
    pub const RESET: T = T("重置两步验证", "Reset two-step login");
    pub const ACCOUNT_LINK: T = T("两步验证", "Two-step login");
}

/// Server errors (a panic or a failed query) as users see them.
pub mod panics {
    use super::T;
    pub const REQUEST_ID: T = T(
        "请求编号（联系管理员时请提供）",
        "Request id (quote it when reporting this)",
    );
}

/// The vendor's journey, finished: the month calendar, preferred stalls on the apply form,
/// self-selection of a stall, inline checks on the register form, flashes after offers.
pub mod vendor_journey {
    use super::T;
    pub const MONTH_TITLE: T = T("我的排位月历", "My schedule by month");
    pub const MONTH_VIEW: T = T("📆 按月查看", "📆 Month view");
    pub const PREV_MONTH: T = T("上个月", "Previous month");
    pub const NEXT_MONTH: T = T("下个月", "Next month");
    pub const THIS_MONTH: T = T("回到本月", "This month");
    pub const TODAY: T = T("今天", "Today");
    pub const WEEKDAYS: [T; 7] = [
        T("周一", "Mon"),
        T("周二", "Tue"),
        T("周三", "Wed"),
        T("周四", "Thu"),
        T("周五", "Fri"),
        T("周六", "Sat"),
        T("周日", "Sun"),
    ];
    pub const NOTHING_THIS_MONTH: T = T("这个月没有排位。", "No bookings this month.");
    pub const BOOKED: T = T("已排位", "Booked");
    pub const CANCELLED: T = T("已取消", "Cancelled");
    pub const MONTH_INVALID: T = T(
        "月份应写成 2026-05 这样的“年-月”。",
        "Write the month as year-month, like 2026-05.",
    );
    pub const STEP_MARKET: T = T("第一步：选择市场", "Step 1: choose a market");
    pub const STEP_FORM: T = T("第二步：填写申请", "Step 2: fill in the application");
    pub const CHOSEN_MARKET: T = T("已选市场", "Chosen market");
    pub const OTHER_MARKET: T = T("换一个市场", "Choose another market");
    pub const PREFERRED_LEGEND: T = T(
        "意向摊位（可不选，最多 10 个）",
        "Preferred stalls (optional, at most 10)",
    );
    pub const PREFERRED_HINT: T = T(
        "对照平面图上的编号勾选想要的摊位；在“顺序”里填 1 表示最想要，不填则按编号排在后面。",
        "Tick the stalls you want, using the codes on the plan; put 1 in “Rank” for the one you want most. Unranked ones come after, by code.",
    );
    pub const RANK: T = T("顺序", "Rank");
    pub const RANK_INVALID: T = T(
        "“顺序”请填 1 到 10 的数字，或者不填。",
        "Rank is a number from 1 to 10, or empty.",
    );
    pub const NO_STALLS_YET: T = T(
        "这个场地还没有划好摊位，可以不选意向摊位直接申请。",
        "This site has no stalls laid out yet; apply without preferred stalls.",
    );
    pub const CHOOSE_TITLE: T = T("自选摊位", "Choose your stall");
    pub const CHOOSE_INTRO: T = T(
        "点“选这个摊位”就订下了，先到先得。订好后可在“我的排位”查看。",
        "Tap “Book this stall” and it is yours, first come first served. It then shows under “My schedule”.",
    );
    pub const CHOOSE_THIS: T = T("选这个摊位", "Book this stall");
    pub const NO_FREE_STALLS: T = T(
        "这一场已经没有空摊位了。",
        "No stall is free in this session.",
    );
    pub const ALREADY_HERE: T = T(
        "您在这一场已经有摊位：",
        "You already have a stall in this session:",
    );
    pub const CLOSED_FOR_CHOICE: T = T(
        "这一场已取消、已开市或已结束，不能再自选摊位。",
        "This session is cancelled, open or over: stalls can no longer be chosen.",
    );
    pub const SELF_SELECT_SESSIONS: T =
        T("可以自选摊位的场次", "Sessions where you choose your stall");
    pub const NO_SELF_SELECT: T = T(
        "近期没有可以自选摊位的场次。",
        "No upcoming session lets you choose a stall.",
    );
    pub const CHECK_OK: T = T("格式正确", "Looks right");
    pub const OFFER_ACCEPTED: T = T(
        "已接受候补摊位，已加入“我的排位”。",
        "Offer accepted: the stall is now in your schedule.",
    );
    pub const OFFER_DECLINED: T = T(
        "已放弃这个候补摊位，它会转给下一位。",
        "Offer declined: the stall passes to the next vendor.",
    );
    pub const STALL_BOOKED: T = T(
        "摊位已订好，已加入“我的排位”。",
        "Stall booked: it is now in your schedule.",
    );
}
