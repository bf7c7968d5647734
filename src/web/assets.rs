//! Static files embedded in the binary and served under a content-hash path, so browsers
//! can cache them forever and still pick up a new version after an upgrade.

use std::collections::HashMap;
use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::error::AppError;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "pico.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/vendor/pico-2.1.1.amber.min.css"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/app.css"),
    },
    Asset {
        name: "htmx.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/vendor/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "htmx-sse.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/vendor/htmx-ext-sse-2.2.4.min.js"),
    },
    Asset {
        name: "signature_pad.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/vendor/signature_pad-5.1.4.umd.min.js"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/app.js"),
    },
    // The dispatch board's layout and dragging (the board works without the script).
    Asset {
        name: "board.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/board.css"),
    },
    Asset {
        name: "board.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/board.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../assets/favicon.svg"),
    },
    // The installable app (see `pwa`): report drafts kept on the phone, and the icons.
    Asset {
        name: "offline.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/offline.js"),
    },
    Asset {
        name: "icon-192.png",
        content_type: "image/png",
        bytes: include_bytes!("../../assets/icons/icon-192.png"),
    },
    Asset {
        name: "icon-512.png",
        content_type: "image/png",
        bytes: include_bytes!("../../assets/icons/icon-512.png"),
    },
    Asset {
        name: "icon-maskable-512.png",
        content_type: "image/png",
        bytes: include_bytes!("../../assets/icons/icon-maskable-512.png"),
    },
    Asset {
        name: "apple-touch-icon.png",
        content_type: "image/png",
        bytes: include_bytes!("../../assets/icons/apple-touch-icon.png"),
    },
];

fn hashes() -> &'static HashMap<&'static str, String> {
    static HASHES: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| (a.name, hex::encode(&Sha256::digest(a.bytes)[..5])))
            .collect()
    })
}

/// Every embedded asset's URL, for the service worker to keep.
pub fn all_urls() -> Vec<String> {
    ASSETS.iter().map(|a| url(a.name)).collect()
}

/// One hash of every asset together (and of `extra`, the service worker's own text): a new
/// version of any file is a new version of the app shell.
pub fn version(extra: &[u8]) -> String {
    let mut all = Sha256::new();
    let mut names: Vec<&&str> = hashes().keys().collect();
    names.sort();
    for name in names {
        all.update(name.as_bytes());
        all.update(hashes()[*name].as_bytes());
    }
    all.update(extra);
    hex::encode(&all.finalize()[..5])
}

/// The URL of an embedded asset, e.g. `/assets/3f2a9c01de/app.css`.
pub fn url(name: &str) -> String {
    let hash = hashes().get(name).map(String::as_str).unwrap_or("0");
    format!("/assets/{hash}/{name}")
}

pub async fn serve(path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (hash, name) = path.into_inner();
    let asset = ASSETS
        .iter()
        .find(|a| a.name == name)
        .ok_or(AppError::NotFound)?;
    // An old hash (a page rendered before an upgrade) still gets the file, just not cached.
    let cache = if hashes().get(asset.name) == Some(&hash) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, asset.content_type))
        .insert_header((header::CACHE_CONTROL, cache))
        .body(asset.bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_a_content_hash() {
        let u = url("app.css");
        assert!(u.starts_with("/assets/") && u.ends_with("/app.css"));
        assert_eq!(u.len(), "/assets/".len() + 10 + "/app.css".len());
    }
}
