//! Static assets, embedded in the binary: the venue may have no internet, and there is no CDN.
//! Their URLs carry a hash of their content, so browsers may cache them forever.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: [Asset; 10] = [
    Asset { name: "app.js", content_type: "text/javascript; charset=utf-8", body: include_bytes!("../assets/app.js") },
    Asset {
        name: "sort.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/sort.js"),
    },
    Asset {
        name: "ballot.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/ballot.js"),
    },
    Asset { name: "app.css", content_type: "text/css; charset=utf-8", body: include_bytes!("../assets/app.css") },
    Asset { name: "boards.css", content_type: "text/css; charset=utf-8", body: include_bytes!("../assets/boards.css") },
    Asset {
        name: "sorting.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/sorting.css"),
    },
    Asset { name: "votes.css", content_type: "text/css; charset=utf-8", body: include_bytes!("../assets/votes.css") },
    Asset {
        name: "actions.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/actions.css"),
    },
    Asset {
        name: "followup.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/followup.css"),
    },
    Asset { name: "icon.svg", content_type: "image/svg+xml", body: include_bytes!("../assets/icon.svg") },
];

/// Short content hashes, in the order of `ASSETS`.
static VERSIONS: LazyLock<Vec<String>> =
    LazyLock::new(|| ASSETS.iter().map(|asset| converge_engine::digest::content_version(asset.body)).collect());

/// The versioned URL of an asset.
pub fn path(name: &str) -> String {
    let version = ASSETS.iter().position(|asset| asset.name == name).map_or("0", |index| VERSIONS[index].as_str());
    format!("/static/{version}/{name}")
}

pub async fn serve(
    lang: crate::Lang,
    axum::extract::Path((_version, name)): axum::extract::Path<(String, String)>,
) -> Response {
    let Some(asset) = ASSETS.iter().find(|asset| asset.name == name) else {
        // The built-in photo-language cards are static files too.
        if let Some(svg) = crate::deck::builtin_image(&name) {
            let mut response = svg.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
            return response;
        }
        return crate::error::PageError::new(crate::error::Failure::NotFound, lang).into_response();
    };
    let mut response = asset.body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    response
}
