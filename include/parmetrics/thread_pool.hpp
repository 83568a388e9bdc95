#pragma once
// Worker threads that the engine's passes run on (ReportOptions::pool), so that a service that
// computes many reports starts its threads once instead of at every call.
//
// Thread-safety: run() may be called from several threads at once (their tasks share the
// workers); the pool must outlive every call, and is destroyed when none is running.

#include <functional>
#include <memory>

#include <parmetrics/export.hpp>

namespace parmetrics {

class PARMETRICS_API ThreadPool {
 public:
  /// Starts `workers` threads; 0: one per core but one (the thread that calls run() works too).
  explicit ThreadPool(unsigned workers = 0);
  /// Joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// The workers and the calling thread: how many tasks run at once.
  unsigned concurrency() const noexcept;

  /// Runs task(0) … task(tasks - 1) on the workers and the calling thread, and returns when all
  /// have returned. An exception a task throws is rethrown here once all have finished (the
  /// first one, when several throw).
  void run(unsigned tasks, const std::function<void(unsigned)>& task);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parmetrics
