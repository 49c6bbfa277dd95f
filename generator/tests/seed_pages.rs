//! The model of each seed page (insta snapshots) and the diagnostics each
//! seed deserves.

use docs2rs::diag::Code;
use docs2rs::parse::parse_page;
use docs2rs::source::{read_page, SourceFile};
use std::path::Path;

const SEEDS: [&str; 5] = [
    "intune-apps-manageddevicemobileappconfigurationassignment-update.md",
    "intune-deviceconfig-deviceconfigurationassignment-update.md",
    "intune-mam-targetedmanagedapppolicyassignment-update.md",
    "intune-mam-iosmanagedappprotection-update-assignments.md",
    "intune-onboarding-enrollmentconfigurationassignment-update.md",
];

fn seed(name: &str) -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../seeds")
        .join(name);
    match read_page(&path, format!("seeds/{name}")) {
        Ok(source) => source,
        Err(error) => panic!("{error}"),
    }
}

/// The codes of a seed page's diagnostics, in report order.
fn codes(name: &str) -> Vec<&'static str> {
    let (_, diagnostics) = parse_page(&seed(name));
    diagnostics.iter().map(|d| d.code.id()).collect()
}

#[test]
fn seed_page_models() {
    for name in SEEDS {
        let (page, diagnostics) = parse_page(&seed(name));
        insta::assert_yaml_snapshot!(name.trim_end_matches(".md"), (page, diagnostics));
    }
}

#[test]
fn todo_scopes_are_flagged_on_seeds_000_001_003_004() {
    let todo = Code::PermissionTodo.id();
    let count = |name| codes(name).iter().filter(|code| **code == todo).count();
    assert_eq!(count(SEEDS[0]), 2);
    assert_eq!(count(SEEDS[1]), 2);
    assert_eq!(count(SEEDS[2]), 0, "seed 002 lists real scopes");
    assert_eq!(count(SEEDS[3]), 3);
    assert_eq!(count(SEEDS[4]), 2);
}

#[test]
fn broken_version_segments_are_flagged_on_seeds_001_and_004() {
    let (_, diagnostics) = parse_page(&seed(SEEDS[1]));
    let docs_api = diagnostics.iter().find(|d| d.code == Code::ExampleVersion);
    assert!(docs_api.is_some_and(|d| d.message.contains("docs\\api") && d.line == 62));
    let (_, diagnostics) = parse_page(&seed(SEEDS[4]));
    let localtest = diagnostics.iter().find(|d| d.code == Code::ExampleVersion);
    assert!(localtest
        .is_some_and(|d| d.message.contains("localtest") && d.line == 64 && d.column == 35));
    for name in [SEEDS[0], SEEDS[2], SEEDS[3]] {
        assert!(!codes(name).contains(&Code::ExampleVersion.id()), "{name}");
    }
}

/// The seeds with a page for every resource they link to, named in lower
/// case as docs pages are, but for `left_out`.
fn seeds_with_linked_pages(left_out: &str) -> docs2rs::model::Api {
    let seeds: Vec<SourceFile> = SEEDS.iter().map(|name| seed(name)).collect();
    let mut stems: Vec<String> = seeds
        .iter()
        .flat_map(|source| parse_page(source).0.links)
        .filter_map(|link| {
            let file = link.target.strip_prefix("../resources/")?;
            Some(file.to_ascii_lowercase())
        })
        .filter(|file| file != left_out)
        .collect();
    stems.sort();
    stems.dedup();
    let pages = stems
        .iter()
        .map(|file| SourceFile::new(format!("resources/{file}"), "# A linked page\n"));
    docs2rs::model_of(&seeds.iter().cloned().chain(pages).collect::<Vec<_>>())
}

#[test]
fn link_case_is_flagged_on_seed_001_only() {
    let api = seeds_with_linked_pages("");
    let flagged: Vec<(&str, &str)> = api
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::LinkCase | Code::LinkMissing))
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(flagged.len(), 2, "{flagged:#?}");
    for (file, message) in &flagged {
        assert_eq!(*file, format!("seeds/{}", SEEDS[1]));
        assert!(message.contains("differs in case"), "{message}");
    }
    assert!(flagged[0]
        .1
        .contains("`../resources/deviceconfigurationassignment.md`"));
    assert!(flagged[1]
        .1
        .contains("`../resources/deviceandappmanagementassignmenttarget.md`"));
}

#[test]
fn a_link_to_a_page_missing_from_a_known_folder_is_flagged() {
    let api = seeds_with_linked_pages("entity.md");
    let missing: Vec<&str> = api
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::LinkMissing)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        missing.len(),
        4,
        "four seeds link to entity.md: {missing:?}"
    );
    let (_, alone) = parse_page(&seed(SEEDS[0]));
    assert!(
        !alone.iter().any(|d| d.code == Code::LinkMissing),
        "a page alone cannot tell"
    );
}

#[test]
fn seed_content_lengths_agree_once_crlf_is_counted() {
    for name in SEEDS {
        assert!(
            !codes(name).contains(&Code::ContentLengthMismatch.id()),
            "{name}"
        );
    }
}

#[test]
fn seed_003_todo_front_matter_is_kept_and_flagged() {
    let (page, diagnostics) = parse_page(&seed(SEEDS[3]));
    let author = page
        .front_matter
        .and_then(|front| front.author)
        .unwrap_or_default();
    assert!(author.starts_with("**TODO: Provide Github Name"));
    let flagged: Vec<u32> = diagnostics
        .iter()
        .filter(|d| d.code == Code::TodoPlaceholder && d.message.contains("front matter"))
        .map(|d| d.line)
        .collect();
    assert_eq!(flagged, [4, 6]);
}

#[test]
fn seed_002_pairs_unannotated_examples_and_reads_six_paths() {
    let (page, _) = parse_page(&seed(SEEDS[2]));
    assert_eq!(page.requests.len(), 6);
    assert_eq!(page.examples.len(), 1);
    let example = &page.examples[0];
    assert!(
        example.request.is_some() && example.response.as_ref().is_some_and(|r| r.status == 200)
    );
    let source = page.request_body.iter().find(|p| p.name == "source");
    assert_eq!(
        source.map(|p| p.possible_values.clone()),
        Some(vec!["direct".to_owned(), "policySets".to_owned()])
    );
}
