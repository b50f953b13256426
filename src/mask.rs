//! The one masking rule for personal data shown where others can see it: names on public
//! notices (公示) and permits, phones and ID numbers in lists, exports and profile pages.
//!
//! - **Names** keep the first character and, from three characters on, the last; every other
//!   character is a star: `张三兰` → `张*兰`, `李四` → `李*`, `欧阳娜娜` → `欧**娜`. That is the
//!   usual form of a Chinese public notice: a vendor finds their own line, a stranger learns
//!   only a surname. A one-character name would be shown whole by any "keep the first" rule, so
//!   it becomes `*`; an empty name is `*` too, so the length of a name is never the tell.
//! - **Phones** keep the first three and last four digits: `138****1234`.
//! - **ID numbers** keep the first four (the county) and last four characters:
//!   `6207**********1231`.
//!
//! Anything not of the stored shape (a phone that is not 11 digits, an ID number that is not 18
//! characters) is starred out whole rather than guessed at.

/// A person's name for a public page: `张*兰`, `李*`, `*` for a one-character name.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 | 1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// A stored mobile number with its middle four digits hidden: `138****1234`.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "***".into()
    }
}

/// A stored ID number with its middle ten characters hidden: `6207**********1231`.
pub fn mask_id_number(id: &str) -> String {
    if id.len() == 18 && id.is_ascii() {
        format!("{}{}{}", &id[..4], "*".repeat(10), &id[14..])
    } else {
        "****".into()
    }
}

/// Free text (a complaint's contact line, a value in the audit log) with every mobile number,
/// ID number and landline in it masked: a run of digits, possibly in groups joined by single
/// spaces or dashes, full-width as phone keyboards type them, after `+86` or `86` — 11 digits
/// starting with 1 (`139****5678`), 17 digits and a check character (`6207**********1231`), or
/// a landline of 10–12 digits starting with 0 (`0936*****67`). Dates and times, order numbers
/// and everything else are left as written.
pub fn mask_in_text(text: &str) -> String {
    // Full-width digits, plus and dash read as their ASCII forms.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            '－' => '-',
            c => c,
        })
        .collect();
    let original: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        // Not inside a number already, nor the decimals of one (a coordinate in the audit log).
        if !starts || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.')) {
            out.push(original[i]);
            i += 1;
            continue;
        }
        // The run: digits, with single spaces or dashes between groups; an ID's final X.
        let mut j = if chars[i] == '+' { i + 1 } else { i };
        let mut digits = String::new();
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits.push(chars[j]);
                j += 1;
            } else if matches!(chars[j], ' ' | '-')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                && chars
                    .get(j.wrapping_sub(1))
                    .is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let mut end = j;
        if digits.len() == 17 && chars.get(j).is_some_and(|c| matches!(c, 'X' | 'x')) {
            digits.push(chars[j]);
            end = j + 1;
        }
        let phone = |d: &str| d.len() == 11 && d.starts_with('1');
        let masked = if phone(&digits) {
            Some(mask_phone(&digits))
        } else if digits.len() == 13 && digits.starts_with("86") && phone(&digits[2..]) {
            Some(mask_phone(&digits[2..]))
        } else if digits.len() == 18 {
            Some(mask_id_number(&digits))
        } else if (10..=12).contains(&digits.len()) && digits.starts_with('0') {
            Some(format!(
                "{}{}{}",
                &digits[..4],
                "*".repeat(digits.len() - 6),
                &digits[digits.len() - 2..]
            ))
        } else {
            None
        };
        match masked {
            Some(m) => out.push_str(&m),
            None => out.extend(&original[i..end]),
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_id_numbers_inside_free_text_are_masked_and_the_rest_kept() {
        assert_eq!(
            mask_in_text("13912345678 身份证620722199001011231，晚上8点后"),
            "139****5678 身份证6207**********1231，晚上8点后"
        );
        assert_eq!(mask_in_text("62072219900101123X"), "6207**********123X");
        assert_eq!(mask_in_text("电话:13912345678"), "电话:139****5678");
        // As people write them: groups, +86, full width, a prefix of letters, a landline.
        for (typed, shown) in [
            ("王先生 139-1234-5678", "王先生 139****5678"),
            ("+86 139 1234 5679", "139****5679"),
            ("8613912345670", "139****5670"),
            ("tel:+8613912345671", "tel:139****5671"),
            ("wx: abc13912345675", "wx: abc139****5675"),
            ("１３９１２３４５６７３", "139****5673"),
            ("0936-1234567", "0936*****67"),
        ] {
            assert_eq!(mask_in_text(typed), shown, "{typed}");
        }
        // Not a phone: too many digits, dates and times, small numbers.
        for kept in [
            "139123456789",
            "2026-12-06 20:30",
            "2026-12-06T20:30:00+08:00",
            "[100.0936123456,38.4316314]",
            "摊位 A-012，3 号",
            "",
        ] {
            assert_eq!(mask_in_text(kept), kept);
        }
    }

    #[test]
    fn a_three_character_name_keeps_its_first_and_last_character() {
        assert_eq!(mask_name("张三兰"), "张*兰");
    }

    #[test]
    fn a_two_character_name_shows_only_the_surname() {
        assert_eq!(mask_name("李四"), "李*");
    }

    #[test]
    fn a_long_name_never_shows_its_middle() {
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name("阿卜杜热合曼"), "阿****曼");
    }

    #[test]
    fn a_one_character_name_is_never_shown_in_full() {
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name(" 王 "), "*");
    }

    #[test]
    fn an_empty_name_looks_like_a_one_character_one() {
        assert_eq!(mask_name(""), "*");
        assert_eq!(mask_name("   "), "*");
    }

    #[test]
    fn a_phone_keeps_its_first_three_and_last_four_digits() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
    }

    #[test]
    fn a_phone_of_another_shape_is_starred_out_whole() {
        assert_eq!(mask_phone("1381234"), "***");
        assert_eq!(mask_phone("１３８１２３４１２３４"), "***");
        assert_eq!(mask_phone(""), "***");
    }

    #[test]
    fn an_id_number_keeps_its_first_four_and_last_four_characters() {
        assert_eq!(mask_id_number("620722199001011231"), "6207**********1231");
        assert_eq!(mask_id_number("11010519491231002X"), "1101**********002X");
    }

    #[test]
    fn an_id_number_of_another_shape_is_starred_out_whole() {
        assert_eq!(mask_id_number("6207221990"), "****");
        assert_eq!(mask_id_number(""), "****");
    }
}
