//! The release the generated crate needs for a docs change, so a reviewer
//! reads one word (major, minor, patch) and why.

use super::{ApiDiff, Change};
use serde::Serialize;

/// A semver bump, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing public changed: regenerate and release a fix.
    Patch,
    /// New public items only.
    Minor,
    /// Something public is gone or different.
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// The bump with its reason: `major: 3 breaking changes (first: operation
/// removed GET /x)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub bump: Bump,
    pub reason: String,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.bump.as_str(), self.reason)
    }
}

/// The largest bump any change needs, counting the changes that need it
/// and naming the first of them in report order.
pub fn verdict(diff: &ApiDiff) -> Verdict {
    let bump = diff
        .changes
        .iter()
        .map(|change| change.kind.bump())
        .max()
        .unwrap_or(Bump::Patch);
    let deciding: Vec<&Change> = diff
        .changes
        .iter()
        .filter(|change| change.kind.bump() == bump)
        .collect();
    let Some(first) = deciding.first() else {
        return Verdict {
            bump,
            reason: "no API changes".to_owned(),
        };
    };
    let count = deciding.len();
    let what = match (bump, count) {
        (Bump::Major, 1) => "breaking change",
        (Bump::Major, _) => "breaking changes",
        (Bump::Minor, 1) => "addition",
        (Bump::Minor, _) => "additions",
        (Bump::Patch, 1) => "change that adds or breaks nothing",
        (Bump::Patch, _) => "changes that add or break nothing",
    };
    Verdict {
        bump,
        reason: format!(
            "{count} {what} (first: {} {} {})",
            first.item().singular(),
            first.action().as_str(),
            first.subject
        ),
    }
}
