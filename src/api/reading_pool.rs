//! The threads articles are read on: a rayon pool sized to the cores, off the async
//! runtime, so a tokio worker never stalls on analysis and ingest uses every core.
//!
//! Why rayon rather than `spawn_blocking` behind a semaphore: analysis is pure CPU work, and
//! a pool of exactly one thread per core runs it without oversubscribing the cores, without
//! a permit to manage, and on long-lived threads whose per-thread analyzer buffers stay warm
//! (tokio's blocking pool is sized for blocking I/O, up to 512 threads, and retires idle
//! ones). The CLI's `--threads` runs on the same kind of pool.

use crate::analysis::Analyzer;
use crate::model::Article;
use crate::reading::{self, Reading};

/// A pool of threads that read articles; dropping it stops the threads once their work is
/// done.
#[derive(Debug)]
pub struct ReadingPool {
    analyzer: Analyzer,
    pool: rayon::ThreadPool,
}

/// A reading that did not finish: the pool is gone or the analyzer panicked.
#[derive(Debug, thiserror::Error)]
#[error("the reading of article {0:?} did not finish")]
pub struct Unfinished(pub String);

impl ReadingPool {
    /// A pool of `threads` threads (0: one per core) reading with `analyzer`.
    ///
    /// # Errors
    /// When the threads cannot be started.
    pub fn new(analyzer: Analyzer, threads: usize) -> Result<Self, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("flashpoint-read-{i}"))
            // The analyzer never panics; should it, the request fails (its reply is dropped)
            // and the thread goes on, instead of rayon aborting the process.
            .panic_handler(|_| tracing::error!("the analyzer panicked; the article's request fails"))
            .build()?;
        Ok(ReadingPool { analyzer, pool })
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Reads `article` on the pool and hands the reading to `then` there (so its results,
    /// such as the engine's facts, are built off the runtime too).
    ///
    /// # Errors
    /// [`Unfinished`] when the reading panicked.
    pub async fn read<T: Send + 'static>(
        &self,
        article: Article,
        then: impl FnOnce(Reading<'_>) -> T + Send + 'static,
    ) -> Result<T, Unfinished> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let analyzer = self.analyzer.clone();
        let id = article.id.clone();
        self.pool.spawn(move || {
            let _ = tx.send(then(reading::read(&analyzer, &article)));
        });
        rx.await.map_err(|_| Unfinished(id))
    }
}
