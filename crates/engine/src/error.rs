//! The one error type of the engine.

use converge_core::DomainError;
use converge_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no such workshop")]
    WorkshopNotFound,
    #[error("no workshop has this join code")]
    UnknownJoinCode,
    #[error("no participant of this workshop has this personal code")]
    UnknownResumeCode,
    #[error("the email or the password is wrong")]
    InvalidCredentials,
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error("the password must have between {min} and {max} characters")]
    PasswordLength { min: usize, max: usize },
    #[error("this email address is not valid")]
    InvalidEmail,
    #[error("the setup link is invalid, used or expired")]
    SetupTokenInvalid,
    #[error("the workshop is busy; please try again")]
    Busy,
    #[error("the server is shutting down")]
    ShuttingDown,
    /// The content is not PNG, JPEG or WebP, whatever the file is called.
    #[error("this file is not an image we accept (PNG, JPEG or WebP)")]
    UnsupportedImageType,
    /// Refused from the image's header, before decoding: a decompression bomb ends here.
    #[error("the image is too large: at most {max_dimension} pixels on each side, and about 16 megapixels")]
    ImageTooLarge { max_dimension: u32 },
    #[error("the file is too large: at most {max_bytes} bytes")]
    ImageFileTooLarge { max_bytes: usize },
    /// The format was recognised but the file is damaged or truncated.
    #[error("the image could not be read; it may be damaged")]
    UndecodableImage,
}

impl EngineError {
    /// A stable machine code, shared with the domain's codes.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::Domain(error) => error.code(),
            EngineError::Store(StoreError::Conflict { .. }) => "conflict",
            EngineError::Store(StoreError::Duplicate(_) | StoreError::JoinCodeTaken) => "duplicate",
            EngineError::Store(StoreError::DiskFull) => "disk_full",
            EngineError::Store(StoreError::Unavailable(_)) | EngineError::Store(StoreError::Corrupt(_)) => {
                "store_unavailable"
            }
            EngineError::WorkshopNotFound => "workshop_not_found",
            EngineError::UnknownJoinCode => "unknown_join_code",
            EngineError::UnknownResumeCode => "unknown_resume_code",
            EngineError::InvalidCredentials => "invalid_credentials",
            EngineError::EmailTaken => "email_taken",
            EngineError::PasswordLength { .. } => "password_length",
            EngineError::InvalidEmail => "invalid_email",
            EngineError::SetupTokenInvalid => "setup_token_invalid",
            EngineError::Busy => "busy",
            EngineError::ShuttingDown => "shutting_down",
            EngineError::UnsupportedImageType => "image_type_unsupported",
            EngineError::ImageTooLarge { .. } => "image_too_large",
            EngineError::ImageFileTooLarge { .. } => "image_file_too_large",
            EngineError::UndecodableImage => "image_undecodable",
        }
    }
}
