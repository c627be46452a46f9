//! PLACEHOLDER until the typesetter lands (replaced in the typesetter branch).
#![allow(missing_docs, unused_variables)]
use super::document::Document;
use super::MissingGlyph;
use crate::error::Result;

pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

pub fn missing_glyphs(document: &Document) -> Vec<MissingGlyph> {
    todo!()
}

pub fn render(document: &Document, progress: &mut dyn FnMut(f32)) -> Result<Rendered> {
    todo!()
}
