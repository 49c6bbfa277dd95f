//! Resolves parsed pages into one [`Api`]: operations with unique names,
//! and the types and enumerations the pages define or imply.

mod aliases;
mod bodies;
mod links;
mod namespaces;
mod operations;
mod types;
mod urls;

use crate::conformance::Types;
use crate::diag::{Code, Diagnostic, Position};
use crate::matching::{match_path, OperationIndex};
use crate::model::{Api, ExampleRequest, HttpMethod, Operation, Page, PageKind, Shown, TypeRef};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use types::TypeTable;
use urls::UrlSpace;

/// Builds the API model. `diagnostics` are the pages' own; resolution adds
/// its findings and the result is sorted.
pub fn resolve(mut pages: Vec<Page>, mut diagnostics: Vec<Diagnostic>) -> Api {
    prepare(&mut pages);
    let (mut candidates, mut table) = typed_candidates(&pages);
    let parameter_pages = operations::parameter_pages(&candidates, &pages);
    let parameters = table.synthesize_bodies(&pages, &parameter_pages);
    operations::apply_bodies(&mut candidates, &parameters, &example_bodies(&pages));
    for candidate in &mut candidates {
        let operation = &mut candidate.operation;
        let at = (operation.page.as_str(), operation.line);
        if let Some(body) = operation.request_body.as_mut() {
            table.resolve_ref(body, &[], at);
        }
    }
    table.resolve_members();
    {
        let drafts: Vec<Operation> = candidates.iter().map(|c| c.operation.clone()).collect();
        let matcher = OperationIndex::new(&drafts);
        for page in &pages {
            table.observe_examples(page, &matcher);
        }
    }
    let (types, enums) = table.finish(&mut diagnostics);
    let index = Types::new(&types, &enums);
    let mut operations = operations::decide(candidates, &index, &mut diagnostics);
    let aliases = aliases::alias_operations(&operations, &pages);
    operations.extend(aliases);
    operations::name_uniquely(&mut operations, &mut diagnostics);
    let matcher = OperationIndex::new(&operations);
    for page in &pages {
        diagnostics.extend(unmatched_examples(page, &matcher));
        diagnostics.extend(status_mismatches(page));
    }
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

/// Every page's request lines as candidates, typed by the resource their
/// path addresses in the URL space the pages describe, with the type table
/// the types come from.
fn typed_candidates(pages: &[Page]) -> (Vec<operations::Candidate>, TypeTable) {
    let (mut candidates, table, space) = url_space(pages);
    for candidate in &mut candidates {
        operations::type_by_path(candidate, &space, &table);
    }
    (candidates, table)
}

/// Pages in file order (so nothing depends on the order they were read
/// in), each namespace spelled one way and the names its pages write
/// qualified.
fn prepare(pages: &mut [Page]) {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    namespaces::unify(pages);
    namespaces::qualify_references(pages);
}

/// The candidates with the types their pages state, the type table, and
/// the URL space built from both.
fn url_space(pages: &[Page]) -> (Vec<operations::Candidate>, TypeTable, UrlSpace) {
    let mut candidates = operations::candidates(pages);
    let mut table = TypeTable::default();
    table.add_documented(pages);
    table.add_body_tables(pages);
    let by_file: HashMap<&str, &Page> = pages
        .iter()
        .map(|page| (page.file.as_str(), page))
        .collect();
    for candidate in &mut candidates {
        if let Some(page) = by_file.get(candidate.operation.page.as_str()) {
            operations::resolve_stated(candidate, page, &mut table);
        }
    }
    table.resolve_members();
    let calls = operations::call_names(&candidates);
    let space = UrlSpace::build(&operations::evidence(&candidates), calls, &table);
    (candidates, table, space)
}

/// What the URL space built from `sources` makes of `path`.
#[cfg(test)]
pub fn address_for_tests(sources: &[crate::source::SourceFile], path: &str) -> urls::Addressed {
    let mut pages: Vec<Page> = sources
        .iter()
        .map(|source| crate::parse::parse_page(source).0)
        .collect();
    prepare(&mut pages);
    let (_, table, space) = url_space(&pages);
    space.address(&crate::model::PathTemplate::parse(path), &table)
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
                format!("the Properties table lists `{name}`, which the JSON representation (line {at}) spells `{}`; the SDK uses the representation's spelling", other.name)
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
