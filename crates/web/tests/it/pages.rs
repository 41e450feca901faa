//! The pages: sign-in, the dashboard, an instrument, a mandate updated through its form, search, upload; and
//! what a page does with text from a document (escape it) and with a stale or forged form.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::{EDITOR, Session, TestApp, VIEWER, app, repo_file};

/// Sign in through the sign-in form, as a browser does.
async fn browser_sign_in(app: &TestApp, (name, password): (&str, &str)) -> Session {
    let form = format!("name={name}&password={password}&next=%2Fmandates");
    let answer = app
        .send(
            Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    assert_eq!(answer.header("location"), "/mandates");
    let set_cookie = answer.header("set-cookie").to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    // The page's forms carry the session's CSRF token.
    let page = app.get("/mandates", Some(&Session { cookie: cookie.clone(), csrf: String::new() })).await.text();
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    Session { cookie, csrf }
}

async fn post_form(app: &TestApp, uri: &str, session: &Session, form: &str) -> crate::Answer {
    app.send(
        Request::post(uri)
            .header("cookie", &session.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_comes_back() {
    let app = app().await;
    let answer = app.get("/mandates?addressee=Director%20TSB", None).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.header("location"), "/login?next=%2Fmandates%3Faddressee%3DDirector%2520TSB");
    let wrong = app
        .send(
            Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("name=ed&password=nope&next=%2F"))
                .unwrap(),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("wrong account name or password"));
    // A sign-in link cannot send people to another site.
    let elsewhere = app
        .send(
            Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(format!("name=ed&password={}&next=%2F%2Fevil.example", EDITOR.1)))
                .unwrap(),
        )
        .await;
    assert_eq!(elsewhere.header("location"), "/");
}

#[tokio::test]
async fn the_dashboard_draws_progress_and_keeps_the_filter_in_its_links() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let page = app.get("/?sector=T", Some(&viewer)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("<strong>107</strong> mandates"), "106 of the seed and 1 of WTSA Resolution 1");
    assert_eq!(html.matches("<svg class=\"chart\" role=\"img\"").count(), 3);
    assert!(html.contains("<a href=\"/mandates?conference=PP-22&amp;sector=T\">"), "{html}");
    assert!(html.contains("<option value=\"T\" selected>ITU-T</option>"));
    // The addressee chart names addressees as the registry writes them.
    assert!(html.contains(">Director TSB</text>"), "{html}");
}

#[tokio::test]
async fn an_instrument_page_shows_its_blocks_addressees_citations_and_mandate_statuses() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let id = app.mandate_id("Resolution 130", "resolves", "11").await;
    let instrument = app.store.mandate_record(id).await.unwrap().unwrap().instrument_id;
    let html = app.get(&format!("/instruments/{instrument}"), Some(&viewer)).await.text();
    assert!(html.contains("<h1>PP Resolution 130 (Rev. Bucharest, 2022)</h1>"), "{html}");
    assert!(html.contains("<h3>instructs the Director of the Telecommunication Standardization Bureau</h3>"));
    assert!(html.contains("<a class=\"addressee\" href=\"/mandates?addressee=Director+TSB\">Director TSB</a>"));
    // "... in line with WSIS Action Line C5" (SG and Directors, 8) links to the cited instrument.
    assert!(html.contains("<a class=\"ref\" href=\"/instruments/find?kind=action_line&amp;body=WSIS&amp;number=C5\">WSIS Action Line C5</a>"));
    assert!(html.contains(&format!("<li id=\"m{id}\"><span class=\"label\">11</span> to promote the growth")));
    assert!(html.contains(&format!("href=\"/mandates/{id}\" title=\"Mandate {id}: not started, 0%\"")));
    // A citation of an instrument the registry holds leads to its page.
    let found = app.get("/instruments/find?kind=resolution&body=PP&number=130", Some(&viewer)).await;
    assert_eq!(found.status, StatusCode::SEE_OTHER);
    assert_eq!(found.header("location"), format!("/instruments/{instrument}"));
    // A citation of an instrument the registry does not hold says so.
    let missing = app.get("/instruments/find?kind=action_line&body=WSIS&number=C5", Some(&viewer)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("the registry does not hold WSIS action_line C5"));
}

#[tokio::test]
async fn an_editor_updates_a_mandate_through_its_form_and_sees_it_in_the_history() {
    let app = app().await;
    let editor = browser_sign_in(&app, EDITOR).await;
    let id = app.mandate_id("Resolution 130", "resolves", "11").await;
    let uri = format!("/mandates/{id}");
    let page = app.get(&uri, Some(&editor)).await.text();
    assert!(page.contains("<input type=\"hidden\" name=\"version\" value=\"1\">"), "{page}");
    let form = format!(
        "csrf={}&version=1&status=in_progress&progress=30&owner=A.+Focal&evidence=https%3A%2F%2Fwww.itu.int%2Fmd%2FS23-CL-C-0025&comment=Started",
        editor.csrf
    );
    let saved = post_form(&app, &uri, &editor, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    assert_eq!(saved.header("location"), format!("/mandates/{id}?saved=1"));
    let html = app.get(&format!("{uri}?saved=1"), Some(&editor)).await.text();
    assert!(html.contains("role=\"status\">Saved.</p>"));
    assert!(html.contains("<span class=\"status status-in_progress\">in progress</span>"));
    assert!(html.contains("<a href=\"https://www.itu.int/md/S23-CL-C-0025\">"));
    assert!(html.contains("<td>ed</td><td>status</td><td>not started</td><td>in progress</td>"), "{html}");
    assert!(html.contains("<td>ed</td><td>progress</td><td>0</td><td>30</td>"), "{html}");

    // The same form sent again was made against version 1: refused, and the page says why.
    let stale = post_form(&app, &uri, &editor, &form).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text().contains("was not applied"));
    // A form without the session's token is refused.
    let forged = post_form(&app, &uri, &editor, "version=2&status=completed").await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let record = app.store.mandate_record(id).await.unwrap().unwrap();
    assert_eq!((record.progress, record.owner.as_deref()), (30, Some("A. Focal")));

    // A viewer sees no form and cannot post one.
    let viewer = browser_sign_in(&app, VIEWER).await;
    assert!(!app.get(&uri, Some(&viewer)).await.text().contains("<form class=\"update\""));
    let refused = post_form(&app, &uri, &viewer, &format!("csrf={}&version=2&status=completed", viewer.csrf)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_kept_page_follows_every_change_and_each_visitor_sees_their_own_frame() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let editor = browser_sign_in(&app, EDITOR).await;
    let id = app.mandate_id("Resolution 130", "resolves", "11").await;
    let instrument = app.store.mandate_record(id).await.unwrap().unwrap().instrument_id;
    let page = format!("/instruments/{instrument}");
    let list = "/mandates?instrument=PP+Resolution+130";
    let shown = |html: &str, what: &str| html.contains(&format!("title=\"Mandate {id}: {what}\""));

    // The same page twice, for two people: the content is the same, the frame is each one's own.
    let for_viewer = app.get(&page, Some(&viewer)).await.text();
    let for_editor = app.get(&page, Some(&editor)).await.text();
    assert!(shown(&for_viewer, "not started, 0%") && shown(&for_editor, "not started, 0%"));
    assert!(for_viewer.contains("<span>vera (viewer)</span>") && !for_viewer.contains("Add a document"));
    assert!(for_editor.contains("<span>ed (editor)</span>") && for_editor.contains("Add a document"));
    assert!(for_editor.contains(&format!("name=\"csrf\" value=\"{}\"", editor.csrf)));
    assert!(!for_editor.contains(&viewer.csrf));
    assert!(app.get(list, Some(&viewer)).await.text().contains("not started"));

    // An update through the form: both pages show it at once.
    let form = format!("csrf={}&version=1&status=in_progress&progress=30", editor.csrf);
    assert_eq!(post_form(&app, &format!("/mandates/{id}"), &editor, &form).await.status, StatusCode::SEE_OTHER);
    assert!(shown(&app.get(&page, Some(&viewer)).await.text(), "in progress, 30%"));
    let listed = app.get(list, Some(&viewer)).await.text();
    assert!(listed.contains("<span class=\"status status-in_progress\">in progress</span> 30%"), "{listed}");

    // A write that does not come through the web (the CLI, another server): seen too.
    let change = mandates_store::Change { progress: Some(60), ..Default::default() };
    app.store.update(id, None, &change, "cli").await.unwrap();
    assert!(shown(&app.get(&page, Some(&viewer)).await.text(), "in progress, 60%"));
    assert!(app.get(list, Some(&viewer)).await.text().contains("in progress</span> 60%"));
}

#[tokio::test]
async fn text_from_a_document_is_shown_escaped() {
    let app = app().await;
    let editor = browser_sign_in(&app, EDITOR).await;
    let text = "RESOLUTION 999 (REV. BUCHAREST, 2022)\n\
        Testing <script>alert('title')</script>\n\
        The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\
        instructs the Director of the Telecommunication Standardization Bureau\n\
        1\tto report <script>alert('clause')</script> annually to the Council.\n";
    let doc = mandates_core::parse("script.txt", text.as_bytes(), &Default::default()).unwrap();
    app.store.ingest(&doc, "test").await.unwrap();
    let id = app.mandate_id("Resolution 999", "instructs", "1").await;
    let instrument = app.store.mandate_record(id).await.unwrap().unwrap().instrument_id;
    for uri in [format!("/instruments/{instrument}"), format!("/mandates/{id}"), "/mandates?instrument=999".into()] {
        let html = app.get(&uri, Some(&editor)).await.text();
        assert!(!html.contains("<script>"), "{uri}: {html}");
        // Askama escapes "<" as "&#60;", the instrument's text renderer as "&lt;": both are text, not markup.
        let shown = [
            "&lt;script&gt;alert(&#39;clause&#39;)&lt;/script&gt;",
            "&#60;script&#62;alert(&#39;clause&#39;)&#60;/script&#62;",
        ];
        assert!(shown.iter().any(|s| html.contains(s)), "{uri}: {html}");
    }
    let search = app.get("/search?q=alert", Some(&editor)).await.text();
    assert!(!search.contains("<script>"));
    assert!(search.contains("&lt;script&gt;<mark>alert</mark>(&#39;clause&#39;)"), "{search}");
}

#[tokio::test]
async fn the_mandate_list_filters_and_pages_with_its_state_in_the_address() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let html = app.get("/mandates?addressee=Director+TSB&status=not_started", Some(&viewer)).await.text();
    assert!(html.contains("value=\"Director TSB\""));
    assert!(html.contains("<option value=\"not_started\" selected>not started</option>"));
    // 77 current mandates name the Director TSB: a first page of 100 holds them all.
    assert!(!html.contains("rel=\"next\""));
    let all = app.get("/mandates", Some(&viewer)).await.text();
    assert!(all.contains("<a href=\"/mandates?offset=100\" rel=\"next\">Next 100</a>"), "107 mandates: two pages");
    let second = app.get("/mandates?offset=100", Some(&viewer)).await.text();
    assert_eq!(second.matches("<tr>").count() - 1, 7, "the header row and 7 mandates");
    let bad = app.get("/mandates?sector=X", Some(&viewer)).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.text().contains("use T, R or D"));
}

#[tokio::test]
async fn an_editor_adds_a_document_through_the_upload_form() {
    let app = app().await;
    let editor = browser_sign_in(&app, EDITOR).await;
    let text = std::fs::read(repo_file("crates/store/tests/data/res130-dubai-2018.txt")).unwrap();
    let boundary = "XBOUNDARYX";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"res130-dubai-2018.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n",
        editor.csrf
    )
    .into_bytes();
    body.extend_from_slice(&text);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = |session: &Session, body: Vec<u8>| {
        Request::post("/upload")
            .header("cookie", &session.cookie)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap()
    };
    let answer = app.send(request(&editor, body.clone())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let html = answer.text();
    assert!(html.contains("<h2>res130-dubai-2018.txt: registered</h2>"), "{html}");
    let viewer = browser_sign_in(&app, VIEWER).await;
    assert_eq!(app.send(request(&viewer, body)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/upload", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_reference_table_and_calendar_pages_list_the_seed() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let table = app.get("/table", Some(&viewer)).await.text();
    assert_eq!(table.matches("<tr").count() - 1, 47, "the seed's reference table has 47 rows");
    let calendar = app.get("/calendar", Some(&viewer)).await.text();
    assert!(calendar.contains("/api/calendar?format=ics"));
    assert!(calendar.contains(
        "Resolution 130 (Rev. Bucharest, 2022), instructs the Secretary-General and the Directors of the Bureaux, 8"
    ));
    let css = app.get("/static/style.css", None).await;
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
}

#[tokio::test]
async fn the_diff_of_two_revisions_shows_what_changed_for_each_addressee() {
    let app = app().await;
    for file in ["res130-dubai-2018.txt", "res130-bucharest-2022.txt"] {
        let path = repo_file(&format!("crates/store/tests/data/{file}"));
        let doc = mandates_core::parse(file, &std::fs::read(path).unwrap(), &Default::default()).unwrap();
        app.store.ingest(&doc, "test").await.unwrap();
    }
    let viewer = browser_sign_in(&app, VIEWER).await;
    let id = app.mandate_id("Resolution 130", "resolves", "1").await;
    let instrument = app.store.mandate_record(id).await.unwrap().unwrap().instrument_id;
    assert!(
        app.get(&format!("/instruments/{instrument}"), Some(&viewer))
            .await
            .text()
            .contains("/diff\">Compare the texts")
    );
    // By default: the latest text (Bucharest 2022, in full) against the latest of the revision before (Dubai 2018).
    // Between the two files, the Director TSB's block gained 2bis (the cybersecurity workforce) and lost 3
    // (support of ITU-D Study Question 3/2): read in crates/store/tests/data.
    let html = app.get(&format!("/instruments/{instrument}/diff"), Some(&viewer)).await.text();
    assert!(
        html.contains("<strong>Director TSB</strong>: 1 new clause (instructs 2bis); 1 removed (instructs 3)"),
        "{html}"
    );
    assert!(html.contains(
        "<ins>to promote the growth and development of a diverse and skilled cybersecurity workforce;</ins>"
    ));
    assert!(html.contains("<del>to support the work of ITU-D Study Question 3/2;</del>"));
    let json = app.get(&format!("/api/instruments/{instrument}/diff"), Some(&viewer)).await.json();
    assert!(json["old"]["citation"].as_str().unwrap().contains("DUBAI, 2018"), "{}", json["old"]);
    let unknown = app.get(&format!("/api/instruments/{instrument}/diff?from=999999"), Some(&viewer)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_cross_reference_graph_links_pp_resolutions_to_the_wtsa_resolutions_to_align() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    let html = app.get("/graph", Some(&viewer)).await.text();
    assert!(html.contains("<h1>Cross-references of PP-22</h1>"), "{html}");
    // The row of PP Resolution 130 in the seed's reference table lists WTSA Resolutions 50, 52, 58, 64, 69, 90, 98 ...
    for wtsa in ["50", "52", "58"] {
        assert!(
            html.contains(&format!("<a href=\"/instruments/find?kind=resolution&amp;body=WTSA&amp;number={wtsa}\">")),
            "WTSA {wtsa}: {html}"
        );
    }
    assert!(html.contains("<text x=\"20\" y=\"16\" class=\"heading\">PP-22</text>"));
    assert!(html.contains("class=\"heading\">WTSA</text>"));
}

#[tokio::test]
async fn the_instrument_list_shows_two_hundred_at_a_time() {
    let app = app().await;
    let viewer = browser_sign_in(&app, VIEWER).await;
    // 230 Council resolutions in one text, in the grammar of real ones.
    let mut text = String::new();
    for n in 1..=230 {
        text.push_str(&format!(
            "RESOLUTION {n} (Geneva, 2020)\nTopic number {n} of the Council\nThe Council,\nresolves\n\
             1\tto report to the next session of the Council on topic {n}.\n\n"
        ));
    }
    let doc = mandates_core::parse("council-2020.txt", text.as_bytes(), &Default::default()).unwrap();
    app.store.ingest(&doc, "test").await.unwrap();
    let total = app.store.instruments().await.unwrap().len();
    assert!(total > 230, "{total} instruments");

    let first = app.get("/instruments", Some(&viewer)).await.text();
    assert!(first.contains(&format!("<p>{total} instruments; 1 to 200 shown.</p>")), "{first}");
    assert_eq!(first.matches("<tr").count(), 1 + 200);
    assert!(first.contains("<a href=\"/instruments?offset=200\" rel=\"next\">Next 200</a>"));
    assert!(!first.contains("rel=\"prev\""));
    let second = app.get("/instruments?offset=200", Some(&viewer)).await.text();
    assert!(second.contains(&format!("<p>{total} instruments; 201 to {total} shown.</p>")), "{second}");
    assert_eq!(second.matches("<tr").count(), 1 + total - 200);
    assert!(
        second.contains("<a href=\"/instruments\" rel=\"prev\">Previous 200</a>") && !second.contains("rel=\"next\"")
    );
    // Filters stay in the page links; a filtered list that fits on a page has none.
    let council = app.get("/instruments?body=Council", Some(&viewer)).await.text();
    assert!(council.contains("<a href=\"/instruments?body=Council&#38;offset=200\" rel=\"next\">"), "{council}");
    let one = app.get("/instruments?q=topic+number+117", Some(&viewer)).await.text();
    assert!(one.contains("<p>1 instrument.</p>") && !one.contains("rel=\"next\""), "{one}");
}
