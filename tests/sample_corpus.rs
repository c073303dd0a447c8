//! The five sample reports, embedded in the binary, as a new user sees them.

use serde_json::Value;

use crate::util::{hit_ids, Scratch};

const EN: &str = "000_d07f7dcf419cedbb.txt";
const LT: &str = "001_aa89047c32f4e6b6.txt";

/// Every record of the embedded corpus, keyed by id.
fn all_records(scratch: &Scratch) -> Vec<Value> {
    let results = scratch.json(&["search", "*", "--limit", "100"]);
    results["hits"].as_array().expect("hits").clone()
}

fn record<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records.iter().find(|r| r["id"] == id).unwrap_or_else(|| {
        panic!(
            "no record {id} among {:?}",
            records.iter().map(|r| &r["id"]).collect::<Vec<_>>()
        )
    })
}

#[test]
fn five_files_give_eleven_records_in_the_documented_split() {
    let scratch = Scratch::new();
    let report = scratch.json(&["index"]);
    assert_eq!(report["files"], 5);
    assert_eq!(report["records"], 11);
    assert_eq!(report["skipped"], serde_json::json!([]));

    let records = all_records(&scratch);
    assert_eq!(records.len(), 11);
    let per_file = |name: &str| records.iter().filter(|r| r["source"] == name).count();
    assert_eq!(per_file(EN), 4);
    assert_eq!(per_file(LT), 4);
    assert_eq!(per_file("002_1af3a662db35f4a9.txt"), 1);
    assert_eq!(per_file("003_10e1ffe6dd691d70.txt"), 1);
    assert_eq!(per_file("004_257f851f65888750.txt"), 1);
    for r in &records {
        let id = format!("{}#{}", r["source"].as_str().unwrap(), r["ordinal"]);
        assert_eq!(r["id"], id.as_str());
    }
}

#[test]
fn initiatives_have_language_partner_country_and_period() {
    let scratch = Scratch::new();
    let records = all_records(&scratch);
    // (id, lang, first partner, country, start, end), read off the sample files.
    let expected = [
        (format!("{EN}#1"), "en", "Drug Free Treatment Unit, Division of Mental Health and Substance Abuse, University Hospital of North Norway", "Norway", "2020-02-21", "2020-03-03"),
        (format!("{EN}#2"), "en", "Oslo/Fusion International Film Festival", "Norway", "2020-02-27", "2020-03-03"),
        (format!("{EN}#3"), "en", "Norwegian Neighbourhood Organisation", "Norway", "2020-02-05", "2020-03-05"),
        (format!("{EN}#4"), "en", "Multiple Sclerosis Society of Iceland", "Iceland", "2020-02-07", "2020-03-07"),
        (format!("{LT}#1"), "lt", "Šiaurės Norvegijos Universitetinės ligoninės, Psichikos sveikatos ir priklausomybės ligų padalinio, Gydymo neskiriant medikamentų skyrius", "Norway", "2020-02-21", "2020-03-03"),
        (format!("{LT}#2"), "lt", "Tarptautinis filmų festivalis „Oslo/Fusion“", "Norway", "2020-02-27", "2020-03-03"),
        (format!("{LT}#3"), "lt", "Norwegian Neighbourhood Organisation", "Norway", "2020-02-05", "2020-03-05"),
        (format!("{LT}#4"), "lt", "MS Félag Íslands/ Islandijos išsėtinės sklerozės draugija", "Iceland", "2020-02-07", "2020-03-07"),
    ];
    for (id, lang, partner, country, start, end) in &expected {
        let r = record(&records, id);
        assert_eq!(r["kind"], "initiative", "{id}");
        assert_eq!(r["lang"], *lang, "{id}");
        assert_eq!(r["partner"], *partner, "{id}");
        assert_eq!(r["country"], *country, "{id}");
        assert_eq!(r["period"]["start"], *start, "{id}");
        assert_eq!(r["period"]["end"], *end, "{id}");
    }
    for page in [
        "002_1af3a662db35f4a9.txt#1",
        "003_10e1ffe6dd691d70.txt#1",
        "004_257f851f65888750.txt#1",
    ] {
        let r = record(&records, page);
        assert_eq!(r["kind"], "project", "{page}");
        assert_eq!(r["lang"], "en", "{page}");
        assert_eq!(r["period"], Value::Null, "{page}");
    }
}

#[test]
fn extra_partner_lines_belong_to_their_record() {
    let scratch = Scratch::new();
    for id in [format!("{EN}#3"), format!("{LT}#3")] {
        let record = scratch.json(&["show", &id]);
        let partners = record["partners"].as_array().expect("partners");
        assert_eq!(partners.len(), 2, "{id}: {partners:?}");
        assert_eq!(partners[0]["name"], "Norwegian Neighbourhood Organisation");
        assert_eq!(partners[1]["name"], "Bodø Commune");
        assert_eq!(partners[0]["country"], "Norway");
    }
    // The list title is not a record and not part of the first record's partners.
    let first = scratch.json(&["show", &format!("{LT}#1")]);
    assert_eq!(first["partners"].as_array().unwrap().len(), 1);
    assert!(!first["text"].as_str().unwrap().contains("Patvirtintos"));
}

#[test]
fn project_page_facts_of_lt10_0012() {
    let scratch = Scratch::new();
    let page = scratch.json(&["show", "003_10e1ffe6dd691d70.txt#1"]);
    assert_eq!(page["kind"], "project");
    assert_eq!(
        page["title"],
        "State and municipal servants capacity building in the field of de-institutionalization, based on the good experience of Norway"
    );
    let facts = &page["facts"];
    assert_eq!(facts["project_number"], "LT10-0012");
    assert_eq!(facts["promoter"], "NGO Confederation for children");
    assert_eq!(facts["status"], "Completed");
    assert_eq!(
        facts["target_groups"],
        "Civil servants/Public administration staff"
    );
    assert_eq!(facts["costs"]["initial"], 200054);
    assert_eq!(facts["costs"]["final"], 193289);
    assert_eq!(facts["costs"]["grant"], 139651);
    let labels: Vec<&str> = page["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    for label in [
        "Project facts",
        "Description",
        "Summary of project results",
        "Summary of bilateral results",
    ] {
        assert!(labels.contains(&label), "{label} missing from {labels:?}");
    }
    // The project number is searchable as an exact field.
    let results = scratch.json(&["search", "project_number:LT10-0012"]);
    assert_eq!(hit_ids(&results), vec!["003_10e1ffe6dd691d70.txt#1"]);
}

#[test]
fn show_prints_every_documented_field() {
    let scratch = Scratch::new();
    let record = scratch.json(&["show", &format!("{LT}#4")]);
    for key in [
        "id",
        "source",
        "ordinal",
        "kind",
        "lang",
        "title",
        "partner",
        "partners",
        "country",
        "period",
        "sections",
        "facts",
        "text",
        "counterpart",
    ] {
        assert!(
            record.get(key).is_some(),
            "show --json lacks {key}: {record}"
        );
    }
    assert_eq!(record["lang"]["code"], "lt");
    assert!(record["lang"]["confidence"].as_f64().unwrap() > 0.0);
    assert_eq!(record["sections"][0]["label"], "Santrauka");
    // The text is the record's lines exactly as in the file.
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/001_aa89047c32f4e6b6.txt"
    ))
    .unwrap();
    let text = record["text"].as_str().unwrap();
    assert!(
        file.contains(text),
        "record text is not a slice of the file:\n{text}"
    );
    assert!(text.starts_with("Partneris:") && text.contains("MS Félag Íslands"));
    assert!(text.ends_with("07/02-07/03 2020") && text.contains("Įgyvendinimo periodas:"));

    let text = scratch.ok(&["show", &format!("{LT}#4")]).stdout;
    crate::assert_contains!(
        text,
        "MS Félag Íslands/ Islandijos išsėtinės sklerozės draugija (Iceland)"
    );
    crate::assert_contains!(text, "2020-02-07..2020-03-07");
    crate::assert_contains!(text, "Santrauka");
}

#[test]
fn stats_counts_records_files_and_facets() {
    let scratch = Scratch::new();
    let stats = scratch.json(&["stats"]);
    assert_eq!(stats["records"], 11);
    assert_eq!(stats["files"], 5);
    assert_eq!(stats["facets"]["lang"]["en"], 7);
    assert_eq!(stats["facets"]["lang"]["lt"], 4);
    assert_eq!(stats["facets"]["kind"]["initiative"], 8);
    assert_eq!(stats["facets"]["kind"]["project"], 3);
    assert_eq!(stats["facets"]["country"]["Norway"], 6);
    assert_eq!(stats["facets"]["country"]["Iceland"], 2);
    assert_eq!(stats["facets"]["year"]["2020"], 8);
}
