//! How the reports write numbers, rates and ordinals.

/// A count or an amount as printed: whole numbers without decimals, others
/// with one (12, 3.5).
pub(crate) fn amount(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A percentage as printed (93.5%), or 暂无 when there is nothing to judge.
pub(crate) fn rate(percent: Option<f64>) -> String {
    percent.map_or_else(|| "暂无".to_string(), |p| format!("{}%", amount(p)))
}

/// A share given as a fraction (0.9) printed as a percentage (90%), or 暂无.
pub(crate) fn fraction(share: Option<f64>) -> String {
    rate(share.map(|s| s * 100.0))
}

/// A number written in Chinese (一, 十二, 六十), for section ordinals up to 99.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_drop_needless_decimals() {
        assert_eq!(amount(12.0), "12");
        assert_eq!(amount(3.5), "3.5");
        assert_eq!(amount(2.04), "2");
        assert_eq!(rate(Some(87.54)), "87.5%");
        assert_eq!(rate(None), "暂无");
        assert_eq!(fraction(Some(0.875)), "87.5%");
    }

    #[test]
    fn ordinals_read_as_chinese() {
        let read: Vec<String> = [1, 10, 11, 20, 36, 60].into_iter().map(chinese_number).collect();
        assert_eq!(read, ["一", "十", "十一", "二十", "三十六", "六十"]);
    }
}
