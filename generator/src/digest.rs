//! 128-bit content digests, for the regeneration cache.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A digest of some bytes: XXH3's 128-bit form, fast enough to run over
/// every page and output file on each run, and wide enough that an
/// accidental match is out of reach. (The cache guards against accidents,
/// not adversaries: whoever can write it can write the output too.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Digest(u128);

impl Digest {
    /// A digest of `parts`, each length-prefixed, so `["ab", "c"]` and
    /// `["a", "bc"]` differ.
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut hasher = Xxh3::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Digest(hasher.digest128())
    }

    pub fn of_bytes(bytes: &[u8]) -> Self {
        Digest::of([bytes])
    }

    /// This digest as bytes, to go into another digest.
    pub fn bytes(self) -> [u8; 16] {
        self.0.to_le_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited_and_content_decides() {
        let split = |parts: &[&str]| Digest::of(parts.iter().map(|part| part.as_bytes()));
        assert_ne!(split(&["ab", "c"]), split(&["a", "bc"]));
        assert_eq!(split(&["ab", "c"]), split(&["ab", "c"]));
        assert_ne!(Digest::of_bytes(b"x"), Digest::of_bytes(b"y"));
    }
}
