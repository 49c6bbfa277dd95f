//! The README's table of API change kinds matches the kinds `docs2rs diff`
//! reports: id, level, semver bump and meaning, word for word.

use docs2rs::diff::Kind;

#[test]
fn readme_lists_every_change_kind_with_its_level_bump_and_meaning() {
    let readme = include_str!("../../README.md");
    let Some((_, section)) = readme.split_once("\n### Change kinds\n") else {
        panic!("the README has no `### Change kinds` section");
    };
    let rows: Vec<Vec<&str>> = section
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| {
            line.split(" | ")
                .map(|cell| cell.trim_matches(|c: char| c == '|' || c.is_whitespace()))
                .collect()
        })
        .collect();
    let expected: Vec<Vec<String>> = Kind::ALL
        .iter()
        .map(|kind| {
            vec![
                format!("`{}`", kind.id()),
                kind.level().as_str().to_owned(),
                kind.bump().as_str().to_owned(),
                kind.summary().to_owned(),
            ]
        })
        .collect();
    assert_eq!(rows, expected);
}
