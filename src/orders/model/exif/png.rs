//! PNG: the chunks that draw the picture are kept byte for byte (their CRCs stay valid), the
//! rest goes, and so does anything after `IEND`.

pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The chunks that draw the picture: the critical ones, and the ancillary ones that say how
/// to show its colours, transparency, pixel size or animation. Everything else is metadata
/// or unknown and goes: text (`tEXt`, `zTXt`, `iTXt`, where ImageMagick writes Exif and XMP
/// as `exif:GPSLatitude` and `Raw profile type exif`), `eXIf`, `tIME` and private chunks.
const DRAWING: [&[u8; 4]; 20] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", // critical
    b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", // colour
    b"bKGD", b"hIST", b"sPLT", b"pHYs", // background, palette use, pixel size
    b"acTL", b"fcTL", b"fdAT", // animation
];

/// The PNG with only the chunks that draw it, or `None` when nothing was dropped or the
/// chunks cannot be read.
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = SIGNATURE.to_vec();
    let mut at = SIGNATURE.len();
    let mut changed = false;
    while at < bytes.len() {
        // Each chunk: four-byte length (of the data alone), type, data, CRC.
        let length =
            usize::try_from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let end = at.checked_add(12)?.checked_add(length)?;
        let kind = bytes.get(at + 4..at + 8)?;
        if end > bytes.len() {
            return None;
        }
        if DRAWING.iter().any(|k| k.as_slice() == kind) {
            out.extend_from_slice(&bytes[at..end]);
        } else {
            changed = true;
        }
        at = end;
        if kind == b"IEND" {
            changed |= at < bytes.len();
            break;
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk with a made-up CRC: the stripper copies CRCs, it does not check them.
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0xC0, 0xFF, 0xEE, kind[0]]);
        c
    }

    fn png(middle: &[Vec<u8>]) -> Vec<u8> {
        let mut p = SIGNATURE.to_vec();
        p.extend(chunk(b"IHDR", &[0; 13]));
        p.extend(chunk(b"sRGB", &[0]));
        p.extend(chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]));
        for c in middle {
            p.extend_from_slice(c);
        }
        p.extend(chunk(b"IDAT", b"pixels"));
        p.extend(chunk(b"IEND", b""));
        p
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_text_and_time_chunks_go_and_the_rest_is_kept_byte_for_byte() {
        let original = png(&[
            chunk(b"eXIf", b"MM\0*GPS55.7558"),
            chunk(b"tEXt", b"exif:GPSLatitude\x0055/1, 45/1, 2094/100"),
            chunk(b"zTXt", b"Raw profile type exif\0\0x\x9c compressed"),
            chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<exif:GPSLatitude>"),
            chunk(b"tIME", &[0x07, 0xE8, 5, 17, 9, 41, 7]),
        ]);

        let stripped = strip(&original).expect("something removed");

        assert_eq!(stripped, png(&[]));
        assert!(!contains(&stripped, b"GPS"));
        assert_eq!(strip(&stripped), None, "nothing left to remove");
    }

    #[test]
    fn a_chunk_nobody_registered_goes_and_colour_chunks_stay() {
        let colour = [
            chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]),
            chunk(b"iCCP", b"sRGB\0\0profile"),
        ];
        assert_eq!(strip(&png(&colour)), None);

        let mut private = colour.to_vec();
        private.push(chunk(b"prVt", b"GPS 55.75N"));
        assert_eq!(strip(&png(&private)), Some(png(&colour)));
    }

    #[test]
    fn what_follows_iend_goes() {
        let mut original = png(&[]);
        original.extend_from_slice(b"appended GPS 55.75N");
        assert_eq!(strip(&original), Some(png(&[])));
    }

    #[test]
    fn a_png_cut_short_is_left_as_it_is() {
        let mut original = png(&[chunk(b"tEXt", b"Comment\0GPS")]);
        original.truncate(original.len() - 20);
        assert_eq!(strip(&original), None);
    }
}
