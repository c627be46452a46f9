//! Citizen ID numbers (公民身份号码, GB 11643-1999) and masking of personal data.
//!
//! An ID number is 18 characters: a 6-digit area code, the 8-digit birth date,
//! a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
//! check character. ID and phone numbers are personal information (PIPL) and
//! are shown masked unless the full value is needed.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::store::Gender;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A well-formed ID number, upper-case, with a correct check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber(String);

impl IdNumber {
    /// Checks the length, the digits, the birth date and the check character.
    pub fn parse(text: &str) -> Result<Self> {
        let id = text.trim().to_uppercase();
        if id.contains('*') {
            return Err(Error::Invalid(format!(
                "身份证号「{id}」是打码显示的号码，不能作为身份证号保存；请填写完整号码（花名册导出时默认打码，需要导入的名册请导出“完整号码”）"
            )));
        }
        let bytes = id.as_bytes();
        let well_formed = bytes.len() == 18
            && bytes[..17].iter().all(u8::is_ascii_digit)
            && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
        if !well_formed {
            return Err(Error::Invalid(format!("身份证号「{id}」应为 18 位：前 17 位是数字，最后一位是数字或 X")));
        }
        let expected = check_char(&id[..17]);
        if char::from(bytes[17]) != expected {
            return Err(Error::Invalid(format!(
                "身份证号「{id}」校验位不符（按前 17 位应为 {expected}），请核对是否输错，或是否被 Excel 按数字保存而丢失了末位"
            )));
        }
        let number = IdNumber(id);
        if number.birth_date().is_none() {
            return Err(Error::Invalid(format!(
                "身份证号「{}」中的出生日期 {} 不存在，请核对",
                number.0,
                &number.0[6..14]
            )));
        }
        Ok(number)
    }

    /// The birth date encoded in characters 7–14.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let number = |range: std::ops::Range<usize>| self.0[range].parse::<u32>().ok();
        NaiveDate::from_ymd_opt(number(6..10)? as i32, number(10..12)?, number(12..14)?)
    }

    /// The sex encoded by the parity of character 17.
    pub fn gender(&self) -> Gender {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The GB 11643 check character for the first 17 digits.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Masks all but the first `keep_start` and last `keep_end` characters with `*`.
pub fn mask(text: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < keep_start || i >= chars.len() - keep_end { *c } else { '*' })
        .collect()
}

/// An ID number as shown wherever it is not revealed: the province alone,
/// `31****************`.
///
/// Screens that show a masked number also show the birth date and the sex,
/// which are characters 7–14 and the parity of character 17, and a branch
/// whose members mostly share an area code. Any character of the sequence
/// or the check character shown beside them would leave a handful of
/// candidates for the whole number (first 4 + last 4 left about nine), so
/// none is: even knowing the area code, about 500 numbers remain.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 2, 0)
}

/// A phone number as shown wherever it is not revealed: `138****5678`, the
/// national convention. Nothing else on a screen tells of the hidden middle
/// digits, so 10,000 numbers remain.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_number_and_reads_birth_and_sex() {
        let id = IdNumber::parse("11010519491231002x").expect("a valid ID with lower-case x");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
        assert_eq!(id.gender(), Gender::Female, "sequence 002 is even: female");
    }

    #[test]
    fn refuses_a_wrong_check_character_and_says_what_it_should_be() {
        let err = IdNumber::parse("110105194912310021").unwrap_err().to_string();
        assert!(err.contains("校验位不符") && err.contains("应为 X"), "{err}");
    }

    #[test]
    fn refuses_short_numbers_and_impossible_birth_dates() {
        assert!(IdNumber::parse("11010519491231").is_err());
        let feb30 = format!("11010519850230001{}", check_char("11010519850230001"));
        assert!(IdNumber::parse(&feb30).unwrap_err().to_string().contains("不存在"));
    }

    #[test]
    fn masks_personal_numbers() {
        assert_eq!(mask_id_number("310101198503120017"), "31****************");
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }

    /// The whole numbers that agree with a masked one, given what a screen
    /// shows beside it (birth date and sex) and, at worst, the full area code.
    fn candidates(masked: &str, area: &str, birth: &str, gender: Gender) -> Vec<String> {
        (0..1000)
            .map(|sequence| format!("{area}{birth}{sequence:03}"))
            .map(|first17| format!("{first17}{}", check_char(&first17)))
            .filter(|id| IdNumber::parse(id).is_ok_and(|n| n.gender() == gender))
            .filter(|id| id.chars().zip(masked.chars()).all(|(c, m)| m == '*' || m == c))
            .collect()
    }

    #[test]
    fn a_masked_id_with_the_birth_date_sex_and_area_code_beside_it_leaves_hundreds_of_candidates() {
        for id in ["310101198503120014", "11010519491231002X", "440305200002290045"] {
            let number = IdNumber::parse(id).expect("valid");
            let found = candidates(&mask_id_number(id), &id[..6], &id[6..14], number.gender());
            assert!(found.contains(&id.to_string()), "{id} is among its own candidates");
            assert!(found.len() >= 400, "{id} masked as {} leaves {} candidates", mask_id_number(id), found.len());
        }
        // What the old form (first 4 + last 4) gave away, for the record.
        let old = mask("310101198503120014", 4, 4);
        assert!(candidates(&old, "310101", "19850312", Gender::Male).len() <= 10);
    }
}
