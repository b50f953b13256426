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
        "密码太简单，请同时使用字母和数字。",
        "The password is too simple; use letters and digits.",
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
    pub const NOT_A_MANAGER: T = T(
        "只能为市场管理员分配场地。",
        "Only market managers are assigned sites.",
    );
}

/// Sites (the rest comes with the sites feature).
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
}
