//! What the client test files share: an operation to build requests from and
//! a replay server that starts or fails the test.

use docs2rs_runtime::testing::{Exchange, ReplayServer};
use docs2rs_runtime::{Method, Operation, Permissions, Scopes};

/// `/users/{id}` with `method`, its permissions unknown.
pub const fn operation(method: Method) -> Operation {
    Operation {
        name: "test",
        method,
        path_template: "/users/{id}",
        permissions: Permissions {
            delegated_work_or_school: Scopes::Unknown,
            delegated_personal: Scopes::Unknown,
            application: Scopes::Unknown,
        },
        query_options: &[],
    }
}

pub async fn server(script: Vec<Exchange>) -> ReplayServer {
    ReplayServer::start(script)
        .await
        .unwrap_or_else(|error| panic!("server: {error}"))
}
