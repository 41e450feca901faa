//! The JSON API: answers checked against the samples, and every refusal in the one error shape.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use mandates_web::Config;
use serde_json::Value;

use crate::{ADMIN, Csrf, EDITOR, VIEWER, app, app_with, repo_file};

#[tokio::test]
async fn the_openapi_document_matches_the_committed_one() {
    // `MANDATES_BLESS=1` rewrites the committed file; then read its diff.
    let expected_file = repo_file("crates/web/tests/data/openapi.json");
    let served = app().await.get("/api/openapi.json", None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), "application/json");
    let text = served.text();
    if std::env::var("MANDATES_BLESS").is_ok() {
        std::fs::write(&expected_file, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_file).expect("crates/web/tests/data/openapi.json");
    assert_eq!(text, expected, "the API changed: check the change, then bless with MANDATES_BLESS=1");
    let doc = served.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in
        ["/api/session", "/api/mandates", "/api/mandates/{id}", "/api/search", "/api/calendar", "/api/documents"]
    {
        assert!(doc["paths"][path].is_object(), "{path} is not described");
    }
    assert!(doc["paths"]["/api/mandates/{id}"]["patch"]["responses"]["409"].is_object());
}

#[tokio::test]
async fn reading_needs_a_session_unless_the_server_allows_anonymous_reading() {
    let closed = app().await;
    let answer = closed.get("/api/mandates", None).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.error_code(), "unauthorized");

    let open = app_with(Config { anonymous_read: true, ..Config::default() }).await;
    let answer = open.get("/api/mandates?conference=PP-22&limit=1000", None).await;
    assert_eq!(answer.status, StatusCode::OK);
    // Every PP-22 instrument of the seed: 106 operative items (checked in the registry's tests by reading).
    assert_eq!(answer.json().as_array().unwrap().len(), 106);
    // Reading is all anonymity allows.
    let write =
        open.json("PATCH", "/api/mandates/1", None, Csrf::Missing, r#"{"version":1,"status":"completed"}"#).await;
    assert_eq!(write.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn writes_are_refused_to_anonymous_visitors_viewers_and_requests_without_the_csrf_token() {
    let app = app().await;
    let id = app.mandate_id("Resolution 130", "instructs the Secretary-General and the Directors", "8").await;
    let uri = format!("/api/mandates/{id}");
    let body = r#"{"version":1,"status":"in_progress"}"#;

    let anonymous = app.json("PATCH", &uri, None, Csrf::Missing, body).await;
    assert_eq!((anonymous.status, anonymous.error_code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));

    let viewer = app.sign_in(VIEWER).await;
    let answer = app.json("PATCH", &uri, Some(&viewer), Csrf::Right, body).await;
    assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    assert!(answer.json()["error"]["message"].as_str().unwrap().contains("editor role"));

    let editor = app.sign_in(EDITOR).await;
    for csrf in [Csrf::Missing, Csrf::Wrong] {
        let answer = app.json("PATCH", &uri, Some(&editor), csrf, body).await;
        assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    }
    // Nothing of the refused writes was recorded.
    let history = app.get(&format!("{uri}/history"), Some(&editor)).await.json();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["field"], "created");
}

#[tokio::test]
async fn an_editor_updates_a_mandate_and_the_history_names_them() {
    let app = app().await;
    let editor = app.sign_in(EDITOR).await;
    let id = app.mandate_id("Resolution 130", "instructs the Secretary-General and the Directors", "8").await;
    let mandate = app.get(&format!("/api/mandates/{id}"), Some(&editor)).await.json();
    // Res 130, instructs the SG and the Directors, 8: "to report annually to the Council on the implementation".
    assert_eq!(mandate["mandate"]["cadence"], "annually");
    assert_eq!(mandate["mandate"]["report_to"], "Council");
    assert_eq!(mandate["citation"], "Resolution 130 (Rev. Bucharest 2022)");
    let version = mandate["mandate"]["version"].as_i64().unwrap();

    let body = serde_json::json!({
        "version": version, "status": "in_progress", "owner": "A. Focal", "evidence": ["C23/25"],
        "comment": "Report drafted for C24"
    });
    let answer = app.json("PATCH", &format!("/api/mandates/{id}"), Some(&editor), Csrf::Right, &body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let updated = answer.json();
    assert_eq!(updated["status"], "in_progress");
    assert_eq!(updated["progress"], 50, "in progress defaults to 50%");
    assert_eq!(updated["owner"], "A. Focal");
    assert_eq!(updated["updated_by"], "ed");

    let history = app.get(&format!("/api/mandates/{id}/history"), Some(&editor)).await.json();
    let fields: Vec<(&str, &str)> =
        history.as_array().unwrap().iter().map(|h| (h["field"].as_str().unwrap(), h["by"].as_str().unwrap())).collect();
    for field in ["status", "progress", "owner", "evidence", "comment"] {
        assert!(fields.contains(&(field, "ed")), "{field} missing from {fields:?}");
    }
    let detail = app.get(&format!("/api/mandates/{id}"), Some(&editor)).await.json();
    assert_eq!(detail["evidence"][0]["reference"], "C23/25");
    assert_eq!(detail["comments"][0]["body"], "Report drafted for C24");
}

#[tokio::test]
async fn a_change_made_against_an_old_version_is_refused_with_409_and_nothing_is_lost() {
    let app = app().await;
    let editor = app.sign_in(EDITOR).await;
    let id = app.mandate_id("Resolution 130", "resolves", "11").await;
    let uri = format!("/api/mandates/{id}");
    let first = app.json("PATCH", &uri, Some(&editor), Csrf::Right, r#"{"version":1,"status":"completed"}"#).await;
    assert_eq!(first.status, StatusCode::OK);
    let stale = app.json("PATCH", &uri, Some(&editor), Csrf::Right, r#"{"version":1,"owner":"Someone"}"#).await;
    assert_eq!((stale.status, stale.error_code().as_str()), (StatusCode::CONFLICT, "conflict"));
    assert!(stale.json()["error"]["message"].as_str().unwrap().contains("was not applied"));
    let now = app.get(&uri, Some(&editor)).await.json();
    assert_eq!(now["mandate"]["status"], "completed");
    assert_eq!(now["mandate"]["owner"], Value::Null);
}

#[tokio::test]
async fn bad_json_is_answered_with_400_and_what_is_wrong() {
    let app = app().await;
    let editor = app.sign_in(EDITOR).await;
    let id = app.mandate_id("Resolution 130", "resolves", "1").await;
    let uri = format!("/api/mandates/{id}");
    for (body, says) in [
        ("{\"version\": 1, \"status\": ", "EOF"),
        (r#"{"version":1,"status":"finished"}"#, "unknown variant `finished`"),
        (r#"{"version":1,"colour":"red"}"#, "unknown field `colour`"),
        (r#"{"status":"completed"}"#, "missing field `version`"),
    ] {
        let answer = app.json("PATCH", &uri, Some(&editor), Csrf::Right, body).await;
        assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"), "{body}");
        let message = answer.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains(says), "{body}: {message}");
    }
    let not_json = app
        .send(
            Request::patch(&uri)
                .header("cookie", &editor.cookie)
                .header("x-csrf-token", &editor.csrf)
                .body(Body::from("status=completed"))
                .unwrap(),
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert!(not_json.text().contains("Content-Type: application/json"));
    let out_of_range = app.json("PATCH", &uri, Some(&editor), Csrf::Right, r#"{"version":1,"progress":140}"#).await;
    assert_eq!(out_of_range.status, StatusCode::BAD_REQUEST);
    assert!(out_of_range.text().contains("between 0 and 100"));
    let bad_filter = app.get("/api/mandates?status=finished", Some(&editor)).await;
    assert_eq!((bad_filter.status, bad_filter.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let bad_number = app.get("/api/mandates?limit=many", Some(&editor)).await;
    assert_eq!(bad_number.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_number.error_code(), "bad_request");
}

#[tokio::test]
async fn unknown_things_are_404_in_the_same_shape() {
    let app = app().await;
    let viewer = app.sign_in(VIEWER).await;
    for uri in ["/api/mandates/999999", "/api/mandates/999999/history", "/api/instruments/999999", "/api/nothing/here"]
    {
        let answer = app.get(uri, Some(&viewer)).await;
        assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::NOT_FOUND, "not_found"), "{uri}");
    }
}

#[tokio::test]
async fn instruments_mandates_and_search_answer_what_the_seed_says() {
    let app = app().await;
    let viewer = app.sign_in(VIEWER).await;
    let instruments = app.get("/api/instruments", Some(&viewer)).await.json();
    let res130 = instruments.as_array().unwrap().iter().find(|i| i["name"] == "PP Resolution 130").unwrap();
    assert_eq!(res130["revision"], "Rev. Bucharest, 2022");
    assert_eq!(res130["mandates"], 20);

    let detail = app.get(&format!("/api/instruments/{}", res130["id"]), Some(&viewer)).await.json();
    assert_eq!(detail["mandates"].as_array().unwrap().len(), 20);
    assert_eq!(detail["texts"][0]["full"], false, "the seed quotes excerpts");

    // Resolution 130 names the Director TSB in 3 + 3 + 9 items (see the registry's tests).
    let tsb = app.get("/api/mandates?instrument=Resolution%20130&addressee=Director%20TSB", Some(&viewer)).await.json();
    assert_eq!(tsb.as_array().unwrap().len(), 15);
    let page2 = app.get("/api/mandates?instrument=Resolution%20130&limit=5&offset=15", Some(&viewer)).await.json();
    assert_eq!(page2.as_array().unwrap().len(), 5);

    let hits = app.get("/api/search?q=cybersecurity%20workforce", Some(&viewer)).await.json();
    let first = &hits[0];
    assert_eq!(first["mandate"]["instrument"], "PP Resolution 130");
    assert_eq!(first["mandate"]["label"], "11");
    assert!(first["snippet"].as_str().unwrap().contains("«workforce»"), "{first}");
    let nothing = app.get("/api/search?q=%20", Some(&viewer)).await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn reports_and_the_calendar_download_in_each_format() {
    let app = app().await;
    let viewer = app.sign_in(VIEWER).await;
    let json = app.get("/api/reports/impact?sector=T&conference=PP-22", Some(&viewer)).await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.json()["conference"], "PP-22");
    let md = app.get("/api/reports/impact?sector=T&conference=PP-22&format=md", Some(&viewer)).await;
    assert!(md.header("content-disposition").contains("impact-PP-22"));
    assert!(md.text().contains("Resolution 130"));
    let docx = app.get("/api/reports/impact?sector=T&conference=PP-22&format=docx", Some(&viewer)).await;
    assert!(docx.body.starts_with(b"PK\x03\x04"), "a Word file is a zip");
    let bad = app.get("/api/reports/impact?sector=T&conference=PP-22&format=pdf", Some(&viewer)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let table = app.get("/api/reports/table", Some(&viewer)).await.json();
    // The seed's reference table has 47 rows.
    assert_eq!(table.as_array().unwrap().len(), 47);

    let ics = app.get("/api/calendar?format=ics&sector=T", Some(&viewer)).await;
    assert_eq!(ics.header("content-type"), "text/calendar; charset=utf-8");
    let text = ics.text();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    let calendar = app.get("/api/calendar", Some(&viewer)).await.json();
    // Res 130 instructs the SG and the Directors 8: "to report annually to the Council".
    assert!(
        calendar["due"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["to"] == "Council" && d["clause"].as_str().unwrap().starts_with("Resolution 130"))
    );
}

#[tokio::test]
async fn a_document_is_ingested_by_upload_once_and_a_broken_one_is_refused() {
    let app = app().await;
    let editor = app.sign_in(EDITOR).await;
    let text = std::fs::read(repo_file("crates/store/tests/data/res130-dubai-2018.txt")).unwrap();
    let upload = |session| {
        let request = Request::post("/api/documents?name=res130-dubai-2018.txt")
            .header("cookie", &editor.cookie)
            .header("x-csrf-token", session)
            .body(Body::from(text.clone()))
            .unwrap();
        app.send(request)
    };
    let first = upload(editor.csrf.clone()).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let result = first.json();
    assert_eq!(result["state"], "new");
    assert_eq!(result["instruments"], 1);
    let again = upload(editor.csrf.clone()).await.json();
    assert_eq!(again["state"], "unchanged");
    assert_eq!(again["mandates_added"], 0);
    // The older revision joined Resolution 130's lineage.
    let instruments = app.get("/api/instruments", Some(&editor)).await.json();
    let res130 = instruments.as_array().unwrap().iter().find(|i| i["name"] == "PP Resolution 130").unwrap();
    assert_eq!(res130["revisions"], serde_json::json!(["Rev. Dubai, 2018", "Rev. Bucharest, 2022"]));

    let broken = app
        .send(
            Request::post("/api/documents?name=broken.docx")
                .header("cookie", &editor.cookie)
                .header("x-csrf-token", &editor.csrf)
                .body(Body::from(&b"PK\x03\x04 this is not a zip archive"[..]))
                .unwrap(),
        )
        .await;
    assert_eq!((broken.status, broken.error_code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable"));
    assert!(broken.json()["error"]["message"].as_str().unwrap().starts_with("broken.docx cannot be read"));
}

#[tokio::test]
async fn an_upload_larger_than_the_limit_is_refused_with_413() {
    let app = app_with(Config { max_upload_bytes: 1 << 20, ..Config::default() }).await;
    let editor = app.sign_in(EDITOR).await;
    let request = Request::post("/api/documents?name=big.txt")
        .header("cookie", &editor.cookie)
        .header("x-csrf-token", &editor.csrf)
        .body(Body::from(vec![b'a'; (1 << 20) + 1]))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
    // Far beyond the limit the body is not even read whole.
    let request = Request::post("/api/documents?name=huge.txt")
        .header("cookie", &editor.cookie)
        .header("x-csrf-token", &editor.csrf)
        .body(Body::from(vec![b'a'; 4 << 20]))
        .unwrap();
    let answer = app.send(request).await;
    assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
    let app = app().await;
    let wrong = serde_json::json!({ "name": "ed", "password": "guess" }).to_string();
    for _ in 0..5 {
        let answer = app.json("POST", "/api/session", None, Csrf::Missing, &wrong).await;
        assert_eq!((answer.status, answer.error_code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    }
    let right = serde_json::json!({ "name": "ed", "password": EDITOR.1 }).to_string();
    let locked = app.json("POST", "/api/session", None, Csrf::Missing, &right).await;
    assert_eq!((locked.status, locked.error_code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"));
    assert!(locked.header("retry-after").parse::<u64>().unwrap() > 0);
    // Other accounts are not locked with it.
    app.sign_in(VIEWER).await;
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = app().await;
    let viewer = app.sign_in(VIEWER).await;
    let me = app.get("/api/session", Some(&viewer)).await.json();
    assert_eq!((me["name"].as_str(), me["role"].as_str()), (Some("vera"), Some("viewer")));
    let out = app.json("DELETE", "/api/session", Some(&viewer), Csrf::Right, "").await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(app.get("/api/session", Some(&viewer)).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_export_is_imported_by_an_admin_into_an_empty_registry() {
    let from = app().await;
    let viewer = from.sign_in(VIEWER).await;
    let export = from.get("/api/export", Some(&viewer)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.header("content-disposition").contains("mandates-export.json"));

    // An empty registry with only accounts.
    let dir = tempfile::tempdir().unwrap();
    let store = mandates_store::Store::open(&dir.path().join("empty.db").to_string_lossy()).await.unwrap();
    for ((name, password), role) in [(EDITOR, mandates_web::Role::Editor), (ADMIN, mandates_web::Role::Admin)] {
        store.put_user(name, &mandates_web::hash_password(password).unwrap(), role).await.unwrap();
    }
    let to = crate::TestApp {
        router: mandates_web::app(mandates_web::AppState::new(store.clone(), Config::default())),
        store,
        _dir: dir,
    };
    let import = |session: &crate::Session| {
        Request::post("/api/import")
            .header("cookie", &session.cookie)
            .header("x-csrf-token", &session.csrf)
            .header("content-type", "application/json")
            .body(Body::from(export.body.clone()))
            .unwrap()
    };
    let editor = to.sign_in(EDITOR).await;
    let refused = to.send(import(&editor)).await;
    assert_eq!((refused.status, refused.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    let admin = to.sign_in(ADMIN).await;
    let done = to.send(import(&admin)).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.text());
    let mandates = to.get("/api/mandates?limit=1000", Some(&admin)).await.json();
    assert_eq!(
        mandates.as_array().unwrap().len(),
        from.get("/api/mandates?limit=1000", Some(&viewer)).await.json().as_array().unwrap().len()
    );
}
