//! QR codes as inline SVG (no scripts, no images to fetch).

use maud::{Markup, PreEscaped};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` as an `<svg>` element; empty if the text is too long to encode.
pub fn svg(text: &str, label: &str) -> Markup {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return PreEscaped(String::new());
    };
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Drop the XML declaration; name the image for screen readers.
    let start = image.find("<svg").unwrap_or(0);
    let body = &image[start..];
    let label = maud::html! { (label) }.into_string();
    let body = body.replacen(
        "<svg ",
        &format!("<svg class=\"qr\" role=\"img\" aria-label=\"{label}\" "),
        1,
    );
    PreEscaped(body)
}

#[cfg(test)]
mod tests {
    use super::svg;

    #[test]
    fn a_url_becomes_an_inline_svg_with_a_label() {
        let out = svg("http://127.0.0.1:3000/permit/abc", "QR").into_string();
        assert!(out.starts_with("<svg class=\"qr\""), "{out}");
        assert!(out.contains("aria-label=\"QR\""));
        assert!(!out.contains("<?xml"));
    }
}
