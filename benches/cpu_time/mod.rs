//! Thread CPU time as a criterion measurement. The benchmark machine is two cores shared with
//! other builds; wall time then counts the time this thread waited for a core, CPU time only
//! the time it ran. Read from `/proc/thread-self/schedstat` (nanoseconds on a core); where
//! that file is missing, wall time.

use std::time::Instant;

use criterion::Throughput;
use criterion::measurement::{Measurement, ValueFormatter};

/// Nanoseconds of CPU time the current thread has used, if the kernel says.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement: CPU time of the benchmarking thread, in nanoseconds.
pub struct ThreadCpuTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = (Option<u64>, Instant);
    type Value = u64;

    fn start(&self) -> Self::Intermediate {
        (thread_cpu_ns(), Instant::now())
    }

    fn end(&self, (cpu, wall): Self::Intermediate) -> u64 {
        match (cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => u64::try_from(wall.elapsed().as_nanos()).unwrap_or(u64::MAX),
        }
    }

    fn add(&self, v1: &u64, v2: &u64) -> u64 {
        v1 + v2
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Formats nanoseconds of CPU time, and rates per CPU second (bytes in decimal MB/s).
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns cpu")
        } else if ns < 1e6 {
            (1e-3, "µs cpu")
        } else if ns < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        for v in values {
            *v *= factor;
        }
        unit
    }

    fn scale_throughputs(&self, typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let (per_iter, bytes) = match *throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (b as f64, true),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => (e as f64, false),
            Throughput::Bits(b) => (b as f64, false),
        };
        let rate = per_iter * 1e9 / typical;
        let (denominator, unit) = match (bytes, rate) {
            (true, r) if r >= 1e6 => (1e6, "MB/s"),
            (true, _) => (1e3, "KB/s"),
            (false, r) if r >= 1e6 => (1e6, "Melem/s"),
            (false, r) if r >= 1e3 => (1e3, "Kelem/s"),
            (false, _) => (1.0, "elem/s"),
        };
        for v in values {
            *v = per_iter * 1e9 / *v / denominator;
        }
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
