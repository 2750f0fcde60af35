//! Check-digit algorithms of ИНН and ОГРН (алгоритмы контрольных чисел ФНС России: ИНН — весовые коэффициенты, сумма по модулю 11 и 10; ОГРН — по модулю 11, ОГРНИП — по модулю 13, затем по модулю 10).
//!
//! The functions take the digits as bytes `b'0'..=b'9'` and return the
//! check digit(s) the number must end with. They assume the caller has
//! checked length and digits.

fn weighted(digits: &[u8], weights: &[u32]) -> u8 {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b'0' + (sum % 11 % 10) as u8
}

/// Контрольное число ИНН организации (10 цифр): веса 2 4 10 3 5 9 4 6 8,
/// сумма mod 11 mod 10. Takes the first 9 digits, returns the 10th.
pub fn inn10_check(first9: &[u8]) -> u8 {
    weighted(first9, &[2, 4, 10, 3, 5, 9, 4, 6, 8])
}

/// Контрольные числа ИНН физического лица (12 цифр). Takes the first 10
/// digits, returns the 11th and 12th.
pub fn inn12_check(first10: &[u8]) -> [u8; 2] {
    let d11 = weighted(first10, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    let mut eleven = [0u8; 11];
    eleven[..10].copy_from_slice(&first10[..10]);
    eleven[10] = d11;
    let d12 = weighted(&eleven, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    [d11, d12]
}

fn number(digits: &[u8]) -> u64 {
    digits
        .iter()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
}

/// Контрольное число ОГРН (13 цифр): первые 12 цифр как число mod 11 mod 10.
pub fn ogrn13_check(first12: &[u8]) -> u8 {
    b'0' + (number(first12) % 11 % 10) as u8
}

/// Контрольное число ОГРНИП (15 цифр): первые 14 цифр как число mod 13 mod 10.
/// (python-stdnum omits the final mod 10 and wrongly rejects numbers whose
/// remainder is 10; this one does not.)
pub fn ogrnip15_check(first14: &[u8]) -> u8 {
    b'0' + (number(first14) % 13 % 10) as u8
}

/// Checks that `s` is exactly `len` ASCII digits.
pub(crate) fn check_digits(
    what: &'static str,
    expected: &'static str,
    s: &str,
    len: usize,
) -> Result<(), crate::IdError> {
    for (i, ch) in s.chars().enumerate() {
        if !ch.is_ascii_digit() {
            return Err(crate::IdError::BadChar {
                what,
                ch,
                pos: i + 1,
            });
        }
    }
    if s.len() != len {
        return Err(crate::IdError::Length {
            what,
            expected,
            got: s.chars().count(),
        });
    }
    Ok(())
}
