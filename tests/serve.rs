//! `bireport serve`: the API gives exactly what the command line gives with `--json`,
//! answers bad requests with the right status and a JSON error, sees new commits without a
//! restart, stays up under concurrent load while an index run commits, and stops cleanly.

use serde_json::Value;

use crate::util::server::Server;
use crate::util::Scratch;

/// Percent-encodes a query-string or path value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The samples indexed in `ix`, and a server on them.
fn serving_samples() -> (Scratch, Server) {
    let scratch = Scratch::new();
    scratch.ok(&["--index", "ix", "index"]);
    let server = Server::start(&scratch, &["--index", "ix"]);
    (scratch, server)
}

#[test]
fn the_api_answers_what_the_command_line_prints() {
    let (scratch, server) = serving_samples();
    let cli = |args: &[&str]| -> Value {
        let mut all = vec!["--index", "ix"];
        all.extend_from_slice(args);
        scratch.json(&all)
    };
    let api = |path: &str| -> Value {
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(answer.header("content-type"), Some("application/json"));
        answer.json()
    };
    for (query, args) in [
        ("q=sveikatos", vec!["search", "sveikatos"]),
        (
            "q=Norway&lang=lt&limit=3&offset=1",
            vec![
                "search", "Norway", "--lang", "lt", "--limit", "3", "--offset", "1",
            ],
        ),
        (
            "q=visit&country=Norway&year=2020&kind=initiative&sort=date",
            vec![
                "search",
                "visit",
                "--country",
                "Norway",
                "--year",
                "2020",
                "--kind",
                "initiative",
                "--sort",
                "date",
            ],
        ),
        (
            "q=visit&from=2020-02-25&to=2020&limit=20",
            vec![
                "search",
                "visit",
                "--from",
                "2020-02-25",
                "--to",
                "2020",
                "--limit",
                "20",
            ],
        ),
        (
            "q=%22mental+health%22&lang=lt&cross=true",
            vec!["search", "\"mental health\"", "--lang", "lt", "--cross"],
        ),
        (
            "q=Steinker&fuzzy=1&lang=en&translate=false",
            vec![
                "search",
                "Steinker",
                "--fuzzy",
                "--lang",
                "en",
                "--no-translate",
            ],
        ),
    ] {
        let answer = api(&format!("/api/search?{query}"));
        assert_eq!(answer, cli(&args), "{query}");
        assert!(answer["total"].as_u64() > Some(0), "{query}: {answer}");
    }
    // Nothing found, with the hint the command line gives: the project page that names
    // Steinkjer has no period, so the dates leave it out.
    let (query, args) = (
        "q=Steinker&fuzzy=1&from=2019",
        ["search", "Steinker", "--fuzzy", "--from", "2019"],
    );
    let answer = api(&format!("/api/search?{query}"));
    assert_eq!(answer, cli(&args));
    assert_eq!(
        answer["hints"],
        serde_json::json!([
            "\"Steinkejr\" is in the index, but no record of it passes the filters"
        ])
    );
    let id = "001_aa89047c32f4e6b6.txt#2";
    assert_eq!(
        api(&format!("/api/records/{}", encode(id))),
        cli(&["show", id])
    );
    assert_eq!(
        api(&format!("/api/records/{}/counterpart", encode(id))),
        cli(&["counterpart", id])
    );
    // A record without a counterpart: the closest candidates, as the command line lists them.
    let project = "003_10e1ffe6dd691d70.txt#1";
    assert_eq!(
        api(&format!("/api/records/{}/counterpart", encode(project))),
        cli(&["counterpart", project])
    );
    assert_eq!(api("/api/pairs"), cli(&["pairs"]));
    assert_eq!(api("/api/stats"), cli(&["stats"]));
    assert_eq!(
        api("/api/health"),
        serde_json::json!({"status": "ok", "records": 11})
    );
}

#[test]
fn bad_requests_get_the_right_status_and_a_json_error() {
    let (_scratch, server) = serving_samples();
    let error = |path: &str, status: u16| -> Value {
        let answer = server.get(path);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{path}"
        );
        let body = answer.json();
        assert_eq!(body["error"]["status"], status, "{path}: {body}");
        body["error"].clone()
    };
    assert_eq!(
        error("/api/search", 400)["message"],
        "parameter q (the query) is required"
    );
    let operator = error("/api/search?q=visit+AND", 400);
    assert_eq!(operator["position"], 7, "{operator}");
    assert!(operator["message"]
        .as_str()
        .unwrap()
        .contains("AND at character 7 needs a term after it"));
    // The position counts characters, as a person does, not bytes.
    let unbalanced = error(&format!("/api/search?q={}", encode("šviesa AND")), 400);
    assert_eq!(unbalanced["position"], 8, "{unbalanced}");
    assert_eq!(
        error("/api/search?q=visit&contry=Norway", 400)["message"],
        "unknown parameter \"contry\" (did you mean country?)"
    );
    assert_eq!(
        error("/api/search?q=visit&limit=1001", 400)["message"],
        "limit is at most 1000, not 1001"
    );
    assert_eq!(
        error("/api/search?q=visit&offset=-1", 400)["message"],
        "offset must be a whole number, not \"-1\""
    );
    let long = "a".repeat(1001);
    assert_eq!(
        error(&format!("/api/search?q={long}"), 400)["message"],
        "the query is longer than 1000 characters"
    );
    for (param, message) in [
        (
            "year=20x0",
            "year must be a year from 1900 to 2200, not \"20x0\"",
        ),
        (
            "kind=project2",
            "kind is initiative or project, not \"project2\"",
        ),
        ("sort=best", "sort is score or date, not \"best\""),
        ("cross=maybe", "cross is true or false, not \"maybe\""),
        (
            "from=2020-13-01",
            "from must be a date as YYYY-MM-DD or a year as YYYY, not \"2020-13-01\"",
        ),
    ] {
        assert_eq!(
            error(&format!("/api/search?q=visit&{param}"), 400)["message"],
            message
        );
    }
    let unknown = error("/api/records/nope.txt%231", 404);
    assert!(unknown["message"]
        .as_str()
        .unwrap()
        .starts_with("no record with id \"nope.txt#1\""));
    error("/api/records/nope.txt%231/counterpart", 404);
    assert_eq!(
        error("/api/nothing", 404)["message"],
        "no such page or endpoint: /api/nothing"
    );
    // Input that is not even a request, bytes that are not UTF-8, a huge header: answered
    // or refused, and the server goes on.
    let _ = server.request("\u{1}\u{2}garbage\r\n\r\n");
    let bad_utf8 = server.get("/api/search?q=%FF%FE");
    assert!(
        bad_utf8.status == 400 || bad_utf8.status == 200,
        "{bad_utf8:?}"
    );
    let _ = server.request(&format!(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(200_000)
    ));
    assert_eq!(server.get("/api/health").status, 200);
}

#[test]
fn without_an_index_the_api_says_503_until_one_is_built() {
    let scratch = Scratch::new();
    let server = Server::start(&scratch, &["--index", "later"]);
    let answer = server.get("/api/search?q=visit");
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert!(answer.json()["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("no index at later"));
    assert_eq!(server.get("/api/health").status, 503);
    // The page itself is there, to say so.
    assert_eq!(server.get("/").status, 200);
    scratch.ok(&["--index", "later", "index"]);
    let answer = server.get("/api/health");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["records"], 11);
}

#[test]
fn the_page_and_its_files_are_served_from_the_binary() {
    let (_scratch, server) = serving_samples();
    let page = server.get("/?q=Norway&country=Norway");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page
        .header("content-security-policy")
        .is_some_and(|policy| policy.starts_with("default-src 'self'")));
    for part in [
        "<label for=\"q\">Search the reports</label>",
        "<label for=\"lang\">Language</label>",
        "<label for=\"sort\">Order</label>",
        "<script src=\"/assets/app.js\"></script>",
    ] {
        assert!(page.body.contains(part), "no {part:?} in the page");
    }
    assert_eq!(server.get("/record?id=x").body, page.body);
    let script = server.get("/assets/app.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("/api/search?"));
    let style = server.get("/assets/style.css");
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    // Nothing is fetched from elsewhere.
    for body in [&page.body, &script.body, &style.body] {
        assert!(!body.contains("https://") && !body.contains("http://"));
    }
}

#[test]
fn cross_origin_calls_only_with_cors() {
    let (scratch, server) = serving_samples();
    let from_portal = "GET /api/health HTTP/1.1\r\nHost: x\r\nOrigin: https://portal.example.org\r\nConnection: close\r\n\r\n";
    let answer = server.request(from_portal);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("access-control-allow-origin"), None);
    let open = Server::start_with(
        &scratch,
        &["--index", "ix"],
        &["--cors", "https://portal.example.org"],
    );
    let answer = open.request(from_portal);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://portal.example.org")
    );
}

#[test]
fn each_request_is_logged_and_sigterm_stops_the_server_cleanly() {
    let (scratch, server) = serving_samples();
    assert_eq!(server.get("/api/search?q=visit&limit=2").status, 200);
    assert_eq!(server.get("/api/records/x").status, 404);
    let (code, stderr) = server.terminate();
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" GET /api/search?q=visit&limit=2 200 ")),
        "{stderr}"
    );
    assert!(
        lines.iter().any(|l| l.contains(" GET /api/records/x 404 ")),
        "{stderr}"
    );
    assert_eq!(lines.last(), Some(&"bireport: stopped"), "{stderr}");
    // -q: no access log.
    let quiet = Server::start(&scratch, &["--index", "ix", "-q"]);
    assert_eq!(quiet.get("/api/health").status, 200);
    let (code, stderr) = quiet.terminate();
    assert_eq!((code, stderr.as_str()), (Some(0), "bireport: stopped\n"));
}

#[test]
fn searches_go_on_while_an_index_run_commits_and_then_see_the_new_records() {
    let scratch = Scratch::new();
    scratch.ok(&["gen-corpus", "corpus", "--records", "3000", "--seed", "5"]);
    scratch.ok(&["--index", "ix", "index", "corpus"]);
    let server = Server::start(&scratch, &["--index", "ix", "-q"]);
    let before = server.get("/api/health").json()["records"]
        .as_u64()
        .unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|n| {
            let stop = std::sync::Arc::clone(&stop);
            let addr = server.addr.clone();
            std::thread::spawn(move || {
                let client = crate::util::server::Client::new(addr);
                let queries = ["visit", "heritage", "bibliotekos", "Norway", "zebrafinch"];
                let mut answered = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) || answered < 5 {
                    let q = queries[(n + answered) % queries.len()];
                    let answer = client.get(&format!("/api/search?q={q}&limit=20"));
                    assert_eq!(answer.status, 200, "{q}: {}", answer.body);
                    let total = answer.json()["total"].as_u64().unwrap();
                    assert!(q != "zebrafinch" || total <= 1, "{total}");
                    answered += 1;
                }
                answered
            })
        })
        .collect();
    // A new report and a changed corpus, committed while the clients search.
    scratch.write(
        "corpus/new/zebra.txt",
        "Partner: Zebrafinch Ornithology Society (Norway)\n\nMain results of the initiative:\n\nA zebrafinch census.\n\nImplementation period: 01/03-05/03 2021\n",
    );
    scratch.ok(&["--index", "ix", "index", "corpus"]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert!(answered >= 40, "{answered}");
    let found = server.get("/api/search?q=zebrafinch");
    assert_eq!(found.json()["total"], 1, "{}", found.body);
    let after = server.get("/api/health").json()["records"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 1);
}

#[test]
fn a_search_asked_again_is_answered_from_its_kept_answer_until_the_next_commit() {
    let report = |town: &str| {
        format!(
            "Partner: Zebrafinch Society of {town} (Norway)\n\nMain results of the initiative:\n\nA zebrafinch census in {town}.\n\nImplementation period: 01/03-05/03 2021\n"
        )
    };
    let scratch = Scratch::new();
    scratch.write("corpus/bergen.txt", report("Bergen"));
    scratch.ok(&["--index", "ix", "index", "corpus"]);
    let server = Server::start(&scratch, &["--index", "ix", "-q"]);
    let search = |path: &str| {
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        answer
    };

    let first = search("/api/search?q=zebrafinch");
    assert_eq!(first.header("x-cache"), Some("miss"));
    assert_eq!(first.json()["total"], 1, "{}", first.body);
    let again = search("/api/search?q=zebrafinch");
    assert_eq!(again.header("x-cache"), Some("hit"));
    assert_eq!(again.body, first.body);
    // Another page, another language: other requests.
    assert_eq!(
        search("/api/search?q=zebrafinch&offset=1").header("x-cache"),
        Some("miss")
    );
    assert_eq!(
        search("/api/search?q=zebrafinch&lang=lt").header("x-cache"),
        Some("miss")
    );

    // A commit: the kept answers belong to the commit before it.
    scratch.write("corpus/tromso.txt", report("Tromsø"));
    scratch.ok(&["--index", "ix", "index", "corpus"]);
    let fresh = search("/api/search?q=zebrafinch");
    assert_eq!(fresh.header("x-cache"), Some("miss"));
    assert_eq!(fresh.json()["total"], 2, "{}", fresh.body);
    assert_eq!(
        search("/api/search?q=zebrafinch").header("x-cache"),
        Some("hit")
    );
    assert_eq!(
        fresh.json(),
        scratch.json(&["--index", "ix", "search", "zebrafinch"])
    );

    // `--cache-mb 0` keeps nothing.
    let uncached = Server::start_with(&scratch, &["--index", "ix", "-q"], &["--cache-mb", "0"]);
    for _ in 0..2 {
        let answer = uncached.get("/api/search?q=zebrafinch");
        assert_eq!(answer.header("x-cache"), Some("miss"));
        assert_eq!(answer.body, fresh.body);
    }
}

#[test]
fn searches_sharing_a_filter_answer_as_the_command_line_does() {
    // Nothing kept, so every search runs; the filters' documents are gathered by the first
    // search of each and reused by the rest, which must answer as a fresh process does.
    let scratch = Scratch::new();
    scratch.ok(&["gen-corpus", "corpus", "--records", "3000", "--seed", "7"]);
    scratch.ok(&["--index", "ix", "index", "corpus"]);
    let server = Server::start_with(&scratch, &["--index", "ix", "-q"], &["--cache-mb", "0"]);
    let filters: [(&str, &[&str]); 3] = [
        ("country=Norway", &["--country", "Norway"]),
        (
            "country=Norway&year=2021&kind=initiative",
            &[
                "--country",
                "Norway",
                "--year",
                "2021",
                "--kind",
                "initiative",
            ],
        ),
        ("lang=lt&year=2020", &["--lang", "lt", "--year", "2020"]),
    ];
    for query in ["visit", "heritage", "youth", "*"] {
        for (params, args) in filters {
            let answer = server.get(&format!("/api/search?q={}&{params}", encode(query)));
            assert_eq!(answer.status, 200, "{query} {params}: {}", answer.body);
            let mut cli = vec!["--index", "ix", "search", query];
            cli.extend_from_slice(args);
            assert_eq!(answer.json(), scratch.json(&cli), "{query} {params}");
        }
    }
}
