#pragma once
// State a const object completes on its first use (a registry resolving itself), safely from
// several threads: the first reader does the work under the lock, the others wait for it, and
// once done no reader takes the lock again. A copy starts with a lock of its own.

#include <atomic>
#include <mutex>

namespace parmetrics::detail {

class CompletedOnce {
 public:
  CompletedOnce() = default;
  CompletedOnce(const CompletedOnce& other) : done_(other.done()) {}
  CompletedOnce& operator=(const CompletedOnce& other) {
    done_.store(other.done(), std::memory_order_release);
    return *this;
  }

  bool done() const noexcept { return done_.load(std::memory_order_acquire); }
  /// Marks the state stale: a writer's call, never concurrent with readers.
  void reset() noexcept { done_.store(false, std::memory_order_release); }

  /// Runs `complete` once the state is stale, under the lock; a `complete` that throws leaves it
  /// stale (the next call tries again, and throws the same).
  template <class F>
  void ensure(F&& complete) const {
    if (done()) return;
    const std::lock_guard<std::mutex> hold(lock_);
    if (done()) return;
    complete();
    done_.store(true, std::memory_order_release);
  }

 private:
  mutable std::atomic<bool> done_{false};
  mutable std::mutex lock_;
};

}  // namespace parmetrics::detail
