//! What the list of flows searches: the index the server sends for one language, read the
//! first time the person searches in it (the first screen does not carry it), and kept, ready
//! for matching, for the rest of the visit.

use std::cell::RefCell;

use signpost_flow::api::SEARCH_INDEX_PATH;
use signpost_flow::search::{SearchIndex, Searcher};
use signpost_flow::Lang;

use crate::api::{self, ApiError};

thread_local! {
    /// The searcher of each language read in this visit. Each lives as long as the page, as
    /// the results shown borrow it.
    static READ: RefCell<Vec<(Lang, &'static Searcher)>> = const { RefCell::new(Vec::new()) };
}

/// The searcher for `lang`, read from the server unless this visit has it.
pub async fn searcher(lang: Lang) -> Result<&'static Searcher, ApiError> {
    if let Some(read) =
        READ.with_borrow(|read| read.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s))
    {
        return Ok(read);
    }
    let index: SearchIndex = api::get(SEARCH_INDEX_PATH, &[("lang", lang.code())]).await?;
    let searcher: &'static Searcher = Box::leak(Box::new(Searcher::new(index, lang)));
    READ.with_borrow_mut(|read| read.push((lang, searcher)));
    Ok(searcher)
}
