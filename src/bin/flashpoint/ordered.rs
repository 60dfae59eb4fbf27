//! Parallel work over a stream, results taken in input order: `analyze` and `replay` read
//! articles on every core and still print (and feed the engine) in file order.

use std::num::NonZeroUsize;
use std::ops::ControlFlow;

use rayon::prelude::*;

/// Items worked on together: large enough that a batch's last straggler costs little, small
/// enough that memory stays bounded whatever the input's size.
pub const BATCH: usize = 512;

/// A pool of `threads` threads (default: one per core).
pub fn pool(threads: Option<NonZeroUsize>) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.map_or(0, NonZeroUsize::get))
        .thread_name(|i| format!("flashpoint-{i}"))
        .build()
        .map_err(|e| format!("threads: {e}"))
}

/// Runs `work` over `items` in parallel on the current rayon pool, batch by batch, and hands
/// each result to `consume` in input order until it breaks. While one batch is worked on,
/// the previous batch is consumed and the next one taken from `items`, so the serial ends
/// (reading, printing, the engine) overlap the parallel middle.
pub fn for_each_in_order<T, R>(
    items: impl Iterator<Item = T> + Send,
    work: impl Fn(T) -> R + Sync,
    mut consume: impl FnMut(R) -> ControlFlow<()> + Send,
) where
    T: Send,
    R: Send,
{
    // One thread: no batches and no hand-offs, each item worked and consumed in turn.
    if rayon::current_num_threads() == 1 {
        for item in items {
            if consume(work(item)).is_break() {
                return;
            }
        }
        return;
    }
    let mut items = items;
    let mut next: Vec<T> = items.by_ref().take(BATCH).collect();
    let mut done: Vec<R> = Vec::new();
    while !(next.is_empty() && done.is_empty()) {
        let batch = std::mem::take(&mut next);
        let (results, (flow, following)) = rayon::join(
            || batch.into_par_iter().map(&work).collect::<Vec<R>>(),
            || {
                let flow = done.drain(..).try_for_each(&mut consume);
                (flow, items.by_ref().take(BATCH).collect::<Vec<T>>())
            },
        );
        if flow.is_break() {
            return;
        }
        done = results;
        next = following;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        for threads in [1, 2, 4] {
            let pool = pool(NonZeroUsize::new(threads)).expect("pool");
            let mut got = Vec::new();
            pool.install(|| {
                for_each_in_order(
                    0..3 * BATCH + 7,
                    |i| i * 2,
                    |r| {
                        got.push(r);
                        ControlFlow::Continue(())
                    },
                );
            });
            assert_eq!(got, (0..3 * BATCH + 7).map(|i| i * 2).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn a_break_stops_the_stream() {
        let mut got = Vec::new();
        let mut taken = 0;
        for_each_in_order(
            (0..10 * BATCH).inspect(|_| taken += 1),
            |i| i,
            |r| {
                got.push(r);
                if r == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            },
        );
        assert_eq!(got, [0, 1, 2, 3]);
        assert!(taken <= 3 * BATCH, "read on after the break: {taken}");
    }
}
