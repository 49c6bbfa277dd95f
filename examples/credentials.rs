//! Signing in with Azure Identity and calling Graph with the token, against
//! a token endpoint and a Graph stand-in served on 127.0.0.1, so it runs
//! without a tenant: `cargo run --example credentials`.
//!
//! Against the real cloud, drop the two servers, `LocalAuthority` and
//! `base_url`: `ClientSecretCredential::new(tenant, client_id, secret, None)`
//! signs in at login.microsoftonline.com, and any other `azure_identity`
//! credential (certificate, managed identity, Azure CLI) works the same way.

use azure_identity::{ClientSecretCredential, ClientSecretCredentialOptions};
use docs2rs_sdk::endpoints::device_management;
use docs2rs_sdk::models::DeviceConfigurationAssignment;
use docs2rs_sdk::runtime::client::Cloud;
use docs2rs_sdk::runtime::testing::{Exchange, LocalAuthority, ReplayServer};
use serde_json::json;
use std::error::Error;

const TOKEN_PATH: &str = "/contoso-tenant/oauth2/v2.0/token";
const ASSIGNMENT_PATH: &str = "/deviceManagement/deviceConfigurations/config-1/assignments/a-1";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    // The token endpoint answers one sign-in, as Microsoft Entra ID would.
    let token = json!({"token_type": "Bearer", "expires_in": 3600, "access_token": "token-1"});
    let entra = ReplayServer::start(vec![Exchange::json("POST", TOKEN_PATH, 200, &token)]).await?;
    // The Graph stand-in answers two updates.
    let updated = json!({"id": "a-1"});
    let graph = ReplayServer::start(vec![
        Exchange::json("PATCH", ASSIGNMENT_PATH, 200, &updated),
        Exchange::json("PATCH", ASSIGNMENT_PATH, 200, &updated),
    ])
    .await?;

    // azure_identity signs in over https only; LocalAuthority reroutes its
    // requests to the local token endpoint.
    let authority =
        LocalAuthority::new(&entra.base_url(), azure_core::http::new_http_client(None))?;
    let options = ClientSecretCredentialOptions {
        client_options: authority.client_options(),
    };
    let credential = ClientSecretCredential::new(
        "contoso-tenant",
        "app-id".to_owned(),
        "app-secret".into(),
        Some(options),
    )?;

    // The client asks for the cloud's Graph scope (here
    // https://graph.microsoft.com/.default) and keeps the token until
    // shortly before it expires.
    let client = graph
        .client_builder()
        .cloud(Cloud::Global)
        .azure_credential(credential)
        .build()?;
    let body = DeviceConfigurationAssignment::default();
    for _ in 0..2 {
        let request = device_management::update_device_configurations_assignments_by_id(
            "config-1", "a-1", &body,
        );
        let assignment = client.send(request).await?;
        println!("updated assignment {:?}", assignment.id.value());
    }

    // One sign-in served both calls, each carrying its token.
    println!("sign-ins at the token endpoint: {}", entra.received().len());
    for request in graph.received() {
        let authorization = request
            .headers
            .iter()
            .find(|(name, _)| name == "authorization")
            .map_or("none", |(_, value)| value.as_str());
        println!(
            "{} {}: Authorization {authorization}",
            request.method, request.target
        );
    }
    Ok(())
}
