//! Reading one cell's value the way spreadsheets really hold it (rosters,
//! volunteer hours).
//!
//! A [`Cell`] is what a spreadsheet or CSV gave: text, a number, an Excel date
//! serial, or nothing. The functions here turn a cell into a field's value or
//! into a Chinese message saying what is wrong and how to fix the sheet.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::date::PartialDate;
use crate::store::{Category, Gender, MemberStatus};

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text (CSV cells are always text).
    Text(String),
    /// A number.
    Number(f64),
    /// A date or date-time, as an Excel serial day number.
    Date(f64),
    /// A boolean.
    Bool(bool),
}

impl Cell {
    /// True when the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages and text fields.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::Date(serial) => excel_date(*serial).map(|d| d.to_string()).unwrap_or_else(|| format_number(*serial)),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

/// A number without a spurious `.0`, as Excel shows a whole number.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The day an Excel serial stands for (1900 date system; serial 60 is Excel's phantom 1900-02-29).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Folds full-width ASCII to half-width and drops all white space (including
/// U+3000). Most text has neither, and comes back as it is, without a copy.
pub fn fold(text: &str) -> Cow<'_, str> {
    let full_width = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c);
    if !text.chars().any(|c| c.is_whitespace() || full_width(c)) {
        return Cow::Borrowed(text);
    }
    let half_width = |c: char| if full_width(c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c };
    Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).map(half_width).collect())
}

/// A cell's text, [`fold`]ed.
fn folded(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(text) => fold(text),
        other => Cow::Owned(other.display()),
    }
}

/// Reads a date: an Excel date, 19850312 or 198503 as a number, or text in the
/// forms rosters use (1985-03-12, 1985/3/12, 1985.3.12, 1985年3月12日,
/// 19850312; month-only 1985.03, 1985年3月, 1985-03, 198503).
pub fn date(cell: &Cell) -> Result<PartialDate, String> {
    match cell {
        Cell::Date(serial) => excel_date(*serial).map(PartialDate::day).ok_or_else(|| bad_date(&cell.display())),
        Cell::Number(n) if n.fract() == 0.0 => date_text(&format_number(*n)),
        Cell::Number(n) if (1.0..80_000.0).contains(n) => {
            excel_date(*n).map(PartialDate::day).ok_or_else(|| bad_date(&cell.display()))
        }
        Cell::Text(text) => date_text(text),
        _ => Err(bad_date(&cell.display())),
    }
}

fn bad_date(text: &str) -> String {
    format!("「{text}」不是可识别的日期：请写成 1985-03-12、1985/3/12、1985.3.12、1985年3月12日 或 19850312；只知道年月时写成 1985.03 或 1985年3月")
}

fn date_text(text: &str) -> Result<PartialDate, String> {
    // A date-time such as "1985-03-12 00:00:00" keeps only its date.
    let date_part = match text.contains(':') {
        true => text.trim().split([' ', 'T']).next().unwrap_or_default(),
        false => text,
    };
    let folded = fold(date_part);
    let folded = folded.as_ref();
    let digits_only = folded.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = if digits_only {
        match folded.len() {
            8 => vec![&folded[..4], &folded[4..6], &folded[6..]],
            6 => vec![&folded[..4], &folded[4..]],
            _ => return Err(bad_date(text)),
        }
    } else {
        folded.trim_end_matches('日').split(['-', '/', '.', '年', '月']).filter(|p| !p.is_empty()).collect()
    };
    let number = |p: &str| p.parse::<u32>().map_err(|_| bad_date(text));
    match parts[..] {
        [y, m] if y.len() == 4 && m.len() <= 2 => {
            PartialDate::month(number(y)? as i32, number(m)?).ok_or_else(|| bad_date(text))
        }
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
                .map(PartialDate::day)
                .ok_or_else(|| format!("日期「{}」不存在（如 2 月 30 日），请核对", text.trim()))
        }
        _ => Err(bad_date(text)),
    }
}

/// Reads an ID number as text. A number has already lost digits inside the file.
pub fn id_number(cell: &Cell) -> Result<String, String> {
    match cell {
        Cell::Text(text) => Ok(fold(text).to_uppercase()),
        Cell::Number(n) if *n >= 1e14 => Err(format!(
            "身份证号被 Excel 按数字保存（显示为 {}），超过 15 位的数字末几位已经丢失，无法恢复；请把该列设为「文本」格式后重新填写这个号码",
            format_number(*n)
        )),
        other => Err(format!("身份证号「{}」不是 18 位号码，请核对", other.display())),
    }
}

/// Reads 男 / 女.
pub fn gender(cell: &Cell) -> Result<Gender, String> {
    Gender::parse(&folded(cell)).ok_or_else(|| format!("性别「{}」无法识别，请填写 男 或 女", cell.display()))
}

/// Reads 正式党员 / 预备党员 (also 正式 / 预备).
pub fn category(cell: &Cell) -> Result<Category, String> {
    Category::parse(&folded(cell))
        .ok_or_else(|| format!("人员类别「{}」无法识别，请填写 正式党员 或 预备党员", cell.display()))
}

/// Reads 在册 / 转出 / 停止党籍 / 去世.
pub fn status(cell: &Cell) -> Result<MemberStatus, String> {
    MemberStatus::parse(&folded(cell))
        .ok_or_else(|| format!("党籍状态「{}」无法识别，可填写：{}", cell.display(), MemberStatus::choices()))
}

/// Reads 是 / 否.
pub fn yes_no(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        _ => match folded(cell).as_ref() {
            "是" | "Y" | "y" | "√" | "1" => Ok(true),
            "否" | "N" | "n" | "×" | "0" | "" => Ok(false),
            _ => Err(format!("「{}」应填写 是 或 否", cell.display())),
        },
    }
}

/// Reads a phone number, typed as text or as a number.
pub fn phone(cell: &Cell) -> Result<String, String> {
    let text = folded(cell);
    let ok = text.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | ')' | '（' | '）' | '转'));
    if ok && text.chars().filter(char::is_ascii_digit).count() >= 7 {
        Ok(text.into_owned())
    } else {
        Err(format!("手机号码「{}」不像电话号码，请核对", cell.display()))
    }
}

/// Reads volunteer hours: a number, or text such as 2、1.5、2小时、1.5h. An
/// activity's hours are more than 0 and at most 24.
pub fn hours(cell: &Cell) -> Result<f64, String> {
    let read = match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(_) => folded(cell).trim_end_matches(['小', '时', '个', 'h', 'H']).parse::<f64>().ok(),
        _ => None,
    };
    let hours = read
        .filter(|h| h.is_finite())
        .ok_or_else(|| format!("时长「{}」不是数字：请填写小时数，如 2、1.5 或 2小时", cell.display()))?;
    if hours > 0.0 && hours <= 24.0 {
        Ok(hours)
    } else {
        Err(format!("时长 {} 小时不合理：一次活动的志愿服务时长应大于 0、不超过 24 小时，请核对", format_number(hours)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    #[test]
    fn reads_every_date_form_rosters_use() {
        let day = [
            "1985-03-12",
            "1985/3/12",
            "1985.3.12",
            "1985年3月12日",
            "19850312",
            "１９８５－０３－１２",
            "1985-03-12 00:00:00",
        ];
        for form in day {
            assert_eq!(date(&text(form)).unwrap().to_string(), "1985-03-12", "{form}");
        }
        for form in ["1985.03", "1985年3月", "1985-03", "198503", "1985.3"] {
            assert_eq!(date(&text(form)).unwrap().to_string(), "1985-03", "{form} stays month-only");
        }
        assert_eq!(date(&Cell::Number(19_850_312.0)).unwrap().to_string(), "1985-03-12");
        assert_eq!(date(&Cell::Date(31_118.0)).unwrap().to_string(), "1985-03-12", "an Excel serial");
    }

    #[test]
    fn refuses_impossible_and_unreadable_dates() {
        assert!(date(&text("1985-02-30")).unwrap_err().contains("不存在"));
        assert!(date(&text("去年春天")).unwrap_err().contains("不是可识别的日期"));
        assert!(date(&text("1985-13")).is_err());
    }

    #[test]
    fn an_id_number_typed_as_a_number_is_refused_with_the_fix() {
        let err = id_number(&Cell::Number(310_116_198_503_120_000.0)).unwrap_err();
        assert!(err.contains("按数字保存") && err.contains("文本"), "{err}");
        assert_eq!(id_number(&text(" 11010519491231002x ")).unwrap(), "11010519491231002X");
    }

    #[test]
    fn folds_full_width_and_ideographic_spaces() {
        assert_eq!(fold("姓\u{3000}名"), "姓名");
        assert_eq!(fold("ＡＢ１ ２"), "AB12");
    }

    #[test]
    fn reads_phones_typed_as_numbers() {
        assert_eq!(phone(&Cell::Number(13_812_345_678.0)).unwrap(), "13812345678");
        assert!(phone(&text("无")).is_err());
    }

    #[test]
    fn reads_hours_as_numbers_and_as_text_within_a_day() {
        for (cell, expected) in [
            (Cell::Number(2.0), 2.0),
            (text("1.5"), 1.5),
            (text("2小时"), 2.0),
            (text("１.５ h"), 1.5),
            (text("3个小时"), 3.0),
        ] {
            assert_eq!(hours(&cell).unwrap(), expected, "{cell:?}");
        }
        assert!(hours(&text("abc")).unwrap_err().contains("不是数字"));
        assert!(hours(&text("NaN")).unwrap_err().contains("不是数字"));
        assert!(hours(&Cell::Number(30.0)).unwrap_err().contains("不超过 24 小时"));
        assert!(hours(&Cell::Number(0.0)).unwrap_err().contains("应大于 0"));
    }
}
