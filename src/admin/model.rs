//! The company logo's rules: which files are logos (PNG or JPEG by their bytes, not their
//! name) and how large the image really is.

/// Largest logo file: a header image, not a photo.
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// An image the app accepts as a logo, as read from its own bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Image {
    pub content_type: &'static str,
    pub width: i64,
    pub height: i64,
}

/// What pages and mail know of a logo: its image and a version named by its bytes, so a new
/// logo gets a new address and no cache keeps showing the old one.
pub fn info(image: Image, bytes: &[u8]) -> crate::config::LogoInfo {
    use sha2::{Digest, Sha256};
    let hash = hex::encode(Sha256::digest(bytes));
    crate::config::LogoInfo {
        content_type: image.content_type.to_string(),
        width: image.width,
        height: image.height,
        size_bytes: bytes.len() as i64,
        version: hash[..16].to_string(),
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The image `bytes` hold, or `None` when they are not a PNG or JPEG whose size can be read
/// (a renamed file, a truncated upload, an image claiming no pixels).
pub fn recognise(bytes: &[u8]) -> Option<Image> {
    let (content_type, (width, height)) = if bytes.starts_with(PNG_SIGNATURE) {
        ("image/png", png_size(bytes)?)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", jpeg_size(bytes)?)
    } else {
        return None;
    };
    (width > 0 && height > 0).then_some(Image {
        content_type,
        width: i64::from(width),
        height: i64::from(height),
    })
}

/// The first chunk of a PNG is its header (IHDR): width and height, big-endian.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(bytes.get(16..20)?), be32(bytes.get(20..24)?)))
}

/// Walks the JPEG's segments to its frame header (SOF), which holds the height and width.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if (0xD0..=0xD9).contains(&marker) || marker == 0x01 {
            // Markers without a length; the end of the image comes before any frame.
            if marker == 0xD9 {
                return None;
            }
            at += 2;
            continue;
        }
        let length = usize::from(be16(bytes.get(at + 2..at + 4)?));
        let is_frame = (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
        if is_frame {
            let height = be16(bytes.get(at + 5..at + 7)?);
            let width = be16(bytes.get(at + 7..at + 9)?);
            return Some((u32::from(width), u32::from(height)));
        }
        if length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG's signature and header chunk (enough to be recognised; no pixels).
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend_from_slice(&13u32.to_be_bytes());
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    /// A JPEG start, an APP0 segment, then a baseline frame header.
    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        b
    }

    #[test]
    fn png_and_jpeg_are_read_with_their_real_size() {
        assert_eq!(
            recognise(&png(640, 200)),
            Some(Image {
                content_type: "image/png",
                width: 640,
                height: 200
            })
        );
        assert_eq!(
            recognise(&jpeg(300, 120)),
            Some(Image {
                content_type: "image/jpeg",
                width: 300,
                height: 120
            })
        );
    }

    #[test]
    fn other_files_and_broken_images_are_not_logos() {
        assert_eq!(recognise(b"GIF89a\x01\x00\x01\x00"), None);
        assert_eq!(
            recognise(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            None
        );
        assert_eq!(recognise(&png(640, 200)[..20]), None, "cut short");
        assert_eq!(recognise(&png(0, 200)), None, "no pixels");
        assert_eq!(recognise(&jpeg(300, 120)[..12]), None, "cut short");
        assert_eq!(recognise(&[0xFF, 0xD8, 0xFF, 0xD9]), None, "no frame");
        assert_eq!(recognise(b""), None);
    }
}
