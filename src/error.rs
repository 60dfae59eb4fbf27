//! The service's errors and the one table that maps them to gRPC status codes. Internal
//! failures give the client a generic message; the detail goes to the log.

use tonic::{Code, Status};

use crate::hub::SubscribeError;
use crate::pipeline::IngestError;
use crate::store::StoreError;

/// An error a request ends with.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The request is malformed: names the field and what is wrong.
    #[error("{0}")]
    InvalidArgument(String),
    /// The article is over the size limit.
    #[error("article is {size} bytes (title and body); the limit is {limit}")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// No such alert or dyad.
    #[error("{0}")]
    NotFound(String),
    /// A cursor outside the retained log.
    #[error("{0}")]
    OutOfRange(String),
    /// A server limit is reached.
    #[error("{0}")]
    Exhausted(String),
    /// The server is shutting down or its writer stopped.
    #[error("{0}")]
    Unavailable(String),
    /// A failure inside the server.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<IngestError> for ServiceError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Rejected(r) => ServiceError::InvalidArgument(format!("published_at: {r}")),
            IngestError::Store(s) => ServiceError::Internal(s.to_string()),
            IngestError::Stopped => ServiceError::Unavailable("the ingest pipeline has stopped".to_owned()),
        }
    }
}

impl From<SubscribeError> for ServiceError {
    fn from(e: SubscribeError) -> Self {
        match e {
            SubscribeError::Compacted { .. } | SubscribeError::Future { .. } => {
                ServiceError::OutOfRange(e.to_string())
            }
            SubscribeError::Full { .. } => ServiceError::Exhausted(e.to_string()),
            SubscribeError::Store(s) => ServiceError::Internal(s.to_string()),
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        ServiceError::Internal(e.to_string())
    }
}

impl From<ServiceError> for Status {
    fn from(e: ServiceError) -> Status {
        let code = match &e {
            ServiceError::InvalidArgument(_) => Code::InvalidArgument,
            ServiceError::TooLarge { .. } | ServiceError::Exhausted(_) => Code::ResourceExhausted,
            ServiceError::NotFound(_) => Code::NotFound,
            ServiceError::OutOfRange(_) => Code::OutOfRange,
            ServiceError::Unavailable(_) => Code::Unavailable,
            ServiceError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                return Status::internal("internal error; see the server log");
            }
        };
        Status::new(code, e.to_string())
    }
}
