//! Money as people type it and as the reports show it: yuan with at most two decimals outside,
//! integer fen inside, never a float in a sum.

use serde_json::Value;

/// The most a stall can take (or redeem) in one night: ¥1,000,000, in fen.
pub const MAX_FEN: i64 = 100_000_000;

/// Why an amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number at all.
    NotANumber,
    /// Below zero.
    Negative,
    /// More than two decimals.
    TooPrecise,
    /// Over ¥1,000,000.
    TooLarge,
}

/// Parses yuan typed as text (`"1234.5"`, `"1,234.50"`, `"¥88"`, full-width digits) into fen.
pub fn parse_yuan(text: &str) -> Result<i64, AmountError> {
    let narrowed: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' => '-',
            '，' => ',',
            c => c,
        })
        .filter(|c| !matches!(c, ' ' | '¥' | '￥'))
        .collect();
    if !thousands_well_placed(&narrowed) {
        return Err(AmountError::NotANumber);
    }
    let cleaned: String = narrowed.chars().filter(|c| *c != ',').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || digits.ends_with('.') && fraction.is_empty() && whole.is_empty()
    {
        return Err(AmountError::NotANumber);
    }
    if negative && (whole.chars().any(|c| c != '0') || fraction.chars().any(|c| c != '0')) {
        return Err(AmountError::Negative);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err(AmountError::TooPrecise);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 7 {
        return Err(AmountError::TooLarge);
    }
    let yuan: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| AmountError::NotANumber)?
    };
    let fen: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| AmountError::NotANumber)?;
    let total = yuan * 100 + fen;
    if total > MAX_FEN {
        return Err(AmountError::TooLarge);
    }
    Ok(total)
}

/// Commas only between groups of three digits of the whole yuan (`1,234.50`): `12,34` is a
/// decimal comma or a slip, and reading it as 1,234 would report a hundred times the takings.
fn thousands_well_placed(text: &str) -> bool {
    if !text.contains(',') {
        return true;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = whole.trim_start_matches(['-', '+']);
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    !fraction.contains(',') && (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Parses a JSON amount: a decimal string or a number (read back in its shortest decimal
/// form, so `12.3` is 1,230 fen and `12.345` has three decimals).
pub fn parse_json(value: &Value) -> Result<i64, AmountError> {
    match value {
        Value::String(s) => parse_yuan(s),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                if i < 0 {
                    return Err(AmountError::Negative);
                }
                return parse_yuan(&i.to_string());
            }
            if n.as_u64().is_some() {
                return Err(AmountError::TooLarge);
            }
            match n.as_f64() {
                Some(f) if f.is_finite() => parse_yuan(&format_float(f)),
                _ => Err(AmountError::NotANumber),
            }
        }
        _ => Err(AmountError::NotANumber),
    }
}

/// A float in plain decimal notation (no exponent), shortest round-trip digits.
fn format_float(f: f64) -> String {
    let s = format!("{f}");
    if s.contains(['e', 'E']) {
        // Rust's `{}` for f64 never uses an exponent, but keep the guard cheap and explicit.
        format!("{f:.10}")
    } else {
        s
    }
}

/// Fen as yuan with two decimals: `123456` → `"1234.56"`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A whole number with thousands separators: `126000` → `126,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Fen as yuan with two decimals and the thousands grouped, as pages show amounts to people:
/// `123456789` → `"1,234,567.89"` (the JSON keeps [`yuan`]'s plain digits).
pub fn yuan_grouped(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", grouped(abs / 100), abs % 100)
}

/// Fen as 万元 with one decimal, the unit of the bureau's paragraphs: `12_600_000` → `"12.6"`.
pub fn wan_yuan(fen: i64) -> String {
    // Round half up on the integer: 1 万元 = 1,000,000 fen; one decimal = 100,000 fen.
    let tenths = (fen.max(0) + 50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_on_pages_group_thousands() {
        assert_eq!(yuan_grouped(0), "0.00");
        assert_eq!(yuan_grouped(99_999), "999.99");
        assert_eq!(yuan_grouped(100_000), "1,000.00");
        assert_eq!(yuan_grouped(123_456_789), "1,234,567.89");
        assert_eq!(yuan_grouped(-123_456), "-1,234.56");
        assert_eq!(grouped(126_000), "126,000");
    }

    #[test]
    fn a_comma_counts_only_between_thousands() {
        assert_eq!(parse_yuan("1,234.50"), Ok(123_450));
        assert_eq!(parse_yuan("1，234"), Ok(123_400));
        assert_eq!(parse_yuan("¥1,000,000"), Ok(100_000_000));
        for slip in ["12,34", "1,2,3", ",123", "1234,567", "12.3,4", "1,23"] {
            assert_eq!(parse_yuan(slip), Err(AmountError::NotANumber), "{slip}");
        }
    }

    #[test]
    fn amounts_read_as_people_type_them() {
        assert_eq!(parse_yuan("1234.5"), Ok(123_450));
        assert_eq!(parse_yuan("1,234.50"), Ok(123_450));
        assert_eq!(parse_yuan("¥88"), Ok(8_800));
        assert_eq!(parse_yuan("８８．８"), Ok(8_880));
        assert_eq!(parse_yuan(".5"), Ok(50));
        assert_eq!(parse_yuan("0"), Ok(0));
        assert_eq!(parse_yuan("1000000"), Ok(MAX_FEN));
    }

    #[test]
    fn bad_amounts_say_what_is_wrong() {
        assert_eq!(parse_yuan("-1"), Err(AmountError::Negative));
        assert_eq!(parse_yuan("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan(""), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("."), Err(AmountError::NotANumber));
        assert_eq!(parse_yuan("1.234"), Err(AmountError::TooPrecise));
        assert_eq!(parse_yuan("1000000.01"), Err(AmountError::TooLarge));
        assert_eq!(
            parse_yuan("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_yuan("NaN"), Err(AmountError::NotANumber));
    }

    #[test]
    fn json_numbers_keep_their_decimals() {
        assert_eq!(parse_json(&json!(12.3)), Ok(1_230));
        assert_eq!(parse_json(&json!(0.1)), Ok(10));
        assert_eq!(parse_json(&json!(12.345)), Err(AmountError::TooPrecise));
        assert_eq!(parse_json(&json!(-5)), Err(AmountError::Negative));
        assert_eq!(parse_json(&json!(-0.5)), Err(AmountError::Negative));
        assert_eq!(parse_json(&json!(true)), Err(AmountError::NotANumber));
        assert_eq!(parse_json(&json!(1e7)), Err(AmountError::TooLarge));
    }

    #[test]
    fn fen_print_as_yuan_and_wan() {
        assert_eq!(yuan(123_456), "1234.56");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(wan_yuan(12_600_000), "12.6");
        assert_eq!(wan_yuan(12_649_999), "12.6");
        assert_eq!(wan_yuan(12_650_000), "12.7");
    }
}
