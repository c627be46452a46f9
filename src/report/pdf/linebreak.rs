//! Breaking running text into lines that fit a width.
//!
//! Break opportunities come from the Unicode line-breaking algorithm (UAX #14),
//! which already keeps closing punctuation (，。、）》” …) off the start of a
//! line, opening punctuation (（《“ …) off its end, and numbers and Latin words
//! whole. Lines are filled greedily; a piece longer than a whole line (a long
//! URL, a run of digits) is broken between characters as a last resort.

use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};

/// Breaks `text` into lines: the first at most `first_width` wide, the others at
/// most `width`, measuring each character with `advance`. Mandatory breaks (line
/// feeds) are honoured; spaces at a line's end are dropped. Empty text gives one
/// empty line.
pub(super) fn break_lines(text: &str, first_width: f32, width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    let limit = |lines: &Vec<String>| if lines.is_empty() { first_width } else { width };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    let mut start = 0;
    for (end, opportunity) in linebreaks(text) {
        let piece = &text[start..end];
        start = end;
        let piece_width = visible_width(piece, advance);
        if !line.is_empty() && line_width + piece_width > limit(&lines) {
            lines.push(finish(&mut line));
            line_width = 0.0;
        }
        if piece_width > limit(&lines) {
            // Longer than a whole line: break between characters as a last resort,
            // still keeping punctuation with what it closes or opens (the line may
            // then overflow by a character).
            for c in piece.chars() {
                let w = advance(c);
                let may_break = !c.is_whitespace() && !closing(c) && !line.ends_with(opening);
                if !line.is_empty() && line_width + w > limit(&lines) && may_break {
                    lines.push(finish(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        } else {
            line.push_str(piece);
            line_width += piece.chars().map(advance).sum::<f32>();
        }
        if opportunity == BreakOpportunity::Mandatory && end < text.len() {
            lines.push(finish(&mut line));
            line_width = 0.0;
        }
    }
    lines.push(finish(&mut line));
    lines
}

/// Whether `c` must not start a line (closing punctuation, 。，、！ …).
fn closing(c: char) -> bool {
    use BreakClass::*;
    matches!(
        break_property(u32::from(c)),
        ClosePunctuation | CloseParenthesis | Exclamation | NonStarter | InfixSeparator
    ) || matches!(c, '”' | '’')
}

/// Whether `c` must not end a line (（《“ …).
fn opening(c: char) -> bool {
    matches!(break_property(u32::from(c)), BreakClass::OpenPunctuation) || matches!(c, '“' | '‘')
}

/// The width of a piece without the spaces it ends with (they may hang past the
/// margin, since they are dropped at a line's end).
fn visible_width(piece: &str, advance: &dyn Fn(char) -> f32) -> f32 {
    piece.trim_end().chars().map(advance).sum()
}

/// Takes the line built so far, without its trailing whitespace and line feeds.
fn finish(line: &mut String) -> String {
    let done = line.trim_end().to_string();
    line.clear();
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ideographs and full-width punctuation one unit wide, the rest half a unit.
    fn advance(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    const CLOSING: &str = "，。、；：！？）》」』”’】〕…";

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let text = "支部委员会召开会议，传达学习上级精神。会议强调：要把学习成果转化为工作动力（包括“三会一课”）！同志们认真讨论、积极发言；大家表示，一定落实《意见》要求……";
        for width in 3..=20 {
            let lines = break_lines(text, width as f32 - 2.0, width as f32, &advance);
            assert_eq!(lines.concat(), text, "width {width}");
            for line in &lines[1..] {
                let first = line.chars().next().expect("no empty line");
                assert!(!CLOSING.contains(first), "width {width}: line starts with {first}: {lines:?}");
            }
            for line in &lines {
                let last = line.chars().last().expect("no empty line");
                assert!(!"（《“‘【〔「『".contains(last), "width {width}: line ends with {last}: {lines:?}");
            }
        }
    }

    #[test]
    fn numbers_and_words_stay_whole() {
        let text = "本年度累计学习时长12345.5小时，使用WebDriver自动测试，完成率达到98.6%。";
        for width in 8..=30 {
            let lines = break_lines(text, width as f32, width as f32, &advance);
            assert_eq!(lines.concat(), text);
            assert!(lines.iter().any(|l| l.contains("12345.5")), "width {width}: {lines:?}");
            assert!(lines.iter().any(|l| l.contains("WebDriver")), "width {width}: {lines:?}");
            assert!(lines.iter().any(|l| l.contains("98.6%")), "width {width}: {lines:?}");
        }
    }

    #[test]
    fn lines_fit_and_overlong_words_are_cut() {
        let text = "链接https://example.org/a/very/long/path/that/cannot/fit 结束";
        let lines = break_lines(text, 10.0, 10.0, &advance);
        for line in &lines {
            // At most one character over: punctuation stays with what it follows.
            assert!(line.chars().map(advance).sum::<f32>() <= 10.5, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn line_feeds_and_empty_text() {
        assert_eq!(break_lines("甲\n乙", 10.0, 10.0, &advance), ["甲", "乙"]);
        assert_eq!(break_lines("", 10.0, 10.0, &advance), [""]);
        assert_eq!(break_lines("Hello world", 3.0, 3.0, &advance), ["Hello", "world"]);
    }
}
