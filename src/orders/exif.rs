//! Location metadata removed from the photos we keep: a phone's camera writes where the
//! picture was taken (EXIF GPS, often in XMP too), and a report photo must not tell anyone
//! where the worker lives or went next. JPEG: the Exif and XMP segments are dropped and, when
//! the picture was turned by a tag, a minimal Exif with that orientation alone is put back
//! so it still shows upright. PNG: the `eXIf` chunk and XMP text are dropped. Other bytes are
//! copied untouched. (WebP is kept as sent: the phone app sends JPEG made on the device.)

const SOI: [u8; 2] = [0xFF, 0xD8];
const APP1: u8 = 0xE1;
const SOS: u8 = 0xDA;
const EXIF: &[u8] = b"Exif\0\0";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const ORIENTATION_TAG: u16 = 0x0112;

/// The image without its location metadata, or `None` when there was nothing to remove
/// (or the bytes are not a JPEG or PNG we can read: those are kept as they are).
pub fn strip_location(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.starts_with(&SOI) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        strip_png(bytes)
    } else {
        None
    }
}

fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&SOI);
    let mut at = 2;
    let mut changed = false;
    loop {
        // Each segment before the image data: FF, marker, two-byte length (which counts
        // itself), payload. Fill bytes (FF FF …) may sit before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&ff, &marker) = (bytes.get(at)?, bytes.get(at + 1)?);
        if ff != 0xFF {
            return None;
        }
        if marker == SOS || !(0xC0..=0xFE).contains(&marker) || (0xD0..=0xD9).contains(&marker) {
            // The image data (and whatever follows) is copied as it is.
            out.extend_from_slice(&bytes[at..]);
            break;
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let end = at + 2 + length;
        if length < 2 || end > bytes.len() {
            return None;
        }
        let payload = &bytes[at + 4..end];
        if marker == APP1 && payload.starts_with(EXIF) {
            changed = true;
            if let Some(turn) = orientation(&payload[EXIF.len()..]).filter(|o| *o != 1) {
                out.extend_from_slice(&orientation_only_exif(turn));
            }
        } else if marker == APP1 && payload.starts_with(XMP) {
            changed = true;
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    changed.then_some(out)
}

/// The orientation tag of IFD0 in a TIFF structure (the Exif payload), if present.
fn orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [
            *tiff.get(i)?,
            *tiff.get(i + 1)?,
            *tiff.get(i + 2)?,
            *tiff.get(i + 3)?,
        ];
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    (0..count.min(512))
        .map(|i| ifd + 2 + i * 12)
        .find(|entry| u16_at(*entry) == Some(ORIENTATION_TAG))
        .and_then(|entry| u16_at(entry + 8))
        .filter(|o| (1..=8).contains(o))
}

/// An APP1 segment holding an Exif with one tag: the orientation.
fn orientation_only_exif(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08"); // big-endian, IFD0 right after
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&ORIENTATION_TAG.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padding
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let length = (2 + EXIF.len() + tiff.len()) as u16;
    let mut segment = vec![0xFF, APP1];
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(EXIF);
    segment.extend_from_slice(&tiff);
    segment
}

fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    let mut changed = false;
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let end = at.checked_add(12)?.checked_add(length)?;
        let kind = bytes.get(at + 4..at + 8)?;
        let data = bytes.get(at + 8..at + 8 + length)?;
        if end > bytes.len() {
            return None;
        }
        let xmp = kind == b"iTXt" && data.starts_with(b"XML:com.adobe.xmp\0");
        if kind == b"eXIf" || xmp {
            changed = true;
        } else {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TIFF (little-endian) with IFD0 holding orientation and a GPS IFD pointer, and a
    /// GPS IFD with a latitude reference.
    fn exif_with_gps(orientation: u16) -> Vec<u8> {
        let mut t = b"II\x2A\0\x08\0\0\0".to_vec();
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&ORIENTATION_TAG.to_le_bytes());
        t.extend_from_slice(&3u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&orientation.to_le_bytes());
        t.extend_from_slice(&[0, 0]);
        t.extend_from_slice(&0x8825u16.to_le_bytes()); // GPS IFD pointer
        t.extend_from_slice(&4u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&38u32.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        t.extend_from_slice(&1u16.to_le_bytes()); // GPS IFD at 38: one entry
        t.extend_from_slice(&1u16.to_le_bytes()); // GPSLatitudeRef
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&2u32.to_le_bytes());
        t.extend_from_slice(b"N\0\0\0");
        t.extend_from_slice(b"GPS55.7558N37.6173E");
        let mut payload = EXIF.to_vec();
        payload.extend_from_slice(&t);
        segment(APP1, &payload)
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let mut j = SOI.to_vec();
        j.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        for s in segments {
            j.extend_from_slice(s);
        }
        j.extend(segment(SOS, b"\x01\x01\0\0?\0"));
        j.extend_from_slice(b"\x12\x34\xFF\x00\x56image data\xFF\xD9");
        j
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn gps_in_a_jpeg_exif_is_removed_and_the_picture_data_kept() {
        let original = jpeg(&[exif_with_gps(1)]);
        assert!(contains(&original, b"GPS55.7558"));

        let stripped = strip_location(&original).expect("something removed");

        assert!(!contains(&stripped, b"GPS55.7558"));
        assert!(!contains(&stripped, EXIF), "orientation 1 needs no Exif");
        assert!(stripped.ends_with(b"\x12\x34\xFF\x00\x56image data\xFF\xD9"));
        assert!(contains(&stripped, b"JFIF"));
        assert_eq!(strip_location(&stripped), None, "nothing left to remove");
    }

    #[test]
    fn a_turned_photo_keeps_its_orientation_and_nothing_else() {
        let stripped = strip_location(&jpeg(&[exif_with_gps(6)])).unwrap();
        assert!(!contains(&stripped, b"GPS55.7558"));
        let at = stripped
            .windows(EXIF.len())
            .position(|w| w == EXIF)
            .expect("a new Exif");
        assert_eq!(orientation(&stripped[at + EXIF.len()..]), Some(6));
    }

    #[test]
    fn xmp_goes_too_and_clean_or_foreign_bytes_are_left_alone() {
        let mut xmp = XMP.to_vec();
        xmp.extend_from_slice(b"<exif:GPSLatitude>55,45.3N</exif:GPSLatitude>");
        let stripped = strip_location(&jpeg(&[segment(APP1, &xmp)])).unwrap();
        assert!(!contains(&stripped, b"GPSLatitude"));
        assert_eq!(strip_location(&jpeg(&[])), None);
        assert_eq!(strip_location(b"%PDF-1.7"), None);
        assert_eq!(
            strip_location(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]),
            None,
            "cut short"
        );
    }

    #[test]
    fn a_png_loses_its_exif_chunk() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"eXIf", b"MM\0*GPS55.7558"));
        png.extend(chunk(b"IEND", b""));
        let stripped = strip_location(&png).unwrap();
        assert!(!contains(&stripped, b"GPS55.7558"));
        assert!(contains(&stripped, b"IHDR") && contains(&stripped, b"IEND"));
    }
}
