//! Errors as the API gives them: a status and a JSON body, `{"error": {"status": 400,
//! "message": "…", "position": 7}}`, mapped from the library's typed errors in one place.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use bireport::error::Error;

/// An answer that is not a result.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    message: String,
    position: Option<usize>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    status: u16,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
}

impl Problem {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Problem {
        Problem {
            status,
            message: message.into(),
            position: None,
        }
    }

    /// A request the client must change: 400.
    pub fn bad_request(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<Error> for Problem {
    fn from(err: Error) -> Problem {
        let status = match &err {
            Error::Query { .. } | Error::InvalidArgument { .. } => StatusCode::BAD_REQUEST,
            Error::UnknownId(_) => StatusCode::NOT_FOUND,
            // Nothing to answer from yet, or not in a form this build reads: build it.
            Error::NoIndex(_) | Error::NotAnIndex { .. } | Error::OldSchema { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let position = match &err {
            Error::Query { position, .. } => *position,
            _ => None,
        };
        Problem {
            status,
            message: err.to_string(),
            position,
        }
    }
}

impl From<anyhow::Error> for Problem {
    fn from(err: anyhow::Error) -> Problem {
        match err.downcast::<Error>() {
            Ok(ours) => Problem::from(ours),
            Err(other) => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{other:#}")),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                status: self.status.as_u16(),
                message: &self.message,
                position: self.position,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl Problem {
    /// A panic inside a request, wherever it was caught: 500, and the server goes on.
    pub fn panicked(payload: &(dyn std::any::Any + Send)) -> Problem {
        Problem::from(Error::from_panic(
            "answering a request".to_string(),
            payload,
        ))
    }
}

/// The panic-catching layer's answer.
pub fn from_panic(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    Problem::panicked(&*panic).into_response()
}
