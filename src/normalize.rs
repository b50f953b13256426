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
        .filter(|&c| matches!(c, '\n' | '\t') || !(c.is_control() || invisible(c)))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The invisible marks that reverse or hide text: bidi overrides and isolates, zero-width
/// spaces and joiners, the word joiner and invisible operators, the soft hyphen, the
/// Mongolian vowel separator, the combining grapheme joiner, the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{034F}')
}

/// The separator of a Chinese transcription of a name (阿卜杜·热合曼) in the form the national
/// standard writes it, U+00B7, whatever dot the input method typed.
const NAME_DOT: char = '·';

/// A person's name as typed: invisible marks and control characters gone, full-width letters
/// and spaces half-width, runs of spaces one space, the name dot in its one form (the bullet,
/// katakana and hyphenation dots always; a full stop only between two Chinese characters, so
/// `J. Smith` keeps its own), trimmed.
pub fn person_name(input: &str) -> String {
    let chars: Vec<char> = half_width(input)
        .chars()
        .filter(|&c| !c.is_control() && !invisible(c))
        .collect();
    let mut out = String::with_capacity(input.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_han = || {
            let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            prev.is_some_and(|&p| !p.is_ascii()) && next.is_some_and(|&n| !n.is_ascii())
        };
        let c = match c {
            '•' | '・' | '‧' | '∙' | '⋅' | 'ㆍ' | '･' => NAME_DOT,
            '.' | '。' if between_han() => NAME_DOT,
            // A Chinese name has no spaces (赵　小虎 is 赵小虎); a Latin one keeps them.
            c if c.is_whitespace() && between_han() => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.ends_with(' ') || out.is_empty()) {
            continue;
        }
        // No space beside the name dot.
        if c == NAME_DOT && out.ends_with(' ') {
            out.pop();
        }
        if c == ' ' && out.ends_with(NAME_DOT) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

/// What a search compares: the name as [`person_name`] cleans it, lower case, with no
/// spaces (李 明 is 李明 to whoever types it).
pub fn search_key(input: &str) -> String {
    person_name(input)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A whole number as typed in a form (full-width digits, spaces around), or `None`.
pub fn typed_number<T: std::str::FromStr>(input: &str) -> Option<T> {
    half_width(input).trim().parse().ok()
}

/// A date as people type it where a form asks for one (`2026/12/8`, `2026.12.08`,
/// `2026年12月8日`, full-width digits) in the form the services read, `YYYY-MM-DD`; text that
/// is not a year, month and day is returned trimmed, for the service to refuse by name.
pub fn typed_date(input: &str) -> String {
    let text = half_width(input.trim());
    let unified: String = text
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '。' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = unified.split('-').map(str::trim).collect();
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let day = |p: &str| p.parse::<u32>().ok();
    match parts[..] {
        // Only a real day is rewritten: 2027/13/1 stays as typed, refused as it was typed.
        [y, m, d]
            if digits(y, 4..=4)
                && digits(m, 1..=2)
                && digits(d, 1..=2)
                && y.parse::<i32>()
                    .ok()
                    .zip(day(m))
                    .zip(day(d))
                    .is_some_and(|((y, m), d)| {
                        chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
                    }) =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => input.trim().to_owned(),
    }
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

    #[test]
    fn names_lose_what_cannot_be_seen_and_write_the_name_dot_one_way() {
        for typed in [
            "阿卜杜·热合曼",
            "阿卜杜•热合曼",
            "阿卜杜．热合曼",
            "阿卜杜 · 热合曼",
            "阿卜杜・热合曼",
        ] {
            assert_eq!(person_name(typed), "阿卜杜·热合曼", "{typed}");
        }
        assert_eq!(person_name("李\u{200B}明"), "李明");
        assert_eq!(person_name("\u{202E}曼合热\u{202C}"), "曼合热");
        assert_eq!(person_name(" 李\u{3000}\u{3000}明 "), "李明");
        assert_eq!(person_name("李\u{2060}明\u{00AD}"), "李明");
        assert_eq!(person_name("Mary  Lee"), "Mary Lee");
        assert_eq!(person_name("Ａｌｉ"), "Ali");
        assert_eq!(person_name("J. Smith"), "J. Smith");
        assert_eq!(person_name("\u{200B}"), "");
        assert_eq!(search_key("李 明"), search_key("李明"));
        assert_eq!(search_key("ALI"), "ali");
    }

    #[test]
    fn dates_and_numbers_as_typed_are_read() {
        for typed in [
            "2026/12/8",
            "2026年12月8日",
            "２０２６－１２－０８",
            "2026.12.08",
            " 2026-12-08 ",
        ] {
            assert_eq!(typed_date(typed), "2026-12-08", "{typed}");
        }
        assert_eq!(typed_date("明天"), "明天");
        assert_eq!(typed_date("2027/13/1"), "2027/13/1");
        assert_eq!(typed_date("2026-1-5-7"), "2026-1-5-7");
        assert_eq!(typed_number::<u8>("１"), Some(1));
        assert_eq!(typed_number::<i32>(" ６９ "), Some(69));
        assert_eq!(typed_number::<u8>("一"), None);
    }
}
