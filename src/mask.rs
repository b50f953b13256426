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

#[cfg(test)]
mod tests {
    use super::*;

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
