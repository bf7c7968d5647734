//! The secrets handed out in cookies and mailed links (sessions, trusted devices, feeds,
//! invitations, resets): random, and stored only as their SHA-256 hash so a leaked table
//! opens nothing.

use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
