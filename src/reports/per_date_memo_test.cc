// PerDateMemo under real concurrency: threads released together, computations that wait for
// each other (so a memo that serialized them would time out, not pass), failures and
// exceptions reaching every waiter.
#include "reports/per_date_memo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace flywheel {
namespace {

using std::chrono::milliseconds;
using Memo = PerDateMemo<int>;

// Waits until `done()` holds or `timeout` passes; returns whether it held.
template <typename F>
bool WaitFor(F done, milliseconds timeout = milliseconds(10000)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

Memo::Value Make(int v) { return std::make_shared<const int>(v); }

TEST(PerDateMemoTest, ConcurrentCallersOfOneDateShareOneComputation) {
  constexpr int kThreads = 8;
  Memo memo(2);
  std::atomic<int> computations{0}, arrived{0};
  std::atomic<bool> all_arrived_during_compute{false};
  std::latch start(kThreads);
  std::vector<Memo::Value> results(kThreads, Memo::Value(Status::Io("not run")));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      ++arrived;
      results[t] = memo.Get(100, [&] {
        ++computations;
        // Every other caller waits inside Get while this computation runs.
        all_arrived_during_compute = WaitFor([&] { return memo.Readers(100) == kThreads - 1; });
        std::this_thread::sleep_for(milliseconds(20));
        return Make(42);
      });
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(computations.load(), 1);
  EXPECT_TRUE(all_arrived_during_compute.load());
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->get(), results[0]->get());  // the same object
    EXPECT_EQ(**r, 42);
  }
}

// Two dates compute at the same time: each computation waits until the other has started, so
// a memo that held its lock while computing would fail here (by timeout), not pass.
TEST(PerDateMemoTest, DifferentDatesComputeAtTheSameTime) {
  Memo memo(2);
  std::atomic<int> started{0};
  std::atomic<bool> overlapped_a{false}, overlapped_b{false};
  auto run = [&](Day day, std::atomic<bool>* overlapped) {
    return memo.Get(day, [&] {
      ++started;
      *overlapped = WaitFor([&] { return started.load() == 2; }, milliseconds(5000));
      return Make(static_cast<int>(day));
    });
  };
  Memo::Value a(Status::Io("")), b(Status::Io(""));
  std::thread ta([&] { a = run(1, &overlapped_a); });
  std::thread tb([&] { b = run(2, &overlapped_b); });
  ta.join();
  tb.join();
  EXPECT_TRUE(overlapped_a.load());
  EXPECT_TRUE(overlapped_b.load());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(**a, 1);
  EXPECT_EQ(**b, 2);
}

// An exception reaches the computing caller and every caller waiting for it; it is not kept.
TEST(PerDateMemoTest, AnExceptionReachesEveryWaiterAndIsNotKept) {
  constexpr int kWaiters = 4;
  Memo memo(1);
  std::atomic<int> arrived{0}, thrown{0};
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::atomic<bool> computing{false};
  std::thread computer([&] {
    try {
      (void)memo.Get(7, [&]() -> Memo::Value {
        computing = true;
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return release; });
        throw std::runtime_error("boom");
      });
    } catch (const std::runtime_error& e) {
      if (std::string(e.what()) == "boom") ++thrown;
    }
  });
  // The waiters start once the computation is under way (the date is taken).
  ASSERT_TRUE(WaitFor([&] { return computing.load(); }));
  std::vector<std::thread> waiters;
  for (int i = 0; i < kWaiters; ++i) {
    waiters.emplace_back([&] {
      ++arrived;
      try {
        (void)memo.Get(7, [&] { return Make(-1); });  // would be a second computation
      } catch (const std::runtime_error& e) {
        if (std::string(e.what()) == "boom") ++thrown;
      }
    });
  }
  ASSERT_TRUE(WaitFor([&] { return memo.Readers(7) == kWaiters; }));
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  computer.join();
  for (auto& w : waiters) w.join();
  EXPECT_EQ(thrown.load(), 1 + kWaiters);
  // Not kept: the next call computes.
  int computations = 0;
  auto v = memo.Get(7, [&] {
    ++computations;
    return Make(8);
  });
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(**v, 8);
  EXPECT_EQ(computations, 1);
}

TEST(PerDateMemoTest, FailuresAreReturnedAndNotKept) {
  Memo memo(2);
  int computations = 0;
  auto fail = [&] {
    ++computations;
    return Memo::Value(Status::BadData("fx.csv: no rate for EUR in 2026-01"));
  };
  auto r = memo.Get(5, fail);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "fx.csv: no rate for EUR in 2026-01");
  r = memo.Get(5, fail);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(computations, 2);
}

TEST(PerDateMemoTest, KeepsTheLatestDatesOnly) {
  Memo memo(2);
  int computations = 0;
  auto make = [&](int v) {
    return [&computations, v] {
      ++computations;
      return Make(v);
    };
  };
  (void)memo.Get(1, make(1));
  (void)memo.Get(2, make(2));
  (void)memo.Get(1, make(1));  // kept; 1 is now the most recently used
  EXPECT_EQ(computations, 2);
  (void)memo.Get(3, make(3));  // evicts 2
  (void)memo.Get(1, make(1));
  EXPECT_EQ(computations, 3);
  (void)memo.Get(2, make(2));
  EXPECT_EQ(computations, 4);
}

// A slow computation that fails after the memo was cleared and the date computed again
// must not remove the newer, good entry.
TEST(PerDateMemoTest, AStaleFailureLeavesANewerEntryInPlace) {
  Memo memo(2);
  std::mutex mu;
  std::condition_variable cv;
  bool release = false, started = false;
  std::thread slow([&] {
    auto r = memo.Get(9, [&] {
      std::unique_lock<std::mutex> lock(mu);
      started = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return Memo::Value(Status::Io("late failure"));
    });
    EXPECT_FALSE(r.ok());
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  memo.Clear();
  auto fresh = memo.Get(9, [] { return Make(99); });
  ASSERT_TRUE(fresh.ok());
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  slow.join();
  int computations = 0;
  auto kept = memo.Get(9, [&] {
    ++computations;
    return Make(-1);
  });
  EXPECT_EQ(computations, 0);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(**kept, 99);
}

}  // namespace
}  // namespace flywheel
