//! Synthetic corpus generator for benchmarks (built by the benchmarks helper).
