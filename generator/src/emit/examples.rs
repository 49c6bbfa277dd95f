//! One test per documented example: the request the generated function
//! builds from the example's ids and body must be the documented one, and
//! the documented response must decode and serialise back unchanged.

use super::types::TypeNames;
use crate::matching::operation_for;
use crate::model::{Api, Example, Operation, Page};
use crate::names::{self, Scope};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// The example tests file, importing the SDK crate as `sdk`.
/// With `gated`, each test is compiled only with its area's feature.
pub fn tests(api: &Api, names: &TypeNames, sdk: &Ident, gated: bool) -> TokenStream {
    let mut scope = Scope::default();
    let tests = api.pages.iter().flat_map(|page| {
        page.examples
            .iter()
            .enumerate()
            .map(|(index, example)| {
                let wanted = example_name(page, index, example);
                let test = format_ident!("{}", scope.claim(&wanted).0);
                let test = example_test(api, page, example, &test, names, sdk);
                match (gated, operation_area(api, page, example)) {
                    (true, Some(area)) => {
                        let feature = super::features::feature_name(&area);
                        quote! { #[cfg(feature = #feature)] #test }
                    }
                    _ => test,
                }
            })
            .collect::<Vec<_>>()
    });
    quote! { #(#tests)* }
}

fn example_name(page: &Page, index: usize, example: &Example) -> String {
    match &example.name {
        Some(name) => names::snake(name),
        None => {
            let stem = page
                .file
                .rsplit('/')
                .next()
                .unwrap_or(&page.file)
                .trim_end_matches(".md");
            names::snake(&format!("{stem}_example_{}", index + 1))
        }
    }
}

/// Why an example cannot be replayed, if it cannot.
fn replay(api: &Api, page: &Page, example: &Example) -> Result<(Operation, Vec<String>), String> {
    let request = example
        .request
        .as_ref()
        .ok_or("the docs give this response with no request before it")?;
    let (operation, values) =
        operation_for(&api.operations, &page.file, request).ok_or_else(|| {
            format!(
                "docs fault: the example URL `{}` matches none of the page's documented paths",
                request.url
            )
        })?;
    let sends_json = operation
        .request_body
        .as_ref()
        .is_some_and(|ty| !ty.is_stream());
    if sends_json && request.body.is_none() {
        return Err("docs fault: the example request has no valid JSON body".to_owned());
    }
    Ok((operation.clone(), values))
}

/// The area of the operation an example exercises.
fn operation_area(api: &Api, page: &Page, example: &Example) -> Option<String> {
    replay(api, page, example)
        .ok()
        .map(|(operation, _)| operation.area)
}

fn example_test(
    api: &Api,
    page: &Page,
    example: &Example,
    test: &Ident,
    names: &TypeNames,
    sdk: &Ident,
) -> TokenStream {
    let line = example.request.as_ref().map_or(0, |request| request.line);
    let doc = format!(" `{}`, line {}.", page.file, line);
    let (operation, values) = match replay(api, page, example) {
        Ok(found) => found,
        Err(reason) => {
            return quote! {
                #[doc = #doc]
                #[test]
                #[ignore = #reason]
                fn #test() {}
            };
        }
    };
    let Some(request) = &example.request else {
        return quote! {};
    };
    let area = format_ident!("{}", operation.area);
    let function = format_ident!("{}", operation.name);
    let arguments = values
        .iter()
        .map(|value| Literal::string(&percent_decoded(value)));
    let method = operation.method.as_str();
    let path = match request.path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    let body_json = request.body.as_ref().map(|body| raw_string(&pretty(body)));
    let (body_setup, body_argument, body_expected) = match (&operation.request_body, &body_json) {
        (Some(ty), _) if ty.is_stream() => (
            quote! {},
            quote! { docs2rs_runtime::Binary::default() },
            quote! { None },
        ),
        (Some(ty), Some(json)) => {
            let ty = names.rust_type(ty);
            (
                quote! {
                    let documented_body = #json;
                    let body: #ty = docs2rs_runtime::testing::decode(documented_body);
                },
                quote! { &body },
                quote! { Some(documented_body) },
            )
        }
        _ => (quote! {}, quote! {}, quote! { None }),
    };
    let response_check = example
        .response
        .as_ref()
        .and_then(|response| response.body.as_ref())
        .zip(operation.response.as_ref().filter(|ty| !ty.is_stream()))
        .map(|(body, ty)| {
            let ty = names.payload_type(ty, true);
            let json = raw_string(&pretty(body));
            quote! { docs2rs_runtime::testing::assert_round_trip::<#ty>(#json); }
        });
    quote! {
        #[doc = #doc]
        #[test]
        fn #test() {
            #body_setup
            let request = #sdk::endpoints::#area::#function(#(#arguments,)* #body_argument);
            docs2rs_runtime::testing::assert_request(&request, #method, #path, #body_expected);
            #response_check
        }
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// Example ids are written as they appear in a URL; the function wants them raw.
fn percent_decoded(value: &str) -> String {
    percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .map_or_else(|_| value.to_owned(), |decoded| decoded.into_owned())
}

/// A raw string literal (`r#"..."#`), so documented JSON stays readable.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse::<Literal>()
        .map_or_else(|_| quote! { #text }, |literal| quote! { #literal })
}
