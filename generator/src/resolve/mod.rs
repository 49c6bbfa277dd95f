//! Resolves parsed pages into one [`Api`]: operations with unique names,
//! and the types and enumerations the pages define or imply.

mod links;
mod types;

use crate::conformance::Types;
use crate::diag::{Code, Diagnostic, Position};
use crate::matching::{match_path, OperationIndex};
use crate::model::{
    Api, ExampleRequest, HttpMethod, Operation, Page, PageKind, Permissions, RequestLine, Scopes,
    Shown, TypeRef,
};
use crate::names;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use types::TypeTable;

/// Builds the API model. `diagnostics` are the pages' own; resolution adds
/// its findings and the result is sorted.
pub fn resolve(mut pages: Vec<Page>, mut diagnostics: Vec<Diagnostic>) -> Api {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let (mut operations, mut repeated_types) = operations(&pages, &mut diagnostics);
    let mut table = TypeTable::default();
    table.add_documented(&pages);
    table.add_body_tables(&pages);
    let action_bodies = table.synthesize_bodies(&pages);
    let shown_bodies = example_bodies(&pages);
    for operation in &mut operations {
        let sends_body = matches!(
            operation.method,
            HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
        );
        if operation.request_body.is_none() {
            let key = (operation.page.clone(), operation.method);
            operation.request_body = match action_bodies.get(&operation.page) {
                Some(name) if sends_body => Some(TypeRef::named(name, false)),
                // The examples send JSON the page gives no type for (some
                // workbook functions even with GET): any JSON.
                _ if shown_bodies.contains(&key) => Some(TypeRef::named("Json", false)),
                _ => None,
            };
        }
        let at = (operation.page.as_str(), operation.line);
        for ty in [&mut operation.request_body, &mut operation.response]
            .into_iter()
            .flatten()
        {
            table.resolve_ref(ty, &[], at);
        }
    }
    for repeat in repeated_types.values_mut().flatten() {
        let at = (repeat.at.0.as_str(), repeat.at.1);
        for ty in [&mut repeat.request_body, &mut repeat.response]
            .into_iter()
            .flatten()
        {
            table.resolve_ref(ty, &[], at);
        }
    }
    table.resolve_members();
    let matcher = OperationIndex::new(&operations);
    for page in &pages {
        table.observe_examples(page, &matcher);
        diagnostics.extend(unmatched_examples(page, &matcher));
        diagnostics.extend(status_mismatches(page));
    }
    let (types, enums) = table.finish(&mut diagnostics);
    let index = Types::new(&types, &enums);
    widen_repeated_types(&mut operations, &repeated_types, &index);
    let matcher = OperationIndex::new(&operations);
    // The checks below only read the finished model: run them side by side.
    let (conformance, (representations, links)) = rayon::join(
        || example_conformance(&pages, &matcher, &index),
        || {
            rayon::join(
                || {
                    pages
                        .iter()
                        .flat_map(|page| representation_mismatches(page, &index))
                        .collect::<Vec<_>>()
                },
                || links::check_links(&pages),
            )
        },
    );
    diagnostics.extend(conformance);
    diagnostics.extend(representations);
    diagnostics.extend(links);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Api {
        pages,
        operations,
        types,
        enums,
        diagnostics,
    }
}

/// The pages and methods whose request examples carry a JSON body.
fn example_bodies(pages: &[Page]) -> std::collections::BTreeSet<(String, HttpMethod)> {
    pages
        .iter()
        .flat_map(|page| {
            page.examples
                .iter()
                .filter_map(|example| example.request.as_ref())
                .filter(|request| request.body.is_some())
                .map(|request| (page.file.clone(), request.method))
        })
        .collect()
}

/// `PUT .../content` and `PUT .../$value` send raw bytes.
fn stream_upload(request: &RequestLine) -> bool {
    request.method == HttpMethod::Put && request.path.is_stream()
}

/// `GET .../$count` answers with the number of items, whatever type the
/// page's list returns.
fn counts(request: &RequestLine) -> bool {
    request.method == HttpMethod::Get && request.path.segments().last() == Some("$count")
}

/// `GET .../content` and `GET .../$value` answer with raw bytes.
fn stream_download(request: &RequestLine) -> bool {
    request.method == HttpMethod::Get && request.path.is_stream()
}

/// The request calls a Graph function or action: its last segment has an
/// argument list (and it is not a PATCH of what a function returns), or it
/// is the name the page's `type: name` title gives.
fn is_call(page: &Page, request: &RequestLine) -> bool {
    let Some(last) = request.path.segments().last() else {
        return false;
    };
    if last.contains('(') {
        return matches!(request.method, HttpMethod::Get | HttpMethod::Post);
    }
    let titled = page
        .title
        .as_deref()
        .and_then(|title| title.split_once(':'))
        .map(|(_, name)| name.trim());
    let word = names::segment_word(last);
    titled
        .zip(word)
        .is_some_and(|(titled, word)| titled.eq_ignore_ascii_case(word))
}

/// One operation per documented request line, named uniquely per area.
fn operations(
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Operation>, RepeatedTypes) {
    let operations: Vec<Operation> = pages
        .iter()
        .filter(|page| page.kind == PageKind::Api)
        .flat_map(|page| {
            let mut seen = std::collections::BTreeSet::new();
            let distinct = page
                .requests
                .iter()
                .filter(move |request| seen.insert((request.method, request.path.raw.clone())));
            distinct.map(move |request| {
                let has_body = matches!(
                    request.method,
                    HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
                );
                Operation {
                    name: names::operation(request.method, &request.path, is_call(page, request)),
                    area: names::area(&request.path),
                    method: request.method,
                    path: request.path.clone(),
                    page: page.file.clone(),
                    line: request.line,
                    summary: page.title.clone(),
                    description: page.description.clone(),
                    permissions: page.permissions.clone().unwrap_or_else(|| {
                        Permissions::unknown("the page has no Permissions table")
                    }),
                    headers: page.request_headers.clone(),
                    request_body: page
                        .request_body_type
                        .clone()
                        .filter(|_| has_body)
                        .or_else(|| stream_upload(request).then(TypeRef::stream)),
                    // Raw content is raw whatever the page calls it ("an
                    // XML representation of the policy", a message as MIME).
                    response: if counts(request) {
                        Some(TypeRef::named("Int64", false))
                    } else if stream_download(request) {
                        Some(TypeRef::stream())
                    } else {
                        page.response
                            .as_ref()
                            .and_then(|response| response.ty.clone())
                    },
                    query_options: page.query_options.clone(),
                }
            })
        })
        .collect();
    let (mut operations, repeated_types) = drop_repeated_operations(operations, diagnostics);
    unify_area_spellings(&mut operations);
    operations.sort_by(|a, b| {
        (&a.area, &a.name, &a.path, &a.page).cmp(&(&b.area, &b.name, &b.path, &b.page))
    });
    let mut scopes: BTreeMap<String, names::Scope> = BTreeMap::new();
    for operation in &mut operations {
        let scope = scopes.entry(operation.area.clone()).or_default();
        if scope.is_taken(&operation.name) {
            if let Some(overload) = names::overload(&operation.name, &operation.path) {
                operation.name = overload;
            }
        }
        let (name, renamed) = scope.claim(&operation.name);
        if renamed {
            diagnostics.push(Diagnostic::new(
                &operation.page,
                Position {
                    line: operation.line,
                    column: 1,
                },
                Code::NameCollision,
                format!(
                    "`{}` is taken in `{}`; this path's function is `{name}`",
                    operation.name, operation.area
                ),
            ));
        }
        operation.name = name;
    }
    (operations, repeated_types)
}

/// The same method and path (placeholder names aside, case-insensitive)
/// documented on several pages is one operation: the first page in file
/// order keeps it (with the query options every page names), and each
/// repetition is noted.
fn drop_repeated_operations(
    operations: Vec<Operation>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Operation>, RepeatedTypes) {
    let mut first: BTreeMap<(HttpMethod, String), (String, u32, usize)> = BTreeMap::new();
    let mut kept: Vec<Operation> = Vec::with_capacity(operations.len());
    let mut responses = RepeatedTypes::new();
    for operation in operations {
        let key = (operation.method, operation.path.shape());
        match first.get(&key) {
            Some((page, line, index)) => {
                merge_repeat(&mut kept[*index], &operation);
                responses.entry(key.clone()).or_default().push(Repeat {
                    request_body: operation.request_body.clone(),
                    response: operation.response.clone(),
                    at: (operation.page.clone(), operation.line),
                });
                diagnostics.push(Diagnostic::new(
                &operation.page,
                Position { line: operation.line, column: 1 },
                Code::RepeatedOperation,
                format!(
                    "`{} {}` is documented already in `{page}` (line {line}); that page's documentation is used",
                    operation.method.as_str(),
                    operation.path.raw
                ),
            ));
            }
            None => {
                first.insert(key, (operation.page.clone(), operation.line, kept.len()));
                kept.push(operation);
            }
        }
    }
    (kept, responses)
}

/// The body types that the repeats of a merged operation document, by
/// method and path shape.
type RepeatedTypes = BTreeMap<(HttpMethod, String), Vec<Repeat>>;

/// One repeat's request and response types, and where it is documented.
struct Repeat {
    request_body: Option<TypeRef>,
    response: Option<TypeRef>,
    at: (String, u32),
}

/// A path that several pages document with different body types, each a
/// type derived from one base (Intune's `.../settings` on the page of each
/// kind of setting instance), takes and answers with any of them: its
/// request and response types become the nearest base they share, whose
/// polymorphic enum decodes each by `@odata.type`. Without a shared base
/// the first page's type stays.
fn widen_repeated_types(operations: &mut [Operation], repeated: &RepeatedTypes, index: &Types) {
    let widen = |slot: &mut Option<TypeRef>, others: Vec<&TypeRef>| {
        let Some(ty) = slot.as_mut() else {
            return;
        };
        let mut shared = index.lineage_names(&ty.name);
        for other in others {
            if other.collection != ty.collection {
                shared.clear();
            }
            let theirs = index.lineage_names(&other.name);
            shared.retain(|name| theirs.contains(name));
        }
        if let Some(base) = shared.first().filter(|base| **base != ty.name) {
            *ty = TypeRef::named(base, ty.collection);
        }
    };
    for operation in operations {
        let Some(repeats) = repeated.get(&(operation.method, operation.path.shape())) else {
            continue;
        };
        let bodies = repeats
            .iter()
            .filter_map(|repeat| repeat.request_body.as_ref());
        widen(&mut operation.request_body, bodies.collect());
        let responses = repeats.iter().filter_map(|repeat| repeat.response.as_ref());
        widen(&mut operation.response, responses.collect());
    }
}

/// What a repeat adds to the kept operation: query options it names, and
/// scopes where the kept page leaves them unknown.
fn merge_repeat(kept: &mut Operation, repeat: &Operation) {
    for option in &repeat.query_options {
        if !kept.query_options.contains(option) {
            kept.query_options.push(option.clone());
        }
    }
    let pairs = [
        (
            &mut kept.permissions.delegated_work_or_school,
            &repeat.permissions.delegated_work_or_school,
        ),
        (
            &mut kept.permissions.delegated_personal,
            &repeat.permissions.delegated_personal,
        ),
        (
            &mut kept.permissions.application,
            &repeat.permissions.application,
        ),
    ];
    for (kept_scopes, repeat_scopes) in pairs {
        if matches!(kept_scopes, Scopes::Unknown(_)) && !matches!(repeat_scopes, Scopes::Unknown(_))
        {
            *kept_scopes = repeat_scopes.clone();
        }
    }
}

/// Paths spell a top-level segment in different cases
/// (`/administrativeUnits`, `/administrativeunits`); they are one area, named
/// after the spelling with the most word breaks (then the first in order).
fn unify_area_spellings(operations: &mut [Operation]) {
    let mut spellings: BTreeMap<String, String> = BTreeMap::new();
    for operation in operations.iter() {
        let key = operation.area.replace('_', "");
        let best = spellings
            .entry(key)
            .or_insert_with(|| operation.area.clone());
        let breaks = |name: &str| name.matches('_').count();
        if (breaks(&operation.area), std::cmp::Reverse(&operation.area))
            > (breaks(best), std::cmp::Reverse(&*best))
        {
            *best = operation.area.clone();
        }
    }
    for operation in operations.iter_mut() {
        if let Some(best) = spellings.get(&operation.area.replace('_', "")) {
            operation.area = best.clone();
        }
    }
}

/// Example requests whose URL fits none of their page's documented paths.
fn unmatched_examples(page: &Page, matcher: &OperationIndex) -> Vec<Diagnostic> {
    if page.kind != PageKind::Api {
        return Vec::new();
    }
    page.examples
        .iter()
        .filter_map(|example| example.request.as_ref())
        .filter(|request| matcher.operation_for(&page.file, request).is_none())
        .map(|request| {
            Diagnostic::new(
                &page.file,
                Position {
                    line: request.line,
                    column: 1,
                },
                Code::ExampleUnmatched,
                format!(
                    "example `{} {}` matches none of the page's documented paths",
                    request.method.as_str(),
                    request.path
                ),
            )
        })
        .collect()
}

/// Examples whose bodies the documented types cannot hold (D508), or that
/// hold properties those types do not list (D510). An example shown with
/// several responses repeats its request: each finding is reported once.
fn example_conformance(pages: &[Page], matcher: &OperationIndex, index: &Types) -> Vec<Diagnostic> {
    pages
        .par_iter()
        .flat_map_iter(|page| page_conformance(page, matcher, index))
        .collect()
}

/// [`example_conformance`] of one page.
fn page_conformance(page: &Page, matcher: &OperationIndex, index: &Types) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut seen = HashSet::new();
    for example in &page.examples {
        let Some(request) = example.request.as_ref() else {
            continue;
        };
        let Some((operation, _)) = matcher.operation_for(&page.file, request) else {
            continue;
        };
        let misfit = index
            .example_misfit(operation, example)
            .map(|(line, misfit)| (line, Code::ExampleTypeMisfit, misfit.to_string()));
        let undocumented = as_documented_on(operation, page, request, index)
            .map(|operation| index.example_undocumented(&operation, example))
            .into_iter()
            .flatten()
            .map(|(line, found)| (line, Code::ExamplePropertyUndocumented, found.to_string()));
        for (line, code, message) in misfit.into_iter().chain(undocumented) {
            if seen.insert((line, code, message.clone())) {
                let at = Position { line, column: 1 };
                let message = format!("example body: {message}");
                diagnostics.push(Diagnostic::new(&page.file, at, code, message));
            }
        }
    }
    diagnostics
}

/// The operation with the body types the example's own page gives, so
/// that no page's example is held against another page's types. A path
/// several pages document is kept once, with the first page's types
/// (D606): an example of such a path on a later page is checked against
/// that page's Request body and Response types (a type it does not name is
/// left out). An example URL that fits none of its page's own paths may
/// have matched another page's path only by a placeholder swallowing a
/// function call: it is not checked.
fn as_documented_on<'o>(
    operation: &'o Operation,
    page: &Page,
    request: &ExampleRequest,
    index: &Types,
) -> Option<Cow<'o, Operation>> {
    if operation.page == page.file {
        return Some(Cow::Borrowed(operation));
    }
    let own_path = page.requests.iter().any(|line| {
        line.method == request.method && match_path(&line.path, &request.path).is_some()
    });
    if !own_path {
        return None;
    }
    let own = |ty: Option<&TypeRef>| ty.and_then(|ty| index.canonical(ty));
    let response = page
        .response
        .as_ref()
        .and_then(|response| response.ty.as_ref());
    Some(Cow::Owned(Operation {
        request_body: own(page.request_body_type.as_ref()),
        response: own(response),
        ..operation.clone()
    }))
}

/// Where a resource page's JSON representation and its tables disagree.
///
/// Only the Properties table is held against the representation: real
/// pages leave relationships out of it (in the July 2021 beta tree, 2,234
/// of 2,387 relationships, and all of them on 513 of the 557 pages that
/// have any), so a relationship it leaves out is the norm, not a finding.
/// A property the representation shows must be listed by the Properties
/// or Relationships table or by a base type (many representations show
/// inherited properties, such as `id`). A name both sides give in
/// different cases is one finding, not two. A page with no Properties
/// table has nothing to compare.
fn representation_mismatches(page: &Page, index: &Types) -> Vec<Diagnostic> {
    let Some(representation) = page.representation.as_ref() else {
        return Vec::new();
    };
    if page.kind != PageKind::Resource || page.properties.is_empty() {
        return Vec::new();
    }
    let listed: HashSet<&str> = page
        .properties
        .iter()
        .chain(&page.relationships)
        .map(|property| table_name(&property.name))
        .collect();
    let mut respelled = HashSet::new();
    let mut diagnostics = Vec::new();
    let mut report = |line, message: String| {
        let at = Position { line, column: 1 };
        let code = Code::RepresentationPropertyMismatch;
        diagnostics.push(Diagnostic::new(&page.file, at, code, message));
    };
    let shown = &representation.properties;
    let at = representation.line;
    for property in page.properties.iter().filter(|_| !representation.elided) {
        let name = table_name(&property.name);
        if name.contains('@') || shown.iter().any(|shown| shown.name == name) {
            continue;
        }
        let message = match shown.iter().find(|shown| shown.name.eq_ignore_ascii_case(name)) {
            Some(other) => {
                respelled.insert(other.name.as_str());
                format!("the Properties table lists `{name}`, which the JSON representation (line {at}) spells `{}`", other.name)
            }
            None => format!("the Properties table lists `{name}`, which the JSON representation (line {at}) leaves out"),
        };
        report(property.line, message);
    }
    let type_name = page.resource_name();
    for Shown { name, line } in shown {
        let known = listed.contains(name.as_str()) || index.documents(&type_name, name);
        if !known && !respelled.contains(name.as_str()) {
            report(
                *line,
                format!(
                    "the JSON representation shows `{name}`, which neither the Properties nor the Relationships table (nor a base type) lists"
                ),
            );
        }
    }
    diagnostics
}

/// A property's name as a table writes it, without a remark after it
/// (`autoAdmittedUsers (deprecated)`).
fn table_name(name: &str) -> &str {
    name.split([' ', '(']).next().unwrap_or(name)
}

/// Successful response examples whose status is not the one the page's
/// Response section states (`201 Created` promised, `200 OK` shown).
fn status_mismatches(page: &Page) -> Vec<Diagnostic> {
    let success = |status: u16| (200..300).contains(&status);
    let Some(stated) = page
        .response
        .as_ref()
        .and_then(|response| response.status)
        .filter(|status| success(*status))
    else {
        return Vec::new();
    };
    page.examples
        .iter()
        .filter_map(|example| example.response.as_ref())
        .filter(|response| success(response.status) && response.status != stated)
        .map(|response| {
            Diagnostic::new(
                &page.file,
                Position {
                    line: response.line,
                    column: 1,
                },
                Code::ExampleStatusMismatch,
                format!(
                    "the example answers {}, the Response section says {stated}",
                    response.status
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    fn resource(name: &str, base: Option<&str>) -> SourceFile {
        let derived = base.map_or(String::new(), |base| {
            format!("Derived from [{base}]({base}.md).\n\n")
        });
        SourceFile::new(
            format!("resources/{name}.md"),
            format!(
                "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n{derived}\
                 ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|{name}Size|Int32|Size.|\n"
            ),
        )
    }

    /// A page documenting `GET` and `PATCH` of `/pets/{id}` as `pet`.
    fn pet_page(pet: &str) -> SourceFile {
        SourceFile::new(
            format!("api/{pet}-update.md"),
            format!(
                "---\ndoc_type: apiPageType\n---\n# Update {pet}\n\n## HTTP request\n\n\
                 ```http\nPATCH /pets/{{id}}\n```\n\n## Request body\n\n\
                 Supply the [{pet}](../resources/{pet}.md) properties to change.\n\n## Response\n\n\
                 If successful, this method returns a `200 OK` response code and a \
                 [{pet}](../resources/{pet}.md) object in the response body.\n"
            ),
        )
    }

    fn widened(pages: &[SourceFile]) -> (Option<String>, Option<String>) {
        let api = crate::model_of(pages);
        let operation = api.operations.iter().find(|op| op.path.raw == "/pets/{id}");
        let name = |ty: Option<&crate::model::TypeRef>| ty.map(|ty| ty.name.clone());
        (
            operation.and_then(|op| name(op.request_body.as_ref())),
            operation.and_then(|op| name(op.response.as_ref())),
        )
    }

    #[test]
    fn a_path_documented_for_several_derived_types_takes_their_base() {
        let mut pages = vec![
            resource("animal", None),
            resource("cat", Some("animal")),
            resource("dog", Some("animal")),
            pet_page("cat"),
            pet_page("dog"),
        ];
        let animal = Some("animal".to_owned());
        assert_eq!(widened(&pages), (animal.clone(), animal));
        // One page alone keeps its own type; so do types with no shared base.
        pages.pop();
        let cat = Some("cat".to_owned());
        assert_eq!(widened(&pages), (cat.clone(), cat.clone()));
        pages.push(resource("rock", None));
        pages.push(pet_page("rock"));
        assert_eq!(widened(&pages), (cat.clone(), cat));
    }

    #[test]
    fn raw_content_is_raw_whatever_the_page_calls_it() {
        let page = SourceFile::new(
            "api/cat-get-content.md",
            "---\ndoc_type: apiPageType\n---\n# Get cat as XML\n\n## HTTP request\n\n\
             ```http\nGET /pets/{id}/$value\nGET /pets/$count\n```\n\n## Response\n\n\
             If successful, this method returns a `200 OK` response code and an XML \
             representation of the [cat](../resources/cat.md) in the response body.\n",
        );
        let api = crate::model_of(&[resource("cat", None), page]);
        let responses: Vec<_> = api
            .operations
            .iter()
            .map(|op| {
                (
                    op.path.raw.as_str(),
                    op.response.as_ref().map(|ty| ty.name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            responses,
            [
                ("/pets/$count", Some("Int64")),
                ("/pets/{id}/$value", Some("Stream"))
            ]
        );
    }
}
