//! The README's table of diagnostic codes matches the codes docs2rs reports,
//! word for word (`docs2rs explain` prints the same texts).

use docs2rs::diag::Code;

#[test]
fn readme_lists_every_code_with_its_name_and_severity() {
    let readme = include_str!("../../README.md");
    let rows: Vec<Vec<&str>> = readme
        .lines()
        .filter(|line| line.starts_with("| D"))
        .map(|line| {
            line.split('|')
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), Code::ALL.len(), "README rows vs codes");
    for (row, code) in rows.iter().zip(Code::ALL) {
        assert_eq!(row[0], code.id());
        assert_eq!(row[1], code.name(), "{}", code.id());
        assert_eq!(row[2], code.severity().to_string(), "{}", code.id());
        // The whole text, so the table cannot drift from `docs2rs explain`.
        assert_eq!(row[3..].join(" | "), code.summary(), "{}", code.id());
    }
}
