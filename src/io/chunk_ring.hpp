#pragma once
// The threads of the chunked importers (the native CSV's, the portal JSON's): chunks taken in
// index order by several threads into a ring of slots, and handed to the calling thread in order,
// which applies them alone (appends, registrations, warnings). The calling thread also takes a
// chunk whenever the next one it must apply is not ready: so `threads` threads share the cores,
// rather than `threads` takers starving the one that applies (on two cores the applier is the
// critical path).

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parmetrics::detail {

/// Runs `take(thread, i, slot, stopping)` for chunks 0 .. n - 1 on `threads` threads (thread 0
/// is the calling one; each thread may keep state of its own by its number), and
/// `apply(i, slot)` on the calling thread in chunk order; `apply` returning true stops there.
/// `take` returns false when it gave up because `stopping` was set (the import stops). An
/// exception from either stops the threads and propagates.
template <class Slot, class Take, class Apply>
void run_chunk_ring(std::size_t n, unsigned threads, Take&& take, Apply&& apply) {
  struct Cell {
    Slot slot;
    bool ready = false;
    std::exception_ptr error;
  };
  const std::size_t ring = 2 * static_cast<std::size_t>(threads) + 2;
  std::vector<Cell> cells(ring);
  std::mutex mutex;
  std::condition_variable cv;
  std::size_t applied = 0;
  bool abort = false;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> next{0};

  // Takes chunk i into its cell; false when the import stops meanwhile.
  auto run = [&](unsigned thread, std::size_t i) {
    Cell& cell = cells[i % ring];
    std::exception_ptr error;
    try {
      if (!take(thread, i, cell.slot, static_cast<const std::atomic<bool>&>(stopping))) {
        return false;
      }
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mutex);
      cell.error = error;
      cell.ready = true;
    }
    cv.notify_all();
    return true;
  };
  auto worker = [&](unsigned thread) {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return abort || i < applied + ring; });
        if (abort) return;
      }
      if (!run(thread, i)) return;
    }
  };
  // The next chunk not taken, when its cell is free; false when there is none.
  auto help = [&](std::size_t applied_here) {
    std::size_t j = next.load();
    while (j < n && j < applied_here + ring) {
      if (next.compare_exchange_weak(j, j + 1)) return run(0, j);
    }
    return false;
  };
  std::vector<std::thread> pool;
  auto stop_pool = [&] {
    {
      std::lock_guard lock(mutex);
      abort = true;
    }
    stopping.store(true, std::memory_order_relaxed);
    cv.notify_all();
    for (auto& th : pool) th.join();
    pool.clear();
  };
  try {
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    for (std::size_t i = 0; i < n; ++i) {
      Cell& cell = cells[i % ring];
      for (;;) {
        {
          std::lock_guard lock(mutex);
          if (cell.ready) break;
        }
        if (help(i)) continue;
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return cell.ready; });
        break;
      }
      if (cell.error) std::rethrow_exception(cell.error);
      if (apply(i, cell.slot)) break;
      {
        std::lock_guard lock(mutex);
        cell.ready = false;
        ++applied;
      }
      cv.notify_all();
    }
  } catch (...) {
    stop_pool();
    throw;
  }
  stop_pool();
}

}  // namespace parmetrics::detail
