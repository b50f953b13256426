### Allocation runs: the draft form, the draft and public results pages, and their errors.

allocation-title = 分配批次
allocation-public-title = 摇号分配结果公示
allocation-run-heading = 摇号分配（草案）
allocation-run = 生成草案
allocation-from = 开始日期
allocation-to = 结束日期
allocation-seed = 公开种子
allocation-seed-hint = 任何人都可以用同一种子和输入重算结果。
allocation-method = 分配方法
allocation-rotation = 轮换（按已得比例优先）
allocation-serial = 普通摇号（顺序独裁）
allocation-reserved = 爱心摊位预留比例
allocation-reserved-hint = 例如：低保户=0.1，残疾人=0.05（群体：低保户、残疾人、退役军人、返乡创业、本地居民；比例 0 到 1）
allocation-reserved-invalid = 爱心摊位预留比例的写法是“群体=比例”，用逗号分开，例如 低保户=0.1，残疾人=0.05；群体只能是低保户、残疾人、退役军人、返乡创业、本地居民。
allocation-category-max-invalid = 同类最多占比应为 0 到 1 之间的小数，例如 0.4。
allocation-category-max = 单一业态最高占比
allocation-category-min = 各业态最低占比（业态搭配）
allocation-category-shares-hint = 所有业态同一比例（0.4 或 40%），或逐个填写：服装百货=0.3，小吃餐饮=20%（用本市场的业态名称）
allocation-category-shares-invalid = 请填写 0 到 1 之间的比例（或 0% 到 100%）：所有业态一个数（0.4），或逐个业态填写（服装百货=0.3，小吃餐饮=20%）。
# $trade: the name typed; $trades: the market's trades.
allocation-unknown-trade = “{ $trade }”不是本市场的业态；本市场的业态有：{ $trades }。
# $trade: the trade typed twice.
allocation-trade-twice = “{ $trade }”写了两次：每个业态只写一个比例。
# $total: the least shares added up, in percent.
allocation-least-over-all = 各业态最低占比合计 { $total }%，超过了 100%：请调低。
allocation-smoky-zone = 有油烟的业态只在油烟区
allocation-rules = 本次分配的规则
allocation-weekly-cap = 每户每周最多场次
allocation-no-adjacent = 相邻摊位不同业态
allocation-keep-same = 尽量保持同一摊位
allocation-rotate-premium = 优质摊位轮换
allocation-food-zone = 餐饮只在餐饮区
allocation-status = 状态
allocation-draft = 草案
allocation-published = 已发布
allocation-publish = 发布（生成排位）
allocation-public-link = 公示页面
allocation-runs = 分配批次
allocation-metrics = 指标
allocation-fill-rate = 摊位利用率
allocation-demand-met = 需求满足率
allocation-mean-share = 平均获得比例
allocation-p10-share = P10 获得比例
allocation-min-share = 最低获得比例
allocation-gini = 基尼系数
allocation-zero-vendors = 零场次经营户
allocation-first-choice = 首选摊位命中率
allocation-adjacent-pairs = 相邻同业态对数
allocation-stability = 摊位稳定率
allocation-by-group = 按优先群体
allocation-group-none = （无）
allocation-group = 优先群体
allocation-applications = 申请数
allocation-placed = 已安排
allocation-unplaced = 未安排
allocation-application = 申请
allocation-vendor = 经营户
allocation-draw-place = 抽签顺序
allocation-won = 获得场次
allocation-stalls = 摊位
allocation-why-not-more = 未获更多的原因
allocation-input-hash = 输入哈希
allocation-range = 日期范围
allocation-print-hint = 本页可直接打印张贴。
allocation-seed-empty = 请填写公开种子。
allocation-seed-too-long = 种子最多 200 个字符。
allocation-date-invalid = 日期格式应为 YYYY-MM-DD。
allocation-range-invalid = 结束日期不能早于开始日期，且跨度不超过 400 天。
allocation-no-sessions = 该日期范围内没有尚未结束的场次。
allocation-already-published = 该批次已经发布过。
allocation-stale = 草案生成后申请、摊位或排位已有变化，请重新生成草案。
allocation-reason-already-booked = 该场次已有摊位
allocation-reason-busy-elsewhere = 同一时间已在别处有摊位
allocation-reason-weekly-cap = 已达每周场次上限
allocation-reason-category-full = 该业态名额已满
allocation-reason-reserve-held = 剩余摊位留给爱心摊位
allocation-reason-category-min-held = 剩余摊位留给未达最低比例的业态
allocation-reason-no-power = 没有带电源的空摊位
allocation-reason-zone = 没有允许该业态的分区摊位
allocation-reason-adjacent = 相邻摊位已是同一业态
allocation-reason-no-free = 摊位已满
allocation-none = —

## Refused runs.

# $detail: the parser's own words (English).
allocation-policy-invalid = 分配规则不符合要求：{ $detail }
allocation-error-empty-seed = 请填写公开种子。
# $knob: a policy key; $key: a category; $value: the number given.
allocation-error-bad-share = { $knob }[{ $key }] = { $value } 不是 0 到 1 之间的比例。
allocation-error-shares-over-one = { $knob } 合计 { $total }，超过 100%。
allocation-error-unknown-category = { $knob } 中的业态“{ $category }”不存在。
allocation-error-min-above-max = 业态“{ $category }”的最低比例高于最高比例。
allocation-error-weekly-cap-zero = 每周场次上限不能为 0。

## The notice a published run sends each vendor: the heading, then what they won, then where they wait.

# $outcome: allocation-notice-none or allocation-notice-won; $queue: allocation-notice-queued, allocation-notice-no-queue or nothing. $papers: allocation-notice-gas-lapsed, allocation-notice-health-lapsed, allocation-notice-papers-both or nothing.
allocation-notice = 「{ $market }」{ $from } 至 { $to } 的摊位分配已公布：{ $outcome }{ $queue }{ $papers }
allocation-notice-none = 本次未获安排摊位。
# $count: sessions won; $list: the first of them (date, segment, stall); $more: how many are not listed.
allocation-notice-won =
    您获得 { $count } 场：{ $list }{ $more ->
        [0] {""}
       *[other] {" "}等（另 { $more } 场）
    }。
# $count: requests waiting; $at: date and segment of the best place; $place: that place.
# $won: sessions won (0: none, so not "另有").
allocation-notice-queued = { $won ->
        [0] 有
       *[other] 另有
    } { $count } 场进入候补名单，最靠前的是 { $at } 第 { $place } 位；有摊位空出时按顺序通知。
allocation-notice-no-queue = 没有可候补的场次。
allocation-notice-gas-lapsed = 您的燃气气瓶检验已过期，过期之后的申请场次无法安排：请检验后在个人资料中更新。
allocation-notice-health-lapsed = 您的健康证有效期不够，到期之后的申请场次无法安排：请办理后在个人资料中上传。
allocation-notice-suspended = 您因扣分暂停经营，暂停期间的申请场次无法安排。
# $first, $second: the two sentences above.
allocation-notice-papers-both = { $first }{ $second }
