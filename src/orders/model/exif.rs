//! Metadata removed from the photos we keep: a phone's camera writes where the picture was
//! taken (Exif GPS, often again in XMP), a report photo must not tell anyone where the worker
//! lives or went next, and tools carry that position on into whatever container a format has
//! (ImageMagick turns Exif into PNG text chunks). So rather than look for GPS tags, every
//! container that can hold metadata is dropped and what draws the picture is kept:
//! - JPEG (`jpeg`): every APPn segment but JFIF, an ICC profile and Adobe's colour flag, every
//!   comment, and whatever follows the end of the image; a turned picture gets back an Exif
//!   holding its orientation alone, so it still shows upright.
//! - PNG (`png`): every chunk but the ones that draw the picture (text, `eXIf`, `tIME`,
//!   private chunks) and whatever follows `IEND`; kept chunks are copied byte for byte.
//! - WebP (`webp`): every chunk but the image, alpha, animation and ICC ones (`EXIF`, `XMP `),
//!   with the header's Exif and XMP flags cleared and the RIFF size made to fit.
//!
//! Bytes that are none of these, or that we cannot read, are kept as they are: the upload's
//! type check decides what is accepted, and a file cut short draws no picture anyway.

mod jpeg;
mod png;
mod webp;

/// The image without its metadata, or `None` when there was nothing to remove (or the bytes
/// are not a JPEG, PNG or WebP we can read).
pub fn strip_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&jpeg::SOI) {
        jpeg::strip(bytes)
    } else if bytes.starts_with(png::SIGNATURE) {
        png::strip(bytes)
    } else if webp::is_webp(bytes) {
        webp::strip(bytes)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_of_another_type_are_left_alone() {
        assert_eq!(strip_metadata(b"%PDF-1.7\n% GPS 55.7558 N"), None);
        assert_eq!(strip_metadata(b""), None);
        assert_eq!(strip_metadata(b"RIFF\x04\0\0\0WAVE"), None);
    }
}
