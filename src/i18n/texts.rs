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
