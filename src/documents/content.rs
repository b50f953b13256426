//! What an uploaded file really is, decided by its bytes (never by its name or the type the
//! browser claims), and the cleaned bytes that are stored: JPEG and PNG images decoded and
//! encoded afresh — which drops EXIF (GPS position, phone model, time) and anything hidden
//! after the image — and PDFs kept as they are. No database, no HTTP.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Largest file accepted, in bytes (8 MiB: a phone camera's photo is 3–8 MB, and an older
/// vendor cannot shrink one; the server saves images again, smaller, anyway).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Largest width or height of an image, in pixels: a decompression bomb stops here.
const MAX_SIDE_PX: u32 = 10_000;

/// Most memory a decoder may allocate.
const MAX_DECODE_ALLOC: u64 = 256 * 1024 * 1024;

/// JPEG quality of the re-encoded image: text on a certificate stays sharp.
const JPEG_QUALITY: u8 = 88;

/// The three types accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// PDF document.
    Pdf,
}

impl FileType {
    /// The MIME type it is served as.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Pdf => "application/pdf",
        }
    }

    /// The file name extension of a download.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
            FileType::Pdf => "pdf",
        }
    }

    /// The type of a stored MIME string.
    pub fn from_mime(mime: &str) -> Option<FileType> {
        [FileType::Jpeg, FileType::Png, FileType::Pdf]
            .into_iter()
            .find(|t| t.mime() == mime)
    }
}

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was uploaded.
    Empty,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not a JPEG, PNG or PDF by its first bytes, whatever its name says.
    WrongType,
    /// Starts like an image but cannot be decoded (damaged, truncated, or too many pixels).
    Unreadable,
}

/// A file ready to store.
#[derive(Debug)]
pub struct Cleaned {
    /// Its type, from its bytes.
    pub file_type: FileType,
    /// The bytes to store.
    pub bytes: Vec<u8>,
}

/// The type by magic number: JPEG `FF D8 FF`, PNG's eight-byte signature, PDF `%PDF-`.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileType::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else {
        None
    }
}

/// Checks an upload and produces the bytes to store.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let file_type = sniff(bytes).ok_or(Refusal::WrongType)?;
    let bytes = match file_type {
        FileType::Pdf => bytes.to_vec(),
        FileType::Jpeg => reencode(bytes, ImageFormat::Jpeg)?,
        FileType::Png => reencode(bytes, ImageFormat::Png)?,
    };
    Ok(Cleaned { file_type, bytes })
}

/// Decodes within limits, turns the picture upright as its EXIF orientation says (the
/// orientation tag itself is dropped with the rest of the metadata), and encodes it again.
fn reencode(bytes: &[u8], format: ImageFormat) -> Result<Vec<u8>, Refusal> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refusal::Unreadable)?;
    // A damaged EXIF block is no reason to refuse the picture: it is dropped anyway.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Refusal::Unreadable)?;
    image.apply_orientation(orientation);
    let mut out = Vec::new();
    let written = match format {
        ImageFormat::Jpeg => {
            // JPEG has no alpha and 8 bits per channel: keep grey as grey, the rest as RGB.
            let flat = if image.color().has_color() {
                DynamicImage::ImageRgb8(image.to_rgb8())
            } else {
                DynamicImage::ImageLuma8(image.to_luma8())
            };
            flat.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        }
        _ => image.write_with_encoder(PngEncoder::new(&mut out)),
    };
    written.map_err(|_| Refusal::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A small JPEG with an EXIF APP1 segment (carrying a GPS-like marker) after SOI.
    pub fn jpeg_with_exif() -> Vec<u8> {
        let img = RgbImage::from_fn(16, 12, |x, y| Rgb([x as u8 * 15, y as u8 * 20, 90]));
        let mut plain = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut plain, 90))
            .unwrap();
        let mut payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
        payload.extend_from_slice(b"GPS 38.4276N 100.8125E secret-phone-model");
        let len = (payload.len() + 2) as u16;
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_jpeg_is_stored_without_its_exif_segment() {
        let input = jpeg_with_exif();
        assert!(contains(&input, b"Exif\0\0"));
        let cleaned = clean(&input).unwrap();
        assert_eq!(cleaned.file_type, FileType::Jpeg);
        assert!(!contains(&cleaned.bytes, b"Exif"));
        assert!(!contains(&cleaned.bytes, b"secret-phone-model"));
        let back = image::load_from_memory(&cleaned.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (16, 12));
    }

    #[test]
    fn a_text_file_named_like_an_image_is_refused() {
        assert_eq!(
            clean(b"just some text, saved as photo.jpg").unwrap_err(),
            Refusal::WrongType
        );
    }

    #[test]
    fn a_file_that_only_starts_like_a_jpeg_is_unreadable() {
        let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
        fake.extend_from_slice(&[0x41; 200]);
        assert_eq!(clean(&fake).unwrap_err(), Refusal::Unreadable);
    }

    #[test]
    fn a_pdf_is_kept_byte_for_byte() {
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        let cleaned = clean(pdf).unwrap();
        assert_eq!(cleaned.file_type, FileType::Pdf);
        assert_eq!(cleaned.bytes, pdf);
    }

    #[test]
    fn an_empty_or_oversized_file_is_refused() {
        assert_eq!(clean(b"").unwrap_err(), Refusal::Empty);
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(MAX_FILE_BYTES + 1, b' ');
        assert_eq!(clean(&big).unwrap_err(), Refusal::TooLarge);
    }
}
