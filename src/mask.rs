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

/// Free text (a complaint's contact line, a value in the audit log) with every mobile number
/// and ID number in it masked as above: a run of 11 digits starting with 1, or of 17 digits
/// and a check character, standing alone. Everything else is left as written.
pub fn mask_in_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        // An ID number may end in X.
        let x = j - i == 17 && chars.get(j).is_some_and(|c| matches!(c, 'X' | 'x'));
        let end = if x { j + 1 } else { j };
        let alone = chars.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
        let run: String = chars[i..end].iter().collect();
        match end - i {
            11 if alone && run.starts_with('1') => out.push_str(&mask_phone(&run)),
            18 if alone => out.push_str(&mask_id_number(&run)),
            _ => out.push_str(&run),
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
        // Not a phone: too long, other digits around it, or an order number.
        assert_eq!(mask_in_text("139123456789"), "139123456789");
        assert_eq!(mask_in_text("A13912345678"), "A13912345678");
        assert_eq!(mask_in_text("2026-12-06 20:30"), "2026-12-06 20:30");
        assert_eq!(mask_in_text(""), "");
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
