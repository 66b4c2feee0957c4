//! A facilitator uploads their own photo-language cards, over HTTP against the real server:
//! good images are accepted and come back as PNG without their metadata; an oversize body, a
//! file that is not an image whatever its name, and a decompression bomb are refused with a clear
//! message in the user's language, and the server stays responsive; only the workshop's members
//! get the images; participants pick the uploaded cards. (ECOSYSTEM.md, B.3 T6.)

use converge_test_support::*;
use image::ImageEncoder;
use std::time::{Duration, Instant};

/// A signed-in facilitator with a workshop that has a photo-language activity.
struct Upload {
    room: Room,
    activity: String,
}

impl std::ops::Deref for Upload {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for Upload {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl Upload {
    async fn new() -> Upload {
        let mut room = Room::new("Vision 2029").build().await;
        let activity = room.add_activity("photo_language", "Photolangage", "").await;
        Upload { room, activity }
    }

    fn upload_path(&self) -> String {
        format!("/facilitator/workshops/{}/decks/workshop/cards", self.workshop)
    }

    fn activity_page(&self) -> String {
        format!("/facilitator/workshops/{}/activities/{}", self.workshop, self.activity)
    }

    async fn upload(&mut self, title: &str, file_name: &str, content_type: &str, bytes: &[u8]) -> PageAnswer {
        let path = self.upload_path();
        let activity = self.activity.clone();
        let file = FilePart { field: "image", file_name, content_type, bytes };
        self.facilitator.post_multipart(&path, &[("title", title), ("activity_id", &activity)], &[file]).await
    }

    /// The ids of the cards the facilitator's board lists, in order.
    async fn card_ids(&mut self) -> Vec<String> {
        let page = self.activity_page();
        let page = self.room.facilitator.get(&page).await;
        assert_eq!(page.status, 200);
        let prefix = format!("/w/{}/cards/", self.workshop);
        let mut ids: Vec<String> = Vec::new();
        for part in page.body.split(&prefix).skip(1) {
            let id: String = part.chars().take_while(char::is_ascii_alphanumeric).collect();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// A JPEG carrying EXIF with a GPS position (Namur, 50°28′N 4°52′E), as a phone writes it.
fn jpeg_with_gps() -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 200]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(image.as_raw(), 64, 48, image::ExtendedColorType::Rgb8)
        .unwrap();
    // TIFF (little-endian): IFD0 with one entry pointing to the GPS IFD (at 26), which holds the
    // latitude reference and the latitude (three rationals at 56).
    let mut tiff = b"II*\x00".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&26u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[2, 0, 5, 0, 3, 0, 0, 0]);
    tiff.extend_from_slice(&56u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (numerator, denominator) in [(50u32, 1u32), (28, 1), (0, 1)] {
        tiff.extend_from_slice(&numerator.to_le_bytes());
        tiff.extend_from_slice(&denominator.to_le_bytes());
    }
    let mut segment = b"Exif\x00\x00".to_vec();
    segment.extend_from_slice(&tiff);
    let mut tagged = jpeg[..2].to_vec(); // SOI
    tagged.extend_from_slice(&[0xFF, 0xE1]); // APP1
    tagged.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
    tagged.extend_from_slice(&segment);
    tagged.extend_from_slice(&jpeg[2..]);
    tagged
}

/// A real 1 × 1 PNG whose header then claims 50,000 × 50,000 pixels (7.5 GB of RGB), its CRC
/// fixed so that a decoder believes it: 70 bytes on the wire.
fn decompression_bomb() -> Vec<u8> {
    let mut bytes = png(1, 1);
    // Signature (8 bytes), IHDR length (4), "IHDR" (4), width (4), height (4), ..., CRC.
    bytes[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[tokio::test]
async fn good_images_are_accepted_and_served_as_png_without_their_metadata() {
    let mut room = Upload::new().await;

    let accepted = room.upload("La place du village", "place.png", "image/png", &png(1600, 900)).await;
    assert_eq!(
        (accepted.status, accepted.location.as_deref()),
        (303, Some(room.activity_page().as_str())),
        "{}",
        accepted.body
    );
    let photo = jpeg_with_gps();
    assert!(contains(&photo, b"Exif"), "the test's photo carries EXIF");
    let accepted = room.upload("Le marché", "IMG_0042.JPG", "image/jpeg", &photo).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);

    let ids = room.card_ids().await;
    assert_eq!(ids.len(), 2, "the board lists both cards: {ids:?}");
    let board = room.activity_page();
    let board = room.facilitator.get(&board).await;
    assert!(board.body.contains("alt=\"La place du village\""), "the title is the image's text alternative");

    for (id, expected_size) in [(&ids[0], (1200, 675)), (&ids[1], (64, 48))] {
        let response = room
            .facilitator
            .build(reqwest::Method::GET, &format!("/w/{}/cards/{id}", room.workshop))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("content-type"), "image/png");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("content-disposition"), "inline; filename=\"card.png\"");
        assert_eq!(header("cache-control"), "private, max-age=3600");
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "re-encoded as PNG");
        assert!(!contains(&bytes, b"Exif") && !contains(&bytes, b"eXIf"), "no EXIF survives");
        let served = image::load_from_memory(&bytes).unwrap();
        assert_eq!((served.width(), served.height()), expected_size, "large images are scaled down, small ones kept");
    }
}

#[tokio::test]
async fn an_oversize_body_is_refused_with_413_and_a_french_message() {
    let mut room = Upload::new().await;
    let too_big = vec![0u8; 9 * 1024 * 1024];
    let refused = room.upload("Trop lourde", "big.png", "image/png", &too_big).await;
    assert_eq!(refused.status, 413);
    assert!(refused.content_type.starts_with("text/html"), "a page, not plain text");
    assert!(refused.body.contains("Ce fichier est trop volumineux\u{a0}: 8 Mo au plus."), "{}", refused.body);
    assert!(room.card_ids().await.is_empty());

    // A body that hides its size (chunked) is cut off at the limit all the same.
    let (content_type, body) = multipart_encode(
        &[("_csrf", &room.facilitator.csrf), ("title", "Sans taille")],
        &[FilePart { field: "image", file_name: "big.png", content_type: "image/png", bytes: &too_big }],
    );
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.chunks(64 * 1024).map(|chunk| Ok(chunk.to_vec())).collect();
    let request = room
        .facilitator
        .build(reqwest::Method::POST, &room.upload_path())
        .header("Content-Type", content_type)
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)));
    let refused = room.facilitator.send(request).await;
    assert_eq!(refused.status, 413);
    assert!(refused.body.contains("Ce fichier est trop volumineux"), "{}", refused.body);
}

#[tokio::test]
async fn a_text_file_named_like_an_image_is_refused() {
    let mut room = Upload::new().await;
    let refused = room.upload("Pas une image", "card.png", "image/png", b"Bonjour, je suis un fichier texte.\n").await;
    assert_eq!(refused.status, 415);
    assert!(refused.body.contains("Ce fichier n’est pas une image que nous acceptons"), "{}", refused.body);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let refused = room.upload("Un SVG", "card.png", "image/png", svg).await;
    assert_eq!(refused.status, 415, "SVG is never accepted");
    assert!(room.card_ids().await.is_empty());
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_at_once_and_the_server_stays_responsive() {
    let mut room = Upload::new().await;
    let bomb = decompression_bomb();
    assert!(bomb.len() < 100);
    let started = Instant::now();
    let refused = room.upload("Bombe", "bomb.png", "image/png", &bomb).await;
    let took = started.elapsed();
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("Cette image est trop grande\u{a0}: 6000 pixels de côté au plus"),
        "{}",
        refused.body
    );
    assert!(took < Duration::from_secs(3), "refused from its header, without decoding: took {took:?}");

    // Several at once: the decoding slots are not held, and the room is still served.
    let mut handles = Vec::new();
    for _ in 0..8 {
        let mut facilitator = room.facilitator.clone();
        let (path, bomb) = (room.upload_path(), bomb.clone());
        handles.push(tokio::spawn(async move {
            let file = FilePart { field: "image", file_name: "bomb.png", content_type: "image/png", bytes: &bomb };
            facilitator.post_multipart(&path, &[("title", "Bombe")], &[file]).await.status
        }));
    }
    for handle in handles {
        assert_eq!(handle.await.unwrap(), 422);
    }
    let health = room.server.http.get(room.server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let accepted = room.upload("Après la bombe", "ok.png", "image/png", &png(32, 32)).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
}

#[tokio::test]
async fn an_upload_without_its_form_token_is_refused() {
    let room = Upload::new().await;
    let (content_type, body) = multipart_encode(
        &[("title", "Forgée")],
        &[FilePart { field: "image", file_name: "a.png", content_type: "image/png", bytes: &png(8, 8) }],
    );
    let response = room
        .facilitator
        .build(reqwest::Method::POST, &room.upload_path())
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn only_the_workshops_members_get_its_images() {
    let mut room = Upload::new().await;
    assert_eq!(room.upload("La place", "place.png", "image/png", &png(40, 30)).await.status, 303);
    let card = room.card_ids().await.remove(0);
    let image_path = format!("/w/{}/cards/{card}", room.workshop);

    let mut member = Browser::open(&room.server, "fr").await;
    member.join(&room.join_code, "Anne").await;
    assert_eq!(member.get(&image_path).await.status, 200);

    let bob_token = room.data.add_facilitator("bob@example.org", "Bob");
    let elsewhere = room.server.create_workshop(&bob_token, "Ailleurs").await;
    let mut outsider = Browser::open(&room.server, "fr").await;
    outsider.join(str(&elsewhere, "join_code"), "Omar").await;
    let mut other_facilitator = Browser::open(&room.server, "fr").await;
    other_facilitator.sign_in("bob@example.org", PASSWORD).await;
    let mut anonymous = Browser::open(&room.server, "fr").await;
    for (who, browser) in
        [("anonymous", &mut anonymous), ("outsider", &mut outsider), ("other facilitator", &mut other_facilitator)]
    {
        let answer = browser.get(&image_path).await;
        assert_eq!(answer.status, 404, "{who} gets nothing");
        assert!(!answer.content_type.starts_with("image/"), "{who}");
    }
    let unknown = format!("/w/{}/cards/{}", room.workshop, "0".repeat(32));
    assert_eq!(member.get(&unknown).await.status, 404, "an unknown card");
}

#[tokio::test]
async fn participants_pick_among_the_uploaded_cards_when_the_activity_uses_them() {
    let mut room = Upload::new().await;
    assert_eq!(room.upload("La place du village", "place.png", "image/png", &png(40, 30)).await.status, 303);
    let card = room.card_ids().await.remove(0);

    let settings = room.activity_page() + "/edit";
    let saved =
        room.facilitator.post_form(&settings, &[("title", "Photolangage"), ("prompt", ""), ("deck", "workshop")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let board = room.activity_page();
    let board = room.facilitator.get(&board).await;
    assert!(board.body.contains("<option value=\"workshop\" selected"), "the settings show the chosen deck");
    let open = room.activity_page() + "/open";
    let opened = room.facilitator.post_form(&open, &[("back", "activity")]).await;
    assert_eq!(opened.status, 303);

    let mut phone = Browser::open(&room.server, "fr").await;
    phone.join(&room.join_code, "Anne").await;
    let page = phone.get(&format!("/w/{}/a/{}", room.workshop, room.activity)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!("value=\"{card}\"")), "the picker offers the uploaded card");
    assert!(
        page.body.contains(&format!("src=\"/w/{}/cards/{card}\"", room.workshop))
            && page.body.contains("alt=\"La place du village\""),
        "as an image described by its title"
    );
    assert!(!page.body.contains("value=\"bridge\""), "the built-in deck is not offered");

    let posted = phone
        .post_form(
            &format!("/w/{}/a/{}/notes", room.workshop, room.activity),
            &[("text", "Une place où chacun a voix"), ("card", &card)],
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let refused = phone
        .post_form(
            &format!("/w/{}/a/{}/notes", room.workshop, room.activity),
            &[("text", "Le pont"), ("card", "bridge")],
        )
        .await;
    assert_eq!(refused.status, 422, "a card of another deck");
    let gallery = phone.get(&format!("/w/{}/a/{}", room.workshop, room.activity)).await;
    assert!(gallery.body.contains("Une place où chacun a voix"));

    // A card someone wrote about stays in the deck.
    let remove = format!("/facilitator/workshops/{}/decks/workshop/cards/{card}/remove", room.workshop);
    let activity = room.activity.clone();
    let refused = room.facilitator.post_form(&remove, &[("activity_id", &activity)]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Quelqu’un a choisi cette carte"), "{}", refused.body);
}
