//! The `client-request-id` each logical request carries, so a request seen
//! in the client's logs can be found in Graph's (and support can trace it),
//! however many attempts it took.

/// A fresh random id in the UUID version 4 format Graph expects.
pub(super) fn fresh() -> String {
    // Version 4 and the RFC 4122 variant, as the format requires.
    let bits = fastrand::u128(..) & !(0xf << 76) & !(0x3 << 62) | (0x4 << 76) | (0x2 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        bits >> 96,
        (bits >> 80) & 0xffff,
        (bits >> 64) & 0xffff,
        (bits >> 48) & 0xffff,
        bits & 0xffff_ffff_ffff
    )
}

/// The id to add to a request with these headers: none when the caller
/// already set one, so their own correlation id wins.
pub(super) fn to_add<'a>(
    headers: impl IntoIterator<Item = &'a (String, String)>,
) -> Option<String> {
    let set = headers
        .into_iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("client-request-id"));
    (!set).then(fresh)
}

#[cfg(test)]
mod tests {
    use super::{fresh, to_add};

    #[test]
    fn ids_are_fresh_uuid_v4_and_a_callers_id_wins() {
        let (a, b) = (fresh(), fresh());
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{a}");
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        let own = [("Client-Request-Id".to_owned(), "mine".to_owned())];
        assert_eq!(to_add(&own), None);
        assert!(to_add(&[]).is_some());
    }
}
