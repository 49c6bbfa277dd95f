//! The value every generated endpoint function returns.

use crate::operation::{Method, Operation, QueryOption};
use crate::path::fill_template;
use serde::Serialize;
use std::marker::PhantomData;

/// The body of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Empty,
    Json(serde_json::Value),
    /// Raw content: a file, a photo, an attachment's bytes.
    Binary(Binary),
    /// The caller's value could not be serialised; a client must refuse to
    /// send the request and report this message.
    Unserializable(String),
}

/// Raw content sent or received as it is, not as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Binary {
    /// The media type (`image/jpeg`, `text/plain`), when known.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Binary {
    /// Content of the given media type.
    pub fn new(content_type: &str, bytes: impl Into<Vec<u8>>) -> Self {
        Binary {
            content_type: Some(content_type.to_owned()),
            bytes: bytes.into(),
        }
    }
}

/// One HTTP request described as data, typed with the response `R` it expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Request<R> {
    pub operation: &'static Operation,
    /// The path with every parameter percent-encoded, starting with `/`.
    pub path: String,
    /// Query parameters, unencoded.
    pub query: Vec<(String, String)>,
    /// Headers the docs require beyond authorisation.
    pub headers: Vec<(String, String)>,
    pub body: Body,
    response: PhantomData<fn() -> R>,
}

impl<R> Request<R> {
    /// A request with no body and no extra headers.
    pub fn new(operation: &'static Operation, path: String) -> Self {
        Request {
            operation,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            response: PhantomData,
        }
    }

    /// The request for `operation` at its path template filled with
    /// `arguments` (see [`fill_template`]).
    pub fn from_template(operation: &'static Operation, arguments: &[&str]) -> Self {
        Request::new(operation, fill_template(operation.path_template, arguments))
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets a JSON body (and the `Content-Type` header that goes with it).
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = match serde_json::to_value(body) {
            Ok(value) => Body::Json(value),
            Err(error) => Body::Unserializable(error.to_string()),
        };
        self.header("Content-Type", "application/json")
    }

    /// Sets a raw body (and its `Content-Type` header, when known).
    pub fn binary(mut self, body: Binary) -> Self {
        let content_type = body.content_type.clone();
        self.body = Body::Binary(body);
        match content_type {
            Some(media_type) => self.header("Content-Type", &media_type),
            None => self,
        }
    }

    pub fn method(&self) -> Method {
        self.operation.method
    }

    /// Adds a query parameter (unencoded; the client encodes it).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    fn option(self, option: QueryOption, value: &str) -> Self {
        self.query(option.as_str(), value)
    }

    /// `$select`: only these properties.
    pub fn select(self, properties: &[&str]) -> Self {
        self.option(QueryOption::Select, &properties.join(","))
    }

    /// `$expand`: these navigation properties inline.
    pub fn expand(self, properties: &[&str]) -> Self {
        self.option(QueryOption::Expand, &properties.join(","))
    }

    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: &str) -> Self {
        self.option(QueryOption::Filter, expression)
    }

    /// `$orderby`: properties, each optionally followed by ` desc`.
    pub fn order_by(self, properties: &[&str]) -> Self {
        self.option(QueryOption::OrderBy, &properties.join(","))
    }

    /// `$search`: a search expression (quotes included where Graph wants them).
    pub fn search(self, expression: &str) -> Self {
        self.option(QueryOption::Search, expression)
    }

    /// `$top`: at most this many items per page.
    pub fn top(self, count: u32) -> Self {
        self.option(QueryOption::Top, &count.to_string())
    }

    /// `$skip`: skip this many items.
    pub fn skip(self, count: u32) -> Self {
        self.option(QueryOption::Skip, &count.to_string())
    }

    /// `$count`: include the total count.
    pub fn count(self, include: bool) -> Self {
        self.option(QueryOption::Count, if include { "true" } else { "false" })
    }
}
