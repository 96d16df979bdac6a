//! Text as a hostile or careless campaign author writes it: every control character, bidi
//! overrides, combining and zero-width marks, wide CJK and emoji, and colours valid or not.

use proptest::prelude::*;
use proptest::sample::select;

/// The bidi controls the sanitiser promises to replace (see `text::sanitize`).
pub const BIDI: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Unicode's line and paragraph separators: a line break to some, a character to others.
pub const SEPARATORS: &[char] = &['\u{2028}', '\u{2029}'];

/// Characters that take no cell, or change the width of the one before them.
const ZERO_WIDTH: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{FE0E}', '\u{FE0F}',
    '\u{1160}', '\u{115F}', '\u{034F}', '\u{180E}',
];

/// Whole sequences a character-by-character generator would rarely build.
const PIECES: &[&str] = &[
    "Winter sale",
    " ",
    "❄️",
    "👨‍👩‍👧",
    "🇯🇵",
    "e\u{301}",
    "\u{301}",
    "今日だけ",
    "ｆｕｌｌ",
    "\r\n",
    "\n",
    "\t",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\u{9b}31m",
    "\u{202E}evil.exe",
    "\u{2066}x\u{2069}",
    "1\u{2028}2\u{2029}3",
    "#FF0000",
    "https://example.com/a.png",
    "\0",
    "\u{7f}",
    "\u{FFFD}",
    "\u{10FFFF}",
];

fn ch(n: u32) -> char {
    char::from_u32(n).unwrap_or('\u{FFFD}')
}

/// One character, weighted toward the troublesome kinds.
pub fn nasty_char() -> BoxedStrategy<char> {
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => Just(' '),
        3 => (0u32..0x20).prop_map(ch),
        1 => Just('\u{7F}'),
        2 => (0x80u32..0xA0).prop_map(ch),
        2 => select(BIDI),
        1 => select(SEPARATORS),
        2 => (0x300u32..0x370).prop_map(ch),
        2 => select(ZERO_WIDTH),
        3 => (0x4E00u32..0xA000).prop_map(ch),
        1 => (0xFF01u32..0xFF5F).prop_map(ch),
        2 => (0x1F300u32..0x1FB00).prop_map(ch),
        1 => (0x1F1E6u32..0x1F200).prop_map(ch),
        2 => any::<char>(),
    ]
    .boxed()
}

/// Any text up to about `max` characters.
pub fn nasty(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        3 => proptest::collection::vec(nasty_char(), 0..=max)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        2 => proptest::collection::vec(select(PIECES), 0..=(max / 4).max(1))
            .prop_map(|pieces| pieces.concat()),
        1 => (select(PIECES), 1usize..=max.max(1)).prop_map(|(p, n)| p.repeat(n)),
    ]
    .boxed()
}

/// Short text, as ids and names usually are.
pub fn short() -> BoxedStrategy<String> {
    nasty(12).boxed()
}

/// A colour: every form Pinpoint and CSS allow, near misses, and any text.
pub fn colour() -> BoxedStrategy<String> {
    let hex = prop_oneof![
        any::<[u8; 3]>().prop_map(|[r, g, b]| format!("#{r:02X}{g:02x}{b:02X}")),
        any::<[u8; 4]>().prop_map(|[r, g, b, a]| format!("#{r:02x}{g:02x}{b:02x}{a:02x}")),
        (0u8..16, 0u8..16, 0u8..16).prop_map(|(r, g, b)| format!("#{r:x}{g:X}{b:x}")),
    ];
    let named = select(
        &[
            "red",
            "white",
            "black",
            "transparent",
            "rebeccapurple",
            "rgb(300, -1, 20)",
            "hsl(120 100% 50%)",
            "#",
            "#GGG",
            "#12345",
            "#1234567890",
            "FFFFFF",
            "",
            " #fff ",
            "#ＦＦＦ",
        ][..],
    );
    prop_oneof![3 => hex, 2 => named.prop_map(str::to_string), 1 => short()].boxed()
}

/// A wire enum's value: one it knows, or anything.
pub fn wire(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![3 => select(known).prop_map(str::to_string), 1 => short()].boxed()
}

/// A number as Pinpoint's integers come: small, signed, or at the ends.
pub fn int() -> BoxedStrategy<i32> {
    prop_oneof![4 => -2..12i32, 1 => any::<i32>(), 1 => select(&[i32::MIN, i32::MAX][..])].boxed()
}

/// An instant as EndDate carries it: near the pinned clock, far, malformed, or any text.
pub fn date() -> BoxedStrategy<String> {
    let near = (-40_000_000i64..40_000_000).prop_map(|s| {
        let now: jiff::Timestamp = crate::support::NOW.parse().expect("NOW is an instant");
        let at = now
            .checked_add(jiff::SignedDuration::from_secs(s))
            .unwrap_or(now);
        at.to_string()
    });
    let odd = select(
        &[
            "9999-12-31T23:59:59Z",
            "-009999-01-01T00:00:00Z",
            "2026-11-24",
            "2026-11-24T12:00:00",
            "2026-11-24T12:00:00+14:00",
            "2026-13-45T99:99:99Z",
            "2026-11-24T12:00:00.123456789Z",
            "",
            "now",
        ][..],
    );
    prop_oneof![3 => near, 2 => odd.prop_map(str::to_string), 1 => short()].boxed()
}

/// A time of day as QuietTime carries it, in range or not.
pub fn time_of_day() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (0u8..30, 0u8..70).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        1 => short(),
    ]
    .boxed()
}
