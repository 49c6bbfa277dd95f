//! Turning docs prose into rustdoc that renders as written and raises no
//! rustdoc warnings: brackets and angle brackets escaped outside code
//! spans, `<br>` as a line break, bare URLs made into autolinks.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for prose, one per line, so prettyplease prints them
/// as `///` comments.
pub fn doc_lines(text: &str) -> TokenStream {
    let rendered = rustdoc(text);
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
pub fn rustdoc(text: &str) -> String {
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
            out.push_str(&escape_prose(piece));
        }
    }
    if text.matches('`').count() % 2 == 1 {
        // An unbalanced backtick would open a code span that never closes.
        out.push('`');
    }
    out
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        let bare = word.trim_end();
        if bare.starts_with("http://") || bare.starts_with("https://") {
            let url = bare.trim_end_matches(['.', ',', ')', ';']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
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
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rustdoc;

    #[test]
    fn prose_is_escaped_and_code_spans_kept() {
        assert_eq!(
            rustdoc("See [x] and <token>."),
            "See \\[x\\] and &lt;token&gt;."
        );
        assert_eq!(rustdoc("Use `a[0] <b>` here"), "Use `a[0] <b>` here");
        assert_eq!(rustdoc("One<br>two"), "One\ntwo");
        assert_eq!(
            rustdoc("Go to https://example.com/x."),
            "Go to <https://example.com/x>."
        );
        assert_eq!(rustdoc("odd ` tick"), "odd ` tick`");
    }
}
