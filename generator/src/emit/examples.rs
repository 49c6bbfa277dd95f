//! One test per documented example: the request the generated function
//! builds from the example's ids and body must be the documented one, and
//! the documented response must decode and serialise back unchanged.

use super::types::TypeNames;
use crate::conformance::Types;
use crate::matching::OperationIndex;
use crate::model::{Api, Example, Operation, Page};
use crate::names::{self, Scope};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// The example tests file, importing the SDK crate as `sdk`.
/// With `gated`, each test is compiled only with its area's feature.
pub fn tests(api: &Api, names: &TypeNames, sdk: &Ident, gated: bool) -> TokenStream {
    let mut scope = Scope::default();
    let types = Types::new(&api.types, &api.enums);
    let matcher = OperationIndex::new(&api.operations);
    let tests = api.pages.iter().flat_map(|page| {
        page.examples
            .iter()
            .enumerate()
            .map(|(index, example)| {
                let wanted = example_name(page, index, example);
                let test = format_ident!("{}", scope.claim(&wanted).0);
                let replayable = replay(&matcher, &types, page, example);
                let area = replayable.as_ref().ok().map(|(op, _)| op.area.clone());
                let test = example_test(page, example, replayable, &test, names, sdk);
                match (gated, area) {
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
fn replay(
    matcher: &OperationIndex,
    types: &Types,
    page: &Page,
    example: &Example,
) -> Result<(Operation, Vec<String>), String> {
    let request = example
        .request
        .as_ref()
        .ok_or("the docs give this response with no request before it")?;
    if let Some(host) = foreign_host(&request.url) {
        return Err(format!(
            "the example is a request to `{host}`, not to Graph (a callback or another service)"
        ));
    }
    let answer = example.response.as_ref();
    if answer.is_some_and(|r| r.status == 204 && (r.body.is_some() || r.text_body.is_some())) {
        return Err(
            "docs fault: a 204 No Content response cannot carry the body the docs show".to_owned(),
        );
    }
    if let Some(error) = &request.body_error {
        return Err(format!(
            "docs fault: the example request body is not valid JSON ({error})"
        ));
    }
    if let Some(error) = example
        .response
        .as_ref()
        .and_then(|r| r.body_error.as_ref())
    {
        return Err(format!(
            "docs fault: the example response body is not valid JSON ({error})"
        ));
    }
    let (operation, values) = matcher.operation_for(&page.file, request).ok_or_else(|| {
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
        return Err("docs fault: the example request has no JSON body".to_owned());
    }
    if let Some((_, misfit)) = types.example_misfit(operation, example) {
        return Err(format!("docs disagree: the example body's {misfit}"));
    }
    Ok((operation.clone(), values))
}

/// The host of an absolute URL that is not one of Graph's.
fn foreign_host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    let graph = ["graph.microsoft", "microsoftgraph.chinacloudapi.cn"];
    (!graph.iter().any(|known| host.contains(known))).then_some(host)
}

fn example_test(
    page: &Page,
    example: &Example,
    replayable: Result<(Operation, Vec<String>), String>,
    test: &Ident,
    names: &TypeNames,
    sdk: &Ident,
) -> TokenStream {
    let line = example.request.as_ref().map_or(0, |request| request.line);
    let doc = format!(" `{}`, line {}.", page.file, line);
    let (Some(request), Ok((operation, values))) = (&example.request, &replayable) else {
        let reason = replayable.err().unwrap_or_default();
        return quote! {
            #[doc = #doc]
            #[test]
            #[ignore = #reason]
            fn #test() {}
        };
    };
    let area = format_ident!("{}", operation.area);
    let function = format_ident!("{}", operation.name);
    let arguments = values
        .iter()
        .map(|value| Literal::string(&percent_decoded(value)));
    let (body_setup, body_argument) = match (&operation.request_body, &request.body) {
        (Some(ty), _) if ty.is_stream() => {
            (quote! {}, quote! { docs2rs_runtime::Binary::default() })
        }
        (Some(ty), Some(_)) => {
            let ty = names.rust_type(ty);
            (
                quote! { let body: #ty = docs2rs_runtime::testing::decode(REQUEST_BODY); },
                quote! { &body },
            )
        }
        _ => (quote! {}, quote! {}),
    };
    let constants = [
        (
            "REQUEST_BODY",
            request
                .body
                .as_ref()
                .filter(|_| sends_json(operation))
                .map(pretty),
        ),
        (
            "RESPONSE_BODY",
            example.response.as_ref().and_then(response_text),
        ),
    ]
    .into_iter()
    .filter_map(|(name, text)| {
        let name = format_ident!("{}", name);
        let text = raw_string(&text?);
        Some(quote! { const #name: &str = #text; })
    });
    let query: Vec<(String, String)> = request
        .query
        .iter()
        .map(|(name, value)| (percent_decoded(name), percent_decoded(value)))
        .collect();
    let query_calls = query
        .iter()
        .map(|(name, value)| quote! { .query(#name, #value) });
    let query_pairs = query.iter().map(|(name, value)| quote! { (#name, #value) });
    let documented = documented_exchange(example, request, operation);
    let documented = quote! { query: &[#(#query_pairs),*], #documented };
    let response_check = response_check(example, operation, names);
    quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #test() {
            #(#constants)*
            #body_setup
            let request = #sdk::endpoints::#area::#function(#(#arguments,)* #body_argument)
                #(#query_calls)*;
            let documented = docs2rs_runtime::testing::Documented {
                #documented
            };
            let response = docs2rs_runtime::testing::replay(request, documented).await;
            #response_check
        }
    }
}

/// The operation's body, if any, is JSON (not raw bytes).
fn sends_json(operation: &Operation) -> bool {
    operation
        .request_body
        .as_ref()
        .is_none_or(|ty| !ty.is_stream())
}

/// The fields of `Documented` beside the query: method, path, request
/// body, and the documented answer.
fn documented_exchange(
    example: &Example,
    request: &crate::model::ExampleRequest,
    operation: &Operation,
) -> TokenStream {
    let method = operation.method.as_str();
    let path = match request.path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    let body = optional(
        request.body.is_some() && sends_json(operation),
        "REQUEST_BODY",
    );
    let response = example.response.as_ref();
    let status = Literal::u16_unsuffixed(response.map_or(200, |response| response.status));
    let headers = response
        .map(|response| response.headers.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|(name, value)| quote! { (#name, #value) });
    let response_body = optional(response.and_then(response_text).is_some(), "RESPONSE_BODY");
    quote! {
        method: #method,
        path: #path,
        body: #body,
        status: #status,
        headers: &[#(#headers),*],
        response: #response_body,
    }
}

/// The check that the typed response serialises back to the documented
/// JSON; none where the operation's response is untyped or raw content.
fn response_check(example: &Example, operation: &Operation, names: &TypeNames) -> TokenStream {
    let response = example.response.as_ref();
    let documented = response.and_then(|response| response.body.as_ref());
    let typed = operation.response.as_ref().filter(|ty| !ty.is_stream());
    match (documented, typed) {
        (Some(_), Some(_)) => {
            let ty = names.response_type(operation);
            let truncated = response.is_some_and(|response| response.truncated);
            quote! {
                let response: Option<#ty> = response;
                docs2rs_runtime::testing::assert_same_json(response.as_ref(), RESPONSE_BODY, #truncated);
            }
        }
        _ => quote! { let _ = response; },
    }
}

/// The documented response body: JSON, pretty-printed, or text that is
/// not meant to be JSON.
fn response_text(response: &crate::model::ExampleResponse) -> Option<String> {
    response
        .body
        .as_ref()
        .map(pretty)
        .or_else(|| response.text_body.clone())
}

/// `Some(CONSTANT)` when there is one, else `None`.
fn optional(present: bool, constant: &str) -> TokenStream {
    let constant = format_ident!("{}", constant);
    if present {
        quote! { Some(#constant) }
    } else {
        quote! { None }
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
