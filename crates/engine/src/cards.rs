//! Image cards a facilitator uploads to the workshop's own photo-language deck.
//!
//! An upload is hostile until proven otherwise, so it goes through, in order:
//! 1. the rules first ([`converge_core::decide`] on the card with a placeholder image): a
//!    participant, a bad title or a full deck is refused before any byte is decoded;
//! 2. the file size ([`MAX_FILE_BYTES`]; the web edge caps the request body before this);
//! 3. the format, guessed from the content and never from the file name: PNG, JPEG or WebP only
//!    (never SVG, which is a document that can carry script);
//! 4. pixel limits set *before* decoding ([`MAX_DIMENSION`], [`MAX_DECODE_BYTES`]): the decoder
//!    reads the header, sees a "decompression bomb" (a small file claiming 50,000 × 50,000
//!    pixels) and stops without allocating;
//! 5. decoding on the blocking pool behind a small semaphore, so a burst of uploads cannot take
//!    every core or all the memory of a venue laptop;
//! 6. the EXIF orientation applied, the image scaled down to at most [`CARD_MAX_WIDTH`] ×
//!    [`CARD_MAX_HEIGHT`], and re-encoded as PNG from its pixels alone: EXIF (GPS position,
//!    camera serial), XMP, ICC and comments do not survive, and what is served is a file
//!    Converge wrote itself.
//!
//! The re-encoded image is stored beside the log (`Directory::put_card_image`); the log's
//! `DeckCardAdded` records its SHA-256.

use crate::{Engine, EngineError};
use converge_core::{AccountId, Actor, Command, DeckCard, WorkshopId};
use converge_store::chain::sha256_hex;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;
use uuid::Uuid;

/// The largest file accepted: a phone photo is 2 to 6 MiB.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The widest and tallest image decoded, in pixels: beyond any phone camera's 48 MP mode
/// (8000 × 6000 would be refused; those photos are rarely taken, and easily exported smaller).
pub const MAX_DIMENSION: u32 = 6000;
/// The most memory the decoder may allocate. The image crate's default is 512 MiB, far more
/// than a venue laptop should give one upload. 64 MiB holds a 16-megapixel RGBA or
/// 22-megapixel RGB image, so it is the effective pixel limit below `MAX_DIMENSION`².
pub const MAX_DECODE_BYTES: u64 = 64 * 1024 * 1024;
/// A card is shown at phone and projector sizes: larger only costs bandwidth on venue Wi-Fi.
pub const CARD_MAX_WIDTH: u32 = 1200;
/// Tall images are bounded too, so a 1 × 6000 strip cannot stay 6000 pixels tall.
pub const CARD_MAX_HEIGHT: u32 = 1800;
/// The content type of every stored card image: Converge re-encodes them all to PNG.
pub const CARD_CONTENT_TYPE: &str = "image/png";

/// Decodes at a time. Two keep one core for serving the room on a two-core node.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));
/// How long an upload waits for its turn before the answer is "busy, try again".
const DECODING_WAIT: Duration = Duration::from_secs(10);

/// An image ready to store: a PNG Converge wrote, and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardImage {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Engine {
    /// Adds an uploaded image to `deck` of the workshop as a card titled `title`, on behalf of
    /// the facilitator `account`, and returns the card as the deck now holds it.
    pub async fn upload_card(
        &self,
        workshop: WorkshopId,
        account: AccountId,
        deck: &str,
        title: &str,
        bytes: Vec<u8>,
    ) -> Result<DeckCard, EngineError> {
        let card_id = Uuid::now_v7().simple().to_string();
        let command = |image_sha256: String, width: u32, height: u32| Command::AddDeckCard {
            deck: deck.to_owned(),
            card_id: card_id.clone(),
            title: title.to_owned(),
            image_sha256,
            width,
            height,
        };
        // The rules before the pixels: whoever may not add this card costs no decoding.
        let state = self.state(workshop).await?;
        converge_core::decide(&state.workshop, Actor::Account(account), command(String::new(), 1, 1), &state.keyring)?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(EngineError::ImageFileTooLarge { max_bytes: MAX_FILE_BYTES });
        }

        let image = reencode_in_turn(bytes).await?;
        let sha256 = sha256_hex(&image.png);
        let (width, height) = (image.width, image.height);
        // The image first: if the log write then fails, an unused image is harmless, whereas a
        // card without its image would not be.
        self.store.put_card_image(workshop.as_uuid(), &card_id, &sha256, image.png, CARD_CONTENT_TYPE).await?;
        let events = self.execute(workshop, Actor::Account(account), command(sha256.clone(), width, height)).await?;
        let title = events
            .iter()
            .find_map(|stored| serde_json::from_str::<converge_core::Event>(&stored.payload).ok())
            .and_then(|event| match event {
                converge_core::Event::DeckCardAdded { title, .. } => Some(title),
                _ => None,
            })
            .unwrap_or_else(|| title.trim().to_owned());
        tracing::info!(workshop.id = %workshop, deck, card_id, width, height, "a card was added to a deck");
        Ok(DeckCard { id: card_id, title, image_sha256: sha256, width, height })
    }

    /// The content type and bytes of an uploaded card's image.
    pub async fn card_image(
        &self,
        workshop: WorkshopId,
        card_id: &str,
    ) -> Result<Option<(String, Vec<u8>)>, EngineError> {
        Ok(self.store.card_image(workshop.as_uuid(), card_id).await?)
    }
}

/// [`reencode`] on the blocking pool, when a decoding slot is free.
async fn reencode_in_turn(bytes: Vec<u8>) -> Result<CardImage, EngineError> {
    let permit = match tokio::time::timeout(DECODING_WAIT, DECODING.acquire()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) => return Err(EngineError::ShuttingDown),
        Err(_) => return Err(EngineError::Busy),
    };
    let result = tokio::task::spawn_blocking(move || reencode(&bytes)).await;
    drop(permit);
    // A decoder that panicked on a hostile file is a file we cannot read, not a server failure.
    result.unwrap_or(Err(EngineError::UndecodableImage))
}

/// Checks, decodes and re-encodes an uploaded image as a card: see the module's documentation.
/// Blocking (tens of milliseconds for a phone photo): call it off the async runtime.
pub fn reencode(bytes: &[u8]) -> Result<CardImage, EngineError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(EngineError::ImageFileTooLarge { max_bytes: MAX_FILE_BYTES });
    }
    let reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| EngineError::UndecodableImage)?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) => {}
        _ => return Err(EngineError::UnsupportedImageType),
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    // `into_decoder` reads the header and checks the dimensions against the limits: a bomb
    // stops here, before any pixel buffer exists.
    let mut decoder = reader.into_decoder().map_err(decoding_error)?;
    // The pixel buffer is allocated by `from_decoder`, which does not count it against the
    // limits: check it here.
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(EngineError::ImageTooLarge { max_dimension: MAX_DIMENSION });
    }
    // A photo taken with the phone on its side says so in EXIF; once the metadata is dropped,
    // only turning the pixels keeps it the right way up. An unreadable EXIF block is no reason
    // to refuse the picture.
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(decoding_error)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    if image.width() > CARD_MAX_WIDTH || image.height() > CARD_MAX_HEIGHT {
        // `resize` keeps the aspect ratio, fitting within both bounds.
        image = image.resize(CARD_MAX_WIDTH, CARD_MAX_HEIGHT, image::imageops::FilterType::Triangle);
    }
    // Eight bits per channel, alpha only when the image has some: what every browser shows, and
    // the PNG encoder takes every such layout.
    let image = if image.has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    let mut png = Vec::new();
    image.write_to(Cursor::new(&mut png), ImageFormat::Png).map_err(|_| EngineError::UndecodableImage)?;
    Ok(CardImage { png, width: image.width(), height: image.height() })
}

fn decoding_error(error: ImageError) -> EngineError {
    match error {
        ImageError::Limits(_) => EngineError::ImageTooLarge { max_dimension: MAX_DIMENSION },
        ImageError::Unsupported(_) => EngineError::UnsupportedImageType,
        _ => EngineError::UndecodableImage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut out = Vec::new();
        image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    /// A real 1 × 1 PNG whose header then claims `width` × `height`, with its CRC fixed so the
    /// decoder believes it.
    pub(crate) fn bomb(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
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

    #[test]
    fn a_small_png_is_re_encoded_as_it_is() {
        let card = reencode(&png(40, 30)).unwrap();
        assert_eq!((card.width, card.height), (40, 30), "small images are not enlarged");
        assert!(card.png.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    #[test]
    fn a_large_image_is_scaled_down_within_the_card_bounds() {
        let card = reencode(&png(2400, 1000)).unwrap();
        assert_eq!((card.width, card.height), (1200, 500));
        let tall = reencode(&png(100, 3600)).unwrap();
        assert_eq!((tall.width, tall.height), (50, 1800));
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        let started = std::time::Instant::now();
        assert!(matches!(reencode(&bomb(50_000, 50_000)), Err(EngineError::ImageTooLarge { max_dimension: 6000 })));
        assert!(matches!(reencode(&bomb(6001, 1)), Err(EngineError::ImageTooLarge { .. })));
        // Within each dimension, over the memory limit: 6000 × 6000 × 3 bytes is 103 MiB.
        assert!(matches!(reencode(&bomb(6000, 6000)), Err(EngineError::ImageTooLarge { .. })));
        assert!(started.elapsed() < Duration::from_secs(2), "refused without decoding");
    }

    #[test]
    fn only_png_jpeg_and_webp_are_taken_whatever_the_name() {
        assert!(matches!(reencode(b"just some text, named card.png"), Err(EngineError::UnsupportedImageType)));
        assert!(matches!(reencode(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), Err(EngineError::UnsupportedImageType)));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert!(matches!(reencode(svg), Err(EngineError::UnsupportedImageType)));
        assert!(matches!(reencode(b""), Err(EngineError::UnsupportedImageType)));
    }

    #[test]
    fn a_truncated_image_is_undecodable() {
        let whole = png(64, 64);
        assert!(matches!(reencode(&whole[..whole.len() / 2]), Err(EngineError::UndecodableImage)));
        assert!(matches!(reencode(&whole[..40]), Err(EngineError::UndecodableImage)));
    }

    #[test]
    fn a_jpeg_loses_its_metadata_and_keeps_its_orientation() {
        let image = RgbImage::from_fn(40, 20, |x, _| Rgb([if x < 20 { 255 } else { 0 }, 0, 0]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .write_image(image.as_raw(), 40, 20, image::ExtendedColorType::Rgb8)
            .unwrap();
        // After SOI, an APP1 "Exif" segment: orientation 6 (turn 90° clockwise to view).
        let tiff: &[u8] =
            b"II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00";
        let mut segment = b"Exif\x00\x00".to_vec();
        segment.extend_from_slice(tiff);
        let mut tagged = jpeg[..2].to_vec();
        tagged.extend_from_slice(&[0xFF, 0xE1]);
        tagged.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
        tagged.extend_from_slice(&segment);
        tagged.extend_from_slice(&jpeg[2..]);

        let card = reencode(&tagged).unwrap();
        assert_eq!((card.width, card.height), (20, 40), "turned the right way up");
        assert!(!card.png.windows(4).any(|window| window == b"Exif"), "no EXIF left");
        assert!(!card.png.windows(4).any(|window| window == b"eXIf"), "no EXIF chunk either");
    }
}
