//! The written body against the whole list serialised at once, and the streamed body against
//! the body in one buffer.

use futures_util::StreamExt;

use super::*;
use crate::model::input::{api_body_bytes, parse_campaigns};

const DEMO: &str = "https://demo.pinview.invalid/images/";

fn written(json: &str) -> (Pieces, usize, Vec<Campaign>) {
    let campaigns = parse_campaigns(json.as_bytes()).unwrap();
    let mut writer = BodyWriter::new(None);
    for c in campaigns.clone() {
        writer.push(c);
    }
    let (pieces, count) = writer.finish();
    (pieces, count, campaigns)
}

async fn streamed(pieces: Pieces, host: &str) -> Vec<u8> {
    let mut body = Arc::new(pieces).body_for(host).into_data_stream();
    let mut out = Vec::new();
    while let Some(chunk) = body.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    out
}

#[test]
fn without_served_images_the_body_is_the_api_body() {
    let (pieces, count, campaigns) = written(
        r#"[{"CampaignId":"a","InAppMessage":{"Content":[{"ImageUrl":"https://example.com/b.png"}]}},{"CampaignId":"b"}]"#,
    );
    assert_eq!(count, 2);
    assert_eq!(pieces.pieces.len(), 1);
    assert_eq!(pieces.to_vec("h"), api_body_bytes(&campaigns));
    let (empty, none, _) = written("[]");
    assert_eq!((empty.to_vec("h"), none), (api_body_bytes(&[]), 0));
}

#[test]
fn a_linked_body_differs_only_in_the_rewritten_urls() {
    // The id holds the marker's prefix: only the marker itself may be taken for it.
    let (pieces, _, campaigns) = written(&format!(
        r#"[{{"CampaignId":"pinview-host-","InAppMessage":{{"Content":[
            {{"ImageUrl":"{DEMO}premium.png"}},
            {{"ImageUrl":"https://example.com/b.png"}},
            {{"ImageUrl":"{DEMO}winter-sale.png"}}]}}}},
            {{"CampaignId":"plain"}}]"#
    ));
    assert_eq!(pieces.pieces.len(), 3);
    let expected = String::from_utf8(api_body_bytes(&campaigns))
        .unwrap()
        .replace(DEMO, "http://127.0.0.1:9/images/");
    assert_eq!(
        String::from_utf8(pieces.to_vec("127.0.0.1:9")).unwrap(),
        expected
    );
    assert_eq!(pieces.len_with("127.0.0.1:9"), expected.len());
}

#[tokio::test]
async fn the_streamed_body_is_the_whole_body_across_chunks() {
    let one = format!(
        r#"{{"CampaignId":"c","InAppMessage":{{"Content":[{{"ImageUrl":"{DEMO}premium.png","BodyConfig":{{"Body":"{}"}}}}]}}}}"#,
        "x".repeat(700)
    );
    let many = format!("[{}]", vec![one.as_str(); 300].join(","));
    let (pieces, count, _) = written(&many);
    assert_eq!(count, 300);
    assert!(pieces.len_with("host:1") > 3 * CHUNK);
    let whole = pieces.to_vec("host:1");
    assert_eq!(streamed(pieces, "host:1").await, whole);
    let (single, _, _) = written("[]");
    let whole = single.to_vec("x");
    assert_eq!(streamed(single, "x").await, whole);
}
