//! A browser as the server sees one: a cookie jar it sends itself, a language, forms posted
//! with the `_csrf` token of its pages, multipart uploads, and redirects not followed.

use crate::server::Server;
use serde_json::Value;

/// An answer as a browser sees it, redirects not followed.
#[derive(Debug)]
pub struct PageAnswer {
    pub status: u16,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub set_cookies: Vec<(String, String)>,
    pub body: String,
}

impl PageAnswer {
    pub async fn read(response: reqwest::Response) -> PageAnswer {
        let headers = response.headers().clone();
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let set_cookies = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter_map(|value| {
                value.split(';').next()?.trim().split_once('=').map(|(n, v)| (n.to_owned(), v.to_owned()))
            })
            .collect();
        PageAnswer {
            status: response.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after"),
            content_type: header("content-type").unwrap_or_default(),
            set_cookies,
            body: response.text().await.unwrap_or_default(),
        }
    }

    /// The JSON error code of an API error answer.
    pub fn error_code(&self) -> String {
        let value: Value = serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body));
        value["error"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {value}")).to_owned()
    }
}

/// The value of the hidden `_csrf` field of the first form of a page.
pub fn csrf_field(html: &str) -> Option<String> {
    let at = html.find("name=\"_csrf\"")?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

/// A browser: a cookie jar it sends itself, a language, and the form token of its pages.
#[derive(Clone)]
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub cookies: Vec<(String, String)>,
    pub accept_language: String,
    /// The `_csrf` value pages give this browser.
    pub csrf: String,
    /// True once a response renewed the token's seed or changed the session it is bound to:
    /// the next form reads the token a page now gives, as a browser would have it.
    csrf_stale: bool,
}

impl Browser {
    /// A browser that has opened the join page once, so it holds a `cv_csrf` cookie and its token.
    pub async fn open(server: &Server, accept_language: &str) -> Browser {
        Browser::open_at(&server.http, &server.base, accept_language).await
    }

    /// The same, for a server started some other way (its client and base URL).
    pub async fn open_at(http: &reqwest::Client, base: &str, accept_language: &str) -> Browser {
        let mut browser = Browser {
            http: http.clone(),
            base: base.to_owned(),
            cookies: Vec::new(),
            accept_language: accept_language.to_owned(),
            csrf: String::new(),
            csrf_stale: false,
        };
        let page = browser.get("/join").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(browser.cookie("cv_csrf").is_some(), "the join page sets cv_csrf: {:?}", page.set_cookies);
        browser.csrf = csrf_field(&page.body).expect("the join page has a _csrf field");
        browser
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.retain(|(n, _)| n != name);
        if !value.is_empty() {
            self.cookies.push((name.to_owned(), value.to_owned()));
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; ")
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request =
            self.http.request(method, format!("{}{path}", self.base)).header("Accept-Language", &self.accept_language);
        if !self.cookies.is_empty() {
            request = request.header("Cookie", self.cookie_header());
        }
        request
    }

    /// Sends a request built from this browser's cookies and language, keeping the cookies it sets.
    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> PageAnswer {
        let answer = PageAnswer::read(request.send().await.unwrap()).await;
        for (name, value) in &answer.set_cookies {
            if ["cv_csrf", "cv_session"].contains(&name.trim_start_matches("__Host-")) && !self.csrf.is_empty() {
                self.csrf_stale = true;
            }
            self.set_cookie(name, value);
        }
        answer
    }

    pub async fn get(&mut self, path: &str) -> PageAnswer {
        let request = self.request(reqwest::Method::GET, path);
        self.send(request).await
    }

    /// A request with this browser's cookies and language, to send or adjust.
    pub fn build(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.request(method, path)
    }

    /// The form token to send now: read again from a page after a sign-in or a sign-out.
    pub async fn fresh_csrf(&mut self) -> String {
        if self.csrf_stale {
            self.refresh_csrf("/join").await;
        }
        self.csrf.clone()
    }

    /// Posts a form as the page would, with the `_csrf` field added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> PageAnswer {
        self.fresh_csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = form_encode(&all);
        let request = self
            .request(reqwest::Method::POST, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(request).await
    }

    /// Joins with the form, as a phone does: 303 to the workshop and a participant cookie.
    pub async fn join(&mut self, join_code: &str, name: &str) -> PageAnswer {
        let answer = self.post_form("/join", &[("join_code", join_code), ("name", name), ("service", "")]).await;
        assert_eq!(answer.status, 303, "joining failed: {}", answer.body);
        assert!(answer.set_cookies.iter().any(|(name, _)| name.starts_with("cv_p_")), "no participant cookie");
        answer
    }

    /// Signs in with the form: 303 to the dashboard and a session cookie.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> PageAnswer {
        let answer = self.post_form("/signin", &[("email", email), ("password", password)]).await;
        assert_eq!(answer.status, 303, "signing in failed: {}", answer.body);
        assert!(self.cookie("cv_session").is_some(), "no session cookie");
        // Signing in renews the form token (bound to the session): read the new one now, for
        // tests that build their requests with `csrf` themselves.
        self.fresh_csrf().await;
        answer
    }

    /// Reads the form token a page now gives this browser, as a browser does on its next page.
    pub async fn refresh_csrf(&mut self, page: &str) {
        let page = self.get(page).await;
        self.csrf = csrf_field(&page.body).unwrap_or_else(|| panic!("no _csrf field on the page: {}", page.body));
        self.csrf_stale = false;
    }
}

/// `application/x-www-form-urlencoded` encoding of name/value pairs.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    fn encode(text: &str) -> String {
        let mut out = String::new();
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(byte as char),
                b' ' => out.push('+'),
                other => out.push_str(&format!("%{other:02X}")),
            }
        }
        out
    }
    pairs.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&")
}

// ---------------------------------------------------------------------------------------------
// Uploads: multipart forms and images made on the spot.

/// A file in a multipart form.
pub struct FilePart<'a> {
    pub field: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

const BOUNDARY: &str = "converge-test-boundary-5b1f0c9e";

/// `multipart/form-data` encoding of text fields and files: (Content-Type, body).
pub fn multipart_encode(fields: &[(&str, &str)], files: &[FilePart<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for file in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                file.field, file.file_name, file.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

impl Browser {
    /// Posts a multipart form as the upload form does: its `_csrf` token in the action's query.
    pub async fn post_multipart(&mut self, path: &str, fields: &[(&str, &str)], files: &[FilePart<'_>]) -> PageAnswer {
        // The form token first, as the page's form puts it.
        self.fresh_csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let (content_type, body) = multipart_encode(&all, files);
        let request = self.request(reqwest::Method::POST, path).header("Content-Type", content_type).body(body);
        self.send(request).await
    }
}

/// A PNG of `width` × `height` with a gradient, made with the image crate.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// The first uploaded card an HTML page shows: the id in `/w/{workshop}/cards/{id}`.
pub fn first_card_id(html: &str, workshop: &str) -> Option<String> {
    let prefix = format!("/w/{workshop}/cards/");
    let at = html.find(&prefix)? + prefix.len();
    Some(html[at..].chars().take_while(char::is_ascii_alphanumeric).collect())
}
