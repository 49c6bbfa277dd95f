//! Endpoint functions: one per documented request path, grouped by API area.

use super::types::TypeNames;
use crate::model::{Api, HttpMethod, Operation, Permissions, Scopes};
use crate::names::{self, Scope};
use crate::prose::Prose;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The headers every request gets from the client or from `Request::json`.
const IMPLIED_HEADERS: &[&str] = &["authorization", "content-type", "content-length"];

/// The API areas, sorted: one module file each.
pub fn area_names(api: &Api) -> Vec<String> {
    let names: BTreeSet<&str> = api.operations.iter().map(|op| op.area.as_str()).collect();
    names.into_iter().map(str::to_owned).collect()
}

/// The token stream of one area's module file.
pub fn area(api: &Api, area: &str, names: &TypeNames, prose: &Prose) -> TokenStream {
    let items = api
        .operations
        .iter()
        .filter(|operation| operation.area == area)
        .map(|operation| endpoint(operation, names, prose));
    quote! { #(#items)* }
}

/// The argument names of an operation's path parameters, in path order.
fn parameter_names(operation: &Operation) -> Vec<String> {
    let mut scope = Scope::with_reserved(&["body"]);
    operation
        .path
        .params()
        .map(|param| scope.claim(&names::snake(param)).0)
        .collect()
}

fn endpoint(operation: &Operation, names: &TypeNames, prose: &Prose) -> TokenStream {
    let function = format_ident!("{}", operation.name);
    let constant = format_ident!("{}", names::screaming(&operation.name));
    let fn_name = &operation.name;
    let method = method_tokens(operation.method);
    let template = &operation.path.raw;
    let permissions = permissions_tokens(&operation.permissions);
    let query_options: Vec<TokenStream> = operation
        .query_options
        .iter()
        .filter_map(|option| query_option_tokens(option))
        .collect();
    let constant_doc = format!(
        " `{} {}`: method, path and permissions as data.",
        operation.method.as_str(),
        template
    );

    let parameters: Vec<_> = parameter_names(operation)
        .into_iter()
        .map(|name| format_ident!("{}", name))
        .collect();
    let response = names.response_type(operation);
    let (body_parameter, body_call) = match &operation.request_body {
        Some(ty) if ty.is_stream() => (
            Some(quote! { body: docs2rs_runtime::Binary, }),
            Some(quote! { .binary(body) }),
        ),
        Some(ty) => {
            let ty = names.rust_type(ty);
            (Some(quote! { body: &#ty, }), Some(quote! { .json(body) }))
        }
        None => (None, None),
    };
    let headers = operation
        .headers
        .iter()
        .filter(|header| !IMPLIED_HEADERS.contains(&header.name.to_ascii_lowercase().as_str()))
        .filter(|header| is_fixed_header(&header.name, &header.value))
        .map(|header| {
            let (name, value) = (&header.name, &header.value);
            quote! { .header(#name, #value) }
        });
    let docs = super::docs::doc_lines(&function_docs(operation, prose), names);
    quote! {
        #[doc = #constant_doc]
        pub static #constant: docs2rs_runtime::Operation = docs2rs_runtime::Operation {
            name: #fn_name,
            method: #method,
            path_template: #template,
            permissions: #permissions,
            query_options: &[#(#query_options),*],
        };

        #docs
        pub fn #function(#(#parameters: &str,)* #body_parameter) -> docs2rs_runtime::Request<#response> {
            docs2rs_runtime::Request::from_template(&#constant, &[#(#parameters),*])
            #(#headers)*
            #body_call
        }
    }
}

/// A header the docs give one literal value for (`Accept:
/// application/json`), which every request then carries. Placeholders
/// (`Bearer {token}`), prose and names that are no header names
/// (`Prefer: outlook.timezone`) are left to the caller.
fn is_fixed_header(name: &str, value: &str) -> bool {
    let token = |text: &str| {
        !text.is_empty() && !text.contains(|c: char| c.is_whitespace() || c == ':' || c == '{')
    };
    token(name) && token(value.trim_end_matches(';'))
}

fn query_option_tokens(option: &str) -> Option<TokenStream> {
    Some(match option {
        "count" => quote! { docs2rs_runtime::QueryOption::Count },
        "expand" => quote! { docs2rs_runtime::QueryOption::Expand },
        "filter" => quote! { docs2rs_runtime::QueryOption::Filter },
        "orderby" => quote! { docs2rs_runtime::QueryOption::OrderBy },
        "search" => quote! { docs2rs_runtime::QueryOption::Search },
        "select" => quote! { docs2rs_runtime::QueryOption::Select },
        "skip" => quote! { docs2rs_runtime::QueryOption::Skip },
        "skiptoken" => quote! { docs2rs_runtime::QueryOption::SkipToken },
        "top" => quote! { docs2rs_runtime::QueryOption::Top },
        _ => return None,
    })
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote! { docs2rs_runtime::Method::Get },
        HttpMethod::Post => quote! { docs2rs_runtime::Method::Post },
        HttpMethod::Put => quote! { docs2rs_runtime::Method::Put },
        HttpMethod::Patch => quote! { docs2rs_runtime::Method::Patch },
        HttpMethod::Delete => quote! { docs2rs_runtime::Method::Delete },
    }
}

fn permissions_tokens(permissions: &Permissions) -> TokenStream {
    let [work, personal, application] = [
        &permissions.delegated_work_or_school,
        &permissions.delegated_personal,
        &permissions.application,
    ]
    .map(scopes_tokens);
    quote! {
        docs2rs_runtime::Permissions {
            delegated_work_or_school: #work,
            delegated_personal: #personal,
            application: #application,
        }
    }
}

fn scopes_tokens(scopes: &Scopes) -> TokenStream {
    match scopes {
        Scopes::AnyOf(names) => quote! { docs2rs_runtime::Scopes::AnyOf(&[#(#names),*]) },
        Scopes::NotSupported => quote! { docs2rs_runtime::Scopes::NotSupported },
        Scopes::Unknown(_) => quote! { docs2rs_runtime::Scopes::Unknown },
    }
}

fn scopes_text(scopes: &Scopes) -> String {
    match scopes {
        Scopes::AnyOf(names) => names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", "),
        Scopes::NotSupported => "not supported".to_owned(),
        Scopes::Unknown(_) => "unknown (the docs do not say)".to_owned(),
    }
}

/// The doc comment: summary, description, request line, permissions and
/// where the operation is documented.
fn function_docs(operation: &Operation, prose: &Prose) -> String {
    let mut doc = String::new();
    let summary = operation.summary.as_deref().map(|text| prose.text(text));
    if let Some(summary) = summary {
        doc.push_str(&format!("{summary}.\n\n"));
    }
    if let Some(description) = operation
        .description
        .as_deref()
        .map(|text| prose.text(text))
        .filter(|text| Some(*text) != summary)
    {
        doc.push_str(&format!("{description}\n\n"));
    }
    if !operation.query_options.is_empty() {
        doc.push_str(&format!(
            "Supports the query options {} (see `Request::select` and its siblings).\n\n",
            code_list(&operation.query_options, "$")
        ));
    }
    if !operation.body_properties.is_empty() {
        doc.push_str(&format!(
            "The docs list these properties for the body: {}.\n\n",
            code_list(&operation.body_properties, "")
        ));
    }
    let permissions = &operation.permissions;
    doc.push_str(&format!(
        "`{} {}`\n\n\
         Permissions (any one of):\n\
         - delegated, work or school account: {}\n\
         - delegated, personal Microsoft account: {}\n\
         - application: {}\n\n\
         Documented in `{}`, line {}.",
        operation.method.as_str(),
        operation.path.raw,
        scopes_text(&permissions.delegated_work_or_school),
        scopes_text(&permissions.delegated_personal),
        scopes_text(&permissions.application),
        operation.page,
        operation.line
    ));
    doc
}

/// Names as code spans, each after `prefix`, separated by commas.
fn code_list(names: &[String], prefix: &str) -> String {
    let spans: Vec<String> = names
        .iter()
        .map(|name| format!("`{prefix}{name}`"))
        .collect();
    spans.join(", ")
}
