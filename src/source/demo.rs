//! The bundled demo, embedded in the binary so `--demo` works from any folder.

use include_dir::{Dir, include_dir};

use super::Target;

static DEMO: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/demo");

/// Every `<app>/<endpoint>.json` in the demo, sorted.
pub fn targets() -> Vec<Target> {
    let mut out: Vec<Target> = DEMO
        .dirs()
        .flat_map(|app| {
            let app_id = app
                .path()
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            app.files().filter_map(move |f| {
                let path = f.path();
                if path.extension()? != "json" {
                    return None;
                }
                Some(Target::new(app_id, path.file_stem()?.to_str()?))
            })
        })
        .collect();
    out.sort();
    out
}

pub fn file(target: &Target) -> Option<&'static [u8]> {
    DEMO.get_file(format!("{}/{}.json", target.app, target.endpoint))
        .map(|f| f.contents())
}
