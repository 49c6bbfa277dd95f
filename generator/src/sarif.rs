//! Diagnostics as SARIF 2.1.0, the format code scanning reads to show
//! findings inline on a pull request.

use crate::diag::{Code, Diagnostic};
use serde_json::{json, Value};

/// One SARIF log with a run of docs2rs: every code as a rule, every
/// diagnostic as a result located at its file, line and columns.
pub fn report(diagnostics: &[Diagnostic]) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.id(),
                "name": code.name(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": { "level": code.severity().to_string() },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics.iter().map(result).collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "docs2rs",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

fn result(diagnostic: &Diagnostic) -> Value {
    let rule_index = Code::ALL.iter().position(|code| *code == diagnostic.code);
    let mut region = json!({
        "startLine": diagnostic.line.max(1),
        "startColumn": diagnostic.column.max(1),
    });
    if diagnostic.length > 0 {
        region["endColumn"] = json!(diagnostic.column.max(1) + diagnostic.length);
    }
    json!({
        "ruleId": diagnostic.code.id(),
        "ruleIndex": rule_index,
        "level": diagnostic.severity.to_string(),
        "message": { "text": diagnostic.message },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": diagnostic.file.replace('\\', "/") },
            "region": region,
        }}],
    })
}
