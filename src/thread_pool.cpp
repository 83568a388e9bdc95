#include <parmetrics/thread_pool.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parmetrics {

namespace {

/// One call of run(): its tasks are claimed one by one, by the workers and by the caller.
struct Job {
  const std::function<void(unsigned)>* task = nullptr;
  unsigned tasks = 0;
  unsigned next = 0;      ///< the first task not yet claimed
  unsigned finished = 0;  ///< tasks that have returned
  std::exception_ptr error;
  std::condition_variable done;
};

}  // namespace

struct ThreadPool::Impl {
  std::mutex mutex;
  std::condition_variable work;
  std::deque<Job*> jobs;  ///< jobs with tasks not yet claimed, oldest first
  bool stop = false;
  std::vector<std::thread> threads;

  /// Claims the next task of `job` (the caller holds the lock); false when all are claimed.
  bool claim(Job& job, unsigned& t) {
    if (job.next == job.tasks) return false;
    t = job.next++;
    if (job.next == job.tasks) jobs.erase(std::find(jobs.begin(), jobs.end(), &job));
    return true;
  }

  /// Runs task t of `job` without the lock, then counts it.
  void execute(Job& job, unsigned t, std::unique_lock<std::mutex>& lock) {
    lock.unlock();
    std::exception_ptr error;
    try {
      (*job.task)(t);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error && !job.error) job.error = error;
    if (++job.finished == job.tasks) job.done.notify_all();
  }

  void worker() {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      work.wait(lock, [&] { return stop || !jobs.empty(); });
      if (stop) return;
      Job& job = *jobs.front();
      unsigned t = 0;
      if (claim(job, t)) execute(job, t, lock);
    }
  }
};

ThreadPool::ThreadPool(unsigned workers) : impl_(std::make_unique<Impl>()) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency()) - 1;
  impl_->threads.reserve(workers);
  for (unsigned i = 0; i < workers; ++i) impl_->threads.emplace_back([this] { impl_->worker(); });
}

ThreadPool::~ThreadPool() {
  {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->work.notify_all();
  for (std::thread& t : impl_->threads) t.join();
}

unsigned ThreadPool::concurrency() const noexcept {
  return static_cast<unsigned>(impl_->threads.size()) + 1;
}

void ThreadPool::run(unsigned tasks, const std::function<void(unsigned)>& task) {
  if (tasks == 0) return;
  Job job;
  job.task = &task;
  job.tasks = tasks;
  std::unique_lock<std::mutex> lock(impl_->mutex);
  impl_->jobs.push_back(&job);
  impl_->work.notify_all();
  // The caller works on its own job only, then waits for the tasks the workers took.
  for (unsigned t = 0; impl_->claim(job, t);) impl_->execute(job, t, lock);
  job.done.wait(lock, [&] { return job.finished == job.tasks; });
  lock.unlock();
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace parmetrics
