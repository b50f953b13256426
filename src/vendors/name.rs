//! Masking a person's name for public pages (公示): `张三兰` → `张*兰`, `李四` → `李*`.

/// Keeps the first and (for three or more characters) the last character; stars in between.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => "*".into(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
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
    fn short_and_long_names_never_show_the_middle() {
        assert_eq!(mask_name("李四"), "李*");
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name(""), "*");
    }
}
