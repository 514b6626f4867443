//! A decimal number's text to the nearest f64, ties to even, as `str::parse::<f64>` reads it.
//!
//! The standard parser's fast algorithm carries a table of powers of five: with its code,
//! 12.1 KB of the tools wasm gzipped (measured). Summaries hold a few short decimals
//! (completion, a few levels), which the exact fast path reads at once. Any other text is settled
//! by comparing it, in whole numbers, with the halfway points between floats.

use std::cmp::Ordering;

/// A halfway point between two floats has at most 768 significant digits, so digits past
/// these only say whether the number lies above its first ones.
const MAX_DIGITS: usize = 800;

/// `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. Past the
/// largest float it gives an infinity, below the smallest a zero, as the standard parser.
pub fn nearest_f64(text: &str) -> f64 {
    let parts = NumberParts::of(text);
    let nearest = Decimal::read(&parts).nearest();
    if parts.negative { -nearest } else { nearest }
}

/// A JSON number's text in its parts, for each reader of numbers (`json_tree`'s hundredths
/// too): `±whole.fraction × 10^exponent`.
pub(crate) struct NumberParts<'t> {
    pub negative: bool,
    pub whole: &'t str,
    pub fraction: &'t str,
    /// As written, held within ±10^15: far past any that a float or a text can reach.
    pub exponent: i64,
}

impl<'t> NumberParts<'t> {
    pub fn of(text: &'t str) -> NumberParts<'t> {
        let (negative, magnitude) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match magnitude.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, saturating_exponent(exponent)),
            None => (magnitude, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        NumberParts {
            negative,
            whole,
            fraction,
            exponent,
        }
    }
}

/// `digits × 10^exponent`, the digits without leading zeros.
struct Decimal {
    digits: Vec<u8>,
    exponent: i64,
}

impl Decimal {
    fn read(parts: &NumberParts) -> Decimal {
        let mut digits = Vec::new();
        let mut exponent = parts.exponent - parts.fraction.len() as i64;
        let mut beyond_nonzero = false;
        for digit in parts.whole.bytes().chain(parts.fraction.bytes()) {
            if digits.is_empty() && digit == b'0' {
                continue;
            }
            if digits.len() < MAX_DIGITS {
                digits.push(digit - b'0');
            } else {
                exponent += 1;
                beyond_nonzero |= digit != b'0';
            }
        }
        if beyond_nonzero {
            // A last 1 puts the number strictly between its first digits and the next
            // number of that length, where no halfway point lies.
            digits.push(1);
            exponent -= 1;
        }
        Decimal { digits, exponent }
    }

    fn nearest(&self) -> f64 {
        let count = self.digits.len() as i64;
        // 10^(count - 1 + exponent) <= number < 10^(count + exponent)
        if count == 0 || count + self.exponent <= -324 {
            return 0.0;
        }
        if count + self.exponent >= 310 {
            return f64::INFINITY;
        }
        let leading = self.digits.len().min(19);
        let first = self.digits[..leading]
            .iter()
            .fold(0u64, |value, digit| value * 10 + u64::from(*digit));
        // Both operands exact, so one rounding: the nearest float.
        if count <= 15 && self.exponent.abs() <= 22 {
            let power = EXACT_POWERS_OF_TEN[self.exponent.unsigned_abs() as usize];
            return if self.exponent < 0 {
                first as f64 / power
            } else {
                first as f64 * power
            };
        }
        let exponent = self.exponent + count - leading as i64;
        // Within a few floats of the number; scaled in two steps so that nothing underflows.
        let guess = if exponent < -300 {
            first as f64 * power_of_ten(exponent + 300) * 1e-300
        } else {
            first as f64 * power_of_ten(exponent)
        };
        self.settle(guess.min(f64::MAX))
    }

    /// Moves `guess` one float at a time until the number is nearer to it than to either
    /// neighbour, or halfway and its last bit is even.
    fn settle(&self, mut guess: f64) -> f64 {
        // The number made whole once; each midpoint is scaled to it instead.
        let mut number = Big::from_digits(&self.digits);
        number.multiply_by_power_of_ten(self.exponent.max(0));
        loop {
            match self.compare_with_midpoint_above(&number, guess) {
                Ordering::Greater => {}
                Ordering::Equal if is_odd(guess) => {}
                _ => break,
            }
            guess = f64::from_bits(guess.to_bits() + 1);
            if guess.is_infinite() {
                return guess;
            }
        }
        while guess > 0.0 {
            let below = f64::from_bits(guess.to_bits() - 1);
            match self.compare_with_midpoint_above(&number, below) {
                Ordering::Less => {}
                Ordering::Equal if is_odd(guess) => {}
                _ => break,
            }
            guess = below;
        }
        guess
    }

    /// The number, `number × 10^-exponent` with a whole `number`, against the point halfway
    /// between `float` (finite, not negative) and the next float:
    /// `(2 × mantissa + 1) × 2^(binary exponent - 1)`, both sides made whole.
    fn compare_with_midpoint_above(&self, number: &Big, float: f64) -> Ordering {
        let bits = float.to_bits();
        let biased = (bits >> 52) as i64;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, binary_exponent) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | 1 << 52, biased - 1075)
        };
        let mut number = number.clone();
        let mut midpoint = Big::whole(2 * mantissa + 1);
        midpoint.multiply_by_power_of_ten((-self.exponent).max(0));
        let twos = binary_exponent - 1;
        if twos >= 0 {
            midpoint.shift_left(twos);
        } else {
            number.shift_left(-twos);
        }
        number.compare(&midpoint)
    }
}

/// The written exponent, held within ±10^15.
fn saturating_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let value = digits.bytes().fold(0i64, |value, digit| {
        (value * 10 + i64::from(digit - b'0')).min(1_000_000_000_000_000)
    });
    if negative { -value } else { value }
}

/// 10^0 to 10^22: each is a float exactly, and so is each product that builds them.
const EXACT_POWERS_OF_TEN: [f64; 23] = {
    let mut powers = [1.0; 23];
    let mut index = 1;
    while index < powers.len() {
        powers[index] = powers[index - 1] * 10.0;
        index += 1;
    }
    powers
};

/// 10^exponent within a few floats: a first guess, which `settle` corrects.
fn power_of_ten(exponent: i64) -> f64 {
    10f64.powi(exponent as i32)
}

fn is_odd(float: f64) -> bool {
    float.to_bits() & 1 == 1
}

/// A whole number, in base 2^32, least significant limb first.
#[derive(Clone)]
struct Big {
    limbs: Vec<u32>,
}

impl Big {
    fn whole(value: u64) -> Big {
        let mut big = Big { limbs: Vec::new() };
        big.add(value);
        big
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big::whole(0);
        for chunk in digits.chunks(9) {
            big.multiply(10u32.pow(chunk.len() as u32));
            big.add(
                chunk
                    .iter()
                    .fold(0, |value, digit| value * 10 + u64::from(*digit)),
            );
        }
        big
    }

    fn multiply(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.limbs {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.limbs.push(carry as u32);
        }
    }

    /// Adds a number below 2^64.
    fn add(&mut self, mut addend: u64) {
        for limb in &mut self.limbs {
            if addend == 0 {
                return;
            }
            let sum = u64::from(*limb) + (addend & 0xffff_ffff);
            *limb = sum as u32;
            addend = (addend >> 32) + (sum >> 32);
        }
        while addend > 0 {
            self.limbs.push(addend as u32);
            addend >>= 32;
        }
    }

    fn multiply_by_power_of_ten(&mut self, mut exponent: i64) {
        while exponent >= 9 {
            self.multiply(1_000_000_000);
            exponent -= 9;
        }
        self.multiply(10u32.pow(exponent as u32));
    }

    fn shift_left(&mut self, bits: i64) {
        let (whole_limbs, rest) = ((bits / 32) as usize, (bits % 32) as u32);
        if rest > 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let shifted = (u64::from(*limb) << rest) | u64::from(carry);
                *limb = shifted as u32;
                carry = (shifted >> 32) as u32;
            }
            if carry > 0 {
                self.limbs.push(carry);
            }
        }
        self.limbs.splice(0..0, std::iter::repeat_n(0, whole_limbs));
    }

    /// The limbs without the zeros at the most significant end.
    fn significant(&self) -> &[u32] {
        let length = self
            .limbs
            .iter()
            .rposition(|limb| *limb != 0)
            .map_or(0, |at| at + 1);
        &self.limbs[..length]
    }

    fn compare(&self, other: &Big) -> Ordering {
        let (mine, theirs) = (self.significant(), other.significant());
        mine.len()
            .cmp(&theirs.len())
            .then_with(|| mine.iter().rev().cmp(theirs.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn agrees(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let ours = nearest_f64(text);
        assert_eq!(
            ours.to_bits(),
            expected.to_bits(),
            "{text}: {ours:e} against {expected:e}"
        );
    }

    #[test]
    fn the_exact_powers_are_the_written_ones() {
        let written = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        assert_eq!(EXACT_POWERS_OF_TEN, written);
    }

    #[test]
    fn the_limits_and_the_hard_cases_agree_with_the_standard_parser() {
        for text in [
            "0",
            "-0",
            "0.0",
            "0e5",
            "1",
            "-1",
            "0.1",
            "0.857",
            "62.5",
            "100",
            "1.5e1",
            "3.0",
            "9007199254740993",
            "9007199254740995",
            "18014398509481985",
            "1e22",
            "1e23",
            "123456789012345678901234567890",
            "0.30000000000000004",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "1e308",
            "1e309",
            "1e400",
            "-1e400",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "5e-324",
            "1e-324",
            "1e-400",
            "3e-324",
            "7.4109846876186982e-324",
            "1e-323",
            "0.000000000000000000000000000000000000000000001e45",
            "100000000000000000000000000000000000000000e-40",
            "1e100000000000000000000000000",
            "1e-100000000000000000000000000",
        ] {
            agrees(text);
        }
    }

    /// Exactly halfway between two floats, then a hair above and below: ties go to the even
    /// mantissa, and the digits past the first 800 still decide.
    #[test]
    fn halfway_points_round_to_even_and_far_digits_still_count() {
        let mut cases = Vec::new();
        for (mantissa, twos) in [
            (1u128 << 52, 0u32),
            ((1 << 53) - 1, 0),
            (4_503_599_627_370_497, 7),
            (6_004_799_503_160_661, 60),
        ] {
            cases.push(((2 * mantissa + 1) << twos).to_string());
        }
        for (mantissa, fives) in [
            (1u128 << 52, 1u32),
            (4_503_599_627_370_497, 20),
            (5_000_000_000_000_001, 31),
        ] {
            // (2m + 1) × 2^-j = (2m + 1) × 5^j × 10^-j
            cases.push(format!(
                "{}e-{fives}",
                (2 * mantissa + 1) * 5u128.pow(fives)
            ));
        }
        for halfway in cases {
            agrees(&halfway);
            let (digits, exponent) = halfway.split_once('e').unwrap_or((&halfway, "0"));
            let zeros = "0".repeat(900);
            agrees(&format!("{digits}.{zeros}1e{exponent}"));
            let below = (digits.parse::<u128>().unwrap() - 1).to_string();
            agrees(&format!("{below}.{}e{exponent}", "9".repeat(900)));
        }
    }

    /// The search ends on the same float from any start: the first guess is usually already
    /// right, which would leave the steps up and down untried.
    #[test]
    fn settling_from_far_below_or_above_finds_the_same_float() {
        let halfway_below_even = "9007199254740993"; // between 2^53 (even) and 2^53 + 2
        let halfway_above_even = "9007199254740995"; // between 2^53 + 2 and 2^53 + 4 (even)
        for text in [
            halfway_below_even,
            halfway_above_even,
            "0.857",
            "2.4703282292062328e-324",
            "1.7976931348623158e308",
            "123456789012345678901234567890e-200",
        ] {
            let expected: f64 = text.parse().unwrap();
            let decimal = Decimal::read(&NumberParts::of(text));
            for steps in [-3i64, -1, 1, 3] {
                let start = f64::from_bits(
                    expected
                        .to_bits()
                        .saturating_add_signed(steps)
                        .min(f64::MAX.to_bits()),
                );
                assert_eq!(
                    decimal.settle(start).to_bits(),
                    expected.to_bits(),
                    "{text} from {steps} floats away"
                );
            }
        }
    }

    fn json_number() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "(0|[1-9][0-9]{0,24})",
            proptest::option::of("[0-9]{1,24}"),
            proptest::option::of(-360i32..360),
        )
            .prop_map(|(negative, whole, fraction, exponent)| {
                let mut text = if negative {
                    "-".to_string()
                } else {
                    String::new()
                };
                text.push_str(&whole);
                if let Some(fraction) = fraction {
                    text.push('.');
                    text.push_str(&fraction);
                }
                if let Some(exponent) = exponent {
                    text.push_str(&format!("e{exponent}"));
                }
                text
            })
    }

    proptest! {
        #[test]
        fn any_number_agrees_with_the_standard_parser(text in json_number()) {
            let expected: f64 = text.parse().unwrap();
            prop_assert_eq!(nearest_f64(&text).to_bits(), expected.to_bits());
        }

        /// Every float written the shortest way, with 17 digits, and with many more.
        #[test]
        fn any_float_reads_back_as_itself_and_long_forms_agree(bits in any::<u64>()) {
            let float = f64::from_bits(bits);
            prop_assume!(float.is_finite());
            let shortest = format!("{float:e}");
            prop_assert_eq!(nearest_f64(&shortest).to_bits(), bits);
            for digits in [16, 40, 780, 1000] {
                let long = format!("{float:.digits$e}");
                let expected: f64 = long.parse().unwrap();
                prop_assert_eq!(nearest_f64(&long).to_bits(), expected.to_bits());
            }
        }
    }
}
