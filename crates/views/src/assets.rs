//! Static assets, embedded in the binary: the venue may have no internet, and there is no CDN.
//! Their URLs carry a hash of their content, so browsers may cache them forever; the web crate
//! serves them by name.

use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: [Asset; 12] = [
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
    Asset {
        name: "stage.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/stage.js"),
    },
    Asset { name: "stage.css", content_type: "text/css; charset=utf-8", body: include_bytes!("../assets/stage.css") },
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

/// An asset by its file name: its content type and its bytes.
pub fn find(name: &str) -> Option<(&'static str, &'static [u8])> {
    ASSETS.iter().find(|asset| asset.name == name).map(|asset| (asset.content_type, asset.body))
}
