### Vendor registration and profile.

vendor-register-title = 摊主注册
vendor-register-intro = 注册后即可在线申请摊位。登录账号就是您的手机号。
# Above a refused form: how many fields to mend ($count), the first one's message ($first).
vendor-form-errors = { $count ->
        [one] 有 1 处需要修改：{ $first }
       *[other] 有 { $count } 处需要修改，请看下面标红的地方。第一处：{ $first }
    }
vendor-name = 姓名
vendor-phone = 手机号
vendor-id-number = 身份证号
vendor-id-hint = 18 位，最后一位可能是 X
vendor-category = 经营类别
vendor-products = 经营品种（选填）
vendor-uscc = 统一社会信用代码（选填）
vendor-health-cert = 健康证有效期至（餐饮类必填）
vendor-priority = 优先群体（选填）
vendor-password-hint = 至少 8 位，含字母和数字
vendor-submit = 注册
vendor-id-length = 身份证号应为 18 位。
vendor-id-chars = 身份证号前 17 位须为数字，最后一位为数字或 X。
vendor-id-birth-date = 身份证号中的出生日期不存在。
vendor-id-checksum = 身份证号校验位不正确，请核对后重新输入。
vendor-phone-invalid = 请输入 11 位手机号，以 1 开头。
vendor-phone-taken = 该手机号已注册，请直接登录。
vendor-id-number-taken = 该身份证号已注册过摊主账号：请用当时注册的手机号登录。如手机号已更换，请到市场管理处办理更换。
vendor-uscc-invalid = 统一社会信用代码不正确（18 位，校验位不符）。
vendor-category-invalid = 请选择经营类别。
vendor-category-not-standard = 登记时请从这几类中选一个：小吃餐饮、农副产品、服装百货、手工文创、便民服务。市场自己细分的类别（如烧烤）在申请摆摊时再选。
vendor-health-cert-required = 餐饮类经营须填写健康证有效期。
vendor-health-cert-expired = 健康证已过期，请先办理新证。
vendor-date-invalid = 日期格式应为 YYYY-MM-DD。
vendor-priority-invalid = 优先群体不正确。
vendor-products-too-long = 经营品种不能超过 200 个字。

## The standard trade categories and the priority groups of 爱心摊位.

vendor-category-snacks = 小吃餐饮
vendor-category-farm = 农副产品
vendor-category-clothing = 服装百货
vendor-category-crafts = 手工文创
vendor-category-services = 便民服务
vendor-group-dibao = 低保户
vendor-group-disabled = 残疾人
vendor-group-veteran = 退役军人
vendor-group-returnee = 返乡创业
vendor-group-local = 本地居民
