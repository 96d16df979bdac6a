//! Intervals, sizes and instants read as people write them, and written back.

use super::*;

fn every(secs: u64) -> Refresh {
    Refresh::Every(Duration::from_secs(secs))
}

#[test]
fn parse_refresh_reads_off_seconds_and_units() {
    let cases = [
        ("off", Refresh::Off),
        ("0", Refresh::Off),
        ("0s", Refresh::Off),
        ("0m0s", Refresh::Off),
        ("90", every(90)),
        ("1", every(1)),
        ("30s", every(30)),
        ("2m", every(120)),
        ("1h", every(3600)),
        ("1m30s", every(90)),
        ("1h30s", every(3630)),
        ("1h2m3s", every(3723)),
        (" 45s ", every(45)),
        ("24h", every(86_400)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_refresh(text), Ok(expected), "{text:?}");
    }
}

#[test]
fn parse_refresh_rejects_garbage_with_an_example() {
    for bad in [
        "", "3x", "s", "1.5s", "-5s", "30s1m", "1m1m", "1m 30s", "Off", "1d",
    ] {
        let err = parse_refresh(bad).expect_err(bad);
        assert_eq!(
            err,
            format!("{bad:?} is not an interval: write e.g. 30s, 2m or off")
        );
    }
}

#[test]
fn parse_refresh_explains_milliseconds_and_limits() {
    let err = parse_refresh("500ms").expect_err("sub-second");
    assert!(err.contains("whole seconds"), "{err}");
    let err = parse_refresh("25h").expect_err("too long");
    assert!(err.contains("24h"), "{err}");
    let err = parse_refresh("99999999999999999999h").expect_err("overflow");
    assert!(err.contains("not an interval"), "{err}");
    let err = parse_refresh("9999999999999999999h").expect_err("overflow after scaling");
    assert!(err.contains("not an interval"), "{err}");
}

#[test]
fn refresh_displays_in_the_shortest_form_parse_refresh_reads_back() {
    let cases = [
        (Refresh::Off, "off"),
        (every(30), "30s"),
        (every(120), "2m"),
        (every(90), "1m30s"),
        (every(3600), "1h"),
        (every(3605), "1h5s"),
        (Refresh::Every(Duration::ZERO), "0s"),
    ];
    for (refresh, text) in cases {
        assert_eq!(refresh.to_string(), text);
    }
    for text in ["off", "30s", "2m", "1m30s", "1h", "1h2m3s"] {
        let refresh = parse_refresh(text).expect(text);
        assert_eq!(refresh.to_string(), text);
    }
}

#[test]
fn byte_sizes_read_as_people_write_them() {
    assert_eq!(parse_byte_size("5MB"), Ok(5_000_000));
    assert_eq!(parse_byte_size(" 800 kb "), Ok(800_000));
    assert_eq!(parse_byte_size("1.5M"), Ok(1_500_000));
    assert_eq!(parse_byte_size("4096"), Ok(4096));
    assert!(parse_byte_size("0").is_err());
    assert!(parse_byte_size("-5MB").is_err());
    assert!(parse_byte_size("5GB").is_err());
    assert!(parse_byte_size("MB").is_err());
}

#[test]
fn endpoint_urls_are_http_with_a_host() {
    for good in [
        "http://127.0.0.1:4590",
        "https://pinpoint.example.com/",
        "HTTP://x",
    ] {
        assert_eq!(parse_endpoint_url(good).as_deref(), Ok(good));
    }
    for bad in [
        "ftp://x",
        "not a url",
        "127.0.0.1:4590",
        "http://",
        "file:///tmp/x",
    ] {
        let why = parse_endpoint_url(bad).unwrap_err();
        assert!(
            why.contains("is not an http:// or https:// URL"),
            "{bad}: {why}"
        );
    }
}
