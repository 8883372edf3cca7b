//! Dates and numbers as each language writes them, in one place.
//!
//! English keeps ISO 8601 (`2026-03-05`, unambiguous for an international audience), Brazilian
//! Portuguese writes `05/03/2026` and `1.234,5`, Chinese `2026年3月5日` and `1,234.5`. Times are
//! always UTC and say so.
//!
//! Listing pages format a hundred dates each, so nothing here allocates: the text is written
//! into a small buffer on the stack ([`Formatted`]) that templates print directly (it is
//! `Display`) or pass on as a `&str` (a message argument).

use std::fmt::{self, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};

use super::Lang;

/// A short formatted value (a date, a time, a number), held inline.
#[derive(Clone, Copy)]
pub struct Formatted {
    buf: [u8; Formatted::CAPACITY],
    len: u8,
}

impl Formatted {
    /// Enough for the longest value written here: `2026年12月31日 23:59 UTC` is 27 bytes, the
    /// smallest `i64` with separators 26.
    const CAPACITY: usize = 40;

    fn new() -> Formatted {
        Formatted {
            buf: [0; Formatted::CAPACITY],
            len: 0,
        }
    }

    pub fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended (see `write_str`), so this cannot fail.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl Write for Formatted {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let start = usize::from(self.len);
        let end = start + s.len();
        if end > Formatted::CAPACITY {
            return Err(fmt::Error);
        }
        self.buf[start..end].copy_from_slice(s.as_bytes());
        self.len = end as u8;
        Ok(())
    }
}

impl fmt::Display for Formatted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Formatted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for Formatted {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Lang {
    /// The calendar date of `at` (UTC).
    pub fn date(self, at: &NaiveDateTime) -> Formatted {
        let mut out = Formatted::new();
        // Writing can fail only by overflowing the buffer, which these lengths never do.
        let _ = self.write_date(&mut out, at);
        out
    }

    /// Date and time to the minute, marked UTC.
    pub fn datetime(self, at: &NaiveDateTime) -> Formatted {
        let mut out = Formatted::new();
        let _ = self.write_date(&mut out, at);
        let _ = write!(out, " {:02}:{:02} UTC", at.hour(), at.minute());
        out
    }

    fn write_date(self, out: &mut Formatted, at: &NaiveDateTime) -> fmt::Result {
        let (y, m, d) = (at.year(), at.month(), at.day());
        match self {
            Lang::En => write!(out, "{y:04}-{m:02}-{d:02}"),
            Lang::PtBr => write!(out, "{d:02}/{m:02}/{y:04}"),
            Lang::ZhCn => write!(out, "{y}年{m}月{d}日"),
        }
    }

    /// The characters between groups of thousands and before decimals.
    fn separators(self) -> (char, char) {
        match self {
            Lang::En | Lang::ZhCn => (',', '.'),
            Lang::PtBr => ('.', ','),
        }
    }

    /// A count with thousands separators: `12,345` or `12.345`.
    pub fn number(self, n: i64) -> Formatted {
        let mut out = Formatted::new();
        if n < 0 {
            let _ = out.write_char('-');
        }
        let _ = self.write_grouped(&mut out, n.unsigned_abs());
        out
    }

    /// A value with one decimal, as percentages are shown: `12.5` or `12,5`.
    pub fn decimal1(self, x: f64) -> Formatted {
        let mut out = Formatted::new();
        let tenths = (x * 10.0).round();
        if !tenths.is_finite() {
            let _ = out.write_char('–');
            return out;
        }
        if tenths < 0.0 {
            let _ = out.write_char('-');
        }
        // Saturates for absurd values, which no share or percentage is.
        let tenths = tenths.abs() as u64;
        let _ = self.write_grouped(&mut out, tenths / 10);
        let _ = write!(out, "{}{}", self.separators().1, tenths % 10);
        out
    }

    fn write_grouped(self, out: &mut Formatted, n: u64) -> fmt::Result {
        let mut digits = [0u8; 20];
        let mut len = 0;
        let mut rest = n;
        loop {
            digits[len] = b'0' + (rest % 10) as u8;
            len += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let group = self.separators().0;
        for i in (0..len).rev() {
            out.write_char(char::from(digits[i]))?;
            if i > 0 && i % 3 == 0 {
                out.write_char(group)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 7)
            .unwrap()
    }

    #[test]
    fn dates_per_language() {
        let t = at(2026, 3, 5, 9, 4);
        assert_eq!(Lang::En.date(&t), "2026-03-05");
        assert_eq!(Lang::PtBr.date(&t), "05/03/2026");
        assert_eq!(Lang::ZhCn.date(&t), "2026年3月5日");
        assert_eq!(Lang::En.datetime(&t), "2026-03-05 09:04 UTC");
        assert_eq!(Lang::PtBr.datetime(&t), "05/03/2026 09:04 UTC");
        assert_eq!(Lang::ZhCn.datetime(&t), "2026年3月5日 09:04 UTC");
        // Two-digit days and months, and the longest Chinese form, fit.
        let late = at(2026, 12, 31, 23, 59);
        assert_eq!(Lang::PtBr.date(&late), "31/12/2026");
        assert_eq!(Lang::ZhCn.datetime(&late), "2026年12月31日 23:59 UTC");
        assert_eq!(Lang::ZhCn.datetime(&late).to_string().len(), 27);
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::En.number(1000), "1,000");
        assert_eq!(Lang::PtBr.number(1000), "1.000");
        assert_eq!(Lang::ZhCn.number(1_234_567), "1,234,567");
        assert_eq!(Lang::PtBr.number(1_234_567), "1.234.567");
        assert_eq!(Lang::PtBr.number(-12_345), "-12.345");
        assert_eq!(Lang::En.number(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(Lang::En.number(i64::MAX), "9,223,372,036,854,775,807");
    }

    #[test]
    fn one_decimal_per_language() {
        assert_eq!(Lang::En.decimal1(12.34), "12.3");
        assert_eq!(Lang::PtBr.decimal1(12.36), "12,4");
        assert_eq!(Lang::ZhCn.decimal1(100.0), "100.0");
        assert_eq!(Lang::PtBr.decimal1(0.0), "0,0");
        assert_eq!(Lang::En.decimal1(-0.25), "-0.3");
        assert_eq!(Lang::PtBr.decimal1(12_345.6), "12.345,6");
        assert_eq!(Lang::En.decimal1(f64::NAN), "–");
    }
}
