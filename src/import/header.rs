//! Finding the header row of a sheet and what each column holds.
//!
//! Headers are matched after [`fold`]ing (full-width to half-width, no white
//! space), through the synonyms of a kind of sheet's [`Field`]s (the roster's
//! are in [`super::RosterField`]). To support a new variant, add it there.

use std::collections::BTreeMap;

use super::values::{fold, Cell};

/// A field a column of some kind of sheet can fill (a closed list, one enum per kind).
pub trait Field: Copy + Eq + Send + Sync + std::fmt::Debug + 'static {
    /// The field every header names and every row fills (姓名).
    const NAME: Self;
    /// Header texts (folded) and the field each names.
    const SYNONYMS: &'static [(&'static str, Self)];
    /// The stable code (`name`, `id_number`, …).
    fn code(self) -> &'static str;
    /// The Chinese name, for messages when the file has no such column.
    fn label(self) -> &'static str;
}

/// The field a header text names, if any.
pub fn field_for<F: Field>(header: &str) -> Option<F> {
    let folded = fold(header);
    F::SYNONYMS.iter().find(|(text, _)| *text == folded.as_ref()).map(|(_, field)| *field)
}

/// What each column of a sheet holds.
#[derive(Debug, Clone)]
pub struct ColumnMap<F> {
    /// Column index → the header text as written.
    pub headers: BTreeMap<usize, String>,
    /// Column index → field, for the columns that name one.
    pub fields: BTreeMap<usize, F>,
}

impl<F: Field> ColumnMap<F> {
    /// The column that holds `field`.
    pub fn column_of(&self, field: F) -> Option<usize> {
        self.fields.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }

    /// The header text of the column that holds `field`, or the field's own name.
    pub fn header_of(&self, field: F) -> String {
        self.column_of(field).and_then(|c| self.headers.get(&c).cloned()).unwrap_or_else(|| field.label().to_string())
    }
}

/// How many rows of a sheet, from the first it holds (blank ones counted), are
/// searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// What the columns of `row` hold, if it reads as a header: it names
/// [`Field::NAME`] and at least one other field. `overrides` (folded header
/// text → field) come before the synonyms.
pub fn header_map<F: Field>(row: &[Cell], overrides: &BTreeMap<String, F>) -> Option<ColumnMap<F>> {
    let mut map = ColumnMap { headers: BTreeMap::new(), fields: BTreeMap::new() };
    for (column, cell) in row.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        let header = text.trim();
        if header.is_empty() {
            continue;
        }
        map.headers.insert(column, header.to_string());
        let field = overrides.get(fold(header).as_ref()).copied().or_else(|| field_for(header));
        if let Some(field) = field.filter(|f| map.column_of(*f).is_none()) {
            map.fields.insert(column, field);
        }
    }
    let named = map.column_of(F::NAME).is_some();
    (named && map.fields.len() >= 2).then_some(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::RosterField;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect()
    }

    #[test]
    fn titles_and_date_lines_are_not_headers() {
        let none = BTreeMap::<String, RosterField>::new();
        assert!(header_map(&row(&["某某医院党员花名册"]), &none).is_none());
        assert!(header_map(&row(&["填报日期：2026年3月1日"]), &none).is_none());
        assert!(header_map(&row(&["姓名"]), &none).is_none(), "a name column alone is not a header");
        let map =
            header_map(&row(&["序号", "姓\u{3000}名", "身份证号码", "出生年月", "籍贯"]), &none).expect("a header");
        assert_eq!(map.column_of(RosterField::Name), Some(1));
        assert_eq!(map.column_of(RosterField::IdNumber), Some(2));
        assert_eq!(map.column_of(RosterField::BirthDate), Some(3));
        assert_eq!(map.headers[&4], "籍贯", "unmapped headers are kept");
        assert!(!map.fields.contains_key(&4));
    }

    #[test]
    fn overrides_map_headers_the_synonyms_do_not_know() {
        let overrides = BTreeMap::from([("工作单位".to_string(), RosterField::Department)]);
        let map = header_map(&row(&["姓名", "工作单位"]), &overrides).expect("a header");
        assert_eq!(map.column_of(RosterField::Department), Some(1));
    }

    #[test]
    fn a_sheet_of_instructions_has_no_header() {
        let none = BTreeMap::<String, RosterField>::new();
        assert!(header_map(&row(&["填表说明"]), &none).is_none());
        assert!(header_map(&row(&["1. 姓名请填写全名"]), &none).is_none());
    }
}
