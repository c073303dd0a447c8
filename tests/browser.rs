//! The web page in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run`
//! installs) types a search, picks a facet, opens a record beside its counterpart, goes
//! back, and looks at the page on a narrow screen. The tests assert on the page's DOM and
//! save screenshots in `target/tmp/browser/`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::types::Bounds;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

use crate::util::server::Server;
use crate::util::Scratch;

const CHROMIUM: &str = "/usr/bin/chromium";

fn browser() -> Browser {
    let path = PathBuf::from(std::env::var("BIREPORT_CHROMIUM").unwrap_or(CHROMIUM.into()));
    assert!(
        path.exists(),
        "the browser tests need Chromium at {} (apt-get install chromium; .ci/run installs it; \
         BIREPORT_CHROMIUM names another)",
        path.display()
    );
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        // Containers run the tests as root, where Chromium's sandbox cannot start.
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    Browser::new(options).expect("start Chromium")
}

/// The value of a JavaScript expression on the page (through JSON: the protocol hands
/// arrays and objects back by reference).
fn eval(tab: &Tab, expression: &str) -> Value {
    let json = tab
        .evaluate(&format!("JSON.stringify({expression})"), false)
        .unwrap_or_else(|err| panic!("{expression}: {err}"))
        .value;
    match json {
        Some(Value::String(text)) => serde_json::from_str(&text).unwrap(),
        _ => Value::Null,
    }
}

fn screenshot(tab: &Tab, name: &str) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Waits until the page's script has rendered (`selector` is there) after a navigation.
fn settled(tab: &Arc<Tab>, selector: &str) {
    tab.wait_until_navigated().expect("navigation");
    tab.wait_for_element(selector)
        .unwrap_or_else(|err| panic!("no {selector} on {}: {err}", tab.get_url()));
}

#[test]
fn a_person_searches_filters_and_reads_a_record_beside_its_counterpart() {
    let scratch = Scratch::new();
    scratch.ok(&["--index", "ix", "index"]);
    let server = Server::start(&scratch, &["--index", "ix", "-q"]);
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(20));
    tab.navigate_to(&format!("http://{}/", server.addr))
        .unwrap();
    settled(&tab, "#q");
    // Every form control has a label a screen reader reads.
    let unlabelled = eval(
        &tab,
        "[...document.querySelectorAll('input:not([type=hidden]), select')]\
         .filter(c => !c.labels || c.labels.length === 0).length",
    );
    assert_eq!(unlabelled, 0);

    // Type a Lithuanian word (partnership) and press Enter: the query goes into the address.
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str("partnerystės")
        .unwrap()
        .press_key("Enter")
        .unwrap();
    settled(&tab, "li.hit");
    assert!(
        tab.get_url().contains("q=partneryst%C4%97s"),
        "{}",
        tab.get_url()
    );
    assert_eq!(eval(&tab, "document.characterSet"), "UTF-8");
    let status = eval(&tab, "document.getElementById('status').textContent");
    let total = eval(&tab, "document.querySelectorAll('li.hit').length");
    assert!(total.as_u64() > Some(1), "{status}");
    assert_eq!(
        status,
        format!("Results 1–{total} of {total} for partnerystės"),
        "{status}"
    );
    // Matches are marked in the snippets; Lithuanian letters arrive whole.
    let marks = eval(
        &tab,
        "[...document.querySelectorAll('li.hit .snippet mark')].map(m => m.textContent)",
    );
    let marks: Vec<&str> = marks
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!marks.is_empty(), "no marks");
    assert!(
        marks
            .iter()
            .all(|m| m.to_lowercase().starts_with("partnerys")),
        "{marks:?}"
    );
    screenshot(&tab, "1-results");

    // Pick a country among the facets: the address and the hits follow.
    let facet = tab
        .wait_for_element("a[data-facet=country][href*='country=Norway']")
        .expect("a Norway facet");
    facet.click().unwrap();
    settled(&tab, "li.hit");
    assert!(
        tab.get_url().contains("country=Norway"),
        "{}",
        tab.get_url()
    );
    let countries = eval(
        &tab,
        "[...document.querySelectorAll('li.hit')].map(h => h.querySelector('.meta').textContent.includes('Norway'))",
    );
    assert!(
        countries.as_array().unwrap().iter().all(|c| c == true),
        "{countries}"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.facets li.active').textContent.startsWith('Norway')"
        ),
        true
    );
    // The filter stays when the query changes (a hidden field carries it).
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('#kept input[name=country]').value"
        ),
        "Norway"
    );
    screenshot(&tab, "2-filtered");

    // Open a Lithuanian record: it and its English counterpart, side by side, the words
    // the pairing evidence names marked in both.
    let lithuanian = tab
        .wait_for_element("li.hit[lang=lt] h2 a")
        .expect("a Lithuanian hit");
    lithuanian.click().unwrap();
    settled(&tab, ".pair article[lang=en][data-id]");
    let (lt, en) = (
        eval(
            &tab,
            "document.querySelector('.pair article[lang=lt]').dataset.id",
        ),
        eval(
            &tab,
            "document.querySelector('.pair article[lang=en]').dataset.id",
        ),
    );
    let api = server.get(&format!(
        "/api/records/{}/counterpart",
        lt.as_str().unwrap().replace('#', "%23")
    ));
    assert_eq!(api.json()["counterpart"]["id"], en, "{lt} ↔ {en}");
    for lang in ["lt", "en"] {
        let marked = eval(
            &tab,
            &format!("document.querySelectorAll('.pair article[lang={lang}] mark.named').length"),
        );
        assert!(
            marked.as_u64() > Some(0),
            "no evidence marked in the {lang} text"
        );
    }
    let evidence = eval(&tab, "document.querySelectorAll('.evidence li').length");
    assert_eq!(evidence, api.json()["evidence"].as_array().unwrap().len());
    let lithuanian_text = eval(
        &tab,
        "document.querySelector('.pair article[lang=lt]').textContent",
    );
    assert!(
        lithuanian_text.as_str().unwrap().contains("Norvegij"),
        "{lithuanian_text}"
    );
    // Side by side on a wide screen…
    let side_by_side = "(() => { const [a, b] = document.querySelectorAll('.pair article'); \
         return Math.abs(a.getBoundingClientRect().top - b.getBoundingClientRect().top) < 2 \
         && b.getBoundingClientRect().left > a.getBoundingClientRect().right; })()";
    assert_eq!(eval(&tab, side_by_side), true);
    screenshot(&tab, "3-side-by-side");
    // …one above the other on a narrow one.
    tab.set_bounds(Bounds::Normal {
        left: None,
        top: None,
        width: Some(480.0),
        height: Some(900.0),
    })
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let stacked = "(() => { const [a, b] = document.querySelectorAll('.pair article'); \
         return b.getBoundingClientRect().top >= a.getBoundingClientRect().bottom; })()";
    assert_eq!(eval(&tab, stacked), true);
    screenshot(&tab, "4-narrow");
    tab.set_bounds(Bounds::Normal {
        left: None,
        top: None,
        width: Some(1280.0),
        height: Some(900.0),
    })
    .unwrap();

    // The back button returns to the filtered results.
    eval(&tab, "history.back()");
    settled(&tab, "li.hit");
    assert!(
        tab.get_url().contains("country=Norway"),
        "{}",
        tab.get_url()
    );

    // A malformed query says what is wrong, where.
    tab.navigate_to(&format!("http://{}/?q=visit+AND", server.addr))
        .unwrap();
    settled(&tab, "[role=alert]");
    let alert = eval(&tab, "document.querySelector('[role=alert]').textContent");
    assert!(
        alert.as_str().unwrap().contains("at character 7"),
        "{alert}"
    );
}
