//! The web app's stylesheet and script, compiled into the binary: nothing is fetched from
//! anywhere else, so the pages work on a LAN with no internet.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const STYLESHEET_PATH: &str = "/assets/kasir.css";
pub const SCRIPT_PATH: &str = "/assets/kasir.js";

const STYLESHEET: &str = include_str!("../../assets/kasir.css");
const SCRIPT: &str = include_str!("../../assets/kasir.js");

pub async fn serve(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "kasir.css" => (STYLESHEET, "text/css; charset=utf-8"),
        "kasir.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        _ => return (axum::http::StatusCode::NOT_FOUND, "no such file").into_response(),
    };
    // Served with the binary, so they change only with a new version: an hour in the cache.
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}
