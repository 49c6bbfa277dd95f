//! Turning docs prose into rustdoc that renders as written and raises no
//! rustdoc warnings: brackets and angle brackets escaped outside code
//! spans, `<br>` as a line break, bare URLs made into autolinks, and links
//! to documented types made into intra-doc links.

use proc_macro2::TokenStream;
use quote::quote;

/// Finds the Rust path (such as `crate::models::User`) of the type a docs
/// link destination names, if the SDK has one.
pub trait LinkTargets {
    fn rust_path(&self, destination: &str) -> Option<String>;
}

/// `#[doc]` attributes for prose, one per line, so prettyplease prints them
/// as `///` comments.
pub fn doc_lines(text: &str, links: &dyn LinkTargets) -> TokenStream {
    let rendered = rustdoc(text, links);
    let lines = rendered.trim().lines().map(|line| {
        let line = if line.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", line.trim_end())
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Escapes prose for rustdoc, leaving `code spans` as they are.
pub fn rustdoc(text: &str, links: &dyn LinkTargets) -> String {
    let text = text
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("<br>", "\n");
    let mut out = String::with_capacity(text.len());
    for (index, piece) in text.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            out.push_str(piece);
        } else {
            out.push_str(&escape_prose(piece, links));
        }
    }
    if text.matches('`').count() % 2 == 1 {
        // An unbalanced backtick would open a code span that never closes.
        out.push('`');
    }
    out
}

/// A `[label](destination)` at the start of `text`: label, destination and
/// the length of the whole link.
fn markdown_link(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix('[')?;
    let label_end = rest.find("](")?;
    let label = &rest[..label_end];
    let after = &rest[label_end + 2..];
    let dest_end = after.find(')')?;
    let destination = &after[..dest_end];
    let plain = !label.contains(['[', ']']) && !destination.contains(char::is_whitespace);
    plain.then_some((label, destination, 1 + label_end + 2 + dest_end + 1))
}

fn escape_prose(text: &str, links: &dyn LinkTargets) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((label, destination, length)) = markdown_link(rest) {
            let label = escape_plain(label);
            match links.rust_path(destination) {
                Some(path) => out.push_str(&format!("[{label}]({path})")),
                None if destination.starts_with("http") => {
                    out.push_str(&format!("[{label}]({destination})"))
                }
                None => out.push_str(&label),
            }
            rest = &rest[length..];
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ')', ';']);
            out.push_str(&format!("<{url}>"));
            rest = &rest[url.len()..];
            continue;
        }
        out.push_str(&escape_plain(&rest[..c.len_utf8()]));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '*' | '_' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{rustdoc, LinkTargets};

    /// No intra-doc links: every link becomes its text or stays a web link.
    struct NoLinks;

    impl LinkTargets for NoLinks {
        fn rust_path(&self, _: &str) -> Option<String> {
            None
        }
    }

    struct UserOnly;

    impl LinkTargets for UserOnly {
        fn rust_path(&self, destination: &str) -> Option<String> {
            destination
                .ends_with("user.md")
                .then(|| "crate::models::User".to_owned())
        }
    }

    #[test]
    fn prose_is_escaped_and_code_spans_kept() {
        assert_eq!(
            rustdoc("See [x] and <token>.", &NoLinks),
            "See \\[x\\] and &lt;token&gt;."
        );
        assert_eq!(
            rustdoc("Use `a[0] <b>` here", &NoLinks),
            "Use `a[0] <b>` here"
        );
        assert_eq!(rustdoc("One<br>two", &NoLinks), "One\ntwo");
        assert_eq!(
            rustdoc("Go to https://example.com/x.", &NoLinks),
            "Go to <https://example.com/x>."
        );
        assert_eq!(rustdoc("odd ` tick", &NoLinks), "odd ` tick`");
    }

    #[test]
    fn links_become_intra_doc_links_web_links_or_text() {
        let text = "A [user](../resources/user.md), a [page](../api/x.md) and [docs](https://learn.example/a_b).";
        assert_eq!(
            rustdoc(text, &UserOnly),
            "A [user](crate::models::User), a page and [docs](https://learn.example/a_b)."
        );
    }
}
