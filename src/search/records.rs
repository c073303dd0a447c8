//! Records by id and all of them in order: `show`, `counterpart`, `export`, `pairs`.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::pairs::counterpart_from;
use super::{join, Engine};
use crate::error::{Error, Result};
use crate::index::{self, field, Fields, StoredPair};
use crate::record::{Record, StoredRecord};

/// Documents a record key can name: keys are 64-bit hashes, so two records sharing one
/// is rare, and more than a few never happen; each is checked by its stored id.
const RECORDS_PER_KEY: usize = 8;

impl Engine {
    /// The record with `id`, its counterpart filled in. Records are found by their key
    /// ([`index::record_key`]) in its fast column, then by their stored id (two ids could
    /// share a key).
    pub fn get(&self, id: &str) -> Result<Record> {
        let searcher = self.reader.searcher();
        let query = join::KeySetQuery::new(
            index::KEY_FIELD,
            std::iter::once(index::record_key(id)).collect(),
        );
        let found = searcher.search(
            &query,
            &TopDocs::with_limit(RECORDS_PER_KEY).order_by_score(),
        )?;
        for (_, address) in found {
            let mut record = load_record(&searcher, self.fields(), address)?;
            if record.id != id {
                continue;
            }
            if let Some(pair) = self.pair_of(id)? {
                record.counterpart = Some(counterpart_from(&pair, pair.lt == id));
            }
            return Ok(record);
        }
        Err(Error::UnknownId(id.to_string()))
    }

    /// Every record, in id order (file, then position), counterparts filled in.
    pub fn all_records(&self) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        self.for_each_record(|record| {
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// Hands every record to `each`, in id order (file, then position), counterparts
    /// filled in, one at a time: the order comes from the source and ordinal columns, and
    /// only the pairs are held besides, so `export` and `pairs` of any corpus hold one
    /// record at a time.
    pub fn for_each_record(&self, mut each: impl FnMut(Record) -> Result<()>) -> Result<()> {
        let searcher = self.reader.searcher();
        // Each document as (its source's number in `sources`, ordinal, address).
        let mut sources: Vec<String> = Vec::new();
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<(u32, u64, DocAddress)> = Vec::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let fast = segment.fast_fields();
            let Some(source_column) = fast.str(field::SOURCE)? else {
                continue;
            };
            let ordinals = fast.u64(field::ORDINAL)?;
            let start = order.len();
            let mut ords = Vec::new();
            for doc in segment.doc_ids_alive() {
                let ord = source_column.term_ords(doc).next().unwrap_or(u64::MAX);
                ords.push(ord);
                let address = DocAddress::new(segment_ord as u32, doc);
                order.push((0, ordinals.first(doc).unwrap_or(0), address));
            }
            let names = index::decode_ords(&source_column, ords.iter().copied())?;
            for (entry, ord) in order[start..].iter_mut().zip(ords) {
                let name = names
                    .get(&ord)
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                entry.0 = match numbers.get(&name) {
                    Some(&number) => number,
                    None => {
                        let number = sources.len() as u32;
                        numbers.insert(name.clone(), number);
                        sources.push(name);
                        number
                    }
                };
            }
        }
        drop(numbers);
        order.sort_by(|a, b| (&sources[a.0 as usize], a.1).cmp(&(&sources[b.0 as usize], b.1)));
        let pairs = self.pairs.all().map_err(|why| self.damaged(why))?;
        let mut by_id: HashMap<&str, (&StoredPair, bool)> = HashMap::new();
        for pair in &pairs {
            by_id.insert(&pair.lt, (pair, true));
            by_id.insert(&pair.en, (pair, false));
        }
        for (_, _, address) in order {
            let mut record = load_record(&searcher, self.fields(), address)?;
            if let Some((pair, is_lt)) = by_id.get(record.id.as_str()) {
                record.counterpart = Some(counterpart_from(pair, *is_lt));
            }
            each(record)?;
        }
        Ok(())
    }
}

fn damaged(what: &str, err: &serde_json::Error) -> Error {
    Error::Tantivy(tantivy::TantivyError::InternalError(format!(
        "stored {what} is damaged ({err}); rebuild with `bireport index --rebuild`"
    )))
}

/// The record stored at `address`.
pub(super) fn load_record(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> Result<Record> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text_of = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    };
    let stored = StoredRecord::from_parts(text_of(fields.record), text_of(fields.record_text))
        .map_err(|err| damaged("record", &err))?;
    Ok(crate::ingest::restore(stored))
}
