//! Static facts about a documented operation, emitted once per endpoint.

use std::fmt;

/// An HTTP method used by the Graph API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method as it appears on the request line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The scopes the docs list for one kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scopes {
    /// Any one of these scopes is enough, listed in the docs' order.
    AnyOf(&'static [&'static str]),
    /// The docs say this kind of caller cannot use the operation.
    NotSupported,
    /// The docs leave the scopes undetermined (a TODO placeholder or no table).
    Unknown,
}

/// Who may call an operation, as the docs' Permissions table states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated permissions for work or school accounts.
    pub delegated_work_or_school: Scopes,
    /// Delegated permissions for personal Microsoft accounts.
    pub delegated_personal: Scopes,
    /// Application (app-only) permissions.
    pub application: Scopes,
}

/// An OData system query option the docs say an operation supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueryOption {
    Count,
    Expand,
    Filter,
    OrderBy,
    Search,
    Select,
    Skip,
    SkipToken,
    Top,
}

impl QueryOption {
    /// The option as it appears in a URL, `$` included.
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryOption::Count => "$count",
            QueryOption::Expand => "$expand",
            QueryOption::Filter => "$filter",
            QueryOption::OrderBy => "$orderby",
            QueryOption::Search => "$search",
            QueryOption::Select => "$select",
            QueryOption::Skip => "$skip",
            QueryOption::SkipToken => "$skiptoken",
            QueryOption::Top => "$top",
        }
    }
}

/// One documented request path of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The generated function's name.
    pub name: &'static str,
    pub method: Method,
    /// The path as documented, with `{placeholders}`.
    pub path_template: &'static str,
    pub permissions: Permissions,
    /// The query options the docs list for the operation.
    pub query_options: &'static [QueryOption],
}

impl Operation {
    /// An operation no documented page describes (the `$batch` call, a
    /// test's request): permissions unknown, no query options listed.
    pub const fn unlisted(name: &'static str, method: Method, path_template: &'static str) -> Self {
        let unknown = Scopes::Unknown;
        Operation {
            name,
            method,
            path_template,
            permissions: Permissions {
                delegated_work_or_school: unknown,
                delegated_personal: unknown,
                application: unknown,
            },
            query_options: &[],
        }
    }
}
