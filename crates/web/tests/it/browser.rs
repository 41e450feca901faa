//! The main paths walked in a real browser: headless Chromium driven through chromedriver (Debian's `chromium`
//! and `chromium-driver`, installed by `.ci/run`). Without chromedriver the test is skipped with a message,
//! except under CI (`CI=true`), where its absence fails it. Screenshots of each step are kept in
//! `target/tmp/browser-screenshots/`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::{EDITOR, TestApp, app, repo_file};

/// chromedriver, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Start chromedriver, or say why not (None outside CI).
fn start_driver() -> Option<(Driver, u16)> {
    let port = free_port();
    let child =
        Command::new("chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    match child {
        Ok(child) => Some((Driver(child), port)),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but chromedriver cannot start ({e}): install chromium and chromium-driver");
            }
            eprintln!("skipped: chromedriver cannot start ({e}); install Debian's chromium and chromium-driver");
            None
        }
    }
}

async fn connect(port: u16, profile: &std::path::Path) -> Client {
    let mut options = json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,1000", format!("--user-data-dir={}", profile.display()),
        ]
    });
    if std::path::Path::new("/usr/bin/chromium").exists() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let url = format!("http://127.0.0.1:{port}");
    // chromedriver takes a moment to listen.
    let started = Instant::now();
    loop {
        match ClientBuilder::new(HttpConnector::new()).capabilities(capabilities.clone()).connect(&url).await {
            Ok(client) => return client,
            Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("cannot reach chromedriver: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Serve `app` on a free port of 127.0.0.1; the address.
async fn serve(app: &TestApp) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

struct Screenshots(PathBuf);

impl Screenshots {
    fn new() -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        Screenshots(dir)
    }
    async fn take(&self, client: &Client, name: &str) {
        let png = client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
        std::fs::write(self.0.join(format!("{name}.png")), png).unwrap();
    }
}

/// Click what leads to another page, and wait until that page has loaded: a click can answer before the
/// browser has followed the link or the form's redirect.
async fn click_through(client: &Client, locator: Locator<'_>) {
    client.execute("document.documentElement.dataset.left = 'yes'", vec![]).await.unwrap();
    client.find(locator).await.unwrap().click().await.unwrap();
    let arrived = "return document.readyState === 'complete' && !document.documentElement.dataset.left";
    for _ in 0..200 {
        if matches!(client.execute(arrived, vec![]).await, Ok(serde_json::Value::Bool(true))) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no new page within 10 s of the click");
}

/// Fetch `path` with the browser's own session (as a download would) and answer the body.
async fn fetch(client: &Client, path: &str) -> String {
    let script =
        "const [path, done] = arguments; fetch(path).then(r => r.text()).then(done, e => done('error: ' + e));";
    client.execute_async(script, vec![json!(path)]).await.unwrap().as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_focal_point_signs_in_finds_a_clause_updates_it_and_downloads_the_reports() {
    let Some((_driver, port)) = start_driver() else { return };
    let app = app().await;
    // Two revisions of Resolution 130, to compare.
    for file in ["res130-dubai-2018.txt", "res130-bucharest-2022.txt"] {
        let path = repo_file(&format!("crates/store/tests/data/{file}"));
        let doc = mandates_core::parse(file, &std::fs::read(path).unwrap(), &Default::default()).unwrap();
        app.store.ingest(&doc, "test").await.unwrap();
    }
    let base = serve(&app).await;
    let profile = tempfile::tempdir().unwrap();
    let client = connect(port, profile.path()).await;
    let shots = Screenshots::new();

    // Sign in: the dashboard sends the visitor to the sign-in form and back.
    client.goto(&format!("{base}/")).await.unwrap();
    assert!(client.current_url().await.unwrap().path().ends_with("/login"));
    client.find(Locator::Id("name")).await.unwrap().send_keys(EDITOR.0).await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(EDITOR.1).await.unwrap();
    click_through(&client, Locator::Css("form.login button")).await;
    assert_eq!(client.current_url().await.unwrap().path(), "/");
    assert_eq!(client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Dashboard");

    // Filter the dashboard to ITU-T: the filter is kept in the address.
    client.find(Locator::Id("sector")).await.unwrap().select_by_value("T").await.unwrap();
    click_through(&client, Locator::Css("form.filters button")).await;
    assert_eq!(client.current_url().await.unwrap().query(), Some("sector=T"));
    assert_eq!(client.find_all(Locator::Css("svg.chart")).await.unwrap().len(), 3);
    shots.take(&client, "1-dashboard").await;

    // Find Resolution 130 and open it.
    client.goto(&format!("{base}/instruments?q=130")).await.unwrap();
    click_through(&client, Locator::LinkText("PP Resolution 130")).await;
    let heading = client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(heading, "PP Resolution 130 (Rev. Bucharest, 2022)");
    shots.take(&client, "2-instrument").await;

    // Compare the revisions: Bucharest 2022 added 2bis to the Director TSB (see crates/store/tests/data).
    click_through(&client, Locator::LinkText("Compare the texts: what changed")).await;
    let inserted: Vec<String> = {
        let mut texts = Vec::new();
        for e in client.find_all(Locator::Css(".mandates-diff ins")).await.unwrap() {
            texts.push(e.text().await.unwrap());
        }
        texts
    };
    assert!(inserted.iter().any(|t| t.contains("cybersecurity workforce")), "{inserted:?}");
    shots.take(&client, "3-diff").await;

    // Open the clause on the cybersecurity workforce and record progress with evidence.
    let id = app.mandate_id("Resolution 130", "instructs the Director of the Telecommunication", "2bis").await;
    client.goto(&format!("{base}/mandates/{id}")).await.unwrap();
    client.find(Locator::Id("u-status")).await.unwrap().select_by_value("in_progress").await.unwrap();
    client.find(Locator::Id("u-evidence")).await.unwrap().send_keys("TSAG-TD/83").await.unwrap();
    client.find(Locator::Id("u-comment")).await.unwrap().send_keys("Workshop held").await.unwrap();
    click_through(&client, Locator::Css("form.update button")).await;
    assert_eq!(client.find(Locator::Css("p.saved")).await.unwrap().text().await.unwrap(), "Saved.");
    let history = client.find(Locator::Css("table.history")).await.unwrap().text().await.unwrap();
    assert!(history.contains("ed evidence TSAG-TD/83"), "{history}");
    assert!(history.contains("ed status not started in progress"), "{history}");
    // The progress field was left as it was: the new status brought its usual progress.
    assert!(history.contains("ed progress 0 50"), "{history}");
    shots.take(&client, "4-mandate").await;

    // Downloads, with the browser's session.
    let ics = fetch(&client, "/api/calendar?format=ics").await;
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    let report = fetch(&client, "/api/reports/impact?sector=T&conference=PP-22&format=md").await;
    assert!(report.contains("Resolution 130"), "{report}");
    let links = client.find(Locator::Css("a[href^='/api/calendar?format=ics']")).await;
    assert!(links.is_err(), "the calendar link lives on the dashboard and calendar pages, not here");
    client.goto(&format!("{base}/calendar")).await.unwrap();
    client.find(Locator::Css("a[href='/api/calendar?format=ics']")).await.unwrap();
    shots.take(&client, "5-calendar").await;

    client.close().await.unwrap();
}
