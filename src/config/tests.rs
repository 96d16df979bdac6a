//! The config file's format, positions in its errors, where it is looked for, and intervals.

use super::*;
use std::time::Duration;

fn parse_text(text: &str) -> Result<Config, ConfigError> {
    parse(Path::new("config.toml"), text)
}

fn parse_err(text: &str) -> ConfigError {
    parse_text(text).expect_err("the config should be rejected")
}

/// An environment with just `vars` set.
fn env<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| OsString::from(v))
    }
}

/// A target with `line4` as its fourth line, the one under test.
fn one_target(line4: &str) -> String {
    format!("[[target]]\nname = \"a\"\napp = \"x\"\n{line4}\n")
}

fn every(secs: u64) -> Refresh {
    Refresh::Every(Duration::from_secs(secs))
}

#[test]
fn a_full_file_parses_to_the_expected_config() {
    let text = r#"
refresh = "1m30s"
remote_images = true
images = "halfblocks"
max_image_size = "1.5MB"

[[target]]
name = "prod"
app = "5f3c0a"
region = "eu-west-1"
profile = "prod-profile"
endpoint_url = "http://127.0.0.1:4566"
endpoints = ["ep-1", { id = "ep-2", label = "Alice's iPhone" }, { id = "ep-3" }]

[[target]]
name = "dev"
app = "abc123"
"#;
    let expected = Config {
        path: PathBuf::from("config.toml"),
        refresh: Some(every(90)),
        remote_images: Some(true),
        images: Some(crate::images::Protocols::Halfblocks),
        max_image_size: Some(1_500_000),
        targets: vec![
            TargetConfig {
                name: "prod".into(),
                app: "5f3c0a".into(),
                region: Some("eu-west-1".into()),
                profile: Some("prod-profile".into()),
                endpoint_url: Some("http://127.0.0.1:4566".into()),
                endpoints: vec![
                    EndpointConfig {
                        id: "ep-1".into(),
                        label: None,
                    },
                    EndpointConfig {
                        id: "ep-2".into(),
                        label: Some("Alice's iPhone".into()),
                    },
                    EndpointConfig {
                        id: "ep-3".into(),
                        label: None,
                    },
                ],
            },
            TargetConfig {
                name: "dev".into(),
                app: "abc123".into(),
                region: None,
                profile: None,
                endpoint_url: None,
                endpoints: vec![],
            },
        ],
    };
    assert_eq!(parse_text(text), Ok(expected));
}

#[test]
fn an_empty_file_is_a_config_with_nothing_set() {
    let config = parse_text("").expect("empty config");
    assert_eq!(
        (config.refresh, config.remote_images, config.targets),
        (None, None, vec![])
    );
}

#[test]
fn endpoints_may_be_strings_or_tables() {
    let text = one_target(r#"endpoints = ["s", { id = "t", label = "T" }]"#);
    let endpoints = &parse_text(&text).expect("valid config").targets[0].endpoints;
    assert_eq!(
        endpoints,
        &[
            EndpointConfig {
                id: "s".into(),
                label: None
            },
            EndpointConfig {
                id: "t".into(),
                label: Some("T".into())
            },
        ]
    );
}

#[test]
fn an_unknown_key_is_reported_at_its_position() {
    let err = parse_err("refresh = \"30s\"\n\n[[target]]\nname = \"a\"\n  apps = \"x\"\n");
    assert_eq!((err.line, err.column), (5, 3), "{err}");
    assert!(err.message.contains("unknown field `apps`"), "{err}");
    assert_eq!(err.to_string(), format!("config.toml:5:3: {}", err.message));
}

#[test]
fn an_unknown_key_in_an_endpoint_table_is_reported_at_its_position() {
    let err = parse_err(&one_target(r#"endpoints = [{ id = "e", lable = "L" }]"#));
    assert_eq!((err.line, err.column), (4, 26), "{err}");
    assert!(err.message.contains("unknown field `lable`"), "{err}");
}

#[test]
fn a_wrong_type_is_reported_at_the_value() {
    let err = parse_err("remote_images = \"yes\"\n");
    assert_eq!((err.line, err.column), (1, 17), "{err}");
    assert!(err.message.contains("invalid type"), "{err}");
    assert!(
        !err.message.contains('\n'),
        "only the toml message, no snippet: {err}"
    );
}

#[test]
fn an_endpoint_of_the_wrong_type_says_what_is_expected() {
    let err = parse_err(&one_target(r#"endpoints = ["ok", 7]"#));
    assert_eq!((err.line, err.column), (4, 20), "{err}");
    assert!(err.message.contains("an endpoint id or a table"), "{err}");
}

#[test]
fn a_bad_refresh_is_reported_at_the_value() {
    let err = parse_err("# comment\nrefresh   = \"3x\"\n");
    assert_eq!((err.line, err.column), (2, 13), "{err}");
    assert_eq!(
        err.message,
        r#""3x" is not an interval: write e.g. 30s, 2m or off"#
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let err = parse_err(
        "[[target]]\nname = \"é\"\napp = \"x\"\n\n[[target]]\nname = \"é\" ; app = \"y\"\n",
    );
    // A syntax error after a two-byte character.
    assert_eq!((err.line, err.column), (6, 12), "{err}");
}

#[test]
fn a_duplicate_target_name_is_reported_at_the_second_one() {
    let err = parse_err(
        "[[target]]\nname = \"prod\"\napp = \"x\"\n\n\
         [[target]]\nname = \"prod\"\napp = \"y\"\n",
    );
    assert_eq!((err.line, err.column), (6, 8), "{err}");
    assert_eq!(
        err.message,
        r#"target name "prod" is already used on line 2"#
    );
}

#[test]
fn an_empty_app_is_rejected() {
    let err = parse_err("[[target]]\nname = \"prod\"\napp = \"\"\n");
    assert_eq!((err.line, err.column), (3, 7), "{err}");
    assert!(err.message.contains("app"), "{err}");
}

#[test]
fn an_empty_name_is_rejected() {
    let err = parse_err("[[target]]\nname = \" \"\napp = \"x\"\n");
    assert_eq!((err.line, err.column), (2, 8), "{err}");
    assert!(err.message.contains("name must not be empty"), "{err}");
}

#[test]
fn a_missing_app_is_rejected() {
    let err = parse_err("[[target]]\nname = \"prod\"\n");
    assert!(err.message.contains("missing field `app`"), "{err}");
}

#[test]
fn endpoint_url_must_be_http_or_https() {
    for bad in ["127.0.0.1:4566", "ftp://host", "http://", ""] {
        let text = one_target(&format!("endpoint_url = {bad:?}"));
        let err = parse_err(&text);
        assert_eq!((err.line, err.column), (4, 16), "{bad}: {err}");
        assert!(err.message.contains("http://"), "{err}");
    }
    for good in [
        "http://localhost:4566",
        "https://pinpoint.eu-west-1.amazonaws.com",
        "HTTPS://x",
    ] {
        let text = one_target(&format!("endpoint_url = {good:?}"));
        assert!(parse_text(&text).is_ok(), "{good}");
    }
}

#[test]
fn bad_endpoint_ids_are_reported_at_the_id() {
    let cases = [
        (r#"["a/b"]"#, 14, "'/'"),
        (r#"["ok", "a\u0007"]"#, 20, "control"),
        (r#"[{ id = "" }]"#, 21, "empty"),
        (r#"[{ label = "L", id = "x/y" }]"#, 34, "'/'"),
    ];
    for (endpoints, column, needle) in cases {
        let text = one_target(&format!("endpoints = {endpoints}"));
        let err = parse_err(&text);
        assert_eq!((err.line, err.column), (4, column), "{endpoints}: {err}");
        assert!(err.message.contains(needle), "{endpoints}: {err}");
    }
}

#[test]
fn errors_without_a_position_show_only_the_path() {
    let err = ConfigError::whole_file(Path::new("/x/config.toml"), "cannot read it");
    assert_eq!(err.to_string(), "/x/config.toml: cannot read it");
}

#[test]
fn line_column_survives_offsets_outside_the_text() {
    assert_eq!(line_column("ab\ncd", 99), (2, 3));
    assert_eq!(line_column("é", 1), (1, 1));
    assert_eq!(line_column("", 0), (1, 1));
}

#[test]
fn config_path_prefers_pinview_config_then_xdg_then_home() {
    let all = [
        ("PINVIEW_CONFIG", "/explicit.toml"),
        ("XDG_CONFIG_HOME", "/xdg"),
        ("HOME", "/home/u"),
    ];
    assert_eq!(
        config_path_in(env(&all)),
        Some(PathBuf::from("/explicit.toml"))
    );
    assert_eq!(
        config_path_in(env(&all[1..])),
        Some(PathBuf::from("/xdg/pinview/config.toml"))
    );
    assert_eq!(
        config_path_in(env(&all[2..])),
        Some(PathBuf::from("/home/u/.config/pinview/config.toml"))
    );
    assert_eq!(config_path_in(env(&[])), None);
}

#[test]
fn empty_and_relative_variables_are_ignored() {
    let vars = [
        ("PINVIEW_CONFIG", ""),
        ("XDG_CONFIG_HOME", "relative/xdg"),
        ("XDG_CACHE_HOME", ""),
        ("HOME", "/home/u"),
    ];
    assert_eq!(
        config_path_in(env(&vars)),
        Some(PathBuf::from("/home/u/.config/pinview/config.toml"))
    );
    assert_eq!(
        cache_dir_in(env(&vars)),
        Some(PathBuf::from("/home/u/.cache/pinview"))
    );
    assert_eq!(config_path_in(env(&[("HOME", "")])), None);
}

#[test]
fn cache_dir_prefers_xdg_cache_home() {
    let vars = [("XDG_CACHE_HOME", "/c"), ("HOME", "/home/u")];
    assert_eq!(cache_dir_in(env(&vars)), Some(PathBuf::from("/c/pinview")));
    assert_eq!(cache_dir_in(env(&[])), None);
}

#[test]
fn a_missing_default_file_is_no_config() {
    let vars = [("HOME", "/nonexistent/pinview-test-home")];
    assert_eq!(load_in(env(&vars)), Ok(None));
    assert_eq!(load_in(env(&[])), Ok(None));
}

#[test]
fn a_missing_explicit_file_is_an_error() {
    let vars = [("PINVIEW_CONFIG", "/nonexistent/pinview.toml")];
    let err = load_in(env(&vars)).expect_err("PINVIEW_CONFIG names a missing file");
    assert_eq!(err.path, PathBuf::from("/nonexistent/pinview.toml"));
    assert_eq!(err.line, 0);
    assert!(err.message.contains("does not exist"), "{err}");
}

#[test]
fn a_file_that_cannot_be_read_is_named() {
    // A directory exists but cannot be read as a file.
    let dir = std::env::temp_dir();
    let vars = [("PINVIEW_CONFIG", dir.to_str().expect("temp dir is UTF-8"))];
    let err = load_in(env(&vars)).expect_err("a directory is not a config file");
    assert_eq!(err.path, dir);
    assert!(
        err.message.starts_with("cannot read the config file"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let err = parse_bytes(
        Path::new("c.toml"),
        b"refresh = \"30s\"\nx = \"\xff\"".to_vec(),
    )
    .expect_err("not UTF-8");
    assert_eq!((err.line, err.column), (2, 6), "{err}");
}

#[test]
fn image_settings_are_checked_where_they_are_written() {
    let err = parse_err("refresh = \"off\"\nimages = \"sixel\"\n");
    let text = err.to_string();
    assert!(text.starts_with("config.toml:2:10: "), "{text}");
    assert!(text.contains("auto, halfblocks or off"), "{text}");
    let err = parse_err("max_image_size = \"5 parsecs\"\n");
    assert!(err.to_string().starts_with("config.toml:1:18: "), "{err}");
    // A bare number of bytes, as the error's own example writes it.
    let config = parse_text("max_image_size = 5000000\n").unwrap();
    assert_eq!(config.max_image_size, Some(5_000_000));
    let err = parse_err("max_image_size = -5\n");
    assert!(err.to_string().starts_with("config.toml:1:18: "), "{err}");
}
