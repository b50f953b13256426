//! Input clean-up shared by the identifier parsers: full-width characters and separators.

/// Full-width ASCII (as typed by Chinese input methods) to half-width; other text unchanged.
pub fn half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Half-width, without spaces and dashes.
pub fn compact(input: &str) -> String {
    half_width(input)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '_'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_become_ascii() {
        assert_eq!(half_width("１３８ｘＸ"), "138xX");
        assert_eq!(compact(" 138-0013 8000 "), "13800138000");
    }
}
