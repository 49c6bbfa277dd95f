//! The whole shared docs tree (`../shared/graph-docs/beta-2021-07`), where
//! it exists: coverage, no panics, and the derived types and enumerations
//! real pages define. Skips with a printed reason where the tree is absent.

use docs2rs::coverage::coverage;
use docs2rs::model::Api;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn tree() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs/beta-2021-07");
    path.is_dir().then_some(path)
}

/// The tree's model, built once for all tests in this file.
fn api() -> Option<&'static Api> {
    static API: OnceLock<Option<Api>> = OnceLock::new();
    API.get_or_init(|| {
        let Some(path) = tree() else {
            println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
            return None;
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        match docs2rs::load(&[path], &base) {
            Ok((api, _)) => Some(api),
            Err(error) => panic!("{error}"),
        }
    })
    .as_ref()
}

#[test]
fn at_least_98_percent_of_api_and_resource_pages_become_code() {
    let Some(api) = api() else { return };
    let coverage = coverage(api);
    println!("{}", coverage.human());
    assert_eq!(api.pages.len(), 7948);
    assert!(
        coverage.api_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.api_pages
    );
    assert!(
        coverage.resource_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.resource_pages
    );
    assert!(
        coverage.enum_pages.share.percent() >= 98.0,
        "{:?}",
        coverage.enum_pages
    );
}

#[test]
fn inheritance_and_enumerations_come_from_resource_and_enum_pages() {
    let Some(api) = api() else { return };
    let ty = |name: &str| {
        api.types
            .iter()
            .find(|ty| ty.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    };
    let user = ty("user");
    assert_eq!(user.base.as_deref(), Some("directoryObject"));
    assert!(user.properties.iter().any(|p| p.name == "displayName"));
    assert!(user.relationships.iter().any(|p| p.name == "manager"));
    assert!(ty("directoryObject").derived.iter().any(|d| d == "group"));
    let architecture = api.enums.iter().find(|e| e.name == "windowsArchitecture");
    assert!(
        architecture.is_some_and(|e| e.flags && e.members.len() >= 5),
        "{architecture:?}"
    );
    let mode = api
        .enums
        .iter()
        .find(|e| e.name == "androidDeviceOwnerEnrollmentMode");
    assert!(mode.is_some_and(|e| !e.flags
        && e.members
            .iter()
            .any(|m| m.name == "corporateOwnedWorkProfile" && m.value == Some(2))));
}

/// The whole tree's operations typed by the URL-space model: the share of
/// GET operations of resources (not function calls, counts or raw content)
/// that answer the resource their path resolves to, of
/// creates and updates whose body is that resource, and every operation
/// whose pages state conflicting types reported (D608).
#[test]
fn operations_are_typed_by_the_resource_their_path_addresses() {
    use docs2rs::model::HttpMethod;
    let Some(api) = api() else { return };
    let same = |a: &docs2rs::model::TypeRef, b: &docs2rs::model::TypeRef| {
        a.name == b.name && a.collection == b.collection
    };
    let gets: Vec<_> = api
        .operations
        .iter()
        .filter(|op| op.method == HttpMethod::Get && !op.path.is_stream() && !op.call)
        .filter(|op| op.path.segments().last() != Some("$count"))
        .collect();
    let answering = gets
        .iter()
        .filter(|op| {
            op.resource
                .as_ref()
                .zip(op.response.as_ref())
                .is_some_and(|(resource, response)| same(resource, response))
        })
        .count();
    let writes: Vec<_> = api
        .operations
        .iter()
        .filter(|op| matches!(op.method, HttpMethod::Post | HttpMethod::Patch))
        .filter(|op| !op.call && !op.path.raw.ends_with("$ref"))
        .collect();
    let typed_bodies = writes
        .iter()
        .filter(|op| {
            op.resource
                .as_ref()
                .zip(op.request_body.as_ref())
                .is_some_and(|(resource, body)| resource.name == body.name && !body.collection)
        })
        .count();
    let conflicts = api
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "D608")
        .count();
    let percent = |part: usize, whole: usize| part as f64 * 100.0 / whole.max(1) as f64;
    println!(
        "GET answering their path's resource: {answering} of {} ({:.1}%); \
         create/update bodies that are the path's type: {typed_bodies} of {} ({:.1}%); \
         D608 type conflicts: {conflicts}",
        gets.len(),
        percent(answering, gets.len()),
        writes.len(),
        percent(typed_bodies, writes.len()),
    );
    assert!(percent(answering, gets.len()) >= GET_THRESHOLD);
    assert!(percent(typed_bodies, writes.len()) >= BODY_THRESHOLD);
    assert!(conflicts > 0 && conflicts < 600, "{conflicts} conflicts");
}

/// One of the 108 pages documenting `POST /deviceManagement/deviceConfigurations`
/// removed: the SDK changes only where that page's own text was (the
/// operation's documentation, its example), never by renumbering names
/// (the code before this issue changed 113 files and 14,227 lines).
#[test]
fn removing_one_page_moves_only_what_it_touched() {
    let Some(tree) = tree() else {
        println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
        return;
    };
    let base = tree.parent().map(Path::to_path_buf).unwrap_or_default();
    let (whole, sources) = docs2rs::load(&[tree], &base).unwrap_or_else(|error| panic!("{error}"));
    let removed = "beta-2021-07/api/intune-deviceconfig-androidcustomconfiguration-create.md";
    let fewer: Vec<_> = sources
        .into_iter()
        .filter(|source| source.name != removed)
        .collect();
    let without = docs2rs::model_of(&fewer);
    assert_eq!(without.pages.len() + 1, whole.pages.len());
    let options = docs2rs::emit::EmitOptions {
        crate_ident: "tree_sdk".to_owned(),
        layout: docs2rs::emit::Layout::Crate,
    };
    let emit = |api: &Api| {
        docs2rs::emit::emit(api, &options)
            .unwrap_or_else(|error| panic!("{error}"))
            .files
    };
    let (before, after) = (emit(&whole), emit(&without));
    let changed: Vec<&String> = before
        .iter()
        .filter(|(name, text)| after.get(*name) != Some(*text))
        .map(|(name, _)| name)
        .chain(after.keys().filter(|name| !before.contains_key(*name)))
        .collect();
    println!("files changed by removing {removed}: {changed:?}");
    assert!(
        changed
            .iter()
            .all(|name| !name.starts_with(docs2rs::emit::MODELS_FOLDER)),
        "{changed:?}"
    );
    assert!(changed.len() <= 3, "{changed:?}");
    // The API diff names that page's items alone, both ways: removing the
    // page and adding it back (here none: the other create pages document
    // the same operation).
    for (old, new) in [(&whole, &without), (&without, &whole)] {
        let diff = docs2rs::diff::compare(old, new);
        println!("API changes: {}", diff.changes.len());
        assert!(
            diff.changes.iter().all(|change| change.page == removed),
            "{:#?}",
            diff.changes
        );
    }
}

/// Every generated name is the one its own page and type give: function
/// names are qualified, never numbered, where paths want one name (D605
/// reports none renamed), and no two types of one namespace want one Rust
/// name (which the emitter would have to number).
#[test]
fn no_generated_name_is_numbered() {
    let Some(api) = api() else {
        return;
    };
    let renamed: Vec<&str> = api
        .diagnostics
        .iter()
        .filter(|d| d.code == docs2rs::diag::Code::NameCollision && d.message.contains("is taken"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(renamed.is_empty(), "{renamed:#?}");
    // `name` ends in `marker` followed by a number (`get_x_2`, `…RequestBody7`).
    let numbered = |name: &str, marker: &str| {
        name.rsplit_once(marker)
            .is_some_and(|(_, tail)| !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()))
    };
    let functions: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.name.as_str())
        .filter(|name| numbered(name, "_"))
        .collect();
    assert!(functions.is_empty(), "{functions:?}");
    let mut rust_names: std::collections::HashMap<String, &str> = Default::default();
    let graph_names = api
        .types
        .iter()
        .map(|ty| ty.name.as_str())
        .chain(api.enums.iter().map(|e| e.name.as_str()));
    for graph_name in graph_names {
        let (namespace, name) = graph_name.rsplit_once('.').unwrap_or(("", graph_name));
        let rust = format!("{namespace}::{}", docs2rs::names::camel(name));
        if let Some(other) = rust_names.insert(rust.clone(), graph_name) {
            panic!("`{other}` and `{graph_name}` both want `{rust}`");
        }
    }
    let bodies: Vec<&str> = api
        .types
        .iter()
        .map(|ty| ty.name.as_str())
        .filter(|name| numbered(name, "RequestBody"))
        .collect();
    assert!(bodies.is_empty(), "{bodies:?}");
}

/// Floors under today's figures (see the test's output), so a regression
/// in the URL-space model fails.
const GET_THRESHOLD: f64 = 89.0;
const BODY_THRESHOLD: f64 = 89.0;

/// The calls people make every day have functions with the right types.
#[test]
fn everyday_calls_have_functions_with_the_right_types() {
    use docs2rs::model::HttpMethod::{self, Get, Patch, Post};
    let Some(api) = api() else { return };
    let describe = |ty: Option<&docs2rs::model::TypeRef>| match ty {
        Some(ty) if ty.collection => format!("Collection<{}>", ty.name),
        Some(ty) => ty.name.clone(),
        None => "()".to_owned(),
    };
    let signature = |method: HttpMethod, path: &str| {
        let shape = docs2rs::model::PathTemplate::parse(path).shape();
        let operation = api
            .operations
            .iter()
            .find(|op| op.method == method && op.path.shape() == shape);
        operation.map(|op| {
            let body = op.request_body.as_ref().map(|body| describe(Some(body)));
            format!(
                "({}) -> {}",
                body.unwrap_or_default(),
                describe(op.response.as_ref())
            )
        })
    };
    let expected = [
        (Get, "/me", "() -> user"),
        (Get, "/users/{id}", "() -> user"),
        (Get, "/groups/{id}", "() -> group"),
        (Get, "/devices/{id}", "() -> device"),
        (Get, "/organization/{id}", "() -> organization"),
        (Get, "/me/messages", "() -> Collection<message>"),
        (Get, "/me/events", "() -> Collection<event>"),
        (Get, "/groups/delta", "() -> Collection<group>"),
        (Get, "/users/delta", "() -> Collection<user>"),
        (Get, "/security/alerts", "() -> Collection<alert>"),
        (
            Get,
            "/me/drive/root/children",
            "() -> Collection<driveItem>",
        ),
        (Get, "/sites/root", "() -> site"),
        (Get, "/me/calendarView", "() -> Collection<event>"),
        (Post, "/users", "(user) -> user"),
        (
            Post,
            "/deviceManagement/deviceConfigurations",
            "(deviceConfiguration) -> deviceConfiguration",
        ),
        (Patch, "/applications/{id}", "(application) -> ()"),
        (Patch, "/groups/{id}", "(group) -> ()"),
    ];
    let mismatches: Vec<String> = expected
        .iter()
        .filter_map(|(method, path, want)| {
            let got = signature(*method, path);
            (got.as_deref() != Some(*want))
                .then(|| format!("{} {path}: want {want}, got {got:?}", method.as_str()))
        })
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    // `addPassword` sends `{"passwordCredential": {...}}`: its parameters.
    let add_password = signature(Post, "/applications/{id}/addPassword");
    assert_eq!(
        add_password.as_deref(),
        Some("(applicationsAddPasswordRequestBody) -> passwordCredential")
    );
    let parameters = api
        .types
        .iter()
        .find(|ty| ty.name == "applicationsAddPasswordRequestBody")
        .map(|ty| {
            ty.properties
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
        });
    assert_eq!(parameters, Some(vec!["passwordCredential"]));
}

/// The `N passed; M failed; K ignored` of a `cargo test` log.
fn test_counts(log: &str) -> Option<(u64, u64, u64)> {
    let line = log.lines().find(|line| line.starts_with("test result:"))?;
    let count = |label: &str| -> Option<u64> {
        let before = line.split(&format!(" {label}")).next()?;
        before.rsplit([' ', '.']).next()?.parse().ok()
    };
    Some((count("passed")?, count("failed")?, count("ignored")?))
}

/// Where the tests that build the whole tree's crate work.
fn tree_work() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tree-replay")
}

/// The crate generated from the whole tree, generated once for the tests
/// that build it; `None` (with the reason printed) where the tree is absent
/// or `DOCS2RS_SKIP_TREE_REPLAY` is set.
fn tree_crate() -> Option<&'static Path> {
    static CRATE: OnceLock<Option<PathBuf>> = OnceLock::new();
    CRATE
        .get_or_init(|| {
            let Some(tree) = tree() else {
                println!("skipped: ../shared/graph-docs/beta-2021-07 is absent");
                return None;
            };
            if std::env::var_os("DOCS2RS_SKIP_TREE_REPLAY").is_some() {
                println!("skipped: DOCS2RS_SKIP_TREE_REPLAY is set");
                return None;
            }
            let out = tree_work().join("sdk");
            let generated = Command::new(env!("CARGO_BIN_EXE_docs2rs"))
                .arg("generate")
                .arg(&tree)
                .arg("--out")
                .arg(&out)
                .arg("--runtime-path")
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime"))
                .args(["--crate-name", "tree-sdk", "--format", "json"])
                .output()
                .unwrap_or_else(|error| panic!("cannot run docs2rs: {error}"));
            assert!(
                generated.status.success(),
                "{}",
                String::from_utf8_lossy(&generated.stderr)
            );
            Some(out)
        })
        .as_deref()
}

/// The README's "Calling Graph" program, built against the crate generated
/// from the whole tree (as `my-graph-sdk` with its `client` feature), so
/// the example a user copies cannot break silently.
#[test]
fn the_readme_calling_graph_example_compiles_against_the_whole_tree() {
    let Some(sdk) = tree_crate() else { return };
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .unwrap_or_else(|error| panic!("cannot read the README: {error}"));
    let section = readme
        .split("\n## Calling Graph")
        .nth(1)
        .unwrap_or_else(|| panic!("the README has no Calling Graph section"));
    let program = section
        .split("```rust\n")
        .nth(1)
        .and_then(|block| block.split("\n```").next())
        .unwrap_or_else(|| panic!("the Calling Graph section has no rust block"));
    let example = tree_work().join("readme-example");
    let write = |path: PathBuf, text: String| {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|error| panic!("{error}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
    };
    write(
        example.join("Cargo.toml"),
        format!(
            "[package]\nname = \"readme-example\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nmy-graph-sdk = {{ path = {:?}, package = \"tree-sdk\", features = [\"client\"] }}\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n\
             futures-util = {{ version = \"0.3\", default-features = false, features = [\"std\"] }}\n\n[workspace]\n",
            sdk.display().to_string()
        ),
    );
    write(example.join("src/main.rs"), format!("{program}\n"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let check = Command::new(cargo)
        .arg("check")
        .current_dir(&example)
        .env("CARGO_TARGET_DIR", tree_work().join("target"))
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    let log = String::from_utf8_lossy(&check.stderr);
    let tail: String = log.lines().rev().take(60).collect::<Vec<_>>().join("\n");
    assert!(
        check.status.success(),
        "the README example does not compile:\n{tail}"
    );
}

/// Generates the crate from the whole tree and replays every documented
/// example through the client and a local server: at least 94% pass
/// (ignored ones count as not passing). It takes about 12 minutes and 9 GB
/// on two cores; `DOCS2RS_SKIP_TREE_REPLAY=1` skips it in local runs.
#[test]
fn at_least_94_percent_of_documented_examples_replay() {
    let Some(out) = tree_crate() else { return };
    let work = tree_work();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let test = Command::new(cargo)
        .args(["test", "--no-fail-fast", "--test", "examples"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
    let tail: String = log.lines().rev().take(40).collect::<Vec<_>>().join("\n");
    let Some((passed, failed, ignored)) = test_counts(&log) else {
        panic!("the generated crate's tests did not run:\n{tail}");
    };
    let total = passed + failed + ignored;
    println!("replayed {total} examples: {passed} passed, {failed} failed, {ignored} ignored");
    assert!(total > 5000, "too few examples: {total}");
    assert!(
        passed * 100 >= total * 94,
        "{passed} of {total} examples pass, under 94%:\n{tail}"
    );
}

/// `generate` resolves pages with their descriptions held apart (for the
/// regeneration cache); it must find exactly what `check` finds.
#[test]
fn generation_finds_what_check_finds_on_the_whole_tree() {
    use docs2rs::emit::{EmitOptions, Layout};
    use docs2rs::incremental::{generate, CacheUse, Plan};
    let (Some(api), Some(tree)) = (api(), tree()) else {
        return;
    };
    let base = tree.parent().map(Path::to_path_buf).unwrap_or_default();
    let out = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let inputs = [tree];
    let plan = Plan {
        inputs: &inputs,
        base: &base,
        emit: EmitOptions {
            crate_ident: "tree_sdk".to_owned(),
            layout: Layout::Included,
        },
        package: None,
        out: out.path(),
        areas: None,
        example_tests: true,
        cache: CacheUse::Off,
    };
    let generated =
        generate(&plan, &mut Default::default()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(generated.diagnostics.len(), api.diagnostics.len());
    let differing = generated
        .diagnostics
        .iter()
        .zip(&api.diagnostics)
        .find(|(generated, checked)| generated != checked);
    assert_eq!(differing, None);
    assert_eq!(generated.counts.operations, api.operations.len());
    assert_eq!(generated.counts.types, api.types.len());
    assert_eq!(generated.counts.enums, api.enums.len());
}
