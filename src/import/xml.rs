//! Reading an XML part as a stream of tags, without building a tree, for the
//! checks that measure a file before calamine reads it ([`super::ods`],
//! [`super::xlsx`]). Attributes are split as calamine splits them, so a check
//! sees the values calamine will use.

use std::io::BufRead;

/// Comments, CDATA sections and processing instructions: how each starts and
/// ends (before its `>`); a `>` inside one does not end it.
const SPECIAL_TAGS: [(&[u8], &[u8]); 3] = [(b"!--", b"--"), (b"![CDATA[", b"]]"), (b"?", b"?")];

/// The tags of an XML stream, read without building a tree.
pub(super) struct Tags<R> {
    reader: R,
    /// The last tag read: the bytes between `<` and `>`.
    tag: Vec<u8>,
}

impl<R: BufRead> Tags<R> {
    /// Tags read from `reader`.
    pub(super) fn new(reader: R) -> Self {
        Tags { reader, tag: Vec::new() }
    }

    /// The last tag read: the bytes between `<` and `>`.
    pub(super) fn tag(&self) -> &[u8] {
        &self.tag
    }

    /// The reader, at the end of the last tag read.
    pub(super) fn into_inner(self) -> R {
        self.reader
    }

    /// Reads up to the end of the next tag; returns how many bytes of text came
    /// before it, or `None` at the end. Comments, CDATA and processing
    /// instructions are read whole (CDATA counts as text).
    pub(super) fn next(&mut self) -> std::io::Result<Option<u64>> {
        let mut text = 0;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            match buffer.iter().position(|b| *b == b'<') {
                Some(at) => {
                    text += at as u64;
                    self.reader.consume(at + 1);
                    break;
                }
                None => {
                    text += buffer.len() as u64;
                    let read = buffer.len();
                    self.reader.consume(read);
                }
            }
        }
        self.tag.clear();
        // Quotes matter in an element's attributes only.
        let element = !matches!(self.reader.fill_buf()?.first(), Some(b'!' | b'?'));
        self.read_to_end_of_tag(element)?;
        if let Some((start, end)) = SPECIAL_TAGS.iter().find(|(start, _)| self.tag.starts_with(start)) {
            while !self.tag.ends_with(end) {
                self.tag.push(b'>');
                if !self.read_to_end_of_tag(false)? {
                    break;
                }
            }
            if *start == b"![CDATA[" {
                text += self.tag.len().saturating_sub(start.len() + end.len()) as u64;
                self.tag.clear();
            }
        }
        Ok(Some(text))
    }

    /// Appends bytes to the tag up to the next `>` (outside quotes when
    /// `quoted`), which is read but not kept; false at the end of the stream.
    fn read_to_end_of_tag(&mut self, quoted: bool) -> std::io::Result<bool> {
        let mut quote = None;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(false);
            }
            let mut found = None;
            for (at, &byte) in buffer.iter().enumerate() {
                match quote {
                    Some(q) if byte == q => quote = None,
                    Some(_) => {}
                    None if quoted && (byte == b'"' || byte == b'\'') => quote = Some(byte),
                    None if byte == b'>' => {
                        found = Some(at);
                        break;
                    }
                    None => {}
                }
            }
            let taken = found.unwrap_or(buffer.len());
            self.tag.extend_from_slice(&buffer[..taken]);
            let consumed = taken + usize::from(found.is_some());
            self.reader.consume(consumed);
            if found.is_some() {
                return Ok(true);
            }
        }
    }
}

/// The value of `key` in a tag, if there.
pub(super) fn attribute<'t>(tag: &'t [u8], key: &[u8]) -> Option<&'t [u8]> {
    attributes(tag).find(|(k, _)| *k == key).map(|(_, value)| value)
}

/// A tag's attributes: `key="value"` or `key='value'` pairs after its name,
/// split as calamine splits them (a key runs up to its `=`).
pub(super) fn attributes(tag: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let start = tag.iter().position(u8::is_ascii_whitespace).unwrap_or(tag.len());
    let mut rest = &tag[start..];
    std::iter::from_fn(move || {
        rest = rest.trim_ascii_start();
        let equals = rest.iter().position(|b| *b == b'=')?;
        let key = rest[..equals].trim_ascii_end();
        let (&quote, value) = rest[equals + 1..].trim_ascii_start().split_first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let end = value.iter().position(|b| *b == quote).unwrap_or(value.len());
        rest = value.get(end + 1..).unwrap_or_default();
        Some((key, &value[..end]))
    })
}
