//! Credentials from Azure Identity (`azure_identity`: client secret,
//! certificate, managed identity, Azure CLI, ...) as the client's token
//! provider, so an application authenticates the way every Azure SDK does.

use super::auth::{TokenFuture, TokenProvider};
use super::token_cache::{ExpiringToken, ExpiringTokenFuture, TokenCache, TokenSource};
use super::{ClientBuilder, Cloud};
use azure_core::credentials::TokenCredential;
use azure_core::time::OffsetDateTime;
use std::sync::Arc;
use std::time::Duration;

/// Any `azure_core` [`TokenCredential`] as a [`TokenProvider`], asking for
/// the Graph `.default` scope of one cloud. Tokens are cached until shortly
/// before they expire and fetched once for concurrent requests (see
/// [`TokenCache`](super::TokenCache)).
///
/// The credential must sign in to the same cloud (its authority host):
/// `azure_identity` takes that from its client options.
pub struct AzureCredential {
    cache: TokenCache<Scoped>,
}

impl AzureCredential {
    /// Asks for `https://graph.microsoft.com/.default`.
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential::for_cloud(credential, Cloud::Global)
    }

    /// Asks for the `.default` scope of `cloud`'s Graph host, such as
    /// `https://graph.microsoft.us/.default`.
    pub fn for_cloud(credential: Arc<dyn TokenCredential>, cloud: Cloud) -> Self {
        AzureCredential {
            cache: TokenCache::new(Scoped {
                credential,
                scope: graph_scope(cloud),
            }),
        }
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> TokenFuture<'_> {
        self.cache.token()
    }
}

impl std::fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AzureCredential")
            .field("scope", &self.cache.source().scope)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Authenticates with an Azure Identity credential, asking for the
    /// `.default` scope of the cloud this builder ends up configured for
    /// (whether [`cloud`](Self::cloud) is called before or after).
    ///
    /// ```no_run
    /// # fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use azure_identity::ClientSecretCredential;
    /// use docs2rs_runtime::client::{Client, Cloud};
    /// let secret = std::env::var("AZURE_CLIENT_SECRET")?;
    /// let credential =
    ///     ClientSecretCredential::new("tenant-id", "client-id".to_owned(), secret.into(), None)?;
    /// let client = Client::builder()
    ///     .cloud(Cloud::Global)
    ///     .azure_credential(credential)
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    pub fn azure_credential(self, credential: Arc<dyn TokenCredential>) -> Self {
        self.token_for_cloud(move |cloud| AzureCredential::for_cloud(credential, cloud))
    }
}

/// The credential and the one scope a Graph client needs.
struct Scoped {
    credential: Arc<dyn TokenCredential>,
    scope: String,
}

impl TokenSource for Scoped {
    fn fetch(&self) -> ExpiringTokenFuture<'_> {
        Box::pin(async move {
            let token = self
                .credential
                .get_token(&[self.scope.as_str()], None)
                .await
                .map_err(|error| {
                    format!("no token for scope {}: {}", self.scope, causes(&error))
                })?;
            // A token already past its expiry is used once and replaced.
            let expires_in = Duration::try_from(token.expires_on - OffsetDateTime::now_utc())
                .unwrap_or(Duration::ZERO);
            Ok(ExpiringToken {
                secret: token.token.secret().to_owned(),
                expires_in,
            })
        })
    }
}

/// An error and every cause under it, one message: `azure_core` words its
/// top error generally ("failed to execute request") and keeps the reason
/// (connection refused) in a source a printed error would not show.
fn causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        let text = error.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        cause = error.source();
    }
    message
}

/// `https://<cloud's Graph host>/.default`: every permission the app was
/// granted for Graph.
fn graph_scope(cloud: Cloud) -> String {
    format!("{}/.default", cloud.origin())
}

#[cfg(test)]
mod tests {
    use super::{graph_scope, Cloud};

    #[test]
    fn each_cloud_asks_for_its_own_graph_host() {
        let scopes = [
            Cloud::Global,
            Cloud::UsGovernment,
            Cloud::UsGovernmentDod,
            Cloud::China,
        ]
        .map(graph_scope);
        assert_eq!(
            scopes,
            [
                "https://graph.microsoft.com/.default",
                "https://graph.microsoft.us/.default",
                "https://dod-graph.microsoft.us/.default",
                "https://microsoftgraph.chinacloudapi.cn/.default",
            ]
        );
    }
}
