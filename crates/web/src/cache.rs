//! Pages made from the registry, kept while the registry does not change.
//!
//! The busiest pages (an instrument, the mandate list) are functions of their address and of the registry alone;
//! what depends on the visitor (name, role, the sign-out form's token) is in the frame around them, made anew for
//! each request. A kept page is used only while the registry's change mark ([`mandates_store::Store::changes`])
//! is the one it was made under, so an update, an ingest or another process's write is seen by the next request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The part of a page kept: its title and the HTML of its main content.
#[derive(Debug)]
pub struct Page {
    pub title: String,
    pub body: String,
}

impl Page {
    fn bytes(&self) -> usize {
        self.title.len() + self.body.len()
    }
}

/// At most this many bytes of pages are kept (a mandate list of 100 rows is about 50 KB).
const BUDGET: usize = 32 << 20;

#[derive(Default)]
pub struct PageCache {
    kept: Mutex<Kept>,
    /// A gate per page being made, so that a burst of requests for a page not kept makes it once.
    making: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct Kept {
    /// The registry's change mark the pages were made under.
    mark: Option<i64>,
    pages: HashMap<String, Arc<Page>>,
    bytes: usize,
}

impl PageCache {
    /// The page kept for `key`, if it was made under `mark`.
    pub fn get(&self, key: &str, mark: i64) -> Option<Arc<Page>> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.mark != Some(mark) {
            return None;
        }
        kept.pages.get(key).cloned()
    }

    /// Keep `page`, made under `mark`. Pages of an older mark are dropped; when the budget is spent, all are.
    pub fn put(&self, key: String, mark: i64, page: Arc<Page>) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.mark != Some(mark) || kept.bytes + page.bytes() > BUDGET {
            kept.pages.clear();
            kept.bytes = 0;
            kept.mark = Some(mark);
        }
        kept.bytes += page.bytes();
        if let Some(old) = kept.pages.insert(key, page) {
            kept.bytes -= old.bytes();
        }
    }
}

impl PageCache {
    /// Wait for the turn to make the page known by `key`: one request at a time makes a given page (the others
    /// then find it kept); other pages are made meanwhile.
    pub async fn turn(&self, key: &str) -> Turn<'_> {
        let gate = {
            let mut making = self.making.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(making.entry(key.to_owned()).or_default())
        };
        let guard = gate.lock_owned().await;
        Turn { cache: self, key: key.to_owned(), guard: Some(guard) }
    }
}

/// The turn to make one page; the gate goes when the last one waiting for it is done.
pub struct Turn<'a> {
    cache: &'a PageCache,
    key: String,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.guard = None;
        let mut making = self.cache.making.lock().unwrap_or_else(|p| p.into_inner());
        // Only the map holds it: nobody waits.
        if making.get(&self.key).is_some_and(|gate| Arc::strong_count(gate) == 1) {
            making.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Arc<Page> {
        Arc::new(Page { title: "t".into(), body: body.into() })
    }

    #[test]
    fn a_page_is_used_only_under_the_mark_it_was_made_under() {
        let cache = PageCache::default();
        assert!(cache.get("/mandates", 1).is_none());
        cache.put("/mandates".into(), 1, page("one"));
        assert_eq!(cache.get("/mandates", 1).unwrap().body, "one");
        assert!(cache.get("/mandates?offset=100", 1).is_none());
        // The registry changed: the page is not used, and a page of the new mark replaces all of the old.
        assert!(cache.get("/mandates", 2).is_none());
        cache.put("/instruments/3".into(), 2, page("three"));
        assert!(cache.get("/mandates", 2).is_none());
        assert!(cache.get("/instruments/3", 1).is_none());
        assert_eq!(cache.get("/instruments/3", 2).unwrap().body, "three");
    }

    #[test]
    fn the_budget_bounds_what_is_kept() {
        let cache = PageCache::default();
        let big = "x".repeat(BUDGET / 3);
        for n in 0..3 {
            cache.put(format!("/p{n}"), 7, page(&big));
        }
        let kept = cache.kept.lock().unwrap();
        assert!(kept.bytes <= BUDGET, "{} bytes kept", kept.bytes);
        assert_eq!(kept.bytes, kept.pages.values().map(|p| p.bytes()).sum::<usize>());
    }

    #[tokio::test]
    async fn makers_of_one_page_take_turns_and_the_gate_goes_after() {
        let cache = PageCache::default();
        let first = cache.turn("/mandates").await;
        // Another page is not held up.
        drop(cache.turn("/instruments/3").await);
        let waiting = cache.turn("/mandates");
        tokio::pin!(waiting);
        assert!(futures_poll_once(waiting.as_mut()).await.is_none(), "the second maker went in before the first left");
        drop(first);
        drop(waiting.await);
        assert!(cache.making.lock().unwrap().is_empty());
    }

    /// Poll a future once: its output if it is ready.
    async fn futures_poll_once<F: std::future::Future + Unpin>(f: F) -> Option<F::Output> {
        let mut f = f;
        std::future::poll_fn(|cx| {
            std::task::Poll::Ready(match std::pin::Pin::new(&mut f).poll(cx) {
                std::task::Poll::Ready(out) => Some(out),
                std::task::Poll::Pending => None,
            })
        })
        .await
    }
}
