//! Word .docx: zip + streaming quick-xml, bounded memory.
use super::{DecodeError, Decoded, Limits};

pub fn decode_docx(_bytes: &[u8], _limits: &Limits) -> Result<Decoded, DecodeError> {
    Err(DecodeError::NotDocx("the .docx reader is not built yet".into()))
}
