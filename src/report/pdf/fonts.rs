//! The two embedded faces: Noto Serif SC for running text, Noto Sans SC (bold)
//! for headings and labels. Both are subset to GBK (see `assets/fonts/README.md`).

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// Noto Serif SC Regular, subset to GBK.
const SERIF_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.ttf");
/// Noto Sans SC Bold, subset to GBK.
const SANS_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Bold.ttf");

/// Which face a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Face {
    /// Running text, table cells, values.
    Serif,
    /// Titles, headings, labels, table headers.
    Sans,
}

/// A parsed face and what measuring it needs.
pub(super) struct Font {
    /// The face as printpdf embeds it.
    pub(super) parsed: ParsedFont,
    /// Font units per em, to turn advances into points.
    units_per_em: f32,
}

impl Font {
    /// Parses an embedded face; the fonts are part of the program, so failure is a build defect.
    fn parse(bytes: &[u8], name: &str) -> Self {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .unwrap_or_else(|| panic!("the embedded font {name} cannot be parsed"));
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        Font { parsed, units_per_em }
    }

    /// Whether the face has a glyph for `c`.
    pub(super) fn has(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(u32::from(c)).is_some_and(|gid| gid != 0)
    }

    /// How far `c` advances the pen at `size` points (the empty box's width if missing).
    pub(super) fn advance(&self, c: char, size: f32) -> f32 {
        let gid = self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em * size
    }

    /// The width of `text` at `size` points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// Both faces, parsed once per process.
pub(super) struct Fonts {
    /// Running text.
    serif: Font,
    /// Headings and labels.
    sans: Font,
}

impl Fonts {
    /// The faces, parsed on first use.
    pub(super) fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            serif: Font::parse(SERIF_TTF, "NotoSerifSC-Regular"),
            sans: Font::parse(SANS_TTF, "NotoSansSC-Bold"),
        })
    }

    /// The font of a face.
    pub(super) fn font(&self, face: Face) -> &Font {
        match face {
            Face::Serif => &self.serif,
            Face::Sans => &self.sans,
        }
    }

    /// Whether either face can draw `c`.
    pub(super) fn has(&self, c: char) -> bool {
        self.serif.has(c) || self.sans.has(c)
    }
}
