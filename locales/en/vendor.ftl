### Vendor registration and profile.

vendor-register-title = Vendor sign-up
vendor-register-intro = Sign up to apply for stalls online. Your mobile number is your login.
# Above a refused form: how many fields to mend ($count), the first one's message ($first).
vendor-form-errors = { $count ->
        [one] One field to mend: { $first }
       *[other] { $count } fields to mend, marked below. The first: { $first }
    }
vendor-name = Full name
vendor-phone = Mobile number
vendor-id-number = Resident ID number
vendor-id-hint = 18 characters; the last may be X
vendor-category = Category
vendor-products = What you sell (optional)
vendor-uscc = Unified social credit code (optional)
vendor-health-cert = Health certificate valid until (required for food)
vendor-priority = Priority groups (optional)
vendor-password-hint = At least 8 characters, letters and digits
vendor-submit = Sign up
vendor-id-length = A resident ID number has 18 characters.
vendor-id-chars = The first 17 characters must be digits; the last is a digit or X.
vendor-id-birth-date = The birth date inside the ID number does not exist.
vendor-id-checksum = The ID number's check digit is wrong; please check it.
vendor-phone-invalid = Enter an 11-digit mainland mobile number starting with 1.
vendor-phone-taken = This mobile number is already registered; please log in.
vendor-id-number-taken = This ID number is already registered to a vendor: log in with the mobile number used then. If that number has changed, ask the market office to move the account to your new number.
vendor-uscc-invalid = The unified social credit code is not valid (18 characters, check digit).
vendor-category-invalid = Please choose a category.
vendor-category-not-standard = At registration choose one of: 小吃餐饮 (snacks), 农副产品 (farm produce), 服装百货 (clothing), 手工文创 (crafts), 便民服务 (services). A market's own trades (such as barbecue) are chosen when applying.
vendor-health-cert-required = Food vendors must give their health certificate's expiry date.
vendor-health-cert-expired = The health certificate has expired; please renew it first.
vendor-date-invalid = Dates are written YYYY-MM-DD.
vendor-priority-invalid = Unknown priority group.
vendor-products-too-long = What you sell may have at most 200 characters.

## The standard trade categories and the priority groups of 爱心摊位.

vendor-category-snacks = Snacks and food
vendor-category-farm = Farm produce
vendor-category-clothing = Clothing and goods
vendor-category-crafts = Crafts and design
vendor-category-services = Services
vendor-group-dibao = Minimum-income household
vendor-group-disabled = Person with a disability
vendor-group-veteran = Veteran
vendor-group-returnee = Returning entrepreneur
vendor-group-local = Local resident
