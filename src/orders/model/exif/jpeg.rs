//! JPEG: the segments that draw the picture are kept, every other application segment and
//! comment goes, and so does anything after the end of the image.

pub const SOI: [u8; 2] = [0xFF, 0xD8];
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const TEM: u8 = 0x01;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;
const EXIF: &[u8] = b"Exif\0\0";
const ORIENTATION_TAG: u16 = 0x0112;

/// The JPEG with only the segments a decoder needs, or `None` when nothing was dropped or
/// the segments cannot be read.
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&SOI);
    let mut at = 2;
    let mut changed = false;
    loop {
        // Each segment: FF, marker, two-byte length (which counts itself), payload. Fill
        // bytes (FF FF …) may sit before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&ff, &marker) = (bytes.get(at)?, bytes.get(at + 1)?);
        if ff != 0xFF || (marker < 0xC0 && marker != TEM) {
            return None;
        }
        if marker == EOI {
            // What phones append after the image (a depth map, a motion photo's video, a
            // vendor trailer) is not drawn and carries metadata of its own.
            out.extend_from_slice(&[0xFF, EOI]);
            changed |= at + 2 < bytes.len();
            break;
        }
        if marker == TEM || (0xD0..=0xD7).contains(&marker) {
            // Markers without a length; restart markers belong inside scan data.
            out.extend_from_slice(&bytes[at..at + 2]);
            at += 2;
            continue;
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
        if needed(marker, payload) {
            out.extend_from_slice(&bytes[at..end]);
        } else {
            changed = true;
            if marker == APP1
                && payload.starts_with(EXIF)
                && let Some(turn) = orientation(&payload[EXIF.len()..]).filter(|o| *o != 1)
            {
                out.extend_from_slice(&orientation_only_exif(turn));
            }
        }
        at = end;
        if marker == SOS {
            // The compressed picture runs to the next marker (a progressive JPEG has several
            // scans with tables between them), or to the end of a file cut short.
            let data_end = scan_end(bytes, at);
            out.extend_from_slice(&bytes[at..data_end]);
            at = data_end;
            if at == bytes.len() {
                break;
            }
        }
    }
    changed.then_some(out)
}

/// Whether a decoder needs the segment: tables, frame and scan headers always; of the
/// application segments only JFIF (APP0), an ICC colour profile (APP2) and Adobe's colour
/// transform (APP14). Every other APPn (Exif and XMP in APP1, Photoshop/IPTC in APP13,
/// multi-picture and maker data) and comments are metadata.
fn needed(marker: u8, payload: &[u8]) -> bool {
    match marker {
        APP0 => payload.starts_with(b"JFIF\0"),
        APP2 => payload.starts_with(b"ICC_PROFILE\0"),
        APP14 => payload.starts_with(b"Adobe"),
        0xE0..=0xEF | COM => false,
        _ => true,
    }
}

/// Where the compressed data starting at `from` ends: the first FF that is not a stuffed
/// zero, a restart marker or a fill byte.
fn scan_end(bytes: &[u8], from: usize) -> usize {
    (from..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == 0xFF && !matches!(bytes[i + 1], 0x00 | 0xD0..=0xD7 | 0xFF))
        .unwrap_or(bytes.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    const PICTURE: &[u8] = b"\x12\x34\xFF\x00\x56\xFF\xD3image data\xFF\xD9";

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

    /// A JPEG: JFIF, the given segments, a table, one scan and its data.
    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let mut j = SOI.to_vec();
        j.extend(segment(APP0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        for s in segments {
            j.extend_from_slice(s);
        }
        j.extend(segment(0xDB, &[0; 65]));
        j.extend(segment(SOS, b"\x01\x01\0\0?\0"));
        j.extend_from_slice(PICTURE);
        j
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn gps_in_a_jpeg_exif_is_removed_and_the_picture_data_kept() {
        let original = jpeg(&[exif_with_gps(1)]);
        assert!(contains(&original, b"GPS55.7558"));

        let stripped = strip(&original).expect("something removed");

        assert!(!contains(&stripped, b"GPS55.7558"));
        assert!(!contains(&stripped, EXIF), "orientation 1 needs no Exif");
        assert!(stripped.ends_with(PICTURE));
        assert!(contains(&stripped, b"JFIF"));
        assert_eq!(strip(&stripped), None, "nothing left to remove");
    }

    #[test]
    fn a_turned_photo_keeps_its_orientation_and_nothing_else() {
        let stripped = strip(&jpeg(&[exif_with_gps(6)])).unwrap();
        assert!(!contains(&stripped, b"GPS55.7558"));
        let at = stripped
            .windows(EXIF.len())
            .position(|w| w == EXIF)
            .expect("a new Exif");
        assert_eq!(orientation(&stripped[at + EXIF.len()..]), Some(6));
    }

    #[test]
    fn xmp_photoshop_comments_and_other_application_segments_go() {
        let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        xmp.extend_from_slice(b"<exif:GPSLatitude>55,45.3N</exif:GPSLatitude>");
        let original = jpeg(&[
            segment(APP1, &xmp),
            segment(0xED, b"Photoshop 3.0\08BIM\x04\x04 Moscow 55.75N"),
            segment(COM, b"taken at 55.75N 37.61E"),
            segment(APP2, b"MPF\0II*\0"),
            segment(0xE5, b"maker notes 55.75N"),
            segment(APP0, b"JFXX\0\x10thumbnail"),
        ]);

        let stripped = strip(&original).unwrap();

        assert!(!contains(&stripped, b"55."), "no position left");
        assert!(!contains(&stripped, b"MPF") && !contains(&stripped, b"JFXX"));
        assert_eq!(stripped, jpeg(&[]));
    }

    #[test]
    fn jfif_an_icc_profile_and_adobes_colour_flag_are_kept() {
        let original = jpeg(&[
            segment(APP2, b"ICC_PROFILE\0\x01\x01profile"),
            segment(APP14, b"Adobe\0\x64\0\0\0\0\x01"),
        ]);
        assert_eq!(strip(&original), None);
    }

    #[test]
    fn what_follows_the_end_of_the_image_goes() {
        let mut original = jpeg(&[]);
        original.extend_from_slice(b"\xFF\xD8\xFF\xE1 a second picture with GPS 55.75N");

        let stripped = strip(&original).unwrap();

        assert!(stripped.ends_with(PICTURE));
        assert_eq!(stripped, jpeg(&[]));
    }

    #[test]
    fn segments_between_the_scans_of_a_progressive_jpeg_are_read_too() {
        let mut original = jpeg(&[]);
        original.truncate(original.len() - 2); // the first scan ends without EOI
        original.extend(segment(0xC4, &[0; 20]));
        original.extend(segment(COM, b"GPS 55.75N"));
        original.extend(segment(SOS, b"\x01\x01\0\0?\0"));
        original.extend_from_slice(b"second scan\xFF\xD9");

        let stripped = strip(&original).unwrap();

        assert!(!contains(&stripped, b"GPS"));
        assert!(stripped.ends_with(b"second scan\xFF\xD9"));
        assert!(contains(&stripped, b"image data"));
    }

    #[test]
    fn a_jpeg_cut_short_is_left_as_it_is() {
        assert_eq!(strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]), None);
        assert_eq!(strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 1, 2]), None);
        assert_eq!(strip(&[0xFF, 0xD8, 0x12, 0x34]), None, "not a marker");
    }
}
