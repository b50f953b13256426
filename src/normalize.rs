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

/// Free text as typed (a complaint, a note): control characters and the invisible marks that
/// reverse or hide text (bidi overrides and isolates, zero-width spaces) removed, except line
/// breaks and tabs; trimmed. A text of nothing but such characters becomes empty, and empty
/// text is refused where it is required.
pub fn free_text(input: &str) -> String {
    input
        .chars()
        .filter(|&c| {
            matches!(c, '\n' | '\t')
                || !(c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                        | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_become_ascii() {
        assert_eq!(half_width("１３８ｘＸ"), "138xX");
        assert_eq!(compact(" 138-0013 8000 "), "13800138000");
    }

    #[test]
    fn free_text_loses_what_cannot_be_seen_but_keeps_its_lines() {
        assert_eq!(free_text("\u{0}\u{1}"), "");
        assert_eq!(
            free_text(" 太吵\u{202E}了\r\n第二行\u{200B} "),
            "太吵了\n第二行"
        );
    }
}
