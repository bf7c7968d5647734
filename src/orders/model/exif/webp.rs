//! WebP: a RIFF file of chunks. The image, alpha, animation and colour profile chunks are
//! kept; `EXIF`, `XMP ` and any other chunk go, the `VP8X` header stops announcing Exif and
//! XMP, and the RIFF size is made to fit what is left.

/// The chunks that draw the picture (the extended format's header among them).
const DRAWING: [&[u8; 4]; 7] = [
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];
/// The bits of `VP8X`'s first byte that say an `EXIF` or an `XMP ` chunk follows.
const EXIF_FLAG: u8 = 0x08;
const XMP_FLAG: u8 = 0x04;
const HEADER: usize = 12;

pub fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() >= HEADER && &bytes[..4] == b"RIFF" && &bytes[8..HEADER] == b"WEBP"
}

/// The WebP with only the chunks that draw it, or `None` when nothing was dropped or the
/// chunks cannot be read.
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    // The RIFF size counts from after itself; bytes past it are not part of the file.
    let riff_end = usize::try_from(u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?))
        .ok()?
        .checked_add(8)?;
    let body = &bytes[HEADER..riff_end.min(bytes.len())];
    let mut changed = riff_end < bytes.len();
    let mut out = bytes[..HEADER].to_vec();
    let mut at = 0;
    while at < body.len() {
        // Each chunk: type, four-byte little-endian size, data, one zero byte when the
        // size is odd (tolerated missing at the very end, and put back).
        let kind = body.get(at..at + 4)?;
        let size = usize::try_from(u32::from_le_bytes(
            body.get(at + 4..at + 8)?.try_into().ok()?,
        ))
        .ok()?;
        let data = body.get(at + 8..at.checked_add(8)?.checked_add(size)?)?;
        if DRAWING.iter().any(|k| k.as_slice() == kind) {
            out.extend_from_slice(&body[at..at + 8]);
            match data.split_first() {
                Some((&flags, rest)) if kind == b"VP8X" => {
                    let cleared = flags & !(EXIF_FLAG | XMP_FLAG);
                    changed |= cleared != flags;
                    out.push(cleared);
                    out.extend_from_slice(rest);
                }
                _ => out.extend_from_slice(data),
            }
            if size % 2 == 1 {
                out.push(0);
            }
        } else {
            changed = true;
        }
        at += 8 + size + size % 2;
    }
    let riff_size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk with its padding byte when the size is odd.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut r = b"RIFF".to_vec();
        r.extend_from_slice(&(4 + body.len() as u32).to_le_bytes());
        r.extend_from_slice(b"WEBP");
        r.extend(body);
        r
    }

    /// The extended header: flags, three reserved bytes, canvas width and height less one.
    fn vp8x(flags: u8) -> Vec<u8> {
        chunk(b"VP8X", &[flags, 0, 0, 0, 47, 0, 0, 31, 0, 0])
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_xmp_chunks_go_and_the_header_stops_announcing_them() {
        let icc_alpha = 0x20 | 0x10;
        let original = riff(&[
            vp8x(icc_alpha | EXIF_FLAG | XMP_FLAG),
            chunk(b"ICCP", b"profile"),
            chunk(b"ALPH", b"alpha"),
            chunk(b"VP8 ", b"picture data"),
            chunk(b"EXIF", b"II*\0GPS 55.7558 N"),
            chunk(b"XMP ", b"<exif:GPSLatitude>55,45.3N</exif:GPSLatitude>"),
        ]);
        assert!(is_webp(&original));

        let stripped = strip(&original).expect("something removed");

        assert_eq!(
            stripped,
            riff(&[
                vp8x(icc_alpha),
                chunk(b"ICCP", b"profile"),
                chunk(b"ALPH", b"alpha"),
                chunk(b"VP8 ", b"picture data"),
            ])
        );
        assert!(!contains(&stripped, b"GPS"));
        assert_eq!(strip(&stripped), None, "nothing left to remove");
    }

    #[test]
    fn odd_sized_chunks_keep_their_padding_and_unknown_chunks_go() {
        let original = riff(&[
            vp8x(0),
            chunk(b"EXIF", b"odd GPS"),
            chunk(b"XMP\0", b"ImageMagick's spelling, GPS"),
            chunk(b"VP8L", b"odd"),
        ]);

        let stripped = strip(&original).unwrap();

        assert_eq!(stripped, riff(&[vp8x(0), chunk(b"VP8L", b"odd")]));
        assert_eq!(stripped.len() % 2, 0);
    }

    #[test]
    fn a_missing_last_padding_byte_is_put_back_and_trailing_bytes_go() {
        let mut original = riff(&[vp8x(EXIF_FLAG), chunk(b"VP8L", b"odd")]);
        original.pop();
        let size = (original.len() - 8) as u32;
        original[4..8].copy_from_slice(&size.to_le_bytes());
        original.extend_from_slice(b"trailing GPS");

        let stripped = strip(&original).unwrap();

        assert_eq!(stripped, riff(&[vp8x(0), chunk(b"VP8L", b"odd")]));
    }

    #[test]
    fn a_simple_webp_is_left_alone_and_one_cut_short_too() {
        let simple = riff(&[chunk(b"VP8 ", b"picture data")]);
        assert_eq!(strip(&simple), None);

        let mut cut = riff(&[chunk(b"VP8 ", b"picture data"), chunk(b"EXIF", b"GPS")]);
        cut.truncate(cut.len() - 3);
        assert_eq!(strip(&cut), None);
    }
}
