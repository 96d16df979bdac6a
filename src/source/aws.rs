//! Live campaigns through the real `aws-sdk-pinpoint` client: AWS itself, or any server that
//! speaks its protocol, such as `pinview serve`.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::config::retry::RetryConfig;
use aws_sdk_pinpoint::config::timeout::TimeoutConfig;
use aws_sdk_pinpoint::config::{Credentials, Region};
use aws_sdk_pinpoint::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_pinpoint::operation::get_in_app_messages::GetInAppMessagesError;

use super::aws_model::campaigns_from_sdk;
use super::{SourceError, Target};
use crate::model::Campaign;

/// How long one fetch may take, retries included, unless the user says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and as whom to ask; every field falls back to aws-config's usual chain.
#[derive(Clone, Debug, Default)]
pub struct AwsOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub timeout: Option<Duration>,
    /// Used instead of the default credential chain.
    pub credentials: Option<Credentials>,
}

/// One configured client and what to call its endpoint in messages.
#[derive(Clone, Debug)]
pub struct AwsClient {
    client: Client,
    url: String,
    timeout: Duration,
}

impl AwsClient {
    /// Loads configuration (profiles, SSO, environment, `AWS_ENDPOINT_URL_PINPOINT`) without
    /// making a request: credentials are resolved by the first fetch.
    pub async fn connect(options: &AwsOptions) -> Result<Self, SourceError> {
        let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(RetryConfig::standard())
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(timeout.min(Duration::from_secs(3)))
                    .operation_attempt_timeout(timeout)
                    .operation_timeout(timeout)
                    .build(),
            );
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &options.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let local = options.endpoint_url.as_deref().is_some_and(is_loopback);
        if let Some(credentials) = options.credentials.clone() {
            loader = loader.credentials_provider(credentials);
        } else if local && options.profile.is_none() {
            // `pinview serve` accepts any signature; a local run needs no AWS account.
            loader = loader.credentials_provider(Credentials::new(
                "pinview-local",
                "pinview-local",
                None,
                None,
                "pinview-local",
            ));
        }
        let mut config = loader.load().await;
        if config.region().is_none() {
            if !local {
                return Err(SourceError::NoRegion);
            }
            config = config
                .into_builder()
                .region(Region::from_static("us-east-1"))
                .build();
        }
        let url = match (
            &options.endpoint_url,
            config.endpoint_url(),
            config.region(),
        ) {
            (Some(url), _, _) => url.clone(),
            (None, Some(url), _) => url.to_string(),
            (None, None, Some(region)) => format!("https://pinpoint.{region}.amazonaws.com"),
            (None, None, None) => "Amazon Pinpoint".to_string(),
        };
        Ok(Self {
            client: Client::new(&config),
            url,
            timeout,
        })
    }

    /// The endpoint requests go to, for the status bar and messages.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub async fn fetch(&self, target: &Target) -> Result<Vec<Campaign>, SourceError> {
        let output = self
            .client
            .get_in_app_messages()
            .application_id(&target.app)
            .endpoint_id(&target.endpoint)
            .send()
            .await
            .map_err(|e| self.describe(e, target))?;
        Ok(campaigns_from_sdk(&output))
    }

    /// Turns the SDK's error into one a person can act on.
    fn describe(
        &self,
        err: SdkError<GetInAppMessagesError, aws_sdk_pinpoint::config::http::HttpResponse>,
        target: &Target,
    ) -> SourceError {
        if let Some(detail) = credentials_problem(&err) {
            return SourceError::NoCredentials { detail };
        }
        let url = self.url.clone();
        match &err {
            SdkError::TimeoutError(_) => SourceError::TimedOut {
                url,
                after: self.timeout,
            },
            SdkError::DispatchFailure(d) if d.is_timeout() => SourceError::TimedOut {
                url,
                after: self.timeout,
            },
            SdkError::DispatchFailure(d) => SourceError::Connect {
                url,
                detail: deepest_cause(&err).unwrap_or_else(|| format!("{d:?}")),
            },
            SdkError::ServiceError(service) => {
                let e = service.err();
                let message = e.message().unwrap_or_default().to_string();
                let code = e.code().unwrap_or_default();
                match e {
                    GetInAppMessagesError::NotFoundException(_) => SourceError::NotFound {
                        target: target.clone(),
                        message,
                    },
                    GetInAppMessagesError::TooManyRequestsException(_) => {
                        SourceError::Throttled { message }
                    }
                    GetInAppMessagesError::ForbiddenException(_) => SourceError::AccessDenied {
                        target: target.clone(),
                        message,
                    },
                    _ if ACCESS_CODES.contains(&code) => SourceError::AccessDenied {
                        target: target.clone(),
                        message: format!("{code}: {message}"),
                    },
                    _ if code == "ThrottlingException" => SourceError::Throttled { message },
                    _ => SourceError::Service {
                        url,
                        status: service.raw().status().as_u16(),
                        code: if code.is_empty() {
                            "an unnamed error".into()
                        } else {
                            code.into()
                        },
                        message,
                    },
                }
            }
            SdkError::ResponseError(_) => SourceError::BadReply {
                url,
                detail: deepest_cause(&err).unwrap_or_else(|| "unreadable reply".into()),
            },
            _ => SourceError::BadReply {
                url,
                detail: deepest_cause(&err).unwrap_or_else(|| err.to_string()),
            },
        }
    }
}

/// Error codes AWS uses when the caller is known but not allowed, or its keys are bad.
const ACCESS_CODES: &[&str] = &[
    "AccessDeniedException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
];

/// Whether the request never left because no credentials could be found.
fn credentials_problem<E: std::error::Error + 'static>(err: &E) -> Option<String> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        if let Some(c) = e.downcast_ref::<CredentialsError>() {
            return Some(deepest(c));
        }
        cause = e.source();
    }
    None
}

/// The innermost cause's words: the SDK's outer messages ("dispatch failure") say little.
fn deepest_cause<E: std::error::Error + 'static>(err: &E) -> Option<String> {
    err.source().map(deepest)
}

fn deepest(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// `pinview serve` on this machine, the usual target of `--endpoint-url` in tests and demos.
pub fn is_loopback(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_urls_are_recognised() {
        for url in [
            "http://127.0.0.1:4590",
            "http://localhost:4590/",
            "http://[::1]:80",
            "https://127.0.0.2",
        ] {
            assert!(is_loopback(url), "{url}");
        }
        for url in [
            "https://pinpoint.eu-west-1.amazonaws.com",
            "http://10.0.0.1:4590",
            "http://localhost.example.com",
        ] {
            assert!(!is_loopback(url), "{url}");
        }
    }
}
