//! How much of a docs set became code: the figures `docs2rs check` reports.

use crate::diag::Code;
use crate::model::{Api, HttpMethod, PageKind, RequestLine};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Pages of one kind, and how many of them produced what they should.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub pages: usize,
    pub used: usize,
}

/// A share with the pages that gave nothing, for the JSON report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageShare {
    #[serde(flatten)]
    pub share: Share,
    pub unused: Vec<String>,
}

impl Share {
    /// The used share in percent (100 for no pages).
    pub fn percent(&self) -> f64 {
        if self.pages == 0 {
            100.0
        } else {
            self.used as f64 * 100.0 / self.pages as f64
        }
    }
}

/// A diagnostic code and how often it was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// API pages that gave at least one operation (an operation documented
    /// on several pages counts for each).
    pub api_pages: PageShare,
    /// Resource pages that gave a type.
    pub resource_pages: PageShare,
    /// Enum pages that gave at least one enumeration.
    pub enum_pages: PageShare,
    /// Diagnostic codes, most frequent first.
    pub top_codes: Vec<CodeCount>,
}

pub fn coverage(api: &Api) -> Coverage {
    let endpoints: BTreeSet<(HttpMethod, String)> = api
        .operations
        .iter()
        .map(|op| (op.method, op.path.shape()))
        .collect();
    let with_operations: BTreeSet<&str> = api
        .pages
        .iter()
        .filter(|page| {
            let documented = |r: &&RequestLine| endpoints.contains(&(r.method, r.path.shape()));
            page.requests.iter().any(|r| documented(&r))
        })
        .map(|page| page.file.as_str())
        .collect();
    let defined: BTreeSet<String> = api
        .types
        .iter()
        .map(|ty| ty.name.to_ascii_lowercase())
        .chain(api.enums.iter().map(|e| e.name.to_ascii_lowercase()))
        .collect();
    let documenting: BTreeSet<&str> = api
        .pages
        .iter()
        .filter(|page| match page.kind {
            PageKind::Resource => defined.contains(&page.resource_name().to_ascii_lowercase()),
            PageKind::Enum => page
                .enums
                .iter()
                .any(|e| defined.contains(&e.name.to_ascii_lowercase())),
            _ => false,
        })
        .map(|page| page.file.as_str())
        .collect();
    let share = |kind: PageKind, used: &BTreeSet<&str>| {
        let pages: Vec<&str> = api
            .pages
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.file.as_str())
            .collect();
        let unused: Vec<String> = pages
            .iter()
            .filter(|file| !used.contains(*file))
            .map(|file| (*file).to_owned())
            .collect();
        PageShare {
            share: Share {
                pages: pages.len(),
                used: pages.len() - unused.len(),
            },
            unused,
        }
    };
    let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
    for diagnostic in &api.diagnostics {
        *counts.entry(diagnostic.code).or_default() += 1;
    }
    let mut top_codes: Vec<CodeCount> = counts
        .into_iter()
        .map(|(code, count)| CodeCount {
            code: code.id(),
            name: code.name(),
            count,
        })
        .collect();
    top_codes.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    Coverage {
        api_pages: share(PageKind::Api, &with_operations),
        resource_pages: share(PageKind::Resource, &documenting),
        enum_pages: share(PageKind::Enum, &documenting),
        top_codes,
    }
}

impl Coverage {
    /// The human summary `docs2rs check` prints.
    pub fn human(&self) -> String {
        let line = |what: &str, share: &PageShare, became: &str| {
            let share = &share.share;
            format!(
                "{what}: {}/{} {became} ({:.1}%)\n",
                share.used,
                share.pages,
                share.percent()
            )
        };
        let mut out = String::new();
        out.push_str(&line("API pages", &self.api_pages, "gave operations"));
        out.push_str(&line("resource pages", &self.resource_pages, "gave types"));
        out.push_str(&line("enum pages", &self.enum_pages, "gave enumerations"));
        if !self.top_codes.is_empty() {
            let top: Vec<String> = self
                .top_codes
                .iter()
                .take(8)
                .map(|c| format!("{} {} ×{}", c.code, c.name, c.count))
                .collect();
            out.push_str(&format!("most frequent: {}\n", top.join(", ")));
        }
        out
    }
}
