//! Diagnostics: every problem found in the docs, with where it is and a
//! stable code, so a page can be fixed and a CI gate can allow codes one by one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something docs2rs worked around and wants known (an inferred type).
    Note,
    /// The docs are wrong or unclear; generation went on with a guess.
    Warning,
    /// Part of a page could not be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $name:literal, $severity:ident, $summary:literal;)*) => {
        /// The stable identity of a kind of finding. Codes are never renumbered.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, such as `D401`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// A short kebab-case name, such as `permission-todo`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity findings of this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One sentence on what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    FrontMatterMissing = "D101", "front-matter-missing", Warning, "The page has no YAML front matter; its kind is inferred from its structure.";
    FrontMatterInvalid = "D102", "front-matter-invalid", Error, "The front matter is not valid YAML; its values are ignored.";
    TodoPlaceholder = "D103", "todo-placeholder", Warning, "A TODO placeholder stands where the docs should say something; it is kept as text.";
    MissingSection = "D201", "missing-section", Warning, "A section an API page needs (such as HTTP request) is absent.";
    BadRequestLine = "D202", "bad-request-line", Error, "A line in the HTTP request block is not `METHOD /path`.";
    SectionMisspelt = "D203", "section-misspelt", Warning, "A heading misspells a section docs2rs reads (`## Permisions`); it is read as that section.";
    PropertyNameInvalid = "D204", "property-name-invalid", Warning, "A property or parameter table names a row with something that is no JSON member name (a sentence, a path such as `file/localizations`); the row is left out. A remark after the name (`autoAdmittedUsers (deprecated)`) is dropped instead.";
    RequestLineLiteralId = "D205", "request-line-literal-id", Warning, "A request line writes a literal id (a GUID, a number, a domain name, the word `id`) where a placeholder belongs; it is read as a placeholder named after its collection.";
    RequestLinePlaceholderForm = "D206", "request-line-placeholder-form", Warning, "A request line writes a placeholder or its start in a form paths never hold (`(team-id)`, `'{id}'`, `~/`); it is read as `{team-id}`, `{id}`, `/`.";
    RequestLineElision = "D207", "request-line-elision", Warning, "A request line elides segments with `...` (`childFolders/{id}/.../messages`); the path without the elision is the operation.";
    FunctionArgumentsMissing = "D208", "function-arguments-missing", Warning, "A request line names a function without the arguments its page's examples pass (`getX` called as `getX(scope='x')`); the line is read with them, as placeholders.";
    RequestLineStrayKey = "D209", "request-line-stray-key", Warning, "A POST request line ends in a key (`POST /taxAreas/{id}`) where its page's examples create in the collection; it is read as the collection.";
    RequestLineDotSegment = "D210", "request-line-dot-segment", Error, "A request line holds a `.` or `..` segment, which URL resolution removes with the segment before it; the line is no operation.";
    AnnotationNotStrictJson = "D301", "annotation-not-strict-json", Warning, "An annotation comment is not strict JSON (trailing commas, unquoted keys) but was read leniently.";
    AnnotationInvalid = "D302", "annotation-invalid", Error, "An annotation comment could not be read as JSON, even leniently; it is ignored.";
    UnknownBlockType = "D303", "unknown-block-type", Warning, "An annotation names a blockType docs2rs does not know.";
    PermissionTodo = "D401", "permission-todo", Warning, "The Permissions table holds a TODO placeholder; those scopes become `unknown`.";
    PermissionTableMissing = "D402", "permission-table-missing", Warning, "The page documents no Permissions table; every scope is `unknown`.";
    PermissionRowUnknown = "D403", "permission-row-unknown", Warning, "A Permissions table row names no known kind of caller.";
    ExampleVersion = "D501", "example-version", Warning, "An example URL's version segment is neither `beta` nor `v1.0`.";
    ExampleInvalidJson = "D502", "example-invalid-json", Error, "An example body is not valid JSON.";
    ContentLengthMismatch = "D503", "content-length-mismatch", Warning, "An example's Content-Length differs from its body's length counted with CRLF line ends.";
    ExampleUnmatched = "D504", "example-unmatched", Warning, "An example's URL matches none of the page's documented paths.";
    ExampleMalformed = "D505", "example-malformed", Error, "An example block has no readable request or status line.";
    ExampleMissingBlankLine = "D506", "example-missing-blank-line", Warning, "An example's body follows its headers without the blank line HTTP requires.";
    ExampleUnpaired = "D507", "example-unpaired", Warning, "A response example has no request example to pair with.";
    ExampleTypeMisfit = "D508", "example-type-misfit", Warning, "An example body holds a value its documented type cannot (a string for a Boolean, an object for an enumeration); its test is ignored.";
    ExampleStatusMismatch = "D509", "example-status-mismatch", Warning, "A successful response example's status differs from the one the Response section states.";
    ExamplePropertyUndocumented = "D510", "example-property-undocumented", Warning, "An example body holds a property its documented type (with its base types) does not list.";
    RepresentationPropertyMismatch = "D511", "representation-property-mismatch", Warning, "A resource's JSON representation leaves out a property its Properties table lists, or shows one its tables lack; where the two spell a name differently only in case, the SDK uses the representation's spelling.";
    JsonTooDeep = "D512", "json-too-deep", Error, "An example body, JSON representation or annotation nests arrays and objects more than 100 levels deep; it is not read, and the rest of the page and the run go on.";
    LinkCase = "D601", "link-case", Warning, "A relative link's target differs in case from the input page it names; it breaks on a case-sensitive host.";
    TypeInferred = "D602", "type-inferred", Note, "A type with no resource page in the input was inferred from property tables and examples.";
    UnknownTypeName = "D603", "unknown-type-name", Warning, "A type name is neither a Graph primitive nor a documented or inferable type; it becomes a JSON value.";
    TypeConflict = "D604", "type-conflict", Warning, "Two places give the same property different types; the first is kept.";
    NameCollision = "D605", "name-collision", Note, "Two documented names map to the same Rust name; the later one got a suffix.";
    RepeatedOperation = "D606", "repeated-operation", Note, "The same method and path is documented on more than one page; the page whose subject it is defines it (a request line without query options, types that agree with the path's), the others' lines are examples of it.";
    LinkMissing = "D607", "link-missing", Warning, "A relative link names a page that is not in the input, in a folder that holds input pages.";
    OperationTypeConflict = "D608", "operation-type-conflict", Warning, "A page states a request or response type that disagrees with the type the operation's path addresses in Graph's URL space (or, where the path gives none, with the defining page's); the path's type is used.";
    FolderLinkSkipped = "D609", "folder-link-skipped", Warning, "A link to a folder leads to a folder already read or to one holding it (`self -> .`, `up -> ..`); it is not followed, so each folder is read once and the walk ends.";
    ExampleDerivedOperation = "D610", "example-derived-operation", Note, "An example calls the count (`/$count`) or a cast (`/microsoft.graph.group`) of a collection its page documents, which no request line lists; it becomes an operation of its own, typed by its path.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A place in a docs file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// How many characters the finding spans; 0 means to the end of the line.
    #[serde(skip_serializing_if = "is_zero")]
    pub length: u32,
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &str, at: Position, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: at.line,
            column: at.column,
            length: 0,
            code,
            name: code.name(),
            severity: code.severity(),
            message: message.into(),
        }
    }

    /// Narrows the finding to `length` characters from its column.
    pub fn spanning(mut self, length: usize) -> Self {
        self.length = u32::try_from(length).unwrap_or(u32::MAX);
        self
    }

    /// The order diagnostics are reported in: by file, then place, then code.
    pub fn sort_key(&self) -> (&str, u32, u32, Code) {
        (&self.file, self.line, self.column, self.code)
    }
}

/// A [`Diagnostic`] as a cache stores it: its name and severity follow
/// from its code, so they are not trusted from the store.
#[derive(Deserialize)]
struct StoredDiagnostic {
    file: String,
    line: u32,
    column: u32,
    #[serde(default)]
    length: u32,
    code: String,
    message: String,
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredDiagnostic::deserialize(deserializer)?;
        Diagnostic::try_from(stored).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<StoredDiagnostic> for Diagnostic {
    type Error = String;

    fn try_from(stored: StoredDiagnostic) -> Result<Self, String> {
        let code = Code::ALL
            .iter()
            .copied()
            .find(|code| code.id() == stored.code)
            .ok_or_else(|| format!("unknown diagnostic code `{}`", stored.code))?;
        let at = Position {
            line: stored.line,
            column: stored.column,
        };
        Ok(
            Diagnostic::new(&stored.file, at, code, stored.message)
                .spanning(stored.length as usize),
        )
    }
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// Counts of diagnostics by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut tally = Tally::default();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
        }
        tally
    }
}
