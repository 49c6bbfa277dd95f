//! Operations: one candidate per documented request line, typed by the
//! resource its path addresses in the URL space; then one operation per
//! method and path, defined by the page whose subject it is.

use super::types::TypeTable;
use super::urls::{is_opaque, Addressed, Evidence, TypeKind, UrlSpace};
use crate::conformance::Types;
use crate::diag::{Code, Diagnostic, Position};
use crate::matching::match_path;
use crate::model::{
    ExampleRequest, HttpMethod, Operation, Page, PageKind, PathTemplate, Permissions, RequestLine,
    Scopes, TypeRef,
};
use crate::names;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One page's request line, on its way to becoming an operation (or an
/// example of another page's).
pub struct Candidate {
    /// Typed as the page states until [`type_by_path`] types it by its path.
    pub operation: Operation,
    /// The request line shows query options.
    pub query: bool,
    /// How many request lines the page documents.
    page_lines: usize,
    /// The status the Response section states.
    status: Option<u16>,
    /// The names the page's Request body table lists.
    table_properties: Vec<String>,
    /// The first successful example's annotation says `isCollection`.
    annotated_collection: bool,
    /// The body and response types the page states, resolved.
    pub stated_body: Option<TypeRef>,
    pub stated_response: Option<TypeRef>,
    /// What the path addresses.
    pub addressed: Addressed,
}

impl Candidate {
    fn sends_body(&self) -> bool {
        matches!(
            self.operation.method,
            HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
        )
    }

    /// The path resolved to a resource.
    fn resolved(&self) -> bool {
        matches!(self.addressed, Addressed::Resource(_))
    }
}

/// One candidate per distinct request line of every API page, typed as
/// its page states.
pub fn candidates(pages: &[Page]) -> Vec<Candidate> {
    pages
        .iter()
        .filter(|page| page.kind == PageKind::Api)
        .flat_map(|page| {
            let mut seen = BTreeSet::new();
            let distinct = page
                .requests
                .iter()
                .filter(move |request| seen.insert((request.method, request.path.raw.clone())));
            distinct.map(move |request| candidate(page, request))
        })
        .collect()
}

fn candidate(page: &Page, request: &RequestLine) -> Candidate {
    let has_body = matches!(
        request.method,
        HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
    );
    let request_body = if stream_upload(request) || (has_body && sends_raw(page, request)) {
        Some(TypeRef::stream())
    } else {
        page.request_body_type.clone().filter(|_| has_body)
    };
    // Raw content is raw whatever the page calls it ("an XML
    // representation of the policy", a message as MIME).
    let response = if counts(request) {
        Some(TypeRef::named("Int64", false))
    } else if stream_download(request) || answers_raw(page, request) {
        Some(TypeRef::stream())
    } else {
        page.response
            .as_ref()
            .and_then(|response| response.ty.clone())
    };
    Candidate {
        operation: Operation {
            name: String::new(),
            area: names::area(&request.path),
            method: request.method,
            path: request.path.clone(),
            page: page.file.clone(),
            line: request.line,
            summary: page.title.clone(),
            description: page.description.clone(),
            permissions: page
                .permissions
                .clone()
                .unwrap_or_else(|| Permissions::unknown("the page has no Permissions table")),
            headers: page.request_headers.clone(),
            request_body,
            response,
            query_options: page.query_options.clone(),
            call: is_call(page, request),
            body_properties: Vec::new(),
            resource: None,
        },
        query: request.query,
        page_lines: page.requests.len(),
        status: page.response.as_ref().and_then(|response| response.status),
        table_properties: page.request_body.iter().map(|p| p.name.clone()).collect(),
        annotated_collection: false,
        stated_body: None,
        stated_response: None,
        addressed: Addressed::Unknown(String::new()),
    }
}

/// `PUT .../content` and `PUT .../$value` send raw bytes.
fn stream_upload(request: &RequestLine) -> bool {
    request.method == HttpMethod::Put && request.path.is_stream()
}

/// The page's examples of this request send a body that is not JSON (a
/// Teams app package, OneNote's HTML or multipart): the body is raw bytes.
fn sends_raw(page: &Page, request: &RequestLine) -> bool {
    let examples: Vec<_> = page
        .examples
        .iter()
        .filter_map(|example| example.request.as_ref())
        .filter(|sent| exemplifies(sent, request))
        .collect();
    examples.iter().any(|example| example.text_body.is_some())
        && examples.iter().all(|example| example.body.is_none())
}

/// An example request is one of this request line's.
fn exemplifies(sent: &ExampleRequest, request: &RequestLine) -> bool {
    sent.method == request.method && match_path(&request.path, &sent.path).is_some()
}

/// The page's successful examples of this request answer with a body
/// that is not JSON (a trust framework policy's XML): the answer is raw
/// bytes, whatever type the Response section names.
fn answers_raw(page: &Page, request: &RequestLine) -> bool {
    let answers: Vec<_> = page
        .examples
        .iter()
        .filter(|example| {
            example
                .request
                .as_ref()
                .is_some_and(|sent| exemplifies(sent, request))
        })
        .filter_map(|example| example.response.as_ref())
        .filter(|answer| (200..300).contains(&answer.status))
        .collect();
    answers.iter().any(|answer| answer.text_body.is_some())
        && answers.iter().all(|answer| answer.body.is_none())
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

/// The request calls a Graph function or action as its page presents it:
/// its last segment has an argument list (and it is not a PATCH of what a
/// function returns), or it is the name the page's title gives, as `type:
/// name` or as `name function` (`name action`).
fn is_call(page: &Page, request: &RequestLine) -> bool {
    let Some(last) = request.path.segments().last() else {
        return false;
    };
    if last.contains('(') {
        return matches!(request.method, HttpMethod::Get | HttpMethod::Post);
    }
    let Some(title) = page.title.as_deref() else {
        return false;
    };
    let titled = match title.split_once(':') {
        Some((_, name)) => Some(name.trim()),
        None => title
            .strip_suffix(" function")
            .or_else(|| title.strip_suffix(" action"))
            .map(str::trim),
    };
    let word = names::segment_word(last);
    titled
        .zip(word)
        .is_some_and(|(titled, word)| titled.eq_ignore_ascii_case(word))
}

/// The lower-case names of the functions and actions the pages present
/// as calls.
pub fn call_names(candidates: &[Candidate]) -> BTreeSet<String> {
    candidates
        .iter()
        .filter(|candidate| candidate.operation.call)
        .filter_map(|candidate| candidate.operation.path.segments().last())
        .filter_map(names::segment_word)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Resolves the stated types against the table and keeps a copy: the
/// response the Response section names, else the one the first successful
/// example's annotation names (`@odata.type`, `isCollection`), which also
/// makes a named type a collection when only the annotation says so.
pub fn resolve_stated(candidate: &mut Candidate, page: &Page, table: &mut TypeTable) {
    let operation = &mut candidate.operation;
    // What the page states holds for all its request lines: reported at
    // the first.
    let first_line = page
        .requests
        .first()
        .map_or(operation.line, |line| line.line);
    let at = (page.file.as_str(), first_line);
    // A name given in bold or in words is a type only where the schema has
    // one by that name (`**allowExternalSenders**` is a property).
    let named_in_words = |ty: &TypeRef| {
        !ty.linked
            && crate::primitive::Primitive::parse(&ty.name).is_none()
            && table.kind_of(&ty.name).is_none()
    };
    if operation.response.as_ref().is_some_and(named_in_words) {
        operation.response = None;
    }
    // A `302 Found` to a download (reports): the client follows it to the
    // bytes, whatever format the query asks for.
    if candidate.status == Some(302) && operation.method == HttpMethod::Get {
        operation.response = Some(TypeRef::stream());
    }
    let linked_page = operation
        .response
        .as_ref()
        .and_then(|ty| table.page_type(ty.page.as_deref()?));
    for ty in [&mut operation.request_body, &mut operation.response]
        .into_iter()
        .flatten()
    {
        table.resolve_ref(ty, &[], at);
    }
    let annotated = page
        .examples
        .iter()
        .filter_map(|example| example.response.as_ref())
        .filter(|response| (200..300).contains(&response.status))
        .find_map(|response| {
            // `Collection(microsoft.graph.driveItem)` names a collection too.
            let named = response.odata_type.as_deref()?.trim();
            let element = named
                .strip_prefix("Collection(")
                .and_then(|rest| rest.strip_suffix(')'));
            let name = table.canonical(element.unwrap_or(named))?;
            let collection = element.is_some() || response.is_collection == Some(true);
            Some(TypeRef::named(&name, collection))
        });
    let raw = counts_or_streams(operation);
    candidate.annotated_collection = annotated.as_ref().is_some_and(|ty| ty.collection);
    match (&mut operation.response, annotated) {
        // The link's text and target name different types
        // (`[user](directoryobject.md)`): the annotation tells which.
        (Some(stated), Some(annotated))
            if !raw && linked_page.as_ref() == Some(&annotated.name) =>
        {
            stated.name = annotated.name;
            stated.collection |= annotated.collection;
        }
        (Some(stated), Some(annotated)) if !raw && stated.name == annotated.name => {
            stated.collection |= annotated.collection;
        }
        (response @ None, Some(annotated)) if operation.method != HttpMethod::Delete => {
            *response = Some(annotated);
        }
        _ => {}
    }
    candidate.stated_body = operation.request_body.clone();
    candidate.stated_response = operation.response.clone();
}

/// The operation answers a count or raw content, whatever else is said.
fn counts_or_streams(operation: &Operation) -> bool {
    operation.path.is_stream() || operation.path.segments().last() == Some("$count")
}

/// What the candidates state about their paths, for the URL space.
pub fn evidence(candidates: &[Candidate]) -> Vec<Evidence<'_>> {
    candidates
        .iter()
        .map(|candidate| Evidence {
            method: candidate.operation.method,
            path: &candidate.operation.path,
            query: candidate.query,
            response: candidate.stated_response.as_ref(),
        })
        .collect()
}

/// Types a candidate by the resource its path addresses: a GET answers
/// it; a POST to a collection creates one member (the body, and the
/// answer where the page promises one); a PATCH or PUT of an entity sends
/// it. Functions, actions and paths the model cannot read keep what the
/// page states.
pub fn type_by_path(candidate: &mut Candidate, space: &UrlSpace, table: &TypeTable) {
    let path = &candidate.operation.path;
    candidate.addressed = match space.address(path, table) {
        // A root or navigation known only by the paths under it gives no
        // type of its own.
        Addressed::Resource(target) if is_opaque(&target) => Addressed::Unknown(target.name),
        // Nothing can be POSTed to a single entity's property: a name
        // there that no table lists is an action (`/me/sendMail`).
        Addressed::Unknown(segment)
            if candidate.operation.method == HttpMethod::Post
                && path.segments().last() == Some(segment.as_str())
                && space.parent_is_entity(path, table) =>
        {
            Addressed::Call
        }
        addressed => addressed,
    };

    match &candidate.addressed {
        // A PATCH or DELETE of what a function returns (a workbook
        // `range`) is named by its verb, as other updates are.
        Addressed::Call => {
            candidate.operation.call = matches!(
                candidate.operation.method,
                HttpMethod::Get | HttpMethod::Post
            )
        }
        Addressed::Resource(_) => candidate.operation.call = false,
        _ => {}
    }
    let Addressed::Resource(target) = &candidate.addressed else {
        return;
    };
    let operation = &mut candidate.operation;
    operation.resource = Some(target.type_ref());
    if counts_or_streams(operation) {
        return;
    }
    let entity = table.kind_of(&target.name) == Some(TypeKind::Complex)
        && !operation
            .request_body
            .as_ref()
            .is_some_and(TypeRef::is_stream);
    let promised = operation.response.is_some() || candidate.status == Some(201);
    let member = TypeRef::named(&target.name, false);
    // A Relationships table that leaves out "collection" loses to a list
    // page whose sentence and example annotation both say it.
    let listed = candidate.annotated_collection
        && !target.collection
        && candidate.stated_response.as_ref().is_some_and(|stated| {
            stated.collection && stated.name == target.name && !candidate.query
        })
        && operation
            .path
            .segments()
            .last()
            .is_some_and(|last| !last.starts_with('{'));
    match operation.method {
        HttpMethod::Get if listed => {
            operation.response = Some(TypeRef::named(&target.name, true));
            operation.resource = operation.response.clone();
        }
        HttpMethod::Get => operation.response = Some(target.type_ref()),
        HttpMethod::Post if entity && target.collection => {
            operation.body_properties = candidate.table_properties.clone();
            operation.request_body = Some(member.clone());
            if promised {
                operation.response = Some(member);
            }
        }
        HttpMethod::Patch | HttpMethod::Put if entity && !target.collection => {
            operation.body_properties = candidate.table_properties.clone();
            operation.request_body = Some(member.clone());
            if operation.response.is_some() {
                operation.response = Some(member);
            }
        }
        _ => {}
    }
}

/// The pages whose body is an action's parameters: a POST call, or a
/// body-sending request the path and page leave untyped, on a page with a
/// Request body table.
pub fn parameter_pages(candidates: &[Candidate], pages: &[Page]) -> BTreeSet<String> {
    let with_table: BTreeSet<&str> = pages
        .iter()
        .filter(|page| !page.request_body.is_empty())
        .map(|page| page.file.as_str())
        .collect();
    candidates
        .iter()
        .filter(|candidate| with_table.contains(candidate.operation.page.as_str()))
        .filter(|candidate| takes_parameters(candidate))
        .map(|candidate| candidate.operation.page.clone())
        .collect()
}

/// The candidate's body is the parameters of the action it calls (or of
/// an operation nothing else types).
fn takes_parameters(candidate: &Candidate) -> bool {
    let action = candidate.operation.call && candidate.operation.method == HttpMethod::Post;
    candidate.sends_body() && (action || candidate.operation.request_body.is_none())
}

/// Gives each candidate its page's parameters type where its body is the
/// parameters, and `Json` where the examples send a body nothing types.
pub fn apply_bodies(
    candidates: &mut [Candidate],
    parameters: &std::collections::HashMap<String, String>,
    shown_bodies: &BTreeSet<(String, HttpMethod)>,
) {
    for candidate in candidates {
        let page = candidate.operation.page.clone();
        if takes_parameters(candidate) {
            if let Some(name) = parameters.get(&page) {
                candidate.operation.request_body = Some(TypeRef::named(name, false));
                // A type the Request body paragraph links is one of the
                // parameters (`passwordCredential`), not the body.
                candidate.stated_body = None;
                continue;
            }
        }
        let key = (page, candidate.operation.method);
        // The examples send JSON the page gives no type for (some workbook
        // functions even with GET): any JSON.
        if candidate.operation.request_body.is_none() && shown_bodies.contains(&key) {
            candidate.operation.request_body = Some(TypeRef::named("Json", false));
        }
    }
}

/// One operation per method and path shape (placeholder names aside,
/// case-insensitive). The defining page is decided by content: a request
/// line without query options, types that agree with the path's, the
/// page's own type named exactly, a page about fewer paths; only then the
/// file name. The other pages' lines are repeats (D606) whose query
/// options and missing scopes the operation takes. Where the path gives
/// no type, types the pages give as derived types of one base (short of
/// the hierarchy's root) become that base. A stated type that disagrees
/// with the operation's is reported (D608) on its page.
pub fn decide(
    candidates: Vec<Candidate>,
    index: &Types,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut groups: BTreeMap<(HttpMethod, String), Vec<Candidate>> = BTreeMap::new();
    for candidate in candidates {
        let key = (candidate.operation.method, candidate.operation.path.shape());
        groups.entry(key).or_default().push(candidate);
    }
    let mut operations = Vec::with_capacity(groups.len());
    for mut group in groups.into_values() {
        group.sort_by_cached_key(|candidate| {
            (
                std::cmp::Reverse(subject_score(candidate, index)),
                candidate.operation.page.clone(),
                candidate.operation.line,
            )
        });
        let mut group = group.into_iter();
        let Some(mut kept) = group.next() else {
            continue;
        };
        let repeats: Vec<Candidate> = group.collect();
        if !kept.resolved() {
            let widen = |slot: &mut Option<TypeRef>, others: Vec<&TypeRef>| {
                widen_to_shared_base(slot, &others, index)
            };
            let bodies = repeats
                .iter()
                .filter_map(|repeat| repeat.operation.request_body.as_ref());
            widen(&mut kept.operation.request_body, bodies.collect());
            let responses = repeats
                .iter()
                .filter_map(|repeat| repeat.operation.response.as_ref());
            widen(&mut kept.operation.response, responses.collect());
        }
        for candidate in std::iter::once(&kept).chain(&repeats) {
            diagnostics.extend(conflicts(candidate, &kept.operation, index));
        }
        for repeat in &repeats {
            merge_repeat(&mut kept.operation, &repeat.operation);
            diagnostics.push(Diagnostic::new(
                &repeat.operation.page,
                Position {
                    line: repeat.operation.line,
                    column: 1,
                },
                Code::RepeatedOperation,
                format!(
                    "`{} {}` is defined by `{}` (line {}), whose subject it is; this line is an example of it",
                    repeat.operation.method.as_str(),
                    repeat.operation.path.raw,
                    kept.operation.page,
                    kept.operation.line
                ),
            ));
        }
        let operation = &mut kept.operation;
        operation.name = names::operation(operation.method, &operation.path, operation.call);
        operations.push(kept.operation);
    }
    operations
}

/// How plainly a page is the definition of its request line's operation.
fn subject_score(
    candidate: &Candidate,
    index: &Types,
) -> (bool, bool, bool, std::cmp::Reverse<usize>) {
    let operation = &candidate.operation;
    let stated = [
        (&candidate.stated_response, &operation.response),
        (&candidate.stated_body, &operation.request_body),
    ];
    let agrees = stated.iter().all(|(stated, kept)| match (stated, kept) {
        (Some(stated), Some(kept)) => compatible(stated, kept, index) != Some(false),
        _ => true,
    });
    let states_any = stated.iter().any(|(stated, _)| stated.is_some());
    let exact = stated.iter().any(|(stated, kept)| {
        stated
            .as_ref()
            .zip(kept.as_ref())
            .is_some_and(|(stated, kept)| stated.name == kept.name)
    });
    (
        !candidate.query,
        agrees && states_any,
        exact,
        std::cmp::Reverse(candidate.page_lines),
    )
}

/// Whether a stated type fits the operation's: the same type or one of
/// its bases or derived types, and the same shape. `None` where either is
/// something the schema does not know (a JSON value, a parameters type).
fn compatible(stated: &TypeRef, kept: &TypeRef, index: &Types) -> Option<bool> {
    let known = |ty: &TypeRef| {
        crate::primitive::Primitive::parse(&ty.name)
            .is_none_or(|primitive| primitive != crate::primitive::Primitive::Json)
            && index.canonical(ty).is_some()
    };
    if !known(stated) || !known(kept) {
        return None;
    }
    let related = stated.name.eq_ignore_ascii_case(&kept.name)
        || index.lineage_names(&stated.name).contains(&kept.name)
        || index.lineage_names(&kept.name).contains(&stated.name);
    Some(related && stated.collection == kept.collection)
}

/// D608 for each stated type of `candidate` that disagrees with the
/// operation kept for its path.
fn conflicts(candidate: &Candidate, kept: &Operation, index: &Types) -> Vec<Diagnostic> {
    let pairs = [
        ("response", &candidate.stated_response, &kept.response),
        ("request body", &candidate.stated_body, &kept.request_body),
    ];
    pairs
        .into_iter()
        .filter_map(|(what, stated, kept_ty)| {
            let (stated, kept_ty) = (stated.as_ref()?, kept_ty.as_ref()?);
            (compatible(stated, kept_ty, index) == Some(false)).then(|| {
                let why = match candidate.resolved() {
                    true => "the type its path addresses",
                    false => "the type the defining page states",
                };
                Diagnostic::new(
                    &candidate.operation.page,
                    Position {
                        line: candidate.operation.line,
                        column: 1,
                    },
                    Code::OperationTypeConflict,
                    format!(
                        "the page states {what} {} for `{} {}`, but the operation uses {} ({why})",
                        describe(stated),
                        kept.method.as_str(),
                        candidate.operation.path.raw,
                        describe(kept_ty)
                    ),
                )
            })
        })
        .collect()
}

fn describe(ty: &TypeRef) -> String {
    match ty.collection {
        true => format!("a collection of `{}`", ty.name),
        false => format!("`{}`", ty.name),
    }
}

/// The base of every Graph entity: sharing it says nothing about two
/// types.
const UNIVERSAL_BASE: &str = "entity";

/// Widens `slot` to the nearest base it shares with `others`, where they
/// are different derived types of one base (Intune's `.../settings` on the
/// page of each kind of setting instance): its polymorphic enum decodes
/// each by `@odata.type`. Never to `entity` unless a page names it:
/// otherwise unrelated types keep the defining page's type.
fn widen_to_shared_base(slot: &mut Option<TypeRef>, others: &[&TypeRef], index: &Types) {
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
    let Some(base) = shared.first().filter(|base| **base != ty.name) else {
        return;
    };
    let named = others.iter().any(|other| other.name == *base);
    if named || !base.eq_ignore_ascii_case(UNIVERSAL_BASE) {
        *ty = TypeRef::named(base, ty.collection);
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

/// Areas spelled alike, sorted, and each name unique in its area: a
/// taken name tries the path's arguments (`get_detail_by_date`), then a
/// number (D605).
pub fn name_uniquely(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    unify_area_spellings(operations);
    // Of paths wanting one name, the one with fewest segments gets it.
    operations.sort_by(|a, b| {
        let key = |op: &Operation| (op.area.clone(), op.name.clone(), op.path.segments().count());
        (key(a), &a.path, &a.page).cmp(&(key(b), &b.path, &b.page))
    });
    let mut scopes: BTreeMap<String, names::Scope> = BTreeMap::new();
    let mut claimed: HashMap<(String, String), PathTemplate> = HashMap::new();
    for operation in operations.iter_mut() {
        let scope = scopes.entry(operation.area.clone()).or_default();
        if scope.is_taken(&operation.name) {
            // An overload names its arguments; another path, what it adds.
            let holder = claimed.get(&(operation.area.clone(), operation.name.clone()));
            let free =
                names::overload(&operation.name, &operation.path)
                    .into_iter()
                    .chain(holder.and_then(|other| {
                        names::qualified(&operation.name, &operation.path, other)
                    }))
                    .find(|name| !scope.is_taken(name));
            if let Some(free) = free {
                operation.name = free;
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
        claimed.insert(
            (operation.area.clone(), name.clone()),
            operation.path.clone(),
        );
        operation.name = name;
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
