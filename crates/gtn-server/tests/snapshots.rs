//! Whole answers of the service for each of its own codes (`H0xx`), as
//! checked-in snapshots under `tests/snapshots/http/` (status and JSON
//! body), like the command line's `tests/snapshots/cli/`. Accept a
//! deliberate change with `GTN_REGENERATE=1 cargo test -p gtn-server --test snapshots`.
//! H009 (an internal failure, such as a full disk) and H011 (the service
//! does not start: a snapshot of the command line) are not here.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use gtn_server::Config;
use reqwest::Client;
use serde_json::Value;
use std::time::Duration;

async fn answer(r: reqwest::Response) -> String {
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    format!(
        "status: {status}\n{}\n",
        serde_json::to_string_pretty(&body).unwrap()
    )
}

#[tokio::test]
async fn every_service_code_has_a_whole_answer_snapshot() {
    let mut got: Vec<(&str, String)> = Vec::new();
    let c = Client::new();
    let token = "0123456789abcdef0123";
    let (srv, base) = common::start(Config {
        max_body: 64,
        token: Some(token.into()),
        workers: 1,
        idle_timeout: Duration::from_millis(500),
        ..Config::default()
    })
    .await;
    let auth = format!("Bearer {token}");
    let r = c.get(format!("{base}/v1/codes")).send().await.unwrap();
    got.push(("H002-no-token", answer(r).await));
    let r = c
        .post(format!("{base}/v1/validate?name=VO_x.xml"))
        .header("authorization", &auth)
        .body(vec![b' '; 1000])
        .send()
        .await
        .unwrap();
    got.push(("H001-body-too-large", answer(r).await));
    let r = c
        .get(format!("{base}/v1/plates/check?type=5&plate=1234АВ77"))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    got.push(("H004-bad-parameter", answer(r).await));
    let r = c
        .post(format!("{base}/v1/generate?type=10"))
        .header("authorization", &auth)
        .header("content-type", "text/xml")
        .body("<x/>")
        .send()
        .await
        .unwrap();
    got.push(("H005-media-type", answer(r).await));
    let r = c
        .get(format!("{base}/v1/validat"))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    got.push(("H007-no-such-address", answer(r).await));
    let r = c
        .post(format!("{base}/v1/generate?type=10"))
        .header("authorization", &auth)
        .header("content-type", "application/json")
        .body("{'sender': {,}")
        .send()
        .await
        .unwrap();
    got.push(("H008-body-not-read", answer(r).await));
    let r = c.delete(format!("{base}/v1/health")).send().await.unwrap();
    got.push(("H010-method", answer(r).await));
    // One slot (--workers 1) held by a body that stops: the next request
    // is refused at once (H003), the stalled one times out (H006).
    let (body, tx) = common::held_body(b"<?xml".to_vec());
    let url = format!("{base}/v1/validate?name=VO_x.xml");
    let a = auth.clone();
    let first = tokio::spawn(async move {
        let r = Client::new()
            .post(url)
            .header("authorization", a)
            .body(body)
            .send()
            .await
            .unwrap();
        answer(r).await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let r = c
        .get(format!("{base}/v1/version"))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    got.push(("H003-busy", answer(r).await));
    got.push(("H006-timeout", first.await.unwrap()));
    drop(tx);
    srv.shutdown().await.unwrap();

    let mut snapshots = gtn_testkit::Snapshots::new(common::root().join("tests/snapshots/http"));
    for (name, text) in &got {
        let code = &name[..4];
        assert!(
            text.contains(&format!("\"code\": \"{code}\"")),
            "{name}: {text}"
        );
        snapshots.check(&format!("{name}.txt"), text);
    }
    snapshots.finish();
}
